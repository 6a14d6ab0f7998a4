package planner

import (
	"context"
	"flag"
	"os"
	"regexp"
	"strconv"
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

// uuidRe finds a UUID (or the start of one, as a key shows it) in a text.
var uuidRe = regexp.MustCompile(`(?i)[0-9a-f]{8}-[0-9a-f]{4}-`)

// banned are words a BKPSDM officer cannot read or sign.
var banned = []string{"harga bayangan", "shadow price", "nilai objektif", "objective", "poin", "points", "/"}

func plainWords(t *testing.T, what, s string) {
	t.Helper()
	if uuidRe.MatchString(s) {
		t.Errorf("%s names a raw id: %s", what, s)
	}
	low := strings.ToLower(s)
	for _, b := range banned {
		if strings.Contains(low, b) {
			t.Errorf("%s says %q: %s", what, b, s)
		}
	}
}

// uuidExample is the example with ids and keys as the service makes them
// (UUIDs): no text may show them.
func uuidExample() Input {
	in := example()
	ids := map[string]string{"o-dik": "019b76da-a8ba-7000-8000-000000000001", "o-kes": "019b76da-a8ba-7000-8000-000000000002",
		"u-sd": "019b76da-a8ba-7000-8000-000000000003", "u-remu": "019b76da-a8ba-7000-8000-000000000004",
		"j-pu": "019b76da-a80f-7000-8000-000000000005"}
	key := func(k string) string {
		u, j, _ := strings.Cut(k, "/")
		return ids[u] + "/" + ids[j]
	}
	for i := range in.Positions {
		p := &in.Positions[i]
		p.Key, p.OPDID, p.UnitID, p.JabatanID = key(p.Key), ids[p.OPDID], ids[p.UnitID], ids[p.JabatanID]
	}
	for i := range in.Employees {
		e := &in.Employees[i]
		e.ID, e.From = "019b76da-b000-7000-8000-00000000000"+strconv.Itoa(i), key(e.From)
		for j := range e.Requests {
			e.Requests[j].OPDID = ids[e.Requests[j].OPDID]
		}
	}
	return in
}

func TestExplanationsInPlainWords(t *testing.T) {
	in := uuidExample()
	p, err := Solve(context.Background(), in, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Moves) != 2 {
		t.Fatalf("%d moves", len(p.Moves))
	}
	for _, mv := range p.Moves {
		plainWords(t, "explanation", mv.Explanation)
		plainWords(t, "explanation (en)", mv.ExplanationEn)
		for _, s := range []string{mv.Nama, "Puskesmas Remu", "Dinas Kesehatan", "Bidang SD", "Dinas Pendidikan", "Pengadministrasi Umum"} {
			if !strings.Contains(mv.Explanation, s) || !strings.Contains(mv.ExplanationEn, s) {
				t.Errorf("explanation lacks %q: %s", s, mv.Explanation)
			}
		}
		// the source has a surplus: it is called one, never a negative shortfall
		if !strings.Contains(mv.Explanation, "Posisi asal kelebihan 2 orang") || strings.Contains(mv.Explanation, "-") {
			t.Errorf("source surplus not in words: %s", mv.Explanation)
		}
		if mv.NextBest == nil || !strings.Contains(mv.Explanation, "Siti Aminah") {
			t.Errorf("next best not named: %s", mv.Explanation)
		}
	}
	for _, x := range p.Excluded {
		plainWords(t, "exclusion", x.Explanation)
	}
	// forcing Siti to the target: the people and posts that change are named
	w, err := WhyNot(context.Background(), in, p, Pair{in.Employees[1].ID, in.Positions[1].Key})
	if err != nil || !w.Feasible {
		t.Fatalf("why not: %+v, %v", w, err)
	}
	plainWords(t, "why not", w.Reason)
	plainWords(t, "why not (en)", w.ReasonEn)
	for _, s := range []string{"Jika Siti Aminah (NIP 199002022015022002) dipindahkan ke Pengadministrasi Umum, Puskesmas Remu (Dinas Kesehatan)",
		"keseimbangan wilayah", "Maria Wanma (NIP 199204042018012004) tidak jadi dipindahkan ke Pengadministrasi Umum, Puskesmas Remu"} {
		if !strings.Contains(w.Reason, s) {
			t.Errorf("why not lacks %q: %s", s, w.Reason)
		}
	}
	// a refused pair names the person and the post too
	w, err = WhyNot(context.Background(), in, p, Pair{in.Employees[2].ID, in.Positions[1].Key})
	if err != nil || w.Feasible || !strings.Contains(w.Reason, "Yohanes Kambu") {
		t.Fatalf("blocked why not: %+v, %v", w, err)
	}
	plainWords(t, "why not (blocked)", w.Reason)
}

// Many changed moves are named up to listedChanges, then counted.
func TestChangesListedThenCounted(t *testing.T) {
	m := &model{posIdx: map[string]int{"u/j": 0}, pos: []Position{{Key: "u/j", JabatanNama: "Analis", UnitNama: "Bagian Umum", OPDNama: "Setda"}}}
	var added []Move
	for i := range 8 {
		added = append(added, Move{EmployeeID: "e" + strconv.Itoa(i), Nama: "Pegawai " + strconv.Itoa(i), NIP: "1990" + strconv.Itoa(i), To: "u/j"})
	}
	removed := []Move{{EmployeeID: "e0", Nama: "Pegawai 0", NIP: "19900", To: "u/j"}, {EmployeeID: "x", Nama: "Lain", NIP: "1", To: "u/j"}, {EmployeeID: "f", Nama: "Paksa", To: "u/j"}}
	id, en := m.changesText("f", added, removed)
	if !strings.Contains(id, "(9 pegawai)") || !strings.HasSuffix(id, "; dan 4 lainnya.") || !strings.Contains(en, "; and 4 more.") ||
		!strings.Contains(id, "Pegawai 0 (NIP 19900) dipindahkan ke Analis, Bagian Umum (Setda), bukan ke Analis") ||
		strings.Contains(id, "Pegawai 5") || strings.Contains(id, "Paksa") {
		t.Fatalf("%s\n%s", id, en)
	}
	if id, _ := m.changesText("f", nil, removed[2:]); id != "Mutasi lain dalam rencana tidak berubah." {
		t.Fatal(id)
	}
}
