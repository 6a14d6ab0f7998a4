// Package store is the local SQLite database of one installation: opening it
// with the right pragmas and an integrity check, versioned migrations embedded in the binary (applied
// in one transaction after a backup copy), the single write path that records
// every change to a synced table in the outbox in the same transaction, and
// the queries behind the screens.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/backup"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/google/uuid"
	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// FileName is the database file inside the data directory.
const FileName = "imbang.db"

// Options configure Open.
type Options struct {
	Dir string           // data directory; created if missing
	Now func() time.Time // injectable clock; time.Now if nil
	Log *slog.Logger     // nil discards
}

// Store is an open local database.
type Store struct {
	db       *sql.DB
	dir      string
	path     string
	now      func() time.Time
	log      *slog.Logger
	clock    *hlc.Clock
	deviceID string
	version  int
	wmu      sync.Mutex // one writer at a time; SQLite would serialise anyway, this avoids busy waits
}

// DefaultDir is where the database lives when no directory is given:
// $IMBANG_DATA_DIR, else the OS user config directory (XDG_CONFIG_HOME or
// ~/.config on Linux, %AppData% on Windows) + "/Imbang".
func DefaultDir() (string, error) {
	if d := os.Getenv("IMBANG_DATA_DIR"); d != "" {
		return d, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", domain.Wrap(err, domain.KindUnavailable, "store.no_config_dir",
			"Folder konfigurasi pengguna tidak ditemukan; jalankan dengan --data-dir.",
			"No user config directory; run with --data-dir.")
	}
	return filepath.Join(base, "Imbang"), nil
}

type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		n, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{n, e.Name(), string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migrations must be numbered 1..n without gaps; found %s", m.name)
		}
	}
	return out, nil
}

// LatestVersion is the schema version this binary writes.
func LatestVersion() int {
	ms, err := loadMigrations()
	if err != nil {
		panic(err) // embedded at build time; a test covers it
	}
	return len(ms)
}

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	if readOnly {
		q.Set("mode", "ro")
		return "file:" + path + "?" + q.Encode()
	}
	// cache_size: 8 MiB per connection. The default 2 MiB re-reads the hot
	// pages on every dashboard; 32 MiB cost the desktop ~50 MiB of memory
	// already at the login screen for no faster screens than 8 MiB
	// (docs/performance.md, "Desktop start-up").
	for _, p := range []string{"foreign_keys(1)", "busy_timeout(10000)", "journal_mode(WAL)", "synchronous(FULL)", "cache_size(-8000)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// schemaVersionOf reads user_version without writing anything to the file.
func schemaVersionOf(ctx context.Context, path string) (int, error) {
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var v int
	err = db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// Open opens (creating if needed) the database in opts.Dir and brings its
// schema up to date. A database written by a newer Imbang is refused
// untouched.
func Open(ctx context.Context, opts Options) (*Store, error) {
	migs, err := loadMigrations()
	if err != nil {
		return nil, err
	}
	return open(ctx, opts, migs)
}

// open is Open with a given migration list (tests open older schemas).
func open(ctx context.Context, opts Options, migs []migration) (*Store, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Dir == "" {
		d, err := DefaultDir()
		if err != nil {
			return nil, err
		}
		opts.Dir = d
	}
	if err := os.MkdirAll(opts.Dir, 0o700); err != nil {
		return nil, domain.Wrap(err, domain.KindUnavailable, "store.data_dir",
			fmt.Sprintf("Folder data %s tidak dapat dibuat.", opts.Dir), fmt.Sprintf("Cannot create the data folder %s.", opts.Dir))
	}
	path := filepath.Join(opts.Dir, FileName)
	latest := len(migs)
	// A restore interrupted by a crash is finished before anything opens the file.
	if done, err := backup.Resume(opts.Dir); err != nil {
		return nil, domain.Wrap(err, domain.KindUnavailable, "store.resume_restore",
			"Pemulihan cadangan yang terputus tidak dapat diselesaikan.", "An interrupted restore could not be finished.")
	} else if done {
		opts.Log.Warn("finished an interrupted restore", "dir", opts.Dir)
	}
	if _, err := os.Stat(path); err == nil {
		v, err := schemaVersionOf(ctx, path)
		if err != nil {
			if backup.IsCorrupt(err) {
				return nil, damaged(path, err.Error(), err)
			}
			return nil, domain.Wrap(err, domain.KindUnavailable, "store.unreadable",
				fmt.Sprintf("Basis data %s tidak dapat dibaca; berkas mungkin rusak.", path),
				fmt.Sprintf("The database %s cannot be read; the file may be damaged.", path))
		}
		if v > latest {
			return nil, domain.E(domain.KindUnavailable, "store.schema_newer",
				fmt.Sprintf("Basis data ini dibuat oleh versi Imbang yang lebih baru (skema %d; versi ini mengenal sampai skema %d). Perbarui aplikasi Imbang; data tidak diubah.", v, latest),
				fmt.Sprintf("This database was written by a newer Imbang (schema %d; this version knows up to %d). Update Imbang; the data was not changed.", v, latest))
		}
		// The open-time integrity check (read-only: a damaged file is not written).
		res, err := backup.CheckFile(ctx, path)
		if err != nil {
			return nil, domain.Wrap(err, domain.KindUnavailable, "store.unreadable",
				fmt.Sprintf("Basis data %s tidak dapat diperiksa.", path), fmt.Sprintf("The database %s cannot be checked.", path))
		}
		if res != "ok" {
			return nil, damaged(path, res, nil)
		}
	}
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	db.SetConnMaxIdleTime(0)
	s := &Store{db: db, dir: opts.Dir, path: path, now: opts.Now, log: opts.Log}
	if err := s.migrate(ctx, migs); err != nil {
		db.Close()
		if backup.IsCorrupt(err) {
			return nil, damaged(path, err.Error(), err)
		}
		return nil, err
	}
	if err := s.loadIdentity(ctx); err != nil {
		db.Close()
		if backup.IsCorrupt(err) {
			return nil, damaged(path, err.Error(), err)
		}
		return nil, err
	}
	if s.version >= quarantineSchema {
		if err := s.sweepInvalidRows(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	return s, nil
}

// CodeDamaged is the error code of a database file that fails its integrity
// check at open; the desktop app answers it with the recovery path.
const CodeDamaged = "store.damaged"

func damaged(path, detail string, cause error) error {
	e := domain.Wrap(cause, domain.KindUnavailable, CodeDamaged,
		fmt.Sprintf("Basis data %s rusak (pemeriksaan integritas gagal: %s).", path, detail),
		fmt.Sprintf("The database %s is damaged (integrity check failed: %s).", path, detail))
	return e
}

// IsDamaged reports whether err says the database file is damaged.
func IsDamaged(err error) bool { return domain.CodeOf(err) == CodeDamaged }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Dir is the data directory.
func (s *Store) Dir() string { return s.dir }

// Path is the database file.
func (s *Store) Path() string { return s.path }

// DeviceID is this installation's UUID, made at first start.
func (s *Store) DeviceID() string { return s.deviceID }

// SchemaVersion is the schema version of the open database.
func (s *Store) SchemaVersion() int { return s.version }

// DB exposes the handle for tests and benchmarks in other packages.
func (s *Store) DB() *sql.DB { return s.db }

func (s *Store) migrate(ctx context.Context, migs []migration) error {
	var current int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return domain.Wrap(err, domain.KindUnavailable, "store.unreadable",
			"Basis data tidak dapat dibaca; berkas mungkin rusak.", "The database cannot be read; the file may be damaged.")
	}
	s.version = current
	if current == len(migs) {
		return nil
	}
	if current > 0 {
		if _, err := backup.Create(ctx, s.db, s.dir, backup.CreateOptions{Reason: backup.ReasonMigrasi,
			Detail: fmt.Sprintf("v%d-ke-v%d", current, len(migs)), Now: s.now()}); err != nil {
			return err
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, m := range migs[current:] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(migs))); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.log.Info("database migrated", "from", current, "to", len(migs))
	s.version = len(migs)
	return nil
}

// BackupDir is where backup copies go.
func (s *Store) BackupDir() string { return filepath.Join(s.dir, "backups") }

// Backup writes a consistent copy of the database (VACUUM INTO) into the
// backup directory under name and returns its path.
func (s *Store) Backup(ctx context.Context, name string) (string, error) {
	if err := os.MkdirAll(s.BackupDir(), 0o700); err != nil {
		return "", err
	}
	dest := filepath.Join(s.BackupDir(), name)
	if _, err := os.Stat(dest); err == nil {
		return "", domain.E(domain.KindConflict, "store.backup_exists", "Berkas cadangan sudah ada: "+dest, "Backup file exists: "+dest)
	}
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return "", domain.Wrap(err, domain.KindUnavailable, "store.backup_failed",
			"Cadangan basis data gagal dibuat; data tidak diubah.", "The database backup failed; the data was not changed.")
	}
	return dest, nil
}

func (s *Store) loadIdentity(ctx context.Context) error {
	get := func(key string) (string, error) {
		var v string
		err := s.db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			return "", nil
		}
		return v, err
	}
	dev, err := get("device_id")
	if err != nil {
		return err
	}
	if dev == "" {
		id, err := uuid.NewV7()
		if err != nil {
			return err
		}
		dev = id.String()
		if _, err := s.db.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES ('device_id', ?)", dev); err != nil {
			return err
		}
	}
	s.deviceID = dev
	mark, err := get("hlc")
	if err != nil {
		return err
	}
	var last hlc.Timestamp
	if mark != "" {
		if last, err = hlc.Parse(mark); err != nil {
			return err
		}
	}
	s.clock = hlc.New(s.now, last)
	return nil
}

// NewID makes a row id: a UUIDv7, time-ordered and unique without a server.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }
