package main

import (
	"context"
	"encoding/json"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
)

// The workload analysis (ABK) part of the facade.

// ABKSettings returns the ABK constants (WKE, period factors, rounding, grade bands).
func (a *App) ABKSettings() (abk.Settings, error) {
	return call(a, "ABKSettings", func(ctx context.Context) (abk.Settings, error) { return a.abk.Settings(ctx) })
}

// SaveABKSettings merges the given fields into the stored ABK constants
// (fields left out keep their stored values); every view uses them at once.
func (a *App) SaveABKSettings(patch map[string]any) (abk.Settings, error) {
	r, err := call(a, "SaveABKSettings", func(ctx context.Context) (abk.Settings, error) {
		b, _ := json.Marshal(patch)
		return a.abk.MergeSettings(ctx, b)
	})
	if err == nil {
		a.changed("abk")
	}
	return r, err
}

// StagnationLimit returns the MUT-04 limit in years.
func (a *App) StagnationLimit() (int, error) {
	return call(a, "StagnationLimit", func(ctx context.Context) (int, error) { return a.abk.MUT04Tahun(ctx) })
}

// SaveStagnationLimit stores the MUT-04 limit in years.
func (a *App) SaveStagnationLimit(years int) (int, error) {
	r, err := call(a, "SaveStagnationLimit", func(ctx context.Context) (int, error) { return years, a.abk.SaveMUT04Tahun(ctx, years) })
	if err == nil {
		a.changed("abk")
	}
	return r, err
}

// ListABK returns every year's ABK, newest first.
func (a *App) ListABK() ([]abksvc.ABK, error) {
	return call(a, "ListABK", func(ctx context.Context) ([]abksvc.ABK, error) { return a.abk.ListABK(ctx) })
}

// CreateABK starts a draft ABK for a year, empty or copied from another ABK (copyFromID).
func (a *App) CreateABK(tahun int, copyFromID string) (abksvc.ABK, error) {
	r, err := call(a, "CreateABK", func(ctx context.Context) (abksvc.ABK, error) { return a.abk.CreateABK(ctx, tahun, copyFromID) })
	if err == nil {
		a.changed("abk")
	}
	return r, err
}

// FinalizeABK makes a draft ABK final.
func (a *App) FinalizeABK(id string) error {
	_, err := call(a, "FinalizeABK", func(ctx context.Context) (struct{}, error) { return struct{}{}, a.abk.FinalizeABK(ctx, id) })
	if err == nil {
		a.changed("abk")
	}
	return err
}

// ABKRegion returns the region dashboard of an ABK ("" = newest final, else newest draft).
func (a *App) ABKRegion(abkID string) (abksvc.RegionView, error) {
	return call(a, "ABKRegion", func(ctx context.Context) (abksvc.RegionView, error) { return a.abk.Region(ctx, abkID) })
}

// ABKOPD returns the drill-down into one OPD: units and positions.
func (a *App) ABKOPD(abkID, opdID string) (abksvc.OPDDetail, error) {
	return call(a, "ABKOPD", func(ctx context.Context) (abksvc.OPDDetail, error) { return a.abk.OPD(ctx, abkID, opdID) })
}

// ABKTugas returns one position's tasks.
func (a *App) ABKTugas(abkID, unitID, jabatanID string) ([]abksvc.TugasRow, error) {
	return call(a, "ABKTugas", func(ctx context.Context) ([]abksvc.TugasRow, error) {
		return a.abk.Tugas(ctx, abkID, unitID, jabatanID)
	})
}

// SaveABKTugas replaces one position's tasks in a draft ABK.
func (a *App) SaveABKTugas(abkID, unitID, jabatanID string, tugas []abk.Tugas) ([]abksvc.TugasRow, error) {
	r, err := call(a, "SaveABKTugas", func(ctx context.Context) ([]abksvc.TugasRow, error) {
		return a.abk.SaveTugas(ctx, abkID, unitID, jabatanID, tugas)
	})
	if err == nil {
		a.changed("abk")
	}
	return r, err
}

// HitungTugas computes a position from tasks being typed (live computation).
func (a *App) HitungTugas(tugas []abk.Tugas, bezetting int) (abk.PositionResult, error) {
	return call(a, "HitungTugas", func(ctx context.Context) (abk.PositionResult, error) {
		return a.abk.Hitung(ctx, tugas, bezetting)
	})
}

// StagnationList lists employees in post longer than the MUT-04 limit.
func (a *App) StagnationList(limit int) (abksvc.StagnanList, error) {
	return call(a, "StagnationList", func(ctx context.Context) (abksvc.StagnanList, error) {
		l, err := a.abk.Stagnan(ctx, limit)
		if err != nil {
			return l, err
		}
		return l, a.scopeStagnan(ctx, &l) // OPD-bound roles: their OPD's employees only (app_auth.go)
	})
}

// RetirementProjection projects retirements and the deficits they open over five years.
func (a *App) RetirementProjection(abkID string) (abksvc.PensiunProjection, error) {
	return call(a, "RetirementProjection", func(ctx context.Context) (abksvc.PensiunProjection, error) {
		return a.abk.Pensiun(ctx, abkID)
	})
}
