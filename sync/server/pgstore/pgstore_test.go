package pgstore_test

import (
	"context"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
	"github.com/bkpsdm-sorong/imbang/sync/server/storetest"
)

func open(t *testing.T) *pgstore.Store {
	t.Helper()
	st, err := pgstore.Open(context.Background(), pgtest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestContract runs the Store contract suite (the same one as the SQLite store).
func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) server.Store { return open(t) })
}
