package main

import (
	"strings"
	"testing"
)

func TestUserCommands(t *testing.T) {
	dir := t.TempDir()
	if _, e, c := runCLI(t, "--data-dir", dir, "demo", "--size", "300"); c != 0 {
		t.Fatal(e)
	}
	if _, e, c := runCLI(t, "--data-dir", dir, "user", "add", "--username", "admin", "--nama", "Admin", "--role", "admin", "--password", "Sorong2026"); c != 0 {
		t.Fatal(e)
	}
	if _, e, c := runCLI(t, "--data-dir", dir, "user", "add", "--username", "op1", "--nama", "Op", "--role", "operator", "--password", "Sorong2026"); c != 2 || !strings.Contains(e, "pilih OPD") {
		t.Fatalf("operator without OPD: %d %s", c, e)
	}
	if _, e, c := runCLI(t, "--data-dir", dir, "user", "add", "--username", "op1", "--nama", "Op", "--role", "operator", "--opd", "DISDIK", "--password", "Sorong2026"); c != 0 {
		t.Fatal(e)
	}
	if _, e, c := runCLI(t, "--data-dir", dir, "user", "reset-password", "--username", "op1", "--password", "Baru20261"); c != 0 {
		t.Fatal(e)
	}
	if _, e, c := runCLI(t, "--data-dir", dir, "user", "disable", "--username", "op1"); c != 0 {
		t.Fatal(e)
	}
	out, _, _ := runCLI(t, "--data-dir", dir, "user", "list")
	if !strings.Contains(out, "admin") || !strings.Contains(out, "tidak (harus ganti sandi)") {
		t.Fatal(out)
	}
	if _, e, c := runCLI(t, "--data-dir", dir, "user", "disable", "--username", "admin"); c == 0 || !strings.Contains(e, "admin aktif terakhir") {
		t.Fatalf("last admin disabled: %s", e)
	}
}
