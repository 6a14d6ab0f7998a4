package sqlitestore_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
)

// TestGroupedFailuresKeepNothing: grouped Updates buffer their device,
// meta and item writes and write them after the function returns; one that
// fails, before or after it had to write (a full buffer, a skew record),
// must leave nothing, and the others all.
func TestGroupedFailuresKeepNothing(t *testing.T) {
	ctx := context.Background()
	st, err := sqlitestore.Open(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const writers, each = 6, 12
	var wg sync.WaitGroup
	var mu sync.Mutex
	lastOK := map[int]int{}
	items := 0
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 1; i <= each; i++ {
				fail := (w+i)%3 == 0
				big := i%4 == 0 // more Puts than the buffer holds: written during the function
				n := 2
				if big {
					n = 600
				}
				mu.Lock()
				want := lastOK[w]
				mu.Unlock()
				err := st.Update(ctx, func(tx server.Tx) error {
					d, err := tx.Device(fmt.Sprint("d", w))
					if err != nil && !errors.Is(err, server.ErrNotFound) {
						return err
					}
					if err == nil && d.LastLocalSeq != int64(want) {
						return fmt.Errorf("device %d at %d, want %d", w, d.LastLocalSeq, want)
					}
					if v, err := tx.Meta(fmt.Sprint("m", w)); err != nil || v != strconv.Itoa(want) && (v != "" || want != 0) {
						return fmt.Errorf("meta %d = %q, %v; want %d", w, v, err, want)
					}
					d = server.Device{ID: fmt.Sprint("d", w), TokenHash: fmt.Sprint("h", w), LastLocalSeq: int64(i)}
					if err := tx.PutDevice(d); err != nil {
						return err
					}
					if got, err := tx.Device(d.ID); err != nil || got.LastLocalSeq != int64(i) {
						return fmt.Errorf("own device write not read back: %+v, %v", got, err)
					}
					if err := tx.SetMeta(fmt.Sprint("m", w), strconv.Itoa(i)); err != nil {
						return err
					}
					if v, err := tx.Meta(fmt.Sprint("m", w)); err != nil || v != strconv.Itoa(i) {
						return fmt.Errorf("own meta write not read back: %q, %v", v, err)
					}
					if i%5 == 0 {
						if err := tx.AddSkew(server.Skew{DeviceID: d.ID, Stamp: strconv.Itoa(i)}); err != nil {
							return err
						}
					}
					for j := range n {
						seq, err := tx.NextSeq()
						if err != nil {
							return err
						}
						if err := tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "t", ID: fmt.Sprintf("%d-%d/%d", w, i, j),
							Scope: []string{"o1"}, Data: json.RawMessage(`{}`), Index: map[string]string{"w": strconv.Itoa(w)}}); err != nil {
							return err
						}
					}
					if fail {
						return errors.New("boom")
					}
					return nil
				})
				if fail != (err != nil) {
					t.Errorf("update %d/%d (fail=%v): %v", w, i, fail, err)
				}
				if !fail && err == nil {
					mu.Lock()
					lastOK[w] = i
					items += n
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	all, err := st.Scan(ctx, 0, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != items {
		t.Fatalf("%d items, want %d", len(all), items)
	}
	for _, it := range all {
		var w, i int
		fmt.Sscanf(strings.Split(it.ID, "/")[0], "%d-%d", &w, &i)
		if (w+i)%3 == 0 {
			t.Fatalf("item %s of a failed update kept", it.ID)
		}
	}
	for w := range writers {
		d, err := st.DeviceByID(ctx, fmt.Sprint("d", w))
		if err != nil || d.LastLocalSeq != int64(lastOK[w]) {
			t.Errorf("device %d = %+v, %v; want last_local_seq %d", w, d, err, lastOK[w])
		}
	}
	skews, err := st.Skews(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range skews {
		i, _ := strconv.Atoi(k.Stamp)
		var w int
		fmt.Sscanf(k.DeviceID, "d%d", &w)
		if (w+i)%3 == 0 {
			t.Errorf("skew of a failed update kept: %+v", k)
		}
	}
}

// TestWALStaysBounded: with pulls reading all the time, the WAL still
// starts over (the writer's RESTART between groups) instead of growing
// with every commit.
func TestWALStaysBounded(t *testing.T) {
	defer sqlitestore.SetWALRestartForTest(250)() // 1 MB
	// The WAL's length is learned every ckptEvery: at this test's write
	// rate (~10 MB in under a second here) 500 ms of commits would be most
	// of it, so the interval is scaled down with the threshold.
	defer sqlitestore.SetCheckpointEveryForTest(5 * time.Millisecond)()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	st, err := sqlitestore.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				st.Scan(ctx, 0, 50)
			}
		}()
	}
	data := json.RawMessage(`{"x":"` + strings.Repeat("a", 1500) + `"}`)
	const commits, perCommit = 120, 40
	for c := range commits {
		err := st.Update(ctx, func(tx server.Tx) error {
			for j := range perCommit {
				seq, err := tx.NextSeq()
				if err != nil {
					return err
				}
				if err := tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "t", ID: fmt.Sprintf("%d/%d", c, j),
					Scope: []string{"o1"}, Data: data}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	fi, err := os.Stat(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	db, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	// Written: ~10 MB of frames; bound: the restart threshold (1 MB) and a
	// few commits.
	if fi.Size() > 4<<20 {
		t.Fatalf("WAL %d MB (database %d MB): it did not start over", fi.Size()>>20, db.Size()>>20)
	}
	t.Logf("WAL %.1f MB, database %.1f MB", float64(fi.Size())/(1<<20), float64(db.Size())/(1<<20))
}

// TestFailedFlushFailsItsUpdateAlone: a full buffer is written during the
// function; when one of its statements fails, the update that wrote it
// fails and keeps nothing, whether the function wrote more after it or
// returned at once, and the updates grouped with it keep everything.
func TestFailedFlushFailsItsUpdateAlone(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	st, err := sqlitestore.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	execRaw(t, path, `CREATE TRIGGER refuse BEFORE INSERT ON items WHEN NEW.id LIKE 'refused%' BEGIN SELECT RAISE(ABORT, 'refused'); END`)
	if st, err = sqlitestore.Open(path); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// n Puts, the refused one among the first 512 (the buffer's size):
	// 512 ends the function with that flush; 600 writes on after it.
	cases := []struct {
		name    string
		n       int
		refused bool
	}{{"a", 512, true}, {"b", 600, true}, {"c", 600, false}, {"d", 512, false}, {"e", 3, false}}
	var wg sync.WaitGroup
	errs := make([]error, len(cases))
	for round := range 3 {
		for ci, c := range cases {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[ci] = st.Update(ctx, func(tx server.Tx) error {
					for j := range c.n {
						seq, err := tx.NextSeq()
						if err != nil {
							return err
						}
						id := fmt.Sprintf("%s%d-%d", c.name, round, j)
						if c.refused && j == 100 {
							id = "refused-" + id
						}
						if err := tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "t", ID: id, Scope: []string{"o1"},
							Data: json.RawMessage(`{}`)}); err != nil {
							return err
						}
					}
					return nil
				})
			}()
		}
		wg.Wait()
		for ci, c := range cases {
			if c.refused != (errs[ci] != nil) {
				t.Errorf("round %d, update %s (refused=%v): %v", round, c.name, c.refused, errs[ci])
			}
		}
	}
	all, err := st.Scan(ctx, 0, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	kept := map[byte]int{}
	for _, it := range all {
		kept[it.ID[0]]++
	}
	for _, c := range cases {
		want := 3 * c.n
		if c.refused {
			want = 0
		}
		if kept[c.name[0]] != want {
			t.Errorf("update %s: %d items kept, want %d", c.name, kept[c.name[0]], want)
		}
	}
}
