package pgstore

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/jackc/pgx/v5"
)

// Release storage (sync/server/releases.go; migration 00006_releases.sql).
// These writes are outside the server sequence, so they do not take the
// counter lock that serialises Update.

var _ server.ReleaseStore = (*Store)(nil)

func (s *Store) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// PutRelease implements server.ReleaseStore.
func (s *Store) PutRelease(ctx context.Context, r server.Release, data io.Reader) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		var old string
		err := tx.QueryRow(ctx, `SELECT sha256 FROM releases WHERE version = $1 AND platform = $2 FOR UPDATE`, r.Version, r.Platform).Scan(&old)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if old != "" {
			if _, err := tx.Exec(ctx, `DELETE FROM release_chunks WHERE sha256 = $1 AND NOT EXISTS (SELECT 1 FROM releases WHERE sha256 = $1 AND NOT (version = $2 AND platform = $3))`,
				old, r.Version, r.Platform); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO releases(version, platform, sha256, size, signed, created) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (version, platform) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, signed = excluded.signed, created = excluded.created`,
			r.Version, r.Platform, r.SHA256, r.Size, string(r.Signed), r.Created); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM release_chunks WHERE sha256 = $1`, r.SHA256); err != nil {
			return err
		}
		total, err := server.WriteReleaseChunks(data, func(n int, b []byte) error {
			_, err := tx.Exec(ctx, `INSERT INTO release_chunks(sha256, n, data) VALUES ($1, $2, $3)`, r.SHA256, n, b)
			return err
		})
		if err != nil {
			return err
		}
		if total != r.Size {
			return fmt.Errorf("pgstore: release file is %d bytes, the manifest says %d", total, r.Size)
		}
		return nil
	})
}

// Releases implements server.ReleaseStore.
func (s *Store) Releases(ctx context.Context) ([]server.Release, error) {
	rows, err := s.pool.Query(ctx, `SELECT version, platform, sha256, size, signed, created FROM releases ORDER BY platform, created`)
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
		err := s.pool.QueryRow(ctx, `SELECT data FROM release_chunks WHERE sha256 = $1 AND n = $2`, sha, n).Scan(&chunk)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, false, nil
		}
		return chunk, err == nil, err
	})
}

// NoteDeviceVersion implements server.ReleaseStore.
func (s *Store) NoteDeviceVersion(ctx context.Context, v server.DeviceVersion) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO device_versions(device, version, platform, seen) VALUES ($1, $2, $3, $4)
		ON CONFLICT (device) DO UPDATE SET version = excluded.version, platform = excluded.platform, seen = excluded.seen`, v.DeviceID, v.Version, v.Platform, v.Seen)
	return err
}

// DeviceVersions implements server.ReleaseStore.
func (s *Store) DeviceVersions(ctx context.Context) ([]server.DeviceVersion, error) {
	rows, err := s.pool.Query(ctx, `SELECT device, version, platform, seen FROM device_versions ORDER BY device`)
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
	return s.inTx(ctx, func(tx pgx.Tx) error {
		for _, r := range rs {
			if _, err := tx.Exec(ctx, `INSERT INTO release_reports(device, version, event, detail, at, received) VALUES ($1, $2, $3, $4, $5, $6)`,
				r.DeviceID, r.Version, r.Event, r.Detail, r.At, r.Received); err != nil {
				return err
			}
		}
		return nil
	})
}

// ReleaseReports implements server.ReleaseStore.
func (s *Store) ReleaseReports(ctx context.Context) ([]server.ReleaseReport, error) {
	rows, err := s.pool.Query(ctx, `SELECT device, version, event, detail, at, received FROM release_reports ORDER BY n`)
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
