package eligibility

import (
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// This file is the one place the eligibility rules live (docs/domain.md §4),
// in rule order. Each rule's source is in its Source
// field; the choices made where the regulation is silent are in
// docs/eligibility.md.

func tpl(o Outcome, variant, id, en string) Template {
	return Template{Outcome: o, Variant: variant, ID: id, EN: en}
}

// antarInstansi reports whether the case crosses agencies (T2–T4, or either
// end outside this Pemda).
func antarInstansi(c *Case) bool { return c.Jenis.AntarInstansi() || c.AsalLuar || c.TujuanLuar }

var splitAntarInstansi = []SeverityCase{
	{Block, "antar instansi (T2–T4)", "between agencies (T2–T4)"},
	{Warn, "dalam satu Pemda (T0, T1)", "inside one Pemda (T0, T1)"},
}

var rules = []Rule{
	{
		ID: "MUT-01", Judul: "Status PNS", JudulEN: "PNS status",
		Pernyataan:  "Mutasi PNS hanya untuk PNS, bukan CPNS yang masih dalam masa percobaan.",
		StatementEN: "The PNS transfer flow is for PNS only, not a CPNS on probation.",
		Severity:    Block,
		Messages: []Template{
			tpl(Pass, "", "Berstatus {status}.", "Status {status}."),
			tpl(Fail, "cpns", "Berstatus CPNS: mutasi hanya untuk PNS; CPNS masih dalam masa percobaan.", "Status CPNS: transfers are for PNS only; a CPNS is still on probation."),
			tpl(Fail, "tidak_dikenal", "Status kepegawaian \"{status}\" tidak dikenal.", "Unknown employment status \"{status}\"."),
			tpl(NotApplicable, "pppk", "Berstatus PPPK: lihat MUT-02.", "Status PPPK: see MUT-02."),
		},
		Source: "PP 11/2017 Pasal 190; Peraturan BKN 5/2019 Pasal 1", Confidence: "V",
		check: func(p *Params, c *Case, r *rec) {
			r.str("status", string(c.Pegawai.Status))
			switch c.Pegawai.Status {
			case domain.StatusPNS:
				r.pass("")
			case domain.StatusCPNS:
				r.fail("cpns")
			case domain.StatusPPPK:
				r.na("pppk")
			default:
				r.fail("tidak_dikenal")
			}
		},
	},
	{
		ID: "MUT-02", Judul: "Mutasi PPPK", JudulEN: "PPPK transfer",
		Pernyataan:  "PPPK tidak dapat pindah ke Pemda/instansi lain; perpindahan antar OPD atau unit belum diatur penuh.",
		StatementEN: "A PPPK cannot move to another Pemda/agency; moves between OPDs or units are not yet fully regulated.",
		Severity:    Block, Split: splitAntarInstansi,
		Messages: []Template{
			tpl(NotApplicable, "bukan_pppk", "Bukan PPPK (status {status}).", "Not a PPPK (status {status})."),
			tpl(Fail, "antar_instansi", "PPPK tidak dapat dimutasi ke Pemda/instansi lain ({jenis}); pindah instansi berarti mengundurkan diri.", "A PPPK cannot be transferred to another Pemda/agency ({jenis}); moving agency means resigning."),
			tpl(Fail, "antar_opd", "Mutasi PPPK dalam satu Pemda ({jenis}) belum diatur penuh; perlu justifikasi tertulis.", "A PPPK move inside one Pemda ({jenis}) is not yet fully regulated; it needs a written justification."),
		},
		Source: "Tanya-jawab BKN (tirto.id); papuapegunungan.kpu.go.id (aturan mutasi PPPK 2025)", Confidence: "S",
		check: func(p *Params, c *Case, r *rec) {
			r.str("status", string(c.Pegawai.Status))
			r.str("jenis", string(c.Jenis))
			if !antarInstansi(c) {
				r.sev = Warn
			}
			switch {
			case c.Pegawai.Status != domain.StatusPPPK:
				r.na("bukan_pppk")
			case antarInstansi(c):
				r.fail("antar_instansi")
			default:
				r.fail("antar_opd")
			}
		},
	},
	{
		ID: "MUT-03", Judul: "Masa jabatan minimal", JudulEN: "Minimum time in post",
		Pernyataan:  "Mutasi paling cepat setelah 2 tahun dalam jabatan sekarang, dihitung dari TMT jabatan.",
		StatementEN: "A transfer comes at the earliest 2 years after TMT of the current position.",
		Severity:    Block,
		Split: []SeverityCase{
			{Block, "atas permintaan sendiri (APS)", "self-request (APS)"},
			{Warn, "kebutuhan organisasi", "organisational need"},
		},
		Params: []string{"mut03MinTahun"},
		Messages: []Template{
			tpl(Pass, "", "Sudah {tahun_menjabat} dalam jabatan sejak TMT {tmt_jabatan}; minimal {batas} tahun.", "{tahun_menjabat} in post since TMT {tmt_jabatan}; the minimum is {batas} years."),
			tpl(Fail, "", "Baru {tahun_menjabat} dalam jabatan sejak TMT {tmt_jabatan}; minimal {batas} tahun, terpenuhi pada {memenuhi_pada}.", "Only {tahun_menjabat} in post since TMT {tmt_jabatan}; the minimum is {batas} years, reached on {memenuhi_pada}."),
			tpl(Fail, "tanpa_tmt", "TMT jabatan tidak tercatat; masa jabatan minimal {batas} tahun tidak dapat diperiksa.", "TMT of the position is not recorded; the {batas}-year minimum cannot be checked."),
		},
		Source: "PP 11/2017 Pasal 190 ayat (3); Peraturan BKN 5/2019 Pasal 2 ayat (3)", Confidence: "V",
		check: func(p *Params, c *Case, r *rec) {
			if !c.APS {
				r.sev = Warn
			}
			tmt := c.Pegawai.TMTJabatan
			r.date("tmt_jabatan", tmt)
			r.num("batas", p.MUT03MinTahun)
			r.yesno("aps", c.APS)
			if tmt.IsZero() {
				r.fail("tanpa_tmt")
				return
			}
			r.dur("tahun_menjabat", tmt, c.Tanggal)
			from := tmt.AddYears(p.MUT03MinTahun)
			r.date("memenuhi_pada", from)
			if c.Tanggal.Before(from) {
				r.fail("")
				return
			}
			r.pass("")
		},
	},
	{
		ID: "MUT-04", Judul: "Masa jabatan maksimal (rotasi)", JudulEN: "Maximum time in post (rotation)",
		Pernyataan:  "Lebih dari 5 tahun dalam jabatan yang sama: ditandai wajib rotasi (daftar stagnasi), bukan larangan.",
		StatementEN: "More than 5 years in the same position: flagged for rotation (stagnation list), not a bar.",
		Severity:    Info,
		Params:      []string{"mut04MaxTahun"},
		Messages: []Template{
			tpl(Pass, "", "{tahun_menjabat} dalam jabatan sejak TMT {tmt_jabatan}; belum lebih dari {batas} tahun.", "{tahun_menjabat} in post since TMT {tmt_jabatan}; not more than {batas} years."),
			tpl(Fail, "", "{tahun_menjabat} dalam jabatan sejak TMT {tmt_jabatan}, lebih dari {batas} tahun: masuk daftar wajib rotasi.", "{tahun_menjabat} in post since TMT {tmt_jabatan}, more than {batas} years: on the rotation list."),
			tpl(NotApplicable, "tanpa_tmt", "TMT jabatan tidak tercatat.", "TMT of the position is not recorded."),
		},
		Source: "PP 11/2017 Pasal 190 ayat (3)", Confidence: "V",
		check: func(p *Params, c *Case, r *rec) {
			tmt := c.Pegawai.TMTJabatan
			r.date("tmt_jabatan", tmt)
			r.num("batas", p.MUT04MaxTahun)
			if tmt.IsZero() {
				r.na("tanpa_tmt")
				return
			}
			r.dur("tahun_menjabat", tmt, c.Tanggal)
			if c.Tanggal.After(tmt.AddYears(p.MUT04MaxTahun)) {
				r.fail("")
				return
			}
			r.pass("")
		},
	},
	{
		ID: "MUT-05", Judul: "Larangan pindah instansi 10 tahun", JudulEN: "Ten-year no-transfer statement",
		Pernyataan:  "Pegawai angkatan 2021 ke atas tidak boleh pindah ke instansi lain atas permintaan sendiri sebelum 10 tahun sejak TMT PNS.",
		StatementEN: "Employees of the 2021 cohort onwards may not move to another agency at their own request within 10 years of TMT PNS.",
		Severity:    Block,
		Params:      []string{"mut05Tahun", "mut05KohortMulai"},
		Messages: []Template{
			tpl(NotApplicable, "bukan_aps_luar", "Hanya berlaku untuk permintaan sendiri pindah ke instansi lain ({jenis}, APS: {aps}).", "Applies only to a self-requested move to another agency ({jenis}, APS: {aps})."),
			tpl(NotApplicable, "kohort", "Angkatan CPNS {tahun_cpns}, sebelum angkatan {kohort_mulai}: pernyataan {batas} tahun tidak berlaku.", "CPNS cohort {tahun_cpns}, before the {kohort_mulai} cohort: the {batas}-year statement does not apply."),
			tpl(Pass, "", "Masa kerja sejak TMT {dasar} {tmt} sudah {masa_kerja}; minimal {batas} tahun.", "{masa_kerja} of service since TMT {dasar} {tmt}; the minimum is {batas} years."),
			tpl(Fail, "", "Masa kerja sejak TMT {dasar} {tmt} baru {masa_kerja}; angkatan {kohort_mulai} ke atas tidak boleh pindah instansi atas permintaan sendiri sebelum {batas} tahun ({boleh_sejak}).", "Only {masa_kerja} of service since TMT {dasar} {tmt}; the {kohort_mulai} cohort onwards may not move agency at their own request before {batas} years ({boleh_sejak})."),
			tpl(Fail, "tanpa_tmt", "TMT CPNS/PNS tidak tercatat; larangan pindah instansi {batas} tahun tidak dapat diperiksa.", "TMT CPNS/PNS is not recorded; the {batas}-year statement cannot be checked."),
		},
		Source: "PermenPAN-RB 27/2021 Pasal 52; PermenPAN-RB 6/2024 Pasal 59", Confidence: "S/U",
		check: func(p *Params, c *Case, r *rec) {
			r.num("batas", p.MUT05Tahun)
			r.num("kohort_mulai", p.MUT05KohortMulai)
			r.str("jenis", string(c.Jenis))
			r.yesno("aps", c.APS)
			if !c.APS || !antarInstansi(c) {
				r.na("bukan_aps_luar")
				return
			}
			cpns := c.Pegawai.TMTCPNS
			start, dasar := c.Pegawai.TMTPNS, "PNS"
			if start.IsZero() {
				start, dasar = cpns, "CPNS"
			}
			if start.IsZero() {
				r.fail("tanpa_tmt")
				return
			}
			cohort := cpns.Y
			if cpns.IsZero() {
				cohort = start.Y
			}
			r.num("tahun_cpns", cohort)
			if cohort < p.MUT05KohortMulai {
				r.na("kohort")
				return
			}
			r.str("dasar", dasar)
			r.date("tmt", start)
			r.dur("masa_kerja", start, c.Tanggal)
			until := start.AddYears(p.MUT05Tahun)
			r.date("boleh_sejak", until)
			if c.Tanggal.Before(until) {
				r.fail("")
				return
			}
			r.pass("")
		},
	},
	{
		ID: "MUT-06", Judul: "Bebas hukuman disiplin", JudulEN: "No disciplinary sanction",
		Pernyataan:  "Tidak sedang menjalani hukuman disiplin dan tidak sedang diperiksa pada tanggal keputusan.",
		StatementEN: "Not serving a disciplinary sanction and not under disciplinary examination on the decision date.",
		Severity:    Block,
		Params:      []string{"mut06RinganBulan", "mut06SedangBulan", "mut06BeratBulan"},
		Messages: []Template{
			tpl(Pass, "", "Tidak ada hukuman disiplin aktif atau pemeriksaan disiplin pada {tanggal} ({jumlah_hukdis} catatan hukdis).", "No active disciplinary sanction or examination on {tanggal} ({jumlah_hukdis} sanction records)."),
			tpl(Fail, "hukdis", "Sedang menjalani hukuman disiplin {tingkat} ({jenis_hukdis}) sejak {tmt_hukdis}; hari terakhir menjalani {selesai_hukdis}, bebas mulai {bebas_hukdis}.", "Serving a {tingkat} disciplinary sanction ({jenis_hukdis}) since {tmt_hukdis}; last day served {selesai_hukdis}, free from {bebas_hukdis}."),
			tpl(Fail, "hukdis_dihitung", "Sedang menjalani hukuman disiplin {tingkat} ({jenis_hukdis}) sejak {tmt_hukdis}; tanggal selesai tidak tercatat, maka dihitung {bulan_hukdis} bulan (pengaturan MUT-06 untuk tingkat {tingkat}): bebas mulai {bebas_hukdis}.", "Serving a {tingkat} disciplinary sanction ({jenis_hukdis}) since {tmt_hukdis}; no end date is recorded, so {bulan_hukdis} months are counted (the MUT-06 setting for {tingkat}): free from {bebas_hukdis}."),
			tpl(Fail, "pemeriksaan", "Sedang dalam pemeriksaan disiplin pada {tanggal}.", "Under disciplinary examination on {tanggal}."),
		},
		Source: "Peraturan BKN 5/2019 (daftar dokumen); PP 94/2021", Confidence: "S",
		check: func(p *Params, c *Case, r *rec) {
			r.date("tanggal", c.Tanggal)
			r.num("jumlah_hukdis", len(c.Hukdis))
			r.yesno("pemeriksaan", c.DalamPemeriksaan)
			for i := range c.Hukdis {
				h := &c.Hukdis[i]
				last := hukdisLastDay(p, h)
				if !domain.HukdisActive(h.TMT, last, c.Tanggal) {
					continue
				}
				r.str("tingkat", strings.ToLower(string(h.Tingkat)))
				r.str("jenis_hukdis", h.Jenis)
				r.date("tmt_hukdis", h.TMT)
				r.date("selesai_hukdis", last)
				r.date("bebas_hukdis", domain.HukdisBebas(last))
				if h.TanggalSelesai.IsZero() {
					r.num("bulan_hukdis", hukdisMonths(p, h.Tingkat))
					r.fail("hukdis_dihitung")
				} else {
					r.fail("hukdis")
				}
				return
			}
			if c.DalamPemeriksaan {
				r.fail("pemeriksaan")
				return
			}
			r.pass("")
		},
	},
	{
		ID: "MUT-07", Judul: "Tidak tugas belajar atau ikatan dinas", JudulEN: "No study leave or service bond",
		Pernyataan:  "Tidak sedang tugas belajar dan tidak terikat ikatan dinas.",
		StatementEN: "Not on study leave (tugas belajar) and not bound by a service bond (ikatan dinas).",
		Severity:    Block,
		Messages: []Template{
			tpl(Pass, "", "Tidak sedang tugas belajar atau terikat ikatan dinas pada {tanggal}.", "Not on study leave or bound by a service bond on {tanggal}."),
			tpl(Fail, "tugas_belajar", "Sedang tugas belajar sampai {selesai}.", "On study leave until {selesai}."),
			tpl(Fail, "ikatan_dinas", "Masih terikat ikatan dinas sampai {selesai}.", "Bound by a service bond until {selesai}."),
		},
		Source: "Peraturan BKN 5/2019", Confidence: "V",
		check: func(p *Params, c *Case, r *rec) {
			r.date("tanggal", c.Tanggal)
			r.yesno("tugas_belajar", c.TugasBelajar)
			r.yesno("ikatan_dinas", c.IkatanDinas)
			if c.TugasBelajar && (c.TugasBelajarSelesai.IsZero() || c.Tanggal.Before(c.TugasBelajarSelesai)) {
				r.date("selesai", c.TugasBelajarSelesai)
				r.fail("tugas_belajar")
				return
			}
			if c.IkatanDinas && (c.IkatanDinasSelesai.IsZero() || c.Tanggal.Before(c.IkatanDinasSelesai)) {
				r.date("selesai", c.IkatanDinasSelesai)
				r.fail("ikatan_dinas")
				return
			}
			r.pass("")
		},
	},
	{
		ID: "MUT-08", Judul: "Tidak dalam proses pidana", JudulEN: "No criminal court process",
		Pernyataan:  "Tidak sedang menjalani proses peradilan pidana.",
		StatementEN: "Not in a criminal court process.",
		Severity:    Block,
		Messages: []Template{
			tpl(Pass, "", "Tidak tercatat dalam proses peradilan pidana.", "No criminal court process recorded."),
			tpl(Fail, "", "Sedang dalam proses peradilan pidana.", "In a criminal court process."),
		},
		Source: "Peraturan BKN 5/2019", Confidence: "V",
		check: func(p *Params, c *Case, r *rec) {
			r.yesno("proses_pidana", c.ProsesPidana)
			if c.ProsesPidana {
				r.fail("")
				return
			}
			r.pass("")
		},
	},
	{
		ID: "MUT-09", Judul: "Bebas temuan Inspektorat", JudulEN: "No open Inspektorat findings",
		Pernyataan:  "Tidak ada temuan Inspektorat yang belum diselesaikan (surat keterangan bebas temuan).",
		StatementEN: "No open Inspektorat audit findings (certificate of no findings).",
		Severity:    Block, Split: splitAntarInstansi,
		Messages: []Template{
			tpl(Pass, "", "Tidak ada temuan Inspektorat yang terbuka.", "No open Inspektorat findings."),
			tpl(Fail, "", "Masih ada temuan Inspektorat yang belum diselesaikan ({jenis}).", "There are open Inspektorat findings ({jenis})."),
		},
		Source: "Peraturan BKN 5/2019; persyaratan mutasi daerah (surat keterangan bebas temuan)", Confidence: "S",
		check: func(p *Params, c *Case, r *rec) {
			if !antarInstansi(c) {
				r.sev = Warn
			}
			r.str("jenis", string(c.Jenis))
			r.yesno("temuan", c.TemuanInspektorat)
			if c.TemuanInspektorat {
				r.fail("")
				return
			}
			r.pass("")
		},
	},
	{
		ID: "MUT-10", Judul: "SKP baik", JudulEN: "Good performance (SKP)",
		Pernyataan:  "Predikat SKP 2 tahun terakhir (tahun-tahun sebelum tahun keputusan) paling rendah Baik.",
		StatementEN: "The SKP predicate of the last 2 years (the years before the decision year) is at least Baik.",
		Severity:    Block, Split: splitAntarInstansi,
		Params: []string{"mut10JumlahTahun", "mut10MinPredikat"},
		Messages: []Template{
			tpl(Pass, "", "SKP {n} tahun terakhir ({skp}) paling rendah {min_predikat}.", "SKP of the last {n} years ({skp}) at least {min_predikat}."),
			tpl(Fail, "rendah", "SKP tahun {tahun_gagal} berpredikat {predikat_gagal}, di bawah {min_predikat} ({n} tahun terakhir: {skp}).", "SKP {tahun_gagal} is {predikat_gagal}, below {min_predikat} (last {n} years: {skp})."),
			tpl(Fail, "kosong", "SKP tahun {tahun_gagal} tidak tercatat; {n} tahun terakhir harus paling rendah {min_predikat} ({skp}).", "No SKP recorded for {tahun_gagal}; the last {n} years must be at least {min_predikat} ({skp})."),
		},
		Source: "Peraturan BKN 5/2019 (penilaian bernilai baik 2 tahun terakhir); PermenPAN-RB 6/2022", Confidence: "S",
		check: func(p *Params, c *Case, r *rec) {
			if !antarInstansi(c) {
				r.sev = Warn
			}
			n, min := p.MUT10JumlahTahun, p.MUT10MinPredikat
			r.num("n", n)
			r.str("min_predikat", predikatLabel(min))
			last := c.Tanggal.Y - 1
			if !r.quiet {
				var b strings.Builder
				for y := last; y > last-n; y-- {
					if b.Len() > 0 {
						b.WriteString("; ")
					}
					b.WriteString(itoa(y))
					b.WriteString(": ")
					if pr, ok := worstSKP(c.SKP, y); ok {
						b.WriteString(predikatLabel(pr))
					} else {
						b.WriteString("-")
					}
				}
				r.str("skp", b.String())
			}
			for y := last; y > last-n; y-- {
				pr, ok := worstSKP(c.SKP, y)
				if !ok {
					r.num("tahun_gagal", y)
					r.fail("kosong")
					return
				}
				if pr.Score() < min.Score() {
					r.num("tahun_gagal", y)
					r.str("predikat_gagal", predikatLabel(pr))
					r.fail("rendah")
					return
				}
			}
			r.pass("")
		},
	},
	{
		ID: "MUT-11", Judul: "Kualifikasi pendidikan", JudulEN: "Education requirement",
		Pernyataan:  "Tingkat pendidikan paling rendah syarat jabatan tujuan, dan jurusan termasuk jurusan yang disyaratkan.",
		StatementEN: "Education level at least the target position's minimum, and the major among its allowed majors.",
		Severity:    Block,
		Split: []SeverityCase{
			{Block, "tingkat pendidikan di bawah syarat", "education level below the minimum"},
			{Warn, "jurusan tidak sesuai (data jurusan berupa teks bebas)", "major does not match (majors are free text)"},
		},
		Messages: []Template{
			tpl(Pass, "", "Pendidikan {pendidikan} ({jurusan}) memenuhi syarat jabatan {jabatan}: minimal {min_pendidikan}, jurusan {jurusan_syarat}.", "Education {pendidikan} ({jurusan}) meets the requirement of {jabatan}: at least {min_pendidikan}, major {jurusan_syarat}."),
			tpl(Fail, "tingkat", "Pendidikan {pendidikan} di bawah syarat minimal {min_pendidikan} untuk jabatan {jabatan}.", "Education {pendidikan} is below the minimum {min_pendidikan} for {jabatan}."),
			tpl(Fail, "jurusan", "Jurusan {jurusan} tidak termasuk jurusan yang disyaratkan jabatan {jabatan} ({jurusan_syarat}).", "Major {jurusan} is not among the majors required for {jabatan} ({jurusan_syarat})."),
		},
		Source: "PP 11/2017 Pasal 190 ayat (4) (persyaratan jabatan dari Anjab)", Confidence: "V",
		check: func(p *Params, c *Case, r *rec) {
			j := &c.JabatanTujuan
			r.str("jabatan", j.Nama)
			if !r.quiet {
				r.str2("pendidikan", orDash(c.Pegawai.Pendidikan.String()), orDashEN(c.Pegawai.Pendidikan.String()))
				r.str2("min_pendidikan", orFree(j.MinPendidikan.String()), orFreeEN(j.MinPendidikan.String()))
				r.str2("jurusan", orDash(c.Pegawai.Jurusan), orDashEN(c.Pegawai.Jurusan))
				js := strings.Join(j.Jurusan, ", ")
				r.str2("jurusan_syarat", orFree(js), orFreeEN(js))
			}
			if j.MinPendidikan != 0 && !c.Pegawai.Pendidikan.AtLeast(j.MinPendidikan) {
				r.fail("tingkat")
				return
			}
			if len(j.Jurusan) > 0 && !jurusanCocok(c.Pegawai.Jurusan, j.Jurusan) {
				r.failAs(Warn, "jurusan")
				return
			}
			r.pass("")
		},
	},
	{
		ID: "MUT-12", Judul: "Golongan", JudulEN: "Rank (golongan)",
		Pernyataan:  "Golongan dalam rentang jabatan tujuan (jenjang JF; rentang eselon lama bila diisi). Kelas dan jenis jabatan: MUT-21.",
		StatementEN: "Golongan within the target position's range (JF level; legacy eselon range when set). Job class and kind: MUT-21.",
		Severity:    Block,
		Split: []SeverityCase{
			{Block, "golongan di luar rentang jenjang jabatan fungsional", "golongan outside a functional level's range"},
			{Warn, "golongan di luar rentang jabatan lain", "golongan outside another position's range"},
		},
		Messages: []Template{
			tpl(Pass, "", "Golongan {golongan} dalam rentang {rentang} jabatan {jabatan}.", "Golongan {golongan} within the range {rentang} of {jabatan}."),
			tpl(Fail, "golongan", "Golongan {golongan} di luar rentang {rentang} jabatan {jabatan}.", "Golongan {golongan} is outside the range {rentang} of {jabatan}."),
			tpl(NotApplicable, "", "Rentang golongan tidak tercatat untuk jabatan {jabatan}.", "No golongan range recorded for {jabatan}."),
		},
		Source: "PP 11/2017 (jenjang JF); PP 100/2000 jo. PP 13/2002 (rentang eselon lama)", Confidence: "S/U",
		check: func(p *Params, c *Case, r *rec) {
			j := &c.JabatanTujuan
			lo, hi := j.GolonganMin, j.GolonganMax
			if lo == 0 && hi == 0 {
				lo, hi, _ = j.Jenjang.GolonganRange()
			}
			golSev := Warn
			if j.Jenis == domain.JabatanFungsional {
				golSev = Block
			}
			r.sev = golSev
			r.str("jabatan", j.Nama)
			r.str("golongan", c.Pegawai.Golongan.String())
			if !r.quiet {
				r.str2("rentang", rentang(lo, hi, false), rentang(lo, hi, true))
			}
			if c.Pegawai.Status == domain.StatusPPPK || (lo == 0 && hi == 0) {
				r.na("")
				return
			}
			g := c.Pegawai.Golongan.Rank()
			if (lo != 0 && g < lo.Rank()) || (hi != 0 && g > hi.Rank()) {
				r.fail("golongan")
				return
			}
			r.pass("")
		},
	},
	{
		ID: "MUT-13", Judul: "Kebutuhan jabatan tujuan (ABK)", JudulEN: "Need in the target position (ABK)",
		Pernyataan:  "Jabatan tujuan (unit × jabatan) kekurangan pegawai menurut ABK final terbaru: kebutuhan − bezetting ≥ 1.",
		StatementEN: "The target (unit × position) is short of staff in the latest final ABK: kebutuhan − bezetting ≥ 1.",
		Severity:    Warn,
		Split: []SeverityCase{
			{Info, "belum ada ABK final", "no final ABK yet"},
		},
		Params: []string{"mut13EjMin"},
		Messages: []Template{
			tpl(Pass, "", "Jabatan tujuan kekurangan pegawai menurut ABK final {abk_tahun}: kebutuhan {kebutuhan}, bezetting {bezetting}, kurang {kurang}.", "The target is short of staff in the final ABK {abk_tahun}: need {kebutuhan}, in post {bezetting}, short {kurang}."),
			tpl(Pass, "ej", "Jabatan tujuan tidak kurang orang (kebutuhan {kebutuhan}, bezetting {bezetting}) tetapi EJ {ej} di atas {ej_min} menurut ABK final {abk_tahun}.", "The target has no whole-person gap (need {kebutuhan}, in post {bezetting}) but EJ {ej} is above {ej_min} in the final ABK {abk_tahun}."),
			tpl(Fail, "", "Jabatan tujuan tidak kekurangan pegawai menurut ABK final {abk_tahun}: kebutuhan {kebutuhan}, bezetting {bezetting}.", "The target is not short of staff in the final ABK {abk_tahun}: need {kebutuhan}, in post {bezetting}."),
			tpl(Fail, "tidak_ada", "Jabatan tujuan tidak ada dalam ABK final {abk_tahun} (kebutuhan 0).", "The target position is not in the final ABK {abk_tahun} (need 0)."),
			tpl(Fail, "tanpa_abk", "Belum ada ABK final; kekurangan pegawai pada jabatan tujuan tidak dapat diperiksa.", "No final ABK yet; the target's staffing gap cannot be checked."),
			tpl(NotApplicable, "luar", "Jabatan tujuan di instansi lain; ABK-nya dinilai instansi penerima.", "The target is in another agency; its ABK is the receiver's to assess."),
		},
		Source: "PP 11/2017 Pasal 190 ayat (4) (kebutuhan organisasi); Peraturan BKN 5/2019 (Anjab/ABK jabatan tujuan); PermenPAN-RB 1/2020", Confidence: "S",
		check: func(p *Params, c *Case, r *rec) {
			if c.TujuanLuar {
				r.na("luar")
				return
			}
			if c.ABKTahun == 0 {
				r.failAs(Info, "tanpa_abk")
				return
			}
			r.num("abk_tahun", c.ABKTahun)
			t := c.ABKTujuan
			if t == nil {
				r.num("kebutuhan", 0)
				r.num("bezetting", 0)
				r.fail("tidak_ada")
				return
			}
			kurang := t.KebutuhanBulat - t.Bezetting
			r.num("kebutuhan", t.KebutuhanBulat)
			r.num("bezetting", t.Bezetting)
			r.num("kurang", kurang)
			r.dec("ej", t.EJ)
			if kurang >= 1 {
				r.pass("")
				return
			}
			if p.MUT13EJMin > 0 && t.EJ > p.MUT13EJMin {
				r.dec("ej_min", p.MUT13EJMin)
				r.pass("ej")
				return
			}
			r.fail("")
		},
	},
	{
		ID: "MUT-14", Judul: "Kebutuhan jabatan asal (ABK)", JudulEN: "Need in the source position (ABK)",
		Pernyataan:  "Setelah mutasi, jabatan asal tidak turun di bawah kebutuhannya menurut ABK final: bezetting − 1 ≥ kebutuhan.",
		StatementEN: "After the move the source position does not fall below its need in the final ABK: bezetting − 1 ≥ kebutuhan.",
		Severity:    Warn,
		Split: []SeverityCase{
			{Info, "belum ada ABK final", "no final ABK yet"},
		},
		Messages: []Template{
			tpl(Pass, "", "Setelah mutasi jabatan asal masih {bezetting_sesudah} orang untuk kebutuhan {kebutuhan} (ABK final {abk_tahun}).", "After the move the source keeps {bezetting_sesudah} for a need of {kebutuhan} (final ABK {abk_tahun})."),
			tpl(Pass, "tidak_ada", "Jabatan asal tidak ada dalam ABK final {abk_tahun} (kebutuhan 0).", "The source position is not in the final ABK {abk_tahun} (need 0)."),
			tpl(Fail, "", "Setelah mutasi jabatan asal tinggal {bezetting_sesudah} orang, di bawah kebutuhan {kebutuhan} (ABK final {abk_tahun}).", "After the move the source keeps only {bezetting_sesudah}, below its need of {kebutuhan} (final ABK {abk_tahun})."),
			tpl(Fail, "tanpa_abk", "Belum ada ABK final; kebutuhan jabatan asal tidak dapat diperiksa.", "No final ABK yet; the source's need cannot be checked."),
			tpl(NotApplicable, "luar", "Pegawai datang dari instansi lain; kebutuhan jabatan asal dinilai instansi asal.", "The employee comes from another agency; the source's need is that agency's to assess."),
		},
		Source: "Turunan dari \"memperhatikan kebutuhan organisasi\", PP 11/2017 Pasal 190 ayat (4)", Confidence: "S",
		check: func(p *Params, c *Case, r *rec) {
			if c.AsalLuar {
				r.na("luar")
				return
			}
			if c.ABKTahun == 0 {
				r.failAs(Info, "tanpa_abk")
				return
			}
			r.num("abk_tahun", c.ABKTahun)
			s := c.ABKAsal
			if s == nil {
				r.num("kebutuhan", 0)
				r.pass("tidak_ada")
				return
			}
			after := s.Bezetting - 1
			r.num("kebutuhan", s.KebutuhanBulat)
			r.num("bezetting", s.Bezetting)
			r.num("bezetting_sesudah", after)
			if after < s.KebutuhanBulat {
				r.fail("")
				return
			}
			r.pass("")
		},
	},
	{
		ID: "MUT-15", Judul: "Sisa masa kerja sampai BUP", JudulEN: "Time left before retirement age",
		Pernyataan:  "Sisa waktu sampai batas usia pensiun (BUP) jabatan tujuan paling sedikit 1 tahun.",
		StatementEN: "At least 1 year left before the retirement age (BUP) of the target position.",
		Severity:    Warn,
		Params:      []string{"mut15MinTahun"},
		Messages: []Template{
			tpl(Pass, "", "Sisa masa kerja sampai BUP {bup} tahun ({tanggal_bup}): {sisa}; minimal {batas} tahun.", "Time left before BUP {bup} ({tanggal_bup}): {sisa}; the minimum is {batas} years."),
			tpl(Fail, "", "Sisa masa kerja sampai BUP {bup} tahun ({tanggal_bup}) hanya {sisa}; kurang dari {batas} tahun.", "Only {sisa} left before BUP {bup} ({tanggal_bup}); less than {batas} years."),
			tpl(Fail, "tanpa_lahir", "Tanggal lahir tidak tercatat; sisa masa kerja sampai BUP {bup} tahun tidak dapat diperiksa.", "No birth date recorded; the time left before BUP {bup} cannot be checked."),
		},
		Source: "PP 11/2017 jo. PP 17/2020 (BUP 58/60/65); UU 20/2023 Pasal 55; batas minimal = kebijakan instansi", Confidence: "S/U",
		check: func(p *Params, c *Case, r *rec) {
			j := &c.JabatanTujuan
			bup := j.BUP
			if bup == 0 {
				bup = domain.DefaultBUP(j.Jenis, j.Jenjang)
			}
			r.num("bup", bup)
			r.num("batas", p.MUT15MinTahun)
			lahir := c.Pegawai.TanggalLahir
			if lahir.IsZero() {
				r.fail("tanpa_lahir")
				return
			}
			t := lahir.AddYears(bup)
			r.date("tanggal_lahir", lahir)
			r.date("tanggal_bup", t)
			r.dur("sisa", c.Tanggal, t)
			if t.Before(c.Tanggal.AddYears(p.MUT15MinTahun)) {
				r.fail("")
				return
			}
			r.pass("")
		},
	},
	{
		ID: "MUT-16", Judul: "Konflik kepentingan", JudulEN: "Conflict of interest",
		Pernyataan:  "Tidak ada hubungan suami/istri, darah atau semenda sampai derajat 2 dengan pengambil keputusan atau atasan langsung yang baru.",
		StatementEN: "No spouse, blood or in-law relation up to degree 2 with the decision maker or the new direct superior.",
		Severity:    Block,
		Params:      []string{"mut16Derajat"},
		Messages: []Template{
			tpl(Pass, "", "Tidak ada hubungan keluarga sampai derajat {batas} dengan pengambil keputusan atau atasan langsung baru ({jumlah_tercatat} hubungan tercatat).", "No family relation up to degree {batas} with the decision maker or the new direct superior ({jumlah_tercatat} relations recorded)."),
			tpl(Fail, "", "Ada hubungan {hubungan} derajat {derajat} dengan {pihak} ({nama_kerabat}); batas derajat {batas}.", "A {hubungan} relation of degree {derajat} with {pihak} ({nama_kerabat}); the limit is degree {batas}."),
			tpl(Fail, "suami_istri", "Ada hubungan suami/istri dengan {pihak} ({nama_kerabat}).", "Married to {pihak} ({nama_kerabat})."),
		},
		Source: "PP 11/2017 Pasal 190 ayat (5) (larangan konflik kepentingan)", Confidence: "V/U",
		check: func(p *Params, c *Case, r *rec) {
			r.num("batas", p.MUT16Derajat)
			r.num("jumlah_tercatat", len(c.Kerabat))
			for i := range c.Kerabat {
				k := &c.Kerabat[i]
				spouse := k.Hubungan == HubSuamiIstri
				if !spouse && k.Derajat > p.MUT16Derajat {
					continue
				}
				if !r.quiet {
					id, en := pihakLabel(k.Pihak)
					r.str2("pihak", id, en)
					id, en = hubunganLabel(k.Hubungan)
					r.str2("hubungan", id, en)
					r.str("nama_kerabat", k.Nama)
					r.num("derajat", k.Derajat)
				}
				if spouse {
					r.fail("suami_istri")
				} else {
					r.fail("")
				}
				return
			}
			r.pass("")
		},
	},
	{
		ID: "MUT-17", Judul: "Jalur dan pejabat yang berwenang", JudulEN: "Route and deciding official",
		Pernyataan:  "Jenis mutasi sesuai asal dan tujuan, dan pejabat yang memutus sesuai jenisnya (tabel jalur per jenis mutasi).",
		StatementEN: "The transfer type matches origin and target, and the deciding official matches the type (the route table per type).",
		Severity:    Block,
		Messages: []Template{
			tpl(Pass, "", "{nama_jenis} ({jenis}): diputus oleh {pemutus}{pertimbangan}; pertek BKN: {pertek_bkn}.", "{nama_jenis} ({jenis}): decided by {pemutus}{pertimbangan}; BKN pertek: {pertek_bkn}."),
			tpl(Fail, "jenis", "Jenis mutasi \"{jenis}\" tidak dikenal; gunakan T0 sampai T4.", "Unknown transfer type \"{jenis}\"; use T0 to T4."),
			tpl(Fail, "tidak_sesuai", "Jenis {jenis} ({nama_jenis}) tidak sesuai dengan asal dan tujuan: {alasan}.", "Type {jenis} ({nama_jenis}) does not match origin and target: {alasan}."),
			tpl(Fail, "pemutus", "{pemutus_kasus} tidak berwenang memutus {nama_jenis}; yang berwenang: {pemutus}.", "{pemutus_kasus} may not decide a {nama_jenis} transfer; the deciding official is {pemutus}."),
		},
		Source: "PP 11/2017 Pasal 191–193; Peraturan BKN 5/2019; SE Kepala BKN 3/SE/VIII/2019", Confidence: "V",
		check: func(p *Params, c *Case, r *rec) {
			r.str("jenis", string(c.Jenis))
			route, ok := RouteOf(c.Jenis)
			if !ok {
				r.fail("jenis")
				return
			}
			if !r.quiet {
				r.str2("nama_jenis", route.Nama, route.NamaEN)
				id, en := pemutusList(route.Pemutus)
				r.str2("pemutus", id, en)
				if route.Pertimbangan != "" {
					r.str2("pertimbangan", " setelah pertimbangan "+route.Pertimbangan, " after advice from "+route.PertimbanganEN)
				} else {
					r.str("pertimbangan", "")
				}
				r.yesno("pertek_bkn", route.PertekBKN)
			}
			if code := routeMismatch(c); code != "" {
				if !r.quiet {
					id, en := mismatchLabel(code)
					r.str2("alasan", id, en)
				}
				r.fail("tidak_sesuai")
				return
			}
			if c.Pemutus != "" && !hasPemutus(route.Pemutus, c.Pemutus) {
				if !r.quiet {
					id, en := c.Pemutus.Label()
					r.str2("pemutus_kasus", id, en)
				}
				r.fail("pemutus")
				return
			}
			r.pass("")
		},
	},
	{
		ID: "MUT-18", Judul: "Kelengkapan dokumen", JudulEN: "Documents",
		Pernyataan:  "Mutasi antar instansi membawa dokumen lengkap (Peraturan BKN 5/2019); dalam satu Pemda daftar dokumen praktik BKPSDM.",
		StatementEN: "An inter-agency transfer carries the full document set (Peraturan BKN 5/2019); inside one Pemda the BKPSDM checklist.",
		Severity:    Block, Split: splitAntarInstansi,
		Messages: []Template{
			tpl(Pass, "", "Dokumen {jenis} lengkap ({jumlah_wajib} dokumen).", "Documents for {jenis} complete ({jumlah_wajib} documents)."),
			tpl(Fail, "", "Dokumen {jenis} belum lengkap, kurang {jumlah_kurang} dari {jumlah_wajib}: {kurang}.", "Documents for {jenis} incomplete, {jumlah_kurang} of {jumlah_wajib} missing: {kurang}."),
			tpl(NotApplicable, "belum_diperiksa", "Kelengkapan dokumen belum diperiksa.", "Documents not yet checked."),
			tpl(NotApplicable, "jenis", "Jenis mutasi tidak dikenal; lihat MUT-17.", "Unknown transfer type; see MUT-17."),
		},
		Source: "Peraturan BKN 5/2019; SE Kepala BKN 3/SE/VIII/2019", Confidence: "V",
		check: func(p *Params, c *Case, r *rec) {
			r.str("jenis", string(c.Jenis))
			route, ok := RouteOf(c.Jenis)
			if !ok {
				r.na("jenis")
				return
			}
			if !route.DokumenWajib {
				r.sev = Warn
			}
			if !c.DokumenDiperiksa {
				r.na("belum_diperiksa")
				return
			}
			wajib, kurang := 0, 0
			var names, namesEN strings.Builder
			for _, d := range route.Dokumen {
				info, _ := InfoDokumen(d)
				if info.HanyaAPS && !c.APS {
					continue
				}
				wajib++
				if hasDokumen(c.Dokumen, d) {
					continue
				}
				kurang++
				if !r.quiet {
					if names.Len() > 0 {
						names.WriteString("; ")
						namesEN.WriteString("; ")
					}
					names.WriteString(info.Nama)
					namesEN.WriteString(info.NamaEN)
				}
			}
			r.num("jumlah_wajib", wajib)
			r.num("jumlah_kurang", kurang)
			if kurang > 0 {
				if !r.quiet {
					r.str2("kurang", names.String(), namesEN.String())
				}
				r.fail("")
				return
			}
			r.pass("")
		},
	},
	{
		ID: "MUT-19", Judul: "Larangan penggantian pejabat (pilkada, Pj/Plt)", JudulEN: "Freeze on replacing officials (elections, acting heads)",
		Pernyataan:  "Penggantian pejabat (JPT, administrator, pengawas, JF dengan tugas tambahan) dalam 6 bulan setelah pelantikan kepala daerah, sejak 6 bulan sebelum penetapan paslon sampai akhir masa jabatan, atau oleh Pj/Plt, perlu persetujuan tertulis Mendagri.",
		StatementEN: "Replacing officials (JPT, administrator, pengawas, JF with an additional duty) within 6 months after the head's inauguration, from 6 months before the candidate determination to the end of term, or by an acting head needs the Minister of Home Affairs' written approval.",
		Severity:    Block,
		Params:      []string{"mut19JendelaBulan", "mut19Pelantikan", "mut19PenetapanPaslon", "mut19AkhirMasaJabatan"},
		Messages: []Template{
			tpl(Pass, "", "Di luar masa larangan penggantian pejabat (pelantikan kepala daerah {pelantikan}, penetapan paslon {penetapan}, akhir masa jabatan {akhir}).", "Outside the freeze on replacing officials (head inaugurated {pelantikan}, candidates determined {penetapan}, end of term {akhir})."),
			tpl(Pass, "bukan_pejabat", "Jabatan asal dan tujuan bukan jabatan manajerial atau JF dengan tugas tambahan, dan pemutus bukan Pj/Plt: larangan tidak berlaku.", "Neither position is managerial or a JF with an additional duty, and the decision maker is not acting: the freeze does not apply."),
			tpl(Pass, "izin", "Dalam masa larangan ({alasan}), dengan persetujuan tertulis Mendagri.", "Inside the freeze ({alasan}), with the Minister of Home Affairs' written approval."),
			tpl(Fail, "pasca_pelantikan", "Dalam {jendela} bulan setelah pelantikan kepala daerah {pelantikan} (sampai {jendela_akhir}): penggantian pejabat perlu persetujuan tertulis Mendagri.", "Within {jendela} months after the head's inauguration on {pelantikan} (until {jendela_akhir}): replacing officials needs the Minister of Home Affairs' written approval."),
			tpl(Fail, "pilkada", "Sejak {jendela_awal} ({jendela} bulan sebelum penetapan paslon {penetapan}) sampai akhir masa jabatan {akhir}: penggantian pejabat perlu persetujuan tertulis Mendagri.", "From {jendela_awal} ({jendela} months before the candidate determination on {penetapan}) to the end of term {akhir}: replacing officials needs the Minister of Home Affairs' written approval."),
			tpl(Fail, "penjabat", "Diputus oleh Penjabat/Plt kepala daerah: mutasi perlu persetujuan tertulis Mendagri.", "Decided by an acting head (Pj/Plt): the transfer needs the Minister of Home Affairs' written approval."),
		},
		Source: "UU 10/2016 Pasal 71 ayat (2) dan Pasal 162 ayat (3); PP 49/2008 Pasal 132A", Confidence: "S",
		check: func(p *Params, c *Case, r *rec) {
			w := p.MUT19JendelaBulan
			pejabat := c.JabatanAsal.Jenis.Manajerial() || c.JabatanTujuan.Jenis.Manajerial() || c.TugasTambahan
			r.num("jendela", w)
			r.date("pelantikan", p.MUT19Pelantikan)
			r.date("penetapan", p.MUT19PenetapanPaslon)
			r.date("akhir", p.MUT19AkhirMasaJabatan)
			r.yesno("jabatan_terdampak", pejabat)
			r.yesno("penjabat", c.PemutusPenjabat)
			r.yesno("izin_mendagri", c.IzinMendagri)
			reason := ""
			switch {
			case c.PemutusPenjabat:
				reason = "penjabat"
			case !pejabat:
				r.pass("bukan_pejabat")
				return
			}
			if reason == "" && !p.MUT19Pelantikan.IsZero() {
				end := p.MUT19Pelantikan.AddMonths(w)
				if !c.Tanggal.Before(p.MUT19Pelantikan) && c.Tanggal.Before(end) {
					reason = "pasca_pelantikan"
					r.date("jendela_akhir", end)
				}
			}
			if reason == "" && !p.MUT19PenetapanPaslon.IsZero() {
				start := p.MUT19PenetapanPaslon.AddMonths(-w)
				if !c.Tanggal.Before(start) && !c.Tanggal.After(p.MUT19AkhirMasaJabatan) {
					reason = "pilkada"
					r.date("jendela_awal", start)
				}
			}
			if reason == "" {
				r.pass("")
				return
			}
			if c.IzinMendagri {
				if !r.quiet {
					id, en := freezeLabel(reason, w)
					r.str2("alasan", id, en)
				}
				r.pass("izin")
				return
			}
			r.fail(reason)
		},
	},
	{
		ID: "MUT-20", Judul: "Perlindungan masa jabatan JPT", JudulEN: "JPT two-year protection",
		Pernyataan:  "Pejabat pimpinan tinggi tidak diganti dalam 2 tahun sejak pelantikan, kecuali melanggar peraturan atau tidak lagi memenuhi syarat jabatan.",
		StatementEN: "A senior executive (JPT) is not replaced within 2 years of inauguration, unless they broke the rules or no longer meet the position's requirements.",
		Severity:    Block,
		Split: []SeverityCase{
			{Warn, "pengecualian tercatat (pelanggaran / tidak memenuhi syarat)", "a recorded exception (violation / no longer qualified)"},
		},
		Params: []string{"mut20Tahun"},
		Messages: []Template{
			tpl(NotApplicable, "bukan_jpt", "Jabatan asal bukan jabatan pimpinan tinggi.", "The current position is not a JPT."),
			tpl(Pass, "", "JPT dilantik {pelantikan_jpt} ({dasar}), sudah {lama}; minimal {batas} tahun.", "JPT inaugurated {pelantikan_jpt} ({dasar}), {lama} ago; the minimum is {batas} years."),
			tpl(Fail, "", "JPT dilantik {pelantikan_jpt} ({dasar}), baru {lama}; tidak boleh diganti sebelum {batas} tahun ({boleh_sejak}).", "JPT inaugurated {pelantikan_jpt} ({dasar}), only {lama} ago; may not be replaced before {batas} years ({boleh_sejak})."),
			tpl(Fail, "pengecualian", "JPT dilantik {pelantikan_jpt} ({dasar}), baru {lama}; pengecualian (pelanggaran atau tidak memenuhi syarat) tercatat dan perlu justifikasi tertulis.", "JPT inaugurated {pelantikan_jpt} ({dasar}), only {lama} ago; an exception (violation or no longer qualified) is recorded and needs a written justification."),
			tpl(Fail, "tanpa_tmt", "Tanggal pelantikan JPT dan TMT jabatan tidak tercatat; masa {batas} tahun tidak dapat diperiksa.", "Neither the JPT inauguration date nor TMT of the position is recorded; the {batas}-year protection cannot be checked."),
		},
		Source: "UU 5/2014 Pasal 116 (masih dipakai dalam praktik; berita menpan.go.id)", Confidence: "S",
		check: func(p *Params, c *Case, r *rec) {
			switch c.JabatanAsal.Jenis {
			case domain.JabatanJPTUtama, domain.JabatanJPTMadya, domain.JabatanJPTPratama:
			default:
				r.na("bukan_jpt")
				return
			}
			r.num("batas", p.MUT20Tahun)
			pel := c.PelantikanJPT
			if pel.IsZero() {
				pel = c.Pegawai.TMTJabatan
				r.str2("dasar", "TMT jabatan", "TMT of the position")
			} else {
				r.str2("dasar", "tanggal pelantikan", "inauguration date")
			}
			if pel.IsZero() {
				r.fail("tanpa_tmt")
				return
			}
			r.date("pelantikan_jpt", pel)
			r.dur("lama", pel, c.Tanggal)
			until := pel.AddYears(p.MUT20Tahun)
			r.date("boleh_sejak", until)
			if !c.Tanggal.Before(until) {
				r.pass("")
				return
			}
			if c.PengecualianJPT {
				r.failAs(Warn, "pengecualian")
				return
			}
			r.fail("")
		},
	},
	{
		ID: "MUT-21", Judul: "Mutasi setara: jenis dan kelas jabatan", JudulEN: "Lateral move: position kind and class",
		Pernyataan:      "Mutasi untuk pemerataan adalah perpindahan setara: jabatan tujuan satu kelompok dengan jabatan asal (struktural — JPT, administrator, pengawas — atau pelaksana/fungsional) dan kelas jabatannya tetap (± selisih). Mengisi jabatan struktural atau naik kelas adalah promosi dengan prosedurnya sendiri.",
		StatementEN:     "A transfer for balance is a lateral move: the target is in the same group as the current post (structural — JPT, administrator, pengawas — or pelaksana/functional) and keeps the job class (± delta). Filling a structural post or a higher class is a promotion with its own procedure.",
		Severity:        Warn,
		PlannerExcludes: true,
		Params:          []string{"mut12KelasDelta", "mut21LintasJenis"},
		Messages: []Template{
			tpl(Pass, "", "Perpindahan setara: {kelompok_asal} → {kelompok_tujuan}, kelas jabatan {kelas_asal} → {kelas_tujuan} (batas ±{batas_kelas}).", "A lateral move: {kelompok_asal} → {kelompok_tujuan}, job class {kelas_asal} → {kelas_tujuan} (limit ±{batas_kelas})."),
			tpl(Fail, "jenis", "Jenis jabatan berubah dari {kelompok_asal} ke {kelompok_tujuan} ({jabatan_asal} → {jabatan_tujuan}): bukan mutasi setara, melainkan pengisian jabatan dengan prosedurnya sendiri.", "The position kind changes from {kelompok_asal} to {kelompok_tujuan} ({jabatan_asal} → {jabatan_tujuan}): not a lateral move but an appointment with its own procedure."),
			tpl(Fail, "kelas", "Kelas jabatan berubah {kelas_asal} → {kelas_tujuan}, lebih dari ±{batas_kelas}: bukan mutasi setara.", "The job class changes {kelas_asal} → {kelas_tujuan}, more than ±{batas_kelas}: not a lateral move."),
			tpl(NotApplicable, "", "Jenis dan kelas jabatan asal atau tujuan tidak tercatat.", "The kind and class of the current or target position are not recorded."),
		},
		Source: "PP 11/2017 Pasal 190 (mutasi) dan Pasal 106–124 (pengisian JPT, administrator, pengawas tersendiri); PermenPAN-RB 34/2011 (kelas jabatan)", Confidence: "S",
		check: func(p *Params, c *Case, r *rec) {
			a, t := c.JabatanAsal.Jenis, c.JabatanTujuan.Jenis
			if !r.quiet {
				id, en := kelompokLabel(a)
				r.str2("kelompok_asal", id, en)
				id, en = kelompokLabel(t)
				r.str2("kelompok_tujuan", id, en)
				r.str("jabatan_asal", c.JabatanAsal.Nama)
				r.str("jabatan_tujuan", c.JabatanTujuan.Nama)
			}
			r.num("kelas_asal", c.JabatanAsal.Kelas)
			r.num("kelas_tujuan", c.JabatanTujuan.Kelas)
			r.num("batas_kelas", p.MUT12KelasDelta)
			r.yesno("lintas_jenis", p.MUT21LintasJenis)
			jenisChecked := a != "" && t != ""
			if jenisChecked && !p.MUT21LintasJenis && a.Manajerial() != t.Manajerial() {
				r.fail("jenis")
				return
			}
			kelasChecked := c.JabatanAsal.Kelas > 0 && c.JabatanTujuan.Kelas > 0
			if kelasChecked {
				d := c.JabatanTujuan.Kelas - c.JabatanAsal.Kelas
				if d > p.MUT12KelasDelta || -d > p.MUT12KelasDelta {
					r.fail("kelas")
					return
				}
			}
			if !jenisChecked && !kelasChecked {
				r.na("")
				return
			}
			r.pass("")
		},
	},
}
