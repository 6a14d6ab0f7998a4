package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBackupCreateListRestore(t *testing.T) {
	dir := t.TempDir()
	if _, e, code := runCLI(t, "--data-dir", dir, "demo", "--size", "120", "--seed", "2"); code != 0 {
		t.Fatal(e)
	}
	out, e, code := runCLI(t, "--data-dir", dir, "backup", "create")
	if code != 0 || !strings.Contains(out, "Cadangan dibuat") || !strings.Contains(out, "120 pegawai") {
		t.Fatalf("create: %d %s %s", code, out, e)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "backups", "*-manual.db"))
	if len(files) != 1 {
		t.Fatalf("backups: %v", files)
	}
	out, _, code = runCLI(t, "--data-dir", dir, "backup", "list")
	if code != 0 || !strings.Contains(out, filepath.Base(files[0])) {
		t.Fatalf("list: %s", out)
	}
	// A change after the backup is gone after the restore; the file it was in is kept.
	if _, e, code := runCLI(t, "--data-dir", dir, "settings", "set", "mut04", "7"); code != 0 {
		t.Fatal(e)
	}
	out, e, code = runCLI(t, "--data-dir", dir, "backup", "restore", files[0])
	if code != 0 || !strings.Contains(out, "dipulihkan") {
		t.Fatalf("restore: %d %s %s", code, out, e)
	}
	out, _, _ = runCLI(t, "--data-dir", dir, "settings", "show")
	if strings.Contains(out, `"mut04MaxTahun": 7`) {
		t.Fatalf("the change survived the restore: %s", out)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "imbang.db.sebelum-restore-*")); len(m) != 1 {
		t.Fatalf("previous file not kept: %v", m)
	}
	if _, _, code := runCLI(t, "--data-dir", dir, "backup", "restore", "/etc/hostname"); code != 2 {
		t.Fatalf("a file outside the backup folder: exit %d", code)
	}
	if _, _, code := runCLI(t, "--data-dir", dir, "backup", "restore", "tidak-ada.db"); code == 0 {
		t.Fatal("a missing backup restored")
	}
	if _, err := os.Stat(filepath.Join(dir, "imbang.db")); err != nil {
		t.Fatal(err)
	}
}
