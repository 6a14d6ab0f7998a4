// Package importer reads employees (pegawai) and ABK tasks from .xlsx and .csv
// files in three steps: Preview (headers, first rows, a suggested column
// mapping), DryRun (parse and check every row against the rules and the
// reference data, store nothing) and Commit (the same checks, then all rows
// in one transaction through the store's write path, or none). It also writes
// the import templates. It imports no database code: the store is behind
// Repository and the ABK service behind ABKService.
package importer

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Kind is what a file holds.
type Kind string

const (
	KindPegawai Kind = "pegawai"
	KindABK     Kind = "abk"
)

// ParseKind checks a kind named by the UI or the CLI.
func ParseKind(s string) (Kind, error) {
	switch Kind(strings.ToLower(strings.TrimSpace(s))) {
	case KindPegawai:
		return KindPegawai, nil
	case KindABK:
		return KindABK, nil
	}
	return "", domain.E(domain.KindInvalid, "import.kind", fmt.Sprintf("Jenis impor %q tidak dikenal; gunakan pegawai atau abk.", s),
		fmt.Sprintf("Unknown import kind %q; use pegawai or abk.", s))
}

// PreviewRows is how many data rows a Preview shows.
const PreviewRows = 10

// Preview is what the mapping step shows: the file's columns, its first
// rows, how many rows it has and the suggested mapping.
type Preview struct {
	Kind     Kind       `json:"kind"`
	File     string     `json:"file"`   // base name
	Sheet    string     `json:"sheet"`  // sheet read ("" for csv)
	Sheets   []string   `json:"sheets"` // every sheet of an xlsx
	Headers  []string   `json:"headers"`
	Rows     [][]string `json:"rows"`     // first PreviewRows data rows, cells as read
	RowCount int        `json:"rowCount"` // data rows (not counting the header and empty rows)
	Fields   []Field    `json:"fields"`   // the kind's fields, required ones flagged
	Mapping  Mapping    `json:"mapping"`  // suggested from the headers
	Missing  []string   `json:"missing"`  // required field keys the suggestion left unmapped
	// HeaderRow is the line read as the header (detected, or as asked); Top
	// are the file's first non-empty lines to choose another from.
	HeaderRow int       `json:"headerRow"`
	Top       []TopLine `json:"top"`
	Notices   []Notice  `json:"notices"` // how the file was read
}

// TopLine is one of a file's first lines, offered as the header.
type TopLine struct {
	Line  int      `json:"line"`
	Cells []string `json:"cells"`
}

// Mapping says which column each field is read from.
type Mapping struct {
	Sheet   string         `json:"sheet"`   // xlsx sheet; "" = the first
	Columns map[string]int `json:"columns"` // field key → column index (0-based)
	// HeaderRow is the header's line in the file; 0 = detected (the line
	// naming the most fields, below any title rows).
	HeaderRow int `json:"headerRow,omitempty"`
	// Locale is how numbers are written: "id-ID" (default: 1.200,5) or
	// "en-US" (1,200.5).
	Locale string `json:"locale,omitempty"`
}

// Report is the result of a dry run or a commit.
type Report struct {
	Kind      Kind       `json:"kind"`
	File      string     `json:"file"`
	Sheet     string     `json:"sheet"`
	Total     int        `json:"total"`  // data rows read
	Valid     int        `json:"valid"`  // rows without a problem
	Failed    int        `json:"failed"` // rows with at least one problem
	Errors    []RowError `json:"errors"` // every failed row, by line
	DryRun    bool       `json:"dryRun"`
	Committed bool       `json:"committed"` // the rows were stored (all of them)
	Stored    int        `json:"stored"`    // rows stored
	Positions int        `json:"positions"` // abk: positions whose tasks were replaced
	Millis    int64      `json:"millis"`
	Notices   []Notice   `json:"notices"` // how the file was read
}

// RowError is one failed row: its line in the file and every reason.
type RowError struct {
	Line    int      `json:"line"`
	Reasons []Reason `json:"reasons"`
}

// Reason is one problem of a row.
type Reason struct {
	Field     string `json:"field"`  // field key; "" = the row as a whole
	Column    string `json:"column"` // header of the column read
	Value     string `json:"value"`  // the cell as read
	Code      string `json:"code"`
	Message   string `json:"message"`
	MessageEN string `json:"messageEn"`
}

// Progress receives progress: phase "periksa" (checking rows) or "simpan"
// (writing), done of total rows.
type Progress func(phase string, done, total int)

// Phases of Progress.
const (
	PhaseCheck = "periksa"
	PhaseWrite = "simpan"
)

// Refs is the reference data rows are checked against, read without writing.
type Refs struct {
	PemdaNama string
	Demo      bool
	OPD       []RefOPD
	Unit      []RefUnit
	Jabatan   []RefJabatan
	NIP       map[string]string // NIPs already stored → full name
}

// RefOPD is an OPD by code.
type RefOPD struct{ ID, Kode, Nama string }

// RefUnit is a unit by OPD code and unit code.
type RefUnit struct{ ID, OPDID, OPDKode, Kode, Nama string }

// RefJabatan is a catalogue position by code.
type RefJabatan struct{ ID, Kode, Nama, Jenis string }

// PegawaiRecord is one checked employee ready to store, with the id of its
// open placement-history row and its line in the file.
type PegawaiRecord struct {
	Line      int
	Pegawai   domain.Pegawai
	RiwayatID string
}

// Repository is what the importer needs from the store.
type Repository interface {
	// ImportRefs reads the reference data (read-only).
	ImportRefs(ctx context.Context) (*Refs, error)
	// ImportPegawai writes every record and its open history row in one
	// transaction, re-checking references and NIP uniqueness inside it; an
	// Invalid error with Fields "baris N" lists the rows that failed there.
	ImportPegawai(ctx context.Context, actor string, recs []PegawaiRecord, progress func(done, total int)) error
}

// ABKService is the part of the ABK service an ABK import uses.
type ABKService interface {
	ListABK(ctx context.Context) ([]abksvc.ABK, error)
	ImportTugas(ctx context.Context, abkID string, rows []abksvc.TugasImport) error
}

// Config wires a Service.
type Config struct {
	Repo  Repository
	ABK   ABKService
	NewID func() string
	Now   func() time.Time
}

// Service runs imports.
type Service struct{ c Config }

// New builds a Service.
func New(c Config) *Service {
	if c.Now == nil {
		c.Now = time.Now
	}
	return &Service{c: c}
}

// Preview reads a file's headers and first rows and suggests a mapping; the
// header line is detected.
func (s *Service) Preview(kind Kind, path, sheet string) (Preview, error) {
	return s.PreviewAt(kind, path, sheet, 0)
}

// PreviewAt is Preview with the header read from line headerRow (0 = detect).
func (s *Service) PreviewAt(kind Kind, path, sheet string, headerRow int) (Preview, error) {
	t, err := readTable(path, sheet, headerRow)
	if err != nil {
		return Preview{}, err
	}
	p := Preview{Kind: kind, File: filepath.Base(path), Sheet: t.Sheet, Sheets: t.Sheets, Headers: t.Headers, RowCount: len(t.Rows),
		Fields: Fields(kind), Rows: [][]string{}, Missing: []string{}, HeaderRow: t.HeaderRow, Top: []TopLine{}, Notices: t.Notices}
	if p.Notices == nil {
		p.Notices = []Notice{}
	}
	for _, r := range t.Top {
		p.Top = append(p.Top, TopLine{Line: r.Line, Cells: trimmed(r.Cells)})
	}
	if p.Sheets == nil {
		p.Sheets = []string{}
	}
	for _, r := range t.Rows[:min(PreviewRows, len(t.Rows))] {
		cells := make([]string, len(t.Headers))
		for i := range cells {
			cells[i] = r.cell(i)
		}
		p.Rows = append(p.Rows, cells)
	}
	p.Mapping = Mapping{Sheet: t.Sheet, Columns: Suggest(kind, t.Headers), HeaderRow: t.HeaderRow}
	for _, f := range p.Fields {
		if _, ok := p.Mapping.Columns[f.Key]; f.Required && !ok {
			p.Missing = append(p.Missing, f.Key)
		}
	}
	return p, nil
}

// checkMapping refuses a mapping that leaves a required field out, names an
// unknown field or a column the file does not have, or reads one column twice.
func checkMapping(kind Kind, m Mapping, headers []string) error {
	var v domain.Validation
	known := map[string]Field{}
	for _, f := range Fields(kind) {
		known[f.Key] = f
		if _, ok := m.Columns[f.Key]; f.Required && !ok {
			v.Add(f.Key, "import.mapping_required", fmt.Sprintf("Kolom untuk %s wajib dipilih.", f.Label), fmt.Sprintf("Choose the column for %s.", f.LabelEN))
		}
	}
	byCol := map[int]string{}
	keys := make([]string, 0, len(m.Columns))
	for k := range m.Columns {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		col := m.Columns[k]
		f, ok := known[k]
		switch {
		case !ok:
			v.Add(k, "import.mapping_field", fmt.Sprintf("Isian %q tidak dikenal untuk impor %s.", k, kind), fmt.Sprintf("Unknown field %q for a %s import.", k, kind))
		case col < 0 || col >= len(headers):
			v.Add(k, "import.mapping_column", fmt.Sprintf("Kolom ke-%d untuk %s tidak ada dalam berkas.", col+1, f.Label), fmt.Sprintf("Column %d for %s is not in the file.", col+1, f.LabelEN))
		case byCol[col] != "":
			v.Add(k, "import.mapping_twice", fmt.Sprintf("Kolom %q dipilih untuk %s dan %s.", headers[col], known[byCol[col]].Label, f.Label),
				fmt.Sprintf("Column %q is chosen for both %s and %s.", headers[col], known[byCol[col]].LabelEN, f.LabelEN))
		default:
			byCol[col] = k
		}
	}
	if err := v.Err(); err != nil {
		e := err.(*domain.Error)
		e.Code = "import.mapping"
		return e
	}
	return nil
}

// rowReader reads mapped fields of a row and collects its reasons.
type rowReader struct {
	r       row
	m       Mapping
	headers []string
	reasons []Reason
	failed  map[string]bool
}

func (rr *rowReader) get(field string) string {
	col, ok := rr.m.Columns[field]
	if !ok {
		return ""
	}
	return rr.r.cell(col)
}

func (rr *rowReader) column(field string) string {
	if col, ok := rr.m.Columns[field]; ok && col < len(rr.headers) {
		return rr.headers[col]
	}
	return ""
}

func (rr *rowReader) add(field, code, msg, msgEN string) {
	if rr.failed == nil {
		rr.failed = map[string]bool{}
	}
	rr.failed[field] = true
	rr.reasons = append(rr.reasons, Reason{Field: field, Column: rr.column(field), Value: shownValue(field, rr.get(field)), Code: code, Message: msg, MessageEN: msgEN})
}

func (rr *rowReader) addText(field string, t *reasonText) {
	if t != nil {
		rr.add(field, t.code, t.id, t.en)
	}
}

// dateFields are read as dates.
var dateFields = map[string]bool{"tanggalLahir": true, "tmtJabatan": true, "tmtCpns": true, "tmtPns": true}

// shownValue is a cell as an error line quotes it: a date as users read it
// ("7 Oktober 1972"), not an Excel serial or ISO text.
func shownValue(field, v string) string {
	if dateFields[field] {
		if d, bad := parseDate(v); bad == nil && !d.IsZero() {
			return d.Indonesian()
		}
	}
	return v
}

// required returns the field's value, or records that it is missing.
func (rr *rowReader) required(field, labelID, labelEN string) string {
	v := rr.get(field)
	if v == "" {
		rr.add(field, "required", labelID+" wajib diisi.", labelEN+" is required.")
	}
	return v
}

// lineOf reads the line from a store/service field "baris N".
func lineOf(field string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(field, "baris")))
	return n, err == nil
}

// rowsFromError turns an "import.rows" error of the write (its Fields name
// "baris N") into report rows; other errors are returned as they are.
func rowsFromError(err error, fieldOf map[string]string) ([]RowError, error) {
	var e *domain.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return nil, err
	}
	byLine := map[int]*RowError{}
	var lines []int
	for _, f := range e.Fields {
		n, ok := lineOf(f.Field)
		if !ok {
			return nil, err
		}
		re := byLine[n]
		if re == nil {
			re = &RowError{Line: n}
			byLine[n] = re
			lines = append(lines, n)
		}
		re.Reasons = append(re.Reasons, Reason{Field: fieldOf[f.Code], Code: f.Code, Message: f.Message, MessageEN: f.MessageEN})
	}
	sort.Ints(lines)
	out := make([]RowError, len(lines))
	for i, n := range lines {
		out[i] = *byLine[n]
	}
	return out, nil
}

// run is the shared body of DryRun and Commit.
func (s *Service) run(ctx context.Context, kind Kind, path string, m Mapping, abkID string, commit bool, progress Progress) (Report, error) {
	start := time.Now()
	if progress == nil {
		progress = func(string, int, int) {}
	}
	t, err := readTable(path, m.Sheet, m.HeaderRow)
	if err != nil {
		return Report{}, err
	}
	if err := checkMapping(kind, m, t.Headers); err != nil {
		return Report{}, err
	}
	if _, err := ParseLocale(m.Locale); err != nil {
		return Report{}, err
	}
	rep := Report{Kind: kind, File: filepath.Base(path), Sheet: t.Sheet, Total: len(t.Rows), DryRun: !commit, Errors: []RowError{}, Notices: t.Notices}
	if rep.Notices == nil {
		rep.Notices = []Notice{}
	}
	if len(t.Rows) == 0 {
		return Report{}, fileErr("import.no_rows", "Berkas tidak berisi baris data di bawah judul kolom.", "The file has no data rows below the header.", nil)
	}
	switch kind {
	case KindPegawai:
		err = s.pegawai(ctx, t, m, commit, progress, &rep)
	case KindABK:
		err = s.abk(ctx, t, m, abkID, commit, progress, &rep)
	default:
		_, err = ParseKind(string(kind))
	}
	if err != nil {
		return Report{}, err
	}
	rep.Failed = len(rep.Errors)
	rep.Valid = rep.Total - rep.Failed
	rep.Millis = time.Since(start).Milliseconds()
	return rep, nil
}

// DryRun reads and checks every row and reports; it stores nothing.
func (s *Service) DryRun(ctx context.Context, kind Kind, path string, m Mapping, abkID string, progress Progress) (Report, error) {
	return s.run(ctx, kind, path, m, abkID, false, progress)
}

// Commit checks every row and, only when all are valid, stores all of them in
// one transaction. When any row fails nothing is stored and the report lists
// the failures (Committed false); the error is for the file as a whole.
func (s *Service) Commit(ctx context.Context, kind Kind, path string, m Mapping, abkID string, progress Progress) (Report, error) {
	return s.run(ctx, kind, path, m, abkID, true, progress)
}

// progressEvery is how often (in rows) progress is reported.
const progressEvery = 500
