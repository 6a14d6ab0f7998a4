package mutasi

import (
	"context"

	"github.com/bkpsdm-sorong/imbang/backend/analisis"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/transfer"
	"github.com/bkpsdm-sorong/imbang/backend/workload"
)

// CaseInput names one proposed transfer: who, of which type, to where, on
// which date, and — for a stored request — its id (for the documents).
type CaseInput struct {
	PegawaiID string
	Jenis     domain.JenisMutasi
	APS       bool
	Target    transfer.Placement
	Tanggal   domain.Date // decision date; zero = today
	// UsulanID, with DokumenDiperiksa, makes MUT-18 read the request's
	// verified attachments; without it MUT-18 is NOT_APPLICABLE.
	UsulanID         string
	DokumenDiperiksa bool
}

// BuildCase gathers from the data everything the rules read about one
// proposed transfer, and the rule parameters. It is the one place where the
// eligibility case is built: the check, the workflow and the planner use it.
// Facts the data model does not hold yet stay at their safe zero values
// (docs/transfer-workflow.md, "Wiring").
func (s *Service) BuildCase(ctx context.Context, in CaseInput) (eligibility.Params, eligibility.Case, error) {
	params, err := s.abk.EligibilityParams(ctx)
	if err != nil {
		return params, eligibility.Case{}, err
	}
	p, err := s.repo.Pegawai(ctx, in.PegawaiID)
	if isNotFound(err) {
		return params, eligibility.Case{}, fieldErr("pegawaiId", "pegawai.not_found", "Pegawai tidak ditemukan.", "Employee not found.")
	}
	if err != nil {
		return params, eligibility.Case{}, err
	}
	c := eligibility.Case{Tanggal: in.Tanggal, Jenis: in.Jenis, APS: in.APS, Pegawai: p,
		OPDAsalID: p.OPDID, UnitAsalID: p.UnitID, OPDTujuanID: in.Target.OPDID, UnitTujuanID: in.Target.UnitID}
	if c.Tanggal.IsZero() {
		c.Tanggal = s.today()
	}
	if c.JabatanAsal, err = s.repo.Jabatan(ctx, p.JabatanID); err != nil && !isNotFound(err) {
		return params, c, err
	}
	if in.Target.JabatanID != "" {
		if c.JabatanTujuan, err = s.repo.Jabatan(ctx, in.Target.JabatanID); err != nil && !isNotFound(err) {
			return params, c, err
		}
	}
	// The far side of an inter-agency transfer is outside when its OPD is not
	// one of this Pemda's.
	if in.Jenis.AntarInstansi() {
		if _, err := s.repo.OPD(ctx, in.Target.OPDID); isNotFound(err) || in.Target.OPDID == "" {
			c.TujuanLuar = true
		} else if err != nil {
			return params, c, err
		}
	}
	if c.SKP, err = s.repo.SKP(ctx, p.ID); err != nil {
		return params, c, err
	}
	if c.Hukdis, err = s.repo.Hukdis(ctx, p.ID); err != nil {
		return params, c, err
	}
	if err := s.workload(ctx, &c); err != nil {
		return params, c, err
	}
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

// workload fills the positions of source and target from the newest FINAL
// ABK (MUT-13, MUT-14); without one ABKTahun stays 0.
func (s *Service) workload(ctx context.Context, c *eligibility.Case) error {
	an, err := s.abk.Analyse(ctx, "")
	if isNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if an.ABK.Status != analisis.ABKFinal {
		return nil
	}
	c.ABKTahun = an.ABK.Tahun
	find := func(unit, jab string) *workload.PositionResult {
		for i := range an.Result.Positions {
			if r := &an.Result.Positions[i]; r.UnitID == unit && r.JabatanID == jab {
				x := *r
				return &x
			}
		}
		return nil
	}
	c.ABKAsal = find(c.UnitAsalID, c.Pegawai.JabatanID)
	if !c.TujuanLuar {
		c.ABKTujuan = find(c.UnitTujuanID, c.JabatanTujuan.ID)
	}
	return nil
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
func (s *Service) snapshot(ctx context.Context, req transfer.Request, ti int, st transfer.State, sk *transfer.SK) ([]transfer.RuleSnapshot, bool, *eligibility.Report, error) {
	if ti < 0 || ti >= len(req.Targets) {
		return nil, false, nil, nil
	}
	in := CaseInput{PegawaiID: req.PegawaiID, Jenis: req.Type, APS: req.APS, Target: req.Targets[ti], Tanggal: decisionDate(st, sk),
		UsulanID: req.ID, DokumenDiperiksa: st.Status != transfer.StatusNone && st.Status != transfer.StatusDraft}
	rep, err := s.Evaluate(ctx, in)
	if err != nil {
		return nil, false, nil, err
	}
	return Snapshot(rep), rep.Blocked(), &rep, nil
}

func decisionDate(st transfer.State, sk *transfer.SK) domain.Date {
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
func Snapshot(rep eligibility.Report) []transfer.RuleSnapshot {
	out := make([]transfer.RuleSnapshot, 0, len(rep.Results))
	for _, r := range rep.Results {
		out = append(out, transfer.RuleSnapshot{RuleID: r.RuleID, Severity: string(r.Severity), Outcome: string(r.Outcome),
			Message: r.Message, MessageEN: r.MessageEN, Source: r.Source, Values: r.Values})
	}
	return out
}
