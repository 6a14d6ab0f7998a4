package itemtail

import (
	"fmt"
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
	if tl.floor != 10 || len(tl.items) != MaxItems {
		t.Fatalf("floor %d, %d items", tl.floor, len(tl.items))
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
