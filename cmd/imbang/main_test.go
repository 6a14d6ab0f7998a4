package main

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/store"
)

func runCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), code
}

var checksumRe = regexp.MustCompile(`checksum ([0-9a-f]{64})`)

// The acceptance check, at a size that keeps the race-enabled test fast:
// the same size and seed on two empty dirs yield identical data.
func TestDemoIsDeterministicAcrossDataDirs(t *testing.T) {
	sums := make([]string, 0, 3)
	for _, seed := range []string{"1", "1", "2"} {
		out, errOut, code := runCLI(t, "--data-dir", t.TempDir(), "demo", "--size", "400", "--seed", seed)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		m := checksumRe.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no checksum in %q", out)
		}
		sums = append(sums, m[1])
	}
	if sums[0] != sums[1] {
		t.Fatalf("same seed, different data: %s vs %s", sums[0], sums[1])
	}
	if sums[0] == sums[2] {
		t.Fatal("different seeds gave the same data")
	}
}

func TestDemoIfEmptyAndInfoAndPegawai(t *testing.T) {
	dir := t.TempDir()
	if _, e, code := runCLI(t, "--data-dir", dir, "demo", "--size", "200", "--seed", "3"); code != 0 {
		t.Fatal(e)
	}
	out, _, code := runCLI(t, "--data-dir", dir, "demo", "--if-empty")
	if code != 0 || !strings.Contains(out, "Data sudah ada") {
		t.Fatalf("--if-empty: %d %q", code, out)
	}
	_, errOut, code := runCLI(t, "--data-dir", dir, "demo", "--size", "200")
	if code != 1 || !strings.Contains(errOut, "store.not_empty") {
		t.Fatalf("second load: %d %q", code, errOut)
	}
	out, _, code = runCLI(t, "--data-dir", dir, "info")
	if code != 0 || !strings.Contains(out, "DATA CONTOH FIKTIF") || !strings.Contains(out, "Pegawai") {
		t.Fatalf("info: %q", out)
	}
	out, _, code = runCLI(t, "--data-dir", dir, "pegawai", "--limit", "5")
	if code != 0 || !strings.Contains(out, "(5 dari 200)") {
		t.Fatalf("pegawai: %q", out)
	}
}

func TestCLIErrors(t *testing.T) {
	if _, e, code := runCLI(t, "--data-dir", t.TempDir(), "terbang"); code != 2 || !strings.Contains(e, "perintah tidak dikenal") {
		t.Fatalf("unknown command: %d %q", code, e)
	}
	if _, e, code := runCLI(t, "--data-dir", t.TempDir(), "demo", "--size", "5"); code != 2 || !strings.Contains(e, "demo.size") {
		t.Fatalf("bad size: %d %q", code, e)
	}
	if _, _, code := runCLI(t); code != 2 {
		t.Fatal("no command")
	}
}

func TestABKCommand(t *testing.T) {
	dir := t.TempDir()
	if _, e, code := runCLI(t, "--data-dir", dir, "demo", "--size", "300", "--seed", "1"); code != 0 {
		t.Fatal(e)
	}
	out, e, code := runCLI(t, "--data-dir", dir, "abk", "--format", "json")
	if code != 0 {
		t.Fatal(e)
	}
	var got abkOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.ABK.Tahun != 2026 || len(got.Positions) == 0 || len(got.OPD) == 0 || got.Balance.KebutuhanSum != got.Region.KebutuhanBulat {
		t.Fatalf("abk json: %+v", got.Balance)
	}
	csvOut, _, code := runCLI(t, "--data-dir", dir, "abk")
	if code != 0 || !strings.HasPrefix(csvOut, "tingkat,opd,unit,jabatan,beban_menit") || !strings.Contains(csvOut, "\nregion,") || !strings.Contains(csvOut, "indeks keseimbangan") {
		t.Fatalf("abk csv: %q", csvOut[:200])
	}
	// Changing WKE changes the CLI output at once.
	before := got.Region.KebutuhanBulat
	st := got.Settings
	st.WKEMenit = 50000
	b, _ := json.Marshal(st)
	if _, e, code := runCLI(t, "--data-dir", dir, "settings", "set", "abk", string(b)); code != 0 {
		t.Fatal(e)
	}
	out, _, _ = runCLI(t, "--data-dir", dir, "abk", "--format", "json")
	json.Unmarshal([]byte(out), &got)
	if got.Region.KebutuhanBulat <= before {
		t.Fatalf("kebutuhan %d -> %d after lowering WKE", before, got.Region.KebutuhanBulat)
	}
	if _, e, code := runCLI(t, "--data-dir", dir, "abk", "--format", "xml"); code != 2 || !strings.Contains(e, "cli.format") {
		t.Fatalf("bad format: %d %s", code, e)
	}
}

func TestAuditVerify(t *testing.T) {
	dir := t.TempDir()
	if _, e, code := runCLI(t, "--data-dir", dir, "demo", "--size", "100", "--seed", "1"); code != 0 {
		t.Fatal(e)
	}
	if _, e, code := runCLI(t, "--data-dir", dir, "settings", "set", "mut04", "6"); code != 0 {
		t.Fatal(e)
	}
	out, e, code := runCLI(t, "--data-dir", dir, "audit", "verify")
	if code != 0 || !strings.Contains(out, "Log audit utuh: 2 entri") {
		t.Fatalf("clean log: %d %q %q", code, out, e)
	}
	st, err := store.Open(context.Background(), store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec("UPDATE audit_log SET aktor = 'orang lain' WHERE seq = 1"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out, e, code = runCLI(t, "--data-dir", dir, "audit", "verify")
	if code != 1 || !strings.Contains(out, "entri #1 [audit.edited]") || !strings.Contains(e, "audit.broken") {
		t.Fatalf("edited entry not named: %d %q %q", code, out, e)
	}
}

func TestEligibilitySettings(t *testing.T) {
	dir := t.TempDir()
	if _, e, code := runCLI(t, "--data-dir", dir, "settings", "set", "eligibility", `{"mut03MinTahun":3,"mut04MaxTahun":6}`); code != 0 {
		t.Fatal(e)
	}
	out, _, _ := runCLI(t, "--data-dir", dir, "settings", "show")
	if !strings.Contains(out, `"mut03MinTahun": 3`) || !strings.Contains(out, `"mut10MinPredikat": "BAIK"`) {
		t.Fatalf("settings show: %s", out)
	}
	if _, e, code := runCLI(t, "--data-dir", dir, "settings", "set", "eligibility", `{"mut03MinTahun":7,"mut04MaxTahun":6}`); code != 2 || !strings.Contains(e, "mut04MaxTahun") {
		t.Fatalf("MUT-04 below MUT-03 accepted: %d %s", code, e)
	}
}
