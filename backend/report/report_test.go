package report_test

import (
	"bytes"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/report"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/xuri/excelize/v2"
)

var ctx = storetest.Ctx(storetest.Admin) // services write and decide only for an actor

func now() time.Time { return time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC) }

func demoStore(t *testing.T) (*store.Store, *kepegawaian.Service, *abksvc.Service) {
	t.Helper()
	st, err := store.Open(ctx, store.Options{Dir: t.TempDir(), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	b, _ := demo.Bundle(1200, 1)
	if err := st.ImportBundle(ctx, "t", b); err != nil {
		t.Fatal(err)
	}
	return st, kepegawaian.New(kepegawaian.Config{Repo: st, NewID: store.NewID, Now: now}), abksvc.New(abksvc.Config{Repo: st, NewID: store.NewID, Now: now})
}

func summary(t *testing.T, abk *abksvc.Service) report.Summary {
	t.Helper()
	v, err := abk.Region(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	_, pos, err := abk.PositionRows(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	return report.Summary{PemdaNama: "Pemerintah Kota Sorong", Demo: true, View: v, Positions: pos, Dibuat: now()}
}

func TestPegawaiExportHasEveryMatchingRow(t *testing.T) {
	st, svc, _ := demoStore(t)
	rows, err := report.AllPegawai(ctx, svc.ListPegawai, kepegawaian.PegawaiQuery{Status: "PNS", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := svc.ListPegawai(ctx, kepegawaian.PegawaiQuery{Status: "PNS", Limit: 1})
	if len(rows) != page.Total || len(rows) <= 500 {
		t.Fatalf("%d rows for %d matching", len(rows), page.Total)
	}
	full, err := report.LoadPegawaiExport(ctx, rows, st.Pegawai, st.Labels)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.PegawaiXLSX(&buf, full); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := f.GetRows("Pegawai")
	if len(got) != len(rows)+1 || got[0][0] != "NIP" || got[1][0] != rows[0].NIP {
		t.Fatalf("%d sheet rows, header %v", len(got), got[0])
	}
	panes, _ := f.GetPanes("Pegawai")
	if !panes.Freeze || panes.YSplit != 1 {
		t.Fatalf("header not frozen: %+v", panes)
	}
	if w, _ := f.GetColWidth("Pegawai", "B"); w < 30 {
		t.Fatalf("name column width %v", w)
	}
}

func TestDashboardWorkbook(t *testing.T) {
	_, _, abk := demoStore(t)
	s := summary(t, abk)
	var buf bytes.Buffer
	if err := report.DashboardXLSX(&buf, s); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Ringkasan", "OPD", "Posisi", "Nilai", "Heatmap"}) {
		t.Fatalf("sheets %v", got)
	}
	opd, _ := f.GetRows("OPD")
	pos, _ := f.GetRows("Posisi")
	if len(opd) != len(s.View.OPD)+1 || len(pos) != len(s.Positions)+1 {
		t.Fatalf("OPD %d rows for %d, Posisi %d for %d", len(opd), len(s.View.OPD), len(pos), len(s.Positions))
	}
	// Numbers are numbers with formats: EJ as 0.00## (the decimals a grade needs), counts as #,##0.
	st, _ := f.GetCellStyle("Posisi", "N2")
	style, _ := f.GetStyle(st)
	if style.CustomNumFmt == nil || *style.CustomNumFmt != "0.00##" {
		t.Fatalf("EJ format %+v", style)
	}
	if v, _ := f.GetCellValue("Posisi", "L2", excelize.Options{RawCellValue: true}); strings.Trim(v, "0123456789") != "" {
		t.Fatalf("bezetting cell %q is not a number", v)
	}
	ring, _ := f.GetRows("Ringkasan")
	if !slices.ContainsFunc(ring, func(r []string) bool { return len(r) > 1 && strings.HasPrefix(r[0], "Indeks keseimbangan") }) {
		t.Fatalf("no balance index in %v", ring)
	}
	var b2 bytes.Buffer
	if err := report.PositionsXLSX(&b2, s.Positions); err != nil {
		t.Fatal(err)
	}
	if err := report.OPDXLSX(&b2, s.View.OPD); err != nil {
		t.Fatal(err)
	}
}

// The PDF is rendered to PNG with pdftoppm when it is installed; the image
// is kept in the test's temp dir (IMBANG_KEEP_PNG=dir copies it out to look at).
func TestPDFReport(t *testing.T) {
	_, _, abk := demoStore(t)
	s := summary(t, abk)
	var buf bytes.Buffer
	if err := report.PDF(&buf, s); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || buf.Len() < 10000 {
		t.Fatalf("not a PDF (%d bytes)", buf.Len())
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("poppler-utils not installed")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "laporan.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	txt := string(out)
	for _, want := range []string{"Ringkasan Analisis Beban Kerja Tahun", "27 November 2026", "Data contoh fiktif", "Indeks keseimbangan", "Kekurangan", s.View.OPD[0].Singkatan} {
		if !strings.Contains(txt, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if keep := os.Getenv("IMBANG_KEEP_PNG"); keep != "" {
		exec.Command("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "2", path, filepath.Join(keep, "laporan")).Run()
		os.WriteFile(filepath.Join(keep, "laporan.pdf"), buf.Bytes(), 0o644)
	}
}

// Two OPDs whose names differ only at the end, with EUs either side of the A
// bound, must stay apart in the PDF: names wrap instead of being cut, and the
// EU beside the grade gets the decimals the grade needs.
func TestPDFKeepsNamesAndGradedFiguresApart(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("poppler-utils not installed")
	}
	_, _, abk := demoStore(t)
	s := summary(t, abk)
	if len(s.View.OPD) < 2 {
		t.Fatal("the demo has fewer than two OPDs")
	}
	s.View.OPD[0].Nama, s.View.OPD[0].EU = "DISTRIK SORONG KEPULAUAN BAGIAN UTARA DAN SEKITARNYA", 1.0012
	s.View.OPD[1].Nama, s.View.OPD[1].EU = "DISTRIK SORONG KOTA BAGIAN SELATAN DAN SEKITARNYA", 1.0
	var buf bytes.Buffer
	if err := report.PDF(&buf, s); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "laporan.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	txt := strings.Join(strings.Fields(string(out)), " ")
	if strings.Contains(txt, "…") {
		t.Error("a name was cut with an ellipsis")
	}
	for _, w := range []string{"KEPULAUAN", "UTARA DAN", "KOTA", "SELATAN DAN", "SEKITARNYA", "1,001", "1,00"} {
		if !strings.Contains(txt, w) {
			t.Errorf("PDF text lacks %q", w)
		}
	}
}
