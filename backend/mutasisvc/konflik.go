package mutasisvc

import (
	"context"
	"slices"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
)

// A workflow conflict: two events claim one step of a request because they
// were made apart — typically an employee withdrawing through the portal
// while an offline desktop verified the same submitted request. Both events
// are kept everywhere; mutasi.ReplayLog gives the step to the event made
// first and keeps the other as "ditolak oleh alur kerja". The server opened
// an incompatible-decision conflict for the pair; a verifier (or the BKPSDM
// admin) looks at both in the request's detail and closes it there, which
// resolves that conflict (docs/transfer-workflow.md §11).

// WorkflowConflict is the server's incompatible-decision conflict of two
// events of one request, as this device holds it.
type WorkflowConflict struct {
	ID       string `json:"id"`
	EventID  string `json:"eventId"`  // the event pushed later
	OtherID  string `json:"otherId"`  // the event already there
	Resolved bool   `json:"resolved"` // a person closed it
}

// KonflikAlur is a request's workflow conflict as the detail shows it.
type KonflikAlur struct {
	// Ditolak are the events the replay did not accept, oldest step first.
	Ditolak []EventView `json:"ditolak"`
	// Terbuka: not yet closed by a verifier (no conflict from the server
	// yet, or one still open).
	Terbuka bool `json:"terbuka"`
	// Server are the server's conflicts for the request's events; empty
	// until the next sync brings them.
	Server []WorkflowConflict `json:"server"`
	// BisaSelesaikan: the current user may close it now.
	BisaSelesaikan bool `json:"bisaSelesaikan"`
}

// logOf replays a request's stored events. A log that does not replay
// although no two events claim one step was edited outside the app.
func (s *Service) logOf(ctx context.Context, id string) ([]mutasi.Event, mutasi.Log, error) {
	evs, err := s.repo.MutasiEvents(ctx, id)
	if err != nil {
		return nil, mutasi.Log{}, err
	}
	l := mutasi.ReplayLog(evs)
	if !l.Forked && len(l.Rejected) > 0 {
		r := l.Rejected[0]
		return evs, l, domain.Wrap(&domain.Error{Kind: domain.KindConflict, Code: r.Code, Message: r.Message, MessageEN: r.MessageEN},
			domain.KindConflict, "mutasi.log_broken",
			"Riwayat usulan ini tidak dapat dibaca ulang (mungkin diubah di luar aplikasi); hubungi admin BKPSDM.",
			"This request's log does not replay (it may have been edited outside the app); contact the BKPSDM admin.")
	}
	return evs, l, nil
}

// resolver reports whether the user may close a workflow conflict: the
// BKPSDM roles that verify and record the workflow's corrections.
func resolver(u User) bool { return u.Role == domain.RoleVerifikator || u.Role == domain.RoleAdmin }

// konflik builds the conflict view of a forked log (nil when not forked).
func (s *Service) konflik(ctx context.Context, user User, evs []mutasi.Event, l mutasi.Log) (*KonflikAlur, error) {
	if !l.Forked {
		return nil, nil
	}
	ids := make([]string, len(evs))
	for i, ev := range evs {
		ids[i] = ev.ID
	}
	cs, err := s.repo.WorkflowConflicts(ctx, ids)
	if err != nil {
		return nil, err
	}
	k := &KonflikAlur{Server: cs, Ditolak: []EventView{}, Terbuka: len(cs) == 0}
	if k.Server == nil {
		k.Server = []WorkflowConflict{}
	}
	for _, c := range cs {
		k.Terbuka = k.Terbuka || !c.Resolved
	}
	for _, r := range l.Rejected {
		k.Ditolak = append(k.Ditolak, rejectedView(r))
	}
	k.BisaSelesaikan = k.Terbuka && resolver(user)
	return k, nil
}

func eventView(ev mutasi.Event) EventView {
	role, _ := domain.RoleLabel(ev.Actor.Role)
	if ev.Actor.Role == domain.RolePegawai {
		role = "Pegawai, lewat portal"
	}
	return EventView{Event: ev, ActorLabel: ev.Actor.Name + " (" + role + ")"}
}

func rejectedView(r mutasi.Rejection) EventView {
	v := eventView(r.Event)
	v.Ditolak = true
	v.Pemenang = r.Winner
	v.AlasanTolak, v.AlasanTolakEN = r.Message, r.MessageEN
	if r.Winner != "" {
		v.AlasanTolak = "Langkah ini sudah diambil oleh peristiwa lain yang dibuat lebih dahulu."
		v.AlasanTolakEN = "This step was already taken by another event made earlier."
	}
	return v
}

// SelesaikanKonflik closes a request's workflow conflict: the verifier (or
// the BKPSDM admin) has looked at both events and accepts the log as the
// replay reads it. The server's conflicts for the pair are resolved
// ("accept"); nothing in the log changes — a different outcome is then an
// ordinary decision (e.g. the admin cancels a verified request the employee
// had withdrawn).
func (s *Service) SelesaikanKonflik(ctx context.Context, id string) (UsulanDetail, error) {
	user, err := s.CurrentUser(ctx)
	if err != nil {
		return UsulanDetail{}, err
	}
	if !resolver(user) {
		return UsulanDetail{}, domain.E(domain.KindPermission, "mutasi.konflik_peran",
			"Konflik alur kerja diselesaikan oleh Verifikator atau Admin BKPSDM.",
			"A workflow conflict is closed by the BKPSDM verifier or admin.")
	}
	if _, err := s.repo.MutasiRecord(ctx, id); err != nil {
		return UsulanDetail{}, err
	}
	evs, l, err := s.logOf(ctx, id)
	if err != nil {
		return UsulanDetail{}, err
	}
	k, err := s.konflik(ctx, user, evs, l)
	if err != nil {
		return UsulanDetail{}, err
	}
	switch {
	case k == nil || !k.Terbuka:
		return UsulanDetail{}, domain.E(domain.KindConflict, "mutasi.konflik_tidak_ada",
			"Usulan ini tidak memiliki konflik alur kerja yang terbuka.", "This request has no open workflow conflict.")
	case len(k.Server) == 0:
		return UsulanDetail{}, domain.E(domain.KindUnavailable, "mutasi.konflik_belum_diterima",
			"Konflik ini belum diterima dari server; sinkronkan dahulu, lalu selesaikan.",
			"The server's record of this conflict has not arrived; sync first, then close it.")
	}
	var open []string
	for _, c := range k.Server {
		if !c.Resolved {
			open = append(open, c.ID)
		}
	}
	slices.Sort(open)
	if err := s.repo.ResolveWorkflowConflicts(ctx, user.ID, open); err != nil {
		return UsulanDetail{}, err
	}
	return s.GetUsulan(ctx, id)
}
