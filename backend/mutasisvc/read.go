package mutasisvc

import (
	"context"
	"slices"
	"strings"

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
	evs, l, err := s.logOf(ctx, id)
	if err != nil {
		return UsulanDetail{}, err
	}
	st := l.State
	d := UsulanDetail{State: st, Allowed: mutasi.Allowed(st, user.Actor()), Rules: []eligibility.Result{}}
	if d.Allowed == nil {
		d.Allowed = []mutasi.Kind{}
	}
	if d.Konflik, err = s.konflik(ctx, user, evs, l); err != nil {
		return UsulanDetail{}, err
	}
	d.Row = s.row(ctx, rec, st, map[string]string{})
	d.Row.Konflik = d.Konflik != nil && d.Konflik.Terbuka
	rejected := map[string]mutasi.Rejection{}
	for _, r := range l.Rejected {
		rejected[r.Event.ID] = r
	}
	for _, ev := range evs { // stored order: seq, then id
		if r, ok := rejected[ev.ID]; ok {
			d.Events = append(d.Events, rejectedView(r))
		} else {
			d.Events = append(d.Events, eventView(ev))
		}
	}
	if st.Status != mutasi.StatusDilaksanakan && !st.Status.Terminal() && len(st.Request.Targets) > 0 {
		ti := st.TargetIndex
		if ti < 0 || ti >= len(st.Request.Targets) {
			ti = 0
		}
		_, _, rep, err := s.snapshot(ctx, st.Request, ti, st, nil)
		if err != nil && !employeeAbsent(err) { // not on this device: no live rules, the events keep theirs
			return d, err
		}
		if rep != nil {
			d.Rules = rep.Results
		}
	}
	warnings := 0
	for _, r := range d.Rules {
		if r.Failed() && r.Severity == eligibility.Warn {
			warnings++
		}
	}
	if d.Gate, err = s.gateView(ctx, st, d.Allowed, warnings); err != nil {
		return d, err
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
	// Requests with an open workflow conflict are flagged in every list and
	// are in the inbox of whoever may close it (konflik.go).
	konflik, err := s.openConflicts(ctx, user)
	if err != nil {
		return UsulanPage{}, err
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
		if q.Inbox && konflik[r.ID] && resolver(user) {
			hits = append(hits, r)
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
		row := s.row(ctx, hits[i], st, cache)
		row.Konflik = konflik[row.ID]
		page.Rows = append(page.Rows, row)
	}
	return page, nil
}

// openConflicts is the set of requests with an open workflow conflict.
// user is only used to build the views (any user may see the flag).
func (s *Service) openConflicts(ctx context.Context, user User) (map[string]bool, error) {
	ids, err := s.repo.ForkedMutasi(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, id := range ids {
		evs, l, err := s.logOf(ctx, id)
		if err != nil {
			continue
		}
		k, err := s.konflik(ctx, user, evs, l)
		if err != nil {
			return nil, err
		}
		if k != nil && k.Terbuka {
			out[id] = true
		}
	}
	return out, nil
}
