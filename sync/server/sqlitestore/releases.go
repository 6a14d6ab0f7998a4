package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"

	"github.com/bkpsdm-sorong/imbang/sync/server"
)

// Release storage (sync/server/releases.go): the published releases, their
// files in chunks, the version each device runs and the rollbacks devices
// reported. Created with the rest of the schema when the store opens.
const releaseSchema = `
CREATE TABLE IF NOT EXISTS releases (
    version  TEXT NOT NULL,
    platform TEXT NOT NULL,
    sha256   TEXT NOT NULL,
    size     INTEGER NOT NULL,
    signed   TEXT NOT NULL,
    created  TEXT NOT NULL,
    PRIMARY KEY (version, platform)
);
CREATE TABLE IF NOT EXISTS release_chunks (
    sha256 TEXT NOT NULL,
    n      INTEGER NOT NULL,
    data   BLOB NOT NULL,
    PRIMARY KEY (sha256, n)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS device_versions (
    device   TEXT PRIMARY KEY,
    version  TEXT NOT NULL,
    platform TEXT NOT NULL,
    seen     TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS release_reports (
    n        INTEGER PRIMARY KEY,
    device   TEXT NOT NULL,
    version  TEXT NOT NULL,
    event    TEXT NOT NULL,
    detail   TEXT NOT NULL,
    at       TEXT NOT NULL,
    received TEXT NOT NULL
);
`

var _ server.ReleaseStore = (*Store)(nil)

// writeTx runs fn in one write transaction, taking the writer's turn like
// Update does (the releases are outside the server sequence).
func (s *Store) writeTx(ctx context.Context, fn func(*sql.Tx) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// PutRelease implements server.ReleaseStore.
func (s *Store) PutRelease(ctx context.Context, r server.Release, data io.Reader) error {
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		var old sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT sha256 FROM releases WHERE version = ? AND platform = ?`, r.Version, r.Platform).Scan(&old); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if old.Valid {
			if _, err := tx.ExecContext(ctx, `DELETE FROM release_chunks WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM releases WHERE sha256 = ? AND NOT (version = ? AND platform = ?))`,
				old.String, old.String, r.Version, r.Platform); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO releases(version, platform, sha256, size, signed, created) VALUES (?, ?, ?, ?, ?, ?)`,
			r.Version, r.Platform, r.SHA256, r.Size, string(r.Signed), r.Created); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM release_chunks WHERE sha256 = ?`, r.SHA256); err != nil {
			return err
		}
		total, err := server.WriteReleaseChunks(data, func(n int, b []byte) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO release_chunks(sha256, n, data) VALUES (?, ?, ?)`, r.SHA256, n, b)
			return err
		})
		if err != nil {
			return err
		}
		if total != r.Size {
			return fmt.Errorf("sqlitestore: release file is %d bytes, the manifest says %d", total, r.Size)
		}
		return nil
	})
}

// Releases implements server.ReleaseStore.
func (s *Store) Releases(ctx context.Context) ([]server.Release, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT version, platform, sha256, size, signed, created FROM releases ORDER BY platform, created`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []server.Release
	for rows.Next() {
		var r server.Release
		var signed string
		if err := rows.Scan(&r.Version, &r.Platform, &r.SHA256, &r.Size, &signed, &r.Created); err != nil {
			return nil, err
		}
		r.Signed = []byte(signed)
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReadRelease implements server.ReleaseStore.
func (s *Store) ReadRelease(ctx context.Context, sha string, p []byte, off int64) (int, error) {
	return server.ReadReleaseChunks(p, off, func(n int64) ([]byte, bool, error) {
		var chunk []byte
		err := s.db.QueryRowContext(ctx, `SELECT data FROM release_chunks WHERE sha256 = ? AND n = ?`, sha, n).Scan(&chunk)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, false, nil
		}
		return chunk, err == nil, err
	})
}

// NoteDeviceVersion implements server.ReleaseStore.
func (s *Store) NoteDeviceVersion(ctx context.Context, v server.DeviceVersion) error {
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO device_versions(device, version, platform, seen) VALUES (?, ?, ?, ?)`, v.DeviceID, v.Version, v.Platform, v.Seen)
		return err
	})
}

// DeviceVersions implements server.ReleaseStore.
func (s *Store) DeviceVersions(ctx context.Context) ([]server.DeviceVersion, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT device, version, platform, seen FROM device_versions ORDER BY device`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []server.DeviceVersion
	for rows.Next() {
		var v server.DeviceVersion
		if err := rows.Scan(&v.DeviceID, &v.Version, &v.Platform, &v.Seen); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// AddReleaseReports implements server.ReleaseStore.
func (s *Store) AddReleaseReports(ctx context.Context, rs []server.ReleaseReport) error {
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		for _, r := range rs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO release_reports(device, version, event, detail, at, received) VALUES (?, ?, ?, ?, ?, ?)`,
				r.DeviceID, r.Version, r.Event, r.Detail, r.At, r.Received); err != nil {
				return err
			}
		}
		return nil
	})
}

// ReleaseReports implements server.ReleaseStore.
func (s *Store) ReleaseReports(ctx context.Context) ([]server.ReleaseReport, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT device, version, event, detail, at, received FROM release_reports ORDER BY n`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []server.ReleaseReport
	for rows.Next() {
		var r server.ReleaseReport
		if err := rows.Scan(&r.DeviceID, &r.Version, &r.Event, &r.Detail, &r.At, &r.Received); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
