package planner

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// whyNot re-solves with pair forced (replacing any forced pair of the same
// employee) and reports the difference to base; base nil is solved first.
func whyNot(ctx context.Context, in Input, base *Plan, pair Pair) (*WhatIf, error) {
	if base == nil {
		b, err := solve(ctx, in, nil)
		if err != nil {
			return nil, err
		}
		base = b
	}
	w := &WhatIf{Forced: pair}
	m, err := newModel(in)
	if err != nil {
		return nil, err
	}
	e, okE := m.empIdx[pair.EmployeeID]
	p, okP := m.posIdx[pair.PositionKey]
	if !okE || !okP {
		w.Reason = "Pegawai atau posisi tidak dikenal."
		w.ReasonEn = "Unknown employee or position."
		return w, nil
	}
	for _, mv := range base.Moves {
		if mv.EmployeeID == pair.EmployeeID && mv.To == pair.PositionKey {
			w.Feasible, w.Plan = true, base
			w.Reason = who(&m.emp[e]) + " ke " + posName(&m.pos[p]) + " sudah ada dalam rencana."
			w.ReasonEn = who(&m.emp[e]) + " to " + posName(&m.pos[p]) + " is already in the plan."
			return w, nil
		}
	}
	if code, rule := m.checkPair(in.Screen, m.forbiddenSet(), e, p); code != "" {
		w.Reason, w.ReasonEn = pairReason(m, code, rule, e, p)
		return w, nil
	}
	in2 := in
	in2.Options.Forced = []Pair{pair}
	for _, f := range in.Options.Forced {
		if f.EmployeeID != pair.EmployeeID {
			in2.Options.Forced = append(in2.Options.Forced, f)
		}
	}
	plan, err := solve(ctx, in2, nil)
	if err != nil {
		var de *domain.Error
		if errors.As(err, &de) && de.Kind == domain.KindInvalid {
			w.Reason, w.ReasonEn = de.Message, de.MessageEN
			return w, nil
		}
		return nil, err
	}
	w.Feasible, w.Plan = true, plan
	w.ObjectiveDelta = plan.Objective - base.Objective
	type key struct{ e, to string }
	inBase := map[key]bool{}
	for _, mv := range base.Moves {
		inBase[key{mv.EmployeeID, mv.To}] = true
	}
	inNew := map[key]bool{}
	for _, mv := range plan.Moves {
		inNew[key{mv.EmployeeID, mv.To}] = true
		if !inBase[key{mv.EmployeeID, mv.To}] {
			w.Added = append(w.Added, mv)
		}
	}
	for _, mv := range base.Moves {
		if !inNew[key{mv.EmployeeID, mv.To}] {
			w.Removed = append(w.Removed, mv)
		}
	}
	w.Reason, w.ReasonEn = m.whatIfText(e, p, base, plan, w.Added, w.Removed, w.ObjectiveDelta)
	return w, nil
}

// listedChanges is how many other changed moves a what-if names; the rest
// are counted ("dan 67 lainnya").
const listedChanges = 5

// gapAt is position p's gap (kebutuhan − bezetting) after the moves of plan.
func (m *model) gapAt(plan *Plan, p int) int {
	k := m.pos[p].Key
	g := m.pos[p].Kebutuhan - m.n0[p]
	for _, mv := range plan.Moves {
		if mv.To == k {
			g--
		}
		if mv.From == k {
			g++
		}
	}
	return g
}

// whatIfText says in words what forcing employee e to position p does: the
// target's gap, the region's balance, and the other moves that change, by
// name (the first listedChanges, then a count).
func (m *model) whatIfText(e, p int, base, plan *Plan, added, removed []Move, delta int64) (string, string) {
	w, pn := who(&m.emp[e]), posName(&m.pos[p])
	gb, gn := m.gapAt(base, p), m.gapAt(plan, p)
	nb, nbe := gapText(gb)
	nn, nne := gapText(gn)
	var target, targetEn string
	if gb == gn {
		target, targetEn = "posisi tujuan tetap "+nn, "the target stays "+nne
	} else {
		target, targetEn = "posisi tujuan menjadi "+nn+" (dalam rencana: "+nb+")", "the target becomes "+nne+" (in the plan: "+nbe+")"
	}
	// the balance index is Σ|selisih| / Σ kebutuhan: lower is better
	pts := (plan.BalanceAfter - base.BalanceAfter) * 100
	var bal, balEn string
	switch {
	case pts >= 0.05:
		bal, balEn = "keseimbangan wilayah "+pct(pts, ',')+" lebih buruk", "the region's balance "+pct(pts, '.')+" worse"
	case pts <= -0.05:
		bal, balEn = "keseimbangan wilayah "+pct(-pts, ',')+" lebih baik", "the region's balance "+pct(-pts, '.')+" better"
	case delta > 0:
		bal, balEn = "keseimbangan wilayah hampir sama, tetapi kesesuaian pegawai, masa jabatan, lokasi atau permohonan lebih buruk",
			"the region's balance about the same, but the fit, time in post, location or requests are worse"
	default:
		bal, balEn = "keseimbangan wilayah hampir sama", "the region's balance about the same"
	}
	id := "Jika " + w + " dipindahkan ke " + pn + ", " + target + " dan " + bal + "."
	en := "If " + w + " is moved to " + pn + ", " + targetEn + " and " + balEn + "."
	ci, ce := m.changesText(m.emp[e].ID, added, removed)
	return id + " " + ci, en + " " + ce
}

// pct writes a percentage with one decimal: "0,3 %" or "0.3%".
func pct(v float64, dec byte) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	if dec == ',' {
		return strings.Replace(s, ".", ",", 1) + " %"
	}
	return s + "%"
}

// changesText names the other people whose moves change when one move is
// forced: a changed target, a move dropped, a move added.
func (m *model) changesText(forced string, added, removed []Move) (string, string) {
	type change struct{ id, en string }
	was := map[string]*Move{}
	for i := range removed {
		if removed[i].EmployeeID != forced {
			was[removed[i].EmployeeID] = &removed[i]
		}
	}
	pos := func(key string) string {
		if i, ok := m.posIdx[key]; ok {
			return posName(&m.pos[i])
		}
		return "posisi tanpa nama"
	}
	var out []change
	seen := map[string]bool{}
	for i := range added {
		mv := &added[i]
		if mv.EmployeeID == forced {
			continue
		}
		seen[mv.EmployeeID] = true
		w := who(&Employee{Nama: mv.Nama, NIP: mv.NIP})
		if old, ok := was[mv.EmployeeID]; ok {
			out = append(out, change{w + " dipindahkan ke " + pos(mv.To) + ", bukan ke " + pos(old.To), w + " moves to " + pos(mv.To) + " instead of " + pos(old.To)})
		} else {
			out = append(out, change{w + " ikut dipindahkan ke " + pos(mv.To), w + " is also moved to " + pos(mv.To)})
		}
	}
	for i := range removed {
		mv := &removed[i]
		if mv.EmployeeID == forced || seen[mv.EmployeeID] {
			continue
		}
		w := who(&Employee{Nama: mv.Nama, NIP: mv.NIP})
		out = append(out, change{w + " tidak jadi dipindahkan ke " + pos(mv.To), w + " is no longer moved to " + pos(mv.To)})
	}
	if len(out) == 0 {
		return "Mutasi lain dalam rencana tidak berubah.", "No other move of the plan changes."
	}
	var ids, ens []string
	for i := 0; i < len(out) && i < listedChanges; i++ {
		ids, ens = append(ids, out[i].id), append(ens, out[i].en)
	}
	n := strconv.Itoa(len(out))
	id := "Mutasi lain yang berubah (" + n + " pegawai): " + strings.Join(ids, "; ")
	emp := " employees"
	if len(out) == 1 {
		emp = " employee"
	}
	en := "Other moves that change (" + n + emp + "): " + strings.Join(ens, "; ")
	if rest := len(out) - listedChanges; rest > 0 {
		id += "; dan " + strconv.Itoa(rest) + " lainnya"
		en += "; and " + strconv.Itoa(rest) + " more"
	}
	return id + ".", en + "."
}
