package main

import (
	"context"
	"crypto/tls"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/tlspin"
)

// imbang enroll exchanges the enrollment string once over pinned HTTPS;
// afterwards imbang sync needs no token; sync rotate replaces the credential.
func TestEnrollCommand(t *testing.T) {
	srv := newSyncServer(t)
	cert, fp, err := tlspin.EnsureCA(t.TempDir(), []string{"127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(srv.Handler())
	ts.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	ts.StartTLS()
	defer ts.Close()
	code, err := srv.CreateEnrollment(context.Background(), "", true, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	str := protocol.FormatEnrollment(ts.URL, code.Code, fp)

	dir := t.TempDir()
	if _, errOut, code := runCLI(t, "--data-dir", dir, "demo", "--size", "50"); code != 0 {
		t.Fatal(errOut)
	}
	out, errOut, rc := runCLI(t, "--data-dir", dir, "enroll", str)
	if rc != 0 || !strings.Contains(out, `"sync_enrolled_opd": "BKPSDM"`) {
		t.Fatalf("enroll: %d %s %s", rc, out, errOut)
	}
	out, errOut, rc = runCLI(t, "--data-dir", dir, "sync")
	if rc != 0 || strings.Contains(out, `"pushed": 0`) {
		t.Fatalf("sync after enroll: %d %s %s", rc, out, errOut)
	}
	// the same code again (another installation): refused, exit 2, Indonesian message
	dir2 := t.TempDir()
	_, errOut, rc = runCLI(t, "--data-dir", dir2, "enroll", "--server", ts.URL, "--code", code.Code, "--ca-fingerprint", fp)
	if rc != 2 || !strings.Contains(errOut, "sudah dipakai") {
		t.Fatalf("reused code: %d %s", rc, errOut)
	}
	out, errOut, rc = runCLI(t, "--data-dir", dir, "sync", "rotate")
	if rc != 0 || !strings.Contains(out, "expires_at") {
		t.Fatalf("rotate: %d %s %s", rc, out, errOut)
	}
	if _, errOut, rc = runCLI(t, "--data-dir", dir, "sync"); rc != 0 {
		t.Fatalf("sync after rotate: %s", errOut)
	}
}
