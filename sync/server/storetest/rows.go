package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/server"
)

// PutRow commits one pegawai row id in OPD o1 on its own sequence number
// and returns that number (the stores' tail tests write with it).
func PutRow(t *testing.T, st server.Store, id string) int64 {
	t.Helper()
	var seq int64
	err := st.Update(context.Background(), func(tx server.Tx) error {
		var err error
		if seq, err = tx.NextSeq(); err != nil {
			return err
		}
		return tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "pegawai", ID: id, Scope: []string{"o1"},
			Data: json.RawMessage(fmt.Sprintf(`{"id":%q,"seq":%d}`, id, seq))})
	})
	if err != nil {
		t.Fatal(err)
	}
	return seq
}

// ScanIDs is what a device of OPD o1 pulls after the cursor after, as
// "id@seq" in order.
func ScanIDs(t *testing.T, st server.Store, after int64) []string {
	t.Helper()
	items, err := st.ScanScoped(context.Background(), after, 100, server.ScanScope{OPD: "o1", Device: "d"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, it := range items {
		ids = append(ids, fmt.Sprintf("%s@%d", it.ID, it.Seq))
	}
	return ids
}

// TailSeesOtherWriter is the stores' tail scenario: a and b are two handles
// on one database (two processes), tailAnswers(after, head) whether a's
// tail answers a scan of OPD o1 after the cursor with the head given. a
// writes, b writes behind a's tail, a writes twice more: every scan of a
// sees b's row, and a's tail answers again once its cursor passes it.
func TailSeesOtherWriter(t *testing.T, a, b server.Store, tailAnswers func(after, head int64) bool) {
	t.Helper()
	s1 := PutRow(t, a, "x")
	if !tailAnswers(0, s1) {
		t.Fatal("the tail did not answer after this handle's own write")
	}
	s2 := PutRow(t, b, "y") // a's tail did not see it
	if got, want := ScanIDs(t, a, 0), []string{fmt.Sprintf("x@%d", s1), fmt.Sprintf("y@%d", s2)}; !slices.Equal(got, want) {
		t.Fatalf("after the other handle's write: %v, want %v", got, want)
	}
	s3 := PutRow(t, a, "z")
	s4 := PutRow(t, a, "x") // supersedes x@s1
	if got, want := ScanIDs(t, a, 0), []string{fmt.Sprintf("y@%d", s2), fmt.Sprintf("z@%d", s3), fmt.Sprintf("x@%d", s4)}; !slices.Equal(got, want) {
		t.Fatalf("scan from 0: %v, want %v", got, want)
	}
	if got, want := ScanIDs(t, a, s2), []string{fmt.Sprintf("z@%d", s3), fmt.Sprintf("x@%d", s4)}; !slices.Equal(got, want) {
		t.Fatalf("scan from the tail: %v, want %v", got, want)
	}
	if !tailAnswers(s2, s4) {
		t.Error("the tail did not answer a scan after the other handle's write was passed")
	}
}
