package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/authsvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// The accounts' storage (authsvc.Repository): pengguna is synced (Tx.Insert/
// Update, so accounts travel with the outbox); the failed-login counters in
// pengguna_lokal are device-local and written with plain SQL.

// TablePengguna is the synced accounts table (migration 0007).
var TablePengguna = synced("pengguna")

const penggunaSelect = "SELECT id, username, nama, role, opd_id, pegawai_id, password_hash, aktif, harus_ganti FROM pengguna"

func scanPengguna(sc interface{ Scan(...any) error }) (authsvc.Record, error) {
	var r authsvc.Record
	var role string
	err := sc.Scan(&r.ID, &r.Username, &r.Nama, &role, &r.OPDID, &r.PegawaiID, &r.PasswordHash, &r.Aktif, &r.HarusGanti)
	r.Role = domain.Role(role)
	return r, err
}

func penggunaNotFound() error {
	return domain.E(domain.KindNotFound, "pengguna.not_found", "Pengguna tidak ditemukan.", "User not found.")
}

// Users lists every account by username.
func (s *Store) Users(ctx context.Context) ([]authsvc.Record, error) {
	rows, err := s.db.QueryContext(ctx, penggunaSelect+" ORDER BY username")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []authsvc.Record
	for rows.Next() {
		r, err := scanPengguna(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// User reads one account.
func (s *Store) User(ctx context.Context, id string) (authsvc.Record, error) {
	r, err := scanPengguna(s.db.QueryRowContext(ctx, penggunaSelect+" WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, penggunaNotFound()
	}
	return r, err
}

// UserByUsername reads one account by its (normalised) username.
func (s *Store) UserByUsername(ctx context.Context, username string) (authsvc.Record, error) {
	r, err := scanPengguna(s.db.QueryRowContext(ctx, penggunaSelect+" WHERE username = ?", username))
	if errors.Is(err, sql.ErrNoRows) {
		return r, penggunaNotFound()
	}
	return r, err
}

// CountUsers counts the accounts.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM pengguna").Scan(&n)
	return n, err
}

// SaveUser writes an account through the synced write path and records an
// audit entry without the password hash.
func (s *Store) SaveUser(ctx context.Context, actor string, r authsvc.Record, isNew bool, action string) error {
	vals := []any{r.Username, r.Nama, string(r.Role), r.OPDID, r.PegawaiID, r.PasswordHash, r.Aktif, r.HarusGanti}
	visible := map[string]any{"username": r.Username, "nama": r.Nama, "role": r.Role, "opdId": r.OPDID, "pegawaiId": r.PegawaiID,
		"aktif": r.Aktif, "harusGanti": r.HarusGanti}
	return s.Write(ctx, actor, func(t *Tx) error {
		if isNew {
			if err := t.Insert(TablePengguna, r.ID, vals...); err != nil {
				return err
			}
		} else if _, err := t.Update(TablePengguna, r.ID, vals...); err != nil {
			return err
		}
		return t.AuditEvent(action, "pengguna", r.ID, nil, visible)
	})
}

// LoginState reads the device-local failed-login counter.
func (s *Store) LoginState(ctx context.Context, userID string) (authsvc.LoginState, error) {
	var st authsvc.LoginState
	var until, last string
	err := s.db.QueryRowContext(ctx, "SELECT gagal_login, terkunci_sampai, masuk_terakhir FROM pengguna_lokal WHERE pengguna_id = ?", userID).
		Scan(&st.Failures, &until, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	if until != "" {
		st.LockedUntil, _ = time.Parse(time.RFC3339Nano, until)
	}
	if last != "" {
		st.LastLogin, _ = time.Parse(time.RFC3339Nano, last)
	}
	return st, nil
}

// SaveLoginState stores the device-local failed-login counter (not synced).
func (s *Store) SaveLoginState(ctx context.Context, userID string, st authsvc.LoginState) error {
	f := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339Nano)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	_, err := s.db.ExecContext(ctx, `INSERT INTO pengguna_lokal(pengguna_id, gagal_login, terkunci_sampai, masuk_terakhir) VALUES (?,?,?,?)
		ON CONFLICT(pengguna_id) DO UPDATE SET gagal_login = excluded.gagal_login, terkunci_sampai = excluded.terkunci_sampai,
		masuk_terakhir = excluded.masuk_terakhir`, userID, st.Failures, f(st.LockedUntil), f(st.LastLogin))
	return classify(err)
}

// RecordExport appends an audit entry for an export of personal data: who
// (actor, and the role of the actor in ctx), what and with which filters.
func (s *Store) RecordExport(ctx context.Context, actor, what string, filters any) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		return t.AuditEvent("EKSPOR", what, "", nil, map[string]any{"filter": filters})
	})
}
