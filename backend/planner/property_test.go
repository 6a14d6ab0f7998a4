package planner

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// instances yields n random instances: mostly tiny ones, every fourth a small
// generated region. Instances whose forced pair is invalid are skipped.
func instances(t *testing.T, seed uint64, n int, f func(i int, in Input, m *model, p *Plan)) {
	t.Helper()
	n = max(n/raceScale, 20)
	rng := rand.New(rand.NewPCG(seed, 3))
	for i, tries := 0, 0; i < n; tries++ {
		if tries > 4*n {
			t.Fatal("too many invalid instances")
		}
		var in Input
		if i%4 == 3 {
			in = generate(genSpec{positions: 20 + rng.IntN(40), perPosition: 3, surplusPct: 25, deficitPct: 30, blockPct: 40, opds: 5, jabatans: 8}, rng.Uint64())
			in.Options.MaxMoves = []int{0, 0, 5}[rng.IntN(3)]
		} else {
			in = genTiny(rng)
		}
		m, err := run(context.Background(), in, nil)
		if err != nil {
			continue
		}
		p := m.plan()
		f(i, in, m, p)
		i++
	}
}

func TestFlowIsFeasibleAndPlanConsistent(t *testing.T) {
	instances(t, 1, 400, func(i int, in Input, m *model, p *Plan) {
		g := m.g
		bal := make([]int64, g.n)
		for u := 0; u < g.n; u++ {
			for k := g.first[u]; k < g.first[u+1]; k++ {
				if g.orig[k] == 0 {
					continue
				}
				f := g.flow(k)
				if f < 0 || f > g.orig[k] {
					t.Fatalf("%d: flow %d outside [0,%d]", i, f, g.orig[k])
				}
				bal[u] -= int64(f)
				bal[g.e[k].to] += int64(f)
			}
		}
		for v := range bal {
			if int32(v) != m.src && int32(v) != m.sink && bal[v] != 0 {
				t.Fatalf("%d: conservation broken at node %d (%d)", i, v, bal[v])
			}
		}
		if bal[m.sink] != -bal[m.src] {
			t.Fatalf("%d: source and sink disagree", i)
		}
		// the condensed scan skips the arc each mover moves along (it has
		// no capacity left): it must be that arc
		if cd := g.cond; cd != nil {
			for _, e := range cd.movers {
				if k := cd.cur[e]; k < g.first[e] || k >= g.mid[e] || g.flow(k) != 1 {
					t.Fatalf("%d: mover %d is recorded on arc %d, which it does not use", i, e, k)
				}
			}
		}
		c := m.c
		seen := map[string]bool{}
		var forcedTotal, total int64
		forced := map[Pair]bool{}
		for _, f := range c.Options.Forced {
			forced[f] = true
		}
		forb := map[Pair]bool{}
		for _, f := range c.Options.Forbidden {
			forb[f] = true
		}
		out := make([]int, len(m.pos))
		for _, mv := range p.Moves {
			if seen[mv.EmployeeID] {
				t.Fatalf("%d: %s moves twice", i, mv.EmployeeID)
			}
			seen[mv.EmployeeID] = true
			pr := Pair{mv.EmployeeID, mv.To}
			if forb[pr] {
				t.Fatalf("%d: forbidden pair carries flow", i)
			}
			e := &m.emp[m.empIdx[mv.EmployeeID]]
			if _, ok := in.Screen(e, &m.pos[m.posIdx[mv.To]]); !ok {
				t.Fatalf("%d: a pair a BLOCK rule forbids carries flow: %+v", i, pr)
			}
			if mv.Forced != forced[pr] {
				t.Fatalf("%d: forced flag wrong for %+v", i, pr)
			}
			if !mv.Forced {
				if m.lockE[m.empIdx[mv.EmployeeID]] || m.lockP[m.posIdx[mv.To]] || m.lockP[m.posIdx[mv.From]] {
					t.Fatalf("%d: a locked employee or position moves: %+v", i, mv)
				}
				out[m.posIdx[mv.From]]++
				if mv.Cost.Total >= 0 && len(p.Moves) == 1 {
					t.Fatalf("%d: a lone move that does not pay: %+v", i, mv.Cost)
				}
			}
			ct := mv.Cost
			if ct.Total != ct.Competence+ct.Preference+ct.RequestBonus+ct.InterestBonus+ct.Stagnation+ct.Relocation+ct.Move-ct.DeficitValue-ct.SurplusValue {
				t.Fatalf("%d: cost terms do not add up: %+v", i, ct)
			}
			if mv.Forced {
				forcedTotal += ct.Total
			}
			total += ct.Total
			if mv.Explanation == "" || mv.ExplanationEn == "" {
				t.Fatalf("%d: move without explanation", i)
			}
		}
		for f := range forced {
			if !seen[f.EmployeeID] {
				t.Fatalf("%d: forced pair %+v missing", i, f)
			}
		}
		if total != p.Objective || p.Objective != m.networkCost()+forcedTotal {
			t.Fatalf("%d: objective %d, Σ totals %d, network %d + forced %d", i, p.Objective, total, m.networkCost(), forcedTotal)
		}
		if mm := c.Options.MaxMoves; mm > 0 && len(p.Moves) > mm {
			t.Fatalf("%d: %d moves over the limit %d", i, len(p.Moves), mm)
		}
		for q := range m.pos {
			if out[q] > 0 && m.n[q]-out[q] < m.floor(q) {
				t.Fatalf("%d: source %s below its floor", i, m.pos[q].Key)
			}
		}
		// balance index as workload defines it
		nf := append([]int(nil), m.n0...)
		for _, mv := range p.Moves {
			nf[m.posIdx[mv.From]]--
			nf[m.posIdx[mv.To]]++
		}
		var mis, keb int
		for q := range m.pos {
			d := m.pos[q].Kebutuhan - nf[q]
			if d < 0 {
				d = -d
			}
			mis += d
			keb += m.pos[q].Kebutuhan
		}
		want := 0.0
		if keb > 0 {
			want = float64(mis) / float64(keb)
		}
		if math.Abs(want-p.BalanceAfter) > 1e-12 {
			t.Fatalf("%d: balance after %v, want %v", i, p.BalanceAfter, want)
		}
	})
}

// shuffled returns in with every list in a random order.
func shuffled(rng *rand.Rand, in Input) Input {
	out := in
	out.Positions = append([]Position(nil), in.Positions...)
	rng.Shuffle(len(out.Positions), func(a, b int) { out.Positions[a], out.Positions[b] = out.Positions[b], out.Positions[a] })
	for i := range out.Positions {
		j := append([]string(nil), out.Positions[i].Jurusan...)
		rng.Shuffle(len(j), func(a, b int) { j[a], j[b] = j[b], j[a] })
		out.Positions[i].Jurusan = j
	}
	out.Employees = append([]Employee(nil), in.Employees...)
	rng.Shuffle(len(out.Employees), func(a, b int) { out.Employees[a], out.Employees[b] = out.Employees[b], out.Employees[a] })
	for i := range out.Employees {
		r := append([]Request(nil), out.Employees[i].Requests...)
		rng.Shuffle(len(r), func(a, b int) { r[a], r[b] = r[b], r[a] })
		out.Employees[i].Requests = r
	}
	o := &out.Options
	o.Forced = append([]Pair(nil), o.Forced...)
	rng.Shuffle(len(o.Forced), func(a, b int) { o.Forced[a], o.Forced[b] = o.Forced[b], o.Forced[a] })
	o.Forbidden = append([]Pair(nil), o.Forbidden...)
	rng.Shuffle(len(o.Forbidden), func(a, b int) { o.Forbidden[a], o.Forbidden[b] = o.Forbidden[b], o.Forbidden[a] })
	return out
}

func planJSON(t *testing.T, p *Plan) string {
	q := *p
	q.Stats.Millis = 0
	b, err := json.Marshal(&q)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPermutingTheInputChangesNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	instances(t, 2, 150, func(i int, in Input, m *model, p *Plan) {
		a, err := Solve(context.Background(), in, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Solve(context.Background(), shuffled(rng, in), nil)
		if err != nil {
			t.Fatal(err)
		}
		if ja, jb := planJSON(t, a), planJSON(t, b); ja != jb {
			t.Fatalf("%d: permuted input gives another plan:\n%s\n%s", i, ja, jb)
		}
		if a.Digest() != b.Digest() || a.InputHash != b.InputHash || a.InputHash != InputHash(in) || a.InputHash == "" {
			t.Fatalf("%d: digests differ", i)
		}
	})
}

func TestRaisingKebutuhanNeverLowersFills(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	instances(t, 3, 300, func(i int, in Input, m *model, p *Plan) {
		if len(in.Positions) == 0 {
			return
		}
		q := in.Positions[rng.IntN(len(in.Positions))].Key
		fills := func(p *Plan) int {
			n := 0
			for _, mv := range p.Moves {
				if mv.To == q {
					n++
				}
			}
			return n
		}
		in2 := in
		in2.Positions = append([]Position(nil), in.Positions...)
		for j := range in2.Positions {
			if in2.Positions[j].Key == q {
				in2.Positions[j].Kebutuhan += 1 + rng.IntN(3)
			}
		}
		p2, err := Solve(context.Background(), in2, nil)
		if err != nil {
			return // a forced pair that is no longer valid
		}
		if fills(p2) < fills(p) {
			t.Fatalf("%d: raising kebutuhan of %s lowered its fills %d → %d", i, q, fills(p), fills(p2))
		}
	})
}

func TestDominancePruningIsExact(t *testing.T) {
	instances(t, 4, 300, func(i int, in Input, m *model, p *Plan) {
		pruneOff = true
		m2, err := run(context.Background(), in, nil)
		pruneOff = false
		if err != nil {
			t.Fatal(err)
		}
		p2 := m2.plan()
		if p.Objective != p2.Objective || len(p.Moves) != len(p2.Moves) {
			t.Fatalf("%d: pruned %d (%d moves), unpruned %d (%d moves)", i, p.Objective, len(p.Moves), p2.Objective, len(p2.Moves))
		}
		for j := range p.Moves {
			if p.Moves[j].EmployeeID != p2.Moves[j].EmployeeID || p.Moves[j].To != p2.Moves[j].To {
				t.Fatalf("%d: pruned and unpruned plans differ at move %d", i, j)
			}
		}
	})
}

func TestHeuristicPruningIsFeasibleAndNoBetter(t *testing.T) {
	instances(t, 5, 200, func(i int, in Input, m *model, p *Plan) {
		in.Options.CandidatesPerEmployee = 1 + i%3
		p2, err := Solve(context.Background(), in, nil)
		if err != nil {
			t.Fatal(err)
		}
		if p2.Objective < p.Objective {
			t.Fatalf("%d: pruned plan %d better than the exact %d", i, p2.Objective, p.Objective)
		}
	})
}

func TestNextBestCostIsTheWhyNotDelta(t *testing.T) {
	checked := 0
	instances(t, 6, 120, func(i int, in Input, m *model, p *Plan) {
		for _, mv := range p.Moves {
			nb := mv.NextBest
			if nb == nil {
				continue
			}
			w, err := WhyNot(context.Background(), in, p, Pair{nb.EmployeeID, mv.To})
			if err != nil {
				t.Fatal(err)
			}
			if !w.Feasible {
				t.Fatalf("%d: next best %s for %s infeasible: %s", i, nb.EmployeeID, mv.To, w.ReasonEn)
			}
			if w.ObjectiveDelta != nb.Cost {
				t.Fatalf("%d: next best %s for %s: cost %d, what-if delta %d", i, nb.EmployeeID, mv.To, nb.Cost, w.ObjectiveDelta)
			}
			found := false
			for _, a := range w.Plan.Moves {
				if a.EmployeeID == nb.EmployeeID && a.To == mv.To && a.Forced {
					found = true
				}
			}
			if !found {
				t.Fatalf("%d: forced pair missing from the what-if plan", i)
			}
			checked++
		}
	})
	if checked < 50/raceScale {
		t.Fatalf("only %d next-best candidates checked", checked)
	}
	t.Logf("%d next-best costs equal the what-if deltas", checked)
}

func TestWhyNotReasons(t *testing.T) {
	in := generate(realistic(300), 3)
	p, err := Solve(context.Background(), in, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Moves) == 0 {
		t.Fatal("no moves")
	}
	mv := p.Moves[0]
	w, _ := WhyNot(context.Background(), in, p, Pair{mv.EmployeeID, mv.To})
	if !w.Feasible || w.ObjectiveDelta != 0 || w.Plan != p {
		t.Fatalf("pair already in the plan: %+v", w)
	}
	w, _ = WhyNot(context.Background(), in, p, Pair{mv.EmployeeID, mv.From})
	if w.Feasible || w.Reason == "" {
		t.Fatalf("own position: %+v", w)
	}
	// a blocked pair names its rule
	for _, e := range in.Employees {
		for _, q := range in.Positions {
			if r, ok := in.Screen(&e, &q); !ok && q.Key != e.From {
				w, _ = WhyNot(context.Background(), in, p, Pair{e.ID, q.Key})
				if w.Feasible || !contains(w.Reason, r) {
					t.Fatalf("blocked pair: %+v", w)
				}
				return
			}
		}
	}
}

func contains(s, sub string) bool { return sub != "" && strings.Contains(s, sub) }

func TestCancelAndProgress(t *testing.T) {
	in := generate(realistic(10000), 2)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Solve(ctx, in, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled before: %v", err)
	}
	// cancel a third of the way through
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	var at time.Time
	_, err := Solve(ctx, in, func(done, total int) {
		if at.IsZero() && done > total/3 {
			at = time.Now()
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled during: %v", err)
	}
	if d := time.Since(at); d > time.Second { // generous: the machine is shared
		t.Fatalf("cancel took %v", d)
	} else {
		t.Logf("cancel returned %v after the request", d)
	}
	// progress: at most ~100 calls, increasing, ending at total
	calls, last := 0, -1
	var lastTotal int
	p, err := Solve(context.Background(), generate(realistic(2000), 2), func(done, total int) {
		calls++
		if done < last {
			t.Fatalf("progress went back")
		}
		last, lastTotal = done, total
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls > 102 || calls < 10 || last != lastTotal {
		t.Fatalf("progress: %d calls, last %d of %d", calls, last, lastTotal)
	}
	_ = p
}

func TestInvalidInput(t *testing.T) {
	base := generate(realistic(200), 1)
	cases := map[string]func(in *Input){
		"negative weight":  func(in *Input) { in.Weights.Move = -1 },
		"huge weight":      func(in *Input) { in.Weights.Deficit = maxWeight + 1 },
		"unknown from":     func(in *Input) { in.Employees[0].From = "nowhere" },
		"duplicate key":    func(in *Input) { in.Positions[1].Key = in.Positions[0].Key },
		"negative moves":   func(in *Input) { in.Options.MaxMoves = -1 },
		"forced unknown":   func(in *Input) { in.Options.Forced = []Pair{{"nobody", in.Positions[0].Key}} },
		"forced own":       func(in *Input) { in.Options.Forced = []Pair{{in.Employees[0].ID, in.Employees[0].From}} },
		"too many forced":  func(in *Input) { in.Options.MaxMoves = 1; in.Options.Forced = forcedTwo(in) },
		"forced forbidden": func(in *Input) { f := forcedTwo(in)[:1]; in.Options.Forced, in.Options.Forbidden = f, f },
	}
	for name, mut := range cases {
		in := base
		in.Positions = append([]Position(nil), base.Positions...)
		in.Employees = append([]Employee(nil), base.Employees...)
		mut(&in)
		_, err := Solve(context.Background(), in, nil)
		if domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("%s: got %v, want an Invalid error", name, err)
		}
	}
}

// forcedTwo picks two allowed pairs of different employees.
func forcedTwo(in *Input) []Pair {
	var out []Pair
	for _, e := range in.Employees {
		for _, q := range in.Positions {
			if _, ok := in.Screen(&e, &q); ok && q.Key != e.From {
				out = append(out, Pair{e.ID, q.Key})
				break
			}
		}
		if len(out) == 2 {
			break
		}
	}
	return out
}

func TestCondensedScanGivesTheSamePlan(t *testing.T) {
	instances(t, 8, 300, func(i int, in Input, m *model, p *Plan) {
		condenseOff = true
		m2, err := run(context.Background(), in, nil)
		condenseOff = false
		if err != nil {
			t.Fatal(err)
		}
		if a, b := planJSON(t, p), planJSON(t, m2.plan()); a != b {
			t.Fatalf("%d: the condensed scan gives another plan:\n%s\n%s", i, a, b)
		}
	})
}
