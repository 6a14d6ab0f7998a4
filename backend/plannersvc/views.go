package plannersvc

import (
	"context"
	"sort"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/planner"
)

// PosLabel names one position.
type PosLabel struct {
	Key          string `json:"key"`
	OPDID        string `json:"opdId"`
	UnitID       string `json:"unitId"`
	JabatanID    string `json:"jabatanId"`
	OPDSingkatan string `json:"opdSingkatan"`
	OPDNama      string `json:"opdNama"`
	UnitNama     string `json:"unitNama"`
	JabatanNama  string `json:"jabatanNama"`
}

// Placement is the label as a transfer placement.
func (l PosLabel) Placement() mutasi.Placement {
	return mutasi.Placement{OPDID: l.OPDID, UnitID: l.UnitID, JabatanID: l.JabatanID}
}

// LineView is one move with its names, decision and request.
type LineView struct {
	planner.Move
	FromLabel PosLabel `json:"fromLabel"`
	ToLabel   PosLabel `json:"toLabel"`
	Keputusan string   `json:"keputusan"`
	UsulanID  string   `json:"usulanId"`
}

// Flow is the number of moves from one OPD to another (the Sankey chart).
type Flow struct {
	From  string `json:"from"` // OPD singkatan (or kode)
	To    string `json:"to"`
	Count int    `json:"count"`
}

// RunView is a stored run as the planner page shows it.
type RunView struct {
	Run      RunRecord           `json:"run"`
	Plan     *planner.Plan       `json:"plan"`
	Lines    []LineView          `json:"lines"`
	Flows    []Flow              `json:"flows"`
	Excluded []ExclusionView     `json:"excluded"`
	Stats    planner.Stats       `json:"stats"`
	Summary  ScenarioSummaryView `json:"summary"`
}

// ExclusionView is an exclusion with the target's names.
type ExclusionView struct {
	planner.Exclusion
	Target PosLabel `json:"target"`
}

// RerunResult says whether re-solving a stored run gives the same output.
type RerunResult struct {
	RunID           string `json:"runId"`
	SameInput       bool   `json:"sameInput"`
	Identical       bool   `json:"identical"` // byte-identical output
	StoredHash      string `json:"storedHash"`
	NewHash         string `json:"newHash"`
	StoredMoves     int    `json:"storedMoves"`
	NewMoves        int    `json:"newMoves"`
	StoredObjective int64  `json:"storedObjective"`
	NewObjective    int64  `json:"newObjective"`
	Message         string `json:"message"`
	MessageEN       string `json:"messageEn"`
}

// MoveExplanation is one move with every rule's result for it.
type MoveExplanation struct {
	Line    LineView             `json:"line"`
	Rules   []eligibility.Result `json:"rules"`
	Blocked bool                 `json:"blocked"`
}

// WhyNotView is the what-if of one forced move, with the rules that fail.
type WhyNotView struct {
	planner.WhatIf
	Target      PosLabel             `json:"target"`
	Blocked     bool                 `json:"blocked"`
	Rules       []eligibility.Result `json:"rules"`       // failing rules of the pair
	DataChanged bool                 `json:"dataChanged"` // the data differ from the run's input
}

// OPDEffect is one OPD's workload before and after a plan's moves.
type OPDEffect struct {
	OPDID            string    `json:"opdId"`
	Singkatan        string    `json:"singkatan"`
	BezettingSebelum int       `json:"bezettingSebelum"`
	BezettingSesudah int       `json:"bezettingSesudah"`
	EUSebelum        float64   `json:"euSebelum"`
	EUSesudah        float64   `json:"euSesudah"`
	GradeSebelum     abk.Grade `json:"gradeSebelum"`
	GradeSesudah     abk.Grade `json:"gradeSesudah"`
	Masuk            int       `json:"masuk"`
	Keluar           int       `json:"keluar"`
}

// ScenarioSummaryView is one run or scenario in a side-by-side comparison.
type ScenarioSummaryView struct {
	RunID         string      `json:"runId"`
	Nama          string      `json:"nama"`
	Jenis         string      `json:"jenis"`
	IndukID       string      `json:"indukId"`
	Moves         int         `json:"moves"`
	Objective     int64       `json:"objective"`
	BalanceBefore float64     `json:"balanceBefore"`
	BalanceAfter  float64     `json:"balanceAfter"`
	ShareBBefore  float64     `json:"shareBBefore"`
	ShareBAfter   float64     `json:"shareBAfter"`
	OPDs          []OPDEffect `json:"opds"` // OPDs touched by a move, by singkatan
}

func (s *Service) label(an *abksvc.Analysis, unitID, jabatanID string) PosLabel {
	u := an.Labels.Unit[unitID]
	o := an.Labels.OPD[u.OPDID]
	sing := o.Singkatan
	if sing == "" {
		sing = o.Kode
	}
	return PosLabel{Key: PositionKey(unitID, jabatanID), OPDID: u.OPDID, UnitID: unitID, JabatanID: jabatanID, OPDSingkatan: sing,
		OPDNama: o.Nama, UnitNama: u.Nama, JabatanNama: an.Labels.Jabatan[jabatanID].Nama}
}

func splitKey(key string) (unit, jab string) {
	for i := 0; i < len(key); i++ {
		if key[i] == '/' {
			return key[:i], key[i+1:]
		}
	}
	return key, ""
}

func (s *Service) labelKey(an *abksvc.Analysis, key string) PosLabel {
	u, j := splitKey(key)
	return s.label(an, u, j)
}

// view labels a plan.
func (s *Service) view(ctx context.Context, r RunRecord, p *planner.Plan, lines []Line) (RunView, error) {
	an, err := s.abk.Analyse(ctx, r.ABKID)
	if err != nil {
		return RunView{}, err
	}
	byEmp := map[string]Line{}
	for _, l := range lines {
		byEmp[l.PegawaiID] = l
	}
	v := RunView{Run: r, Plan: p, Lines: make([]LineView, 0, len(p.Moves)), Flows: []Flow{}, Excluded: []ExclusionView{}, Stats: p.Stats}
	v.Stats.Millis = r.Millis
	flows := map[[2]string]int{}
	for _, m := range p.Moves {
		l := byEmp[m.EmployeeID]
		lv := LineView{Move: m, FromLabel: s.labelKey(an, m.From), ToLabel: s.labelKey(an, m.To), Keputusan: l.Keputusan, UsulanID: l.UsulanID}
		v.Lines = append(v.Lines, lv)
		flows[[2]string{lv.FromLabel.OPDSingkatan, lv.ToLabel.OPDSingkatan}]++
	}
	for k, n := range flows {
		v.Flows = append(v.Flows, Flow{From: k[0], To: k[1], Count: n})
	}
	sort.Slice(v.Flows, func(i, j int) bool {
		a, b := v.Flows[i], v.Flows[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.From != b.From {
			return a.From < b.From
		}
		return a.To < b.To
	})
	for _, x := range p.Excluded {
		v.Excluded = append(v.Excluded, ExclusionView{Exclusion: x, Target: s.labelKey(an, x.PositionKey)})
	}
	v.Summary, err = s.summary(ctx, an, r, p)
	return v, err
}

// summary recomputes the ABK analysis with the plan's moves applied to the
// bezetting (the workload code itself), for the side-by-side comparison.
func (s *Service) summary(ctx context.Context, an *abksvc.Analysis, r RunRecord, p *planner.Plan) (ScenarioSummaryView, error) {
	sum := ScenarioSummaryView{RunID: r.ID, Nama: r.Nama, Jenis: r.Jenis, IndukID: r.IndukID, Moves: len(p.Moves), Objective: p.Objective,
		BalanceBefore: p.BalanceBefore, BalanceAfter: p.BalanceAfter, OPDs: []OPDEffect{}}
	pos, err := s.repo.Positions(ctx, an.ABK.ID)
	if err != nil {
		return sum, err
	}
	before := an.Settings.Compute(pos)
	delta := map[string]int{}
	masuk, keluar := map[string]int{}, map[string]int{}
	for _, m := range p.Moves {
		delta[m.From]--
		delta[m.To]++
	}
	idx := map[string]int{}
	for i := range pos {
		idx[PositionKey(pos[i].UnitID, pos[i].JabatanID)] = i
	}
	for k, d := range delta {
		i, ok := idx[k]
		if !ok {
			u, j := splitKey(k)
			pos = append(pos, abk.Position{UnitID: u, JabatanID: j, OPDID: an.Labels.Unit[u].OPDID})
			i = len(pos) - 1
		}
		pos[i].Bezetting += d
	}
	after := an.Settings.Compute(pos)
	sum.ShareBBefore, sum.ShareBAfter = before.Balance.ShareB, after.Balance.ShareB
	for _, m := range p.Moves {
		fo, to := s.labelKey(an, m.From).OPDID, s.labelKey(an, m.To).OPDID
		if fo != to {
			keluar[fo]++
			masuk[to]++
		}
	}
	touched := map[string]bool{}
	for k := range masuk {
		touched[k] = true
	}
	for k := range keluar {
		touched[k] = true
	}
	for id := range touched {
		b, a := before.OPDs[id], after.OPDs[id]
		if b == nil || a == nil {
			continue
		}
		o := an.Labels.OPD[id]
		sing := o.Singkatan
		if sing == "" {
			sing = o.Kode
		}
		sum.OPDs = append(sum.OPDs, OPDEffect{OPDID: id, Singkatan: sing, BezettingSebelum: b.Bezetting, BezettingSesudah: a.Bezetting,
			EUSebelum: b.EU, EUSesudah: a.EU, GradeSebelum: b.Grade, GradeSesudah: a.Grade, Masuk: masuk[id], Keluar: keluar[id]})
	}
	sort.Slice(sum.OPDs, func(i, j int) bool { return sum.OPDs[i].Singkatan < sum.OPDs[j].Singkatan })
	return sum, nil
}

// Compare summarises runs or scenarios side by side.
func (s *Service) Compare(ctx context.Context, ids []string) ([]ScenarioSummaryView, error) {
	out := make([]ScenarioSummaryView, 0, len(ids))
	for _, id := range ids {
		r, p, err := s.stored(ctx, id)
		if err != nil {
			return nil, err
		}
		an, err := s.abk.Analyse(ctx, r.ABKID)
		if err != nil {
			return nil, err
		}
		sum, err := s.summary(ctx, an, r, p)
		if err != nil {
			return nil, err
		}
		out = append(out, sum)
	}
	return out, nil
}
