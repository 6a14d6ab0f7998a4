package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
	"github.com/jackc/pgx/v5"
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
	// A prefetched Lookup answers as a plain one, and a later Put is seen.
	err = st.Update(ctx, func(tx server.Tx) error {
		if err := tx.(server.Prefetcher).Prefetch(server.PrefetchSet{Lookups: []server.LookupKey{
			{Kind: server.ItemRow, Table: "pegawai", Name: "nip", Value: "1"}, {Kind: server.ItemRow, Table: "pegawai", Name: "nip", Value: "9"}}}); err != nil {
			return err
		}
		if l, err := tx.Lookup(server.ItemRow, "pegawai", "nip", "1"); err != nil || ids(l) != "a,b," {
			t.Errorf("prefetched lookup nip 1 = %s %v", ids(l), err)
		}
		if l, err := tx.Lookup(server.ItemRow, "pegawai", "nip", "9"); err != nil || len(l) != 0 {
			t.Errorf("prefetched lookup nip 9 = %s %v", ids(l), err)
		}
		if err := tx.Put(item(tx, "d", "9")); err != nil {
			return err
		}
		if l, err := tx.Lookup(server.ItemRow, "pegawai", "nip", "9"); err != nil || ids(l) != "d," {
			t.Errorf("lookup nip 9 after a put = %s %v", ids(l), err)
		}
		return fmt.Errorf("roll back")
	})
	if err == nil {
		t.Fatal("want the rollback error")
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

// TestTxCacheMetaDevicesPrefetch: meta values and devices written in an
// Update are read back from the transaction and committed with it; a push
// of a group that fails is forgotten with its savepoint, cached reads and
// unsent writes included; Prefetch changes nothing Get answers.
func TestTxCacheMetaDevicesPrefetch(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, pgtest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	dev := server.Device{ID: "d1", OPDKode: "X", TokenHash: "h1", LastLocalSeq: 1}
	err = st.Update(ctx, func(tx server.Tx) error {
		if err := tx.PutDevice(dev); err != nil {
			return err
		}
		if err := tx.SetMeta("k", "1"); err != nil {
			return err
		}
		if v, _ := tx.Meta("k"); v != "1" {
			t.Errorf("meta in the same tx = %q", v)
		}
		if d, err := tx.Device("d1"); err != nil || d.LastLocalSeq != 1 {
			t.Errorf("device in the same tx = %+v %v", d, err)
		}
		for _, id := range []string{"a", "b"} {
			seq, _ := tx.NextSeq()
			if err := tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "pegawai", ID: id, Scope: []string{"o"},
				Data: json.RawMessage(`{"nip":"` + id + `"}`)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if d, err := st.DeviceByID(ctx, "d1"); err != nil || d.OPDKode != "X" {
		t.Fatalf("committed device = %+v %v", d, err)
	}
	// A group of two: the first changes meta and the device, then fails.
	failing := &update{ctx: ctx, done: make(chan struct{}), fn: func(tx server.Tx) error {
		if v, _ := tx.Meta("k"); v != "1" {
			t.Errorf("meta = %q", v)
		}
		tx.SetMeta("k", "2")
		d, _ := tx.Device("d1")
		d.LastLocalSeq = 99
		tx.PutDevice(d)
		return fmt.Errorf("refused")
	}}
	var after string
	var afterSeq int64
	ok := &update{ctx: ctx, done: make(chan struct{}), fn: func(tx server.Tx) error {
		after, _ = tx.Meta("k")
		d, err := tx.Device("d1")
		afterSeq = d.LastLocalSeq
		return err
	}}
	st.runGroup([]*update{failing, ok})
	if failing.err == nil || ok.err != nil {
		t.Fatalf("group errors = %v, %v", failing.err, ok.err)
	}
	if after != "1" || afterSeq != 1 {
		t.Errorf("after a rolled-back push the next one read meta %q, device seq %d; want 1, 1", after, afterSeq)
	}
	if d, _ := st.DeviceByID(ctx, "d1"); d.LastLocalSeq != 1 {
		t.Errorf("the rolled-back device write was committed: %+v", d)
	}
	// Prefetch, then Get: the same answers as without.
	st.Update(ctx, func(tx server.Tx) error {
		if err := tx.(server.Prefetcher).Prefetch(server.PrefetchSet{Device: "nope", Meta: []string{"k", "unset"},
			Items: []server.ItemKey{{Kind: server.ItemRow, Table: "pegawai", ID: "a"}, {Kind: server.ItemRow, Table: "pegawai", ID: "zz"}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Device("nope"); !errors.Is(err, server.ErrNotFound) {
			t.Errorf("unknown device after prefetch: %v", err)
		}
		if v, err := tx.Meta("k"); v != "1" || err != nil {
			t.Errorf("meta k after prefetch = %q %v", v, err)
		}
		if v, err := tx.Meta("unset"); v != "" || err != nil {
			t.Errorf("meta unset after prefetch = %q %v", v, err)
		}
		if g, err := tx.Get(server.ItemRow, "pegawai", "a"); err != nil || g == nil || string(g.Data) != `{"nip":"a"}` {
			t.Errorf("get a after prefetch = %+v %v", g, err)
		}
		if g, err := tx.Get(server.ItemRow, "pegawai", "b"); err != nil || g == nil {
			t.Errorf("get b (not prefetched) = %+v %v", g, err)
		}
		if g, err := tx.Get(server.ItemRow, "pegawai", "zz"); err != nil || g != nil {
			t.Errorf("get absent after prefetch = %+v %v", g, err)
		}
		return nil
	})
	st.Update(ctx, func(tx server.Tx) error {
		if v, _ := tx.Meta("k"); v != "1" {
			t.Errorf("committed meta = %q, want 1", v)
		}
		return nil
	})
}

// TestGroupFailureBeforeAnyRead: a push of a group that fails before it
// reads anything (its savepoint and the previous push's writes still
// staged, not sent) rolls back alone; the previous push's writes commit.
func TestGroupFailureBeforeAnyRead(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, pgtest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	put := func(id string) func(tx server.Tx) error {
		return func(tx server.Tx) error {
			seq, _ := tx.NextSeq()
			if err := tx.SetMeta("m-"+id, "1"); err != nil {
				return err
			}
			return tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "pegawai", ID: id, Scope: []string{"o"}, Data: json.RawMessage(`{}`)})
		}
	}
	first := &update{ctx: ctx, done: make(chan struct{}), fn: put("a")}
	failing := &update{ctx: ctx, done: make(chan struct{}), fn: func(tx server.Tx) error {
		seq, _ := tx.NextSeq()
		tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "pegawai", ID: "b", Data: json.RawMessage(`{}`)})
		return fmt.Errorf("refused")
	}}
	last := &update{ctx: ctx, done: make(chan struct{}), fn: put("c")}
	st.runGroup([]*update{first, failing, last})
	if first.err != nil || failing.err == nil || last.err != nil {
		t.Fatalf("errors = %v, %v, %v", first.err, failing.err, last.err)
	}
	items, err := st.Scan(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, it := range items {
		ids = append(ids, it.ID)
	}
	if fmt.Sprint(ids) != "[a c]" {
		t.Errorf("committed items = %v, want [a c]", ids)
	}
	st.Update(ctx, func(tx server.Tx) error {
		for k, want := range map[string]string{"m-a": "1", "m-c": "1", "m-b": ""} {
			if v, _ := tx.Meta(k); v != want {
				t.Errorf("meta %s = %q, want %q", k, v, want)
			}
		}
		return nil
	})
	if h, _ := st.Head(ctx); h != items[len(items)-1].Seq {
		t.Errorf("head %d, last item seq %d", h, items[len(items)-1].Seq)
	}
}

// TestGroupReadIsOneRoundTrip: in a group, a read the transaction cannot
// answer goes to PostgreSQL with the writes staged before it (the previous
// push's and this push's savepoint) in one round trip, not two.
func TestGroupReadIsOneRoundTrip(t *testing.T) {
	ctx := context.Background()
	c := &queryCounter{}
	st := openTraced(t, c)
	put := &update{ctx: ctx, done: make(chan struct{}), fn: func(tx server.Tx) error {
		seq, _ := tx.NextSeq()
		return tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "pegawai", ID: "a", Scope: []string{"o"},
			Data: json.RawMessage(`{"nip":"1"}`), Index: map[string]string{"nip": "1"}})
	}}
	var gets, lookups int64
	var got *server.Item
	var found []*server.Item
	read := &update{ctx: ctx, done: make(chan struct{}), fn: func(tx server.Tx) error {
		n := c.n.Load()
		var err error
		if got, err = tx.Get(server.ItemRow, "pegawai", "b"); err != nil {
			return err
		}
		gets = c.n.Load() - n
		n = c.n.Load()
		if found, err = tx.Lookup(server.ItemRow, "pegawai", "nip", "1"); err != nil {
			return err
		}
		lookups = c.n.Load() - n
		return nil
	}}
	st.runGroup([]*update{put, read})
	if put.err != nil || read.err != nil {
		t.Fatal(put.err, read.err)
	}
	if got != nil || len(found) != 1 || found[0].ID != "a" {
		t.Fatalf("get %v, lookup %v", got, found)
	}
	if gets != 1 || lookups != 1 {
		t.Fatalf("round trips: get %d, lookup %d; want 1 each", gets, lookups)
	}
}

// openTraced opens a store on a new database whose connections report
// every statement to tr (closed when the test ends).
func openTraced(t *testing.T, tr pgx.QueryTracer) *Store {
	t.Helper()
	testTracer = tr
	st, err := Open(context.Background(), pgtest.NewDatabase(t))
	testTracer = nil
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
