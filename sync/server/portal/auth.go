package portal

import (
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/aktivasi"
	"github.com/bkpsdm-sorong/imbang/backend/auth"
	"github.com/bkpsdm-sorong/imbang/sync/server"
)

// Activation and login. Messages never say whether a NIP exists; every
// attempt counts against the client's IP, failures against the account.

func (p *Portal) home(q *req) error {
	if q.s.PegawaiID != "" && !q.s.Pending {
		p.redirect(q, "/portal/data")
	} else {
		p.redirect(q, "/portal/masuk")
	}
	return nil
}

func (p *Portal) lang(q *req) error {
	l := q.r.URL.Query().Get("ke")
	if l != "en" {
		l = "id"
	}
	q.s.Lang, q.lang = l, l
	if err := p.st.PutPortalSession(q.r.Context(), *q.s); err != nil {
		return err
	}
	next := q.r.URL.Query().Get("lanjut")
	if !strings.HasPrefix(next, "/portal/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		next = "/portal/"
	}
	p.redirect(q, next)
	return nil
}

// ipLimited counts the attempt against the client's IP and reports whether
// it is over the limit.
func (p *Portal) ipLimited(q *req) (bool, error) {
	n, err := p.st.PortalAttempt(q.r.Context(), "ip:"+clientAddr(q.r, p.cfg.TrustedProxies), p.now(), p.cfg.AttemptWindow)
	if err != nil {
		return false, err
	}
	if n > p.cfg.MaxIPAttempts {
		p.srv.PortalEvent("rate_limited")
		return true, nil
	}
	return false, nil
}

// pegawaiByNIP finds the live employee with the NIP ("" if none).
func (p *Portal) pegawaiByNIP(q *req, nip string) (string, error) {
	nip = strings.ReplaceAll(strings.TrimSpace(nip), " ", "")
	if nip == "" || len(nip) > 30 {
		return "", nil
	}
	rows, err := p.rowsBy(q.r.Context(), "pegawai", "nip", nip)
	if err != nil {
		return "", err
	}
	for id, r := range rows {
		if str(r["keluar_pada"]) == "" {
			return id, nil
		}
	}
	return "", nil
}

func (p *Portal) activationForm(q *req) error {
	p.render(q, 200, "aktivasi", map[string]any{})
	return nil
}

func (p *Portal) activate(q *req) error {
	ctx := q.r.Context()
	f := map[string]any{"NIP": q.r.PostFormValue("nip")}
	fail := func(key string) error {
		p.srv.PortalEvent("activation_failed")
		f["Error"] = q.T(key)
		p.render(q, 400, "aktivasi", f)
		return nil
	}
	if lim, err := p.ipLimited(q); err != nil {
		return err
	} else if lim {
		return fail("err.rate")
	}
	pw, pw2 := q.r.PostFormValue("password"), q.r.PostFormValue("password2")
	if pw != pw2 {
		return fail("err.password_mismatch")
	}
	pegID, err := p.pegawaiByNIP(q, q.r.PostFormValue("nip"))
	if err != nil {
		return err
	}
	if pegID == "" {
		return fail("err.activation")
	}
	key := "akt:" + pegID
	if n, err := p.st.PortalAttempts(ctx, key, p.now(), p.cfg.AttemptWindow); err != nil {
		return err
	} else if n >= p.cfg.MaxAccountFailures {
		p.srv.PortalEvent("lockout")
		return fail("err.locked")
	}
	// only the newest letter counts: a new letter voids the older codes
	letters, err := p.rowsBy(ctx, "portal_aktivasi", "pegawai_id", pegID)
	if err != nil {
		return err
	}
	type letter struct {
		id string
		r  row
	}
	var ls []letter
	for id, r := range letters {
		ls = append(ls, letter{id, r})
	}
	sort.Slice(ls, func(i, j int) bool {
		a, b := str(ls[i].r["dibuat_pada"]), str(ls[j].r["dibuat_pada"])
		return a > b || (a == b && ls[i].id > ls[j].id)
	})
	ok := false
	var use letter
	if len(ls) > 0 {
		use = ls[0]
		exp, _ := time.Parse(time.RFC3339Nano, str(use.r["kedaluwarsa"]))
		ok = !truthy(use.r["dicabut"]) && p.now().Before(exp) && aktivasi.Matches(pegID, q.r.PostFormValue("kode"), str(use.r["kode_hash"]))
	}
	if !ok {
		if _, err := p.st.PortalAttempt(ctx, key, p.now(), p.cfg.AttemptWindow); err != nil {
			return err
		}
		return fail("err.activation")
	}
	if err := auth.CheckPassword(pw, strings.Join(strings.Fields(q.r.PostFormValue("nip")), "")); err != nil {
		f["Error"] = msgOf(err, q.lang)
		p.render(q, 400, "aktivasi", f)
		return nil
	}
	hash, err := auth.Hash(pw, auth.DefaultParams)
	if err != nil {
		return err
	}
	now := p.now()
	created := now
	if old, err := p.st.PortalAccount(ctx, pegID); err == nil {
		created = old.Created
	} else if !errors.Is(err, server.ErrNotFound) {
		return err
	}
	fresh, err := p.st.ActivatePortal(ctx, use.id, server.PortalAccount{PegawaiID: pegID, PasswordHash: hash, Created: created, Updated: now})
	if err != nil {
		return err
	}
	if !fresh {
		return fail("err.activation")
	}
	_ = p.st.ClearPortalAttempts(ctx, key)
	_ = p.st.ClearPortalAttempts(ctx, "acct:"+pegID)
	p.srv.PortalEvent("activated")
	p.log.Info("portal: account activated")
	if err := p.newSession(q, pegID, false); err != nil {
		return err
	}
	p.redirect(q, "/portal/data?aktif=1")
	return nil
}

func (p *Portal) loginForm(q *req) error {
	p.render(q, 200, "masuk", map[string]any{})
	return nil
}

func (p *Portal) login(q *req) error {
	ctx := q.r.Context()
	f := map[string]any{"NIP": q.r.PostFormValue("nip")}
	fail := func(key string, status int) error {
		p.srv.PortalEvent("login_failed")
		f["Error"] = q.T(key)
		p.render(q, status, "masuk", f)
		return nil
	}
	if lim, err := p.ipLimited(q); err != nil {
		return err
	} else if lim {
		return fail("err.rate", 429)
	}
	pegID, err := p.pegawaiByNIP(q, q.r.PostFormValue("nip"))
	if err != nil {
		return err
	}
	acct, err := p.st.PortalAccount(ctx, pegID)
	if errors.Is(err, server.ErrNotFound) || pegID == "" {
		auth.Verify(q.r.PostFormValue("password"), dummyHash) // same work as a real check
		return fail("err.login", 401)
	}
	if err != nil {
		return err
	}
	key := "acct:" + pegID
	if n, err := p.st.PortalAttempts(ctx, key, p.now(), p.cfg.AttemptWindow); err != nil {
		return err
	} else if n >= p.cfg.MaxAccountFailures {
		p.srv.PortalEvent("lockout")
		return fail("err.locked", 429)
	}
	if !auth.Verify(q.r.PostFormValue("password"), acct.PasswordHash) {
		n, err := p.st.PortalAttempt(ctx, key, p.now(), p.cfg.AttemptWindow)
		if err != nil {
			return err
		}
		if n >= p.cfg.MaxAccountFailures {
			p.srv.PortalEvent("lockout")
			p.log.Info("portal: account locked after failed logins")
		}
		return fail("err.login", 401)
	}
	if err := p.newSession(q, pegID, acct.TOTPSecret != ""); err != nil {
		return err
	}
	if acct.TOTPSecret != "" {
		p.redirect(q, "/portal/masuk/otp")
		return nil
	}
	_ = p.st.ClearPortalAttempts(ctx, key)
	p.srv.PortalEvent("login")
	p.redirect(q, "/portal/data")
	return nil
}

var dummyHash = func() string { h, _ := auth.Hash("imbang-portal-dummy", auth.DefaultParams); return h }()

func (p *Portal) totpForm(q *req) error {
	if !q.s.Pending {
		p.redirect(q, "/portal/masuk")
		return nil
	}
	p.render(q, 200, "otp", map[string]any{})
	return nil
}

func (p *Portal) totpLogin(q *req) error {
	ctx := q.r.Context()
	if !q.s.Pending || q.s.PegawaiID == "" {
		p.redirect(q, "/portal/masuk")
		return nil
	}
	pegID := q.s.PegawaiID
	key := "acct:" + pegID
	acct, err := p.st.PortalAccount(ctx, pegID)
	if err != nil {
		return err
	}
	n, err := p.st.PortalAttempts(ctx, key, p.now(), p.cfg.AttemptWindow)
	if err != nil {
		return err
	}
	if n >= p.cfg.MaxAccountFailures || !totpOK(acct.TOTPSecret, q.r.PostFormValue("kode"), p.now()) {
		if _, err := p.st.PortalAttempt(ctx, key, p.now(), p.cfg.AttemptWindow); err != nil {
			return err
		}
		p.srv.PortalEvent("login_failed")
		p.render(q, 401, "otp", map[string]any{"Error": q.T("err.otp")})
		return nil
	}
	if err := p.newSession(q, pegID, false); err != nil {
		return err
	}
	_ = p.st.ClearPortalAttempts(ctx, key)
	p.srv.PortalEvent("login")
	p.redirect(q, "/portal/data")
	return nil
}

func (p *Portal) logout(q *req) error {
	if err := p.st.DeletePortalSession(q.r.Context(), q.s.IDHash); err != nil {
		return err
	}
	p.setCookie(q, "", time.Time{})
	p.redirect(q, "/portal/masuk")
	return nil
}

// The security page: the optional second factor.
func (p *Portal) securityForm(q *req) error {
	acct, err := p.st.PortalAccount(q.r.Context(), q.s.PegawaiID)
	if err != nil {
		return err
	}
	p.render(q, 200, "keamanan", map[string]any{"On": acct.TOTPSecret != "", "Secret": NewTOTPSecret()})
	return nil
}

func (p *Portal) security(q *req) error {
	ctx := q.r.Context()
	acct, err := p.st.PortalAccount(ctx, q.s.PegawaiID)
	if err != nil {
		return err
	}
	if !auth.Verify(q.r.PostFormValue("password"), acct.PasswordHash) {
		p.render(q, 400, "keamanan", map[string]any{"On": acct.TOTPSecret != "", "Secret": q.r.PostFormValue("secret"), "Error": q.T("err.password")})
		return nil
	}
	if q.r.PostFormValue("aksi") == "matikan" {
		if err := p.st.SetPortalTOTP(ctx, q.s.PegawaiID, ""); err != nil {
			return err
		}
		p.redirect(q, "/portal/keamanan")
		return nil
	}
	secret := strings.TrimSpace(q.r.PostFormValue("secret"))
	if len(secret) < 16 || !totpOK(secret, q.r.PostFormValue("kode"), p.now()) {
		p.render(q, 400, "keamanan", map[string]any{"Secret": secret, "Error": q.T("err.otp")})
		return nil
	}
	if err := p.st.SetPortalTOTP(ctx, q.s.PegawaiID, secret); err != nil {
		return err
	}
	p.redirect(q, "/portal/keamanan")
	return nil
}
