package client_test

import (
	"crypto/rand"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/release"
)

// TestBundleCarriesARelease: a device off the link gets the update on the
// USB stick: the server's pull bundle (version 3) carries the signed
// release beside the data; the desktop imports the data and stages the
// release with the same checks as a download. A release signed by another
// key is refused while the data still imports; a version-2 bundle (no
// release) still imports.
func TestBundleCarriesARelease(t *testing.T) {
	w := newWorld(t)
	_, kode := w.anEmployee()
	a := w.opdDesk("a", kode)
	cursor, _ := a.st.SyncMeta(ctx, store.MetaPullCursor)
	pubHex, privHex, _ := release.GenerateKey()
	_, otherPriv, _ := release.GenerateKey()
	pub, _ := release.ParsePublic(pubHex)
	publish := func(version, priv string) {
		data := make([]byte, 70<<10)
		rand.Read(data)
		p := filepath.Join(t.TempDir(), "imbang-desktop")
		os.WriteFile(p, data, 0o755)
		pk, _ := release.ParsePrivate(priv)
		m, _ := release.Describe(p, version, release.Platform(), protocol.SchemaVersion, time.Now())
		sm, _ := release.Sign(m, pk)
		b, _ := json.Marshal(sm)
		if _, err := w.srv.Publish(ctx, b, p); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	u := &client.Updater{Local: release.NewLocal(t.TempDir(), pub), Running: "1.0.0"}
	importWith := func(b protocol.Bundle) client.BundleResult {
		t.Helper()
		path := filepath.Join(dir, "data.imbang-sync")
		writeBundle(t, path, b)
		r, err := client.ImportBundle(ctx, a.st, path)
		if err != nil {
			t.Fatalf("import: %v", err)
		}
		return r
	}

	// Old format: no release, version 2, imports as before.
	old, _, err := w.srv.ExportBundle(ctx, a.dev, cursor, protocol.SchemaVersion)
	if err != nil || old.Version != protocol.BundleVersion {
		t.Fatalf("export: %v, version %d", err, old.Version)
	}
	if r := importWith(old); r.Release != nil {
		t.Fatal("a bundle without a release brought one")
	}

	// Signed by a key the desktop does not trust: refused, data imported.
	publish("1.1.0", otherPriv)
	b, _, m, err := w.srv.ExportBundleRelease(ctx, a.dev, cursor, protocol.SchemaVersion, release.Platform())
	if err != nil || b.Version != protocol.BundleVersion || m.Version != "1.1.0" {
		t.Fatalf("export with release: %v, version %d, %+v", err, b.Version, m)
	}
	r := importWith(b)
	if r.Release == nil {
		t.Fatal("the release did not come through")
	}
	if _, err := u.StageBundle(r.Release); errCode(err) != "update.bad_signature" {
		t.Fatalf("wrong key: %v", err)
	}

	// The real release.
	publish("1.1.0", privHex)
	b, _, _, err = w.srv.ExportBundleRelease(ctx, a.dev, cursor, protocol.SchemaVersion, release.Platform())
	if err != nil {
		t.Fatal(err)
	}
	r = importWith(b)
	got, err := u.StageBundle(r.Release)
	if err != nil || got.Version != "1.1.0" || u.Staged() != "1.1.0" {
		t.Fatalf("stage from bundle: %+v, %v (staged %q)", got, err, u.Staged())
	}
	// A release for another platform is not in anyone's bundle.
	if _, _, _, err := w.srv.ExportBundleRelease(ctx, a.dev, cursor, protocol.SchemaVersion, "plan9-arm"); err == nil {
		t.Fatal("exported a release for a platform with none")
	}
}
