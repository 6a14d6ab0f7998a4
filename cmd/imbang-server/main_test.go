package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/google/uuid"
)

func cli(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb, nil)
	return out.String(), errb.String(), code
}

func field(out, name string) string {
	for _, l := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(l, name+": "); ok {
			return v
		}
	}
	return ""
}

func TestCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	if _, _, code := cli(t, "--db", db, "device", "add", "--bkpsdm"); code != 2 {
		t.Fatalf("device add without --legacy-token: %d", code)
	}
	out, _, code := cli(t, "--db", db, "device", "add", "--legacy-token", "--bkpsdm")
	if code != 0 {
		t.Fatal(code)
	}
	adminID, adminTok := field(out, "device_id"), field(out, "token")
	if adminID == "" || len(adminTok) < 64 {
		t.Fatalf("device add printed %q", out)
	}
	out, _, _ = cli(t, "--db", db, "device", "add", "--legacy-token", "--opd", "OPD-A")
	opdID := field(out, "device_id")
	if _, _, code := cli(t, "--db", db, "device", "add", "--legacy-token"); code != 2 {
		t.Fatalf("device add without --opd/--bkpsdm: %d", code)
	}
	out, _, _ = cli(t, "--db", db, "device", "list")
	if !strings.Contains(out, adminID) || !strings.Contains(out, "BKPSDM") || !strings.Contains(out, "OPD-A") || strings.Contains(out, adminTok) {
		t.Fatalf("device list = %q", out)
	}

	// serve, push a change through HTTP, then SIGTERM: graceful stop.
	ready := make(chan string, 1)
	done := make(chan int, 1)
	var serr bytes.Buffer
	go func() {
		done <- run([]string{"serve", "--http", "--listen", "127.0.0.1:0", "--db", db}, &bytes.Buffer{}, &serr, ready)
	}()
	addr := <-ready
	install := uuid.NewString()
	req := protocol.PushRequest{DeviceID: install, SchemaVersion: protocol.SchemaVersion, Changes: []protocol.Change{{
		LocalSeq: 1, ChangeID: uuid.NewString(), Table: "pemda", RowID: uuid.NewString(), Op: "insert",
		Cols: map[string]any{"kode": "9171", "nama": "Kota Sorong", "demo": 0}, HLC: hlc.Timestamp{WallMS: time.Now().UnixMilli()}.String()}}}
	body, _ := json.Marshal(req)
	hr, _ := http.NewRequest("POST", "http://"+addr+protocol.PathPush, bytes.NewReader(body))
	hr.Header.Set("Authorization", "Bearer "+adminTok)
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		t.Fatal(err)
	}
	var pr protocol.PushResponse
	json.NewDecoder(res.Body).Decode(&pr)
	res.Body.Close()
	if res.StatusCode != 200 || len(pr.Dispositions) != 1 || pr.Dispositions[0].Status != protocol.StatusApplied {
		t.Fatalf("push via serve: %d %+v", res.StatusCode, pr)
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
	if strings.Contains(serr.String(), adminTok) || strings.Contains(serr.String(), "Kota Sorong") {
		t.Fatal("log holds a token or data")
	}

	// bundle import (found by the bound install id) is idempotent; export writes a pull bundle.
	breq := protocol.PushRequest{DeviceID: install, SchemaVersion: protocol.SchemaVersion, Changes: []protocol.Change{{
		LocalSeq: 2, ChangeID: uuid.NewString(), Table: "pemda", RowID: uuid.NewString(), Op: "insert",
		Cols: map[string]any{"kode": "9172", "nama": "Kab", "demo": 0}, HLC: hlc.Timestamp{WallMS: time.Now().UnixMilli()}.String()}}}
	b := protocol.Bundle{Format: protocol.BundleFormat, Version: 1, Kind: "push", DeviceID: install, Push: &breq}
	raw, _ := json.Marshal(b)
	bf := filepath.Join(dir, "push.json")
	os.WriteFile(bf, raw, 0o600)
	for range 2 {
		out, errs, code := cli(t, "--db", db, "bundle", "import", bf)
		if code != 0 || !strings.Contains(out, `"applied":1`) {
			t.Fatalf("bundle import: %d %s %s", code, out, errs)
		}
	}
	pf := filepath.Join(dir, "pull.json")
	out, errs, code := cli(t, "--db", db, "bundle", "export", "--device", opdID, "--out", pf)
	if code != 0 {
		t.Fatalf("bundle export: %s %s", out, errs)
	}
	var pb protocol.Bundle
	raw, _ = os.ReadFile(pf)
	if err := json.Unmarshal(raw, &pb); err != nil || pb.Kind != "pull" || len(pb.Pull.Entries) != 2 {
		t.Fatalf("pull bundle: %v %+v", err, pb.Pull)
	}

	// backup, restore: new epoch.
	bk := filepath.Join(dir, "b.db")
	if _, errs, code := cli(t, "--db", db, "backup", "--out", bk); code != 0 {
		t.Fatal(errs)
	}
	out, errs, code = cli(t, "--db", db, "restore", "--from", bk)
	if code != 0 || field(out, "epoch") == "" || !strings.HasSuffix(pb.Pull.NextCursor, ":"+strings.Split(pb.Pull.NextCursor, ":")[1]) {
		t.Fatalf("restore: %s %s", out, errs)
	}
	if strings.HasPrefix(pb.Pull.NextCursor, field(out, "epoch")) {
		t.Fatal("restore kept the epoch")
	}
	if out, _, code := cli(t, "--db", db, "skew"); code != 0 || !strings.HasPrefix(out, "DEVICE") {
		t.Fatalf("skew: %d %q", code, out)
	}
	if _, _, code := cli(t, "--db", db, "device", "revoke", opdID); code != 0 {
		t.Fatal("revoke failed")
	}
	if _, _, code := cli(t, "--db", db, "device", "revoke", "nope"); code != 1 {
		t.Fatal("revoke of an unknown device succeeded")
	}
}
