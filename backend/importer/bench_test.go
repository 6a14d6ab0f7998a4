package importer_test

import (
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/importer"
	it "github.com/bkpsdm-sorong/imbang/backend/importer/importertest"
)

// BenchmarkImportPegawai20000 reads, checks and stores a generated
// 20,000-row .xlsx (dry run, then commit) into a fresh store holding the demo
// region (1,000 employees) as reference data. Reported: the dry run and the
// commit in ms, the bytes allocated per import (MB) and the heap the runtime
// held afterwards (HeapSys, MB).
func BenchmarkImportPegawai20000(b *testing.B) {
	const n = 20000
	var dry, commit time.Duration
	var alloc, heapSys uint64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		e := newEnv(b, 1000)
		path := filepath.Join(e.dir, "pegawai-20000.xlsx")
		if err := it.WriteXLSX(path, it.PegawaiHeader, it.PegawaiRows(e.refs, n, 1, true), it.ColTglLahir, it.ColTMTJabatan, it.ColTMTCPNS, it.ColTMTPNS); err != nil {
			b.Fatal(err)
		}
		m := importer.Mapping{Columns: importer.Suggest(importer.KindPegawai, it.PegawaiHeader)}
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		b.StartTimer()
		t0 := time.Now()
		rep, err := e.imp.DryRun(ctx, importer.KindPegawai, path, m, "", nil)
		if err != nil || rep.Valid != n {
			b.Fatalf("dry run: %v %d valid, first error %+v", err, rep.Valid, rep.Errors[:min(1, len(rep.Errors))])
		}
		t1 := time.Now()
		rep, err = e.imp.Commit(ctx, importer.KindPegawai, path, m, "", nil)
		if err != nil || rep.Stored != n {
			b.Fatalf("commit: %v %+v", err, rep.Errors[:min(1, len(rep.Errors))])
		}
		t2 := time.Now()
		b.StopTimer()
		runtime.ReadMemStats(&after)
		dry += t1.Sub(t0)
		commit += t2.Sub(t1)
		alloc += after.TotalAlloc - before.TotalAlloc
		heapSys = max(heapSys, after.HeapSys)
		b.StartTimer()
	}
	b.ReportMetric(float64(dry.Milliseconds())/float64(b.N), "dryrun-ms")
	b.ReportMetric(float64(commit.Milliseconds())/float64(b.N), "commit-ms")
	b.ReportMetric(float64(alloc)/float64(b.N)/1e6, "alloc-MB/import")
	b.ReportMetric(float64(heapSys)/1e6, "heapsys-MB")
}
