package report_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/report"
)

func mutasiDoc() report.MutasiDoc {
	return report.MutasiDoc{PemdaNama: "Pemerintah Kota Sorong", Demo: true, Dibuat: now()}
}

func pegawaiMutasi(i int) report.PegawaiMutasi {
	return report.PegawaiMutasi{NIP: fmt.Sprintf("19850312 201001 1 %03d", i), Nama: fmt.Sprintf("Yohanes Kambu %d, S.Kom.", i), Pangkat: "Penata / III/c",
		JabatanLama: "Pranata Komputer Ahli Pertama", UnitLama: "Bidang Aplikasi Informatika", OPDLama: "Dinas Komunikasi dan Informatika",
		JabatanBaru: "Pranata Komputer Ahli Pertama", UnitBaru: "Sub Bagian Umum dan Kepegawaian", OPDBaru: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", TMT: "1 Agustus 2026"}
}

// text extracts a PDF's text with pdftotext and keeps the PDF (and a PNG of
// its first page) in $IMBANG_PDF_OUT when set, for looking at.
func text(t *testing.T, name string, pdf []byte) string {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("%s: not a PDF", name)
	}
	dir := os.Getenv("IMBANG_PDF_OUT")
	if dir == "" {
		dir = t.TempDir()
	}
	p := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		// Without poppler: the embedded font's subset still carries the text
		// as glyph ids, so check only that the PDF is complete.
		if !bytes.Contains(pdf, []byte("%%EOF")) {
			t.Fatalf("%s: truncated", name)
		}
		return ""
	}
	out, err := exec.Command("pdftotext", "-layout", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("IMBANG_PDF_OUT") != "" {
		exec.Command("pdftoppm", "-png", "-r", "60", p, strings.TrimSuffix(p, ".pdf")).Run()
	}
	return string(out)
}

func must(t *testing.T, name, txt string, wants ...string) {
	t.Helper()
	if txt == "" {
		return
	}
	for _, w := range wants {
		if !strings.Contains(txt, w) {
			t.Errorf("%s lacks %q", name, w)
		}
	}
}

func TestNotaUsulanPDF(t *testing.T) {
	n := report.NotaUsulan{MutasiDoc: mutasiDoc(), Nomor: "MUT/2026/A1B2-000001", Tanggal: "1 Juli 2026", Jenis: "T1 — Mutasi antar OPD dalam satu Pemda",
		APS: true, Alasan: "Mengikuti suami yang ditugaskan di Distrik Sorong Timur.", Status: "Diajukan", Pegawai: pegawaiMutasi(1),
		Tujuan:     []string{"Pranata Komputer Ahli Pertama, Sub Bagian Umum, BKPSDM", "Pranata Komputer Ahli Pertama, Bidang Statistik, Diskominfo"},
		AturanAsal: "Hasil pemeriksaan aturan MUT-01 … MUT-20 sebagaimana tercatat pada langkah terakhir usulan ini."}
	for i := 1; i <= 20; i++ {
		r := report.RuleLine{RuleID: fmt.Sprintf("MUT-%02d", i), Severity: "BLOCK", Outcome: "PASS", Pesan: "Masa kerja pada jabatan saat ini 3 tahun 4 bulan 2 hari, sekurang-kurangnya 2 tahun."}
		if i == 10 {
			r.Severity, r.Outcome, r.Pesan = "WARN", "FAIL", "SKP tahun 2025 tidak tercatat; SKP 2024 Baik. Aturan mensyaratkan SKP sekurang-kurangnya Baik dalam 2 tahun terakhir."
		}
		n.Aturan = append(n.Aturan, r)
	}
	n.Justifikasi = []report.JustifikasiLine{{Langkah: "Verifikasi BKPSDM", Oleh: "Rina (Verifikator BKPSDM)", Tanggal: "3 Juli 2026",
		Teks: "SKP 2025 belum final di seluruh OPD; predikat 2024 Baik dan atasan langsung menyatakan kinerja baik."}}
	var buf bytes.Buffer
	if err := report.NotaUsulanPDF(&buf, n); err != nil {
		t.Fatal(err)
	}
	must(t, "nota usulan", text(t, "nota-usulan", buf.Bytes()), "NOTA USULAN MUTASI PEGAWAI", "MUT/2026/A1B2-000001", "19850312 201001 1 001",
		"Dinas Komunikasi dan Informatika", "Pilihan 2", "Ya (APS)", "Mengikuti suami", "19 aturan terpenuhi, 0 tidak terpenuhi (menghalangi), 1 peringatan",
		"MUT-10", "Tidak terpenuhi", "DATA CONTOH FIKTIF", "Halaman 1 dari",
		"F. Justifikasi atas peringatan", "Verifikasi BKPSDM — Rina (Verifikator BKPSDM)", "SKP 2025 belum final")
}

func TestDraftSKPDF(t *testing.T) {
	d := report.DraftSK{MutasiDoc: mutasiDoc(), Pejabat: "WALI KOTA SORONG", Tempat: "Sorong", JenisSK: "antar perangkat daerah"}
	for i := 1; i <= 23; i++ {
		d.Pegawai = append(d.Pegawai, pegawaiMutasi(i))
		d.Usulan = append(d.Usulan, fmt.Sprintf("MUT/2026/A1B2-%06d", i))
	}
	d.Pegawai[3].TMT = ""
	var buf bytes.Buffer
	if err := report.DraftSKPDF(&buf, d); err != nil {
		t.Fatal(err)
	}
	txt := text(t, "draf-sk", buf.Bytes())
	must(t, "draft SK", txt, "KEPUTUSAN WALI KOTA SORONG", "NOMOR ....", "TENTANG", "Menimbang", "Mengingat", "MEMUTUSKAN:", "KESATU",
		"DRAF — BELUM DITANDATANGANI", "dua puluh tiga", "Peraturan Pemerintah Nomor 11 Tahun 2017", "LAMPIRAN KEPUTUSAN WALI KOTA SORONG",
		"DAFTAR PEGAWAI NEGERI SIPIL YANG DIMUTASI", "19850312 201001 1 001", "19850312 201001 1 023", "1 Agustus 2026", "Jabatan baru", "TMT",
		"DATA CONTOH FIKTIF")
	if txt != "" && strings.Count(txt, "\f") < 3 {
		t.Errorf("23 employees should span more than one lampiran page: %d pages", strings.Count(txt, "\f"))
	}
}

func TestTandaTerimaPDF(t *testing.T) {
	tt := report.TandaTerima{MutasiDoc: mutasiDoc(), Nomor: "MUT/2026/A1B2-000001", Tanggal: "1 Juli 2026", Jenis: "T1 — Mutasi antar OPD dalam satu Pemda",
		Status: "Diajukan", Pegawai: pegawaiMutasi(1), Tujuan: "Pranata Komputer Ahli Pertama, Sub Bagian Umum, BKPSDM",
		Dokumen: []report.DokumenDiterima{{Nama: "Surat permohonan pindah", NamaBerkas: "permohonan.pdf", Ukuran: "120 KB", Diterima: "1 Juli 2026", Status: "Sesuai"},
			{Nama: "Salinan sah SK pangkat terakhir", NamaBerkas: "sk-pangkat-iii-c-scan-resolusi-tinggi.jpg", Ukuran: "1,2 MB", Diterima: "1 Juli 2026", Status: "Tidak sesuai: salinan belum dilegalisasi"}},
		Kurang: []string{"Salinan sah SK jabatan terakhir", "SKP bernilai baik 2 tahun terakhir"}}
	var buf bytes.Buffer
	if err := report.TandaTerimaPDF(&buf, tt); err != nil {
		t.Fatal(err)
	}
	must(t, "tanda terima", text(t, "tanda-terima", buf.Bytes()), "TANDA TERIMA USULAN MUTASI", "MUT/2026/A1B2-000001", "Yohanes Kambu 1",
		"permohonan.pdf", "Surat permohonan pindah", "Dokumen yang belum diterima", "Salinan sah SK jabatan terakhir", "Petugas BKPSDM", "DATA CONTOH FIKTIF")
	// Not the demo: no fictitious-data note.
	tt.Demo = false
	buf.Reset()
	if err := report.TandaTerimaPDF(&buf, tt); err != nil {
		t.Fatal(err)
	}
	if txt := text(t, "tanda-terima-nyata", buf.Bytes()); txt != "" && strings.Contains(txt, "FIKTIF") {
		t.Error("a real installation's receipt says FIKTIF")
	}
}
