package planner

import (
	"context"
	"sort"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
)

// progress turns build and augmentation steps into at most ~100 calls.
type progress struct {
	f            Progress
	build, total int
	last         int
}

func (p *progress) setTotal(build, flow int) {
	p.build, p.total, p.last = build, build+flow, -1
	p.report(0)
}

func (p *progress) report(done int) {
	if p.f == nil || p.total <= 0 {
		return
	}
	if done > p.total {
		done = p.total
	}
	if pct := done * 100 / p.total; pct > p.last {
		p.last = pct
		p.f(done, p.total)
	}
}

func (p *progress) buildStep(i int) { p.report(i) }
func (p *progress) flowStep(a int)  { p.report(p.build + a) }
func (p *progress) finish() {
	if p.f != nil && p.total > 0 && p.last < 100 {
		p.last = 100
		p.f(p.total, p.total)
	}
}

// run canonicalises, applies the forced moves, builds and solves the network.
func run(ctx context.Context, in Input, fn Progress) (*model, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m, err := newModel(in)
	if err != nil {
		return nil, err
	}
	if err := m.applyForced(in.Screen); err != nil {
		return nil, err
	}
	pr := &progress{f: fn}
	if err := m.build(ctx, in.Screen, pr); err != nil {
		return nil, err
	}
	// the input hash, the balance index before the plan and the arcs by
	// target for the next-best search on the second core, which is idle
	// while the shortest paths run (the build keeps it busy; none of them
	// reads what the flow changes)
	m.hash = make(chan string, 1)
	go func() { m.hash <- m.c.hash() }()
	m.before = make(chan float64, 1)
	go func() { m.before <- m.balance(m.n0) }()
	m.byTarget = make(chan *targetArcs, 1)
	go func() { m.byTarget <- m.targetArcs() }()
	aug, err := m.g.minCostFlow(ctx, m.src, m.sink, pr.flowStep)
	if err != nil {
		return nil, err
	}
	m.aug = aug
	pr.finish()
	return m, nil
}

func solve(ctx context.Context, in Input, fn Progress) (*Plan, error) {
	start := time.Now()
	m, err := run(ctx, in, fn)
	if err != nil {
		return nil, err
	}
	p := m.plan()
	if err := ctx.Err(); err != nil { // cancelled while explaining
		return nil, err
	}
	p.InputHash = <-m.hash
	p.Stats.Millis = time.Since(start).Milliseconds()
	return p, nil
}

// plan reads the moves off the flow and explains them.
func (m *model) plan() *Plan {
	p := &Plan{SolverVersion: SolverVersion, Weights: m.c.Weights, Options: m.c.Options}
	g := m.g
	// final counts
	nf := append([]int(nil), m.n...)
	var moves []Move
	var forcedIdx []bool
	for _, f := range m.forced {
		moves = append(moves, m.newMove(f.e, f.to, f.t))
		mv := &moves[len(moves)-1]
		mv.Cost.DeficitValue, mv.Cost.SurplusValue = f.defVal, f.surVal
		mv.Forced = true
		forcedIdx = append(forcedIdx, true)
	}
	used := make([]int32, 0)
	for i := range m.arcs {
		a := &m.arcs[i]
		if g.flow(a.edge) > 0 {
			used = append(used, int32(i))
			from := m.posIdx[m.emp[a.e].From]
			nf[from]--
			nf[a.p]++
			moves = append(moves, m.newMove(int(a.e), int(a.p), m.terms(a)))
			forcedIdx = append(forcedIdx, false)
		}
	}
	// canonical order: target key, then NIP (employees are already by NIP)
	order := make([]int, len(moves))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := &moves[order[a]], &moves[order[b]]
		if x.To != y.To {
			return x.To < y.To
		}
		if x.NIP != y.NIP {
			return x.NIP < y.NIP
		}
		return x.EmployeeID < y.EmployeeID
	})
	sorted := make([]Move, len(moves))
	isF := make([]bool, len(moves))
	for i, o := range order {
		sorted[i], isF[i] = moves[o], forcedIdx[o]
	}
	moves = sorted
	// balancing values of the network moves: the used arcs' values, best
	// first, handed out in canonical order within each position
	fillVals := func(arcs []int32) []int64 {
		var vs []int64
		for _, k := range arcs {
			if g.flow(k) > 0 {
				vs = append(vs, -g.e[k].hi)
			}
		}
		sort.Slice(vs, func(a, b int) bool { return vs[a] > vs[b] })
		return vs
	}
	giveVals := make([][]int64, len(m.pos))
	takeVals := make([][]int64, len(m.pos))
	for q := range m.pos {
		giveVals[q] = fillVals(m.hubArcs[q])
		takeVals[q] = fillVals(m.sinkArc[q])
	}
	for i := range moves {
		mv := &moves[i]
		if isF[i] {
			continue
		}
		from, to := m.posIdx[mv.From], m.posIdx[mv.To]
		mv.Cost.SurplusValue, giveVals[from] = giveVals[from][0], giveVals[from][1:]
		mv.Cost.DeficitValue, takeVals[to] = takeVals[to][0], takeVals[to][1:]
	}
	for i := range moves {
		c := &moves[i].Cost
		c.Total = c.Competence + c.Preference + c.RequestBonus + c.InterestBonus + c.Stagnation + c.Relocation + c.Move - c.DeficitValue - c.SurplusValue
		p.Objective += c.Total
	}
	for i := range moves {
		mv := &moves[i]
		from, to := m.posIdx[mv.From], m.posIdx[mv.To]
		mv.FromGapBefore = m.pos[from].Kebutuhan - m.n0[from]
		mv.FromGapAfter = m.pos[from].Kebutuhan - nf[from]
		mv.ToGapBefore = m.pos[to].Kebutuhan - m.n0[to]
		mv.ToGapAfter = m.pos[to].Kebutuhan - nf[to]
	}
	m.explainMoves(moves, used)
	p.Moves = moves
	if p.Moves == nil {
		p.Moves = []Move{}
	}
	p.Excluded = m.excluded
	if p.Excluded == nil {
		p.Excluded = []Exclusion{}
	}
	if m.before != nil {
		p.BalanceBefore = <-m.before
	} else {
		p.BalanceBefore = m.balance(m.n0)
	}
	p.BalanceAfter = m.balance(nf)
	p.Stats = Stats{Employees: len(m.emp), Positions: len(m.pos), Arcs: m.forwardArcs(), Augmentations: m.aug}
	return p
}

func (m *model) forwardArcs() int {
	c := 0
	for i := range m.g.e {
		if m.g.orig[i] > 0 {
			c++
		}
	}
	return c
}

func (m *model) newMove(e, to int, t terms) Move {
	em := &m.emp[e]
	return Move{
		EmployeeID: em.ID, NIP: em.NIP, Nama: em.Nama, From: em.From, To: m.pos[to].Key,
		Cost: CostTerms{Competence: t.competence, Preference: t.preference, RequestBonus: t.requestBonus, InterestBonus: t.interest,
			Stagnation: t.stagnation, Relocation: t.relocation, Move: t.move},
	}
}

// balance is the workload balance index of the positions with counts n,
// computed by backend/workload itself: each position becomes one ABK task of
// exactly kebutuhan person-years.
func (m *model) balance(n []int) float64 {
	s := abk.DefaultSettings()
	ps := make([]abk.Position, len(m.pos))
	for i := range m.pos {
		p := &m.pos[i]
		ps[i] = abk.Position{OPDID: p.OPDID, UnitID: p.UnitID, JabatanID: p.JabatanID, Bezetting: n[i]}
		if p.Kebutuhan > 0 {
			ps[i].Tugas = []abk.Tugas{{Volume: float64(p.Kebutuhan), Periode: abk.PeriodeTahun, NormaMenit: s.WKEMenit}}
		}
	}
	return s.Compute(ps).Balance.Index
}
