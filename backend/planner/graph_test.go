package planner

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

// TestBuildGraphInHalvesIsOnePass lays out the same arcs (enough for two
// halves, with the nodes' arcs spread over both) with one thread and with
// two: the arc array, the node offsets and the forward arcs' indices must be
// identical, so every adjacency order, and with it every tie, stays canonical.
func TestBuildGraphInHalvesIsOnePass(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	rng := rand.New(rand.NewPCG(41, 42))
	for _, n := range []int{3, 50, 2000} {
		arcs := make([]arcSpec, 1<<15+rng.IntN(5000))
		for i := range arcs {
			arcs[i] = arcSpec{int32(rng.IntN(n)), int32(rng.IntN(n)), int32(rng.IntN(3)), cost{int64(rng.IntN(2000) - 1000), int64(rng.IntN(1 << 20))}}
		}
		at := func(i int) arcSpec { return arcs[i] }
		runtime.GOMAXPROCS(1)
		g1, idx1 := buildGraph(n, len(arcs), at)
		runtime.GOMAXPROCS(2)
		g2, idx2 := buildGraph(n, len(arcs), at)
		if !slices.Equal(g1.e, g2.e) || !slices.Equal(g1.first, g2.first) || !slices.Equal(g1.mid, g2.mid) ||
			!slices.Equal(g1.orig, g2.orig) || !slices.Equal(idx1, idx2) {
			t.Fatalf("%d nodes: the layout in two halves differs from one pass", n)
		}
		// the forward arcs of each node keep the input order
		next := slices.Clone(g1.first[:n])
		for i, a := range arcs {
			if idx1[i] != next[a.from] {
				t.Fatalf("%d nodes: arc %d is not in input order at node %d", n, i, a.from)
			}
			next[a.from]++
		}
	}
}
