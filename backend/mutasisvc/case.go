package mutasisvc

import (
	"context"
	"errors"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
)

// CaseInput names one proposed transfer: who, of which type, to where, on
// which date, and — for a stored request — its id (for the documents).
type CaseInput struct {
	PegawaiID string
	Jenis     domain.JenisMutasi
	APS       bool
	Target    mutasi.Placement
	Tanggal   domain.Date // decision date; zero = today
	// UsulanID, with DokumenDiperiksa, makes MUT-18 read the request's
	// verified attachments; without it MUT-18 is NOT_APPLICABLE.
	UsulanID         string
	DokumenDiperiksa bool
}

// Facts is what the rules read about the employee of a proposed transfer:
// the record, the current jabatan, SKP and disciplinary history. The planner
// gathers it once per employee for every candidate target.
type Facts struct {
	Pegawai     domain.Pegawai
	JabatanAsal domain.Jabatan
	SKP         []domain.SKP
	Hukdis      []domain.Hukdis
}

// Target is the far side of a proposed transfer: the placement, its jabatan
// (zero when none is named) and whether it lies outside this Pemda.
type Target struct {
	Placement mutasi.Placement
	Jabatan   domain.Jabatan
	Luar      bool
}

// ABKFacts is the workload side of the rules (MUT-13, MUT-14): the year of
// the newest FINAL ABK (0 = none) and its positions by unit and jabatan.
type ABKFacts struct {
	Tahun     int
	positions map[[2]string]*abk.PositionResult
}

// NewABKFacts indexes an analysis; one that is not FINAL (or nil) gives the
// zero ABKFacts, as the rules expect without a final ABK.
func NewABKFacts(an *abksvc.Analysis) ABKFacts {
	if an == nil || an.ABK.Status != abksvc.ABKFinal {
		return ABKFacts{}
	}
	f := ABKFacts{Tahun: an.ABK.Tahun, positions: make(map[[2]string]*abk.PositionResult, len(an.Result.Positions))}
	for i := range an.Result.Positions {
		r := an.Result.Positions[i] // a copy: the analysis is shared
		f.positions[[2]string{r.UnitID, r.JabatanID}] = &r
	}
	return f
}

// Position is the ABK result of one (unit × jabatan); nil when the position
// is not in the ABK. The result is shared: do not modify it.
func (f ABKFacts) Position(unitID, jabatanID string) *abk.PositionResult {
	return f.positions[[2]string{unitID, jabatanID}]
}

// NewCase assembles the eligibility case of one proposed transfer from facts
// gathered beforehand. It is the one place where employee and target facts
// become a case: BuildCase (the check and the workflow) and the planner call
// it, so both evaluate the same facts. in.Tanggal must be set; the
// documents (in.UsulanID) are BuildCase's concern.
func NewCase(in CaseInput, f *Facts, t *Target, abk ABKFacts) eligibility.Case {
	p := f.Pegawai
	c := eligibility.Case{Tanggal: in.Tanggal, APS: in.APS, Pegawai: p, OPDAsalID: p.OPDID, UnitAsalID: p.UnitID,
		JabatanAsal: f.JabatanAsal, SKP: f.SKP, Hukdis: f.Hukdis}
	if abk.Tahun != 0 {
		c.ABKTahun = abk.Tahun
		c.ABKAsal = abk.Position(c.UnitAsalID, p.JabatanID)
	}
	SetTarget(&c, in.Jenis, t, abk)
	return c
}

// SetTarget points a case assembled by NewCase at another target: the type,
// the target placement and jabatan, whether it lies outside this Pemda, and
// the target's ABK position. NewCase ends with it; the planner, which screens
// one employee against many positions, calls it to change only the target.
func SetTarget(c *eligibility.Case, jenis domain.JenisMutasi, t *Target, abk ABKFacts) {
	c.Jenis = jenis
	c.OPDTujuanID, c.UnitTujuanID = t.Placement.OPDID, t.Placement.UnitID
	c.JabatanTujuan = t.Jabatan
	c.TujuanLuar = jenis.AntarInstansi() && t.Luar
	c.ABKTujuan = nil
	if abk.Tahun != 0 && !c.TujuanLuar {
		c.ABKTujuan = abk.Position(c.UnitTujuanID, c.JabatanTujuan.ID)
	}
}

// BuildCase gathers from the data everything the rules read about one
// proposed transfer, and the rule parameters, and assembles the case with
// NewCase. Facts the data model does not hold yet stay at their safe zero
// values (docs/transfer-workflow.md, "Wiring").
func (s *Service) BuildCase(ctx context.Context, in CaseInput) (eligibility.Params, eligibility.Case, error) {
	params, err := s.abk.EligibilityParams(ctx)
	if err != nil {
		return params, eligibility.Case{}, err
	}
	var f Facts
	f.Pegawai, err = s.repo.Pegawai(ctx, in.PegawaiID)
	if isNotFound(err) {
		return params, eligibility.Case{}, fieldErr("pegawaiId", "pegawai.not_found", "Pegawai tidak ditemukan.", "Employee not found.")
	}
	if err != nil {
		return params, eligibility.Case{}, err
	}
	if in.Tanggal.IsZero() {
		in.Tanggal = s.today()
	}
	if f.JabatanAsal, err = s.repo.Jabatan(ctx, f.Pegawai.JabatanID); err != nil && !isNotFound(err) {
		return params, eligibility.Case{}, err
	}
	t := Target{Placement: in.Target}
	if in.Target.JabatanID != "" {
		if t.Jabatan, err = s.repo.Jabatan(ctx, in.Target.JabatanID); err != nil && !isNotFound(err) {
			return params, eligibility.Case{}, err
		}
	}
	// The far side of an inter-agency transfer is outside when its OPD is not
	// one of this Pemda's.
	if in.Jenis.AntarInstansi() {
		if _, err := s.repo.OPD(ctx, in.Target.OPDID); isNotFound(err) || in.Target.OPDID == "" {
			t.Luar = true
		} else if err != nil {
			return params, eligibility.Case{}, err
		}
	}
	if f.SKP, err = s.repo.SKP(ctx, f.Pegawai.ID); err != nil {
		return params, eligibility.Case{}, err
	}
	if f.Hukdis, err = s.repo.Hukdis(ctx, f.Pegawai.ID); err != nil {
		return params, eligibility.Case{}, err
	}
	abk, err := s.ABKFacts(ctx)
	if err != nil {
		return params, eligibility.Case{}, err
	}
	c := NewCase(in, &f, &t, abk)
	if in.UsulanID != "" && in.DokumenDiperiksa {
		c.DokumenDiperiksa = true
		codes, err := s.repo.VerifiedDokumen(ctx, in.UsulanID)
		if err != nil {
			return params, c, err
		}
		for _, d := range codes {
			c.Dokumen = append(c.Dokumen, eligibility.Dokumen(d))
		}
	}
	return params, c, nil
}

// ABKFacts reads the positions of the newest FINAL ABK (MUT-13, MUT-14);
// without one Tahun stays 0.
func (s *Service) ABKFacts(ctx context.Context) (ABKFacts, error) {
	an, err := s.abk.Analyse(ctx, "")
	if isNotFound(err) {
		return ABKFacts{}, nil
	}
	if err != nil {
		return ABKFacts{}, err
	}
	return NewABKFacts(an), nil
}

// Evaluate builds the case and evaluates every rule.
func (s *Service) Evaluate(ctx context.Context, in CaseInput) (eligibility.Report, error) {
	params, c, err := s.BuildCase(ctx, in)
	if err != nil {
		return eligibility.Report{}, err
	}
	return eligibility.Evaluate(params, c), nil
}

// snapshot evaluates a request for its target ti at the moment of a decision:
// on the SK date when one is given or recorded (else today), with the
// documents once the request has been submitted.
func (s *Service) snapshot(ctx context.Context, req mutasi.Request, ti int, st mutasi.State, sk *mutasi.SK) ([]mutasi.RuleSnapshot, bool, *eligibility.Report, error) {
	if ti < 0 || ti >= len(req.Targets) {
		return nil, false, nil, nil
	}
	in := CaseInput{PegawaiID: req.PegawaiID, Jenis: req.Type, APS: req.APS, Target: req.Targets[ti], Tanggal: decisionDate(st, sk),
		UsulanID: req.ID, DokumenDiperiksa: st.Status != mutasi.StatusNone && st.Status != mutasi.StatusDraft}
	rep, err := s.Evaluate(ctx, in)
	if err != nil {
		return nil, false, nil, err
	}
	return Snapshot(rep), rep.Blocked(), &rep, nil
}

func decisionDate(st mutasi.State, sk *mutasi.SK) domain.Date {
	switch {
	case sk != nil && !sk.Tanggal.IsZero():
		return sk.Tanggal
	case st.SK != nil && !st.SK.Tanggal.IsZero():
		return st.SK.Tanggal
	}
	return domain.Date{}
}

// Snapshot copies a report into the opaque form an event stores; Values is
// the rule's values as a JSON object.
func Snapshot(rep eligibility.Report) []mutasi.RuleSnapshot {
	out := make([]mutasi.RuleSnapshot, 0, len(rep.Results))
	for _, r := range rep.Results {
		out = append(out, mutasi.RuleSnapshot{RuleID: r.RuleID, Severity: string(r.Severity), Outcome: string(r.Outcome),
			Message: r.Message, MessageEN: r.MessageEN, Source: r.Source, Values: r.Values})
	}
	return out
}

// employeeAbsent: err is the rules engine's "employee not found", i.e. the
// request's employee is not on this device.
func employeeAbsent(err error) bool {
	var e *domain.Error
	return errors.As(err, &e) && e.Code == "pegawai.not_found"
}
