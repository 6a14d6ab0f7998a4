package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReleaseCommands: keygen, sign, verify, publish, list; a tampered file,
// a wrong key and a second keygen over the key are refused.
func TestReleaseCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "server.db")
	key := filepath.Join(dir, "rilis.key")
	out, serr, code := cli(t, "release", "keygen", "--out", key)
	pub := field(out, "public_key")
	if code != 0 || len(pub) != 64 {
		t.Fatalf("keygen: %d %q %q", code, out, serr)
	}
	if fi, err := os.Stat(key); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("private key file: %v %v", fi, err)
	}
	if _, _, code := cli(t, "release", "keygen", "--out", key); code == 0 {
		t.Fatal("keygen overwrote an existing key")
	}
	if out, _, _ := cli(t, "release", "pubkey", "--key", key); strings.TrimSpace(out) != pub {
		t.Fatalf("pubkey %q, keygen said %q", out, pub)
	}
	prog := filepath.Join(dir, "imbang-desktop")
	os.WriteFile(prog, []byte("the desktop program"), 0o755)
	out, serr, code = cli(t, "release", "sign", "--key", key, "--version", "1.2.0", "--platform", "linux-amd64", "--notes", "Perbaikan", prog)
	if code != 0 || field(out, "version") != "1.2.0" {
		t.Fatalf("sign: %d %q %q", code, out, serr)
	}
	if _, err := os.Stat(prog + ".manifest.json"); err != nil {
		t.Fatal(err)
	}
	if out, serr, code := cli(t, "release", "verify", "--pubkey", pub, prog); code != 0 || !strings.Contains(out, "ok: imbang-desktop 1.2.0") {
		t.Fatalf("verify: %d %q %q", code, out, serr)
	}
	otherKey := filepath.Join(dir, "lain.key")
	other, _, _ := cli(t, "release", "keygen", "--out", otherKey)
	if _, serr, code := cli(t, "release", "verify", "--pubkey", field(other, "public_key"), prog); code == 0 || !strings.Contains(serr, "bad_signature") {
		t.Fatalf("verify with another key: %d %q", code, serr)
	}
	if out, serr, code := cli(t, "--db", db, "release", "publish", prog); code != 0 || !strings.Contains(out, "published: 1.2.0 linux-amd64") {
		t.Fatalf("publish: %d %q %q", code, out, serr)
	}
	if out, _, _ := cli(t, "--db", db, "release", "list"); !strings.Contains(out, "1.2.0") || !strings.Contains(out, "linux-amd64") {
		t.Fatalf("list: %q", out)
	}
	// The file changed after signing: not published.
	os.WriteFile(prog, []byte("the desktop program, altered"), 0o755)
	if _, _, code := cli(t, "release", "verify", "--pubkey", pub, prog); code == 0 {
		t.Fatal("verify accepted a tampered file")
	}
	if _, serr, code := cli(t, "--db", db, "release", "publish", prog); code == 0 || !strings.Contains(serr, "tidak sesuai") {
		t.Fatalf("publish of a tampered file: %d %q", code, serr)
	}
	if out, _, _ := cli(t, "--db", db, "device", "list"); !strings.Contains(out, "VERSION") {
		t.Fatalf("device list has no VERSION column: %q", out)
	}
}
