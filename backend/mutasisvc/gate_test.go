package mutasisvc_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/dokumen"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

func kodes(ds []eligibility.DokumenInfo) string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = string(d.Kode)
	}
	return strings.Join(out, ",")
}

// Each gated decision asks for the checklist documents that exist by then:
// the heads' letters after their approvals, the origin PPK's after the TPK.
func TestDokumenKurangPerStep(t *testing.T) {
	none := []eligibility.Dokumen(nil)
	for _, tc := range []struct {
		jenis domain.JenisMutasi
		aps   bool
		kind  mutasi.Kind
		have  []eligibility.Dokumen
		want  string
	}{
		{domain.MutasiT1, false, mutasi.KindVerifikasi, none, "SK_PANGKAT_TERAKHIR,SK_JABATAN_TERAKHIR,SKP_2_TAHUN"},
		{domain.MutasiT1, true, mutasi.KindVerifikasi, none, "SURAT_PERMOHONAN,SK_PANGKAT_TERAKHIR,SK_JABATAN_TERAKHIR,SKP_2_TAHUN"},
		{domain.MutasiT1, false, mutasi.KindPertimbanganTPK, none, "PERSETUJUAN_OPD_ASAL,PERSETUJUAN_OPD_TUJUAN,SK_PANGKAT_TERAKHIR,SK_JABATAN_TERAKHIR,SKP_2_TAHUN"},
		{domain.MutasiT1, false, mutasi.KindTetapkanSK, []eligibility.Dokumen{eligibility.DokSKPangkat, eligibility.DokSKJabatan,
			eligibility.DokSKP2Tahun, eligibility.DokPersetujuanOPDAsal}, "PERSETUJUAN_OPD_TUJUAN"},
		{domain.MutasiT0, false, mutasi.KindVerifikasi, []eligibility.Dokumen{eligibility.DokSKJabatan}, ""},
		{domain.MutasiT2, false, mutasi.KindPertimbanganTPK, none, "USUL_PPK_PENERIMA,SK_CPNS,SK_PNS,SK_PANGKAT_TERAKHIR,SK_JABATAN_TERAKHIR,SKP_2_TAHUN,BEBAS_HUKDIS_PIDANA,BEBAS_TUGAS_BELAJAR,BEBAS_TEMUAN,ANJAB_ABK"},
		{domain.MutasiT2, false, mutasi.KindTetapkanSK, none, "USUL_PPK_PENERIMA,PERSETUJUAN_PPK_ASAL,SK_CPNS,SK_PNS,SK_PANGKAT_TERAKHIR,SK_JABATAN_TERAKHIR,SKP_2_TAHUN,BEBAS_HUKDIS_PIDANA,BEBAS_TUGAS_BELAJAR,BEBAS_TEMUAN,ANJAB_ABK"},
		// Approvals and records are not gated.
		{domain.MutasiT1, false, mutasi.KindSetujuiAsal, none, ""},
		{domain.MutasiT1, false, mutasi.KindLaksanakan, none, ""},
	} {
		if got := kodes(mutasisvc.DokumenKurang(tc.jenis, tc.aps, tc.kind, tc.have)); got != tc.want {
			t.Errorf("%s aps=%v %s: missing %q, want %q", tc.jenis, tc.aps, tc.kind, got, tc.want)
		}
	}
}

func TestCheckJustifikasi(t *testing.T) {
	warn := []eligibility.Result{{RuleID: "MUT-13", Severity: eligibility.Warn, Outcome: eligibility.Fail}}
	good := "Kebutuhan organisasi di OPD tujuan mendesak dan pegawai memenuhi syarat jabatan."
	for _, tc := range []struct {
		name string
		kind mutasi.Kind
		warn []eligibility.Result
		text string
		ok   bool
	}{
		{"any text does not do", mutasi.KindVerifikasi, warn, "ok", false},
		{"long but one word", mutasi.KindTetapkanSK, warn, strings.Repeat("a", 80), false},
		{"spaces do not count", mutasi.KindPertimbanganTPK, warn, "a  b   c    d     e      f" + strings.Repeat(" ", 40), false},
		{"a sentence", mutasi.KindVerifikasi, warn, good, true},
		{"a head's approval too", mutasi.KindSetujuiTujuan, warn, "", false},
		{"nothing warns", mutasi.KindVerifikasi, nil, "", true},
		{"submitting is the proposer's", mutasi.KindAjukan, warn, "", true},
	} {
		err := mutasisvc.CheckJustifikasi(tc.kind, tc.warn, tc.text)
		if (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.name, err)
		}
		if err != nil && (code(err) != "Invalid/mutasi.justifikasi_kurang" || !strings.Contains(err.(*domain.Error).Message, "MUT-13")) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

// The finding: a T1 request reached SK and execution with 0 of 5 documents,
// and any text satisfied every WARN rule. Now verification, the TPK's advice
// and the SK are refused while documents are missing, naming them, and a
// decision while WARN rules fail needs its own justification, which the
// event keeps.
func TestDocumentsAndJustificationGateDecisions(t *testing.T) {
	f := newFixture(t)
	c := f.candidates(1)[0]
	f.as(mutasisvc.User{ID: "op", Role: domain.RoleOperatorOPD, OPDID: c.source.OPDID})
	det, err := f.svc.CreateUsulan(ctx, mutasisvc.UsulanInput{PegawaiID: c.pegawai, Jenis: domain.MutasiT1, APS: true,
		Alasan: "x", Targets: []mutasi.Placement{c.target}})
	if err != nil {
		t.Fatal(err)
	}
	id := det.Row.ID
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindAjukan})

	f.as(mutasisvc.User{ID: "ver", Role: domain.RoleVerifikator})
	det, _ = f.svc.GetUsulan(ctx, id)
	if g := det.Gate; len(g.Dokumen) != 1 || g.Dokumen[0].Kind != mutasi.KindVerifikasi || len(g.Dokumen[0].Items) != 4 ||
		g.Dokumen[0].Items[0].Ada || g.MinJustifikasi != mutasisvc.MinJustifikasi {
		t.Fatalf("the verifier's gate view %+v", g)
	}
	_, err = f.svc.DecideUsulan(ctx, id, mutasisvc.Decision{Kind: mutasi.KindVerifikasi, Justifikasi: justifikasi})
	if code(err) != "NotEligible/mutasi.dokumen_kurang" {
		t.Fatalf("verification without documents: %v", err)
	}
	e := err.(*domain.Error)
	for _, w := range []string{"Verifikasi", "(4)", "Surat permohonan pindah", "Salinan sah SK pangkat terakhir", "SKP bernilai baik"} {
		if !strings.Contains(e.Message, w) {
			t.Errorf("refusal %q lacks %q", e.Message, w)
		}
	}
	if len(e.Fields) != 4 || e.Fields[0].Field != "dokumen.SURAT_PERMOHONAN" {
		t.Errorf("fields %+v", e.Fields)
	}

	// With every document the WARN rules remain: "ok" is not a justification.
	f.as(mutasisvc.User{ID: "adm", Role: domain.RoleAdmin})
	f.attachAll(id)
	f.attached[id] = true
	f.as(mutasisvc.User{ID: "ver", Role: domain.RoleVerifikator})
	det, _ = f.svc.GetUsulan(ctx, id)
	var warns []string
	for _, r := range det.Rules {
		if r.Failed() && r.Severity == eligibility.Warn {
			warns = append(warns, r.RuleID)
		}
	}
	if len(warns) == 0 {
		t.Fatal("the candidate has no WARN rule failing; the test needs one")
	}
	if g := det.Gate; !slices.Contains(g.Justifikasi, mutasi.KindVerifikasi) || !g.Dokumen[0].Items[3].Ada {
		t.Fatalf("gate view with the documents: %+v", g)
	}
	for _, text := range []string{"", "ok", "x"} {
		if _, err := f.svc.DecideUsulan(ctx, id, mutasisvc.Decision{Kind: mutasi.KindVerifikasi, Justifikasi: text}); code(err) != "Invalid/mutasi.justifikasi_kurang" {
			t.Fatalf("justification %q: %v", text, err)
		}
	}
	det = f.decide(id, mutasisvc.Decision{Kind: mutasi.KindVerifikasi, Justifikasi: "  " + justifikasi + "\n"})
	last := det.Events[len(det.Events)-1]
	if last.Kind != mutasi.KindVerifikasi || last.Payload.Justifikasi != justifikasi {
		t.Fatalf("justification not stored on the event: %+v", last.Payload)
	}

	// The nota usulan prints it with who decided.
	dok := dokumen.New(dokumen.Config{Repo: f.st, Dir: f.st.Dir(), Now: func() time.Time { return f.clock }, NewID: store.NewID})
	n, err := dok.NotaUsulan(ctx, id)
	if err != nil || len(n.Justifikasi) != 1 || n.Justifikasi[0].Teks != justifikasi || n.Justifikasi[0].Langkah != "Verifikasi BKPSDM" ||
		!strings.Contains(n.Justifikasi[0].Oleh, "Verifikator") {
		t.Fatalf("nota justifications %+v %v", n.Justifikasi, err)
	}

	f.as(mutasisvc.User{ID: "ka", Role: domain.RoleKepalaOPD, OPDID: c.source.OPDID})
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindSetujuiAsal})
	f.as(mutasisvc.User{ID: "kt", Role: domain.RoleKepalaOPD, OPDID: c.target.OPDID})
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindSetujuiTujuan})
	f.as(mutasisvc.User{ID: "tpk", Role: domain.RoleTPK})
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindPertimbanganTPK, Note: "Direkomendasikan"})

	// A document found wrong after the TPK stops the SK, by name.
	f.as(mutasisvc.User{ID: "adm", Role: domain.RoleAdmin})
	items, err := dok.Checklist(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Kode == eligibility.DokSKJabatan {
			if _, err := dok.Verify(ctx, it.Lampiran[0].ID, string(dokumen.TidakSesuai), "Bukan SK terakhir"); err != nil {
				t.Fatal(err)
			}
		}
	}
	sk := &mutasi.SK{Nomor: "800/9/BKPSDM/2026", Tanggal: domain.MustDate("2026-07-10"), TMT: domain.MustDate("2026-08-01")}
	_, err = f.svc.DecideUsulan(ctx, id, mutasisvc.Decision{Kind: mutasi.KindTetapkanSK, SK: sk, Justifikasi: justifikasi})
	if code(err) != "NotEligible/mutasi.dokumen_kurang" || !strings.Contains(err.(*domain.Error).Message, "Salinan sah SK jabatan terakhir") ||
		!strings.Contains(err.(*domain.Error).Message, "Penetapan SK") {
		t.Fatalf("SK with a rejected document: %v", err)
	}
	det, _ = f.svc.GetUsulan(ctx, id)
	if det.Row.Status != mutasi.StatusDipertimbangkan {
		t.Fatalf("status after refusals: %s", det.Row.Status)
	}
}
