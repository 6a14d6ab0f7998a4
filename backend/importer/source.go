package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// MaxRows is the most data rows one import reads; a larger file is refused
// before anything is validated (the whole table is held in memory).
const MaxRows = 200000

// table is a file read into memory: the header row and the data rows with
// their line numbers in the file (the header is line 1 when it is the first
// row). Wholly empty rows are dropped.
type table struct {
	Sheet     string
	Sheets    []string
	Headers   []string
	HeaderRow int // line of the header (its first line when it spans two)
	Rows      []row
	Top       []row    // the first non-empty lines, header candidates
	Notices   []Notice // how the file was read (e.g. converted from Windows-1252)

	path     string         // xlsx: to look up cell types
	xf       *excelize.File // opened by numericCell
	headerAt int            // requested header line; 0 = detect
	pending  []row          // rows read before the header is chosen
}

// Notice is a note about how a file was read, shown with the dry run.
type Notice struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	MessageEN string `json:"messageEn"`
}

// headerScan is how many non-empty lines the header is looked for in.
const headerScan = 10

type row struct {
	Line  int
	Cells []string
}

func (r row) cell(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return strings.TrimSpace(r.Cells[i])
}

func fileErr(code, msgID, msgEN string, cause error) error {
	return domain.Wrap(cause, domain.KindInvalid, code, msgID, msgEN)
}

// readTable reads a .xlsx (sheet "" = the first) or a .csv file. headerRow
// is the header's line number in the file; 0 detects it.
func readTable(path, sheet string, headerRow int) (*table, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return readXLSX(path, sheet, headerRow)
	case ".csv", ".txt":
		return readCSV(path, headerRow)
	}
	return nil, fileErr("import.file_type",
		fmt.Sprintf("Jenis berkas %q tidak didukung; gunakan .xlsx atau .csv.", filepath.Ext(path)),
		fmt.Sprintf("File type %q is not supported; use .xlsx or .csv.", filepath.Ext(path)), nil)
}

func openErr(path string, err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return domain.Wrap(err, domain.KindNotFound, "import.not_found",
			fmt.Sprintf("Berkas %s tidak ditemukan.", filepath.Base(path)), fmt.Sprintf("File %s not found.", filepath.Base(path)))
	}
	return fileErr("import.open", fmt.Sprintf("Berkas %s tidak dapat dibaca: bukan berkas Excel/CSV yang utuh, atau sedang dikunci.", filepath.Base(path)),
		fmt.Sprintf("File %s cannot be read: not an intact Excel/CSV file, or locked.", filepath.Base(path)), err)
}

func readXLSX(path, sheet string, headerRow int) (*table, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, openErr(path, err)
	}
	defer f.Close()
	t := &table{Sheets: f.GetSheetList(), headerAt: headerRow}
	if len(t.Sheets) == 0 {
		return nil, fileErr("import.empty", "Berkas tidak memiliki lembar kerja.", "The file has no worksheet.", nil)
	}
	if sheet == "" {
		sheet = t.Sheets[0]
	} else {
		found := false
		for _, s := range t.Sheets {
			if s == sheet {
				found = true
			}
		}
		if !found {
			return nil, fileErr("import.sheet", fmt.Sprintf("Lembar %q tidak ada dalam berkas (ada: %s).", sheet, strings.Join(t.Sheets, ", ")),
				fmt.Sprintf("Sheet %q is not in the file (it has: %s).", sheet, strings.Join(t.Sheets, ", ")), nil)
		}
	}
	t.Sheet, t.path = sheet, path
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, openErr(path, err)
	}
	defer rows.Close()
	line := 0
	for rows.Next() {
		line++
		// Raw values: dates arrive as Excel serial numbers, not as the text of
		// whatever display format the author's Excel used.
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, openErr(path, err)
		}
		for _, c := range cells {
			if !utf8.ValidString(c) {
				return nil, encodingErr(line)
			}
		}
		if err := t.add(line, cells); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, openErr(path, err)
	}
	return t, t.check()
}

// add appends one row. The first lines are held back until the header is
// chosen among them (chooseHeader); wholly empty rows are dropped.
func (t *table) add(line int, cells []string) error {
	empty := true
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			empty = false
			break
		}
	}
	if empty {
		return nil
	}
	if t.Headers == nil {
		t.pending = append(t.pending, row{Line: line, Cells: cells})
		if (t.headerAt == 0 && len(t.pending) < headerScan) || (t.headerAt > 0 && line <= t.headerAt+1) {
			return nil
		}
		return t.chooseHeader()
	}
	if len(t.Rows) >= MaxRows {
		return fileErr("import.too_many_rows", fmt.Sprintf("Berkas berisi lebih dari %d baris; bagi menjadi beberapa berkas.", MaxRows),
			fmt.Sprintf("The file has more than %d rows; split it into several files.", MaxRows), nil)
	}
	t.Rows = append(t.Rows, row{Line: line, Cells: cells})
	return nil
}

// headerScore is how many fields of the likelier kind a row's cells name.
func headerScore(cells []string) int {
	return max(len(Suggest(KindPegawai, cells)), len(Suggest(KindABK, cells)))
}

func trimmed(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.TrimSpace(c)
	}
	return out
}

// mergeHeader joins a two-row header: a group title over several columns
// (merged cells leave it only in the first) and the names below it.
func mergeHeader(top, sub []string) []string {
	out := make([]string, max(len(top), len(sub)))
	group := ""
	for i := range out {
		a, b := "", ""
		if i < len(top) {
			a = strings.TrimSpace(top[i])
		}
		if i < len(sub) {
			b = strings.TrimSpace(sub[i])
		}
		switch {
		case a != "":
			group = a
			if b != "" {
				a = a + " " + b
			}
			out[i] = a
		case b != "" && group != "":
			out[i] = group + " " + b
		default:
			out[i] = b
			group = ""
		}
	}
	return out
}

// chooseHeader picks the header among the held-back lines: the requested
// line, else the line naming the most fields (a title row above it names
// none). When the line below continues it (a two-row merged header), both
// make the header. The remaining lines are data.
func (t *table) chooseHeader() error {
	if len(t.pending) == 0 {
		return nil
	}
	t.Top = append([]row(nil), t.pending...)
	at := -1
	if t.headerAt > 0 {
		for i, r := range t.pending {
			if r.Line == t.headerAt {
				at = i
			}
		}
		if at < 0 {
			return fileErr("import.header_row", fmt.Sprintf("Baris %d kosong atau tidak ada; pilih baris judul kolom yang lain.", t.headerAt),
				fmt.Sprintf("Line %d is empty or missing; choose another header line.", t.headerAt), nil)
		}
	} else {
		best := 0
		for i, r := range t.pending {
			if sc := headerScore(r.Cells); sc > best {
				at, best = i, sc
			}
		}
		if at < 0 { // nothing recognisable: the first line with several cells
			at = 0
			for i, r := range t.pending {
				if n := nonEmpty(r.Cells); n > 1 {
					at = i
					break
				}
			}
		}
	}
	t.Headers, t.HeaderRow = trimmed(t.pending[at].Cells), t.pending[at].Line
	rest := t.pending[at+1:]
	if len(rest) > 0 && rest[0].Line == t.HeaderRow+1 {
		if merged := mergeHeader(t.pending[at].Cells, rest[0].Cells); headerScore(merged) > headerScore(t.Headers) {
			t.Headers, rest = merged, rest[1:]
		}
	}
	t.pending = nil
	for _, r := range rest {
		if err := t.add(r.Line, r.Cells); err != nil {
			return err
		}
	}
	return nil
}

func nonEmpty(cells []string) int {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// numericCell reports whether an xlsx cell holds a number (whose raw value
// is written with "." whatever the locale) rather than text.
func (t *table) numericCell(line, col int) bool {
	if t.path == "" {
		return false
	}
	if t.xf == nil {
		f, err := excelize.OpenFile(t.path)
		if err != nil {
			return false
		}
		t.xf = f
	}
	name, err := excelize.CoordinatesToCellName(col+1, line)
	if err != nil {
		return false
	}
	ct, err := t.xf.GetCellType(t.Sheet, name)
	return err == nil && (ct == excelize.CellTypeNumber || ct == excelize.CellTypeUnset)
}

func (t *table) close() {
	if t.xf != nil {
		t.xf.Close()
		t.xf = nil
	}
}

func (t *table) check() error {
	if t.Headers == nil {
		if err := t.chooseHeader(); err != nil {
			return err
		}
	}
	if t.Headers == nil {
		return fileErr("import.empty", "Berkas kosong: tidak ada baris judul kolom.", "The file is empty: no header row.", nil)
	}
	return nil
}

// sniffDelimiter picks ';' or ',' (or tab) by counting them outside quotes
// in the first line.
func sniffDelimiter(first []byte) rune {
	counts := map[rune]int{}
	inQuote := false
	for _, r := range string(first) {
		switch {
		case r == '"':
			inQuote = !inQuote
		case !inQuote && (r == ';' || r == ',' || r == '\t'):
			counts[r]++
		}
	}
	best, n := ',', counts[',']
	for _, r := range []rune{';', '\t'} {
		if counts[r] > n {
			best, n = r, counts[r]
		}
	}
	return best
}

func encodingErr(line int) error {
	return fileErr("import.encoding", fmt.Sprintf("Berkas bukan UTF-8: baris %d berisi huruf yang tidak dapat dibaca; simpan ulang sebagai \"CSV UTF-8\".", line),
		fmt.Sprintf("The file is not UTF-8: line %d has characters that cannot be read; save it again as \"CSV UTF-8\".", line), nil)
}

// cp1252Undefined are the bytes Windows-1252 leaves unassigned.
var cp1252Undefined = [256]bool{0x81: true, 0x8D: true, 0x8F: true, 0x90: true, 0x9D: true}

// decodeText checks the whole file: UTF-8 is used as it is; text that is
// certainly Windows-1252 (no valid multi-byte UTF-8 sequence anywhere and no
// byte Windows-1252 leaves unassigned) is converted, with a notice; anything
// else is refused, naming the first line that cannot be read.
func decodeText(data []byte) ([]byte, *Notice, error) {
	if utf8.Valid(data) {
		return data, nil, nil
	}
	line, firstBad, multi, undefined := 1, 0, false, false
	for i := 0; i < len(data); {
		c := data[i]
		if c == '\n' {
			line++
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r != utf8.RuneError || n > 1 {
			multi = true
			i += n
			continue
		}
		if firstBad == 0 {
			firstBad = line
		}
		if cp1252Undefined[c] {
			undefined = true
		}
		i++
	}
	if multi || undefined {
		return nil, nil, encodingErr(firstBad)
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return nil, nil, encodingErr(firstBad)
	}
	return out, &Notice{Code: "import.encoding_cp1252",
		Message:   fmt.Sprintf("Berkas bukan UTF-8; dibaca sebagai Windows-1252 (huruf non-ASCII pertama di baris %d). Periksa ejaan nama sebelum menyimpan.", firstBad),
		MessageEN: fmt.Sprintf("The file is not UTF-8; it was read as Windows-1252 (first non-ASCII letter on line %d). Check the spelling of names before saving.", firstBad)}, nil
}

// maxCSVBytes bounds a CSV read whole for its encoding check.
const maxCSVBytes = 256 << 20

func readCSV(path string, headerRow int) (*table, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, openErr(path, err)
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, maxCSVBytes+1))
	if err != nil {
		return nil, openErr(path, err)
	}
	if len(data) > maxCSVBytes {
		return nil, fileErr("import.too_large", "Berkas CSV terlalu besar (lebih dari 256 MB); bagi menjadi beberapa berkas.",
			"The CSV file is too large (over 256 MB); split it into several files.", nil)
	}
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	data, notice, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	head := data
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sniffDelimiter(head)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false
	t := &table{headerAt: headerRow}
	if notice != nil {
		t.Notices = append(t.Notices, *notice)
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			line := 0
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return nil, fileErr("import.csv", fmt.Sprintf("Berkas CSV rusak di baris %d.", line), fmt.Sprintf("The CSV file is malformed at line %d.", line), err)
		}
		line, _ := r.FieldPos(0)
		if err := t.add(line, rec); err != nil {
			return nil, err
		}
	}
	return t, t.check()
}
