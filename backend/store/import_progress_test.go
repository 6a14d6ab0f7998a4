package store

import (
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

func TestImportBundleProgressCountsEveryRowInOneTransaction(t *testing.T) {
	s := openTest(t, t.TempDir())
	b, err := demo.Bundle(300, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := 1 + len(b.OPD) + len(b.Unit) + len(b.Jabatan) + len(b.Pegawai) + len(b.Riwayat) + len(b.SKP) + len(b.Hukdis) + 1 + len(b.ABK.Tugas)
	if want <= 2*importReportEvery {
		t.Fatalf("fixture too small to report in steps: %d rows", want)
	}
	type rep struct{ done, total int }
	var got []rep
	var pegawaiSeen []int // employees visible inside the transaction, per report
	err = s.ImportBundleProgress(ctx, "test", b, func(done, total int) {
		got = append(got, rep{done, total})
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM pegawai").Scan(&n); err != nil {
			t.Errorf("read during the import: %v", err)
		}
		pegawaiSeen = append(pegawaiSeen, n)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 3 {
		t.Fatalf("reports %v", got)
	}
	for i, r := range got {
		if r.total != want {
			t.Fatalf("report %d total %d, want %d", i, r.total, want)
		}
		if i > 0 && r.done < got[i-1].done {
			t.Fatalf("report %d went back: %v", i, got)
		}
	}
	if last := got[len(got)-1]; last.done != want {
		t.Fatalf("last report %v, want done %d", last, want)
	}
	// The reports come from inside the one transaction: another connection
	// sees no employee until the commit.
	for i, n := range pegawaiSeen {
		if n != 0 {
			t.Fatalf("report %d: %d employees visible before the commit", i, n)
		}
	}
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM pegawai").Scan(&n); err != nil || n != len(b.Pegawai) {
		t.Fatalf("after commit %d employees (%v), want %d", n, err, len(b.Pegawai))
	}
}

func TestImportBundleProgressRefusedImportReportsNothing(t *testing.T) {
	s := openTest(t, t.TempDir())
	b, err := demo.Bundle(100, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ImportBundle(ctx, "test", b); err != nil {
		t.Fatal(err)
	}
	calls := 0
	err = s.ImportBundleProgress(ctx, "test", b, func(int, int) { calls++ })
	if domain.CodeOf(err) != "store.not_empty" || calls != 0 {
		t.Fatalf("second import: %v after %d reports", err, calls)
	}
}
