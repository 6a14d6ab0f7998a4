package simtest

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"
)

var (
	flagSeeds = flag.Int("seeds", 0, "number of seeds TestSimulation runs (default 2000; 10 under -race, 50 with -short)")
	flagSeed  = flag.Uint64("seed", 0, "replay exactly this one seed (with its full trace)")
	flagFirst = flag.Uint64("first-seed", 1, "first seed of the range")
	flagSteps = flag.Int("steps", 0, "workload/fault steps per seed (default 40)")
	flagTrace = flag.Bool("simtrace", false, "print the trace of every seed")
	flagEvil  = flag.String("malicious", "on", "the malicious device: on (every seed), half (one seed in two) or off")
)

func maliciousMode() int {
	switch *flagEvil {
	case "off":
		return -1
	case "half":
		return 2
	}
	return 1
}

func seedsToRun() []uint64 {
	if *flagSeed != 0 {
		return []uint64{*flagSeed}
	}
	n := *flagSeeds
	if n == 0 {
		n = 2000
		switch {
		case raceEnabled: // ~50 × slower; `make sim` runs the 2,000 without it
			n = 10
		case testing.Short():
			n = 50
		}
	}
	out := make([]uint64, n)
	for i := range out {
		out[i] = *flagFirst + uint64(i)
	}
	return out
}

// TestSimulation runs the deterministic simulation over many seeds. A
// failing seed prints the command that replays it and its trace.
func TestSimulation(t *testing.T) {
	seeds := seedsToRun()
	start := time.Now()
	var total Stats
	failed := 0
	var failedSeeds []string
	deadline, hasDeadline := t.Deadline()
	ran := 0
	for _, seed := range seeds {
		if hasDeadline && time.Until(deadline) < 30*time.Second {
			t.Logf("STOPPED EARLY after %d of %d seeds: the test deadline (-timeout) is near; make sim passes -timeout 30m", ran, len(seeds))
			break
		}
		ran++
		cfg := Config{Steps: *flagSteps, TraceLen: 400, Malicious: maliciousMode()}
		if *flagSeed != 0 {
			cfg.TraceLen = 0 // everything
		}
		w, viol, err := Run(context.Background(), seed, cfg)
		if *flagTrace || (*flagSeed != 0 && (err != nil || len(viol) > 0)) {
			t.Logf("seed %d trace:\n%s", seed, strings.Join(w.Trace(), "\n"))
		}
		if err != nil || len(viol) > 0 {
			failed++
			first := ""
			if len(viol) > 0 {
				first = viol[0]
			} else {
				first = err.Error()
			}
			failedSeeds = append(failedSeeds, fmt.Sprintf("%d (%s)", seed, first))
			if failed <= 3 {
				msg := fmt.Sprintf("seed %d failed — replay: go test ./sync/simtest -run TestSimulation -seed %d\n", seed, seed)
				if err != nil {
					msg += "harness error: " + err.Error() + "\n"
				}
				for i, v := range viol {
					if i == 20 {
						msg += fmt.Sprintf("… %d more\n", len(viol)-20)
						break
					}
					msg += "  " + v + "\n"
				}
				if *flagSeed == 0 {
					tr := w.Trace()
					if len(tr) > 60 {
						tr = tr[len(tr)-60:]
					}
					msg += "last trace lines:\n" + strings.Join(tr, "\n")
				}
				t.Error(msg)
			}
		}
		s := w.Stats
		total.Writes += s.Writes
		total.Syncs += s.Syncs
		total.SyncErrors += s.SyncErrors
		total.Crashes += s.Crashes
		total.ServerRestarts += s.ServerRestarts
		total.Restores += s.Restores
		total.Delayed += s.Delayed
		total.Setup += s.Setup
		total.Steps += s.Steps
		total.Heal += s.Heal
		total.Check += s.Check
		total.EvilPushes += s.EvilPushes
		total.EvilChanges += s.EvilChanges
		total.EvilRejected += s.EvilRejected
		total.EvilRefused += s.EvilRefused
	}
	el := time.Since(start)
	t.Logf("%d seeds in %v (%.1f ms/seed), %d failed; %+v", ran, el.Round(time.Millisecond),
		float64(el.Milliseconds())/float64(max(ran, 1)), failed, total)
	if failed > 0 {
		t.Errorf("%d of %d seeds failed:\n  %s", failed, ran, strings.Join(failedSeeds, "\n  "))
	}
}
