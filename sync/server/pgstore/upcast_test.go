package pgstore_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
	"github.com/jackc/pgx/v5"
)

// TestStoredRowsUpcastOnOpen: a database an older server wrote (stored
// events with lower-case kinds, no stored_schema mark) is brought to the
// current sync schema on Open, in place: same sequence numbers, other rows
// and other columns untouched.
func TestStoredRowsUpcastOnOpen(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	st, err := pgstore.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	ev := `{"_hlc":"2026-11-02T09:00:00.000000Z-0000","aktor":"{\"role\":\"OPERATOR_OPD\"}","kind":"setujui_opd_asal","payload":"{\"kind\":\"x\"}","seq":4,"usulan_id":"u"}`
	other := `{"_hlc":"2026-11-02T09:00:00.000000Z-0000","kind":"lower","nama":"a"}`
	if err := st.Update(ctx, func(tx server.Tx) error {
		for _, it := range []server.Item{{Kind: server.ItemRow, Table: "mutasi_event", ID: "e", Data: json.RawMessage(ev)},
			{Kind: server.ItemRow, Table: "jabatan", ID: "j", Data: json.RawMessage(other)}} {
			it.Seq, _ = tx.NextSeq()
			if err := tx.Put(&it); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `DELETE FROM meta WHERE key = 'stored_schema'`); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	st, err = pgstore.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var got, j *server.Item
	if err := st.Update(ctx, func(tx server.Tx) (err error) {
		if got, err = tx.Get(server.ItemRow, "mutasi_event", "e"); err != nil {
			return err
		}
		j, err = tx.Get(server.ItemRow, "jabatan", "j")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(ev, `"kind":"setujui_opd_asal"`, `"kind":"SETUJUI_OPD_ASAL"`, 1)
	if string(got.Data) != want || got.Seq != 1 {
		t.Fatalf("event after open: seq %d %s\nwant %s", got.Seq, got.Data, want)
	}
	if string(j.Data) != other || j.Seq != 2 {
		t.Fatalf("another table's row changed: %+v", j)
	}
	if h, _ := st.Head(ctx); h != 2 {
		t.Fatalf("head = %d: the rewrite took new sequence numbers", h)
	}
}
