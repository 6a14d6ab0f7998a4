package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/loadtest"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
)

// freeAddr is a loopback address no socket holds now. Fixed ports (38420…)
// sit in Linux's ephemeral range, where the suite's own PostgreSQL
// connections take their local ports: one held 38420 during a CI run.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// mpServer is one `imbang-server serve` process.
type mpServer struct {
	bin, db, addr, logPath string
	cmd                    *exec.Cmd
	exited                 chan struct{} // closed when cmd has been waited for
}

func (s *mpServer) start(t *testing.T) {
	t.Helper()
	logf, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	s.cmd = exec.Command(s.bin, "serve", "--http", "--rate", "0", "--db", s.db, "--listen", s.addr)
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s.exited = make(chan struct{})
	go func(c *exec.Cmd, f *os.File, done chan struct{}) { c.Wait(); f.Close(); close(done) }(s.cmd, logf, s.exited)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get("http://" + s.addr + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("server %s did not come up; log:\n%s", s.addr, tail(s.logPath))
}

func (s *mpServer) kill() {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Signal(syscall.SIGKILL)
		select {
		case <-s.exited:
		case <-time.After(5 * time.Second):
		}
	}
}

func tail(path string) string {
	b, _ := os.ReadFile(path)
	if len(b) > 3000 {
		b = b[len(b)-3000:]
	}
	return string(b)
}

// mpDevice is a desktop: its own SQLite store and the real sync client.
type mpDevice struct {
	name    string
	st      *store.Store
	cl      *client.Client
	bkpsdm  bool
	opdID   string
	install string
}

// mpWrite is one recorded local edit (read back from the outbox).
type mpWrite struct {
	dev, changeID, row, col, val, hlc, install string
}

// TestThreeProcessesOnePostgres: three imbang-server processes on one
// PostgreSQL database behind a round-robin proxy; five desktops (two BKPSDM,
// two of one OPD, one of another) edit and sync concurrently through the
// real client code; one process is killed with SIGKILL in the middle and
// restarted. After quiescence, black-box: every device holds exactly the
// rows the server gives it (convergence), every edited column holds the
// last-writer-wins winner (no acknowledged write lost), every change has
// exactly one disposition, and a puller that ran throughout never skipped a
// sequence.
func TestThreeProcessesOnePostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs three server processes")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dbURL := pgtest.NewDatabase(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "imbang-server")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}

	// Devices are registered in the database before the servers start.
	admin, err := pgstore.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	reg, err := server.New(admin, server.Options{})
	if err != nil {
		t.Fatal(err)
	}

	servers := make([]*mpServer, 3)
	for i := range servers {
		servers[i] = &mpServer{bin: bin, db: dbURL, addr: freeAddr(t), logPath: filepath.Join(dir, fmt.Sprintf("server%d.log", i))}
		servers[i].start(t)
		defer servers[i].kill()
	}
	defer func() {
		if t.Failed() {
			for _, s := range servers {
				t.Logf("log of %s:\n%s", s.addr, tail(s.logPath))
			}
		}
	}()

	// The round-robin proxy: a dead backend answers 502, which the client retries.
	var next atomic.Uint64
	var proxied, bad atomic.Int64
	proxy := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			s := servers[next.Add(1)%uint64(len(servers))]
			r.SetURL(&url.URL{Scheme: "http", Host: s.addr})
			proxied.Add(1)
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			bad.Add(1)
			w.WriteHeader(http.StatusBadGateway)
		},
		ErrorLog: nil,
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ps := &http.Server{Handler: proxy, ErrorLog: nil}
	go ps.Serve(ln)
	defer ps.Close()
	proxyURL := "http://" + ln.Addr().String()

	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	newDevice := func(name, opdKode string) *mpDevice {
		_, tok, err := reg.AddDevice(ctx, opdKode, opdKode == "")
		if err != nil {
			t.Fatal(err)
		}
		st, err := store.Open(ctx, store.Options{Dir: filepath.Join(dir, name), Log: discard})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		cl := client.New(st, client.Options{ServerURL: proxyURL, Token: tok, RetryMax: 8, Log: discard,
			Backoff: func(n int) time.Duration { return time.Duration(10*n) * time.Millisecond }, RequestTimeout: 30 * time.Second})
		d := &mpDevice{name: name, st: st, cl: cl, bkpsdm: opdKode == ""}
		st.DB().QueryRow(`SELECT value FROM meta WHERE key = 'device_id'`).Scan(&d.install)
		return d
	}
	syncQuiet := func(d *mpDevice) error {
		for range 30 {
			s, err := d.cl.Sync(ctx)
			if err != nil {
				return err
			}
			if s.Pending == 0 && s.Pushed == 0 && s.Pulled == 0 {
				return nil
			}
		}
		return fmt.Errorf("%s: sync did not become quiet", d.name)
	}

	// Seed: a BKPSDM desktop loads a small demo region and uploads it.
	seeder := newDevice("bk1", "")
	bundle, err := demo.Bundle(100, 7)
	if err != nil {
		t.Fatal(err)
	}
	if err := seeder.st.ImportBundle(ctx, "seed", bundle); err != nil {
		t.Fatal(err)
	}
	if err := syncQuiet(seeder); err != nil {
		t.Fatal(err)
	}
	// Two OPDs that have employees.
	type opd struct{ id, kode string }
	var opds []opd
	rows, err := seeder.st.DB().Query(`SELECT o.id, o.kode FROM opd o WHERE (SELECT count(*) FROM pegawai p WHERE p.opd_id = o.id) >= 3 ORDER BY o.kode LIMIT 2`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var o opd
		rows.Scan(&o.id, &o.kode)
		opds = append(opds, o)
	}
	rows.Close()
	if len(opds) < 2 {
		t.Fatalf("demo region has %d OPDs with employees", len(opds))
	}
	devs := []*mpDevice{seeder, newDevice("bk2", ""), newDevice("a1", opds[0].kode), newDevice("a2", opds[0].kode), newDevice("b1", opds[1].kode)}
	devs[2].opdID, devs[3].opdID, devs[4].opdID = opds[0].id, opds[0].id, opds[1].id
	for _, d := range devs[1:] {
		if err := syncQuiet(d); err != nil {
			t.Fatal(err)
		}
	}
	// The employees everyone edits: a few of each OPD (BKPSDM devices edit
	// both, so edits of one column race between devices).
	targets := map[string][]string{}
	for _, o := range opds {
		rows, _ := seeder.st.DB().Query(`SELECT id FROM pegawai WHERE opd_id = ? ORDER BY id LIMIT 4`, o.id)
		for rows.Next() {
			var id string
			rows.Scan(&id)
			targets[o.id] = append(targets[o.id], id)
		}
		rows.Close()
	}

	// A lean puller follows the log through the proxy the whole time.
	var stopPull atomic.Bool
	pulled := map[int64]bool{}
	pullErr := make(chan error, 1)
	_, ptok, _ := reg.AddDevice(ctx, "", true)
	go func() {
		pc := loadtest.NewClient(proxyURL, ptok, nil)
		var last int64
		for {
			finished := stopPull.Load()
			resp, err := pc.PullPage(ctx, 4096)
			if err != nil {
				if ctx.Err() != nil {
					pullErr <- err
					return
				}
				time.Sleep(10 * time.Millisecond) // a 502 from the dead process
				continue
			}
			for _, e := range resp.Entries {
				if e.Seq <= last {
					pullErr <- fmt.Errorf("puller: seq %d after %d", e.Seq, last)
					return
				}
				last = e.Seq
				pulled[e.Seq] = true
			}
			if finished && !resp.HasMore {
				pullErr <- nil
				return
			}
		}
	}()

	// Rounds of concurrent edits and syncs; process 1 dies in round 2 and
	// comes back in round 4.
	var mu sync.Mutex
	var writes []mpWrite
	var syncErrs atomic.Int64
	cols := []string{"tempat_lahir", "gelar_belakang"}
	const rounds = 6
	for round := range rounds {
		var wg sync.WaitGroup
		for di, d := range devs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := rand.New(rand.NewPCG(uint64(round), uint64(di)))
				var pool []string
				if d.bkpsdm {
					for _, ids := range targets {
						pool = append(pool, ids...)
					}
					sort.Strings(pool)
				} else {
					pool = targets[d.opdID]
				}
				for k := range 4 {
					id, col := pool[r.IntN(len(pool))], cols[r.IntN(len(cols))]
					val := fmt.Sprintf("%s-r%d-%d", d.name, round, k)
					var w mpWrite
					err := d.st.Write(ctx, d.name, func(tx *store.Tx) error {
						vals := make([]any, len(store.TablePegawai.Cols))
						ptrs := make([]any, len(vals))
						for i := range vals {
							ptrs[i] = &vals[i]
						}
						if err := tx.QueryRow("SELECT "+strings.Join(store.TablePegawai.Cols, ", ")+" FROM pegawai WHERE id = ?", id).Scan(ptrs...); err != nil {
							return err
						}
						for i, c := range store.TablePegawai.Cols {
							if b, ok := vals[i].([]byte); ok {
								vals[i] = string(b)
							}
							if c == col {
								vals[i] = val
							}
						}
						if _, err := tx.Update(store.TablePegawai, id, vals...); err != nil {
							return err
						}
						w = mpWrite{dev: d.name, row: id, col: col, val: val, install: d.install}
						return tx.QueryRow(`SELECT change_id, hlc FROM outbox ORDER BY seq DESC LIMIT 1`).Scan(&w.changeID, &w.hlc)
					})
					if err != nil {
						t.Errorf("%s: write: %v", d.name, err)
						return
					}
					mu.Lock()
					writes = append(writes, w)
					mu.Unlock()
					if _, err := d.cl.Sync(ctx); err != nil {
						syncErrs.Add(1) // the dead process; synced again later
					}
				}
			}()
		}
		if round == 2 {
			time.Sleep(30 * time.Millisecond) // syncs are in flight
			servers[1].kill()
			t.Logf("round %d: killed %s with SIGKILL", round, servers[1].addr)
		}
		if round == 4 {
			servers[1].start(t)
			t.Logf("round %d: restarted %s", round, servers[1].addr)
		}
		wg.Wait()
		if t.Failed() {
			return
		}
	}

	// Quiescence: every device syncs until nothing moves, twice over.
	for range 2 {
		for _, d := range devs {
			if err := syncQuiet(d); err != nil {
				t.Fatalf("quiescence: %v", err)
			}
		}
	}
	stopPull.Store(true)
	if err := <-pullErr; err != nil {
		t.Fatal(err)
	}

	// 1. No skipped sequence: the puller saw every non-disposition item of the final log.
	final, err := admin.Scan(ctx, 0, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	disp := map[string][]server.Item{}
	for _, it := range final {
		if it.Kind == server.ItemDisposition {
			disp[it.ID] = append(disp[it.ID], it)
			continue
		}
		if !pulled[it.Seq] {
			t.Fatalf("the puller skipped seq %d (%s %s/%s)", it.Seq, it.Kind, it.Table, it.ID)
		}
	}

	// 2. Exactly one disposition per change, applied or superseded (these
	// columns are not guarded), and the device recorded the same one.
	for _, w := range writes {
		ds := disp[w.changeID]
		if len(ds) != 1 {
			t.Fatalf("change %s of %s has %d dispositions", w.changeID, w.dev, len(ds))
		}
		var status string
		for _, d := range devs {
			if d.name == w.dev {
				if err := d.st.DB().QueryRow(`SELECT coalesce(status, '') FROM sync_sent WHERE change_id = ?`, w.changeID).Scan(&status); err != nil {
					t.Fatalf("%s: change %s not in sync_sent: %v", w.dev, w.changeID, err)
				}
			}
		}
		if status != protocol.StatusApplied && status != protocol.StatusSuperseded {
			t.Fatalf("change %s of %s: status %q", w.changeID, w.dev, status)
		}
	}
	for _, d := range devs {
		if n, _ := d.st.PendingChanges(ctx); n != 0 {
			t.Fatalf("%s: %d changes still in the outbox", d.name, n)
		}
	}

	// 3. No acknowledged write lost: each edited column holds the write with
	// the greatest (HLC, install id) on every device that holds the row.
	win := map[string]mpWrite{}
	for _, w := range writes {
		k := w.row + "/" + w.col
		if c, ok := win[k]; !ok || w.hlc > c.hlc || (w.hlc == c.hlc && w.install > c.install) {
			win[k] = w
		}
	}
	for k, w := range win {
		row, col, _ := strings.Cut(k, "/")
		for _, d := range devs {
			var v string
			err := d.st.DB().QueryRow("SELECT "+col+" FROM pegawai WHERE id = ?", row).Scan(&v)
			if err != nil {
				if !d.bkpsdm && !contains(targets[d.opdID], row) {
					continue // another OPD's employee: never sent to this device
				}
				t.Fatalf("%s: row %s: %v", d.name, row, err)
			}
			if v != w.val {
				t.Fatalf("%s: pegawai %s.%s = %q, want %q (the last writer, %s)", d.name, row, col, v, w.val, w.dev)
			}
		}
	}

	// 4. Convergence: both BKPSDM desktops hold identical synced tables; an
	// OPD desktop holds exactly its OPD's employees, identical to BKPSDM's.
	dump := func(d *mpDevice, q string, args ...any) string {
		rows, err := d.st.DB().Query(q, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		colsN, _ := rows.Columns()
		var b strings.Builder
		for rows.Next() {
			vals := make([]any, len(colsN))
			ptrs := make([]any, len(vals))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rows.Scan(ptrs...)
			fmt.Fprintln(&b, vals...)
		}
		return b.String()
	}
	for _, tb := range store.SyncedTables {
		q := "SELECT id, " + strings.Join(tb.Cols, ", ") + " FROM " + tb.Name + " ORDER BY id"
		if a, b := dump(devs[0], q), dump(devs[1], q); a != b {
			t.Fatalf("BKPSDM desktops differ in %s", tb.Name)
		}
	}
	pq := "SELECT id, " + strings.Join(store.TablePegawai.Cols, ", ") + " FROM pegawai WHERE opd_id = ? ORDER BY id"
	for _, d := range devs[2:] {
		if a, b := dump(devs[0], pq, d.opdID), dump(d, pq, d.opdID); a != b || a == "" {
			t.Fatalf("%s: its OPD's employees differ from BKPSDM's", d.name)
		}
		var other int
		d.st.DB().QueryRow(`SELECT count(*) FROM pegawai WHERE opd_id <> ?`, d.opdID).Scan(&other)
		if other != 0 {
			t.Fatalf("%s holds %d employees of other OPDs", d.name, other)
		}
	}
	t.Logf("%d edits by %d desktops through 3 processes (one killed and restarted), %d log items, %d requests proxied (%d hit the dead process), %d sync sessions failed and were retried",
		len(writes), len(devs), len(final), proxied.Load(), bad.Load(), syncErrs.Load())
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
