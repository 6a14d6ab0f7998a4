package main

import (
	"context"
	"encoding/json"

	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
)

// The eligibility rules' catalogue and parameters (settings a BKPSDM admin edits).

// EligibilityRules lists rules MUT-01 … MUT-21 with their titles, severities,
// parameters, source and confidence.
func (a *App) EligibilityRules() ([]eligibility.Rule, error) {
	return call(a, "EligibilityRules", func(ctx context.Context) ([]eligibility.Rule, error) { return eligibility.Rules(), nil })
}

// EligibilityParams returns the rule parameters in force.
func (a *App) EligibilityParams() (eligibility.Params, error) {
	return call(a, "EligibilityParams", func(ctx context.Context) (eligibility.Params, error) { return a.abk.EligibilityParams(ctx) })
}

// DefaultEligibilityParams returns the parameters' defaults (docs/domain.md §4).
func (a *App) DefaultEligibilityParams() (eligibility.Params, error) {
	return call(a, "DefaultEligibilityParams", func(ctx context.Context) (eligibility.Params, error) { return eligibility.DefaultParams(), nil })
}

// SaveEligibilityParams merges the given parameters into the stored ones
// (parameters left out keep their stored values), validates and stores them.
func (a *App) SaveEligibilityParams(patch map[string]any) (eligibility.Params, error) {
	r, err := call(a, "SaveEligibilityParams", func(ctx context.Context) (eligibility.Params, error) {
		b, _ := json.Marshal(patch)
		return a.abk.MergeEligibilityParams(ctx, b)
	})
	if err == nil {
		a.changed("mutasi")
	}
	return r, err
}
