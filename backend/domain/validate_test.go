package domain

import (
	"errors"
	"testing"
	"time"
)

func validPegawai() Pegawai {
	return Pegawai{NIP: "198609262015051001", Nama: "Yohanes Kambu", JenisKelamin: GenderLaki, TanggalLahir: MustDate("1986-09-26"),
		Status: StatusPNS, Golongan: 32, Pendidikan: 40, OPDID: "o", UnitID: "u", JabatanID: "j",
		TMTJabatan: MustDate("2020-01-01"), TMTPNS: MustDate("2016-05-01")}
}

func fieldCodes(err error) map[string]string {
	out := map[string]string{}
	var e *Error
	if errors.As(err, &e) {
		for _, f := range e.Fields {
			out[f.Field] = f.Code
		}
	}
	return out
}

func TestPegawaiBirthMessages(t *testing.T) {
	today := MustDate("2026-07-01")
	p := validPegawai()
	p.TanggalLahir = MustDate("2031-05-01")
	var e *Error
	if !errors.As(p.Validate(today), &e) {
		t.Fatal("a future birth date was accepted")
	}
	for _, f := range e.Fields {
		if f.Field == "tanggalLahir" && f.Message != "Tanggal lahir tidak boleh di masa depan." {
			t.Errorf("future birth date: %q", f.Message)
		}
		if f.Field == "nip" && f.Code == "nip.birth_mismatch" &&
			(f.Message != "Tanggal lahir pada NIP (26 September 1986) tidak sama dengan tanggal lahir yang diisi (1 Mei 2031)." ||
				f.MessageEN != "The birth date in the NIP (26 September 1986) differs from the birth date entered (1 May 2031).") {
			t.Errorf("mismatch message: %q / %q", f.Message, f.MessageEN)
		}
	}
}

func TestPegawaiValidate(t *testing.T) {
	today := MustDate("2026-07-01")
	p := validPegawai()
	if err := p.Validate(today); err != nil {
		t.Fatal(err)
	}
	if p.TMTCPNS != MustDate("2015-05-01") {
		t.Fatalf("TMT CPNS not taken from the NIP: %v", p.TMTCPNS)
	}
	cases := map[string]struct {
		edit  func(*Pegawai)
		field string
		code  string
	}{
		"birth differs from NIP": {func(p *Pegawai) { p.TanggalLahir = MustDate("1986-09-25") }, "nip", "nip.birth_mismatch"},
		"future birth date":      {func(p *Pegawai) { p.TanggalLahir = MustDate("2031-05-01") }, "tanggalLahir", "date.future_birth"},
		"birth date today":       {func(p *Pegawai) { p.TanggalLahir = MustDate("2026-07-01") }, "tanggalLahir", "pegawai.age"},
		"gender differs":         {func(p *Pegawai) { p.JenisKelamin = GenderPerempuan }, "jenisKelamin", "nip.gender_mismatch"},
		"gender digit 3":         {func(p *Pegawai) { p.NIP = "198609262015053001" }, "nip", "nip.gender"},
		"17 digits":              {func(p *Pegawai) { p.NIP = "19860926201505100" }, "nip", "nip.length"},
		"PPPK golongan missing":  {func(p *Pegawai) { p.Status = StatusPPPK; p.NIP = "198609262023211001"; p.TMTPNS = Date{} }, "golonganPppk", "golongan_pppk.unknown"},
		"future TMT":             {func(p *Pegawai) { p.TMTJabatan = MustDate("2027-01-01") }, "tmtJabatan", "date.future"},
		"TMT CPNS vs NIP":        {func(p *Pegawai) { p.TMTCPNS = MustDate("2015-06-01") }, "tmtCpns", "nip.tmt_mismatch"},
		"CPNS with TMT PNS":      {func(p *Pegawai) { p.Status = StatusCPNS }, "tmtPns", "pegawai.cpns_tmt_pns"},
		"unknown education":      {func(p *Pegawai) { p.Pendidikan = 41 }, "pendidikan", "pendidikan.unknown"},
		"no name":                {func(p *Pegawai) { p.Nama = "  " }, "nama", "required"},
		"left without agency":    {func(p *Pegawai) { p.KeluarPada = MustDate("2026-06-01") }, "keluarPada", "pegawai.keluar_pair"},
		"agency without date":    {func(p *Pegawai) { p.InstansiTujuan = "Pemprov Papua Barat Daya" }, "keluarPada", "pegawai.keluar_pair"},
		"left in the future": {func(p *Pegawai) {
			p.KeluarPada, p.InstansiTujuan = MustDate("2026-08-01"), "Pemprov Papua Barat Daya"
		}, "keluarPada", "date.future"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			p := validPegawai()
			c.edit(&p)
			err := p.Validate(today)
			if KindOf(err) != KindInvalid {
				t.Fatalf("want Invalid, got %v", err)
			}
			if got := fieldCodes(err)[c.field]; got != c.code {
				t.Fatalf("field %s: got code %q, want %q (all: %v)", c.field, got, c.code, fieldCodes(err))
			}
		})
	}
}

func TestJabatanDefaults(t *testing.T) {
	j := Jabatan{Kode: "GURU-AM", Nama: "Guru Ahli Muda", Jenis: JabatanFungsional, Jenjang: JenjangMuda, Kelas: 9, MinPendidikan: 40}
	if err := j.Validate(); err != nil {
		t.Fatal(err)
	}
	if j.GolonganMin != 33 || j.GolonganMax != 34 || j.BUP != 58 {
		t.Fatalf("defaults not filled: %+v", j)
	}
	j = Jabatan{Kode: "X", Nama: "X", Jenis: JabatanPelaksana, Jenjang: JenjangMuda, Kelas: 18, MinPendidikan: 40}
	codes := fieldCodes(j.Validate())
	if codes["jenjang"] != "jabatan.jenjang_not_jf" || codes["kelas"] != "jabatan.kelas" {
		t.Fatalf("codes %v", codes)
	}
}

func TestLadders(t *testing.T) {
	if g, err := ParseGolongan("iii/a"); err != nil || g != 31 || g.Rank() != 9 || g.Pangkat() != "Penata Muda" {
		t.Fatalf("III/a: %v %v", g, err)
	}
	if len(Golongans()) != 17 || Golongan(45).Rank() != 17 {
		t.Fatal("the ladder has 17 steps")
	}
	if _, err := ParseGolongan("V/a"); CodeOf(err) != "golongan.unknown" {
		t.Fatal("V/a accepted")
	}
	s1, _ := ParsePendidikan("S1")
	d4, _ := ParsePendidikan("D-IV")
	d3, _ := ParsePendidikan("30")
	if !d4.AtLeast(s1) || !s1.AtLeast(d4) || d3.AtLeast(s1) {
		t.Fatal("D-IV and S-1 share a rung above D-III")
	}
	if g, err := ParseGolonganPPPK("ix"); err != nil || g != 9 || g.String() != "IX" {
		t.Fatalf("PPPK IX: %v %v", g, err)
	}
}

func TestDateArithmetic(t *testing.T) {
	leap := MustDate("2000-02-29")
	if leap.AddYears(1) != MustDate("2001-02-28") {
		t.Fatal("29 Feb + 1 year")
	}
	if n := MustDate("2000-07-01").FullYearsUntil(MustDate("2026-06-30")); n != 25 {
		t.Fatalf("years = %d", n)
	}
	if n := MustDate("2000-07-01").FullYearsUntil(MustDate("2026-07-01")); n != 26 {
		t.Fatalf("years = %d", n)
	}
	if _, ok := NewDate(2023, time.February, 29); ok {
		t.Fatal("29 Feb 2023 exists?")
	}
	if _, err := ParseDate("2023-13-01"); err == nil {
		t.Fatal("month 13 parsed")
	}
}
