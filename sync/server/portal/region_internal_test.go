package portal

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
)

// The first request builds the region view; once it is stale, the request
// that notices gets the old view at once and a refresh runs in the
// background, which later requests then see.
func TestRegionRefreshesInTheBackground(t *testing.T) {
	ctx := context.Background()
	st, err := sqlitestore.Open(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := server.New(st, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(srv, Config{})
	if err != nil {
		t.Fatal(err)
	}
	first, err := p.region(ctx)
	if err != nil || first == nil {
		t.Fatal(err)
	}
	if again, _ := p.region(ctx); again != first {
		t.Fatal("a fresh view was rebuilt")
	}
	p.reg.mu.Lock()
	stale := *first
	stale.built = time.Now().Add(-2 * regionTTL)
	p.reg.cur = &stale
	p.reg.mu.Unlock()
	got, err := p.region(ctx)
	if err != nil || got != &stale {
		t.Fatalf("the stale view was not served while refreshing: %v", err)
	}
	for {
		p.reg.mu.Lock()
		building, cur := p.reg.building, p.reg.cur
		p.reg.mu.Unlock()
		if !building {
			if cur == &stale || time.Since(cur.built) > regionTTL {
				t.Fatal("the refresh did not replace the stale view")
			}
			break
		}
		runtime.Gosched()
	}
}
