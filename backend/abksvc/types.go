// Package abksvc is the workload analysis service: the ABK per year (draft
// → final) with its tasks, the ABK settings, the region picture (kebutuhan
// against bezetting per OPD, unit and position, grades, balance index and its
// trend), the drill-down to employees, the stagnation list and the retirement
// projection. The formulas are in backend/workload; this package gathers the
// inputs from the Repository and shapes the results for the UI, the CLI and
// the reports.
package abksvc

import (
	"github.com/bkpsdm-sorong/imbang/backend/abk"
)

// StatusABK is the state of a year's ABK.
type StatusABK string

const (
	ABKDraft StatusABK = "DRAFT"
	ABKFinal StatusABK = "FINAL"
)

// ABK is one year's workload analysis document.
type ABK struct {
	ID             string    `json:"id"`
	Tahun          int       `json:"tahun"`
	Status         StatusABK `json:"status"`
	Catatan        string    `json:"catatan"`
	DifinalkanPada string    `json:"difinalkanPada"`
	JumlahTugas    int       `json:"jumlahTugas"`
	JumlahPosisi   int       `json:"jumlahPosisi"`
}

// TugasRow is a stored task with its id and order.
type TugasRow struct {
	ID     string `json:"id"`
	Urutan int    `json:"urutan"`
	abk.Tugas
}

// TugasImport is one task from an import file, addressed by codes.
type TugasImport struct {
	Baris       int    `json:"baris"` // line in the file, for error reports
	OPDKode     string `json:"opdKode"`
	UnitKode    string `json:"unitKode"`
	JabatanKode string `json:"jabatanKode"`
	abk.Tugas
}

// Label names of the organisation, for labelling results.
type Label struct {
	Kode      string `json:"kode"`
	Nama      string `json:"nama"`
	Singkatan string `json:"singkatan,omitempty"`
	OPDID     string `json:"opdId,omitempty"`    // units
	Jenis     string `json:"jenis,omitempty"`    // OPD kind or jabatan kind
	BUP       int    `json:"bup,omitempty"`      // jabatan
	Kelas     int    `json:"kelas,omitempty"`    // jabatan
	ParentID  string `json:"parentId,omitempty"` // units
}

// Labels resolves ids to names.
type Labels struct {
	OPD     map[string]Label
	Unit    map[string]Label
	Jabatan map[string]Label
}

// Inputs are what one ABK analysis reads: every position (with its OPD),
// the labels, and the ABK's number of tasks.
type Inputs struct {
	Positions   []abk.Position
	Labels      Labels
	JumlahTugas int
}

// PositionRow is a position's result with its names.
type PositionRow struct {
	abk.PositionResult
	OPDKode      string `json:"opdKode"`
	OPDSingkatan string `json:"opdSingkatan"`
	UnitKode     string `json:"unitKode"`
	UnitNama     string `json:"unitNama"`
	JabatanKode  string `json:"jabatanKode"`
	JabatanNama  string `json:"jabatanNama"`
	JenisJabatan string `json:"jenisJabatan"`
}

// OPDRow is one OPD's aggregate with its names.
type OPDRow struct {
	ID        string `json:"id"`
	Kode      string `json:"kode"`
	Nama      string `json:"nama"`
	Singkatan string `json:"singkatan"`
	abk.Aggregate
}

// UnitRow is one unit's aggregate with its positions.
type UnitRow struct {
	ID        string        `json:"id"`
	Kode      string        `json:"kode"`
	Nama      string        `json:"nama"`
	ParentID  string        `json:"parentId"`
	Positions []PositionRow `json:"positions"`
	abk.Aggregate
}

// GradeCount is the number of positions with one grade.
type GradeCount struct {
	Grade abk.Grade `json:"grade"`
	Count int       `json:"count"`
}

// Heatmap is selisih by OPD (rows) × jenis jabatan (columns), each cell the
// net selisih with the surplus and deficit beside it.
type Heatmap struct {
	OPD   []string      `json:"opd"`   // singkatan, rows in the order of RegionView.OPD
	Jenis []string      `json:"jenis"` // jenis jabatan codes
	Cells []HeatmapCell `json:"cells"`
}

// HeatmapCell is one cell of the heatmap.
type HeatmapCell struct {
	Row        int `json:"row"`
	Col        int `json:"col"`
	Selisih    int `json:"selisih"`
	Kelebihan  int `json:"kelebihan"`
	Kekurangan int `json:"kekurangan"`
}

// BalancePoint is the balance index recorded on one day.
type BalancePoint struct {
	Tanggal string  `json:"tanggal"`
	Index   float64 `json:"index"`
	ShareB  float64 `json:"shareB"`
}

// RegionView is the ABK dashboard.
type RegionView struct {
	ABK      ABK            `json:"abk"`
	Draft    bool           `json:"draft"` // the ABK shown is not final: it may not feed decisions
	Settings abk.Settings   `json:"settings"`
	Region   abk.Aggregate  `json:"region"`
	Balance  abk.Balance    `json:"balance"`
	OPD      []OPDRow       `json:"opd"` // largest deficit first
	Grades   []GradeCount   `json:"grades"`
	Heatmap  Heatmap        `json:"heatmap"`
	Trend    []BalancePoint `json:"trend"`
}

// OPDDetail is the drill-down into one OPD: its units and their positions.
type OPDDetail struct {
	ABK   ABK       `json:"abk"`
	OPD   OPDRow    `json:"opd"`
	Units []UnitRow `json:"units"` // by unit code
}

// StagnanRow is an employee in post longer than the MUT-04 limit.
type StagnanRow struct {
	PegawaiID    string `json:"pegawaiId"`
	NIP          string `json:"nip"`
	Nama         string `json:"nama"`
	OPDSingkatan string `json:"opdSingkatan"`
	UnitNama     string `json:"unitNama"`
	JabatanNama  string `json:"jabatanNama"`
	TMTJabatan   string `json:"tmtJabatan"`
	Tahun        int    `json:"tahun"` // whole years in post
}

// StagnanList is the stagnation list with the limit used.
type StagnanList struct {
	BatasTahun int          `json:"batasTahun"`
	Total      int          `json:"total"`
	Rows       []StagnanRow `json:"rows"`
}

// PensiunYear is one OPD's retirements in one year and the deficit they open.
type PensiunYear struct {
	Tahun          int `json:"tahun"`
	Pensiun        int `json:"pensiun"`
	KekuranganBaru int `json:"kekuranganBaru"` // new deficit opened in positions, cumulative to this year
}

// PensiunOPD is the retirement projection of one OPD.
type PensiunOPD struct {
	OPDID     string        `json:"opdId"`
	Singkatan string        `json:"singkatan"`
	Nama      string        `json:"nama"`
	Tahun     []PensiunYear `json:"tahun"`
	Total     int           `json:"total"`
}

// PensiunProjection is the retirement projection for the next years.
type PensiunProjection struct {
	Tahun []int        `json:"tahun"`
	OPD   []PensiunOPD `json:"opd"` // most retirements first
}

// Retiree is one employee as the projection needs them.
type Retiree struct {
	OPDID, UnitID, JabatanID string
	TanggalLahir             string
	BUP                      int
}

// Stagnan is one employee as the stagnation list reads them.
type Stagnan = StagnanRow
