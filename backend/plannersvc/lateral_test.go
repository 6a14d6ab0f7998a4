package plannersvc_test

import (
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// On the demo region no planned move changes the position group (structural
// vs pelaksana/fungsional) or the kelas jabatan beyond the MUT-21 delta (0 by
// default), and the balance index still improves. Widening MUT-21 in the
// settings lets the planner propose such moves again.
func TestPlanKeepsMovesLateral(t *testing.T) {
	f := newFixture(t)
	jab := map[string]domain.Jabatan{}
	get := func(id string) domain.Jabatan {
		if j, ok := jab[id]; ok {
			return j
		}
		j, err := f.st.Jabatan(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		jab[id] = j
		return j
	}
	crossings := func(name string) (kind, kelas, moves int, before, after float64) {
		v := f.run(name)
		for _, l := range v.Lines {
			a, b := get(l.FromLabel.JabatanID), get(l.ToLabel.JabatanID)
			if a.Jenis.Manajerial() != b.Jenis.Manajerial() {
				kind++
			}
			if a.Kelas > 0 && b.Kelas > 0 && a.Kelas != b.Kelas {
				kelas++
			}
		}
		return kind, kelas, len(v.Lines), v.Plan.BalanceBefore, v.Plan.BalanceAfter
	}
	kind, kelas, n, before, after := crossings("setara")
	t.Logf("lateral: %d moves, %d kind changes, %d kelas changes, balance %.4f → %.4f", n, kind, kelas, before, after)
	if n == 0 || kind != 0 || kelas != 0 || !(after < before) {
		t.Fatalf("lateral plan: %d moves, %d kind and %d kelas changes, balance %.4f → %.4f", n, kind, kelas, before, after)
	}

	if _, err := f.abk.MergeEligibilityParams(ctx, []byte(`{"mut21LintasJenis":true,"mut12KelasDelta":16}`)); err != nil {
		t.Fatal(err)
	}
	kind, kelas, n, before, after = crossings("lebar")
	t.Logf("widened: %d moves, %d kind changes, %d kelas changes, balance %.4f → %.4f", n, kind, kelas, before, after)
	if kind+kelas == 0 {
		t.Fatal("with MUT-21 widened no move changes group or kelas: the test data cannot tell the rule works")
	}
}
