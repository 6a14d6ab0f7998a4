package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// The mutasi documents: the nota usulan, a draft SK with its
// lampiran listing the employees, and the tanda terima of a request. Callers
// pass the labels; these functions only lay them out, on A4 with the
// embedded DejaVu font, and mark a demo installation's data as fictitious on
// every page.

// MutasiDoc is what every mutasi PDF carries.
type MutasiDoc struct {
	PemdaNama string    // "Pemerintah Kota Sorong"
	Demo      bool      // fictitious data: a note on every page
	Dibuat    time.Time // when the PDF was made
}

// PegawaiMutasi is one employee's move as the documents print it.
type PegawaiMutasi struct {
	NIP         string
	Nama        string // with academic titles
	Pangkat     string // "Penata Muda / III/a"
	JabatanLama string
	UnitLama    string
	OPDLama     string
	JabatanBaru string
	UnitBaru    string
	OPDBaru     string
	TMT         string // "1 Mei 2026", "" while no SK sets it
}

// RuleLine is one eligibility result on the nota usulan.
type RuleLine struct {
	RuleID   string
	Severity string // BLOCK, WARN, INFO
	Outcome  string // PASS, FAIL, NOT_APPLICABLE
	Pesan    string
}

// NotaUsulan is the transfer proposal memo.
type NotaUsulan struct {
	MutasiDoc
	Nomor      string
	Tanggal    string // date of the request
	Jenis      string // "T1 — Mutasi antar OPD dalam satu Pemda"
	APS        bool
	Alasan     string
	Status     string
	Pegawai    PegawaiMutasi
	Tujuan     []string // the preferred targets (APS: up to 3), labelled; the chosen one marked
	Aturan     []RuleLine
	AturanAsal string // where the results come from ("hasil pemeriksaan saat …")
	// Justifikasi: the deciders' written justifications of the warnings.
	Justifikasi []JustifikasiLine
}

// JustifikasiLine is one decision's written justification in the nota.
type JustifikasiLine struct {
	Langkah string // "Verifikasi BKPSDM"
	Oleh    string
	Tanggal string
	Teks    string
}

// DraftSK is the draft decree with its lampiran.
type DraftSK struct {
	MutasiDoc
	Pejabat   string // "WALI KOTA SORONG"
	Nomor     string // "800/…/BKPSDM/2026" or dots while not numbered
	Tanggal   string // "" = to be filled in
	Tempat    string // "Sorong"
	Pegawai   []PegawaiMutasi
	Usulan    []string // request numbers the draft covers
	JenisSK   string   // "mutasi antar perangkat daerah" …
	Mengingat []string
}

// DokumenDiterima is one document on the tanda terima.
type DokumenDiterima struct {
	Nama       string
	NamaBerkas string
	Ukuran     string
	Diterima   string // date received
	Status     string // "Belum diperiksa", "Sesuai", "Tidak sesuai: …"
}

// TandaTerima is the receipt of a request and its documents.
type TandaTerima struct {
	MutasiDoc
	Nomor   string
	Tanggal string // date the request was submitted (or created)
	Jenis   string
	Status  string
	Pegawai PegawaiMutasi
	Tujuan  string
	Dokumen []DokumenDiterima
	Kurang  []string // checklist documents not yet received
}

const demoNote = "DATA CONTOH FIKTIF — dokumen ini dibuat dari data contoh, bukan data pegawai sebenarnya, dan tidak berlaku sebagai dokumen resmi."

// newMutasiPDF starts a portrait A4 document with the footer (and, for the
// demo, the fictitious-data line) on every page.
func newMutasiPDF(d MutasiDoc, title string, draft bool) *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(d.Dibuat)
	pdf.SetModificationDate(d.Dibuat)
	pdf.AddUTF8FontFromBytes(font, "", fontRegular)
	pdf.AddUTF8FontFromBytes(font, "B", fontBold)
	pdf.SetTitle(title, true)
	pdf.SetAuthor("Imbang", true)
	pdf.SetMargins(20, 16, 20)
	pdf.SetAutoPageBreak(true, 20)
	pdf.AliasNbPages("{nb}")
	pdf.SetHeaderFunc(func() {
		if draft {
			pdf.SetFont(font, "B", 9)
			pdf.SetTextColor(190, 30, 30)
			pdf.CellFormat(0, 5, "DRAF — BELUM DITANDATANGANI, TIDAK BERLAKU", "", 1, "R", false, 0, "")
			pdf.SetTextColor(0, 0, 0)
		}
		if d.Demo {
			pdf.SetFont(font, "B", 8)
			pdf.SetTextColor(150, 90, 0)
			pdf.MultiCell(0, 4, demoNote, "", "C", false)
			pdf.SetTextColor(0, 0, 0)
			pdf.Ln(1)
		}
	})
	pdf.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont(font, "", 8)
		pdf.SetTextColor(110, 110, 110)
		left := fmt.Sprintf("Imbang — %s — dibuat %s", d.PemdaNama, Tanggal(d.Dibuat))
		if d.Demo {
			left += " — DATA CONTOH FIKTIF"
		}
		pdf.CellFormat(130, 5, left, "", 0, "L", false, 0, "")
		pdf.CellFormat(0, 5, fmt.Sprintf("Halaman %d dari {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	return pdf
}

func finish(pdf *fpdf.Fpdf, w io.Writer) error {
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

// kv writes "label : value" rows with a fixed label width; values wrap.
func kv(pdf *fpdf.Fpdf, labelW float64, rows [][2]string) {
	for _, r := range rows {
		pdf.SetFont(font, "", 10)
		x := pdf.GetX()
		pdf.CellFormat(labelW, 5.5, r[0], "", 0, "L", false, 0, "")
		pdf.CellFormat(4, 5.5, ":", "", 0, "L", false, 0, "")
		pdf.MultiCell(0, 5.5, orDash(r[1]), "", "L", false)
		pdf.SetX(x)
	}
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

func heading(pdf *fpdf.Fpdf, s string) {
	pdf.Ln(2)
	pdf.SetFont(font, "B", 11)
	pdf.CellFormat(0, 7, s, "", 1, "L", false, 0, "")
}

func placementText(jabatan, unit, opd string) string {
	parts := []string{}
	for _, p := range []string{jabatan, unit, opd} {
		if strings.TrimSpace(p) != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// NotaUsulanPDF writes the nota usulan of one request.
func NotaUsulanPDF(w io.Writer, n NotaUsulan) error {
	pdf := newMutasiPDF(n.MutasiDoc, "Nota Usulan Mutasi "+n.Nomor, false)
	pdf.AddPage()
	pdf.SetFont(font, "B", 12)
	pdf.CellFormat(0, 6, strings.ToUpper(n.PemdaNama), "", 1, "C", false, 0, "")
	pdf.SetFont(font, "B", 14)
	pdf.CellFormat(0, 8, "NOTA USULAN MUTASI PEGAWAI", "", 1, "C", false, 0, "")
	pdf.SetFont(font, "", 10)
	pdf.CellFormat(0, 5, "Nomor usulan: "+n.Nomor, "", 1, "C", false, 0, "")
	pdf.Ln(3)
	kv(pdf, 48, [][2]string{{"Tanggal usulan", n.Tanggal}, {"Jenis mutasi", n.Jenis}, {"Atas permintaan sendiri", yaTidak(n.APS)}, {"Status usulan", n.Status}})

	heading(pdf, "A. Pegawai")
	p := n.Pegawai
	kv(pdf, 48, [][2]string{{"Nama", p.Nama}, {"NIP", p.NIP}, {"Pangkat/golongan", p.Pangkat}})

	heading(pdf, "B. Penempatan saat ini")
	kv(pdf, 48, [][2]string{{"Jabatan", p.JabatanLama}, {"Unit kerja", p.UnitLama}, {"OPD", p.OPDLama}})

	heading(pdf, "C. Penempatan yang diusulkan")
	if len(n.Tujuan) == 0 {
		kv(pdf, 48, [][2]string{{"Tujuan", ""}})
	}
	for i, t := range n.Tujuan {
		kv(pdf, 48, [][2]string{{fmt.Sprintf("Pilihan %d", i+1), t}})
	}

	heading(pdf, "D. Alasan")
	pdf.SetFont(font, "", 10)
	alasan := n.Alasan
	if strings.TrimSpace(alasan) == "" {
		if n.APS {
			alasan = "–"
		} else {
			alasan = "Kebutuhan organisasi (tidak ada alasan tertulis tambahan)."
		}
	}
	pdf.MultiCell(0, 5.5, alasan, "", "L", false)

	heading(pdf, "E. Ringkasan pemeriksaan persyaratan")
	pdf.SetFont(font, "", 9)
	if n.AturanAsal != "" {
		pdf.SetTextColor(80, 80, 80)
		pdf.MultiCell(0, 4.5, n.AturanAsal, "", "L", false)
		pdf.SetTextColor(0, 0, 0)
	}
	if len(n.Aturan) == 0 {
		pdf.SetFont(font, "", 10)
		pdf.MultiCell(0, 5.5, "Belum ada hasil pemeriksaan aturan yang tercatat pada usulan ini.", "", "L", false)
	} else {
		var lulus, gagalBlock, gagalWarn, info, na int
		for _, r := range n.Aturan {
			switch {
			case r.Outcome == "PASS":
				lulus++
			case r.Outcome == "FAIL" && r.Severity == "BLOCK":
				gagalBlock++
			case r.Outcome == "FAIL" && r.Severity == "WARN":
				gagalWarn++
			case r.Outcome == "FAIL":
				info++
			default:
				na++
			}
		}
		pdf.SetFont(font, "", 10)
		pdf.MultiCell(0, 5.5, fmt.Sprintf("%d aturan terpenuhi, %d tidak terpenuhi (menghalangi), %d peringatan, %d catatan informasi, %d tidak berlaku.",
			lulus, gagalBlock, gagalWarn, info, na), "", "L", false)
		pdf.Ln(1)
		cols := []struct {
			t string
			w float64
		}{{"Aturan", 18}, {"Sifat", 16}, {"Hasil", 26}, {"Keterangan", 110}}
		pdf.SetFont(font, "B", 8.5)
		pdf.SetFillColor(31, 92, 153)
		pdf.SetTextColor(255, 255, 255)
		for _, c := range cols {
			pdf.CellFormat(c.w, 6, c.t, "1", 0, "L", true, 0, "")
		}
		pdf.Ln(-1)
		pdf.SetTextColor(0, 0, 0)
		pdf.SetFont(font, "", 8.5)
		for _, r := range n.Aturan {
			lines := pdf.SplitText(r.Pesan, cols[3].w-2)
			h := 4.5 * float64(max(1, len(lines)))
			_, pageH := pdf.GetPageSize()
			if pdf.GetY()+h > pageH-24 {
				pdf.AddPage()
			}
			y := pdf.GetY()
			x := pdf.GetX()
			pdf.CellFormat(cols[0].w, h, r.RuleID, "1", 0, "L", false, 0, "")
			pdf.CellFormat(cols[1].w, h, r.Severity, "1", 0, "L", false, 0, "")
			outcomeFill(pdf, r)
			pdf.CellFormat(cols[2].w, h, hasilLabel(r.Outcome), "1", 0, "L", true, 0, "")
			pdf.MultiCell(cols[3].w, 4.5, r.Pesan, "1", "L", false)
			pdf.SetXY(x, y+h)
		}
	}
	if len(n.Justifikasi) > 0 {
		heading(pdf, "F. Justifikasi atas peringatan")
		pdf.SetFont(font, "", 10)
		for _, j := range n.Justifikasi {
			pdf.SetFont(font, "B", 9.5)
			pdf.MultiCell(0, 5, j.Langkah+" — "+j.Oleh+", "+j.Tanggal, "", "L", false)
			pdf.SetFont(font, "", 10)
			pdf.MultiCell(0, 5.5, j.Teks, "", "L", false)
			pdf.Ln(1)
		}
	}
	pdf.Ln(8)
	signature(pdf, "Diusulkan oleh,", "Kepala OPD / Operator pengusul")
	return finish(pdf, w)
}

func yaTidak(b bool) string {
	if b {
		return "Ya (APS)"
	}
	return "Tidak (kebutuhan organisasi)"
}

func hasilLabel(o string) string {
	switch o {
	case "PASS":
		return "Terpenuhi"
	case "FAIL":
		return "Tidak terpenuhi"
	case "NOT_APPLICABLE":
		return "Tidak berlaku"
	}
	return o
}

func outcomeFill(pdf *fpdf.Fpdf, r RuleLine) {
	switch {
	case r.Outcome == "PASS":
		pdf.SetFillColor(205, 235, 210)
	case r.Outcome == "FAIL" && r.Severity == "BLOCK":
		pdf.SetFillColor(248, 200, 200)
	case r.Outcome == "FAIL" && r.Severity == "WARN":
		pdf.SetFillColor(255, 236, 179)
	default:
		pdf.SetFillColor(235, 235, 235)
	}
}

func signature(pdf *fpdf.Fpdf, top, role string) {
	_, pageH := pdf.GetPageSize()
	if pdf.GetY()+36 > pageH-22 {
		pdf.AddPage()
	}
	x := 120.0
	pdf.SetFont(font, "", 10)
	pdf.SetX(x)
	pdf.CellFormat(70, 5.5, top, "", 1, "C", false, 0, "")
	pdf.Ln(18)
	pdf.SetX(x)
	pdf.CellFormat(70, 5.5, "(............................................)", "", 1, "C", false, 0, "")
	pdf.SetX(x)
	pdf.SetFont(font, "", 9)
	pdf.CellFormat(70, 5, role, "", 1, "C", false, 0, "")
}

// DraftSKPDF writes a draft SK with the standard structure (menimbang,
// mengingat, memutuskan) and the lampiran table of every employee it moves.
func DraftSKPDF(w io.Writer, d DraftSK) error {
	pdf := newMutasiPDF(d.MutasiDoc, "Draf Keputusan "+d.Pejabat, true)
	pdf.AddPage()
	nomor := d.Nomor
	if strings.TrimSpace(nomor) == "" {
		nomor = "......................................"
	}
	pdf.SetFont(font, "B", 12)
	pdf.CellFormat(0, 6, "KEPUTUSAN "+d.Pejabat, "", 1, "C", false, 0, "")
	pdf.CellFormat(0, 6, "NOMOR "+nomor, "", 1, "C", false, 0, "")
	pdf.Ln(3)
	pdf.CellFormat(0, 6, "TENTANG", "", 1, "C", false, 0, "")
	pdf.MultiCell(0, 6, strings.ToUpper("Mutasi pegawai negeri sipil "+d.JenisSK+" di lingkungan "+d.PemdaNama), "", "C", false)
	pdf.Ln(3)
	pdf.CellFormat(0, 6, d.Pejabat+",", "", 1, "C", false, 0, "")
	pdf.Ln(2)

	clause := func(label string, items []string, lettered bool) {
		pdf.SetFont(font, "", 10)
		y := pdf.GetY()
		pdf.CellFormat(28, 5.5, label, "", 0, "L", false, 0, "")
		pdf.CellFormat(4, 5.5, ":", "", 0, "L", false, 0, "")
		left := pdf.GetX()
		pdf.SetY(y)
		for i, it := range items {
			pdf.SetX(left)
			mark := fmt.Sprintf("%d.", i+1)
			if lettered {
				mark = string(rune('a'+i)) + "."
			}
			pdf.CellFormat(7, 5.5, mark, "", 0, "L", false, 0, "")
			pdf.MultiCell(0, 5.5, it, "", "J", false)
		}
		pdf.Ln(2)
	}
	n := len(d.Pegawai)
	clause("Menimbang", []string{
		fmt.Sprintf("bahwa dalam rangka pemerataan dan pemenuhan kebutuhan pegawai sesuai analisis jabatan dan analisis beban kerja, serta pengembangan karier, perlu melakukan mutasi %d (%s) orang pegawai negeri sipil %s di lingkungan %s;", n, terbilang(n), d.JenisSK, d.PemdaNama),
		"bahwa pegawai negeri sipil yang namanya tercantum dalam lampiran keputusan ini telah memenuhi persyaratan dan telah mendapat pertimbangan Tim Penilai Kinerja PNS;",
		"bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan " + titleCase(d.Pejabat) + " tentang Mutasi Pegawai Negeri Sipil;",
	}, true)
	mengingat := d.Mengingat
	if len(mengingat) == 0 {
		mengingat = []string{
			"Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;",
			"Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali diubah;",
			"Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020;",
			"Peraturan Badan Kepegawaian Negara Nomor 5 Tahun 2019 tentang Tata Cara Pelaksanaan Mutasi;",
		}
	}
	clause("Mengingat", mengingat, false)

	pdf.SetFont(font, "B", 11)
	pdf.CellFormat(0, 7, "MEMUTUSKAN:", "", 1, "C", false, 0, "")
	pdf.SetFont(font, "", 10)
	diktum := func(label, text string) {
		pdf.SetFont(font, "B", 10)
		pdf.CellFormat(28, 5.5, label, "", 0, "L", false, 0, "")
		pdf.SetFont(font, "", 10)
		pdf.CellFormat(4, 5.5, ":", "", 0, "L", false, 0, "")
		pdf.MultiCell(0, 5.5, text, "", "J", false)
		pdf.Ln(1.5)
	}
	diktum("Menetapkan", "KEPUTUSAN "+d.Pejabat+" TENTANG MUTASI PEGAWAI NEGERI SIPIL.")
	diktum("KESATU", "Memindahkan pegawai negeri sipil yang namanya tercantum dalam lampiran keputusan ini dari jabatan dan unit kerja lama ke jabatan dan unit kerja baru sebagaimana tercantum dalam lampiran.")
	diktum("KEDUA", "Pegawai negeri sipil sebagaimana dimaksud dalam diktum KESATU melaksanakan tugas pada jabatan baru terhitung mulai tanggal (TMT) yang tercantum dalam lampiran.")
	diktum("KETIGA", "Segala biaya yang timbul akibat ditetapkannya keputusan ini dibebankan pada Anggaran Pendapatan dan Belanja Daerah.")
	diktum("KEEMPAT", "Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan apabila di kemudian hari terdapat kekeliruan akan dibetulkan sebagaimana mestinya.")
	pdf.Ln(4)
	tgl := d.Tanggal
	if tgl == "" {
		tgl = "...................."
	}
	if _, pageH := pdf.GetPageSize(); pdf.GetY()+42 > pageH-22 {
		pdf.AddPage() // keep the place, date and signature together
	}
	pdf.SetX(115)
	kvAt(pdf, 115, [][2]string{{"Ditetapkan di", d.Tempat}, {"pada tanggal", tgl}})
	pdf.Ln(2)
	pdf.SetX(115)
	pdf.SetFont(font, "B", 10)
	pdf.CellFormat(75, 5.5, d.Pejabat+",", "", 1, "C", false, 0, "")
	pdf.Ln(16)
	pdf.SetX(115)
	pdf.CellFormat(75, 5.5, "(............................................)", "", 1, "C", false, 0, "")
	if len(d.Usulan) > 0 {
		pdf.Ln(4)
		pdf.SetFont(font, "", 8)
		pdf.SetTextColor(90, 90, 90)
		pdf.MultiCell(0, 4, "Disusun dari usulan: "+strings.Join(d.Usulan, ", "), "", "L", false)
		pdf.SetTextColor(0, 0, 0)
	}

	// The lampiran: landscape with narrower margins, every employee.
	const left = 14.0
	pdf.SetLeftMargin(left)
	pdf.SetRightMargin(left)
	pdf.AddPageFormat("L", pdf.GetPageSizeStr("A4"))
	pdf.SetFont(font, "", 9)
	pdf.CellFormat(0, 5, "LAMPIRAN KEPUTUSAN "+d.Pejabat, "", 1, "L", false, 0, "")
	pdf.CellFormat(0, 5, "NOMOR "+nomor, "", 1, "L", false, 0, "")
	pdf.CellFormat(0, 5, "TANGGAL "+tgl, "", 1, "L", false, 0, "")
	pdf.Ln(2)
	pdf.SetFont(font, "B", 11)
	pdf.CellFormat(0, 6, "DAFTAR PEGAWAI NEGERI SIPIL YANG DIMUTASI", "", 1, "C", false, 0, "")
	pdf.Ln(2)
	cols := []struct {
		t string
		w float64
	}{{"No", 8}, {"NIP", 35}, {"Nama", 34}, {"Pangkat/ golongan", 22}, {"Jabatan lama", 33}, {"Unit kerja / OPD lama", 39.5}, {"Jabatan baru", 33}, {"Unit kerja / OPD baru", 39.5}, {"TMT", 25}} // 269 mm
	header := func() {
		pdf.SetFont(font, "B", 8)
		pdf.SetFillColor(230, 230, 230)
		y, x := pdf.GetY(), pdf.GetX()
		for _, c := range cols {
			pdf.SetXY(x, y)
			pdf.MultiCell(c.w, 5, c.t, "", "C", false)
			x += c.w
		}
		lx := left
		for _, c := range cols {
			pdf.Rect(lx, y, c.w, 10, "D")
			lx += c.w
		}
		pdf.SetXY(left, y+10)
		pdf.SetFont(font, "", 7.5)
	}
	header()
	_, pageH := pdf.GetPageSize()
	for i, p := range d.Pegawai {
		tmt := p.TMT
		if tmt == "" {
			tmt = "……"
		}
		cells := []string{fmt.Sprint(i + 1), p.NIP, p.Nama, p.Pangkat, p.JabatanLama, placementText("", p.UnitLama, p.OPDLama), p.JabatanBaru, placementText("", p.UnitBaru, p.OPDBaru), tmt}
		lines := 1
		for j, c := range cells {
			if n := len(pdf.SplitText(c, cols[j].w-2)); n > lines {
				lines = n
			}
		}
		h := 3.8*float64(lines) + 1.4
		if pdf.GetY()+h > pageH-22 {
			pdf.AddPageFormat("L", pdf.GetPageSizeStr("A4"))
			header()
		}
		y, x := pdf.GetY(), left
		for j, c := range cells {
			pdf.Rect(x, y, cols[j].w, h, "D")
			pdf.SetXY(x, y+0.8)
			align := "L"
			if j == 0 {
				align = "C"
			}
			pdf.MultiCell(cols[j].w, 3.8, c, "", align, false)
			x += cols[j].w
		}
		pdf.SetXY(left, y+h)
	}
	pdf.Ln(8)
	if pdf.GetY()+30 > pageH-22 {
		pdf.AddPageFormat("L", pdf.GetPageSizeStr("A4"))
	}
	pdf.SetX(200)
	pdf.SetFont(font, "B", 10)
	pdf.CellFormat(75, 5.5, d.Pejabat+",", "", 1, "C", false, 0, "")
	pdf.Ln(14)
	pdf.SetX(200)
	pdf.CellFormat(75, 5.5, "(............................................)", "", 1, "C", false, 0, "")
	return finish(pdf, w)
}

func kvAt(pdf *fpdf.Fpdf, x float64, rows [][2]string) {
	pdf.SetFont(font, "", 10)
	for _, r := range rows {
		pdf.SetX(x)
		pdf.CellFormat(28, 5.5, r[0], "", 0, "L", false, 0, "")
		pdf.CellFormat(4, 5.5, ":", "", 0, "L", false, 0, "")
		pdf.CellFormat(0, 5.5, r[1], "", 1, "L", false, 0, "")
	}
}

func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

var satuan = []string{"nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"}

// terbilang spells a count in Indonesian words (0 … 999).
func terbilang(n int) string {
	switch {
	case n < 12:
		return satuan[n]
	case n < 20:
		return satuan[n-10] + " belas"
	case n < 100:
		s := satuan[n/10] + " puluh"
		if n%10 != 0 {
			s += " " + satuan[n%10]
		}
		return s
	case n < 200:
		if n == 100 {
			return "seratus"
		}
		return "seratus " + terbilang(n-100)
	case n < 1000:
		s := satuan[n/100] + " ratus"
		if n%100 != 0 {
			s += " " + terbilang(n%100)
		}
		return s
	}
	return Angka(float64(n), 0)
}

// TandaTerimaPDF writes the receipt of a request and its documents.
func TandaTerimaPDF(w io.Writer, t TandaTerima) error {
	pdf := newMutasiPDF(t.MutasiDoc, "Tanda Terima Usulan Mutasi "+t.Nomor, false)
	pdf.AddPage()
	pdf.SetFont(font, "B", 12)
	pdf.CellFormat(0, 6, strings.ToUpper(t.PemdaNama), "", 1, "C", false, 0, "")
	pdf.SetFont(font, "B", 14)
	pdf.CellFormat(0, 8, "TANDA TERIMA USULAN MUTASI", "", 1, "C", false, 0, "")
	pdf.Ln(2)
	pdf.SetFont(font, "B", 16)
	pdf.SetFillColor(235, 242, 250)
	pdf.CellFormat(0, 12, t.Nomor, "1", 1, "C", true, 0, "")
	pdf.SetFont(font, "", 8.5)
	pdf.SetTextColor(80, 80, 80)
	pdf.CellFormat(0, 5, "Simpan nomor ini untuk menanyakan perkembangan usulan.", "", 1, "C", false, 0, "")
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(3)
	p := t.Pegawai
	kv(pdf, 44, [][2]string{{"Tanggal usulan", t.Tanggal}, {"Jenis mutasi", t.Jenis}, {"Status saat dicetak", t.Status},
		{"Nama pegawai", p.Nama}, {"NIP", p.NIP}, {"Jabatan / OPD asal", placementText(p.JabatanLama, p.UnitLama, p.OPDLama)}, {"Tujuan", t.Tujuan}})

	heading(pdf, "Dokumen yang diterima")
	cols := []struct {
		t string
		w float64
	}{{"No", 8}, {"Dokumen", 54}, {"Berkas", 40}, {"Ukuran", 15}, {"Diterima", 21}, {"Status", 32}} // 170 mm
	pdf.SetFont(font, "B", 8.5)
	pdf.SetFillColor(31, 92, 153)
	pdf.SetTextColor(255, 255, 255)
	for _, c := range cols {
		pdf.CellFormat(c.w, 6, c.t, "1", 0, "L", true, 0, "")
	}
	pdf.Ln(-1)
	pdf.SetTextColor(0, 0, 0)
	pdf.SetFont(font, "", 8.5)
	if len(t.Dokumen) == 0 {
		pdf.CellFormat(170, 6, "Belum ada dokumen yang diterima.", "1", 1, "L", false, 0, "")
	}
	for i, d := range t.Dokumen {
		cells := []string{fmt.Sprint(i + 1), d.Nama, d.NamaBerkas, d.Ukuran, d.Diterima, d.Status}
		lines := 1
		for j, c := range cells {
			if n := len(pdf.SplitText(c, cols[j].w-2)); n > lines {
				lines = n
			}
		}
		h := 4.3*float64(lines) + 1.4
		_, pageH := pdf.GetPageSize()
		if pdf.GetY()+h > pageH-24 {
			pdf.AddPage()
		}
		y, x := pdf.GetY(), 20.0
		for j, c := range cells {
			pdf.Rect(x, y, cols[j].w, h, "D")
			pdf.SetXY(x, y+0.7)
			pdf.MultiCell(cols[j].w, 4.3, c, "", "L", false)
			x += cols[j].w
		}
		pdf.SetXY(20, y+h)
	}
	if len(t.Kurang) > 0 {
		heading(pdf, "Dokumen yang belum diterima")
		pdf.SetFont(font, "", 9.5)
		for _, k := range t.Kurang {
			pdf.MultiCell(0, 5, "•  "+k, "", "L", false)
		}
	}
	pdf.Ln(8)
	signature(pdf, "Yang menerima,", "Petugas BKPSDM")
	return finish(pdf, w)
}
