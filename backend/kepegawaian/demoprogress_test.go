package kepegawaian_test

import (
	"slices"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

func demoService(t *testing.T) (*kepegawaian.Service, *store.Store) {
	t.Helper()
	now := func() time.Time { return time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC) }
	st, err := store.Open(ctx, store.Options{Dir: t.TempDir(), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return kepegawaian.New(kepegawaian.Config{Repo: st, Now: now, NewID: store.NewID, Demo: demo.BundleProgress}), st
}

func TestLoadDemoProgressIsMonotonicInStageOrderAndEndsAt100(t *testing.T) {
	svc, _ := demoService(t)
	var got []kepegawaian.DemoProgress
	r, err := svc.LoadDemoProgress(ctx, 300, 1, func(p kepegawaian.DemoProgress) { got = append(got, p) })
	if err != nil {
		t.Fatal(err)
	}
	if r.Pegawai < 250 {
		t.Fatalf("loaded %d employees", r.Pegawai)
	}
	if len(got) < 10 {
		t.Fatalf("only %d reports: %+v", len(got), got)
	}
	if last := got[len(got)-1]; last.Percent != 100 || last.Stage != kepegawaian.DemoStagePeriksa {
		t.Fatalf("last report %+v, want periksa 100", last)
	}
	if got[0].Percent != 0 || got[0].Stage != kepegawaian.DemoStageStruktur {
		t.Fatalf("first report %+v, want struktur 0", got[0])
	}
	var stages []kepegawaian.DemoStage
	for i, p := range got {
		if p.Percent < 0 || p.Percent > 100 {
			t.Fatalf("report %d out of range: %+v", i, p)
		}
		if i > 0 {
			prev := got[i-1]
			if p.Percent < prev.Percent || (p.Stage == prev.Stage && p.Percent == prev.Percent) {
				t.Fatalf("report %d %+v after %+v: not progress", i, p, prev)
			}
		}
		if len(stages) == 0 || stages[len(stages)-1] != p.Stage {
			stages = append(stages, p.Stage)
		}
	}
	want := []kepegawaian.DemoStage{kepegawaian.DemoStageStruktur, kepegawaian.DemoStagePegawai, kepegawaian.DemoStageABK,
		kepegawaian.DemoStageSimpan, kepegawaian.DemoStagePeriksa}
	if !slices.Equal(stages, want) {
		t.Fatalf("stages %v, want %v", stages, want)
	}
	// The import reports more than once: a 300-employee region has well over
	// a thousand rows, so the writing stage advances in several steps.
	simpan := 0
	for _, p := range got {
		if p.Stage == kepegawaian.DemoStageSimpan {
			simpan++
		}
	}
	if simpan < 2 {
		t.Fatalf("%d reports while writing: %+v", simpan, got)
	}
}

func TestLoadDemoProgressFailedLoadNeverReaches100(t *testing.T) {
	svc, st := demoService(t)
	if _, err := svc.CreatePemda(ctx, domain.Pemda{Kode: "9171", Nama: "Pemkot Uji"}); err != nil {
		t.Fatal(err)
	}
	var got []kepegawaian.DemoProgress
	_, err := svc.LoadDemoProgress(ctx, 100, 1, func(p kepegawaian.DemoProgress) { got = append(got, p) })
	if domain.CodeOf(err) != "store.not_empty" {
		t.Fatalf("load into a non-empty database: %v", err)
	}
	for _, p := range got {
		if p.Percent == 100 || p.Stage == kepegawaian.DemoStagePeriksa {
			t.Fatalf("failed load reported %+v", p)
		}
	}
	if n, err := st.CountPegawai(ctx); err != nil || n != 0 {
		t.Fatalf("after the refused load: %d employees, %v", n, err)
	}
}

func TestLoadDemoProgressRefusesBadSizeBeforeAnyReport(t *testing.T) {
	svc, _ := demoService(t)
	calls := 0
	if _, err := svc.LoadDemoProgress(ctx, 10, 1, func(kepegawaian.DemoProgress) { calls++ }); domain.CodeOf(err) != "demo.size" {
		t.Fatalf("size 10: %v", err)
	}
	if calls != 0 {
		t.Fatalf("%d reports for a refused size", calls)
	}
}

func TestLoadDemoWithoutProgressStillLoads(t *testing.T) {
	svc, _ := demoService(t)
	r, err := svc.LoadDemo(ctx, 100, 1)
	if err != nil || r.Pegawai == 0 {
		t.Fatalf("LoadDemo: %+v, %v", r, err)
	}
}
