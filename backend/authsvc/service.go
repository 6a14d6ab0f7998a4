package authsvc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/auth"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// KeyPolicy is the setting holding the lockout and idle-lock policy (JSON auth.Policy).
const KeyPolicy = "akun.kebijakan"

// Service is the account service. It holds this desktop's one session.
type Service struct {
	repo   Repository
	now    func() time.Time
	newID  func() string
	params auth.Params

	mu      sync.Mutex
	session *session
	dummy   string // a hash verified for unknown usernames, so both cases cost the same
}

type session struct {
	userID     string
	lastActive time.Time
	locked     bool
}

// Config wires a Service.
type Config struct {
	Repo   Repository
	Now    func() time.Time // injectable clock (lockout and idle tests)
	NewID  func() string
	Params auth.Params // zero = auth.DefaultParams (tests use cheaper ones)
}

// New builds a Service.
func New(c Config) *Service {
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Params == (auth.Params{}) {
		c.Params = auth.DefaultParams
	}
	return &Service{repo: c.Repo, now: c.Now, newID: c.NewID, params: c.Params}
}

func isNotFound(err error) bool {
	var e *domain.Error
	return errors.As(err, &e) && e.Kind == domain.KindNotFound
}

// ErrInvalidLogin is the one answer for an unknown user and a wrong password.
func ErrInvalidLogin(left int) error {
	if left > 0 {
		return domain.E(domain.KindPermission, "auth.invalid_login",
			fmt.Sprintf("Nama pengguna atau kata sandi salah. Sisa percobaan sebelum akun dikunci: %d.", left),
			fmt.Sprintf("Wrong username or password. Attempts left before the account locks: %d.", left))
	}
	return domain.E(domain.KindPermission, "auth.invalid_login", "Nama pengguna atau kata sandi salah.", "Wrong username or password.")
}

// ErrWrongPassword answers a wrong password where the user typed no username
// (the lock screen): it names only the password.
func ErrWrongPassword(left int) error {
	if left > 0 {
		return domain.E(domain.KindPermission, "auth.wrong_password",
			fmt.Sprintf("Kata sandi salah. Sisa percobaan sebelum akun dikunci: %d.", left),
			fmt.Sprintf("Wrong password. Attempts left before the account locks: %d.", left))
	}
	return domain.E(domain.KindPermission, "auth.wrong_password", "Kata sandi salah.", "Wrong password.")
}

func errAccountLocked(until, now time.Time) error {
	m := int(math.Ceil(until.Sub(now).Minutes()))
	return domain.E(domain.KindPermission, "auth.account_locked",
		fmt.Sprintf("Akun terkunci karena terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %d menit, atau minta admin mengatur ulang kata sandi.", m),
		fmt.Sprintf("The account is locked after too many failed logins. Try again in %d minutes, or ask an admin to reset the password.", m))
}

func errDisabled() error {
	return domain.E(domain.KindPermission, "auth.disabled", "Akun ini dinonaktifkan. Hubungi admin BKPSDM.", "This account is disabled. Contact the BKPSDM admin.")
}

// Policy returns the lockout and idle-lock policy in force.
func (s *Service) Policy(ctx context.Context) (auth.Policy, error) {
	v, ok, err := s.repo.Setting(ctx, KeyPolicy)
	if err != nil || !ok {
		return auth.DefaultPolicy, err
	}
	p := auth.DefaultPolicy
	if json.Unmarshal([]byte(v), &p) != nil || p.Check() != nil {
		return auth.DefaultPolicy, nil
	}
	return p, nil
}

// SavePolicy validates and stores the policy.
func (s *Service) SavePolicy(ctx context.Context, actor string, p auth.Policy) (auth.Policy, error) {
	if err := p.Check(); err != nil {
		return p, err
	}
	b, _ := json.Marshal(p)
	return p, s.repo.SaveSetting(ctx, actor, s.newID(), KeyPolicy, string(b))
}

// HasUsers reports whether any account exists (else the first-run wizard
// creates the first administrator).
func (s *Service) HasUsers(ctx context.Context) (bool, error) {
	n, err := s.repo.CountUsers(ctx)
	return n > 0, err
}

var usernameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,31}$`)

// NormUsername is how usernames are stored and compared: trimmed, lower case.
func NormUsername(u string) string { return strings.ToLower(strings.TrimSpace(u)) }

func (s *Service) validate(ctx context.Context, u *User, v *domain.Validation) error {
	u.Username, u.Nama = NormUsername(u.Username), strings.TrimSpace(u.Nama)
	u.OPDID, u.PegawaiID = strings.TrimSpace(u.OPDID), strings.TrimSpace(u.PegawaiID)
	if !usernameRE.MatchString(u.Username) {
		v.Add("username", "akun.username", "Nama pengguna 3–32 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.",
			"Username: 3–32 characters of lower-case letters, digits, dot, underscore or hyphen.")
	}
	if u.Nama == "" {
		v.Add("nama", "akun.nama_required", "Nama wajib diisi.", "The name is required.")
	}
	if !u.Role.Valid() {
		v.Add("role", "akun.role", "Pilih peran.", "Choose a role.")
	}
	if u.Role.OPDBound() && u.OPDID == "" {
		v.Add("opdId", "akun.opd_required", "Peran ini bertindak untuk satu OPD: pilih OPD-nya.", "This role acts for one OPD: choose it.")
	}
	if !u.Role.OPDBound() {
		u.OPDID = ""
	}
	if u.OPDID != "" {
		if _, err := s.repo.OPD(ctx, u.OPDID); isNotFound(err) {
			v.Add("opdId", "opd.not_found", "OPD tidak ditemukan.", "OPD not found.")
		} else if err != nil {
			return err
		}
	}
	if u.PegawaiID != "" {
		if _, err := s.repo.Pegawai(ctx, u.PegawaiID); isNotFound(err) {
			v.Add("pegawaiId", "pegawai.not_found", "Pegawai tidak ditemukan.", "Employee not found.")
		} else if err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) create(ctx context.Context, actor string, in NewUser, harusGanti bool) (User, error) {
	u := User{Username: in.Username, Nama: in.Nama, Role: in.Role, OPDID: in.OPDID, PegawaiID: in.PegawaiID, Aktif: true, HarusGanti: harusGanti}
	var v domain.Validation
	if err := s.validate(ctx, &u, &v); err != nil {
		return User{}, err
	}
	v.AddErr("password", auth.CheckPassword(in.Password, u.Username))
	if u.Username != "" {
		if _, err := s.repo.UserByUsername(ctx, u.Username); err == nil {
			v.Add("username", "akun.username_taken", "Nama pengguna sudah dipakai.", "The username is taken.")
		} else if !isNotFound(err) {
			return User{}, err
		}
	}
	if err := v.Err(); err != nil {
		return User{}, err
	}
	h, err := auth.Hash(in.Password, s.params)
	if err != nil {
		return User{}, err
	}
	u.ID = s.newID()
	if err := s.repo.SaveUser(ctx, actor, Record{User: u, PasswordHash: h}, true, "AKUN_BUAT"); err != nil {
		return User{}, err
	}
	return u, nil
}

// CreateFirstAdmin creates the first PPK/Admin BKPSDM account and logs it in.
// It is refused once any account exists.
func (s *Service) CreateFirstAdmin(ctx context.Context, in NewUser) (Session, error) {
	if has, err := s.HasUsers(ctx); err != nil {
		return Session{}, err
	} else if has {
		return Session{}, domain.E(domain.KindConflict, "akun.first_admin_exists", "Admin pertama sudah dibuat; silakan masuk.",
			"The first administrator exists already; please log in.")
	}
	in.Role, in.OPDID = domain.RoleAdmin, ""
	u, err := s.create(ctx, "setup", in, false)
	if err != nil {
		return Session{}, err
	}
	s.mu.Lock()
	s.session = &session{userID: u.ID, lastActive: s.now()}
	s.mu.Unlock()
	return s.Session(ctx)
}

// CreateUser creates an account (an administrator, or the CLI).
func (s *Service) CreateUser(ctx context.Context, actor string, in NewUser) (User, error) {
	return s.create(ctx, actor, in, false)
}

// ListUsers lists every account with its lock state on this device.
func (s *Service) ListUsers(ctx context.Context) ([]User, error) {
	recs, err := s.repo.Users(ctx)
	if err != nil {
		return nil, err
	}
	now := s.now()
	out := make([]User, 0, len(recs))
	for _, r := range recs {
		u := r.User
		if st, err := s.repo.LoginState(ctx, u.ID); err != nil {
			return nil, err
		} else if st.LockedUntil.After(now) {
			u.TerkunciSampai = st.LockedUntil.UTC().Format(time.RFC3339)
		}
		out = append(out, u)
	}
	return out, nil
}

// activeAdmins counts active administrators other than id.
func (s *Service) activeAdminsExcept(ctx context.Context, id string) (int, error) {
	recs, err := s.repo.Users(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, r := range recs {
		if r.ID != id && r.Aktif && r.Role == domain.RoleAdmin {
			n++
		}
	}
	return n, nil
}

// UpdateUser changes an account's name, role, OPD, employee and active flag
// (not the username, not the password). The last active administrator can
// be neither demoted nor disabled.
func (s *Service) UpdateUser(ctx context.Context, actor string, u User) (User, error) {
	cur, err := s.repo.User(ctx, u.ID)
	if err != nil {
		return User{}, err
	}
	u.Username, u.HarusGanti, u.TerkunciSampai = cur.Username, cur.HarusGanti, ""
	var v domain.Validation
	if err := s.validate(ctx, &u, &v); err != nil {
		return User{}, err
	}
	if cur.Role == domain.RoleAdmin && cur.Aktif && (u.Role != domain.RoleAdmin || !u.Aktif) {
		if n, err := s.activeAdminsExcept(ctx, u.ID); err != nil {
			return User{}, err
		} else if n == 0 {
			v.Add("role", "akun.last_admin", "Ini admin aktif terakhir: buat admin lain terlebih dahulu.",
				"This is the last active admin: create another admin first.")
		}
	}
	if err := v.Err(); err != nil {
		return User{}, err
	}
	if err := s.repo.SaveUser(ctx, actor, Record{User: u, PasswordHash: cur.PasswordHash}, false, "AKUN_UBAH"); err != nil {
		return User{}, err
	}
	return u, nil
}

// ResetPassword sets a new password chosen by an administrator; the user must
// change it at next login, and the device's lock on the account is lifted.
func (s *Service) ResetPassword(ctx context.Context, actor, id, password string) (User, error) {
	cur, err := s.repo.User(ctx, id)
	if err != nil {
		return User{}, err
	}
	if err := auth.CheckPassword(password, cur.Username); err != nil {
		return User{}, err
	}
	h, err := auth.Hash(password, s.params)
	if err != nil {
		return User{}, err
	}
	cur.HarusGanti, cur.PasswordHash = true, h
	if err := s.repo.SaveUser(ctx, actor, cur, false, "AKUN_RESET_SANDI"); err != nil {
		return User{}, err
	}
	if err := s.repo.SaveLoginState(ctx, id, LoginState{}); err != nil {
		return User{}, err
	}
	return cur.User, nil
}

// Login checks the username and password against the lockout policy and
// starts the session. Unknown users and wrong passwords get the same answer.
func (s *Service) Login(ctx context.Context, username, password string) (Session, error) {
	now := s.now()
	rec, err := s.repo.UserByUsername(ctx, NormUsername(username))
	if isNotFound(err) {
		s.burn(password)
		return Session{}, ErrInvalidLogin(0)
	}
	if err != nil {
		return Session{}, err
	}
	if err := s.checkPassword(ctx, rec, password, now, ErrInvalidLogin); err != nil {
		return Session{}, err
	}
	if !rec.Aktif {
		return Session{}, errDisabled()
	}
	s.mu.Lock()
	s.session = &session{userID: rec.ID, lastActive: now}
	s.mu.Unlock()
	return s.Session(ctx)
}

// checkPassword applies the lockout: a locked account is refused without
// checking; a wrong password counts and is answered by wrong(attempts left);
// a right one clears the counter.
func (s *Service) checkPassword(ctx context.Context, rec Record, password string, now time.Time, wrong func(left int) error) error {
	st, err := s.repo.LoginState(ctx, rec.ID)
	if err != nil {
		return err
	}
	if st.LockedUntil.After(now) {
		return errAccountLocked(st.LockedUntil, now)
	}
	if !auth.Verify(password, rec.PasswordHash) {
		pol, err := s.Policy(ctx)
		if err != nil {
			return err
		}
		st.Failures, st.LockedUntil = pol.Failure(st.Failures, now)
		if err := s.repo.SaveLoginState(ctx, rec.ID, st); err != nil {
			return err
		}
		if !st.LockedUntil.IsZero() {
			return errAccountLocked(st.LockedUntil, now)
		}
		return wrong(pol.MaxAttempts - st.Failures)
	}
	return s.repo.SaveLoginState(ctx, rec.ID, LoginState{LastLogin: now})
}

// burn spends the time of one verification (unknown usernames).
func (s *Service) burn(password string) {
	s.mu.Lock()
	if s.dummy == "" {
		s.dummy, _ = auth.Hash("tidak-ada-pengguna-0", s.params)
	}
	d := s.dummy
	s.mu.Unlock()
	auth.Verify(password, d)
}

// Logout ends the session.
func (s *Service) Logout() {
	s.mu.Lock()
	s.session = nil
	s.mu.Unlock()
}

// Lock locks the session (the UI's idle timer, or the user's own choice).
func (s *Service) Lock() {
	s.mu.Lock()
	if s.session != nil {
		s.session.locked = true
	}
	s.mu.Unlock()
}

// Unlock reopens a locked session with the session user's password; wrong
// passwords count toward the lockout, and a lockout ends the session.
func (s *Service) Unlock(ctx context.Context, password string) (Session, error) {
	s.mu.Lock()
	sess := s.session
	s.mu.Unlock()
	if sess == nil {
		return Session{}, auth.ErrNoSession()
	}
	rec, err := s.repo.User(ctx, sess.userID)
	if isNotFound(err) {
		s.Logout()
		return Session{}, auth.ErrNoSession()
	}
	if err != nil {
		return Session{}, err
	}
	now := s.now()
	if err := s.checkPassword(ctx, rec, password, now, ErrWrongPassword); err != nil {
		var e *domain.Error
		if errors.As(err, &e) && e.Code == "auth.account_locked" {
			s.Logout()
		}
		return Session{}, err
	}
	s.mu.Lock()
	if s.session != nil {
		s.session.locked, s.session.lastActive = false, now
	}
	s.mu.Unlock()
	return s.Session(ctx)
}

// ChangePassword changes the session user's own password.
func (s *Service) ChangePassword(ctx context.Context, oldPassword, newPassword string) (Session, error) {
	u, _, err := s.Current(ctx)
	if err != nil {
		return Session{}, err
	}
	rec, err := s.repo.User(ctx, u.ID)
	if err != nil {
		return Session{}, err
	}
	if !auth.Verify(oldPassword, rec.PasswordHash) {
		var v domain.Validation
		v.Add("oldPassword", "auth.old_password", "Kata sandi lama salah.", "The old password is wrong.")
		return Session{}, v.Err()
	}
	if err := auth.CheckPassword(newPassword, rec.Username); err != nil {
		return Session{}, err
	}
	if oldPassword == newPassword {
		var v domain.Validation
		v.Add("password", "auth.password_same", "Kata sandi baru harus berbeda dari yang lama.", "The new password must differ from the old one.")
		return Session{}, v.Err()
	}
	h, err := auth.Hash(newPassword, s.params)
	if err != nil {
		return Session{}, err
	}
	rec.PasswordHash, rec.HarusGanti = h, false
	if err := s.repo.SaveUser(ctx, rec.Username, rec, false, "AKUN_GANTI_SANDI"); err != nil {
		return Session{}, err
	}
	return s.Session(ctx)
}

// Current returns the session user as the database holds them now (role and
// OPD read from the current row, so a user moved to another OPD — by an
// admin or a sync — acts for the new OPD at once) and whether the session is
// locked. It does not count as activity. A deleted or disabled account ends
// the session.
func (s *Service) Current(ctx context.Context) (User, bool, error) {
	s.mu.Lock()
	sess := s.session
	var locked bool
	if sess != nil {
		locked = sess.locked
	}
	s.mu.Unlock()
	if sess == nil {
		return User{}, false, auth.ErrNoSession()
	}
	rec, err := s.repo.User(ctx, sess.userID)
	if isNotFound(err) || err == nil && !rec.Aktif {
		s.Logout()
		return User{}, false, auth.ErrNoSession()
	}
	if err != nil {
		return User{}, false, err
	}
	return rec.User, locked, nil
}

// Authorize returns the session user for a call that needs an active
// session: no session, a locked one, or one idle past the policy's limit
// (which locks it now) is refused with a coded Permission error. A call that
// passes counts as activity.
func (s *Service) Authorize(ctx context.Context) (User, error) {
	u, locked, err := s.Current(ctx)
	if err != nil {
		return User{}, err
	}
	if locked {
		return User{}, auth.ErrLocked()
	}
	pol, err := s.Policy(ctx)
	if err != nil {
		return User{}, err
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.session == nil {
		return User{}, auth.ErrNoSession()
	}
	if pol.Idle(s.session.lastActive, now) {
		s.session.locked = true
		return User{}, auth.ErrLocked()
	}
	s.session.lastActive = now
	return u, nil
}

// Session describes the session for the UI (login gate, lock screen, header).
func (s *Service) Session(ctx context.Context) (Session, error) {
	has, err := s.HasUsers(ctx)
	if err != nil {
		return Session{}, err
	}
	pol, err := s.Policy(ctx)
	if err != nil {
		return Session{}, err
	}
	out := Session{HasUsers: has, IdleMinutes: pol.IdleMinutes, Perms: []auth.Perm{}}
	u, locked, err := s.Current(ctx)
	if err != nil {
		var e *domain.Error
		if errors.As(err, &e) && e.Code == "auth.login_required" {
			return out, nil
		}
		return Session{}, err
	}
	s.mu.Lock()
	if s.session != nil && !locked && pol.Idle(s.session.lastActive, s.now()) {
		s.session.locked, locked = true, true
	}
	s.mu.Unlock()
	out.LoggedIn, out.Locked, out.User, out.MustChange = true, locked, u, u.HarusGanti
	for _, p := range auth.Perms {
		if auth.Allowed(u.Role, p) {
			out.Perms = append(out.Perms, p)
		}
	}
	if u.OPDID != "" {
		if o, err := s.repo.OPD(ctx, u.OPDID); err == nil {
			out.OPDNama = o.Nama
		}
	}
	return out, nil
}
