package backup_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/backup"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// The crash test re-executes this test binary as a writer (TestMain sees
// crashWriterEnv) and kills it with SIGKILL at random moments.
const crashWriterEnv = "IMBANG_CRASH_WRITER_DIR"

func TestMain(m *testing.M) {
	if dir := os.Getenv(crashWriterEnv); dir != "" {
		crashWriter(dir)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// crashWriter commits writes through the store's write path in a loop and
// prints each committed key after its commit returned: single settings, and
// every fifth transaction a batch of 40 (so kills land inside long
// transactions too); every 25th round it makes a backup.
func crashWriter(dir string) {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{Dir: dir})
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(3)
	}
	fmt.Println("OPEN")
	for round := 0; ; round++ {
		n := 1
		if round%5 == 4 {
			n = 40
		}
		keys := make([]string, n)
		err := st.Write(ctx, "crash", func(tx *store.Tx) error {
			for i := range keys {
				id := store.NewID()
				keys[i] = "crash-" + id
				if err := tx.Insert(store.TableSetting, id, keys[i], fmt.Sprintf(`{"round":%d}`, round)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "write:", err)
			os.Exit(4)
		}
		// One write(2) per transaction: the parent sees all its keys or none.
		os.Stdout.WriteString("C " + strings.Join(keys, " ") + "\n")
		if round%25 == 24 {
			if _, err := backup.Create(ctx, st.DB(), dir, backup.CreateOptions{Reason: backup.ReasonManual}); err != nil {
				fmt.Fprintln(os.Stderr, "backup:", err)
				os.Exit(5)
			}
		}
	}
}

// TestKillDuringWritesLosesNothingCommitted kills a writing process with
// SIGKILL at least 100 times; after each kill the database opens, passes its
// integrity check, and holds every key the writer reported committed, each
// with its outbox entry.
func TestKillDuringWritesLosesNothingCommitted(t *testing.T) {
	kills := 100
	if testing.Short() {
		kills = 20
	}
	exe, err := os.Executable()
	must(t, err)
	dir := t.TempDir()
	committed := map[string]bool{}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	start := time.Now()
	var opened, midWrite int
	for k := 0; k < kills; k++ {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), crashWriterEnv+"="+dir)
		out, err := cmd.StdoutPipe()
		must(t, err)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		must(t, cmd.Start())
		var (
			mu    sync.Mutex
			keys  []string
			open  bool
			done  = make(chan struct{})
			wrote = make(chan struct{})
		)
		go func() {
			defer close(done)
			sc := bufio.NewScanner(out)
			sc.Buffer(make([]byte, 1<<20), 1<<20)
			for sc.Scan() {
				line := sc.Text()
				mu.Lock()
				if line == "OPEN" {
					open = true
				} else if rest, ok := strings.CutPrefix(line, "C "); ok {
					if len(keys) == 0 {
						close(wrote)
					}
					keys = append(keys, strings.Fields(rest)...)
				}
				mu.Unlock()
			}
		}()
		// A random moment: one run in six while the store may still be
		// opening, the others 0–100 ms after the writer's first commit (so
		// on a loaded machine too the kill lands among the writes).
		if rng.IntN(6) == 0 {
			time.Sleep(time.Duration(rng.IntN(60)) * time.Millisecond)
		} else {
			select {
			case <-wrote:
			case <-time.After(20 * time.Second):
				t.Fatalf("run %d: the writer did not commit", k)
			}
			time.Sleep(time.Duration(rng.IntN(100)) * time.Millisecond)
		}
		must(t, cmd.Process.Signal(syscall.SIGKILL))
		<-done
		werr := cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("kill %d: the writer ended by itself (%v): %s", k, werr, stderr.String())
		}
		mu.Lock()
		for _, key := range keys {
			committed[key] = true
		}
		if open {
			opened++
		}
		if len(keys) > 0 {
			midWrite++
		}
		mu.Unlock()

		st, err := store.Open(context.Background(), store.Options{Dir: dir})
		if err != nil {
			t.Fatalf("after kill %d the database does not open: %v", k, err)
		}
		var have, outbox int
		db := st.DB()
		must(t, db.QueryRow("SELECT count(*) FROM setting WHERE kunci LIKE 'crash-%'").Scan(&have))
		must(t, db.QueryRow("SELECT count(*) FROM outbox o JOIN setting s ON s.id = o.row_id AND o.tbl = 'setting' AND o.op = 'insert' WHERE s.kunci LIKE 'crash-%'").Scan(&outbox))
		if have < len(committed) || outbox != have {
			t.Fatalf("after kill %d: %d rows (%d with outbox) but %d reported committed", k, have, outbox, len(committed))
		}
		// Every reported key by name, on the last kill and every tenth.
		if k%10 == 0 || k == kills-1 {
			rows, err := db.Query("SELECT kunci FROM setting WHERE kunci LIKE 'crash-%'")
			must(t, err)
			present := map[string]bool{}
			for rows.Next() {
				var s string
				must(t, rows.Scan(&s))
				present[s] = true
			}
			rows.Close()
			for key := range committed {
				if !present[key] {
					t.Fatalf("after kill %d: committed %s is missing", k, key)
				}
			}
		}
		// An interrupted backup is never listed as a finished one.
		l, err := backup.List(dir)
		must(t, err)
		for _, in := range l {
			if fi, err := os.Stat(in.Path); err != nil || (!in.NoManifest && fi.Size() != in.Size) {
				t.Fatalf("after kill %d: backup %s is listed but incomplete", k, in.File)
			}
		}
		must(t, st.Close())
	}
	if len(committed) == 0 || midWrite < kills/2 {
		t.Fatalf("the kills did not land during writes: %d committed keys, %d of %d runs wrote", len(committed), midWrite, kills)
	}
	t.Logf("%d kills in %v: %d runs opened the store, %d wrote; %d committed keys all present", kills, time.Since(start).Round(time.Millisecond), opened, midWrite, len(committed))
}
