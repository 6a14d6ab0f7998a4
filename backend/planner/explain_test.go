package planner

import (
	"context"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// example is a small hand-made region: the Bidang SD of Dinas Pendidikan
// has four Pengadministrasi Umum for a kebutuhan of two, Puskesmas Remu has
// one for three. Yohanes has under two years in post (MUT-03 blocks him).
func example() Input {
	pa := Position{Key: "u-sd/j-pu", OPDID: "o-dik", UnitID: "u-sd", JabatanID: "j-pu", OPDNama: "Dinas Pendidikan",
		UnitNama: "Bidang SD", JabatanNama: "Pengadministrasi Umum", Lokasi: "Sorong Barat", Kebutuhan: 2, Bezetting: 4, MinPendidikan: 15}
	pb := Position{Key: "u-remu/j-pu", OPDID: "o-kes", UnitID: "u-remu", JabatanID: "j-pu", OPDNama: "Dinas Kesehatan",
		UnitNama: "Puskesmas Remu", JabatanNama: "Pengadministrasi Umum", Lokasi: "Sorong Timur", Kebutuhan: 3, Bezetting: 1,
		MinPendidikan: 15, Jurusan: []string{"Administrasi Negara"}}
	in := Input{Positions: []Position{pa, pb}, Weights: DefaultWeights()}
	in.Employees = []Employee{
		{ID: "e1", NIP: "198501012010011001", Nama: "Budi Santoso", From: pa.Key, Pendidikan: 40, Jurusan: "Administrasi Negara",
			MonthsInPost: 80, Requests: []Request{{OPDID: "o-kes", Rank: 1}}},
		{ID: "e2", NIP: "199002022015022002", Nama: "Siti Aminah", From: pa.Key, Pendidikan: 40, Jurusan: "Hukum", MonthsInPost: 30},
		{ID: "e3", NIP: "198803032012031003", Nama: "Yohanes Kambu", From: pa.Key, Pendidikan: 40, Jurusan: "Administrasi Negara", MonthsInPost: 20},
		{ID: "e4", NIP: "199204042018012004", Nama: "Maria Wanma", From: pa.Key, Pendidikan: 30, Jurusan: "Ekonomi", MonthsInPost: 70},
		{ID: "e5", NIP: "198705052011011005", Nama: "Agus Rumbiak", From: pb.Key, Pendidikan: 40, Jurusan: "Administrasi Negara", MonthsInPost: 50},
	}
	in.Screen = func(e *Employee, p *Position) (string, bool) {
		if e.MonthsInPost < 24 {
			return "MUT-03", false
		}
		return "", true
	}
	return in
}

func TestGoldenExplanation(t *testing.T) {
	p, err := Solve(context.Background(), example(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, mv := range p.Moves {
		b.WriteString(mv.Explanation + "\n" + mv.ExplanationEn + "\n\n")
	}
	for _, x := range p.Excluded {
		b.WriteString(x.Explanation + "\n" + x.ExplanationEn + "\n\n")
	}
	got := b.String()
	const path = "testdata/explanations.golden"
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Fatalf("explanations changed (go test -run Golden -update to accept):\n%s", got)
	}
	if len(p.Moves) != 2 || len(p.Excluded) != 1 || p.Excluded[0].RuleID != "MUT-03" || !strings.Contains(p.Excluded[0].Explanation, "MUT-03 (") {
		t.Fatalf("plan: %d moves, exclusions %+v", len(p.Moves), p.Excluded)
	}
	if p.BalanceBefore <= p.BalanceAfter {
		t.Fatalf("balance %v → %v", p.BalanceBefore, p.BalanceAfter)
	}
}

func TestEmptyAndUnscreenedInputs(t *testing.T) {
	p, err := Solve(context.Background(), Input{Weights: DefaultWeights()}, nil)
	if err != nil || len(p.Moves) != 0 || p.Moves == nil || p.Excluded == nil || p.InputHash == "" {
		t.Fatalf("empty input: %+v, %v", p, err)
	}
	in := example()
	in.Screen = nil // every pair allowed: Yohanes may move too
	p, err = Solve(context.Background(), in, nil)
	if err != nil || len(p.Moves) != 2 || len(p.Excluded) != 0 {
		t.Fatalf("no screen: %+v, %v", p, err)
	}
	w, err := WhyNot(context.Background(), in, nil, Pair{"e3", "u-remu/j-pu"})
	if err != nil || !w.Feasible || w.ObjectiveDelta < 0 {
		t.Fatalf("why not without a base: %+v, %v", w, err)
	}
}
