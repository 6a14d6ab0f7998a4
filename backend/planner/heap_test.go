package planner

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestHeapPopsInOrder pushes and pops at random, Dijkstra-like (ties in
// distance, rows' continuation items) and checks that every pop returns the
// least item left by itemLess.
func TestHeapPopsInOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for n := 0; n < 300; n++ {
		g := &graph{}
		var left []heapItem
		for step := 0; step < 400; step++ {
			if len(left) == 0 || rng.IntN(3) > 0 {
				it := heapItem{d: cost{int64(rng.IntN(5)), int64(rng.IntN(3))}, node: int32(rng.IntN(50)), cont: -1}
				if rng.IntN(5) == 0 {
					it.d.lo, it.cont = contLo, int32(rng.IntN(9))
				}
				g.push(it)
				left = append(left, it)
				continue
			}
			_, left = popChecked(t, g, left, n, step)
		}
	}
}

// TestMonotoneQueuePopsInOrder is the same check for the radix buckets of
// a search on reduced costs: every key pushed is at least the last popped
// (in points), with ties, (0, 0) items, continuation items and points far
// apart, so items cross several buckets.
func TestMonotoneQueuePopsInOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	for n := 0; n < 300; n++ {
		g := &graph{}
		g.heap.resetMonotone()
		var left []heapItem
		last := int64(0)
		for step := 0; step < 600; step++ {
			if len(left) == 0 || rng.IntN(3) > 0 {
				hi := last + []int64{0, 0, 1, 2, 7, 100, 1 << 20, 1 << 40}[rng.IntN(8)]
				if rng.IntN(4) == 0 {
					hi = last + int64(rng.IntN(1<<16))
				}
				it := heapItem{d: cost{hi, int64(rng.IntN(3))}, node: int32(rng.IntN(50)), cont: -1}
				if rng.IntN(5) == 0 && hi > last {
					it.d.lo, it.cont = contLo, int32(rng.IntN(9))
				}
				g.push(it)
				left = append(left, it)
				continue
			}
			var got heapItem
			got, left = popChecked(t, g, left, n, step)
			last = got.d.hi
		}
		if g.heap.len() != len(left) {
			t.Fatalf("instance %d: %d items queued, %d left", n, g.heap.len(), len(left))
		}
	}
}

// popChecked pops g's queue, fails unless the item is the least of left by
// itemLess, and returns it and left without it.
func popChecked(t *testing.T, g *graph, left []heapItem, n, step int) (heapItem, []heapItem) {
	t.Helper()
	got := g.pop()
	least := slices.MinFunc(left, func(a, b heapItem) int {
		if itemLess(a, b) {
			return -1
		}
		if itemLess(b, a) {
			return 1
		}
		return 0
	})
	if itemLess(least, got) {
		t.Fatalf("instance %d step %d: popped %+v, %+v was left", n, step, got, least)
	}
	i := slices.Index(left, got)
	if i < 0 {
		t.Fatalf("instance %d step %d: popped %+v, never pushed", n, step, got)
	}
	return got, slices.Delete(left, i, i+1)
}
