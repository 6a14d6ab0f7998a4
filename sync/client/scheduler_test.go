package client_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"github.com/bkpsdm-sorong/imbang/sync/client"
)

// The scheduler runs a session on Trigger, publishes syncing → done with
// the counters and last success, and stays idle while not set up.
func TestSchedulerRunsOnTriggerAndPublishes(t *testing.T) {
	w := newWorld(t)
	_, kode := w.anEmployee()
	_, tok, err := w.srv.AddDevice(ctx, kode, false)
	if err != nil {
		t.Fatal(err)
	}
	st := storetest.Open(t, "", nil)
	var mu sync.Mutex
	var seen []client.Status
	s := client.NewScheduler(st, client.Options{RetryMax: -1}, func(x client.Status) {
		mu.Lock()
		seen = append(seen, x)
		mu.Unlock()
	})
	if got := s.Status(ctx); got.Configured {
		t.Fatal("configured without settings")
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { s.Run(runCtx); close(done) }()
	if err := st.SetSyncMeta(ctx, map[string]string{store.MetaSyncServerURL: w.ts.URL, store.MetaSyncToken: tok, store.MetaSyncInterval: "0"}); err != nil {
		t.Fatal(err)
	}
	s.Trigger()
	deadline := time.Now().Add(60 * time.Second)
	for {
		st := s.Status(ctx)
		if st.LastSuccess != "" && !st.Syncing {
			if !st.Online || st.DataAsOf == "" || st.Error != nil {
				t.Fatalf("status %+v", st)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no session after Trigger: %+v", st)
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	<-done
	mu.Lock()
	defer mu.Unlock()
	syncing := false
	for _, x := range seen {
		syncing = syncing || x.Syncing
	}
	if !syncing || seen[len(seen)-1].Syncing {
		t.Fatalf("published %d statuses; syncing seen %v", len(seen), syncing)
	}
}
