package report

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/xuri/excelize/v2"
)

// colKind is how a column's cells are formatted.
type colKind int

const (
	text  colKind = iota
	whole         // integers, #,##0
	ratio         // 0.00## (up to 4 decimals)
	dec           // #,##0.00
	date          // a real date cell, dd-mm-yyyy
	plain         // a number as it is (General)
)

type column struct {
	title string
	width float64
	kind  colKind
}

// book is a workbook being written, with its styles.
type book struct {
	f      *excelize.File
	styles map[colKind]int
	head   int
	sheets int
}

func newBook() *book {
	f := excelize.NewFile()
	b := &book{f: f, styles: map[colKind]int{}}
	b.head, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F5C99"}}})
	b.styles[text], _ = f.NewStyle(&excelize.Style{NumFmt: 49})
	// A ratio shows up to 4 decimals: 1.0012 (grade A) does not read like 1.00 (grade B).
	intFmt, ratioFmt, decFmt := "#,##0", "0.00##", "#,##0.00"
	b.styles[whole], _ = f.NewStyle(&excelize.Style{CustomNumFmt: &intFmt})
	b.styles[ratio], _ = f.NewStyle(&excelize.Style{CustomNumFmt: &ratioFmt})
	b.styles[dec], _ = f.NewStyle(&excelize.Style{CustomNumFmt: &decFmt})
	dateFmt := "dd-mm-yyyy"
	b.styles[date], _ = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	b.styles[plain] = 0
	return b
}

// sheet streams one table: header row (frozen, with an autofilter), column
// widths and number formats, then every row from next until it returns nil.
func (b *book) sheet(name string, cols []column, next func() []any) error {
	if b.sheets == 0 {
		b.f.SetSheetName("Sheet1", name)
	} else if _, err := b.f.NewSheet(name); err != nil {
		return err
	}
	b.sheets++
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: b.head, Value: c.title}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	n := 1
	for vals := next(); vals != nil; vals = next() {
		n++
		cells := make([]any, len(vals))
		for i, v := range vals {
			kind := cols[i].kind
			switch v.(type) {
			case int, int64:
				if kind != text {
					kind = whole
				}
			case string:
				kind = text
			case time.Time:
				kind = date
			case nil:
				kind = text
			}
			cells[i] = excelize.Cell{StyleID: b.styles[kind], Value: v}
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	// The stream writer has already written the sheet when Flush returns, so
	// a filter set on the file afterwards is lost: declare the rows as a table
	// (whose header carries the autofilter) before flushing.
	last, _ := excelize.CoordinatesToCellName(len(cols), max(n, 2))
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: "Tabel" + tableName(name)}); err != nil {
		return err
	}
	return sw.Flush()
}

// tableName keeps the letters and digits of a sheet name (a table name may
// not hold spaces or punctuation).
func tableName(s string) string {
	var b []rune
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b = append(b, r)
		}
	}
	return string(b)
}

func (b *book) write(w io.Writer) error {
	defer b.f.Close()
	b.f.SetActiveSheet(0)
	_, err := b.f.WriteTo(w)
	return err
}

// rowsOf adapts a slice to sheet's next.
func rowsOf[T any](xs []T, f func(T) []any) func() []any {
	i := 0
	return func() []any {
		if i >= len(xs) {
			return nil
		}
		i++
		return f(xs[i-1])
	}
}

// AllPegawai reads every employee matching q page by page (the list is
// paged at 500), ignoring q's own offset and limit.
func AllPegawai(ctx context.Context, list func(context.Context, kepegawaian.PegawaiQuery) (kepegawaian.PegawaiPage, error), q kepegawaian.PegawaiQuery) ([]kepegawaian.PegawaiRow, error) {
	q.Offset, q.Limit = 0, 500
	var out []kepegawaian.PegawaiRow
	for {
		page, err := list(ctx, q)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Rows...)
		q.Offset += len(page.Rows)
		if len(page.Rows) == 0 || q.Offset >= page.Total {
			return out, nil
		}
	}
}

// pegawaiCols are the import template's columns (so the file re-imports
// unchanged), with names and labels beside the codes.
var pegawaiCols = []column{{"NIP", 21, text}, {"Nama", 30, text}, {"Gelar Depan", 10, text}, {"Gelar Belakang", 12, text}, {"Jenis Kelamin", 8, text},
	{"Tempat Lahir", 16, text}, {"Tanggal Lahir", 12, date}, {"Status", 8, text}, {"Golongan", 10, text}, {"Pendidikan", 11, text}, {"Jurusan", 20, text},
	{"Kode OPD", 12, text}, {"Nama OPD (singkatan)", 14, text}, {"Kode Unit", 16, text}, {"Nama Unit Kerja", 36, text}, {"Kode Jabatan", 14, text},
	{"Nama Jabatan", 36, text}, {"Jenis Jabatan", 14, text}, {"Kode Jenis Jabatan", 16, text}, {"TMT Jabatan", 12, date}, {"TMT CPNS", 12, date}, {"TMT PNS", 12, date}}

// PegawaiExport is one employee with the codes and names an export shows.
type PegawaiExport struct {
	domain.Pegawai
	OPDKode, OPDSingkatan, UnitKode, UnitNama, JabatanKode, JabatanNama string
	JenisJabatan                                                        domain.JenisJabatan
}

// LoadPegawaiExport reads every employee of rows in full (get) and resolves
// the codes and names of their OPD, unit and jabatan (labels).
func LoadPegawaiExport(ctx context.Context, rows []kepegawaian.PegawaiRow, get func(context.Context, string) (domain.Pegawai, error),
	labels func(context.Context) (abksvc.Labels, error)) ([]PegawaiExport, error) {
	l, err := labels(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]PegawaiExport, 0, len(rows))
	for _, r := range rows {
		p, err := get(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		o, u, j := l.OPD[p.OPDID], l.Unit[p.UnitID], l.Jabatan[p.JabatanID]
		out = append(out, PegawaiExport{Pegawai: p, OPDKode: o.Kode, OPDSingkatan: o.Singkatan, UnitKode: u.Kode, UnitNama: u.Nama,
			JabatanKode: j.Kode, JabatanNama: j.Nama, JenisJabatan: domain.JenisJabatan(j.Jenis)})
	}
	return out, nil
}

// JenisJabatanLabel is a jenis jabatan as users read it ("JPT Pratama").
func JenisJabatanLabel(j domain.JenisJabatan) string {
	if l, ok := jenisLabels[j]; ok {
		return l
	}
	return string(j)
}

var jenisLabels = map[domain.JenisJabatan]string{domain.JabatanJPTUtama: "JPT Utama", domain.JabatanJPTMadya: "JPT Madya",
	domain.JabatanJPTPratama: "JPT Pratama", domain.JabatanAdministrator: "Administrator", domain.JabatanPengawas: "Pengawas",
	domain.JabatanFungsional: "Fungsional", domain.JabatanPelaksana: "Pelaksana"}

// dateCell is a date as a real spreadsheet date (nil when unset).
func dateCell(d domain.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.Time()
}

// PegawaiXLSX writes the employee list in the import template's layout.
func PegawaiXLSX(w io.Writer, rows []PegawaiExport) error {
	b := newBook()
	if err := b.sheet("Pegawai", pegawaiCols, rowsOf(rows, func(r PegawaiExport) []any {
		p := r.Pegawai
		gol := p.Golongan.String()
		if p.Status == domain.StatusPPPK {
			gol = fmt.Sprint(int(p.GolonganPPPK))
		}
		return []any{string(p.NIP), p.Nama, p.GelarDepan, p.GelarBelakang, string(p.JenisKelamin), p.TempatLahir, dateCell(p.TanggalLahir),
			string(p.Status), gol, p.Pendidikan.String(), p.Jurusan, r.OPDKode, r.OPDSingkatan, r.UnitKode, r.UnitNama, r.JabatanKode, r.JabatanNama,
			JenisJabatanLabel(r.JenisJabatan), string(r.JenisJabatan), dateCell(p.TMTJabatan), dateCell(p.TMTCPNS), dateCell(p.TMTPNS)}
	})); err != nil {
		return err
	}
	return b.write(w)
}

var positionCols = []column{{"Kode OPD", 12, text}, {"OPD", 14, text}, {"Kode Unit", 16, text}, {"Unit Kerja", 36, text}, {"Kode Jabatan", 14, text},
	{"Jabatan", 36, text}, {"Jenis Jabatan", 15, text}, {"Kode Jenis Jabatan", 16, text}, {"Beban Kerja (menit/tahun)", 14, whole}, {"Kebutuhan", 11, ratio}, {"Kebutuhan (bulat)", 11, whole},
	{"Bezetting", 10, whole}, {"Selisih", 9, whole}, {"EJ", 8, ratio}, {"Nilai", 7, text}, {"Tanpa ABK", 9, text}}

func positionRow(r abksvc.PositionRow) []any {
	tanpa := ""
	if r.TanpaABK {
		tanpa = "ya"
	}
	return []any{r.OPDKode, r.OPDSingkatan, r.UnitKode, r.UnitNama, r.JabatanKode, r.JabatanNama, JenisJabatanLabel(domain.JenisJabatan(r.JenisJabatan)), r.JenisJabatan, int64(round(r.Beban, 0)), r.Kebutuhan,
		r.KebutuhanBulat, r.Bezetting, r.Selisih, r.EJ, string(r.Grade), tanpa}
}

func round(f float64, d int) float64 {
	p := 1.0
	for range d {
		p *= 10
	}
	return float64(int64(f*p+0.5)) / p
}

// PositionsXLSX writes the ABK positions.
func PositionsXLSX(w io.Writer, rows []abksvc.PositionRow) error {
	b := newBook()
	if err := b.sheet("Posisi", positionCols, rowsOf(rows, positionRow)); err != nil {
		return err
	}
	return b.write(w)
}

var opdCols = []column{{"Kode OPD", 12, text}, {"OPD", 14, text}, {"Nama OPD", 44, text}, {"Posisi", 8, whole}, {"Kebutuhan", 11, whole},
	{"Bezetting", 10, whole}, {"Selisih", 9, whole}, {"Kelebihan", 10, whole}, {"Kekurangan", 11, whole}, {"EU", 8, ratio}, {"Nilai", 7, text},
	{"Jabatan Kosong", 10, whole}}

func opdRow(r abksvc.OPDRow) []any {
	return []any{r.Kode, r.Singkatan, r.Nama, r.Positions, r.KebutuhanBulat, r.Bezetting, r.Selisih, r.Kelebihan, r.Kekurangan, r.EU, string(r.Grade), r.Kosong}
}

// OPDXLSX writes the OPD table of the ABK dashboard.
func OPDXLSX(w io.Writer, rows []abksvc.OPDRow) error {
	b := newBook()
	if err := b.sheet("OPD", opdCols, rowsOf(rows, opdRow)); err != nil {
		return err
	}
	return b.write(w)
}

// Summary is what the dashboard workbook and the PDF report show.
type Summary struct {
	PemdaNama string
	Demo      bool // the data is the fictitious demo region
	View      abksvc.RegionView
	Positions []abksvc.PositionRow
	Dibuat    time.Time // when the report was made
}

func statusLabel(v abksvc.RegionView) string {
	if v.Draft {
		return "DRAF (belum final; belum dapat menjadi dasar keputusan)"
	}
	return "FINAL"
}

var gradeLabel = map[abk.Grade]string{abk.GradeA: "A (EJ > 1,00)", abk.GradeB: "B (0,90–1,00)", abk.GradeC: "C (0,70–0,89)",
	abk.GradeD: "D (0,50–0,69)", abk.GradeE: "E (< 0,50)", abk.GradeKosong: "– (jabatan kosong)"}

// DashboardXLSX writes the ABK dashboard: Ringkasan (region totals and the
// balance index), OPD, Posisi, Nilai (grades) and Heatmap (OPD × jenis jabatan).
func DashboardXLSX(w io.Writer, s Summary) error {
	b := newBook()
	v := s.View
	type kv struct {
		k string
		v any
	}
	demo := ""
	if s.Demo {
		demo = "Data contoh fiktif — bukan data pegawai sebenarnya"
	}
	sum := []kv{{"Pemda", s.PemdaNama}, {"Tahun ABK", fmt.Sprint(v.ABK.Tahun)}, {"Status ABK", statusLabel(v)}, {"Dibuat", Tanggal(s.Dibuat)},
		{"Posisi", v.Region.Positions}, {"Beban kerja (menit/tahun)", int64(round(v.Region.Beban, 0))}, {"Kebutuhan pegawai", v.Region.KebutuhanBulat},
		{"Bezetting", v.Region.Bezetting}, {"Selisih", v.Region.Selisih}, {"Kelebihan", v.Region.Kelebihan}, {"Kekurangan", v.Region.Kekurangan},
		{"Efisiensi unit (EU)", v.Region.EU}, {"Nilai", string(v.Region.Grade)}, {"Jabatan kosong", v.Region.Kosong},
		{"Indeks keseimbangan (Σ|selisih| / Σ kebutuhan; 0 = seimbang)", v.Balance.Index}, {"Porsi posisi bernilai B", v.Balance.ShareB},
		{"Pegawai salah tempat (Σ|selisih|)", v.Balance.MisplacedSum}}
	if demo != "" {
		sum = append(sum, kv{"Catatan", demo})
	}
	i := 0
	if err := b.sheet("Ringkasan", []column{{"Ukuran", 52, text}, {"Nilai", 40, ratio}}, func() []any {
		if i >= len(sum) {
			return nil
		}
		i++
		return []any{sum[i-1].k, sum[i-1].v}
	}); err != nil {
		return err
	}
	if err := b.sheet("OPD", opdCols, rowsOf(v.OPD, opdRow)); err != nil {
		return err
	}
	if err := b.sheet("Posisi", positionCols, rowsOf(s.Positions, positionRow)); err != nil {
		return err
	}
	if err := b.sheet("Nilai", []column{{"Nilai", 22, text}, {"Posisi", 10, whole}}, rowsOf(v.Grades, func(g abksvc.GradeCount) []any {
		return []any{gradeLabel[g.Grade], g.Count}
	})); err != nil {
		return err
	}
	cols := []column{{"OPD", 14, text}}
	for _, j := range v.Heatmap.Jenis {
		cols = append(cols, column{j, 14, whole})
	}
	grid := make([][]any, len(v.Heatmap.OPD))
	for r, o := range v.Heatmap.OPD {
		grid[r] = make([]any, len(cols))
		grid[r][0] = o
		for c := 1; c < len(cols); c++ {
			grid[r][c] = 0
		}
	}
	for _, c := range v.Heatmap.Cells {
		if c.Row < len(grid) && c.Col+1 < len(cols) {
			grid[c.Row][c.Col+1] = c.Selisih
		}
	}
	if err := b.sheet("Heatmap", cols, rowsOf(grid, func(r []any) []any { return r })); err != nil {
		return err
	}
	return b.write(w)
}

// FileDate is the date part of export file names.
func FileDate(t time.Time) string {
	return fmt.Sprintf("%04d%02d%02d", t.Year(), int(t.Month()), t.Day())
}
