package planner

import (
	"context"
	"sort"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// forcedMove is a move pre-assigned by Options.Forced.
type forcedMove struct {
	e, to          int
	t              terms
	defVal, surVal int64
}

// empArc is one employee → target arc of the network.
type empArc struct {
	e, p int32
	edge int32
	t    terms
}

// model is one run: the canonical input, the counts after forced moves, the
// network and, once solved, its flows.
type model struct {
	c      canonical
	w      *Weights
	pos    []Position
	emp    []Employee
	posIdx map[string]int
	empIdx map[string]int
	ef     []empFacts
	pf     []posFacts
	lockE  []bool
	lockP  []bool

	n0, n  []int // bezetting as given, and after the forced moves
	forced []forcedMove
	isForc []bool

	// network
	g                *graph
	src, hub, sink   int32
	give, need       []int     // per position: people it may give / fill it needs
	hubArcs, sinkArc [][]int32 // per position: its balancing arcs, best value first
	arcs             []empArc
	empNode          []int32
	posD             []int32
	excluded         []Exclusion
	supplyEmployees  int
	aug              int
}

func invalid(code, id, en string) error { return domain.E(domain.KindInvalid, code, id, en) }

// newModel canonicalises and validates in and applies the forced moves.
func newModel(in Input) (*model, error) {
	m := &model{c: canonicalize(in)}
	if err := m.c.validate(); err != nil {
		return nil, err
	}
	m.w = &m.c.Weights
	m.pos, m.emp = m.c.Positions, m.c.Employees
	m.posIdx = make(map[string]int, len(m.pos))
	for i := range m.pos {
		m.posIdx[m.pos[i].Key] = i
	}
	m.empIdx = make(map[string]int, len(m.emp))
	for i := range m.emp {
		m.empIdx[m.emp[i].ID] = i
	}
	m.lockP = make([]bool, len(m.pos))
	m.pf = make([]posFacts, len(m.pos))
	m.n0 = make([]int, len(m.pos))
	for i := range m.pos {
		m.lockP[i] = m.pos[i].Locked
		m.pf[i] = makePosFacts(&m.pos[i])
		m.n0[i] = m.pos[i].Bezetting
	}
	for _, k := range m.c.Options.LockedPositions {
		if i, ok := m.posIdx[k]; ok {
			m.lockP[i] = true
		}
	}
	m.lockE = make([]bool, len(m.emp))
	m.ef = make([]empFacts, len(m.emp))
	for i := range m.emp {
		m.lockE[i] = m.emp[i].Locked
		m.ef[i] = makeEmpFacts(m.w, &m.emp[i])
	}
	for _, id := range m.c.Options.LockedEmployees {
		if i, ok := m.empIdx[id]; ok {
			m.lockE[i] = true
		}
	}
	m.n = append([]int(nil), m.n0...)
	m.isForc = make([]bool, len(m.emp))
	return m, nil
}

// forbidden reports whether Options.Forbidden holds (employee id, key).
func (m *model) forbiddenSet() map[Pair]bool {
	s := make(map[Pair]bool, len(m.c.Options.Forbidden))
	for _, p := range m.c.Options.Forbidden {
		s[p] = true
	}
	return s
}

// checkPair says why e may not move to p, "" when it may. rule is the
// eligibility rule id when a hard rule blocks.
func (m *model) checkPair(screen ScreenFunc, forb map[Pair]bool, e, p int) (code, rule string) {
	em, ps := &m.emp[e], &m.pos[p]
	from := m.posIdx[em.From]
	switch {
	case from == p:
		return "planner.pair.same", ""
	case m.lockE[e]:
		return "planner.pair.employeeLocked", ""
	case m.lockP[p]:
		return "planner.pair.targetLocked", ""
	case m.lockP[from]:
		return "planner.pair.sourceLocked", ""
	case forb[Pair{em.ID, ps.Key}]:
		return "planner.pair.forbidden", ""
	}
	if screen != nil {
		if r, ok := screen(em, ps); !ok {
			return "planner.pair.blocked", r
		}
	}
	return "", ""
}

// applyForced pre-assigns the forced moves in canonical order and adjusts the
// counts; a forced pair that breaks a lock, a forbidden pair or a hard rule
// is an error.
func (m *model) applyForced(screen ScreenFunc) error {
	forb := m.forbiddenSet()
	for _, f := range m.c.Options.Forced {
		e, okE := m.empIdx[f.EmployeeID]
		p, okP := m.posIdx[f.PositionKey]
		if !okE || !okP {
			return invalid("planner.forced.unknown", "Pasangan paksa "+f.EmployeeID+" → "+f.PositionKey+" tidak dikenal.",
				"Forced pair "+f.EmployeeID+" → "+f.PositionKey+" is unknown.")
		}
		if m.isForc[e] {
			return invalid("planner.forced.twice", "Pegawai "+m.emp[e].NIP+" dipaksa pindah ke dua posisi.",
				"Employee "+m.emp[e].NIP+" is forced to two positions.")
		}
		if code, rule := m.checkPair(screen, forb, e, p); code != "" {
			id, en := pairReason(m, code, rule, e, p)
			return invalid("planner.forced.invalid", id, en)
		}
		from := m.posIdx[m.emp[e].From]
		fm := forcedMove{e: e, to: p}
		fm.t = arcTerms(m.w, &m.emp[e], &m.ef[e], &m.pos[from], &m.pos[p], &m.pf[p])
		fm.surVal = removeValue(m.w, m.pos[from].Kebutuhan, m.n[from])
		m.n[from]--
		fm.defVal = addValue(m.w, m.pos[p].Kebutuhan, m.n[p])
		m.n[p]++
		m.isForc[e] = true
		m.forced = append(m.forced, fm)
	}
	if mm := m.c.Options.MaxMoves; mm > 0 && len(m.forced) > mm {
		return invalid("planner.forced.tooMany", "Jumlah mutasi paksa melebihi jumlah mutasi maksimum.",
			"There are more forced moves than the maximum number of moves.")
	}
	return nil
}

// floor is the least a source keeps: its kebutuhan, or more under MinFloorPercent.
func (m *model) floor(p int) int {
	r := m.pos[p].Kebutuhan
	f := (r*m.c.Options.MinFloorPercent + 99) / 100
	if f < r {
		f = r
	}
	return f
}

type scored struct {
	score int64
	p     int32
}

// build screens the pairs and lays out the network (docs/planner.md §Network).
func (m *model) build(ctx context.Context, screen ScreenFunc, prog *progress) error {
	np := len(m.pos)
	m.give = make([]int, np)
	m.need = make([]int, np)
	avail := make([]int, np)
	for e := range m.emp {
		if !m.lockE[e] && !m.isForc[e] {
			avail[m.posIdx[m.emp[e].From]]++
		}
	}
	var deficits []int32
	for p := 0; p < np; p++ {
		if m.lockP[p] {
			continue
		}
		if g := m.n[p] - m.floor(p); g > 0 {
			if g > avail[p] {
				g = avail[p]
			}
			m.give[p] = g
		}
		if d := m.pos[p].Kebutuhan - m.n[p]; d > 0 {
			m.need[p] = d
			deficits = append(deficits, int32(p))
		}
	}
	k := m.c.Options.CandidatesPerEmployee
	if k == 0 {
		k = DefaultCandidates
	}
	var forbByEmp map[int][]int32
	if len(m.c.Options.Forbidden) > 0 {
		forbByEmp = map[int][]int32{}
		for _, f := range m.c.Options.Forbidden {
			e, okE := m.empIdx[f.EmployeeID]
			p, okP := m.posIdx[f.PositionKey]
			if okE && okP {
				forbByEmp[e] = append(forbByEmp[e], int32(p))
			}
		}
	}
	// supply employees in canonical order
	var supply []int
	for e := range m.emp {
		if !m.lockE[e] && !m.isForc[e] && m.give[m.posIdx[m.emp[e].From]] > 0 {
			supply = append(supply, e)
		}
	}
	m.supplyEmployees = len(supply)
	prog.setTotal(len(supply), m.flowBound())
	firstFill := make([]int64, np)
	for _, p := range deficits {
		firstFill[p] = addValue(m.w, m.pos[p].Kebutuhan, m.n[p])
	}
	cand := make([][]int32, len(m.emp))
	buf := make([]scored, 0, len(deficits))
	var blockedBy []blockedTarget
	for i, e := range supply {
		if i&255 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		prog.buildStep(i + 1)
		em := &m.emp[e]
		from := m.posIdx[em.From]
		buf = buf[:0]
		for _, p := range deficits {
			t := arcTerms(m.w, em, &m.ef[e], &m.pos[from], &m.pos[p], &m.pf[p])
			buf = append(buf, scored{t.sum() - firstFill[p], p})
		}
		sort.Slice(buf, func(a, b int) bool {
			if buf[a].score != buf[b].score {
				return buf[a].score < buf[b].score
			}
			return buf[a].p < buf[b].p
		})
		forb := forbByEmp[e]
		var acc []int32
		blockedBy = blockedBy[:0]
		for _, s := range buf {
			if len(acc) >= k {
				break
			}
			if containsP(forb, s.p) {
				continue
			}
			if screen != nil {
				if r, ok := screen(em, &m.pos[s.p]); !ok {
					blockedBy = append(blockedBy, blockedTarget{s.p, r})
					continue
				}
			}
			acc = append(acc, s.p)
		}
		if len(acc) == 0 && len(blockedBy) > 0 {
			m.excluded = append(m.excluded, m.exclusion(e, blockedBy, len(buf)))
		}
		sort.Slice(acc, func(a, b int) bool { return acc[a] < acc[b] })
		cand[e] = acc
	}
	return m.layout(supply, deficits, cand)
}

// blockedTarget is a deficit position a hard rule kept an employee from.
type blockedTarget struct {
	p    int32
	rule string
}

func containsP(s []int32, p int32) bool {
	for _, x := range s {
		if x == p {
			return true
		}
	}
	return false
}

// flowBound is an upper bound of the number of network moves.
func (m *model) flowBound() int {
	g, d := 0, 0
	for p := range m.pos {
		g += m.give[p]
		d += m.need[p]
	}
	if d < g {
		g = d
	}
	if mm := m.c.Options.MaxMoves; mm > 0 && mm-len(m.forced) < g {
		g = mm - len(m.forced)
	}
	return g
}

// layout numbers the nodes in topological order (source, hub, donor pools,
// employees, deficit positions, sink) and builds the arcs.
func (m *model) layout(supply []int, deficits []int32, cand [][]int32) error {
	np := len(m.pos)
	posO := make([]int32, np)
	m.posD = make([]int32, np)
	for i := range posO {
		posO[i], m.posD[i] = -1, -1
	}
	m.src, m.hub = 0, 1
	next := int32(2)
	for p := 0; p < np; p++ {
		if m.give[p] > 0 {
			posO[p] = next
			next++
		}
	}
	m.empNode = make([]int32, len(m.emp))
	for i := range m.empNode {
		m.empNode[i] = -1
	}
	for _, e := range supply {
		if len(cand[e]) > 0 {
			m.empNode[e] = next
			next++
		}
	}
	for _, p := range deficits {
		m.posD[p] = next
		next++
	}
	m.sink = next
	next++

	var arcs []arcSpec
	totalGive := 0
	for p := 0; p < np; p++ {
		totalGive += m.give[p]
	}
	capK := totalGive
	if mm := m.c.Options.MaxMoves; mm > 0 && mm-len(m.forced) < capK {
		capK = mm - len(m.forced)
	}
	arcs = append(arcs, arcSpec{m.src, m.hub, int32(capK), cost{}})
	type mark struct{ p, first, n int }
	var hubMarks, sinkMarks []mark
	for p := 0; p < np; p++ {
		if m.give[p] == 0 {
			continue
		}
		hubMarks = append(hubMarks, mark{p, len(arcs), m.give[p]})
		for j := 0; j < m.give[p]; j++ {
			v := removeValue(m.w, m.pos[p].Kebutuhan, m.n[p]-j)
			arcs = append(arcs, arcSpec{m.hub, posO[p], 1, cost{-v, 0}})
		}
	}
	for _, e := range supply {
		if m.empNode[e] >= 0 {
			arcs = append(arcs, arcSpec{posO[m.posIdx[m.emp[e].From]], m.empNode[e], 1, cost{}})
		}
	}
	empArcStart := len(arcs)
	np64 := int64(np)
	for _, e := range supply {
		if m.empNode[e] < 0 {
			continue
		}
		em := &m.emp[e]
		from := m.posIdx[em.From]
		for _, p := range cand[e] {
			t := arcTerms(m.w, em, &m.ef[e], &m.pos[from], &m.pos[p], &m.pf[p])
			rank := int64(e)*np64 + int64(p) + 1
			m.arcs = append(m.arcs, empArc{e: int32(e), p: p, t: t})
			arcs = append(arcs, arcSpec{m.empNode[e], m.posD[p], 1, cost{t.sum(), rank}})
		}
	}
	for _, p := range deficits {
		sinkMarks = append(sinkMarks, mark{int(p), len(arcs), m.need[p]})
		for j := 0; j < m.need[p]; j++ {
			v := addValue(m.w, m.pos[p].Kebutuhan, m.n[p]+j)
			arcs = append(arcs, arcSpec{m.posD[p], m.sink, 1, cost{-v, 0}})
		}
	}
	g, idx := buildGraph(int(next), arcs)
	m.g = g
	for i := range m.arcs {
		m.arcs[i].edge = idx[empArcStart+i]
	}
	m.hubArcs = make([][]int32, np)
	for _, mk := range hubMarks {
		m.hubArcs[mk.p] = append([]int32(nil), idx[mk.first:mk.first+mk.n]...)
	}
	m.sinkArc = make([][]int32, np)
	for _, mk := range sinkMarks {
		m.sinkArc[mk.p] = append([]int32(nil), idx[mk.first:mk.first+mk.n]...)
	}
	return nil
}

// networkCost is Σ flow × points over the forward arcs: the network part of
// the objective (what the LP oracle checks).
func (m *model) networkCost() int64 {
	var s int64
	g := m.g
	for u := 0; u < g.n; u++ {
		for k := g.first[u]; k < g.first[u+1]; k++ {
			if g.orig[k] > 0 {
				s += int64(g.flow(k)) * g.cst[k].hi
			}
		}
	}
	return s
}
