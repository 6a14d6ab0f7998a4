package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"github.com/bkpsdm-sorong/imbang/backend/dokumen"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// A T1 request walked from submission to execution with `usulan decide`,
// each step as the user whose role the state machine asks for; the wrong
// user is refused and changes nothing.
func TestUsulanDecideWalksARequestToExecution(t *testing.T) {
	dir := t.TempDir()
	if _, e, c := runCLI(t, "--data-dir", dir, "demo", "--size", "600", "--seed", "3"); c != 0 {
		t.Fatal(e)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	svc := mutasiService(&env{st: st})
	var pegawai, opdAsal, kodeAsal, kodeTujuan string
	var target mutasi.Placement
	admin := actor.With(ctx, actor.System("uji", domain.RoleAdmin))
	rows, err := st.DB().QueryContext(ctx, `SELECT p.id, p.opd_id, p.jabatan_id, o.kode FROM pegawai p JOIN opd o ON o.id = p.opd_id WHERE p.status = 'PNS' ORDER BY p.nip`)
	if err != nil {
		t.Fatal(err)
	}
	type peg struct{ id, opd, jab, kode string }
	var all []peg
	for rows.Next() {
		var p peg
		if err := rows.Scan(&p.id, &p.opd, &p.jab, &p.kode); err != nil {
			t.Fatal(err)
		}
		all = append(all, p)
	}
	rows.Close()
search:
	for _, p := range all {
		var tOPD, tUnit, tKode string
		err := st.DB().QueryRowContext(ctx, `SELECT p.opd_id, p.unit_id, o.kode FROM pegawai p JOIN opd o ON o.id = p.opd_id
			WHERE p.jabatan_id = ? AND p.opd_id <> ? ORDER BY p.unit_id LIMIT 1`, p.jab, p.opd).Scan(&tOPD, &tUnit, &tKode)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		tg := mutasi.Placement{OPDID: tOPD, UnitID: tUnit, JabatanID: p.jab}
		r, err := svc.CheckMutasi(admin, mutasisvc.CheckInput{PegawaiID: p.id, Jenis: domain.MutasiT1, Target: tg})
		if err != nil {
			t.Fatal(err)
		}
		if !r.Blocked {
			pegawai, opdAsal, kodeAsal, kodeTujuan, target = p.id, p.opd, p.kode, tKode, tg
			break search
		}
	}
	if pegawai == "" {
		t.Fatal("no unblocked T1 candidate in the demo region")
	}
	op := actor.With(ctx, actor.Actor{ID: "op", Username: "op", Nama: "Operator", Role: domain.RoleOperatorOPD, OPDID: opdAsal})
	det, err := svc.CreateUsulan(op, mutasisvc.UsulanInput{PegawaiID: pegawai, Jenis: domain.MutasiT1, Targets: []mutasi.Placement{target}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.DecideUsulan(op, det.Row.ID, mutasisvc.Decision{Kind: mutasi.KindAjukan}); err != nil {
		t.Fatal(err)
	}
	// The checklist, attached and verified: verification, the TPK and the SK
	// are refused without it (mutasisvc's documents gate).
	dok := dokumen.New(dokumen.Config{Repo: st, Dir: st.Dir(), NewID: store.NewID})
	items, err := dok.Checklist(admin, det.Row.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		p := filepath.Join(t.TempDir(), string(it.Kode)+".pdf")
		if err := os.WriteFile(p, []byte("%PDF-1.4\n% "+string(it.Kode)+"\n%%EOF\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		l, err := dok.Attach(admin, det.Row.ID, string(it.Kode), p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := dok.Verify(admin, l.ID, string(dokumen.Sesuai), ""); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	nomor := det.Row.Nomor

	for _, u := range [][]string{
		{"ver", "verifikator", ""}, {"kasal", "kepala", kodeAsal}, {"ktujuan", "kepala", kodeTujuan}, {"tpk", "tpk", ""}, {"adm", "admin", ""},
	} {
		args := []string{"--data-dir", dir, "user", "add", "--username", u[0], "--nama", "Pengguna " + u[0], "--role", u[1], "--password", "Sorong2026!x"}
		if u[2] != "" {
			args = append(args, "--opd", u[2])
		}
		if _, e, c := runCLI(t, args...); c != 0 {
			t.Fatalf("user add %s: %s", u[0], e)
		}
	}

	// The source OPD's head may not verify: refused, nothing changes.
	if _, e, c := runCLI(t, "--data-dir", dir, "usulan", "decide", nomor, "--as", "kasal", "--kind", "VERIFIKASI"); c != 1 || !strings.Contains(e, "[transfer.") {
		t.Fatalf("kepala verified: exit %d %s", c, e)
	}
	if out, _, _ := runCLI(t, "--data-dir", dir, "usulan", "list", "--status", string(mutasi.StatusDiajukan)); !strings.Contains(out, nomor) {
		t.Fatalf("request left diajukan after a refused step:\n%s", out)
	}
	// The status filter takes the lower-case word a person types too.
	if out, _, _ := runCLI(t, "--data-dir", dir, "usulan", "list", "--status", "diajukan"); !strings.Contains(out, nomor) {
		t.Fatalf("lower-case status filter missed the request:\n%s", out)
	}
	if out, _, _ := runCLI(t, "--data-dir", dir, "usulan", "list", "--inbox", "--as", "ver"); !strings.Contains(out, nomor) {
		t.Fatalf("verifier's inbox lacks the request:\n%s", out)
	}
	today := time.Now().Format("2006-01-02")
	steps := [][]string{
		{"ver", "VERIFIKASI"}, {"kasal", "SETUJUI_OPD_ASAL"}, {"ktujuan", "SETUJUI_OPD_TUJUAN"},
		{"tpk", "PERTIMBANGAN_TPK", "--catatan", "Direkomendasikan"},
		{"adm", "TETAPKAN_SK", "--sk-nomor", "800/1/BKPSDM/2026", "--sk-tanggal", today, "--tmt", today},
		{"adm", "laksanakan"}, // the command line takes kinds in either case
	}
	just := "Kebutuhan organisasi di OPD tujuan mendesak dan pegawai memenuhi syarat jabatan."
	for _, s := range steps {
		args := append([]string{"--data-dir", dir, "usulan", "decide", nomor, "--as", s[0], "--kind", s[1], "--justifikasi", just}, s[2:]...)
		if out, e, c := runCLI(t, args...); c != 0 {
			t.Fatalf("%s by %s: exit %d %s %s", s[1], s[0], c, out, e)
		}
	}
	out, e, c := runCLI(t, "--data-dir", dir, "usulan", "show", nomor, "--json")
	if c != 0 {
		t.Fatal(e)
	}
	var shown struct {
		mutasisvc.UsulanDetail
	}
	if err := json.Unmarshal([]byte(out), &shown); err != nil {
		t.Fatal(err)
	}
	if shown.Row.Status != mutasi.StatusDilaksanakan || len(shown.Events) != 8 {
		t.Fatalf("after the walk: status %s, %d events", shown.Row.Status, len(shown.Events))
	}
	if out, e, c := runCLI(t, "--data-dir", dir, "evaluasi", "report", "--by", "jenis", "--tanggal", time.Now().AddDate(0, 7, 0).Format("2006-01-02")); c != 0 || !strings.Contains(out, "T1") {
		t.Fatalf("evaluation report: exit %d\n%s%s", c, out, e)
	}
}
