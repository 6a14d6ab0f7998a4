package mutasisvc

import (
	"context"
	"slices"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
)

// forward are the kinds that move a request on: a request is in a user's
// inbox when the user may make one of them now (editing, returning,
// rejecting and cancelling are always possible for some roles and do not
// count).
var forward = []mutasi.Kind{mutasi.KindAjukan, mutasi.KindVerifikasi, mutasi.KindSetujuiAsal, mutasi.KindSetujuiTujuan,
	mutasi.KindPertimbanganTPK, mutasi.KindSetujuiPPKAsal, mutasi.KindPertek, mutasi.KindTetapkanSK, mutasi.KindLaksanakan}

// GetUsulan returns one request with its timeline and what the current user
// may do.
func (s *Service) GetUsulan(ctx context.Context, id string) (UsulanDetail, error) {
	user, rec, _, err := s.load(ctx, id)
	if err != nil {
		return UsulanDetail{}, err
	}
	evs, err := s.repo.MutasiEvents(ctx, id)
	if err != nil {
		return UsulanDetail{}, err
	}
	st, err := s.state(ctx, id)
	if err != nil {
		return UsulanDetail{}, err
	}
	d := UsulanDetail{State: st, Allowed: mutasi.Allowed(st, user.Actor()), Rules: []eligibility.Result{}}
	if d.Allowed == nil {
		d.Allowed = []mutasi.Kind{}
	}
	d.Row = s.row(ctx, rec, st, map[string]string{})
	for _, ev := range evs {
		role, _ := domain.RoleLabel(ev.Actor.Role)
		d.Events = append(d.Events, EventView{Event: ev, ActorLabel: ev.Actor.Name + " (" + role + ")"})
	}
	if st.Status != mutasi.StatusDilaksanakan && !st.Status.Terminal() && len(st.Request.Targets) > 0 {
		ti := st.TargetIndex
		if ti < 0 || ti >= len(st.Request.Targets) {
			ti = 0
		}
		_, _, rep, err := s.snapshot(ctx, st.Request, ti, st, nil)
		if err != nil {
			return d, err
		}
		if rep != nil {
			d.Rules = rep.Results
		}
	}
	d.Source = s.label(ctx, st.Request.Source, nil)
	for _, t := range st.Request.Targets {
		d.Targets = append(d.Targets, s.label(ctx, t, nil))
	}
	return d, nil
}

func (s *Service) row(ctx context.Context, rec Record, st mutasi.State, cache map[string]string) UsulanRow {
	r := UsulanRow{ID: rec.ID, Nomor: rec.Nomor, PegawaiID: rec.PegawaiID, NIP: rec.NIP, NamaPegawai: rec.Nama,
		Jenis: rec.Jenis, APS: rec.APS, Status: rec.Status, DiperbaruiPada: rec.Diperbarui}
	req := rec.Request
	if st.Status != mutasi.StatusNone {
		req, r.Status, r.Blocked, r.Jenis, r.APS = st.Request, st.Status, st.Blocked, st.Request.Type, st.Request.APS
	}
	r.OPDAsal = s.singkatan(ctx, req.Source.OPDID, cache)
	ti := st.TargetIndex
	if ti >= 0 && ti < len(req.Targets) {
		r.OPDTujuan = s.singkatan(ctx, req.Targets[ti].OPDID, cache)
	}
	return r
}

// ListUsulan returns one filtered page of requests, most recently updated
// first.
func (s *Service) ListUsulan(ctx context.Context, q UsulanQuery) (UsulanPage, error) {
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 100
	}
	if q.Offset < 0 {
		q.Offset = 0
	}
	recs, err := s.repo.MutasiRecords(ctx)
	if err != nil {
		return UsulanPage{}, err
	}
	var user User
	if q.Inbox {
		if user, err = s.CurrentUser(ctx); err != nil {
			return UsulanPage{}, err
		}
	}
	term := strings.ToLower(strings.TrimSpace(q.Search))
	states := map[string]mutasi.State{}
	var hits []Record
	for _, r := range recs {
		if q.Status != "" && string(r.Status) != q.Status || q.Jenis != "" && string(r.Jenis) != q.Jenis {
			continue
		}
		if q.OPDID != "" && r.Request.Source.OPDID != q.OPDID && !slices.ContainsFunc(r.Request.Targets,
			func(p mutasi.Placement) bool { return p.OPDID == q.OPDID }) {
			continue
		}
		if term != "" && !strings.Contains(strings.ToLower(r.Nomor), term) && !strings.HasPrefix(r.NIP, term) &&
			!strings.Contains(strings.ToLower(r.Nama), term) {
			continue
		}
		if q.Inbox {
			if r.Status.Terminal() || r.Status == mutasi.StatusDilaksanakan {
				continue
			}
			st, err := s.state(ctx, r.ID)
			if err != nil {
				continue // a broken log is shown in the list, not in an inbox
			}
			if !slices.ContainsFunc(mutasi.Allowed(st, user.Actor()), func(k mutasi.Kind) bool { return slices.Contains(forward, k) }) {
				continue
			}
			states[r.ID] = st
		}
		hits = append(hits, r)
	}
	page := UsulanPage{Total: len(hits), Rows: []UsulanRow{}}
	cache := map[string]string{}
	for i := q.Offset; i < len(hits) && i < q.Offset+q.Limit; i++ {
		st, ok := states[hits[i].ID]
		if !ok {
			st, _ = s.state(ctx, hits[i].ID)
		}
		page.Rows = append(page.Rows, s.row(ctx, hits[i], st, cache))
	}
	return page, nil
}
