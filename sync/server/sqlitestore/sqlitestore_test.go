package sqlitestore_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
	"github.com/bkpsdm-sorong/imbang/sync/server/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) server.Store {
		st, err := sqlitestore.Open(filepath.Join(t.TempDir(), "s.db"))
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}

func TestBackupRestoreNewEpoch(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "s.db")
	st, err := sqlitestore.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	st.Update(ctx, func(tx server.Tx) error {
		seq, _ := tx.NextSeq()
		tx.PutDevice(server.Device{ID: "d", TokenHash: "h", LastLocalSeq: 3})
		return tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "t", ID: "1", Data: json.RawMessage(`{}`)})
	})
	ep1, _ := st.Epoch(ctx)
	bk := filepath.Join(dir, "b.db")
	if err := st.Backup(ctx, bk); err != nil {
		t.Fatal(err)
	}
	if err := st.Backup(ctx, bk); err == nil {
		t.Fatal("backup overwrote a file")
	}
	st.Update(ctx, func(tx server.Tx) error {
		seq, _ := tx.NextSeq()
		return tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "t", ID: "2", Data: json.RawMessage(`{}`)})
	})
	st.Close()
	if err := sqlitestore.Restore(bk, path); err != nil {
		t.Fatal(err)
	}
	st, err = sqlitestore.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ep2, _ := st.Epoch(ctx)
	if ep2 == ep1 || ep2 == "" {
		t.Fatal("restore kept the epoch")
	}
	if h, _ := st.Head(ctx); h != 1 {
		t.Fatalf("head after restore = %d", h)
	}
	ds, _ := st.Devices(ctx)
	if len(ds) != 1 || !ds[0].Resync || ds[0].LastLocalSeq != 3 {
		t.Fatalf("device after restore = %+v", ds)
	}
	if _, err := os.Stat(path + ".restore-tmp"); !os.IsNotExist(err) {
		t.Fatal("temporary file left behind")
	}
}
