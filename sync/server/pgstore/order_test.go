package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
)

// pushPull runs writers (spread over stores, as over several server
// processes) and pullers at once, then checks that every puller saw seqs in
// increasing order and, once at the head, had seen every seq of the final
// log: a puller that skipped a sequence number misses an item forever.
func pushPull(t *testing.T, stores []*Store, writers, perWriter, pullers int, hot bool) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var done atomic.Bool
	var wg sync.WaitGroup
	werr := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := stores[w%len(stores)]
			r := rand.New(rand.NewPCG(uint64(w), 7))
			for i := range perWriter {
				err := st.Update(ctx, func(tx server.Tx) error {
					n := 1 + r.IntN(3)
					for j := range n {
						seq, err := tx.NextSeq()
						if err != nil {
							return err
						}
						id := fmt.Sprintf("w%d-%d-%d", w, i, j)
						if hot && r.IntN(3) == 0 {
							id = fmt.Sprintf("hot-%d", r.IntN(5)) // replaced: its seq moves up
						}
						if err := tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "t", ID: id,
							Scope: []string{server.ScopeAll}, Data: json.RawMessage(`{"w":1}`), Index: map[string]string{"w": fmt.Sprint(w)}}); err != nil {
							return err
						}
						// Widen the window between allocation and commit.
						time.Sleep(time.Duration(r.IntN(1500)) * time.Microsecond)
					}
					return nil
				})
				if err != nil {
					werr <- err
					return
				}
			}
		}()
	}
	type seen struct {
		seqs map[int64]bool
		err  error
	}
	res := make([]seen, pullers)
	var pw sync.WaitGroup
	for p := range pullers {
		pw.Add(1)
		go func() {
			defer pw.Done()
			st := stores[p%len(stores)]
			s := seen{seqs: map[int64]bool{}}
			defer func() { res[p] = s }()
			var cursor int64
			for {
				finished := done.Load() // read before the scan: a scan after it sees everything
				items, err := st.Scan(ctx, cursor, 7)
				if err != nil {
					s.err = err
					return
				}
				for _, it := range items {
					if it.Seq <= cursor {
						s.err = fmt.Errorf("puller %d: seq %d after %d", p, it.Seq, cursor)
						return
					}
					cursor = it.Seq
					s.seqs[it.Seq] = true
				}
				if finished && len(items) == 0 {
					return
				}
			}
		}()
	}
	wg.Wait()
	done.Store(true)
	pw.Wait()
	close(werr)
	for err := range werr {
		t.Fatal(err)
	}
	final, err := stores[0].Scan(ctx, 0, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	if len(final) == 0 {
		t.Fatal("nothing written")
	}
	for p, s := range res {
		if s.err != nil {
			return s.err
		}
		for _, it := range final {
			if !s.seqs[it.Seq] {
				return fmt.Errorf("puller %d skipped seq %d (%s), which is in the final log of %d items", p, it.Seq, it.ID, len(final))
			}
		}
	}
	return nil
}

func openN(t *testing.T, url string, n int) []*Store {
	var out []*Store
	for range n {
		st, err := Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		out = append(out, st)
	}
	return out
}

// TestNoPullerSkipsASequence: 12 writers on three pools (three "processes")
// and 4 pullers; no puller misses any item of the final log.
func TestNoPullerSkipsASequence(t *testing.T) {
	stores := openN(t, pgtest.NewDatabase(t), 3)
	if err := pushPull(t, stores, 12, 15, 4, true); err != nil {
		t.Fatal(err)
	}
	if h, _ := stores[1].Head(context.Background()); h == 0 {
		t.Fatal("head is 0")
	}
}

// TestBigserialTrapIsCaught shows the test above has teeth: with numbers
// from a sequence and no counter lock (the bigserial trap), pullers skip.
func TestBigserialTrapIsCaught(t *testing.T) {
	url := pgtest.NewDatabase(t)
	stores := openN(t, url, 3)
	if _, err := stores[0].pool.Exec(context.Background(), `CREATE SEQUENCE pgstore_trap_seq`); err != nil {
		t.Fatal(err)
	}
	for _, s := range stores {
		s.trap = true
	}
	for attempt := range 5 {
		if err := pushPull(t, stores, 12, 15, 4, false); err != nil {
			t.Logf("caught on attempt %d: %v", attempt+1, err)
			return
		}
	}
	t.Fatal("the bigserial variant was not caught: the concurrency test has no teeth")
}
