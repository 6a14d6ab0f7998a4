// Package backup keeps copies of the local database: consistent snapshots
// made with VACUUM INTO into <data dir>/backups, each with a small JSON
// manifest (reason, time, schema version, row counts, data date, SHA-256),
// retention of the last N, a read-only preview of what a copy holds, restore
// with the current file kept aside, and the recovery of a damaged database
// from the newest copy that passes its checks. The damaged or replaced file is
// never deleted.
//
// The package works on file paths and a *sql.DB, not on the store, so the
// store can call it before a migration; closing and reopening the store
// around a restore is the caller's job.
package backup

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	_ "modernc.org/sqlite" // the pure-Go driver, to read copies without a store
)

// Reason says why a backup was made.
type Reason string

// The reasons a backup is made, UPPER_SNAKE like every enum the UI receives.
// Manifests written before the reasons were upper-case say "harian" …;
// ParseReason reads both.
const (
	ReasonHarian    Reason = "HARIAN"    // the automatic daily copy
	ReasonMigrasi   Reason = "MIGRASI"   // before a schema migration
	ReasonBootstrap Reason = "BOOTSTRAP" // before a sync snapshot replaces the data
	ReasonManual    Reason = "MANUAL"    // asked for by a person
)

// ParseReason reads a reason in either case ("manual" from an older manifest
// or a command line, "MANUAL"); an unknown word stays as it is and is not Valid.
func ParseReason(s string) Reason {
	if r := Reason(strings.ToUpper(strings.TrimSpace(s))); r.Valid() {
		return r
	}
	return Reason(s)
}

// Valid reports whether r is one of the known reasons.
func (r Reason) Valid() bool {
	switch r {
	case ReasonHarian, ReasonMigrasi, ReasonBootstrap, ReasonManual:
		return true
	}
	return false
}

const (
	// DirName is the backup folder inside the data directory.
	DirName = "backups"
	// DBFile is the database file name inside the data directory (store.FileName).
	DBFile = "imbang.db"
	// DefaultKeep is how many backups are kept when no setting says otherwise.
	DefaultKeep = 10
	// MaxKeep bounds the setting.
	MaxKeep      = 365
	settingsFile = "pengaturan.json"
	tsFormat     = "20060102T150405.000Z"
)

// Manifest describes one backup file; it is written beside it as <file>.json.
type Manifest struct {
	File          string           `json:"file"`
	Reason        Reason           `json:"reason"`
	Detail        string           `json:"detail,omitempty"`
	CreatedAt     time.Time        `json:"createdAt"`
	SchemaVersion int              `json:"schemaVersion"`
	Counts        map[string]int64 `json:"counts"`
	DataDate      string           `json:"dataDate"` // the newest change recorded in the copy (RFC 3339), "" if none
	Integrity     string           `json:"integrity"`
	Size          int64            `json:"size"`
	SHA256        string           `json:"sha256"`
	Millis        int64            `json:"millis"` // time taken to make it
}

// Info is one backup as listed: the manifest, or what the file says when the
// manifest is missing (a copy interrupted between file and manifest).
type Info struct {
	Manifest
	Path       string `json:"path"`
	NoManifest bool   `json:"noManifest"`
}

// BackupDir is the backup folder of a data directory.
func BackupDir(dataDir string) string { return filepath.Join(dataDir, DirName) }

var createMu sync.Mutex // one copy at a time in this process

// CreateOptions say why a copy is made and when.
type CreateOptions struct {
	Reason Reason
	Detail string    // e.g. "v3-ke-v5" for a migration; part of the file name
	Now    time.Time // zero: time.Now()
	Keep   int       // 0: the setting in the backup folder
}

// Create writes a consistent copy of the open database db into the backup
// folder of dataDir, then its manifest, then removes the oldest copies beyond
// the kept number. The copy is written under a temporary name and renamed
// when complete, so an interrupted copy is never listed.
func Create(ctx context.Context, db *sql.DB, dataDir string, o CreateOptions) (Info, error) {
	if !o.Reason.Valid() {
		return Info{}, domain.E(domain.KindInvalid, "backup.reason", "Alasan cadangan tidak dikenal: "+string(o.Reason), "Unknown backup reason: "+string(o.Reason))
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	start := time.Now()
	createMu.Lock()
	defer createMu.Unlock()
	dir := BackupDir(dataDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Info{}, failed(err)
	}
	cleanTemps(dir)
	name := fileName(o.Now, o.Reason, o.Detail)
	final := filepath.Join(dir, name)
	for i := 2; exists(final); i++ { // two copies in the same millisecond
		name = strings.TrimSuffix(fileName(o.Now, o.Reason, o.Detail), ".db") + fmt.Sprintf("-%d.db", i)
		final = filepath.Join(dir, name)
	}
	tmp := filepath.Join(dir, ".tmp-"+name)
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return Info{}, failed(err)
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return Info{}, failed(err)
	}
	insp, err := inspect(ctx, tmp, true)
	if err != nil {
		os.Remove(tmp)
		return Info{}, failed(err)
	}
	sum, size, err := hashFile(tmp)
	if err != nil {
		os.Remove(tmp)
		return Info{}, failed(err)
	}
	if err := os.Rename(tmp, final); err != nil {
		os.Remove(tmp)
		return Info{}, failed(err)
	}
	m := Manifest{File: name, Reason: o.Reason, Detail: o.Detail, CreatedAt: o.Now.UTC(), SchemaVersion: insp.schema,
		Counts: insp.counts, DataDate: insp.dataDate, Integrity: insp.integrity, Size: size, SHA256: sum,
		Millis: time.Since(start).Milliseconds()}
	if err := writeJSON(final+".json", m); err != nil {
		return Info{}, failed(err)
	}
	syncDir(dir)
	keep := o.Keep
	if keep <= 0 {
		keep = Keep(dataDir)
	}
	if err := prune(dir, keep); err != nil {
		return Info{}, failed(err)
	}
	return Info{Manifest: m, Path: final}, nil
}

func fileName(now time.Time, r Reason, detail string) string {
	// The file name keeps the reason in lower case, as names made before did.
	n := "imbang-" + now.UTC().Format(tsFormat) + "-" + strings.ToLower(string(r))
	if detail != "" {
		n += "-" + detail
	}
	return n + ".db"
}

func failed(err error) error {
	var e *domain.Error
	if errors.As(err, &e) {
		return err
	}
	return domain.Wrap(err, domain.KindUnavailable, "backup.failed",
		"Cadangan basis data gagal dibuat; data tidak diubah. Periksa ruang disk.",
		"The database backup failed; the data was not changed. Check the free disk space.")
}

// List returns the backups in dataDir, newest first.
func List(dataDir string) ([]Info, error) {
	dir := BackupDir(dataDir)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return []Info{}, nil
	}
	if err != nil {
		return nil, domain.Wrap(err, domain.KindUnavailable, "backup.list", "Folder cadangan tidak dapat dibaca: "+dir, "Cannot read the backup folder: "+dir)
	}
	out := []Info{}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".db") || strings.HasPrefix(n, ".") {
			continue
		}
		out = append(out, readInfo(dir, n))
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].CreatedAt.Equal(out[j].CreatedAt) {
			return out[i].CreatedAt.After(out[j].CreatedAt)
		}
		return out[i].File > out[j].File
	})
	return out, nil
}

func readInfo(dir, name string) Info {
	path := filepath.Join(dir, name)
	in := Info{Path: path}
	b, err := os.ReadFile(path + ".json")
	if err == nil && json.Unmarshal(b, &in.Manifest) == nil && in.File == name {
		in.Reason = ParseReason(string(in.Reason))
		return in
	}
	in.Manifest = Manifest{File: name}
	in.NoManifest = true
	if st, err := os.Stat(path); err == nil {
		in.Size = st.Size()
		in.CreatedAt = st.ModTime().UTC()
	}
	return in
}

// Latest is the newest backup, or false when there is none.
func Latest(dataDir string) (Info, bool, error) {
	l, err := List(dataDir)
	if err != nil || len(l) == 0 {
		return Info{}, false, err
	}
	return l[0], true, nil
}

// Due reports whether the daily copy is due: no backup made in the last 24 hours.
func Due(dataDir string, now time.Time) (bool, error) {
	last, ok, err := Latest(dataDir)
	if err != nil {
		return false, err
	}
	return !ok || now.Sub(last.CreatedAt) >= 24*time.Hour, nil
}

// Find returns the backup named name (a file name inside the backup folder,
// never a path elsewhere).
func Find(dataDir, name string) (Info, error) {
	if name == "" || filepath.Base(name) != name || !strings.HasSuffix(name, ".db") || strings.HasPrefix(name, ".") {
		return Info{}, domain.E(domain.KindInvalid, "backup.name", "Nama berkas cadangan tidak sah: "+name, "Invalid backup file name: "+name)
	}
	dir := BackupDir(dataDir)
	if !exists(filepath.Join(dir, name)) {
		return Info{}, domain.E(domain.KindNotFound, "backup.not_found", "Berkas cadangan tidak ditemukan: "+name, "Backup file not found: "+name)
	}
	return readInfo(dir, name), nil
}

func prune(dir string, keep int) error {
	l, err := List(filepath.Dir(dir))
	if err != nil {
		return err
	}
	for i := keep; i < len(l); i++ {
		if err := os.Remove(l[i].Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		os.Remove(l[i].Path + ".json")
	}
	return nil
}

// cleanTemps removes copies left by a process that died while copying (older
// than an hour, so a copy another process is writing now is left alone).
func cleanTemps(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".tmp-") {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

type settings struct {
	Keep int `json:"simpan"`
}

// Keep is the number of backups kept (the setting in the backup folder, or
// DefaultKeep). The setting lives beside the copies, not in the database, so
// a restore does not change it and it is readable when the database is not.
func Keep(dataDir string) int {
	b, err := os.ReadFile(filepath.Join(BackupDir(dataDir), settingsFile))
	var s settings
	if err != nil || json.Unmarshal(b, &s) != nil || s.Keep < 1 || s.Keep > MaxKeep {
		return DefaultKeep
	}
	return s.Keep
}

// SetKeep changes how many backups are kept (1..MaxKeep) and prunes now.
func SetKeep(dataDir string, n int) error {
	if n < 1 || n > MaxKeep {
		return domain.E(domain.KindInvalid, "backup.keep", fmt.Sprintf("Jumlah cadangan yang disimpan harus 1 sampai %d.", MaxKeep),
			fmt.Sprintf("The number of backups kept must be 1 to %d.", MaxKeep))
	}
	dir := BackupDir(dataDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return failed(err)
	}
	if err := writeJSON(filepath.Join(dir, settingsFile), settings{n}); err != nil {
		return failed(err)
	}
	return prune(dir, n)
}

// inspection is what reading a database file tells.
type inspection struct {
	schema    int
	counts    map[string]int64
	dataDate  string
	integrity string
	pemda     string
	demo      bool
}

func roDSN(path string) string {
	// immutable: a backup does not change while it is read, and nothing
	// (no -wal, no -shm) is created beside it.
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?mode=ro&immutable=1"
}

// inspect opens a database file read-only and reads its schema version, row
// counts, newest change and (if check) its quick_check result.
func inspect(ctx context.Context, path string, check bool) (inspection, error) {
	db, err := sql.Open("sqlite", roDSN(path))
	if err != nil {
		return inspection{}, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var in inspection
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&in.schema); err != nil {
		return in, err
	}
	if check {
		in.integrity, err = quickCheck(ctx, db)
		if err != nil {
			return in, err
		}
		if in.integrity != "ok" {
			return in, nil // counting a damaged file may fail or lie
		}
	}
	rows, err := db.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	if err != nil {
		return in, err
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return in, err
		}
		tables = append(tables, n)
	}
	rows.Close()
	in.counts = map[string]int64{}
	has := map[string]bool{}
	for _, t := range tables {
		var n int64
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM "`+strings.ReplaceAll(t, `"`, `""`)+`"`).Scan(&n); err != nil {
			return in, err
		}
		in.counts[t] = n
		has[t] = true
	}
	var latest string
	for _, q := range []struct{ table, sql string }{
		{"outbox", "SELECT coalesce(max(created_at), '') FROM outbox"},
		{"audit_log", "SELECT coalesce(max(waktu), '') FROM audit_log"},
	} {
		if !has[q.table] {
			continue
		}
		var v string
		if err := db.QueryRowContext(ctx, q.sql).Scan(&v); err == nil && v > latest {
			latest = v
		}
	}
	in.dataDate = latest
	if has["pemda"] {
		var demo int
		if err := db.QueryRowContext(ctx, "SELECT nama, demo FROM pemda LIMIT 1").Scan(&in.pemda, &demo); err == nil {
			in.demo = demo != 0
		}
	}
	return in, nil
}

// quickCheck runs PRAGMA quick_check and returns "ok" or the first problems.
func quickCheck(ctx context.Context, db *sql.DB) (string, error) {
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check(5)")
	if err != nil {
		if IsCorrupt(err) {
			return err.Error(), nil
		}
		return "", err
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return "", err
		}
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		if IsCorrupt(err) {
			return err.Error(), nil
		}
		return "", err
	}
	if len(msgs) == 1 && msgs[0] == "ok" {
		return "ok", nil
	}
	if len(msgs) == 0 {
		return "no result", nil
	}
	return strings.Join(msgs, "; "), nil
}

// IsCorrupt reports whether err is SQLite saying the file is damaged or not a
// database (SQLITE_CORRUPT, SQLITE_NOTADB).
func IsCorrupt(err error) bool {
	var c interface{ Code() int }
	if errors.As(err, &c) {
		switch c.Code() & 0xff {
		case 11, 26: // SQLITE_CORRUPT, SQLITE_NOTADB
			return true
		}
	}
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "malformed") || strings.Contains(s, "not a database")
}

// CheckFile runs the open-time integrity check on a database file (read-only,
// writing nothing): it returns "ok" or what is wrong. An error means the file
// could not be checked at all (missing, no permission).
func CheckFile(ctx context.Context, path string) (string, error) {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		return "", err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	return quickCheck(ctx, db)
}

// Preview is what a backup holds, read from the file itself.
type Preview struct {
	Info
	SchemaVersion int    `json:"schemaVersionFile"`
	Pemda         string `json:"pemda"`
	Demo          bool   `json:"demo"`
	OPD           int64  `json:"opd"`
	Pegawai       int64  `json:"pegawai"`
	Usulan        int64  `json:"usulan"`
	LatestChange  string `json:"latestChange"`
	Integrity     string `json:"integrityNow"`
	IntegrityOK   bool   `json:"integrityOk"`
	HashOK        bool   `json:"hashOk"` // the file's SHA-256 matches its manifest (false without one)
	Restorable    bool   `json:"restorable"`
	Problem       string `json:"problem,omitempty"`
	ProblemEN     string `json:"problemEn,omitempty"`
	PreviewMillis int64  `json:"previewMillis"` // time taken to hash, check and count
}

// PreviewFile opens the backup named name read-only and reports what it
// holds and whether it may be restored by a binary that knows schemas up to
// maxSchema.
func PreviewFile(ctx context.Context, dataDir, name string, maxSchema int) (Preview, error) {
	start := time.Now()
	in, err := Find(dataDir, name)
	if err != nil {
		return Preview{}, err
	}
	p := Preview{Info: in}
	sum, _, err := hashFile(in.Path)
	if err != nil {
		return p, domain.Wrap(err, domain.KindUnavailable, "backup.unreadable", "Berkas cadangan tidak dapat dibaca: "+name, "Cannot read the backup file: "+name)
	}
	p.HashOK = !in.NoManifest && sum == in.SHA256
	insp, err := inspect(ctx, in.Path, true)
	switch {
	case err != nil && IsCorrupt(err):
		p.Integrity = err.Error()
	case err != nil:
		return p, domain.Wrap(err, domain.KindUnavailable, "backup.unreadable", "Berkas cadangan tidak dapat dibaca: "+name, "Cannot read the backup file: "+name)
	default:
		p.Integrity = insp.integrity
	}
	p.IntegrityOK = p.Integrity == "ok"
	p.SchemaVersion = insp.schema
	p.Pemda, p.Demo, p.LatestChange = insp.pemda, insp.demo, insp.dataDate
	p.OPD, p.Pegawai, p.Usulan = insp.counts["opd"], insp.counts["pegawai"], insp.counts["mutasi_usulan"]
	switch {
	case !p.IntegrityOK:
		p.Problem, p.ProblemEN = "Berkas cadangan ini rusak (pemeriksaan integritas gagal).", "This backup file is damaged (the integrity check failed)."
	case !in.NoManifest && !p.HashOK:
		p.Problem, p.ProblemEN = "Isi berkas cadangan ini berubah sejak dibuat (SHA-256 tidak cocok).", "This backup file changed since it was made (SHA-256 mismatch)."
	case p.SchemaVersion > maxSchema:
		p.Problem = fmt.Sprintf("Cadangan ini dibuat oleh versi Imbang yang lebih baru (skema %d; versi ini sampai skema %d).", p.SchemaVersion, maxSchema)
		p.ProblemEN = fmt.Sprintf("This backup was made by a newer Imbang (schema %d; this version knows up to %d).", p.SchemaVersion, maxSchema)
	}
	p.Restorable = p.Problem == ""
	p.PreviewMillis = time.Since(start).Milliseconds()
	return p, nil
}

// hashFile returns the file's SHA-256 (hex) and size.
func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// syncDir makes renames in dir durable (a no-op where directories cannot be
// opened for sync, e.g. Windows).
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}

// writeJSON writes v to path atomically (temporary file, sync, rename).
func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(path), ".tmp-"+filepath.Base(path))
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}
