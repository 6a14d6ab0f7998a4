package plannersvc

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"sort"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/planner"
)

// built is one planner input with what was read to make it.
type built struct {
	in          planner.Input
	an          *abksvc.Analysis
	snap        *Snapshot
	params      eligibility.Params
	tanggal     domain.Date
	abk         mutasisvc.ABKFacts
	facts       map[string]*mutasisvc.Facts  // employee id → facts
	targets     map[string]*mutasisvc.Target // position key → target
	posByKey    map[string]*planner.Position
	dataVersion string

	// screen's case, reused (the planner calls Screen from one goroutine, one
	// employee against many positions): scratchFor is whose case it holds.
	scratch    eligibility.Case
	scratchFor string
}

// PositionKey is the planner's canonical key of a (unit × jabatan).
func PositionKey(unitID, jabatanID string) string { return unitID + "/" + jabatanID }

var distrikRe = regexp.MustCompile(`(?i)\bdistrik\s+([^,]+)`)

// Lokasi is an OPD's location code: the distrik named in its address ("" when
// none is named, which counts as one location).
func Lokasi(alamat string) string {
	if m := distrikRe.FindStringSubmatch(alamat); m != nil {
		return strings.ToUpper(strings.TrimSpace(m[1]))
	}
	return ""
}

// monthsInPost counts the whole months in post at date (0 without a TMT or
// before it), the same count the eligibility rules use.
func monthsInPost(tmt, date domain.Date) int {
	if tmt.IsZero() {
		return 0
	}
	return max(tmt.MonthsUntil(date), 0)
}

// build reads the data and makes the planner's input for weights w and options o.
func (s *Service) build(ctx context.Context, w planner.Weights, o planner.Options) (*built, error) {
	ver, err := s.repo.DataVersion(ctx)
	if err != nil {
		return nil, err
	}
	an, err := s.abk.Analyse(ctx, "")
	if err != nil {
		return nil, err
	}
	params, err := s.abk.EligibilityParams(ctx)
	if err != nil {
		return nil, err
	}
	snap, err := s.repo.PlanningSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	recs, err := s.repo.MutasiRecords(ctx)
	if err != nil {
		return nil, err
	}
	// Interests from the portal: a soft preference (docs/planner.md).
	minat, err := s.repo.MinatAktif(ctx)
	if err != nil {
		return nil, err
	}
	b := &built{an: an, snap: snap, params: params, tanggal: domain.DateOf(s.now()), abk: mutasisvc.NewABKFacts(an),
		facts: map[string]*mutasisvc.Facts{}, targets: map[string]*mutasisvc.Target{}, posByKey: map[string]*planner.Position{}, dataVersion: ver}

	b.in.Positions = make([]planner.Position, 0, len(an.Result.Positions))
	for _, r := range an.Result.Positions {
		j := snap.Jabatan[r.JabatanID]
		opd := snap.OPD[r.OPDID]
		p := planner.Position{Key: PositionKey(r.UnitID, r.JabatanID), OPDID: r.OPDID, UnitID: r.UnitID, JabatanID: r.JabatanID,
			OPDNama: opd.Nama, UnitNama: snap.Unit[r.UnitID].Nama, JabatanNama: j.Nama, Lokasi: Lokasi(opd.Alamat),
			Kebutuhan: r.KebutuhanBulat, Bezetting: r.Bezetting, MinPendidikan: j.MinPendidikan, Jurusan: j.Jurusan, JenisJabatan: string(j.Jenis)}
		b.in.Positions = append(b.in.Positions, p)
	}
	sort.Slice(b.in.Positions, func(i, k int) bool { return b.in.Positions[i].Key < b.in.Positions[k].Key })
	for i := range b.in.Positions {
		p := &b.in.Positions[i]
		b.posByKey[p.Key] = p
		b.targets[p.Key] = &mutasisvc.Target{Placement: mutasi.Placement{OPDID: p.OPDID, UnitID: p.UnitID, JabatanID: p.JabatanID},
			Jabatan: snap.Jabatan[p.JabatanID]}
	}

	// APS preferences: the targets of open self-requests, in their order.
	// An employee with an open organisation-initiated request (a draft made
	// from an earlier plan, say) is already in the workflow: locked.
	prefs := map[string][]planner.Request{}
	inWorkflow := map[string]bool{}
	for _, rec := range recs {
		if rec.Status.Terminal() || rec.Status == mutasi.StatusDilaksanakan {
			continue
		}
		if !rec.APS {
			inWorkflow[rec.PegawaiID] = true
			continue
		}
		for i, t := range rec.Request.Targets {
			prefs[rec.PegawaiID] = append(prefs[rec.PegawaiID], planner.Request{OPDID: t.OPDID, UnitID: t.UnitID, JabatanID: t.JabatanID, Rank: i + 1})
		}
	}

	b.in.Employees = make([]planner.Employee, 0, len(snap.Pegawai))
	for _, p := range snap.Pegawai {
		key := PositionKey(p.UnitID, p.JabatanID)
		if _, ok := b.posByKey[key]; !ok {
			continue // a post outside the ABK: nothing to balance against
		}
		b.in.Employees = append(b.in.Employees, planner.Employee{ID: p.ID, NIP: string(p.NIP), Nama: p.NamaLengkap(), From: key,
			Pendidikan: p.Pendidikan, Jurusan: p.Jurusan, MonthsInPost: monthsInPost(p.TMTJabatan, b.tanggal), Requests: prefs[p.ID], Locked: inWorkflow[p.ID],
			Interests: minat[p.ID]})
		b.facts[p.ID] = &mutasisvc.Facts{Pegawai: p, JabatanAsal: snap.Jabatan[p.JabatanID], SKP: snap.SKP[p.ID], Hukdis: snap.Hukdis[p.ID]}
	}
	b.in.Weights, b.in.Options = w, o
	b.in.Screen = b.screen
	b.in.ScreenDigest = b.digest()
	return b, nil
}

// jenis is the transfer type of a move: T0 inside the employee's OPD, T1
// between OPDs of this Pemda.
func jenis(fromOPD, toOPD string) domain.JenisMutasi {
	if fromOPD == toOPD {
		return domain.MutasiT0
	}
	return domain.MutasiT1
}

// caseOf is the eligibility case of moving employee id to position key, built
// by the workflow's own NewCase from the same facts.
func (b *built) caseOf(id, key string) (eligibility.Case, bool) {
	f, t := b.facts[id], b.targets[key]
	if f == nil || t == nil {
		return eligibility.Case{}, false
	}
	in := mutasisvc.CaseInput{PegawaiID: id, Jenis: jenis(f.Pegawai.OPDID, t.Placement.OPDID), Target: t.Placement, Tanggal: b.tanggal}
	return mutasisvc.NewCase(in, f, t, b.abk), true
}

// screen is the planner's hard-rule check: eligibility.Screen on the case
// the workflow would build (organisation-initiated, decided today).
func (b *built) screen(e *planner.Employee, p *planner.Position) (string, bool) {
	f, t := b.facts[e.ID], b.targets[p.Key]
	if f == nil || t == nil {
		return "DATA", false
	}
	j := jenis(f.Pegawai.OPDID, t.Placement.OPDID)
	if b.scratchFor == e.ID {
		mutasisvc.SetTarget(&b.scratch, j, t, b.abk) // same employee: only the target changes
	} else {
		b.scratch = mutasisvc.NewCase(mutasisvc.CaseInput{PegawaiID: e.ID, Jenis: j, Target: t.Placement, Tanggal: b.tanggal}, f, t, b.abk)
		b.scratchFor = e.ID
	}
	rule, blocked := eligibility.Screen(&b.params, &b.scratch)
	return rule, !blocked
}

// digest hashes what screen decides on beyond the planner's own input: the
// rule parameters, the decision date, the ABK year and every fact of the
// employees and jabatan the rules read.
func (b *built) digest() string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	enc.Encode(b.params)
	enc.Encode(b.tanggal.String())
	enc.Encode(b.abk.Tahun)
	for _, e := range b.in.Employees {
		enc.Encode(b.facts[e.ID])
	}
	for _, p := range b.in.Positions {
		enc.Encode(b.targets[p.Key].Jabatan)
	}
	return hex.EncodeToString(h.Sum(nil))
}
