package storetest

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/server"
)

// Stored row images as an older server (sync schema 3) wrote them: a
// workflow event with a lower-case kind (and "kind" inside its payload,
// which is not a column), and another table's row with a "kind" column.
const (
	oldEvent = `{"_hlc":"2026-11-02T09:00:00.000000Z-0000","aktor":"{\"role\":\"OPERATOR_OPD\"}","kind":"setujui_opd_asal","payload":"{\"kind\":\"x\"}","seq":4,"usulan_id":"u"}`
	oldOther = `{"_hlc":"2026-11-02T09:00:00.000000Z-0000","kind":"lower","nama":"a"}`
)

// UpcastOnOpen checks that a store brings the rows an older server stored
// to the current sync schema when it opens: in place, the same sequence
// numbers, other tables untouched. open makes a store on one database each
// call; forget makes that database look older (drops its stored_schema mark).
func UpcastOnOpen(t *testing.T, open func() server.Store, forget func()) {
	ctx := context.Background()
	st := open()
	if err := st.Update(ctx, func(tx server.Tx) error {
		for _, it := range []server.Item{{Kind: server.ItemRow, Table: "mutasi_event", ID: "e", Data: json.RawMessage(oldEvent)},
			{Kind: server.ItemRow, Table: "jabatan", ID: "j", Data: json.RawMessage(oldOther)}} {
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
	forget()
	st = open()
	defer st.Close()
	var ev, other *server.Item
	if err := st.Update(ctx, func(tx server.Tx) (err error) {
		if ev, err = tx.Get(server.ItemRow, "mutasi_event", "e"); err != nil {
			return err
		}
		other, err = tx.Get(server.ItemRow, "jabatan", "j")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(oldEvent, `"kind":"setujui_opd_asal"`, `"kind":"SETUJUI_OPD_ASAL"`, 1)
	if string(ev.Data) != want || ev.Seq != 1 {
		t.Fatalf("event after open: seq %d %s\nwant %s", ev.Seq, ev.Data, want)
	}
	if string(other.Data) != oldOther || other.Seq != 2 {
		t.Fatalf("another table's row changed: %+v", other)
	}
	if h, _ := st.Head(ctx); h != 2 {
		t.Fatalf("head = %d: the rewrite took new sequence numbers", h)
	}
}
