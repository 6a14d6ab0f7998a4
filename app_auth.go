package main

import (
	"context"
	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"path/filepath"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/auth"
	"github.com/bkpsdm-sorong/imbang/backend/authsvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
)

// The accounts part of the facade: login, the session and its
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

// AuthSession describes the session: whether accounts exist, who is logged
// in (their current row), whether the session is locked, the idle limit.
func (a *App) AuthSession() (authsvc.Session, error) {
	return call(a, "AuthSession", func(ctx context.Context) (authsvc.Session, error) {
		if a.auth == nil {
			return authsvc.Session{}, nil
		}
		s, err := a.auth.Session(ctx)
		if err == nil && a.local != nil {
			v, ok, _ := a.local.LocalValue(ctx, KeySyncServerURL)
			s.ServerURL = map[bool]string{true: v}[ok]
		}
		return s, err
	})
}

// Login starts a session; wrong passwords count toward the lockout.
func (a *App) Login(username, password string) (authsvc.Session, error) {
	r, err := call(a, "Login", func(ctx context.Context) (authsvc.Session, error) {
		if err := a.akunReady(); err != nil {
			return authsvc.Session{}, err
		}
		return a.auth.Login(ctx, username, password)
	})
	if err == nil {
		a.changed("all")
	}
	return r, err
}

// Logout ends the session.
func (a *App) Logout() error {
	_, err := call(a, "Logout", func(ctx context.Context) (struct{}, error) {
		if a.auth != nil {
			a.auth.Logout()
		}
		return struct{}{}, nil
	})
	return err
}

// Lock locks the session (the UI's idle timer or the user's choice).
func (a *App) Lock() error {
	_, err := call(a, "Lock", func(ctx context.Context) (struct{}, error) { a.auth.Lock(); return struct{}{}, nil })
	return err
}

// Unlock reopens the locked session with the password.
func (a *App) Unlock(password string) (authsvc.Session, error) {
	return call(a, "Unlock", func(ctx context.Context) (authsvc.Session, error) {
		if err := a.akunReady(); err != nil {
			return authsvc.Session{}, err
		}
		return a.auth.Unlock(ctx, password)
	})
}

// ChangePassword changes the logged-in user's own password.
func (a *App) ChangePassword(oldPassword, newPassword string) (authsvc.Session, error) {
	return call(a, "ChangePassword", func(ctx context.Context) (authsvc.Session, error) {
		return a.auth.ChangePassword(ctx, oldPassword, newPassword)
	})
}

// CreateFirstAdmin creates the first administrator of an installation and
// logs them in; refused once any account exists. On a device enrolled for
// an OPD the first account is that OPD's operator instead
// (app_enroll.go: firstOPDAccount), so it is accepted by the server and
// never carries BKPSDM rights.
func (a *App) CreateFirstAdmin(in authsvc.NewUser) (authsvc.Session, error) {
	return call(a, "CreateFirstAdmin", func(ctx context.Context) (authsvc.Session, error) {
		if err := a.akunReady(); err != nil {
			return authsvc.Session{}, err
		}
		if s, ok, err := a.firstOPDAccount(ctx, in); ok || err != nil {
			return s, err
		}
		return a.auth.CreateFirstAdmin(ctx, in)
	})
}

// EnrollServer enrolls this installation with the sync server (the
// first-run wizard's third path and the Sinkronisasi page): token is the
// one-time enrollment code or the whole enrollment string
// "imbang1:<url>#<code>#<fp>" (then serverURL may be left as "https://").
// The real exchange is app_enroll.go; EnrollFirst is the same before the
// first account exists.
func (a *App) EnrollServer(serverURL, token string) error {
	_, err := call(a, "EnrollServer", func(ctx context.Context) (struct{}, error) { return struct{}{}, a.enrollServer(ctx, serverURL, token) })
	return err
}

// ListUsers lists the accounts (admin).
func (a *App) ListUsers() ([]authsvc.User, error) {
	return call(a, "ListUsers", func(ctx context.Context) ([]authsvc.User, error) { return a.auth.ListUsers(ctx) })
}

// CreateUser creates an account (admin).
func (a *App) CreateUser(in authsvc.NewUser) (authsvc.User, error) {
	return call(a, "CreateUser", func(ctx context.Context) (authsvc.User, error) {
		who := actor.Name(ctx)
		return a.auth.CreateUser(ctx, who, in)
	})
}

// UpdateUser changes an account's name, role, OPD, employee or active flag (admin).
func (a *App) UpdateUser(u authsvc.User) (authsvc.User, error) {
	return call(a, "UpdateUser", func(ctx context.Context) (authsvc.User, error) {
		who := actor.Name(ctx)
		return a.auth.UpdateUser(ctx, who, u)
	})
}

// ResetUserPassword sets a new password the user must change at next login (admin).
func (a *App) ResetUserPassword(id, password string) (authsvc.User, error) {
	return call(a, "ResetUserPassword", func(ctx context.Context) (authsvc.User, error) {
		who := actor.Name(ctx)
		return a.auth.ResetPassword(ctx, who, id, password)
	})
}

// AccountPolicy returns the lockout and idle-lock policy.
func (a *App) AccountPolicy() (auth.Policy, error) {
	return call(a, "AccountPolicy", func(ctx context.Context) (auth.Policy, error) { return a.auth.Policy(ctx) })
}

// SaveAccountPolicy stores the lockout and idle-lock policy (admin).
func (a *App) SaveAccountPolicy(p auth.Policy) (auth.Policy, error) {
	return call(a, "SaveAccountPolicy", func(ctx context.Context) (auth.Policy, error) {
		who := actor.Name(ctx)
		return a.auth.SavePolicy(ctx, who, p)
	})
}

func (a *App) akunReady() error {
	if a.auth == nil {
		return domain.E(domain.KindUnavailable, "akun.unavailable", "Layanan akun belum siap; coba lagi sebentar.", "The account service is not ready; try again shortly.")
	}
	return nil
}

// --- scope and privacy helpers used by the employee methods (app.go, app_io.go) ---

// pegawaiScope returns the OPD the session user is limited to for personal
// data ("" = all OPDs) and whether they may see personal fields.
func (a *App) pegawaiScope(ctx context.Context) (opd string, pribadi bool, err error) {
	u, err := actor.Required(ctx)
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
func (a *App) scopeQuery(ctx context.Context, q *kepegawaian.PegawaiQuery) error {
	opd, _, err := a.pegawaiScope(ctx)
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
func (a *App) scopeDetail(ctx context.Context, d *kepegawaian.PegawaiDetail) error {
	opd, pribadi, err := a.pegawaiScope(ctx)
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
func (a *App) redactRules(ctx context.Context, rs []eligibility.Result) {
	_, pribadi, err := a.pegawaiScope(ctx)
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
func (a *App) auditExport(ctx context.Context, what string, filters any) error {
	if a.exports == nil {
		return nil
	}
	return a.exports.RecordExport(ctx, actor.Name(ctx), what, filters)
}

// scopePegawaiWrite refuses an OPD-bound user's change to an employee of
// another OPD: the stored record's OPD (id != "") and the new OPD (opdID != "").
func (a *App) scopePegawaiWrite(ctx context.Context, id, opdID string) error {
	opd, _, err := a.pegawaiScope(ctx)
	if err != nil || opd == "" {
		return err
	}
	if opdID != "" && opdID != opd {
		return auth.ErrScope()
	}
	if id != "" {
		d, err := a.kepegawaian.GetPegawai(ctx, id)
		if err != nil {
			return err
		}
		if d.Pegawai.OPDID != opd {
			return auth.ErrScope()
		}
	}
	return nil
}

// accountID is the acting user's account id: the workflow, documents,
// evaluations and conflict resolutions record it as their actor.
func accountID(ctx context.Context) string {
	u, _ := actor.From(ctx)
	return u.ID
}

// audited wraps an export's result: once a file was written (a path, no
// error), the export is recorded in the audit log with its filters.
func (a *App) audited(ctx context.Context, what string, filters any) func(string, error) (string, error) {
	return func(path string, err error) (string, error) {
		if err != nil || path == "" {
			return path, err
		}
		if aerr := a.auditExport(ctx, what, map[string]any{"filter": filters, "berkas": filepath.Base(path)}); aerr != nil {
			return path, aerr
		}
		return path, nil
	}
}

// scopeStagnan keeps only the user's OPD's rows for the OPD-bound roles.
func (a *App) scopeStagnan(ctx context.Context, l *abksvc.StagnanList) error {
	opd, _, err := a.pegawaiScope(ctx)
	if err != nil || opd == "" {
		return err
	}
	o, err := a.kepegawaian.OPDTree(ctx, opd)
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
