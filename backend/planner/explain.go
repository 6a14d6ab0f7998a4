package planner

import (
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
)

// gapText describes gap = kebutuhan − bezetting in words: a shortfall, a
// surplus or a post staffed as needed.
func gapText(g int) (string, string) {
	switch {
	case g > 0:
		return "kekurangan " + strconv.Itoa(g) + " orang", "short of " + people(g)
	case g < 0:
		return "kelebihan " + strconv.Itoa(-g) + " orang", "over by " + people(-g)
	}
	return "sesuai kebutuhan", "staffed as needed"
}

func people(n int) string {
	if n == 1 {
		return "1 person"
	}
	return strconv.Itoa(n) + " people"
}

// posName is "Jabatan, Unit (OPD)", falling back to the key.
func posName(p *Position) string {
	var parts []string
	if p.JabatanNama != "" {
		parts = append(parts, p.JabatanNama)
	}
	if p.UnitNama != "" {
		parts = append(parts, p.UnitNama)
	}
	s := strings.Join(parts, ", ")
	if p.OPDNama != "" {
		if s != "" {
			s += " (" + p.OPDNama + ")"
		} else {
			s = p.OPDNama
		}
	}
	if s == "" {
		s = "posisi tanpa nama"
	}
	return s
}

func who(e *Employee) string {
	switch {
	case e.Nama == "" && e.NIP == "":
		return "pegawai tanpa nama"
	case e.Nama == "":
		return "NIP " + e.NIP
	case e.NIP == "":
		return e.Nama
	}
	return e.Nama + " (NIP " + e.NIP + ")"
}

// explainMoves adds the shadow price, the next-best candidate and the texts.
func (m *model) explainMoves(moves []Move, used []int32) {
	g := m.g
	// the rows' final order for the next-best searches (it reads only the
	// potentials, which no longer change) beside two full searches, which
	// do not read the rows: the backward one on its own heap (it keeps its
	// labels apart, and the node state is only read), the one from the
	// source on a copy of the node state. Only the texts need the shadow
	// prices and only a next-best search that reaches the sink needs the
	// distances from the source, so the next-best searches start as soon
	// as the rows are in order.
	var wg, wd, ws sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		g.finalOrder()
	}()
	// shadow prices: one more person at D_v is worth −(cheapest residual path
	// from D_v to the sink, or back to the source so that a mover stays home)
	var dist []cost
	var ok []bool
	gd := *g
	gd.heap = queue{}
	wd.Add(1)
	go func() {
		defer wd.Done()
		dist, ok = gd.distancesTo([]int32{m.sink, m.src})
	}()
	// true distances from the source (nextBest)
	gs := *g
	gs.heap, gs.ns = queue{}, slices.Clone(g.ns)
	var src func(int32) (cost, bool)
	ws.Add(1)
	go func() {
		defer ws.Done()
		src = gs.from(m.src, nil)
	}()
	fromSrc := func(x int32) (cost, bool) {
		ws.Wait()
		return src(x)
	}
	wg.Wait()
	// next best per target: the unused arc into it whose forcing costs least
	// (exact: see forcingCost)
	targets := make([]bool, len(m.pos))
	for i := range moves {
		targets[m.posIdx[moves[i].To]] = true
	}
	best, bestCost := m.nextBest(targets, used, fromSrc)
	movedTo := make(map[string]string, len(moves))
	// the weakest chosen move into each target (largest cost terms): the one
	// a next-best candidate is compared with
	weakest := make(map[string]int, len(moves))
	for i := range moves {
		movedTo[moves[i].EmployeeID] = moves[i].To
		w, ok := weakest[moves[i].To]
		if !ok || weaker(&moves[i], &moves[w]) {
			weakest[moves[i].To] = i
		}
	}
	wd.Wait()
	// each move's text is its own: two goroutines take half each
	texts := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			mv := &moves[i]
			to := m.posIdx[mv.To]
			if d := m.posD[to]; d >= 0 && ok[d] {
				mv.ShadowPrice = -dist[d].hi
			} else {
				mv.ShadowPrice = addValue(m.w, m.pos[to].Kebutuhan, m.pos[to].Kebutuhan-mv.ToGapAfter)
			}
			if b := best[to]; b >= 0 {
				mv.NextBest = m.candidate(&moves[weakest[mv.To]], &m.arcs[b], bestCost[to], movedTo)
			}
			m.moveText(mv)
		}
	}
	half := len(moves)
	if runtime.GOMAXPROCS(0) > 1 && len(moves) >= 64 {
		half = len(moves) / 2
		wd.Add(1)
		go func() {
			defer wd.Done()
			texts(half, len(moves))
		}()
	}
	texts(0, half)
	wd.Wait()
	ws.Wait()
}

// weaker orders the moves into one target: a network move before a forced
// one, then the larger cost terms.
func weaker(a, b *Move) bool {
	if a.Forced != b.Forced {
		return !a.Forced
	}
	return termSum(a.Cost) >= termSum(b.Cost)
}

func termSum(c CostTerms) int64 {
	return c.Competence + c.Preference + c.RequestBonus + c.Stagnation + c.Relocation + c.Move + c.InterestBonus
}

// candidate says who came next for mv.To and why they lost, comparing them
// with mv, the weakest move chosen for that target.
func (m *model) candidate(mv *Move, a *empArc, rc int64, movedTo map[string]string) *Candidate {
	e := &m.emp[a.e]
	c := &Candidate{EmployeeID: e.ID, NIP: e.NIP, Nama: e.Nama, Cost: rc}
	var ids, ens []string
	if k, moved := movedTo[e.ID]; moved {
		p := &m.pos[m.posIdx[k]]
		ids = append(ids, "sudah diusulkan ke "+posName(p)+", tempat ia lebih bermanfaat")
		ens = append(ens, "already proposed for "+posName(p)+", where they help more")
	} else {
		// the terms a person compares, in words (the fixed move cost is the same for everyone)
		words := [7][2]string{
			{"pendidikan atau jurusannya kurang sesuai dengan jabatan tujuan", "their education or major fits the target post less well"},
			{"tujuan ini lebih jauh dari pilihan yang ia ajukan", "the target ranks lower among the choices they asked for"},
			{"ia tidak mengajukan permohonan pindah ke tujuan ini", "they did not ask to move to this target"},
			{"masa jabatannya saat ini lebih singkat", "they have held their current post for less time"},
			{"ia harus pindah lokasi kerja", "they would have to relocate"},
			{"", ""},
			{"ia tidak mencatat minat pada tujuan ini", "they recorded no interest in this target"}}
		mine := [7]int64{mv.Cost.Competence, mv.Cost.Preference, mv.Cost.RequestBonus, mv.Cost.Stagnation, mv.Cost.Relocation, mv.Cost.Move, mv.Cost.InterestBonus}
		t := m.terms(a)
		theirs := [7]int64{t.competence, t.preference, t.requestBonus, t.stagnation, t.relocation, t.move, t.interest}
		var di, de []string
		for i := range words {
			if d := theirs[i] - mine[i]; d > 0 && words[i][0] != "" {
				di = append(di, words[i][0])
				de = append(de, words[i][1])
			}
		}
		if len(di) > 0 {
			other := who(&m.emp[m.empIdx[mv.EmployeeID]])
			ids = append(ids, "dibanding "+other+", "+strings.Join(di, ", "))
			ens = append(ens, "compared with "+other+", "+strings.Join(de, ", "))
		}
		from := m.posIdx[e.From]
		next, exhausted := m.nextGiveValue(from)
		switch {
		case exhausted:
			ids = append(ids, "posisi asalnya sudah melepas semua pegawai yang boleh dilepas ("+strconv.Itoa(m.give[from])+" orang)")
			ens = append(ens, "their current post already releases everyone it may ("+people(m.give[from])+")")
		case next < mv.Cost.SurplusValue:
			ids = append(ids, "kelebihan pegawai di posisi asalnya lebih kecil")
			ens = append(ens, "their current post is less over-staffed")
		}
		if len(ids) == 0 {
			if rc == 0 {
				ids = append(ids, "sama baiknya; bila sama, rencana memilih menurut urutan NIP")
				ens = append(ens, "equally good; on a tie the plan chooses by NIP order")
			} else {
				ids = append(ids, "rencana secara keseluruhan akan kurang seimbang")
				ens = append(ens, "the plan as a whole would be less balanced")
			}
		}
	}
	c.Reason = strings.Join(ids, "; ")
	c.ReasonEn = strings.Join(ens, "; ")
	return c
}

// nextBest finds, for every target position p in targets, the unused arc
// e→p whose forcing raises the objective least, and by how much (points).
// Forcing one unit on an arc of the optimal flow costs the cheapest residual
// cycle through it: c(e,p) + the shortest residual path from p back to e,
// either directly or through the sink and (closing the circulation, since the
// flow value is free) the source. Every other cycle of the difference has a
// non-negative cost at the optimum, so this is exact.
func (m *model) nextBest(targets []bool, used []int32, fromSrc func(int32) (cost, bool)) ([]int32, []int64) {
	g := m.g
	best := make([]int32, len(m.pos))
	bestCost := make([]int64, len(m.pos))
	for i := range best {
		best[i] = -1
	}
	// every arc into each target (gathered beside the flow, run); the
	// arcs with flow are left out below, per target
	var ta *targetArcs
	if m.byTarget != nil {
		ta = <-m.byTarget
	} else {
		ta = m.targetArcs()
	}
	isUsed := make([]bool, len(m.arcs))
	usedInto := make([]int32, len(m.pos))
	for _, i := range used {
		isUsed[i] = true
		usedInto[m.arcs[i].p]++
	}
	at := ta.at
	var work []int
	for p := range m.pos {
		if targets[p] && at[p+1]-at[p] > usedInto[p] {
			work = append(work, p)
		}
	}
	if len(work) == 0 {
		return best, bestCost
	}
	// the targets are independent: two workers, each with its own copy of
	// the node state (the arcs and rows are only read), take the next
	// target as they become free; results do not depend on which worker
	// takes which target
	workers := min(runtime.GOMAXPROCS(0), 2, len(work))
	var next atomic.Int32
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		gw := *g
		gw.ns = append([]nodeState(nil), g.ns...)
		gw.heap, gw.candOf, gw.poolCand = queue{}, nil, nil
		wg.Add(1)
		go func(gw *graph) {
			defer wg.Done()
			var candBuf []candArc
			var arcOfBuf []int32
			for q := int(next.Add(1)) - 1; q < len(work); q = int(next.Add(1)) - 1 {
				p := work[q]
				// the unused arcs into p, in arc order
				cands, arcOf := ta.cands[at[p]:at[p+1]], ta.arcOf[at[p]:at[p+1]]
				if usedInto[p] > 0 {
					c, a := cands, arcOf
					cands, arcOf = candBuf[:0], arcOfBuf[:0]
					for x := range c {
						if !isUsed[a[x]] {
							cands, arcOf = append(cands, c[x]), append(arcOf, a[x])
						}
					}
					candBuf, arcOfBuf = cands, arcOf
				}
				if i, c := gw.cheapestCycle(m.posD[p], m.sink, m.src, cands, fromSrc); i >= 0 {
					best[p], bestCost[p] = arcOf[i], c.hi
				}
			}
		}(&gw)
	}
	wg.Wait()
	return best, bestCost
}

// targetArcs are all employee arcs into each target p, in arc order:
// cands[at[p]] … cands[at[p+1]-1], with their indices in m.arcs.
type targetArcs struct {
	at    []int32
	cands []candArc
	arcOf []int32
}

// targetArcs gathers the arcs by target in two passes in arc order (each
// arc's cost read in order, not once per target through the arc array).
// It reads only what the flow does not change, so it runs beside it.
func (m *model) targetArcs() *targetArcs {
	g := m.g
	at := make([]int32, len(m.pos)+1)
	for i := range m.arcs {
		at[m.arcs[i].p+1]++
	}
	for p := range m.pos {
		at[p+1] += at[p]
	}
	ta := &targetArcs{at: at, cands: make([]candArc, at[len(m.pos)]), arcOf: make([]int32, at[len(m.pos)])}
	fill := append([]int32(nil), at...)
	for i := range m.arcs {
		a := &m.arcs[i]
		x := fill[a.p]
		fill[a.p]++
		e := &g.e[a.edge]
		ta.cands[x], ta.arcOf[x] = candArc{a.edge, m.empNode[a.e], cost{e.hi, int64(e.lo)}}, int32(i)
	}
	return ta
}

// nextGiveValue is the value of the next person position p could release,
// exhausted when it gives all it may.
func (m *model) nextGiveValue(p int) (int64, bool) {
	for _, k := range m.hubArcs[p] {
		if m.g.flow(k) == 0 {
			return -m.g.e[k].hi, false
		}
	}
	return 0, true
}

// moveText writes the Indonesian and English explanation of one move in
// words a reader can sign: who moves where, what it does to both posts, what
// speaks for the employee and who came next. The figures stay in the cost
// terms beside it.
func (m *model) moveText(mv *Move) {
	e := &m.emp[m.empIdx[mv.EmployeeID]]
	src, dst := &m.pos[m.posIdx[mv.From]], &m.pos[m.posIdx[mv.To]]
	fb, fbe := gapText(mv.FromGapBefore)
	fa, fae := gapText(mv.FromGapAfter)
	tb, tbe := gapText(mv.ToGapBefore)
	ta, tae := gapText(mv.ToGapAfter)
	c := mv.Cost
	var b, be strings.Builder
	b.WriteString(who(e) + " diusulkan pindah dari " + posName(src) + " ke " + posName(dst) + ". ")
	be.WriteString(who(e) + " is proposed to move from " + posName(src) + " to " + posName(dst) + ". ")
	if mv.Forced {
		b.WriteString("Mutasi ini dipaksakan dalam skenario. ")
		be.WriteString("This move is forced by the scenario. ")
	}
	b.WriteString("Posisi asal " + fb + " sebelum rencana dan " + fa + " sesudahnya; posisi tujuan " + tb + " sebelum rencana dan " + ta + " sesudahnya. ")
	be.WriteString("The current post is " + fbe + " before the plan and " + fae + " after it; the target is " + tbe + " before and " + tae + " after. ")
	var why, whyEn []string
	if c.RequestBonus < 0 {
		why, whyEn = append(why, "tujuan ini sesuai permohonan pindah yang ia ajukan"), append(whyEn, "the target matches the transfer they asked for")
	}
	if c.Stagnation < 0 {
		y := strconv.Itoa(e.MonthsInPost / 12)
		why, whyEn = append(why, "ia sudah "+y+" tahun dalam jabatan yang sama"), append(whyEn, "they have held the same post for "+y+" years")
	}
	if c.Competence == 0 {
		why, whyEn = append(why, "pendidikan dan jurusannya memenuhi syarat jabatan tujuan"), append(whyEn, "their education and major meet the target post's requirements")
	} else {
		why, whyEn = append(why, "pendidikan atau jurusannya belum sepenuhnya memenuhi syarat jabatan tujuan"), append(whyEn, "their education or major does not fully meet the target post's requirements")
	}
	if c.Relocation > 0 {
		why, whyEn = append(why, "ia perlu pindah lokasi kerja"), append(whyEn, "they would change work location")
	}
	b.WriteString("Pertimbangan: " + strings.Join(why, "; ") + ". ")
	be.WriteString("Considered: " + strings.Join(whyEn, "; ") + ". ")
	if c.InterestBonus != 0 {
		if i := interestIn(e, dst); i >= 0 {
			mi, me := interestText(e.Interests[i], dst)
			b.WriteString("Tujuan ini sesuai minat yang dicatat pegawai di portal: " + mi + ". ")
			be.WriteString("The target matches an interest the employee recorded in the portal: " + me + ". ")
		}
	}
	if nb := mv.NextBest; nb != nil {
		nbe := &Employee{Nama: nb.Nama, NIP: nb.NIP}
		b.WriteString("Pegawai lain yang paling mendekati untuk tujuan ini: " + who(nbe) + "; tidak dipilih karena " + nb.Reason + ".")
		be.WriteString("The closest other employee for this target: " + who(nbe) + "; not chosen because " + nb.ReasonEn + ".")
	}
	mv.Explanation, mv.ExplanationEn = strings.TrimSpace(b.String()), strings.TrimSpace(be.String())
}

// interestText describes a matched interest by what it named (the target's
// names, since it matched), with the employee's own note.
func interestText(in Interest, p *Position) (string, string) {
	var ids, ens []string
	if in.OPDID != "" {
		ids, ens = append(ids, "OPD "+p.OPDNama), append(ens, "OPD "+p.OPDNama)
	}
	if in.JabatanID != "" {
		ids, ens = append(ids, "jabatan "+p.JabatanNama), append(ens, "position "+p.JabatanNama)
	}
	if in.JenisJabatan != "" {
		ids, ens = append(ids, "jenis jabatan "+strings.ToLower(in.JenisJabatan)), append(ens, "kind of position "+strings.ToLower(in.JenisJabatan))
	}
	i, e := strings.Join(ids, ", "), strings.Join(ens, ", ")
	if c := strings.TrimSpace(in.Catatan); c != "" {
		i += " (\"" + c + "\")"
		e += " (\"" + c + "\")"
	}
	return i, e
}

// exclusion records an employee every useful target of whom a hard rule
// blocked: the most frequent rule (ties by id) and the shortest target it blocked.
func (m *model) exclusion(e int, blocked []blockedTarget) Exclusion {
	count := map[string]int{}
	for _, b := range blocked {
		count[b.rule]++
	}
	rules := make([]string, 0, len(count))
	for r := range count {
		rules = append(rules, r)
	}
	sort.Slice(rules, func(i, j int) bool {
		if count[rules[i]] != count[rules[j]] {
			return count[rules[i]] > count[rules[j]]
		}
		return rules[i] < rules[j]
	})
	rule := rules[0]
	bp := int32(-1)
	for _, b := range blocked {
		if b.rule == rule && (bp < 0 || m.need[b.p] > m.need[bp] || (m.need[b.p] == m.need[bp] && b.p < bp)) {
			bp = b.p
		}
	}
	em := &m.emp[e]
	p := &m.pos[bp]
	title, titleEn := rule, rule
	if r, ok := eligibility.RuleByID(rule); ok {
		title, titleEn = rule+" ("+r.Judul+")", rule+" ("+r.JudulEN+")"
	}
	n, k := strconv.Itoa(len(blocked)), strconv.Itoa(count[rule])
	x := Exclusion{EmployeeID: em.ID, NIP: em.NIP, Nama: em.Nama, RuleID: rule, PositionKey: p.Key}
	x.Explanation = who(em) + " berada di posisi yang kelebihan pegawai dan bisa mengisi kekurangan, tetapi aturan wajib menutup semua " + n +
		" posisi tujuan yang kekurangan; " + title + " menutup " + k + " di antaranya, termasuk " + posName(p) + "."
	x.ExplanationEn = who(em) + " holds a post with a surplus and could fill a deficit, but mandatory rules close all " + n +
		" short target positions; " + titleEn + " closes " + k + " of them, including " + posName(p) + "."
	return x
}

// pairReason explains why employee e may not move to position p.
func pairReason(m *model, code, rule string, e, p int) (string, string) {
	em, ps := &m.emp[e], &m.pos[p]
	w, pn := who(em), posName(ps)
	switch code {
	case "planner.pair.same":
		return w + " sudah berada di " + pn + ".", w + " already holds " + pn + "."
	case "planner.pair.employeeLocked":
		return w + " dikunci dalam skenario ini.", w + " is locked in this scenario."
	case "planner.pair.targetLocked":
		return pn + " dikunci dalam skenario ini.", pn + " is locked in this scenario."
	case "planner.pair.sourceLocked":
		return "Posisi asal " + w + " dikunci dalam skenario ini.", "The current position of " + w + " is locked in this scenario."
	case "planner.pair.forbidden":
		return w + " ke " + pn + " dilarang dalam skenario ini.", w + " to " + pn + " is forbidden in this scenario."
	}
	title, titleEn := rule, rule
	if r, ok := eligibility.RuleByID(rule); ok {
		title, titleEn = rule+" ("+r.Judul+")", rule+" ("+r.JudulEN+")"
	}
	return w + " tidak boleh pindah ke " + pn + ": aturan " + title + ".", w + " may not move to " + pn + ": rule " + titleEn + "."
}
