package planner

import (
	"context"
	"math/rand/v2"
	"runtime"
	"testing"
)

// TestSamePlanOnOneAndTwoCores solves the same inputs with one thread and
// with two: the parts that run beside each other (the next-best searches,
// the rows' final order, the input hash) must not change a byte of the plan.
func TestSamePlanOnOneAndTwoCores(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	rng := rand.New(rand.NewPCG(21, 22))
	ins := []Input{generate(realistic(2000), 1), generate(realistic(3000), 2)}
	for i := 0; i < 40/raceScale; i++ {
		ins = append(ins, generate(genSpec{positions: 20 + rng.IntN(60), perPosition: 3, surplusPct: 25, deficitPct: 30, blockPct: 40, opds: 5, jabatans: 8}, rng.Uint64()))
	}
	for i, in := range ins {
		runtime.GOMAXPROCS(1)
		a, err := Solve(context.Background(), in, nil)
		if err != nil {
			t.Fatal(err)
		}
		runtime.GOMAXPROCS(2)
		b, err := Solve(context.Background(), in, nil)
		if err != nil {
			t.Fatal(err)
		}
		if ja, jb := planJSON(t, a), planJSON(t, b); ja != jb {
			t.Fatalf("%d: one thread and two give different plans:\n%s\n%s", i, ja, jb)
		}
	}
}

// TestBenchmarkRegionPlansUnchanged pins the plans of the smaller benchmark
// regions (BenchmarkSolve's generator, seeds 1 and 2): a speed-up must not
// change them. A deliberate change of the plans bumps SolverVersion and
// these digests together.
func TestBenchmarkRegionPlansUnchanged(t *testing.T) {
	want := []struct {
		n     int
		seed  uint64
		moves int
		obj   int64
		dig   string
	}{
		{1000, 1, 40, -84167, "da75ea731b3db5fac900f13d8225ba20fe1eb7ceb0a70fbfc7b5f502afc0da2d"},
		{5000, 1, 204, -412098, "fb52c5b24067ad3085c6b3b8174f53ce650eb980e789c73b951401ae14d67b6e"},
		{1000, 2, 48, -90258, "71f69ee2bdb8d68cbacfbb298372c10f77230f48d592746030e318a37ae3ab13"},
		{5000, 2, 271, -517890, "c6ae3d550d38dd4970991cea0508a22cb7dd88e400eea8e064a8f14ed7aa4cc6"},
	}
	for _, w := range want {
		p, err := Solve(context.Background(), generate(realistic(w.n), w.seed), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Moves) != w.moves || p.Objective != w.obj || p.Digest() != w.dig {
			t.Errorf("%d employees, seed %d: %d moves, objective %d, digest %s; want %d, %d, %s",
				w.n, w.seed, len(p.Moves), p.Objective, p.Digest(), w.moves, w.obj, w.dig)
		}
	}
}
