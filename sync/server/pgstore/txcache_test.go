package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
)

// TestTxCacheReadsItsOwnWrites: inside one Update, Get and Lookup see the
// transaction's own Puts whether flushed or still pending, a replaced item
// leaves its old index entries, and Lookup keeps ID order.
func TestTxCacheReadsItsOwnWrites(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, pgtest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	item := func(tx server.Tx, id, nip string) *server.Item {
		seq, _ := tx.NextSeq()
		return &server.Item{Seq: seq, Kind: server.ItemRow, Table: "pegawai", ID: id, Scope: []string{"o"},
			Data: json.RawMessage(fmt.Sprintf(`{"nip":%q}`, nip)), Index: map[string]string{"nip": nip}}
	}
	ids := func(l []*server.Item) string {
		s := ""
		for _, it := range l {
			s += it.ID + ","
		}
		return s
	}
	// Committed before: c has nip 1.
	if err := st.Update(ctx, func(tx server.Tx) error { return tx.Put(item(tx, "c", "1")) }); err != nil {
		t.Fatal(err)
	}
	err = st.Update(ctx, func(tx server.Tx) error {
		if err := tx.Put(item(tx, "b", "1")); err != nil { // pending
			return err
		}
		if l, err := tx.Lookup(server.ItemRow, "pegawai", "nip", "1"); err != nil || ids(l) != "b,c," {
			t.Errorf("lookup with a pending put = %s %v", ids(l), err)
		}
		if err := flushOf(tx); err != nil {
			return err
		}
		if err := tx.Put(item(tx, "a", "1")); err != nil {
			return err
		}
		if err := tx.Put(item(tx, "c", "2")); err != nil { // c moves away from nip 1, pending
			return err
		}
		if l, err := tx.Lookup(server.ItemRow, "pegawai", "nip", "1"); err != nil || ids(l) != "a,b," {
			t.Errorf("lookup nip 1 = %s %v", ids(l), err)
		}
		if l, err := tx.Lookup(server.ItemRow, "pegawai", "nip", "2"); err != nil || ids(l) != "c," || string(l[0].Data) != `{"nip":"2"}` {
			t.Errorf("lookup nip 2 = %s %v", ids(l), err)
		}
		// Get returns copies: changing one does not change the transaction's view.
		g, err := tx.Get(server.ItemRow, "pegawai", "c")
		if err != nil || g == nil || g.Index["nip"] != "2" {
			t.Errorf("get c = %+v %v", g, err)
		}
		g.Index["nip"] = "9"
		g.Scope[0] = "x"
		if g2, _ := tx.Get(server.ItemRow, "pegawai", "c"); g2.Index["nip"] != "2" || g2.Scope[0] != "o" {
			t.Errorf("the cache was changed through a returned item: %+v", g2)
		}
		if g, err := tx.Get(server.ItemRow, "pegawai", "zz"); g != nil || err != nil {
			t.Errorf("absent = %+v %v", g, err)
		}
		if err := tx.Put(item(tx, "zz", "3")); err != nil {
			return err
		}
		if g, _ := tx.Get(server.ItemRow, "pegawai", "zz"); g == nil {
			t.Error("a put after a cached miss is not seen")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// After commit the store holds the last version of each.
	st.Update(ctx, func(tx server.Tx) error {
		if l, _ := tx.Lookup(server.ItemRow, "pegawai", "nip", "1"); ids(l) != "a,b," {
			t.Errorf("committed nip 1 = %s", ids(l))
		}
		if l, _ := tx.Lookup(server.ItemRow, "pegawai", "nip", "2"); ids(l) != "c," {
			t.Errorf("committed nip 2 = %s", ids(l))
		}
		return nil
	})
	if items, _ := st.Scan(ctx, 0, 100); len(items) != 4 {
		t.Fatalf("scan = %d items", len(items))
	}
}

func flushOf(t server.Tx) error { return t.(*tx).flush() }
