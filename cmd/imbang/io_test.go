package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	it "github.com/bkpsdm-sorong/imbang/backend/importer/importertest"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/xuri/excelize/v2"
)

func refsOf(t *testing.T, dir string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestImportCommandDryRunFailAndCommit(t *testing.T) {
	dir := t.TempDir()
	if _, e, code := runCLI(t, "--data-dir", dir, "demo", "--size", "200", "--seed", "3"); code != 0 {
		t.Fatal(e)
	}
	st := refsOf(t, dir)
	refs, err := st.ImportRefs(context.Background())
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	rows := it.PegawaiRows(refs, 30, 9, true)
	rows[4][it.ColOPD] = "TIDAK-ADA"
	file := filepath.Join(t.TempDir(), "pegawai.xlsx")
	if err := it.WriteXLSX(file, it.PegawaiHeader, rows, it.ColTglLahir, it.ColTMTJabatan, it.ColTMTCPNS, it.ColTMTPNS); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "--data-dir", dir, "import", file, "--dry-run")
	if code != 2 || !strings.Contains(out, "baris 6 [Kode OPD=\"TIDAK-ADA\"]") || !strings.Contains(errOut, "import.rows") {
		t.Fatalf("bad row: %d\n%s\n%s", code, out, errOut)
	}
	rows[4][it.ColOPD] = rows[3][it.ColOPD]
	rows[4][it.ColUnit] = rows[3][it.ColUnit]
	it.WriteXLSX(file, it.PegawaiHeader, rows, it.ColTglLahir, it.ColTMTJabatan, it.ColTMTCPNS, it.ColTMTPNS)
	if out, e, code := runCLI(t, "--data-dir", dir, "import", "--dry-run", file); code != 0 || !strings.Contains(out, "semua baris valid") {
		t.Fatalf("dry run: %d %s %s", code, out, e)
	}
	out, e, code := runCLI(t, "--data-dir", dir, "import", file, "--kind", "pegawai")
	if code != 0 || !strings.Contains(out, "Tersimpan: 30 baris") {
		t.Fatalf("commit: %d %s %s", code, out, e)
	}
	if out, _, _ := runCLI(t, "--data-dir", dir, "pegawai", "--limit", "1"); !strings.Contains(out, "dari 230)") {
		t.Fatalf("after import: %s", out)
	}
	// ABK: the kind is guessed from the headers; the demo ABK is final, so it is refused.
	abkFile := filepath.Join(t.TempDir(), "abk.csv")
	it.WriteCSV(abkFile, it.ABKHeader, it.ABKRows(refs, 5, 1), ';', true)
	if out, e, code := runCLI(t, "--data-dir", dir, "import", abkFile); code != 2 || !strings.Contains(out, "impor abk") || !strings.Contains(e, "import.abk_required") {
		t.Fatalf("abk into final: %d %s %s", code, out, e)
	}
	if _, e, code := runCLI(t, "--data-dir", dir, "import"); code != 2 || !strings.Contains(e, "cli.file") {
		t.Fatalf("no file: %d %s", code, e)
	}
}

func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	if _, e, code := runCLI(t, "--data-dir", dir, "demo", "--size", "200", "--seed", "3"); code != 0 {
		t.Fatal(e)
	}
	outDir := t.TempDir()
	for _, c := range []struct{ what, file string }{{"pegawai", "p.xlsx"}, {"abk", "d.xlsx"}, {"abk", "laporan.pdf"}, {"posisi", "pos.xlsx"}} {
		path := filepath.Join(outDir, c.file)
		if out, e, code := runCLI(t, "--data-dir", dir, "export", "--what", c.what, "--out", path); code != 0 || !strings.Contains(out, "Ditulis") {
			t.Fatalf("%s: %d %s", c.what, code, e)
		}
		b, err := os.ReadFile(path)
		if err != nil || len(b) < 1000 {
			t.Fatalf("%s: %v", path, err)
		}
	}
	f, err := excelize.OpenFile(filepath.Join(outDir, "p.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Pegawai")
	f.Close()
	if len(rows) != 201 {
		t.Fatalf("%d rows in the pegawai export", len(rows))
	}
	if _, e, code := runCLI(t, "--data-dir", dir, "export", "--what", "pegawai", "--out", filepath.Join(outDir, "x.pdf")); code != 2 || !strings.Contains(e, "cli.out_type") {
		t.Fatalf("pdf for pegawai: %d %s", code, e)
	}
}

// The ABK task export is the ABK import's layout: the demo's tasks, exported
// and imported into a new draft, are stored whole.
func TestExportABKTugasReimports(t *testing.T) {
	dir := t.TempDir()
	if _, e, code := runCLI(t, "--data-dir", dir, "demo", "--size", "200", "--seed", "3"); code != 0 {
		t.Fatal(e)
	}
	path := filepath.Join(t.TempDir(), "tugas.xlsx")
	if out, e, code := runCLI(t, "--data-dir", dir, "export", "--what", "abk-tugas", "--out", path); code != 0 || !strings.Contains(out, "Ditulis") {
		t.Fatalf("export: %d %s %s", code, out, e)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Tugas")
	f.Close()
	if len(rows) < 10 || rows[0][6] != "Uraian Tugas" {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	if _, e, code := runCLI(t, "--data-dir", dir, "abk", "new", "--tahun", "2030"); code != 0 {
		t.Fatal(e)
	}
	want := fmt.Sprintf("Tersimpan: %d baris", len(rows)-1)
	if out, e, code := runCLI(t, "--data-dir", dir, "import", path); code != 0 || !strings.Contains(out, want) {
		t.Fatalf("import: %d %s %s", code, out, e)
	}
}
