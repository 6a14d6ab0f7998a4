package server

import (
	"slices"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// TestPushPrefetchNamesOpenConflicts: a push's prefetch names the count of
// the device's open conflicts (beforeMerge reads it once per push), so a
// store reads it with the push's first round trip, not alone.
func TestPushPrefetchNamesOpenConflicts(t *testing.T) {
	want := LookupKey{ItemConflict, "", indexOpener, "dev-1"}
	set := pushPrefetch("dev-1", protocol.PushRequest{Changes: []protocol.Change{{Table: "pegawai", RowID: "r", Op: protocol.OpUpdate}}})
	if !slices.Contains(set.Lookups, want) {
		t.Fatalf("lookups %v lack %v", set.Lookups, want)
	}
	if set := pushPrefetch("dev-1", protocol.PushRequest{}); len(set.Lookups) != 0 {
		t.Fatalf("an empty push prefetches %v", set.Lookups)
	}
}
