// Command imbang-loadtest measures the sync server under many simulated
// devices on loopback (`make loadtest`): it starts the real server (SQLite
// file or a fresh PostgreSQL database) behind a real HTTP listener, then runs
// sync/loadtest and prints throughput and push/pull latency percentiles.
package main

import (
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
	"path/filepath"
	"runtime/pprof"
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
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the whole run (server and clients) here")
	flag.Parse()
	server.TuneGC() // as imbang-server serve does
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if *opds <= 0 {
		*opds = max(1, *devices/10)
	}
	ctx := context.Background()
	var st server.Store
	switch *backend {
	case "sqlite":
		dir, err := os.MkdirTemp("", "imbang-load-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		s, err := sqlitestore.Open(filepath.Join(dir, "server.db"))
		if err != nil {
			return err
		}
		st = s
	case "postgres":
		dbURL, drop, err := freshDatabase(ctx, *pgURL)
		if err != nil {
			return err
		}
		defer drop()
		u, _ := url.Parse(dbURL)
		q := u.Query()
		q.Set("pool_max_conns", fmt.Sprint(*poolSize))
		u.RawQuery = q.Encode()
		s, err := pgstore.Open(ctx, u.String())
		if err != nil {
			return err
		}
		st = s
	default:
		return fmt.Errorf("unknown backend %q", *backend)
	}
	defer st.Close()
	srv, err := server.New(st, server.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	// The server's handlers run under the pprof label side=server, so a
	// -cpuprofile separates the server's CPU from the simulated clients':
	// go tool pprof -tagfocus side=server -top imbang-loadtest FILE
	h := srv.Handler()
	labelled := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pprof.Do(r.Context(), pprof.Labels("side", "server"), func(ctx context.Context) { h.ServeHTTP(w, r.WithContext(ctx)) })
	})
	hs := &http.Server{Handler: labelled, ReadHeaderTimeout: 30 * time.Second}
	go hs.Serve(ln)
	defer hs.Close()
	hc := &http.Client{Timeout: 2 * time.Minute, Transport: &http.Transport{MaxIdleConns: 1024, MaxIdleConnsPerHost: 1024, IdleConnTimeout: time.Minute}}
	fmt.Printf("backend %s: %d devices, %g changes/s each, sync every %v, %v\n", *backend, *devices, *rate, *interval, *duration)
	res, err := loadtest.Run(ctx, loadtest.Config{
		BaseURL: "http://" + ln.Addr().String(), HTTP: hc, Devices: *devices, OPDs: *opds, Rate: *rate,
		Interval: *interval, Duration: *duration, Rows: *rows, PullEvery: *pullEvery,
		Register: func(ctx context.Context, opdKode string) (string, error) {
			_, tok, err := srv.AddDevice(ctx, opdKode, opdKode == "")
			return tok, err
		},
	})
	if err != nil {
		return err
	}
	fmt.Println(res)
	if *asJSON {
		b, _ := json.Marshal(struct {
			Backend string `json:"backend"`
			loadtest.Result
		}{*backend, res})
		fmt.Println(string(b))
	}
	if res.Errors > 0 {
		return fmt.Errorf("%d errors (first: %s)", res.Errors, res.FirstError)
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
