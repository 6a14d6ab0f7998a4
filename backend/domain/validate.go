package domain

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Field lengths: the same limits bound what the desktop accepts in a form
// and what the sync server accepts in a change (sync/rules).
const (
	MaxKodeOPD        = 20
	MaxNamaOPD        = 200
	MaxSingkatanOPD   = 40
	MaxKodeUnit       = 30
	MaxNamaUnit       = 200
	MaxNamaJabatan    = 200
	MaxNamaPegawai    = 120
	MaxGelarDepan     = 40
	MaxGelarBelakang  = 60
	MaxInstansiTujuan = 200
)

func required(v *Validation, field, value, labelID, labelEN string) {
	if strings.TrimSpace(value) == "" {
		v.Add(field, "required", labelID+" wajib diisi.", labelEN+" is required.")
	}
}

func maxLen(v *Validation, field, value string, n int, labelID, labelEN string) {
	if utf8.RuneCountInString(value) > n {
		v.Add(field, "too_long", fmt.Sprintf("%s paling banyak %d karakter.", labelID, n),
			fmt.Sprintf("%s may have at most %d characters.", labelEN, n))
	}
}

// Validate checks an OPD's own fields.
func (o *OPD) Validate() error {
	o.Kode, o.Nama, o.Singkatan = strings.TrimSpace(o.Kode), strings.TrimSpace(o.Nama), strings.TrimSpace(o.Singkatan)
	var v Validation
	required(&v, "kode", o.Kode, "Kode OPD", "OPD code")
	maxLen(&v, "kode", o.Kode, MaxKodeOPD, "Kode OPD", "OPD code")
	required(&v, "nama", o.Nama, "Nama OPD", "OPD name")
	maxLen(&v, "nama", o.Nama, MaxNamaOPD, "Nama OPD", "OPD name")
	maxLen(&v, "singkatan", o.Singkatan, MaxSingkatanOPD, "Singkatan", "Abbreviation")
	ok := false
	for _, j := range JenisOPDs {
		ok = ok || j == o.Jenis
	}
	if !ok {
		v.Add("jenis", "opd.jenis", "Jenis OPD tidak dikenal.", "Unknown OPD kind.")
	}
	return v.Err()
}

// Validate checks a unit's own fields (references are checked by the store).
func (u *Unit) Validate() error {
	u.Kode, u.Nama = strings.TrimSpace(u.Kode), strings.TrimSpace(u.Nama)
	var v Validation
	required(&v, "kode", u.Kode, "Kode unit", "Unit code")
	maxLen(&v, "kode", u.Kode, MaxKodeUnit, "Kode unit", "Unit code")
	required(&v, "nama", u.Nama, "Nama unit", "Unit name")
	maxLen(&v, "nama", u.Nama, MaxNamaUnit, "Nama unit", "Unit name")
	required(&v, "opdId", u.OPDID, "OPD", "OPD")
	if u.ParentID != "" && u.ParentID == u.ID {
		v.Add("parentId", "unit.self_parent", "Unit tidak boleh menjadi induk dirinya sendiri.", "A unit cannot be its own parent.")
	}
	return v.Err()
}

// Validate checks a position's fields and fills defaults (BUP, JF golongan range).
func (j *Jabatan) Validate() error {
	j.Kode, j.Nama = strings.TrimSpace(j.Kode), strings.TrimSpace(j.Nama)
	var v Validation
	required(&v, "kode", j.Kode, "Kode jabatan", "Position code")
	required(&v, "nama", j.Nama, "Nama jabatan", "Position name")
	maxLen(&v, "nama", j.Nama, MaxNamaJabatan, "Nama jabatan", "Position name")
	if !j.Jenis.Valid() {
		v.Add("jenis", "jabatan.jenis", "Jenis jabatan tidak dikenal.", "Unknown position kind.")
	}
	if !j.Jenjang.Valid() {
		v.Add("jenjang", "jabatan.jenjang", "Jenjang jabatan fungsional tidak dikenal.", "Unknown functional level.")
	}
	if j.Jenis == JabatanFungsional && j.Jenjang == JenjangNone {
		v.Add("jenjang", "jabatan.jenjang_required", "Jabatan fungsional wajib memiliki jenjang.", "A functional position needs a level.")
	}
	if j.Jenis != JabatanFungsional && j.Jenjang != JenjangNone {
		v.Add("jenjang", "jabatan.jenjang_not_jf", "Jenjang hanya untuk jabatan fungsional.", "Only functional positions have a level.")
	}
	if j.Kelas < 1 || j.Kelas > 17 {
		v.Add("kelas", "jabatan.kelas", "Kelas jabatan harus 1 sampai 17.", "The position class must be 1 to 17.")
	}
	if !j.MinPendidikan.Valid() {
		v.Add("minPendidikan", "pendidikan.unknown", "Pendidikan minimal tidak dikenal.", "Unknown minimum education.")
	}
	if j.GolonganMin == 0 && j.GolonganMax == 0 {
		if lo, hi, ok := j.Jenjang.GolonganRange(); ok {
			j.GolonganMin, j.GolonganMax = lo, hi
		}
	}
	if (j.GolonganMin != 0 && !j.GolonganMin.Valid()) || (j.GolonganMax != 0 && !j.GolonganMax.Valid()) {
		v.Add("golonganMin", "golongan.unknown", "Rentang golongan memuat golongan yang tidak dikenal.", "The golongan range has an unknown golongan.")
	} else if j.GolonganMin != 0 && j.GolonganMax != 0 && j.GolonganMin.Rank() > j.GolonganMax.Rank() {
		v.Add("golonganMax", "jabatan.golongan_range", "Golongan maksimal lebih rendah dari golongan minimal.", "The maximum golongan is below the minimum.")
	}
	if j.BUP == 0 {
		j.BUP = DefaultBUP(j.Jenis, j.Jenjang)
	}
	if j.BUP < 50 || j.BUP > 70 {
		v.Add("bup", "jabatan.bup", "Batas usia pensiun harus 50 sampai 70 tahun.", "The retirement age must be 50 to 70.")
	}
	clean := j.Jurusan[:0]
	for _, m := range j.Jurusan {
		if m = strings.TrimSpace(m); m != "" {
			clean = append(clean, m)
		}
	}
	j.Jurusan = clean
	return v.Err()
}

// Validate checks an employee's fields against each other and today's date:
// the NIP's structure and its agreement with birth date, gender and TMT CPNS,
// the golongan ladder of the status, the education code and the dates' order.
func (p *Pegawai) Validate(today Date) error {
	p.Nama, p.GelarDepan, p.GelarBelakang = strings.TrimSpace(p.Nama), strings.TrimSpace(p.GelarDepan), strings.TrimSpace(p.GelarBelakang)
	p.Jurusan, p.TempatLahir = strings.TrimSpace(p.Jurusan), strings.TrimSpace(p.TempatLahir)
	var v Validation
	required(&v, "nama", p.Nama, "Nama", "Name")
	maxLen(&v, "nama", p.Nama, MaxNamaPegawai, "Nama", "Name")
	maxLen(&v, "gelarDepan", p.GelarDepan, MaxGelarDepan, "Gelar depan", "Title")
	maxLen(&v, "gelarBelakang", p.GelarBelakang, MaxGelarBelakang, "Gelar belakang", "Degree")
	if !p.Status.Valid() {
		v.Add("status", "pegawai.status", "Status kepegawaian harus PNS, CPNS atau PPPK.", "The status must be PNS, CPNS or PPPK.")
	}
	if !p.JenisKelamin.Valid() {
		v.Add("jenisKelamin", "pegawai.gender", "Jenis kelamin harus laki-laki atau perempuan.", "The gender must be male or female.")
	}
	if p.TanggalLahir.IsZero() {
		v.Add("tanggalLahir", "required", "Tanggal lahir wajib diisi.", "The birth date is required.")
	} else if p.TanggalLahir.After(today) {
		v.Add("tanggalLahir", "date.future_birth", "Tanggal lahir tidak boleh di masa depan.", "The birth date cannot be in the future.")
	} else if age := p.TanggalLahir.FullYearsUntil(today); age < 18 || age > 75 {
		v.Add("tanggalLahir", "pegawai.age", fmt.Sprintf("Usia %d tahun tidak mungkin untuk ASN aktif (18–75).", age),
			fmt.Sprintf("An age of %d is not possible for an active employee (18–75).", age))
	}

	// NIP: structure first, then agreement with the stored fields.
	var parse func(string) (NIP, NIPParts, error) = ParseNIP
	if p.Status == StatusPPPK {
		parse = ParseNIPPPPK
	}
	nip, parts, err := parse(string(p.NIP))
	if err != nil {
		v.AddErr("nip", err)
	} else {
		p.NIP = nip
		if !p.TanggalLahir.IsZero() || p.JenisKelamin != "" {
			v.AddErr("nip", CheckNIPConsistency(parts, p.TanggalLahir, p.JenisKelamin))
		}
		if p.Status != StatusPPPK {
			if p.TMTCPNS.IsZero() {
				p.TMTCPNS = parts.TMTCPNS
			} else if p.TMTCPNS.Y != parts.TMTCPNS.Y || p.TMTCPNS.M != parts.TMTCPNS.M {
				v.Add("tmtCpns", "nip.tmt_mismatch",
					fmt.Sprintf("TMT CPNS (%s) tidak sama dengan bulan TMT pada NIP (%s %d).", p.TMTCPNS.Indonesian(), bulanID[parts.TMTCPNS.M-1], parts.TMTCPNS.Y),
					fmt.Sprintf("TMT CPNS (%s) differs from the month in the NIP (%s %d).", p.TMTCPNS.English(), monthEN[parts.TMTCPNS.M-1], parts.TMTCPNS.Y))
			}
		}
	}

	switch p.Status {
	case StatusPNS, StatusCPNS:
		if !p.Golongan.Valid() {
			v.Add("golongan", "golongan.unknown", "Golongan wajib diisi (I/a sampai IV/e).", "The golongan is required (I/a to IV/e).")
		}
		p.GolonganPPPK = 0
	case StatusPPPK:
		if !p.GolonganPPPK.Valid() {
			v.Add("golonganPppk", "golongan_pppk.unknown", "Golongan PPPK wajib diisi (I sampai XVII).", "The PPPK grade is required (I to XVII).")
		}
		p.Golongan = 0
	}
	if !p.Pendidikan.Valid() {
		v.Add("pendidikan", "pendidikan.unknown", "Tingkat pendidikan wajib diisi.", "The education level is required.")
	}
	required(&v, "opdId", p.OPDID, "OPD", "OPD")
	required(&v, "unitId", p.UnitID, "Unit kerja", "Unit")
	required(&v, "jabatanId", p.JabatanID, "Jabatan", "Position")
	if p.TMTJabatan.IsZero() {
		v.Add("tmtJabatan", "required", "TMT jabatan wajib diisi.", "The TMT jabatan is required.")
	} else if p.TMTJabatan.After(today) {
		v.Add("tmtJabatan", "date.future", "TMT jabatan tidak boleh setelah hari ini.", "The TMT jabatan cannot be after today.")
	}
	if p.Status == StatusCPNS && !p.TMTPNS.IsZero() {
		v.Add("tmtPns", "pegawai.cpns_tmt_pns", "CPNS belum memiliki TMT PNS.", "A CPNS has no TMT PNS yet.")
	}
	if p.Status == StatusPNS && p.TMTPNS.IsZero() {
		v.Add("tmtPns", "required", "TMT PNS wajib diisi untuk PNS.", "The TMT PNS is required for a PNS.")
	}
	if !p.TMTPNS.IsZero() && !p.TMTCPNS.IsZero() && p.TMTPNS.Before(p.TMTCPNS) {
		v.Add("tmtPns", "pegawai.tmt_order", "TMT PNS tidak boleh sebelum TMT CPNS.", "The TMT PNS cannot be before the TMT CPNS.")
	}
	if !p.TMTJabatan.IsZero() && !p.TMTCPNS.IsZero() && p.TMTJabatan.Before(p.TMTCPNS) {
		v.Add("tmtJabatan", "pegawai.tmt_order", "TMT jabatan tidak boleh sebelum TMT CPNS.", "The TMT jabatan cannot be before the TMT CPNS.")
	}
	p.InstansiTujuan = strings.TrimSpace(p.InstansiTujuan)
	maxLen(&v, "instansiTujuan", p.InstansiTujuan, MaxInstansiTujuan, "Instansi tujuan", "Destination agency")
	switch {
	case p.KeluarPada.IsZero() != (p.InstansiTujuan == ""):
		v.Add("keluarPada", "pegawai.keluar_pair", "Tanggal keluar dan instansi tujuan diisi keduanya atau dikosongkan keduanya.",
			"The leaving date and the destination agency are given together or not at all.")
	case p.KeluarPada.After(today):
		v.Add("keluarPada", "date.future", "Tanggal keluar tidak boleh setelah hari ini.", "The leaving date cannot be after today.")
	}
	return v.Err()
}
