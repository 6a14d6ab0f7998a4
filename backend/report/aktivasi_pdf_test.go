package report

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestSuratAktivasiPrintsOneLetterPerPage(t *testing.T) {
	var buf bytes.Buffer
	exp := time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC)
	letters := []SuratAktivasi{
		{NIP: "198501012010011001", Nama: "Budi Santoso, S.Kom.", OPD: "Dinas Kesehatan", Kode: "7KQ2-M9XD-4TRB", PortalURL: "https://contoh/portal/", Kedaluwarsa: exp},
		{NIP: "199002022015022002", Nama: "Siti Aminah", OPD: "Dinas Kesehatan", Kode: "ABCD-EFGH-JKMN", PortalURL: "https://contoh/portal/", Kedaluwarsa: exp},
	}
	if err := WriteSuratAktivasi(&buf, MutasiDoc{PemdaNama: "Pemerintah Kota Sorong", Dibuat: exp.AddDate(0, -1, 0)}, letters); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) {
		t.Fatal("not a PDF")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext (poppler-utils) missing: make system-deps installs it")
		}
		t.Skip("pdftotext not installed")
	}
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = &buf
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	pages := strings.Split(text, "\f")
	if len(pages) < 2 || !strings.Contains(pages[0], "7KQ2-M9XD-4TRB") || !strings.Contains(pages[1], "ABCD-EFGH-JKMN") ||
		strings.Contains(pages[0], "ABCD-EFGH-JKMN") {
		t.Fatalf("one code per page expected:\n%s", text)
	}
	for _, want := range []string{"198501012010011001", "5 Januari 2027", "https://contoh/portal/"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q", want)
		}
	}
}
