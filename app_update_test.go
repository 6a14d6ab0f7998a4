package main

import (
	"crypto/rand"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/release"
)

// TestUpdateFacade: no update → UpdateNow refuses with a code and closes
// nothing; a release staged from a bundle → the status says ready, and
// UpdateNow asks to close the window for the launcher.
func TestUpdateFacade(t *testing.T) {
	a, _ := newTestApp(t)
	dir := t.TempDir()
	pubHex, privHex, _ := release.GenerateKey()
	pub, _ := release.ParsePublic(pubHex)
	a.update = newAppUpdate(dir, "1.0.0", a.log, a.events)
	a.update.u.Local.Key = pub
	quit := 0
	a.update.quit = func() { quit++ }

	s, err := a.UpdateStatus()
	if err != nil || s.State != client.UpdateNone || s.Running != "1.0.0" {
		t.Fatalf("status %+v %v", s, err)
	}
	if err := a.UpdateNow(); decode(t, err).Code != "update.none_ready" || quit != 0 || a.update.restart.Load() {
		t.Fatalf("UpdateNow without an update: %v, quit %d", err, quit)
	}

	// A bundle brought 1.1.0.
	data := make([]byte, 4096)
	rand.Read(data)
	p := filepath.Join(t.TempDir(), "imbang-desktop")
	os.WriteFile(p, data, 0o755)
	m, _ := release.Describe(p, "1.1.0", release.Platform(), protocol.SchemaVersion, time.Now())
	priv, _ := release.ParsePrivate(privHex)
	sm, _ := release.Sign(m, priv)
	signed, _ := json.Marshal(sm)
	r := client.BundleResult{Release: &protocol.BundleRelease{Signed: signed, Data: data}}
	a.stageBundleRelease(&r)
	if r.UpdateVersion != "1.1.0" || r.Release != nil {
		t.Fatalf("bundle result %+v", r)
	}
	if s, _ := a.UpdateStatus(); s.State != client.UpdateReady || s.Version != "1.1.0" {
		t.Fatalf("status after the bundle %+v", s)
	}
	if err := a.UpdateNow(); err != nil || quit != 1 || !a.update.restart.Load() {
		t.Fatalf("UpdateNow: %v, quit %d", err, quit)
	}

	// A bundle whose release is signed by another key: the notice says why.
	_, otherPriv, _ := release.GenerateKey()
	op, _ := release.ParsePrivate(otherPriv)
	m.Version = "1.2.0"
	sm2, _ := release.Sign(m, op)
	signed2, _ := json.Marshal(sm2)
	r2 := client.BundleResult{Release: &protocol.BundleRelease{Signed: signed2, Data: data}}
	a.stageBundleRelease(&r2)
	if r2.UpdateVersion != "" || r2.UpdateNotice == "" {
		t.Fatalf("a release signed by another key: %+v", r2)
	}
}
