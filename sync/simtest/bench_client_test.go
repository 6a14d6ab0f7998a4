package simtest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/client"
)

// BenchmarkSyncInitialClientCPU: the initial sync of the demo region with
// the server in its own process (the `imbang-server serve` binary on the
// same database file), so this process's CPU time is the desktop's share
// alone: HTTP, gunzip, JSON decoding and the page apply.
func BenchmarkSyncInitialClientCPU(b *testing.B) {
	r, seedSt, _, _ := sharedSeeded(b)
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	bin := filepath.Join(r.dir, "imbang-server")
	build := exec.Command("go", "build", "-o", bin, "./cmd/imbang-server")
	build.Dir, build.Env = root, append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("build imbang-server: %v\n%s", err, out)
	}
	addr := ""
	for p := 38350; p < 38400 && addr == ""; p++ {
		if l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p)); err == nil {
			l.Close()
			addr = l.Addr().String()
		}
	}
	srv := exec.Command(bin, "serve", "--http", "--rate", "0", "--listen", addr, "--db", filepath.Join(r.dir, "server.db"))
	if err := srv.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { srv.Process.Kill(); srv.Wait() }()
	for i := 0; i < 200; i++ {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			break
		}
		time.Sleep(25 * time.Millisecond)
	}
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		_, tok, err := r.srv.AddDevice(ctx, "", true) // written to the shared file; the child reads it
		if err != nil {
			b.Fatal(err)
		}
		st, err := store.Open(ctx, store.Options{Dir: filepath.Join(r.dir, benchName("clientcpu")), Log: discard})
		if err != nil {
			b.Fatal(err)
		}
		rt := &countingRT{next: http.DefaultTransport}
		cl := client.New(st, client.Options{ServerURL: "http://" + addr, Token: tok, HTTPClient: &http.Client{Transport: rt}, Log: discard})
		t0, c0 := time.Now(), cpuTime()
		sum := syncQuiet(b, cl)
		el, cpu := time.Since(t0), cpuTime()-c0
		have := syncedRows(st)
		st.Close()
		mustMove(b, "initial sync, server apart (rows held)", have, syncedRows(seedSt))
		b.ReportMetric(float64(have)/cpu.Seconds(), "rows/client-cpu-s")
		b.ReportMetric(float64(have)/el.Seconds(), "rows/s")
		b.Logf("initial sync, server in its own process: %d rows in %v wall = %.0f rows/s; the desktop's CPU %v = %.0f rows per client CPU second; %.2f MB down; %+v",
			have, el.Round(time.Millisecond), float64(have)/el.Seconds(), cpu.Round(time.Millisecond), float64(have)/cpu.Seconds(), float64(rt.down.Load())/1e6, sum)
	}
}
