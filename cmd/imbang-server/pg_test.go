package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
)

// TestCommandsOnPostgres: --db postgres://… selects PostgreSQL for the
// device, backup and restore commands; restore gives a new epoch.
func TestCommandsOnPostgres(t *testing.T) {
	db := pgtest.NewDatabase(t)
	out, errOut, code := cli(t, "--db", db, "device", "add", "--legacy-token", "--opd", "OPD-A")
	if code != 0 || field(out, "device_id") == "" {
		t.Fatalf("device add: %d %q %q", code, out, errOut)
	}
	id := field(out, "device_id")
	if out, _, _ := cli(t, "--db", db, "device", "list"); !strings.Contains(out, id) || !strings.Contains(out, "OPD-A") {
		t.Fatalf("device list = %q", out)
	}
	bk := filepath.Join(t.TempDir(), "b.pgbackup")
	if out, e, code := cli(t, "--db", db, "backup", "--out", bk); code != 0 || !strings.Contains(out, bk) {
		t.Fatalf("backup: %d %q %q", code, out, e)
	}
	if _, _, code := cli(t, "--db", db, "device", "revoke", id); code != 0 {
		t.Fatal("revoke failed")
	}
	out, e, code := cli(t, "--db", db, "restore", "--from", bk)
	if code != 0 || field(out, "epoch") == "" {
		t.Fatalf("restore: %d %q %q", code, out, e)
	}
	if out, _, _ := cli(t, "--db", db, "device", "list"); !strings.Contains(out, "aktif") || strings.Contains(out, "dicabut") {
		t.Fatalf("after restore the device should be active again (as in the backup): %q", out)
	}
}
