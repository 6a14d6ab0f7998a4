package planner

import (
	"context"
	"testing"
)

func TestSmoke(t *testing.T) {
	in := generate(realistic(1000), 1)
	p, err := Solve(context.Background(), in, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("moves %d objective %d balance %.3f → %.3f excluded %d stats %+v", len(p.Moves), p.Objective, p.BalanceBefore, p.BalanceAfter, len(p.Excluded), p.Stats)
	if len(p.Moves) > 0 {
		t.Log(p.Moves[0].Explanation)
		t.Log(p.Moves[0].ExplanationEn)
	}
	if len(p.Excluded) > 0 {
		t.Log(p.Excluded[0].Explanation)
	}
}
