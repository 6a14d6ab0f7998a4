package backup

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// sidecars are the files SQLite keeps beside a database; they belong to it
// and move with it (a stale -wal beside another file would be replayed into it).
var sidecars = []string{"-wal", "-shm", "-journal"}

// moveAside renames the database file of dataDir and its sidecars to
// imbang.db.<label>-<time> and returns the new path ("" if there was no file).
// Nothing is deleted.
func moveAside(dataDir, label string, now time.Time) (string, error) {
	src := filepath.Join(dataDir, DBFile)
	dst := src + "." + label + "-" + now.UTC().Format("20060102T150405Z")
	for i := 2; exists(dst); i++ {
		dst = src + "." + label + "-" + now.UTC().Format("20060102T150405Z") + fmt.Sprintf("-%d", i)
	}
	moved := ""
	if exists(src) {
		if err := os.Rename(src, dst); err != nil {
			return "", err
		}
		moved = dst
	}
	for _, s := range sidecars {
		if exists(src + s) {
			if err := os.Rename(src+s, dst+s); err != nil {
				return moved, err
			}
		}
	}
	syncDir(dataDir)
	return moved, nil
}

// Verify checks that a backup may be restored by a binary that knows schemas
// up to maxSchema: its hash matches its manifest, it passes quick_check, and
// its schema is not newer.
func Verify(ctx context.Context, in Info, maxSchema int) error {
	bad := func(id, en string) error {
		return domain.E(domain.KindInvalid, "backup.unusable", fmt.Sprintf("Cadangan %s tidak dapat dipulihkan: %s", in.File, id),
			fmt.Sprintf("Backup %s cannot be restored: %s", in.File, en))
	}
	if !in.NoManifest {
		sum, _, err := hashFile(in.Path)
		if err != nil {
			return bad("berkas tidak dapat dibaca.", "the file cannot be read.")
		}
		if sum != in.SHA256 {
			return bad("isinya berubah sejak dibuat (SHA-256 tidak cocok).", "it changed since it was made (SHA-256 mismatch).")
		}
	}
	insp, err := inspect(ctx, in.Path, true)
	if err != nil {
		return bad("berkas rusak atau tidak dapat dibaca.", "the file is damaged or unreadable.")
	}
	if insp.integrity != "ok" {
		return bad("pemeriksaan integritas gagal.", "the integrity check failed.")
	}
	if insp.schema > maxSchema {
		return bad(fmt.Sprintf("dibuat oleh versi Imbang yang lebih baru (skema %d).", insp.schema),
			fmt.Sprintf("made by a newer Imbang (schema %d).", insp.schema))
	}
	return nil
}

// putInPlace copies the backup to a temporary file in dataDir, syncs it and
// renames it to the database file (which must not exist any more).
func putInPlace(in Info, dataDir string) error {
	dst := filepath.Join(dataDir, DBFile)
	tmp := dst + ".pulih-tmp"
	src, err := os.Open(in.Path)
	if err != nil {
		return err
	}
	defer src.Close()
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, src); err != nil {
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
	if err := os.Rename(tmp, dst); err != nil {
		os.Remove(tmp)
		return err
	}
	syncDir(dataDir)
	return nil
}

// Restored says what a restore did.
type Restored struct {
	Backup    Info   `json:"backup"`
	KeptAside string `json:"keptAside"` // the replaced database, renamed (never deleted); "" if there was none
	Millis    int64  `json:"millis"`
}

// Restore replaces the database of dataDir with the backup named name. The
// store must be closed. The backup is verified first; the current file (with
// its -wal and -shm) is kept as imbang.db.sebelum-restore-<time>. If putting
// the copy in place fails, the current file is moved back.
func Restore(ctx context.Context, dataDir, name string, maxSchema int, now time.Time) (Restored, error) {
	start := time.Now()
	in, err := Find(dataDir, name)
	if err != nil {
		return Restored{}, err
	}
	if err := Verify(ctx, in, maxSchema); err != nil {
		return Restored{}, err
	}
	// A journal names the copy being put in place, so a process that dies
	// between moving the current file aside and renaming the copy into place
	// is finished by Resume at the next open instead of starting empty.
	journal := filepath.Join(dataDir, journalFile)
	if err := writeJSON(journal, restoreJournal{Backup: in.File}); err != nil {
		return Restored{}, restoreFailed(err)
	}
	aside, err := moveAside(dataDir, "sebelum-restore", now)
	if err != nil {
		os.Remove(journal)
		return Restored{}, restoreFailed(err)
	}
	if err := putInPlace(in, dataDir); err != nil {
		if aside != "" {
			Undo(dataDir, aside)
		}
		os.Remove(journal)
		return Restored{}, restoreFailed(err)
	}
	os.Remove(journal)
	syncDir(dataDir)
	return Restored{Backup: in, KeptAside: aside, Millis: time.Since(start).Milliseconds()}, nil
}

const journalFile = "imbang.db.pemulihan.json"

type restoreJournal struct {
	Backup string `json:"backup"`
}

// Resume finishes a restore that a dead process left half done: when the
// journal exists and the database file does not, the named copy is put in
// place. The store calls it before opening. It reports whether it restored.
func Resume(dataDir string) (bool, error) {
	journal := filepath.Join(dataDir, journalFile)
	b, err := os.ReadFile(journal)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	os.Remove(filepath.Join(dataDir, DBFile+".pulih-tmp"))
	var j restoreJournal
	if exists(filepath.Join(dataDir, DBFile)) || json.Unmarshal(b, &j) != nil {
		// The copy was in place already (or the journal is unreadable and the
		// database untouched): nothing to finish.
		return false, os.Remove(journal)
	}
	in, err := Find(dataDir, j.Backup)
	if err != nil {
		return false, err
	}
	if err := putInPlace(in, dataDir); err != nil {
		return false, restoreFailed(err)
	}
	return true, os.Remove(journal)
}

// Undo puts a file moved aside by Restore back as the database (after the
// restored copy failed to open). The restored copy is removed: it is still
// in the backup folder.
func Undo(dataDir, aside string) error {
	dst := filepath.Join(dataDir, DBFile)
	for _, s := range append([]string{""}, sidecars...) {
		os.Remove(dst + s)
	}
	if err := os.Rename(aside, dst); err != nil {
		return err
	}
	for _, s := range sidecars {
		if exists(aside + s) {
			os.Rename(aside+s, dst+s)
		}
	}
	syncDir(dataDir)
	return nil
}

func restoreFailed(err error) error {
	return domain.Wrap(err, domain.KindUnavailable, "backup.restore_failed",
		"Pemulihan cadangan gagal; basis data yang ada tidak diubah.", "The restore failed; the current database was not changed.")
}

// Recovery says what happened when a damaged database was found at start.
type Recovery struct {
	Happened bool      `json:"happened"`
	At       time.Time `json:"at"`
	Cause    string    `json:"cause"`    // what was wrong (Indonesian)
	CauseEN  string    `json:"causeEn"`  // and in English
	Damaged  string    `json:"damaged"`  // where the damaged file was kept
	Restored *Info     `json:"restored"` // the backup now in use; nil when none could be used
	NoBackup bool      `json:"noBackup"` // no usable backup: the app starts empty
	Skipped  []string  `json:"skipped"`  // backups that failed their checks
	Millis   int64     `json:"millis"`
}

// Recover moves the damaged database of dataDir aside as
// imbang.db.rusak-<time> (never deleting it) and puts the newest backup that
// passes Verify in its place. With no usable backup the data dir is left
// without a database (the app then starts empty) and NoBackup is set.
func Recover(ctx context.Context, dataDir string, maxSchema int, now time.Time, cause *domain.Error) (Recovery, error) {
	start := time.Now()
	r := Recovery{Happened: true, At: now.UTC(), Skipped: []string{}}
	if cause != nil {
		r.Cause, r.CauseEN = cause.Message, cause.MessageEN
	}
	list, err := List(dataDir)
	if err != nil {
		return r, err
	}
	// Choose the copy first (verifying takes seconds on a large region), so
	// the window with no database file is only the renames.
	var chosen *Info
	for i := range list {
		if err := Verify(ctx, list[i], maxSchema); err != nil {
			r.Skipped = append(r.Skipped, list[i].File)
			continue
		}
		chosen = &list[i]
		break
	}
	journal := filepath.Join(dataDir, journalFile)
	if chosen != nil {
		if err := writeJSON(journal, restoreJournal{Backup: chosen.File}); err != nil {
			return r, restoreFailed(err)
		}
	}
	aside, err := moveAside(dataDir, "rusak", now)
	if err != nil {
		os.Remove(journal)
		return r, domain.Wrap(err, domain.KindUnavailable, "backup.recover_failed",
			"Basis data rusak dan tidak dapat dipindahkan untuk pemulihan.", "The database is damaged and cannot be moved aside for recovery.")
	}
	r.Damaged = aside
	if chosen == nil {
		r.NoBackup = true
		r.Millis = time.Since(start).Milliseconds()
		return r, nil
	}
	if err := putInPlace(*chosen, dataDir); err != nil {
		return r, restoreFailed(err)
	}
	os.Remove(journal)
	syncDir(dataDir)
	r.Restored = chosen
	r.Millis = time.Since(start).Milliseconds()
	return r, nil
}
