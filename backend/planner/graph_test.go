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

// TestMoverArcsSortedByCostThenArc sorts a moving employee's arcs, with
// costs narrow enough to pack and too wide for it: both ways must give the
// order by (cost, arc), ties in cost by arc index.
func TestMoverArcsSortedByCostThenArc(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	for _, spread := range []int64{7, 1 << 20, 1 << 40} {
		var arcs []arcSpec
		for i := 0; i < 300; i++ {
			arcs = append(arcs, arcSpec{0, int32(1 + rng.IntN(50)), 1, cost{rng.Int64N(spread) - spread/2, int64(i)}})
		}
		g, _ := buildGraph(51, len(arcs), func(i int) arcSpec { return arcs[i] })
		c := &condensed{mArcs: make([][]moverArc, g.n), cur: make([]int32, g.n)}
		c.moverArcs(g, 0)
		got := c.mArcs[0]
		if len(got) != len(arcs) {
			t.Fatalf("spread %d: %d arcs, want %d", spread, len(got), len(arcs))
		}
		for i := range got {
			e := &g.e[got[i].k]
			if got[i].hi != e.hi || got[i].lo != e.lo || got[i].to != e.to {
				t.Fatalf("spread %d: arc %d copied wrong", spread, got[i].k)
			}
			if i > 0 && (got[i].hi < got[i-1].hi || got[i].hi == got[i-1].hi && got[i].k < got[i-1].k) {
				t.Fatalf("spread %d: arcs %d and %d out of order", spread, i-1, i)
			}
		}
	}
}
