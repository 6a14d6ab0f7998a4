// Package storetest is the contract suite of sync/server.Store: any
// implementation (sqlitestore, pgstore) runs Run from its own test
// with a constructor of fresh stores.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/server"
)

// Run runs the contract against stores made by open (a fresh, empty store
// each call; the suite closes it).
func Run(t *testing.T, open func(t *testing.T) server.Store) {
	ctx := context.Background()
	fresh := func(t *testing.T) server.Store {
		st := open(t)
		t.Cleanup(func() { st.Close() })
		return st
	}
	put := func(t *testing.T, st server.Store, it server.Item) int64 {
		t.Helper()
		var seq int64
		if err := st.Update(ctx, func(tx server.Tx) error {
			var err error
			if seq, err = tx.NextSeq(); err != nil {
				return err
			}
			it.Seq = seq
			return tx.Put(&it)
		}); err != nil {
			t.Fatal(err)
		}
		return seq
	}

	t.Run("EmptyStore", func(t *testing.T) {
		st := fresh(t)
		h, err := st.Head(ctx)
		if err != nil || h != 0 {
			t.Fatalf("head = %d, %v", h, err)
		}
		ep, err := st.Epoch(ctx)
		if err != nil || ep == "" {
			t.Fatalf("epoch = %q, %v", ep, err)
		}
		items, err := st.Scan(ctx, 0, 10)
		if err != nil || len(items) != 0 {
			t.Fatalf("scan = %v, %v", items, err)
		}
		if _, err := st.DeviceByToken(ctx, "x"); !errors.Is(err, server.ErrNotFound) {
			t.Fatalf("unknown token: %v", err)
		}
		if _, err := st.DeviceByID(ctx, "x"); !errors.Is(err, server.ErrNotFound) {
			t.Fatalf("unknown device id: %v", err)
		}
	})

	t.Run("PutGetReplaceMovesSeq", func(t *testing.T) {
		st := fresh(t)
		s1 := put(t, st, server.Item{Kind: server.ItemRow, Table: "pegawai", ID: "a", Scope: []string{"opd1"}, Data: json.RawMessage(`{"nama":"A"}`),
			Meta: json.RawMessage(`{"s":{}}`), Index: map[string]string{"nip": "1"}})
		s2 := put(t, st, server.Item{Kind: server.ItemRow, Table: "pegawai", ID: "b", Scope: []string{server.ScopeAll}, Data: json.RawMessage(`{"nama":"B"}`)})
		s3 := put(t, st, server.Item{Kind: server.ItemRow, Table: "pegawai", ID: "a", Scope: []string{"opd2"}, Former: []string{"opd1"}, Deleted: true,
			Data: json.RawMessage(`{"nama":"A2"}`), Meta: json.RawMessage(`{"s":{"nama":{}}}`), Index: map[string]string{"nip": "2"}})
		if !(s1 < s2 && s2 < s3) {
			t.Fatalf("seqs not increasing: %d %d %d", s1, s2, s3)
		}
		items, err := st.Scan(ctx, 0, 10)
		if err != nil || len(items) != 2 {
			t.Fatalf("scan after replace = %+v, %v", items, err)
		}
		if items[0].ID != "b" || items[1].ID != "a" || items[1].Seq != s3 || !items[1].Deleted || string(items[1].Data) != `{"nama":"A2"}` ||
			len(items[1].Former) != 1 || items[1].Former[0] != "opd1" || items[1].Scope[0] != "opd2" {
			t.Fatalf("scan order or content wrong: %+v", items)
		}
		if h, _ := st.Head(ctx); h != s3 {
			t.Fatalf("head = %d, want %d", h, s3)
		}
		if items, _ := st.Scan(ctx, s2, 10); len(items) != 1 || items[0].ID != "a" {
			t.Fatalf("scan after s2 = %+v", items)
		}
		if items, _ := st.Scan(ctx, 0, 1); len(items) != 1 || items[0].ID != "b" {
			t.Fatalf("scan limit = %+v", items)
		}
		st.Update(ctx, func(tx server.Tx) error {
			it, err := tx.Get(server.ItemRow, "pegawai", "a")
			if err != nil || it == nil || it.Seq != s3 || string(it.Meta) != `{"s":{"nama":{}}}` || !it.Deleted || it.Index["nip"] != "2" {
				t.Errorf("get = %+v, %v", it, err)
			}
			if it, err := tx.Get(server.ItemRow, "pegawai", "zz"); it != nil || err != nil {
				t.Errorf("get missing = %+v, %v", it, err)
			}
			// The index follows the latest Put.
			if l, err := tx.Lookup(server.ItemRow, "pegawai", "nip", "1"); err != nil || len(l) != 0 {
				t.Errorf("stale index entry: %+v, %v", l, err)
			}
			if l, err := tx.Lookup(server.ItemRow, "pegawai", "nip", "2"); err != nil || len(l) != 1 || l[0].ID != "a" {
				t.Errorf("lookup = %+v, %v", l, err)
			}
			return nil
		})
	})

	t.Run("KindsAreSeparateKeys", func(t *testing.T) {
		st := fresh(t)
		put(t, st, server.Item{Kind: server.ItemRow, Table: "pegawai", ID: "x", Data: json.RawMessage(`{}`)})
		put(t, st, server.Item{Kind: server.ItemAlias, Table: "pegawai", ID: "x", Data: json.RawMessage(`{"alias_of":"y"}`)})
		put(t, st, server.Item{Kind: server.ItemDisposition, ID: "x", Device: "dev1", Data: json.RawMessage(`{}`)})
		items, _ := st.Scan(ctx, 0, 10)
		if len(items) != 3 || items[2].Device != "dev1" {
			t.Fatalf("items = %+v", items)
		}
	})

	t.Run("FailedUpdateKeepsNothing", func(t *testing.T) {
		st := fresh(t)
		boom := errors.New("boom")
		err := st.Update(ctx, func(tx server.Tx) error {
			seq, _ := tx.NextSeq()
			tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "t", ID: "1", Data: json.RawMessage(`{}`)})
			tx.PutDevice(server.Device{ID: "d", TokenHash: "h"})
			tx.SetMeta("hlc", "x")
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v", err)
		}
		if h, _ := st.Head(ctx); h != 0 {
			t.Fatalf("head moved to %d", h)
		}
		if items, _ := st.Scan(ctx, 0, 10); len(items) != 0 {
			t.Fatal("rolled-back item visible")
		}
		if ds, _ := st.Devices(ctx); len(ds) != 0 {
			t.Fatal("rolled-back device visible")
		}
		// The sequence continues without reusing a visible number.
		s := put(t, st, server.Item{Kind: server.ItemRow, Table: "t", ID: "2", Data: json.RawMessage(`{}`)})
		if s != 1 {
			t.Logf("seq after rollback = %d (gaps are allowed, reuse of a committed one is not)", s)
		}
	})

	t.Run("DevicesMetaSkew", func(t *testing.T) {
		st := fresh(t)
		d := server.Device{ID: "d1", OPDKode: "OPD-A", TokenHash: "h1", Created: "2026-01-01T00:00:00Z"}
		b := server.Device{ID: "d2", BKPSDM: true, TokenHash: "h2", Created: "2026-01-02T00:00:00Z",
			SignKey: strings.Repeat("ab", 32), BoxKey: strings.Repeat("cd", 32)}
		if err := st.Update(ctx, func(tx server.Tx) error {
			if err := tx.PutDevice(d); err != nil {
				return err
			}
			if err := tx.PutDevice(b); err != nil {
				return err
			}
			if err := tx.SetMeta("hlc", "000000000000001.0000000000"); err != nil {
				return err
			}
			return tx.AddSkew(server.Skew{DeviceID: "d1", Stamp: "a", Clamped: "b", ServerTime: "c"})
		}); err != nil {
			t.Fatal(err)
		}
		got, err := st.DeviceByToken(ctx, "h1")
		if err != nil || got != d {
			t.Fatalf("by token = %+v, %v", got, err)
		}
		if got, err := st.DeviceByID(ctx, "d2"); err != nil || got != b {
			t.Fatalf("by id = %+v, %v", got, err)
		}
		d.InstallID, d.LastLocalSeq, d.Resync, d.Revoked = "inst", 7, true, true
		d.SignKey, d.BoxKey = strings.Repeat("01", 32), strings.Repeat("02", 32) // keys registered later
		st.Update(ctx, func(tx server.Tx) error {
			if err := tx.PutDevice(d); err != nil {
				return err
			}
			g, err := tx.Device("d1")
			if err != nil || g != d {
				t.Errorf("device = %+v, %v", g, err)
			}
			if _, err := tx.Device("nope"); !errors.Is(err, server.ErrNotFound) {
				t.Errorf("missing device: %v", err)
			}
			if v, _ := tx.Meta("hlc"); v != "000000000000001.0000000000" {
				t.Errorf("meta = %q", v)
			}
			if v, err := tx.Meta("unset"); v != "" || err != nil {
				t.Errorf("unset meta = %q, %v", v, err)
			}
			return nil
		})
		ds, _ := st.Devices(ctx)
		if len(ds) != 2 || ds[0] != d || ds[1] != b {
			t.Fatalf("devices = %+v", ds)
		}
		sk, _ := st.Skews(ctx)
		if len(sk) != 1 || sk[0].DeviceID != "d1" {
			t.Fatalf("skews = %+v", sk)
		}
	})

	t.Run("ConcurrentUpdatesCommitInSeqOrder", func(t *testing.T) {
		// Readers must never see seq n+1 committed while n is not: a pull
		// cursor past an in-flight number would skip it forever.
		st := fresh(t)
		var wg sync.WaitGroup
		const writers, each = 4, 25
		errs := make(chan error, writers)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					if err := st.Update(ctx, func(tx server.Tx) error {
						seq, err := tx.NextSeq()
						if err != nil {
							return err
						}
						return tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "t", ID: fmt.Sprintf("%d-%d", w, i), Data: json.RawMessage(`{}`)})
					}); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		done := make(chan struct{})
		var seen int64
		var readErr error
		go func() {
			defer close(done)
			for {
				items, err := st.Scan(ctx, seen, 1000)
				if err != nil {
					readErr = err
					return
				}
				for _, it := range items {
					if it.Seq != seen+1 {
						readErr = fmt.Errorf("reader saw seq %d after %d: a gap", it.Seq, seen)
						return
					}
					seen = it.Seq
				}
				if seen == writers*each {
					return
				}
			}
		}()
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		<-done
		if readErr != nil {
			t.Fatal(readErr)
		}
	})

	t.Run("ScanScopedIsTheScopeFilterOfScan", func(t *testing.T) {
		// Random rows, conflicts, aliases, dispositions and pending items,
		// re-Put with other scopes (a row leaving an OPD keeps it in Former):
		// for every viewer, paging ScanScoped must return exactly the items
		// of a full Scan whose ScopeKeys meet the viewer's Keys, in order.
		st := fresh(t)
		r := rand.New(rand.NewPCG(7, 11))
		opds := []string{"o1", "o2", "o3", server.ScopeAll}
		devs := []string{"d1", "d2", "d3"}
		kinds := []string{server.ItemRow, server.ItemRow, server.ItemRow, server.ItemConflict, server.ItemAlias, server.ItemDisposition, server.ItemPending}
		pick := func() []string {
			var l []string
			for _, o := range opds {
				if r.IntN(3) == 0 {
					l = append(l, o)
				}
			}
			return l
		}
		// The index each item should have now (Lookup is checked against it).
		index := map[[2]string]map[string]string{}
		for range 8 {
			if err := st.Update(ctx, func(tx server.Tx) error {
				for range 1 + r.IntN(40) {
					seq, err := tx.NextSeq()
					if err != nil {
						return err
					}
					it := server.Item{Seq: seq, Kind: kinds[r.IntN(len(kinds))], Table: "t", ID: fmt.Sprint(r.IntN(60)),
						Scope: pick(), Former: pick(), Deleted: r.IntN(5) == 0, Data: json.RawMessage(`{"v":1}`)}
					if it.Kind == server.ItemDisposition {
						it.Device = devs[r.IntN(len(devs))]
					}
					if r.IntN(2) == 0 {
						it.Index = map[string]string{"k": fmt.Sprint(r.IntN(3))}
					}
					// Half the time the item is read first (a store may then
					// write only what changed), and often keeps its scope,
					// device or index.
					if r.IntN(2) == 0 {
						old, err := tx.Get(it.Kind, it.Table, it.ID)
						if err != nil {
							return err
						}
						if old != nil && r.IntN(2) == 0 {
							it.Scope, it.Former, it.Device = old.Scope, old.Former, old.Device
							if r.IntN(2) == 0 {
								it.Index = old.Index
							}
						}
					}
					if err := tx.Put(&it); err != nil {
						return err
					}
					index[[2]string{it.Kind, it.ID}] = it.Index
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.Update(ctx, func(tx server.Tx) error {
			for _, kind := range kinds {
				for _, v := range []string{"0", "1", "2"} {
					var want []string
					for k, ix := range index {
						if k[0] == kind && ix["k"] == v {
							want = append(want, k[1])
						}
					}
					slices.Sort(want)
					want = slices.Compact(want)
					l, err := tx.Lookup(kind, "t", "k", v)
					if err != nil {
						return err
					}
					var got []string
					for _, it := range l {
						got = append(got, it.ID)
					}
					if !slices.Equal(got, want) {
						t.Errorf("Lookup(%s, k=%s) = %v, want %v", kind, v, got, want)
					}
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		all, err := st.Scan(ctx, 0, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		var scopes []server.ScanScope
		for _, d := range devs {
			scopes = append(scopes, server.ScanScope{All: true, Device: d}, server.ScanScope{Device: d})
			for _, o := range opds[:3] {
				scopes = append(scopes, server.ScanScope{OPD: o, Device: d})
			}
		}
		for _, sc := range scopes {
			var want []int64
			for i := range all {
				if slices.ContainsFunc(server.ScopeKeys(&all[i]), func(k string) bool { return slices.Contains(sc.Keys(), k) }) {
					want = append(want, all[i].Seq)
				}
			}
			for _, page := range []int{1, 3, 1000} {
				var got []int64
				var last int64
				for {
					items, err := st.ScanScoped(ctx, last, page, sc)
					if err != nil {
						t.Fatal(err)
					}
					for _, it := range items {
						got = append(got, it.Seq)
						last = it.Seq
						a := all[slices.IndexFunc(all, func(x server.Item) bool { return x.Seq == it.Seq })]
						if it.Kind != a.Kind || it.ID != a.ID || it.Device != a.Device || it.Deleted != a.Deleted ||
							!slices.Equal(it.Scope, a.Scope) || !slices.Equal(it.Former, a.Former) || string(it.Data) != string(a.Data) {
							t.Fatalf("scoped item %+v differs from scanned %+v", it, a)
						}
					}
					if len(items) > page {
						t.Fatalf("%d items for limit %d", len(items), page)
					}
					if len(items) < page {
						break
					}
				}
				if !slices.Equal(got, want) {
					t.Fatalf("scope %+v page %d: got %v, want %v", sc, page, got, want)
				}
			}
		}
	})

	t.Run("ScopedReaderSkipsNoSequence", func(t *testing.T) {
		// As ConcurrentUpdatesCommitInSeqOrder, for a pull reading by scope:
		// once the writers are done and it reached the end, it has seen every
		// item of its OPD.
		st := fresh(t)
		var wg sync.WaitGroup
		const writers, each = 4, 24
		errs := make(chan error, writers)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					if err := st.Update(ctx, func(tx server.Tx) error {
						seq, err := tx.NextSeq()
						if err != nil {
							return err
						}
						opd := []string{"o1", "o2"}[i%2]
						return tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "t", ID: fmt.Sprintf("%d-%d", w, i), Scope: []string{opd}, Data: json.RawMessage(`{}`)})
					}); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		writersDone := make(chan struct{})
		go func() { wg.Wait(); close(writersDone) }()
		seen := map[string]bool{}
		var last int64
		for finished := false; ; {
			select {
			case <-writersDone:
				finished = true
			default:
			}
			items, err := st.ScanScoped(ctx, last, 7, server.ScanScope{OPD: "o1", Device: "x"})
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range items {
				if it.Seq <= last || it.Scope[0] != "o1" {
					t.Fatalf("item %+v after %d", it, last)
				}
				seen[it.ID] = true
				last = it.Seq
			}
			if finished && len(items) < 7 {
				break
			}
		}
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if len(seen) != writers*each/2 {
			t.Fatalf("scoped reader saw %d of %d items: a sequence was skipped", len(seen), writers*each/2)
		}
	})

	t.Run("ConcurrentUpdatesSomeFailing", func(t *testing.T) {
		// A store may commit concurrent Updates together (group commit):
		// each failing one must still keep nothing, each successful one all.
		st := fresh(t)
		var wg sync.WaitGroup
		const writers, each = 6, 15
		var mu sync.Mutex
		want := map[string]bool{}
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					id := fmt.Sprintf("%d-%d", w, i)
					fail := (w+i)%3 == 0
					err := st.Update(ctx, func(tx server.Tx) error {
						for j := range 2 {
							seq, err := tx.NextSeq()
							if err != nil {
								return err
							}
							if err := tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "t", ID: fmt.Sprintf("%s/%d", id, j),
								Scope: []string{"o1"}, Data: json.RawMessage(`{}`), Index: map[string]string{"w": id}}); err != nil {
								return err
							}
						}
						if fail {
							return errors.New("boom")
						}
						return nil
					})
					if fail != (err != nil) {
						t.Errorf("update %s (fail=%v): %v", id, fail, err)
					}
					if !fail {
						mu.Lock()
						want[id+"/0"], want[id+"/1"] = true, true
						mu.Unlock()
					}
				}
			}()
		}
		wg.Wait()
		items, err := st.Scan(ctx, 0, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		scoped, err := st.ScanScoped(ctx, 0, 1<<20, server.ScanScope{OPD: "o1"})
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != len(want) || len(scoped) != len(want) {
			t.Fatalf("%d items, %d scoped, want %d", len(items), len(scoped), len(want))
		}
		var last int64
		for _, it := range items {
			if !want[it.ID] || it.Seq <= last {
				t.Fatalf("unexpected item %+v after seq %d", it, last)
			}
			last = it.Seq
		}
		if h, _ := st.Head(ctx); h < last {
			t.Fatalf("head %d below the last item %d", h, last)
		}
		st.Update(ctx, func(tx server.Tx) error {
			if l, err := tx.Lookup(server.ItemRow, "t", "w", "0-0"); err != nil || len(l) != 0 {
				t.Errorf("failed update's index entries kept: %+v, %v", l, err)
			}
			if l, err := tx.Lookup(server.ItemRow, "t", "w", "0-1"); err != nil || len(l) != 2 {
				t.Errorf("lookup = %+v, %v", l, err)
			}
			return nil
		})
	})
	t.Run("Blobs", func(t *testing.T) {
		st := fresh(t)
		bs, ok := st.(server.BlobStore)
		if !ok {
			t.Skip("store keeps no files")
		}
		runBlobs(t, bs)
	})
	t.Run("BulkEqualsOneByOne", func(t *testing.T) { runBulkEqualsOneByOne(t, fresh) })
	t.Run("LookupFollowsPutsInItsTransaction", func(t *testing.T) { runLookupFollowsPuts(t, fresh(t)) })
	t.Run("LookupItemsIsLookup", func(t *testing.T) {
		st := fresh(t)
		l, ok := st.(server.ItemLookup)
		if !ok {
			t.Skip("store has no LookupItems")
		}
		put(t, st, server.Item{Kind: server.ItemRow, Table: "dokumen_lampiran", ID: "a", Scope: []string{"o1"}, Data: json.RawMessage(`{"sha256":"x"}`),
			Index: map[string]string{"sha256": "x"}})
		put(t, st, server.Item{Kind: server.ItemRow, Table: "dokumen_lampiran", ID: "b", Deleted: true, Data: json.RawMessage(`{"sha256":"x"}`),
			Index: map[string]string{"sha256": "x"}})
		put(t, st, server.Item{Kind: server.ItemRow, Table: "dokumen_lampiran", ID: "c", Data: json.RawMessage(`{"sha256":"y"}`),
			Index: map[string]string{"sha256": "y"}})
		got, err := l.LookupItems(ctx, server.ItemRow, "dokumen_lampiran", "sha256", "x")
		if err != nil || len(got) != 2 || got[0].ID != "a" || got[1].ID != "b" || !got[1].Deleted || string(got[0].Data) != `{"sha256":"x"}` ||
			len(got[0].Scope) != 1 || got[0].Scope[0] != "o1" {
			t.Fatalf("LookupItems = %+v, %v", got, err)
		}
		if err := st.Update(ctx, func(tx server.Tx) error {
			want, err := tx.Lookup(server.ItemRow, "dokumen_lampiran", "sha256", "x")
			if err != nil || len(want) != len(got) {
				return fmt.Errorf("Lookup = %d items, %v", len(want), err)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	})
}

// runBulkEqualsOneByOne is the contract of set-wise writing: the same Puts
// (new items, items put twice, index, scope and kind changes, deletions)
// made in one Update, with Gets and Lookups between them that must see
// what was put before, leave the same state as each Put in its own Update.
func runBulkEqualsOneByOne(t *testing.T, fresh func(t *testing.T) server.Store) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 11))
	type op struct {
		it server.Item
	}
	var ops []op
	ids := make([]string, 300)
	for i := range ids {
		ids[i] = fmt.Sprintf("row-%03d", i)
	}
	scopes := [][]string{nil, {"o1"}, {"o2"}, {"o1", "o2"}, {server.ScopeAll}}
	for i := 0; i < 1500; i++ {
		id := ids[rng.IntN(len(ids))]
		var ix map[string]string
		if rng.IntN(3) > 0 {
			ix = map[string]string{"nip": fmt.Sprintf("n%d", rng.IntN(40))}
			if rng.IntN(2) == 0 {
				ix["unit"] = fmt.Sprintf("u%d", rng.IntN(5))
			}
		}
		it := server.Item{Kind: server.ItemRow, Table: "pegawai", ID: id, Scope: scopes[rng.IntN(len(scopes))], Deleted: rng.IntN(10) == 0,
			Data: json.RawMessage(fmt.Sprintf(`{"v":%d}`, i)), Meta: json.RawMessage(fmt.Sprintf(`{"s":%d}`, i)), Index: ix}
		if rng.IntN(4) == 0 {
			it.Former = scopes[rng.IntN(len(scopes))]
		}
		if rng.IntN(5) == 0 { // a disposition, addressed to a device
			it = server.Item{Kind: server.ItemDisposition, ID: fmt.Sprintf("ch-%d", i), Device: fmt.Sprintf("d%d", rng.IntN(3)),
				Data: json.RawMessage(`{}`), Index: map[string]string{"local_seq": fmt.Sprint(i)}}
		}
		ops = append(ops, op{it})
	}
	// check reads, inside the transaction, what the Puts so far must show.
	check := func(tx server.Tx, want map[string]server.Item) error {
		id := ids[rng.IntN(len(ids))]
		got, err := tx.Get(server.ItemRow, "pegawai", id)
		if err != nil {
			return err
		}
		w, ok := want[id]
		if (got != nil) != ok || (ok && (got.Seq != w.Seq || string(got.Data) != string(w.Data) || got.Deleted != w.Deleted)) {
			return fmt.Errorf("Get(%s) = %+v, want %+v", id, got, w)
		}
		nip := fmt.Sprintf("n%d", rng.IntN(40))
		l, err := tx.Lookup(server.ItemRow, "pegawai", "nip", nip)
		if err != nil {
			return err
		}
		var wantIDs, gotIDs []string
		for _, it := range want {
			if it.Index["nip"] == nip {
				wantIDs = append(wantIDs, it.ID)
			}
		}
		slices.Sort(wantIDs)
		for _, it := range l {
			gotIDs = append(gotIDs, it.ID)
		}
		if !slices.Equal(gotIDs, wantIDs) {
			return fmt.Errorf("Lookup(nip=%s) = %v, want %v", nip, gotIDs, wantIDs)
		}
		return nil
	}
	apply := func(tx server.Tx, o op, want map[string]server.Item) error {
		seq, err := tx.NextSeq()
		if err != nil {
			return err
		}
		it := o.it
		it.Seq = seq
		if err := tx.Put(&it); err != nil {
			return err
		}
		if it.Kind == server.ItemRow {
			want[it.ID] = it
		}
		return nil
	}
	bulk, single := fresh(t), fresh(t)
	want := map[string]server.Item{}
	if err := bulk.Update(ctx, func(tx server.Tx) error {
		for i, o := range ops {
			if err := apply(tx, o, want); err != nil {
				return err
			}
			if i%7 == 0 {
				if err := check(tx, want); err != nil {
					return err
				}
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want = map[string]server.Item{}
	for _, o := range ops {
		if err := single.Update(ctx, func(tx server.Tx) error { return apply(tx, o, want) }); err != nil {
			t.Fatal(err)
		}
	}
	// The state: every item in seq order (as a pull reads it), each
	// scope's scan, and each item's Get and index.
	state := func(st server.Store) string {
		var b strings.Builder
		items, err := st.Scan(ctx, 0, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			fmt.Fprintf(&b, "%d %s %s %s %s %v %v %v %s\n", it.Seq, it.Kind, it.Table, it.ID, it.Device, it.Scope, it.Former, it.Deleted, it.Data)
		}
		for _, sc := range []server.ScanScope{{All: true, Device: "d0"}, {OPD: "o1", Device: "d1"}, {OPD: "o2", Device: "d2"}, {Device: "d9"}} {
			its, err := st.ScanScoped(ctx, 0, 1<<20, sc)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "scope %+v:", sc)
			for _, it := range its {
				fmt.Fprintf(&b, " %d", it.Seq)
			}
			b.WriteString("\n")
		}
		if err := st.Update(ctx, func(tx server.Tx) error {
			for _, it := range items {
				g, err := tx.Get(it.Kind, it.Table, it.ID)
				if err != nil {
					return err
				}
				fmt.Fprintf(&b, "get %s %s %s\n", g.ID, g.Meta, server.IndexJSON(g.Index))
			}
			for n := range 40 {
				l, err := tx.Lookup(server.ItemRow, "pegawai", "nip", fmt.Sprintf("n%d", n))
				if err != nil {
					return err
				}
				fmt.Fprintf(&b, "nip n%d:", n)
				for _, it := range l {
					fmt.Fprintf(&b, " %s@%d", it.ID, it.Seq)
				}
				b.WriteString("\n")
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	sb, ss := state(bulk), state(single)
	if sb != ss {
		t.Fatalf("one Update and one Update per Put differ:\n--- bulk\n%s\n--- one by one\n%s", sb, ss)
	}
	if strings.Count(sb, "\n") < 300 {
		t.Fatalf("the state compared is too small to mean anything:\n%s", sb)
	}
}

// runLookupFollowsPuts: within one transaction, Lookups (asked before,
// prefetched, or asked after Puts of the same table) answer what the Puts
// left, as a model of every item's latest version says: the items whose
// index holds the value, at their latest seq. Enough Puts for a store that
// buffers them to write some mid-transaction; some items existed before.
func runLookupFollowsPuts(t *testing.T, st server.Store) {
	ctx := context.Background()
	type version struct {
		seq     int64
		index   map[string]string
		deleted bool
	}
	model := map[string]version{}
	r := rand.New(rand.NewPCG(3, 5))
	values := []string{"0", "1", "2", "3"}
	key := func() server.LookupKey {
		return server.LookupKey{Kind: server.ItemRow, Table: "t", Name: "k", Value: values[r.IntN(len(values))]}
	}
	check := func(tx server.Tx, lk server.LookupKey) error {
		l, err := tx.Lookup(lk.Kind, lk.Table, lk.Name, lk.Value)
		if err != nil {
			return err
		}
		var ids []string
		for id, v := range model {
			if v.index["k"] == lk.Value {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids) // Lookup's order
		var want []string
		for _, id := range ids {
			want = append(want, fmt.Sprintf("%s@%d/%v", id, model[id].seq, model[id].deleted))
		}
		var got []string
		for _, it := range l {
			got = append(got, fmt.Sprintf("%s@%d/%v", it.ID, it.Seq, it.Deleted))
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("Lookup(k=%s) = %v, want %v", lk.Value, got, want)
		}
		// The answer is the caller's to change.
		for _, it := range l {
			it.Seq, it.Index = -1, nil
		}
		return nil
	}
	for round := range 3 {
		if err := st.Update(ctx, func(tx server.Tx) error {
			if pf, ok := tx.(server.Prefetcher); ok && round > 0 {
				set := server.PrefetchSet{}
				for range 3 {
					set.Lookups = append(set.Lookups, key())
				}
				if err := pf.Prefetch(set); err != nil {
					return err
				}
			}
			for range 1500 {
				switch r.IntN(4) {
				case 0:
					if err := check(tx, key()); err != nil {
						return err
					}
				default:
					seq, err := tx.NextSeq()
					if err != nil {
						return err
					}
					id := fmt.Sprint(r.IntN(40))
					if r.IntN(3) == 0 {
						if _, err := tx.Get(server.ItemRow, "t", id); err != nil {
							return err
						}
					}
					it := server.Item{Seq: seq, Kind: server.ItemRow, Table: "t", ID: id, Deleted: r.IntN(6) == 0, Data: json.RawMessage(`{"v":1}`)}
					if r.IntN(5) > 0 {
						it.Index = map[string]string{"k": values[r.IntN(len(values))]}
						if r.IntN(3) == 0 {
							it.Index["n"] = values[r.IntN(len(values))]
						}
					}
					if err := tx.Put(&it); err != nil {
						return err
					}
					model[id] = version{seq: seq, index: it.Index, deleted: it.Deleted}
				}
			}
			for _, v := range values {
				if err := check(tx, server.LookupKey{Kind: server.ItemRow, Table: "t", Name: "k", Value: v}); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
	}
}
