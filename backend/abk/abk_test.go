package abk

import (
	"math"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
)

var def = DefaultSettings()

// docs/domain.md §2 worked example, Pengadministrasi Perkantoran.
func domainExample() []Tugas {
	return []Tugas{
		{Uraian: "Mengagendakan surat", Volume: 6000, Periode: PeriodeTahun, NormaMenit: 5},
		{Uraian: "Mengarsipkan dokumen", Volume: 400, Periode: PeriodeBulan, NormaMenit: 6},
		{Uraian: "Menyusun laporan bulanan", Volume: 1, Periode: PeriodeBulan, NormaMenit: 480},
		{Uraian: "Melayani tamu", Volume: 150, Periode: PeriodeMinggu, NormaMenit: 3},
	}
}

func TestDomainWorkedExample(t *testing.T) {
	r := def.Analyse(Position{Tugas: domainExample(), Bezetting: 3})
	if r.Beban != 87060 {
		t.Fatalf("beban = %v, want 87,060", r.Beban)
	}
	if math.Abs(r.Kebutuhan-1.1608) > 1e-9 || r.KebutuhanBulat != 1 || r.Selisih != 2 || r.Grade != GradeE {
		t.Fatalf("got %+v", r)
	}
	if math.Round(r.EJ*100)/100 != 0.39 {
		t.Fatalf("EJ = %v, want 0.39", r.EJ)
	}
	other := def.Analyse(Position{Tugas: []Tugas{{Volume: 171000, Periode: PeriodeTahun, NormaMenit: 1}}, Bezetting: 1})
	if other.Beban != 171000 || other.KebutuhanBulat != 2 || other.Selisih != -1 || other.Grade != GradeA || math.Abs(other.EJ-2.28) > 1e-9 {
		t.Fatalf("second unit: %+v", other)
	}
}

// The second hand-computed case, written up in docs/workload.md.
func analisKebijakan() []Tugas {
	return []Tugas{
		{Uraian: "Menyusun kajian kebijakan", Volume: 12, Periode: PeriodeTahun, NormaMenit: 2400}, // 28,800
		{Uraian: "Mengolah data statistik", Volume: 20, Periode: PeriodeBulan, NormaMenit: 90},     // 21,600
		{Uraian: "Mengikuti rapat koordinasi", Volume: 4, Periode: PeriodeMinggu, NormaMenit: 60},  // 12,000
		{Uraian: "Memeriksa disposisi", Volume: 15, Periode: PeriodeHari, NormaMenit: 4},           // 15,000
		{Uraian: "Menyusun laporan triwulan", Volume: 4, Periode: PeriodeTahun, NormaMenit: 1200},  //  4,800
	}
}

func TestSecondHandComputedCase(t *testing.T) {
	one := def.Analyse(Position{Tugas: analisKebijakan(), Bezetting: 1})
	if one.Beban != 82200 || one.KebutuhanBulat != 1 || one.Selisih != 0 || one.Grade != GradeA || math.Abs(one.EJ-1.096) > 1e-9 {
		t.Fatalf("bezetting 1: %+v", one)
	}
	two := def.Analyse(Position{Tugas: analisKebijakan(), Bezetting: 2})
	if two.Selisih != 1 || two.Grade != GradeD || math.Abs(two.EJ-0.548) > 1e-9 {
		t.Fatalf("bezetting 2: %+v", two)
	}
	vacant := def.Analyse(Position{Tugas: analisKebijakan()})
	if !vacant.Kosong || vacant.Grade != GradeKosong || vacant.Selisih != -1 {
		t.Fatalf("vacant: %+v", vacant)
	}
}

func TestBoundaries(t *testing.T) {
	cases := []struct {
		beban     float64
		bezetting int
		bulat     int
		grade     Grade
	}{
		{112500, 1, 2, GradeA}, // 1.50 rounds half up
		{112499, 1, 1, GradeA}, // 1.49998 rounds down
		{75000, 1, 1, GradeB},  // EJ exactly 1.00 is B, not A
		{75001, 1, 1, GradeA},  // just above 1.00 is A
		{135000, 2, 2, GradeB}, // EJ exactly 0.90 is B
		{134999, 2, 2, GradeC}, // just below 0.90 is C
		{105000, 2, 1, GradeC}, // EJ 0.70
		{75000, 2, 1, GradeD},  // EJ 0.50
		{74999, 2, 1, GradeE},  // just below 0.50
		{0, 1, 0, GradeE},      // people without ABK
	}
	for _, c := range cases {
		r := def.Analyse(Position{Tugas: []Tugas{{Volume: c.beban, Periode: PeriodeTahun, NormaMenit: 1}}, Bezetting: c.bezetting})
		if r.KebutuhanBulat != c.bulat || r.Grade != c.grade {
			t.Errorf("beban %v bezetting %d: bulat %d grade %s, want %d %s", c.beban, c.bezetting, r.KebutuhanBulat, r.Grade, c.bulat, c.grade)
		}
	}
	if r := def.Analyse(Position{Bezetting: 2}); !r.TanpaABK || r.Selisih != 2 {
		t.Fatalf("no ABK: %+v", r)
	}
}

func TestSettingsChangeResults(t *testing.T) {
	s := DefaultSettings()
	s.WKEMenit = 60000 // a region that counts fewer effective hours
	r := s.Analyse(Position{Tugas: domainExample(), Bezetting: 3})
	if r.KebutuhanBulat != 1 || math.Abs(r.Kebutuhan-1.451) > 1e-9 {
		t.Fatalf("WKE 60,000: %+v", r)
	}
	s.Rounding = RoundUp
	if r := s.Analyse(Position{Tugas: domainExample(), Bezetting: 3}); r.KebutuhanBulat != 2 {
		t.Fatalf("rounding up: %+v", r)
	}
	s = DefaultSettings()
	s.Bands = Bands{A: 1.2, B: 1.0, C: 0.3, D: 0.2}
	if r := s.Analyse(Position{Tugas: domainExample(), Bezetting: 3}); r.Grade != GradeC {
		t.Fatalf("bands: %+v", r)
	}
	s.Faktor[PeriodeMinggu] = 48
	if got := s.Beban(Tugas{Volume: 150, Periode: PeriodeMinggu, NormaMenit: 3}); got != 21600 {
		t.Fatalf("48 weeks: %v", got)
	}
	bad := DefaultSettings()
	bad.Bands.B = 1.5
	bad.WKEMenit = 0
	bad.Faktor = map[Periode]float64{PeriodeTahun: 1, PeriodeBulan: 12, PeriodeMinggu: 50}
	got := map[string]bool{}
	for _, p := range bad.Validate() {
		got[p.Field] = true
	}
	if len(got) != 3 || !got["bands"] || !got["wkeMenit"] || !got["faktor.HARI"] {
		t.Fatalf("problems: %v", bad.Validate())
	}
	if ps := DefaultSettings().Validate(); len(ps) != 0 {
		t.Fatalf("defaults invalid: %v", ps)
	}
}

func TestNoNettingAcrossUnits(t *testing.T) {
	res := def.Compute([]Position{
		{OPDID: "o", UnitID: "u1", JabatanID: "j", Tugas: domainExample(), Bezetting: 3},                                                 // +2
		{OPDID: "o", UnitID: "u2", JabatanID: "j", Tugas: []Tugas{{Volume: 171000, Periode: PeriodeTahun, NormaMenit: 1}}, Bezetting: 1}, // −1
	})
	o := res.OPDs["o"]
	if o.Kelebihan != 2 || o.Kekurangan != 1 || o.Selisih != 1 || o.KebutuhanBulat != 3 || o.Bezetting != 4 {
		t.Fatalf("OPD: %+v", o)
	}
	if res.Balance.MisplacedSum != 3 || math.Abs(res.Balance.Index-1.0) > 1e-12 {
		t.Fatalf("balance: %+v", res.Balance)
	}
	if eu := (87060.0 + 171000) / (4 * 75000); math.Abs(o.EU-eu) > 1e-12 || o.Grade != GradeC {
		t.Fatalf("EU %v grade %s", o.EU, o.Grade)
	}
}

// Property: at every level, kelebihan − kekurangan = bezetting − kebutuhan,
// the sums equal the sums of the positions, and the output order does not
// depend on the input order.
func TestAggregatesProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for iter := 0; iter < 200; iter++ {
		var ps []Position
		seen := map[string]bool{}
		for i := 0; i < 1+rng.IntN(60); i++ {
			p := Position{OPDID: string(rune('A' + rng.IntN(4))), UnitID: string(rune('a' + rng.IntN(12))), JabatanID: string(rune('0' + rng.IntN(8))), Bezetting: rng.IntN(5)}
			p.UnitID = p.OPDID + p.UnitID
			if seen[p.UnitID+p.JabatanID] { // positions are unique per (unit × jabatan)
				continue
			}
			seen[p.UnitID+p.JabatanID] = true
			for k := 0; k < rng.IntN(6); k++ {
				p.Tugas = append(p.Tugas, Tugas{Volume: float64(1 + rng.IntN(500)), Periode: Periodes[rng.IntN(4)], NormaMenit: float64(1 + rng.IntN(120))})
			}
			ps = append(ps, p)
		}
		res := def.Compute(ps)
		check := func(a *Aggregate) {
			if a.Kelebihan-a.Kekurangan != a.Bezetting-a.KebutuhanBulat || a.Selisih != a.Bezetting-a.KebutuhanBulat {
				t.Fatalf("identity broken: %+v", a)
			}
		}
		check(&res.Region)
		sumPos, sumKeb := 0, 0
		for _, a := range res.OPDs {
			check(a)
			sumPos += a.Positions
			sumKeb += a.KebutuhanBulat
		}
		if sumPos != len(ps) || sumKeb != res.Region.KebutuhanBulat {
			t.Fatalf("OPD sums %d/%d vs %d/%d", sumPos, sumKeb, len(ps), res.Region.KebutuhanBulat)
		}
		misplaced := 0
		for _, r := range res.Positions {
			misplaced += int(math.Abs(float64(r.Selisih)))
		}
		if misplaced != res.Balance.MisplacedSum {
			t.Fatalf("misplaced %d vs %d", misplaced, res.Balance.MisplacedSum)
		}
		rng.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		again := def.Compute(ps)
		for i := range res.Positions {
			if res.Positions[i] != again.Positions[i] {
				t.Fatal("order depends on input order")
			}
		}
	}
}

func BenchmarkComputeRegion(b *testing.B) {
	// 2,000 (unit × jabatan) positions with 10 tasks each, 20,000 people.
	rng := rand.New(rand.NewPCG(3, 4))
	ps := make([]Position, 2000)
	for i := range ps {
		ps[i] = Position{OPDID: string(rune('A' + i%41)), UnitID: string(rune(i / 2)), JabatanID: string(rune(i)), Bezetting: 10}
		for k := 0; k < 10; k++ {
			ps[i].Tugas = append(ps[i].Tugas, Tugas{Volume: float64(1 + rng.IntN(300)), Periode: Periodes[k%4], NormaMenit: float64(1 + rng.IntN(60))})
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		def.Compute(ps)
	}
}

func TestBandsDigits(t *testing.T) {
	b := DefaultSettings().Bands
	for _, c := range []struct {
		x    float64
		want int
	}{{1.0012, 3}, {1.0, 2}, {0.9532, 2}, {0.8996, 4}, {1.00004, 5}, {1 + 1e-7, 6}, {0.5, 2}, {0.4999, 4}} {
		if got := b.Digits(c.x); got != c.want {
			t.Errorf("Digits(%v) = %d, want %d", c.x, got, c.want)
		}
	}
}

// computeByMaps is Compute as first written (a map per aggregate, grades
// counted in maps, positions sorted with sort.Slice): the oracle the
// optimised Compute must equal exactly.
func computeByMaps(s Settings, positions []Position) Result {
	res := Result{Positions: make([]PositionResult, 0, len(positions)), Units: map[string]*Aggregate{}, OPDs: map[string]*Aggregate{}}
	for _, p := range positions {
		res.Positions = append(res.Positions, s.Analyse(p))
	}
	sort.Slice(res.Positions, func(i, j int) bool {
		a, b := res.Positions[i], res.Positions[j]
		if a.OPDID != b.OPDID {
			return a.OPDID < b.OPDID
		}
		if a.UnitID != b.UnitID {
			return a.UnitID < b.UnitID
		}
		return a.JabatanID < b.JabatanID
	})
	add := func(a *Aggregate, r PositionResult) {
		a.Positions++
		a.Beban += r.Beban
		a.KebutuhanBulat += r.KebutuhanBulat
		a.Bezetting += r.Bezetting
		if r.Selisih > 0 {
			a.Kelebihan += r.Selisih
		} else {
			a.Kekurangan -= r.Selisih
		}
		if r.Kosong {
			a.Kosong++
		}
		if a.GradeCount == nil {
			a.GradeCount = map[Grade]int{}
		}
		a.GradeCount[r.Grade]++
	}
	gradeB := 0
	for _, r := range res.Positions {
		for _, m := range []struct {
			agg map[string]*Aggregate
			id  string
		}{{res.Units, r.UnitID}, {res.OPDs, r.OPDID}} {
			if m.agg[m.id] == nil {
				m.agg[m.id] = &Aggregate{}
			}
			add(m.agg[m.id], r)
		}
		add(&res.Region, r)
		if r.Grade == GradeB {
			gradeB++
		}
	}
	for _, a := range res.Units {
		s.finish(a)
	}
	for _, a := range res.OPDs {
		s.finish(a)
	}
	s.finish(&res.Region)
	b := Balance{MisplacedSum: res.Region.Kelebihan + res.Region.Kekurangan, KebutuhanSum: res.Region.KebutuhanBulat, PositionCount: len(res.Positions)}
	if b.KebutuhanSum > 0 {
		b.Index = float64(b.MisplacedSum) / float64(b.KebutuhanSum)
	}
	if b.PositionCount > 0 {
		b.ShareB = float64(gradeB) / float64(b.PositionCount)
	}
	res.Balance = b
	return res
}

// Compute equals the map-per-aggregate oracle exactly, including a unit
// that appears under two OPDs and an empty input.
func TestComputeEqualsOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for iter := 0; iter < 300; iter++ {
		var ps []Position
		seen := map[string]bool{}
		for i := 0; i < rng.IntN(80); i++ {
			p := Position{OPDID: string(rune('A' + rng.IntN(5))), UnitID: string(rune('a' + rng.IntN(15))), JabatanID: string(rune('0' + rng.IntN(9))), Bezetting: rng.IntN(6)}
			if rng.IntN(10) > 0 {
				p.UnitID = p.OPDID + p.UnitID // else the unit may sit under two OPDs
			}
			if seen[p.UnitID+p.JabatanID] {
				continue
			}
			seen[p.UnitID+p.JabatanID] = true
			for k := 0; k < rng.IntN(5); k++ {
				p.Tugas = append(p.Tugas, Tugas{Volume: float64(1+rng.IntN(500)) * 1.1, Periode: Periodes[rng.IntN(4)], NormaMenit: float64(1 + rng.IntN(120))})
			}
			ps = append(ps, p)
		}
		if got, want := def.Compute(ps), computeByMaps(def, ps); !reflect.DeepEqual(got, want) {
			t.Fatalf("iteration %d: Compute differs from the oracle\n got %+v\nwant %+v", iter, got, want)
		}
	}
}
