package planner

import (
	"cmp"
	"context"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
)

// cost is an arc cost compared lexicographically: hi is the cost in points,
// lo the tie-break rank. It equals hi·M + lo for any M larger than every
// possible sum of ranks, without the overflow a finite M would risk.
type cost struct{ hi, lo int64 }

func (a cost) less(b cost) bool { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo) }
func (a cost) add(b cost) cost  { return cost{a.hi + b.hi, a.lo + b.lo} }
func (a cost) sub(b cost) cost  { return cost{a.hi - b.hi, a.lo - b.lo} }

// graph is a residual network in compressed adjacency form: the arcs leaving
// node u are first[u] … first[u+1]-1, each with its paired reverse arc rev.
type graph struct {
	n        int
	first    []int32
	mid      []int32      // forward arcs of u: first[u] … mid[u]-1; reverse arcs: mid[u] … first[u+1]-1
	act      [][]moverArc // reverse arcs of u with residual capacity (the only ones Dijkstra scans), copied: a scan reads one array, not the 30 MB arc array
	e        []edge
	orig     []int32 // capacity of each arc when built (0 for reverse arcs)
	ns       []nodeState
	heap     queue      // Dijkstra scratch, reused across iterations
	candOf   []int32    // cheapestCycle: candidate index of a tail node, -1 otherwise
	cond     *condensed // nil: scan every employee (condense.go)
	path     []int32    // scratch: the nodes of the last augmenting path
	poolCand [][]int32  // cheapestCycle: candidates reached through each pool
	stamp    int32
}

// edge is one residual arc in 24 bytes; the fields the Dijkstra loop reads
// sit together. lo is the tie-break rank (newModel keeps it in int32 range).
type edge struct {
	to, cap int32
	hi      int64
	lo, rev int32
}

// c is the arc's cost pair.
func (e *edge) c() cost { return cost{e.hi, int64(e.lo)} }

// nodeState is a node's potential and Dijkstra scratch, in one cache line.
type nodeState struct {
	pot, dist cost
	seen      int32 // iteration stamp: dist valid
	done      int32 // iteration stamp: finalised
	want      int32 // iteration stamp: a node from() waits for
	prev      int32 // arc used to reach the node
	ord       int32 // shortest(): the node's place in the finalisation order
	pord      int32 // shortest(): ord of the node prev leaves from
}

// heapItem is a node at a tentative distance, or (cont ≥ 0) the rest of a
// pool's row or of a mover's arcs from position cont, keyed by a lower bound
// of what is left.
type heapItem struct {
	d    cost
	node int32
	cont int32
}

// contLo is the tie-break part of a row's key: below every real distance
// with the same points, so the row is read before any node it could reach.
const contLo = math.MinInt64

// arcSpec is one forward arc while the graph is being built.
type arcSpec struct {
	from, to int32
	cap      int32
	c        cost
}

// buildGraph lays the arcs arc(0) … arc(m−1) out by tail node, keeping the
// given order within a node, so adjacency order (and with it every tie) is
// canonical. It returns the index of each forward arc. The arcs are read
// twice instead of being copied into one list first, and a large network is
// laid out by two goroutines, each taking a half of the arcs: the first
// half's count per node tells the second where its arcs go, so the layout
// is the same as from one pass.
func buildGraph(n, m int, arc func(int) arcSpec) (*graph, []int32) {
	g := &graph{n: n}
	parts := 1
	if m >= 1<<15 && runtime.GOMAXPROCS(0) > 1 {
		parts = 2
	}
	bounds := []int{0, m}
	if parts == 2 {
		bounds = []int{0, m / 2, m}
	}
	type half struct{ fdeg, rdeg []int32 }
	hs := make([]half, parts)
	var wg sync.WaitGroup
	each := func(f func(p int)) {
		for p := 1; p < parts; p++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				f(p)
			}()
		}
		f(0)
		wg.Wait()
	}
	each(func(p int) {
		fdeg, rdeg := make([]int32, n), make([]int32, n)
		for i := bounds[p]; i < bounds[p+1]; i++ {
			a := arc(i)
			fdeg[a.from]++
			rdeg[a.to]++
		}
		hs[p] = half{fdeg, rdeg}
	})
	g.first = make([]int32, n+1)
	g.mid = make([]int32, n)
	for u := 0; u < n; u++ {
		var fd, rd int32
		for p := range hs {
			fd, rd = fd+hs[p].fdeg[u], rd+hs[p].rdeg[u]
		}
		g.mid[u] = g.first[u] + fd
		g.first[u+1] = g.mid[u] + rd
	}
	// each half's first slot per node, in the degree arrays' place
	for u := 0; u < n; u++ {
		f, r := g.first[u], g.mid[u]
		for p := range hs {
			fd, rd := hs[p].fdeg[u], hs[p].rdeg[u]
			hs[p].fdeg[u], hs[p].rdeg[u] = f, r
			f, r = f+fd, r+rd
		}
	}
	g.e = make([]edge, int(g.first[n]))
	g.orig = make([]int32, int(g.first[n]))
	idx := make([]int32, m)
	each(func(p int) {
		fill, rfill := hs[p].fdeg, hs[p].rdeg
		for i := bounds[p]; i < bounds[p+1]; i++ {
			a := arc(i)
			f := fill[a.from]
			fill[a.from]++
			r := rfill[a.to]
			rfill[a.to]++
			g.e[f] = edge{to: a.to, rev: r, cap: a.cap, hi: a.c.hi, lo: int32(a.c.lo)}
			g.e[r] = edge{to: a.from, rev: f, hi: -a.c.hi, lo: -int32(a.c.lo)}
			g.orig[f] = a.cap
			idx[i] = f
		}
	})
	g.ns = make([]nodeState, n)
	g.act = make([][]moverArc, n)
	return g, idx
}

// deactivate drops reverse arc k from u's active list.
func (g *graph) deactivate(u, k int32) {
	a := g.act[u]
	for i := range a {
		if a[i].k == k {
			copy(a[i:], a[i+1:])
			g.act[u] = a[:len(a)-1]
			return
		}
	}
}

// arcsOf returns the arcs Dijkstra scans from u: its forward arcs (with the
// index of the first) and its active reverse arcs.
func (g *graph) arcsOf(u int32) ([]edge, []moverArc, int32) {
	return g.e[g.first[u]:g.mid[u]], g.act[u], g.first[u]
}

// flow is the flow on forward arc a.
func (g *graph) flow(a int32) int32 { return g.orig[a] - g.e[a].cap }

// initPotentials sets feasible potentials for an acyclic network whose nodes
// are numbered in topological order: pot[v] = min(0, min over arcs u→v of
// pot[u] + c). Every arc then has a non-negative reduced cost (Johnson's
// virtual source), so Dijkstra is valid from the first iteration even though
// balancing arcs have negative costs.
func (g *graph) initPotentials() {
	for v := range g.ns {
		g.ns[v].pot = cost{}
	}
	for u := 0; u < g.n; u++ {
		for k := g.first[u]; k < g.first[u+1]; k++ {
			e := &g.e[k]
			if e.cap == 0 {
				continue
			}
			if d := g.ns[u].pot.add(e.c()); d.less(g.ns[e.to].pot) {
				g.ns[e.to].pot = d
			}
		}
	}
}

// queue is Dijkstra's priority queue: a 4-ary heap of items, and apart from
// it the nodes at distance exactly (0, 0) as a 4-ary heap of node indices.
// Reduced distances are never below (0, 0), and after each potential update
// most of a search (about two thirds of the nodes it finalises at 20,000
// employees) is the last tree again at distance (0, 0): those items compare
// by node alone in a smaller heap. pop compares the two tops by itemLess, so
// items leave in the order of one heap of all of them.
//
// In monotone mode (resetMonotone: every key pushed is at least the last
// one popped, in points, and not negative, as in a search on reduced costs)
// the heap holds only the items at the points of the last pop; the others
// wait unsorted in radix buckets by the highest bit in which their points
// differ from those (a radix heap). Most items a search pushes (1.8 M of 2.2 M
// at 20,000 employees) are above the distance where it stops and are never
// popped: they now cost an append, and the heap stays small. When the heap
// and the zero heap are empty, the lowest bucket's least points become the
// current ones and its items move to lower buckets or into the heap; the
// order of the pops is the same.
type queue struct {
	h        []heapItem
	z        []int32
	monotone bool
	last     int64          // monotone: the points of the items in h
	b        [64][]heapItem // monotone: b[i] holds items whose points differ from last first in bit i
	nb       int
}

func (q *queue) reset() {
	q.h, q.z, q.monotone = q.h[:0], q.z[:0], false
	if q.nb > 0 {
		for i := range q.b {
			q.b[i] = q.b[i][:0]
		}
	}
	q.last, q.nb = 0, 0
}

// resetMonotone empties the queue for a search whose keys never decrease
// and are never negative in points.
func (q *queue) resetMonotone() {
	q.reset()
	q.monotone = true
}

func (q *queue) len() int { return len(q.h) + len(q.z) + q.nb }

// refill makes the least points in the buckets the current ones.
func (q *queue) refill() {
	i := 0
	for len(q.b[i]) == 0 {
		i++
	}
	items := q.b[i]
	m := items[0].d.hi
	for _, it := range items[1:] {
		m = min(m, it.d.hi)
	}
	q.b[i] = items[:0]
	q.nb -= len(items)
	q.last = m
	for _, it := range items { // each to a lower bucket or the heap
		q.push(it)
	}
}

func (g *graph) push(it heapItem) { g.heap.push(it) }
func (g *graph) pop() heapItem    { return g.heap.pop() }

// The heaps are 4-ary: half the levels of a binary heap, its children side by
// side (~0.8x the time of a binary heap in a Dijkstra-like pattern). Their order is
// total (itemLess), so items leave them in the same order as from any heap.
func (q *queue) push(it heapItem) {
	if it.cont < 0 && it.d == (cost{}) {
		q.pushZero(it.node)
		return
	}
	if q.monotone && it.d.hi != q.last {
		i := bits.Len64(uint64(it.d.hi^q.last)) - 1
		q.b[i] = append(q.b[i], it)
		q.nb++
		return
	}
	h := append(q.h, it)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 4
		if !itemLess(it, h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = it
	q.h = h
}

func (q *queue) pushZero(v int32) {
	z := append(q.z, v)
	i := len(z) - 1
	for i > 0 {
		p := (i - 1) / 4
		if v >= z[p] {
			break
		}
		z[i] = z[p]
		i = p
	}
	z[i] = v
	q.z = z
}

func (q *queue) pop() heapItem {
	if q.nb > 0 && len(q.h) == 0 && len(q.z) == 0 {
		q.refill()
	}
	if len(q.z) > 0 && (len(q.h) == 0 || itemLess(heapItem{node: q.z[0], cont: -1}, q.h[0])) {
		return heapItem{node: q.popZero(), cont: -1}
	}
	h := q.h
	top := h[0]
	last := len(h) - 1
	x := h[last]
	h = h[:last]
	n := len(h)
	i := 0
	for {
		l := 4*i + 1
		if l >= n {
			break
		}
		m := l
		for c, end := l+1, min(l+4, n); c < end; c++ {
			if itemLess(h[c], h[m]) {
				m = c
			}
		}
		if !itemLess(h[m], x) {
			break
		}
		h[i] = h[m]
		i = m
	}
	if n > 0 {
		h[i] = x
	}
	q.h = h
	return top
}

func (q *queue) popZero() int32 {
	z := q.z
	top := z[0]
	last := len(z) - 1
	x := z[last]
	z = z[:last]
	n := len(z)
	i := 0
	for {
		l := 4*i + 1
		if l >= n {
			break
		}
		m := l
		for c, end := l+1, min(l+4, n); c < end; c++ {
			if z[c] < z[m] {
				m = c
			}
		}
		if z[m] >= x {
			break
		}
		z[i] = z[m]
		i = m
	}
	if n > 0 {
		z[i] = x
	}
	q.z = z
	return top
}

// itemLess orders the heap by distance, then node index: ties are canonical.
func itemLess(a, b heapItem) bool {
	if a.d.hi != b.d.hi {
		return a.d.hi < b.d.hi
	}
	if a.d.lo != b.d.lo {
		return a.d.lo < b.d.lo
	}
	return a.node < b.node
}

// shortest runs Dijkstra on reduced costs from s and stops when t is
// finalised. It reports whether t was reached, then shifts the potentials by
// min(dist, dist[t]) so reduced costs stay non-negative.
func (g *graph) shortest(s, t int32) bool {
	g.stamp++
	st := g.stamp
	ns := g.ns
	g.heap.resetMonotone()
	ns[s].dist, ns[s].seen, ns[s].prev = cost{}, st, -1
	g.push(heapItem{cost{}, s, -1})
	maxPot := g.maxTargetPot()
	found := false
	ord := int32(0)
	for g.heap.len() > 0 {
		it := g.pop()
		u := it.node
		nu := &ns[u]
		if it.cont >= 0 {
			g.scanRest(u, it.cont, it.d.hi, st, maxPot)
			continue
		}
		if nu.done == st || nu.dist != it.d {
			continue
		}
		nu.done, nu.ord = st, ord
		ord++
		if u == t {
			found = true
			break
		}
		du, pu := nu.dist, nu.pot
		edges, act, base := g.arcsOf(u)
		if c := g.cond; c != nil && c.poolOf[u] >= 0 {
			// a pool: each target once, through its cheapest non-moving
			// employee (whose potential equals the pool's)
			edges = nil
			g.scanRow(u, c.entStart[c.poolOf[u]], du.hi, st, maxPot)
		} else if c != nil && c.poolArc[u] >= 0 {
			edges = nil
			g.scanArcs(u, 0, du.hi, st, maxPot)
		}
		for k := range edges {
			e := &edges[k]
			if e.cap == 0 {
				continue
			}
			if ns[e.to].done == st {
				continue
			}
			nv := &ns[e.to]
			g.relax(e.to, cost{du.hi + e.hi + pu.hi - nv.pot.hi, du.lo + int64(e.lo) + pu.lo - nv.pot.lo}, base+int32(k), nu.ord, st)
		}
		for i := range act {
			a := &act[i]
			nv := &ns[a.to]
			if nv.done == st {
				continue
			}
			g.relax(a.to, cost{du.hi + a.hi + pu.hi - nv.pot.hi, du.lo + int64(a.lo) + pu.lo - nv.pot.lo}, a.k, nu.ord, st)
		}
	}
	if !found {
		return false
	}
	dt := ns[t].dist
	shift := func(v int32) {
		if ns[v].done == st {
			ns[v].pot = ns[v].pot.add(ns[v].dist)
		} else {
			ns[v].pot = ns[v].pot.add(dt)
		}
	}
	c := g.cond
	if c == nil {
		for v := range ns {
			shift(int32(v))
		}
		return true
	}
	// a non-moving employee's potential is its pool's (syncIdle): only the
	// other nodes and the movers are shifted, not the whole employee range
	for v := int32(0); v < c.empLo; v++ {
		shift(v)
	}
	for _, v := range c.movers {
		shift(v)
	}
	for v := c.empHi; v < int32(g.n); v++ {
		shift(v)
	}
	return true
}

// maxTargetPot is the largest potential (points) of a target node: with it
// an entry's reduced cost has a lower bound that needs no target.
func (g *graph) maxTargetPot() int64 {
	c := g.cond
	if c == nil {
		return 0
	}
	m := int64(math.MinInt64)
	for v := c.tLo; v <= c.tHi; v++ {
		m = max(m, g.ns[v].pot.hi)
	}
	return m
}

// relax reaches v at nd by arc k from a node finalised ord-th. On a tie the
// earlier finalised node wins: the parent a search relaxing every arc at
// finalisation would keep, although rows are read late (only shortest()
// reads prev).
func (g *graph) relax(v int32, nd cost, k, ord, st int32) {
	nv := &g.ns[v]
	if nv.seen != st || nd.less(nv.dist) {
		nv.dist, nv.seen, nv.prev, nv.pord = nd, st, k, ord
		g.push(heapItem{nd, v, -1})
	} else if nd == nv.dist && ord < nv.pord {
		nv.prev, nv.pord = k, ord
	}
}

// scanRow relaxes the entries of pool node u (finalised in this search) from
// row position i on, each target through its cheapest non-moving employee
// (whose potential equals the pool's), while an entry's lower bound
// dist(u) + pot(u) + c − maxPot (points) is at most upto. The rest waits in
// the heap behind the bound of its first entry: the row is sorted by c, so
// no unread entry reaches a target before that bound is popped, and the
// search reads only the part of each row below the distance where it stops.
func (g *graph) scanRow(u, i int32, upto int64, st int32, maxPot int64) {
	c := g.cond
	ns := g.ns
	nu := &ns[u]
	du, pu, ord := nu.dist, nu.pot, nu.ord
	base := du.hi + pu.hi
	ent := c.ent[:c.entStart[c.poolOf[u]+1]]
	if !c.final {
		// one bound for the row: an entry is read while its cost is at
		// most lim (base + c − maxPot ≤ upto)
		lim := upto - base + maxPot
		for ; int(i) < len(ent); i++ {
			en := &ent[i]
			if en.best < 0 {
				return // the rest of the row has no candidate
			}
			if en.c.hi > lim {
				g.push(heapItem{cost{base + en.c.hi - maxPot, contLo}, u, i})
				return
			}
			nv := &ns[en.v]
			if nv.done == st {
				continue
			}
			g.relax(en.v, cost{du.hi + en.c.hi + pu.hi - nv.pot.hi, du.lo + en.c.lo + pu.lo - nv.pot.lo}, en.best, ord, st)
		}
		return
	}
	for ; int(i) < len(ent); i++ {
		en := &ent[i]
		if en.best < 0 {
			return // the rest of the row has no candidate
		}
		nv := &ns[en.v]
		if b := base + en.c.hi - nv.pot.hi; b > upto {
			g.push(heapItem{cost{b, contLo}, u, i})
			return
		}
		if nv.done == st {
			continue
		}
		g.relax(en.v, cost{du.hi + en.c.hi + pu.hi - nv.pot.hi, du.lo + en.c.lo + pu.lo - nv.pot.lo}, en.best, ord, st)
	}
}

// scanArcs is scanRow for a moving employee u: its arcs to targets in
// order of cost, read while their bound is at most upto, the rest queued.
func (g *graph) scanArcs(u, i int32, upto int64, st int32, maxPot int64) {
	c := g.cond
	ns := g.ns
	nu := &ns[u]
	du, pu, ord := nu.dist, nu.pot, nu.ord
	base := du.hi + pu.hi
	arcs, cur := c.mArcs[u], c.cur[u]
	if !c.final {
		lim := upto - base + maxPot
		for ; int(i) < len(arcs); i++ {
			a := &arcs[i]
			if a.hi > lim {
				g.push(heapItem{cost{base + a.hi - maxPot, contLo}, u, i})
				return
			}
			if a.k == cur {
				continue // the arc it moves along
			}
			nv := &ns[a.to]
			if nv.done == st {
				continue
			}
			g.relax(a.to, cost{du.hi + a.hi + pu.hi - nv.pot.hi, du.lo + int64(a.lo) + pu.lo - nv.pot.lo}, a.k, ord, st)
		}
		return
	}
	for ; int(i) < len(arcs); i++ {
		a := &arcs[i]
		nv := &ns[a.to]
		if b := base + a.hi - nv.pot.hi; b > upto {
			g.push(heapItem{cost{b, contLo}, u, i})
			return
		}
		if a.k == cur {
			continue // the arc it moves along
		}
		if nv.done == st {
			continue
		}
		g.relax(a.to, cost{du.hi + a.hi + pu.hi - nv.pot.hi, du.lo + int64(a.lo) + pu.lo - nv.pot.lo}, a.k, ord, st)
	}
}

// finalOrder sorts every row and every mover's arcs by reduced cost in
// points once the flow is optimal and the potentials are fixed: the
// next-best searches then bound each entry by its own target's potential
// instead of the largest, and read hardly more than they relax. The
// network must not change afterwards.
func (g *graph) finalOrder() {
	c := g.cond
	if c == nil || c.final {
		return
	}
	c.final = true
	ns := g.ns
	// each item sorted with its key computed once (a comparison reading
	// two node states cost ~2x the sort); the order among equal keys does
	// not matter: a bounded scan reads all entries of one key or none, each
	// to its own target
	type keyed[T any] struct {
		k int64
		x T
	}
	byKey := func(a, b keyed[entry]) int { return cmp.Compare(a.k, b.k) }
	var buf []keyed[entry]
	for p := range c.poolNode {
		r := c.ent[c.entStart[p]:c.entStart[p+1]]
		buf = buf[:0]
		for _, en := range r {
			k := noCand
			if en.best >= 0 {
				k = en.c.hi - ns[en.v].pot.hi
			}
			buf = append(buf, keyed[entry]{k, en})
		}
		slices.SortFunc(buf, byKey)
		for i := range r {
			r[i] = buf[i].x
		}
	}
	c.row, c.rowPos = nil, nil // no entry moves any more
	var abuf []keyed[moverArc]
	for _, a := range c.mArcs {
		abuf = abuf[:0]
		for _, x := range a {
			abuf = append(abuf, keyed[moverArc]{x.hi - ns[x.to].pot.hi, x})
		}
		slices.SortFunc(abuf, func(a, b keyed[moverArc]) int { return cmp.Compare(a.k, b.k) })
		for i := range a {
			a[i] = abuf[i].x
		}
	}
}

// scanRest continues the scan a heap item queued.
func (g *graph) scanRest(u, i int32, upto int64, st int32, maxPot int64) {
	if g.cond.poolOf[u] >= 0 {
		g.scanRow(u, i, upto, st, maxPot)
	} else {
		g.scanArcs(u, i, upto, st, maxPot)
	}
}

// syncIdle gives every non-moving employee its pool's potential, which
// shortest() leaves implicit.
func (g *graph) syncIdle() {
	if c := g.cond; c != nil {
		for v, idle := range c.idle {
			if idle {
				g.ns[v].pot = g.ns[c.empPool[v]].pot
			}
		}
	}
}

// pathArc is the arc by which the last shortest() reached v: a non-moving
// employee reached through its pool is entered by its pool arc.
func (g *graph) pathArc(v int32) int32 {
	if c := g.cond; c != nil && c.poolArc[v] >= 0 && g.ns[v].done != g.stamp {
		return c.poolArc[v]
	}
	return g.ns[v].prev
}

// minCostFlow sends flow from s to t along successive shortest paths while
// the next path has a negative cost, that is while one more unit pays for
// itself. Path costs never decrease, so the result is the cheapest flow of
// any size. step is called after each augmentation; ctx is checked before
// each. It returns the number of augmentations.
func (g *graph) minCostFlow(ctx context.Context, s, t int32, step func(int)) (int, error) {
	g.initPotentials()
	if c := g.cond; c != nil {
		c.startPresort(g)
		defer c.stopPresort()
	}
	aug := 0
	for {
		if err := ctx.Err(); err != nil {
			return aug, err
		}
		if !g.shortest(s, t) {
			g.syncIdle()
			return aug, nil
		}
		pc := g.ns[t].pot.sub(g.ns[s].pot)
		if pc.hi >= 0 { // the next move would not pay: stop (ties in points are not moves)
			g.syncIdle()
			return aug, nil
		}
		// bottleneck (1 on every employee path; kept general for the tests)
		b := int32(1 << 30)
		for v := t; v != s; {
			k := g.pathArc(v)
			if g.e[k].cap < b {
				b = g.e[k].cap
			}
			v = g.e[g.e[k].rev].to
		}
		g.path = g.path[:0]
		for v := t; v != s; {
			k := g.pathArc(v)
			g.path = append(g.path, v)
			r := g.e[k].rev
			u := g.e[r].to
			g.e[k].cap -= b
			if g.e[k].cap == 0 && g.orig[k] == 0 {
				g.deactivate(u, k)
			}
			if g.e[r].cap == 0 && g.orig[r] == 0 {
				er := &g.e[r]
				g.act[v] = append(g.act[v], moverArc{er.hi, er.lo, er.to, r})
			}
			g.e[r].cap += b
			if c := g.cond; c != nil && g.orig[k] > 0 && c.poolArc[u] >= 0 {
				c.cur[u] = k // employee u now moves along k
			}
			v = u
		}
		if c := g.cond; c != nil {
			for _, v := range g.path {
				if c.poolArc[v] >= 0 {
					if c.idle[v] {
						ns := g.ns
						ns[v].pot = ns[c.empPool[v]].pot
					}
					c.changed(g, v)
				}
			}
		}
		aug++
		if step != nil {
			step(aug)
		}
	}
}

// distancesTo returns, for every node x, the cheapest residual path cost from
// x to any of the targets (true cost, hi and lo), with ok=false when none is
// reachable. It is a backward Dijkstra on reduced costs, valid because the
// potentials are feasible when the flow is optimal.
func (g *graph) distancesTo(targets []int32) ([]cost, []bool) {
	n := g.n
	lab := make([]cost, n)
	ok := make([]bool, n)
	fin := make([]bool, n)
	g.heap.reset()
	for _, t := range targets {
		// label = pot[t] + reduced distance; the true distance is label − pot[x]
		if !ok[t] || g.ns[t].pot.less(lab[t]) {
			lab[t], ok[t] = g.ns[t].pot, true
			g.push(heapItem{g.ns[t].pot, t, -1})
		}
	}
	for g.heap.len() > 0 {
		it := g.pop()
		y := it.node
		if fin[y] || lab[y] != it.d {
			continue
		}
		fin[y] = true
		for k := g.first[y]; k < g.first[y+1]; k++ {
			r := g.e[k].rev // arc x→y
			if g.e[r].cap == 0 {
				continue
			}
			x := g.e[k].to
			if fin[x] {
				continue
			}
			rc := g.e[r].c().add(g.ns[x].pot).sub(g.ns[y].pot)
			nl := lab[y].add(rc)
			if !ok[x] || nl.less(lab[x]) {
				lab[x], ok[x] = nl, true
				g.push(heapItem{nl, x, -1})
			}
		}
	}
	out := make([]cost, n)
	for x := range out {
		if ok[x] {
			out[x] = lab[x].sub(g.ns[x].pot)
		}
	}
	return out, ok
}

// from runs a full Dijkstra on reduced costs from s (stopping early once every
// node in stop is finalised, when stop is non-empty) and returns a function
// giving the true residual distance from s to x, ok=false when x was not reached.
func (g *graph) from(s int32, stop []int32) func(x int32) (cost, bool) {
	g.stamp++
	st := g.stamp
	ns := g.ns
	g.heap.resetMonotone()
	ns[s].dist, ns[s].seen = cost{}, st
	g.push(heapItem{cost{}, s, -1})
	left := 0
	for _, x := range stop {
		if ns[x].want != st {
			ns[x].want = st
			left++
		}
	}
	for g.heap.len() > 0 && (len(stop) == 0 || left > 0) {
		it := g.pop()
		u := it.node
		nu := &ns[u]
		if nu.done == st || nu.dist != it.d {
			continue
		}
		nu.done = st
		if nu.want == st {
			left--
		}
		du, pu := nu.dist, nu.pot
		edges, act, base := g.arcsOf(u)
		for k := range edges {
			e := &edges[k]
			if e.cap == 0 {
				continue
			}
			nv := &ns[e.to]
			if nv.done == st {
				continue
			}
			nd := cost{du.hi + e.hi + pu.hi - nv.pot.hi, du.lo + int64(e.lo) + pu.lo - nv.pot.lo}
			if nv.seen != st || nd.less(nv.dist) {
				nv.dist, nv.seen, nv.prev = nd, st, base+int32(k)
				g.push(heapItem{nd, e.to, -1})
			}
		}
		for i := range act {
			a := &act[i]
			nv := &ns[a.to]
			if nv.done == st {
				continue
			}
			nd := cost{du.hi + a.hi + pu.hi - nv.pot.hi, du.lo + int64(a.lo) + pu.lo - nv.pot.lo}
			if nv.seen != st || nd.less(nv.dist) {
				nv.dist, nv.seen, nv.prev = nd, st, a.k
				g.push(heapItem{nd, a.to, -1})
			}
		}
	}
	dist := make([]cost, g.n)
	done := make([]bool, g.n)
	for x := range dist {
		if ns[x].done == st {
			dist[x], done[x] = ns[x].dist.add(ns[x].pot).sub(ns[s].pot), true
		}
	}
	return func(x int32) (cost, bool) { return dist[x], done[x] }
}

// candArc is a candidate arc of cheapestCycle with its tail and cost, read
// once instead of through the arc array in every search.
type candArc struct {
	k, tail int32
	c       cost
}

// cheapestCycle finds, among the arcs cand (all entering node v, none
// carrying flow), the one whose forcing raises the cost least: the cheapest
// residual cycle through it, c(arc) + the shortest residual path from v back
// to its tail, either directly or through the sink, the free return arc and
// the source (srcDist: true distances from the source). It runs one Dijkstra
// from v and stops as soon as no unseen candidate can beat the best found.
// It returns the position in cand of the best arc (-1 if none) and its cost;
// ties go to the earlier arc.
func (g *graph) cheapestCycle(v, sink, src int32, cand []candArc, srcDist func(int32) (cost, bool)) (int, cost) {
	g.stamp++
	st := g.stamp
	ns := g.ns
	if len(g.candOf) != g.n {
		g.candOf = make([]int32, g.n)
		for i := range g.candOf {
			g.candOf[i] = -1
		}
	}
	c := g.cond
	if c != nil && len(g.poolCand) != len(c.poolNode) {
		g.poolCand = make([][]int32, len(c.poolNode))
	}
	// a non-moving candidate is reached through its pool (condense.go)
	for i := range cand {
		e := cand[i].tail
		if c != nil && c.poolArc[e] >= 0 && c.idle[e] {
			p := c.poolOf[c.empPool[e]]
			g.poolCand[p] = append(g.poolCand[p], int32(i))
		} else {
			g.candOf[e] = int32(i)
		}
	}
	defer func() {
		for i := range cand {
			e := cand[i].tail
			g.candOf[e] = -1
			if c != nil && c.poolArc[e] >= 0 {
				p := c.poolOf[c.empPool[e]]
				g.poolCand[p] = g.poolCand[p][:0]
			}
		}
	}()
	pv := ns[v].pot
	// rc(a) + d is the true cycle cost through arc a when its tail is at
	// reduced distance d from v
	rc := func(a *candArc) cost { return a.c.add(ns[a.tail].pot).sub(pv) }
	slack := ns[sink].pot.sub(ns[src].pot)
	if !slack.less(cost{}) {
		slack = cost{}
	}
	best, bestAt := cost{}, -1
	consider := func(c cost, at int) {
		if bestAt < 0 || c.less(best) || (c == best && at < bestAt) {
			best, bestAt = c, at
		}
	}
	sinkDone := false
	g.heap.resetMonotone()
	ns[v].dist, ns[v].seen = cost{}, st
	g.push(heapItem{cost{}, v, -1})
	maxPot := g.maxTargetPot()
	for g.heap.len() > 0 {
		it := g.pop()
		u := it.node
		nu := &ns[u]
		if it.cont >= 0 {
			g.scanRest(u, it.cont, it.d.hi, st, maxPot)
			continue
		}
		if nu.done == st || nu.dist != it.d {
			continue
		}
		d := nu.dist
		if bestAt >= 0 && (best.less(d.add(slack)) || sinkDone && best.less(d)) {
			break
		}
		nu.done = st
		if u == sink {
			sinkDone = true
			toSink := d.add(ns[sink].pot).sub(pv) // true distance v → sink
			for i := range cand {
				if ds, ok := srcDist(cand[i].tail); ok {
					consider(cand[i].c.add(toSink).add(ds), i)
				}
			}
		}
		if i := g.candOf[u]; i >= 0 {
			consider(rc(&cand[i]).add(d), int(i))
		}
		du, pu := d, nu.pot
		edges, act, _ := g.arcsOf(u)
		if c != nil && c.poolOf[u] >= 0 {
			p := c.poolOf[u]
			for _, i := range g.poolCand[p] {
				consider(rc(&cand[i]).add(d), int(i))
			}
			edges = nil
			g.scanRow(u, c.entStart[p], du.hi, st, maxPot)
		} else if c != nil && c.poolArc[u] >= 0 {
			edges = nil
			g.scanArcs(u, 0, du.hi, st, maxPot)
		}
		for k := range edges {
			e := &edges[k]
			if e.cap == 0 {
				continue
			}
			nv := &ns[e.to]
			if nv.done == st {
				continue
			}
			nd := cost{du.hi + e.hi + pu.hi - nv.pot.hi, du.lo + int64(e.lo) + pu.lo - nv.pot.lo}
			if nv.seen != st || nd.less(nv.dist) {
				nv.dist, nv.seen = nd, st
				g.push(heapItem{nd, e.to, -1})
			}
		}
		for i := range act {
			a := &act[i]
			nv := &ns[a.to]
			if nv.done == st {
				continue
			}
			nd := cost{du.hi + a.hi + pu.hi - nv.pot.hi, du.lo + int64(a.lo) + pu.lo - nv.pot.lo}
			if nv.seen != st || nd.less(nv.dist) {
				nv.dist, nv.seen = nd, st
				g.push(heapItem{nd, a.to, -1})
			}
		}
	}
	return bestAt, best
}
