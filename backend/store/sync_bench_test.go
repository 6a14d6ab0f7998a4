package store

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// BenchmarkApplyPullInitial measures the client's apply path alone (no
// network, no server): the whole demo region of 5,000 employees as row
// images, applied to an empty store in pages of 2,000 entries, each page one
// transaction with base images, rebase and cursor. Reports rows/s (wall)
// and rows per CPU second (the work, without the neighbours on a shared machine).
func BenchmarkApplyPullInitial(b *testing.B) {
	src, err := Open(ctx, Options{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	bundle, err := demo.Bundle(5000, 1)
	if err != nil {
		b.Fatal(err)
	}
	if err := src.ImportBundle(ctx, "bench", bundle); err != nil {
		b.Fatal(err)
	}
	var entries []protocol.Entry
	for _, t := range SyncedTables {
		rows, err := src.db.Query("SELECT id, " + strings.Join(t.Cols, ", ") + " FROM " + t.Name)
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			vals := make([]any, len(t.Cols)+1)
			ptrs := make([]any, len(vals))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				b.Fatal(err)
			}
			row := make(map[string]any, len(t.Cols))
			for i, c := range t.Cols {
				row[c] = vals[i+1]
			}
			entries = append(entries, protocol.Entry{Seq: int64(len(entries) + 1), Kind: protocol.KindRow, Table: t.Name,
				RowID: vals[0].(string), Row: row, HLC: "000001700000000.0000000000"})
		}
		rows.Close()
	}
	const page = 2000
	b.ResetTimer()
	var elapsed, cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir, _ := os.MkdirTemp("", "imbang-apply-")
		dst, err := Open(ctx, Options{Dir: dir})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		cursor := ""
		for lo := 0; lo < len(entries); lo += page {
			hi := min(lo+page, len(entries))
			next := "e:" + itoa(entries[hi-1].Seq)
			res, err := dst.ApplyPull(ctx, PullApply{From: cursor, Page: protocol.PullResponse{Entries: entries[lo:hi], NextCursor: next, HasMore: hi < len(entries)}})
			if err != nil || res.Stale {
				b.Fatalf("apply: %v %+v", err, res)
			}
			cursor = next
		}
		elapsed += time.Since(start)
		cpu += cpuTime() - cpu0
		b.StopTimer()
		dst.Close()
		os.RemoveAll(dir)
		b.StartTimer()
	}
	b.ReportMetric(float64(len(entries)*b.N)/elapsed.Seconds(), "rows/s")
	b.ReportMetric(float64(len(entries)), "rows")
	if cpu > 0 {
		b.ReportMetric(float64(len(entries)*b.N)/cpu.Seconds(), "rows/cpu-s")
	}
}

func itoa(n int64) string {
	const digits = "0123456789"
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = digits[n%10]
		n /= 10
	}
	return string(buf[i:])
}
