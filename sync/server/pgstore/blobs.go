package pgstore

import (
	"context"
	"errors"
	"io"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/jackc/pgx/v5"
)

// The attachment files (server.BlobStore, migration 00005). A writer of a
// file takes a transaction-scoped advisory lock on its name, so two
// processes receiving the same file take turns; the sequence counter is
// not touched, so uploads never hold up pushes.

var _ server.BlobStore = (*Store)(nil)

// blobLockClass is the first key of the blobs' advisory locks.
const blobLockClass = 0x1b0b

type rowQuerier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func blobRecord(ctx context.Context, q rowQuerier, sha string) (server.Blob, error) {
	var b server.Blob
	err := q.QueryRow(ctx, `SELECT sha256, size, received, complete, state, created FROM blobs WHERE sha256 = $1`, sha).
		Scan(&b.SHA256, &b.Size, &b.Received, &b.Complete, &b.State, &b.Created)
	if errors.Is(err, pgx.ErrNoRows) {
		return server.Blob{}, server.ErrNotFound
	}
	return b, err
}

// Blob implements server.BlobStore.
func (s *Store) Blob(ctx context.Context, sha string) (server.Blob, error) {
	return blobRecord(ctx, s.pool, sha)
}

// blobTx runs fn in one transaction holding the locks of the names.
func (s *Store) blobTx(ctx context.Context, names []string, fn func(tx pgx.Tx) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	for _, n := range names {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, blobLockClass, n); err != nil {
			return err
		}
	}
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// AppendBlob implements server.BlobStore.
func (s *Store) AppendBlob(ctx context.Context, sha string, fn func(b *server.Blob, found bool) ([]byte, error)) error {
	var ferr error
	err := s.blobTx(ctx, []string{sha}, func(tx pgx.Tx) error {
		b, err := blobRecord(ctx, tx, sha)
		found := err == nil
		if err != nil && !errors.Is(err, server.ErrNotFound) {
			return err
		}
		at := b.Received
		chunk, err := fn(&b, found)
		if errors.Is(err, server.ErrBlobDrop) {
			ferr = err
			return deleteBlob(ctx, tx, sha)
		}
		if err != nil {
			return err
		}
		if len(chunk) > 0 {
			if _, err := tx.Exec(ctx, `INSERT INTO blob_chunks(sha256, off, n, data) VALUES ($1, $2, $3, $4)`, sha, at, len(chunk), chunk); err != nil {
				return err
			}
		}
		_, err = tx.Exec(ctx, `INSERT INTO blobs(sha256, size, received, complete, state, created) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, received = excluded.received, complete = excluded.complete, state = excluded.state`,
			sha, b.Size, b.Received, b.Complete, b.State, b.Created)
		return err
	})
	if err == nil {
		err = ferr
	}
	return err
}

// RenameBlob implements server.BlobStore.
func (s *Store) RenameBlob(ctx context.Context, from, to string) error {
	names := []string{from, to}
	if to < from {
		names = []string{to, from} // one lock order for every process
	}
	return s.blobTx(ctx, names, func(tx pgx.Tx) error {
		dst, err := blobRecord(ctx, tx, to)
		if err == nil && dst.Complete {
			return deleteBlob(ctx, tx, from)
		}
		if err != nil && !errors.Is(err, server.ErrNotFound) {
			return err
		}
		if err := deleteBlob(ctx, tx, to); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE blob_chunks SET sha256 = $1 WHERE sha256 = $2`, to, from); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE blobs SET sha256 = $1, size = received, complete = true, state = NULL WHERE sha256 = $2`, to, from)
		return err
	})
}

func deleteBlob(ctx context.Context, tx pgx.Tx, sha string) error {
	if _, err := tx.Exec(ctx, `DELETE FROM blob_chunks WHERE sha256 = $1`, sha); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `DELETE FROM blobs WHERE sha256 = $1`, sha)
	return err
}

// DeleteBlob implements server.BlobStore.
func (s *Store) DeleteBlob(ctx context.Context, sha string) error {
	return s.blobTx(ctx, []string{sha}, func(tx pgx.Tx) error { return deleteBlob(ctx, tx, sha) })
}

// ReadBlobAt implements server.BlobStore.
func (s *Store) ReadBlobAt(ctx context.Context, sha string, p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("pgstore: negative offset")
	}
	end := off + int64(len(p))
	rows, err := s.pool.Query(ctx, `SELECT off, data FROM blob_chunks WHERE sha256 = $1 AND off < $2 AND off + n > $3 ORDER BY off`, sha, end, off)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var at int64
		var data []byte
		if err := rows.Scan(&at, &data); err != nil {
			return n, err
		}
		if at > off+int64(n) || n >= len(p) {
			break
		}
		n += copy(p[n:], data[off+int64(n)-at:])
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return n, err
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// BlobStats implements server.BlobStore.
func (s *Store) BlobStats(ctx context.Context) (files, bytes int64, err error) {
	err = s.pool.QueryRow(ctx, `SELECT count(*), coalesce(sum(received), 0) FROM blobs`).Scan(&files, &bytes)
	return files, bytes, err
}

// LookupItems implements server.ItemLookup: Lookup on the committed state,
// without the sequence counter's lock.
func (s *Store) LookupItems(ctx context.Context, kind, table, name, value string) ([]*server.Item, error) {
	rows, err := s.pool.Query(ctx, `SELECT i.seq, i.kind, i.tbl, i.id, i.device, i.scope, i.former, i.deleted, i.data, i.meta, i.idx
		FROM item_index x JOIN items i ON i.kind = x.kind AND i.tbl = x.tbl AND i.id = x.id
		WHERE x.kind = $1 AND x.tbl = $2 AND x.name = $3 AND x.value = $4 ORDER BY x.id`, kind, table, name, value)
	if err != nil {
		return nil, err
	}
	return scanItems(rows)
}

// PartialBlobs implements server.BlobStore.
func (s *Store) PartialBlobs(ctx context.Context, before string) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT sha256 FROM blobs WHERE NOT complete AND created <> '' AND created < $1 ORDER BY sha256`, before)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var sha string
		if err := rows.Scan(&sha); err != nil {
			return nil, err
		}
		out = append(out, sha)
	}
	return out, rows.Err()
}
