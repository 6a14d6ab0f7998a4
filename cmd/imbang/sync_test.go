package main

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
)

// imbang sync runs one headless session and prints the JSON summary; the
// server and token are remembered; bundles go through the same client code.
func TestSyncCommand(t *testing.T) {
	ss, err := sqlitestore.Open(filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	srv, err := server.New(ss, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
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
	if raw, _ := os.ReadFile(bundle); !strings.Contains(string(raw), `"version":2`) || strings.Contains(string(raw), tok) {
		t.Fatalf("bundle file: %.200s", raw)
	}
	_, errOut, code = runCLI(t, "--data-dir", dir, "sync", "bundle", "import", bundle)
	if code != 2 || !strings.Contains(errOut, "bundel kiriman") {
		t.Fatalf("own push bundle imported: %d %s", code, errOut)
	}
}
