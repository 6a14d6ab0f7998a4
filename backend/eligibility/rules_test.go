package eligibility

import (
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	d "github.com/bkpsdm-sorong/imbang/backend/domain"
)

var tanggal = d.MustDate("2025-07-01")

// base is a T1 transfer by organisational need that passes every rule (or
// the rule does not apply): a PNS Ahli Pertama, 4 years in post, good SKP,
// moving to a position with a deficit from one with a surplus.
func base() (Params, Case) {
	asal := d.Jabatan{ID: "J1", Nama: "Pranata Komputer Ahli Pertama", Jenis: d.JabatanFungsional, Jenjang: d.JenjangPertama, Kelas: 8}
	tujuan := d.Jabatan{ID: "J2", Nama: "Analis Kebijakan Ahli Pertama", Jenis: d.JabatanFungsional, Jenjang: d.JenjangPertama, Kelas: 8,
		MinPendidikan: 40, Jurusan: []string{"Ilmu Administrasi Negara", "Ilmu Pemerintahan"}}
	return DefaultParams(), Case{
		Tanggal: tanggal, Jenis: d.MutasiT1,
		Pegawai: d.Pegawai{ID: "P1", Nama: "Contoh Pegawai", Status: d.StatusPNS, Golongan: 32, Pendidikan: 40,
			Jurusan: "Ilmu Administrasi Negara", TanggalLahir: d.MustDate("1985-05-10"),
			OPDID: "OPD-A", UnitID: "U1", JabatanID: "J1",
			TMTJabatan: d.MustDate("2021-03-01"), TMTCPNS: d.MustDate("2010-01-01"), TMTPNS: d.MustDate("2011-01-01")},
		JabatanAsal: asal, JabatanTujuan: tujuan,
		OPDAsalID: "OPD-A", UnitAsalID: "U1", OPDTujuanID: "OPD-B", UnitTujuanID: "U2",
		SKP:       []d.SKP{{Tahun: 2024, Predikat: d.SKPBaik}, {Tahun: 2023, Predikat: d.SKPSangatBaik}},
		ABKTahun:  2025,
		ABKTujuan: &abk.PositionResult{UnitID: "U2", JabatanID: "J2", KebutuhanBulat: 3, Bezetting: 1, Selisih: -2, EJ: 2.1},
		ABKAsal:   &abk.PositionResult{UnitID: "U1", JabatanID: "J1", KebutuhanBulat: 1, Bezetting: 3, Selisih: 2, EJ: 0.4},
		Pemutus:   PemutusPPK,
	}
}

func TestBaseCasePassesEverything(t *testing.T) {
	p, c := base()
	rep := Evaluate(p, c)
	for _, r := range rep.Results {
		if r.Outcome == Fail {
			t.Errorf("%s fails on the base case: %s", r.RuleID, r.Message)
		}
	}
	if rep.Blocked() || len(rep.Warnings()) != 0 || len(rep.Infos()) != 0 {
		t.Fatalf("base case flagged: %+v", rep)
	}
}

type ruleCase struct {
	name    string
	rule    string
	mutate  func(p *Params, c *Case)
	outcome Outcome
	sev     Severity // checked when not empty
	want    []string // substrings of the Indonesian message
	wantEN  []string // substrings of the English message
	values  map[string]string
}

func date(s string) d.Date { return d.MustDate(s) }

func ruleCases() []ruleCase {
	pppk := func(c *Case) { c.Pegawai.Status = d.StatusPPPK; c.Pegawai.Golongan = 0; c.Pegawai.GolonganPPPK = 9 }
	luar := func(c *Case) { c.Jenis = d.MutasiT2; c.TujuanLuar = true; c.OPDTujuanID = ""; c.UnitTujuanID = "" }
	manajerial := func(c *Case) {
		c.JabatanTujuan = d.Jabatan{ID: "J9", Nama: "Kepala Bidang", Jenis: d.JabatanAdministrator, Kelas: 8}
	}
	jpt := func(c *Case) {
		c.JabatanAsal = d.Jabatan{ID: "J8", Nama: "Kepala Dinas", Jenis: d.JabatanJPTPratama, Kelas: 14}
	}
	return []ruleCase{
		// MUT-01
		{name: "PNS", rule: "MUT-01", outcome: Pass},
		{name: "CPNS", rule: "MUT-01", mutate: func(p *Params, c *Case) { c.Pegawai.Status = d.StatusCPNS }, outcome: Fail, sev: Block, want: []string{"CPNS"}},
		{name: "PPPK goes to MUT-02", rule: "MUT-01", mutate: func(p *Params, c *Case) { pppk(c) }, outcome: NotApplicable},
		{name: "unknown status", rule: "MUT-01", mutate: func(p *Params, c *Case) { c.Pegawai.Status = "HONORER" }, outcome: Fail, sev: Block, want: []string{"HONORER"}},

		// MUT-02: severity split
		{name: "PNS", rule: "MUT-02", outcome: NotApplicable},
		{name: "PPPK between OPDs warns", rule: "MUT-02", mutate: func(p *Params, c *Case) { pppk(c) }, outcome: Fail, sev: Warn, want: []string{"T1"}},
		{name: "PPPK between units warns", rule: "MUT-02", mutate: func(p *Params, c *Case) { pppk(c); c.Jenis = d.MutasiT0; c.OPDTujuanID = "OPD-A" }, outcome: Fail, sev: Warn, want: []string{"T0"}},
		{name: "PPPK to another Pemda blocks", rule: "MUT-02", mutate: func(p *Params, c *Case) { pppk(c); luar(c) }, outcome: Fail, sev: Block, want: []string{"T2", "mengundurkan diri"}},
		{name: "PPPK from another Pemda blocks", rule: "MUT-02", mutate: func(p *Params, c *Case) { pppk(c); c.Jenis = d.MutasiT3; c.AsalLuar = true }, outcome: Fail, sev: Block},

		// MUT-03: exactly 2 years passes; 2 years minus one day fails; severity split
		{name: "exactly 2 years", rule: "MUT-03", mutate: func(p *Params, c *Case) { c.Pegawai.TMTJabatan = date("2023-07-01") }, outcome: Pass, sev: Warn,
			want: []string{"2 tahun", "2023-07-01"}, values: map[string]string{"tahun_menjabat": "2 tahun", "batas": "2"}},
		{name: "2 years minus a day, organisational need", rule: "MUT-03", mutate: func(p *Params, c *Case) { c.Pegawai.TMTJabatan = date("2023-07-02") }, outcome: Fail, sev: Warn,
			want:   []string{"1 tahun 11 bulan 29 hari", "2023-07-02", "minimal 2 tahun", "2025-07-02"},
			wantEN: []string{"1 year 11 months 29 days"},
			values: map[string]string{"tahun_menjabat": "1 tahun 11 bulan 29 hari", "tmt_jabatan": "2023-07-02", "batas": "2", "aps": "tidak"}},
		{name: "2 years minus a day, APS", rule: "MUT-03", mutate: func(p *Params, c *Case) { c.Pegawai.TMTJabatan = date("2023-07-02"); c.APS = true }, outcome: Fail, sev: Block},
		{name: "exactly 2 years, APS", rule: "MUT-03", mutate: func(p *Params, c *Case) { c.Pegawai.TMTJabatan = date("2023-07-01"); c.APS = true }, outcome: Pass, sev: Block},
		{name: "29 February anniversary", rule: "MUT-03", mutate: func(p *Params, c *Case) { c.Pegawai.TMTJabatan = date("2020-02-29"); c.Tanggal = date("2022-02-28") }, outcome: Pass},
		{name: "29 February, a day early", rule: "MUT-03", mutate: func(p *Params, c *Case) { c.Pegawai.TMTJabatan = date("2020-02-29"); c.Tanggal = date("2022-02-27") }, outcome: Fail},
		{name: "minimum 3 years", rule: "MUT-03", mutate: func(p *Params, c *Case) { p.MUT03MinTahun = 3; c.Pegawai.TMTJabatan = date("2023-07-01") }, outcome: Fail, want: []string{"minimal 3 tahun"}},
		{name: "no TMT", rule: "MUT-03", mutate: func(p *Params, c *Case) { c.Pegawai.TMTJabatan = d.Date{}; c.APS = true }, outcome: Fail, sev: Block, want: []string{"tidak tercatat"}},

		// MUT-04: more than 5 years flags
		{name: "exactly 5 years", rule: "MUT-04", mutate: func(p *Params, c *Case) { c.Pegawai.TMTJabatan = date("2020-07-01") }, outcome: Pass, sev: Info, want: []string{"5 tahun"}},
		{name: "5 years and a day", rule: "MUT-04", mutate: func(p *Params, c *Case) { c.Pegawai.TMTJabatan = date("2020-06-30") }, outcome: Fail, sev: Info,
			want: []string{"5 tahun 1 hari", "wajib rotasi", "2020-06-30"}},
		{name: "limit 6", rule: "MUT-04", mutate: func(p *Params, c *Case) { p.MUT04MaxTahun = 6; c.Pegawai.TMTJabatan = date("2020-06-30") }, outcome: Pass},
		{name: "no TMT", rule: "MUT-04", mutate: func(p *Params, c *Case) { c.Pegawai.TMTJabatan = d.Date{} }, outcome: NotApplicable},

		// MUT-05: APS to another agency within 10 years, cohorts from 2021
		{name: "not APS", rule: "MUT-05", mutate: func(p *Params, c *Case) { luar(c) }, outcome: NotApplicable},
		{name: "APS inside the Pemda", rule: "MUT-05", mutate: func(p *Params, c *Case) { c.APS = true }, outcome: NotApplicable},
		{name: "exactly 10 years", rule: "MUT-05", mutate: func(p *Params, c *Case) {
			luar(c)
			c.APS, c.Pegawai.TMTCPNS, c.Pegawai.TMTPNS, c.Tanggal = true, date("2021-03-01"), date("2022-03-01"), date("2032-03-01")
		}, outcome: Pass, sev: Block},
		{name: "10 years minus a day", rule: "MUT-05", mutate: func(p *Params, c *Case) {
			luar(c)
			c.APS, c.Pegawai.TMTCPNS, c.Pegawai.TMTPNS, c.Tanggal = true, date("2021-03-01"), date("2022-03-01"), date("2032-02-29")
		}, outcome: Fail, sev: Block, want: []string{"2022-03-01", "9 tahun 11 bulan 28 hari", "2032-03-01", "10 tahun"}},
		{name: "cohort 2020", rule: "MUT-05", mutate: func(p *Params, c *Case) {
			luar(c)
			c.APS, c.Pegawai.TMTCPNS, c.Pegawai.TMTPNS = true, date("2020-12-01"), date("2021-12-01")
		}, outcome: NotApplicable, want: []string{"2020"}},
		{name: "no TMT PNS: from TMT CPNS", rule: "MUT-05", mutate: func(p *Params, c *Case) {
			c.Jenis, c.AsalLuar, c.APS, c.Pegawai.TMTCPNS, c.Pegawai.TMTPNS = d.MutasiT3, true, true, date("2022-01-01"), d.Date{}
		}, outcome: Fail, sev: Block, values: map[string]string{"dasar": "CPNS", "tmt": "2022-01-01"}},

		// MUT-06: hukdis active TMT ≤ date < end
		{name: "no hukdis", rule: "MUT-06", outcome: Pass},
		{name: "sedang: last day served was the day before", rule: "MUT-06", mutate: func(p *Params, c *Case) {
			c.Hukdis = []d.Hukdis{{Tingkat: d.HukdisSedang, Jenis: "pemotongan tukin 25%", TMT: date("2024-07-01"), TanggalSelesai: date("2025-06-30")}}
		}, outcome: Pass},
		{name: "sedang: the decision date is the last day served", rule: "MUT-06", mutate: func(p *Params, c *Case) {
			c.Hukdis = []d.Hukdis{{Tingkat: d.HukdisSedang, Jenis: "pemotongan tukin 25%", TMT: date("2024-07-01"), TanggalSelesai: date("2025-07-01")}}
		}, outcome: Fail, sev: Block, want: []string{"hari terakhir menjalani 1 Juli 2025, bebas mulai 2 Juli 2025"}},
		{name: "sedang ends the day after", rule: "MUT-06", mutate: func(p *Params, c *Case) {
			c.Hukdis = []d.Hukdis{{Tingkat: d.HukdisSedang, Jenis: "pemotongan tukin 25%", TMT: date("2024-07-01"), TanggalSelesai: date("2025-07-02")}}
		}, outcome: Fail, sev: Block, want: []string{"sedang", "pemotongan tukin 25%", "2024-07-01", "2025-07-02"}},
		{name: "starts on the decision date", rule: "MUT-06", mutate: func(p *Params, c *Case) {
			c.Hukdis = []d.Hukdis{{Tingkat: d.HukdisBerat, Jenis: "penurunan jabatan", TMT: tanggal, TanggalSelesai: date("2026-07-01")}}
		}, outcome: Fail},
		{name: "starts the day after", rule: "MUT-06", mutate: func(p *Params, c *Case) {
			c.Hukdis = []d.Hukdis{{Tingkat: d.HukdisBerat, Jenis: "penurunan jabatan", TMT: date("2025-07-02")}}
		}, outcome: Pass},
		{name: "berat without end: 12 months, last day", rule: "MUT-06", mutate: func(p *Params, c *Case) {
			c.Hukdis = []d.Hukdis{{Tingkat: d.HukdisBerat, Jenis: "pembebasan dari jabatan", TMT: date("2024-07-02")}}
		}, outcome: Fail, want: []string{"tanggal selesai tidak tercatat, maka dihitung 12 bulan", "bebas mulai 2 Juli 2025"}},
		{name: "berat without end: 12 months, over", rule: "MUT-06", mutate: func(p *Params, c *Case) {
			c.Hukdis = []d.Hukdis{{Tingkat: d.HukdisBerat, Jenis: "pembebasan dari jabatan", TMT: date("2024-07-01")}}
		}, outcome: Pass},
		{name: "ringan does not block by default", rule: "MUT-06", mutate: func(p *Params, c *Case) {
			c.Hukdis = []d.Hukdis{{Tingkat: d.HukdisRingan, Jenis: "teguran tertulis", TMT: tanggal}}
		}, outcome: Pass},
		{name: "ringan with a 12-month setting", rule: "MUT-06", mutate: func(p *Params, c *Case) {
			p.MUT06RinganBulan = 12
			c.Hukdis = []d.Hukdis{{Tingkat: d.HukdisRingan, Jenis: "teguran tertulis", TMT: date("2025-01-01")}}
		}, outcome: Fail, want: []string{"ringan", "teguran tertulis"}},
		{name: "under examination", rule: "MUT-06", mutate: func(p *Params, c *Case) { c.DalamPemeriksaan = true }, outcome: Fail, sev: Block, want: []string{"pemeriksaan"}},

		// MUT-07
		{name: "no obligation", rule: "MUT-07", outcome: Pass},
		{name: "tugas belajar without end", rule: "MUT-07", mutate: func(p *Params, c *Case) { c.TugasBelajar = true }, outcome: Fail, sev: Block, want: []string{"tugas belajar", "tidak tercatat"}},
		{name: "tugas belajar ends on the date", rule: "MUT-07", mutate: func(p *Params, c *Case) { c.TugasBelajar, c.TugasBelajarSelesai = true, tanggal }, outcome: Pass},
		{name: "tugas belajar ends the day after", rule: "MUT-07", mutate: func(p *Params, c *Case) { c.TugasBelajar, c.TugasBelajarSelesai = true, date("2025-07-02") }, outcome: Fail, want: []string{"2025-07-02"}},
		{name: "ikatan dinas", rule: "MUT-07", mutate: func(p *Params, c *Case) { c.IkatanDinas, c.IkatanDinasSelesai = true, date("2027-01-01") }, outcome: Fail, want: []string{"ikatan dinas", "2027-01-01"}},
		{name: "ikatan dinas over", rule: "MUT-07", mutate: func(p *Params, c *Case) { c.IkatanDinas, c.IkatanDinasSelesai = true, date("2025-06-30") }, outcome: Pass},

		// MUT-08
		{name: "no court process", rule: "MUT-08", outcome: Pass},
		{name: "court process", rule: "MUT-08", mutate: func(p *Params, c *Case) { c.ProsesPidana = true }, outcome: Fail, sev: Block, want: []string{"pidana"}},

		// MUT-09: severity split
		{name: "no findings", rule: "MUT-09", outcome: Pass},
		{name: "findings inside the Pemda warn", rule: "MUT-09", mutate: func(p *Params, c *Case) { c.TemuanInspektorat = true }, outcome: Fail, sev: Warn},
		{name: "findings between agencies block", rule: "MUT-09", mutate: func(p *Params, c *Case) { c.TemuanInspektorat = true; luar(c) }, outcome: Fail, sev: Block},

		// MUT-10: the last 2 years before the decision year
		{name: "Baik and Sangat Baik", rule: "MUT-10", outcome: Pass, want: []string{"2024: Baik", "2023: Sangat Baik"}},
		{name: "Butuh Perbaikan last year", rule: "MUT-10", mutate: func(p *Params, c *Case) { c.SKP[0].Predikat = d.SKPButuhPerbaikan }, outcome: Fail, sev: Warn,
			want: []string{"2024", "Butuh Perbaikan", "di bawah Baik"}, values: map[string]string{"tahun_gagal": "2024", "predikat_gagal": "Butuh Perbaikan"}},
		{name: "Butuh Perbaikan 3 years ago is outside the window", rule: "MUT-10", mutate: func(p *Params, c *Case) {
			c.SKP = append(c.SKP, d.SKP{Tahun: 2022, Predikat: d.SKPButuhPerbaikan})
		}, outcome: Pass},
		{name: "...but inside a 3-year window", rule: "MUT-10", mutate: func(p *Params, c *Case) {
			p.MUT10JumlahTahun = 3
			c.SKP = append(c.SKP, d.SKP{Tahun: 2022, Predikat: d.SKPButuhPerbaikan})
		}, outcome: Fail, want: []string{"2022"}},
		{name: "this year's SKP is ignored", rule: "MUT-10", mutate: func(p *Params, c *Case) { c.SKP = append(c.SKP, d.SKP{Tahun: 2025, Predikat: d.SKPKurang}) }, outcome: Pass},
		{name: "missing year", rule: "MUT-10", mutate: func(p *Params, c *Case) { c.SKP = c.SKP[:1] }, outcome: Fail, want: []string{"2023 tidak tercatat"}},
		{name: "a year recorded twice counts its worse verdict", rule: "MUT-10", mutate: func(p *Params, c *Case) {
			c.SKP = append(c.SKP, d.SKP{Tahun: 2023, Predikat: d.SKPKurang})
		}, outcome: Fail, want: []string{"Kurang"}},
		{name: "minimum Sangat Baik", rule: "MUT-10", mutate: func(p *Params, c *Case) { p.MUT10MinPredikat = d.SKPSangatBaik }, outcome: Fail},
		{name: "between agencies blocks", rule: "MUT-10", mutate: func(p *Params, c *Case) { c.SKP[0].Predikat = d.SKPButuhPerbaikan; luar(c) }, outcome: Fail, sev: Block},

		// MUT-11
		{name: "S-1 with an allowed major", rule: "MUT-11", outcome: Pass},
		{name: "one rung below", rule: "MUT-11", mutate: func(p *Params, c *Case) { c.Pegawai.Pendidikan = 30 }, outcome: Fail, sev: Block, want: []string{"D-III", "S-1"}},
		{name: "D-IV is the S-1 rung", rule: "MUT-11", mutate: func(p *Params, c *Case) { c.Pegawai.Pendidikan = 35 }, outcome: Pass},
		{name: "major not allowed warns", rule: "MUT-11", mutate: func(p *Params, c *Case) { c.Pegawai.Jurusan = "Teknik Sipil" }, outcome: Fail, sev: Warn,
			want: []string{"Teknik Sipil", "Ilmu Administrasi Negara, Ilmu Pemerintahan"}},
		{name: "major matched ignoring case and spaces", rule: "MUT-11", mutate: func(p *Params, c *Case) { c.Pegawai.Jurusan = " ilmu pemerintahan " }, outcome: Pass},
		{name: "any major", rule: "MUT-11", mutate: func(p *Params, c *Case) { c.JabatanTujuan.Jurusan = nil; c.Pegawai.Jurusan = "Teknik Sipil" }, outcome: Pass, want: []string{"bebas"}},

		// MUT-12: golongan at the edge of the JF range (Ahli Pertama III/a–III/b)
		{name: "III/a, bottom edge", rule: "MUT-12", mutate: func(p *Params, c *Case) { c.Pegawai.Golongan = 31 }, outcome: Pass, sev: Block, want: []string{"III/a–III/b"}},
		{name: "III/b, top edge", rule: "MUT-12", outcome: Pass},
		{name: "III/c, above", rule: "MUT-12", mutate: func(p *Params, c *Case) { c.Pegawai.Golongan = 33 }, outcome: Fail, sev: Block, want: []string{"III/c", "III/a–III/b"}},
		{name: "II/d, below", rule: "MUT-12", mutate: func(p *Params, c *Case) { c.Pegawai.Golongan = 24 }, outcome: Fail, sev: Block},
		{name: "legacy range on a structural post warns", rule: "MUT-12", mutate: func(p *Params, c *Case) {
			c.JabatanTujuan = d.Jabatan{ID: "J9", Nama: "Kepala Seksi", Jenis: d.JabatanPengawas, Kelas: 8, GolonganMin: 33, GolonganMax: 34}
		}, outcome: Fail, sev: Warn},
		{name: "PPPK without a golongan", rule: "MUT-12", mutate: func(p *Params, c *Case) { pppk(c) }, outcome: NotApplicable},

		// MUT-13
		{name: "deficit", rule: "MUT-13", outcome: Pass, sev: Warn, values: map[string]string{"kebutuhan": "3", "bezetting": "1", "kurang": "2", "abk_tahun": "2025"}},
		{name: "deficit of exactly one", rule: "MUT-13", mutate: func(p *Params, c *Case) { c.ABKTujuan.KebutuhanBulat, c.ABKTujuan.Bezetting = 2, 1 }, outcome: Pass},
		{name: "balanced", rule: "MUT-13", mutate: func(p *Params, c *Case) {
			c.ABKTujuan.KebutuhanBulat, c.ABKTujuan.Bezetting, c.ABKTujuan.EJ = 1, 1, 1.2
		}, outcome: Fail, sev: Warn,
			want: []string{"kebutuhan 1", "bezetting 1", "2025"}},
		{name: "balanced but EJ above the optional threshold", rule: "MUT-13", mutate: func(p *Params, c *Case) {
			p.MUT13EJMin = 1
			c.ABKTujuan.KebutuhanBulat, c.ABKTujuan.Bezetting, c.ABKTujuan.EJ = 1, 1, 1.2
		}, outcome: Pass, want: []string{"EJ 1,20", "1,00"}, wantEN: []string{"EJ 1.20"}},
		{name: "no final ABK", rule: "MUT-13", mutate: func(p *Params, c *Case) { c.ABKTahun = 0 }, outcome: Fail, sev: Info, want: []string{"Belum ada ABK final"}},
		{name: "position not in the ABK", rule: "MUT-13", mutate: func(p *Params, c *Case) { c.ABKTujuan = nil }, outcome: Fail, sev: Warn},
		{name: "target in another agency", rule: "MUT-13", mutate: func(p *Params, c *Case) { luar(c) }, outcome: NotApplicable},

		// MUT-14
		{name: "surplus at the source", rule: "MUT-14", outcome: Pass},
		{name: "one above need: stays at need", rule: "MUT-14", mutate: func(p *Params, c *Case) { c.ABKAsal.KebutuhanBulat, c.ABKAsal.Bezetting = 1, 2 }, outcome: Pass},
		{name: "at need: falls below", rule: "MUT-14", mutate: func(p *Params, c *Case) { c.ABKAsal.KebutuhanBulat, c.ABKAsal.Bezetting = 1, 1 }, outcome: Fail, sev: Warn,
			want: []string{"tinggal 0", "kebutuhan 1"}},
		{name: "no final ABK", rule: "MUT-14", mutate: func(p *Params, c *Case) { c.ABKTahun = 0 }, outcome: Fail, sev: Info},
		{name: "incoming", rule: "MUT-14", mutate: func(p *Params, c *Case) { c.Jenis, c.AsalLuar = d.MutasiT2, true }, outcome: NotApplicable},

		// MUT-15: BUP 58 for Ahli Pertama
		{name: "BUP exactly a year away", rule: "MUT-15", mutate: func(p *Params, c *Case) { c.Pegawai.TanggalLahir = date("1968-07-01") }, outcome: Pass, sev: Warn,
			want: []string{"BUP 58", "2026-07-01", "1 tahun"}},
		{name: "BUP a year and a day away", rule: "MUT-15", mutate: func(p *Params, c *Case) { c.Pegawai.TanggalLahir = date("1968-07-02") }, outcome: Pass,
			want: []string{"2026-07-02", "1 tahun 1 hari"}},
		{name: "BUP a year minus a day away", rule: "MUT-15", mutate: func(p *Params, c *Case) { c.Pegawai.TanggalLahir = date("1968-06-30") }, outcome: Fail, sev: Warn,
			want: []string{"11 bulan 29 hari"}},
		{name: "BUP 60 from the jabatan", rule: "MUT-15", mutate: func(p *Params, c *Case) { c.Pegawai.TanggalLahir = date("1968-06-30"); c.JabatanTujuan.BUP = 60 }, outcome: Pass},
		{name: "no birth date", rule: "MUT-15", mutate: func(p *Params, c *Case) { c.Pegawai.TanggalLahir = d.Date{} }, outcome: Fail},

		// MUT-16
		{name: "no relations", rule: "MUT-16", outcome: Pass},
		{name: "sibling of the decision maker", rule: "MUT-16", mutate: func(p *Params, c *Case) {
			c.Kerabat = []Kerabat{{Pihak: PihakPemutus, Hubungan: HubDarah, Derajat: 2, Nama: "Kakak"}}
		}, outcome: Fail, sev: Block, want: []string{"sedarah", "derajat 2", "pengambil keputusan", "Kakak"}},
		{name: "cousin (degree 3)", rule: "MUT-16", mutate: func(p *Params, c *Case) {
			c.Kerabat = []Kerabat{{Pihak: PihakAtasanLangsung, Hubungan: HubDarah, Derajat: 3}}
		}, outcome: Pass},
		{name: "cousin with degree 3 configured", rule: "MUT-16", mutate: func(p *Params, c *Case) {
			p.MUT16Derajat = 3
			c.Kerabat = []Kerabat{{Pihak: PihakAtasanLangsung, Hubungan: HubSemenda, Derajat: 3}}
		}, outcome: Fail, want: []string{"atasan langsung baru", "semenda"}},
		{name: "spouse of the new superior", rule: "MUT-16", mutate: func(p *Params, c *Case) {
			c.Kerabat = []Kerabat{{Pihak: PihakAtasanLangsung, Hubungan: HubSuamiIstri, Nama: "Istri"}}
		}, outcome: Fail, sev: Block, want: []string{"suami/istri", "atasan langsung baru"}},

		// MUT-17
		{name: "T1 by the PPK", rule: "MUT-17", outcome: Pass, want: []string{"Tim Penilai Kinerja", "PPK"}},
		{name: "T1 inside one OPD", rule: "MUT-17", mutate: func(p *Params, c *Case) { c.OPDTujuanID = "OPD-A" }, outcome: Fail, sev: Block, want: []string{"gunakan T0"}},
		{name: "T0 across OPDs", rule: "MUT-17", mutate: func(p *Params, c *Case) { c.Jenis = d.MutasiT0 }, outcome: Fail, want: []string{"gunakan T1"}},
		{name: "T0 by the head of OPD", rule: "MUT-17", mutate: func(p *Params, c *Case) { c.Jenis, c.OPDTujuanID, c.Pemutus = d.MutasiT0, "OPD-A", PemutusKepalaOPD }, outcome: Pass},
		{name: "T2 inside the Pemda", rule: "MUT-17", mutate: func(p *Params, c *Case) { c.Jenis = d.MutasiT2 }, outcome: Fail, want: []string{"gunakan T0 atau T1"}},
		{name: "T2 by the Governor", rule: "MUT-17", mutate: func(p *Params, c *Case) { luar(c); c.Pemutus = PemutusGubernur }, outcome: Pass, want: []string{"Gubernur", "pertek BKN: ya"}},
		{name: "T1 by the Governor", rule: "MUT-17", mutate: func(p *Params, c *Case) { c.Pemutus = PemutusGubernur }, outcome: Fail, sev: Block, want: []string{"Gubernur tidak berwenang", "PPK"}},
		{name: "unknown type", rule: "MUT-17", mutate: func(p *Params, c *Case) { c.Jenis = "T9" }, outcome: Fail, sev: Block, want: []string{"T9"}},

		// MUT-18: severity split by type
		{name: "not checked yet", rule: "MUT-18", outcome: NotApplicable},
		{name: "T1 missing documents warns", rule: "MUT-18", mutate: func(p *Params, c *Case) {
			c.DokumenDiperiksa = true
			c.Dokumen = []Dokumen{DokPersetujuanOPDAsal, DokSKPangkat, DokSKJabatan, DokSKP2Tahun}
		}, outcome: Fail, sev: Warn, want: []string{"kurang 1 dari 5", "Persetujuan kepala OPD tujuan"}},
		{name: "T1 complete without APS letter", rule: "MUT-18", mutate: func(p *Params, c *Case) {
			c.DokumenDiperiksa = true
			c.Dokumen = []Dokumen{DokPersetujuanOPDAsal, DokPersetujuanOPDTujuan, DokSKPangkat, DokSKJabatan, DokSKP2Tahun}
		}, outcome: Pass, want: []string{"5 dokumen"}},
		{name: "T1 APS needs the request letter", rule: "MUT-18", mutate: func(p *Params, c *Case) {
			c.DokumenDiperiksa, c.APS = true, true
			c.Dokumen = []Dokumen{DokPersetujuanOPDAsal, DokPersetujuanOPDTujuan, DokSKPangkat, DokSKJabatan, DokSKP2Tahun}
		}, outcome: Fail, want: []string{"Surat permohonan pindah"}},
		{name: "T2 complete", rule: "MUT-18", mutate: func(p *Params, c *Case) {
			luar(c)
			c.DokumenDiperiksa = true
			c.Dokumen = append([]Dokumen(nil), dokumenAntarInstansi...)
		}, outcome: Pass, sev: Block, want: []string{"11 dokumen"}},
		{name: "T2 without the Inspektorat letter blocks", rule: "MUT-18", mutate: func(p *Params, c *Case) {
			luar(c)
			c.DokumenDiperiksa = true
			for _, x := range dokumenAntarInstansi {
				if x != DokBebasTemuan {
					c.Dokumen = append(c.Dokumen, x)
				}
			}
		}, outcome: Fail, sev: Block, want: []string{"bebas temuan"}},

		// MUT-19: window edges
		{name: "not a managerial post", rule: "MUT-19", mutate: func(p *Params, c *Case) { p.MUT19Pelantikan = date("2025-02-20") }, outcome: Pass},
		{name: "last day of the post-inauguration window", rule: "MUT-19", mutate: func(p *Params, c *Case) { manajerial(c); p.MUT19Pelantikan = date("2025-01-02") }, outcome: Fail, sev: Block,
			want: []string{"6 bulan", "2025-01-02", "2025-07-02", "Mendagri"}},
		{name: "window over", rule: "MUT-19", mutate: func(p *Params, c *Case) { manajerial(c); p.MUT19Pelantikan = date("2025-01-01") }, outcome: Pass},
		{name: "inauguration after the date", rule: "MUT-19", mutate: func(p *Params, c *Case) { manajerial(c); p.MUT19Pelantikan = date("2025-07-02") }, outcome: Pass},
		{name: "inauguration on the date", rule: "MUT-19", mutate: func(p *Params, c *Case) { manajerial(c); p.MUT19Pelantikan = tanggal }, outcome: Fail},
		{name: "first day of the pre-election window", rule: "MUT-19", mutate: func(p *Params, c *Case) {
			manajerial(c)
			p.MUT19PenetapanPaslon, p.MUT19AkhirMasaJabatan = date("2026-01-01"), date("2027-02-15")
		}, outcome: Fail, sev: Block, want: []string{"2025-07-01", "2026-01-01", "2027-02-15"}},
		{name: "the day before the pre-election window", rule: "MUT-19", mutate: func(p *Params, c *Case) {
			manajerial(c)
			p.MUT19PenetapanPaslon, p.MUT19AkhirMasaJabatan = date("2026-01-02"), date("2027-02-15")
		}, outcome: Pass},
		{name: "last day of term", rule: "MUT-19", mutate: func(p *Params, c *Case) {
			manajerial(c)
			p.MUT19PenetapanPaslon, p.MUT19AkhirMasaJabatan = date("2024-09-22"), tanggal
		}, outcome: Fail},
		{name: "the day after the term", rule: "MUT-19", mutate: func(p *Params, c *Case) {
			manajerial(c)
			p.MUT19PenetapanPaslon, p.MUT19AkhirMasaJabatan = date("2024-09-22"), date("2025-06-30")
		}, outcome: Pass},
		{name: "JF with an additional duty", rule: "MUT-19", mutate: func(p *Params, c *Case) { c.TugasTambahan = true; p.MUT19Pelantikan = date("2025-03-01") }, outcome: Fail},
		{name: "acting head, any post", rule: "MUT-19", mutate: func(p *Params, c *Case) { c.PemutusPenjabat = true }, outcome: Fail, sev: Block, want: []string{"Penjabat/Plt"}},
		{name: "acting head with approval", rule: "MUT-19", mutate: func(p *Params, c *Case) { c.PemutusPenjabat, c.IzinMendagri = true, true }, outcome: Pass, want: []string{"persetujuan tertulis Mendagri"}},

		// MUT-20
		{name: "not a JPT", rule: "MUT-20", outcome: NotApplicable},
		{name: "exactly 2 years after inauguration", rule: "MUT-20", mutate: func(p *Params, c *Case) { jpt(c); c.PelantikanJPT = date("2023-07-01") }, outcome: Pass, sev: Block},
		{name: "2 years minus a day", rule: "MUT-20", mutate: func(p *Params, c *Case) { jpt(c); c.PelantikanJPT = date("2023-07-02") }, outcome: Fail, sev: Block,
			want: []string{"2023-07-02", "1 tahun 11 bulan 29 hari", "2025-07-02"}},
		{name: "exception recorded", rule: "MUT-20", mutate: func(p *Params, c *Case) { jpt(c); c.PelantikanJPT = date("2024-01-01"); c.PengecualianJPT = true }, outcome: Fail, sev: Warn},
		{name: "falls back to TMT jabatan", rule: "MUT-20", mutate: func(p *Params, c *Case) { jpt(c); c.Pegawai.TMTJabatan = date("2024-01-01") }, outcome: Fail,
			values: map[string]string{"dasar": "TMT jabatan", "pelantikan_jpt": "2024-01-01"}},

		// MUT-21: a lateral move keeps the position group and the kelas (± delta)
		{name: "same group and kelas", rule: "MUT-21", outcome: Pass, sev: Warn, want: []string{"pelaksana/fungsional", "8 → 8"}},
		{name: "kelas +1 with delta 0", rule: "MUT-21", mutate: func(p *Params, c *Case) { c.JabatanTujuan.Kelas = 9 }, outcome: Fail, sev: Warn, want: []string{"8 → 9", "±0"}},
		{name: "kelas +1 with delta 1", rule: "MUT-21", mutate: func(p *Params, c *Case) { c.JabatanTujuan.Kelas = 9; p.MUT12KelasDelta = 1 }, outcome: Pass},
		{name: "kelas −1 with delta 0", rule: "MUT-21", mutate: func(p *Params, c *Case) { c.JabatanTujuan.Kelas = 7 }, outcome: Fail, sev: Warn},
		{name: "fungsional to administrator", rule: "MUT-21", mutate: func(p *Params, c *Case) {
			c.JabatanTujuan.Jenis, c.JabatanTujuan.Nama = d.JabatanAdministrator, "Kepala Bidang Anggaran"
		}, outcome: Fail, sev: Warn, want: []string{"pelaksana/fungsional", "struktural (administrator)", "Kepala Bidang Anggaran"}, wantEN: []string{"structural post"}},
		{name: "pengawas to pelaksana", rule: "MUT-21", mutate: func(p *Params, c *Case) {
			c.JabatanAsal.Jenis, c.JabatanTujuan.Jenis = d.JabatanPengawas, d.JabatanPelaksana
		}, outcome: Fail, values: map[string]string{"lintas_jenis": "tidak"}},
		{name: "administrator to pengawas stays structural", rule: "MUT-21", mutate: func(p *Params, c *Case) {
			c.JabatanAsal.Jenis, c.JabatanTujuan.Jenis = d.JabatanAdministrator, d.JabatanPengawas
		}, outcome: Pass},
		{name: "crossing groups allowed by the setting", rule: "MUT-21", mutate: func(p *Params, c *Case) {
			c.JabatanTujuan.Jenis = d.JabatanPengawas
			p.MUT21LintasJenis = true
		}, outcome: Pass},
		{name: "nothing recorded", rule: "MUT-21", mutate: func(p *Params, c *Case) {
			c.JabatanAsal, c.JabatanTujuan = d.Jabatan{}, d.Jabatan{}
		}, outcome: NotApplicable},
	}
}

func TestRules(t *testing.T) {
	for _, tc := range ruleCases() {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			p, c := base()
			if tc.mutate != nil {
				tc.mutate(&p, &c)
			}
			rep := Evaluate(p, c)
			r, ok := rep.Result(tc.rule)
			if !ok {
				t.Fatalf("no result for %s", tc.rule)
			}
			if r.Outcome != tc.outcome {
				t.Fatalf("outcome %s, want %s: %s", r.Outcome, tc.outcome, r.Message)
			}
			if tc.sev != "" && r.Severity != tc.sev {
				t.Fatalf("severity %s, want %s: %s", r.Severity, tc.sev, r.Message)
			}
			for _, w := range tc.want {
				if dt, err := d.ParseDate(w); err == nil && len(w) == 10 {
					w = dt.Indonesian() // messages show dates as users read them
				}
				if !strings.Contains(r.Message, w) {
					t.Errorf("message %q lacks %q", r.Message, w)
				}
			}
			for _, w := range tc.wantEN {
				if !strings.Contains(r.MessageEN, w) {
					t.Errorf("English message %q lacks %q", r.MessageEN, w)
				}
			}
			for k, v := range tc.values {
				if r.Values[k] != v {
					t.Errorf("values[%q] = %q, want %q (all: %v)", k, r.Values[k], v, r.Values)
				}
			}
			checkFilled(t, r)
			ex, excluded := rep.HardExclusion()
			if id, blocked := Screen(&p, &c); blocked != excluded || (blocked && id != ex.RuleID) {
				t.Errorf("Screen = %s %v, Evaluate excludes %s %v", id, blocked, ex.RuleID, excluded)
			}
		})
	}
}

// Every rule has at least one pass-or-N/A case and one failing case above.
func TestEveryRuleIsCovered(t *testing.T) {
	good, bad := map[string]bool{}, map[string]bool{}
	for _, tc := range ruleCases() {
		if tc.outcome == Fail {
			bad[tc.rule] = true
		} else {
			good[tc.rule] = true
		}
	}
	for _, r := range Rules() {
		if !good[r.ID] || !bad[r.ID] {
			t.Errorf("%s: passing case %v, failing case %v", r.ID, good[r.ID], bad[r.ID])
		}
	}
}

func mustExcl(rep Report) Result { r, _ := rep.HardExclusion(); return r }

func checkFilled(t *testing.T, r Result) {
	t.Helper()
	if r.Message == "" || r.MessageEN == "" || r.Source == "" {
		t.Errorf("%s: empty message or source: %+v", r.RuleID, r)
	}
	if strings.Contains(r.Message, "{") || strings.Contains(r.MessageEN, "{") {
		t.Errorf("%s: unfilled placeholder: %q / %q", r.RuleID, r.Message, r.MessageEN)
	}
	if strings.HasPrefix(r.Message, r.RuleID+":") {
		t.Errorf("%s: no template for outcome %s: %q", r.RuleID, r.Outcome, r.Message)
	}
}
