package main

import (
	"context"
	"encoding/json"
	"path/filepath"

	"github.com/bkpsdm-sorong/imbang/backend/akun"
	"github.com/bkpsdm-sorong/imbang/backend/analisis"
	"github.com/bkpsdm-sorong/imbang/backend/auth"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// The accounts part of the facade (issue 8): login, the session and its
// lock, password change, user management, the first administrator and the
// server enrollment of the first-run wizard; and the helpers the other
// facade methods use for OPD scope, privacy and the audit of exports. The
// permission table itself is app_perm.go.

// ExportAuditor records an export of personal data in the audit log
// (backend/store implements it).
type ExportAuditor interface {
	RecordExport(ctx context.Context, actor, what string, filters any) error
}

// Meta keys the first-run enrollment writes; the sync client reads them.
const (
	KeySyncServerURL = "sync_server_url"
	KeySyncToken     = "sync_token"
)

// localStore is what EnrollServer and the session bridge need from the store.
type localStore interface {
	LocalValue(ctx context.Context, key string) (string, bool, error)
	SaveLocalValue(ctx context.Context, key, value string) error
}

// actor is the session user's username for audit entries ("" when none).
func (a *App) actor(ctx context.Context) (akun.User, string) {
	if a.akun == nil {
		return akun.User{}, ""
	}
	u, _, err := a.akun.Current(ctx)
	if err != nil {
		return akun.User{}, ""
	}
	return u, u.Username
}

// AuthSession describes the session: whether accounts exist, who is logged
// in (their current row), whether the session is locked, the idle limit.
func (a *App) AuthSession() (akun.Session, error) {
	return call(a, "AuthSession", func() (akun.Session, error) {
		if a.akun == nil {
			return akun.Session{}, nil
		}
		s, err := a.akun.Session(context.Background())
		if err == nil && a.local != nil {
			v, ok, _ := a.local.LocalValue(context.Background(), KeySyncServerURL)
			s.ServerURL = map[bool]string{true: v}[ok]
		}
		return s, err
	})
}

// Login starts a session; wrong passwords count toward the lockout.
func (a *App) Login(username, password string) (akun.Session, error) {
	r, err := call(a, "Login", func() (akun.Session, error) {
		if err := a.akunReady(); err != nil {
			return akun.Session{}, err
		}
		return a.akun.Login(context.Background(), username, password)
	})
	if err == nil {
		a.changed("all")
	}
	return r, err
}

// Logout ends the session.
func (a *App) Logout() error {
	_, err := call(a, "Logout", func() (struct{}, error) {
		if a.akun != nil {
			a.akun.Logout()
		}
		return struct{}{}, nil
	})
	return err
}

// Lock locks the session (the UI's idle timer or the user's choice).
func (a *App) Lock() error {
	_, err := call(a, "Lock", func() (struct{}, error) { a.akun.Lock(); return struct{}{}, nil })
	return err
}

// Unlock reopens the locked session with the password.
func (a *App) Unlock(password string) (akun.Session, error) {
	return call(a, "Unlock", func() (akun.Session, error) {
		if err := a.akunReady(); err != nil {
			return akun.Session{}, err
		}
		return a.akun.Unlock(context.Background(), password)
	})
}

// ChangePassword changes the logged-in user's own password.
func (a *App) ChangePassword(oldPassword, newPassword string) (akun.Session, error) {
	return call(a, "ChangePassword", func() (akun.Session, error) {
		return a.akun.ChangePassword(context.Background(), oldPassword, newPassword)
	})
}

// CreateFirstAdmin creates the first administrator of an installation and
// logs them in; refused once any account exists. On a device enrolled for
// an OPD the first account is that OPD's operator instead
// (app_enroll.go: firstOPDAccount), so it is accepted by the server and
// never carries BKPSDM rights.
func (a *App) CreateFirstAdmin(in akun.NewUser) (akun.Session, error) {
	return call(a, "CreateFirstAdmin", func() (akun.Session, error) {
		if err := a.akunReady(); err != nil {
			return akun.Session{}, err
		}
		if s, ok, err := a.firstOPDAccount(in); ok || err != nil {
			return s, err
		}
		return a.akun.CreateFirstAdmin(context.Background(), in)
	})
}

// EnrollServer enrolls this installation with the sync server (the
// first-run wizard's third path and the Sinkronisasi page): token is the
// one-time enrollment code or the whole enrollment string
// "imbang1:<url>#<code>#<fp>" (then serverURL may be left as "https://").
// The real exchange is app_enroll.go; EnrollFirst is the same before the
// first account exists.
func (a *App) EnrollServer(serverURL, token string) error {
	_, err := call(a, "EnrollServer", func() (struct{}, error) { return struct{}{}, a.enrollServer(serverURL, token) })
	return err
}

// ListUsers lists the accounts (admin).
func (a *App) ListUsers() ([]akun.User, error) {
	return call(a, "ListUsers", func() ([]akun.User, error) { return a.akun.ListUsers(context.Background()) })
}

// CreateUser creates an account (admin).
func (a *App) CreateUser(in akun.NewUser) (akun.User, error) {
	return call(a, "CreateUser", func() (akun.User, error) {
		ctx := context.Background()
		_, who := a.actor(ctx)
		return a.akun.CreateUser(ctx, who, in)
	})
}

// UpdateUser changes an account's name, role, OPD, employee or active flag (admin).
func (a *App) UpdateUser(u akun.User) (akun.User, error) {
	return call(a, "UpdateUser", func() (akun.User, error) {
		ctx := context.Background()
		_, who := a.actor(ctx)
		return a.akun.UpdateUser(ctx, who, u)
	})
}

// ResetUserPassword sets a new password the user must change at next login (admin).
func (a *App) ResetUserPassword(id, password string) (akun.User, error) {
	return call(a, "ResetUserPassword", func() (akun.User, error) {
		ctx := context.Background()
		_, who := a.actor(ctx)
		return a.akun.ResetPassword(ctx, who, id, password)
	})
}

// AccountPolicy returns the lockout and idle-lock policy.
func (a *App) AccountPolicy() (auth.Policy, error) {
	return call(a, "AccountPolicy", func() (auth.Policy, error) { return a.akun.Policy(context.Background()) })
}

// SaveAccountPolicy stores the lockout and idle-lock policy (admin).
func (a *App) SaveAccountPolicy(p auth.Policy) (auth.Policy, error) {
	return call(a, "SaveAccountPolicy", func() (auth.Policy, error) {
		ctx := context.Background()
		_, who := a.actor(ctx)
		return a.akun.SavePolicy(ctx, who, p)
	})
}

func (a *App) akunReady() error {
	if a.akun == nil {
		return domain.E(domain.KindUnavailable, "akun.unavailable", "Layanan akun belum siap; coba lagi sebentar.", "The account service is not ready; try again shortly.")
	}
	return nil
}

// sessionUser is the session user as the workflow sees them.
func sessionUser(u akun.User) mutasi.User {
	return mutasi.User{ID: u.ID, Nama: u.Nama, Role: u.Role, OPDID: u.OPDID, PegawaiID: u.PegawaiID}
}

// sessionRepo gives the mutasi service the logged-in user as its "current
// user": the workflow's actor comes from the session (its current row),
// never from the UI or a stored switch.
type sessionRepo struct {
	mutasi.Repository
	a *App
}

func (r sessionRepo) LocalValue(ctx context.Context, key string) (string, bool, error) {
	if key != mutasi.KeyCurrentUser {
		return r.Repository.LocalValue(ctx, key)
	}
	if r.a.akun == nil {
		return "", false, auth.ErrNoSession()
	}
	u, _, err := r.a.akun.Current(ctx)
	if err != nil {
		return "", false, err
	}
	b, _ := json.Marshal(sessionUser(u))
	return string(b), true, nil
}

func (r sessionRepo) SaveLocalValue(ctx context.Context, key, value string) error {
	if key == mutasi.KeyCurrentUser {
		return domain.E(domain.KindPermission, "auth.no_switch", "Pengguna hanya berganti dengan masuk dan keluar.", "Users change only by logging in and out.")
	}
	return r.Repository.SaveLocalValue(ctx, key, value)
}

// --- scope and privacy helpers used by the employee methods (app.go, app_io.go) ---

// pegawaiScope returns the OPD the session user is limited to for personal
// data ("" = all OPDs) and whether they may see personal fields.
func (a *App) pegawaiScope(ctx context.Context) (opd string, pribadi bool, err error) {
	if a.akun == nil {
		return "", false, auth.ErrNoSession()
	}
	u, _, err := a.akun.Current(ctx)
	if err != nil {
		return "", false, err
	}
	if auth.OPDBound(u.Role) {
		if u.OPDID == "" {
			return "", false, auth.ErrScope()
		}
		opd = u.OPDID
	}
	return opd, auth.Allowed(u.Role, auth.PermPribadi), nil
}

// scopeQuery limits an employee query to the user's OPD: no OPD chosen means
// their OPD; another OPD is refused.
func (a *App) scopeQuery(q *kepegawaian.PegawaiQuery) error {
	opd, _, err := a.pegawaiScope(context.Background())
	if err != nil || opd == "" {
		return err
	}
	if q.OPDID == "" {
		q.OPDID = opd
	} else if q.OPDID != opd {
		return auth.ErrScope()
	}
	return nil
}

// scopeDetail refuses another OPD's employee and blanks the personal fields
// for roles that do not need them.
func (a *App) scopeDetail(d *kepegawaian.PegawaiDetail) error {
	opd, pribadi, err := a.pegawaiScope(context.Background())
	if err != nil {
		return err
	}
	if opd != "" && d.Pegawai.OPDID != opd {
		return auth.ErrScope()
	}
	if !pribadi {
		d.Pegawai.TanggalLahir = domain.Date{}
		d.Pegawai.TempatLahir = ""
	}
	return nil
}

// redactRules blanks the family relations MUT-16 names (the relative's name,
// the relation) for roles without the personal-data permission.
func (a *App) redactRules(rs []eligibility.Result) {
	_, pribadi, err := a.pegawaiScope(context.Background())
	if err == nil && pribadi {
		return
	}
	for i := range rs {
		if rs[i].RuleID == "MUT-16" {
			rs[i].Values = nil
			rs[i].Message = "Rincian hubungan keluarga disembunyikan untuk peran Anda."
			rs[i].MessageEN = "Family relation details are hidden for your role."
		}
	}
}

// auditExport records an export of personal data: who, what and the filters.
func (a *App) auditExport(what string, filters any) error {
	if a.exports == nil {
		return nil
	}
	ctx := context.Background()
	u, who := a.actor(ctx)
	return a.exports.RecordExport(store.WithRole(ctx, string(u.Role)), who, what, filters)
}

// scopePegawaiWrite refuses an OPD-bound user's change to an employee of
// another OPD: the stored record's OPD (id != "") and the new OPD (opdID != "").
func (a *App) scopePegawaiWrite(id, opdID string) error {
	opd, _, err := a.pegawaiScope(context.Background())
	if err != nil || opd == "" {
		return err
	}
	if opdID != "" && opdID != opd {
		return auth.ErrScope()
	}
	if id != "" {
		d, err := a.svc.GetPegawai(context.Background(), id)
		if err != nil {
			return err
		}
		if d.Pegawai.OPDID != opd {
			return auth.ErrScope()
		}
	}
	return nil
}

// audited wraps an export's result: once a file was written (a path, no
// error), the export is recorded in the audit log with its filters.
func (a *App) audited(what string, filters any) func(string, error) (string, error) {
	return func(path string, err error) (string, error) {
		if err != nil || path == "" {
			return path, err
		}
		if aerr := a.auditExport(what, map[string]any{"filter": filters, "berkas": filepath.Base(path)}); aerr != nil {
			return path, aerr
		}
		return path, nil
	}
}

// scopeStagnan keeps only the user's OPD's rows for the OPD-bound roles.
func (a *App) scopeStagnan(l *analisis.StagnanList) error {
	opd, _, err := a.pegawaiScope(context.Background())
	if err != nil || opd == "" {
		return err
	}
	o, err := a.svc.OPDTree(context.Background(), opd)
	if err != nil {
		return err
	}
	rows := l.Rows[:0]
	for _, r := range l.Rows {
		if r.OPDSingkatan == o.OPD.Singkatan {
			rows = append(rows, r)
		}
	}
	l.Rows, l.Total = rows, len(rows)
	return nil
}

// sessionActor is the store's hook (store.SetSessionActor): the logged-in
// user and role become the actor of the services' writes in the outbox and
// the audit log.
func (a *App) sessionActor() (string, string) {
	u, who := a.actor(context.Background())
	return who, string(u.Role)
}
