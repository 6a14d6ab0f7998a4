package report

import (
	"io"
	"strings"
	"time"
)

// SuratAktivasi is one employee's Portal Pegawai activation letter: who it
// is for, the one-time code, where to go and until when. The code is printed
// here and nowhere else (the store keeps its hash only).
type SuratAktivasi struct {
	NIP         string
	Nama        string // with academic titles
	OPD         string
	Kode        string // "7KQ2-M9XD-4TRB"
	PortalURL   string // "https://bkpsdm.sorongkota.go.id/portal/"
	Kedaluwarsa time.Time
	Penerbit    string // who issued it (the desktop user's name)
}

// WriteSuratAktivasi lays out the letters, one per A4 page, so a batch for
// an OPD prints and is handed out sheet by sheet.
func WriteSuratAktivasi(w io.Writer, d MutasiDoc, letters []SuratAktivasi) error {
	pdf := newMutasiPDF(d, "Surat Aktivasi Portal Pegawai", false)
	for _, l := range letters {
		pdf.AddPage()
		pdf.SetFont(font, "B", 13)
		pdf.MultiCell(0, 7, strings.ToUpper(d.PemdaNama), "", "C", false)
		pdf.SetFont(font, "B", 12)
		pdf.MultiCell(0, 7, "SURAT AKTIVASI PORTAL PEGAWAI", "", "C", false)
		pdf.SetFont(font, "", 9)
		pdf.MultiCell(0, 5, "Portal Pegawai activation letter", "", "C", false)
		pdf.Ln(6)
		kv(pdf, 40, [][2]string{
			{"Nama", l.Nama},
			{"NIP", l.NIP},
			{"Perangkat Daerah", l.OPD},
		})
		pdf.Ln(5)
		pdf.SetFont(font, "", 10)
		pdf.MultiCell(0, 5.5, "Dengan surat ini Anda dapat mengaktifkan akun Portal Pegawai untuk melihat data kepegawaian Anda, "+
			"formasi yang tersedia beserta syaratnya, mengajukan mutasi atas permintaan sendiri, mengikuti statusnya, dan "+
			"mengisi umpan balik setelah mutasi.", "", "L", false)
		pdf.Ln(4)
		pdf.SetFont(font, "", 10)
		pdf.CellFormat(0, 6, "1. Buka alamat portal:", "", 1, "L", false, 0, "")
		pdf.SetFont(font, "B", 11)
		pdf.CellFormat(0, 7, "    "+l.PortalURL, "", 1, "L", false, 0, "")
		pdf.SetFont(font, "", 10)
		pdf.CellFormat(0, 6, "2. Pilih \"Aktivasi akun\", masukkan NIP dan kode aktivasi berikut:", "", 1, "L", false, 0, "")
		pdf.Ln(2)
		pdf.SetFont(font, "B", 22)
		pdf.CellFormat(0, 14, l.Kode, "1", 1, "C", false, 0, "")
		pdf.Ln(2)
		pdf.SetFont(font, "", 10)
		pdf.CellFormat(0, 6, "3. Buat kata sandi Anda sendiri (minimal 10 karakter).", "", 1, "L", false, 0, "")
		pdf.Ln(3)
		pdf.MultiCell(0, 5.5, "Kode berlaku satu kali sampai "+Tanggal(l.Kedaluwarsa)+". Jangan berikan kode ini kepada siapa pun; "+
			"petugas tidak pernah menanyakannya. Jika kode hilang atau kata sandi terlupa, minta surat aktivasi baru kepada "+
			"operator kepegawaian OPD Anda: surat baru membatalkan surat ini.", "", "L", false)
		pdf.Ln(3)
		pdf.SetFont(font, "", 8.5)
		pdf.SetTextColor(90, 90, 90)
		pdf.MultiCell(0, 4.5, "EN: Open the portal address, choose \"Activate account\", enter your NIP and the code above, and set your "+
			"own password. The code works once, until the date above. Never share it; ask your OPD's personnel operator for a "+
			"new letter if it is lost.", "", "L", false)
		pdf.SetTextColor(0, 0, 0)
		if l.Penerbit != "" {
			pdf.Ln(6)
			pdf.SetFont(font, "", 9)
			pdf.CellFormat(0, 5, "Diterbitkan oleh: "+l.Penerbit+", "+Tanggal(d.Dibuat), "", 1, "L", false, 0, "")
		}
	}
	return finish(pdf, w)
}
