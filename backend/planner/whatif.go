package planner

import (
	"context"
	"errors"
	"strconv"

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
	d := w.ObjectiveDelta
	a, r := strconv.Itoa(len(w.Added)), strconv.Itoa(len(w.Removed))
	w.Reason = "Jika " + who(&m.emp[e]) + " dipaksa ke " + posName(&m.pos[p]) + ", total rencana berubah " + signed(d, id) +
		" poin (positif = lebih buruk): " + a + " mutasi masuk, " + r + " mutasi keluar dari rencana."
	w.ReasonEn = "If " + who(&m.emp[e]) + " is forced to " + posName(&m.pos[p]) + ", the plan total changes by " + signed(d, en) +
		" points (positive = worse): " + a + " moves added, " + r + " removed."
	return w, nil
}
