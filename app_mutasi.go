package main

import (
	"context"

	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
)

// The mutasi (transfer) workflow part of the facade.

// CurrentUser returns the logged-in user as the workflow sees them (the
// session's user: there is no switch any more, see app_auth.go).
func (a *App) CurrentUser() (mutasisvc.User, error) {
	return call(a, "CurrentUser", func(ctx context.Context) (mutasisvc.User, error) { return a.mutasi.CurrentUser(ctx) })
}

// TransferRoles lists the workflow roles for the user switcher.
func (a *App) TransferRoles() ([]kepegawaian.Option, error) {
	return call(a, "TransferRoles", func(ctx context.Context) ([]kepegawaian.Option, error) { return a.mutasi.TransferRoles(), nil })
}

// CheckMutasi evaluates the eligibility rules for one proposed transfer.
func (a *App) CheckMutasi(in mutasisvc.CheckInput) (mutasisvc.CheckResult, error) {
	return call(a, "CheckMutasi", func(ctx context.Context) (mutasisvc.CheckResult, error) {
		r, err := a.mutasi.CheckMutasi(ctx, in)
		a.redactRules(ctx, r.Rules) // family relations only for roles that need them (app_auth.go)
		return r, err
	})
}

// CreateUsulan creates a draft transfer request.
func (a *App) CreateUsulan(in mutasisvc.UsulanInput) (mutasisvc.UsulanDetail, error) {
	r, err := call(a, "CreateUsulan", func(ctx context.Context) (mutasisvc.UsulanDetail, error) { return a.mutasi.CreateUsulan(ctx, in) })
	if err == nil {
		a.changed("mutasi")
	}
	return r, err
}

// UpdateUsulan edits a draft request.
func (a *App) UpdateUsulan(id string, in mutasisvc.UsulanInput) (mutasisvc.UsulanDetail, error) {
	r, err := call(a, "UpdateUsulan", func(ctx context.Context) (mutasisvc.UsulanDetail, error) { return a.mutasi.UpdateUsulan(ctx, id, in) })
	if err == nil {
		a.changed("mutasi")
	}
	return r, err
}

// DecideUsulan makes the current user's decision on a request.
func (a *App) DecideUsulan(id string, d mutasisvc.Decision) (mutasisvc.UsulanDetail, error) {
	r, err := call(a, "DecideUsulan", func(ctx context.Context) (mutasisvc.UsulanDetail, error) { return a.mutasi.DecideUsulan(ctx, id, d) })
	if err == nil {
		a.changed("mutasi")
		if d.Kind == mutasi.KindLaksanakan || (d.Kind == mutasi.KindBatalkan && r.State.Reversal != nil) {
			a.changed("pegawai")
		}
	}
	return r, err
}

// BulkDecide makes one decision on many requests; each item says whether it
// was accepted or why not.
func (a *App) BulkDecide(ids []string, d mutasisvc.Decision) ([]mutasisvc.BulkItem, error) {
	r, err := call(a, "BulkDecide", func(ctx context.Context) ([]mutasisvc.BulkItem, error) { return a.mutasi.BulkDecide(ctx, ids, d), nil })
	if err == nil {
		ok := false
		for _, it := range r {
			ok = ok || it.OK
		}
		if ok {
			a.changed("mutasi")
			if d.Kind == mutasi.KindLaksanakan || d.Kind == mutasi.KindBatalkan {
				a.changed("pegawai")
			}
		}
	}
	return r, err
}

// ListUsulan returns one filtered page of requests (Inbox: those the current user can move on).
func (a *App) ListUsulan(q mutasisvc.UsulanQuery) (mutasisvc.UsulanPage, error) {
	return call(a, "ListUsulan", func(ctx context.Context) (mutasisvc.UsulanPage, error) { return a.mutasi.ListUsulan(ctx, q) })
}

// GetUsulan returns one request with its timeline.
func (a *App) GetUsulan(id string) (mutasisvc.UsulanDetail, error) {
	return call(a, "GetUsulan", func(ctx context.Context) (mutasisvc.UsulanDetail, error) {
		r, err := a.mutasi.GetUsulan(ctx, id)
		a.redactRules(ctx, r.Rules)
		return r, err
	})
}
