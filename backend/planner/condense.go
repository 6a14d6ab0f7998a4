package planner

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// condensed lets Dijkstra skip the employees who are not moving. Such an
// employee e of pool O_u has one way in (O_u → e, cost 0) and its arcs out to
// targets, so a path through it is O_u → e → D_v at the cost of its arc, and
// its potential can be kept equal to its pool's. Scanning a pool then relaxes
// each target once, through the cheapest non-moving employee of the pool
// allowed there (ties by rank, as the arcs themselves), instead of every
// employee's every arc. Employees who move are ordinary nodes.
type condensed struct {
	poolOf    []int32     // node → pool index, -1 for other nodes
	poolNode  []int32     // pool index → node
	entStart  []int32     // pool index → its entries: entStart[p] … entStart[p+1]-1
	ent       []entry     // (pool, target) entries, by pool, then by cost (below)
	candStart []int32     // entry id → its candidate arcs, cheapest first
	cand      []candidate // with their employees and costs, so an update reads no arc
	poolArc   []int32     // node → its O_u → e arc for employee nodes, -1 otherwise
	empPool   []int32     // node → its pool node for employee nodes
	empEnt    [][]int32   // node → the entries an employee is a candidate in
	// ent lists each pool's entries by cost in points (noCand: no candidate
	// left), so a search reads a pool only as far as it can matter
	// (scanRow). Entries move as their costs change: empEnt, candStart and
	// entPool name an entry by a fixed id, rowPos is its place in ent and
	// row the id at a place.
	row     []int32
	rowPos  []int32
	entPool []int32 // entry id → its pool index
	// a moving employee's arcs by cost in points (built when it first
	// moves) and the arc it moves along, for the same bounded scan
	mArcs [][]moverArc
	keys  []uint64 // scratch of sortedArcs
	pre   *presort // while the shortest paths run
	cur   []int32
	final bool // finalOrder: sorted by reduced cost, nothing changes any more
	// employee nodes are empLo … empHi-1; movers lists those moving (moverAt:
	// a node's place in it, -1 if none)
	empLo, empHi int32
	movers       []int32
	moverAt      []int32
	idle         []bool // node → an employee who is not moving
	tLo          int32  // the target nodes are tLo … tHi (the entries' heads)
	tHi          int32
}

// entry is one (pool, target): the arc of its cheapest non-moving candidate
// (-1 if none) and that arc's cost, kept here so the scan reads one array.
type entry struct {
	v, best int32
	c       cost
}

// condense builds the structure from the network's employee arcs.
func (m *model) condense(poolArcOfEmp []int32) *condensed {
	g := m.g
	c := &condensed{poolOf: make([]int32, g.n), poolArc: make([]int32, g.n), empPool: make([]int32, g.n), empEnt: make([][]int32, g.n)}
	for i := range c.poolOf {
		c.poolOf[i], c.poolArc[i], c.empPool[i] = -1, -1, -1
	}
	c.idle = make([]bool, g.n)
	c.moverAt = make([]int32, g.n)
	c.empLo, c.empHi = int32(g.n), 0
	for i := range c.moverAt {
		c.moverAt[i] = -1
	}
	for e, node := range m.empNode {
		if node < 0 {
			continue
		}
		c.empLo, c.empHi = min(c.empLo, node), max(c.empHi, node+1)
		k := poolArcOfEmp[e]
		c.poolArc[node] = k
		c.idle[node] = g.e[k].cap > 0
		c.empPool[node] = g.e[g.e[k].rev].to
	}
	if c.empLo >= c.empHi {
		c.empLo, c.empHi = int32(g.n), int32(g.n)
	}
	// the employee arcs by (pool, target), pools in node order, each group
	// by (cost, arc): grouped pool by pool in a buffer reused across pools
	// (one list of all ~680,000 arcs before). An employee's arcs are
	// contiguous in m.arcs, employees in node order.
	perEmp := make([]int32, g.n)
	for i := range m.arcs {
		perEmp[m.empNode[m.arcs[i].e]]++
	}
	arcAt := make([]int32, g.n+1)
	for x := 0; x < g.n; x++ {
		arcAt[x+1] = arcAt[x] + perEmp[x]
	}
	// the employee nodes of each pool node, in node order
	poolEmpAt := make([]int32, g.n+1)
	for x := c.empLo; x < c.empHi; x++ {
		if perEmp[x] > 0 {
			poolEmpAt[c.empPool[x]+1]++
		}
	}
	for x := 0; x < g.n; x++ {
		poolEmpAt[x+1] += poolEmpAt[x]
	}
	poolEmps := make([]int32, poolEmpAt[g.n])
	fill := append([]int32(nil), poolEmpAt[:g.n]...)
	for x := c.empLo; x < c.empHi; x++ {
		if perEmp[x] > 0 {
			p := c.empPool[x]
			poolEmps[fill[p]] = x
			fill[p]++
		}
	}
	// sized before they are filled (grown by doubling they cost several
	// times their final size at 20,000 employees): entries are the distinct
	// (pool, target) pairs; each pool's share of the arrays is fixed here
	c.entStart = []int32{0}
	candAt := []int32{0}       // pool index → its first candidate arc
	last := make([]int32, g.n) // target node → the last pool node it was seen from, +1
	for u := 0; u < g.n; u++ {
		emps := poolEmps[poolEmpAt[u]:poolEmpAt[u+1]]
		if len(emps) == 0 {
			continue
		}
		nEnt, nCand := c.entStart[len(c.entStart)-1], candAt[len(candAt)-1]
		for _, x := range emps {
			nCand += perEmp[x]
			for i := arcAt[x]; i < arcAt[x+1]; i++ {
				if v := m.posD[m.arcs[i].p]; last[v] != int32(u)+1 {
					last[v] = int32(u) + 1
					nEnt++
				}
			}
		}
		c.poolOf[u] = int32(len(c.poolNode))
		c.poolNode = append(c.poolNode, int32(u))
		c.entStart = append(c.entStart, nEnt)
		candAt = append(candAt, nCand)
	}
	nEnt := int(c.entStart[len(c.poolNode)])
	c.ent = make([]entry, nEnt)
	c.entPool = make([]int32, nEnt)
	c.candStart = make([]int32, nEnt+1)
	for q := range c.poolNode { // where a pool's last entry ends (refresh)
		c.candStart[c.entStart[q]] = candAt[q]
	}
	c.candStart[nEnt] = int32(len(m.arcs))
	c.cand = make([]candidate, len(m.arcs))
	c.row = make([]int32, nEnt)
	c.rowPos = make([]int32, nEnt)
	sorted := make([]entry, nEnt)
	empEnt := make([]int32, len(m.arcs))
	for e, k := range perEmp {
		if k > 0 {
			c.empEnt[e], empEnt = empEnt[:0:k], empEnt[k:]
		}
	}
	// the pools are independent (each writes only its own share and its
	// employees' lists), so two workers build them, taking the next pool
	// as they become free
	var next atomic.Int32
	var wg sync.WaitGroup
	for w := min(runtime.GOMAXPROCS(0), 2, len(c.poolNode)); w > 0; w-- {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var idx []int32
			var gb groupBuf
			for q := next.Add(1) - 1; int(q) < len(c.poolNode); q = next.Add(1) - 1 {
				idx = c.buildPool(g, m, q, poolEmps[poolEmpAt[c.poolNode[q]]:poolEmpAt[c.poolNode[q]+1]], arcAt, candAt[q], sorted, idx, &gb)
			}
		}()
	}
	wg.Wait()
	c.ent = sorted
	c.tLo, c.tHi = int32(g.n), -1
	for i := range c.ent {
		c.tLo, c.tHi = min(c.tLo, c.ent[i].v), max(c.tHi, c.ent[i].v)
	}
	c.mArcs = make([][]moverArc, g.n)
	c.cur = make([]int32, g.n)
	return c
}

// buildPool fills pool q's entries (ids entStart[q] …) and candidates (from
// candidate arc nc on) from the arcs of its employees emps, and lays the
// entries out in sorted by cost in points; idx and gb are scratch.
func (c *condensed) buildPool(g *graph, m *model, q int32, emps, arcAt []int32, nc int32, sorted []entry, idx []int32, gb *groupBuf) []int32 {
	u := c.poolNode[q]
	idx = idx[:0]
	for _, x := range emps {
		for i := arcAt[x]; i < arcAt[x+1]; i++ {
			idx = append(idx, i)
		}
	}
	items := gb.group(len(idx), func(j int) poolItem {
		a := &m.arcs[idx[j]]
		return poolItem{u, m.posD[a.p], g.e[a.edge].c(), a.edge}
	})
	lo, hi := c.entStart[q], c.entStart[q+1]
	ne := lo
	for i, it := range items {
		if i == 0 || it.v != items[i-1].v {
			c.ent[ne] = entry{v: it.v, best: -1}
			c.entPool[ne] = q
			if ne > lo { // the first was set beforehand: the pool before reads it
				c.candStart[ne] = nc
			}
			ne++
		}
		e := g.e[g.e[it.k].rev].to
		c.cand[nc] = candidate{it.c, it.k, e}
		c.empEnt[e] = append(c.empEnt[e], ne-1)
		nc++
	}
	for id := lo; id < hi; id++ {
		c.row[id], c.rowPos[id] = id, id
		c.refresh(g, id)
	}
	// the entries by cost in points: sort the ids, then lay the entries
	// out in that order
	r := c.row[lo:hi]
	slices.SortFunc(r, func(a, b int32) int { return cmp.Or(cmp.Compare(c.ent[a].c.hi, c.ent[b].c.hi), cmp.Compare(a, b)) })
	for i := lo; i < hi; i++ {
		id := c.row[i]
		sorted[i], c.rowPos[id] = c.ent[id], i
	}
	return idx
}

// noCand is the cost in points of an entry without a non-moving candidate:
// it sorts last.
const noCand = int64(1) << 62

// reposition moves the entry at row position i, whose cost changed, to its
// place in its pool's row. Only the order by cost matters (a scan reads all
// entries of one cost or none of them, and each goes to its own target), so
// the entry is swapped with the end of each run of equal costs it passes:
// one swap per cost value, not one shift per entry (found by binary search).
func (c *condensed) reposition(i int32) {
	p := c.entPool[c.row[i]]
	lo, hi := c.entStart[p], c.entStart[p+1]
	k := c.ent[i].c.hi
	for i+1 < hi && c.ent[i+1].c.hi < k {
		q := c.lastOf(i+1, hi) // the last entry of that cost
		c.swapEnt(i, q)
		i = q
	}
	for i > lo && c.ent[i-1].c.hi > k {
		q := c.firstOf(lo, i-1) // the first entry of that cost
		c.swapEnt(i, q)
		i = q
	}
}

// lastOf is the last row position in [from, hi) with the cost of position
// from, the positions being in order of cost. It gallops from from, then
// bisects: runs of one cost are mostly short, the rows long.
func (c *condensed) lastOf(from, hi int32) int32 {
	x := c.ent[from].c.hi
	at, step := from, int32(1) // at: known to have cost x
	for at+step < hi && c.ent[at+step].c.hi <= x {
		at += step
		step *= 2
	}
	end := min(at+step, hi) // known past the run
	for end-at > 1 {
		m := at + (end-at)/2
		if c.ent[m].c.hi <= x {
			at = m
		} else {
			end = m
		}
	}
	return at
}

// firstOf is the first row position in [lo, to] with the cost of position
// to, the positions being in order of cost (galloping down, then bisecting).
func (c *condensed) firstOf(lo, to int32) int32 {
	x := c.ent[to].c.hi
	at, step := to, int32(1)
	for at-step >= lo && c.ent[at-step].c.hi >= x {
		at -= step
		step *= 2
	}
	before := max(at-step, lo-1) // known before the run
	for at-before > 1 {
		m := before + (at-before)/2
		if c.ent[m].c.hi >= x {
			at = m
		} else {
			before = m
		}
	}
	return at
}

// swapEnt swaps the entries at row positions i and j.
func (c *condensed) swapEnt(i, j int32) {
	c.ent[i], c.ent[j] = c.ent[j], c.ent[i]
	c.row[i], c.row[j] = c.row[j], c.row[i]
	c.rowPos[c.row[i]], c.rowPos[c.row[j]] = i, j
}

// moving reports whether employee node e carries flow.
func (c *condensed) moving(g *graph, e int32) bool { return g.e[c.poolArc[e]].cap == 0 }

// refresh recomputes the cheapest non-moving candidate of entry id.
func (c *condensed) refresh(g *graph, id int32) {
	en := &c.ent[c.rowPos[id]]
	en.best, en.c = -1, cost{noCand, 0}
	for _, cd := range c.cand[c.candStart[id]:c.candStart[id+1]] {
		if c.idle[cd.emp] {
			en.best, en.c = cd.k, cd.c
			return
		}
	}
}

// candidate is one candidate arc k of an entry, from employee node emp.
type candidate struct {
	c      cost
	k, emp int32
}

// changed updates the entries of an employee on the last augmenting path.
func (c *condensed) changed(g *graph, e int32) {
	was := c.idle[e]
	c.idle[e] = !c.moving(g, e)
	if at := c.moverAt[e]; c.idle[e] && at >= 0 {
		last := c.movers[len(c.movers)-1]
		c.movers[at], c.moverAt[last] = last, at
		c.movers, c.moverAt[e] = c.movers[:len(c.movers)-1], -1
	} else if !c.idle[e] && at < 0 {
		c.moverAt[e] = int32(len(c.movers))
		c.movers = append(c.movers, e)
	}
	// an entry's candidate depends only on who is idle: a mover who only
	// switched targets changes no entry
	if was != c.idle[e] {
		first, end := g.first[e], g.mid[e] // e's arcs
		for _, id := range c.empEnt[e] {
			if best := c.ent[c.rowPos[id]].best; was && (best < first || best >= end) {
				continue // e stops being idle and was not the entry's candidate
			}
			old := c.ent[c.rowPos[id]].c.hi
			c.refresh(g, id)
			if c.ent[c.rowPos[id]].c.hi != old {
				c.reposition(c.rowPos[id])
			}
		}
	}
	if !c.idle[e] {
		c.moverArcs(g, e)
	}
}

// poolItem is one employee arc k while the entries are built: its pool
// node, target node and cost.
type poolItem struct {
	pool, v int32
	c       cost
	k       int32
}

// groupPoolItems returns the n items item(0) … item(n−1) ordered by pool,
// target, cost and arc — the order a comparison sort on all four gives — in
// linear time: a counting sort on (pool, target) that places each item
// straight into the result, then an insertion sort within each group, which
// the dominance pruning keeps to give + 1 items.
func groupPoolItems(n int, item func(int) poolItem) []poolItem {
	var b groupBuf
	return b.group(n, item)
}

// groupBuf is groupPoolItems with its buffers kept for the next call (the
// result is valid until then).
type groupBuf struct {
	out         []poolItem
	start, fill []int32
}

func (b *groupBuf) group(n int, item func(int) poolItem) []poolItem {
	if n == 0 {
		return nil
	}
	first := item(0)
	p0, p1, v0, v1 := first.pool, first.pool, first.v, first.v
	for i := 0; i < n; i++ {
		it := item(i)
		p0, p1, v0, v1 = min(p0, it.pool), max(p1, it.pool), min(v0, it.v), max(v1, it.v)
	}
	nv := int(v1-v0) + 1
	start := slices.Grow(b.start[:0], (int(p1-p0)+1)*nv+1)[:(int(p1-p0)+1)*nv+1]
	clear(start)
	for i := 0; i < n; i++ {
		it := item(i)
		start[int(it.pool-p0)*nv+int(it.v-v0)+1]++
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	out := slices.Grow(b.out[:0], n)[:n]
	fill := append(b.fill[:0], start...)
	for i := 0; i < n; i++ {
		it := item(i)
		k := int(it.pool-p0)*nv + int(it.v-v0)
		out[fill[k]] = it
		fill[k]++
	}
	for k := 0; k+1 < len(start); k++ {
		grp := out[start[k]:start[k+1]]
		for i := 1; i < len(grp); i++ {
			for j := i; j > 0 && itemBefore(&grp[j], &grp[j-1]); j-- {
				grp[j], grp[j-1] = grp[j-1], grp[j]
			}
		}
	}
	b.out, b.start, b.fill = out, start, fill
	return out
}

// itemBefore orders two items of one group: cheaper first, then by arc.
func itemBefore(a, b *poolItem) bool { return a.c.less(b.c) || (a.c == b.c && a.k < b.k) }

// moverArc is a copy of arc k (a moving employee's arc to a target, or a
// node's active reverse arc), so a scan reads one array in order.
type moverArc struct {
	hi        int64
	lo, to, k int32
}

// moverArcs sorts the arcs of moving employee e by cost the first time it
// moves (minCostFlow records the arc it moves along, from the path).
func (c *condensed) moverArcs(g *graph, e int32) {
	if c.mArcs[e] != nil {
		return
	}
	if c.pre != nil {
		for {
			switch c.pre.state[e].Load() {
			case preNone:
				if !c.pre.state[e].CompareAndSwap(preNone, preTaken) {
					continue
				}
			case preBusy:
				runtime.Gosched() // one employee's sort
				continue
			case preDone:
				c.mArcs[e] = c.pre.arcs[e]
				return
			}
			break
		}
	}
	c.mArcs[e], c.keys = sortedArcs(g, e, c.keys, nil)
}

// presort sorts the employees' arcs ahead of the shortest paths, on the
// core they leave idle: an employee's arcs are sorted when it first moves
// (~1,000 of them at 20,000 employees, each with ~300 arcs), and that sort
// was on the critical path. Only the fields of the arcs that never change
// are read. The search takes what is ready and sorts the rest itself.
type presort struct {
	state []atomic.Int32 // per node: preNone, preBusy, preDone, preTaken
	arcs  [][]moverArc
	stop  atomic.Bool
	wg    sync.WaitGroup
}

const (
	preNone  = 0
	preBusy  = 1 // the worker is sorting
	preDone  = 2 // arcs[e] is ready
	preTaken = 3 // the search sorts it itself
)

// startPresort starts the worker, when there is a second core.
func (c *condensed) startPresort(g *graph) {
	if runtime.GOMAXPROCS(0) < 2 || c.empLo >= c.empHi {
		return
	}
	p := &presort{state: make([]atomic.Int32, g.n), arcs: make([][]moverArc, g.n)}
	c.pre = p
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		slab := make([]moverArc, g.mid[c.empHi-1]-g.first[c.empLo])
		var keys []uint64
		for e := c.empLo; e < c.empHi && !p.stop.Load(); e++ {
			if g.mid[e] == g.first[e] || !p.state[e].CompareAndSwap(preNone, preBusy) {
				continue
			}
			var a []moverArc
			a, keys = sortedArcs(g, e, keys, slab[g.first[e]-g.first[c.empLo]:g.mid[e]-g.first[c.empLo]:g.mid[e]-g.first[c.empLo]])
			p.arcs[e] = a
			p.state[e].Store(preDone)
		}
	}()
}

// stopPresort stops the worker and waits for it.
func (c *condensed) stopPresort() {
	if c.pre != nil {
		c.pre.stop.Store(true)
		c.pre.wg.Wait()
		c.pre = nil
	}
}

// sortedArcs copies the forward arcs of node e in order of (cost in points,
// arc). The arcs are in order of arc already, so the order is that of
// (points, place) as one uint64 when the points span less than 2³² (a sort
// of plain integers, ~3x faster than one comparing the structs); keys is
// scratch, returned for reuse; into, if not nil, holds the result.
func sortedArcs(g *graph, e int32, keys []uint64, into []moverArc) ([]moverArc, []uint64) {
	first, end := g.first[e], g.mid[e]
	a := into[:0]
	if into == nil {
		a = make([]moverArc, 0, end-first)
	}
	if first == end {
		return a, keys
	}
	lo, hi := g.e[first].hi, g.e[first].hi
	for k := first; k < end; k++ {
		lo, hi = min(lo, g.e[k].hi), max(hi, g.e[k].hi)
	}
	if uint64(hi-lo) >= 1<<32 || hi-lo < 0 {
		for k := first; k < end; k++ {
			a = append(a, moverArc{g.e[k].hi, g.e[k].lo, g.e[k].to, k})
		}
		slices.SortFunc(a, func(x, y moverArc) int { return cmp.Or(cmp.Compare(x.hi, y.hi), cmp.Compare(x.k, y.k)) })
		return a, keys
	}
	keys = keys[:0]
	for k := first; k < end; k++ {
		keys = append(keys, uint64(g.e[k].hi-lo)<<32|uint64(k-first))
	}
	slices.Sort(keys)
	for _, x := range keys {
		k := first + int32(x&(1<<32-1))
		a = append(a, moverArc{g.e[k].hi, g.e[k].lo, g.e[k].to, k})
	}
	return a, keys
}
