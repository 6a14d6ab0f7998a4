package evaluasi_test

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/dokumen"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/evaluasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/report"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/xuri/excelize/v2"
)

// ctx is the context every call of the test runs with; as changes its actor.
var ctx = storetest.Ctx(storetest.Admin)

type fixture struct {
	t     *testing.T
	st    *store.Store
	abk   *abksvc.Service
	mut   *mutasisvc.Service
	svc   *evaluasi.Service
	clock time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx = storetest.Ctx(storetest.Admin)
	f := &fixture{t: t, clock: time.Date(2025, 8, 1, 9, 0, 0, 0, time.UTC)}
	now := func() time.Time { return f.clock }
	st := storetest.Demo(t, "", 600, now)
	f.st = st
	f.abk = abksvc.New(abksvc.Config{Repo: st, Now: now, NewID: store.NewID})
	f.mut = mutasisvc.New(mutasisvc.Config{Repo: st, ABK: f.abk, Now: now, NewID: store.NewID})
	f.svc = evaluasi.New(evaluasi.Config{Repo: st, ABK: f.abk, Now: now, NewID: store.NewID})
	return f
}

func (f *fixture) as(u mutasisvc.User) {
	f.t.Helper()
	u.Nama = "Pengguna " + u.ID
	ctx = storetest.Ctx(storetest.User(u))
}

// decide makes a decision with a justification (WARN rules may fail on the
// demo data; mutasisvc checks the gate itself).
func (f *fixture) decide(id string, d mutasisvc.Decision) {
	f.t.Helper()
	d.Justifikasi = "Kebutuhan organisasi di OPD tujuan mendesak dan pegawai memenuhi syarat jabatan."
	if _, err := f.mut.DecideUsulan(ctx, id, d); err != nil {
		f.t.Fatalf("%s: %v", d.Kind, err)
	}
}

// execute takes the n-th unblocked T1 candidate from draft to dilaksanakan
// with the given TMT and returns the request id.
func (f *fixture) execute(n int, tmt string) string {
	f.t.Helper()
	rows, err := f.st.DB().QueryContext(ctx, "SELECT id, opd_id, unit_id, jabatan_id FROM pegawai WHERE status = 'PNS' ORDER BY nip")
	if err != nil {
		f.t.Fatal(err)
	}
	type peg struct{ id, opd, unit, jab string }
	var all []peg
	for rows.Next() {
		var p peg
		rows.Scan(&p.id, &p.opd, &p.unit, &p.jab)
		all = append(all, p)
	}
	rows.Close()
	found := 0
	for _, p := range all {
		var opdT, unitT string
		if err := f.st.DB().QueryRowContext(ctx, "SELECT opd_id, unit_id FROM pegawai WHERE jabatan_id = ? AND opd_id <> ? ORDER BY unit_id LIMIT 1", p.jab, p.opd).Scan(&opdT, &unitT); err != nil {
			continue
		}
		target := mutasi.Placement{OPDID: opdT, UnitID: unitT, JabatanID: p.jab}
		r, err := f.mut.CheckMutasi(ctx, mutasisvc.CheckInput{PegawaiID: p.id, Jenis: domain.MutasiT1, Target: target})
		if err != nil || r.Blocked {
			continue
		}
		if found++; found <= n {
			continue
		}
		f.as(mutasisvc.User{ID: "op", Role: domain.RoleOperatorOPD, OPDID: p.opd})
		det, err := f.mut.CreateUsulan(ctx, mutasisvc.UsulanInput{PegawaiID: p.id, Jenis: domain.MutasiT1, Targets: []mutasi.Placement{target}})
		if err != nil {
			f.t.Fatal(err)
		}
		id := det.Row.ID
		f.decide(id, mutasisvc.Decision{Kind: mutasi.KindAjukan})
		f.attachAll(id)
		f.as(mutasisvc.User{ID: "ver", Role: domain.RoleVerifikator})
		f.decide(id, mutasisvc.Decision{Kind: mutasi.KindVerifikasi})
		f.as(mutasisvc.User{ID: "ka", Role: domain.RoleKepalaOPD, OPDID: p.opd})
		f.decide(id, mutasisvc.Decision{Kind: mutasi.KindSetujuiAsal})
		f.as(mutasisvc.User{ID: "kt", Role: domain.RoleKepalaOPD, OPDID: opdT})
		f.decide(id, mutasisvc.Decision{Kind: mutasi.KindSetujuiTujuan})
		f.as(mutasisvc.User{ID: "tpk", Role: domain.RoleTPK})
		f.decide(id, mutasisvc.Decision{Kind: mutasi.KindPertimbanganTPK, Note: "Direkomendasikan"})
		f.as(mutasisvc.User{ID: "adm", Role: domain.RoleAdmin})
		f.decide(id, mutasisvc.Decision{Kind: mutasi.KindTetapkanSK, SK: &mutasi.SK{Nomor: "800/" + id[:4] + "/BKPSDM/2025", Tanggal: domain.MustDate("2025-08-05"), TMT: domain.MustDate(tmt)}})
		f.decide(id, mutasisvc.Decision{Kind: mutasi.KindLaksanakan})
		return id
	}
	f.t.Fatal("no unblocked candidate")
	return ""
}

// attachAll attaches and verifies a request's whole checklist, as the
// BKPSDM admin: verification, the TPK and the SK need it.
func (f *fixture) attachAll(id string) {
	f.t.Helper()
	saved := ctx
	ctx = storetest.Ctx(storetest.Admin)
	defer func() { ctx = saved }()
	dok := dokumen.New(dokumen.Config{Repo: f.st, Dir: f.st.Dir(), Now: func() time.Time { return f.clock }, NewID: store.NewID})
	items, err := dok.Checklist(ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	for _, it := range items {
		p := filepath.Join(f.t.TempDir(), string(it.Kode)+".pdf")
		if err := os.WriteFile(p, []byte("%PDF-1.4\n% "+string(it.Kode)+"\n%%EOF\n"), 0o600); err != nil {
			f.t.Fatal(err)
		}
		l, err := dok.Attach(ctx, id, string(it.Kode), p)
		if err != nil {
			f.t.Fatal(err)
		}
		if _, err := dok.Verify(ctx, l.ID, string(dokumen.Sesuai), ""); err != nil {
			f.t.Fatal(err)
		}
	}
}

func code(err error) string {
	var e *domain.Error
	if errors.As(err, &e) {
		return string(e.Kind) + "/" + e.Code
	}
	return "?"
}

func fields(err error) []string {
	var e *domain.Error
	var out []string
	if errors.As(err, &e) {
		for _, f := range e.Fields {
			out = append(out, f.Field+":"+f.Code)
		}
	}
	return out
}

func TestQuestionsSeededOnceAndEditable(t *testing.T) {
	f := newFixture(t)
	qs, err := f.svc.Questions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, q := range qs {
		count[string(q.Untuk)+"/"+string(q.Jenis)]++
		if q.ID == "" || q.Teks == "" || q.TeksEN == "" || !q.Aktif {
			t.Fatalf("question %+v", q)
		}
	}
	if len(qs) != 12 || count["PEGAWAI/LIKERT"] != 5 || count["PEGAWAI/TEKS"] != 1 || count["ATASAN/LIKERT"] != 5 || count["ATASAN/TEKS"] != 1 {
		t.Fatalf("seeded %v", count)
	}
	again, _ := f.svc.Questions(ctx)
	if len(again) != 12 {
		t.Fatalf("seeded twice: %d", len(again))
	}
	q := qs[0]
	q.Teks = "Tugas jabatan baru sesuai kompetensi saya."
	if _, err := f.svc.SaveQuestion(ctx, q); err != nil {
		t.Fatal(err)
	}
	q.Kode = "P9"
	if _, err := f.svc.SaveQuestion(ctx, q); code(err) != "Invalid/validation" || !slices.Contains(fields(err), "kode:evaluasi.kode_tetap") {
		t.Fatalf("changing a code: %v %v", err, fields(err))
	}
	if _, err := f.svc.SaveQuestion(ctx, evaluasi.Question{Kode: "P2", Untuk: evaluasi.Pegawai, Jenis: evaluasi.Likert, Teks: "x"}); !slices.Contains(fields(err), "kode:evaluasi.kode_ganda") {
		t.Fatalf("duplicate code: %v", fields(err))
	}
	n, err := f.svc.SaveQuestion(ctx, evaluasi.Question{Kode: "p7", Untuk: evaluasi.Pegawai, Jenis: evaluasi.Likert, Teks: "Saya betah di unit baru.", Aktif: true})
	if err != nil || n.Kode != "P7" || n.Urutan != 7 {
		t.Fatal(n, err)
	}
	var audited int
	f.st.DB().QueryRow("SELECT count(*) FROM audit_log WHERE entitas = 'evaluasi_pertanyaan'").Scan(&audited)
	if audited != 14 { // 12 seeded + 1 edit + 1 new
		t.Fatalf("audit entries %d", audited)
	}
}

func TestDueDatesOverdueAndCount(t *testing.T) {
	f := newFixture(t)
	id := f.execute(0, "2025-08-31")
	f.clock = time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)
	due, err := f.svc.Due(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 2 {
		t.Fatalf("due items %+v", due)
	}
	for _, it := range due {
		if it.UsulanID != id || it.Bulan != 6 || it.JatuhTempo != domain.MustDate("2026-02-28") || !it.Terlambat || it.HariTerlambat != 123 ||
			!it.SudahJatuhTempo || it.Selesai || it.TMT != domain.MustDate("2025-08-31") || it.OPDTujuan == "" || it.NamaPegawai == "" || it.Jabatan == "" {
			t.Fatalf("item %+v", it)
		}
	}
	if due[0].Responden != evaluasi.Pegawai || due[1].Responden != evaluasi.Atasan {
		t.Fatalf("order %s %s", due[0].Responden, due[1].Responden)
	}
	c, _ := f.svc.Count(ctx)
	if c != (evaluasi.DueCount{JatuhTempo: 2, Terlambat: 2, Segera: 0}) {
		t.Fatalf("count %+v", c)
	}
	// Within 30 days of the 12-month date (31 August 2026) it shows as upcoming.
	f.clock = time.Date(2026, 8, 10, 9, 0, 0, 0, time.UTC)
	due, _ = f.svc.Due(ctx, false)
	c, _ = f.svc.Count(ctx)
	if len(due) != 4 || due[2].JatuhTempo != domain.MustDate("2026-08-31") || due[2].Terlambat || due[2].SudahJatuhTempo || c.Segera != 2 {
		t.Fatalf("upcoming %+v %+v", due, c)
	}
	// On the due date it is due, not overdue.
	f.clock = time.Date(2026, 8, 31, 23, 0, 0, 0, time.UTC)
	c, _ = f.svc.Count(ctx)
	if c != (evaluasi.DueCount{JatuhTempo: 4, Terlambat: 2}) {
		t.Fatalf("on the due date %+v", c)
	}
}

func TestFormSubmitValidationAndReport(t *testing.T) {
	f := newFixture(t)
	a := f.execute(0, "2025-08-31")
	b := f.execute(1, "2025-09-01")
	f.clock = time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)

	form, err := f.svc.Form(ctx, a, 6, "pegawai")
	if err != nil {
		t.Fatal(err)
	}
	if len(form.Questions) != 6 || form.Item.Responden != evaluasi.Pegawai || len(form.Jawaban) != 0 {
		t.Fatalf("form %+v", form)
	}
	k := form.Konteks
	if k.SKPSebelum.Label == "" || k.SKPSesudah.Label == "" || k.SKPSebelum.Tahun > 2024 || (k.SKPSesudah.Tahun != 0 && k.SKPSesudah.Tahun < 2025) {
		t.Fatalf("SKP context %+v", k)
	}
	for _, e := range []evaluasi.EJTahun{k.EJSebelum, k.EJSesudah} {
		if e.ABKTahun == 0 && !strings.Contains(e.Keterangan, "Tidak ada ABK") {
			t.Fatalf("no ABK must say so: %+v", e)
		}
	}
	if _, err := f.svc.Form(ctx, a, 9, "PEGAWAI"); code(err) != "Invalid/evaluasi.bulan" {
		t.Fatalf("bulan 9: %v", err)
	}
	if _, err := f.svc.Form(ctx, "tidak-ada", 6, "PEGAWAI"); code(err) != "NotFound/evaluasi.tidak_ada" {
		t.Fatalf("unknown request: %v", err)
	}

	// Likert outside 1–5, a missing required item and an unknown code are refused, nothing stored.
	_, err = f.svc.Submit(ctx, a, 6, "PEGAWAI", map[string]string{"P1": "6", "P2": "0", "P3": "tiga", "P4": "4", "X9": "5"})
	fs := fields(err)
	for _, want := range []string{"jawaban.P1:evaluasi.likert", "jawaban.P2:evaluasi.likert", "jawaban.P3:evaluasi.likert", "jawaban.P5:evaluasi.wajib", "jawaban.X9:evaluasi.kode_tidak_dikenal"} {
		if !slices.Contains(fs, want) {
			t.Errorf("missing field error %s in %v", want, fs)
		}
	}
	if slices.Contains(fs, "jawaban.P4:evaluasi.likert") || slices.Contains(fs, "jawaban.P6:evaluasi.wajib") {
		t.Errorf("valid or optional answers reported: %v", fs)
	}
	// Execution scheduled four unanswered rows per transfer; the refusal answered none.
	var n, answered int
	f.st.DB().QueryRow("SELECT count(*), count(*) FILTER (WHERE diisi_pada <> '' OR jawaban <> '{}') FROM evaluasi").Scan(&n, &answered)
	if n != 8 || answered != 0 {
		t.Fatalf("%d rows, %d answered after a refusal", n, answered)
	}
	// The 12-month evaluation is not open yet.
	if _, err := f.svc.Submit(ctx, a, 12, "PEGAWAI", map[string]string{"P1": "5"}); code(err) != "Conflict/evaluasi.belum_jatuh_tempo" {
		t.Fatalf("early: %v", err)
	}

	all := func(v string) map[string]string {
		return map[string]string{"P1": v, "P2": v, "P3": v, "P4": v, "P5": v, "P6": " Butuh pelatihan aplikasi SIASN. "}
	}
	form, err = f.svc.Submit(ctx, a, 6, "PEGAWAI", all("4"))
	if err != nil {
		t.Fatal(err)
	}
	if !form.Item.Selesai || form.Jawaban["P1"] != "4" || form.Jawaban["P6"] != "Butuh pelatihan aplikasi SIASN." {
		t.Fatalf("submitted %+v", form)
	}
	if _, err := f.svc.Submit(ctx, b, 6, "PEGAWAI", all("5")); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Submit(ctx, b, 6, "ATASAN", map[string]string{"A1": "3", "A2": "2", "A3": "3", "A4": "3", "A5": "3"}); err != nil {
		t.Fatal(err)
	}
	// Through the write path: outbox and audit.
	// (the eight scheduled rows' inserts, then the three answers' updates).
	f.st.DB().QueryRow("SELECT count(*) FROM outbox WHERE tbl = 'evaluasi' AND op = 'update'").Scan(&n)
	if n != 3 {
		t.Fatalf("outbox updates %d", n)
	}
	// Editing an answer updates the same row.
	if _, err := f.svc.Submit(ctx, a, 6, "PEGAWAI", all("3")); err != nil {
		t.Fatal(err)
	}
	f.st.DB().QueryRow("SELECT count(*), count(*) FILTER (WHERE diisi_pada <> '') FROM evaluasi").Scan(&n, &answered)
	if n != 8 || answered != 3 {
		t.Fatalf("rows %d, answered %d", n, answered)
	}

	due, _ := f.svc.Due(ctx, false)
	withDone, _ := f.svc.Due(ctx, true)
	if len(due) != 1 || due[0].UsulanID != a || due[0].Responden != evaluasi.Atasan || len(withDone) != 4 {
		t.Fatalf("due %d, with done %d", len(due), len(withDone))
	}

	r, err := f.svc.Report(ctx, "jenis")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Rows) != 1 || r.Rows[0].Kunci != "T1" || r.Rows[0].Due != 4 || r.Rows[0].Done != 3 || len(r.Questions) != 10 {
		t.Fatalf("report %+v", r)
	}
	g := r.Rows[0]
	if g.Rerata["P1"] != 4 || g.N["P1"] != 2 || g.Rerata["A2"] != 2 || g.N["A2"] != 1 || g.N["P6"] != 0 {
		t.Fatalf("means %+v %+v", g.Rerata, g.N)
	}
	if r.Total.Due != 4 || r.Total.Rerata["P1"] != 4 {
		t.Fatalf("total %+v", r.Total)
	}
	byOPD, err := f.svc.Report(ctx, "opd")
	if err != nil || len(byOPD.Rows) == 0 || byOPD.Rows[0].Nama == "" || byOPD.Total.Done != 3 {
		t.Fatalf("by OPD %+v %v", byOPD, err)
	}
	if _, err := f.svc.Report(ctx, "pegawai"); code(err) != "Invalid/evaluasi.groupBy" {
		t.Fatalf("bad groupBy: %v", err)
	}

	var buf bytes.Buffer
	if err := report.EvaluasiXLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows("Evaluasi")
	if len(rows) != 3 || rows[0][0] != "Jenis mutasi" || rows[1][0] != "T1" || rows[1][1] != "4" || rows[1][2] != "3" || !strings.HasPrefix(rows[2][0], "JUMLAH") {
		t.Fatalf("xlsx rows %v", rows)
	}
	if v, _ := x.GetCellValue("Evaluasi", "E2"); v != "4.00" && v != "4" {
		t.Fatalf("mean P1 cell %q", v)
	}
	qrows, _ := x.GetRows("Pertanyaan")
	if len(qrows) != 11 {
		t.Fatalf("question sheet %d rows", len(qrows))
	}
}

// Execution schedules the four evaluations in the execution's transaction,
// with ids every device derives alike.
func TestExecutionSchedulesEvaluations(t *testing.T) {
	f := newFixture(t)
	id := f.execute(0, "2025-08-31")
	rows, err := f.st.Records(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, r := range evaluasi.Schedule(id, domain.MustDate("2025-08-31")) {
		want[r.ID] = fmt.Sprintf("%d/%s/%s", r.Bulan, r.Responden, r.JatuhTempo)
	}
	got := map[string]string{}
	for _, r := range rows {
		if r.UsulanID != id || r.DiisiPada != "" || len(r.Jawaban) != 0 {
			t.Fatalf("unexpected row %+v", r)
		}
		got[r.ID] = fmt.Sprintf("%d/%s/%s", r.Bulan, r.Responden, r.JatuhTempo)
	}
	if len(got) != 4 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("scheduled %v, want %v", got, want)
	}
	for _, w := range []string{"6/PEGAWAI/2026-02-28", "6/ATASAN/2026-02-28", "12/PEGAWAI/2026-08-31", "12/ATASAN/2026-08-31"} {
		if !slices.Contains(slices.Collect(maps.Values(got)), w) {
			t.Fatalf("missing %s in %v", w, got)
		}
	}
	// A desktop answer fills the scheduled row; no second row appears.
	f.clock = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	if _, err := f.svc.Submit(ctx, id, 6, "ATASAN", map[string]string{"A1": "4", "A2": "4", "A3": "4", "A4": "4", "A5": "4"}); err != nil {
		t.Fatal(err)
	}
	var n int
	var diisi string
	f.st.DB().QueryRow("SELECT count(*) FROM evaluasi").Scan(&n)
	f.st.DB().QueryRow("SELECT diisi_pada FROM evaluasi WHERE id = ?", evaluasi.ScheduleID(id, 6, evaluasi.Atasan)).Scan(&diisi)
	if n != 4 || diisi == "" {
		t.Fatalf("after an answer: %d rows, scheduled row filled %q", n, diisi)
	}
}

// A request that is not executed owes no evaluation.
func TestNoEvaluationsBeforeExecution(t *testing.T) {
	f := newFixture(t)
	f.execute(0, "2025-08-31")
	var n int
	f.st.DB().QueryRow(`SELECT count(*) FROM evaluasi e JOIN mutasi_status s ON s.usulan_id = e.usulan_id WHERE s.status <> 'DILAKSANAKAN'`).Scan(&n)
	if n != 0 {
		t.Fatalf("%d rows of unexecuted requests", n)
	}
	var events int
	f.st.DB().QueryRow(`SELECT count(*) FROM audit_log WHERE entitas = 'evaluasi'`).Scan(&events)
	if events != 4 {
		t.Fatalf("audit entries of the scheduled rows: %d", events)
	}
}

func TestScheduleIsDeterministic(t *testing.T) {
	a := evaluasi.Schedule("0190f3a2-0000-7000-8000-000000000001", domain.MustDate("2024-01-31"))
	b := evaluasi.Schedule("0190f3a2-0000-7000-8000-000000000001", domain.MustDate("2024-01-31"))
	c := evaluasi.Schedule("0190f3a2-0000-7000-8000-000000000002", domain.MustDate("2024-01-31"))
	if len(a) != 4 || fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatalf("not deterministic: %v / %v", a, b)
	}
	ids := map[string]bool{}
	for i := range a {
		ids[a[i].ID], ids[c[i].ID] = true, true
	}
	if len(ids) != 8 {
		t.Fatalf("ids collide: %v", ids)
	}
	if a[0].JatuhTempo != domain.MustDate("2024-07-31") || a[2].JatuhTempo != domain.MustDate("2025-01-31") {
		t.Fatalf("due dates %v %v", a[0].JatuhTempo, a[2].JatuhTempo)
	}
	if evaluasi.Schedule("x", domain.Date{}) != nil || evaluasi.Schedule("", domain.MustDate("2024-01-31")) != nil {
		t.Fatal("a zero TMT or no request scheduled rows")
	}
}
