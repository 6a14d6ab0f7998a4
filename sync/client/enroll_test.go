package client_test

import (
	"crypto/tls"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/tlspin"
)

// tlsServer serves srv over HTTPS with a certificate of a CA made in a
// temporary dir; it returns the URL and the CA fingerprint.
func tlsServer(t *testing.T, srv *server.Server) (string, string) {
	t.Helper()
	cert, fp, err := tlspin.EnsureCA(t.TempDir(), []string{"127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(srv.Handler())
	ts.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	ts.StartTLS()
	t.Cleanup(ts.Close)
	return ts.URL, fp
}

func fastOpts() client.Options {
	return client.Options{RetryMax: 1, Backoff: func(int) time.Duration { return time.Millisecond }}
}

func syncFromStore(t *testing.T, st *store.Store) (client.Summary, error) {
	t.Helper()
	c, err := client.FromStore(ctx, st, fastOpts())
	if err != nil {
		t.Fatal(err)
	}
	return c.Sync(ctx)
}

func clientCode(err error) string {
	var ce *client.Error
	if errors.As(err, &ce) {
		return ce.Code
	}
	return ""
}

// TestEnrollOverPinnedTLS: an OPD desktop enrolls with the enrollment
// string over HTTPS pinned to the server's own CA, syncs with no token
// given, and the code works only once.
func TestEnrollOverPinnedTLS(t *testing.T) {
	w := newWorld(t)
	url, fp := tlsServer(t, w.srv)
	p, kode := w.anEmployee()
	code, err := w.srv.CreateEnrollment(ctx, kode, false, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	str := protocol.FormatEnrollment(url, code.Code, fp)
	e, err := client.ParseEnrollment("", str, "")
	if err != nil || e.ServerURL != url || e.CAFingerprint != fp {
		t.Fatalf("parse %q: %+v %v", str, e, err)
	}
	a := storetest.Open(t, "", nil)
	resp, err := client.Enroll(ctx, a, e, fastOpts())
	if err != nil {
		t.Fatal(err)
	}
	if resp.OPDKode != kode || resp.ExpiresAt == "" {
		t.Fatalf("enroll response %+v", resp)
	}
	if _, err := syncFromStore(t, a); err != nil {
		t.Fatalf("sync after enroll: %v", err)
	}
	if got, err := a.Pegawai(ctx, p.ID); err != nil || got.Nama != p.Nama {
		t.Fatalf("employee not pulled: %v", err)
	}
	// the device is bound to this installation
	devs, _ := w.ss.Devices(ctx)
	bound := false
	for _, d := range devs {
		bound = bound || (d.ID == resp.DeviceID && d.InstallID == a.DeviceID() && d.OPDKode == kode)
	}
	if !bound {
		t.Fatal("enrolled device not bound to the install id")
	}
	// its bundle keys were given at enrollment and the server's pinned: a
	// push bundle made offline is accepted at once
	d, _ := w.ss.DeviceByID(ctx, resp.DeviceID)
	srvSign, _, _ := w.srv.ServerKeys(ctx)
	if pinned, _ := a.SyncMeta(ctx, client.MetaServerSignKey); d.SignKey == "" || d.BoxKey == "" || pinned != srvSign || resp.ServerSignKey != srvSign {
		t.Fatalf("bundle keys at enrollment: device %q/%q, pinned %q, server %q", d.SignKey, d.BoxKey, pinned, srvSign)
	}
	a.SetSyncMeta(ctx, map[string]string{store.MetaSyncToken: "lost"}) // the bundle needs no credential
	path := filepath.Join(t.TempDir(), "k.imbang-sync")
	if _, err := client.ExportBundle(ctx, a, path, time.Now()); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	var pb protocol.Bundle
	json.Unmarshal(raw, &pb)
	if r, err := w.srv.ImportBundle(ctx, pb, ""); err != nil || r.Device != resp.DeviceID {
		t.Fatalf("bundle of an enrolled device: %+v %v", r, err)
	}
	a.SetSyncMeta(ctx, map[string]string{store.MetaSyncToken: resp.Token})
	// the code is single-use
	b := storetest.Open(t, "", nil)
	if _, err := client.Enroll(ctx, b, e, fastOpts()); clientCode(err) != protocol.ErrUnauthorized || !strings.Contains(err.(*client.Error).Message, "sudah dipakai") {
		t.Fatalf("second use of the code: %v", err)
	}
	// a wrong fingerprint is refused before anything is sent
	e2, _ := client.ParseEnrollment(url, "AAAA-BBBB-CCCC-DDDD", strings.Repeat("ab", 32))
	if _, err := client.Enroll(ctx, b, e2, fastOpts()); clientCode(err) != client.CodeCertificate {
		t.Fatalf("wrong fingerprint: %v", err)
	}
	// and a pinned device meeting another CA's certificate refuses to sync
	if err := a.SetSyncMeta(ctx, map[string]string{client.MetaCAFingerprint: strings.Repeat("cd", 32)}); err != nil {
		t.Fatal(err)
	}
	if _, err := syncFromStore(t, a); clientCode(err) != client.CodeCertificate {
		t.Fatalf("sync with a wrong pin: %v", err)
	}
}

// TestRefusedCredentialChangesNothing: unknown, revoked and expired
// credentials get 401; the server's head does not move, the device keeps
// its outbox and is told to re-enroll; after re-enrollment it sends it.
func TestRefusedCredentialChangesNothing(t *testing.T) {
	w := newWorld(t)
	url, fp := tlsServer(t, w.srv)
	p, kode := w.anEmployee()
	enroll := func(st *store.Store) {
		t.Helper()
		code, err := w.srv.CreateEnrollment(ctx, kode, false, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		e, _ := client.ParseEnrollment("", code.Enrollment, "")
		e.ServerURL, e.CAFingerprint = url, fp // the server was made without PublicURL
		if _, err := client.Enroll(ctx, st, e, fastOpts()); err != nil {
			t.Fatal(err)
		}
	}
	a := storetest.Open(t, "", nil)
	enroll(a)
	if _, err := syncFromStore(t, a); err != nil {
		t.Fatal(err)
	}
	edit := func(name string) {
		t.Helper()
		q, err := a.Pegawai(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		q.Nama = name
		if err := a.SavePegawai(ctx, "a", q, false, store.NewID()); err != nil {
			t.Fatal(err)
		}
	}
	refused := func(why string) {
		t.Helper()
		head, _ := w.ss.Head(ctx)
		before := pending(t, a)
		_, err := syncFromStore(t, a)
		if clientCode(err) != client.CodeReenroll || !strings.Contains(err.(*client.Error).Message, "perlu didaftarkan ulang") {
			t.Fatalf("%s: %v", why, err)
		}
		if err.(*client.Error).Status != 401 {
			t.Fatalf("%s: status %d", why, err.(*client.Error).Status)
		}
		if h, _ := w.ss.Head(ctx); h != head {
			t.Fatalf("%s: server head moved %d → %d", why, head, h)
		}
		if n := pending(t, a); n != before || n == 0 {
			t.Fatalf("%s: outbox %d → %d", why, before, n)
		}
	}
	edit("Nama Setelah Daftar")

	// unknown credential
	tok, _ := a.SyncMeta(ctx, store.MetaSyncToken)
	_ = a.SetSyncMeta(ctx, map[string]string{store.MetaSyncToken: "imb1.0." + strings.Repeat("0", 64)})
	refused("unknown")
	_ = a.SetSyncMeta(ctx, map[string]string{store.MetaSyncToken: tok})

	// expired credential: the same store seen by a server a year and a day later
	later, err := server.New(w.ss, server.Options{Now: func() time.Time { return time.Now().Add(server.DefaultCredentialTTL + 24*time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	lurl, lfp := tlsServer(t, later)
	_ = a.SetSyncMeta(ctx, map[string]string{store.MetaSyncServerURL: lurl, client.MetaCAFingerprint: lfp, client.MetaTokenExpires: ""})
	refused("expired")
	_ = a.SetSyncMeta(ctx, map[string]string{store.MetaSyncServerURL: url, client.MetaCAFingerprint: fp})

	// revoked
	dev, _ := a.SyncMeta(ctx, client.MetaServerDevice)
	if err := w.srv.RevokeDevice(ctx, dev); err != nil {
		t.Fatal(err)
	}
	refused("revoked")

	// re-enrolled: the kept change reaches the server and the BKPSDM desktop
	enroll(a)
	if _, err := syncFromStore(t, a); err != nil {
		t.Fatal(err)
	}
	if n := pending(t, a); n != 0 {
		t.Fatalf("outbox after re-enrollment: %d", n)
	}
	w.sync(w.bkpsdm)
	if got := w.bkpsdm.pegawai(t, p.ID); got.Nama != "Nama Setelah Daftar" {
		t.Fatalf("kept change lost: %q", got.Nama)
	}
}

// TestRotate: rotation gives a new credential and the old one is refused;
// a credential close to its expiry is rotated at the start of a session.
func TestRotate(t *testing.T) {
	w := newWorld(t)
	url, fp := tlsServer(t, w.srv)
	code, err := w.srv.CreateEnrollment(ctx, "", true, 0)
	if err != nil {
		t.Fatal(err)
	}
	a := storetest.Open(t, "", nil)
	if _, err := client.Enroll(ctx, a, client.Enrollment{ServerURL: url, Code: strings.ToLower(code.Code), CAFingerprint: fp}, fastOpts()); err != nil {
		t.Fatal(err)
	}
	old, _ := a.SyncMeta(ctx, store.MetaSyncToken)
	c, _ := client.FromStore(ctx, a, fastOpts())
	if _, err := c.Rotate(ctx); err != nil {
		t.Fatal(err)
	}
	now, _ := a.SyncMeta(ctx, store.MetaSyncToken)
	if now == old {
		t.Fatal("token not rotated")
	}
	oc := client.New(a, client.Options{ServerURL: url, Token: old, HTTPClient: client.HTTPClientFor(url, fp), RetryMax: 0})
	if _, err := oc.Sync(ctx); clientCode(err) != client.CodeReenroll {
		t.Fatalf("old token after rotation: %v", err)
	}
	// automatic: an expiry within RotateBefore triggers a rotation
	_ = a.SetSyncMeta(ctx, map[string]string{client.MetaTokenExpires: time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)})
	if _, err := syncFromStore(t, a); err != nil {
		t.Fatal(err)
	}
	if v, _ := a.SyncMeta(ctx, store.MetaSyncToken); v == now {
		t.Fatal("credential near expiry not rotated")
	}
	// a BKPSDM device makes codes for OPDs; an OPD device may not
	c, _ = client.FromStore(ctx, a, fastOpts())
	_, kode := w.anEmployee()
	r, err := c.CreateEnrollCode(ctx, kode, false, 48*time.Hour)
	if err != nil || !strings.HasPrefix(r.Enrollment, "imbang1:"+url+"#") || !strings.HasSuffix(r.Enrollment, "#"+fp) {
		t.Fatalf("enroll code: %+v %v", r, err)
	}
	// an OPD the server does not hold: refused, in words a person can act on
	if _, err := c.CreateEnrollCode(ctx, "X-OPD", false, 48*time.Hour); clientCode(err) != protocol.ErrUnknownOPD || !strings.Contains(err.(*client.Error).Message, "tidak ada di server") {
		t.Fatalf("enroll code for an unknown OPD: %v", err)
	}
	ocode, _ := w.srv.CreateEnrollment(ctx, kode, false, 0)
	b := storetest.Open(t, "", nil)
	if _, err := client.Enroll(ctx, b, client.Enrollment{ServerURL: url, Code: ocode.Code, CAFingerprint: fp}, fastOpts()); err != nil {
		t.Fatal(err)
	}
	bc, _ := client.FromStore(ctx, b, fastOpts())
	if _, err := bc.CreateEnrollCode(ctx, kode, false, 0); err == nil || err.(*client.Error).Status != 403 {
		t.Fatalf("OPD device made an enrollment code: %v", err)
	}
}
