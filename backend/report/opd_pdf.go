package report

import (
	"context"
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
)

// OPDSummary is what the PDF report of one OPD shows: its totals and its
// units with their positions. Nothing of another OPD is in it.
type OPDSummary struct {
	PemdaNama string
	Demo      bool
	Detail    abksvc.OPDDetail
	Settings  abk.Settings
	Dibuat    time.Time
}

// LoadOPDSummary gathers the report of one OPD of an ABK ("" = the one the
// dashboard picks). The caller has checked that the user may see the OPD.
func LoadOPDSummary(ctx context.Context, svc *kepegawaian.Service, an *abksvc.Service, abkID, opdID string, now time.Time) (OPDSummary, error) {
	st, err := svc.Status(ctx)
	if err != nil {
		return OPDSummary{}, err
	}
	a, err := an.Analyse(ctx, abkID)
	if err != nil {
		return OPDSummary{}, err
	}
	d, err := an.OPD(ctx, a.ABK.ID, opdID)
	if err != nil {
		return OPDSummary{}, err
	}
	return OPDSummary{PemdaNama: st.PemdaNama, Demo: st.Demo, Detail: d, Settings: a.Settings, Dibuat: now}, nil
}

// OPDPDF writes the ABK report of one OPD on A4 landscape pages: title with
// the OPD's name, the OPD totals, then every unit with its positions
// (kebutuhan, bezetting, selisih, EJ and grade), the table header repeated on
// each page; a demo installation is marked on every page.
func OPDPDF(w io.Writer, s OPDSummary) error {
	d := s.Detail
	o := d.OPD
	opdName := o.Nama
	if o.Singkatan != "" {
		opdName = o.Singkatan + " — " + o.Nama
	}
	pdf := newReportPDF(fmt.Sprintf("Analisis Beban Kerja %d — %s — %s", d.ABK.Tahun, o.Nama, s.PemdaNama), s.PemdaNama, s.Dibuat, s.Demo)
	pdf.SetFont(font, "B", 16)
	pdf.CellFormat(0, 8, fmt.Sprintf("Analisis Beban Kerja Tahun %d", d.ABK.Tahun), "", 1, "L", false, 0, "")
	pdf.SetFont(font, "B", 12)
	pdf.MultiCell(0, 6, opdName, "", "L", false)
	pdf.SetFont(font, "", 11)
	pdf.CellFormat(0, 6, s.PemdaNama, "", 1, "L", false, 0, "")
	status := "FINAL"
	if d.ABK.Status != abksvc.ABKFinal {
		status = "DRAF (belum final; belum dapat menjadi dasar keputusan)"
	}
	pdf.CellFormat(0, 6, "Status ABK: "+status+"   ·   Dibuat "+Tanggal(s.Dibuat), "", 1, "L", false, 0, "")
	demoBanner(pdf, s.Demo)
	pdf.Ln(3)

	nilai := func(x float64) string { return Angka(x, s.Settings.Bands.Digits(x)) }
	pdf.SetFont(font, "B", 12)
	pdf.CellFormat(0, 7, "Total OPD", "", 1, "L", false, 0, "")
	pairs := [][2]string{
		{"Posisi (unit × jabatan)", Angka(float64(o.Positions), 0)}, {"Kebutuhan pegawai", Angka(float64(o.KebutuhanBulat), 0)},
		{"Bezetting (pegawai ada)", Angka(float64(o.Bezetting), 0)}, {"Selisih", signed(o.Selisih)},
		{"Kelebihan", Angka(float64(o.Kelebihan), 0)}, {"Kekurangan", Angka(float64(o.Kekurangan), 0)},
		{"Efisiensi unit (EU)", nilai(o.EU)}, {"Nilai OPD", string(o.Grade)},
		{"Jabatan kosong", Angka(float64(o.Kosong), 0)}, {"Beban kerja (jam/tahun)", Angka(o.Beban/60, 0)},
	}
	pairTable(pdf, pairs)
	pdf.Ln(2)
	pdf.SetFont(font, "", 8.5)
	pdf.SetTextColor(80, 80, 80)
	pdf.MultiCell(0, 4.5, fmt.Sprintf("Selisih = bezetting − kebutuhan (+ kelebihan, − kekurangan). EJ = beban ÷ (bezetting × WKE %s menit); nilai A > %s, B ≥ %s, C ≥ %s, D ≥ %s, selain itu E; – berarti jabatan kosong.",
		Angka(s.Settings.WKEMenit, 0), Angka(s.Settings.Bands.A, 2), Angka(s.Settings.Bands.B, 2), Angka(s.Settings.Bands.C, 2), Angka(s.Settings.Bands.D, 2)), "", "L", false)
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(3)

	pdf.SetFont(font, "B", 12)
	pdf.CellFormat(0, 7, "Posisi per unit", "", 1, "L", false, 0, "")
	cols := []pdfCol{{"No", 9, "R"}, {"Jabatan", 104, "L"}, {"Jenis", 30, "L"}, {"Kebutuhan", 22, "R"}, {"Bezetting", 21, "R"}, {"Selisih", 17, "R"},
		{"EJ", 26, "R"}, {"Nilai", 20, "C"}}
	header := func() { tableHeader(pdf, cols) }
	header()
	n := 0
	for _, u := range d.Units {
		pdf.SetFont(font, "B", 9)
		unit := fmt.Sprintf("%s %s — kebutuhan %s, bezetting %s, selisih %s", u.Kode, u.Nama, Angka(float64(u.KebutuhanBulat), 0), Angka(float64(u.Bezetting), 0), signed(u.Selisih))
		lines := wrap(pdf, unit, 249)
		h := max(6, float64(len(lines))*4.6+1.4)
		if needPage(pdf, h+6) {
			pdf.AddPage()
			header()
			pdf.SetFont(font, "B", 9)
		}
		pdf.SetFillColor(225, 233, 242)
		x0, y0 := pdf.GetXY()
		pdf.Rect(x0, y0, 249, h, "FD")
		for k, l := range lines {
			pdf.SetXY(x0, y0+0.7+float64(k)*4.6)
			pdf.CellFormat(249, 4.6, l, "", 0, "L", false, 0, "")
		}
		pdf.SetXY(x0, y0+h)
		pdf.SetFont(font, "", 9)
		for _, p := range u.Positions {
			n++
			ej := "–"
			if !p.Kosong {
				ej = nilai(p.EJ)
			}
			cells := []string{fmt.Sprint(n), p.JabatanNama, p.JenisJabatan, Angka(float64(p.KebutuhanBulat), 0), Angka(float64(p.Bezetting), 0), signed(p.Selisih), ej, string(p.Grade)}
			tableRow(pdf, cols, cells, n%2 == 0, p.Grade, header)
		}
	}
	pdf.SetFont(font, "B", 9)
	tot := []string{"", "Jumlah OPD", "", Angka(float64(o.KebutuhanBulat), 0), Angka(float64(o.Bezetting), 0), signed(o.Selisih), nilai(o.EU), string(o.Grade)}
	if needPage(pdf, 7) {
		pdf.AddPage()
		header()
		pdf.SetFont(font, "B", 9)
	}
	for j, c := range cols {
		pdf.CellFormat(c.w, 7, tot[j], "1", 0, c.align, false, 0, "")
	}
	pdf.Ln(-1)
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

type pdfCol struct {
	title string
	w     float64
	align string
}

// newReportPDF starts an A4 landscape report with the embedded font, the
// footer (Pemda, date, demo mark, page x of n) and its first page.
func newReportPDF(title, pemda string, dibuat time.Time, demo bool) *fpdf.Fpdf {
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.SetCreationDate(dibuat)
	pdf.SetModificationDate(dibuat)
	pdf.AddUTF8FontFromBytes(font, "", fontRegular)
	pdf.AddUTF8FontFromBytes(font, "B", fontBold)
	pdf.SetTitle(title, true)
	pdf.SetAuthor("Imbang", true)
	pdf.SetMargins(14, 14, 14)
	pdf.SetAutoPageBreak(true, 16)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-12)
		pdf.SetFont(font, "", 8)
		pdf.SetTextColor(110, 110, 110)
		left := fmt.Sprintf("Imbang — %s — dibuat %s", pemda, Tanggal(dibuat))
		if demo {
			left += " — DATA CONTOH FIKTIF"
		}
		pdf.CellFormat(200, 5, left, "", 0, "L", false, 0, "")
		pdf.CellFormat(0, 5, fmt.Sprintf("Halaman %d dari {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	pdf.AddPage()
	return pdf
}

func demoBanner(pdf *fpdf.Fpdf, demo bool) {
	if !demo {
		return
	}
	pdf.Ln(1)
	pdf.SetFillColor(255, 243, 205)
	pdf.SetFont(font, "B", 10)
	pdf.MultiCell(0, 6, "Data contoh fiktif: semua nama, NIP dan angka dalam laporan ini dibuat oleh generator data contoh, bukan data pegawai sebenarnya.", "1", "L", true)
}

// pairTable prints label/value pairs in three columns.
func pairTable(pdf *fpdf.Fpdf, pairs [][2]string) {
	colW := (297.0 - 28) / 3
	for i, p := range pairs {
		pdf.SetFont(font, "", 10)
		pdf.CellFormat(colW*0.62, 6, p[0], "B", 0, "L", false, 0, "")
		pdf.SetFont(font, "B", 10)
		pdf.CellFormat(colW*0.38-2, 6, p[1], "B", 0, "R", false, 0, "")
		if i%3 == 2 || i == len(pairs)-1 {
			pdf.Ln(-1)
		} else {
			pdf.CellFormat(2, 6, "", "", 0, "L", false, 0, "")
		}
	}
}

func tableHeader(pdf *fpdf.Fpdf, cols []pdfCol) {
	pdf.SetFont(font, "B", 9)
	pdf.SetFillColor(31, 92, 153)
	pdf.SetTextColor(255, 255, 255)
	for _, c := range cols {
		pdf.CellFormat(c.w, 7, c.title, "1", 0, c.align, true, 0, "")
	}
	pdf.Ln(-1)
	pdf.SetTextColor(0, 0, 0)
	pdf.SetFont(font, "", 9)
}

func needPage(pdf *fpdf.Fpdf, h float64) bool {
	_, pageH := pdf.GetPageSize()
	_, _, _, bottom := pdf.GetMargins()
	return pdf.GetY()+h > pageH-bottom-4
}

// tableRow prints one row whose cells wrap instead of being cut, the last
// cell filled with the grade's colour; a new page repeats the header.
func tableRow(pdf *fpdf.Fpdf, cols []pdfCol, cells []string, shaded bool, g abk.Grade, header func()) {
	const lineH = 4.6
	lines := make([][]string, len(cells))
	n := 1
	for j, c := range cols {
		lines[j] = wrap(pdf, cells[j], c.w)
		n = max(n, len(lines[j]))
	}
	h := max(6, float64(n)*lineH+1.4)
	if needPage(pdf, h) {
		pdf.AddPage()
		header()
	}
	x0, y0 := pdf.GetXY()
	x := x0
	for j, c := range cols {
		if j == len(cols)-1 {
			gradeFill(pdf, g)
		} else {
			pdf.SetFillColor(242, 246, 250)
		}
		style := "D"
		if j == len(cols)-1 || shaded {
			style = "FD"
		}
		pdf.Rect(x, y0, c.w, h, style)
		top := y0 + (h-float64(len(lines[j]))*lineH)/2
		for k, l := range lines[j] {
			pdf.SetXY(x, top+float64(k)*lineH)
			pdf.CellFormat(c.w, lineH, l, "", 0, c.align, false, 0, "")
		}
		x += c.w
	}
	pdf.SetXY(x0, y0+h)
}
