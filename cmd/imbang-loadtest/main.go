// Command imbang-loadtest measures the sync server under many simulated
// devices on loopback (`make loadtest`): it starts the real server (SQLite
// file or a fresh PostgreSQL database) behind a real HTTP listener, then runs
// sync/loadtest and prints throughput and push/pull latency percentiles.
package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/loadtest"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
	"github.com/jackc/pgx/v5"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "imbang-loadtest:", err)
		os.Exit(1)
	}
}

func run() error {
	backend := flag.String("backend", "sqlite", "sqlite or postgres")
	pgURL := flag.String("pg", envOr("IMBANG_TEST_PG", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"),
		"PostgreSQL server: a fresh database imbang_load_<random> is created on it and dropped afterwards")
	poolSize := flag.Int("pool", 16, "PostgreSQL connections")
	devices := flag.Int("devices", 200, "simulated devices")
	opds := flag.Int("opds", 0, "OPDs the devices belong to (default devices/10)")
	rate := flag.Float64("rate", 10, "changes per second per device")
	interval := flag.Duration("interval", time.Second, "each device pushes and pulls this often")
	duration := flag.Duration("duration", 30*time.Second, "measured phase")
	rows := flag.Int("rows", 20, "employees each device inserts, then edits")
	pullEvery := flag.Int("pull-every", 1, "pull after every Nth push (-1: never, the push path alone)")
	listen := flag.String("listen", "127.0.0.1:38440", "server address (loopback)")
	asJSON := flag.Bool("json", false, "print the result as JSON too")
	split := flag.Bool("split", true, "run the server in its own process at normal priority and the simulated devices in this one at nice 10, "+
		"as on a real deployment where the devices are other machines (false: both in this process, sharing its CPU evenly)")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the server here (with -split=false: of the whole run)")
	serveChild := flag.String("serve-child", "", "internal: serve the store at this path or postgres URL for a -split parent")
	flag.Parse()
	server.TuneGC() // as imbang-server serve does
	if *opds <= 0 {
		*opds = max(1, *devices/10)
	}
	ctx := context.Background()
	if *serveChild != "" {
		return serveForParent(ctx, *serveChild, *poolSize, *listen, *devices, *opds, *cpuProfile)
	}
	if *cpuProfile != "" && !*split {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	var dbRef string // a SQLite path or a PostgreSQL URL
	switch *backend {
	case "sqlite":
		dir, err := os.MkdirTemp("", "imbang-load-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		dbRef = filepath.Join(dir, "server.db")
	case "postgres":
		dbURL, drop, err := freshDatabase(ctx, *pgURL)
		if err != nil {
			return err
		}
		defer drop()
		dbRef = dbURL
	default:
		return fmt.Errorf("unknown backend %q", *backend)
	}
	hc := &http.Client{Timeout: 2 * time.Minute, Transport: &http.Transport{MaxIdleConns: 1024, MaxIdleConnsPerHost: 1024, IdleConnTimeout: time.Minute}}
	cfg := loadtest.Config{HTTP: hc, Devices: *devices, OPDs: *opds, Rate: *rate,
		Interval: *interval, Duration: *duration, Rows: *rows, PullEvery: *pullEvery}
	var serverCPU func() time.Duration // the server's CPU so far (split only)
	if *split {
		child, err := startChild(ctx, dbRef, *poolSize, *listen, *devices, *opds, *cpuProfile)
		if err != nil {
			return err
		}
		defer child.stop()
		cfg.BaseURL, cfg.Register, serverCPU = child.url, child.register, child.cpu
		if err := niceSelf(10); err != nil {
			fmt.Fprintln(os.Stderr, "imbang-loadtest: could not lower the devices' priority:", err)
		}
	} else {
		st, err := openStore(ctx, dbRef, *poolSize)
		if err != nil {
			return err
		}
		defer st.Close()
		srv, url, stop, err := serveStore(st, *listen)
		if err != nil {
			return err
		}
		defer stop()
		cfg.BaseURL = url
		cfg.Register = func(ctx context.Context, opdKode string) (string, error) {
			_, tok, err := srv.AddDevice(ctx, opdKode, opdKode == "")
			return tok, err
		}
	}
	mode := "server and devices in one process"
	if *split {
		mode = "server in its own process, devices at nice 10"
	}
	fmt.Printf("backend %s: %d devices, %g changes/s each, sync every %v, %v (%s)\n", *backend, *devices, *rate, *interval, *duration, mode)
	var cpu0, cpu1 time.Duration
	if serverCPU != nil {
		cfg.Phase = func(measuring bool) {
			if measuring {
				cpu0 = serverCPU()
			} else {
				cpu1 = serverCPU()
			}
		}
	}
	res, err := loadtest.Run(ctx, cfg)
	if err != nil {
		return err
	}
	if serverCPU != nil {
		res.ServerCPU = cpu1 - cpu0
	}
	fmt.Println(res)
	if *asJSON {
		b, _ := json.Marshal(struct {
			Backend string `json:"backend"`
			Split   bool   `json:"split"`
			loadtest.Result
		}{*backend, *split, res})
		fmt.Println(string(b))
	}
	if res.Errors > 0 {
		return fmt.Errorf("%d errors (first: %s)", res.Errors, res.FirstError)
	}
	return nil
}

// openStore opens the server store: a SQLite path or a postgres:// URL.
func openStore(ctx context.Context, ref string, pool int) (server.Store, error) {
	if !strings.HasPrefix(ref, "postgres://") && !strings.HasPrefix(ref, "postgresql://") {
		return sqlitestore.Open(ref)
	}
	u, err := url.Parse(ref)
	if err != nil {
		return nil, err
	}
	q := u.Query()
	q.Set("pool_max_conns", fmt.Sprint(pool))
	u.RawQuery = q.Encode()
	return pgstore.Open(ctx, u.String())
}

// serveStore serves st over plain HTTP on a loopback address. Its handlers
// run under the pprof label side=server, so an in-process -cpuprofile
// separates the server's CPU from the simulated clients':
// go tool pprof -tagfocus side=server -top imbang-loadtest FILE
func serveStore(st server.Store, listen string) (*server.Server, string, func(), error) {
	srv, err := server.New(st, server.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return nil, "", nil, err
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, "", nil, err
	}
	h := srv.Handler()
	labelled := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pprof.Do(r.Context(), pprof.Labels("side", "server"), func(ctx context.Context) { h.ServeHTTP(w, r.WithContext(ctx)) })
	})
	hs := &http.Server{Handler: labelled, ReadHeaderTimeout: 30 * time.Second}
	go hs.Serve(ln)
	return srv, "http://" + ln.Addr().String(), func() { hs.Close() }, nil
}

// childHello is the first line a -serve-child prints: where it listens and
// the tokens of the devices it registered (the admin first, then per OPD).
type childHello struct {
	URL    string              `json:"url"`
	Admin  string              `json:"admin"`
	Tokens map[string][]string `json:"tokens"` // OPD kode → tokens
}

// serveForParent is the -split child: it registers the devices (the
// generator's OPD kodes, loadtest.OPDKode), prints childHello, serves until
// its standard input closes (the parent is done or gone).
func serveForParent(ctx context.Context, ref string, pool int, listen string, devices, opds int, cpuProfile string) error {
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	st, err := openStore(ctx, ref, pool)
	if err != nil {
		return err
	}
	defer st.Close()
	srv, u, stop, err := serveStore(st, listen)
	if err != nil {
		return err
	}
	defer stop()
	hello := childHello{URL: u, Tokens: map[string][]string{}}
	if _, hello.Admin, err = srv.AddDevice(ctx, "", true); err != nil {
		return err
	}
	for i := range devices {
		kode := loadtest.OPDKode(i % opds)
		_, tok, err := srv.AddDevice(ctx, kode, false)
		if err != nil {
			return err
		}
		hello.Tokens[kode] = append(hello.Tokens[kode], tok)
	}
	if err := json.NewEncoder(os.Stdout).Encode(hello); err != nil {
		return err
	}
	io.Copy(io.Discard, os.Stdin) // until the parent closes it
	return nil
}

type child struct {
	cmd   *exec.Cmd
	stdin io.Closer
	url   string
	mu    sync.Mutex
	admin string
	toks  map[string][]string
}

func startChild(ctx context.Context, ref string, pool int, listen string, devices, opds int, cpuProfile string) (*child, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, exe, "-serve-child", ref, "-pool", fmt.Sprint(pool), "-listen", listen,
		"-devices", fmt.Sprint(devices), "-opds", fmt.Sprint(opds), "-cpuprofile", cpuProfile)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	var hello childHello
	if err := json.NewDecoder(bufio.NewReader(out)).Decode(&hello); err != nil {
		in.Close()
		cmd.Wait()
		return nil, fmt.Errorf("server process: %w", err)
	}
	return &child{cmd: cmd, stdin: in, url: hello.URL, admin: hello.Admin, toks: hello.Tokens}, nil
}

func (c *child) register(_ context.Context, opdKode string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if opdKode == "" {
		return c.admin, nil
	}
	l := c.toks[opdKode]
	if len(l) == 0 {
		return "", fmt.Errorf("server process registered no more devices for %s", opdKode)
	}
	c.toks[opdKode] = l[1:]
	return l[0], nil
}

// cpu is the server process's user+system CPU so far (/proc/PID/stat).
func (c *child) cpu() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", c.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * time.Second / 100 // USER_HZ
}

func (c *child) stop() {
	c.stdin.Close()
	done := make(chan struct{})
	go func() { c.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		c.cmd.Process.Kill()
		<-done
	}
}

// niceSelf lowers the priority of every thread of this process (Linux
// keeps a nice value per thread; threads made later inherit it).
func niceSelf(n int) error {
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return syscall.Setpriority(syscall.PRIO_PROCESS, 0, n)
	}
	for _, t := range tasks {
		tid, err := strconv.Atoi(t.Name())
		if err != nil {
			continue
		}
		if err := syscall.Setpriority(syscall.PRIO_PROCESS, tid, n); err != nil {
			return err
		}
	}
	return nil
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// freshDatabase creates imbang_load_<random> on the server of admin and
// returns its URL and a function that drops it.
func freshDatabase(ctx context.Context, admin string) (string, func(), error) {
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", nil, fmt.Errorf("PostgreSQL at %s: %w (run `make pg`)", admin, err)
	}
	defer conn.Close(ctx)
	var b [6]byte
	rand.Read(b[:])
	name := "imbang_load_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return "", nil, err
	}
	u, err := url.Parse(admin)
	if err != nil {
		return "", nil, err
	}
	u.Path = "/" + name
	drop := func() {
		c, err := pgx.Connect(context.Background(), admin)
		if err != nil {
			return
		}
		defer c.Close(context.Background())
		c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	}
	return u.String(), drop, nil
}
