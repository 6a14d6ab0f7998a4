package main

import (
	"context"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/backup"
	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// newBackupApp is an App on a real store in dir with the backup state wired
// as main does (only the personnel service, enough to see the data).
func newBackupApp(t *testing.T, dir string) *App {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := &App{log: log, events: &recordedEvents{}}
	wire := func(st *store.Store) {
		a.kepegawaian = kepegawaian.New(kepegawaian.Config{Repo: st, NewID: store.NewID, Demo: demo.BundleProgress})
	}
	st, rec, err := openStore(context.Background(), dir, log)
	if err != nil {
		t.Fatal(err)
	}
	a.backup = newBackupState(dir, st, rec, wire, log)
	wire(st)
	t.Cleanup(func() {
		if a.backup.st != nil {
			a.backup.st.Close()
		}
	})
	return a
}

func pegawaiCount(t *testing.T, a *App) int {
	t.Helper()
	s, err := a.kepegawaian.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s.JumlahPegawai
}

func TestRestoreSwapsTheStoreUnderTheServices(t *testing.T) {
	ctx := storetest.Ctx(storetest.Admin) // the services write only for an actor
	dir := t.TempDir()
	a := newBackupApp(t, dir)
	if _, err := a.kepegawaian.LoadDemo(ctx, 150, 1); err != nil {
		t.Fatal(err)
	}
	before := pegawaiCount(t, a)
	in, err := backup.Create(ctx, a.backup.st.DB(), dir, backup.CreateOptions{Reason: backup.ReasonManual})
	if err != nil {
		t.Fatal(err)
	}
	page, err := a.kepegawaian.ListPegawai(ctx, kepegawaian.PegawaiQuery{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.kepegawaian.DeletePegawai(ctx, page.Rows[0].ID); err != nil {
		t.Fatal(err)
	}
	if pegawaiCount(t, a) != before-1 {
		t.Fatal("delete did not take")
	}
	oldStore := a.backup.st

	// While the restore holds the gate, other bound calls are refused, not blocked.
	release, err := a.hold()
	if err != nil {
		t.Fatal(err)
	}
	var refused error
	var r backup.Restored
	err = a.backup.exclusive(func() error {
		_, refused = a.Status()
		var err error
		r, err = a.backup.restore(ctx, in.File)
		return err
	})
	release()
	if err != nil {
		t.Fatal(err)
	}
	if w := decode(t, refused); w.Code != "backup.restoring" {
		t.Fatalf("a call during the restore: %+v", w)
	}
	if a.backup.st == oldStore || pegawaiCount(t, a) != before {
		t.Fatalf("after restore %d pegawai, want %d", pegawaiCount(t, a), before)
	}
	if _, err := os.Stat(r.KeptAside); err != nil || !strings.Contains(r.KeptAside, "sebelum-restore") {
		t.Fatalf("previous file not kept: %q %v", r.KeptAside, err)
	}
	// Calls work again.
	if _, err := a.Status(); err != nil {
		t.Fatal(err)
	}
}

func TestStartOnADamagedFileRecoversAndSaysSo(t *testing.T) {
	ctx := storetest.Ctx(storetest.Admin)
	dir := t.TempDir()
	a := newBackupApp(t, dir)
	if _, err := a.kepegawaian.LoadDemo(ctx, 150, 1); err != nil {
		t.Fatal(err)
	}
	want := pegawaiCount(t, a)
	if _, err := backup.Create(ctx, a.backup.st.DB(), dir, backup.CreateOptions{Reason: backup.ReasonHarian, Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	a.backup.st.Close()
	a.backup.st = nil
	path := filepath.Join(dir, store.FileName)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := f.Stat()
	junk := make([]byte, 16384)
	for i := range junk {
		junk[i] = byte(i*7 + 3)
	}
	if _, err := f.WriteAt(junk, (fi.Size()/4096/2)*4096); err != nil {
		t.Fatal(err)
	}
	f.Close()

	b := newBackupApp(t, dir)
	rec, err := b.RecoveryStatus()
	if err != nil {
		t.Fatal(err)
	}
	if !rec.Happened || rec.Restored == nil || rec.NoBackup || rec.Cause == "" || !strings.Contains(rec.Damaged, "imbang.db.rusak-") {
		t.Fatalf("recovery: %+v", rec)
	}
	if _, err := os.Stat(rec.Damaged); err != nil {
		t.Fatal("damaged file not kept")
	}
	if got := pegawaiCount(t, b); got != want {
		t.Fatalf("after recovery %d pegawai, want %d", got, want)
	}
	// A normal start reports no recovery.
	c := newBackupApp(t, t.TempDir())
	if r, _ := c.RecoveryStatus(); r.Happened {
		t.Fatal("recovery reported on a healthy start")
	}
}

func TestCopyBackupAsksForAFolderAndCopiesThere(t *testing.T) {
	ctx := storetest.Ctx(storetest.Admin)
	dir, usb := t.TempDir(), t.TempDir()
	a := newBackupApp(t, dir)
	attachAccounts(t, a, a.backup.st)
	loginAs(t, a, domain.RoleAdmin, "")
	dlg := &fakeDialogs{}
	a.io = &AppIO{Dialogs: dlg}
	in, err := backup.Create(ctx, a.backup.st.DB(), dir, backup.CreateOptions{Reason: backup.ReasonManual})
	if err != nil {
		t.Fatal(err)
	}
	// Cancelled: nothing copied, no error.
	if c, err := a.CopyBackup(in.File); err != nil || c.Path != "" {
		t.Fatalf("cancelled: %+v %v", c, err)
	}
	dlg.dir = usb
	c, err := a.CopyBackup(in.File)
	if err != nil || c.Path != filepath.Join(usb, in.File) || c.SHA256 != in.SHA256 {
		t.Fatalf("copy: %+v %v", c, err)
	}
	// An unknown name is refused before any dialog opens.
	dlg.dir = ""
	if _, err := a.CopyBackup("imbang-lain.db"); func() string { _, c := errCode(err); return c }() != "backup.not_found" {
		t.Fatalf("unknown: %v", err)
	}
}
