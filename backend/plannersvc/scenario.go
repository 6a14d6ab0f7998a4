package plannersvc

import (
	"context"
	"errors"
	"fmt"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/planner"
)

// ScenarioInput edits a stored run into a scenario: nil fields keep the
// parent's value, given lists replace the parent's.
type ScenarioInput struct {
	ParentID        string           `json:"parentId"`
	Nama            string           `json:"nama"`
	Weights         *planner.Weights `json:"weights"`
	MaxMoves        *int             `json:"maxMoves"`
	MinFloorPercent *int             `json:"minFloorPercent"`
	Forced          []planner.Pair   `json:"forced"`
	Forbidden       []planner.Pair   `json:"forbidden"`
	LockedEmployees []string         `json:"lockedEmployees"`
	LockedPositions []string         `json:"lockedPositions"`
}

// CreateScenario solves and stores a scenario made from a run.
func (s *Service) CreateScenario(ctx context.Context, in ScenarioInput, progress planner.Progress) (RunView, error) {
	r, err := s.repo.PlanRun(ctx, in.ParentID)
	if err != nil {
		return RunView{}, err
	}
	w, o := r.Weights, r.Options
	if in.Weights != nil {
		w = *in.Weights
	}
	if in.MaxMoves != nil {
		o.MaxMoves = *in.MaxMoves
	}
	if in.MinFloorPercent != nil {
		o.MinFloorPercent = *in.MinFloorPercent
	}
	if in.Forced != nil {
		o.Forced = in.Forced
	}
	if in.Forbidden != nil {
		o.Forbidden = in.Forbidden
	}
	if in.LockedEmployees != nil {
		o.LockedEmployees = in.LockedEmployees
	}
	if in.LockedPositions != nil {
		o.LockedPositions = in.LockedPositions
	}
	if err := Validate(w, o); err != nil {
		return RunView{}, err
	}
	return s.runAndStore(ctx, KindSkenario, r.ID, in.Nama, w, o, progress)
}

// batchRepo is the workflow's storage with the writes held back: each
// CreateUsulan of a conversion runs every check and builds its event as
// usual, and the events are stored together afterwards in one transaction.
type batchRepo struct {
	mutasisvc.Repository
	appends []mutasisvc.Append
	recs    map[string]mutasisvc.Record
	evs     map[string][]mutasi.Event
	open    map[string]string // pegawai id → held request id
}

func (b *batchRepo) AppendMutasi(_ context.Context, a mutasisvc.Append) (string, error) {
	if a.New == nil {
		return "", fmt.Errorf("planning: only new drafts are held back")
	}
	b.appends = append(b.appends, a)
	rec := *a.New
	rec.Status = a.After.Status
	b.recs[rec.ID] = rec
	b.evs[rec.ID] = []mutasi.Event{a.Event}
	b.open[rec.PegawaiID] = rec.ID
	return "", nil
}

func (b *batchRepo) MutasiRecord(ctx context.Context, id string) (mutasisvc.Record, error) {
	if r, ok := b.recs[id]; ok {
		return r, nil
	}
	return b.Repository.MutasiRecord(ctx, id)
}

func (b *batchRepo) MutasiEvents(ctx context.Context, id string) ([]mutasi.Event, error) {
	if e, ok := b.evs[id]; ok {
		return e, nil
	}
	return b.Repository.MutasiEvents(ctx, id)
}

func (b *batchRepo) OpenMutasi(ctx context.Context, pegawaiID string) (string, error) {
	if id, ok := b.open[pegawaiID]; ok {
		return id, nil
	}
	return b.Repository.OpenMutasi(ctx, pegawaiID)
}

// CreateDrafts turns chosen moves of a run into draft transfer requests
// (organisation-initiated; T0 inside one OPD, T1 between OPDs) through the
// workflow's own CreateUsulan, and marks the lines converted — all or
// nothing: if any request is refused, none is stored.
func (s *Service) CreateDrafts(ctx context.Context, runID string, pegawaiIDs []string) ([]mutasisvc.UsulanRow, error) {
	if len(pegawaiIDs) == 0 {
		return nil, invalid("pegawaiIds", "rencana.pilih", "Pilih paling sedikit satu usulan pindah.", "Choose at least one move.")
	}
	if _, err := s.repo.PlanRun(ctx, runID); err != nil {
		return nil, err
	}
	v, err := s.Result(ctx, runID)
	if err != nil {
		return nil, err
	}
	byEmp := map[string]LineView{}
	for _, l := range v.Lines {
		byEmp[l.EmployeeID] = l
	}
	user, err := s.mutasi.CurrentUser(ctx)
	if err != nil {
		return nil, err
	}
	br := &batchRepo{Repository: s.mrepo, recs: map[string]mutasisvc.Record{}, evs: map[string][]mutasi.Event{}, open: map[string]string{}}
	held := mutasisvc.New(mutasisvc.Config{Repo: br, ABK: s.abk, Now: s.now, NewID: s.newID})
	var conv []Conversion
	seen := map[string]bool{}
	for _, id := range pegawaiIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		l, ok := byEmp[id]
		if !ok {
			return nil, domain.E(domain.KindNotFound, "rencana.baris_not_found", "Pegawai ini tidak ada dalam rencana.", "This employee is not in the plan.")
		}
		who := fmt.Sprintf("%s (%s)", l.Nama, l.NIP)
		if l.UsulanID != "" {
			return nil, domain.E(domain.KindConflict, "rencana.sudah_usulan",
				fmt.Sprintf("%s sudah dibuatkan usulan dari rencana ini; tidak ada yang disimpan.", who),
				fmt.Sprintf("%s already has a request from this plan; nothing was saved.", who))
		}
		p, err := s.mrepo.Pegawai(ctx, id)
		if err != nil {
			return nil, err
		}
		if PositionKey(p.UnitID, p.JabatanID) != l.From {
			return nil, domain.E(domain.KindConflict, "rencana.data_berubah",
				fmt.Sprintf("Jabatan %s sudah berubah sejak rencana dibuat; jalankan rencana lagi. Tidak ada yang disimpan.", who),
				fmt.Sprintf("The post of %s changed since the plan was made; run the plan again. Nothing was saved.", who))
		}
		in := mutasisvc.UsulanInput{PegawaiID: id, Jenis: jenis(l.FromLabel.OPDID, l.ToLabel.OPDID), Alasan: Alasan(l, p, domain.DateOf(s.now())),
			Targets: []mutasi.Placement{l.ToLabel.Placement()}}
		d, err := held.CreateUsulan(ctx, in)
		if err != nil {
			var de *domain.Error
			if errors.As(err, &de) {
				return nil, &domain.Error{Kind: de.Kind, Code: de.Code, Fields: de.Fields,
					Message:   fmt.Sprintf("%s: %s Tidak ada usulan yang disimpan.", who, de.Message),
					MessageEN: fmt.Sprintf("%s: %s No request was saved.", who, de.MessageEN)}
			}
			return nil, err
		}
		conv = append(conv, Conversion{PegawaiID: id, UsulanID: d.Row.ID})
	}
	if err := s.repo.ConvertPlanLines(ctx, user, br.appends, runID, conv); err != nil {
		return nil, err
	}
	out := make([]mutasisvc.UsulanRow, 0, len(conv))
	for _, c := range conv {
		d, err := s.mutasi.GetUsulan(ctx, c.UsulanID)
		if err != nil {
			return nil, err
		}
		out = append(out, d.Row)
	}
	return out, nil
}
