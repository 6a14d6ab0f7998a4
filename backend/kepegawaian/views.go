package kepegawaian

import "github.com/bkpsdm-sorong/imbang/backend/domain"

// The types in this file are the read models the UI and the CLI show. They
// carry labels already resolved (OPD name, golongan notation) so that no
// screen repeats a lookup or a rule.

// Status describes the installation for the first-run screen and the header.
type Status struct {
	FirstRun       bool   `json:"firstRun"` // no Pemda yet: show the first-run screen
	DataDir        string `json:"dataDir"`
	SchemaVersion  int    `json:"schemaVersion"`
	DeviceID       string `json:"deviceId"`
	AppVersion     string `json:"appVersion"`
	PemdaNama      string `json:"pemdaNama"`
	Demo           bool   `json:"demo"` // the data is the fictitious demo region
	JumlahPegawai  int    `json:"jumlahPegawai"`
	PendingChanges int    `json:"pendingChanges"` // outbox entries not yet synced
}

// DemoResult reports a loaded demo region.
type DemoResult struct {
	Pegawai  int    `json:"pegawai"`
	OPD      int    `json:"opd"`
	Unit     int    `json:"unit"`
	Jabatan  int    `json:"jabatan"`
	Checksum string `json:"checksum"` // SHA-256 over the loaded rows, equal for equal size and seed
	Millis   int64  `json:"millis"`
}

// OPDHeadcount is one OPD's staffing figures for the dashboard and OPD list.
type OPDHeadcount struct {
	ID        string          `json:"id"`
	Kode      string          `json:"kode"`
	Nama      string          `json:"nama"`
	Singkatan string          `json:"singkatan"`
	Jenis     domain.JenisOPD `json:"jenis"`
	Alamat    string          `json:"alamat"`
	Unit      int             `json:"unit"`
	Pegawai   int             `json:"pegawai"`
	PNS       int             `json:"pns"`
	CPNS      int             `json:"cpns"`
	PPPK      int             `json:"pppk"`
}

// Count is a labelled number for distributions.
type Count struct {
	Key     string `json:"key"`
	Label   string `json:"label"`
	LabelEN string `json:"labelEn"`
	Count   int    `json:"count"`
}

// Dashboard is the Beranda: region totals and headcount per OPD.
type Dashboard struct {
	PemdaNama     string         `json:"pemdaNama"`
	Demo          bool           `json:"demo"`
	JumlahPegawai int            `json:"jumlahPegawai"`
	JumlahOPD     int            `json:"jumlahOpd"`
	JumlahUnit    int            `json:"jumlahUnit"`
	JumlahJabatan int            `json:"jumlahJabatan"`
	PerStatus     []Count        `json:"perStatus"`
	PerGolongan   []Count        `json:"perGolongan"` // I, II, III, IV, PPPK
	PerJenis      []Count        `json:"perJenis"`    // jenis jabatan
	PerOPD        []OPDHeadcount `json:"perOpd"`      // by headcount, largest first
}

// PegawaiQuery filters, sorts and pages the employee list.
type PegawaiQuery struct {
	Search       string `json:"search"`       // NIP (digits, prefix) or part of the name
	OPDID        string `json:"opdId"`        // "" = all
	UnitID       string `json:"unitId"`       // "" = all (drill-down from the ABK)
	JabatanID    string `json:"jabatanId"`    // "" = all
	Golongan     string `json:"golongan"`     // "", "I", "II", "III", "IV" or "PPPK"
	JenisJabatan string `json:"jenisJabatan"` // "" or a domain.JenisJabatan
	Status       string `json:"status"`       // "" or PNS, CPNS, PPPK
	Sort         string `json:"sort"`         // nama (default), nip, golongan, opd, jabatan, tmtJabatan, umur
	Desc         bool   `json:"desc"`
	Offset       int    `json:"offset"`
	Limit        int    `json:"limit"` // 1..500, default 100
	// TermasukKeluar also lists employees who left the Pemda (an outgoing
	// T2–T4 transfer carried out); by default only current staff.
	TermasukKeluar bool `json:"termasukKeluar"`
}

// PegawaiRow is one line of the employee table.
type PegawaiRow struct {
	ID           string `json:"id"`
	NIP          string `json:"nip"`
	NamaLengkap  string `json:"namaLengkap"`
	Status       string `json:"status"`
	Golongan     string `json:"golongan"` // "III/a" or PPPK "IX"
	JabatanNama  string `json:"jabatanNama"`
	JenisJabatan string `json:"jenisJabatan"`
	OPDID        string `json:"opdId"`
	OPDSingkatan string `json:"opdSingkatan"`
	UnitNama     string `json:"unitNama"`
	TMTJabatan   string `json:"tmtJabatan"`
	JenisKelamin string `json:"jenisKelamin"`
	// KeluarPada and InstansiTujuan are set for an employee who left the
	// Pemda (listed only with PegawaiQuery.TermasukKeluar).
	KeluarPada     string `json:"keluarPada"`
	InstansiTujuan string `json:"instansiTujuan"`
}

// PegawaiPage is one page of the employee table and the total that matched.
type PegawaiPage struct {
	Total  int          `json:"total"`
	Offset int          `json:"offset"`
	Rows   []PegawaiRow `json:"rows"`
}

// RiwayatRow is a placement with its names resolved.
type RiwayatRow struct {
	domain.RiwayatJabatan
	OPDNama     string `json:"opdNama"`
	UnitNama    string `json:"unitNama"`
	JabatanNama string `json:"jabatanNama"`
}

// PegawaiDetail is everything the detail panel shows about one employee.
type PegawaiDetail struct {
	Pegawai         domain.Pegawai  `json:"pegawai"`
	NamaLengkap     string          `json:"namaLengkap"`
	OPDNama         string          `json:"opdNama"`
	UnitNama        string          `json:"unitNama"`
	JabatanNama     string          `json:"jabatanNama"`
	JenisJabatan    string          `json:"jenisJabatan"`
	GolonganLabel   string          `json:"golonganLabel"`
	Pangkat         string          `json:"pangkat"`
	PendidikanLabel string          `json:"pendidikanLabel"`
	Umur            int             `json:"umur"`
	MasaJabatan     int             `json:"masaJabatan"` // whole years since TMT jabatan
	BUP             int             `json:"bup"`
	TanggalPensiun  string          `json:"tanggalPensiun"`
	Riwayat         []RiwayatRow    `json:"riwayat"` // newest first
	SKP             []domain.SKP    `json:"skp"`     // newest first
	Hukdis          []domain.Hukdis `json:"hukdis"`  // newest first
}

// UnitNode is a unit in the OPD tree with the positions held in it.
type UnitNode struct {
	domain.Unit
	Pegawai  int           `json:"pegawai"` // in this unit only
	Total    int           `json:"total"`   // this unit and its descendants
	Jabatan  []JabatanHeld `json:"jabatan"`
	Children []UnitNode    `json:"children"`
}

// JabatanHeld is a position held in a unit and by how many.
type JabatanHeld struct {
	JabatanID string `json:"jabatanId"`
	Nama      string `json:"nama"`
	Jenis     string `json:"jenis"`
	Kelas     int    `json:"kelas"`
	Bezetting int    `json:"bezetting"`
}

// OPDTree is one OPD with its unit tree.
type OPDTree struct {
	OPD   OPDHeadcount `json:"opd"`
	Units []UnitNode   `json:"units"`
}

// JabatanRow is a catalogue position with its labels and headcount.
type JabatanRow struct {
	domain.Jabatan
	GolonganRange   string `json:"golonganRange"`
	PendidikanLabel string `json:"pendidikanLabel"`
	Pegawai         int    `json:"pegawai"`
}

// Option is a value with its labels for form selects.
type Option struct {
	Value   string `json:"value"`
	Label   string `json:"label"`
	LabelEN string `json:"labelEn"`
}

// Reference lists the ladders and enumerations for forms, so the UI never
// holds its own copy of a rule.
type Reference struct {
	Golongan     []Option `json:"golongan"`     // value = SIASN code
	GolonganPPPK []Option `json:"golonganPppk"` // value = 1..17
	Pendidikan   []Option `json:"pendidikan"`   // value = code
	JenisJabatan []Option `json:"jenisJabatan"`
	Jenjang      []Option `json:"jenjang"`
	JenisOPD     []Option `json:"jenisOpd"`
	Status       []Option `json:"status"`
	JenisKelamin []Option `json:"jenisKelamin"`
	SKPPredikat  []Option `json:"skpPredikat"`
	Hukdis       []Option `json:"tingkatHukdis"`
}
