//go:build simmutants

package simtest

import (
	"context"
	"flag"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/server"
)

var (
	flagMutantSeeds = flag.Int("mutant-seeds", 200, "seeds each broken variant may take to be caught")
	flagMutantCount = flag.Bool("mutant-count", false, "run every mutant seed (not just until the first failure) and report how many failed")
)

// category names the invariant a violation message belongs to.
func category(v string) string {
	for _, c := range []struct{ sub, cat string }{
		{"sequential overwrite lost", "sequential overwrite superseded (HLC)"},
		{"HLC not monotonic", "HLC monotonic per device"},
		{"beyond server time", "clock guard"},
		{"lost write", "no lost write (LWW winner)"},
		{"liveness", "liveness (outbox empties)"},
		{"divergence", "convergence per scope"},
		{"authorization", "authorization"},
		{"received pegawai", "authorization"},
		{"forged write", "authorization"},
		{"phantom row", "no phantom row"},
		{"conflict not surfaced", "conflicts surfaced"},
		{"two dispositions", "one disposition per change"},
		{"never got a disposition", "one disposition per change"},
		{"no disposition from the current server epoch", "re-push after restore"},
		{"though allowed", "no unexplained rejection"},
		{"not after", "cursor integrity"},
		{"not surfaced:", "rejections surfaced"},
	} {
		if strings.Contains(v, c.sub) {
			return c.cat
		}
	}
	return "other"
}

// TestMutants shows the simulation has teeth: each deliberately broken
// variant (server.Mutants, store.MutantWallClock, built only with
// -tags simmutants) makes some seed fail.
func TestMutants(t *testing.T) {
	if *flagSeed != 0 {
		t.Skip("replaying one seed")
	}
	mutants := []struct {
		name string
		set  func(bool)
	}{
		{"lww-flipped", func(on bool) { server.Mutants.LWWFlipped = on }},
		{"acks-by-partition", func(on bool) { server.Mutants.AckByScope = on }},
		{"cursor-skips-entry", func(on bool) { server.Mutants.CursorSkip = on }},
		{"wall-clock-not-hlc", func(on bool) { store.MutantWallClock = on }},
	}
	for _, m := range mutants {
		t.Run(m.name, func(t *testing.T) {
			m.set(true)
			defer m.set(false)
			failed, ran, first := 0, 0, uint64(0)
			cats := map[string]int{}
			for seed := uint64(1); seed <= uint64(*flagMutantSeeds); seed++ {
				ran++
				_, viol, err := Run(context.Background(), seed, Config{TraceLen: 1})
				if err != nil || len(viol) > 0 {
					failed++
					if first == 0 {
						first = seed
					}
					seen := map[string]bool{}
					for _, v := range viol {
						seen[category(v)] = true
					}
					if err != nil {
						seen["harness error: "+err.Error()] = true
					}
					for c := range seen {
						cats[c]++
					}
					if !*flagMutantCount {
						break
					}
				}
			}
			var parts []string
			for c, n := range cats {
				parts = append(parts, c+" ×"+itoa(n))
			}
			sort.Strings(parts)
			if failed == 0 {
				t.Errorf("mutant %s survived %d seeds: the simulation does not catch it", m.name, ran)
				return
			}
			t.Logf("mutant %s caught: %d of %d seeds failed, first seed %d; invariants: %s", m.name, failed, ran, first, strings.Join(parts, ", "))
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
