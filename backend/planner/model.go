package planner

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// forcedMove is a move pre-assigned by Options.Forced.
type forcedMove struct {
	e, to          int
	t              terms
	defVal, surVal int64
}

// empArc is one employee → target arc of the network. Its cost terms are
// not kept (56 bytes on each of ~680,000 arcs at 20,000 employees): the few
// arcs a plan reports recompute them (arcTerms).
type empArc struct {
	e, p int32
	edge int32
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
	hash             chan string      // InputHash, computed beside the build (run)
	before           chan float64     // the balance index before the plan, computed beside the flow (run)
	byTarget         chan *targetArcs // the arcs by target for the next-best search, gathered beside the flow (run)
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
	// supply employees in canonical order, grouped by source
	var supply []int
	members := make([][]int32, np)
	for e := range m.emp {
		if from := m.posIdx[m.emp[e].From]; !m.lockE[e] && !m.isForc[e] && m.give[from] > 0 {
			members[from] = append(members[from], int32(len(supply)))
			supply = append(supply, e)
		}
	}
	m.supplyEmployees = len(supply)
	prog.setTotal(len(supply)+len(deficits), m.flowBound())
	forb := make([][]int32, len(supply))
	if len(m.c.Options.Forbidden) > 0 {
		si := make(map[int]int, len(supply))
		for i, e := range supply {
			si[e] = i
		}
		for _, f := range m.c.Options.Forbidden {
			e, okE := m.empIdx[f.EmployeeID]
			p, okP := m.posIdx[f.PositionKey]
			if i, okS := si[e]; okE && okP && okS {
				forb[i] = append(forb[i], int32(p))
			}
		}
	}
	nd := len(deficits)
	// every pair: whether it is allowed (not forbidden, not blocked by a
	// hard rule) and, if so, its cost in points
	costs := make([]int64, len(supply)*nd)
	allowed := make([]bool, len(supply)*nd)
	srcOf := make([]int, len(supply))
	// dominance (exact): of the employees of one source allowed to one
	// target, only the give(source) cheapest can be in the optimum — had a
	// dearer one moved there, a cheaper one would stay home (at most
	// give(source) leave) and swapping them would lower the cost. One more
	// is kept: by the same swap it is a best candidate not chosen (the
	// next-best explanation and its what-if cost stay exact).
	keep := make([]bool, len(supply)*nd)
	var pools []int
	for u := 0; u < np; u++ {
		if m.give[u] > 0 && len(members[u]) > 0 {
			pools = append(pools, u)
		}
	}
	// the pools are independent (each writes only its members' rows), so
	// a pool is costed and pruned as soon as it is screened: a worker on
	// the second core follows the screening (Screen stays on this
	// goroutine, as ScreenFunc promises), and this goroutine helps once
	// it has screened every pool
	ready := make(chan int, len(pools))
	var wg sync.WaitGroup
	work := func() {
		var tops []int32
		var nTop []int
		for u := range ready {
			// only allowed pairs are costed: the pruning reads no other
			for _, i := range members[u] {
				e := supply[i]
				em := &m.emp[e]
				for j, p := range deficits {
					if x := int(i)*nd + j; allowed[x] {
						costs[x] = arcTerms(m.w, em, &m.ef[e], &m.pos[u], &m.pos[p], &m.pf[p]).sum()
					}
				}
			}
			tops, nTop = m.prune(members[u], m.give[u]+1, nd, costs, allowed, keep, tops, nTop)
		}
	}
	if runtime.GOMAXPROCS(0) > 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	type excl struct {
		i int32
		x Exclusion
	}
	var excls []excl
	var blockedBy []blockedTarget
	screened := 0
	var err error
screen:
	for _, u := range pools {
		for _, i := range members[u] {
			if screened&255 == 0 {
				if err = ctx.Err(); err != nil {
					break screen
				}
			}
			screened++
			prog.buildStep(screened)
			e := supply[i]
			em := &m.emp[e]
			srcOf[i] = u
			blockedBy = blockedBy[:0]
			any := false
			for j, p := range deficits {
				if containsP(forb[i], p) {
					continue
				}
				if screen != nil {
					if r, ok := screen(em, &m.pos[p]); !ok {
						if r == "" {
							r = "?"
						}
						blockedBy = append(blockedBy, blockedTarget{p, r})
						continue
					}
				}
				allowed[int(i)*nd+j], any = true, true
			}
			if !any && len(blockedBy) > 0 {
				excls = append(excls, excl{i, m.exclusion(e, blockedBy)})
			}
		}
		ready <- u
	}
	close(ready)
	if err != nil {
		wg.Wait()
		return err
	}
	work()
	wg.Wait()
	// the exclusions in canonical (supply) order
	slices.SortFunc(excls, func(a, b excl) int { return cmp.Compare(a.i, b.i) })
	for _, x := range excls {
		m.excluded = append(m.excluded, x.x)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	prog.buildStep(len(supply) + nd)
	if k > 0 {
		m.heuristicPrune(k, supply, deficits, srcOf, costs, keep)
	}
	// the kept arcs of supply employee i are kept.p/c[kept.start[i]:kept.start[i+1]],
	// counted and then copied by two goroutines, each taking half of the rows
	kept := keptArcs{start: make([]int32, len(supply)+1)}
	halves := [][2]int{{0, len(supply)}}
	if runtime.GOMAXPROCS(0) > 1 && len(supply)*nd >= 1<<16 {
		halves = [][2]int{{0, len(supply) / 2}, {len(supply) / 2, len(supply)}}
	}
	each := func(f func(lo, hi int)) {
		var wg sync.WaitGroup
		for _, h := range halves[1:] {
			wg.Add(1)
			go func() {
				defer wg.Done()
				f(h[0], h[1])
			}()
		}
		f(halves[0][0], halves[0][1])
		wg.Wait()
	}
	each(func(lo, hi int) {
		for i := lo; i < hi; i++ {
			n := int32(0)
			for _, k := range keep[i*nd : (i+1)*nd] {
				if k {
					n++
				}
			}
			kept.start[i+1] = n
		}
	})
	for i := range supply {
		kept.start[i+1] += kept.start[i]
	}
	nk := kept.start[len(supply)]
	kept.p, kept.c = make([]int32, nk), make([]int64, nk)
	each(func(lo, hi int) {
		for i := lo; i < hi; i++ {
			x := kept.start[i]
			for j, p := range deficits {
				if keep[i*nd+j] {
					kept.p[x], kept.c[x] = p, costs[i*nd+j]
					x++
				}
			}
		}
	})
	return m.layout(supply, deficits, &kept)
}

// keptArcs are the employee arcs that survive the pruning, by supply
// employee: their targets and costs in points.
type keptArcs struct {
	start []int32
	p     []int32
	c     []int64
}

// prune marks in keep, for one pool (its members' rows of costs and
// allowed, nd targets each), the g cheapest members allowed to each target,
// member by member so each row is read in order (a target-major loop read
// one cache line per pair); tops and nTop are scratch, returned for reuse.
func (m *model) prune(members []int32, g, nd int, costs []int64, allowed, keep []bool, tops []int32, nTop []int) ([]int32, []int) {
	if pruneOff {
		for _, i := range members {
			copy(keep[int(i)*nd:int(i+1)*nd], allowed[int(i)*nd:int(i+1)*nd])
		}
		return tops, nTop
	}
	// tops[j] holds the cheapest members allowed to target j so far
	tops = slices.Grow(tops[:0], g*nd)[:g*nd]
	nTop = slices.Grow(nTop[:0], nd)[:nd]
	clear(nTop)
	for _, i := range members { // ascending i: earlier wins ties (rank)
		row := costs[int(i)*nd : int(i+1)*nd]
		ok := allowed[int(i)*nd : int(i+1)*nd]
		for j, c := range row {
			if !ok[j] {
				continue
			}
			top := tops[j*g : j*g+nTop[j]]
			if len(top) == g && c >= costs[int(top[g-1])*nd+j] {
				continue
			}
			if len(top) < g {
				top = top[:len(top)+1]
				nTop[j]++
			}
			top[len(top)-1] = i
			for q := len(top) - 1; q > 0 && costs[int(top[q])*nd+j] < costs[int(top[q-1])*nd+j]; q-- {
				top[q], top[q-1] = top[q-1], top[q]
			}
		}
	}
	for j := 0; j < nd; j++ {
		for _, i := range tops[j*g : j*g+nTop[j]] {
			keep[int(i)*nd+j] = true
		}
	}
	return tops, nTop
}

// pruneOff disables the dominance pruning (tests compare with it off).
var pruneOff = false

// heuristicPrune keeps, of the kept arcs, each employee's k best targets by
// cost minus the target's first-fill value, and each target's 2·need + k/4
// best employees by cost minus the source's first-release value. It is not
// exact (Options.CandidatesPerEmployee; docs/planner.md).
func (m *model) heuristicPrune(k int, supply []int, deficits []int32, srcOf []int, costs []int64, keep []bool) {
	nd := len(deficits)
	firstFill := make([]int64, nd)
	for j, p := range deficits {
		firstFill[j] = addValue(m.w, m.pos[p].Kebutuhan, m.n[p])
	}
	firstGive := make([]int64, len(m.pos))
	for p := range m.pos {
		if m.give[p] > 0 {
			firstGive[p] = removeValue(m.w, m.pos[p].Kebutuhan, m.n[p])
		}
	}
	out := make([]bool, len(keep))
	var buf []scored
	for i := range supply {
		buf = buf[:0]
		for j := range deficits {
			if x := i*nd + j; keep[x] {
				buf = append(buf, scored{costs[x] - firstFill[j], int32(j)})
			}
		}
		sortScored(buf)
		for q := 0; q < len(buf) && q < k; q++ {
			out[i*nd+int(buf[q].p)] = true
		}
	}
	for j, p := range deficits {
		buf = buf[:0]
		for i := range supply {
			if x := i*nd + j; keep[x] {
				buf = append(buf, scored{costs[x] - firstGive[srcOf[i]], int32(i)})
			}
		}
		sortScored(buf)
		for q := 0; q < len(buf) && q < 2*m.need[p]+k/4; q++ {
			out[int(buf[q].p)*nd+j] = true
		}
	}
	copy(keep, out)
}

// sortScored orders by score, then index.
func sortScored(s []scored) {
	slices.SortFunc(s, func(a, b scored) int {
		if a.score != b.score {
			return cmp.Compare(a.score, b.score)
		}
		return cmp.Compare(a.p, b.p)
	})
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
func (m *model) layout(supply []int, deficits []int32, kept *keptArcs) error {
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
	for i, e := range supply {
		if kept.start[i+1] > kept.start[i] {
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

	totalGive := 0
	for p := 0; p < np; p++ {
		totalGive += m.give[p]
	}
	// the arcs before the employee arcs (source, hub, pools) and after
	// them (sinks) are listed; the employee arcs are read from kept
	var pre, post []arcSpec
	capK := totalGive
	if mm := m.c.Options.MaxMoves; mm > 0 && mm-len(m.forced) < capK {
		capK = mm - len(m.forced)
	}
	pre = append(pre, arcSpec{m.src, m.hub, int32(capK), cost{}})
	type mark struct{ p, first, n int }
	var hubMarks, sinkMarks []mark
	for p := 0; p < np; p++ {
		if m.give[p] == 0 {
			continue
		}
		hubMarks = append(hubMarks, mark{p, len(pre), m.give[p]})
		for j := 0; j < m.give[p]; j++ {
			v := removeValue(m.w, m.pos[p].Kebutuhan, m.n[p]-j)
			pre = append(pre, arcSpec{m.hub, posO[p], 1, cost{-v, 0}})
		}
	}
	poolArcStart := len(pre)
	var poolEmps []int
	for _, e := range supply {
		if m.empNode[e] >= 0 {
			pre = append(pre, arcSpec{posO[m.posIdx[m.emp[e].From]], m.empNode[e], 1, cost{}})
			poolEmps = append(poolEmps, e)
		}
	}
	empArcStart := len(pre)
	nEmpArcs := len(kept.p)
	m.arcs = make([]empArc, 0, nEmpArcs)
	for i, e := range supply {
		for x := kept.start[i]; x < kept.start[i+1]; x++ {
			m.arcs = append(m.arcs, empArc{e: int32(e), p: kept.p[x]})
		}
	}
	postStart := empArcStart + nEmpArcs
	for _, p := range deficits {
		sinkMarks = append(sinkMarks, mark{int(p), postStart + len(post), m.need[p]})
		for j := 0; j < m.need[p]; j++ {
			v := addValue(m.w, m.pos[p].Kebutuhan, m.n[p]+j)
			post = append(post, arcSpec{m.posD[p], m.sink, 1, cost{-v, 0}})
		}
	}
	np64 := int64(np)
	// ranks are stored as int32; a region too large for employee·P + P
	// falls back to ranking by employee only (docs/planner.md)
	coarse := int64(len(m.emp)+1)*np64 >= math.MaxInt32
	arcAt := func(i int) arcSpec {
		switch {
		case i < empArcStart:
			return pre[i]
		case i >= postStart:
			return post[i-postStart]
		}
		a := &m.arcs[i-empArcStart]
		rank := int64(a.e)*np64 + int64(a.p) + 1
		if coarse {
			rank = int64(a.e) + 1
		}
		return arcSpec{m.empNode[a.e], m.posD[a.p], 1, cost{kept.c[i-empArcStart], rank}}
	}
	g, idx := buildGraph(int(next), postStart+len(post), arcAt)
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
	poolArc := make([]int32, len(m.emp))
	for i, e := range poolEmps {
		poolArc[e] = idx[poolArcStart+i]
	}
	if !condenseOff {
		g.cond = m.condense(poolArc)
	}
	return nil
}

// terms recomputes the cost terms of employee arc a.
func (m *model) terms(a *empArc) terms {
	em := &m.emp[a.e]
	return arcTerms(m.w, em, &m.ef[a.e], &m.pos[m.posIdx[em.From]], &m.pos[a.p], &m.pf[a.p])
}

// condenseOff makes the solver scan every employee arc (tests compare).
var condenseOff = false

// networkCost is Σ flow × points over the forward arcs: the network part of
// the objective (what the LP oracle checks).
func (m *model) networkCost() int64 {
	var s int64
	g := m.g
	for u := 0; u < g.n; u++ {
		for k := g.first[u]; k < g.first[u+1]; k++ {
			if g.orig[k] > 0 {
				s += int64(g.flow(k)) * g.e[k].hi
			}
		}
	}
	return s
}
