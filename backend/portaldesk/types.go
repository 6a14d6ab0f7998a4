package portaldesk

import "time"

// Aktivasi is one issued activation letter as stored (portal_aktivasi):
// the code's salted hash only (backend/aktivasi), never the code.
type Aktivasi struct {
	ID          string
	PegawaiID   string
	KodeHash    string
	Kedaluwarsa time.Time
	DibuatOleh  string // the issuing user's username
	DibuatPada  time.Time
}

// The states of a data-error report (sync/rules LaporanStatus).
const (
	StatusBaru    = "BARU"    // sent from the portal, not yet handled
	StatusSelesai = "SELESAI" // handled: the data corrected or confirmed with the employee
	StatusDitolak = "DITOLAK" // the data is right; the tanggapan says why
)

// Statuses lists the report states.
var Statuses = []string{StatusBaru, StatusSelesai, StatusDitolak}

// Laporan is one "laporkan kesalahan data" report with its employee.
type Laporan struct {
	ID            string `json:"id"`
	PegawaiID     string `json:"pegawaiId"`
	NIP           string `json:"nip"`
	NamaPegawai   string `json:"namaPegawai"`
	OPDID         string `json:"opdId"` // the employee's current OPD
	OPDSingkatan  string `json:"opdSingkatan"`
	Bagian        string `json:"bagian"` // PROFIL, RIWAYAT_JABATAN, SKP, PENDIDIKAN, PANGKAT, LAINNYA
	Uraian        string `json:"uraian"`
	Status        string `json:"status"`
	Tanggapan     string `json:"tanggapan"`
	DibuatPada    string `json:"dibuatPada"` // RFC 3339
	DitanganiOleh string `json:"ditanganiOleh"`
	DitanganiPada string `json:"ditanganiPada"`
}
