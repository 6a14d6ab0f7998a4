package report_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/report"
	"github.com/xuri/excelize/v2"
)

// open reads a workbook written to buf and checks its one sheet's header.
func open(t *testing.T, buf *bytes.Buffer, sheet string, head ...string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	if got := f.GetSheetList(); !slices.Equal(got, []string{sheet}) {
		t.Fatalf("sheets %v, want [%s]", got, sheet)
	}
	rows, _ := f.GetRows(sheet)
	if len(rows) == 0 || !slices.Equal(rows[0], head) {
		t.Fatalf("header %v\nwant   %v", rows[0], head)
	}
	if panes, _ := f.GetPanes(sheet); !panes.Freeze || panes.YSplit != 1 {
		t.Fatalf("header not frozen: %+v", panes)
	}
	return f
}

// numFmt is the custom number format of a cell ("" = none).
func numFmt(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, _ := f.GetCellStyle(sheet, cell)
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

// isNumber reports whether a cell holds a number (not text that looks like one).
func isNumber(t *testing.T, f *excelize.File, sheet, cell string) bool {
	t.Helper()
	typ, err := f.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	return (typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset) && v != "" && strings.Trim(v, "0123456789.-") == ""
}

func TestJabatanWorkbook(t *testing.T) {
	_, svc, _ := demoStore(t)
	rows, err := svc.ListJabatan(ctx)
	if err != nil || len(rows) == 0 {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.JabatanXLSX(&buf, rows, svc.Reference()); err != nil {
		t.Fatal(err)
	}
	f := open(t, &buf, "Jabatan", "Kode Jabatan", "Nama Jabatan", "Jenis Jabatan", "Jenjang", "Kelas", "Pendidikan Minimal",
		"Rentang Golongan", "BUP", "Jurusan", "Jumlah Pegawai")
	got, _ := f.GetRows("Jabatan")
	if len(got) != len(rows)+1 {
		t.Fatalf("%d sheet rows for %d jabatan", len(got), len(rows))
	}
	// A functional position with a jenjang and majors shows the labels the UI shows.
	jenjang := map[string]string{}
	for _, o := range svc.Reference().Jenjang {
		jenjang[o.Value] = o.Label
	}
	checked := false
	for i, r := range rows {
		if r.Jenjang == "" || len(r.Jurusan) == 0 || r.Kelas == 0 {
			continue
		}
		line := got[i+1]
		if line[0] != r.Kode || line[1] != r.Nama || line[2] != "Fungsional" || line[3] != jenjang[string(r.Jenjang)] || line[3] == "" ||
			line[4] != fmt.Sprint(r.Kelas) || line[8] != strings.Join(r.Jurusan, ", ") {
			t.Fatalf("row %v for %+v", line, r)
		}
		checked = true
		break
	}
	if !checked {
		t.Fatal("no functional position with majors in the demo")
	}
	if w, _ := f.GetColWidth("Jabatan", "B"); w < 40 {
		t.Fatalf("name column width %v", w)
	}
	if !isNumber(t, f, "Jabatan", "J2") || numFmt(t, f, "Jabatan", "J2") != "#,##0" {
		t.Fatalf("jumlah pegawai is not a formatted number: %q", numFmt(t, f, "Jabatan", "J2"))
	}
}

func TestOPDListWorkbook(t *testing.T) {
	_, svc, _ := demoStore(t)
	rows, err := svc.ListOPD(ctx)
	if err != nil || len(rows) == 0 {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.OPDListXLSX(&buf, rows, svc.Reference()); err != nil {
		t.Fatal(err)
	}
	f := open(t, &buf, "OPD", "Kode OPD", "Nama OPD", "Singkatan", "Jenis OPD", "Unit Kerja", "Pegawai", "PNS", "CPNS", "PPPK")
	got, _ := f.GetRows("OPD")
	if len(got) != len(rows)+1 || got[1][0] != rows[0].Kode || got[1][2] != rows[0].Singkatan || got[1][3] == string(rows[0].Jenis) {
		t.Fatalf("%d rows, first %v for %+v", len(got), got[1], rows[0])
	}
	// GetCellValue applies #,##0, so 1234 reads "1,234".
	if v, _ := f.GetCellValue("OPD", "F2"); strings.ReplaceAll(v, ",", "") != fmt.Sprint(rows[0].Pegawai) {
		t.Fatalf("pegawai %q, want %d", v, rows[0].Pegawai)
	}
	if !isNumber(t, f, "OPD", "F2") || numFmt(t, f, "OPD", "F2") != "#,##0" {
		t.Fatal("pegawai is not a formatted number")
	}
	// The OPD code stays text even though it is digits and dots.
	if isNumber(t, f, "OPD", "A2") {
		t.Fatal("OPD code written as a number")
	}
}

func TestStagnanWorkbookHasEveryRowAndNIPsAsText(t *testing.T) {
	_, _, abk := demoStore(t)
	// The lowest limit allowed (the MUT-03 minimum, 2 years) puts more employees on the list than the screen's 500.
	if err := abk.SaveMUT04Tahun(ctx, 2); err != nil {
		t.Fatal(err)
	}
	l, err := abk.StagnanAll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Rows) <= 500 || len(l.Rows) != l.Total {
		t.Fatalf("%d rows of %d", len(l.Rows), l.Total)
	}
	var buf bytes.Buffer
	if err := report.StagnanXLSX(&buf, l); err != nil {
		t.Fatal(err)
	}
	sheet := "Menjabat > 2 tahun"
	f := open(t, &buf, sheet, "NIP", "Nama", "OPD", "Unit Kerja", "Jabatan", "TMT Jabatan", "Tahun Menjabat")
	got, _ := f.GetRows(sheet)
	if len(got) != len(l.Rows)+1 {
		t.Fatalf("%d sheet rows for %d", len(got), len(l.Rows))
	}
	r := l.Rows[0]
	if len(r.NIP) != 18 {
		t.Fatalf("demo NIP %q", r.NIP)
	}
	nip, _ := f.GetCellValue(sheet, "A2", excelize.Options{RawCellValue: true})
	if nip != r.NIP || isNumber(t, f, sheet, "A2") {
		t.Fatalf("NIP cell %q (number: %v), want text %q", nip, isNumber(t, f, sheet, "A2"), r.NIP)
	}
	id, _ := f.GetCellStyle(sheet, "A2")
	if st, _ := f.GetStyle(id); st == nil || st.NumFmt != 49 { // "@", Text: what is typed into the cell stays text too
		t.Fatalf("NIP column style %+v, want number format 49 (@)", st)
	}
	if got[1][1] != r.Nama || got[1][5] != r.TMTJabatan || got[1][6] != fmt.Sprint(r.Tahun) {
		t.Fatalf("row %v for %+v", got[1], r)
	}
	if !isNumber(t, f, sheet, "G2") || numFmt(t, f, sheet, "G2") != "#,##0" {
		t.Fatal("tahun menjabat is not a formatted number")
	}
}

func TestPensiunWorkbook(t *testing.T) {
	_, _, abk := demoStore(t)
	p, err := abk.Pensiun(ctx, "")
	if err != nil || len(p.OPD) == 0 || len(p.Tahun) != 5 {
		t.Fatalf("%v %+v", err, p)
	}
	var buf bytes.Buffer
	if err := report.PensiunXLSX(&buf, p); err != nil {
		t.Fatal(err)
	}
	head := []string{"OPD", "Nama OPD"}
	for _, y := range p.Tahun {
		head = append(head, fmt.Sprintf("Pensiun %d", y), fmt.Sprintf("Kekurangan Baru s.d. %d", y))
	}
	head = append(head, "Total Pensiun")
	f := open(t, &buf, "Proyeksi Pensiun", head...)
	got, _ := f.GetRows("Proyeksi Pensiun")
	if len(got) != len(p.OPD)+1 {
		t.Fatalf("%d sheet rows for %d OPD", len(got), len(p.OPD))
	}
	o := p.OPD[0]
	want := []string{o.Singkatan, o.Nama}
	for _, y := range o.Tahun {
		want = append(want, fmt.Sprint(y.Pensiun), fmt.Sprint(y.KekuranganBaru))
	}
	want = append(want, fmt.Sprint(o.Total))
	if !slices.Equal(got[1], want) {
		t.Fatalf("first OPD %v, want %v", got[1], want)
	}
	last, _ := excelize.CoordinatesToCellName(len(head), 2)
	if !isNumber(t, f, "Proyeksi Pensiun", "C2") || !isNumber(t, f, "Proyeksi Pensiun", last) || numFmt(t, f, "Proyeksi Pensiun", last) != "#,##0" {
		t.Fatal("counts are not formatted numbers")
	}
}
