package store

import (
	"context"
	"time"
)

// The bookkeeping of the attachment files' travel (migration 0011): what
// sync/client reads to know which files to send and which to fetch.

// States of a file's transfer (lampiran_berkas.unggah / unduh).
const (
	BerkasMenunggu = "MENUNGGU"
	BerkasSelesai  = "SELESAI"
)

// BerkasRef is a file the live attachment rows name, with its transfer state.
type BerkasRef struct {
	SHA256    string
	Ukuran    int64 // the largest size the rows declare
	Unggah    string
	Unduh     string
	Percobaan int
	Pesan     string
}

// BerkasRefs lists the files the attachment rows name, by SHA-256.
func (s *Store) BerkasRefs(ctx context.Context) ([]BerkasRef, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT l.sha256, max(l.ukuran), coalesce(b.unggah, ''), coalesce(b.unduh, ''), coalesce(b.percobaan, 0), coalesce(b.pesan, '')
		FROM dokumen_lampiran l LEFT JOIN lampiran_berkas b ON b.sha256 = l.sha256
		WHERE length(l.sha256) = 64 GROUP BY l.sha256 ORDER BY l.sha256`)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var out []BerkasRef
	for rows.Next() {
		var r BerkasRef
		if err := rows.Scan(&r.SHA256, &r.Ukuran, &r.Unggah, &r.Unduh, &r.Percobaan, &r.Pesan); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// MarkBerkas records a file's transfer state: unggah or unduh ("" keeps
// the stored one), the failure note (pesan, "" after a success) and
// whether this attempt failed (counted in percobaan; a success resets it).
func (s *Store) MarkBerkas(ctx context.Context, sha, unggah, unduh, pesan string, failed bool) error {
	inc := 0
	if failed {
		inc = 1
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO lampiran_berkas(sha256, unggah, unduh, percobaan, pesan, diperbarui) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT(sha256) DO UPDATE SET
			unggah = CASE WHEN excluded.unggah = '' THEN unggah ELSE excluded.unggah END,
			unduh = CASE WHEN excluded.unduh = '' THEN unduh ELSE excluded.unduh END,
			percobaan = CASE WHEN ? THEN percobaan + 1 ELSE 0 END,
			pesan = excluded.pesan, diperbarui = excluded.diperbarui`,
		sha, unggah, unduh, inc, pesan, time.Now().UTC().Format(time.RFC3339), failed)
	return classify(err)
}

// BerkasWaiting counts the files the attachment rows here name that are
// expected from the server and not received yet.
func (s *Store) BerkasWaiting(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM lampiran_berkas b WHERE b.unduh = 'MENUNGGU'
		AND EXISTS (SELECT 1 FROM dokumen_lampiran l WHERE l.sha256 = b.sha256)`).Scan(&n)
	return n, classify(err)
}
