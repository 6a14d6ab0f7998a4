package report

import (
	_ "embed"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/bkpsdm-sorong/imbang/backend/abk"
)

// DejaVu Sans (Bitstream Vera licence, free to embed and redistribute) covers
// the Indonesian text and the symbols the report prints (Σ, –, ≥).
var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
)

const font = "DejaVu"

// PDF writes the ABK summary report: title, Pemda, ABK year and status, the
// region totals, the balance index and the OPD table, on A4 landscape pages
// with the table header repeated and page numbers; a demo installation is
// marked "data contoh fiktif" on every page.
func PDF(w io.Writer, s Summary) error {
	v := s.View
	pdf := newReportPDF(fmt.Sprintf("Ringkasan Analisis Beban Kerja %d — %s", v.ABK.Tahun, s.PemdaNama), s.PemdaNama, s.Dibuat, s.Demo)

	pdf.SetFont(font, "B", 16)
	pdf.CellFormat(0, 8, fmt.Sprintf("Ringkasan Analisis Beban Kerja Tahun %d", v.ABK.Tahun), "", 1, "L", false, 0, "")
	pdf.SetFont(font, "", 11)
	pdf.CellFormat(0, 6, s.PemdaNama, "", 1, "L", false, 0, "")
	pdf.CellFormat(0, 6, "Status ABK: "+statusLabel(v)+"   ·   Dibuat "+Tanggal(s.Dibuat), "", 1, "L", false, 0, "")
	demoBanner(pdf, s.Demo)
	pdf.Ln(3)

	// A ratio beside its grade gets the decimals the grade needs.
	nilai := func(x float64) string { return Angka(x, v.Settings.Bands.Digits(x)) }

	// Region totals: label/value pairs in three columns.
	pdf.SetFont(font, "B", 12)
	pdf.CellFormat(0, 7, "Total wilayah", "", 1, "L", false, 0, "")
	r := v.Region
	pairs := [][2]string{
		{"Posisi (unit × jabatan)", Angka(float64(r.Positions), 0)}, {"Kebutuhan pegawai", Angka(float64(r.KebutuhanBulat), 0)},
		{"Bezetting (pegawai ada)", Angka(float64(r.Bezetting), 0)}, {"Selisih", signed(r.Selisih)},
		{"Kelebihan", Angka(float64(r.Kelebihan), 0)}, {"Kekurangan", Angka(float64(r.Kekurangan), 0)},
		{"Efisiensi unit (EU)", nilai(r.EU)}, {"Nilai wilayah", string(r.Grade)},
		{"Jabatan kosong", Angka(float64(r.Kosong), 0)}, {"Beban kerja (jam/tahun)", Angka(r.Beban/60, 0)},
		{"Indeks keseimbangan", Angka(v.Balance.Index, 2)}, {"Posisi bernilai B", Angka(v.Balance.ShareB*100, 1) + " %"},
	}
	colW := (297.0 - 28) / 3
	for i, p := range pairs {
		pdf.SetFont(font, "", 10)
		pdf.CellFormat(colW*0.62, 6, p[0], "B", 0, "L", false, 0, "")
		pdf.SetFont(font, "B", 10)
		ln := 0
		if i%3 == 2 {
			ln = 1
		}
		pdf.CellFormat(colW*0.38-2, 6, p[1], "B", 0, "R", false, 0, "")
		if ln == 1 {
			pdf.Ln(-1)
		} else {
			pdf.CellFormat(2, 6, "", "", 0, "L", false, 0, "")
		}
	}
	pdf.Ln(2)
	pdf.SetFont(font, "", 8.5)
	pdf.SetTextColor(80, 80, 80)
	pdf.MultiCell(0, 4.5, fmt.Sprintf("Indeks keseimbangan = Σ|selisih| ÷ Σ kebutuhan atas semua posisi (%s ÷ %s); 0 berarti setiap posisi terisi tepat sesuai kebutuhan, makin kecil makin seimbang. "+
		"Kelebihan dan kekurangan dijumlah terpisah (tidak saling menutup antar-posisi). EU = Σ beban ÷ (Σ bezetting × WKE %s menit); nilai A > %s, B ≥ %s, C ≥ %s, D ≥ %s, selain itu E.",
		Angka(float64(v.Balance.MisplacedSum), 0), Angka(float64(v.Balance.KebutuhanSum), 0), Angka(v.Settings.WKEMenit, 0),
		Angka(v.Settings.Bands.A, 2), Angka(v.Settings.Bands.B, 2), Angka(v.Settings.Bands.C, 2), Angka(v.Settings.Bands.D, 2)), "", "L", false)
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(3)

	// The OPD table, header repeated on each page.
	pdf.SetFont(font, "B", 12)
	pdf.CellFormat(0, 7, "Per OPD (kekurangan terbesar dahulu)", "", 1, "L", false, 0, "")
	cols := []pdfCol{{"No", 9, "R"}, {"OPD", 36, "L"}, {"Nama OPD", 82, "L"}, {"Kebutuhan", 22, "R"}, {"Bezetting", 21, "R"}, {"Selisih", 17, "R"},
		{"Kelebihan", 22, "R"}, {"Kekurangan", 24, "R"}, {"EU", 16, "R"}, {"Nilai", 20, "C"}}
	header := func() { tableHeader(pdf, cols) }
	header()
	for i, o := range v.OPD {
		// Names wrap instead of being cut: two OPDs must never read the same.
		cells := []string{fmt.Sprint(i + 1), o.Singkatan, o.Nama, Angka(float64(o.KebutuhanBulat), 0), Angka(float64(o.Bezetting), 0), signed(o.Selisih),
			Angka(float64(o.Kelebihan), 0), Angka(float64(o.Kekurangan), 0), nilai(o.EU), string(o.Grade)}
		tableRow(pdf, cols, cells, i%2 == 1, o.Grade, header)
	}
	pdf.SetFont(font, "B", 9)
	tot := []string{"", "", "Jumlah wilayah", Angka(float64(r.KebutuhanBulat), 0), Angka(float64(r.Bezetting), 0), signed(r.Selisih),
		Angka(float64(r.Kelebihan), 0), Angka(float64(r.Kekurangan), 0), nilai(r.EU), string(r.Grade)}
	for j, c := range cols {
		pdf.CellFormat(c.w, 7, tot[j], "1", 0, c.align, false, 0, "")
	}
	pdf.Ln(-1)
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

// wrap breaks s into the lines a cell of width w holds, at spaces where it
// can and inside a word longer than the cell; nothing is cut off.
func wrap(pdf *fpdf.Fpdf, s string, w float64) []string {
	room := w - 2
	if s == "" || pdf.GetStringWidth(s) <= room {
		return []string{s}
	}
	var out []string
	line := ""
	for _, word := range strings.Fields(s) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if pdf.GetStringWidth(try) <= room {
			line = try
			continue
		}
		if line != "" {
			out = append(out, line)
			line = ""
		}
		for pdf.GetStringWidth(word) > room {
			rs := []rune(word)
			k := len(rs) - 1
			for k > 1 && pdf.GetStringWidth(string(rs[:k])) > room {
				k--
			}
			out = append(out, string(rs[:k]))
			word = string(rs[k:])
		}
		line = word
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

func signed(n int) string {
	if n > 0 {
		return "+" + Angka(float64(n), 0)
	}
	return Angka(float64(n), 0)
}

// gradeFill colours a grade cell: the ideal band B green, over-loaded A and
// under-used D/E warmer.
func gradeFill(pdf *fpdf.Fpdf, g abk.Grade) {
	switch g {
	case abk.GradeA:
		pdf.SetFillColor(253, 220, 200)
	case abk.GradeB:
		pdf.SetFillColor(205, 235, 210)
	case abk.GradeC:
		pdf.SetFillColor(232, 240, 200)
	case abk.GradeD:
		pdf.SetFillColor(255, 236, 179)
	case abk.GradeE:
		pdf.SetFillColor(248, 200, 200)
	default:
		pdf.SetFillColor(235, 235, 235)
	}
}
