package backup_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/backup"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
)

var ctx = context.Background()

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func count(t testing.TB, db *sql.DB, table string) int64 {
	t.Helper()
	var n int64
	must(t, db.QueryRow("SELECT count(*) FROM "+table).Scan(&n))
	return n
}

func TestFileNameMatchesStore(t *testing.T) {
	if backup.DBFile != store.FileName {
		t.Fatalf("backup.DBFile %q != store.FileName %q", backup.DBFile, store.FileName)
	}
}

func TestCreateWritesCopyAndManifest(t *testing.T) {
	dir := t.TempDir()
	st := storetest.Demo(t, dir, 200, nil)
	at := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	in, err := backup.Create(ctx, st.DB(), dir, backup.CreateOptions{Reason: backup.ReasonManual, Now: at})
	must(t, err)
	if in.Reason != backup.ReasonManual || !in.CreatedAt.Equal(at) || in.SchemaVersion != store.LatestVersion() {
		t.Fatalf("manifest: %+v", in.Manifest)
	}
	if in.Counts["pegawai"] != count(t, st.DB(), "pegawai") || in.Counts["opd"] == 0 || in.Integrity != "ok" {
		t.Fatalf("counts: %v integrity %q", in.Counts, in.Integrity)
	}
	if in.DataDate == "" || len(in.SHA256) != 64 || in.Size == 0 {
		t.Fatalf("manifest: %+v", in.Manifest)
	}
	if !strings.HasPrefix(in.File, "imbang-20261127T100000.000Z-manual") || filepath.Dir(in.Path) != backup.BackupDir(dir) {
		t.Fatalf("file %s at %s", in.File, in.Path)
	}
	l, err := backup.List(dir)
	must(t, err)
	if len(l) != 1 || l[0].File != in.File || l[0].NoManifest || l[0].SHA256 != in.SHA256 {
		t.Fatalf("list: %+v", l)
	}
	p, err := backup.PreviewFile(ctx, dir, in.File, store.LatestVersion())
	must(t, err)
	if !p.Restorable || !p.HashOK || !p.IntegrityOK || p.Pegawai != in.Counts["pegawai"] || p.OPD != in.Counts["opd"] || p.Pemda == "" || !p.Demo {
		t.Fatalf("preview: %+v", p)
	}
	// Reading a copy leaves nothing beside it.
	if m, _ := filepath.Glob(filepath.Join(backup.BackupDir(dir), "*-wal")); len(m) != 0 {
		t.Fatalf("preview left %v", m)
	}
	if _, err := backup.Create(ctx, st.DB(), dir, backup.CreateOptions{Reason: "lain"}); domain.KindOf(err) != domain.KindInvalid {
		t.Fatalf("unknown reason: %v", err)
	}
}

func TestKeepsTheLastN(t *testing.T) {
	dir := t.TempDir()
	st := storetest.Open(t, dir, nil)
	must(t, backup.SetKeep(dir, 3))
	if backup.Keep(dir) != 3 {
		t.Fatal("setting not kept")
	}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var made []string
	for i := range 5 {
		in, err := backup.Create(ctx, st.DB(), dir, backup.CreateOptions{Reason: backup.ReasonHarian, Now: at.Add(time.Duration(i) * time.Hour)})
		must(t, err)
		made = append(made, in.File)
	}
	l, err := backup.List(dir)
	must(t, err)
	if len(l) != 3 || l[0].File != made[4] || l[2].File != made[2] {
		t.Fatalf("kept %v", l)
	}
	if _, err := os.Stat(filepath.Join(backup.BackupDir(dir), made[0]+".json")); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("pruned manifest left behind")
	}
	must(t, backup.SetKeep(dir, 1))
	if l, _ := backup.List(dir); len(l) != 1 || l[0].File != made[4] {
		t.Fatalf("after SetKeep(1): %v", l)
	}
	if err := backup.SetKeep(dir, 0); domain.KindOf(err) != domain.KindInvalid {
		t.Fatalf("keep 0: %v", err)
	}
}

func TestDailyIsDueAfterADay(t *testing.T) {
	dir := t.TempDir()
	st := storetest.Open(t, dir, nil)
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	svc := backup.New(backup.Config{Dir: dir, Now: func() time.Time { return now },
		Acquire: func() (*sql.DB, func(), error) { return st.DB(), func() {}, nil }})
	if made, err := svc.Daily(ctx); err != nil || made {
		t.Fatalf("an installation without data got a daily copy: %v %v", made, err)
	}
	must(t, st.SaveSetting(ctx, "t", store.NewID(), "contoh", "1"))
	for i, c := range []struct {
		after time.Duration
		want  bool
	}{{0, true}, {time.Hour, false}, {22 * time.Hour, false}, {2 * time.Hour, true}} {
		now = now.Add(c.after)
		made, err := svc.Daily(ctx)
		must(t, err)
		if made != c.want {
			t.Fatalf("step %d: made=%v want %v", i, made, c.want)
		}
	}
	l, _ := backup.List(dir)
	if len(l) != 2 || l[0].Reason != backup.ReasonHarian {
		t.Fatalf("list %v", l)
	}
}

func TestRestoreKeepsTheCurrentFileAside(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(ctx, store.Options{Dir: dir})
	must(t, err)
	must(t, st.SaveSetting(ctx, "t", store.NewID(), "contoh", `"sebelum"`))
	in, err := backup.Create(ctx, st.DB(), dir, backup.CreateOptions{Reason: backup.ReasonManual})
	must(t, err)
	must(t, st.SaveSetting(ctx, "t", store.NewID(), "contoh", `"sesudah"`))
	must(t, st.Close())

	r, err := backup.Restore(ctx, dir, in.File, store.LatestVersion(), time.Now())
	must(t, err)
	if r.KeptAside == "" || !strings.Contains(r.KeptAside, "imbang.db.sebelum-restore-") {
		t.Fatalf("kept aside: %q", r.KeptAside)
	}
	st, err = store.Open(ctx, store.Options{Dir: dir})
	must(t, err)
	defer st.Close()
	if v, _, err := st.Setting(ctx, "contoh"); err != nil || v != `"sebelum"` {
		t.Fatalf("after restore: %q %v", v, err)
	}
	// The replaced file still holds the later change.
	old, err := sql.Open("sqlite", "file:"+r.KeptAside+"?mode=ro")
	must(t, err)
	defer old.Close()
	var v string
	must(t, old.QueryRow("SELECT nilai FROM setting WHERE kunci = 'contoh'").Scan(&v))
	if v != `"sesudah"` {
		t.Fatalf("aside holds %q", v)
	}

	for _, bad := range []string{"../imbang.db", "", "x.txt", "tidak-ada.db"} {
		if _, err := backup.Restore(ctx, dir, bad, store.LatestVersion(), time.Now()); err == nil {
			t.Fatalf("restore %q accepted", bad)
		}
	}
}

func TestRestoreRefusesATamperedOrNewerCopy(t *testing.T) {
	dir := t.TempDir()
	st := storetest.Open(t, dir, nil)
	in, err := backup.Create(ctx, st.DB(), dir, backup.CreateOptions{Reason: backup.ReasonManual})
	must(t, err)
	if _, err := backup.Restore(ctx, dir, in.File, in.SchemaVersion-1, time.Now()); domain.CodeOf(err) != "backup.unusable" {
		t.Fatalf("newer schema: %v", err)
	}
	f, err := os.OpenFile(in.Path, os.O_RDWR|os.O_APPEND, 0)
	must(t, err)
	f.Write([]byte("x"))
	f.Close()
	if _, err := backup.Restore(ctx, dir, in.File, store.LatestVersion(), time.Now()); domain.CodeOf(err) != "backup.unusable" {
		t.Fatalf("tampered: %v", err)
	}
	p, err := backup.PreviewFile(ctx, dir, in.File, store.LatestVersion())
	must(t, err)
	if p.Restorable || p.HashOK || p.Problem == "" {
		t.Fatalf("preview of a tampered copy: %+v", p)
	}
	if _, err := os.Stat(filepath.Join(dir, store.FileName)); err != nil {
		t.Fatal("a refused restore touched the database")
	}
}

// fill writes n settings through the write path in one transaction: enough
// pages to corrupt, far cheaper than the demo region (under -race too).
func fill(t testing.TB, st *store.Store, n int) {
	t.Helper()
	must(t, st.Write(ctx, "t", func(tx *store.Tx) error {
		for i := range n {
			if err := tx.Insert(store.TableSetting, store.NewID(), fmt.Sprintf("isi-%05d", i), `"`+strings.Repeat("x", 200)+`"`); err != nil {
				return err
			}
		}
		return nil
	}))
}

// corrupt overwrites pages in the middle of the file with random bytes.
func corrupt(t testing.TB, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	must(t, err)
	defer f.Close()
	st, err := f.Stat()
	must(t, err)
	const page = 4096
	pages := st.Size() / page
	if pages < 8 {
		t.Fatalf("file too small to corrupt: %d pages", pages)
	}
	junk := make([]byte, 4*page)
	rand.Read(junk)
	_, err = f.WriteAt(junk, (pages/2)*page)
	must(t, err)
	must(t, f.Sync())
}

func TestDamagedFileRecoversFromTheLastGoodBackup(t *testing.T) {
	dir := t.TempDir()
	st := storetest.Open(t, dir, nil)
	fill(t, st, 1500)
	rows := count(t, st.DB(), "setting")
	good, err := backup.Create(ctx, st.DB(), dir, backup.CreateOptions{Reason: backup.ReasonHarian, Now: time.Now().Add(-time.Hour)})
	must(t, err)
	// A newer copy that is itself damaged must be skipped.
	bad, err := backup.Create(ctx, st.DB(), dir, backup.CreateOptions{Reason: backup.ReasonManual})
	must(t, err)
	corrupt(t, bad.Path)
	must(t, st.Close())
	path := filepath.Join(dir, store.FileName)
	corrupt(t, path)
	damagedBytes, err := os.ReadFile(path)
	must(t, err)

	_, err = store.Open(ctx, store.Options{Dir: dir})
	if !store.IsDamaged(err) || domain.KindOf(err) != domain.KindUnavailable {
		t.Fatalf("open of a damaged file: %v", err)
	}
	var de *domain.Error
	errors.As(err, &de)
	r, err := backup.Recover(ctx, dir, store.LatestVersion(), time.Now(), de)
	must(t, err)
	if r.Restored == nil || r.Restored.File != good.File || r.NoBackup || len(r.Skipped) != 1 || r.Skipped[0] != bad.File {
		t.Fatalf("recovery: %+v", r)
	}
	kept, err := os.ReadFile(r.Damaged)
	must(t, err)
	if !strings.Contains(r.Damaged, "imbang.db.rusak-") || !bytes.Equal(kept, damagedBytes) {
		t.Fatalf("damaged file not kept as it was: %s", r.Damaged)
	}
	st2, err := store.Open(ctx, store.Options{Dir: dir})
	must(t, err)
	defer st2.Close()
	if n := count(t, st2.DB(), "setting"); n != rows {
		t.Fatalf("after recovery %d rows, want %d", n, rows)
	}
}

func TestDamagedFileWithoutBackupStartsEmpty(t *testing.T) {
	dir := t.TempDir()
	st := storetest.Open(t, dir, nil)
	fill(t, st, 1500)
	must(t, st.Close())
	corrupt(t, filepath.Join(dir, store.FileName))
	_, err := store.Open(ctx, store.Options{Dir: dir})
	if !store.IsDamaged(err) {
		t.Fatalf("want damaged, got %v", err)
	}
	r, err := backup.Recover(ctx, dir, store.LatestVersion(), time.Now(), nil)
	must(t, err)
	if !r.NoBackup || r.Restored != nil || r.Damaged == "" {
		t.Fatalf("recovery: %+v", r)
	}
	if _, err := os.Stat(r.Damaged); err != nil {
		t.Fatal("damaged file not kept")
	}
	st2, err := store.Open(ctx, store.Options{Dir: dir})
	must(t, err)
	defer st2.Close()
	if n := count(t, st2.DB(), "setting"); n != 0 {
		t.Fatalf("fresh start holds %d rows", n)
	}
}

func TestNotADatabaseIsDamaged(t *testing.T) {
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, store.FileName), bytes.Repeat([]byte("sampah "), 4096), 0o600))
	if _, err := store.Open(ctx, store.Options{Dir: dir}); !store.IsDamaged(err) {
		t.Fatalf("want store.damaged, got %v", err)
	}
}

// A restore killed after the current file was moved aside and before the
// copy was renamed into place is finished at the next open.
func TestInterruptedRestoreIsFinishedAtOpen(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(ctx, store.Options{Dir: dir})
	must(t, err)
	must(t, st.SaveSetting(ctx, "t", store.NewID(), "contoh", `"dalam cadangan"`))
	in, err := backup.Create(ctx, st.DB(), dir, backup.CreateOptions{Reason: backup.ReasonManual})
	must(t, err)
	must(t, st.Close())
	// The state a crash in the middle leaves: journal written, file moved aside, no database.
	must(t, os.WriteFile(filepath.Join(dir, "imbang.db.pemulihan.json"), []byte(`{"backup":"`+in.File+`"}`), 0o600))
	must(t, os.Rename(filepath.Join(dir, store.FileName), filepath.Join(dir, "imbang.db.sebelum-restore-x")))
	st, err = store.Open(ctx, store.Options{Dir: dir})
	must(t, err)
	defer st.Close()
	if v, _, err := st.Setting(ctx, "contoh"); err != nil || v != `"dalam cadangan"` {
		t.Fatalf("after the interrupted restore: %q %v", v, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "imbang.db.pemulihan.json")); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("journal left behind")
	}
}

// A manifest written when the reasons were lower case reads back with the
// current upper-case reason; the file name keeps its lower-case word.
func TestOldLowerCaseReasonReadsAsCurrent(t *testing.T) {
	dir := t.TempDir()
	st := storetest.Demo(t, dir, 50, nil)
	in, err := backup.Create(ctx, st.DB(), dir, backup.CreateOptions{Reason: backup.ReasonHarian})
	must(t, err)
	if !strings.Contains(in.File, "-harian") {
		t.Fatalf("file name %s", in.File)
	}
	b, err := os.ReadFile(in.Path + ".json")
	must(t, err)
	if !strings.Contains(string(b), `"reason": "HARIAN"`) {
		t.Fatalf("manifest: %s", b)
	}
	must(t, os.WriteFile(in.Path+".json", []byte(strings.Replace(string(b), `"reason": "HARIAN"`, `"reason": "harian"`, 1)), 0o600))
	l, err := backup.List(dir)
	must(t, err)
	if len(l) != 1 || l[0].NoManifest || l[0].Reason != backup.ReasonHarian {
		t.Fatalf("list: %+v", l)
	}
}

func TestParseReason(t *testing.T) {
	for in, want := range map[string]backup.Reason{"manual": backup.ReasonManual, "MIGRASI": backup.ReasonMigrasi, " Bootstrap ": backup.ReasonBootstrap, "harian": backup.ReasonHarian} {
		if got := backup.ParseReason(in); got != want {
			t.Errorf("ParseReason(%q) = %q, want %q", in, got, want)
		}
	}
	if r := backup.ParseReason("mingguan"); r.Valid() {
		t.Errorf("unknown reason %q is valid", r)
	}
	if _, err := backup.Create(ctx, nil, t.TempDir(), backup.CreateOptions{Reason: "manual"}); err == nil {
		t.Error("Create took a lower-case reason; callers must pass a Reason constant or ParseReason's result")
	}
}
