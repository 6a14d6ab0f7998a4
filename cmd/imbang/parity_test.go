package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/store"
)

func demoDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, e, code := runCLI(t, "--data-dir", dir, "demo", "--size", "300", "--seed", "1"); code != 0 {
		t.Fatal(e)
	}
	return dir
}

// setting reads one key of `settings show`.
func setting(t *testing.T, dir, group, key string) float64 {
	t.Helper()
	out, e, code := runCLI(t, "--data-dir", dir, "settings", "show")
	if code != 0 {
		t.Fatal(e)
	}
	var m map[string]map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	v, _ := m[group][key].(float64)
	return v
}

// set merges: one field changed, the others keep their stored values; each
// change is audited with its before and after.
func TestSettingsSetMerges(t *testing.T) {
	dir := demoDir(t)
	for _, args := range [][]string{{"mut04", "7"}, {"eligibility", `{"mut03MinTahun":1}`}, {"abk", `{"wkeMenit":72000}`}} {
		if _, e, code := runCLI(t, append([]string{"--data-dir", dir, "settings", "set"}, args...)...); code != 0 {
			t.Fatalf("%v: %s", args, e)
		}
	}
	if v := setting(t, dir, "eligibility", "mut04MaxTahun"); v != 7 {
		t.Fatalf("mut04MaxTahun %v after setting another field", v)
	}
	if v := setting(t, dir, "eligibility", "mut03MinTahun"); v != 1 {
		t.Fatalf("mut03MinTahun %v", v)
	}
	if v := setting(t, dir, "abk", "wkeMenit"); v != 72000 {
		t.Fatalf("wkeMenit %v", v)
	}
	if _, _, code := runCLI(t, "--data-dir", dir, "settings", "set", "eligibility", `{"mut03MinTahunn":1}`); code != 2 {
		t.Fatal("an unknown key is refused")
	}
	st, err := store.Open(context.Background(), store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	entries, _, err := st.AuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, en := range entries {
		if en.Entity == "setting" && en.Action == "UPDATE" && strings.Contains(en.Before, "mut04MaxTahun") && strings.Contains(en.Before, `\"mut03MinTahun\":2`) &&
			strings.Contains(en.After, `\"mut03MinTahun\":1`) {
			found = true
		}
	}
	if !found {
		t.Fatal("no audit entry with before/after of the eligibility change")
	}
	_, _, code := runCLI(t, "--help")
	_ = code
}

func TestUnknownSubcommandsAreErrors(t *testing.T) {
	dir := demoDir(t)
	for _, args := range [][]string{{"info", "x"}, {"pegawai", "x"}, {"abk", "conflicts"}, {"check", "x"}, {"plan", "x"}, {"demo", "x"},
		{"hukdis"}, {"hukdis", "list"}, {"skp", "x"}, {"unit", "x"}, {"jabatan", "x"}, {"stagnasi", "x"}, {"settings", "x"},
		{"settings", "show", "x"}, {"audit", "x"}, {"user", "x"}, {"backup", "x"}, {"export", "x"}, {"abk", "new", "x"}} {
		out, e, code := runCLI(t, append([]string{"--data-dir", dir}, args...)...)
		if code == 0 {
			t.Errorf("%v: exit 0 (%s%s)", args, out, e)
		}
	}
}

func onePegawai(t *testing.T, dir string) (nip, unit, opd, jab string) {
	t.Helper()
	st, err := store.Open(context.Background(), store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.DB().QueryRow(`SELECT p.nip, u.kode, o.kode, j.kode FROM pegawai p JOIN unit u ON u.id = p.unit_id JOIN opd o ON o.id = p.opd_id
		JOIN jabatan j ON j.id = p.jabatan_id WHERE p.status = 'PNS' AND NOT EXISTS (SELECT 1 FROM hukdis h WHERE h.pegawai_id = p.id) ORDER BY p.nip LIMIT 1`).Scan(&nip, &unit, &opd, &jab); err != nil {
		t.Fatal(err)
	}
	return
}

type checkOut struct {
	Rules []struct {
		RuleID, Outcome, Message string
	} `json:"rules"`
}

func rule(t *testing.T, out, id string) (string, string) {
	t.Helper()
	var c checkOut
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, r := range c.Rules {
		if r.RuleID == id {
			return r.Outcome, r.Message
		}
	}
	t.Fatalf("no %s in %s", id, out)
	return "", ""
}

// hukdis add records a sanction MUT-06 then blocks on, through its last day.
func TestHukdisAndSKPAdd(t *testing.T) {
	dir := demoDir(t)
	nip, unit, opd, jab := onePegawai(t, dir)
	out, e, code := runCLI(t, "--data-dir", dir, "hukdis", "add", "--nip", nip, "--tingkat", "sedang", "--tmt", "2026-01-05", "--bulan", "6",
		"--jenis", "Pemotongan tunjangan kinerja 25% selama 6 bulan")
	if code != 0 || !strings.Contains(out, "hari terakhir menjalani 4 Juli 2026, bebas mulai 5 Juli 2026") {
		t.Fatalf("%d %s %s", code, out, e)
	}
	check := func(date string) (string, string) {
		out, e, _ := runCLI(t, "--data-dir", dir, "check", "--nip", nip, "--unit", unit, "--opd", opd, "--jabatan", jab, "--type", "T0", "--date", date)
		if out == "" {
			t.Fatal(e)
		}
		return rule(t, out, "MUT-06")
	}
	if o, m := check("2026-07-04"); o != "FAIL" || !strings.Contains(m, "bebas mulai 5 Juli 2026") {
		t.Fatalf("last day: %s %s", o, m)
	}
	if o, m := check("2026-07-05"); o != "PASS" {
		t.Fatalf("the day after: %s %s", o, m)
	}
	if _, _, code := runCLI(t, "--data-dir", dir, "hukdis", "add", "--nip", nip, "--tingkat", "BERAT", "--tmt", "2026-01-05", "--selesai", "2025-12-31"); code != 2 {
		t.Fatal("an end before the TMT is refused")
	}
	for _, p := range []string{"BAIK", "KURANG"} {
		if out, e, code := runCLI(t, "--data-dir", dir, "skp", "add", "--nip", nip, "--tahun", "2025", "--predikat", p); code != 0 || !strings.Contains(out, p) {
			t.Fatalf("%s %s", out, e)
		}
	}
	st, _ := store.Open(context.Background(), store.Options{Dir: dir})
	defer st.Close()
	var n int
	var pred string
	st.DB().QueryRow(`SELECT count(*), max(predikat) FROM skp s JOIN pegawai p ON p.id = s.pegawai_id WHERE p.nip = ? AND tahun = 2025`, nip).Scan(&n, &pred)
	if n != 1 || pred != "KURANG" {
		t.Fatalf("skp 2025: %d %s", n, pred)
	}
	if _, _, code := runCLI(t, "--data-dir", dir, "skp", "add", "--nip", nip, "--tahun", "2025", "--predikat", "LUAR_BIASA"); code != 2 {
		t.Fatal("unknown predicate accepted")
	}
}

// unit add and jabatan add make a target `check` can use; abk new makes a
// draft; abk --level unit sums positions per unit; stagnasi lists rotation.
func TestUnitJabatanABKStagnasi(t *testing.T) {
	dir := demoDir(t)
	nip, _, opd, _ := onePegawai(t, dir)
	if out, e, code := runCLI(t, "--data-dir", dir, "unit", "add", "--opd", opd, "--kode", "UJI-01", "--nama", "Subbagian Uji Coba"); code != 0 {
		t.Fatalf("%s %s", out, e)
	}
	out, e, code := runCLI(t, "--data-dir", dir, "jabatan", "add", "--kode", "UJI-JAB", "--nama", "Penata Uji", "--jenis", "PELAKSANA", "--kelas", "7", "--min-pendidikan", "S-1")
	if code != 0 || !strings.Contains(out, "Pelaksana") {
		t.Fatalf("%s %s", out, e)
	}
	out, e, _ = runCLI(t, "--data-dir", dir, "check", "--nip", nip, "--unit", "UJI-01", "--opd", opd, "--jabatan", "UJI-JAB", "--date", "2026-07-01")
	if !strings.Contains(out, `"rules"`) {
		t.Fatalf("check on the new unit: %s %s", out, e)
	}
	if out, e, code := runCLI(t, "--data-dir", dir, "abk", "new", "--tahun", "2031"); code != 0 || !strings.Contains(out, "ABK 2031 (draf)") {
		t.Fatalf("%s %s", out, e)
	}
	out, e, code = runCLI(t, "--data-dir", dir, "abk", "--level", "unit")
	if code != 0 || !strings.Contains(out, "\nunit,") || strings.Contains(out, "\nposisi,") {
		t.Fatalf("%d %s %s", code, out[:min(len(out), 500)], e)
	}
	out, e, code = runCLI(t, "--data-dir", dir, "stagnasi")
	if code != 0 || !strings.Contains(out, "Daftar wajib rotasi") {
		t.Fatalf("%s %s", out, e)
	}
	out, _, _ = runCLI(t, "--data-dir", dir, "stagnasi", "--format", "json")
	var l struct{ Total int }
	if json.Unmarshal([]byte(out), &l); l.Total == 0 {
		t.Fatalf("empty rotation list: %s", out[:min(200, len(out))])
	}
}

// A T2 check to another agency names it with --instansi; MUT-17 passes.
func TestCheckInstansiT2(t *testing.T) {
	dir := demoDir(t)
	nip, _, _, jab := onePegawai(t, dir)
	out, e, _ := runCLI(t, "--data-dir", dir, "check", "--nip", nip, "--instansi", "Pemerintah Provinsi Papua Barat Daya", "--type", "T2", "--jabatan", jab, "--date", "2026-07-01")
	if o, m := rule(t, out, "MUT-17"); o != "PASS" {
		t.Fatalf("MUT-17 %s: %s (%s)", o, m, e)
	}
	if _, _, code := runCLI(t, "--data-dir", dir, "check", "--nip", nip, "--instansi", "X", "--type", "T1"); code != 2 {
		t.Fatal("--instansi with T1 accepted")
	}
}
