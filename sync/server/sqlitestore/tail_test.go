package sqlitestore

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/storetest"
)

// TestTailSeesAnotherProcess: items committed through another handle on
// the same file (`imbang-server bundle import` while the server runs) are
// never missed by a scan, and the tail starts again at the writer's next
// transaction.
func TestTailSeesAnotherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	storetest.TailSeesOtherWriter(t, a, b, func(after, head int64) bool {
		_, ok := a.tail.Scan(after, 100, []string{"o:o1"}, head)
		return ok
	})
}

// TestGroupRollbackForgetsBases: a function of a group that fails after
// writing an item leaves no trace for the next one writing it (its stored
// version, as Put knows it, is the one before), seen through the database.
func TestGroupRollbackForgetsBases(t *testing.T) {
	defer SetTailForTest(false)()
	st, err := Open(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	put := func(tx server.Tx, id string) error {
		seq, err := tx.NextSeq()
		if err != nil {
			return err
		}
		if _, err := tx.Get(server.ItemRow, "pegawai", id); err != nil {
			return err
		}
		return tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "pegawai", ID: id, Scope: []string{"o1"}, Data: json.RawMessage(`{}`)})
	}
	mk := func(fn func(tx server.Tx) error) *update { return &update{ctx: ctx, fn: fn, done: make(chan struct{})} }
	u1 := mk(func(tx server.Tx) error { return put(tx, "a") })
	u2 := mk(func(tx server.Tx) error {
		if err := put(tx, "a"); err != nil {
			return err
		}
		return fmt.Errorf("refused")
	})
	u3 := mk(func(tx server.Tx) error { // writes without reading first
		seq, err := tx.NextSeq()
		if err != nil {
			return err
		}
		return tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "pegawai", ID: "a", Scope: []string{"o1"}, Data: json.RawMessage(`{}`)})
	})
	st.runGroup([]*update{u1, u2, u3})
	if u1.err != nil || u2.err == nil || u3.err != nil {
		t.Fatalf("errors %v %v %v", u1.err, u2.err, u3.err)
	}
	head, _ := st.Head(ctx)
	if got := storetest.ScanIDs(t, st, 0); len(got) != 1 || got[0] != fmt.Sprintf("a@%d", head) {
		t.Errorf("scan = %v, want [a@%d]", got, head)
	}
}
