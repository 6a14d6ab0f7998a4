package server

import (
	"context"
	"time"
)

// PortalAccount is an employee's portal login: server-private, never
// synced. The password is an argon2id hash (backend/auth); TOTPSecret is
// the base 32 secret of the optional second factor ("" when off).
type PortalAccount struct {
	PegawaiID    string
	PasswordHash string
	TOTPSecret   string
	Created      time.Time
	Updated      time.Time
}

// PortalSession is a portal session, stored by the SHA-256 of its id (the
// id itself lives only in the browser's cookie). PegawaiID is "" before
// login (the session carries the CSRF token of the login forms); Pending
// marks a session waiting for its second factor.
type PortalSession struct {
	IDHash    string
	PegawaiID string
	CSRF      string
	Lang      string
	Pending   bool
	Created   time.Time
	Expires   time.Time // absolute end
	LastSeen  time.Time // idle expiry counts from it
}

// PortalStore is the portal's server-private state, kept in the server's
// database so several processes serve the portal (sessions are shared),
// and a read path into the row store outside write transactions. Both
// stores implement it (sqlitestore, pgstore).
type PortalStore interface {
	// ReadItem, ReadLookup and ReadTable read the row store without a
	// write transaction (the portal's pages): one item, the items of a
	// secondary index value, every item of a kind and table.
	ReadItem(ctx context.Context, kind, table, id string) (*Item, error)
	ReadLookup(ctx context.Context, kind, table, name, value string) ([]*Item, error)
	ReadTable(ctx context.Context, kind, table string) ([]*Item, error)

	// PortalAccount returns the account of an employee; ErrNotFound if none.
	PortalAccount(ctx context.Context, pegawaiID string) (PortalAccount, error)
	// ActivatePortal sets the employee's account from an activation letter
	// in one transaction: it records aktivasiID as used (false, nothing
	// changed, when it already was), stores the account and ends every
	// session of the employee.
	ActivatePortal(ctx context.Context, aktivasiID string, a PortalAccount) (bool, error)
	// SetPortalTOTP sets (or clears with "") the second factor's secret.
	SetPortalTOTP(ctx context.Context, pegawaiID, secret string) error

	PortalSession(ctx context.Context, idHash string) (PortalSession, error) // ErrNotFound if none
	PutPortalSession(ctx context.Context, s PortalSession) error
	DeletePortalSession(ctx context.Context, idHash string) error
	// DeleteExpiredPortalSessions removes sessions past their end.
	DeleteExpiredPortalSessions(ctx context.Context, now time.Time) error

	// PortalAttempt counts one attempt under key (an account, an IP) in a
	// fixed window that starts at the key's first attempt and lasts
	// window; it returns the count in the current window, this one
	// included. ClearPortalAttempts forgets a key (a successful login).
	PortalAttempt(ctx context.Context, key string, now time.Time, window time.Duration) (int, error)
	PortalAttempts(ctx context.Context, key string, now time.Time, window time.Duration) (int, error)
	ClearPortalAttempts(ctx context.Context, key string) error
}
