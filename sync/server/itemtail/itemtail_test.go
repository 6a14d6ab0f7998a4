package itemtail

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/server"
)

// TestTailBounds: past its bounds the tail drops its oldest items, raises
// its floor, and no longer answers from before it.
func TestTailBounds(t *testing.T) {
	var tl Tail
	tl.Reset(0)
	var puts []server.Item
	for i := range MaxItems + 10 {
		puts = append(puts, server.Item{Seq: int64(i + 1), Kind: server.ItemRow, Table: "t", ID: fmt.Sprint(i % 100), Scope: []string{"o1"}})
	}
	tl.Commit(puts, int64(len(puts)))
	if tl.floor != 10 || tl.n != MaxItems {
		t.Fatalf("floor %d, %d items", tl.floor, tl.n)
	}
	if _, ok := tl.Scan(5, 10, []string{"o:o1"}, tl.head); ok {
		t.Error("answered from before the floor")
	}
	got, ok := tl.Scan(10, 1000, []string{"o:o1"}, tl.head)
	if !ok || len(got) != 100 || got[0].Seq != int64(len(puts)-99) {
		t.Errorf("scan from the floor: ok %v, %d items, first %+v", ok, len(got), got[:min(1, len(got))])
	}
	if _, ok := tl.Scan(10, 10, []string{"o:o1"}, tl.head+1); ok {
		t.Error("answered for another head")
	}
}

// TestTailMatchesModel: over groups of every size, past the bounds many
// times (so the ring wraps and grows), every scan returns what the plain
// list of all committed items says: the current versions after the
// cursor with one of the keys, in seq order.
func TestTailMatchesModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var tl Tail
	tl.Reset(0)
	var all []server.Item
	seq := int64(0)
	keysOf := func(it *server.Item) []string { return server.ScopeKeys(it) }
	for len(all) < 6*MaxItems {
		size := 1 + rng.IntN(4000)
		if len(all) > MaxItems && rng.IntN(8) == 0 {
			size += MaxItems // the ring grows while it has wrapped
		}
		group := make([]server.Item, size)
		for i := range group {
			seq++
			group[i] = server.Item{Seq: seq, Kind: server.ItemRow, Table: "t", ID: fmt.Sprint(rng.IntN(20000)),
				Scope: []string{fmt.Sprint("o", rng.IntN(5))}}
		}
		all = append(all, group...)
		tl.Commit(group, seq)
		for range 3 {
			after := tl.floor + int64(rng.IntN(int(seq-tl.floor)+1))
			keys := []string{"o:o" + fmt.Sprint(rng.IntN(5)), "o:o" + fmt.Sprint(rng.IntN(5))}
			limit := 1 + rng.IntN(500)
			got, ok := tl.Scan(after, limit, keys, seq)
			if !ok {
				t.Fatalf("no answer from %d (floor %d)", after, tl.floor)
			}
			latest := map[string]int64{}
			for _, it := range all {
				latest[it.ID] = it.Seq
			}
			var want []int64
			for _, it := range all {
				if it.Seq <= after || latest[it.ID] != it.Seq || len(want) == limit {
					continue
				}
				for _, k := range keysOf(&it) {
					if k == keys[0] || k == keys[1] {
						want = append(want, it.Seq)
						break
					}
				}
			}
			gotSeqs := make([]int64, len(got))
			for i, it := range got {
				gotSeqs[i] = it.Seq
			}
			if !slices.Equal(gotSeqs, want) {
				t.Fatalf("scan after %d limit %d keys %v: got %d items %v…, want %d %v…", after, limit, keys,
					len(gotSeqs), gotSeqs[:min(5, len(gotSeqs))], len(want), want[:min(5, len(want))])
			}
		}
	}
	if tl.n != MaxItems || tl.floor != seq-MaxItems {
		t.Errorf("%d entries, floor %d, head %d", tl.n, tl.floor, seq)
	}
}
