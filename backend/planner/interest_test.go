package planner

import (
	"context"
	"strings"
	"testing"
)

// twoEqualTargets: one employee in a surplus post, two deficit posts that
// are equal in every cost term (same need, staffing, location, no
// competence mismatch); only the tie-break tells them apart.
func twoEqualTargets() Input {
	src := Position{Key: "u-a/j-1", OPDID: "o-a", UnitID: "u-a", JabatanID: "j-1", OPDNama: "Dinas A", UnitNama: "Bidang A",
		JabatanNama: "Analis", Kebutuhan: 1, Bezetting: 3, JenisJabatan: "PELAKSANA"}
	t1 := Position{Key: "u-b/j-1", OPDID: "o-b", UnitID: "u-b", JabatanID: "j-1", OPDNama: "Dinas B", UnitNama: "Bidang B",
		JabatanNama: "Analis", Kebutuhan: 2, Bezetting: 1, JenisJabatan: "PELAKSANA"}
	t2 := Position{Key: "u-c/j-1", OPDID: "o-c", UnitID: "u-c", JabatanID: "j-1", OPDNama: "Dinas C", UnitNama: "Bidang C",
		JabatanNama: "Analis", Kebutuhan: 2, Bezetting: 1, JenisJabatan: "PELAKSANA"}
	return Input{Positions: []Position{src, t1, t2}, Weights: DefaultWeights(), Options: Options{MaxMoves: 1},
		Employees: []Employee{{ID: "e1", NIP: "198501012010011001", Nama: "Budi Santoso", From: src.Key, Pendidikan: 40, MonthsInPost: 30}}}
}

func onlyMove(t *testing.T, in Input) Move {
	t.Helper()
	p, err := Solve(context.Background(), in, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Moves) != 1 {
		t.Fatalf("%d moves", len(p.Moves))
	}
	return p.Moves[0]
}

// An interest recorded in the portal decides between two otherwise equal
// targets, and the explanation says so in both languages.
func TestInterestChoosesBetweenEqualTargets(t *testing.T) {
	base := onlyMove(t, twoEqualTargets())
	if base.Cost.InterestBonus != 0 || strings.Contains(base.Explanation, "minat") {
		t.Fatalf("no interest, yet: %+v", base)
	}
	other := "u-b/j-1"
	otherOPD := "o-b"
	if base.To == other {
		other, otherOPD = "u-c/j-1", "o-c"
	}
	for _, in := range []Interest{{OPDID: otherOPD, Catatan: "dekat rumah"}, {OPDID: otherOPD, JabatanID: "j-1"}} {
		x := twoEqualTargets()
		x.Employees[0].Interests = []Interest{in}
		mv := onlyMove(t, x)
		if mv.To != other || mv.Cost.InterestBonus != -x.Weights.InterestBonus {
			t.Fatalf("interest %+v: moved to %s (cost %+v), want %s", in, mv.To, mv.Cost, other)
		}
		if !strings.Contains(mv.Explanation, "sesuai minat yang dicatat pegawai di portal: OPD Dinas") ||
			!strings.Contains(mv.ExplanationEn, "matches an interest the employee recorded in the portal: OPD Dinas") ||
			strings.Contains(mv.Explanation, "bonus minat") {
			t.Fatalf("explanation: %s\n%s", mv.Explanation, mv.ExplanationEn)
		}
		if in.Catatan != "" && !strings.Contains(mv.Explanation, `"dekat rumah"`) {
			t.Fatalf("note not quoted: %s", mv.Explanation)
		}
	}
	// A kind of jabatan both targets have does not choose between them; an
	// interest naming nothing matches nothing.
	for _, in := range []Interest{{JenisJabatan: "PELAKSANA"}, {}} {
		x := twoEqualTargets()
		x.Employees[0].Interests = []Interest{in}
		if mv := onlyMove(t, x); mv.To != base.To {
			t.Fatalf("interest %+v moved the choice to %s", in, mv.To)
		}
	}
	// The inputs differ: a plan made without the interest is not reused.
	x := twoEqualTargets()
	x.Employees[0].Interests = []Interest{{OPDID: otherOPD}}
	if InputHash(x) == InputHash(twoEqualTargets()) {
		t.Fatal("the interest is not part of the input hash")
	}
}

// A formal APS request outweighs an interest: the requested target wins.
func TestRequestOutweighsInterest(t *testing.T) {
	x := twoEqualTargets()
	x.Employees[0].Requests = []Request{{OPDID: "o-b", Rank: 1}}
	x.Employees[0].Interests = []Interest{{OPDID: "o-c"}}
	if mv := onlyMove(t, x); mv.To != "u-b/j-1" {
		t.Fatalf("moved to %s, want the requested target", mv.To)
	}
	if w := DefaultWeights(); w.InterestBonus <= 0 || w.InterestBonus >= w.RequestBonus {
		t.Fatalf("default interest bonus %d must be positive and below the request bonus %d", w.InterestBonus, w.RequestBonus)
	}
}
