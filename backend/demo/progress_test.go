package demo

import (
	"reflect"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
)

func TestBundleProgressReportsStagesInOrderWithoutChangingTheData(t *testing.T) {
	type rep struct {
		stage       kepegawaian.DemoStage
		done, total int
	}
	var got []rep
	b, err := BundleProgress(200, 3, func(s kepegawaian.DemoStage, done, total int) { got = append(got, rep{s, done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 4 {
		t.Fatalf("reports %v", got)
	}
	if got[0] != (rep{kepegawaian.DemoStageStruktur, 1, 1}) {
		t.Fatalf("first report %v", got[0])
	}
	if last := got[len(got)-1]; last != (rep{kepegawaian.DemoStageABK, 1, 1}) {
		t.Fatalf("last report %v", last)
	}
	peg := got[1 : len(got)-1]
	for i, r := range peg {
		if r.stage != kepegawaian.DemoStagePegawai || r.total != len(b.Pegawai) || r.done < 1 || r.done > r.total {
			t.Fatalf("employee report %d: %v (of %d employees)", i, r, len(b.Pegawai))
		}
		if i > 0 && r.done < peg[i-1].done {
			t.Fatalf("employee reports went back: %v", peg)
		}
	}
	if peg[len(peg)-1].done != len(b.Pegawai) {
		t.Fatalf("employee stage ended at %v of %d", peg[len(peg)-1], len(b.Pegawai))
	}
	plain, err := Bundle(200, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(plain, b) {
		t.Fatal("reporting progress changed the generated region")
	}
}

func TestBundleProgressBadSizeReportsNothing(t *testing.T) {
	calls := 0
	if _, err := BundleProgress(10, 1, func(kepegawaian.DemoStage, int, int) { calls++ }); err == nil || calls != 0 {
		t.Fatalf("size 10: %v after %d reports", err, calls)
	}
}
