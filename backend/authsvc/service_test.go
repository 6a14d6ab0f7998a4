package authsvc_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/auth"
	"github.com/bkpsdm-sorong/imbang/backend/authsvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
)

var fast = auth.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func setup(t *testing.T, demo bool) (*authsvc.Service, *store.Store, *clock) {
	t.Helper()
	c := &clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	var st *store.Store
	if demo {
		st = storetest.Demo(t, "", 300, nil)
	} else {
		st = storetest.Open(t, "", nil)
	}
	return authsvc.New(authsvc.Config{Repo: st, Now: c.now, NewID: store.NewID, Params: fast}), st, c
}

func code(err error) string {
	var e *domain.Error
	if errors.As(err, &e) {
		if len(e.Fields) > 0 {
			return e.Fields[0].Code
		}
		return e.Code
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

func TestFirstAdminThenLogin(t *testing.T) {
	s, st, _ := setup(t, false)
	ctx := context.Background()
	if has, _ := s.HasUsers(ctx); has {
		t.Fatal("fresh store has users")
	}
	if _, err := s.Authorize(ctx); code(err) != "auth.login_required" {
		t.Fatalf("no session: %v", err)
	}
	sess, err := s.CreateFirstAdmin(ctx, authsvc.NewUser{Username: " Admin ", Nama: "Admin BKPSDM", Role: domain.RoleOperatorOPD, Password: "Sorong2026"})
	if err != nil {
		t.Fatal(err)
	}
	if !sess.LoggedIn || sess.User.Role != domain.RoleAdmin || sess.User.Username != "admin" {
		t.Fatalf("first admin session: %+v", sess)
	}
	if _, err := s.CreateFirstAdmin(ctx, authsvc.NewUser{Username: "lain", Nama: "X", Password: "Sorong2026"}); code(err) != "akun.first_admin_exists" {
		t.Fatalf("second first admin: %v", err)
	}
	s.Logout()
	if _, err := s.Login(ctx, "ADMIN", "Sorong2026"); err != nil {
		t.Fatalf("login: %v", err)
	}
	// The hash is stored encoded, never the password; the row went through the outbox.
	r, _ := st.UserByUsername(ctx, "admin")
	if !auth.Verify("Sorong2026", r.PasswordHash) || r.PasswordHash == "Sorong2026" {
		t.Fatal("hash")
	}
	var n int
	st.DB().QueryRow("SELECT count(*) FROM outbox WHERE tbl = 'pengguna'").Scan(&n)
	if n != 1 {
		t.Fatalf("outbox entries for pengguna: %d", n)
	}
}

func TestLockoutWithInjectedClock(t *testing.T) {
	s, _, c := setup(t, false)
	ctx := context.Background()
	if _, err := s.CreateFirstAdmin(ctx, authsvc.NewUser{Username: "admin", Nama: "A", Password: "Sorong2026"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SavePolicy(ctx, "admin", auth.Policy{MaxAttempts: 3, LockMinutes: 15, IdleMinutes: 10}); err != nil {
		t.Fatal(err)
	}
	s.Logout()
	for i := 0; i < 2; i++ {
		if _, err := s.Login(ctx, "admin", "salah12345"); code(err) != "auth.invalid_login" {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	if _, err := s.Login(ctx, "admin", "salah12345"); code(err) != "auth.account_locked" {
		t.Fatalf("third attempt: %v", err)
	}
	// Locked: even the right password is refused until the time has passed.
	c.add(14 * time.Minute)
	if _, err := s.Login(ctx, "admin", "Sorong2026"); code(err) != "auth.account_locked" {
		t.Fatalf("right password while locked: %v", err)
	}
	users, _ := s.ListUsers(ctx)
	if users[0].TerkunciSampai == "" {
		t.Fatal("list does not show the lock")
	}
	c.add(time.Minute + time.Second)
	if _, err := s.Login(ctx, "admin", "Sorong2026"); err != nil {
		t.Fatalf("after the lock: %v", err)
	}
	// Unknown users get the same answer as wrong passwords.
	if _, err := s.Login(ctx, "siapa", "Sorong2026"); code(err) != "auth.invalid_login" {
		t.Fatalf("unknown: %v", err)
	}
}

func TestIdleLockAndUnlock(t *testing.T) {
	s, _, c := setup(t, false)
	ctx := context.Background()
	s.CreateFirstAdmin(ctx, authsvc.NewUser{Username: "admin", Nama: "A", Password: "Sorong2026"})
	c.add(9 * time.Minute)
	if _, err := s.Authorize(ctx); err != nil {
		t.Fatalf("active: %v", err)
	}
	c.add(10 * time.Minute)
	if _, err := s.Authorize(ctx); code(err) != "auth.locked" {
		t.Fatalf("idle: %v", err)
	}
	if sess, _ := s.Session(ctx); !sess.Locked || !sess.LoggedIn {
		t.Fatalf("session: %+v", sess)
	}
	// The lock screen has no username field: its refusal names only the password.
	_, err := s.Unlock(ctx, "salah12345")
	var de *domain.Error
	if code(err) != "auth.wrong_password" || !errors.As(err, &de) || strings.Contains(de.Message, "Nama pengguna") ||
		!strings.HasPrefix(de.Message, "Kata sandi salah. Sisa percobaan") || strings.Contains(de.MessageEN, "username") {
		t.Fatalf("unlock wrong: %v", err)
	}
	if _, err := s.Unlock(ctx, "Sorong2026"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authorize(ctx); err != nil {
		t.Fatalf("after unlock: %v", err)
	}
	s.Lock()
	if _, err := s.Authorize(ctx); code(err) != "auth.locked" {
		t.Fatalf("manual lock: %v", err)
	}
}

func TestResetForcesChangeAndMovedUserActsForNewOPD(t *testing.T) {
	s, st, _ := setup(t, true)
	ctx := context.Background()
	s.CreateFirstAdmin(ctx, authsvc.NewUser{Username: "admin", Nama: "A", Password: "Sorong2026"})
	opds, _ := st.ListOPD(ctx)
	op, err := s.CreateUser(ctx, "admin", authsvc.NewUser{Username: "op1", Nama: "Operator", Role: domain.RoleOperatorOPD, OPDID: opds[0].ID, Password: "Pengatur7x"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateUser(ctx, "admin", authsvc.NewUser{Username: "op1", Nama: "Dup", Role: domain.RolePimpinan, Password: "Pengatur7x"}); code(err) != "akun.username_taken" {
		t.Fatalf("duplicate: %v", err)
	}
	if _, err := s.CreateUser(ctx, "admin", authsvc.NewUser{Username: "op2", Nama: "X", Role: domain.RoleKepalaOPD, Password: "Pengatur7x"}); code(err) != "akun.opd_required" {
		t.Fatalf("opd required: %v", err)
	}
	if _, err := s.ResetPassword(ctx, "admin", op.ID, "Baru12345"); err != nil {
		t.Fatal(err)
	}
	s.Logout()
	if _, err := s.Login(ctx, "op1", "Pengatur7x"); code(err) != "auth.invalid_login" {
		t.Fatalf("old password after reset: %v", err)
	}
	sess, err := s.Login(ctx, "op1", "Baru12345")
	if err != nil || !sess.MustChange {
		t.Fatalf("reset must force a change: %+v %v", sess, err)
	}
	if _, err := s.ChangePassword(ctx, "Baru12345", "Baru12345"); code(err) != "auth.password_same" {
		t.Fatalf("same: %v", err)
	}
	if sess, err = s.ChangePassword(ctx, "Baru12345", "Lebih2026"); err != nil || sess.MustChange {
		t.Fatalf("change: %+v %v", sess, err)
	}
	u, _ := s.Authorize(ctx)
	if u.OPDID != opds[0].ID {
		t.Fatal("opd")
	}
	// Moved to another OPD (here by a direct write, as a sync would): the very next call acts for the new OPD.
	rec, _ := st.User(ctx, op.ID)
	rec.OPDID = opds[1].ID
	if err := st.SaveUser(ctx, "sync", rec, false, "AKUN_UBAH"); err != nil {
		t.Fatal(err)
	}
	if u, _ := s.Authorize(ctx); u.OPDID != opds[1].ID {
		t.Fatalf("moved user still acts for %s", u.OPDID)
	}
	// Disabled: the session ends.
	rec.Aktif = false
	st.SaveUser(ctx, "sync", rec, false, "AKUN_UBAH")
	if _, err := s.Authorize(ctx); code(err) != "auth.login_required" {
		t.Fatalf("disabled: %v", err)
	}
	if _, err := s.Login(ctx, "op1", "Lebih2026"); code(err) != "auth.disabled" {
		t.Fatalf("disabled login: %v", err)
	}
}

func TestLastAdminCannotBeDemoted(t *testing.T) {
	s, _, _ := setup(t, false)
	ctx := context.Background()
	sess, _ := s.CreateFirstAdmin(ctx, authsvc.NewUser{Username: "admin", Nama: "A", Password: "Sorong2026"})
	u := sess.User
	u.Aktif = false
	if _, err := s.UpdateUser(ctx, "admin", u); code(err) != "akun.last_admin" {
		t.Fatalf("last admin: %v", err)
	}
	u.Aktif, u.Role = true, domain.RolePimpinan
	if _, err := s.UpdateUser(ctx, "admin", u); code(err) != "akun.last_admin" {
		t.Fatalf("demote: %v", err)
	}
	if _, err := s.CreateUser(ctx, "admin", authsvc.NewUser{Username: "admin2", Nama: "B", Role: domain.RoleAdmin, Password: "Sorong2026"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateUser(ctx, "admin", u); err != nil {
		t.Fatalf("demote with another admin: %v", err)
	}
}

// BenchmarkAuthorize is the cost every bound call pays: the session user's
// current row and the policy, read from the store.
func BenchmarkAuthorize(b *testing.B) {
	st := storetest.Open(b, "", nil)
	s := authsvc.New(authsvc.Config{Repo: st, NewID: store.NewID, Params: fast})
	ctx := context.Background()
	if _, err := s.CreateFirstAdmin(ctx, authsvc.NewUser{Username: "admin", Nama: "A", Password: "Sorong2026"}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.Authorize(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
