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
	"github.com/bkpsdm-sorong/imbang/sync/seal"
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
	opdID, opdTok := field(out, "device_id"), field(out, "token")
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
	// both devices register bundle keys over their link (as a device
	// enrolled before bundle keys existed does after a sync)
	register := func(tok string) (seal.Keys, seal.Public) {
		k, _ := seal.Generate()
		sg, bx := k.Public().Strings()
		body, _ := json.Marshal(protocol.KeysRequest{SignKey: sg, BoxKey: bx})
		hr, _ := http.NewRequest("POST", "http://"+addr+protocol.PathKeys, bytes.NewReader(body))
		hr.Header.Set("Authorization", "Bearer "+tok)
		res, err := http.DefaultClient.Do(hr)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var kr protocol.KeysResponse
		json.NewDecoder(res.Body).Decode(&kr)
		srv, err := seal.ParsePublic(kr.ServerSignKey, kr.ServerBoxKey)
		if res.StatusCode != 200 || err != nil {
			t.Fatalf("register keys: %d %v", res.StatusCode, err)
		}
		return k, srv
	}
	adminKeys, srvPub := register(adminTok)
	opdKeys, _ := register(opdTok)
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

	// a bundle signed by the admin device is imported once; a replay is
	// answered as already imported; the wrong --device is refused with a
	// message about the bundle; export writes a pull bundle only that
	// device can open.
	breq := protocol.PushRequest{DeviceID: install, SchemaVersion: protocol.SchemaVersion, Changes: []protocol.Change{{
		LocalSeq: 2, ChangeID: uuid.NewString(), Table: "pemda", RowID: uuid.NewString(), Op: "insert",
		Cols: map[string]any{"kode": "9172", "nama": "Kab", "demo": 0}, HLC: hlc.Timestamp{WallMS: time.Now().UnixMilli()}.String()}}}
	srvSign, _ := srvPub.Strings()
	b := protocol.Bundle{Format: protocol.BundleFormat, Version: protocol.BundleVersion, Kind: protocol.BundlePush, Device: adminID, Server: srvSign, Created: "now"}
	msg, _ := json.Marshal(protocol.BundleContent{Kind: protocol.BundlePush, Device: adminID, InstallID: install, Server: srvSign, Created: "now", Push: &breq})
	b.Sealed, _ = seal.Seal(adminKeys.Sign, srvPub.Box, b.Header(), msg)
	raw, _ := json.Marshal(b)
	bf := filepath.Join(dir, "push.json")
	os.WriteFile(bf, raw, 0o600)
	if _, errs, code := cli(t, "--db", db, "bundle", "import", bf, "--device", opdID); code != 1 ||
		!strings.Contains(errs, "bukan dari perangkat "+opdID) || strings.Contains(errs, "token") {
		t.Fatalf("bundle import with the wrong --device: %d %s", code, errs)
	}
	for i := range 2 {
		out, errs, code := cli(t, "--db", db, "bundle", "import", bf)
		if code != 0 || !strings.Contains(out, `"applied":1`) || strings.Contains(out, `"already_imported":true`) != (i == 1) {
			t.Fatalf("bundle import %d: %d %s %s", i, code, out, errs)
		}
	}
	// an old unsigned bundle is refused, in both languages
	os.WriteFile(bf, []byte(`{"format":"imbang-sync-bundle","version":1,"kind":"push","device_id":"`+install+`","push":{}}`), 0o600)
	if _, errs, code := cli(t, "--db", db, "bundle", "import", bf); code != 1 || !strings.Contains(errs, "tidak bertanda tangan") || !strings.Contains(errs, "not signed") {
		t.Fatalf("unsigned bundle: %d %s", code, errs)
	}
	pf := filepath.Join(dir, "pull.json")
	out, errs, code := cli(t, "--db", db, "bundle", "export", "--device", opdID, "--out", pf)
	if code != 0 {
		t.Fatalf("bundle export: %s %s", out, errs)
	}
	var pb protocol.Bundle
	raw, _ = os.ReadFile(pf)
	if err := json.Unmarshal(raw, &pb); err != nil || pb.Kind != protocol.BundlePull || pb.Device != opdID || bytes.Contains(raw, []byte("Kota Sorong")) {
		t.Fatalf("pull bundle: %v %+v", err, pb)
	}
	pmsg, err := seal.Open(opdKeys.Box, srvPub.Sign, pb.Header(), pb.Sealed)
	var pc protocol.BundleContent
	if err != nil || json.Unmarshal(pmsg, &pc) != nil || len(pc.Pull.Entries) != 2 || pc.Device != opdID {
		t.Fatalf("pull bundle content: %v %+v", err, pc)
	}
	if _, errs, code := cli(t, "--db", db, "bundle", "export", "--device", adminID+"x", "--out", pf+"2"); code != 1 || !strings.Contains(errs, "tidak terdaftar") {
		t.Fatalf("export for an unknown device: %d %s", code, errs)
	}

	// backup, restore: new epoch.
	bk := filepath.Join(dir, "b.db")
	if _, errs, code := cli(t, "--db", db, "backup", "--out", bk); code != 0 {
		t.Fatal(errs)
	}
	out, errs, code = cli(t, "--db", db, "restore", "--from", bk)
	if code != 0 || field(out, "epoch") == "" {
		t.Fatalf("restore: %s %s", out, errs)
	}
	if strings.HasPrefix(pc.Pull.NextCursor, field(out, "epoch")) {
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
