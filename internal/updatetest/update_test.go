package updatetest

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/release"
)

const waitLong = 6 * time.Minute // a busy two-core machine: generous, never a speed assertion

func root(t *testing.T) string {
	t.Helper()
	wd, _ := os.Getwd()
	return filepath.Clean(filepath.Join(wd, "..", ".."))
}

func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func webkitTag() string {
	if exec.Command("pkg-config", "--exists", "webkit2gtk-4.0").Run() == nil {
		return ""
	}
	return ",webkit2_41"
}

// link is the slow link between the desktop and the server: release file
// bytes flow at bytesPerS, and the first download is cut once cutAt bytes
// of it have passed.
type link struct {
	bytesPerS int64
	cutAt     int64
	fileBytes atomic.Int64 // release file bytes delivered, over all requests
	cut       atomic.Bool
	mu        sync.Mutex
	ranges    []string // Range headers of the file requests, in order
	tamper    atomic.Bool
}

type slowBody struct {
	io.ReadCloser
	l *link
}

func (b *slowBody) Read(p []byte) (int, error) {
	if len(p) > 4096 {
		p = p[:4096]
	}
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		if b.l.tamper.Load() {
			p[0] ^= 0x5a
		}
		total := b.l.fileBytes.Add(int64(n))
		time.Sleep(time.Duration(int64(n) * int64(time.Second) / b.l.bytesPerS))
		if b.l.cutAt > 0 && total > b.l.cutAt && b.l.cut.CompareAndSwap(false, true) {
			// The cut falls inside this read: half of it arrives. Delivered
			// whole, a read that ends its range would complete the request
			// and the cut would go unseen (it did when a release's size put
			// cutAt in a range's last read).
			keep := n / 2
			b.l.fileBytes.Add(int64(keep - n))
			return keep, errors.New("link cut")
		}
	}
	return n, err
}

func (l *link) proxy(target string) http.Handler {
	u, _ := url.Parse(target)
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.ModifyResponse = func(r *http.Response) error {
		if r.Request.URL.Path == protocol.PathReleaseFile {
			l.mu.Lock()
			l.ranges = append(l.ranges, r.Request.Header.Get("Range"))
			l.mu.Unlock()
			r.Body = &slowBody{ReadCloser: r.Body, l: l}
		}
		return nil
	}
	return rp
}

func freePort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// desktop is one start of the installed program (and the versions it launches).
type desktop struct {
	cmd *exec.Cmd
	log string
}

func startDesktop(t *testing.T, bin, data, log string) *desktop {
	t.Helper()
	f, err := os.Create(log)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--data-dir", data)
	cmd.Stdout, cmd.Stderr = f, f
	cmd.Env = append(os.Environ(), "NO_AT_BRIDGE=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	d := &desktop{cmd: cmd, log: log}
	t.Cleanup(d.stop)
	return d
}

// stop ends the program and every version it started (one process group).
func (d *desktop) stop() {
	if d.cmd.Process == nil || d.cmd.ProcessState != nil {
		return
	}
	syscall.Kill(-d.cmd.Process.Pid, syscall.SIGKILL)
	d.cmd.Wait()
}

// wait polls the log until re matches (or the program exits, or waitLong).
func (d *desktop) wait(t *testing.T, re string) string {
	t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(waitLong)
	for time.Now().Before(deadline) {
		b, _ := os.ReadFile(d.log)
		if m := rx.Find(b); m != nil {
			return string(m)
		}
		time.Sleep(300 * time.Millisecond)
	}
	b, _ := os.ReadFile(d.log)
	t.Fatalf("no %q in the desktop log within %v:\n%s", re, waitLong, tail(b, 4000))
	return ""
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

func TestUpdateEndToEnd(t *testing.T) {
	if os.Getenv("IMBANG_UPDATE_E2E") != "1" {
		t.Skip("the update end-to-end test runs with IMBANG_UPDATE_E2E=1 under an X display (make package-test)")
	}
	if os.Getenv("DISPLAY") == "" {
		t.Fatal("IMBANG_UPDATE_E2E=1 needs an X display (run it under xvfb-run, as make package-test does)")
	}
	src := root(t)
	if _, err := os.Stat(filepath.Join(src, "frontend", "dist", "index.html")); err != nil {
		t.Fatal("frontend/dist is not built (make frontend)")
	}
	work := t.TempDir()
	pub, priv, err := release.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(work, "release.key")
	os.WriteFile(keyFile, []byte(priv), 0o600)

	// The programs: the server and CLI, the desktop at two versions with the
	// test's release key built in, and a 1.2.0 that crashes at start.
	bin := filepath.Join(work, "bin")
	server, cli := filepath.Join(bin, "imbang-server"), filepath.Join(bin, "imbang")
	nocgo := []string{"CGO_ENABLED=0"}
	run(t, src, nocgo, "go", "build", "-o", server, "./cmd/imbang-server")
	run(t, src, nocgo, "go", "build", "-o", cli, "./cmd/imbang")
	desk := func(v string) string {
		out := filepath.Join(bin, v, "imbang-desktop")
		ld := "-w -s -X main.version=" + v + " -X github.com/bkpsdm-sorong/imbang/sync/release.BuiltinKey=" + pub
		run(t, src, nil, "go", "build", "-tags", "desktop,production"+webkitTag(), "-ldflags", ld, "-o", out, ".")
		return out
	}
	v100, v110 := desk("1.0.0"), desk("1.1.0")
	v120 := filepath.Join(bin, "1.2.0", "imbang-desktop")
	run(t, filepath.Join(src, "sync", "release"), nocgo, "go", "build", "-ldflags", "-X main.mode=crash -X main.version=1.2.0", "-o", v120, "./testdata/fakeapp")

	// The server, behind the slow link.
	db := filepath.Join(work, "server.db")
	addr := freePort(t)
	srv := exec.Command(server, "serve", "--db", db, "--listen", addr, "--http", "--rate", "0")
	var srvLog bytes.Buffer
	srv.Stdout, srv.Stderr = &srvLog, &srvLog
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Process.Kill(); srv.Wait() })
	for i := 0; ; i++ {
		if r, err := http.Get("http://" + addr + "/healthz"); err == nil {
			r.Body.Close()
			break
		}
		if i > 600 {
			t.Fatalf("server did not start:\n%s", srvLog.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	size110 := func() int64 { fi, _ := os.Stat(v110); return fi.Size() }()
	lk := &link{bytesPerS: 4 << 20, cutAt: size110 * 2 / 5}
	pln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ps := &http.Server{Handler: lk.proxy("http://" + addr)}
	go ps.Serve(pln)
	t.Cleanup(func() { ps.Close() })
	linkURL := "http://" + pln.Addr().String()

	// A BKPSDM desktop holding a small demo region, enrolled through the link.
	data := filepath.Join(work, "data")
	out := run(t, work, nil, server, "--db", db, "enroll", "--bkpsdm", "--url", linkURL)
	enr := regexp.MustCompile(`enrollment: (\S+)`).FindStringSubmatch(out)
	if enr == nil {
		t.Fatalf("no enrollment string:\n%s", out)
	}
	run(t, work, nil, cli, "--data-dir", data, "demo", "--size", "300", "--seed", "1")
	run(t, work, nil, cli, "--data-dir", data, "enroll", enr[1])
	infoOf := func() (device, pegawai, checksum string) {
		info := run(t, work, nil, cli, "--data-dir", data, "info")
		get := func(k string) string {
			m := regexp.MustCompile(k + `\s+(\S+)`).FindStringSubmatch(info)
			if m == nil {
				t.Fatalf("no %s in info:\n%s", k, info)
			}
			return m[1]
		}
		return get("Perangkat"), get("Pegawai"), get("Checksum data")
	}

	// BKPSDM signs and publishes 1.1.0.
	run(t, work, nil, server, "release", "sign", "--key", keyFile, "--version", "1.1.0", "--notes", "Perbaikan", v110)
	run(t, work, nil, server, "--db", db, "release", "publish", v110)

	// 1.0.0 starts, syncs, learns of 1.1.0 and downloads it through the cut.
	d1 := startDesktop(t, v100, data, filepath.Join(work, "run1.log"))
	d1.wait(t, `IMBANG_UI_READY message=\w+`)
	d1.wait(t, `msg="update ready" version=1.1.0`)
	d1.stop()
	device, pegawai, sum := infoOf()
	if pegawai != "300" {
		t.Fatalf("the demo region is not in the desktop: %s pegawai", pegawai)
	}
	if !lk.cut.Load() {
		t.Fatal("the link was never cut")
	}
	lk.mu.Lock()
	ranges := append([]string(nil), lk.ranges...)
	lk.mu.Unlock()
	delivered := lk.fileBytes.Load()
	t.Logf("1.1.0 is %d bytes; %d bytes crossed the link in %d range requests (cut once at %d)", size110, delivered, len(ranges), lk.cutAt)
	// Resumed, not restarted: no range after the cut starts at 0 again, and
	// at most one range request's worth was sent twice.
	for i, r := range ranges {
		if i > 0 && strings.HasPrefix(r, "bytes=0-") {
			t.Fatalf("the download restarted from zero after the cut: %q", ranges)
		}
	}
	if delivered > size110+256<<10 {
		t.Fatalf("%d bytes crossed the link for a %d-byte file: the download restarted", delivered, size110)
	}
	if b, _ := os.ReadFile(d1.log); !strings.Contains(string(b), "update download interrupted; resuming") {
		t.Fatal("the updater never saw the cut")
	}

	// The next start runs 1.1.0 with the same data.
	d2 := startDesktop(t, v100, data, filepath.Join(work, "run2.log"))
	d2.wait(t, `IMBANG_DOM_READY ms=\d+ version=1.1.0`)
	d2.wait(t, `IMBANG_UI_READY message=\w+`)
	d2.wait(t, `launcher: version ready" version=1.1.0`)
	// It tells the server its version at its sync.
	waitFor(t, func() bool {
		return strings.Contains(run(t, work, nil, server, "--db", db, "device", "list"), "1.1.0 ("+release.Platform()+")")
	})
	d2.stop()
	if d, p, s := infoOf(); d != device || p != pegawai || s != sum {
		t.Fatalf("data not intact after the update: device %s, %s pegawai, checksum %s (before: %s, %s, %s)", d, p, s, device, pegawai, sum)
	}

	// 1.2.0 crashes at start: published, downloaded by 1.1.0, rolled back.
	run(t, work, nil, server, "release", "sign", "--key", keyFile, "--version", "1.2.0", v120)
	run(t, work, nil, server, "--db", db, "release", "publish", v120)
	d3 := startDesktop(t, v100, data, filepath.Join(work, "run3.log"))
	d3.wait(t, `IMBANG_DOM_READY ms=\d+ version=1.1.0`)
	d3.wait(t, `msg="update ready" version=1.2.0`)
	d3.stop()
	d4 := startDesktop(t, v100, data, filepath.Join(work, "run4.log"))
	d4.wait(t, `update rolled back" version=1.2.0`)
	d4.wait(t, `IMBANG_DOM_READY ms=\d+ version=1.1.0`)
	d4.wait(t, `IMBANG_UI_READY message=\w+`)
	// 1.1.0 reports the rollback at its sync.
	waitFor(t, func() bool {
		out := run(t, work, nil, server, "--db", db, "release", "list")
		return strings.Contains(out, "ROLLBACK") && strings.Contains(out, "1.2.0")
	})
	d4.stop()
	st, err := release.NewLocal(data, nil).State()
	if err != nil || st.Current != "1.1.0" || len(st.Failed) != 1 || st.Failed[0] != "1.2.0" {
		t.Fatalf("update state after the rollback: %+v, %v", st, err)
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLong)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %v", waitLong)
		}
		time.Sleep(time.Second)
	}
}
