package backup_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/backup"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
)

// Figures for docs/performance.md (make bench): a backup (VACUUM INTO,
// quick_check and counts of the copy, SHA-256, manifest), a restore
// (verify: hash + quick_check, copy, rename) and the integrity check the
// store runs at every open, on the demo region at 5,000 and 20,000.

func benchRegion(b *testing.B, size int) (string, *store.Store) {
	b.Helper()
	dir := b.TempDir()
	st := storetest.Demo(b, dir, size, nil)
	// A checkpoint first, so the main file holds everything (as after a restart).
	if _, err := st.DB().Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
	return dir, st
}

func benchBackup(b *testing.B, size int) {
	dir, st := benchRegion(b, size)
	must(b, backup.SetKeep(dir, 2))
	var in backup.Info
	for b.Loop() {
		var err error
		in, err = backup.Create(context.Background(), st.DB(), dir, backup.CreateOptions{Reason: backup.ReasonManual})
		must(b, err)
	}
	b.ReportMetric(float64(in.Size)/(1<<20), "MiB")
}

func BenchmarkBackup5000(b *testing.B)  { benchBackup(b, 5000) }
func BenchmarkBackup20000(b *testing.B) { benchBackup(b, 20000) }

func BenchmarkRestore20000(b *testing.B) {
	dir, st := benchRegion(b, 20000)
	in, err := backup.Create(context.Background(), st.DB(), dir, backup.CreateOptions{Reason: backup.ReasonManual})
	must(b, err)
	must(b, st.Close())
	for b.Loop() {
		r, err := backup.Restore(context.Background(), dir, in.File, store.LatestVersion(), time.Now())
		must(b, err)
		// Keep the data dir from filling with set-aside copies.
		b.StopTimer()
		for _, s := range []string{"", "-wal", "-shm"} {
			os.Remove(r.KeptAside + s)
		}
		b.StartTimer()
	}
}

func benchOpenCheck(b *testing.B, size int) {
	dir, st := benchRegion(b, size)
	must(b, st.Close())
	path := filepath.Join(dir, store.FileName)
	for b.Loop() {
		res, err := backup.CheckFile(context.Background(), path)
		must(b, err)
		if res != "ok" {
			b.Fatal(res)
		}
	}
	fi, _ := os.Stat(path)
	b.ReportMetric(float64(fi.Size())/(1<<20), "MiB")
}

func BenchmarkOpenIntegrityCheck5000(b *testing.B)  { benchOpenCheck(b, 5000) }
func BenchmarkOpenIntegrityCheck20000(b *testing.B) { benchOpenCheck(b, 20000) }

// BenchmarkStoreOpen20000 is the whole store.Open of an existing database
// (schema read, integrity check, pragmas, identity): what a start pays.
func BenchmarkStoreOpen20000(b *testing.B) {
	dir, st := benchRegion(b, 20000)
	must(b, st.Close())
	for b.Loop() {
		s, err := store.Open(context.Background(), store.Options{Dir: dir})
		if err != nil {
			b.Fatal(fmt.Errorf("open: %w", err))
		}
		s.Close()
	}
}
