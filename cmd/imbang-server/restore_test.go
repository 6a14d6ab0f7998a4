package main

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
)

// TestRestoreNewEpochClientsRepush, on both stores: `imbang-server backup`,
// a change synced after it, `imbang-server restore` → a new epoch; the
// desktop notices, pushes its retained change again, and a device that
// joins afterwards receives it.
func TestRestoreNewEpochClientsRepush(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			db := filepath.Join(dir, "s.db")
			if backend == "postgres" {
				db = pgtest.NewDatabase(t)
			}
			serveOnce := func() (*httptest.Server, *server.Server, func()) {
				st, srv, err := openServer(db, server.Options{})
				if err != nil {
					t.Fatal(err)
				}
				ts := httptest.NewServer(srv.Handler())
				return ts, srv, func() { ts.Close(); st.Close() }
			}
			ts, srv, stop := serveOnce()
			_, tok, err := srv.AddDevice(ctx, "", true)
			if err != nil {
				t.Fatal(err)
			}
			a := storetest.Open(t, "", nil)
			b, err := demo.Bundle(50, 3)
			if err != nil {
				t.Fatal(err)
			}
			if err := a.ImportBundle(ctx, "test", b); err != nil {
				t.Fatal(err)
			}
			syncA := func(url string) client.Summary {
				t.Helper()
				sum, err := client.New(a, client.Options{ServerURL: url, Token: tok, RetryMax: -1}).Sync(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return sum
			}
			syncA(ts.URL)
			stop()
			epoch1, _ := a.SyncMeta(ctx, store.MetaSyncEpoch)
			bk := filepath.Join(dir, "backup")
			if _, errs, code := cli(t, "--db", db, "backup", "--out", bk); code != 0 {
				t.Fatal(errs)
			}
			ts, _, stop = serveOnce()
			var id string
			if err := a.DB().QueryRow("SELECT id FROM pegawai ORDER BY id LIMIT 1").Scan(&id); err != nil {
				t.Fatal(err)
			}
			p, _ := a.Pegawai(ctx, id)
			p.Nama = "Setelah Cadangan"
			if err := a.SavePegawai(ctx, "admin", p, false, store.NewID()); err != nil {
				t.Fatal(err)
			}
			syncA(ts.URL)
			stop()
			out, errs, code := cli(t, "--db", db, "restore", "--from", bk)
			if code != 0 {
				t.Fatal(errs)
			}
			if ep := field(out, "epoch"); ep == "" || ep == epoch1 {
				t.Fatalf("restore kept the epoch %q", ep)
			}
			ts, srv, stop = serveOnce()
			defer stop()
			sum := syncA(ts.URL)
			if sum.Pushed == 0 || sum.Pending != 0 { // the retained changes went again
				t.Fatalf("after restore: %+v", sum)
			}
			if ep, _ := a.SyncMeta(ctx, store.MetaSyncEpoch); ep == epoch1 {
				t.Fatal("the desktop kept the old epoch")
			}
			_, tok2, _ := srv.AddDevice(ctx, "", true)
			c := storetest.Open(t, "", nil)
			if _, err := client.New(c, client.Options{ServerURL: ts.URL, Token: tok2, RetryMax: -1}).Sync(ctx); err != nil {
				t.Fatal(err)
			}
			if got, err := c.Pegawai(ctx, id); err != nil || got.Nama != "Setelah Cadangan" {
				t.Fatalf("re-pushed change not on the server: %q %v", got.Nama, err)
			}
		})
	}
}
