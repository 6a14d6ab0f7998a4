package mutasisvc_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/audit"
	"github.com/bkpsdm-sorong/imbang/backend/dokumen"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// headcount is the OPD's current staff as the OPD list counts it.
func (f *fixture) headcount(opdID string) int {
	f.t.Helper()
	list, err := f.st.ListOPD(ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	for _, o := range list {
		if o.ID == opdID {
			return o.Pegawai
		}
	}
	f.t.Fatalf("no OPD %s", opdID)
	return 0
}

// listed reports whether the employee list (by NIP) shows the employee.
func (f *fixture) listed(nip string, all bool) bool {
	f.t.Helper()
	page, err := f.st.ListPegawai(ctx, kepegawaian.PegawaiQuery{Search: nip, TermasukKeluar: all})
	if err != nil {
		f.t.Fatal(err)
	}
	return page.Total == 1 && len(page.Rows) == 1 && page.Rows[0].NIP == nip
}

// position is the ABK bezetting of one (unit, jabatan) position.
func (f *fixture) position(p mutasi.Placement) int {
	f.t.Helper()
	an, err := f.abk.Analyse(ctx, "")
	if err != nil {
		f.t.Fatal(err)
	}
	for _, r := range an.Result.Positions {
		if r.UnitID == p.UnitID && r.JabatanID == p.JabatanID {
			return r.Bezetting
		}
	}
	return 0
}

func (f *fixture) count() int {
	f.t.Helper()
	n, err := f.st.CountPegawai(ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}

// attachAll attaches every checklist document of a request and marks it
// SESUAI.
func (f *fixture) attachAll(id string) {
	f.t.Helper()
	dok := dokumen.New(dokumen.Config{Repo: f.st, Dir: f.st.Dir(), Now: func() time.Time { return f.clock }, NewID: store.NewID})
	items, err := dok.Checklist(ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	dir := f.t.TempDir()
	for _, it := range items {
		p := filepath.Join(dir, string(it.Kode)+".pdf")
		if err := os.WriteFile(p, []byte("%PDF-1.4\n% "+string(it.Kode)+"\n%%EOF\n"), 0o600); err != nil {
			f.t.Fatal(err)
		}
		l, err := dok.Attach(ctx, id, string(it.Kode), p)
		if err != nil {
			f.t.Fatal(err)
		}
		if _, err := dok.Verify(ctx, l.ID, string(dokumen.Sesuai), ""); err != nil {
			f.t.Fatal(err)
		}
	}
}

const instansi = "Pemerintah Kabupaten Sorong Selatan"

func TestOutgoingT2LeavesThePemdaAndCancellingReturns(t *testing.T) {
	f := newFixture(t)
	c := f.candidates(1)[0]
	before, err := f.st.Pegawai(ctx, c.pegawai)
	if err != nil {
		t.Fatal(err)
	}
	nip := string(before.NIP)
	luar := mutasi.Placement{OPDID: "pemkab-sorsel", Instansi: instansi}
	bez, head, total, pos := bezetting(t, f.abk, c.source.OPDID), f.headcount(c.source.OPDID), f.count(), f.position(c.source)
	histBefore, _ := f.st.Riwayat(ctx, c.pegawai)
	if !f.listed(nip, false) {
		t.Fatal("employee not listed before the transfer")
	}

	f.as(mutasisvc.User{ID: "op", Role: domain.RoleOperatorOPD, OPDID: c.source.OPDID})
	// A target outside the Pemda must name the agency.
	_, err = f.svc.CreateUsulan(ctx, mutasisvc.UsulanInput{PegawaiID: c.pegawai, Jenis: domain.MutasiT2, Targets: []mutasi.Placement{{OPDID: "pemkab-sorsel"}}})
	if code(err) != string(domain.KindInvalid)+"/mutasi.instansi_required" {
		t.Fatalf("no agency: %v", err)
	}
	det, err := f.svc.CreateUsulan(ctx, mutasisvc.UsulanInput{PegawaiID: c.pegawai, Jenis: domain.MutasiT2, Targets: []mutasi.Placement{luar}})
	if err != nil {
		t.Fatal(err)
	}
	id := det.Row.ID
	if det.Targets[0].OPDNama != instansi {
		t.Fatalf("target label %+v", det.Targets[0])
	}
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindAjukan})
	f.as(mutasisvc.User{ID: "ver", Role: domain.RoleVerifikator})
	f.attachAll(id) // T2–T4: MUT-18 blocks without the documents
	f.attached[id] = true
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindVerifikasi, TargetIndex: 0})
	f.as(mutasisvc.User{ID: "ka", Role: domain.RoleKepalaOPD, OPDID: c.source.OPDID})
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindSetujuiAsal})
	f.as(mutasisvc.User{ID: "adm", Role: domain.RoleAdmin})
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindSetujuiTujuan, Note: "Surat persetujuan Bupati Sorong Selatan 800/77/2026"})
	f.as(mutasisvc.User{ID: "tpk", Role: domain.RoleTPK})
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindPertimbanganTPK, Note: "Direkomendasikan"})
	f.as(mutasisvc.User{ID: "adm", Role: domain.RoleAdmin})
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindSetujuiPPKAsal, Note: "Disetujui Bupati"})
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindPertek, Pertek: &mutasi.Letter{Nomor: "PT-XIV/01", Tanggal: domain.MustDate("2026-07-05")}})
	tmt := domain.MustDate("2026-08-01")
	sk := "800/124/BKPSDM/2026"
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindTetapkanSK, SK: &mutasi.SK{Nomor: sk, Tanggal: domain.MustDate("2026-07-10"), TMT: tmt}})
	f.clock = time.Date(2026, 8, 1, 9, 0, 0, 0, time.UTC)
	det = f.decide(id, mutasisvc.Decision{Kind: mutasi.KindLaksanakan})
	if det.Row.Status != mutasi.StatusDilaksanakan {
		t.Fatalf("status %s", det.Row.Status)
	}

	out, _ := f.st.Pegawai(ctx, c.pegawai)
	if out.KeluarPada != tmt || out.InstansiTujuan != instansi || out.OPDID != before.OPDID || out.UnitID != before.UnitID ||
		out.JabatanID != before.JabatanID || out.TMTJabatan != before.TMTJabatan {
		t.Fatalf("after leaving: %+v", out)
	}
	if err := out.Validate(domain.DateOf(f.clock)); err != nil {
		t.Fatalf("the record that left does not validate: %v", err)
	}
	hist, _ := f.st.Riwayat(ctx, c.pegawai)
	wantKet := "Pindah ke " + instansi + " (SK " + sk + ")"
	if len(hist) != len(histBefore) || hist[0].TanggalSelesai != domain.MustDate("2026-07-31") || !strings.HasSuffix(hist[0].Keterangan, wantKet) {
		t.Fatalf("history after leaving: %+v", hist)
	}
	for _, h := range hist {
		if h.TanggalSelesai.IsZero() {
			t.Fatalf("an open history row after leaving: %+v", h)
		}
	}
	if f.listed(nip, false) || !f.listed(nip, true) {
		t.Fatal("the employee who left is still listed as staff (or not listed with TermasukKeluar)")
	}
	if b, h, n := bezetting(t, f.abk, c.source.OPDID), f.headcount(c.source.OPDID), f.count(); b != bez-1 || h != head-1 || n != total-1 || f.position(c.source) != pos-1 {
		t.Fatalf("bezetting %d→%d, headcount %d→%d, count %d→%d, position %d→%d", bez, b, head, h, total, n, pos, f.position(c.source))
	}
	// The edit form does not carry the two fields: saving keeps the
	// employee out and reopens no history.
	edit := out
	edit.KeluarPada, edit.InstansiTujuan = domain.Date{}, ""
	if err := f.st.SavePegawai(ctx, "op", edit, false, store.NewID()); err != nil {
		t.Fatal(err)
	}
	if again, _ := f.st.Pegawai(ctx, c.pegawai); again != out {
		t.Fatalf("edit changed the record that left: %+v", again)
	}
	if h, _ := f.st.Riwayat(ctx, c.pegawai); len(h) != len(histBefore) || h[0].TanggalSelesai.IsZero() {
		t.Fatalf("edit reopened history: %+v", h)
	}
	// No new request for an employee who left.
	f.as(mutasisvc.User{ID: "op", Role: domain.RoleOperatorOPD, OPDID: c.source.OPDID})
	if _, err := f.svc.CreateUsulan(ctx, mutasisvc.UsulanInput{PegawaiID: c.pegawai, Jenis: domain.MutasiT1, Targets: []mutasi.Placement{c.target}}); code(err) != string(domain.KindInvalid)+"/mutasi.pegawai_keluar" {
		t.Fatalf("request for an employee who left: %v", err)
	}

	// Cancelling reverses it: back on the staff, the post re-appended.
	f.as(mutasisvc.User{ID: "adm", Role: domain.RoleAdmin})
	f.clock = time.Date(2026, 8, 15, 9, 0, 0, 0, time.UTC)
	det = f.decide(id, mutasisvc.Decision{Kind: mutasi.KindBatalkan, Note: "SK dicabut"})
	if det.Row.Status != mutasi.StatusDibatalkan || det.State.Reversal == nil {
		t.Fatalf("after cancelling: %+v", det.Row)
	}
	back, _ := f.st.Pegawai(ctx, c.pegawai)
	if back != before {
		t.Fatalf("not restored: %+v vs %+v", back, before)
	}
	hist, _ = f.st.Riwayat(ctx, c.pegawai)
	if len(hist) != len(histBefore)+1 || hist[0].UnitID != before.UnitID || hist[0].JabatanID != before.JabatanID ||
		!hist[0].TanggalSelesai.IsZero() || hist[0].TMT != domain.MustDate("2026-08-15") || hist[0].NomorSK != sk ||
		hist[1].TanggalSelesai != domain.MustDate("2026-07-31") {
		t.Fatalf("history after reversal: %+v", hist)
	}
	if !f.listed(nip, false) {
		t.Fatal("the returned employee is not listed")
	}
	if b, h, n := bezetting(t, f.abk, c.source.OPDID), f.headcount(c.source.OPDID), f.count(); b != bez || h != head || n != total || f.position(c.source) != pos {
		t.Fatalf("not restored: bezetting %d/%d, headcount %d/%d, count %d/%d", b, bez, h, head, n, total)
	}

	entries, auditHead, err := f.st.AuditLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ps := audit.VerifyHead(entries, auditHead); len(ps) != 0 {
		t.Fatalf("audit: %v", ps)
	}
	var pegawaiUpdates int
	decisions := map[string]bool{}
	for _, e := range entries {
		if e.Entity == "pegawai" && e.EntityID == c.pegawai && strings.HasPrefix(e.Action, "UPDATE") {
			pegawaiUpdates++
		}
		if e.Entity == "mutasi_usulan" && e.EntityID == id {
			decisions[e.Action] = true
		}
	}
	if pegawaiUpdates != 2 || // leaving and returning; the unchanged edit writes nothing
		!decisions["LAKSANAKAN"] || !decisions["BATALKAN"] || !decisions["CATAT_PERTEK"] || !decisions["SETUJUI_PPK_ASAL"] {
		t.Fatalf("audit: %d pegawai updates, decisions %v", pegawaiUpdates, decisions)
	}
}
