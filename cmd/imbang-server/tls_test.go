package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/tlspin"
)

type lockedBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuf) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func TestPlainHTTPOnlyOnLoopback(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	_, errs, code := cli(t, "serve", "--http", "--listen", "0.0.0.0:0", "--db", db)
	if code != 2 || !strings.Contains(errs, "loopback") {
		t.Fatalf("plain HTTP on 0.0.0.0 without --insecure-http: %d %s", code, errs)
	}
	for addr, want := range map[string]bool{"127.0.0.1:1": true, "[::1]:1": true, "localhost:1": true, "0.0.0.0:1": false, "10.0.0.5:1": false, ":1": false} {
		if isLoopback(addr) != want {
			t.Errorf("isLoopback(%s) != %v", addr, want)
		}
	}
}

// TestServeHTTPSWithOwnCA: serve makes its CA on first start and prints the
// fingerprint; `enroll` puts it in the enrollment string; a pinned client
// connects, a client pinning another fingerprint is refused; /metrics and
// request ids answer.
func TestServeHTTPSWithOwnCA(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	ready := make(chan string, 1)
	done := make(chan int, 1)
	var sout, serr lockedBuf
	go func() {
		done <- run([]string{"serve", "--listen", "127.0.0.1:0", "--db", db}, &sout, &serr, ready)
	}()
	addr := <-ready
	fp := field(sout.String(), "ca_fingerprint")
	if len(fp) != 64 {
		t.Fatalf("no CA fingerprint printed: %q %s", sout.String(), serr.String())
	}
	b, err := os.ReadFile(filepath.Join(db+".tls", tlspin.CAFile))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := tlspin.PEMFingerprint(b); got != fp {
		t.Fatalf("printed %s, CA file %s", fp, got)
	}
	url := "https://" + addr
	if out, errs, code := cli(t, "--db", db, "enroll", "--opd", "OPD-A", "--ttl", "2h", "--url", url); code != 1 || !strings.Contains(errs, "tidak ada di server") {
		t.Fatalf("enroll for an OPD the server does not hold: %d %s %s", code, out, errs)
	}
	out, errs, code := cli(t, "--db", db, "enroll", "--bkpsdm", "--ttl", "2h", "--url", url)
	if code != 0 || !strings.HasPrefix(field(out, "enrollment"), "imbang1:"+url+"#") || !strings.HasSuffix(field(out, "enrollment"), "#"+fp) {
		t.Fatalf("enroll: %d %s %s", code, out, errs)
	}
	pinned := &http.Client{Transport: &http.Transport{TLSClientConfig: tlspin.ClientConfig(fp, "127.0.0.1")}}
	req, _ := http.NewRequestWithContext(context.Background(), "GET", url+"/healthz", nil)
	req.Header.Set("X-Request-Id", "abc-123")
	res, err := pinned.Do(req)
	if err != nil {
		t.Fatalf("pinned client refused: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("X-Request-Id") != "abc-123" {
		t.Fatalf("healthz %d, request id %q", res.StatusCode, res.Header.Get("X-Request-Id"))
	}
	res, err = pinned.Get(url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	var mb bytes.Buffer
	mb.ReadFrom(res.Body)
	res.Body.Close()
	for _, want := range []string{"imbang_push_duration_seconds_bucket", "imbang_changes_total{disposition=\"rejected\"}", `imbang_http_requests_total{path="/healthz",status="200"} 1`} {
		if !strings.Contains(mb.String(), want) {
			t.Fatalf("metrics lack %q:\n%s", want, mb.String())
		}
	}
	wrong := &http.Client{Transport: &http.Transport{TLSClientConfig: tlspin.ClientConfig(strings.Repeat("0", 64), "127.0.0.1")}}
	if _, err := wrong.Get(url + "/healthz"); err == nil || !strings.Contains(err.Error(), "pinned CA fingerprint") {
		t.Fatalf("wrong pin: %v", err)
	}
	// an enroll with an unknown code: 401, in Indonesian
	res, err = pinned.Post(url+protocol.PathEnroll, "application/json", strings.NewReader(`{"code":"AAAA-BBBB-CCCC-DDDD","install_id":"7d6f1b9e-0000-4000-8000-000000000001"}`))
	if err != nil {
		t.Fatal(err)
	}
	mb.Reset()
	mb.ReadFrom(res.Body)
	res.Body.Close()
	if res.StatusCode != 401 || !strings.Contains(mb.String(), "Kode pendaftaran tidak dikenal") {
		t.Fatalf("unknown code: %d %s", res.StatusCode, mb.String())
	}
	syscall.Kill(os.Getpid(), syscall.SIGTERM)
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d: %s", code, serr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
	if !strings.Contains(serr.String(), `"request_id":"abc-123"`) {
		t.Fatalf("request id not logged:\n%s", serr.String())
	}
}
