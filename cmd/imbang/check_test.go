package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// checkArgs finds, in the demo data, an employee and a target in another OPD
// whose T1 check is (or is not) blocked, as CLI arguments.
func checkArgs(t *testing.T, dir string, status string, wantBlocked bool) []string {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := mutasisvc.New(mutasisvc.Config{Repo: st, ABK: abksvc.New(abksvc.Config{Repo: st, NewID: store.NewID}), NewID: store.NewID})
	rows, err := st.DB().QueryContext(ctx, `SELECT p.id, p.nip, p.jabatan_id, j.kode, t.opd_id, t.unit_id, u.kode, o.kode
		FROM pegawai p JOIN jabatan j ON j.id = p.jabatan_id
		JOIN (SELECT DISTINCT jabatan_id, opd_id, unit_id FROM pegawai) t ON t.jabatan_id = p.jabatan_id AND t.opd_id <> p.opd_id
		JOIN unit u ON u.id = t.unit_id JOIN opd o ON o.id = t.opd_id
		WHERE p.status = ? ORDER BY p.nip, t.unit_id`, status)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, nip, jab, jabKode, opd, unit, unitKode, opdKode string
		if err := rows.Scan(&id, &nip, &jab, &jabKode, &opd, &unit, &unitKode, &opdKode); err != nil {
			t.Fatal(err)
		}
		r, err := svc.CheckMutasi(ctx, mutasisvc.CheckInput{PegawaiID: id, Jenis: domain.MutasiT1, Tanggal: "2026-07-01",
			Target: mutasi.Placement{OPDID: opd, UnitID: unit, JabatanID: jab}})
		if err != nil {
			t.Fatal(err)
		}
		if r.Blocked == wantBlocked {
			return []string{"--data-dir", dir, "check", "--nip", nip, "--unit", unitKode, "--opd", opdKode, "--jabatan", jabKode,
				"--type", "T1", "--date", "2026-07-01"}
		}
	}
	t.Fatalf("no %s employee with blocked=%v", status, wantBlocked)
	return nil
}

func TestCheckExitCodes(t *testing.T) {
	dir := t.TempDir()
	if _, e, code := runCLI(t, "--data-dir", dir, "demo", "--size", "400", "--seed", "1"); code != 0 {
		t.Fatal(e)
	}
	type output struct {
		Jenis   string `json:"jenis"`
		Blocked bool   `json:"blocked"`
		Rules   []struct {
			RuleID, Severity, Outcome, Message, Source string
			Values                                     map[string]string
		} `json:"rules"`
	}

	out, errOut, code := runCLI(t, checkArgs(t, dir, "PNS", false)...)
	var ok output
	if code != 0 || json.Unmarshal([]byte(out), &ok) != nil || ok.Blocked || len(ok.Rules) != 21 || ok.Jenis != "T1" {
		t.Fatalf("eligible: exit %d, %q %q", code, errOut, out)
	}

	// A CPNS may not be transferred (MUT-01, BLOCK): exit 3, the rule named in
	// Indonesian with the values used and its source regulation.
	out, errOut, code = runCLI(t, checkArgs(t, dir, "CPNS", true)...)
	var bad output
	if code != 3 || json.Unmarshal([]byte(out), &bad) != nil || !bad.Blocked || !strings.Contains(errOut, "MUT-01") {
		t.Fatalf("blocked: exit %d, %q %q", code, errOut, out)
	}
	for _, r := range bad.Rules {
		if r.RuleID == "MUT-01" && (r.Outcome != "FAIL" || r.Severity != "BLOCK" || r.Source == "" || r.Message == "" || len(r.Values) == 0) {
			t.Fatalf("MUT-01 %+v", r)
		}
	}

	_, errOut, code = runCLI(t, "--data-dir", dir, "check", "--nip", "1", "--unit", "x", "--jabatan", "y")
	if code != 1 || !strings.Contains(errOut, "pegawai.not_found") {
		t.Fatalf("unknown nip: %d %q", code, errOut)
	}
	if _, _, code = runCLI(t, "--data-dir", dir, "check"); code != 2 {
		t.Fatalf("usage: %d", code)
	}
}
