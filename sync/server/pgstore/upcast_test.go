package pgstore_test

import (
	"context"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
	"github.com/bkpsdm-sorong/imbang/sync/server/storetest"
	"github.com/jackc/pgx/v5"
)

// TestStoredRowsUpcastOnOpen: a database an older server wrote is brought
// to the current sync schema on Open (storetest.UpcastOnOpen).
func TestStoredRowsUpcastOnOpen(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	open := func() server.Store {
		st, err := pgstore.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	forget := func() {
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DELETE FROM meta WHERE key = 'stored_schema'`); err != nil {
			t.Fatal(err)
		}
	}
	storetest.UpcastOnOpen(t, open, forget)
}
