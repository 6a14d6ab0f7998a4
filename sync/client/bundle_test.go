package client_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/seal"
)

func errCode(err error) string {
	var de *domain.Error
	if errors.As(err, &de) {
		return de.Code
	}
	return ""
}

func readBundle(t *testing.T, path string) protocol.Bundle {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var b protocol.Bundle
	if err := json.Unmarshal(raw, &b); err != nil {
		t.Fatal(err)
	}
	return b
}

func writeBundle(t *testing.T, path string, b any) {
	t.Helper()
	raw, _ := json.Marshal(b)
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
}

// deskState is what a refused pull bundle must leave as it was.
func deskState(t *testing.T, st *store.Store) string {
	t.Helper()
	var b strings.Builder
	for _, k := range []string{store.MetaPullCursor, store.MetaPullSeq, store.MetaSyncEpoch} {
		v, _ := st.SyncMeta(ctx, k)
		b.WriteString(k + "=" + v + ";")
	}
	for _, q := range []string{"SELECT count(*) FROM pegawai", "SELECT count(*) FROM pengguna",
		"SELECT coalesce(group_concat(nama), '') FROM (SELECT nama FROM pegawai ORDER BY id)"} {
		var v string
		if err := st.DB().QueryRow(q).Scan(&v); err != nil {
			t.Fatal(err)
		}
		b.WriteString(v + ";")
	}
	b.WriteString(strings.Repeat("o", pending(t, st)))
	return b.String()
}

// TestOfflineBundleRoundTrip: weeks without a link — the desktop exports its
// changes to a signed, encrypted file, the server imports it through the
// push path (a second import is answered as already imported), the server
// exports a pull bundle for the device, the desktop imports it: the edits
// are confirmed and leave the outbox. Importing twice changes nothing. The
// files show no personal data and no credential.
func TestOfflineBundleRoundTrip(t *testing.T) {
	w := newWorld(t)
	p, kode := w.anEmployee()
	a := w.opdDesk("a", kode) // enrolled before bundle keys: its first sync registered them
	cursor, _ := a.st.SyncMeta(ctx, store.MetaPullCursor)
	a.edit(t, p.ID, func(p *domain.Pegawai) { p.Nama = "Lewat Flashdisk" })
	dir := t.TempDir()
	res, err := client.ExportBundle(ctx, a.st, filepath.Join(dir, "kiriman.imbang-sync"), time.Now())
	if err != nil || res.Changes != 1 {
		t.Fatalf("export: %+v %v", res, err)
	}
	raw, _ := os.ReadFile(res.Path)
	secrets := []string{"Lewat Flashdisk", p.Nama, string(p.NIP), a.tok}
	for _, k := range []string{client.MetaBundleSignKey, client.MetaBundleBoxKey} {
		v, _ := a.st.SyncMeta(ctx, k)
		secrets = append(secrets, v)
	}
	for _, s := range secrets {
		if s == "" || bytes.Contains(raw, []byte(s)) {
			t.Fatalf("push bundle shows %q", s)
		}
	}
	push := readBundle(t, res.Path)
	if push.Device != a.dev {
		t.Fatalf("push bundle names %q, not the server device %q", push.Device, a.dev)
	}
	for i := 0; i < 2; i++ {
		r, err := w.srv.ImportBundle(ctx, push, "")
		if err != nil || r.Counts[protocol.StatusApplied] != 1 || r.AlreadyImported != (i == 1) {
			t.Fatalf("server import %d: %+v %v", i, r, err)
		}
	}
	pull, _, err := w.srv.ExportBundle(ctx, a.dev, cursor, protocol.SchemaVersion)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "data.imbang-sync")
	writeBundle(t, path, pull)
	raw, _ = os.ReadFile(path)
	if bytes.Contains(raw, []byte("Lewat Flashdisk")) || bytes.Contains(raw, []byte(string(p.NIP))) {
		t.Fatal("pull bundle shows personal data")
	}
	for i := 0; i < 2; i++ {
		r, err := client.ImportBundle(ctx, a.st, path)
		if err != nil {
			t.Fatalf("import %d: %v", i, err)
		}
		if n := pending(t, a.st); n != 0 {
			t.Fatalf("import %d: %d outbox entries left (%+v)", i, n, r.Pull)
		}
	}
	if got := a.pegawai(t, p.ID).Nama; got != "Lewat Flashdisk" {
		t.Fatalf("after the bundle: %q", got)
	}
	// a damaged file is refused and changes nothing
	before := deskState(t, a.st)
	bad := pull
	bad.Sealed = bytes.Clone(pull.Sealed)
	bad.Sealed[len(bad.Sealed)-5] ^= 1
	writeBundle(t, path, bad)
	if _, err := client.ImportBundle(ctx, a.st, path); errCode(err) != "sync."+protocol.ErrBundleInvalid {
		t.Fatalf("damaged bundle: %v", err)
	}
	if deskState(t, a.st) != before {
		t.Fatal("a damaged bundle changed the desktop")
	}
	// and the device carries on online from where the bundle left it
	w.sync(a)
}

// A forged pull bundle changes nothing: an unsigned one (the old format)
// adding an admin account and a cursor past the server's head, one signed
// by another key, one for another device or another server, and a real one
// that starts after the device's cursor. The cursor stays, no row moves.
func TestForgedPullBundleRefused(t *testing.T) {
	w := newWorld(t)
	p, kode := w.anEmployee()
	a := w.opdDesk("a", kode)
	b := w.opdDesk("b", kode)
	dir := t.TempDir()
	path := filepath.Join(dir, "data.imbang-sync")
	cur, _ := a.st.SyncMeta(ctx, store.MetaPullCursor)
	epoch, _ := a.st.SyncMeta(ctx, store.MetaSyncEpoch)
	page := protocol.PullResponse{NextCursor: epoch + ":999999999", ServerEpoch: epoch, Entries: []protocol.Entry{
		{Seq: 999999990, Kind: protocol.KindRow, Table: "pengguna", RowID: "0190a0a0-0000-7000-8000-000000000001",
			Row: map[string]any{"username": "penyusup", "nama": "Penyusup", "role": "PPK_ADMIN_BKPSDM", "opd_id": "", "pegawai_id": "",
				"password_hash": "x", "aktif": 1, "harus_ganti": 0}, HLC: "999999999999999.0000000000"},
		{Seq: 999999991, Kind: protocol.KindRow, Table: "pegawai", RowID: p.ID, Row: map[string]any{"nama": "Dipalsukan"}},
	}}
	dev, _ := a.st.SyncMeta(ctx, client.MetaServerDevice)
	srvSign, _ := a.st.SyncMeta(ctx, client.MetaServerSignKey)
	srvBox, _ := a.st.SyncMeta(ctx, client.MetaServerBoxKey)
	srvPub, err := seal.ParsePublic(srvSign, srvBox)
	if err != nil {
		t.Fatalf("server keys not pinned after the first sync: %v", err)
	}
	aBox, _ := a.st.SyncMeta(ctx, client.MetaBundleBoxKey)
	aSign, _ := a.st.SyncMeta(ctx, client.MetaBundleSignKey)
	aKeys, _ := seal.ParseKeys(aSign, aBox)
	forger, _ := seal.Generate()
	sealed := func(signer seal.Keys, hdr protocol.Bundle, c protocol.BundleContent) protocol.Bundle {
		msg, _ := json.Marshal(c)
		hdr.Sealed, err = seal.Seal(signer.Sign, aKeys.Public().Box, hdr.Header(), msg)
		if err != nil {
			t.Fatal(err)
		}
		return hdr
	}
	hdr := protocol.Bundle{Format: protocol.BundleFormat, Version: protocol.BundleVersion, Kind: protocol.BundlePull, Device: dev, Server: srvSign, Created: "x"}
	content := protocol.BundleContent{Kind: protocol.BundlePull, Device: dev, InstallID: a.st.DeviceID(), Server: srvSign, Cursor: cur, Pull: &page}
	forBSrv, _, err := w.srv.ExportBundle(ctx, b.dev, "", protocol.SchemaVersion)
	if err != nil {
		t.Fatal(err)
	}
	otherServer := hdr
	otherServer.Server, _ = forger.Public().Strings()
	cases := []struct {
		name, code string
		file       any
	}{
		{"old unsigned format", protocol.ErrBundleFormat, map[string]any{"format": protocol.BundleFormat, "version": 1, "kind": "pull", "device_id": a.st.DeviceID(), "pull": page}},
		{"signed by another key", protocol.ErrBundleInvalid, sealed(forger, hdr, content)},
		{"signed by the device itself", protocol.ErrBundleInvalid, sealed(aKeys, hdr, content)},
		{"for another device", protocol.ErrBundleDevice, forBSrv},
		{"from another server", protocol.ErrBundleServer, sealed(forger, otherServer, content)},
		{"not a bundle", protocol.ErrBundleFormat, map[string]any{"hello": 1}},
	}
	_ = srvPub
	for _, c := range cases {
		before := deskState(t, a.st)
		writeBundle(t, path, c.file)
		if _, err := client.ImportBundle(ctx, a.st, path); errCode(err) != "sync."+c.code {
			t.Fatalf("%s: got %v, want %s", c.name, err, c.code)
		}
		if deskState(t, a.st) != before {
			t.Fatalf("%s: a refused bundle changed the desktop", c.name)
		}
	}
	// A real bundle that starts after the device's cursor would skip what
	// happened in between: refused until one from the device's cursor comes.
	w.bkpsdm.edit(t, p.ID, func(p *domain.Pegawai) { p.Nama = "Diubah BKPSDM" })
	w.sync(w.bkpsdm)
	w.bkpsdm.edit(t, p.ID, func(p *domain.Pegawai) { p.Nama = "Diubah Lagi" })
	w.sync(w.bkpsdm)
	_, mid, err := w.srv.ExportBundle(ctx, a.dev, cur, protocol.SchemaVersion)
	if err != nil {
		t.Fatal(err)
	}
	late, _, err := w.srv.ExportBundle(ctx, a.dev, mid.NextCursor, protocol.SchemaVersion)
	if err != nil {
		t.Fatal(err)
	}
	w.bkpsdm.edit(t, p.ID, func(p *domain.Pegawai) { p.Nama = "Ketiga" })
	w.sync(w.bkpsdm)
	late, _, err = w.srv.ExportBundle(ctx, a.dev, mid.NextCursor, protocol.SchemaVersion)
	if err != nil {
		t.Fatal(err)
	}
	before := deskState(t, a.st)
	writeBundle(t, path, late)
	if _, err := client.ImportBundle(ctx, a.st, path); errCode(err) != "sync."+protocol.ErrBundleCursor || !strings.Contains(err.Error(), cur) {
		t.Fatalf("bundle starting after the cursor: %v", err)
	}
	if deskState(t, a.st) != before {
		t.Fatal("a bundle starting after the cursor changed the desktop")
	}
	good, _, err := w.srv.ExportBundle(ctx, a.dev, cur, protocol.SchemaVersion)
	if err != nil {
		t.Fatal(err)
	}
	writeBundle(t, path, good)
	if _, err := client.ImportBundle(ctx, a.st, path); err != nil {
		t.Fatal(err)
	}
	if got := a.pegawai(t, p.ID).Nama; got != "Ketiga" {
		t.Fatalf("after the bundle from the cursor: %q", got)
	}
	// now the later one is within reach (and changes nothing new)
	writeBundle(t, path, late)
	if _, err := client.ImportBundle(ctx, a.st, path); err != nil {
		t.Fatalf("later bundle after the gap is filled: %v", err)
	}
	w.sync(a)
}

// A device without bundle keys (enrolled before they existed, never synced
// since) cannot export: it is told to sync online once or re-enroll.
// A device never enrolled is told to enroll first.
func TestBundleWithoutKeys(t *testing.T) {
	st := storetest.Demo(t, "", 50, nil)
	path := filepath.Join(t.TempDir(), "x.imbang-sync")
	_, err := client.ExportBundle(ctx, st, path, time.Now())
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != "sync."+protocol.ErrBundleNoKeys || !strings.Contains(de.Message, "belum terdaftar") {
		t.Fatalf("export before enrollment: %v", err)
	}
	if err := st.SetSyncMeta(ctx, map[string]string{store.MetaSyncToken: "imb1.token"}); err != nil {
		t.Fatal(err)
	}
	_, err = client.ExportBundle(ctx, st, path, time.Now())
	if !errors.As(err, &de) || de.Code != "sync."+protocol.ErrBundleNoKeys || !strings.Contains(de.Message, "secara daring") {
		t.Fatalf("export without keys: %v", err)
	}
}
