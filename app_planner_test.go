package main

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/plannersvc"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// syncEvents records event names from any goroutine (the planner emits from
// its job's goroutine, as the Wails runtime allows).
type syncEvents struct {
	mu    sync.Mutex
	names []string
}

func (e *syncEvents) Emit(name string, _ ...any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.names = append(e.names, name)
}

func (e *syncEvents) has(name string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Contains(e.names, name)
}

func TestPlannerFacade(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	b, _ := demo.Bundle(600, 1)
	if err := st.ImportBundle(ctx, "t", b); err != nil {
		t.Fatal(err)
	}
	ev := &syncEvents{}
	abk := abksvc.New(abksvc.Config{Repo: st, NewID: store.NewID})
	a := NewApp(kepegawaian.New(kepegawaian.Config{Repo: st, NewID: store.NewID}), abk, slog.New(slog.NewTextHandler(io.Discard, nil)), ev)
	attachAccounts(t, a, st) // logged in as the first admin
	a.mutasi = mutasisvc.New(mutasisvc.Config{Repo: st, ABK: abk, NewID: store.NewID})
	a.planner = plannersvc.New(plannersvc.Config{Repo: st, ABK: abk, Mutasi: st, NewID: store.NewID})

	set, err := a.PlannerSettings()
	if err != nil || set.Weights.Move == 0 {
		t.Fatalf("settings %+v %v", set, err)
	}
	set.Weights.Move = -5
	if _, err := a.SavePlannerSettings(set); decode(t, err).Code != "rencana.bobot" {
		t.Fatalf("bad weights accepted: %v", err)
	}

	tok, err := a.StartPlan(plannersvc.RunInput{Nama: "uji"})
	if err != nil || tok == "" {
		t.Fatalf("start %q %v", tok, err)
	}
	var job plannersvc.JobStatus
	for i := 0; i < 600; i++ {
		if job, err = a.PlanJob(tok); err != nil || job.State != plannersvc.JobBerjalan {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil || job.State != plannersvc.JobSelesai || job.RunID == "" {
		t.Fatalf("job %+v %v", job, err)
	}
	// The done event is emitted from the job's goroutine right after its state is published.
	for i := 0; i < 100 && !ev.has(EventPlannerDone); i++ {
		time.Sleep(20 * time.Millisecond)
	}
	if !ev.has(EventPlannerDone) {
		t.Fatalf("no %s event", EventPlannerDone)
	}
	runs, err := a.ListPlanRuns()
	if err != nil || len(runs) != 1 || runs[0].Nama != "uji" {
		t.Fatalf("runs %+v %v", runs, err)
	}
	v, err := a.PlanResult(job.RunID)
	if err != nil || len(v.Lines) < 2 {
		t.Fatalf("result %d lines %v", len(v.Lines), err)
	}
	ex, err := a.ExplainMove(job.RunID, v.Lines[0].EmployeeID)
	if err != nil || ex.Blocked || ex.Line.Explanation == "" {
		t.Fatalf("explain %+v %v", ex, err)
	}
	if _, err := a.SetMoveDecision(job.RunID, v.Lines[1].EmployeeID, plannersvc.Ditolak); err != nil {
		t.Fatal(err)
	}
	cmp, err := a.CompareScenarios([]string{job.RunID})
	if err != nil || len(cmp) != 1 || cmp[0].Moves != len(v.Lines) {
		t.Fatalf("compare %+v %v", cmp, err)
	}
	rows, err := a.CreateDraftsFromPlan(job.RunID, []string{v.Lines[0].EmployeeID, v.Lines[1].EmployeeID})
	if err != nil || len(rows) != 2 {
		t.Fatalf("drafts %+v %v", rows, err)
	}
	page, err := a.ListUsulan(mutasisvc.UsulanQuery{})
	if err != nil || page.Total != 2 {
		t.Fatalf("requests %+v %v", page, err)
	}
	re, err := a.RerunPlan(job.RunID)
	if err != nil || re.SameInput {
		// the two drafts changed the input (open requests); the re-run says so
		t.Fatalf("rerun after drafts %+v %v", re, err)
	}
	if _, err := a.PlanResult("tidak-ada"); decode(t, err).Code != "rencana.not_found" {
		t.Fatal("missing run not coded")
	}
	if _, err := a.CancelPlan("tidak-ada"); decode(t, err).Code != "rencana.job_not_found" {
		t.Fatal("unknown job not coded")
	}
}
