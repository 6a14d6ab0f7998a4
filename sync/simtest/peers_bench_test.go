package simtest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// BenchmarkPeersPouchDB (`make bench-peers`; docs/performance.md "Side by
// side with PouchDB"): Imbang's sync and PouchDB 9's replication on the same
// rows, on loopback, alternating round by round so that both see the same
// load of the shared machine:
//
//	(a) 1,000 single-field edits of one desktop, pushed (several repetitions);
//	(b) the demo region's first upload to an empty server;
//	(c) the initial pull of it by a new desktop.
//
// Imbang is the real client and server on SQLite files (the rig of
// bench_test.go); PouchDB is bench/peers/pouch.mjs (leveldb, express-pouchdb
// in its own process), fed with the rows this benchmark exports from the
// demo region's outbox, one document per row with the same columns and
// values. It prints one table of medians and ratios.
func BenchmarkPeersPouchDB(b *testing.B) {
	dir := peersDir()
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "pouchdb-node")); err != nil {
		b.Skip("bench/peers has no node_modules: run `make bench-peers`")
	}
	if _, err := exec.LookPath("node"); err != nil {
		b.Fatal("node is not on PATH; the PouchDB side needs Node.js 20")
	}
	rounds, reps, size := envInt("IMBANG_PEERS_ROUNDS", 3), envInt("IMBANG_PEERS_REPS", 5), envInt("IMBANG_PEERS_SIZE", 5000)
	for i := 0; i < b.N; i++ {
		load0 := loadAvg()
		work, err := os.MkdirTemp("", "imbang-peers-")
		if err != nil {
			b.Fatal(err)
		}
		benchCleanup = append(benchCleanup, func() { os.RemoveAll(work) })
		docs, edits := filepath.Join(work, "docs.jsonl"), filepath.Join(work, "edits.json")
		var imb, pouch []peerRound
		for r := 0; r < rounds; r++ {
			var export func(*store.Store, []string)
			if r == 0 {
				export = func(st *store.Store, ids []string) { exportPeerDocs(b, st, ids, docs, edits) }
			}
			imb = append(imb, imbangPeerRound(b, size, reps, export))
			b.Logf("round %d Imbang: %s", r+1, imb[r])
			pouch = append(pouch, pouchPeerRound(b, dir, docs, edits, reps))
			b.Logf("round %d PouchDB: %s", r+1, pouch[r])
		}
		table, ratios := peersTable(imb, pouch, size, rounds, reps, load0, loadAvg())
		fmt.Println(table)
		b.ReportMetric(ratios[0], "edits-x")
		b.ReportMetric(ratios[1], "upload-x")
		b.ReportMetric(ratios[2], "pull-x")
	}
}

// peerFigures is one measured replication.
type peerFigures struct {
	Rows      int     `json:"docs"`
	WallMs    float64 `json:"wall_ms"`
	CPUMs     float64 `json:"cpu_ms"`
	BytesUp   int64   `json:"bytes_up"`
	BytesDown int64   `json:"bytes_down"`
}

type peerRound struct {
	Upload peerFigures   `json:"upload"`
	Pull   peerFigures   `json:"pull"`
	Edits  []peerFigures `json:"edits"`
	// Imbang only: the pull that follows each edits push in a sync session
	// and brings the acknowledgements (not part of the push figures).
	AckPull []peerFigures `json:"-"`
}

func (r peerRound) String() string {
	var e []string
	for _, f := range r.Edits {
		e = append(e, fmt.Sprintf("%.0f/%.0f ms", f.WallMs, f.CPUMs))
	}
	return fmt.Sprintf("upload %d rows %.0f ms wall %.0f ms CPU %.1f MB; pull %d rows %.0f ms wall %.0f ms CPU %.1f MB; edits (wall/CPU) %s",
		r.Upload.Rows, r.Upload.WallMs, r.Upload.CPUMs, float64(r.Upload.BytesUp+r.Upload.BytesDown)/1e6,
		r.Pull.Rows, r.Pull.WallMs, r.Pull.CPUMs, float64(r.Pull.BytesUp+r.Pull.BytesDown)/1e6, strings.Join(e, ", "))
}

func peersDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "bench", "peers")
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

// wireCount counts the bytes of a client's connections both ways, HTTP
// headers included, as the PouchDB server counts its sockets.
type wireCount struct{ up, down atomic.Int64 }

type countConn struct {
	net.Conn
	w *wireCount
}

func (c countConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.w.down.Add(int64(n))
	return n, err
}

func (c countConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.w.up.Add(int64(n))
	return n, err
}

func (w *wireCount) transport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	var d net.Dialer
	t.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return countConn{c, w}, nil
	}
	return t
}

// measurePeer times fn in wall and process CPU time (client and server both
// run in this process) and counts the bytes it moved on w.
func measurePeer(w *wireCount, fn func() int) peerFigures {
	up0, down0 := w.up.Load(), w.down.Load()
	t0, c0 := time.Now(), cpuTime()
	n := fn()
	return peerFigures{Rows: n, WallMs: float64(time.Since(t0)) / 1e6, CPUMs: float64(cpuTime()-c0) / 1e6,
		BytesUp: w.up.Load() - up0, BytesDown: w.down.Load() - down0}
}

// imbangPeerRound runs the three workloads on a new server: a BKPSDM desktop
// loads the demo region and pushes it, a new BKPSDM desktop pulls it, the
// first desktop edits 1,000 employees and pushes, reps times. export, when
// set, sees the loaded desktop before its first push.
func imbangPeerRound(b *testing.B, size, reps int, export func(*store.Store, []string)) peerRound {
	ctx := context.Background()
	r := newBenchRig(b)
	var wDesk, wNew wireCount
	desk, cl, _ := r.deviceTok(b, benchName("peerdesk"), "", wDesk.transport())
	bundle, err := demo.Bundle(size, 1)
	if err != nil {
		b.Fatal(err)
	}
	if err := desk.ImportBundle(ctx, "bench", bundle); err != nil {
		b.Fatal(err)
	}
	var rows int
	desk.DB().QueryRow("SELECT count(*) FROM outbox WHERE status IS NULL").Scan(&rows)
	var ids []string
	q, err := desk.DB().Query("SELECT id FROM pegawai ORDER BY id LIMIT 1000")
	if err != nil {
		b.Fatal(err)
	}
	for q.Next() {
		var id string
		q.Scan(&id)
		ids = append(ids, id)
	}
	q.Close()
	if len(ids) != 1000 {
		b.Fatalf("the demo region holds %d pegawai, want at least 1000", len(ids))
	}
	if export != nil {
		export(desk, ids)
	}
	var out peerRound
	// The push alone is timed; the pull that completes the session (the
	// acknowledgements) follows untimed, as PouchDB's replicate.to has none.
	push := func() int {
		n, err := cl.Push(ctx)
		if err != nil {
			b.Fatal(err)
		}
		return n
	}
	settle := func() peerFigures {
		return measurePeer(&wDesk, func() int { return syncQuiet(b, cl).Pulled })
	}

	out.Upload = measurePeer(&wDesk, push)
	mustMove(b, "Imbang full upload (changes pushed)", out.Upload.Rows, rows)
	settle()

	fresh, clNew, _ := r.deviceTok(b, benchName("peernew"), "", wNew.transport())
	out.Pull = measurePeer(&wNew, func() int { syncQuiet(b, clNew); return syncedRows(fresh) })
	mustMove(b, "Imbang initial pull (rows held)", out.Pull.Rows, syncedRows(desk))

	for rep := 0; rep < reps; rep++ {
		round := benchSeq.Add(1)
		for k, id := range ids {
			err := desk.Write(ctx, "bench", func(t *store.Tx) error {
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
		e := measurePeer(&wDesk, push)
		mustMove(b, "Imbang edits (changes pushed)", e.Rows, len(ids))
		out.Edits = append(out.Edits, e)
		out.AckPull = append(out.AckPull, settle())
	}
	return out
}

// exportPeerDocs writes the loaded desktop's outbox as PouchDB documents
// (JSON lines: _id = row id, tbl = table, then the row's columns as pushed)
// and the employees to edit with the column the edits change.
func exportPeerDocs(b *testing.B, st *store.Store, ids []string, docsFile, editsFile string) {
	changes, err := st.UnsentChanges(context.Background(), 1<<30)
	if err != nil {
		b.Fatal(err)
	}
	var order []string
	docs := map[string]map[string]any{}
	for _, c := range changes {
		d := docs[c.RowID]
		switch {
		case c.Op == protocol.OpInsert && d == nil:
			d = map[string]any{"_id": c.RowID, "tbl": c.Table}
			docs[c.RowID] = d
			order = append(order, c.RowID)
		case c.Op == protocol.OpUpdate && d != nil:
		default:
			b.Fatalf("export: %s of %s %s after %v: the loaded region should be inserts and updates of them", c.Op, c.Table, c.RowID, d != nil)
		}
		for k, v := range c.Cols {
			if strings.HasPrefix(k, "_") || k == "tbl" {
				b.Fatalf("export: column %s.%s clashes with a document field", c.Table, k)
			}
			d[k] = v
		}
	}
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	enc := json.NewEncoder(w)
	for _, id := range order {
		if err := enc.Encode(docs[id]); err != nil {
			b.Fatal(err)
		}
	}
	w.Flush()
	mustMove(b, "export (documents written)", len(order), len(changes))
	if err := os.WriteFile(docsFile, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	e, _ := json.Marshal(map[string]any{"column": "tempat_lahir", "ids": ids})
	if err := os.WriteFile(editsFile, e, 0o644); err != nil {
		b.Fatal(err)
	}
}

// pouchPeerRound runs bench/peers/pouch.mjs once: the same three workloads.
func pouchPeerRound(b *testing.B, dir, docs, edits string, reps int) peerRound {
	args := []string{filepath.Join(dir, "pouch.mjs"), "--docs", docs, "--edits", edits, "--reps", strconv.Itoa(reps)}
	if bs := os.Getenv("IMBANG_PEERS_POUCH_BATCH"); bs != "" {
		args = append(args, "--batch-size", bs)
	}
	cmd := exec.Command("node", args...)
	cmd.Dir, cmd.Stderr = dir, os.Stderr
	outb, err := cmd.Output()
	if err != nil {
		b.Fatalf("pouch.mjs: %v", err)
	}
	var out peerRound
	if err := json.Unmarshal(outb, &out); err != nil {
		b.Fatalf("pouch.mjs printed %q: %v", outb, err)
	}
	var want int
	if f, err := os.ReadFile(docs); err == nil {
		want = bytes.Count(f, []byte("\n"))
	}
	mustMove(b, "PouchDB full upload (documents written)", out.Upload.Rows, want)
	mustMove(b, "PouchDB initial pull (documents written)", out.Pull.Rows, want)
	mustMove(b, "PouchDB edit repetitions", len(out.Edits), reps)
	for _, e := range out.Edits {
		mustMove(b, "PouchDB edits (documents written)", e.Rows, 1000)
	}
	return out
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// peerSummary is one workload's medians over the rounds (the edits: over
// every repetition of every round).
type peerSummary struct {
	rows                 int
	wallMs, cpuMs, bytes float64
	bytesUp, bytesDown   float64
	wallMin, wallMax     float64
	ratesWall, ratesCPU  float64
}

func summarize(fs []peerFigures) peerSummary {
	var wall, cpu, up, down, rw, rc []float64
	for _, f := range fs {
		wall = append(wall, f.WallMs)
		cpu = append(cpu, f.CPUMs)
		up = append(up, float64(f.BytesUp))
		down = append(down, float64(f.BytesDown))
		rw = append(rw, float64(f.Rows)/f.WallMs*1000)
		rc = append(rc, float64(f.Rows)/f.CPUMs*1000)
	}
	s := peerSummary{rows: fs[0].Rows, wallMs: median(wall), cpuMs: median(cpu), bytesUp: median(up), bytesDown: median(down),
		ratesWall: median(rw), ratesCPU: median(rc)}
	s.bytes = s.bytesUp + s.bytesDown
	sorted := append([]float64(nil), wall...)
	sort.Float64s(sorted)
	s.wallMin, s.wallMax = sorted[0], sorted[len(sorted)-1]
	return s
}

// peersTable prints the medians and Imbang's speed as a multiple of
// PouchDB's (PouchDB's time ÷ Imbang's), in wall and in CPU time; it returns
// the wall-time ratios of (a), (b), (c).
func peersTable(imb, pouch []peerRound, size, rounds, reps int, load0, load1 string) (string, [3]float64) {
	pick := func(rs []peerRound, f func(peerRound) []peerFigures) []peerFigures {
		var out []peerFigures
		for _, r := range rs {
			out = append(out, f(r)...)
		}
		return out
	}
	type row struct {
		name, unit string
		i, p       peerSummary
	}
	rows := []row{
		{"(a) 1,000 single-field edits, push", "edits/s", summarize(pick(imb, func(r peerRound) []peerFigures { return r.Edits })), summarize(pick(pouch, func(r peerRound) []peerFigures { return r.Edits }))},
		{"(b) full upload to an empty server", "changes/s", summarize(pick(imb, func(r peerRound) []peerFigures { return []peerFigures{r.Upload} })), summarize(pick(pouch, func(r peerRound) []peerFigures { return []peerFigures{r.Upload} }))},
		{"(c) initial pull by a new desktop", "rows/s", summarize(pick(imb, func(r peerRound) []peerFigures { return []peerFigures{r.Pull} })), summarize(pick(pouch, func(r peerRound) []peerFigures { return []peerFigures{r.Pull} }))},
	}
	ack := summarize(pick(imb, func(r peerRound) []peerFigures { return r.AckPull }))
	var session []float64
	for _, r := range imb {
		for k := range r.Edits {
			session = append(session, r.Edits[k].CPUMs+r.AckPull[k].CPUMs)
		}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "\nmake bench-peers: Imbang and PouchDB 9 (leveldb, express-pouchdb) on loopback; demo region size %d = %d rows; %d rounds alternating Imbang, PouchDB; %d edit repetitions per round; load average %s at the start, %s at the end\n\n",
		size, rows[1].i.rows, rounds, reps, load0, load1)
	sb.WriteString("| workload (medians) | Imbang wall | Imbang rate | Imbang per CPU s | Imbang on the wire | PouchDB wall | PouchDB rate | PouchDB per CPU s | PouchDB on the wire | Imbang ÷ PouchDB speed, wall | CPU |\n")
	sb.WriteString("|---|---|---|---|---|---|---|---|---|---|---|\n")
	wire := func(s peerSummary) string {
		return fmt.Sprintf("%.0f KB (%.0f B/row)", s.bytes/1e3, s.bytes/float64(s.rows))
	}
	var ratios [3]float64
	for k, r := range rows {
		xw, xc := r.p.wallMs/r.i.wallMs, r.p.cpuMs/r.i.cpuMs
		ratios[k] = xw
		fmt.Fprintf(&sb, "| %s | %.2f s | %.0f %s | %.0f | %s | %.2f s | %.0f %s | %.0f | %s | **%.2f×** | %.2f× |\n", r.name,
			r.i.wallMs/1e3, r.i.ratesWall, r.unit, r.i.ratesCPU, wire(r.i), r.p.wallMs/1e3, r.p.ratesWall, r.unit, r.p.ratesCPU, wire(r.p), xw, xc)
	}
	fmt.Fprintf(&sb, "\nWire: bytes both ways, HTTP headers included (Imbang gzips both ways, PouchDB its responses). Edits' push wall range: Imbang %.0f–%.0f ms, PouchDB %.0f–%.0f ms.\n",
		rows[0].i.wallMin, rows[0].i.wallMax, rows[0].p.wallMin, rows[0].p.wallMax)
	fmt.Fprintf(&sb, "Imbang's figures are its push alone; the pull that ends its sync session after the edits (the acknowledgements) took a median %.0f ms more wall, %.0f ms CPU; the whole session %.0f ms CPU = %.2f× PouchDB's push in CPU.\n",
		ack.wallMs, ack.cpuMs, median(session), rows[0].p.cpuMs/median(session))
	sb.WriteString("Speed = PouchDB's time ÷ Imbang's (CPU: client and server processes together). Aims: (a) ≥ 2×, (b) ≥ 5×, (c) was 7×.\n")
	return sb.String(), ratios
}
