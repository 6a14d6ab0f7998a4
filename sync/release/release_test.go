package release

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

func testKey(t testing.TB) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	pubHex, privHex, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ParsePublic(pubHex)
	if err != nil {
		t.Fatal(err)
	}
	priv, err := ParsePrivate(privHex)
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

// release writes a file with content and its signed manifest.
func signedFile(t testing.TB, dir, version string, content []byte, priv ed25519.PrivateKey) (Signed, string) {
	t.Helper()
	p := filepath.Join(dir, "imbang-desktop-"+version)
	if err := os.WriteFile(p, content, 0o755); err != nil {
		t.Fatal(err)
	}
	m, err := Describe(p, version, Platform(), 3, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	sm, err := Sign(m, priv)
	if err != nil {
		t.Fatal(err)
	}
	return sm, p
}

func code(err error) string {
	var de *domain.Error
	if errors.As(err, &de) {
		return de.Code
	}
	return ""
}

func TestCompare(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"1.0.0", "1.0.0", 0}, {"v1.0.0", "1.0.0", 0}, {"1.0.1", "1.0.0", 1}, {"1.10.0", "1.9.9", 1},
		{"2.0.0", "10.0.0", -1}, {"1.0.0-rc.1", "1.0.0", -1}, {"1.0.0-rc.2", "1.0.0-rc.1", 1},
		{"dev", "0.0.1", -1}, {"c549879-dirty", "1.0.0", -1}, {"dev", "dev", 0},
	} {
		if got := Compare(c.a, c.b); got != c.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := Compare(c.b, c.a); got != -c.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", c.b, c.a, got, -c.want)
		}
	}
}

func TestSignVerify(t *testing.T) {
	pub, priv := testKey(t)
	otherPub, otherPriv := testKey(t)
	sm, p := signedFile(t, t.TempDir(), "1.2.0", []byte("program bytes"), priv)
	m, err := sm.Verify(pub)
	if err != nil || m.Version != "1.2.0" || m.Size != 13 || m.Product != Product {
		t.Fatalf("Verify = %+v, %v", m, err)
	}
	if err := CheckFile(m, p); err != nil {
		t.Fatal(err)
	}
	// Wrong key: the app's key is another one.
	if _, err := sm.Verify(otherPub); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("verify with another key: %v", err)
	}
	// Signed by another key, presented as ours.
	forged, _ := Sign(m, otherPriv)
	if _, err := forged.Verify(pub); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("forged signature: %v", err)
	}
	// A manifest changed after signing (a bigger version, another hash).
	var mm map[string]any
	json.Unmarshal([]byte(sm.Manifest), &mm)
	mm["version"] = "9.0.0"
	altered := sm
	b, _ := json.Marshal(mm)
	altered.Manifest = string(b)
	if _, err := altered.Verify(pub); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("altered manifest: %v", err)
	}
	// The file changed after signing.
	os.WriteFile(p, []byte("program bytez"), 0o755)
	if err := CheckFile(m, p); !errors.Is(err, ErrTampered) {
		t.Fatalf("tampered file: %v", err)
	}
	// No key in the build.
	if _, err := sm.Verify(nil); !errors.Is(err, ErrNoKey) {
		t.Fatalf("no key: %v", err)
	}
}

func TestManifestCheckRefusesBadFields(t *testing.T) {
	good := Manifest{Product: Product, Version: "1.0.0", Platform: "linux-amd64", File: "imbang-desktop", Size: 1,
		SHA256: "aa00000000000000000000000000000000000000000000000000000000000000", MinSchema: 3}
	if err := good.Check(); err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func(*Manifest){
		"product": func(m *Manifest) { m.Product = "other" }, "version": func(m *Manifest) { m.Version = "1.0" },
		"path in file": func(m *Manifest) { m.File = "../../bin/sh" }, "size": func(m *Manifest) { m.Size = 0 },
		"sha": func(m *Manifest) { m.SHA256 = "xyz" }, "platform": func(m *Manifest) { m.Platform = "linux/amd64" },
		"schema": func(m *Manifest) { m.MinSchema = 0 },
	} {
		m := good
		f(&m)
		if err := m.Check(); code(err) != "update.bad_manifest" {
			t.Errorf("%s: Check = %v", name, err)
		}
	}
}

func TestStageRefusals(t *testing.T) {
	pub, priv := testKey(t)
	_, otherPriv := testKey(t)
	src := t.TempDir()
	l := NewLocal(t.TempDir(), pub)

	sm, p := signedFile(t, src, "1.1.0", []byte("v1.1.0"), priv)
	// Downgrade and same version.
	if _, err := l.Stage(sm, p, "1.1.0"); code(err) != "update.downgrade" {
		t.Fatalf("same version: %v", err)
	}
	if _, err := l.Stage(sm, p, "1.2.0"); code(err) != "update.downgrade" {
		t.Fatalf("downgrade: %v", err)
	}
	// Wrong key.
	bad, bp := signedFile(t, src, "1.1.0", []byte("v1.1.0"), otherPriv)
	if _, err := l.Stage(bad, bp, "1.0.0"); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("wrong key: %v", err)
	}
	// Tampered file.
	os.WriteFile(p, []byte("v1.1.0 with a virus"), 0o755)
	if _, err := l.Stage(sm, p, "1.0.0"); !errors.Is(err, ErrTampered) {
		t.Fatalf("tampered: %v", err)
	}
	if s, _ := l.State(); s.Staged != "" {
		t.Fatalf("a refused file was staged: %+v", s)
	}
	// The good one.
	os.WriteFile(p, []byte("v1.1.0"), 0o755)
	m, err := l.Stage(sm, p, "1.0.0")
	if err != nil || m.Version != "1.1.0" {
		t.Fatal(m, err)
	}
	if s, _ := l.State(); s.Staged != "1.1.0" {
		t.Fatalf("state %+v", s)
	}
	if _, err := os.Stat(filepath.Join(l.VersionDir("1.1.0"), m.File)); err != nil {
		t.Fatal(err)
	}
	// A version that failed here is not staged again.
	l.Update(func(s *State) error { failIn(s, "1.1.0", "test", time.Now()); return nil })
	sm2, p2 := signedFile(t, src, "1.1.0", []byte("v1.1.0"), priv)
	if _, err := l.Stage(sm2, p2, "1.0.0"); code(err) != "update.failed_before" {
		t.Fatalf("failed before: %v", err)
	}
}
