package main

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
	"github.com/bkpsdm-sorong/imbang/sync/tlspin"
)

// newSyncServer is a sync server on a fresh SQLite file, closed when the
// test ends.
func newSyncServer(t *testing.T) *server.Server {
	t.Helper()
	ss, err := sqlitestore.Open(filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ss.Close() })
	srv, err := server.New(ss, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// imbang sync runs one headless session and prints the JSON summary; the
// server and token are remembered; bundles go through the same client code.
func TestSyncCommand(t *testing.T) {
	srv := newSyncServer(t)
	_, tok, err := srv.AddDevice(context.Background(), "", true)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	dir := t.TempDir()
	if _, errOut, code := runCLI(t, "--data-dir", dir, "demo", "--size", "50"); code != 0 {
		t.Fatal(errOut)
	}
	out, errOut, code := runCLI(t, "--data-dir", dir, "sync", "--server", ts.URL, "--token", tok)
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	var sum struct {
		Pushed, Pulled, Pending int
		Cursor                  string
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	if sum.Pushed == 0 || sum.Pending != 0 || sum.Cursor == "" {
		t.Fatalf("summary %+v", sum)
	}
	// flags are remembered
	out, errOut, code = runCLI(t, "--data-dir", dir, "sync")
	if code != 0 || !strings.Contains(out, `"pushed": 0`) {
		t.Fatalf("second session: exit %d %s %s", code, out, errOut)
	}
	out, _, code = runCLI(t, "--data-dir", dir, "sync", "status")
	if code != 0 || !strings.Contains(out, ts.URL) {
		t.Fatalf("status: %s", out)
	}
	// an unreachable server: exit 1, the summary with the error, the sentence on stderr
	ts.Close()
	out, errOut, code = runCLI(t, "--data-dir", dir, "sync", "--server", "http://127.0.0.1:38297")
	if code != 1 || !strings.Contains(out, `"offline": true`) || !strings.Contains(errOut, "tidak dapat dihubungi") {
		t.Fatalf("offline: exit %d\n%s\n%s", code, out, errOut)
	}
	// bundle export
	bundle := filepath.Join(t.TempDir(), "kiriman.imbang-sync")
	out, errOut, code = runCLI(t, "--data-dir", dir, "sync", "bundle", "export", "--out", bundle)
	if code != 0 || !strings.Contains(out, `"kind": "push"`) {
		t.Fatalf("bundle export: %d %s %s", code, out, errOut)
	}
	// signed by this device (its keys were registered at its first sync), no credential inside
	if raw, _ := os.ReadFile(bundle); !strings.Contains(string(raw), `"version":3`) || strings.Contains(string(raw), tok) {
		t.Fatalf("bundle file: %.200s", raw)
	}
	_, errOut, code = runCLI(t, "--data-dir", dir, "sync", "bundle", "import", bundle)
	if code != 2 || !strings.Contains(errOut, "bundel kiriman") {
		t.Fatalf("own push bundle imported: %d %s", code, errOut)
	}
}

// TestSyncRefusedServerSavesNothing: `imbang sync --server URL --token T`
// against a server whose certificate fails the pinned CA check is refused
// and leaves the stored server, token and cursor as they were; with -v a
// session prints its progress (push requests, pull pages, rows) on stderr.
func TestSyncRefusedServerSavesNothing(t *testing.T) {
	srv := newSyncServer(t)
	_, tok, err := srv.AddDevice(context.Background(), "", true)
	if err != nil {
		t.Fatal(err)
	}
	good := httptest.NewServer(srv.Handler())
	defer good.Close()
	dir := t.TempDir()
	if _, errOut, code := runCLI(t, "--data-dir", dir, "demo", "--size", "50"); code != 0 {
		t.Fatal(errOut)
	}
	out, errOut, code := runCLI(t, "--data-dir", dir, "sync", "-v", "--page-bytes", "16384", "--server", good.URL, "--token", tok)
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	for _, want := range []string{"sinkron: kirim", "perubahan dijawab", "sinkron: tarik halaman 2", "baris"} {
		if !strings.Contains(errOut, want) {
			t.Fatalf("no progress %q on stderr:\n%s", want, errOut)
		}
	}
	status := func() map[string]any {
		t.Helper()
		out, _, code := runCLI(t, "--data-dir", dir, "sync", "status")
		var m map[string]any
		if code != 0 || json.Unmarshal([]byte(out), &m) != nil {
			t.Fatalf("status: %d %s", code, out)
		}
		delete(m, "counts")
		delete(m, store.MetaSyncLastError)
		return m
	}
	before := status()

	// another server over HTTPS: its CA is not the pinned one
	cert, _, err := tlspin.EnsureCA(t.TempDir(), []string{"127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	other := httptest.NewUnstartedServer(srv.Handler())
	other.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	other.StartTLS()
	defer other.Close()
	st, err := store.Open(context.Background(), store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	st.SetSyncMeta(context.Background(), map[string]string{client.MetaCAFingerprint: strings.Repeat("ab", 32)})
	st.Close()
	before[client.MetaCAFingerprint] = strings.Repeat("ab", 32)
	out, errOut, code = runCLI(t, "--data-dir", dir, "sync", "--server", other.URL, "--token", "imb1.0.palsu")
	if code != 1 || !strings.Contains(out, `"code": "certificate"`) {
		t.Fatalf("refused server: exit %d %s %s", code, out, errOut)
	}
	if after := status(); !reflect.DeepEqual(after, before) {
		t.Fatalf("a refused server changed the sync settings:\nbefore %v\nafter  %v", before, after)
	}
	st, _ = store.Open(context.Background(), store.Options{Dir: dir})
	defer st.Close()
	if v, _ := st.SyncMeta(context.Background(), store.MetaSyncToken); v != tok {
		t.Fatalf("token %q saved from a refused server", v)
	}
}
