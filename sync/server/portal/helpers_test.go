package portal_test

import (
	"encoding/json"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
)

type lookuper struct{ e *env }

func (l lookuper) Lookup(kind, table, name, value string) ([]*server.Item, error) {
	return l.e.st.(server.PortalStore).ReadLookup(ctx, kind, table, name, value)
}

func (e *env) lookup() lookuper { return lookuper{e} }

func (e *env) item(table, id string) *server.Item {
	it, err := e.st.(server.PortalStore).ReadItem(ctx, server.ItemRow, table, id)
	if err != nil {
		e.t.Fatal(err)
	}
	if it != nil && it.Deleted {
		return nil
	}
	return it
}

func (e *env) lookupRows(table, col, value string) []map[string]any {
	its, err := e.st.(server.PortalStore).ReadLookup(ctx, server.ItemRow, table, col, value)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []map[string]any
	for _, it := range its {
		if !it.Deleted {
			r, _ := server.RowData(it)
			out = append(out, r)
		}
	}
	return out
}

func portalEventChange(ev mutasi.Event) protocol.Change {
	aktor, _ := json.Marshal(ev.Actor)
	payload, _ := json.Marshal(ev.Payload)
	return protocol.Change{Table: "mutasi_event", RowID: ev.ID, Op: protocol.OpInsert, Cols: map[string]any{
		"usulan_id": ev.RequestID, "seq": ev.Seq, "kind": string(ev.Kind), "aktor": string(aktor),
		"waktu": ev.Time.UTC().Format(time.RFC3339Nano), "catatan": ev.Note, "payload": string(payload)}}
}
