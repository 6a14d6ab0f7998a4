package pgstore

import (
	"context"
	"errors"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/jackc/pgx/v5"
)

// The Portal Pegawai's server-private state (server.PortalStore), in the
// tables of migration 00004_portal.sql.

var _ server.PortalStore = (*Store)(nil)

const itemSelect = `SELECT seq, kind, tbl, id, device, scope, former, deleted, data, meta, idx FROM items`

// ReadItem implements server.PortalStore.
func (s *Store) ReadItem(ctx context.Context, kind, table, id string) (*server.Item, error) {
	it, err := scanItem(s.pool.QueryRow(ctx, itemSelect+` WHERE kind = $1 AND tbl = $2 AND id = $3`, kind, table, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	return it, err
}

// ReadLookup implements server.PortalStore.
func (s *Store) ReadLookup(ctx context.Context, kind, table, name, value string) ([]*server.Item, error) {
	rows, err := s.pool.Query(ctx, `SELECT i.seq, i.kind, i.tbl, i.id, i.device, i.scope, i.former, i.deleted, i.data, i.meta, i.idx
		FROM item_index x JOIN items i ON i.kind = x.kind AND i.tbl = x.tbl AND i.id = x.id
		WHERE x.kind = $1 AND x.tbl = $2 AND x.name = $3 AND x.value = $4 ORDER BY x.id`, kind, table, name, value)
	if err != nil {
		return nil, err
	}
	return scanItems(rows)
}

// ReadTable implements server.PortalStore.
func (s *Store) ReadTable(ctx context.Context, kind, table string) ([]*server.Item, error) {
	rows, err := s.pool.Query(ctx, itemSelect+` WHERE kind = $1 AND tbl = $2 ORDER BY id`, kind, table)
	if err != nil {
		return nil, err
	}
	return scanItems(rows)
}

// PortalAccount implements server.PortalStore.
func (s *Store) PortalAccount(ctx context.Context, pegawaiID string) (server.PortalAccount, error) {
	a := server.PortalAccount{PegawaiID: pegawaiID}
	err := s.pool.QueryRow(ctx, `SELECT password_hash, totp_secret, created, updated FROM portal_account WHERE pegawai_id = $1`, pegawaiID).
		Scan(&a.PasswordHash, &a.TOTPSecret, &a.Created, &a.Updated)
	if errors.Is(err, pgx.ErrNoRows) {
		return a, server.ErrNotFound
	}
	return a, err
}

// ActivatePortal implements server.PortalStore.
func (s *Store) ActivatePortal(ctx context.Context, aktivasiID string, a server.PortalAccount) (bool, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return false, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	tag, err := tx.Exec(ctx, `INSERT INTO portal_aktivasi_used(aktivasi_id, pegawai_id, used_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
		aktivasiID, a.PegawaiID, a.Updated)
	if err != nil {
		return false, err
	}
	if tag.RowsAffected() == 0 {
		return false, nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO portal_account(pegawai_id, password_hash, totp_secret, created, updated) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (pegawai_id) DO UPDATE SET password_hash = excluded.password_hash, totp_secret = excluded.totp_secret, updated = excluded.updated`,
		a.PegawaiID, a.PasswordHash, a.TOTPSecret, a.Created, a.Updated); err != nil {
		return false, err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM portal_session WHERE pegawai_id = $1`, a.PegawaiID); err != nil {
		return false, err
	}
	return true, tx.Commit(ctx)
}

// SetPortalTOTP implements server.PortalStore.
func (s *Store) SetPortalTOTP(ctx context.Context, pegawaiID, secret string) error {
	tag, err := s.pool.Exec(ctx, `UPDATE portal_account SET totp_secret = $1 WHERE pegawai_id = $2`, secret, pegawaiID)
	if err == nil && tag.RowsAffected() == 0 {
		return server.ErrNotFound
	}
	return err
}

// PortalSession implements server.PortalStore.
func (s *Store) PortalSession(ctx context.Context, idHash string) (server.PortalSession, error) {
	ps := server.PortalSession{IDHash: idHash}
	err := s.pool.QueryRow(ctx, `SELECT pegawai_id, csrf, lang, pending, created, expires, last_seen FROM portal_session WHERE id_hash = $1`, idHash).
		Scan(&ps.PegawaiID, &ps.CSRF, &ps.Lang, &ps.Pending, &ps.Created, &ps.Expires, &ps.LastSeen)
	if errors.Is(err, pgx.ErrNoRows) {
		return ps, server.ErrNotFound
	}
	return ps, err
}

// PutPortalSession implements server.PortalStore.
func (s *Store) PutPortalSession(ctx context.Context, ps server.PortalSession) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO portal_session(id_hash, pegawai_id, csrf, lang, pending, created, expires, last_seen) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (id_hash) DO UPDATE SET pegawai_id = excluded.pegawai_id, csrf = excluded.csrf, lang = excluded.lang, pending = excluded.pending,
		expires = excluded.expires, last_seen = excluded.last_seen`,
		ps.IDHash, ps.PegawaiID, ps.CSRF, ps.Lang, ps.Pending, ps.Created, ps.Expires, ps.LastSeen)
	return err
}

// DeletePortalSession implements server.PortalStore.
func (s *Store) DeletePortalSession(ctx context.Context, idHash string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM portal_session WHERE id_hash = $1`, idHash)
	return err
}

// DeleteExpiredPortalSessions implements server.PortalStore.
func (s *Store) DeleteExpiredPortalSessions(ctx context.Context, now time.Time) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM portal_session WHERE expires < $1`, now)
	return err
}

// PortalAttempt implements server.PortalStore.
func (s *Store) PortalAttempt(ctx context.Context, key string, now time.Time, window time.Duration) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `INSERT INTO portal_attempt(key, started, n) VALUES ($1, $2, 1)
		ON CONFLICT (key) DO UPDATE SET n = CASE WHEN portal_attempt.started < $3 THEN 1 ELSE portal_attempt.n + 1 END,
		started = CASE WHEN portal_attempt.started < $3 THEN excluded.started ELSE portal_attempt.started END
		RETURNING n`, key, now, now.Add(-window)).Scan(&n)
	return n, err
}

// PortalAttempts implements server.PortalStore.
func (s *Store) PortalAttempts(ctx context.Context, key string, now time.Time, window time.Duration) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT n FROM portal_attempt WHERE key = $1 AND started >= $2`, key, now.Add(-window)).Scan(&n)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	return n, err
}

// ClearPortalAttempts implements server.PortalStore.
func (s *Store) ClearPortalAttempts(ctx context.Context, key string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM portal_attempt WHERE key = $1`, key)
	return err
}
