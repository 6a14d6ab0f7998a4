package main

import (
	"context"

	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/plannersvc"
)

// The rebalancing planner ("rencana mutasi") part of the facade. A plan is
// solved in the background: StartPlan and CreateScenario return a token,
// progress arrives as "planner:progress" events ({token, done, total}) and
// the end as "planner:done" ({token, state, runId}); PlanJob polls the same
// state and CancelPlan stops it.

// Planner event names.
const (
	EventPlannerProgress = "planner:progress"
	EventPlannerDone     = "planner:done"
)

// PlannerSettings returns the planner's weights and default options.
func (a *App) PlannerSettings() (plannersvc.Settings, error) {
	return call(a, "PlannerSettings", func(ctx context.Context) (plannersvc.Settings, error) { return a.planner.Settings(ctx) })
}

// SavePlannerSettings validates and stores the planner settings (synced).
func (a *App) SavePlannerSettings(st plannersvc.Settings) (plannersvc.Settings, error) {
	r, err := call(a, "SavePlannerSettings", func(ctx context.Context) (plannersvc.Settings, error) { return a.planner.SaveSettings(ctx, st) })
	if err == nil {
		a.changed("setting")
	}
	return r, err
}

func (a *App) plannerProgress(st plannersvc.JobStatus) {
	if a.events != nil {
		a.events.Emit(EventPlannerProgress, map[string]any{"token": st.Token, "done": st.Done, "total": st.Total})
	}
}

func (a *App) plannerDone(st plannersvc.JobStatus) {
	if a.events != nil {
		a.events.Emit(EventPlannerDone, map[string]any{"token": st.Token, "state": st.State, "runId": st.RunID})
		if st.State == plannersvc.JobSelesai {
			a.changed("rencana")
		}
	}
}

// StartPlan solves a plan in the background and returns its token.
func (a *App) StartPlan(in plannersvc.RunInput) (string, error) {
	return call(a, "StartPlan", func(ctx context.Context) (string, error) {
		return a.planner.Start(ctx, in, nil, a.plannerProgress, a.plannerDone), nil
	})
}

// CreateScenario solves an edited copy of a run (forced/forbidden moves,
// weights, locks) in the background and returns its token.
func (a *App) CreateScenario(in plannersvc.ScenarioInput) (string, error) {
	return call(a, "CreateScenario", func(ctx context.Context) (string, error) {
		return a.planner.Start(ctx, plannersvc.RunInput{}, &in, a.plannerProgress, a.plannerDone), nil
	})
}

// PlanJob returns the state of a background plan.
func (a *App) PlanJob(token string) (plannersvc.JobStatus, error) {
	return call(a, "PlanJob", func(ctx context.Context) (plannersvc.JobStatus, error) { return a.planner.Job(token) })
}

// CancelPlan stops a background plan.
func (a *App) CancelPlan(token string) (bool, error) {
	return call(a, "CancelPlan", func(ctx context.Context) (bool, error) { return true, a.planner.Cancel(token) })
}

// PlanResult returns a stored run with its moves, decisions and flows.
func (a *App) PlanResult(runID string) (plannersvc.RunView, error) {
	return call(a, "PlanResult", func(ctx context.Context) (plannersvc.RunView, error) { return a.planner.Result(ctx, runID) })
}

// ListPlanRuns lists the stored runs and scenarios, newest first.
func (a *App) ListPlanRuns() ([]plannersvc.RunRecord, error) {
	return call(a, "ListPlanRuns", func(ctx context.Context) ([]plannersvc.RunRecord, error) { return a.planner.Runs(ctx) })
}

// RerunPlan solves a stored run again and says whether the output is identical.
func (a *App) RerunPlan(runID string) (plannersvc.RerunResult, error) {
	return call(a, "RerunPlan", func(ctx context.Context) (plannersvc.RerunResult, error) { return a.planner.Rerun(ctx, runID) })
}

// ExplainMove returns one move with every rule's result for it.
func (a *App) ExplainMove(runID, employeeID string) (plannersvc.MoveExplanation, error) {
	return call(a, "ExplainMove", func(ctx context.Context) (plannersvc.MoveExplanation, error) {
		return a.planner.Explain(ctx, runID, employeeID)
	})
}

// WhyNot re-solves a run with one employee forced into one position.
func (a *App) WhyNot(runID, employeeID, positionKey string) (plannersvc.WhyNotView, error) {
	return call(a, "WhyNot", func(ctx context.Context) (plannersvc.WhyNotView, error) {
		return a.planner.WhyNot(ctx, runID, employeeID, positionKey)
	})
}

// SetMoveDecision accepts ("DITERIMA"), rejects ("DITOLAK") or clears ("")
// one line of a run.
func (a *App) SetMoveDecision(runID, employeeID, keputusan string) (bool, error) {
	r, err := call(a, "SetMoveDecision", func(ctx context.Context) (bool, error) {
		return true, a.planner.SetDecision(ctx, runID, employeeID, keputusan)
	})
	if err == nil {
		a.changed("rencana")
	}
	return r, err
}

// CompareScenarios summarises runs or scenarios side by side.
func (a *App) CompareScenarios(ids []string) ([]plannersvc.ScenarioSummaryView, error) {
	return call(a, "CompareScenarios", func(ctx context.Context) ([]plannersvc.ScenarioSummaryView, error) {
		return a.planner.Compare(ctx, ids)
	})
}

// CreateDraftsFromPlan turns chosen moves into draft transfer requests, all
// or nothing.
func (a *App) CreateDraftsFromPlan(runID string, employeeIDs []string) ([]mutasisvc.UsulanRow, error) {
	r, err := call(a, "CreateDraftsFromPlan", func(ctx context.Context) ([]mutasisvc.UsulanRow, error) {
		return a.planner.CreateDrafts(ctx, runID, employeeIDs)
	})
	if err == nil {
		a.changed("mutasi")
		a.changed("rencana")
	}
	return r, err
}
