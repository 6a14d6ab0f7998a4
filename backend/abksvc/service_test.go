package abksvc_test

import (
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

var ctx = storetest.Ctx(storetest.Admin) // services write and decide only for an actor

func now() time.Time { return time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC) }

func demoStore(t testing.TB, size int) (*store.Store, *abksvc.Service) {
	t.Helper()
	st := storetest.Demo(t, "", size, now)
	return st, abksvc.New(abksvc.Config{Repo: st, Now: now, NewID: store.NewID})
}

func TestRegionShowsTheDemoImbalance(t *testing.T) {
	_, svc := demoStore(t, 5000)
	v, err := svc.Region(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if v.Draft || v.ABK.Tahun != demo.ABKTahun || v.ABK.JumlahTugas == 0 || v.ABK.JumlahPosisi == 0 {
		t.Fatalf("abk %+v", v.ABK)
	}
	ratio := map[string]float64{}
	for _, o := range v.OPD {
		ratio[o.Kode] = float64(o.Bezetting) / float64(o.KebutuhanBulat)
		if o.Kelebihan-o.Kekurangan != o.Bezetting-o.KebutuhanBulat {
			t.Fatalf("%s: no-netting identity broken: %+v", o.Kode, o.Aggregate)
		}
	}
	over, under := 0, 0
	for _, r := range ratio {
		if r >= 1.2 {
			over++
		}
		if r <= 0.8 {
			under++
		}
	}
	if over < 2 || under < 3 {
		t.Fatalf("imbalance too weak: %d over, %d under: %v", over, under, ratio)
	}
	if v.Balance.Index <= 0 || v.Balance.Index >= 1 || v.Balance.KebutuhanSum != v.Region.KebutuhanBulat {
		t.Fatalf("balance %+v", v.Balance)
	}
	if len(v.Trend) != 1 || v.Trend[0].Tanggal != "2026-07-01" {
		t.Fatalf("trend %+v", v.Trend)
	}
	sum := 0
	for _, g := range v.Grades {
		sum += g.Count
	}
	if sum != v.Balance.PositionCount || len(v.Heatmap.OPD) != len(v.OPD) {
		t.Fatalf("grades %d positions %d", sum, v.Balance.PositionCount)
	}
	// Drill down into the OPD with the largest deficit.
	d, err := svc.OPD(ctx, "", v.OPD[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	k := 0
	for _, u := range d.Units {
		k += u.Kekurangan
		for _, p := range u.Positions {
			if p.JabatanNama == "" || p.UnitNama == "" {
				t.Fatalf("unlabelled position %+v", p)
			}
		}
	}
	if k != d.OPD.Kekurangan || k != v.OPD[0].Kekurangan {
		t.Fatalf("drill-down deficit %d vs %d", k, d.OPD.Kekurangan)
	}
}

func TestSettingsChangeTheRegionAtOnce(t *testing.T) {
	_, svc := demoStore(t, 300)
	before, err := svc.Region(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	s := abk.DefaultSettings()
	s.WKEMenit = 60000
	if _, err := svc.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	after, err := svc.Region(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if after.Region.KebutuhanBulat <= before.Region.KebutuhanBulat || after.Settings.WKEMenit != 60000 {
		t.Fatalf("WKE change did not raise kebutuhan: %d -> %d", before.Region.KebutuhanBulat, after.Region.KebutuhanBulat)
	}
	s.Bands.B = 2 // not decreasing
	_, err = svc.SaveSettings(ctx, s)
	if e, ok := err.(*domain.Error); !ok || e.Code != "abk.settings" || len(e.Fields) != 1 || e.Fields[0].Field != "bands" {
		t.Fatalf("bad bands: %v", err)
	}
}

func TestDraftFinalAndTasks(t *testing.T) {
	st, svc := demoStore(t, 300)
	list, _ := svc.ListABK(ctx)
	final := list[0]
	draft, err := svc.CreateABK(ctx, 2027, final.ID)
	if err != nil {
		t.Fatal(err)
	}
	list, _ = svc.ListABK(ctx)
	if len(list) != 2 || list[0].Tahun != 2027 || list[0].JumlahTugas != final.JumlahTugas {
		t.Fatalf("copy: %+v", list)
	}
	pos, err := st.Positions(ctx, draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	p := pos[0]
	tugas := []abk.Tugas{{Uraian: "Menyusun laporan", Volume: 12, Periode: abk.PeriodeBulan, NormaMenit: 600}}
	if _, err := svc.SaveTugas(ctx, final.ID, p.UnitID, p.JabatanID, tugas); domain.CodeOf(err) != "abk.final" {
		t.Fatalf("edited a final ABK: %v", err)
	}
	if _, err := svc.SaveTugas(ctx, draft.ID, p.UnitID, p.JabatanID, []abk.Tugas{{Uraian: "", Volume: 0, Periode: "X"}}); domain.KindOf(err) != domain.KindInvalid {
		t.Fatalf("bad task accepted: %v", err)
	}
	if _, err := svc.SaveTugas(ctx, draft.ID, p.UnitID, p.JabatanID, tugas); err != nil {
		t.Fatal(err)
	}
	got, _ := svc.Tugas(ctx, draft.ID, p.UnitID, p.JabatanID)
	if len(got) != 1 || got[0].Uraian != "Menyusun laporan" {
		t.Fatalf("tasks %+v", got)
	}
	r, err := svc.Hitung(ctx, tugas, 1)
	if err != nil || r.Beban != 86400 || r.Grade != abk.GradeA {
		t.Fatalf("live computation %+v %v", r, err)
	}
	if v, _ := svc.Region(ctx, ""); v.ABK.ID != final.ID {
		t.Fatal("the dashboard must prefer the final ABK over a newer draft")
	}
	if err := svc.FinalizeABK(ctx, draft.ID); err != nil {
		t.Fatal(err)
	}
	if err := svc.FinalizeABK(ctx, draft.ID); domain.CodeOf(err) != "abk.final" {
		t.Fatalf("finalised twice: %v", err)
	}
	if _, err := svc.CreateABK(ctx, 2027, ""); domain.CodeOf(err) != "abk.tahun_exists" {
		t.Fatalf("duplicate year: %v", err)
	}
}

func TestImportTugasAllOrNothing(t *testing.T) {
	st, svc := demoStore(t, 300)
	draft, err := svc.CreateABK(ctx, 2027, "")
	if err != nil {
		t.Fatal(err)
	}
	opds, _ := kepegawaian.New(kepegawaian.Config{Repo: st}).ListOPD(ctx)
	labels, _ := st.Labels(ctx)
	var unitKode, jabKode string
	for _, u := range labels.Unit {
		if u.OPDID == opds[0].ID {
			unitKode = u.Kode
			break
		}
	}
	for _, j := range labels.Jabatan {
		jabKode = j.Kode
		break
	}
	good := abksvc.TugasImport{Baris: 2, OPDKode: opds[0].Kode, UnitKode: unitKode, JabatanKode: jabKode,
		Tugas: abk.Tugas{Uraian: "Tugas", Volume: 10, Periode: abk.PeriodeBulan, NormaMenit: 30}}
	bad := good
	bad.Baris, bad.JabatanKode = 3, "TIDAK-ADA"
	err = svc.ImportTugas(ctx, draft.ID, []abksvc.TugasImport{good, bad})
	var de *domain.Error
	if e, ok := err.(*domain.Error); ok {
		de = e
	}
	if de == nil || len(de.Fields) != 1 || de.Fields[0].Field != "baris 3" {
		t.Fatalf("want one bad line, got %v", err)
	}
	if list, _ := svc.ListABK(ctx); list[0].JumlahTugas != 0 {
		t.Fatal("a failed import stored tasks")
	}
	if err := svc.ImportTugas(ctx, draft.ID, []abksvc.TugasImport{good}); err != nil {
		t.Fatal(err)
	}
	if list, _ := svc.ListABK(ctx); list[0].JumlahTugas != 1 {
		t.Fatalf("import: %+v", list[0])
	}
}

func TestStagnanAndPensiun(t *testing.T) {
	_, svc := demoStore(t, 1000)
	s, err := svc.Stagnan(ctx, 50)
	if err != nil {
		t.Fatal(err)
	}
	if s.BatasTahun != 5 || s.Total == 0 || len(s.Rows) == 0 || s.Rows[0].Tahun < 5 {
		t.Fatalf("stagnan %+v", s)
	}
	if err := svc.SaveMUT04Tahun(ctx, 8); err != nil {
		t.Fatal(err)
	}
	s8, _ := svc.Stagnan(ctx, 50)
	if s8.BatasTahun != 8 || s8.Total >= s.Total {
		t.Fatalf("limit 8: %d vs %d", s8.Total, s.Total)
	}
	// The screen list is capped; the export's list is not.
	if err := svc.SaveMUT04Tahun(ctx, 2); err != nil {
		t.Fatal(err)
	}
	capped, _ := svc.Stagnan(ctx, 100000)
	all, err := svc.StagnanAll(ctx)
	if err != nil || capped.Total <= 500 || len(capped.Rows) != 500 || len(all.Rows) != all.Total || all.BatasTahun != 2 {
		t.Fatalf("capped %d of %d, all %d of %d: %v", len(capped.Rows), capped.Total, len(all.Rows), all.Total, err)
	}
	p, err := svc.Pensiun(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Tahun) != 5 || p.Tahun[0] != 2026 || len(p.OPD) == 0 || p.OPD[0].Total == 0 {
		t.Fatalf("pensiun %+v", p)
	}
	for _, o := range p.OPD {
		prev := 0
		for _, y := range o.Tahun {
			if y.KekuranganBaru < prev {
				t.Fatalf("%s: new deficit must be cumulative: %+v", o.Singkatan, o.Tahun)
			}
			prev = y.KekuranganBaru
		}
	}
}

// The dashboard reads each position's load summed per period; the entry
// screen computes task by task. Both must give the same figures.
func TestDashboardEqualsTaskByTask(t *testing.T) {
	_, svc := demoStore(t, 1500)
	an, rows, err := svc.PositionRows(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for i, r := range rows {
		if i%7 != 0 {
			continue
		}
		tugas, err := svc.Tugas(ctx, an.ABK.ID, r.UnitID, r.JabatanID)
		if err != nil {
			t.Fatal(err)
		}
		var ts []abk.Tugas
		for _, x := range tugas {
			ts = append(ts, x.Tugas)
		}
		live, err := svc.Hitung(ctx, ts, r.Bezetting)
		if err != nil {
			t.Fatal(err)
		}
		if live.Beban != r.Beban || live.KebutuhanBulat != r.KebutuhanBulat || live.Grade != r.Grade || live.Selisih != r.Selisih {
			t.Fatalf("%s/%s: dashboard %+v, task by task %+v", r.UnitKode, r.JabatanKode, r.PositionResult, live)
		}
		checked++
	}
	if checked < 100 {
		t.Fatalf("checked only %d positions", checked)
	}
}
