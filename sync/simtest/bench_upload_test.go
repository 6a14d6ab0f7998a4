package simtest

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
)

// BenchmarkUploadRegion: a BKPSDM desktop holding the demo region (imported
// locally) pushes all of it to an empty server: the first upload of a
// region. It reports the push's changes per second (wall and CPU, client and
// server in this process) and their ratio to the raw SQLite insert ceiling
// of the same number of rows, measured in the same run.
func BenchmarkUploadRegion(b *testing.B) { benchUploadRegion(b, newBenchRig) }

// BenchmarkUploadRegionPostgres is BenchmarkUploadRegion against a server
// on PostgreSQL (a fresh database of IMBANG_TEST_PG's server).
func BenchmarkUploadRegionPostgres(b *testing.B) {
	benchUploadRegion(b, func(b *testing.B) *benchRig {
		return newBenchRigOn(b, func(string) (server.Store, error) {
			return pgstore.Open(context.Background(), pgtest.NewDatabase(b))
		})
	})
}

func benchUploadRegion(b *testing.B, newRig func(*testing.B) *benchRig) {
	size := benchSize()
	bundle, err := demo.Bundle(size, 1)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		r := newRig(b)
		rt := &countingRT{next: http.DefaultTransport}
		st, cl := r.device(b, benchName("uploader"), "", rt)
		ctx := context.Background()
		if err := st.ImportBundle(ctx, "bench", bundle); err != nil {
			b.Fatal(err)
		}
		var rows int
		st.DB().QueryRow("SELECT count(*) FROM outbox").Scan(&rows)
		stop := profileTimed(b)
		t0, c0 := time.Now(), cpuTime()
		pushed, err := cl.Push(ctx)
		el, cpu := time.Since(t0), cpuTime()-c0
		stop()
		if err != nil {
			b.Fatal(err)
		}
		mustMove(b, "upload (changes answered)", pushed, rows)
		head, err := r.srvSt.Head(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if head < int64(rows) {
			b.Fatalf("the server's head is %d after %d changes", head, rows)
		}
		raw := rawInsertRate(b, r.dir, rows)
		b.ReportMetric(float64(rows)/el.Seconds(), "changes/s")
		b.ReportMetric(float64(rows)/cpu.Seconds(), "changes/cpu-s")
		b.ReportMetric(raw, "raw-rows/cpu-s")
		b.ReportMetric(100*float64(rows)/cpu.Seconds()/raw, "%-of-raw")
		b.Logf("upload: %d changes in %v = %.0f changes/s wall, %.0f changes/cpu-s (client+server CPU %v); %d requests, %.1f MB up; %d server seqs; raw SQLite insert ceiling %.0f rows/cpu-s (upload at %.1f%% of it)",
			rows, el.Round(time.Millisecond), float64(rows)/el.Seconds(), float64(rows)/cpu.Seconds(), cpu.Round(time.Millisecond),
			rt.requests.Load(), float64(rt.up.Load())/1e6, head, raw, 100*float64(rows)/cpu.Seconds()/raw)
	}
}
