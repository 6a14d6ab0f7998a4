package planner

import (
	"cmp"
	"slices"
)

// condensed lets Dijkstra skip the employees who are not moving. Such an
// employee e of pool O_u has one way in (O_u → e, cost 0) and its arcs out to
// targets, so a path through it is O_u → e → D_v at the cost of its arc, and
// its potential can be kept equal to its pool's. Scanning a pool then relaxes
// each target once, through the cheapest non-moving employee of the pool
// allowed there (ties by rank, as the arcs themselves), instead of every
// employee's every arc. Employees who move are ordinary nodes.
type condensed struct {
	poolOf    []int32 // node → pool index, -1 for other nodes
	poolNode  []int32 // pool index → node
	entStart  []int32 // pool index → its entries: entStart[p] … entStart[p+1]-1
	ent       []entry // (pool, target) entries, by pool then target
	candStart []int32 // entry → its candidate arcs, cheapest first
	cand      []int32
	poolArc   []int32   // node → its O_u → e arc for employee nodes, -1 otherwise
	empPool   []int32   // node → its pool node for employee nodes
	empEnt    [][]int32 // node → the entries an employee is a candidate in
	candEmp   []int32   // the employee node of each candidate arc
	// row lists each pool's entries by sortKey, the cost in points (noCand:
	// no candidate left), so a search reads a pool only as far as it can
	// matter (scanRow); rowPos is an entry's place in it.
	row     []int32
	rowPos  []int32
	sortKey []int64
	entPool []int32 // entry → its pool index
	idle    []bool  // node → an employee who is not moving
	arcRow  []int32 // employee node u: its forward arcs by cost, at first[u] … mid[u]-1
	tLo     int32   // the target nodes are tLo … tHi (the entries' heads)
	tHi     int32
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
	for e, node := range m.empNode {
		if node < 0 {
			continue
		}
		k := poolArcOfEmp[e]
		c.poolArc[node] = k
		c.idle[node] = g.e[k].cap > 0
		c.empPool[node] = g.e[g.e[k].rev].to
	}
	// group the employee arcs by (pool, target); pools in node order
	items := groupPoolItems(len(m.arcs), func(i int) poolItem {
		k := m.arcs[i].edge
		return poolItem{c.empPool[g.e[g.e[k].rev].to], g.e[k].to, g.e[k].c(), k}
	})
	for i, it := range items {
		if i == 0 || it.pool != items[i-1].pool {
			c.poolOf[it.pool] = int32(len(c.poolNode))
			c.poolNode = append(c.poolNode, it.pool)
			c.entStart = append(c.entStart, int32(len(c.ent)))
		}
		if i == 0 || it.pool != items[i-1].pool || it.v != items[i-1].v {
			c.ent = append(c.ent, entry{v: it.v, best: -1})
			c.entPool = append(c.entPool, int32(len(c.poolNode)-1))
			c.candStart = append(c.candStart, int32(len(c.cand)))
		}
		ent := int32(len(c.ent) - 1)
		c.cand = append(c.cand, it.k)
		e := g.e[g.e[it.k].rev].to
		c.candEmp = append(c.candEmp, e)
		c.empEnt[e] = append(c.empEnt[e], ent)
	}
	c.entStart = append(c.entStart, int32(len(c.ent)))
	c.candStart = append(c.candStart, int32(len(c.cand)))
	c.row = make([]int32, len(c.ent))
	c.rowPos = make([]int32, len(c.ent))
	c.sortKey = make([]int64, len(c.ent))
	c.tLo, c.tHi = int32(g.n), -1
	for ent := range c.ent {
		c.row[ent] = int32(ent)
		c.tLo, c.tHi = min(c.tLo, c.ent[ent].v), max(c.tHi, c.ent[ent].v)
		c.refresh(g, int32(ent))
		c.sortKey[ent] = c.rowKey(int32(ent))
	}
	for p := range c.poolNode {
		r := c.row[c.entStart[p]:c.entStart[p+1]]
		slices.SortFunc(r, func(a, b int32) int { return cmp.Or(cmp.Compare(c.sortKey[a], c.sortKey[b]), cmp.Compare(a, b)) })
	}
	for i, ent := range c.row {
		c.rowPos[ent] = int32(i)
	}
	// a moving employee's arcs by cost in points, for the same bounded scan
	c.arcRow = make([]int32, len(g.e))
	for node := range c.poolArc {
		if c.poolArc[node] < 0 {
			continue
		}
		r := c.arcRow[g.first[node]:g.mid[node]]
		for i := range r {
			r[i] = g.first[node] + int32(i)
		}
		slices.SortFunc(r, func(a, b int32) int { return cmp.Or(cmp.Compare(g.e[a].hi, g.e[b].hi), cmp.Compare(a, b)) })
	}
	return c
}

// rowKey is the key an entry's row is sorted by: its cost in points, or
// noCand when it has no non-moving candidate.
func (c *condensed) rowKey(ent int32) int64 {
	if c.ent[ent].best < 0 {
		return noCand
	}
	return c.ent[ent].c.hi
}

const noCand = int64(1) << 62

// reposition moves an entry whose cost changed to its place in its row.
func (c *condensed) reposition(ent int32) {
	k := c.rowKey(ent)
	if k == c.sortKey[ent] {
		return
	}
	c.sortKey[ent] = k
	p := c.entPool[ent]
	lo, hi := c.entStart[p], c.entStart[p+1]-1
	i := c.rowPos[ent]
	for i > lo && c.sortKey[c.row[i-1]] > k {
		c.row[i] = c.row[i-1]
		c.rowPos[c.row[i]] = i
		i--
	}
	for i < hi && c.sortKey[c.row[i+1]] < k {
		c.row[i] = c.row[i+1]
		c.rowPos[c.row[i]] = i
		i++
	}
	c.row[i], c.rowPos[ent] = ent, i
}

// moving reports whether employee node e carries flow.
func (c *condensed) moving(g *graph, e int32) bool { return g.e[c.poolArc[e]].cap == 0 }

// refresh recomputes an entry's cheapest non-moving candidate.
func (c *condensed) refresh(g *graph, ent int32) {
	en := &c.ent[ent]
	en.best = -1
	for i := c.candStart[ent]; i < c.candStart[ent+1]; i++ {
		if c.idle[c.candEmp[i]] {
			k := c.cand[i]
			en.best, en.c = k, g.e[k].c()
			return
		}
	}
}

// changed updates the entries of an employee who started or stopped moving.
func (c *condensed) changed(g *graph, e int32) {
	c.idle[e] = !c.moving(g, e)
	for _, ent := range c.empEnt[e] {
		c.refresh(g, ent)
		c.reposition(ent)
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
// linear time and without a second copy: a counting sort on (pool, target)
// that places each item straight into the result, then an insertion sort
// within each group, which the dominance pruning keeps to give + 1 items.
func groupPoolItems(n int, item func(int) poolItem) []poolItem {
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
	start := make([]int32, (int(p1-p0)+1)*nv+1)
	for i := 0; i < n; i++ {
		it := item(i)
		start[int(it.pool-p0)*nv+int(it.v-v0)+1]++
	}
	for b := 1; b < len(start); b++ {
		start[b] += start[b-1]
	}
	out := make([]poolItem, n)
	fill := append([]int32(nil), start...)
	for i := 0; i < n; i++ {
		it := item(i)
		b := int(it.pool-p0)*nv + int(it.v-v0)
		out[fill[b]] = it
		fill[b]++
	}
	for b := 0; b+1 < len(start); b++ {
		grp := out[start[b]:start[b+1]]
		for i := 1; i < len(grp); i++ {
			for j := i; j > 0 && itemBefore(&grp[j], &grp[j-1]); j-- {
				grp[j], grp[j-1] = grp[j-1], grp[j]
			}
		}
	}
	return out
}

// itemBefore orders two items of one group: cheaper first, then by arc.
func itemBefore(a, b *poolItem) bool { return a.c.less(b.c) || (a.c == b.c && a.k < b.k) }
