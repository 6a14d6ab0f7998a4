package main

import (
	"context"
	"crypto/tls"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
	"github.com/bkpsdm-sorong/imbang/sync/tlspin"
	"github.com/google/uuid"
)

// TestEnrollServerExchangesTheCode: the desktop's EnrollServer does the real
// exchange over pinned HTTPS; as a BKPSDM device a BKPSDM admin then makes
// a code for an OPD device, which enrolls with it; rotation works and an
// OPD device may not make codes.
func TestEnrollServerExchangesTheCode(t *testing.T) {
	ctx := context.Background()
	ss, err := sqlitestore.Open(filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(ss, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cert, fp, err := tlspin.EnsureCA(t.TempDir(), []string{"127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(srv.Handler())
	ts.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	ts.StartTLS()
	t.Cleanup(func() { ts.Close(); ss.Close() })
	code, err := srv.CreateEnrollment(ctx, "", true, time.Hour)
	if err != nil {
		t.Fatal(err)
	}

	st := storetest.Open(t, "", nil)
	a, _ := newSyncApp(t, st)
	if err := a.EnrollServer("https://", protocol.FormatEnrollment(ts.URL, code.Code, fp)); err != nil {
		t.Fatal(err)
	}
	set, err := a.SyncSettings()
	if err != nil || !set.TokenSet || set.EnrolledOPD != "BKPSDM" || set.CAFingerprint != fp || set.ServerURL != ts.URL || set.TokenExpires == "" {
		t.Fatalf("settings after enroll: %+v %v", set, err)
	}
	if _, err := a.SyncNow(); err != nil {
		t.Fatalf("sync after enroll: %v", err)
	}
	// the same code again: refused, coded, Indonesian
	// without the fingerprint the private CA is not trusted: a certificate error, not "offline"
	if err := a.EnrollServer(ts.URL, code.Code); decode(t, err).Code != "sync.certificate" {
		t.Fatalf("unpinned private CA: %v", err)
	}
	// The same installation may repeat the exchange (its first answer may have
	// been lost); another installation may not use the code again.
	other, _ := newSyncApp(t, storetest.Open(t, "", nil))
	if err := other.EnrollServer(ts.URL, "imbang1:"+ts.URL+"#"+code.Code+"#"+fp); decode(t, err).Code != "sync.enroll_refused" {
		t.Fatalf("used code: %v", err)
	}
	// a code for an OPD device, made on this BKPSDM device
	if _, err := a.CreateEnrollCode("", false, 0); decode(t, err).Kind != "Invalid" {
		t.Fatalf("code without OPD: %v", err)
	}
	// an OPD the server does not hold: refused with the server's sentence
	if _, err := a.CreateEnrollCode("OPD-X", false, 48); decode(t, err).Code != "sync.unknown-opd" || !strings.Contains(decode(t, err).Message, "tidak ada di server") {
		t.Fatalf("code for an unknown OPD: %v", err)
	}
	seedOPD(t, srv, "OPD-X")
	c, err := a.CreateEnrollCode("OPD-X", false, 48)
	if err != nil || !strings.HasPrefix(c.Enrollment, "imbang1:"+ts.URL+"#") || !strings.HasSuffix(c.Enrollment, fp) {
		t.Fatalf("create code: %+v %v", c, err)
	}
	st2 := storetest.Open(t, "", nil)
	b, _ := newSyncApp(t, st2)
	if err := b.EnrollServer("", c.Enrollment); err != nil {
		t.Fatal(err)
	}
	if s, _ := b.SyncSettings(); s.EnrolledOPD != "OPD-X" {
		t.Fatalf("OPD device: %+v", s)
	}
	if _, err := b.CreateEnrollCode("OPD-X", false, 0); decode(t, err).Kind != "Permission" {
		t.Fatalf("OPD device made a code: %v", err)
	}
	before, _ := st.SyncMeta(ctx, client.MetaTokenExpires)
	tok, _ := st.SyncMeta(ctx, "sync_token")
	if _, err := a.RotateSyncCredential(); err != nil {
		t.Fatal(err)
	}
	if now, _ := st.SyncMeta(ctx, "sync_token"); now == tok || before == "" {
		t.Fatal("not rotated")
	}
}

// seedOPD puts an OPD (and its Pemda) on the server, as a BKPSDM desktop's
// first sync would.
func seedOPD(t *testing.T, srv *server.Server, kode string) {
	t.Helper()
	ctx := context.Background()
	dev, _, err := srv.AddDevice(ctx, "", true)
	if err != nil {
		t.Fatal(err)
	}
	pemda := uuid.NewString()
	chs := []protocol.Change{
		{LocalSeq: 1, ChangeID: uuid.NewString(), Table: "pemda", RowID: pemda, Op: "insert", Cols: map[string]any{"kode": "9171", "nama": "Kota Sorong", "demo": 1},
			HLC: "001795766400000.0000000001", SchemaVersion: protocol.SchemaVersion},
		{LocalSeq: 2, ChangeID: uuid.NewString(), Table: "opd", RowID: uuid.NewString(), Op: "insert", Cols: map[string]any{"pemda_id": pemda, "kode": kode, "nama": "Dinas " + kode,
			"singkatan": kode, "jenis": "DINAS", "alamat": ""}, HLC: "001795766400000.0000000002", SchemaVersion: protocol.SchemaVersion},
	}
	if r, herr := srv.Push(ctx, dev, protocol.PushRequest{DeviceID: uuid.NewString(), SchemaVersion: protocol.SchemaVersion, Changes: chs}); herr != nil || len(r.Dispositions) != 2 {
		t.Fatalf("seed OPD: %+v %v", r, herr)
	}
}

// An unreachable server during enrollment says the device is not enrolled,
// never that data "akan dikirim nanti".
func TestEnrollOfflineSaysNotEnrolled(t *testing.T) {
	ts := httptest.NewServer(nil)
	url := ts.URL
	ts.Close() // nothing listens there any more
	a, _ := newSyncApp(t, storetest.Open(t, "", nil))
	err := a.EnrollServer(url, "ABCD-EFGH-JKLM-NPQR")
	e := decode(t, err)
	if e.Code != "sync.enroll_offline" || !strings.Contains(e.Message, "belum terdaftar") || strings.Contains(e.Message, "akan dikirim nanti") {
		t.Fatalf("offline enrollment: %+v", e)
	}
	if set, _ := a.SyncSettings(); set.TokenSet {
		t.Fatal("a failed enrollment left a token")
	}
}
