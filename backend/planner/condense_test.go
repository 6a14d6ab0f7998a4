package planner

import (
	"cmp"
	"context"
	"math/rand/v2"
	"slices"
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
