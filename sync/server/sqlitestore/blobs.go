package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"io"

	"github.com/bkpsdm-sorong/imbang/sync/server"
)

// The attachment files (server.BlobStore): a record per file and its bytes
// in chunks keyed by their offset, in the same database file, so a backup
// (VACUUM INTO) holds them too.
const blobSchema = `
CREATE TABLE IF NOT EXISTS blobs (
    sha256   TEXT PRIMARY KEY,
    size     INTEGER NOT NULL,
    received INTEGER NOT NULL DEFAULT 0,
    complete INTEGER NOT NULL DEFAULT 0,
    state    BLOB,
    created  TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS blob_chunks (
    sha256 TEXT NOT NULL,
    off    INTEGER NOT NULL,
    n      INTEGER NOT NULL,
    data   BLOB NOT NULL,
    PRIMARY KEY (sha256, off)
) WITHOUT ROWID;
`

var _ server.BlobStore = (*Store)(nil)

// Blob returns a blob's record.
func (s *Store) Blob(ctx context.Context, sha string) (server.Blob, error) {
	return blobRecord(ctx, s.db, sha)
}

type querier interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func blobRecord(ctx context.Context, q querier, sha string) (server.Blob, error) {
	var b server.Blob
	var complete int
	err := q.QueryRowContext(ctx, `SELECT sha256, size, received, complete, state, created FROM blobs WHERE sha256 = ?`, sha).
		Scan(&b.SHA256, &b.Size, &b.Received, &complete, &b.State, &b.Created)
	if errors.Is(err, sql.ErrNoRows) {
		return server.Blob{}, server.ErrNotFound
	}
	b.Complete = complete != 0
	return b, err
}

// blobTx runs fn in one write transaction, in turn with the store's other
// writers (SQLite has one writer: holding it is the blob's lock).
func (s *Store) blobTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
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

// AppendBlob implements server.BlobStore.
func (s *Store) AppendBlob(ctx context.Context, sha string, fn func(b *server.Blob, found bool) ([]byte, error)) error {
	var ferr error
	err := s.blobTx(ctx, func(tx *sql.Tx) error {
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
			if _, err := tx.ExecContext(ctx, `INSERT INTO blob_chunks(sha256, off, n, data) VALUES (?, ?, ?, ?)`, sha, at, len(chunk), chunk); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO blobs(sha256, size, received, complete, state, created) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT(sha256) DO UPDATE SET size = excluded.size, received = excluded.received, complete = excluded.complete, state = excluded.state`,
			sha, b.Size, b.Received, b2i(b.Complete), b.State, b.Created)
		return err
	})
	if err == nil {
		err = ferr
	}
	return err
}

// RenameBlob implements server.BlobStore.
func (s *Store) RenameBlob(ctx context.Context, from, to string) error {
	return s.blobTx(ctx, func(tx *sql.Tx) error {
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
		if _, err := tx.ExecContext(ctx, `UPDATE blob_chunks SET sha256 = ? WHERE sha256 = ?`, to, from); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE blobs SET sha256 = ?, size = received, complete = 1, state = NULL WHERE sha256 = ?`, to, from)
		return err
	})
}

func deleteBlob(ctx context.Context, tx *sql.Tx, sha string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM blob_chunks WHERE sha256 = ?`, sha); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM blobs WHERE sha256 = ?`, sha)
	return err
}

// DeleteBlob implements server.BlobStore.
func (s *Store) DeleteBlob(ctx context.Context, sha string) error {
	return s.blobTx(ctx, func(tx *sql.Tx) error { return deleteBlob(ctx, tx, sha) })
}

// ReadBlobAt implements server.BlobStore.
func (s *Store) ReadBlobAt(ctx context.Context, sha string, p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("sqlitestore: negative offset")
	}
	end := off + int64(len(p))
	rows, err := s.db.QueryContext(ctx, `SELECT off, data FROM blob_chunks WHERE sha256 = ? AND off < ? AND off + n > ? ORDER BY off`, sha, end, off)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() && n < len(p) {
		var at int64
		var data []byte
		if err := rows.Scan(&at, &data); err != nil {
			return n, err
		}
		if at > off+int64(n) {
			break // a hole: the bytes after it are not contiguous
		}
		n += copy(p[n:], data[off+int64(n)-at:])
	}
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
	err = s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(received), 0) FROM blobs`).Scan(&files, &bytes)
	return files, bytes, err
}

// LookupItems implements server.ItemLookup: Lookup on the committed state,
// outside the writer (a reader connection).
func (s *Store) LookupItems(ctx context.Context, kind, table, name, value string) ([]*server.Item, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+prefixed("i.", itemCols)+` FROM item_index x JOIN items i ON i.kind = x.kind AND i.tbl = x.tbl AND i.id = x.id
		WHERE x.kind = ? AND x.tbl = ? AND x.name = ? AND x.value = ? ORDER BY x.id`, kind, table, name, value)
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

// PartialBlobs implements server.BlobStore.
func (s *Store) PartialBlobs(ctx context.Context, before string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT sha256 FROM blobs WHERE NOT complete AND created <> '' AND created < ? ORDER BY sha256`, before)
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
