package storetest

import (
	"context"
	"encoding/json"
	"fmt"
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
