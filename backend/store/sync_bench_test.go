package store

import (
	"os"
	"testing"
	"time"
)

// BenchmarkApplyPullInitial measures the client's apply path alone (no
// network, no server): the whole demo region of 5,000 employees as row
// images, applied to an empty store in pages of 2,000 entries, each page one
// transaction with base images, rebase and cursor. Reports rows/s (wall)
// and rows per CPU second (the work, without the neighbours on a shared machine).
func BenchmarkApplyPullInitial(b *testing.B) {
	_, entries := regionEntries(b, 5000)
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
		applyPages(b, dst, entries, page)
		elapsed += time.Since(start)
		cpu += cpuTime() - cpu0
		b.StopTimer()
		// honest: every row is in its table (none held, none quarantined)
		have := 0
		for _, t := range SyncedTables {
			var n int
			if err := dst.db.QueryRow("SELECT count(*) FROM " + t.Name).Scan(&n); err != nil {
				b.Fatal(err)
			}
			have += n
		}
		if have != len(entries) || have == 0 {
			b.Fatalf("applied %d rows, want %d", have, len(entries))
		}
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
