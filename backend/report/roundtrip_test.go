package report_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/backend/importer"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/report"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/xuri/excelize/v2"
)

// pegawaiChecksum hashes every imported field of every employee by NIP,
// with codes in place of ids (ids differ between stores).
func pegawaiChecksum(t *testing.T, st *store.Store) (string, int) {
	t.Helper()
	rows, err := st.DB().QueryContext(ctx, `SELECT p.nip, p.nama, p.gelar_depan, p.gelar_belakang, p.jenis_kelamin, p.tempat_lahir, p.tanggal_lahir,
		p.status, p.golongan, p.golongan_pppk, p.pendidikan, p.jurusan, o.kode, u.kode, j.kode, p.tmt_jabatan, p.tmt_cpns, p.tmt_pns
		FROM pegawai p JOIN opd o ON o.id = p.opd_id JOIN unit u ON u.id = p.unit_id JOIN jabatan j ON j.id = p.jabatan_id
		WHERE p.keluar_pada = '' ORDER BY p.nip`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	h := sha256.New()
	n := 0
	for rows.Next() {
		v := make([]any, 18)
		ptr := make([]any, 18)
		for i := range v {
			ptr[i] = &v[i]
		}
		if err := rows.Scan(ptr...); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(h, v...)
		n++
	}
	return hex.EncodeToString(h.Sum(nil)), n
}

// Exporting the demo region's employees and importing the file into a store
// with the same reference data but no employees gives the same employees.
func TestPegawaiExportImportRoundTrip(t *testing.T) {
	size := 5000
	if testing.Short() {
		size = 800
	}
	b, _ := demo.Bundle(size, 1)
	open := func() *store.Store {
		st, err := store.Open(ctx, store.Options{Dir: t.TempDir(), Now: now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	src := open()
	if err := src.ImportBundle(ctx, "t", b); err != nil {
		t.Fatal(err)
	}
	svc := kepegawaian.New(kepegawaian.Config{Repo: src, NewID: store.NewID, Now: now})
	list, err := report.AllPegawai(ctx, svc.ListPegawai, kepegawaian.PegawaiQuery{})
	if err != nil {
		t.Fatal(err)
	}
	full, err := report.LoadPegawaiExport(ctx, list, src.Pegawai, src.Labels)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "pegawai.xlsx")
	var buf bytes.Buffer
	if err := report.PegawaiXLSX(&buf, full); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	// The file: real date cells, labels beside codes, a filter and a frozen header.
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, _ := f.GetRows("Pegawai")
	joined := strings.Join(head[0], "|")
	for _, want := range []string{"Kode OPD", "Kode Unit", "Kode Jabatan", "Tanggal Lahir", "Pendidikan", "Jenis Jabatan", "Kode Jenis Jabatan"} {
		if !strings.Contains(joined, want) {
			t.Fatalf("no %q column in %v", want, head[0])
		}
	}
	for _, r := range head[1:] {
		if r[17] == "PELAKSANA" || r[17] == "JPT_PRATAMA" {
			t.Fatalf("jenis jabatan shows a code: %v", r)
		}
	}
	ct, _ := f.GetCellType("Pegawai", "T2")
	if ct == excelize.CellTypeSharedString || ct == excelize.CellTypeInlineString {
		t.Fatal("TMT Jabatan is text, not a date cell")
	}
	tables, _ := f.GetTables("Pegawai")
	if len(tables) != 1 || !strings.HasPrefix(tables[0].Range, "A1:") {
		t.Fatalf("no filter over the sheet: %+v", tables)
	}
	f.Close()

	// Into a store with the reference data and no employees.
	empty := *b
	empty.Pegawai, empty.Riwayat, empty.SKP, empty.Hukdis = nil, nil, nil, nil
	dst := open()
	if err := dst.ImportBundle(ctx, "t", &empty); err != nil {
		t.Fatal(err)
	}
	abk := abksvc.New(abksvc.Config{Repo: dst, NewID: store.NewID, Now: now})
	imp := importer.New(importer.Config{Repo: dst, ABK: abk, NewID: store.NewID, Now: now})
	p, err := imp.Preview(importer.KindPegawai, path, "")
	if err != nil || len(p.Missing) != 0 {
		t.Fatalf("%v missing %v", err, p.Missing)
	}
	rep, err := imp.Commit(ctx, importer.KindPegawai, path, p.Mapping, "", nil)
	if err != nil || !rep.Committed {
		if len(rep.Errors) > 3 {
			rep.Errors = rep.Errors[:3]
		}
		t.Fatalf("%v %+v", err, rep.Errors)
	}
	a, na := pegawaiChecksum(t, src)
	bb, nb := pegawaiChecksum(t, dst)
	if a != bb || na != nb || na != len(list) {
		t.Fatalf("round trip differs: %s (%d) vs %s (%d)", a, na, bb, nb)
	}
}

// tugasChecksum hashes every task of an ABK with its position's codes, in
// position and task order (ids and the ABK differ between stores).
func tugasChecksum(t *testing.T, st *store.Store, abkID string) (string, int) {
	t.Helper()
	rows, err := st.DB().QueryContext(ctx, `SELECT o.kode, u.kode, j.kode, t.urutan, t.uraian, t.satuan_hasil, t.volume, t.periode, t.norma_menit
		FROM abk_tugas t JOIN unit u ON u.id = t.unit_id JOIN opd o ON o.id = u.opd_id JOIN jabatan j ON j.id = t.jabatan_id
		WHERE t.abk_id = ? ORDER BY o.kode, u.kode, j.kode, t.urutan`, abkID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	h := sha256.New()
	n := 0
	for rows.Next() {
		v := make([]any, 9)
		ptr := make([]any, 9)
		for i := range v {
			ptr[i] = &v[i]
		}
		if err := rows.Scan(ptr...); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(h, v...)
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil)), n
}

// Exporting the demo region's ABK tasks and importing the file into a draft
// ABK of a store with the same organisation and no tasks gives the same tasks.
func TestTugasExportImportRoundTrip(t *testing.T) {
	size := 5000
	if testing.Short() {
		size = 800
	}
	b, _ := demo.Bundle(size, 1)
	open := func() *store.Store {
		st, err := store.Open(ctx, store.Options{Dir: t.TempDir(), Now: now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	src := open()
	if err := src.ImportBundle(ctx, "t", b); err != nil {
		t.Fatal(err)
	}
	srcABK := abksvc.New(abksvc.Config{Repo: src, NewID: store.NewID, Now: now})
	abk, rows, err := report.LoadTugasExport(ctx, srcABK.PositionRows, srcABK.Tugas, "")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "abk-tugas.xlsx")
	var buf bytes.Buffer
	if err := report.TugasXLSX(&buf, rows); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tables, _ := f.GetTables("Tugas")
	if len(tables) != 1 || !strings.HasPrefix(tables[0].Range, "A1:") {
		t.Fatalf("no filter over the sheet: %+v", tables)
	}
	f.Close()

	// Same organisation (and employees), no ABK: a new draft receives the file.
	noTasks := *b
	noTasks.ABK = nil
	dst := open()
	if err := dst.ImportBundle(ctx, "t", &noTasks); err != nil {
		t.Fatal(err)
	}
	dstABK := abksvc.New(abksvc.Config{Repo: dst, NewID: store.NewID, Now: now})
	draft, err := dstABK.CreateABK(ctx, abk.Tahun, "")
	if err != nil {
		t.Fatal(err)
	}
	imp := importer.New(importer.Config{Repo: dst, ABK: dstABK, NewID: store.NewID, Now: now})
	p, err := imp.Preview(importer.KindABK, path, "")
	if err != nil || len(p.Missing) != 0 {
		t.Fatalf("%v missing %v", err, p.Missing)
	}
	if _, ok := p.Mapping.Columns["satuanHasil"]; !ok {
		t.Fatalf("satuan hasil not mapped: %v", p.Mapping.Columns)
	}
	rep, err := imp.Commit(ctx, importer.KindABK, path, p.Mapping, draft.ID, nil)
	if err != nil || !rep.Committed {
		if len(rep.Errors) > 3 {
			rep.Errors = rep.Errors[:3]
		}
		t.Fatalf("%v %+v", err, rep.Errors)
	}
	a, na := tugasChecksum(t, src, abk.ID)
	bb, nb := tugasChecksum(t, dst, draft.ID)
	if a != bb || na != nb || na != len(rows) || na == 0 {
		t.Fatalf("round trip differs: %s (%d) vs %s (%d), %d exported", a, na, bb, nb, len(rows))
	}
}
