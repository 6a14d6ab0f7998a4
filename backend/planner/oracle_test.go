package planner

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// genTiny makes a small random instance: a few positions, their employees,
// random weights (so that some moves do not pay), blocked pairs, requests,
// locks, floors, a move limit and forbidden pairs. Forced pairs are drawn
// from the allowed ones.
func genTiny(rng *rand.Rand) Input {
	np := 2 + rng.IntN(5)
	in := Input{}
	w := Weights{
		Competence: int64(rng.IntN(60)), Preference: int64(rng.IntN(40)), RequestBonus: int64(rng.IntN(80)),
		Stagnation: int64(rng.IntN(40)), Relocation: int64(rng.IntN(80)), Move: int64(rng.IntN(300)),
		Deficit: int64(rng.IntN(400)), Surplus: int64(rng.IntN(300)), StagnationMonths: 12 * rng.IntN(6),
	}
	w.InterestBonus = int64(rng.IntN(60))
	in.Weights = w
	for i := 0; i < np; i++ {
		k := rng.IntN(5)
		b := rng.IntN(6)
		p := Position{Key: fmt.Sprintf("u%d/j%d", i/2, i), OPDID: fmt.Sprintf("o%d", i%3), UnitID: fmt.Sprintf("u%d", i/2),
			JabatanID: fmt.Sprintf("j%d", i), Lokasi: fmt.Sprintf("L%d", rng.IntN(2)), Kebutuhan: k, Bezetting: b,
			MinPendidikan: pend([]int{0, 30, 40}[rng.IntN(3)])}
		if rng.IntN(2) == 0 {
			p.Jurusan = []string{[]string{"Hukum", "Ekonomi"}[rng.IntN(2)]}
		}
		p.Locked = rng.IntN(12) == 0
		in.Positions = append(in.Positions, p)
	}
	for i, p := range in.Positions {
		for j := 0; j < p.Bezetting; j++ {
			e := Employee{ID: fmt.Sprintf("e%d-%d", i, j), NIP: fmt.Sprintf("%03d", rng.IntN(1000)), From: p.Key,
				Pendidikan: pend([]int{20, 30, 40, 45}[rng.IntN(4)]), Jurusan: []string{"Hukum", "Ekonomi", "Sipil"}[rng.IntN(3)],
				MonthsInPost: rng.IntN(100), Locked: rng.IntN(15) == 0}
			if rng.IntN(3) == 0 {
				t := in.Positions[rng.IntN(np)]
				e.Requests = []Request{{OPDID: t.OPDID, Rank: 1}, {UnitID: t.UnitID, JabatanID: t.JabatanID, Rank: 2}}
			}
			if rng.IntN(3) == 0 { // an interest recorded in the portal
				t := in.Positions[rng.IntN(np)]
				e.Interests = []Interest{[]Interest{{OPDID: t.OPDID}, {JabatanID: t.JabatanID}, {OPDID: t.OPDID, JabatanID: t.JabatanID}}[rng.IntN(3)]}
			}
			in.Employees = append(in.Employees, e)
		}
	}
	blocked := map[Pair]string{}
	for _, e := range in.Employees {
		for _, p := range in.Positions {
			if rng.IntN(10) < 3 {
				blocked[Pair{e.ID, p.Key}] = []string{"MUT-03", "MUT-11"}[rng.IntN(2)]
			}
		}
	}
	in.Screen = func(e *Employee, p *Position) (string, bool) {
		if r, ok := blocked[Pair{e.ID, p.Key}]; ok {
			return r, false
		}
		return "", true
	}
	if rng.IntN(3) == 0 {
		in.Options.MaxMoves = 1 + rng.IntN(3)
	}
	in.Options.MinFloorPercent = []int{0, 0, 0, 120, 150}[rng.IntN(5)]
	if len(in.Employees) > 0 && rng.IntN(4) == 0 {
		e := in.Employees[rng.IntN(len(in.Employees))]
		in.Options.Forbidden = append(in.Options.Forbidden, Pair{e.ID, in.Positions[rng.IntN(np)].Key})
	}
	if len(in.Employees) > 0 && rng.IntN(4) == 0 {
		e := in.Employees[rng.IntN(len(in.Employees))]
		p := in.Positions[rng.IntN(np)]
		if _, bl := blocked[Pair{e.ID, p.Key}]; !bl && p.Key != e.From && !e.Locked && !p.Locked {
			in.Options.Forced = append(in.Options.Forced, Pair{e.ID, p.Key})
		}
	}
	return in
}

// lpOptimum solves the model's network as an LP: minimise Σ c·x over the
// circulation closed by a free return arc sink → source, in the standard form
// [N 0; I I]·[x; s] = [0; cap] with one conservation row dropped per
// connected component (x must not be free, A needs full rank).
func lpOptimum(t *testing.T, m *model) (float64, bool) {
	g := m.g
	type arc struct {
		u, v int
		cap  float64
		c    float64
	}
	var arcs []arc
	for u := 0; u < g.n; u++ {
		for k := g.first[u]; k < g.first[u+1]; k++ {
			if g.orig[k] > 0 {
				arcs = append(arcs, arc{u, int(g.e[k].to), float64(g.orig[k]), float64(g.e[k].hi)})
			}
		}
	}
	if len(arcs) == 0 {
		return 0, true
	}
	nCap := len(arcs)
	arcs = append(arcs, arc{int(m.sink), int(m.src), -1, 0}) // return arc, uncapacitated
	// components (union-find) over nodes touched by arcs
	parent := make([]int, g.n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	touched := make([]bool, g.n)
	for _, a := range arcs {
		touched[a.u], touched[a.v] = true, true
		parent[find(a.u)] = find(a.v)
	}
	dropped := map[int]bool{}
	var rows []int
	for v := 0; v < g.n; v++ {
		if !touched[v] {
			continue
		}
		if r := find(v); !dropped[r] {
			dropped[r] = true // drop the first node of each component
			continue
		}
		rows = append(rows, v)
	}
	rowOf := map[int]int{}
	for i, v := range rows {
		rowOf[v] = i
	}
	nx := len(arcs)
	cols := nx + nCap
	nrows := len(rows) + nCap
	if nrows > cols {
		t.Fatalf("more rows than columns")
	}
	A := mat.NewDense(nrows, cols, nil)
	b := make([]float64, nrows)
	c := make([]float64, cols)
	for j, a := range arcs {
		c[j] = a.c
		if r, ok := rowOf[a.u]; ok {
			A.Set(r, j, A.At(r, j)-1)
		}
		if r, ok := rowOf[a.v]; ok {
			A.Set(r, j, A.At(r, j)+1)
		}
	}
	for j := 0; j < nCap; j++ {
		r := len(rows) + j
		A.Set(r, j, 1)
		A.Set(r, nx+j, 1)
		b[r] = arcs[j].cap
	}
	opt, _, err := lp.Simplex(c, A, b, 1e-10, nil)
	if err != nil {
		t.Logf("lp: %v", err)
		return 0, false
	}
	return opt, true
}

// TestOracleLP compares the planner's optimum with gonum's simplex on the
// same network for at least 1,000 random small instances.
func TestOracleLP(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	checked, skipped, nonzero, arcs := 0, 0, 0, 0
	for checked < 1000 {
		in := genTiny(rng)
		m, err := run(context.Background(), in, nil)
		if err != nil {
			skipped++ // an invalid forced pair (locked source etc.): not an oracle case
			if skipped > 2000 {
				t.Fatal("too many invalid instances")
			}
			continue
		}
		if m.forwardArcs() > 120 {
			skipped++
			continue
		}
		opt, ok := lpOptimum(t, m)
		if !ok {
			t.Fatalf("instance %d: LP failed", checked)
		}
		got := m.networkCost()
		if math.Abs(opt-float64(got)) > 1e-6*math.Max(1, math.Abs(opt)) {
			t.Fatalf("instance %d: planner %d, LP %.4f (arcs %d)", checked, got, opt, m.forwardArcs())
		}
		checked++
		arcs += m.forwardArcs()
		if got != 0 {
			nonzero++
		}
	}
	if nonzero < checked/3 {
		t.Fatalf("only %d of %d instances move anyone: the generator is too weak", nonzero, checked)
	}
	t.Logf("%d instances equal to the LP optimum (%d with moves, %.1f arcs on average; %d skipped)", checked, nonzero, float64(arcs)/float64(checked), skipped)
}
