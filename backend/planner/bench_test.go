package planner

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"testing"
)

// BenchmarkSolve plans generated regions of realistic density (gen_test.go):
// ~10 % of positions over kebutuhan, ~15 % short, 40 % of pairs blocked.
// It reports moves, arcs and the heap in use after the solve (peak-MB, a
// lower bound of the peak).
func BenchmarkSolve(b *testing.B) {
	for _, n := range []int{1000, 5000, 10000, 20000} {
		in := generate(realistic(n), 1)
		if k := os.Getenv("PLANNER_K"); k != "" {
			in.Options.CandidatesPerEmployee, _ = strconv.Atoi(k)
		}
		b.Run(fmt.Sprintf("employees=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var p *Plan
			var ms runtime.MemStats
			var peak uint64
			for i := 0; i < b.N; i++ {
				runtime.GC()
				var err error
				p, err = Solve(context.Background(), in, nil)
				if err != nil {
					b.Fatal(err)
				}
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak {
					peak = ms.HeapInuse
				}
			}
			b.ReportMetric(float64(len(p.Moves)), "moves")
			b.ReportMetric(float64(-p.Objective), "gain")
			b.ReportMetric(float64(p.Stats.Arcs), "arcs")
			b.ReportMetric(float64(len(in.Employees)), "emp")
			b.ReportMetric(float64(len(in.Positions)), "pos")
			b.ReportMetric(float64(peak)/(1<<20), "heap-MB")
		})
	}
}
