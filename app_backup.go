package main

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/auth"
	"github.com/bkpsdm-sorong/imbang/backend/backup"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// Backups, restore and the recovery at start. The store
// can be replaced while the app runs (a restore), so the open store, the
// function that builds the services on it, and a gate that keeps bound calls
// out while the files are swapped live here.

func init() {
	// The permission table (app_perm.go) gets the backup methods from here.
	for op, p := range map[string]auth.Perm{
		"ListBackups": auth.PermAkun, "PreviewBackup": auth.PermAkun, "CreateBackup": auth.PermAkun,
		"RestoreBackup": auth.PermAkun, "SaveBackupKeep": auth.PermAkun,
		"RecoveryStatus": auth.PermOpen,
	} {
		opPerms[op] = p
	}
}

// backupState is the app's part for backups.
type backupState struct {
	dir      string
	st       *store.Store
	wire     func(*store.Store) // builds the services on a (re)opened store
	svc      *backup.Service
	recovery backup.Recovery
	now      func() time.Time
	log      *slog.Logger

	mu       sync.Mutex
	cond     *sync.Cond
	inFlight int
	closed   bool
}

func newBackupState(dir string, st *store.Store, rec backup.Recovery, wire func(*store.Store), log *slog.Logger) *backupState {
	b := &backupState{dir: dir, st: st, wire: wire, recovery: rec, now: time.Now, log: log}
	b.cond = sync.NewCond(&b.mu)
	b.svc = backup.New(backup.Config{Dir: dir, Log: log, Acquire: b.acquire})
	return b
}

func errRestoring() error {
	return domain.E(domain.KindUnavailable, "backup.restoring", "Cadangan sedang dipulihkan; coba lagi sebentar lagi.",
		"A backup is being restored; try again in a moment.")
}

// enter admits a bound call unless a restore is swapping the files.
func (b *backupState) enter() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return false
	}
	b.inFlight++
	return true
}

func (b *backupState) leave() {
	b.mu.Lock()
	b.inFlight--
	b.cond.Broadcast()
	b.mu.Unlock()
}

// exclusive runs f with no other bound call running; it is called from
// inside a bound call, which is itself in flight. Calls that arrive meanwhile
// are refused with backup.restoring rather than blocked, so nested calls
// cannot deadlock.
func (b *backupState) exclusive(f func() error) error {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return errRestoring()
	}
	b.closed = true
	for b.inFlight > 1 {
		b.cond.Wait()
	}
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		b.closed = false
		b.mu.Unlock()
	}()
	return f()
}

// acquire hands the open database to the backup service (the daily timer).
func (b *backupState) acquire() (*sql.DB, func(), error) {
	if !b.enter() {
		return nil, nil, errRestoring()
	}
	if b.st == nil {
		b.leave()
		return nil, nil, domain.E(domain.KindUnavailable, "backup.no_store", "Basis data tidak terbuka.", "The database is not open.")
	}
	return b.st.DB(), b.leave, nil
}

// hold admits a bound call (see call in app.go); the returned function ends it.
func (a *App) hold() (func(), error) {
	if a.backup == nil {
		return func() {}, nil
	}
	if !a.backup.enter() {
		return func() {}, errRestoring()
	}
	return a.backup.leave, nil
}

// openStore opens the store in dir; when the file fails its integrity check
// it runs the recovery (damaged file kept aside, newest good backup restored)
// and opens again. The returned Recovery says what happened.
func openStore(ctx context.Context, dir string, log *slog.Logger) (*store.Store, backup.Recovery, error) {
	st, err := store.Open(ctx, store.Options{Dir: dir, Log: log})
	if err == nil || !store.IsDamaged(err) {
		return st, backup.Recovery{}, err
	}
	log.Error("database damaged; recovering", "err", err)
	var de *domain.Error
	errors.As(err, &de)
	rec, rerr := backup.Recover(ctx, dir, store.LatestVersion(), time.Now(), de)
	if rerr != nil {
		log.Error("recovery failed", "err", rerr)
		return nil, rec, err
	}
	log.Warn("IMBANG_RECOVERED", "damaged", rec.Damaged, "restored", rec.Restored != nil, "noBackup", rec.NoBackup)
	st, err = store.Open(ctx, store.Options{Dir: dir, Log: log})
	return st, rec, err
}

// BackupList is the Cadangan page: the copies, newest first, and the setting.
type BackupList struct {
	Backups []backup.Info `json:"backups"`
	Keep    int           `json:"keep"`
	Dir     string        `json:"dir"`
}

func (a *App) backupReady() error {
	if a.backup == nil || a.backup.st == nil {
		return domain.E(domain.KindUnavailable, "backup.no_store", "Basis data tidak terbuka.", "The database is not open.")
	}
	return nil
}

func (a *App) backupList() (BackupList, error) {
	l, err := backup.List(a.backup.dir)
	return BackupList{Backups: l, Keep: backup.Keep(a.backup.dir), Dir: backup.BackupDir(a.backup.dir)}, err
}

// ListBackups lists the local backups, newest first.
func (a *App) ListBackups() (BackupList, error) {
	return call(a, "ListBackups", func(ctx context.Context) (BackupList, error) {
		if err := a.backupReady(); err != nil {
			return BackupList{}, err
		}
		return a.backupList()
	})
}

// PreviewBackup opens one backup read-only and reports what it holds.
func (a *App) PreviewBackup(name string) (backup.Preview, error) {
	return call(a, "PreviewBackup", func(ctx context.Context) (backup.Preview, error) {
		if err := a.backupReady(); err != nil {
			return backup.Preview{}, err
		}
		return backup.PreviewFile(ctx, a.backup.dir, name, store.LatestVersion())
	})
}

// CreateBackup makes a backup now.
func (a *App) CreateBackup() (backup.Info, error) {
	return call(a, "CreateBackup", func(ctx context.Context) (backup.Info, error) {
		if err := a.backupReady(); err != nil {
			return backup.Info{}, err
		}
		return backup.Create(ctx, a.backup.st.DB(), a.backup.dir, backup.CreateOptions{Reason: backup.ReasonManual, Now: a.backup.now()})
	})
}

// CopyBackup asks for a folder (a USB stick) and copies the backup name there
// with its manifest, verified by reading it back. A cancelled dialog returns
// a zero Copied and no error.
func (a *App) CopyBackup(name string) (backup.Copied, error) {
	return call(a, "CopyBackup", func(ctx context.Context) (backup.Copied, error) {
		if err := a.backupReady(); err != nil {
			return backup.Copied{}, err
		}
		if _, err := backup.Find(a.backup.dir, name); err != nil {
			return backup.Copied{}, err
		}
		if a.io == nil || a.io.Dialogs == nil {
			return backup.Copied{}, domain.E(domain.KindUnavailable, "backup.copy_no_dialog", "Pemilih folder tidak tersedia.", "The folder picker is not available.")
		}
		dir, err := a.io.Dialogs.OpenDirectory("Pilih folder tujuan salinan cadangan (mis. flashdisk)")
		if err != nil || dir == "" {
			return backup.Copied{}, err
		}
		return backup.CopyTo(a.backup.dir, name, dir)
	})
}

// SaveBackupKeep sets how many backups are kept and prunes to it.
func (a *App) SaveBackupKeep(n int) (BackupList, error) {
	return call(a, "SaveBackupKeep", func(ctx context.Context) (BackupList, error) {
		if err := a.backupReady(); err != nil {
			return BackupList{}, err
		}
		if err := backup.SetKeep(a.backup.dir, n); err != nil {
			return BackupList{}, err
		}
		return a.backupList()
	})
}

// RestoreBackup replaces the data with a backup: no other call runs while the
// store is closed, the file swapped (the current one kept as
// imbang.db.sebelum-restore-<time>) and the store and services reopened. If
// the restored copy does not open, the previous file is put back.
func (a *App) RestoreBackup(name string) (backup.Restored, error) {
	r, err := call(a, "RestoreBackup", func(ctx context.Context) (backup.Restored, error) {
		if err := a.backupReady(); err != nil {
			return backup.Restored{}, err
		}
		var out backup.Restored
		err := a.backup.exclusive(func() error {
			var err error
			out, err = a.backup.restore(ctx, name)
			return err
		})
		return out, err
	})
	if err == nil {
		a.changed("all")
	}
	return r, err
}

// restore swaps the files; the caller holds the gate.
func (b *backupState) restore(ctx context.Context, name string) (backup.Restored, error) {
	in, err := backup.Find(b.dir, name)
	if err != nil {
		return backup.Restored{}, err
	}
	if err := backup.Verify(ctx, in, store.LatestVersion()); err != nil {
		return backup.Restored{}, err
	}
	old := b.st
	if err := old.Close(); err != nil {
		return backup.Restored{}, domain.Wrap(err, domain.KindUnavailable, "backup.close_failed",
			"Basis data tidak dapat ditutup untuk pemulihan; tidak ada yang diubah.", "The database could not be closed for the restore; nothing was changed.")
	}
	b.st = nil
	reopen := func() error {
		st, err := store.Open(ctx, store.Options{Dir: b.dir, Log: b.log})
		if err != nil {
			return err
		}
		b.st = st
		b.wire(st)
		return nil
	}
	r, err := backup.Restore(ctx, b.dir, name, store.LatestVersion(), b.now())
	if err != nil {
		if rerr := reopen(); rerr != nil {
			b.log.Error("reopen after a failed restore", "err", rerr)
		}
		return r, err
	}
	if err := reopen(); err != nil {
		b.log.Error("restored copy does not open; putting the previous file back", "err", err)
		if r.KeptAside != "" {
			if uerr := backup.Undo(b.dir, r.KeptAside); uerr != nil {
				b.log.Error("undo restore", "err", uerr)
			}
		}
		if rerr := reopen(); rerr != nil {
			b.log.Error("reopen the previous file", "err", rerr)
		}
		return backup.Restored{}, domain.Wrap(err, domain.KindUnavailable, "backup.restore_failed",
			"Cadangan tidak dapat dibuka setelah dipulihkan; basis data sebelumnya dipakai kembali.",
			"The backup did not open after the restore; the previous database is back in use.")
	}
	b.log.Info("backup restored", "file", name, "keptAside", r.KeptAside, "ms", r.Millis)
	return r, nil
}

// RecoveryStatus says whether the app recovered from a damaged database at
// this start (shown once, plainly, before anything else). It answers even
// when the store could not be opened.
func (a *App) RecoveryStatus() (backup.Recovery, error) {
	a.waitOpened()
	if a.backup == nil {
		return backup.Recovery{Skipped: []string{}}, nil
	}
	r := a.backup.recovery
	if r.Skipped == nil {
		r.Skipped = []string{}
	}
	return r, nil
}
