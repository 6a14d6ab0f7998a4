package plannersvc_test

import (
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/plannersvc"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
)

// benchPlan is a plan end to end as the desktop and the CLI make it: read
// the ABK analysis, the staff, SKP, hukdis and open requests from the
// database, build the input, screen every candidate pair with the workflow's
// rules, solve, and shape the result (Preview; a stored run adds one insert).
// The analysis is cold in every iteration (a new service).
func benchPlan(b *testing.B, size int) {
	now := func() time.Time { return time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC) }
	st := storetest.Demo(b, "", size, now)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		abk := abksvc.New(abksvc.Config{Repo: st, Now: now, NewID: store.NewID})
		svc := plannersvc.New(plannersvc.Config{Repo: st, ABK: abk, Mutasi: st, Now: now, NewID: store.NewID})
		p, _, err := svc.Preview(ctx, plannersvc.RunInput{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			b.ReportMetric(float64(len(p.Moves)), "moves")
			b.ReportMetric(p.BalanceBefore, "balance-before")
			b.ReportMetric(p.BalanceAfter, "balance-after")
			b.ReportMetric(float64(p.Stats.Millis), "solve-ms")
		}
	}
}

func BenchmarkPlanDemo5000(b *testing.B)  { benchPlan(b, 5000) }
func BenchmarkPlanDemo20000(b *testing.B) { benchPlan(b, 20000) }
