package simtest

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
)

// Sync benchmarks (; figures in docs/performance.md). They run
// over real loopback HTTP (httptest.Server) with the real client and server
// on SQLite files, and count the bytes on the wire as sent (gzip).

func benchSize() int {
	if s := os.Getenv("IMBANG_SYNC_BENCH_SIZE"); s != "" {
		n, _ := strconv.Atoi(s)
		return n
	}
	return 20000
}

// countingRT counts compressed bytes both ways.
type countingRT struct {
	next     http.RoundTripper
	up, down atomic.Int64
	requests atomic.Int64
}

type countBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (c countBody) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func (c *countingRT) RoundTrip(r *http.Request) (*http.Response, error) {
	c.requests.Add(1)
	if r.ContentLength > 0 {
		c.up.Add(r.ContentLength)
	}
	resp, err := c.next.RoundTrip(r)
	if err == nil {
		resp.Body = countBody{resp.Body, &c.down}
	}
	return resp, err
}

type benchRig struct {
	dir   string
	srvSt server.Store
	srv   *server.Server
	hs    *httptest.Server
}

func newBenchRig(b *testing.B) *benchRig {
	return newBenchRigOn(b, func(dir string) (server.Store, error) { return sqlitestore.Open(filepath.Join(dir, "server.db")) })
}

// newBenchRigOn is newBenchRig with the server's store made by open (dir is
// the rig's own directory).
func newBenchRigOn(b *testing.B, open func(dir string) (server.Store, error)) *benchRig {
	dir, err := os.MkdirTemp("", "imbang-syncbench-")
	if err != nil {
		b.Fatal(err)
	}
	r := &benchRig{dir: dir}
	if r.srvSt, err = open(dir); err != nil {
		b.Fatal(err)
	}
	if r.srv, err = server.New(r.srvSt, server.Options{Log: discard}); err != nil {
		b.Fatal(err)
	}
	r.hs = httptest.NewServer(r.srv.Handler())
	benchCleanup = append(benchCleanup, func() {
		r.hs.Close()
		r.srvSt.Close()
		os.RemoveAll(dir)
	})
	return r
}

// The benchmarks share one server seeded with the demo region (uploading
// it is the slow part); TestMain cleans up.
var (
	benchCleanup []func()
	shared       struct {
		once sync.Once
		r    *benchRig
		st   *store.Store
		tok  string
		rows int
	}
)

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(benchCleanup) - 1; i >= 0; i-- {
		benchCleanup[i]()
	}
	os.Exit(code)
}

// benchSeq names every device directory and every edited value of a
// benchmark process uniquely: the testing package runs a benchmark body
// again after its calibration run (b.N=1, then b.N=2, ...), so a name built
// from the loop index alone would reuse the directory of an earlier run
// (which already holds the rows and syncs nothing) or write the value that
// is already stored (which pushes nothing).
var benchSeq atomic.Int64

func benchName(prefix string) string { return fmt.Sprintf("%s%d", prefix, benchSeq.Add(1)) }

// syncedRows counts the rows of the synced tables a desktop holds.
func syncedRows(st *store.Store) int {
	var have int
	for _, t := range store.SyncedTables {
		var n int
		st.DB().QueryRow("SELECT count(*) FROM " + t.Name).Scan(&n)
		have += n
	}
	return have
}

// mustMove fails the benchmark when it did not move what it claims to
// measure: a figure computed over nothing is worse than no figure.
func mustMove(b *testing.B, what string, got, want int) {
	b.Helper()
	if got != want || want == 0 {
		b.Fatalf("%s: moved %d, want %d (a benchmark that moves nothing measures nothing)", what, got, want)
	}
}

func sharedSeeded(b *testing.B) (*benchRig, *store.Store, string, int) {
	shared.once.Do(func() { shared.r, shared.st, shared.tok, shared.rows = seeded(b, benchSize()) })
	if shared.r == nil {
		b.Fatal("seeding failed")
	}
	return shared.r, shared.st, shared.tok, shared.rows
}

func (r *benchRig) device(b *testing.B, name, opdKode string, rt http.RoundTripper) (*store.Store, *client.Client) {
	st, cl, _ := r.deviceTok(b, name, opdKode, rt)
	return st, cl
}

func (r *benchRig) deviceTok(b *testing.B, name, opdKode string, rt http.RoundTripper) (*store.Store, *client.Client, string) {
	ctx := context.Background()
	_, tok, err := r.srv.AddDevice(ctx, opdKode, opdKode == "")
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(ctx, store.Options{Dir: filepath.Join(r.dir, name), Log: discard})
	if err != nil {
		b.Fatal(err)
	}
	benchCleanup = append(benchCleanup, func() { st.Close() })
	if rt == nil {
		rt = http.DefaultTransport
	}
	return st, client.New(st, client.Options{ServerURL: r.hs.URL, Token: tok, HTTPClient: &http.Client{Transport: rt}, Log: discard}), tok
}

func syncQuiet(b *testing.B, cl *client.Client) client.Summary {
	var total client.Summary
	for i := 0; i < 20; i++ {
		s, err := cl.Sync(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		total.Pushed += s.Pushed
		total.Pulled += s.Pulled
		total.Pending = s.Pending
		if s.Pending == 0 && s.Pushed == 0 && s.Pulled == 0 {
			return total
		}
	}
	b.Fatalf("sync did not become quiet: %+v", total)
	return total
}

// seeded is a server holding the demo region, uploaded by a BKPSDM device.
func seeded(b *testing.B, size int) (*benchRig, *store.Store, string, int) {
	r := newBenchRig(b)
	st, cl, tok := r.deviceTok(b, "seeder", "", nil)
	bundle, err := demo.Bundle(size, 1)
	if err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	if err := st.ImportBundle(context.Background(), "bench", bundle); err != nil {
		b.Fatal(err)
	}
	var rows int
	st.DB().QueryRow("SELECT count(*) FROM outbox").Scan(&rows)
	t1 := time.Now()
	sum := syncQuiet(b, cl)
	mustMove(b, "seed upload (changes pushed)", sum.Pushed, rows)
	b.Logf("seed: demo %d → %d rows, local import %v, upload to the server %v (%.0f changes/s)", size, rows,
		t1.Sub(t0).Round(time.Millisecond), time.Since(t1).Round(time.Millisecond), float64(rows)/time.Since(t1).Seconds())
	return r, st, tok, rows
}

// rawInsertRate is the ceiling, in rows per CPU-second: the same number of
// rows of similar width inserted into a plain table of a fresh database with
// the store's pragmas, in one transaction with a prepared statement.
func rawInsertRate(b *testing.B, dir string, rows int) float64 {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "raw.db")+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.Exec("CREATE TABLE t (id TEXT PRIMARY KEY, a TEXT, b TEXT, c INTEGER, d TEXT, e TEXT)")
	c0 := cpuTime()
	tx, _ := db.Begin()
	st, _ := tx.Prepare("INSERT INTO t VALUES (?,?,?,?,?,?)")
	for i := 0; i < rows; i++ {
		st.Exec(fmt.Sprintf("0190a1b2-c3d4-7000-8000-%012d", i), "Nama Pegawai Contoh", "1980-01-01", i, "00000000-0000-7000-8000-000000000001", "2020-01-01")
	}
	st.Close()
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return float64(rows) / (cpuTime() - c0).Seconds()
}

// profileTimed writes a CPU profile of the timed part alone (the seed
// upload before it dominates -cpuprofile) to $IMBANG_BENCH_CPUPROFILE.
func profileTimed(b *testing.B) func() {
	path := os.Getenv("IMBANG_BENCH_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

// BenchmarkSyncInitial: a new BKPSDM device pulls the whole demo region.
func BenchmarkSyncInitial(b *testing.B) {
	r, seedSt, _, rows := sharedSeeded(b)
	for i := 0; i < b.N; i++ {
		rt := &countingRT{next: http.DefaultTransport}
		st, cl := r.device(b, benchName("new"), "", rt)
		if n := syncedRows(st); n != 0 {
			b.Fatalf("the new device already holds %d rows", n)
		}
		stop := profileTimed(b)
		t0, c0 := time.Now(), cpuTime()
		sum := syncQuiet(b, cl)
		el, cpu := time.Since(t0), cpuTime()-c0
		stop()
		have := syncedRows(st)
		mustMove(b, "initial sync (rows held after it)", have, syncedRows(seedSt))
		raw := rawInsertRate(b, r.dir, have)
		b.ReportMetric(float64(have)/el.Seconds(), "rows/s")
		b.ReportMetric(float64(rt.down.Load())/float64(have), "B/row")
		b.ReportMetric(raw, "raw-rows/s")
		b.ReportMetric(float64(have)/cpu.Seconds(), "rows/cpu-s")
		b.ReportMetric(100*float64(have)/cpu.Seconds()/raw, "%-of-raw")
		b.Logf("initial sync: %d rows (of %d pushed) in %v = %.0f rows/s wall, %.0f rows/cpu-s (client+server CPU %v); %d requests, %.2f MB down, %.1f KB up; raw SQLite insert ceiling %.0f rows/cpu-s (sync at %.0f%% of it); summary %+v",
			have, rows, el.Round(time.Millisecond), float64(have)/el.Seconds(), float64(have)/cpu.Seconds(), cpu.Round(time.Millisecond), rt.requests.Load(), float64(rt.down.Load())/1e6, float64(rt.up.Load())/1e3,
			raw, 100*float64(have)/cpu.Seconds()/raw, sum)
	}
}

// BenchmarkSyncIncremental1000: one device edits 1,000 employees (one
// column each, 1,000 transactions), syncs; a second device pulls them.
func BenchmarkSyncIncremental1000(b *testing.B) {
	r, seedSt, seedTok, _ := sharedSeeded(b)
	rtB := &countingRT{next: http.DefaultTransport}
	_, clB := r.device(b, benchName("other"), "", rtB)
	syncQuiet(b, clB)
	ids := []string{}
	rows, _ := seedSt.DB().Query("SELECT id FROM pegawai ORDER BY id LIMIT 1000")
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	if len(ids) != 1000 {
		b.Fatalf("the seeded region holds %d pegawai, want at least 1000", len(ids))
	}
	for i := 0; i < b.N; i++ {
		ctx := context.Background()
		round := benchSeq.Add(1)
		for k, id := range ids {
			err := seedSt.Write(ctx, "bench", func(t *store.Tx) error {
				vals, err := rowVals(t, store.TablePegawai, id)
				if err != nil {
					return err
				}
				vals[colIdx(store.TablePegawai, "tempat_lahir")] = fmt.Sprintf("Sorong %d-%d", round, k)
				_, err = t.Update(store.TablePegawai, id, vals...)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		rtA := &countingRT{next: http.DefaultTransport}
		clA := client.New(seedSt, client.Options{ServerURL: r.hs.URL, Token: seedTok, HTTPClient: &http.Client{Transport: rtA}, Log: discard})
		t0, c0 := time.Now(), cpuTime()
		sa := syncQuiet(b, clA)
		tPush, cPush := time.Since(t0), cpuTime()-c0
		rtB.up.Store(0)
		rtB.down.Store(0)
		rtB.requests.Store(0)
		t1, c1 := time.Now(), cpuTime()
		sb := syncQuiet(b, clB)
		tPull, cPull := time.Since(t1), cpuTime()-c1
		mustMove(b, "incremental push (changes pushed)", sa.Pushed, len(ids))
		mustMove(b, "incremental pull (rows pulled)", sb.Pulled, len(ids))
		n := float64(len(ids))
		b.ReportMetric(float64(rtA.up.Load())/n, "B/change-up")
		b.ReportMetric(float64(rtB.down.Load())/n, "B/change-down")
		b.Logf("%d edits: editor session %v wall, %v CPU (%d pushed, %d requests, %.0f B up = %.1f B/change, %.0f B down incl. acks); other device %v wall, %v CPU (%d pulled, %.0f B down = %.1f B/change)",
			len(ids), tPush.Round(time.Millisecond), cPush.Round(time.Millisecond), sa.Pushed, rtA.requests.Load(), float64(rtA.up.Load()), float64(rtA.up.Load())/n, float64(rtA.down.Load()),
			tPull.Round(time.Millisecond), cPull.Round(time.Millisecond), sb.Pulled, float64(rtB.down.Load()), float64(rtB.down.Load())/n)
	}
}

// throttled models a slow link in virtual time: bandwidth, round trip,
// segment loss (each lost 1,460-byte segment costs a retransmission
// timeout), and a cut after which every request fails.
type throttled struct {
	next      http.RoundTripper
	bytesPerS float64
	rtt       time.Duration
	loss      float64
	rng       *rand.Rand
	elapsed   time.Duration
	cutAfter  int64 // bytes; 0 = never
	moved     int64
	cut       bool
	lost      int
}

func (t *throttled) RoundTrip(r *http.Request) (*http.Response, error) {
	if t.cut {
		t.elapsed += t.rtt
		return nil, errNet{"link cut"}
	}
	var up int64
	if r.ContentLength > 0 {
		up = r.ContentLength
	}
	resp, err := t.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	bytes := up + int64(len(body)) + 400 // headers
	keep := len(body)
	if t.cutAfter > 0 && t.moved+bytes > t.cutAfter {
		// the link dies during this answer: the bytes before the cut
		// arrive (a stream's whole pages among them), then it breaks
		keep = int(min(max(t.cutAfter-t.moved-up-400, 0), int64(len(body))))
		bytes = up + int64(keep) + 400
	}
	segs := int(bytes/1460) + 2
	for i := 0; i < segs; i++ {
		if chance(t.rng, t.loss) {
			t.lost++
			t.elapsed += t.rtt + 200*time.Millisecond
		}
	}
	t.elapsed += t.rtt + time.Duration(float64(bytes)/t.bytesPerS*float64(time.Second))
	t.moved += bytes
	if keep < len(body) {
		t.cut = true
		resp.Body = io.NopCloser(io.MultiReader(strings.NewReader(string(body[:keep])), cutReader{}))
		return resp, nil
	}
	resp.Body = io.NopCloser(strings.NewReader(string(body)))
	return resp, nil
}

// cutReader is a connection that broke.
type cutReader struct{}

func (cutReader) Read([]byte) (int, error) { return 0, errNet{"link cut mid-response"} }

// BenchmarkSyncThrottled: the initial sync of a desktop of the largest OPD
// (its own employees, the region's reference data, aggregate staffing) over
// 64 kbit/s, 600 ms round trip, 5 % segment loss, modelled in virtual time;
// once uncut, then cut half way and resumed.
func BenchmarkSyncThrottled(b *testing.B) {
	r, seedSt, _, _ := sharedSeeded(b)
	var kode string
	if err := seedSt.DB().QueryRow(`SELECT o.kode FROM opd o ORDER BY (SELECT count(*) FROM pegawai p WHERE p.opd_id = o.id) DESC LIMIT 1`).Scan(&kode); err != nil {
		b.Fatal(err)
	}
	var opdPegawai int
	seedSt.DB().QueryRow(`SELECT count(*) FROM pegawai p JOIN opd o ON o.id = p.opd_id WHERE o.kode = ?`, kode).Scan(&opdPegawai)
	for i := 0; i < b.N; i++ {
		link := &throttled{next: http.DefaultTransport, bytesPerS: 64000 / 8, rtt: 600 * time.Millisecond, loss: 0.05, rng: rand.New(rand.NewPCG(1, 1))}
		ctx := context.Background()
		_, tok, _ := r.srv.AddDevice(ctx, kode, false)
		st, err := store.Open(ctx, store.Options{Dir: filepath.Join(r.dir, benchName("slow")), Log: discard})
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		cl := client.New(st, client.Options{ServerURL: r.hs.URL, Token: tok, HTTPClient: &http.Client{Transport: link}, Log: discard,
			MaxPageBytes: 64 << 10, RetryMax: 3,
			Sleep: func(ctx context.Context, d time.Duration) error { link.elapsed += d; return nil }})
		// First a full run without a cut, to know the size.
		full := &throttled{next: http.DefaultTransport, bytesPerS: link.bytesPerS, rtt: link.rtt, loss: link.loss, rng: rand.New(rand.NewPCG(1, 1))}
		_, tok2, _ := r.srv.AddDevice(ctx, kode, false)
		st2, err := store.Open(ctx, store.Options{Dir: filepath.Join(r.dir, benchName("slowfull")), Log: discard})
		if err != nil {
			b.Fatal(err)
		}
		defer st2.Close()
		cl2 := client.New(st2, client.Options{ServerURL: r.hs.URL, Token: tok2, HTTPClient: &http.Client{Transport: full}, Log: discard,
			MaxPageBytes: 64 << 10, RetryMax: 3,
			Sleep: func(ctx context.Context, d time.Duration) error { full.elapsed += d; return nil }})
		s2, err := cl2.Sync(ctx)
		if err != nil {
			b.Fatalf("uncut throttled sync: %v", err)
		}
		// The same first sync as a protocol v1 desktop (JSON pages only), the
		// same-run baseline of the compact encoding.
		v1 := &throttled{next: http.DefaultTransport, bytesPerS: link.bytesPerS, rtt: link.rtt, loss: link.loss, rng: rand.New(rand.NewPCG(1, 1))}
		_, tok3, _ := r.srv.AddDevice(ctx, kode, false)
		st3, err := store.Open(ctx, store.Options{Dir: filepath.Join(r.dir, benchName("slowv1")), Log: discard})
		if err != nil {
			b.Fatal(err)
		}
		defer st3.Close()
		cl3 := client.New(st3, client.Options{ServerURL: r.hs.URL, Token: tok3, HTTPClient: &http.Client{Transport: v1}, Log: discard,
			MaxPageBytes: 64 << 10, RetryMax: 3, NoChunks: true,
			Sleep: func(ctx context.Context, d time.Duration) error { v1.elapsed += d; return nil }})
		s3v1, err := cl3.Sync(ctx)
		if err != nil {
			b.Fatalf("uncut throttled v1 sync: %v", err)
		}
		mustMove(b, "throttled v1 sync (rows as the v2 sync)", s3v1.Pulled, s2.Pulled)
		held := syncedRows(st2)
		// Then cut half way, and resume.
		link.cutAfter = full.moved / 2
		s1, err1 := cl.Sync(ctx)
		cursorAtCut, _ := st.SyncMeta(ctx, store.MetaPullCursor)
		movedAtCut, elapsedAtCut := link.moved, link.elapsed
		link.cut, link.cutAfter = false, 0
		s3, err := cl.Sync(ctx)
		if err != nil {
			b.Fatalf("resumed sync: %v", err)
		}
		var n1, n2 int
		st.DB().QueryRow("SELECT count(*) FROM pegawai").Scan(&n1)
		st2.DB().QueryRow("SELECT count(*) FROM pegawai").Scan(&n2)
		if n1 != n2 {
			b.Fatalf("resumed device holds %d pegawai, uncut %d", n1, n2)
		}
		mustMove(b, "throttled sync (pegawai of the OPD held)", n2, opdPegawai)
		var counts []string
		for _, t := range append(store.SyncedTables, &store.Table{Name: "bezetting_agregat"}) {
			var n, all int
			st2.DB().QueryRow("SELECT count(*) FROM " + t.Name).Scan(&n)
			seedSt.DB().QueryRow("SELECT count(*) FROM " + t.Name).Scan(&all)
			counts = append(counts, fmt.Sprintf("%s %d/%d", t.Name, n, all))
		}
		b.Logf("the OPD desktop holds (of the region): %s", strings.Join(counts, ", "))
		b.ReportMetric(full.elapsed.Seconds(), "link-s")
		b.ReportMetric(float64(full.moved)/float64(held), "B/row")
		b.ReportMetric(v1.elapsed.Seconds(), "v1-link-s")
		b.ReportMetric(float64(v1.moved)/float64(held), "v1-B/row")
		b.Logf("protocol v1 (JSON pages) over the same link: %.0f KB = %.1f B/row, %v modelled; compact (one chunk stream): %.0f KB = %.1f B/row, %v (%.2f× the bytes, %.2f× the time; the bytes alone at 64 kbit/s: %.0f s)",
			float64(v1.moved)/1e3, float64(v1.moved)/float64(held), v1.elapsed.Round(time.Second), float64(full.moved)/1e3, float64(full.moved)/float64(held),
			full.elapsed.Round(time.Second), float64(full.moved)/float64(v1.moved), full.elapsed.Seconds()/v1.elapsed.Seconds(), float64(full.moved)/full.bytesPerS)
		b.Logf("64 kbit/s, 600 ms RTT, 5%% loss, a desktop of the largest OPD (%s): uncut initial sync of %d rows: %.0f KB, %v modelled (%d segments lost); cut after %.0f KB at %v (err %v, cursor %s, %d rows applied), resumed: %+v, total %.0f KB in %v — %.0f KB more than uncut",
			kode, s2.Pulled, float64(full.moved)/1e3, full.elapsed.Round(time.Second), full.lost, float64(movedAtCut)/1e3, elapsedAtCut.Round(time.Second), err1, cursorAtCut, s1.Pulled, s3,
			float64(link.moved)/1e3, link.elapsed.Round(time.Second), float64(link.moved-full.moved)/1e3)
	}
}
