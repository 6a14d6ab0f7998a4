package importer_test

import (
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/importer"
	it "github.com/bkpsdm-sorong/imbang/backend/importer/importertest"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/xuri/excelize/v2"
)

var ctx = storetest.Ctx(storetest.Admin) // services write and decide only for an actor

func now() time.Time { return time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC) }

type env struct {
	st   *store.Store
	abk  *abksvc.Service
	imp  *importer.Service
	refs *importer.Refs
	dir  string
}

// newEnv opens a store with the demo region of the given size as reference data.
func newEnv(t testing.TB, size int) *env {
	t.Helper()
	dir := t.TempDir()
	st := storetest.Demo(t, dir, size, now)
	abk := abksvc.New(abksvc.Config{Repo: st, NewID: store.NewID, Now: now})
	refs, err := st.ImportRefs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return &env{st: st, abk: abk, refs: refs, dir: dir,
		imp: importer.New(importer.Config{Repo: st, ABK: abk, NewID: store.NewID, Now: now})}
}

func (e *env) count(t testing.TB, q string) int {
	t.Helper()
	var n int
	if err := e.st.DB().QueryRowContext(ctx, q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func (e *env) counts(t testing.TB) [3]int {
	return [3]int{e.count(t, "SELECT count(*) FROM pegawai"), e.count(t, "SELECT count(*) FROM riwayat_jabatan"), e.count(t, "SELECT count(*) FROM outbox")}
}

func lines(r importer.Report) []int {
	var out []int
	for _, e := range r.Errors {
		out = append(out, e.Line)
	}
	return out
}

// The acceptance test: a generated 1,000-row file with exactly five
// bad rows reports exactly those five with reasons and stores nothing; fixed,
// all 1,000 rows land, each with its history row and outbox entries.
func TestThousandRowsFiveBadThenFixed(t *testing.T) {
	e := newEnv(t, 300)
	rows := it.PegawaiRows(e.refs, 1000, 42, true)
	good := slices.Clone(rows)
	for i := range good {
		good[i] = slices.Clone(rows[i])
	}
	// Row index i is file line i+2 (line 1 is the header).
	bad := map[int]string{}
	rows[10][it.ColNIP] = "19860926201505100" // 17 digits
	bad[12] = "nip"
	rows[200][it.ColOPD] = "ZZZ-TIDAK-ADA"
	bad[202] = "opdKode"
	rows[333] = slices.Clone(rows[5]) // the same person twice in the file
	bad[335] = "nip"
	rows[500][it.ColTglLahir] = "31/02/1990"
	bad[502] = "tanggalLahir"
	// A unit of another OPD.
	for _, u := range e.refs.Unit {
		if u.OPDKode != rows[777][it.ColOPD] {
			rows[777][it.ColUnit] = u.Kode
			if !slices.ContainsFunc(e.refs.Unit, func(x importer.RefUnit) bool { return x.OPDKode == rows[777][it.ColOPD] && x.Kode == u.Kode }) {
				break
			}
		}
	}
	bad[779] = "unitKode"

	path := filepath.Join(e.dir, "pegawai.xlsx")
	if err := it.WriteXLSX(path, it.PegawaiHeader, rows, it.ColTglLahir, it.ColTMTJabatan, it.ColTMTCPNS, it.ColTMTPNS); err != nil {
		t.Fatal(err)
	}
	p, err := e.imp.Preview(importer.KindPegawai, path, "")
	if err != nil {
		t.Fatal(err)
	}
	if p.RowCount != 1000 || len(p.Rows) != importer.PreviewRows || len(p.Missing) != 0 {
		t.Fatalf("preview: %d rows, %d shown, missing %v, mapping %v", p.RowCount, len(p.Rows), p.Missing, p.Mapping.Columns)
	}
	before := e.counts(t)
	var phases []string
	progress := func(phase string, done, total int) {
		if len(phases) == 0 || phases[len(phases)-1] != phase {
			phases = append(phases, phase)
		}
	}
	for _, commit := range []bool{false, true} {
		run := e.imp.DryRun
		if commit {
			run = e.imp.Commit
		}
		rep, err := run(ctx, importer.KindPegawai, path, p.Mapping, "", progress)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Total != 1000 || rep.Valid != 995 || rep.Failed != 5 || rep.Committed {
			t.Fatalf("commit=%v: total %d valid %d failed %d committed %v", commit, rep.Total, rep.Valid, rep.Failed, rep.Committed)
		}
		want := []int{12, 202, 335, 502, 779}
		if got := lines(rep); !slices.Equal(got, want) {
			t.Fatalf("failed lines %v, want %v: %+v", got, want, rep.Errors)
		}
		for _, re := range rep.Errors {
			if len(re.Reasons) != 1 || re.Reasons[0].Field != bad[re.Line] || re.Reasons[0].Message == "" || re.Reasons[0].MessageEN == "" {
				t.Errorf("line %d: reasons %+v, want one about %s", re.Line, re.Reasons, bad[re.Line])
			}
			t.Logf("baris %d: %s", re.Line, re.Reasons[0].Message)
		}
		if got := e.counts(t); got != before {
			t.Fatalf("commit=%v stored something: %v → %v", commit, before, got)
		}
	}

	if err := it.WriteXLSX(path, it.PegawaiHeader, good, it.ColTglLahir, it.ColTMTJabatan, it.ColTMTCPNS, it.ColTMTPNS); err != nil {
		t.Fatal(err)
	}
	phases = nil
	rep, err := e.imp.Commit(ctx, importer.KindPegawai, path, p.Mapping, "", progress)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Committed || rep.Stored != 1000 || rep.Failed != 0 {
		t.Fatalf("fixed file: %+v", rep.Errors)
	}
	after := e.counts(t)
	if after[0]-before[0] != 1000 || after[1]-before[1] != 1000 || after[2]-before[2] != 2000 {
		t.Fatalf("counts %v → %v; want +1000 pegawai, +1000 riwayat, +2000 outbox", before, after)
	}
	if !slices.Equal(phases, []string{importer.PhaseCheck, importer.PhaseWrite}) {
		t.Fatalf("phases %v", phases)
	}
	// Spot-check one row's values and forms: NIP with spaces, the golongan code, dates.
	var nip, tl, gol string
	e.st.DB().QueryRowContext(ctx, "SELECT nip, tanggal_lahir, golongan FROM pegawai WHERE nip = ?", strings.ReplaceAll(good[3][it.ColNIP], " ", "")).Scan(&nip, &tl, &gol)
	if nip == "" || tl != nip[0:4]+"-"+nip[4:6]+"-"+nip[6:8] {
		t.Fatalf("row 3 stored as nip %q birth %q", nip, tl)
	}
	// Importing the same file again: every NIP is now taken.
	rep, err = e.imp.DryRun(ctx, importer.KindPegawai, path, p.Mapping, "", nil)
	if err != nil || rep.Failed != 1000 || rep.Errors[0].Reasons[0].Code != "pegawai.nip_taken" {
		t.Fatalf("re-import: %v %+v", err, rep.Errors[:1])
	}
}

func TestCSVDelimitersAndBOM(t *testing.T) {
	e := newEnv(t, 200)
	rows := it.PegawaiRows(e.refs, 50, 7, false)
	rows[0][it.ColNama] = `Maria "Ina" Kambu; S` // quotes and the delimiter inside a field
	for _, tc := range []struct {
		name  string
		delim rune
		bom   bool
	}{{"semicolon-bom.csv", ';', true}, {"comma.csv", ',', false}} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(e.dir, tc.name)
			if err := it.WriteCSV(path, it.PegawaiHeader, rows, tc.delim, tc.bom); err != nil {
				t.Fatal(err)
			}
			p, err := e.imp.Preview(importer.KindPegawai, path, "")
			if err != nil {
				t.Fatal(err)
			}
			if p.Headers[0] != "NIP" || len(p.Headers) != len(it.PegawaiHeader) || p.RowCount != 50 || p.Rows[0][it.ColNama] != rows[0][it.ColNama] {
				t.Fatalf("preview: %q %d %q", p.Headers, p.RowCount, p.Rows[0])
			}
			rep, err := e.imp.DryRun(ctx, importer.KindPegawai, path, p.Mapping, "", nil)
			if err != nil || rep.Valid != 50 {
				t.Fatalf("dry run: %v %+v", err, rep.Errors)
			}
		})
	}
	// Committing one of them lands all 50.
	rep, err := e.imp.Commit(ctx, importer.KindPegawai, filepath.Join(e.dir, "comma.csv"), importer.Mapping{Columns: importer.Suggest(importer.KindPegawai, it.PegawaiHeader)}, "", nil)
	if err != nil || !rep.Committed || rep.Stored != 50 {
		t.Fatalf("commit: %v %+v", err, rep)
	}
}

func TestMappingAndFileErrors(t *testing.T) {
	e := newEnv(t, 200)
	path := filepath.Join(e.dir, "p.csv")
	if err := it.WriteCSV(path, it.PegawaiHeader, it.PegawaiRows(e.refs, 3, 1, false), ';', false); err != nil {
		t.Fatal(err)
	}
	m := importer.Mapping{Columns: importer.Suggest(importer.KindPegawai, it.PegawaiHeader)}
	delete(m.Columns, "nip")
	_, err := e.imp.DryRun(ctx, importer.KindPegawai, path, m, "", nil)
	if code := codeOf(err); code != "import.mapping" {
		t.Fatalf("missing nip: %v", err)
	}
	m.Columns["nip"] = 99
	if _, err := e.imp.DryRun(ctx, importer.KindPegawai, path, m, "", nil); codeOf(err) != "import.mapping" {
		t.Fatalf("column 99: %v", err)
	}
	for name, want := range map[string]string{"x.pdf": "import.file_type", "tidak-ada.csv": "import.not_found"} {
		if _, err := e.imp.Preview(importer.KindPegawai, filepath.Join(e.dir, name), ""); codeOf(err) != want {
			t.Errorf("%s: %v", name, err)
		}
	}
	os.WriteFile(filepath.Join(e.dir, "rusak.xlsx"), []byte("bukan zip"), 0o644)
	if _, err := e.imp.Preview(importer.KindPegawai, filepath.Join(e.dir, "rusak.xlsx"), ""); codeOf(err) != "import.open" {
		t.Errorf("broken xlsx: %v", err)
	}
	os.WriteFile(filepath.Join(e.dir, "kosong.csv"), []byte("\n\n"), 0o644)
	if _, err := e.imp.Preview(importer.KindPegawai, filepath.Join(e.dir, "kosong.csv"), ""); codeOf(err) != "import.empty" {
		t.Errorf("empty csv: %v", err)
	}
}

func TestABKImportIntoDraft(t *testing.T) {
	e := newEnv(t, 200)
	path := filepath.Join(e.dir, "abk.csv")
	rows := it.ABKRows(e.refs, 40, 3)
	rows[7][2] = "KODE-X"  // jabatan
	rows[9][6] = "KUARTAL" // periode
	rows[11][5] = "nol"    // volume
	if err := it.WriteCSV(path, it.ABKHeader, rows, ',', true); err != nil {
		t.Fatal(err)
	}
	p, err := e.imp.Preview(importer.KindABK, path, "")
	if err != nil || len(p.Missing) != 0 {
		t.Fatalf("preview: %v %v %v", err, p.Missing, p.Mapping)
	}
	// The demo ABK is final: refused; and with no draft at all, a clear error.
	if _, err := e.imp.DryRun(ctx, importer.KindABK, path, p.Mapping, "", nil); codeOf(err) != "import.abk_required" {
		t.Fatalf("no draft: %v", err)
	}
	list, _ := e.abk.ListABK(ctx)
	if _, err := e.imp.DryRun(ctx, importer.KindABK, path, p.Mapping, list[0].ID, nil); codeOf(err) != "abk.final" {
		t.Fatalf("final: %v", err)
	}
	draft, err := e.abk.CreateABK(ctx, 2027, "")
	if err != nil {
		t.Fatal(err)
	}
	outbox := e.count(t, "SELECT count(*) FROM outbox")
	rep, err := e.imp.Commit(ctx, importer.KindABK, path, p.Mapping, draft.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(lines(rep), []int{9, 11, 13}) || rep.Committed || e.count(t, "SELECT count(*) FROM outbox") != outbox {
		t.Fatalf("bad rows: %v committed %v %+v", lines(rep), rep.Committed, rep.Errors)
	}
	rows[7][2], rows[9][6], rows[11][5] = rows[8][2], "bulan", "2"
	it.WriteCSV(path, it.ABKHeader, rows, ',', true)
	rep, err = e.imp.Commit(ctx, importer.KindABK, path, p.Mapping, draft.ID, nil)
	if err != nil || !rep.Committed || rep.Stored != 40 {
		t.Fatalf("commit: %v %+v", err, rep)
	}
	if n := e.count(t, "SELECT count(*) FROM abk_tugas WHERE abk_id = '"+draft.ID+"'"); n != 40 {
		t.Fatalf("%d tasks stored", n)
	}
}

func TestTemplatesHaveHeaderExampleAndReference(t *testing.T) {
	e := newEnv(t, 200)
	for _, k := range []importer.Kind{importer.KindPegawai, importer.KindABK} {
		path := filepath.Join(e.dir, string(k)+".xlsx")
		fh, _ := os.Create(path)
		if err := e.imp.Template(ctx, k, fh); err != nil {
			t.Fatal(err)
		}
		fh.Close()
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.GetSheetList(); !slices.Equal(got, []string{"Data", "Referensi"}) {
			t.Fatalf("sheets %v", got)
		}
		ref, _ := f.GetRows("Referensi")
		if len(ref) < len(e.refs.Unit)+2 {
			t.Fatalf("%s: Referensi has %d rows for %d units", k, len(ref), len(e.refs.Unit))
		}
		f.Close()
		// The template's own example row passes a dry run (the ABK one needs a draft).
		p, err := e.imp.Preview(k, path, "")
		if err != nil || len(p.Missing) != 0 || p.RowCount != 1 {
			t.Fatalf("%s template preview: %v %+v", k, err, p)
		}
		if k == importer.KindPegawai {
			rep, err := e.imp.DryRun(ctx, k, path, p.Mapping, "", nil)
			if err != nil || rep.Valid != 1 {
				t.Fatalf("template example: %v %+v", err, rep.Errors)
			}
		}
	}
}

func codeOf(err error) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	code, _, _ := strings.Cut(s, ":")
	return code
}
