package planner

// The cost model (docs/planner.md §Costs). Every term is an integer number of
// points; the balancing values are the marginal values of one person more or
// less in a position, convex in its staffing.

// denom is the kebutuhan used as a divisor: at least 1, so that a position
// with no ABK need (kebutuhan 0) counts each person as a whole surplus.
func denom(kebutuhan int) int64 {
	if kebutuhan < 1 {
		return 1
	}
	return int64(kebutuhan)
}

// addValue is the value of taking a position from n to n+1 people: the fill
// of a deficit is worth β + β·(r−n)/r (the first fill of a badly short
// position most), a person above kebutuhan costs α + α·(n+1−r)/r.
func addValue(w *Weights, r, n int) int64 {
	if n < r {
		return w.Deficit + w.Deficit*int64(r-n)/denom(r)
	}
	return -(w.Surplus + w.Surplus*int64(n+1-r)/denom(r))
}

// removeValue is the value of taking a position from n to n−1 people; it is
// −addValue(n−1), so the staffing value of a position is concave.
func removeValue(w *Weights, r, n int) int64 { return -addValue(w, r, n-1) }

// terms is the arc part of a move's cost (everything but the two values).
type terms struct {
	competence, preference, requestBonus, stagnation, relocation, move, interest int64
}

func (t terms) sum() int64 {
	return t.competence + t.preference + t.requestBonus + t.stagnation + t.relocation + t.move + t.interest
}

// empFacts are the per-employee quantities the arc costs need, computed once.
type empFacts struct {
	jurusan    string // normalised
	rank       int    // education rank
	stagnation int64  // ≤ 0
	maxReq     int    // preference steps of a target outside the requests
}

// posFacts are the per-position quantities the arc costs need.
type posFacts struct {
	jurusan []string // normalised
	minRank int
}

// stagnationYears counts the started years in post beyond the limit, at most 10.
func stagnationYears(months, limit int) int64 {
	beyond := months - limit
	if beyond <= 0 {
		return 0
	}
	y := int64((beyond + 11) / 12)
	if y > 10 {
		y = 10
	}
	return y
}

func makeEmpFacts(w *Weights, e *Employee) empFacts {
	f := empFacts{jurusan: normJurusan(e.Jurusan), rank: e.Pendidikan.Rank()}
	f.stagnation = -w.Stagnation * stagnationYears(e.MonthsInPost, w.StagnationMonths)
	for _, r := range e.Requests {
		if r.Rank > f.maxReq {
			f.maxReq = r.Rank
		}
	}
	if len(e.Requests) > f.maxReq {
		f.maxReq = len(e.Requests)
	}
	return f
}

func makePosFacts(p *Position) posFacts {
	f := posFacts{minRank: p.MinPendidikan.Rank()}
	for _, j := range p.Jurusan {
		if s := normJurusan(j); s != "" {
			f.jurusan = append(f.jurusan, s)
		}
	}
	return f
}

// mismatch is the competence mismatch in points: 3 per education rung below
// the minimum (normally a BLOCK already), 2 when the major is not accepted.
func mismatch(ef *empFacts, pf *posFacts) int64 {
	var m int64
	if pf.minRank > 0 && ef.rank < pf.minRank {
		m += 3 * int64(pf.minRank-ef.rank)
	}
	if len(pf.jurusan) > 0 {
		hit := false
		for _, j := range pf.jurusan {
			if j == ef.jurusan {
				hit = true
				break
			}
		}
		if !hit {
			m += 2
		}
	}
	return m
}

// requestRank is the best (lowest) rank among the employee's requests that
// match p, 0 when none does.
func requestRank(e *Employee, p *Position) int {
	best := 0
	for _, r := range e.Requests {
		if (r.OPDID == "" || r.OPDID == p.OPDID) && (r.UnitID == "" || r.UnitID == p.UnitID) &&
			(r.JabatanID == "" || r.JabatanID == p.JabatanID) {
			rk := r.Rank
			if rk < 1 {
				rk = 1
			}
			if best == 0 || rk < best {
				best = rk
			}
		}
	}
	return best
}

// interestIn is the first of the employee's portal interests that p
// matches, -1 when none does.
func interestIn(e *Employee, p *Position) int {
	for i, in := range e.Interests {
		if in.OPDID == "" && in.JabatanID == "" && in.JenisJabatan == "" {
			continue
		}
		if (in.OPDID == "" || in.OPDID == p.OPDID) && (in.JabatanID == "" || in.JabatanID == p.JabatanID) &&
			(in.JenisJabatan == "" || in.JenisJabatan == p.JenisJabatan) {
			return i
		}
	}
	return -1
}

// arcTerms is the cost of moving e from src to dst, term by term.
func arcTerms(w *Weights, e *Employee, ef *empFacts, src, dst *Position, pf *posFacts) terms {
	t := terms{move: w.Move, stagnation: ef.stagnation}
	t.competence = w.Competence * mismatch(ef, pf)
	if len(e.Requests) > 0 {
		if rk := requestRank(e, dst); rk > 0 {
			t.preference = w.Preference * int64(rk-1)
			t.requestBonus = -w.RequestBonus
		} else {
			t.preference = w.Preference * int64(ef.maxReq)
		}
	}
	// An interest recorded in the portal is a soft preference, weaker than a
	// formal request (InterestBonus < RequestBonus by default).
	if len(e.Interests) > 0 && interestIn(e, dst) >= 0 {
		t.interest = -w.InterestBonus
	}
	if src.Lokasi != "" && dst.Lokasi != "" && src.Lokasi != dst.Lokasi {
		t.relocation = w.Relocation
	}
	return t
}
