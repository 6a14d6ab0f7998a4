// Package evaluasi is the evaluation after a transfer: 6 and
// 12 months after the TMT of an executed request an evaluation falls due for
// the employee and for the new supervisor — a questionnaire of Likert 1–5
// items and free text, its questions configurable — shown beside the
// employee's SKP before and after the move and the new unit's EJ before and
// after (from the ABK of those years, when there is one). It also reports the
// evaluations per OPD or per transfer type.
package evaluasi

import (
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Responden is who answers.
type Responden string

const (
	Pegawai Responden = "PEGAWAI" // the employee who moved
	Atasan  Responden = "ATASAN"  // the new direct supervisor
)

// Valid reports whether r is PEGAWAI or ATASAN.
func (r Responden) Valid() bool { return r == Pegawai || r == Atasan }

// JenisPertanyaan is the answer kind of a question.
type JenisPertanyaan string

const (
	Likert JenisPertanyaan = "LIKERT" // 1 (sangat tidak setuju) … 5 (sangat setuju); required
	Teks   JenisPertanyaan = "TEKS"   // free text; optional
)

// Bulan lists the evaluation points in months after TMT.
var Bulan = []int{6, 12}

// Question is one configurable question.
type Question struct {
	ID     string          `json:"id"`
	Kode   string          `json:"kode"` // the key of its answer in Jawaban; unique
	Untuk  Responden       `json:"untuk"`
	Teks   string          `json:"teks"`
	TeksEN string          `json:"teksEn"`
	Jenis  JenisPertanyaan `json:"jenis"`
	Urutan int             `json:"urutan"`
	Aktif  bool            `json:"aktif"` // inactive questions are kept (old answers refer to them) but not asked
}

// Executed is a carried-out transfer as the evaluation reads it.
type Executed struct {
	UsulanID      string             `json:"usulanId"`
	Nomor         string             `json:"nomor"`
	PegawaiID     string             `json:"pegawaiId"`
	NIP           string             `json:"nip"`
	NamaPegawai   string             `json:"namaPegawai"`
	Jenis         domain.JenisMutasi `json:"jenis"`
	TMT           domain.Date        `json:"tmt" ts_type:"string"`
	OPDAsalID     string             `json:"opdAsalId"`
	OPDAsal       string             `json:"opdAsal"`
	UnitAsalID    string             `json:"unitAsalId"`
	JabatanAsalID string             `json:"jabatanAsalId"`
	OPDTujuanID   string             `json:"opdTujuanId"`
	OPDTujuan     string             `json:"opdTujuan"`
	UnitTujuanID  string             `json:"unitTujuanId"`
	UnitTujuan    string             `json:"unitTujuan"`
	JabatanID     string             `json:"jabatanId"` // the jabatan moved into
	Jabatan       string             `json:"jabatan"`
}

// Record is one stored evaluation (the evaluasi table).
type Record struct {
	ID         string            `json:"id"`
	UsulanID   string            `json:"usulanId"`
	Bulan      int               `json:"bulan"`
	Responden  Responden         `json:"responden"`
	JatuhTempo domain.Date       `json:"jatuhTempo" ts_type:"string"`
	Jawaban    map[string]string `json:"jawaban"`
	DiisiPada  string            `json:"diisiPada"` // RFC 3339, "" = not filled in
	DiisiOleh  string            `json:"diisiOleh"`
}

// DiisiOlehPortal is evaluasi.diisi_oleh of answers given in the Portal
// Pegawai: the portal writes its actor, "portal:" followed by the employee's
// id (server.PortalActor); a bare "portal" is accepted too.
const DiisiOlehPortal = "portal"

// FromPortal reports whether diisi_oleh names the Portal Pegawai.
func FromPortal(diisiOleh string) bool {
	return diisiOleh == DiisiOlehPortal || strings.HasPrefix(diisiOleh, DiisiOlehPortal+":")
}

// DueItem is one evaluation of one executed transfer: month, respondent,
// due date, and whether it is done or overdue.
type DueItem struct {
	Executed
	Bulan      int         `json:"bulan"`
	Responden  Responden   `json:"responden"`
	JatuhTempo domain.Date `json:"jatuhTempo" ts_type:"string"`
	Selesai    bool        `json:"selesai"`
	DiisiPada  string      `json:"diisiPada"`
	// DiisiDiPortal: the employee answered in the Portal Pegawai (the row
	// came with a pull, FromPortal(diisi_oleh)); the UI says "diisi di
	// portal". It counts in the report like any other answer.
	DiisiDiPortal   bool `json:"diisiDiPortal"`
	Terlambat       bool `json:"terlambat"`       // not done and the due date has passed
	HariTerlambat   int  `json:"hariTerlambat"`   // days past the due date (0 when not overdue)
	SudahJatuhTempo bool `json:"sudahJatuhTempo"` // the due date is today or past (else upcoming within the window)
}

// DueCount is the dashboard's figure.
type DueCount struct {
	JatuhTempo int `json:"jatuhTempo"` // due now (today or past), not done
	Terlambat  int `json:"terlambat"`  // of which past the due date
	Segera     int `json:"segera"`     // falling due within the next 30 days
}

// SKPTahun is an SKP verdict of one year, or why there is none.
type SKPTahun struct {
	Tahun      int    `json:"tahun"` // 0 when none
	Predikat   string `json:"predikat"`
	Label      string `json:"label"`      // "Baik", or "Belum ada SKP tercatat"
	Keterangan string `json:"keterangan"` // which years were looked at
}

// EJTahun is the new position's EJ and the new unit's EU in one ABK.
type EJTahun struct {
	ABKTahun   int     `json:"abkTahun"` // 0 when no ABK covers the period
	ABKStatus  string  `json:"abkStatus"`
	EJ         float64 `json:"ej"`      // efektivitas jabatan of the position moved into
	EJAda      bool    `json:"ejAda"`   // the position has tasks in that ABK
	UnitEU     float64 `json:"unitEu"`  // the unit's efisiensi (Σ beban / Σ bezetting × WKE)
	UnitAda    bool    `json:"unitAda"` // the unit has positions in that ABK
	Grade      string  `json:"grade"`   // of the position
	Keterangan string  `json:"keterangan"`
}

// Konteks is what is shown beside the questionnaire.
type Konteks struct {
	SKPSebelum SKPTahun `json:"skpSebelum"`
	SKPSesudah SKPTahun `json:"skpSesudah"`
	EJSebelum  EJTahun  `json:"ejSebelum"`
	EJSesudah  EJTahun  `json:"ejSesudah"`
	Catatan    string   `json:"catatan"` // how to read the EJ figures
}

// Form is one evaluation to fill in (or as filled in).
type Form struct {
	Item      DueItem           `json:"item"`
	Questions []Question        `json:"questions"` // the active questions for this respondent, in order
	Jawaban   map[string]string `json:"jawaban"`
	Konteks   Konteks           `json:"konteks"`
}

// GroupRow is one group of the evaluation report.
type GroupRow struct {
	Kunci  string             `json:"kunci"` // OPD id (of the target) or transfer type
	Nama   string             `json:"nama"`
	Due    int                `json:"due"`  // evaluations due by today
	Done   int                `json:"done"` // of which filled in
	Rerata map[string]float64 `json:"rerata"`
	N      map[string]int     `json:"n"` // answers behind each mean
}

// Report is the evaluation report per OPD or per type.
type Report struct {
	GroupBy   string     `json:"groupBy"` // "opd" | "jenis"
	Questions []Question `json:"questions"`
	Rows      []GroupRow `json:"rows"`
	Total     GroupRow   `json:"total"`
	Tanggal   string     `json:"tanggal"`
}
