package pgstore_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/loadtest"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
	"github.com/google/uuid"
)

func jabatan(n int) map[string]any {
	return map[string]any{"kode": fmt.Sprintf("J%d", n), "nama": fmt.Sprintf("Jabatan %d", n), "jenis": "PELAKSANA", "jenjang": "", "kelas": 7,
		"min_pendidikan": 40, "jurusan": "[]", "golongan_min": 0, "golongan_max": 0, "bup": 58}
}

// TestPushPullThroughHandlers: three servers (as three processes) on one
// database behind a round-robin; 6 devices push (new rows and edits of
// shared rows) while 3 devices pull in small pages. Every change gets exactly
// one disposition, and every puller, once at the head, has seen every entry
// of the final log it may see — no skipped sequence through the real
// push/pull code.
func TestPushPullThroughHandlers(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dbURL := pgtest.NewDatabase(t)
	var targets []*url.URL
	var first *server.Server
	var firstStore *pgstore.Store
	for range 3 {
		st, err := pgstore.Open(ctx, dbURL)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		srv, err := server.New(st, server.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		t.Cleanup(ts.Close)
		u, _ := url.Parse(ts.URL)
		targets = append(targets, u)
		if first == nil {
			first, firstStore = srv, st
		}
	}
	hc := &http.Client{Transport: &loadtest.RoundRobin{Targets: targets}, Timeout: time.Minute}
	device := func() *loadtest.Client {
		_, tok, err := first.AddDevice(ctx, "", true)
		if err != nil {
			t.Fatal(err)
		}
		return loadtest.NewClient("http://lb", tok, hc)
	}
	hot := make([]string, 4)
	for i := range hot {
		hot[i] = uuid.NewString()
	}
	const pushers, pushes, pullers = 6, 12, 3
	var wg sync.WaitGroup
	errs := make(chan error, pushers+pullers)
	changeIDs := make([]map[string]bool, pushers)
	pushClients := make([]*loadtest.Client, pushers)
	for p := range pushers {
		c := device()
		pushClients[p] = c
		changeIDs[p] = map[string]bool{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range pushes {
				var chs []protocol.Change
				for j := range 1 + i%3 {
					id, op := uuid.NewString(), protocol.OpInsert
					if j == 1 {
						id, op = hot[(p+i)%len(hot)], protocol.OpInsert // concurrent inserts/edits of shared rows
					}
					chs = append(chs, c.Change("jabatan", id, op, jabatan(p*1000+i*10+j), 0))
				}
				resp, err := c.Push(ctx, chs)
				if err != nil {
					errs <- fmt.Errorf("pusher %d: %w", p, err)
					return
				}
				if len(resp.Dispositions) != len(chs) {
					errs <- fmt.Errorf("pusher %d: %d dispositions for %d changes", p, len(resp.Dispositions), len(chs))
					return
				}
				for k, d := range resp.Dispositions {
					if d.ChangeID != chs[k].ChangeID || (d.Status != protocol.StatusApplied && d.Status != protocol.StatusSuperseded) {
						errs <- fmt.Errorf("pusher %d: disposition %+v for %s", p, d, chs[k].ChangeID)
						return
					}
					changeIDs[p][d.ChangeID] = true
				}
			}
		}()
	}
	var stop atomic.Bool
	pullClients := make([]*loadtest.Client, pullers)
	seen := make([]map[int64]bool, pullers)
	var pw sync.WaitGroup
	for p := range pullers {
		c := device()
		pullClients[p] = c
		seen[p] = map[int64]bool{}
		pw.Add(1)
		go func() {
			defer pw.Done()
			var last int64
			for {
				finished := stop.Load()
				resp, err := c.PullPage(ctx, 2048)
				if err != nil {
					errs <- fmt.Errorf("puller %d: %w", p, err)
					return
				}
				for _, e := range resp.Entries {
					if e.Seq <= last {
						errs <- fmt.Errorf("puller %d: seq %d after %d", p, e.Seq, last)
						return
					}
					last = e.Seq
					seen[p][e.Seq] = true
				}
				if finished && !resp.HasMore {
					return
				}
			}
		}()
	}
	wg.Wait()
	stop.Store(true)
	pw.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	final, err := firstStore.Scan(ctx, 0, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for p := range pullers {
		for _, it := range final {
			if it.Kind == server.ItemDisposition {
				continue // addressed to the pushers
			}
			if p == 0 {
				rows++
			}
			if !seen[p][it.Seq] {
				t.Fatalf("puller %d never saw seq %d (%s %s/%s)", p, it.Seq, it.Kind, it.Table, it.ID)
			}
		}
	}
	// Exactly one disposition per change, delivered to its device by pull too.
	for p, c := range pushClients {
		got := map[string]int{}
		if _, err := c.PullAll(ctx, 64<<10, func(e protocol.Entry) {
			if e.Kind == protocol.KindDisposition {
				got[e.Disposition.ChangeID]++
			}
		}); err != nil {
			t.Fatal(err)
		}
		for id := range changeIDs[p] {
			if got[id] != 1 {
				t.Fatalf("pusher %d: change %s has %d dispositions in the pull stream", p, id, got[id])
			}
		}
		if len(got) != len(changeIDs[p]) {
			t.Fatalf("pusher %d: %d dispositions pulled for %d changes", p, len(got), len(changeIDs[p]))
		}
	}
	t.Logf("%d log items (%d rows/conflicts), %d changes pushed through 3 servers", len(final), rows, pushers*pushes*2)
}
