package plannersvc_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// An interest an employee recorded in the portal (a portal_minat row, as a
// pull brings it) reaches the planner: the move to the OPD they named
// carries the interest bonus and says so; an inactive one does not count.
func TestPlannerReadsPortalInterests(t *testing.T) {
	f := newFixture(t)
	first := f.run("tanpa minat")
	if len(first.Lines) == 0 {
		t.Fatal("no moves")
	}
	mv := first.Lines[0]
	if mv.Cost.InterestBonus != 0 {
		t.Fatalf("interest bonus without an interest: %+v", mv.Cost)
	}
	write := func(id string, aktif bool, opd string) {
		t.Helper()
		err := f.st.Write(ctx, "", func(tx *store.Tx) error {
			return tx.Insert(store.TableMinat, id, mv.EmployeeID, opd, "", "", "dekat keluarga", aktif,
				time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC).Format(time.RFC3339Nano))
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	write(store.NewID(), false, mv.ToLabel.OPDID)
	if v := f.run("minat tidak aktif"); v.Lines[0].EmployeeID == mv.EmployeeID && v.Lines[0].Cost.InterestBonus != 0 {
		t.Fatal("an inactive interest counted")
	}
	write(store.NewID(), true, mv.ToLabel.OPDID)
	v := f.run("dengan minat")
	for _, l := range v.Lines {
		if l.EmployeeID != mv.EmployeeID {
			continue
		}
		if l.ToLabel.OPDID != mv.ToLabel.OPDID || l.Cost.InterestBonus >= 0 ||
			!strings.Contains(l.Explanation, "sesuai minat yang dicatat pegawai di portal") || !strings.Contains(l.Explanation, "dekat keluarga") {
			t.Fatalf("move %+v\n%s", l.Cost, l.Explanation)
		}
		if v.Run.InputHash == first.Run.InputHash {
			t.Fatal("the interest did not change the input hash")
		}
		return
	}
	t.Fatal("the employee no longer moves")
}
