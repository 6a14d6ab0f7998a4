package plannersvc

import (
	"context"

	"github.com/bkpsdm-sorong/imbang/backend/planner"
)

// ScreenPairs runs the planner's screen over pairs in the given order (the
// planner's order is employee by employee) and returns the blocking rule of
// each ("" = allowed).
func (s *Service) ScreenPairs(ctx context.Context, pairs []planner.Pair) ([]string, error) {
	st := DefaultSettings()
	b, err := s.build(ctx, st.Weights, st.Options)
	if err != nil {
		return nil, err
	}
	emp := map[string]*planner.Employee{}
	for i := range b.in.Employees {
		emp[b.in.Employees[i].ID] = &b.in.Employees[i]
	}
	out := make([]string, len(pairs))
	for i, p := range pairs {
		if rule, ok := b.screen(emp[p.EmployeeID], b.posByKey[p.PositionKey]); !ok {
			out[i] = rule
		}
	}
	return out, nil
}
