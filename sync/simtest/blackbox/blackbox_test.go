package blackbox

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/store"
)

var tokenRE = regexp.MustCompile(`imb1\.\d+\.[0-9a-f]{64}`)

type rig struct {
	t         *testing.T
	bin       string
	dir       string
	srvDB     string
	addr      string
	srv       *exec.Cmd
	srvLog    *bytes.Buffer
	expected  map[string]string // pegawai id → last nama written locally
	events    map[string]bool   // mutasi_event ids written locally
	kills     int               // SIGKILLs that hit a sync in progress
	rounds    int
	completed int
	// progress of each kill, read from the client's database between runs
	lastUnsent, lastSeq int
	phases              map[string]int
}

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

// build compiles both binaries once per test process.
func build(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "imbang-blackbox-bin-")
		if buildErr == nil {
			buildErr = buildInto(moduleRoot(t), buildDir)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return buildDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

func buildInto(root, dir string) error {
	for _, p := range []string{"imbang", "imbang-server"} {
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, p), "./cmd/"+p)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %v\n%s", p, err, out)
		}
	}
	return nil
}

func moduleRoot(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	d := filepath.Dir(file)
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		p := filepath.Dir(d)
		if p == d {
			t.Fatal("go.mod not found")
		}
		d = p
	}
}

func freePort(t *testing.T) string {
	for p := 38300; p < 38400; p++ {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err == nil {
			l.Close()
			return fmt.Sprintf("127.0.0.1:%d", p)
		}
	}
	t.Fatal("no free port in 38300–38399")
	return ""
}

func (r *rig) run(args ...string) (string, error) {
	cmd := exec.Command(filepath.Join(r.bin, args[0]), args[1:]...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

func (r *rig) addDevice(args ...string) string {
	out, err := r.run(append([]string{"imbang-server", "--db", r.srvDB, "device", "add", "--legacy-token"}, args...)...)
	if err != nil {
		r.t.Fatalf("device add: %v\n%s", err, out)
	}
	tok := tokenRE.FindString(out)
	if tok == "" {
		r.t.Fatalf("device add printed no token:\n%s", out)
	}
	return tok
}

func (r *rig) startServer() {
	r.srvLog = &bytes.Buffer{}
	cmd := exec.Command(filepath.Join(r.bin, "imbang-server"), "serve", "--http", "--listen", r.addr, "--db", r.srvDB)
	cmd.Stdout, cmd.Stderr = r.srvLog, r.srvLog
	if err := cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	r.srv = cmd
	for i := 0; i < 200; i++ {
		c, err := net.DialTimeout("tcp", r.addr, 50*time.Millisecond)
		if err == nil {
			c.Close()
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	r.t.Fatalf("server did not listen on %s:\n%s", r.addr, r.srvLog)
}

func (r *rig) killServer() {
	if r.srv != nil {
		r.srv.Process.Signal(syscall.SIGKILL)
		r.srv.Wait()
		r.srv = nil
	}
}

// syncCmd starts `imbang sync` for the data dir.
func (r *rig) syncCmd(dataDir, token string) (*exec.Cmd, *bytes.Buffer) {
	cmd := exec.Command(filepath.Join(r.bin, "imbang"), "--data-dir", dataDir, "sync", "--server", "http://"+r.addr, "--token", token)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	return cmd, &out
}

type summary struct {
	Pushed, Pulled, Conflicts, Rejected, Pending int
}

// cleanSync runs sync to completion until nothing is pending and nothing moves.
func (r *rig) cleanSync(dataDir, token string) summary {
	var s summary
	for i := 0; i < 10; i++ {
		cmd, out := r.syncCmd(dataDir, token)
		err := cmd.Wait()
		if err != nil {
			r.t.Logf("sync attempt %d: %v\n%s", i, err, out)
			continue
		}
		raw := out.Bytes()
		if j := bytes.IndexByte(raw, '{'); j >= 0 {
			raw = raw[j:]
		}
		if err := json.Unmarshal(raw, &s); err != nil {
			r.t.Fatalf("sync printed no JSON summary: %v\n%s", err, out)
		}
		if s.Pending == 0 && s.Pushed == 0 && s.Pulled == 0 {
			return s
		}
	}
	r.t.Fatalf("sync of %s never became quiet (last %+v)", dataDir, s)
	return s
}

// edit makes a few local changes through the real write path while no sync
// process runs, and remembers what must survive.
func (r *rig) edit(ctx context.Context, dataDir string, rng *rand.Rand) {
	st, err := store.Open(ctx, store.Options{Dir: dataDir})
	if err != nil {
		r.t.Fatal(err)
	}
	defer st.Close()
	if r.rounds > 0 { // what the killed sync had achieved
		n, _ := st.SyncCounts(ctx)
		seqS, _ := st.SyncMeta(ctx, store.MetaPullSeq)
		var seq int
		fmt.Sscan(seqS, &seq)
		switch {
		case seq > r.lastSeq:
			r.phases["pulled (cursor moved)"]++
		case n.Unsent < r.lastUnsent:
			r.phases["pushed, acks not yet pulled"]++
		default:
			r.phases["nothing committed yet"]++
		}
		r.lastSeq = seq
	}
	defer func() {
		n, _ := st.SyncCounts(ctx)
		r.lastUnsent = n.Unsent
	}()
	ids := []string{}
	rows, err := st.DB().QueryContext(ctx, "SELECT id FROM pegawai ORDER BY id LIMIT 50")
	if err != nil {
		r.t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	err = st.Write(ctx, "blackbox", func(tx *store.Tx) error {
		for k := 0; k < 3; k++ {
			id := ids[rng.IntN(len(ids))]
			nama := fmt.Sprintf("Nama %d-%d", r.rounds, k)
			vals, err := currentVals(tx, id)
			if err != nil {
				return err
			}
			vals[1] = nama // pegawai.nama
			if _, err := tx.Update(store.TablePegawai, id, vals...); err != nil {
				return err
			}
			r.expected[id] = nama
		}
		return nil
	})
	if err != nil {
		r.t.Fatal(err)
	}
}

func currentVals(tx *store.Tx, id string) ([]any, error) {
	cols := store.TablePegawai.Cols
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	err := tx.QueryRow("SELECT "+strings.Join(cols, ", ")+" FROM pegawai WHERE id = ?", id).Scan(ptrs...)
	return vals, err
}

// dump reads the synced tables of a data dir, one string per row.
func dump(t *testing.T, dataDir string) map[string][]string {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dataDir, store.FileName)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string][]string{}
	for _, tb := range store.SyncedTables {
		rows, err := db.Query("SELECT id, " + strings.Join(tb.Cols, ", ") + " FROM " + tb.Name + " ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			vals := make([]any, len(tb.Cols)+1)
			ptrs := make([]any, len(vals))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rows.Scan(ptrs...)
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					vals[i] = string(b)
				}
			}
			out[tb.Name] = append(out[tb.Name], fmt.Sprint(vals...))
		}
		rows.Close()
	}
	return out
}

func (r *rig) verify(ctx context.Context, client, observerDir, obsToken string) {
	t := r.t
	r.cleanSync(observerDir, obsToken)
	a, b := dump(t, client), dump(t, observerDir)
	for _, tb := range store.SyncedTables {
		if len(a[tb.Name]) != len(b[tb.Name]) {
			t.Errorf("%s: client holds %d rows, a fresh device pulled %d", tb.Name, len(a[tb.Name]), len(b[tb.Name]))
			continue
		}
		for i := range a[tb.Name] {
			if a[tb.Name][i] != b[tb.Name][i] {
				t.Errorf("%s row %d differs:\n client   %s\n observer %s", tb.Name, i, a[tb.Name][i], b[tb.Name][i])
				break
			}
		}
	}
	st, err := store.Open(ctx, store.Options{Dir: observerDir})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ids := make([]string, 0, len(r.expected))
	for id := range r.expected {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		var nama string
		if err := st.DB().QueryRowContext(ctx, "SELECT nama FROM pegawai WHERE id = ?", id).Scan(&nama); err != nil {
			t.Errorf("pegawai %s: %v", id, err)
		} else if nama != r.expected[id] {
			t.Errorf("lost write: pegawai %s nama %q on a fresh device, last written %q", id, nama, r.expected[id])
		}
	}
	var pending int
	cst, err := store.Open(ctx, store.Options{Dir: client})
	if err != nil {
		t.Fatal(err)
	}
	defer cst.Close()
	cst.DB().QueryRowContext(ctx, "SELECT count(*) FROM outbox").Scan(&pending)
	if pending != 0 {
		t.Errorf("client outbox still holds %d entries after a clean sync", pending)
	}
}

func newRig(t *testing.T) (*rig, context.Context) {
	if testing.Short() {
		t.Skip("black-box kill test builds binaries; skipped with -short")
	}
	dir := t.TempDir()
	r := &rig{t: t, bin: build(t), dir: dir, srvDB: filepath.Join(dir, "server.db"),
		addr: freePort(t), expected: map[string]string{}, events: map[string]bool{}, phases: map[string]int{}}
	t.Cleanup(r.killServer)
	return r, context.Background()
}

// killer picks when a kill lands: uniformly within the expected length of
// a sync (process start, push in batches, pull, acks), learnt from the syncs
// that finished before their kill, so the kills land inside syncs whatever
// the machine's load. It starts at 700 ms.
type killer struct{ window time.Duration }

func (k *killer) delay(rng *rand.Rand) time.Duration {
	if k.window == 0 {
		k.window = 700 * time.Millisecond
	}
	return time.Duration(rng.Int64N(int64(k.window)))
}

// finished learns from a sync that ended after d (before its kill); the
// factor offsets that only the shorter syncs are seen to finish.
func (k *killer) finished(d time.Duration) {
	k.window = max((k.window+d*3/2)/2, 80*time.Millisecond)
}

// demoSize: the client starts with the demo region of this many employees
// (a few hundred rows), so the first syncs push it in several batches.
const demoSize = "60"

func kills() int {
	if s := os.Getenv("IMBANG_BLACKBOX_KILLS"); s != "" {
		var n int
		fmt.Sscan(s, &n)
		return n
	}
	return 50
}

// TestKillClient kills `imbang sync` with SIGKILL at random points of ≥ 50
// syncs (the first ones push the whole demo region), editing between them.
func TestKillClient(t *testing.T) {
	r, ctx := newRig(t)
	tok := r.addDevice("--bkpsdm")
	obsTok := r.addDevice("--bkpsdm")
	r.startServer()
	client := filepath.Join(r.dir, "client")
	if out, err := r.run("imbang", "--data-dir", client, "demo", "--size", demoSize, "--seed", "1"); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var k killer
	start := time.Now()
	for r.kills < kills() && r.rounds < 4*kills() {
		r.edit(ctx, client, rng)
		cmd, _ := r.syncCmd(client, tok)
		begun := time.Now()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err == nil {
				r.completed++
				k.finished(time.Since(begun))
			}
		case <-time.After(k.delay(rng)):
			cmd.Process.Signal(syscall.SIGKILL)
			if err := <-done; err == nil {
				r.completed++ // it had just finished
			} else {
				r.kills++
			}
		}
		r.rounds++
	}
	if r.kills < kills() {
		t.Errorf("only %d kills landed inside a sync in %d rounds", r.kills, r.rounds)
	}
	t.Logf("%d kills of the client inside a sync, %d rounds (%d syncs finished first) in %v; where they landed: %v; final kill window %v", r.kills, r.rounds, r.completed, time.Since(start).Round(time.Millisecond), r.phases, k.window.Round(time.Millisecond))
	t0 := time.Now()
	r.cleanSync(client, tok)
	t.Logf("clean sync %v", time.Since(t0).Round(time.Millisecond))
	r.verify(ctx, client, filepath.Join(r.dir, "observer"), obsTok)
}

// TestKillServer kills `imbang-server serve` with SIGKILL while a client
// syncs, ≥ 50 times, restarting it each time.
func TestKillServer(t *testing.T) {
	r, ctx := newRig(t)
	tok := r.addDevice("--bkpsdm")
	obsTok := r.addDevice("--bkpsdm")
	client := filepath.Join(r.dir, "client")
	if out, err := r.run("imbang", "--data-dir", client, "demo", "--size", demoSize, "--seed", "1"); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	var k killer
	start := time.Now()
	for r.kills < kills() && r.rounds < 4*kills() {
		r.startServer()
		r.edit(ctx, client, rng)
		cmd, _ := r.syncCmd(client, tok)
		begun := time.Now()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err == nil {
				r.completed++
				k.finished(time.Since(begun))
			}
			r.killServer()
		case <-time.After(k.delay(rng)):
			r.killServer()
			r.kills++
			// The client now retries with backoff against a dead server; it
			// has lost its connection mid-sync, which is the point. Stop it.
			select {
			case err := <-done:
				if err == nil {
					r.completed++
				}
			case <-time.After(300 * time.Millisecond):
				cmd.Process.Signal(syscall.SIGKILL)
				<-done
			}
		}
		r.rounds++
	}
	if r.kills < kills() {
		t.Errorf("only %d kills landed inside a sync in %d rounds", r.kills, r.rounds)
	}
	t.Logf("%d kills of the server during a sync, %d rounds (%d client syncs finished first or anyway) in %v; where they landed: %v; final kill window %v", r.kills, r.rounds, r.completed, time.Since(start).Round(time.Millisecond), r.phases, k.window.Round(time.Millisecond))
	r.startServer()
	t0 := time.Now()
	r.cleanSync(client, tok)
	t.Logf("clean sync %v", time.Since(t0).Round(time.Millisecond))
	r.verify(ctx, client, filepath.Join(r.dir, "observer"), obsTok)
}
