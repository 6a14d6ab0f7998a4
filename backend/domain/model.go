package domain

// ID is a row identifier: a UUIDv7 in canonical text form, made on the device
// that creates the row so that records made offline never collide.
type ID = string

// Pemda is a regional government (Pemerintah Daerah).
type Pemda struct {
	ID   ID     `json:"id"`
	Kode string `json:"kode"`
	Nama string `json:"nama"`
}

// JenisOPD classifies an OPD.
type JenisOPD string

const (
	OPDSekretariat JenisOPD = "SEKRETARIAT"
	OPDInspektorat JenisOPD = "INSPEKTORAT"
	OPDBadan       JenisOPD = "BADAN"
	OPDDinas       JenisOPD = "DINAS"
	OPDRSUD        JenisOPD = "RSUD"
	OPDSatpol      JenisOPD = "SATPOL"
	OPDDistrik     JenisOPD = "DISTRIK"
)

// JenisOPDs lists the OPD kinds.
var JenisOPDs = []JenisOPD{OPDSekretariat, OPDInspektorat, OPDBadan, OPDDinas, OPDRSUD, OPDSatpol, OPDDistrik}

// OPD is a government agency (perangkat daerah) of a Pemda.
type OPD struct {
	ID        ID       `json:"id"`
	PemdaID   ID       `json:"pemdaId"`
	Kode      string   `json:"kode"`
	Nama      string   `json:"nama"`
	Singkatan string   `json:"singkatan"`
	Jenis     JenisOPD `json:"jenis"`
	Alamat    string   `json:"alamat"`
}

// Unit is an organisational unit (unit kerja / unor) inside an OPD. Units form
// a tree; ParentID is empty for a top-level unit.
type Unit struct {
	ID       ID     `json:"id"`
	OPDID    ID     `json:"opdId"`
	ParentID ID     `json:"parentId"`
	Kode     string `json:"kode"`
	Nama     string `json:"nama"`
}

// JenisJabatan is the kind of position (PP 11/2017; UU 20/2023).
type JenisJabatan string

const (
	JabatanJPTUtama      JenisJabatan = "JPT_UTAMA"
	JabatanJPTMadya      JenisJabatan = "JPT_MADYA"
	JabatanJPTPratama    JenisJabatan = "JPT_PRATAMA"
	JabatanAdministrator JenisJabatan = "ADMINISTRATOR"
	JabatanPengawas      JenisJabatan = "PENGAWAS"
	JabatanPelaksana     JenisJabatan = "PELAKSANA"
	JabatanFungsional    JenisJabatan = "FUNGSIONAL"
)

// JenisJabatans lists the kinds, most senior first.
var JenisJabatans = []JenisJabatan{JabatanJPTUtama, JabatanJPTMadya, JabatanJPTPratama, JabatanAdministrator,
	JabatanPengawas, JabatanFungsional, JabatanPelaksana}

// Valid reports whether j is a known kind.
func (j JenisJabatan) Valid() bool {
	for _, x := range JenisJabatans {
		if x == j {
			return true
		}
	}
	return false
}

// Manajerial reports whether the kind is a managerial post.
func (j JenisJabatan) Manajerial() bool {
	switch j {
	case JabatanJPTUtama, JabatanJPTMadya, JabatanJPTPratama, JabatanAdministrator, JabatanPengawas:
		return true
	}
	return false
}

// Jenjang is the level of a functional position (JF).
type Jenjang string

const (
	JenjangNone     Jenjang = ""
	JenjangPemula   Jenjang = "PEMULA"
	JenjangTerampil Jenjang = "TERAMPIL"
	JenjangMahir    Jenjang = "MAHIR"
	JenjangPenyelia Jenjang = "PENYELIA"
	JenjangPertama  Jenjang = "AHLI_PERTAMA"
	JenjangMuda     Jenjang = "AHLI_MUDA"
	JenjangMadya    Jenjang = "AHLI_MADYA"
	JenjangUtama    Jenjang = "AHLI_UTAMA"
)

// jenjangRange is the golongan range of each JF level (confidence S, docs/domain.md).
var jenjangRange = map[Jenjang][2]Golongan{
	JenjangPemula: {21, 21}, JenjangTerampil: {22, 24}, JenjangMahir: {31, 32}, JenjangPenyelia: {33, 34},
	JenjangPertama: {31, 32}, JenjangMuda: {33, 34}, JenjangMadya: {41, 43}, JenjangUtama: {44, 45},
}

// Jenjangs lists the JF levels, lowest first (none excluded).
var Jenjangs = []Jenjang{JenjangPemula, JenjangTerampil, JenjangMahir, JenjangPenyelia, JenjangPertama, JenjangMuda, JenjangMadya, JenjangUtama}

// Valid reports whether j is a known level (or none).
func (j Jenjang) Valid() bool {
	if j == JenjangNone {
		return true
	}
	_, ok := jenjangRange[j]
	return ok
}

// GolonganRange is the default golongan range of a JF level.
func (j Jenjang) GolonganRange() (min, max Golongan, ok bool) {
	r, ok := jenjangRange[j]
	return r[0], r[1], ok
}

// DefaultBUP is the retirement age for a position (PP 11/2017 Pasal 239, S):
// 65 for JF Ahli Utama, 60 for JPT and JF Ahli Madya, 58 otherwise.
func DefaultBUP(jenis JenisJabatan, jenjang Jenjang) int {
	switch {
	case jenjang == JenjangUtama:
		return 65
	case jenjang == JenjangMadya, jenis == JabatanJPTUtama, jenis == JabatanJPTMadya, jenis == JabatanJPTPratama:
		return 60
	}
	return 58
}

// Jabatan is a position in the region's catalogue; people hold it in a unit.
type Jabatan struct {
	ID            ID           `json:"id"`
	Kode          string       `json:"kode"`
	Nama          string       `json:"nama"`
	Jenis         JenisJabatan `json:"jenis"`
	Jenjang       Jenjang      `json:"jenjang"`
	Kelas         int          `json:"kelas"`
	MinPendidikan Pendidikan   `json:"minPendidikan"`
	Jurusan       []string     `json:"jurusan"` // allowed majors; empty = any
	GolonganMin   Golongan     `json:"golonganMin"`
	GolonganMax   Golongan     `json:"golonganMax"`
	BUP           int          `json:"bup"`
}

// StatusASN is the employment status.
type StatusASN string

const (
	StatusPNS  StatusASN = "PNS"
	StatusCPNS StatusASN = "CPNS"
	StatusPPPK StatusASN = "PPPK"
)

// Valid reports whether s is PNS, CPNS or PPPK.
func (s StatusASN) Valid() bool { return s == StatusPNS || s == StatusCPNS || s == StatusPPPK }

// Pegawai is an employee (ASN) with the current placement.
type Pegawai struct {
	ID            ID           `json:"id"`
	NIP           NIP          `json:"nip"`
	Nama          string       `json:"nama"`
	GelarDepan    string       `json:"gelarDepan"`
	GelarBelakang string       `json:"gelarBelakang"`
	JenisKelamin  Gender       `json:"jenisKelamin"`
	TempatLahir   string       `json:"tempatLahir"`
	TanggalLahir  Date         `json:"tanggalLahir" ts_type:"string"`
	Status        StatusASN    `json:"status"`
	Golongan      Golongan     `json:"golongan"`
	GolonganPPPK  GolonganPPPK `json:"golonganPppk"`
	Pendidikan    Pendidikan   `json:"pendidikan"`
	Jurusan       string       `json:"jurusan"`
	OPDID         ID           `json:"opdId"`
	UnitID        ID           `json:"unitId"`
	JabatanID     ID           `json:"jabatanId"`
	TMTJabatan    Date         `json:"tmtJabatan" ts_type:"string"`
	TMTCPNS       Date         `json:"tmtCpns" ts_type:"string"`
	TMTPNS        Date         `json:"tmtPns" ts_type:"string"`
	// KeluarPada is the day the employee left this Pemda (the TMT of an
	// outgoing T2–T4 transfer) and InstansiTujuan the agency joined; both
	// empty for current staff. A record that has left stays (the NIP is
	// unique; a returning employee is the same record) but is not counted.
	KeluarPada     Date   `json:"keluarPada" ts_type:"string"`
	InstansiTujuan string `json:"instansiTujuan"`
}

// Keluar reports whether the employee has left this Pemda.
func (p Pegawai) Keluar() bool { return !p.KeluarPada.IsZero() }

// NamaLengkap is the name with academic titles, as printed on an SK.
func (p Pegawai) NamaLengkap() string {
	n := p.Nama
	if p.GelarDepan != "" {
		n = p.GelarDepan + " " + n
	}
	if p.GelarBelakang != "" {
		n = n + ", " + p.GelarBelakang
	}
	return n
}

// RiwayatJabatan is one placement in an employee's history. The current
// placement is the row with an empty TanggalSelesai.
type RiwayatJabatan struct {
	ID             ID     `json:"id"`
	PegawaiID      ID     `json:"pegawaiId"`
	OPDID          ID     `json:"opdId"`
	UnitID         ID     `json:"unitId"`
	JabatanID      ID     `json:"jabatanId"`
	TMT            Date   `json:"tmt" ts_type:"string"`
	TanggalSelesai Date   `json:"tanggalSelesai" ts_type:"string"`
	NomorSK        string `json:"nomorSk"`
	Keterangan     string `json:"keterangan"`
}

// SKP is one year's performance verdict.
type SKP struct {
	ID        ID          `json:"id"`
	PegawaiID ID          `json:"pegawaiId"`
	Tahun     int         `json:"tahun"`
	Predikat  SKPPredikat `json:"predikat"`
}

// TingkatHukdis is the severity of a disciplinary sanction (PP 94/2021).
type TingkatHukdis string

const (
	HukdisRingan TingkatHukdis = "RINGAN"
	HukdisSedang TingkatHukdis = "SEDANG"
	HukdisBerat  TingkatHukdis = "BERAT"
)

// Valid reports whether t is ringan, sedang or berat.
func (t TingkatHukdis) Valid() bool {
	return t == HukdisRingan || t == HukdisSedang || t == HukdisBerat
}

// Hukdis is a disciplinary record (hukuman disiplin).
type Hukdis struct {
	ID             ID            `json:"id"`
	PegawaiID      ID            `json:"pegawaiId"`
	Tingkat        TingkatHukdis `json:"tingkat"`
	Jenis          string        `json:"jenis"`
	NomorSK        string        `json:"nomorSk"`
	TMT            Date          `json:"tmt" ts_type:"string"`            // first day served
	TanggalSelesai Date          `json:"tanggalSelesai" ts_type:"string"` // LAST day served (see HukdisLastDay); free the day after
	Keterangan     string        `json:"keterangan"`
}

// JenisMutasi is the transfer type (docs/domain.md §3; PP 11/2017 Pasal 190–193).
// The eligibility rules and the workflow share this one definition.
type JenisMutasi string

const (
	MutasiT0 JenisMutasi = "T0" // between units inside one OPD
	MutasiT1 JenisMutasi = "T1" // between OPDs of one Pemda (the main case)
	MutasiT2 JenisMutasi = "T2" // between Pemda in one province
	MutasiT3 JenisMutasi = "T3" // between provinces
	MutasiT4 JenisMutasi = "T4" // Pemda ↔ central agency
)

// JenisMutasiAll lists the transfer types in order.
var JenisMutasiAll = []JenisMutasi{MutasiT0, MutasiT1, MutasiT2, MutasiT3, MutasiT4}

// Valid reports whether j is T0 … T4.
func (j JenisMutasi) Valid() bool {
	switch j {
	case MutasiT0, MutasiT1, MutasiT2, MutasiT3, MutasiT4:
		return true
	}
	return false
}

// AntarInstansi reports whether the type crosses agencies (T2–T4): the
// employee leaves or joins another Pemda or a central agency, which needs
// persetujuan PPK asal and a BKN pertek before the SK.
func (j JenisMutasi) AntarInstansi() bool { return j == MutasiT2 || j == MutasiT3 || j == MutasiT4 }
