package importer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/importer"
	it "github.com/bkpsdm-sorong/imbang/backend/importer/importertest"
	"github.com/xuri/excelize/v2"
)

// A Windows-1252 file with an ASCII header and an "é" in a data row is read
// as Windows-1252 (with a notice) and the name lands as UTF-8.
func TestWindows1252DataRowConverted(t *testing.T) {
	e := newEnv(t, 200)
	path := filepath.Join(e.dir, "cp1252.csv")
	rows := it.PegawaiRows(e.refs, 3, 7, false)
	rows[2][it.ColNama] = "Andr\xe9as Wamb\xe9"
	if err := it.WriteCSV(path, it.PegawaiHeader, rows, ';', false); err != nil {
		t.Fatal(err)
	}
	p, err := e.imp.Preview(importer.KindPegawai, path, "")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := e.imp.DryRun(ctx, importer.KindPegawai, path, p.Mapping, "", nil)
	if err != nil || rep.Failed != 0 {
		t.Fatalf("%v %+v", err, rep.Errors)
	}
	if len(rep.Notices) != 1 || rep.Notices[0].Code != "import.encoding_cp1252" || !strings.Contains(rep.Notices[0].Message, "baris 4") {
		t.Fatalf("notices %+v", rep.Notices)
	}
	if _, err := e.imp.Commit(ctx, importer.KindPegawai, path, p.Mapping, "", nil); err != nil {
		t.Fatal(err)
	}
	var nama string
	if err := e.st.DB().QueryRowContext(ctx, "SELECT nama FROM pegawai WHERE nama LIKE 'Andr%'").Scan(&nama); err != nil || nama != "Andréas Wambé" {
		t.Fatalf("%q %v", nama, err)
	}
}

// Bytes that are neither UTF-8 nor certainly Windows-1252 (a mix with valid
// UTF-8, or a byte Windows-1252 leaves unassigned) are refused, naming the
// first bad line; nothing is stored.
func TestUncertainEncodingRefused(t *testing.T) {
	e := newEnv(t, 200)
	for name, bad := range map[string]string{"mixed": "Andr\xe9as Wambé", "undefined": "Andr\x81as"} {
		path := filepath.Join(e.dir, name+".csv")
		rows := it.PegawaiRows(e.refs, 4, 8, false)
		rows[2][it.ColNama] = bad
		it.WriteCSV(path, it.PegawaiHeader, rows, ';', false)
		before := e.counts(t)
		_, err := e.imp.Preview(importer.KindPegawai, path, "")
		if codeOf(err) != "import.encoding" || !strings.Contains(err.Error(), "line 4") {
			t.Fatalf("%s: %v", name, err)
		}
		if e.counts(t) != before {
			t.Fatal("stored")
		}
	}
}

func writeABK(t *testing.T, e *env, name string, volumes []string, numeric bool) string {
	t.Helper()
	rows := it.ABKRows(e.refs, len(volumes), 3)
	for i, v := range volumes {
		rows[i][5] = v
	}
	path := filepath.Join(e.dir, name)
	if strings.HasSuffix(name, ".csv") {
		it.WriteCSV(path, it.ABKHeader, rows, ';', false)
		return path
	}
	f := excelize.NewFile()
	defer f.Close()
	for c, h := range it.ABKHeader {
		cell, _ := excelize.CoordinatesToCellName(c+1, 1)
		f.SetCellValue("Sheet1", cell, h)
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			if c == 5 && numeric {
				f.SetCellFloat("Sheet1", cell, 1.2, -1, 64)
			} else {
				f.SetCellStr("Sheet1", cell, v)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// Numbers follow the import's locale: in id-ID "1.200" is 1200 and
// "1.200.000" 1,200,000; "1.5" fits neither reading and fails its row.
func TestNumbersByLocale(t *testing.T) {
	e := newEnv(t, 200)
	draft, err := e.abk.CreateABK(ctx, 2027, "")
	if err != nil {
		t.Fatal(err)
	}
	path := writeABK(t, e, "abk.csv", []string{"1.200", "1.200.000", "2,5", "1.234,5", "1.5"}, false)
	p, _ := e.imp.Preview(importer.KindABK, path, "")
	rep, err := e.imp.DryRun(ctx, importer.KindABK, path, p.Mapping, draft.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed != 1 || rep.Errors[0].Line != 6 || rep.Errors[0].Reasons[0].Code != "import.number_ambiguous" {
		t.Fatalf("%+v", rep.Errors)
	}
	// Without the ambiguous row it commits with the id-ID values.
	path = writeABK(t, e, "abk2.csv", []string{"1.200", "1.200.000", "2,5", "1.234,5"}, false)
	rep, err = e.imp.Commit(ctx, importer.KindABK, path, p.Mapping, draft.ID, nil)
	if err != nil || !rep.Committed {
		t.Fatalf("%v %+v", err, rep.Errors)
	}
	var sum float64
	e.st.DB().QueryRowContext(ctx, "SELECT sum(volume) FROM abk_tugas WHERE abk_id = ?", draft.ID).Scan(&sum)
	if sum != 1200+1200000+2.5+1234.5 {
		t.Fatalf("volumes sum %v", sum)
	}
	// en-US: "1,200.5" is 1200.5 and "1.200" one point two; "1,5" is refused.
	path = writeABK(t, e, "abk3.csv", []string{"1,200.5", "1.200", "1,5"}, false)
	m := p.Mapping
	m.Locale = "en-US"
	rep, _ = e.imp.DryRun(ctx, importer.KindABK, path, m, draft.ID, nil)
	if rep.Failed != 1 || rep.Errors[0].Line != 4 {
		t.Fatalf("%+v", rep.Errors)
	}
	// An xlsx numeric cell is a number whatever the locale (1.2 stays 1.2);
	// the same digits typed as text follow the locale.
	path = writeABK(t, e, "abk.xlsx", []string{"1.200"}, true)
	rep, err = e.imp.Commit(ctx, importer.KindABK, path, p.Mapping, draft.ID, nil)
	if err != nil || !rep.Committed {
		t.Fatalf("%v %+v", err, rep.Errors)
	}
	var v float64
	first := "SELECT volume FROM abk_tugas WHERE abk_id = ? AND uraian = 'Menyusun dokumen kegiatan 1'"
	e.st.DB().QueryRowContext(ctx, first, draft.ID).Scan(&v)
	if v != 1.2 {
		t.Fatalf("numeric cell read as %v", v)
	}
	path = writeABK(t, e, "abk-text.xlsx", []string{"1.200"}, false)
	e.imp.Commit(ctx, importer.KindABK, path, p.Mapping, draft.ID, nil)
	e.st.DB().QueryRowContext(ctx, first, draft.ID).Scan(&v)
	if v != 1200 {
		t.Fatalf("text cell read as %v", v)
	}
}

// A merged title row above the header is skipped; a two-row merged header is
// joined; the header line can be chosen.
func TestHeaderRowDetectionAndChoice(t *testing.T) {
	e := newEnv(t, 200)
	rows := it.PegawaiRows(e.refs, 5, 9, false)
	path := filepath.Join(e.dir, "judul.xlsx")
	f := excelize.NewFile()
	f.SetCellStr("Sheet1", "A1", "DAFTAR PEGAWAI BKPSDM KABUPATEN SORONG 2026")
	f.MergeCell("Sheet1", "A1", "Q1")
	put := func(line int, cells []string) {
		for c, v := range cells {
			cell, _ := excelize.CoordinatesToCellName(c+1, line)
			f.SetCellStr("Sheet1", cell, v)
		}
	}
	put(3, it.PegawaiHeader)
	for i, r := range rows {
		put(4+i, r)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	p, err := e.imp.Preview(importer.KindPegawai, path, "")
	if err != nil || p.HeaderRow != 3 || len(p.Missing) != 0 || p.RowCount != 5 || len(p.Top) == 0 || p.Top[0].Line != 1 {
		t.Fatalf("%v header %d missing %v rows %d", err, p.HeaderRow, p.Missing, p.RowCount)
	}
	rep, err := e.imp.DryRun(ctx, importer.KindPegawai, path, p.Mapping, "", nil)
	if err != nil || rep.Failed != 0 || rep.Total != 5 {
		t.Fatalf("%v %+v", err, rep)
	}
	// Choosing line 1 reads the title as the header: nothing maps.
	p1, err := e.imp.PreviewAt(importer.KindPegawai, path, "", 1)
	if err != nil || p1.HeaderRow != 1 || len(p1.Missing) == 0 {
		t.Fatalf("%v %+v", err, p1.Missing)
	}

	// Two-row header: "TMT" over Jabatan/CPNS/PNS, "Tanggal" over Lahir.
	top := make([]string, len(it.PegawaiHeader))
	sub := make([]string, len(it.PegawaiHeader))
	copy(top, it.PegawaiHeader)
	for i, h := range it.PegawaiHeader {
		switch h {
		case "Tgl Lahir":
			top[i], sub[i] = "Tanggal", "Lahir"
		case "TMT Jabatan":
			top[i], sub[i] = "TMT", "Jabatan"
		case "TMT CPNS":
			top[i], sub[i] = "", "CPNS"
		case "TMT PNS":
			top[i], sub[i] = "", "PNS"
		}
	}
	path2 := filepath.Join(e.dir, "dua.csv")
	it.WriteCSV(path2, top, append([][]string{sub}, rows...), ',', true)
	p2, err := e.imp.Preview(importer.KindPegawai, path2, "")
	if err != nil || len(p2.Missing) != 0 || p2.RowCount != 5 {
		t.Fatalf("%v %v %v", err, p2.Headers, p2.Missing)
	}
	for _, k := range []string{"tanggalLahir", "tmtJabatan", "tmtCpns", "tmtPns"} {
		if _, ok := p2.Mapping.Columns[k]; !ok {
			t.Fatalf("%s unmapped: %v", k, p2.Headers)
		}
	}
	os.Remove(path2)
}

// An error line quotes a date as users read it, not the Excel serial.
func TestErrorLinesQuoteDatesInIndonesian(t *testing.T) {
	e := newEnv(t, 200)
	rows := it.PegawaiRows(e.refs, 2, 5, false)
	rows[1][it.ColTglLahir] = "46402" // 15 January 2027: not a possible birth date for an employee
	path := filepath.Join(e.dir, "tgl.csv")
	it.WriteCSV(path, it.PegawaiHeader, rows, ';', true)
	p, _ := e.imp.Preview(importer.KindPegawai, path, "")
	rep, err := e.imp.DryRun(ctx, importer.KindPegawai, path, p.Mapping, "", nil)
	if err != nil || rep.Failed != 1 {
		t.Fatalf("%v %+v", err, rep.Errors)
	}
	found := false
	for _, r := range rep.Errors[0].Reasons {
		if r.Field == "tanggalLahir" {
			found = true
			if r.Value != "15 Januari 2027" {
				t.Fatalf("value quoted as %q", r.Value)
			}
		}
	}
	if !found {
		t.Fatalf("no birth-date reason: %+v", rep.Errors[0].Reasons)
	}
}
