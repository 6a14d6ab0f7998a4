package planner

import (
	"cmp"
	"context"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// sortPoolItems is the comparison sort groupPoolItems replaced: the baseline
// of the test and the benchmark below.
func sortPoolItems(items []poolItem) []poolItem {
	out := append([]poolItem(nil), items...)
	slices.SortFunc(out, func(a, b poolItem) int {
		if a.pool != b.pool {
			return cmp.Compare(a.pool, b.pool)
		}
		if a.v != b.v {
			return cmp.Compare(a.v, b.v)
		}
		if a.c != b.c {
			if a.c.less(b.c) {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.k, b.k)
	})
	return out
}

func TestGroupPoolItemsIsTheSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	var gb groupBuf // reused across instances, as condense reuses it across pools
	for n := 0; n < 500; n++ {
		items := make([]poolItem, rng.IntN(200))
		pools, targets := 1+rng.IntN(6), 1+rng.IntN(8)
		for i := range items {
			// few distinct costs, so ties in points and in rank occur
			items[i] = poolItem{pool: 2 + int32(rng.IntN(pools)), v: 50 + int32(rng.IntN(targets)),
				c: cost{int64(rng.IntN(4)) - 2, int64(rng.IntN(3))}, k: int32(rng.IntN(1000))}
		}
		want, got := sortPoolItems(items), groupPoolItems(len(items), func(i int) poolItem { return items[i] })
		if len(want) == 0 {
			want = nil
		}
		if !slices.Equal(want, got) {
			t.Fatalf("instance %d: counting sort %v, comparison sort %v", n, got, want)
		}
		if again := gb.group(len(items), func(i int) poolItem { return items[i] }); !slices.Equal(want, again) {
			t.Fatalf("instance %d: with reused buffers %v, comparison sort %v", n, again, want)
		}
	}
}

// BenchmarkCondenseSort orders the employee arcs of the 20,000-employee
// region as condense does, with the comparison sort it used before and the
// counting sort it uses now, in one run (report the ratio).
func BenchmarkCondenseSort(b *testing.B) {
	in := generate(realistic(20000), 1)
	m, err := run(context.Background(), in, nil)
	if err != nil {
		b.Fatal(err)
	}
	g, c := m.g, m.g.cond
	items := make([]poolItem, 0, len(m.arcs))
	for i := range m.arcs {
		k := m.arcs[i].edge
		e := g.e[g.e[k].rev].to
		items = append(items, poolItem{c.empPool[e], g.e[k].to, g.e[k].c(), k})
	}
	if len(items) == 0 {
		b.Fatal("no arcs: the benchmark measured nothing")
	}
	for _, s := range []struct {
		name string
		f    func([]poolItem) []poolItem
	}{{"comparison", sortPoolItems}, {"counting", func(items []poolItem) []poolItem {
		return groupPoolItems(len(items), func(i int) poolItem { return items[i] })
	}}} {
		b.Run(s.name, func(b *testing.B) {
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				s.f(items)
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(len(items)), "arcs")
		})
	}
}

// TestRepositionKeepsRowsSorted changes entries' costs at random and checks
// that every row stays sorted by cost, that rowPos finds each entry, that
// no entry leaves its pool's row and that each entry lands where a
// bisection over the whole row puts it (the place decides the order of
// ties, so it must not depend on how the runs are found).
func TestRepositionKeepsRowsSorted(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for n := 0; n < 200; n++ {
		c := &condensed{}
		pools := 1 + rng.IntN(4)
		for p := 0; p < pools; p++ {
			c.entStart = append(c.entStart, int32(len(c.ent)))
			for i, k := 0, rng.IntN(40); i < k; i++ {
				c.ent = append(c.ent, entry{v: int32(len(c.ent)), best: 0, c: cost{int64(rng.IntN(6)) * 10, 0}})
				c.entPool = append(c.entPool, int32(p))
			}
			r := c.ent[c.entStart[p]:]
			slices.SortFunc(r, func(a, b entry) int { return cmp.Compare(a.c.hi, b.c.hi) })
		}
		c.entStart = append(c.entStart, int32(len(c.ent)))
		c.row = make([]int32, len(c.ent))
		c.rowPos = make([]int32, len(c.ent))
		for i := range c.ent {
			id := c.ent[i].v // the id is the entry's v here
			c.row[i], c.rowPos[id] = id, int32(i)
		}
		if len(c.ent) == 0 {
			continue
		}
		for step := 0; step < 100; step++ {
			id := int32(rng.IntN(len(c.ent)))
			i := c.rowPos[id]
			if rng.IntN(8) == 0 {
				c.ent[i].c.hi = noCand
			} else {
				c.ent[i].c.hi = int64(rng.IntN(6)) * 10
			}
			ref := slices.Clone(c.ent)
			refReposition(ref, c.entStart[c.entPool[id]], c.entStart[c.entPool[id]+1], i)
			c.reposition(i)
			if !slices.Equal(ref, c.ent) {
				t.Fatalf("instance %d step %d: entries not where a bisection puts them", n, step)
			}
			for p := 0; p < pools; p++ {
				for x := c.entStart[p]; x < c.entStart[p+1]; x++ {
					if c.entPool[c.row[x]] != int32(p) || c.rowPos[c.row[x]] != x || c.ent[x].v != c.row[x] {
						t.Fatalf("instance %d step %d: row position %d holds entry %d of pool %d (rowPos %d)", n, step, x, c.row[x], c.entPool[c.row[x]], c.rowPos[c.row[x]])
					}
					if x > c.entStart[p] && c.ent[x-1].c.hi > c.ent[x].c.hi {
						t.Fatalf("instance %d step %d: pool %d not sorted at %d", n, step, p, x)
					}
				}
			}
		}
	}
}

// refReposition is reposition on the entries alone, each run's end found by
// bisecting the rest of the row.
func refReposition(ent []entry, lo, hi, i int32) {
	k := ent[i].c.hi
	for i+1 < hi && ent[i+1].c.hi < k {
		x, from := ent[i+1].c.hi, i+1
		q := from + int32(sort.Search(int(hi-from), func(y int) bool { return ent[from+int32(y)].c.hi > x })) - 1
		ent[i], ent[q] = ent[q], ent[i]
		i = q
	}
	for i > lo && ent[i-1].c.hi > k {
		x := ent[i-1].c.hi
		q := lo + int32(sort.Search(int(i-lo), func(y int) bool { return ent[lo+int32(y)].c.hi >= x }))
		ent[i], ent[q] = ent[q], ent[i]
		i = q
	}
}

// TestSortedArcsIsTheSort checks a mover's sorted arcs against a sort of the
// structs by (points, arc), with costs in points spanning a little and more
// than 2³² (the packed keys and the fallback).
func TestSortedArcsIsTheSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	var keys []uint64
	for n := 0; n < 200; n++ {
		span := int64(1 + rng.IntN(50))
		if n%3 == 0 {
			span = 1 << 40
		}
		arcs := make([]arcSpec, rng.IntN(300))
		for i := range arcs {
			arcs[i] = arcSpec{int32(rng.IntN(3)), int32(3 + rng.IntN(20)), 1, cost{rng.Int64N(span) - span/2, int64(rng.IntN(1 << 20))}}
		}
		g, _ := buildGraph(23, len(arcs), func(i int) arcSpec { return arcs[i] })
		for e := int32(0); e < 3; e++ {
			var want []moverArc
			for k := g.first[e]; k < g.mid[e]; k++ {
				want = append(want, moverArc{g.e[k].hi, g.e[k].lo, g.e[k].to, k})
			}
			slices.SortFunc(want, func(x, y moverArc) int { return cmp.Or(cmp.Compare(x.hi, y.hi), cmp.Compare(x.k, y.k)) })
			var got, into []moverArc
			if n%2 == 0 { // into a slab, as the presorting worker does
				into = make([]moverArc, g.mid[e]-g.first[e])
			}
			got, keys = sortedArcs(g, e, keys, into)
			if len(got) != len(want) || (len(want) > 0 && !slices.Equal(got, want)) {
				t.Fatalf("instance %d node %d: sorted arcs differ", n, e)
			}
		}
	}
}
