package sqlitestore_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
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

// TestContractWithoutTail runs the suite with every scan read from the
// database, so the stored scope index is checked and not only the tail.
func TestContractWithoutTail(t *testing.T) {
	defer sqlitestore.SetTailForTest(false)()
	TestContract(t)
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

// TestScopeIndexFilledForOlderDatabase: a database made before item_scope
// existed (no entries, no scope_index mark) gets its scope index on Open.
func TestScopeIndexFilledForOlderDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	st, err := sqlitestore.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	items := []server.Item{
		{Kind: server.ItemRow, Table: "pegawai", ID: "a", Scope: []string{"o1"}},
		{Kind: server.ItemRow, Table: "pegawai", ID: "b", Scope: []string{"o2"}, Former: []string{"o1"}},
		{Kind: server.ItemRow, Table: "jabatan", ID: "c", Scope: []string{server.ScopeAll}},
		{Kind: server.ItemDisposition, ID: "x", Device: "d1"},
		{Kind: server.ItemPending, Table: "pegawai", ID: "p"},
	}
	if err := st.Update(ctx, func(tx server.Tx) error {
		for i := range items {
			items[i].Seq, _ = tx.NextSeq()
			items[i].Data = json.RawMessage(`{}`)
			if err := tx.Put(&items[i]); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	execRaw(t, path, `DELETE FROM item_scope; DELETE FROM meta WHERE key = 'scope_index'`)
	st, err = sqlitestore.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, c := range []struct {
		sc   server.ScanScope
		want []string
	}{
		{server.ScanScope{OPD: "o1", Device: "d1"}, []string{"a", "b", "c", "x"}},
		{server.ScanScope{OPD: "o2", Device: "d2"}, []string{"b", "c"}},
		{server.ScanScope{All: true, Device: "d9"}, []string{"a", "b", "c"}},
	} {
		got, err := st.ScanScoped(ctx, 0, 100, c.sc)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, it := range got {
			ids = append(ids, it.ID)
		}
		if !slices.Equal(ids, c.want) {
			t.Errorf("%+v: got %v, want %v", c.sc, ids, c.want)
		}
	}
}

// A database made before devices had bundle keys gains the columns when
// opened; its devices keep everything and have no keys until they register.
func TestOldDevicesTableGainsKeyColumns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	execRaw(t, path, `CREATE TABLE devices (id TEXT PRIMARY KEY, opd_kode TEXT NOT NULL DEFAULT '', bkpsdm INTEGER NOT NULL DEFAULT 0,
		token_hash TEXT NOT NULL UNIQUE, install_id TEXT NOT NULL DEFAULT '', last_local_seq INTEGER NOT NULL DEFAULT 0,
		resync INTEGER NOT NULL DEFAULT 0, revoked INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL DEFAULT '');
		INSERT INTO devices(id, opd_kode, token_hash, install_id, last_local_seq) VALUES ('d1', 'OPD-A', 'h1', 'inst', 7)`)
	for range 2 { // and opening it again is a no-op
		st, err := sqlitestore.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		d, err := st.DeviceByID(context.Background(), "d1")
		if err != nil || d.OPDKode != "OPD-A" || d.LastLocalSeq != 7 || d.SignKey != "" {
			t.Fatalf("old device: %+v %v", d, err)
		}
		d.SignKey, d.BoxKey = "s", "b"
		if err := st.Update(context.Background(), func(tx server.Tx) error { return tx.PutDevice(d) }); err != nil {
			t.Fatal(err)
		}
		if g, _ := st.DeviceByID(context.Background(), "d1"); g != d {
			t.Fatalf("keys not kept: %+v", g)
		}
		d.SignKey = ""
		st.Update(context.Background(), func(tx server.Tx) error { return tx.PutDevice(d) })
		st.Close()
	}
}

// TestStoredRowsUpcastOnOpen: a database an older server wrote is brought
// to the current sync schema on Open (storetest.UpcastOnOpen).
func TestStoredRowsUpcastOnOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	open := func() server.Store {
		st, err := sqlitestore.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	forget := func() {
		execRaw(t, path, `DELETE FROM meta WHERE key = 'stored_schema'`)
	}
	storetest.UpcastOnOpen(t, open, forget)
}

// TestDerivedEntriesMatchItems: after items are written, moved between
// scopes, re-indexed, rewritten in one transaction and across groups, the
// scope and index entries are exactly those of the items as stored
// (deleted by keys worked out from the stored version, not by id or seq),
// also for a database an older server had opened (with the indexes by id
// and seq it made), and the indexes by id and seq are gone.
func TestDerivedEntriesMatchItems(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	st, err := sqlitestore.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(11, 12))
	scopes := [][]string{nil, {"o1"}, {"o2"}, {"o1", "o2"}, {server.ScopeAll}}
	kinds := []string{server.ItemRow, server.ItemRow, server.ItemDisposition, server.ItemPending, server.ItemConflict}
	for round := range 40 {
		if round == 20 {
			// as an older server leaves the database: the indexes made again
			st.Close()
			execRaw(t, path, `CREATE INDEX item_index_id ON item_index(kind, tbl, id); CREATE INDEX item_scope_seq ON item_scope(seq)`)
			if st, err = sqlitestore.Open(path); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.Update(ctx, func(tx server.Tx) error {
			for range 1 + r.IntN(30) {
				n := r.IntN(12)
				it := server.Item{Kind: kinds[n%len(kinds)], Table: "pegawai", ID: "i" + strconv.Itoa(n), Device: "d" + strconv.Itoa(r.IntN(3)),
					Scope: scopes[r.IntN(len(scopes))], Former: scopes[r.IntN(len(scopes))], Deleted: r.IntN(5) == 0, Data: json.RawMessage(`{}`)}
				if r.IntN(3) > 0 {
					it.Index = map[string]string{"nip": "n" + strconv.Itoa(r.IntN(4))}
					if r.IntN(2) == 0 {
						it.Index["unit_id"] = "u" + strconv.Itoa(r.IntN(3))
					}
				}
				it.Seq, _ = tx.NextSeq()
				if err := tx.Put(&it); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var indexes int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('item_index_id', 'item_scope_seq')`).Scan(&indexes); err != nil || indexes != 0 {
		t.Fatalf("%d of the indexes by id and seq left (%v)", indexes, err)
	}
	wantScope, wantIndex := map[string]bool{}, map[string]bool{}
	rows, err := db.Query(`SELECT seq, kind, tbl, id, device, scope, former, idx FROM items`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var it server.Item
		var scope, former, idx string
		if err := rows.Scan(&it.Seq, &it.Kind, &it.Table, &it.ID, &it.Device, &scope, &former, &idx); err != nil {
			t.Fatal(err)
		}
		json.Unmarshal([]byte(scope), &it.Scope)
		json.Unmarshal([]byte(former), &it.Former)
		for _, k := range server.ScopeKeys(&it) {
			wantScope[k+"@"+strconv.FormatInt(it.Seq, 10)] = true
		}
		var ix map[string]string
		json.Unmarshal([]byte(idx), &ix)
		for n, v := range ix {
			wantIndex[it.Kind+"|"+it.Table+"|"+n+"|"+v+"|"+it.ID] = true
		}
	}
	rows.Close()
	got := func(q string) map[string]bool {
		m := map[string]bool{}
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			rows.Scan(&s)
			m[s] = true
		}
		return m
	}
	if g := got(`SELECT key || '@' || seq FROM item_scope`); !maps.Equal(g, wantScope) {
		t.Errorf("scope entries:\n got %v\nwant %v", slices.Sorted(maps.Keys(g)), slices.Sorted(maps.Keys(wantScope)))
	}
	if g := got(`SELECT kind || '|' || tbl || '|' || name || '|' || value || '|' || id FROM item_index`); !maps.Equal(g, wantIndex) {
		t.Errorf("index entries:\n got %v\nwant %v", slices.Sorted(maps.Keys(g)), slices.Sorted(maps.Keys(wantIndex)))
	}
	if len(wantScope) < 10 || len(wantIndex) < 5 {
		t.Fatalf("too few entries to say anything: %d scope, %d index", len(wantScope), len(wantIndex))
	}
}

// TestJSONListIsMarshal: the stored scope and former lists are
// json.Marshal's bytes (compared as text to the stored ones).
func TestJSONListIsMarshal(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	strs := []string{"", "o1", server.ScopeAll, `<b>&"x"\`, "É\u2028", "bad \xff", "\x00\t"}
	for range 1000 {
		var l []string
		for range r.IntN(4) {
			l = append(l, strs[r.IntN(len(strs))])
		}
		want := "[]"
		if len(l) > 0 {
			b, _ := json.Marshal(l)
			want = string(b)
		}
		if got := sqlitestore.JSONList(l); got != want {
			t.Fatalf("%q: %s, json.Marshal %s", l, got, want)
		}
	}
}

// execRaw runs q on the database file at path outside the store (an older
// server's schema, a trigger, a damaged index).
func execRaw(t *testing.T, path, q string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(q); err != nil {
		t.Fatal(err)
	}
}
