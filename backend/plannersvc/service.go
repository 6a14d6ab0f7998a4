package plannersvc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/planner"
)

// Workload is what the service reads from the workload analysis.
type Workload interface {
	Analyse(ctx context.Context, abkID string) (*abksvc.Analysis, error)
	EligibilityParams(ctx context.Context) (eligibility.Params, error)
}

// Service is the planner service.
type Service struct {
	repo   Repository
	abk    Workload
	mrepo  mutasisvc.Repository
	mutasi *mutasisvc.Service // reads: the current user, requests after conversion
	now    func() time.Time
	newID  func() string

	mu   sync.Mutex
	jobs map[string]*job
}

// Config wires a Service.
type Config struct {
	Repo   Repository
	ABK    Workload
	Mutasi mutasisvc.Repository // the workflow's storage (drafts go through mutasisvc.CreateUsulan)
	Now    func() time.Time
	NewID  func() string
}

// New builds a Service.
func New(c Config) *Service {
	if c.Now == nil {
		c.Now = time.Now
	}
	return &Service{repo: c.Repo, abk: c.ABK, mrepo: c.Mutasi, now: c.Now, newID: c.NewID,
		mutasi: mutasisvc.New(mutasisvc.Config{Repo: c.Mutasi, ABK: c.ABK, Now: c.Now, NewID: c.NewID}), jobs: map[string]*job{}}
}

func invalid(field, code, id, en string) error {
	return &domain.Error{Kind: domain.KindInvalid, Code: code, Message: id, MessageEN: en,
		Fields: []domain.FieldError{{Field: field, Code: code, Message: id, MessageEN: en}}}
}

// Settings returns the planner settings (defaults when none are stored).
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	v, found, err := s.repo.Setting(ctx, SettingKey)
	if err != nil || !found {
		return DefaultSettings(), err
	}
	st := DefaultSettings()
	if err := json.Unmarshal([]byte(v), &st); err != nil {
		return DefaultSettings(), fmt.Errorf("setting %s: %w", SettingKey, err)
	}
	return st, nil
}

// Validate checks weights and options.
func Validate(w planner.Weights, o planner.Options) error {
	for _, x := range []struct {
		f string
		v int64
	}{{"weights.competence", w.Competence}, {"weights.preference", w.Preference}, {"weights.requestBonus", w.RequestBonus},
		{"weights.stagnation", w.Stagnation}, {"weights.relocation", w.Relocation}, {"weights.move", w.Move},
		{"weights.deficit", w.Deficit}, {"weights.surplus", w.Surplus}} {
		if x.v < 0 || x.v > 1_000_000 {
			return invalid(x.f, "rencana.bobot", "Bobot harus bilangan bulat 0 sampai 1.000.000.", "A weight must be an integer from 0 to 1,000,000.")
		}
	}
	if w.StagnationMonths < 0 || w.StagnationMonths > 600 {
		return invalid("weights.stagnationMonths", "rencana.bobot", "Batas stagnasi harus 0 sampai 600 bulan.", "The stagnation limit must be 0 to 600 months.")
	}
	if o.MaxMoves < 0 {
		return invalid("options.maxMoves", "rencana.opsi", "Jumlah mutasi maksimum tidak boleh negatif.", "The maximum number of moves cannot be negative.")
	}
	if o.MinFloorPercent < 0 || o.MinFloorPercent > 100 {
		return invalid("options.minFloorPercent", "rencana.opsi", "Batas minimum di posisi asal harus 0 sampai 100%.", "The source floor must be 0 to 100%.")
	}
	if o.CandidatesPerEmployee < 0 || o.CandidatesPerEmployee > 1000 {
		return invalid("options.candidatesPerEmployee", "rencana.opsi", "Kandidat per pegawai harus 0 sampai 1000.", "Candidates per employee must be 0 to 1000.")
	}
	return nil
}

// SaveSettings validates and stores the planner settings (synced, audited).
func (s *Service) SaveSettings(ctx context.Context, st Settings) (Settings, error) {
	if err := Validate(st.Weights, st.Options); err != nil {
		return st, err
	}
	u, err := s.mutasi.CurrentUser(ctx)
	if err != nil {
		return st, err
	}
	b, _ := json.Marshal(st)
	return st, s.repo.SaveSetting(ctx, u.ID, s.newID(), SettingKey, string(b))
}

// RunInput asks for a plan. Nil weights or options take the settings.
type RunInput struct {
	Nama    string           `json:"nama"`
	Weights *planner.Weights `json:"weights"`
	Options *planner.Options `json:"options"`
}

func (s *Service) resolve(ctx context.Context, in RunInput) (planner.Weights, planner.Options, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return st.Weights, st.Options, err
	}
	if in.Weights != nil {
		st.Weights = *in.Weights
	}
	if in.Options != nil {
		st.Options = *in.Options
	}
	return st.Weights, st.Options, Validate(st.Weights, st.Options)
}

// Output is the plan's stored form: its JSON with the wall time left out, so
// that the same input gives byte-identical output.
func Output(p *planner.Plan) ([]byte, error) {
	c := *p
	c.Stats.Millis = 0
	return json.Marshal(&c)
}

// solve builds the input and solves it.
func (s *Service) solve(ctx context.Context, w planner.Weights, o planner.Options, progress planner.Progress) (*built, *planner.Plan, error) {
	b, err := s.build(ctx, w, o)
	if err != nil {
		return nil, nil, err
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	plan, err := planner.Solve(ctx, b.in, progress)
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return b, nil, domain.Wrap(err, domain.KindUnavailable, "rencana.dibatalkan", "Perhitungan rencana dibatalkan.", "The planning run was cancelled.")
		}
		return b, nil, err
	}
	return b, plan, nil
}

// Run solves a plan on the current data and stores it.
func (s *Service) Run(ctx context.Context, in RunInput, progress planner.Progress) (RunView, error) {
	w, o, err := s.resolve(ctx, in)
	if err != nil {
		return RunView{}, err
	}
	return s.runAndStore(ctx, KindRun, "", in.Nama, w, o, progress)
}

func (s *Service) runAndStore(ctx context.Context, kind, parent, nama string, w planner.Weights, o planner.Options, progress planner.Progress) (RunView, error) {
	u, err := s.mutasi.CurrentUser(ctx)
	if err != nil {
		return RunView{}, err
	}
	b, plan, err := s.solve(ctx, w, o, progress)
	if err != nil {
		return RunView{}, err
	}
	out, err := Output(plan)
	if err != nil {
		return RunView{}, err
	}
	now := s.now().UTC()
	if strings.TrimSpace(nama) == "" {
		nama = "Rencana " + now.Format("2006-01-02 15:04")
		if kind == KindSkenario {
			nama = "Skenario " + now.Format("2006-01-02 15:04")
		}
	}
	r := RunRecord{ID: s.newID(), Dibuat: now.Format(time.RFC3339Nano), Aktor: u.ID, Nama: strings.TrimSpace(nama), Jenis: kind, IndukID: parent,
		InputHash: plan.InputHash, SolverVersion: plan.SolverVersion, Weights: w, Options: o, Hasil: out, Status: "SELESAI",
		ABKID: b.an.ABK.ID, DataVersion: b.dataVersion, Millis: plan.Stats.Millis}
	lines := make([]Line, len(plan.Moves))
	for i, m := range plan.Moves {
		lines[i] = Line{RunID: r.ID, PegawaiID: m.EmployeeID, Urut: i + 1, Dari: m.From, Ke: m.To}
	}
	if err := s.repo.SavePlanRun(ctx, r, lines); err != nil {
		return RunView{}, err
	}
	return s.view(ctx, r, plan, lines)
}

// stored reads a run and decodes its plan.
func (s *Service) stored(ctx context.Context, id string) (RunRecord, *planner.Plan, error) {
	r, err := s.repo.PlanRun(ctx, id)
	if err != nil {
		return r, nil, err
	}
	var p planner.Plan
	if err := json.Unmarshal(r.Hasil, &p); err != nil {
		return r, nil, fmt.Errorf("rencana %s: %w", id, err)
	}
	return r, &p, nil
}

// Result returns a stored run with its moves, decisions and flows.
func (s *Service) Result(ctx context.Context, id string) (RunView, error) {
	r, p, err := s.stored(ctx, id)
	if err != nil {
		return RunView{}, err
	}
	lines, err := s.repo.PlanLines(ctx, id)
	if err != nil {
		return RunView{}, err
	}
	return s.view(ctx, r, p, lines)
}

// Runs lists stored runs and scenarios, newest first.
func (s *Service) Runs(ctx context.Context) ([]RunRecord, error) { return s.repo.PlanRuns(ctx) }

// Rerun solves a stored run again with its weights and options on the
// current data and reports whether the input and the output are identical.
func (s *Service) Rerun(ctx context.Context, id string) (RerunResult, error) {
	r, p, err := s.stored(ctx, id)
	if err != nil {
		return RerunResult{}, err
	}
	_, plan, err := s.solve(ctx, r.Weights, r.Options, nil)
	if err != nil {
		return RerunResult{}, err
	}
	out, err := Output(plan)
	if err != nil {
		return RerunResult{}, err
	}
	res := RerunResult{RunID: id, StoredHash: r.InputHash, NewHash: plan.InputHash, SameInput: r.InputHash == plan.InputHash,
		Identical: string(out) == string(r.Hasil), StoredMoves: len(p.Moves), NewMoves: len(plan.Moves),
		StoredObjective: p.Objective, NewObjective: plan.Objective}
	switch {
	case res.Identical:
		res.Message, res.MessageEN = "Hasil hitung ulang identik byte demi byte dengan hasil tersimpan.", "The re-run output is byte-identical to the stored output."
	case !res.SameInput:
		res.Message, res.MessageEN = "Data atau aturan telah berubah sejak rencana ini dibuat; hasilnya berbeda.", "The data or rules changed since this plan was made; the output differs."
	default:
		res.Message, res.MessageEN = "Masukan sama tetapi hasil berbeda: laporkan ke admin (versi solver?).", "Same input but a different output: report it (solver version?)."
	}
	return res, nil
}

// SetDecision records accept ("DITERIMA"), reject ("DITOLAK") or clears ("")
// the decision on one line.
func (s *Service) SetDecision(ctx context.Context, runID, pegawaiID, keputusan string) error {
	if keputusan != "" && keputusan != Diterima && keputusan != Ditolak {
		return invalid("keputusan", "rencana.keputusan", "Keputusan harus DITERIMA, DITOLAK atau kosong.", "The decision must be DITERIMA, DITOLAK or empty.")
	}
	return s.repo.SetPlanDecision(ctx, runID, pegawaiID, keputusan)
}

// Explain returns one move of a run with every rule's result for it (the
// same evaluation the workflow shows).
func (s *Service) Explain(ctx context.Context, runID, pegawaiID string) (MoveExplanation, error) {
	r, p, err := s.stored(ctx, runID)
	if err != nil {
		return MoveExplanation{}, err
	}
	lines, err := s.repo.PlanLines(ctx, runID)
	if err != nil {
		return MoveExplanation{}, err
	}
	v, err := s.view(ctx, r, p, lines)
	if err != nil {
		return MoveExplanation{}, err
	}
	for _, l := range v.Lines {
		if l.EmployeeID != pegawaiID {
			continue
		}
		rep, err := s.mutasi.Evaluate(ctx, mutasisvc.CaseInput{PegawaiID: pegawaiID, Jenis: jenis(l.FromLabel.OPDID, l.ToLabel.OPDID),
			Target: l.ToLabel.Placement()})
		if err != nil {
			return MoveExplanation{}, err
		}
		return MoveExplanation{Line: l, Rules: rep.Results, Blocked: rep.Blocked()}, nil
	}
	return MoveExplanation{}, domain.E(domain.KindNotFound, "rencana.baris_not_found", "Pegawai ini tidak ada dalam rencana.", "This employee is not in the plan.")
}

// WhyNot answers "why not this employee there?": it re-solves the run's
// input with that move forced and reports the difference.
func (s *Service) WhyNot(ctx context.Context, runID, pegawaiID, positionKey string) (WhyNotView, error) {
	r, p, err := s.stored(ctx, runID)
	if err != nil {
		return WhyNotView{}, err
	}
	b, err := s.build(ctx, r.Weights, r.Options)
	if err != nil {
		return WhyNotView{}, err
	}
	if b.facts[pegawaiID] == nil {
		return WhyNotView{}, invalid("pegawaiId", "rencana.pegawai", "Pegawai tidak ditemukan di antara pegawai yang direncanakan.", "The employee is not among those planned.")
	}
	pos := b.posByKey[positionKey]
	if pos == nil {
		return WhyNotView{}, invalid("positionKey", "rencana.posisi", "Posisi tujuan tidak ada dalam ABK.", "The target position is not in the ABK.")
	}
	w, err := planner.WhyNot(ctx, b.in, p, planner.Pair{EmployeeID: pegawaiID, PositionKey: positionKey})
	if err != nil {
		return WhyNotView{}, err
	}
	out := WhyNotView{WhatIf: *w, DataChanged: planner.InputHash(b.in) != r.InputHash, Target: s.label(b.an, pos.UnitID, pos.JabatanID)}
	out.Plan = nil // the page shows the difference (added, removed, objective); the whole plan is not sent
	if c, ok := b.caseOf(pegawaiID, positionKey); ok {
		rep := eligibility.Evaluate(b.params, c)
		out.Blocked = rep.Blocked()
		for _, x := range rep.Results {
			if x.Failed() {
				out.Rules = append(out.Rules, x)
			}
		}
	}
	return out, nil
}

// Preview solves a plan on the current data without storing it (the CLI),
// with the positions' names for printing.
func (s *Service) Preview(ctx context.Context, in RunInput, progress planner.Progress) (*planner.Plan, map[string]PosLabel, error) {
	w, o, err := s.resolve(ctx, in)
	if err != nil {
		return nil, nil, err
	}
	b, plan, err := s.solve(ctx, w, o, progress)
	if err != nil {
		return nil, nil, err
	}
	labels := map[string]PosLabel{}
	for _, m := range plan.Moves {
		labels[m.From] = s.labelKey(b.an, m.From)
		labels[m.To] = s.labelKey(b.an, m.To)
	}
	return plan, labels, nil
}
