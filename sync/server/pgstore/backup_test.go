package pgstore_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
)

func TestBackupRestoreNewEpoch(t *testing.T) {
	ctx := context.Background()
	dbURL := pgtest.NewDatabase(t)
	st, err := pgstore.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	put := func(id string) {
		if err := st.Update(ctx, func(tx server.Tx) error {
			seq, _ := tx.NextSeq()
			tx.PutDevice(server.Device{ID: "d", TokenHash: "h", LastLocalSeq: 3})
			tx.AddSkew(server.Skew{DeviceID: "d", Stamp: "s", Clamped: "c", ServerTime: "t"})
			return tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "t", ID: id, Data: json.RawMessage(`{"a":"tab\tnew\nline\\"}`),
				Index: map[string]string{"k": id}})
		}); err != nil {
			t.Fatal(err)
		}
	}
	put("1")
	ep1, _ := st.Epoch(ctx)
	bk := filepath.Join(t.TempDir(), "b.pgbackup")
	if err := st.Backup(ctx, bk); err != nil {
		t.Fatal(err)
	}
	if err := st.Backup(ctx, bk); err == nil {
		t.Fatal("backup overwrote a file")
	}
	put("2")
	st.Close()
	if err := pgstore.Restore(ctx, bk, dbURL); err != nil {
		t.Fatal(err)
	}
	st, err = pgstore.Open(ctx, dbURL)
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
	items, _ := st.Scan(ctx, 0, 10)
	if len(items) != 1 || string(items[0].Data) != `{"a":"tab\tnew\nline\\"}` {
		t.Fatalf("items after restore = %+v", items)
	}
	// The scope index is rebuilt from the restored items (it is not in the backup).
	if sc, err := st.ScanScoped(ctx, 0, 10, server.ScanScope{All: true, Device: "d"}); err != nil || len(sc) != 1 || sc[0].Seq != 1 {
		t.Fatalf("scoped scan after restore = %+v, %v", sc, err)
	}
	ds, _ := st.Devices(ctx)
	if len(ds) != 1 || !ds[0].Resync || ds[0].LastLocalSeq != 3 {
		t.Fatalf("device after restore = %+v", ds)
	}
	// The sequence and the skew log continue after the restored state.
	if err := st.Update(ctx, func(tx server.Tx) error {
		seq, _ := tx.NextSeq()
		if seq != 2 {
			t.Errorf("next seq = %d", seq)
		}
		if l, _ := tx.Lookup(server.ItemRow, "t", "k", "1"); len(l) != 1 {
			t.Errorf("index not restored: %+v", l)
		}
		return tx.AddSkew(server.Skew{DeviceID: "d", Stamp: "s2", Clamped: "c", ServerTime: "t"})
	}); err != nil {
		t.Fatal(err)
	}
	if sk, _ := st.Skews(ctx); len(sk) != 2 || sk[1].Stamp != "s2" {
		t.Fatalf("skews = %+v", sk)
	}
	// A damaged file is refused and changes nothing.
	bad := filepath.Join(t.TempDir(), "bad")
	raw, _ := os.ReadFile(bk)
	os.WriteFile(bad, raw[:len(raw)-10], 0o600)
	if err := pgstore.Restore(ctx, bad, dbURL); err == nil {
		t.Fatal("truncated backup restored")
	}
	if ep3, _ := st.Epoch(ctx); ep3 != ep2 {
		t.Fatal("failed restore changed the epoch")
	}
}
