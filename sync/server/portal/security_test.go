package portal_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/portal"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
)

// submit makes b's employee submit an APS request to the deficit post and
// returns its id.
func (b *browser) submit(reason string) string {
	b.e.t.Helper()
	form := url.Values{"jenis": {"T1"}, "tujuan": {b.e.r.unitB + "|" + b.e.r.jab2}, "alasan": {reason}, "aksi": {"ajukan"}}
	st, loc := b.multipart("/portal/ajukan", "/portal/ajukan", form, map[string][]byte{"dok_SURAT_PERMOHONAN": pdf})
	if st != http.StatusSeeOther {
		b.e.t.Fatalf("submit: %d %.1500s", st, b.last)
	}
	return strings.TrimSuffix(strings.TrimPrefix(loc, "/portal/status/"), "?baru=1")
}

// Employee A asking for B's request, document or record by id gets 404
// and never B's name or NIP.
func TestAnotherEmployeesDataIsNotFound(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		// B's own request to a post in A's OPD
		b := e.browser()
		b.activate(e.r.nipB)
		form := url.Values{"jenis": {"T1"}, "tujuan": {e.r.unitA + "|" + e.r.jab}, "alasan": {"Dekat keluarga."}, "aksi": {"ajukan"}}
		st, loc := b.multipart("/portal/ajukan", "/portal/ajukan", form, map[string][]byte{"dok_SURAT_PERMOHONAN": pdf})
		must(t, st == http.StatusSeeOther, "B's submit: %d %.1500s", st, b.last)
		idB := strings.TrimSuffix(strings.TrimPrefix(loc, "/portal/status/"), "?baru=1")
		docs := e.lookupRows("dokumen_lampiran", "usulan_id", idB)
		must(t, len(docs) == 1, "B's documents: %d", len(docs))
		var docB string
		for _, it := range mustItems(e, "dokumen_lampiran", "usulan_id", idB) {
			docB = it.ID
		}

		a := e.browser()
		a.activate(e.r.nipA)
		for _, path := range []string{"/portal/status/" + idB, "/portal/dokumen/" + docB, "/portal/status/" + e.r.pegB, "/portal/pegawai/" + e.r.pegB} {
			st, body := a.get(path)
			must(t, st == http.StatusNotFound, "%s: %d", path, st)
			must(t, !strings.Contains(body, "Budi") && !strings.Contains(body, e.r.nipB), "%s shows B", path)
		}
		for _, path := range []string{"/portal/data?id=" + e.r.pegB, "/portal/status", "/portal/formasi", "/portal/ajukan", "/portal/minat"} {
			st, body := a.get(path)
			must(t, st == 200, "%s: %d", path, st)
			must(t, !strings.Contains(body, "Budi") && !strings.Contains(body, e.r.nipB) && !strings.Contains(body, idB), "%s shows B's data", path)
		}
		// a forged withdrawal of B's request by A: not found, nothing written
		st, _ = a.post("/portal/status", "/portal/status/"+idB+"/tarik", url.Values{"alasan": {"x"}})
		must(t, st == http.StatusNotFound, "A withdrew B's request: %d", st)
		stB, _ := server.RequestState(e.lookup(), idB)
		must(t, stB.Status == "DIAJUKAN", "B's request changed: %s", stB.Status)
	})
}

func mustItems(e *env, table, col, value string) []*server.Item {
	its, err := e.st.(server.PortalStore).ReadLookup(ctx, server.ItemRow, table, col, value)
	if err != nil {
		e.t.Fatal(err)
	}
	return its
}

// Every POST needs the session's CSRF token: without it, or with another
// session's, nothing is written.
func TestCSRFRequired(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		a := e.browser()
		a.activate(e.r.nipA)
		other := e.browser()
		otherTok := other.csrf("/portal/masuk")
		for _, tok := range []string{"", "forged", otherTok} {
			form := url.Values{"bagian": {"PROFIL"}, "uraian": {"Nama salah eja."}}
			if tok != "" {
				form.Set("csrf", tok)
			}
			st, _ := a.post("", "/portal/laporan", form)
			must(t, st == http.StatusForbidden, "token %q: %d", tok, st)
		}
		must(t, len(e.lookupRows("portal_laporan", "pegawai_id", e.r.pegA)) == 0, "a report was stored without a valid token")
		// a cross-site form (foreign Origin) with the right token is refused too
		req, _ := http.NewRequest("POST", e.ts.URL+"/portal/laporan", strings.NewReader(url.Values{"csrf": {a.csrf("/portal/data")}, "bagian": {"PROFIL"}, "uraian": {"x"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "https://evil.example")
		res, err := a.c.Do(req)
		must(t, err == nil && res.StatusCode == http.StatusForbidden, "foreign origin: %v %v", err, res)
		res.Body.Close()
		// with the token it works
		st, _ := a.post("/portal/data", "/portal/laporan", url.Values{"bagian": {"PROFIL"}, "uraian": {"Nama salah eja."}})
		must(t, st == http.StatusSeeOther, "report with token: %d %.500s", st, a.last)
		must(t, len(e.lookupRows("portal_laporan", "pegawai_id", e.r.pegA)) == 1, "report not stored")
	})
}

// Wrong passwords lock the account (even the right password is refused
// then) and too many attempts from one address are refused.
func TestBruteForceLockedOut(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		a := e.browser()
		a.activate(e.r.nipA)
		a.post("/portal/data", "/portal/keluar", url.Values{})
		for i := range 5 {
			st, _ := a.login(e.r.nipA, "salah-sandi-"+string(rune('a'+i)))
			must(t, st == http.StatusUnauthorized, "wrong password %d: %d", i, st)
		}
		st, body := a.login(e.r.nipA, goodPassword)
		must(t, st == http.StatusTooManyRequests && strings.Contains(body, "dikunci"), "locked account let in: %d", st)
		e.now = e.now.Add(16 * time.Minute) // the lock ends with its window
		st, _ = a.login(e.r.nipA, goodPassword)
		must(t, st == http.StatusSeeOther, "after the lock: %d %.300s", st, a.last)

		// per address: 30 attempts, then refused whatever the account
		c := e.browser()
		for range 31 {
			c.login("199001012015011001", "x")
		}
		st, body = c.login(e.r.nipA, goodPassword)
		must(t, st == http.StatusTooManyRequests && strings.Contains(body, "jaringan"), "rate limit per address: %d", st)
	})
}

// Logging in makes a new session: an id planted before login is worthless.
func TestSessionFixation(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		a := e.browser()
		a.activate(e.r.nipA)
		a.post("/portal/data", "/portal/keluar", url.Values{})
		a.get("/portal/masuk")
		u, _ := url.Parse(e.ts.URL)
		before := a.c.Jar.Cookies(u)[0].Value
		st, _ := a.login(e.r.nipA, goodPassword)
		must(t, st == http.StatusSeeOther, "login: %d", st)
		after := a.c.Jar.Cookies(u)[0].Value
		must(t, before != after, "the session id survived login")
		// the attacker holding the old id is not logged in
		x := e.browser()
		x.c.Jar.SetCookies(u, []*http.Cookie{{Name: "imbang_portal", Value: before, Path: "/"}})
		st, loc := x.get("/portal/data")
		must(t, st == http.StatusSeeOther && loc == "/portal/masuk", "the planted id is logged in: %d %s", st, loc)
		// logout ends the session on the server
		a.post("/portal/data", "/portal/keluar", url.Values{})
		y := e.browser()
		y.c.Jar.SetCookies(u, []*http.Cookie{{Name: "imbang_portal", Value: after, Path: "/"}})
		st, _ = y.get("/portal/data")
		must(t, st == http.StatusSeeOther, "a logged-out id still works: %d", st)
	})
}

// A reason with markup is shown as text, never run.
func TestXSSInReasonIsInert(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		a := e.browser()
		a.activate(e.r.nipA)
		id := a.submit(`<script>alert(1)</script><img src=x onerror=alert(2)>`)
		st, body := a.get("/portal/status/" + id)
		must(t, st == 200, "status: %d", st)
		must(t, !strings.Contains(body, "<script>alert") && !strings.Contains(body, "<img src=x"), "markup rendered: %.2000s", body)
		must(t, strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;"), "reason not shown escaped")
	})
}

// Headers: a strict CSP without inline script, and session cookies that
// scripts cannot read, sent same-site only; over TLS, Secure and __Host-.
func TestHeadersAndCookies(t *testing.T) {
	for _, secure := range []bool{false, true} {
		st, err := sqlitestore.Open(t.TempDir() + "/s.db")
		if err != nil {
			t.Fatal(err)
		}
		e := newEnv(t, st, portal.Config{Secure: secure})
		res, err := http.Get(e.ts.URL + "/portal/masuk")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		csp := res.Header.Get("Content-Security-Policy")
		must(t, strings.Contains(csp, "default-src 'self'") && strings.Contains(csp, "script-src 'self'") && !strings.Contains(csp, "unsafe-inline"), "CSP %q", csp)
		must(t, res.Header.Get("X-Frame-Options") == "DENY" && res.Header.Get("X-Content-Type-Options") == "nosniff", "headers %v", res.Header)
		c := res.Header.Get("Set-Cookie")
		must(t, strings.Contains(c, "HttpOnly") && strings.Contains(c, "SameSite=Lax") && strings.Contains(c, "Path=/"), "cookie %q", c)
		if secure {
			must(t, strings.HasPrefix(c, "__Host-imbang_portal=") && strings.Contains(c, "Secure"), "TLS cookie %q", c)
		}
	}
}

// A session ends after the idle timeout (and at its absolute end).
func TestSessionExpiry(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		a := e.browser()
		a.activate(e.r.nipA)
		e.now = e.now.Add(29 * time.Minute)
		st, _ := a.get("/portal/data")
		must(t, st == 200, "within the idle time: %d", st)
		e.now = e.now.Add(31 * time.Minute)
		st, loc := a.get("/portal/data")
		must(t, st == http.StatusSeeOther && loc == "/portal/masuk", "idle session still valid: %d %s", st, loc)
		a.login(e.r.nipA, goodPassword)
		for range 17 { // active all along, but 8 hours is the end
			e.now = e.now.Add(29 * time.Minute)
			a.get("/portal/data")
		}
		st, _ = a.get("/portal/data")
		must(t, st == http.StatusSeeOther, "session outlived its lifetime")
	})
}

// A password is reset only by a new letter: the newest letter's code is the
// only one that works, and only once.
func TestNewerLetterVoidsOlderCodes(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		old := e.letter(e.r.nipA)
		e.now = e.now.Add(time.Minute)
		fresh := e.letter(e.r.nipA)
		a := e.browser()
		act := func(code string) int {
			st, _ := a.post("/portal/aktivasi", "/portal/aktivasi", url.Values{"nip": {e.r.nipA}, "kode": {code}, "password": {goodPassword}, "password2": {goodPassword}})
			return st
		}
		must(t, act(old) == http.StatusBadRequest, "an older letter's code worked")
		must(t, act(fresh) == http.StatusSeeOther, "the newest code was refused: %.500s", a.last)
		b := e.browser()
		st, _ := b.post("/portal/aktivasi", "/portal/aktivasi", url.Values{"nip": {e.r.nipA}, "kode": {fresh}, "password": {"LainLagi2026x"}, "password2": {"LainLagi2026x"}})
		must(t, st == http.StatusBadRequest, "a used code worked again")
		// a reset by a new letter ends the sessions of the old password
		e.now = e.now.Add(time.Minute)
		c := e.browser()
		c.activate(e.r.nipA)
		st, _ = a.get("/portal/data")
		must(t, st == http.StatusSeeOther, "a session survived the password reset")
		// expired letters do not work
		code := e.letter(e.r.nipB)
		e.now = e.now.Add(31 * 24 * time.Hour)
		st, _ = e.browser().post("/portal/aktivasi", "/portal/aktivasi", url.Values{"nip": {e.r.nipB}, "kode": {code}, "password": {goodPassword}, "password2": {goodPassword}})
		must(t, st == http.StatusBadRequest, "an expired code worked")
	})
}

// The TOTP second factor: once on, the password alone does not log in.
func TestTOTPSecondFactor(t *testing.T) {
	st, err := sqlitestore.Open(t.TempDir() + "/s.db")
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, st, portal.Config{})
	a := e.browser()
	a.activate(e.r.nipA)
	_, body := a.get("/portal/keamanan")
	i := strings.Index(body, `name="secret" value="`)
	must(t, i > 0, "no secret offered")
	secret := body[i+len(`name="secret" value="`):]
	secret = secret[:strings.Index(secret, `"`)]
	code, _ := a.post("", "/portal/keamanan", url.Values{"csrf": {a.csrf("")}, "secret": {secret}, "kode": {portal.TOTPCode(secret, e.now)}, "password": {goodPassword}})
	must(t, code == http.StatusSeeOther, "turning TOTP on: %d %.500s", code, a.last)
	a.post("/portal/data", "/portal/keluar", url.Values{})
	stc, loc := a.login(e.r.nipA, goodPassword)
	must(t, stc == http.StatusSeeOther && loc == "/portal/masuk/otp", "login without second factor: %d %s", stc, loc)
	stc, _ = a.get("/portal/data")
	must(t, stc == http.StatusSeeOther, "a pending session reached the data page")
	stc, _ = a.post("/portal/masuk/otp", "/portal/masuk/otp", url.Values{"kode": {"000000"}})
	must(t, stc == http.StatusUnauthorized, "a wrong code: %d", stc)
	stc, _ = a.post("/portal/masuk/otp", "/portal/masuk/otp", url.Values{"kode": {portal.TOTPCode(secret, e.now)}})
	must(t, stc == http.StatusSeeOther, "the right code: %d %.300s", stc, a.last)
	stc, _ = a.get("/portal/data")
	must(t, stc == 200, "after the second factor: %d", stc)
}

// The language switch returns to the page it was clicked on, never off the portal.
func TestLanguageSwitch(t *testing.T) {
	st, err := sqlitestore.Open(t.TempDir() + "/s.db")
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, st, portal.Config{})
	a := e.browser()
	a.activate(e.r.nipA)
	code, loc := a.get("/portal/bahasa?ke=en&lanjut=/portal/formasi")
	must(t, code == http.StatusSeeOther && loc == "/portal/formasi", "switch: %d %s", code, loc)
	_, body := a.get("/portal/formasi")
	must(t, strings.Contains(body, `lang="en"`) && strings.Contains(body, "Open posts"), "not in English")
	for _, next := range []string{"https://evil.example/", "//evil.example/portal/", "/portal/\\evil"} {
		_, loc := a.get("/portal/bahasa?ke=id&lanjut=" + url.QueryEscape(next))
		must(t, loc == "/portal/", "redirected to %q", loc)
	}
}
