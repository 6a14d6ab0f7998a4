package planner

import "context"

// cost is an arc cost compared lexicographically: hi is the cost in points,
// lo the tie-break rank. It equals hi·M + lo for any M larger than every
// possible sum of ranks, without the overflow a finite M would risk.
type cost struct{ hi, lo int64 }

func (a cost) less(b cost) bool { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo) }
func (a cost) add(b cost) cost  { return cost{a.hi + b.hi, a.lo + b.lo} }
func (a cost) sub(b cost) cost  { return cost{a.hi - b.hi, a.lo - b.lo} }

var inf = cost{1 << 62, 0}

// graph is a residual network in compressed adjacency form: the arcs leaving
// node u are first[u] … first[u+1]-1, each with its paired reverse arc rev.
type graph struct {
	n     int
	first []int32
	to    []int32
	rev   []int32
	cap   []int32
	cst   []cost
	orig  []int32 // capacity when built (0 for reverse arcs)

	pot []cost
	// Dijkstra scratch, reused across iterations
	dist  []cost
	seen  []int32 // iteration stamp: dist valid
	done  []int32 // iteration stamp: finalised
	want  []int32 // iteration stamp: a node from() waits for
	prev  []int32 // arc used to reach the node
	heap  []heapItem
	stamp int32
}

type heapItem struct {
	d    cost
	node int32
}

// arcSpec is one forward arc while the graph is being built.
type arcSpec struct {
	from, to int32
	cap      int32
	c        cost
}

// buildGraph lays the arcs out by tail node, keeping the given order within a
// node, so adjacency order (and with it every tie) is canonical. It returns
// the index of each forward arc.
func buildGraph(n int, arcs []arcSpec) (*graph, []int32) {
	g := &graph{n: n}
	deg := make([]int32, n+1)
	for _, a := range arcs {
		deg[a.from]++
		deg[a.to]++
	}
	g.first = make([]int32, n+1)
	for u := 0; u < n; u++ {
		g.first[u+1] = g.first[u] + deg[u]
	}
	m := int(g.first[n])
	g.to = make([]int32, m)
	g.rev = make([]int32, m)
	g.cap = make([]int32, m)
	g.cst = make([]cost, m)
	g.orig = make([]int32, m)
	fill := make([]int32, n)
	copy(fill, g.first[:n])
	idx := make([]int32, len(arcs))
	for i, a := range arcs {
		f := fill[a.from]
		fill[a.from]++
		r := fill[a.to]
		fill[a.to]++
		g.to[f], g.rev[f], g.cap[f], g.cst[f], g.orig[f] = a.to, r, a.cap, a.c, a.cap
		g.to[r], g.rev[r], g.cap[r], g.cst[r] = a.from, f, 0, cost{-a.c.hi, -a.c.lo}
		idx[i] = f
	}
	g.pot = make([]cost, n)
	g.dist = make([]cost, n)
	g.seen = make([]int32, n)
	g.done = make([]int32, n)
	g.prev = make([]int32, n)
	return g, idx
}

// flow is the flow on forward arc a.
func (g *graph) flow(a int32) int32 { return g.orig[a] - g.cap[a] }

// initPotentials sets feasible potentials for an acyclic network whose nodes
// are numbered in topological order: pot[v] = min(0, min over arcs u→v of
// pot[u] + c). Every arc then has a non-negative reduced cost (Johnson's
// virtual source), so Dijkstra is valid from the first iteration even though
// balancing arcs have negative costs.
func (g *graph) initPotentials() {
	for v := range g.pot {
		g.pot[v] = cost{}
	}
	for u := 0; u < g.n; u++ {
		for k := g.first[u]; k < g.first[u+1]; k++ {
			if g.cap[k] == 0 {
				continue
			}
			v := g.to[k]
			if d := g.pot[u].add(g.cst[k]); d.less(g.pot[v]) {
				g.pot[v] = d
			}
		}
	}
}

func (g *graph) push(it heapItem) {
	h := append(g.heap, it)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !itemLess(h[i], h[p]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	g.heap = h
}

func (g *graph) pop() heapItem {
	h := g.heap
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	i := 0
	for {
		l := 2*i + 1
		if l >= len(h) {
			break
		}
		m := l
		if r := l + 1; r < len(h) && itemLess(h[r], h[l]) {
			m = r
		}
		if !itemLess(h[m], h[i]) {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	g.heap = h
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
	g.heap = g.heap[:0]
	g.dist[s], g.seen[s] = cost{}, st
	g.prev[s] = -1
	g.push(heapItem{cost{}, s})
	found := false
	for len(g.heap) > 0 {
		it := g.pop()
		u := it.node
		if g.done[u] == st || g.dist[u] != it.d {
			continue
		}
		g.done[u] = st
		if u == t {
			found = true
			break
		}
		du, pu := g.dist[u], g.pot[u]
		for k := g.first[u]; k < g.first[u+1]; k++ {
			if g.cap[k] == 0 {
				continue
			}
			v := g.to[k]
			if g.done[v] == st {
				continue
			}
			pv := g.pot[v]
			c := g.cst[k]
			nd := cost{du.hi + c.hi + pu.hi - pv.hi, du.lo + c.lo + pu.lo - pv.lo}
			if g.seen[v] != st || nd.less(g.dist[v]) {
				g.dist[v], g.seen[v], g.prev[v] = nd, st, k
				g.push(heapItem{nd, v})
			}
		}
	}
	if !found {
		return false
	}
	dt := g.dist[t]
	for v := range g.pot {
		if g.done[v] == st {
			g.pot[v] = g.pot[v].add(g.dist[v])
		} else {
			g.pot[v] = g.pot[v].add(dt)
		}
	}
	return true
}

// minCostFlow sends flow from s to t along successive shortest paths while
// the next path has a negative cost, that is while one more unit pays for
// itself. Path costs never decrease, so the result is the cheapest flow of
// any size. step is called after each augmentation; ctx is checked before
// each. It returns the number of augmentations.
func (g *graph) minCostFlow(ctx context.Context, s, t int32, step func(int)) (int, error) {
	g.initPotentials()
	aug := 0
	for {
		if err := ctx.Err(); err != nil {
			return aug, err
		}
		if !g.shortest(s, t) {
			return aug, nil
		}
		pc := g.pot[t].sub(g.pot[s])
		if pc.hi >= 0 { // the next move would not pay: stop (ties in points are not moves)
			return aug, nil
		}
		// bottleneck (1 on every employee path; kept general for the tests)
		b := int32(1 << 30)
		for v := t; v != s; {
			k := g.prev[v]
			if g.cap[k] < b {
				b = g.cap[k]
			}
			v = g.to[g.rev[k]]
		}
		for v := t; v != s; {
			k := g.prev[v]
			g.cap[k] -= b
			g.cap[g.rev[k]] += b
			v = g.to[g.rev[k]]
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
	g.heap = g.heap[:0]
	for _, t := range targets {
		// label = pot[t] + reduced distance; the true distance is label − pot[x]
		if !ok[t] || g.pot[t].less(lab[t]) {
			lab[t], ok[t] = g.pot[t], true
			g.push(heapItem{g.pot[t], t})
		}
	}
	for len(g.heap) > 0 {
		it := g.pop()
		y := it.node
		if fin[y] || lab[y] != it.d {
			continue
		}
		fin[y] = true
		for k := g.first[y]; k < g.first[y+1]; k++ {
			r := g.rev[k] // arc x→y
			if g.cap[r] == 0 {
				continue
			}
			x := g.to[k]
			if fin[x] {
				continue
			}
			rc := g.cst[r].add(g.pot[x]).sub(g.pot[y])
			nl := lab[y].add(rc)
			if !ok[x] || nl.less(lab[x]) {
				lab[x], ok[x] = nl, true
				g.push(heapItem{nl, x})
			}
		}
	}
	out := make([]cost, n)
	for x := range out {
		if ok[x] {
			out[x] = lab[x].sub(g.pot[x])
		}
	}
	return out, ok
}

// reduced is the reduced cost of arc k under the current potentials.
func (g *graph) reduced(k int32) cost {
	u := g.to[g.rev[k]]
	return g.cst[k].add(g.pot[u]).sub(g.pot[g.to[k]])
}

// from runs a full Dijkstra on reduced costs from s (stopping early once every
// node in stop is finalised, when stop is non-empty) and returns a function
// giving the true residual distance from s to x, ok=false when x was not reached.
func (g *graph) from(s int32, stop []int32) func(x int32) (cost, bool) {
	g.stamp++
	st := g.stamp
	g.heap = g.heap[:0]
	g.dist[s], g.seen[s] = cost{}, st
	g.push(heapItem{cost{}, s})
	if g.want == nil {
		g.want = make([]int32, g.n)
	}
	left := 0
	for _, x := range stop {
		if g.want[x] != st {
			g.want[x] = st
			left++
		}
	}
	for len(g.heap) > 0 && (len(stop) == 0 || left > 0) {
		it := g.pop()
		u := it.node
		if g.done[u] == st || g.dist[u] != it.d {
			continue
		}
		g.done[u] = st
		if g.want[u] == st {
			left--
		}
		du, pu := g.dist[u], g.pot[u]
		for k := g.first[u]; k < g.first[u+1]; k++ {
			if g.cap[k] == 0 {
				continue
			}
			v := g.to[k]
			if g.done[v] == st {
				continue
			}
			nd := du.add(g.cst[k]).add(pu).sub(g.pot[v])
			if g.seen[v] != st || nd.less(g.dist[v]) {
				g.dist[v], g.seen[v] = nd, st
				g.push(heapItem{nd, v})
			}
		}
	}
	dist := make([]cost, g.n)
	done := make([]bool, g.n)
	for x := range dist {
		if g.done[x] == st {
			dist[x], done[x] = g.dist[x].add(g.pot[x]).sub(g.pot[s]), true
		}
	}
	return func(x int32) (cost, bool) { return dist[x], done[x] }
}
