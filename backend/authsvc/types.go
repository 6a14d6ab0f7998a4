// Package authsvc is the account service of the desktop: local users (created by
// the first-run wizard, an administrator or the CLI), login and logout,
// lockout after repeated failures, the session with its idle auto-lock,
// password change and an administrator's reset. The rules (roles,
// permissions, hashing, policy) are in backend/auth; the Repository — the
// SQLite store — keeps the users in the synced table pengguna and the
// failed-login counters in the device-local pengguna_lokal.
package authsvc

import (
	"context"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/auth"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// User is an account as the UI and the CLI see it (never the hash).
type User struct {
	ID         string      `json:"id"`
	Username   string      `json:"username"`
	Nama       string      `json:"nama"`
	Role       domain.Role `json:"role"`
	OPDID      string      `json:"opdId"`     // required for the OPD-bound roles
	PegawaiID  string      `json:"pegawaiId"` // the user's own employee record, if any
	Aktif      bool        `json:"aktif"`
	HarusGanti bool        `json:"harusGanti"` // must change the password at next login
	// Read-only, filled by the list: the lock state on this device.
	TerkunciSampai string `json:"terkunciSampai"` // RFC 3339, "" = not locked
}

// Record is a stored account: the user and the password hash.
type Record struct {
	User
	PasswordHash string
}

// LoginState is the device-local failed-login counter of one user.
type LoginState struct {
	Failures    int
	LockedUntil time.Time
	LastLogin   time.Time
}

// NewUser is what an administrator (or the first-run wizard) enters.
type NewUser struct {
	Username  string      `json:"username"`
	Nama      string      `json:"nama"`
	Role      domain.Role `json:"role"`
	OPDID     string      `json:"opdId"`
	PegawaiID string      `json:"pegawaiId"`
	Password  string      `json:"password"`
}

// Session is the logged-in user on this desktop.
type Session struct {
	LoggedIn    bool   `json:"loggedIn"`
	Locked      bool   `json:"locked"`      // idle past the limit: unlock with the password
	HasUsers    bool   `json:"hasUsers"`    // false: the first administrator must be created
	User        User   `json:"user"`        // the current row (role and OPD as they are now)
	IdleMinutes int    `json:"idleMinutes"` // the UI's auto-lock timer
	MustChange  bool   `json:"mustChange"`  // the password must be changed before anything else
	OPDNama     string `json:"opdNama"`
	ServerURL   string `json:"serverUrl"` // set once the first-run wizard enrolled with a server
	// Perms are the user's permissions (auth.Perm values): the UI hides what
	// the role may not do; the backend refuses it whatever the UI shows.
	Perms []auth.Perm `json:"perms"`
}

// Repository is the storage the service needs; backend/store implements it.
type Repository interface {
	Users(ctx context.Context) ([]Record, error)
	User(ctx context.Context, id string) (Record, error)                 // NotFound: pengguna.not_found
	UserByUsername(ctx context.Context, username string) (Record, error) // NotFound: pengguna.not_found
	CountUsers(ctx context.Context) (int, error)
	// SaveUser inserts (new) or updates the account through the synced write
	// path and appends audit entry action (without the hash) in the same transaction.
	SaveUser(ctx context.Context, actor string, r Record, isNew bool, action string) error
	LoginState(ctx context.Context, userID string) (LoginState, error)
	SaveLoginState(ctx context.Context, userID string, s LoginState) error
	Setting(ctx context.Context, key string) (string, bool, error)
	SaveSetting(ctx context.Context, actor, id, key, value string) error
	OPD(ctx context.Context, id string) (domain.OPD, error)
	Pegawai(ctx context.Context, id string) (domain.Pegawai, error)
}
