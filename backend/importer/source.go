package importer

import (
	"bufio"
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
)

// MaxRows is the most data rows one import reads; a larger file is refused
// before anything is validated (the whole table is held in memory).
const MaxRows = 200000

// table is a file read into memory: the header row and the data rows with
// their line numbers in the file (the header is line 1 when it is the first
// row). Wholly empty rows are dropped.
type table struct {
	Sheet   string
	Sheets  []string
	Headers []string
	Rows    []row
}

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

// readTable reads a .xlsx (sheet "" = the first) or a .csv file.
func readTable(path, sheet string) (*table, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return readXLSX(path, sheet)
	case ".csv", ".txt":
		return readCSV(path)
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

func readXLSX(path, sheet string) (*table, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, openErr(path, err)
	}
	defer f.Close()
	t := &table{Sheets: f.GetSheetList()}
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
	t.Sheet = sheet
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
		if err := t.add(line, cells); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, openErr(path, err)
	}
	return t, t.check()
}

// add appends one row; the first non-empty row is the header.
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
		t.Headers = make([]string, len(cells))
		for i, c := range cells {
			t.Headers[i] = strings.TrimSpace(c)
		}
		return nil
	}
	if len(t.Rows) >= MaxRows {
		return fileErr("import.too_many_rows", fmt.Sprintf("Berkas berisi lebih dari %d baris; bagi menjadi beberapa berkas.", MaxRows),
			fmt.Sprintf("The file has more than %d rows; split it into several files.", MaxRows), nil)
	}
	t.Rows = append(t.Rows, row{Line: line, Cells: cells})
	return nil
}

func (t *table) check() error {
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

func readCSV(path string) (*table, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, openErr(path, err)
	}
	defer fh.Close()
	br := bufio.NewReaderSize(fh, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	head, _ := br.Peek(64 << 10)
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	if !utf8.Valid(head) {
		return nil, fileErr("import.encoding", "Berkas CSV bukan UTF-8; simpan ulang sebagai \"CSV UTF-8\".",
			"The CSV file is not UTF-8; save it again as \"CSV UTF-8\".", nil)
	}
	r := csv.NewReader(br)
	r.Comma = sniffDelimiter(head)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false
	t := &table{Sheet: "", Sheets: nil}
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
