package eligibility

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	d "github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Every rule MUT-01 … MUT-21 is present, in order, with both titles and
// statements, a source, a confidence, and messages in both languages; every
// parameter it names exists in Params' JSON.
func TestEveryRuleIsComplete(t *testing.T) {
	raw, _ := json.Marshal(DefaultParams())
	var fields map[string]any
	_ = json.Unmarshal(raw, &fields)
	rs := Rules()
	if len(rs) != 21 {
		t.Fatalf("%d rules, want 21", len(rs))
	}
	for i, r := range rs {
		if want := fmt.Sprintf("MUT-%02d", i+1); r.ID != want {
			t.Errorf("rule %d is %s, want %s", i, r.ID, want)
		}
		for name, v := range map[string]string{"judul": r.Judul, "judulEn": r.JudulEN, "pernyataan": r.Pernyataan,
			"statementEn": r.StatementEN, "source": r.Source, "confidence": r.Confidence} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s has no %s", r.ID, name)
			}
		}
		if r.Severity != Block && r.Severity != Warn && r.Severity != Info {
			t.Errorf("%s: severity %q", r.ID, r.Severity)
		}
		if r.check == nil {
			t.Errorf("%s has no check", r.ID)
		}
		if len(r.Messages) == 0 {
			t.Errorf("%s has no messages", r.ID)
		}
		seen := map[string]bool{}
		for _, m := range r.Messages {
			key := string(m.Outcome) + "/" + m.Variant
			if seen[key] {
				t.Errorf("%s: two templates for %s", r.ID, key)
			}
			seen[key] = true
			if strings.TrimSpace(m.ID) == "" || strings.TrimSpace(m.EN) == "" {
				t.Errorf("%s %s: missing Indonesian or English message", r.ID, key)
			}
			if strings.Count(m.ID, "{") != strings.Count(m.EN, "{") {
				t.Errorf("%s %s: the two languages use different placeholders: %q / %q", r.ID, key, m.ID, m.EN)
			}
		}
		for _, p := range r.Params {
			if _, ok := fields[p]; !ok {
				t.Errorf("%s names parameter %q, which Params does not have", r.ID, p)
			}
		}
	}
}

func TestRoutesCoverEveryType(t *testing.T) {
	for _, j := range d.JenisMutasiAll {
		r, ok := RouteOf(j)
		if !ok || len(r.Pemutus) == 0 || r.Nama == "" || r.NamaEN == "" || r.Sumber == "" || len(r.Dokumen) == 0 {
			t.Errorf("%s: incomplete route %+v", j, r)
		}
		if r.PertekBKN != j.AntarInstansi() || r.DokumenWajib != j.AntarInstansi() {
			t.Errorf("%s: pertek/documents do not follow docs/domain.md §3", j)
		}
		for _, doc := range r.Dokumen {
			if _, ok := InfoDokumen(doc); !ok {
				t.Errorf("%s: document %s has no names", j, doc)
			}
		}
	}
	if got := len(mustRoute(d.MutasiT2).Required(false)); got != 11 {
		t.Errorf("T2 without APS needs %d documents, want 11", got)
	}
	if got := len(mustRoute(d.MutasiT2).Required(true)); got != 12 {
		t.Errorf("T2 with APS needs %d documents, want 12", got)
	}
}

func mustRoute(j d.JenisMutasi) Route { r, _ := RouteOf(j); return r }

func TestParamsJSONRoundTrip(t *testing.T) {
	p := DefaultParams()
	p.MUT19Pelantikan, p.MUT19PenetapanPaslon, p.MUT19AkhirMasaJabatan = d.MustDate("2025-02-20"), d.MustDate("2029-09-22"), d.MustDate("2030-02-20")
	p.MUT13EJMin = 1.25
	raw, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `"mut19Pelantikan":"2025-02-20"`) || !strings.Contains(string(raw), `"mut10MinPredikat":"BAIK"`) {
		t.Fatalf("unexpected JSON: %s", raw)
	}
	var back Params
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, p) {
		t.Fatalf("round trip: %+v != %+v", back, p)
	}
	if err := back.Validate(); err != nil {
		t.Fatalf("valid params rejected: %v", err)
	}
}

func TestValidate(t *testing.T) {
	if err := DefaultParams().Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	cases := []struct {
		field  string
		mutate func(*Params)
	}{
		{"mut03MinTahun", func(p *Params) { p.MUT03MinTahun = -1 }},
		{"mut04MaxTahun", func(p *Params) { p.MUT04MaxTahun = 0 }},
		{"mut04MaxTahun", func(p *Params) { p.MUT03MinTahun, p.MUT04MaxTahun = 6, 5 }},
		{"mut05Tahun", func(p *Params) { p.MUT05Tahun = 41 }},
		{"mut05KohortMulai", func(p *Params) { p.MUT05KohortMulai = 21 }},
		{"mut06SedangBulan", func(p *Params) { p.MUT06SedangBulan = 0 }},
		{"mut06BeratBulan", func(p *Params) { p.MUT06BeratBulan = 61 }},
		{"mut06RinganBulan", func(p *Params) { p.MUT06RinganBulan = -3 }},
		{"mut10JumlahTahun", func(p *Params) { p.MUT10JumlahTahun = 0 }},
		{"mut10MinPredikat", func(p *Params) { p.MUT10MinPredikat = "BAGUS" }},
		{"mut12KelasDelta", func(p *Params) { p.MUT12KelasDelta = -1 }},
		{"mut13EjMin", func(p *Params) { p.MUT13EJMin = -0.5 }},
		{"mut15MinTahun", func(p *Params) { p.MUT15MinTahun = 21 }},
		{"mut16Derajat", func(p *Params) { p.MUT16Derajat = 0 }},
		{"mut19JendelaBulan", func(p *Params) { p.MUT19JendelaBulan = 0 }},
		{"mut19AkhirMasaJabatan", func(p *Params) { p.MUT19PenetapanPaslon = d.MustDate("2029-09-22") }},
		{"mut19AkhirMasaJabatan", func(p *Params) {
			p.MUT19PenetapanPaslon, p.MUT19AkhirMasaJabatan = d.MustDate("2029-09-22"), d.MustDate("2029-01-01")
		}},
		{"mut20Tahun", func(p *Params) { p.MUT20Tahun = 11 }},
	}
	for _, tc := range cases {
		p := DefaultParams()
		tc.mutate(&p)
		err := p.Validate()
		var e *d.Error
		if err == nil || !errorsAs(err, &e) || d.KindOf(err) != d.KindInvalid {
			t.Errorf("%s: want an Invalid error, got %v", tc.field, err)
			continue
		}
		found := false
		for _, f := range e.Fields {
			found = found || f.Field == tc.field
			if f.Message == "" || f.MessageEN == "" {
				t.Errorf("%s: field error without messages: %+v", tc.field, f)
			}
		}
		if !found {
			t.Errorf("%s: error names %+v", tc.field, e.Fields)
		}
	}
}

func errorsAs(err error, e **d.Error) bool {
	x, ok := err.(*d.Error)
	*e = x
	return ok
}

func TestDurasi(t *testing.T) {
	for _, tc := range []struct{ from, to, id, en string }{
		{"2023-07-01", "2025-07-01", "2 tahun", "2 years"},
		{"2023-07-02", "2025-07-01", "1 tahun 11 bulan 29 hari", "1 year 11 months 29 days"},
		{"2024-01-31", "2024-02-29", "1 bulan", "1 month"}, // month ends clamp, as AddYears does for 29 February
		{"2024-01-31", "2024-03-01", "1 bulan 1 hari", "1 month 1 day"},
		{"2020-02-29", "2021-02-28", "1 tahun", "1 year"},
		{"2025-07-01", "2025-07-01", "0 hari", "0 days"},
		{"2025-07-02", "2025-07-01", "0 hari", "0 days"},
	} {
		id, en := durasi(d.MustDate(tc.from), d.MustDate(tc.to))
		if id != tc.id || en != tc.en {
			t.Errorf("durasi(%s, %s) = %q / %q, want %q / %q", tc.from, tc.to, id, en, tc.id, tc.en)
		}
	}

}

// randomCase draws a case from a seeded source, mixing every branch the
// rules have.
func randomCase(r *rand.Rand) (Params, Case) {
	p, c := base()
	pick := func(n int) int { return r.IntN(n) }
	day := func() d.Date { return tanggal.AddDays(pick(6000) - 3000) }
	maybeDay := func() d.Date {
		if pick(4) == 0 {
			return d.Date{}
		}
		return day()
	}
	c.Tanggal = day()
	c.Jenis = []d.JenisMutasi{d.MutasiT0, d.MutasiT1, d.MutasiT2, d.MutasiT3, d.MutasiT4, "X"}[pick(6)]
	c.APS = pick(2) == 0
	c.AsalLuar, c.TujuanLuar = pick(4) == 0, pick(4) == 0
	if pick(3) == 0 {
		c.OPDTujuanID = c.OPDAsalID
	}
	c.Pegawai.Status = []d.StatusASN{d.StatusPNS, d.StatusCPNS, d.StatusPPPK, ""}[pick(4)]
	c.Pegawai.Golongan = d.Golongans()[pick(17)]
	c.Pegawai.Pendidikan = d.PendidikanLevels()[pick(len(d.PendidikanLevels()))]
	c.Pegawai.Jurusan = []string{"", "Ilmu Pemerintahan", "Teknik Sipil"}[pick(3)]
	c.Pegawai.TMTJabatan, c.Pegawai.TMTCPNS, c.Pegawai.TMTPNS, c.Pegawai.TanggalLahir = maybeDay(), maybeDay(), maybeDay(), maybeDay().AddYears(-40)
	kinds := d.JenisJabatans
	c.JabatanAsal.Jenis, c.JabatanTujuan.Jenis = kinds[pick(len(kinds))], kinds[pick(len(kinds))]
	c.JabatanAsal.Kelas, c.JabatanTujuan.Kelas = pick(18), pick(18)
	c.SKP = nil
	for y := c.Tanggal.Y - 4; y < c.Tanggal.Y+1; y++ {
		if pick(5) > 0 {
			c.SKP = append(c.SKP, d.SKP{Tahun: y, Predikat: []d.SKPPredikat{d.SKPSangatBaik, d.SKPBaik, d.SKPButuhPerbaikan, d.SKPKurang}[pick(4)]})
		}
	}
	for range pick(3) {
		c.Hukdis = append(c.Hukdis, d.Hukdis{Tingkat: []d.TingkatHukdis{d.HukdisRingan, d.HukdisSedang, d.HukdisBerat}[pick(3)], TMT: day(), TanggalSelesai: maybeDay()})
	}
	c.DalamPemeriksaan, c.ProsesPidana, c.TemuanInspektorat = pick(8) == 0, pick(8) == 0, pick(8) == 0
	c.TugasBelajar, c.TugasBelajarSelesai, c.IkatanDinas, c.IkatanDinasSelesai = pick(6) == 0, maybeDay(), pick(6) == 0, maybeDay()
	c.ABKTahun = []int{0, 2024, 2025}[pick(3)]
	pos := func() *abk.PositionResult {
		if pick(4) == 0 {
			return nil
		}
		return &abk.PositionResult{KebutuhanBulat: pick(4), Bezetting: pick(4), EJ: r.Float64() * 2}
	}
	c.ABKTujuan, c.ABKAsal = pos(), pos()
	for range pick(3) {
		c.Kerabat = append(c.Kerabat, Kerabat{Pihak: []Pihak{PihakPemutus, PihakAtasanLangsung}[pick(2)],
			Hubungan: []Hubungan{HubSuamiIstri, HubDarah, HubSemenda}[pick(3)], Derajat: pick(5)})
	}
	c.DokumenDiperiksa = pick(2) == 0
	for _, x := range Dokumens {
		if pick(5) > 0 {
			c.Dokumen = append(c.Dokumen, x.Kode)
		}
	}
	c.Pemutus = []Pemutus{"", PemutusPPK, PemutusKepalaOPD, PemutusGubernur, PemutusMendagri, PemutusKepalaBKN}[pick(6)]
	c.PemutusPenjabat, c.TugasTambahan, c.IzinMendagri = pick(5) == 0, pick(5) == 0, pick(5) == 0
	c.PelantikanJPT, c.PengecualianJPT = maybeDay(), pick(4) == 0
	if pick(2) == 0 {
		p.MUT19Pelantikan = day()
	}
	if pick(2) == 0 {
		p.MUT19PenetapanPaslon = day()
		p.MUT19AkhirMasaJabatan = p.MUT19PenetapanPaslon.AddDays(pick(900))
	}
	p.MUT13EJMin = []float64{0, 1}[pick(2)]
	if pick(4) == 0 { // BKPSDM's severity settings, for one rule and this type
		id := rules[pick(len(rules))].ID
		p.Severitas = map[string]map[d.JenisMutasi]Severity{id: {c.Jenis: []Severity{Block, Warn, Info}[pick(3)]}}
	}
	return p, c
}

// Property: Evaluate is deterministic, returns exactly one result per rule in
// rule order, fills every message, and Screen agrees with HardExclusion.
func TestEvaluateProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(20250701, 4))
	ids := make([]string, len(rules))
	for i := range rules {
		ids[i] = rules[i].ID
	}
	outcomes := map[string]map[Outcome]bool{}
	for i := 0; i < 5000; i++ {
		p, c := randomCase(r)
		a, b := Evaluate(p, c), Evaluate(p, c)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("case %d: two evaluations differ", i)
		}
		if len(a.Results) != len(ids) {
			t.Fatalf("case %d: %d results", i, len(a.Results))
		}
		for j, res := range a.Results {
			if res.RuleID != ids[j] {
				t.Fatalf("case %d: result %d is %s, want %s", i, j, res.RuleID, ids[j])
			}
			if res.Outcome != Pass && res.Outcome != Fail && res.Outcome != NotApplicable {
				t.Fatalf("case %d: %s outcome %q", i, res.RuleID, res.Outcome)
			}
			checkFilled(t, res)
			if outcomes[res.RuleID] == nil {
				outcomes[res.RuleID] = map[Outcome]bool{}
			}
			outcomes[res.RuleID][res.Outcome] = true
		}
		id, blocked := Screen(&p, &c)
		ex, ok := a.HardExclusion()
		if blocked != ok || (a.Blocked() && !blocked) || (ok && ex.RuleID != id) {
			t.Fatalf("case %d: Screen %s %v, HardExclusion %s %v", i, id, blocked, ex.RuleID, ok)
		}
	}
	for _, id := range ids {
		if !outcomes[id][Fail] {
			t.Errorf("%s never failed on random cases", id)
		}
	}
}

func TestScreenAllocatesOnce(t *testing.T) {
	p, c := base()
	c.Kerabat = []Kerabat{{Pihak: PihakPemutus, Hubungan: HubDarah, Derajat: 3}}
	// One allocation: the verdict record escapes through the rules' function values.
	if n := testing.AllocsPerRun(100, func() { Screen(&p, &c) }); n > 1 {
		t.Fatalf("Screen allocates %v times, want at most 1", n)
	}
}

func BenchmarkEvaluate(b *testing.B) {
	p, c := base()
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(p, c)
	}
}

func BenchmarkScreen(b *testing.B) {
	p, c := base()
	b.ReportAllocs()
	for b.Loop() {
		Screen(&p, &c)
	}
}
