package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/server"
)

// The Portal Pegawai's server-private state (server.PortalStore): accounts,
// sessions, used activation letters and attempt counters. Never synced.
const portalSchema = `
CREATE TABLE IF NOT EXISTS portal_account (
    pegawai_id    TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    totp_secret   TEXT NOT NULL DEFAULT '',
    created       TEXT NOT NULL,
    updated       TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS portal_session (
    id_hash    TEXT PRIMARY KEY,
    pegawai_id TEXT NOT NULL DEFAULT '',
    csrf       TEXT NOT NULL,
    lang       TEXT NOT NULL DEFAULT '',
    pending    INTEGER NOT NULL DEFAULT 0,
    created    INTEGER NOT NULL,
    expires    INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS portal_session_pegawai ON portal_session(pegawai_id);
CREATE INDEX IF NOT EXISTS portal_session_expires ON portal_session(expires);
CREATE TABLE IF NOT EXISTS portal_aktivasi_used (
    aktivasi_id TEXT PRIMARY KEY,
    pegawai_id  TEXT NOT NULL,
    used_at     TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS portal_attempt (
    key     TEXT PRIMARY KEY,
    started INTEGER NOT NULL,
    n       INTEGER NOT NULL
);
`

var _ server.PortalStore = (*Store)(nil)

func (s *Store) portalInit() error {
	_, err := s.db.Exec(portalSchema)
	return err
}

// ReadItem implements server.PortalStore.
func (s *Store) ReadItem(ctx context.Context, kind, table, id string) (*server.Item, error) {
	it, err := scanItem(s.db.QueryRowContext(ctx, `SELECT `+itemCols+` FROM items WHERE kind = ? AND tbl = ? AND id = ?`, kind, table, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return it, err
}

// ReadLookup implements server.PortalStore.
func (s *Store) ReadLookup(ctx context.Context, kind, table, name, value string) ([]*server.Item, error) {
	return s.readItems(ctx, `SELECT `+prefixed("i.", itemCols)+` FROM item_index x JOIN items i ON i.kind = x.kind AND i.tbl = x.tbl AND i.id = x.id
		WHERE x.kind = ? AND x.tbl = ? AND x.name = ? AND x.value = ? ORDER BY x.id`, kind, table, name, value)
}

// ReadTable implements server.PortalStore.
func (s *Store) ReadTable(ctx context.Context, kind, table string) ([]*server.Item, error) {
	return s.readItems(ctx, `SELECT `+itemCols+` FROM items WHERE kind = ? AND tbl = ? ORDER BY id`, kind, table)
}

func (s *Store) readItems(ctx context.Context, q string, args ...any) ([]*server.Item, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*server.Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

const timeFmt = time.RFC3339Nano

// PortalAccount implements server.PortalStore.
func (s *Store) PortalAccount(ctx context.Context, pegawaiID string) (server.PortalAccount, error) {
	a := server.PortalAccount{PegawaiID: pegawaiID}
	var c, u string
	err := s.db.QueryRowContext(ctx, `SELECT password_hash, totp_secret, created, updated FROM portal_account WHERE pegawai_id = ?`, pegawaiID).
		Scan(&a.PasswordHash, &a.TOTPSecret, &c, &u)
	if errors.Is(err, sql.ErrNoRows) {
		return a, server.ErrNotFound
	}
	a.Created, _ = time.Parse(timeFmt, c)
	a.Updated, _ = time.Parse(timeFmt, u)
	return a, err
}

// ActivatePortal implements server.PortalStore.
func (s *Store) ActivatePortal(ctx context.Context, aktivasiID string, a server.PortalAccount) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO portal_aktivasi_used(aktivasi_id, pegawai_id, used_at) VALUES (?, ?, ?)`,
		aktivasiID, a.PegawaiID, a.Updated.UTC().Format(timeFmt))
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO portal_account(pegawai_id, password_hash, totp_secret, created, updated) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(pegawai_id) DO UPDATE SET password_hash = excluded.password_hash, totp_secret = excluded.totp_secret, updated = excluded.updated`,
		a.PegawaiID, a.PasswordHash, a.TOTPSecret, a.Created.UTC().Format(timeFmt), a.Updated.UTC().Format(timeFmt)); err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM portal_session WHERE pegawai_id = ?`, a.PegawaiID); err != nil {
		return false, err
	}
	return true, tx.Commit()
}

// SetPortalTOTP implements server.PortalStore.
func (s *Store) SetPortalTOTP(ctx context.Context, pegawaiID, secret string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE portal_account SET totp_secret = ? WHERE pegawai_id = ?`, secret, pegawaiID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return server.ErrNotFound
	}
	return nil
}

// PortalSession implements server.PortalStore.
func (s *Store) PortalSession(ctx context.Context, idHash string) (server.PortalSession, error) {
	ps := server.PortalSession{IDHash: idHash}
	var c, e, l int64
	var pending int
	err := s.db.QueryRowContext(ctx, `SELECT pegawai_id, csrf, lang, pending, created, expires, last_seen FROM portal_session WHERE id_hash = ?`, idHash).
		Scan(&ps.PegawaiID, &ps.CSRF, &ps.Lang, &pending, &c, &e, &l)
	if errors.Is(err, sql.ErrNoRows) {
		return ps, server.ErrNotFound
	}
	ps.Pending = pending != 0
	ps.Created, ps.Expires, ps.LastSeen = time.UnixMilli(c), time.UnixMilli(e), time.UnixMilli(l)
	return ps, err
}

// PutPortalSession implements server.PortalStore.
func (s *Store) PutPortalSession(ctx context.Context, ps server.PortalSession) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO portal_session(id_hash, pegawai_id, csrf, lang, pending, created, expires, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(id_hash) DO UPDATE SET pegawai_id = excluded.pegawai_id, csrf = excluded.csrf, lang = excluded.lang, pending = excluded.pending,
		expires = excluded.expires, last_seen = excluded.last_seen`,
		ps.IDHash, ps.PegawaiID, ps.CSRF, ps.Lang, b2i(ps.Pending), ps.Created.UnixMilli(), ps.Expires.UnixMilli(), ps.LastSeen.UnixMilli())
	return err
}

// DeletePortalSession implements server.PortalStore.
func (s *Store) DeletePortalSession(ctx context.Context, idHash string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM portal_session WHERE id_hash = ?`, idHash)
	return err
}

// DeleteExpiredPortalSessions implements server.PortalStore.
func (s *Store) DeleteExpiredPortalSessions(ctx context.Context, now time.Time) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM portal_session WHERE expires < ?`, now.UnixMilli())
	return err
}

// PortalAttempt implements server.PortalStore.
func (s *Store) PortalAttempt(ctx context.Context, key string, now time.Time, window time.Duration) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `INSERT INTO portal_attempt(key, started, n) VALUES (?, ?, 1)
		ON CONFLICT(key) DO UPDATE SET n = CASE WHEN portal_attempt.started < ? THEN 1 ELSE portal_attempt.n + 1 END,
		started = CASE WHEN portal_attempt.started < ? THEN excluded.started ELSE portal_attempt.started END
		RETURNING n`, key, now.UnixMilli(), now.Add(-window).UnixMilli(), now.Add(-window).UnixMilli()).Scan(&n)
	return n, err
}

// PortalAttempts implements server.PortalStore.
func (s *Store) PortalAttempts(ctx context.Context, key string, now time.Time, window time.Duration) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT n FROM portal_attempt WHERE key = ? AND started >= ?`, key, now.Add(-window).UnixMilli()).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return n, err
}

// ClearPortalAttempts implements server.PortalStore.
func (s *Store) ClearPortalAttempts(ctx context.Context, key string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM portal_attempt WHERE key = ?`, key)
	return err
}
