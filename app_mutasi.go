package main

import (
	"context"

	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/transfer"
)

// The mutasi (transfer) workflow part of the facade.

// CurrentUser returns the logged-in user as the workflow sees them (the
// session's user: there is no switch any more, see app_auth.go).
func (a *App) CurrentUser() (mutasi.User, error) {
	return call(a, "CurrentUser", func(ctx context.Context) (mutasi.User, error) { return a.mutasi.CurrentUser(ctx) })
}

// TransferRoles lists the workflow roles for the user switcher.
func (a *App) TransferRoles() ([]kepegawaian.Option, error) {
	return call(a, "TransferRoles", func(ctx context.Context) ([]kepegawaian.Option, error) { return a.mutasi.TransferRoles(), nil })
}

// CheckMutasi evaluates the eligibility rules for one proposed transfer.
func (a *App) CheckMutasi(in mutasi.CheckInput) (mutasi.CheckResult, error) {
	return call(a, "CheckMutasi", func(ctx context.Context) (mutasi.CheckResult, error) {
		r, err := a.mutasi.CheckMutasi(ctx, in)
		a.redactRules(ctx, r.Rules) // family relations only for roles that need them (app_auth.go)
		return r, err
	})
}

// CreateUsulan creates a draft transfer request.
func (a *App) CreateUsulan(in mutasi.UsulanInput) (mutasi.UsulanDetail, error) {
	r, err := call(a, "CreateUsulan", func(ctx context.Context) (mutasi.UsulanDetail, error) { return a.mutasi.CreateUsulan(ctx, in) })
	if err == nil {
		a.changed("mutasi")
	}
	return r, err
}

// UpdateUsulan edits a draft request.
func (a *App) UpdateUsulan(id string, in mutasi.UsulanInput) (mutasi.UsulanDetail, error) {
	r, err := call(a, "UpdateUsulan", func(ctx context.Context) (mutasi.UsulanDetail, error) { return a.mutasi.UpdateUsulan(ctx, id, in) })
	if err == nil {
		a.changed("mutasi")
	}
	return r, err
}

// DecideUsulan makes the current user's decision on a request.
func (a *App) DecideUsulan(id string, d mutasi.Decision) (mutasi.UsulanDetail, error) {
	r, err := call(a, "DecideUsulan", func(ctx context.Context) (mutasi.UsulanDetail, error) { return a.mutasi.DecideUsulan(ctx, id, d) })
	if err == nil {
		a.changed("mutasi")
		if d.Kind == transfer.KindLaksanakan || (d.Kind == transfer.KindBatalkan && r.State.Reversal != nil) {
			a.changed("pegawai")
		}
	}
	return r, err
}

// BulkDecide makes one decision on many requests; each item says whether it
// was accepted or why not.
func (a *App) BulkDecide(ids []string, d mutasi.Decision) ([]mutasi.BulkItem, error) {
	r, err := call(a, "BulkDecide", func(ctx context.Context) ([]mutasi.BulkItem, error) { return a.mutasi.BulkDecide(ctx, ids, d), nil })
	if err == nil {
		ok := false
		for _, it := range r {
			ok = ok || it.OK
		}
		if ok {
			a.changed("mutasi")
			if d.Kind == transfer.KindLaksanakan || d.Kind == transfer.KindBatalkan {
				a.changed("pegawai")
			}
		}
	}
	return r, err
}

// ListUsulan returns one filtered page of requests (Inbox: those the current user can move on).
func (a *App) ListUsulan(q mutasi.UsulanQuery) (mutasi.UsulanPage, error) {
	return call(a, "ListUsulan", func(ctx context.Context) (mutasi.UsulanPage, error) { return a.mutasi.ListUsulan(ctx, q) })
}

// GetUsulan returns one request with its timeline.
func (a *App) GetUsulan(id string) (mutasi.UsulanDetail, error) {
	return call(a, "GetUsulan", func(ctx context.Context) (mutasi.UsulanDetail, error) {
		r, err := a.mutasi.GetUsulan(ctx, id)
		a.redactRules(ctx, r.Rules)
		return r, err
	})
}
