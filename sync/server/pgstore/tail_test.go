package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/itemtail"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
	"github.com/bkpsdm-sorong/imbang/sync/server/storetest"
)

// TestTailSeesAnotherProcess: items another process committed on the same
// database are never missed by a scan of this one, and its tail starts
// again at its next transaction and answers from there.
func TestTailSeesAnotherProcess(t *testing.T) {
	url := pgtest.NewDatabase(t)
	a, err := Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	storetest.TailSeesOtherWriter(t, a, b, func(after, head int64) bool {
		_, ok := a.tail.Scan(after, 100, []string{"o:o1"}, head)
		return ok
	})
}

// TestTailAnswersAsTheDatabase: for every cursor, a scan from the tail
// returns what the database path returns, field for field (empty lists,
// data, deletions, dispositions and superseded versions included), and a
// push rolled back inside a group leaves nothing in the tail.
func TestTailAnswersAsTheDatabase(t *testing.T) {
	st, err := Open(context.Background(), pgtest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	put := func(tx server.Tx, it server.Item) error {
		seq, err := tx.NextSeq()
		if err != nil {
			return err
		}
		it.Seq = seq
		return tx.Put(&it)
	}
	for i := range 30 {
		err := st.Update(ctx, func(tx server.Tx) error {
			if err := put(tx, server.Item{Kind: server.ItemRow, Table: "pegawai", ID: fmt.Sprint("p", i%7), Scope: []string{"o1"}, Device: "dv",
				Data: json.RawMessage(fmt.Sprintf(`{"n":%d}`, i)), Meta: json.RawMessage(`{"m":1}`), Index: map[string]string{"nip": fmt.Sprint(i)}}); err != nil {
				return err
			}
			if err := put(tx, server.Item{Kind: server.ItemDisposition, ID: fmt.Sprint("c", i), Device: "d"}); err != nil {
				return err
			}
			if i%5 == 0 {
				return put(tx, server.Item{Kind: server.ItemRow, Table: "pegawai", ID: fmt.Sprint("p", i%3), Scope: []string{"o1"}, Former: []string{"o2"}, Deleted: true})
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// A group with a push that fails after its Put: nothing of it may appear.
	errBoom := fmt.Errorf("boom")
	done := make(chan error, 8)
	for i := range 8 {
		go func() {
			done <- st.Update(ctx, func(tx server.Tx) error {
				if err := put(tx, server.Item{Kind: server.ItemRow, Table: "pegawai", ID: fmt.Sprint("g", i), Scope: []string{"o1"}}); err != nil {
					return err
				}
				if i%2 == 1 {
					return errBoom
				}
				return nil
			})
		}()
	}
	for range 8 {
		if err := <-done; err != nil && err != errBoom {
			t.Fatal(err)
		}
	}
	head, err := st.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sc := server.ScanScope{OPD: "o1", Device: "d"}
	for after := int64(0); after <= head; after++ {
		fromTail, err := st.ScanScoped(ctx, after, 1000, sc)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := st.tail.Scan(after, 1000, sc.Keys(), head); !ok {
			t.Fatalf("after %d: the tail did not answer", after)
		}
		restore := itemtail.DisableForTest(true)
		fromDB, err := st.ScanScoped(ctx, after, 1000, sc)
		restore()
		if err != nil {
			t.Fatal(err)
		}
		if a, b := fmt.Sprintf("%#v", fromTail), fmt.Sprintf("%#v", fromDB); a != b {
			t.Fatalf("after %d:\ntail     %s\ndatabase %s", after, a, b)
		}
	}
}
