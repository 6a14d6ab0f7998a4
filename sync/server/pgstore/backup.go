package pgstore

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// backupTables are the tables a backup holds, in restore order: the row
// store, the attachment files, the portal's accounts and used activation
// codes (a code used once stays used after a restore), and the releases.
var backupTables = []string{"meta", "seq_counter", "items", "item_index", "devices", "skew", "blobs", "blob_chunks",
	"portal_account", "portal_aktivasi_used", "releases", "release_chunks", "device_versions", "release_reports"}

// optionalTables may be missing at the end of a backup made before they
// existed (the attachment files, the portal, the releases).
var optionalTables = map[string]bool{"blobs": true, "blob_chunks": true, "portal_account": true, "portal_aktivasi_used": true,
	"releases": true, "release_chunks": true, "device_versions": true, "release_reports": true}

// ephemeralTables are emptied by a restore and not backed up: portal
// sessions (everyone logs in again) and the login attempt counters.
var ephemeralTables = []string{"portal_session", "portal_attempt"}

const backupMagic = "imbang-pg-backup 1"

// Backup writes a consistent copy of the server state to destPath (which
// must not exist): every table's COPY text from one REPEATABLE READ
// snapshot, so it is a state some commit left, whatever the servers are
// doing meanwhile. The file is written under a temporary name and renamed.
func (s *Store) Backup(ctx context.Context, destPath string) (err error) {
	if _, err := os.Stat(destPath); err == nil {
		return fmt.Errorf("pgstore: %s already exists", destPath)
	}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	out, err := os.CreateTemp(filepath.Dir(destPath), ".backup-*")
	if err != nil {
		return err
	}
	defer func() {
		out.Close()
		if err != nil {
			os.Remove(out.Name())
		}
	}()
	w := bufio.NewWriter(out)
	fmt.Fprintln(w, backupMagic)
	for _, tbl := range backupTables {
		// Each section: "table NAME" then the COPY text, ending with "\." .
		fmt.Fprintf(w, "table %s\n", tbl)
		if _, err := conn.Conn().PgConn().CopyTo(ctx, w, "COPY "+tbl+" TO STDOUT"); err != nil {
			return fmt.Errorf("pgstore: backup %s: %w", tbl, err)
		}
		fmt.Fprintln(w, `\.`)
	}
	fmt.Fprintln(w, "end")
	if err := w.Flush(); err != nil {
		return err
	}
	if err := out.Sync(); err != nil {
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(out.Name(), destPath)
}

// Restore replaces the state of the database at connURL by the backup at
// backupPath, in one transaction, and gives it a NEW epoch (every client's
// cursor is refused with 410 and each device may re-push what the backup
// lost). Stop the server processes first.
func Restore(ctx context.Context, backupPath, connURL string) error {
	f, err := os.Open(backupPath)
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	if line, _ := r.ReadString('\n'); strings.TrimSpace(line) != backupMagic {
		return fmt.Errorf("pgstore: %s is not an imbang PostgreSQL backup", backupPath)
	}
	st, err := Open(ctx, connURL)
	if err != nil {
		return err
	}
	defer st.Close()
	conn, err := st.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, "TRUNCATE item_scope, "+strings.Join(append(slices.Clone(backupTables), ephemeralTables...), ", ")); err != nil {
		return err
	}
	ended := false
	for _, tbl := range backupTables {
		line, err := r.ReadString('\n')
		if err == nil && optionalTables[tbl] && strings.TrimSpace(line) == "end" {
			ended = true // an older backup: no files
			break
		}
		if err != nil || strings.TrimSpace(line) != "table "+tbl {
			return fmt.Errorf("pgstore: backup damaged: expected table %s, got %q", tbl, strings.TrimSpace(line))
		}
		pr, pw := io.Pipe()
		go func() { pw.CloseWithError(copySection(r, pw)) }()
		if _, err := conn.Conn().PgConn().CopyFrom(ctx, pr, "COPY "+tbl+" FROM STDIN"); err != nil {
			pr.CloseWithError(err)
			return fmt.Errorf("pgstore: restore %s: %w", tbl, err)
		}
	}
	if line, _ := r.ReadString('\n'); !ended && strings.TrimSpace(line) != "end" {
		return fmt.Errorf("pgstore: backup damaged: no end marker (truncated file?)")
	}
	if _, err := tx.Exec(ctx, `UPDATE meta SET value = $1 WHERE key = 'epoch'`, uuid.NewString()); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE devices SET resync = true`); err != nil {
		return err
	}
	if err := reindexScopes(ctx, tx); err != nil { // item_scope is derived from items, not backed up
		return err
	}
	if err := upcastStoredTx(ctx, tx); err != nil { // a backup made by an older server
		return err
	}
	for _, tbl := range []string{"skew", "release_reports"} {
		if _, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence('`+tbl+`', 'n'), coalesce(max(n), 0) + 1, false) FROM `+tbl); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

// copySection copies COPY text lines up to the "\." terminator.
func copySection(r *bufio.Reader, w io.Writer) error {
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return fmt.Errorf("pgstore: backup damaged: %w", err)
		}
		if line == "\\.\n" {
			return nil
		}
		if _, err := io.WriteString(w, line); err != nil {
			return err
		}
	}
}

// Counts returns the number of rows per table (operations, tests).
func (s *Store) Counts(ctx context.Context) (map[string]int64, error) {
	out := map[string]int64{}
	for _, tbl := range backupTables {
		var n int64
		if err := s.pool.QueryRow(ctx, "SELECT count(*) FROM "+tbl).Scan(&n); err != nil {
			return nil, err
		}
		out[tbl] = n
	}
	return out, nil
}
