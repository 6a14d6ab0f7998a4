package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/dokumen"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/evaluasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// newDokumenApp is the facade on a demo store with the mutasi, document and
// evaluation services, and one draft T1 request.
func newDokumenApp(t *testing.T) (*App, *fakeDialogs, *store.Store, string) {
	t.Helper()
	a, _, d, st := newIOApp(t)
	a.mutasi = mutasisvc.New(mutasisvc.Config{Repo: st, ABK: a.abk, NewID: store.NewID})
	a.dokumen = dokumen.New(dokumen.Config{Repo: st, Dir: st.Dir(), NewID: store.NewID})
	a.evaluasi = evaluasi.New(evaluasi.Config{Repo: st, ABK: a.abk, NewID: store.NewID})
	var peg, opd, jab, opdT, unitT string
	err := st.DB().QueryRow(`SELECT p.id, p.opd_id, p.jabatan_id, q.opd_id, q.unit_id FROM pegawai p JOIN pegawai q
		ON q.jabatan_id = p.jabatan_id AND q.opd_id <> p.opd_id WHERE p.status = 'PNS' ORDER BY p.nip LIMIT 1`).Scan(&peg, &opd, &jab, &opdT, &unitT)
	if err != nil {
		t.Fatal(err)
	}
	loginAs(t, a, domain.RoleOperatorOPD, opd)
	det, err := a.CreateUsulan(mutasisvc.UsulanInput{PegawaiID: peg, Jenis: domain.MutasiT1, Targets: []mutasi.Placement{{OPDID: opdT, UnitID: unitT, JabatanID: jab}}})
	if err != nil {
		t.Fatal(err)
	}
	return a, d, st, det.Row.ID
}

func TestDokumenThroughTheFacade(t *testing.T) {
	a, d, st, id := newDokumenApp(t)
	src := filepath.Join(t.TempDir(), "sk pangkat.pdf")
	content := []byte("%PDF-1.4\nsk pangkat\n%%EOF\n")
	os.WriteFile(src, content, 0o600)
	d.open = src
	if p, err := a.ChooseDokumenFile(); err != nil || p != src {
		t.Fatal(p, err)
	}
	l, err := a.AttachDokumen(id, string(eligibility.DokSKPangkat), src)
	if err != nil {
		t.Fatal(err)
	}
	// The audit entry names the current user and role.
	var aktor, peran string
	st.DB().QueryRow("SELECT aktor, peran FROM audit_log WHERE entitas = 'dokumen_lampiran' AND entitas_id = ?", l.ID).Scan(&aktor, &peran)
	if op, _, _ := a.auth.Current(t.Context()); aktor != op.ID || peran != "OPERATOR_OPD" {
		t.Fatalf("audit actor %q role %q", aktor, peran)
	}
	items, err := a.DokumenChecklist(id)
	if err != nil || len(items) != 5 {
		t.Fatal(items, err)
	}
	if _, err := a.VerifyDokumen(l.ID, "TIDAK_SESUAI", ""); decode(t, err).Code != "auth.forbidden" {
		t.Fatalf("an operator verifies documents: %v", err)
	}
	loginAs(t, a, domain.RoleVerifikator, "") // documents are verified by the verifier (app_perm.go)
	if _, err := a.VerifyDokumen(l.ID, "TIDAK_SESUAI", ""); decode(t, err).Code != "dokumen.catatan_wajib" {
		t.Fatalf("verify without a note: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "palsu.pdf")
	os.WriteFile(bad, []byte("bukan pdf"), 0o600)
	if w := decode(t, func() error { _, err := a.AttachDokumen(id, string(eligibility.DokSKJabatan), bad); return err }()); w.Kind != "Invalid" || !strings.Contains(w.Message, "bukan PDF, JPG atau PNG") {
		t.Fatalf("bad magic: %+v", w)
	}

	out := t.TempDir()
	t.Setenv(ExportDirEnv, out)
	p, err := a.ExportDokumen(l.ID)
	if err != nil || filepath.Base(p) != "sk pangkat.pdf" {
		t.Fatal(p, err)
	}
	if got, _ := os.ReadFile(p); !bytes.Equal(got, content) {
		t.Fatal("exported copy differs")
	}
	for _, gen := range []func() (string, error){
		func() (string, error) { return a.GenerateNotaUsulan(id) },
		func() (string, error) { return a.GenerateDraftSK([]string{id}) },
		func() (string, error) { return a.GenerateTandaTerima(id) },
	} {
		p, err := gen()
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(p); !bytes.HasPrefix(b, []byte("%PDF-")) || filepath.Ext(p) != ".pdf" {
			t.Fatalf("%s is not a PDF", p)
		}
	}
	// A damaged stored file is never exported.
	os.WriteFile(filepath.Join(st.Dir(), "lampiran", l.SHA256[:2], l.SHA256), []byte("%PDF-diubah"), 0o600)
	if _, err := a.ExportDokumen(l.ID); decode(t, err).Code != "dokumen.rusak" {
		t.Fatalf("damaged export: %v", err)
	}
	if err := a.RemoveDokumen(l.ID); err != nil {
		t.Fatal(err)
	}
	loginAs(t, a, domain.RoleAdmin, "") // settings are the admin's
	if n, err := a.SaveDokumenMaxBytes(2 * 1024 * 1024); err != nil || n != 2*1024*1024 {
		t.Fatal(n, err)
	}
	if n, _ := a.DokumenMaxBytes(); n != 2*1024*1024 {
		t.Fatalf("limit %d", n)
	}
}

func TestEvaluasiThroughTheFacade(t *testing.T) {
	a, _, _, _ := newDokumenApp(t)
	qs, err := a.EvaluasiQuestions()
	if err != nil || len(qs) != 12 {
		t.Fatal(len(qs), err)
	}
	if c, err := a.EvaluasiDueCount(); err != nil || c != (evaluasi.DueCount{}) {
		t.Fatal(c, err)
	}
	if items, err := a.EvaluasiDue(true); err != nil || len(items) != 0 {
		t.Fatal(items, err)
	}
	if _, err := a.EvaluasiForm("x", 6, "PEGAWAI"); decode(t, err).Code != "evaluasi.tidak_ada" {
		t.Fatal(err)
	}
	out := t.TempDir()
	t.Setenv(ExportDirEnv, out)
	p, err := a.ExportEvaluasiReport("opd")
	if err != nil || !strings.HasPrefix(filepath.Base(p), "evaluasi-mutasi-per-opd-") {
		t.Fatal(p, err)
	}
	if _, err := a.EvaluasiReport("x"); decode(t, err).Code != "evaluasi.groupBy" {
		t.Fatal(err)
	}
}

func TestDokumenUnavailableIsCoded(t *testing.T) {
	a, _ := newTestApp(t)
	if _, err := a.DokumenChecklist("x"); decode(t, err).Code != "dokumen.unavailable" {
		t.Fatal(err)
	}
	if _, err := a.EvaluasiDueCount(); decode(t, err).Code != "evaluasi.unavailable" {
		t.Fatal(err)
	}
}
