// Package abk is the workload analysis (analisis beban kerja, ABK) of
// PermenPAN-RB 1/2020 with the efficiency grades of Permendagri 12/2008:
// beban per task and per position, kebutuhan against WKE, selisih against
// bezetting, EJ and its grade A–E, and aggregates per unit, OPD and region
// computed without netting a surplus in one place against a deficit in
// another. Every constant is a Settings field (docs/domain.md §2 defaults).
//
// This file is the one place the ABK formulas live.
package abk

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Periode is the period a task's volume is counted in.
type Periode string

const (
	PeriodeTahun  Periode = "TAHUN"
	PeriodeBulan  Periode = "BULAN"
	PeriodeMinggu Periode = "MINGGU"
	PeriodeHari   Periode = "HARI"
)

// Periodes lists the periods, longest first.
var Periodes = []Periode{PeriodeTahun, PeriodeBulan, PeriodeMinggu, PeriodeHari}

// Rounding is how kebutuhan becomes a whole number of people.
type Rounding string

const (
	RoundHalfUp Rounding = "HALF_UP" // 1.50 → 2, 1.49 → 1 (docs/domain.md default, U)
	RoundUp     Rounding = "UP"      // any fraction → one more person
	RoundDown   Rounding = "DOWN"
)

// Grade is an efficiency grade (prestasi kerja jabatan / unit).
type Grade string

const (
	GradeA      Grade = "A"
	GradeB      Grade = "B"
	GradeC      Grade = "C"
	GradeD      Grade = "D"
	GradeE      Grade = "E"
	GradeKosong Grade = "-" // no one in post: EJ is undefined (jabatan kosong)
)

// Bands are the lower bounds of the grades: A when EJ > A (strictly), B when
// EJ ≥ B, C when EJ ≥ C, D when EJ ≥ D, else E. Defaults 1.00 / 0.90 / 0.70 /
// 0.50 (Permendagri 12/2008; S/U, settings).
type Bands struct {
	A float64 `json:"a"`
	B float64 `json:"b"`
	C float64 `json:"c"`
	D float64 `json:"d"`
}

// Settings are the ABK constants an admin may change; they are stored and
// synced, never buried in code.
type Settings struct {
	WKEMenit float64             `json:"wkeMenit"` // effective working time per person-year, minutes (75,000 = 1,250 h)
	Faktor   map[Periode]float64 `json:"faktor"`   // volume per period → per year: tahun 1, bulan 12, minggu 50, hari 250
	Rounding Rounding            `json:"rounding"`
	Bands    Bands               `json:"bands"`
}

// DefaultSettings are the docs/domain.md §2 defaults.
func DefaultSettings() Settings {
	return Settings{
		WKEMenit: 75000,
		Faktor:   map[Periode]float64{PeriodeTahun: 1, PeriodeBulan: 12, PeriodeMinggu: 50, PeriodeHari: 250},
		Rounding: RoundHalfUp,
		Bands:    Bands{A: 1.00, B: 0.90, C: 0.70, D: 0.50},
	}
}

// Problem is one invalid setting: the field (JSON path, e.g. "faktor.HARI")
// and the message in Indonesian and English.
type Problem struct {
	Field, Message, MessageEN string
}

// Validate lists every problem with s; none means valid.
func (s Settings) Validate() []Problem {
	var out []Problem
	add := func(field, id, en string) { out = append(out, Problem{field, id, en}) }
	if !(s.WKEMenit > 0) || s.WKEMenit > 200000 {
		add("wkeMenit", "WKE harus lebih dari 0 dan paling banyak 200.000 menit per tahun.", "WKE must be above 0 and at most 200,000 minutes a year.")
	}
	if s.Rounding != RoundHalfUp && s.Rounding != RoundUp && s.Rounding != RoundDown {
		add("rounding", "Cara pembulatan tidak dikenal.", "Unknown rounding.")
	}
	if !(s.Bands.A > s.Bands.B && s.Bands.B > s.Bands.C && s.Bands.C > s.Bands.D && s.Bands.D > 0) {
		add("bands", "Batas nilai harus menurun: A > B > C > D > 0.", "Grade bounds must decrease: A > B > C > D > 0.")
	}
	for _, p := range Periodes {
		if f := s.Faktor[p]; !(f > 0) || f > 366 {
			add("faktor."+string(p), fmt.Sprintf("Faktor periode %s harus lebih dari 0 dan paling banyak 366.", p),
				fmt.Sprintf("The %s period factor must be above 0 and at most 366.", p))
		}
	}
	return out
}

// Tugas is one task (uraian tugas) of a position's ABK.
type Tugas struct {
	Uraian      string  `json:"uraian"`
	SatuanHasil string  `json:"satuanHasil"`
	Volume      float64 `json:"volume"` // per Periode
	Periode     Periode `json:"periode"`
	NormaMenit  float64 `json:"normaMenit"` // norma waktu per unit of output, minutes
}

// Beban is the task's yearly load in minutes: volume per year × norma waktu.
func (s Settings) Beban(t Tugas) float64 { return t.Volume * s.Faktor[t.Periode] * t.NormaMenit }

// Position is one (unit × jabatan) with its ABK tasks and its bezetting.
type Position struct {
	OPDID     string
	UnitID    string
	JabatanID string
	Tugas     []Tugas
	Bezetting int
}

// PositionResult is the analysis of one position.
type PositionResult struct {
	OPDID          string  `json:"opdId"`
	UnitID         string  `json:"unitId"`
	JabatanID      string  `json:"jabatanId"`
	Beban          float64 `json:"beban"`          // minutes per year
	Kebutuhan      float64 `json:"kebutuhan"`      // beban / WKE
	KebutuhanBulat int     `json:"kebutuhanBulat"` // rounded per Settings.Rounding
	Bezetting      int     `json:"bezetting"`
	Selisih        int     `json:"selisih"` // bezetting − kebutuhan bulat: + surplus, − deficit
	EJ             float64 `json:"ej"`      // beban / (bezetting × WKE); 0 when kosong
	Grade          Grade   `json:"grade"`
	Kosong         bool    `json:"kosong"`   // bezetting 0: jabatan kosong
	TanpaABK       bool    `json:"tanpaAbk"` // people in post but no ABK tasks recorded
}

// Aggregate sums positions of a unit, an OPD or the region. Kelebihan and
// Kekurangan are summed separately (no netting); Selisih is their difference.
type Aggregate struct {
	Positions      int           `json:"jumlahPosisi"` // not "positions": UnitRow embeds this beside its own list
	Beban          float64       `json:"beban"`
	KebutuhanBulat int           `json:"kebutuhanBulat"`
	Bezetting      int           `json:"bezetting"`
	Kelebihan      int           `json:"kelebihan"`  // Σ positive selisih
	Kekurangan     int           `json:"kekurangan"` // Σ deficits, as a positive number
	Selisih        int           `json:"selisih"`
	EU             float64       `json:"eu"` // Σ beban / (Σ bezetting × WKE)
	Grade          Grade         `json:"grade"`
	Kosong         int           `json:"kosong"` // positions with nobody in post
	GradeCount     map[Grade]int `json:"gradeCount"`
}

// Result is the whole analysis.
type Result struct {
	Positions []PositionResult      `json:"positions"` // canonical order: OPD, unit, jabatan ids
	Units     map[string]*Aggregate `json:"units"`
	OPDs      map[string]*Aggregate `json:"opds"`
	Region    Aggregate             `json:"region"`
	Balance   Balance               `json:"balance"`
}

// Balance is the region balance index (docs/workload.md):
// Index = Σ|selisih| / Σ kebutuhan bulat over all positions — 0 when every
// position holds exactly its kebutuhan, 1 when the misplaced people equal the
// whole need; lower is better. ShareB is the share of positions graded B
// (EJ 0.90–1.00, the ideal band), reported beside it.
type Balance struct {
	Index         float64 `json:"index"`
	ShareB        float64 `json:"shareB"`
	MisplacedSum  int     `json:"misplacedSum"` // Σ|selisih|
	KebutuhanSum  int     `json:"kebutuhanSum"`
	PositionCount int     `json:"positionCount"`
}

const eps = 1e-9

// Round turns kebutuhan into whole people. A tolerance absorbs float error so
// that 1.5 exactly (from exact minutes) rounds up under HALF_UP.
func (s Settings) Round(k float64) int {
	switch s.Rounding {
	case RoundUp:
		return int(math.Ceil(k - eps))
	case RoundDown:
		return int(math.Floor(k + eps))
	}
	return int(math.Floor(k + 0.5 + eps))
}

// Digits is the number of decimals a ratio needs beside its grade: at least
// 2, more while the rounded ratio would sit on a band bound it is not on (EU
// 1.0012, graded A, is not written "1,00" like an EU of exactly 1, graded B);
// at most 6.
func (b Bands) Digits(x float64) int {
	const maxDigits = 6
	for d := 2; d < maxDigits; d++ {
		f := math.Pow(10, float64(d))
		r := math.Round(x*f) / f
		misleading := false
		for _, bound := range [...]float64{b.A, b.B, b.C, b.D} {
			if math.Abs(r-bound) < 1e-12 && math.Abs(x-bound) > eps {
				misleading = true
			}
		}
		if !misleading {
			return d
		}
	}
	return maxDigits
}

// GradeOf grades an efficiency ratio.
func (s Settings) GradeOf(ej float64) Grade {
	switch {
	case ej > s.Bands.A+eps:
		return GradeA
	case ej >= s.Bands.B-eps:
		return GradeB
	case ej >= s.Bands.C-eps:
		return GradeC
	case ej >= s.Bands.D-eps:
		return GradeD
	}
	return GradeE
}

// faktors are Settings.Faktor of the four periods, looked up once for a
// whole computation instead of in the map for every task.
type faktors struct {
	s *Settings
	f [4]float64
}

func (s *Settings) faktors() faktors {
	return faktors{s: s, f: [4]float64{s.Faktor[PeriodeTahun], s.Faktor[PeriodeBulan], s.Faktor[PeriodeMinggu], s.Faktor[PeriodeHari]}}
}

// beban is Settings.Beban with the factor from f: the same product, in the
// same order.
func (f *faktors) beban(t Tugas) float64 {
	var k float64
	switch t.Periode {
	case PeriodeTahun:
		k = f.f[0]
	case PeriodeBulan:
		k = f.f[1]
	case PeriodeMinggu:
		k = f.f[2]
	case PeriodeHari:
		k = f.f[3]
	default:
		k = f.s.Faktor[t.Periode]
	}
	return t.Volume * k * t.NormaMenit
}

// Analyse computes one position.
func (s Settings) Analyse(p Position) PositionResult {
	f := s.faktors()
	return s.analyse(p, &f)
}

func (s Settings) analyse(p Position, f *faktors) PositionResult {
	r := PositionResult{OPDID: p.OPDID, UnitID: p.UnitID, JabatanID: p.JabatanID, Bezetting: p.Bezetting}
	for _, t := range p.Tugas {
		r.Beban += f.beban(t)
	}
	r.Kebutuhan = r.Beban / s.WKEMenit
	r.KebutuhanBulat = s.Round(r.Kebutuhan)
	r.Selisih = r.Bezetting - r.KebutuhanBulat
	r.TanpaABK = len(p.Tugas) == 0 && p.Bezetting > 0
	if p.Bezetting == 0 {
		r.Kosong, r.Grade = true, GradeKosong
		return r
	}
	r.EJ = r.Beban / (float64(p.Bezetting) * s.WKEMenit)
	r.Grade = s.GradeOf(r.EJ)
	return r
}

// grades lists every grade; gradeIndex is a grade's place in it.
var grades = [...]Grade{GradeA, GradeB, GradeC, GradeD, GradeE, GradeKosong}

func gradeIndex(g Grade) int {
	switch g {
	case GradeA:
		return 0
	case GradeB:
		return 1
	case GradeC:
		return 2
	case GradeD:
		return 3
	case GradeE:
		return 4
	}
	return 5
}

// sum accumulates an Aggregate, counting grades in an array; done fills
// GradeCount with the grades seen (the map a position-by-position increment
// would have built).
type sum struct {
	a      *Aggregate
	agg    Aggregate // what a points to for a unit or an OPD
	grades [len(grades)]int
}

func (x *sum) add(r PositionResult) {
	a := x.a
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
	x.grades[gradeIndex(r.Grade)]++
}

func (x *sum) done() {
	if x.a.Positions == 0 {
		return
	}
	n := 0
	for _, c := range x.grades {
		if c > 0 {
			n++
		}
	}
	x.a.GradeCount = make(map[Grade]int, n)
	for i, c := range x.grades {
		if c > 0 {
			x.a.GradeCount[grades[i]] = c
		}
	}
}

func (s Settings) finish(a *Aggregate) {
	a.Selisih = a.Kelebihan - a.Kekurangan
	if a.Bezetting == 0 {
		a.Grade = GradeKosong
		return
	}
	a.EU = a.Beban / (float64(a.Bezetting) * s.WKEMenit)
	a.Grade = s.GradeOf(a.EU)
}

// Compute analyses every position and aggregates upward. The output order is
// canonical (by OPD, unit, jabatan id) whatever the input order.
func (s Settings) Compute(positions []Position) Result {
	// Sorted as indexes: moving the results themselves (large, with
	// pointers) cost more than the comparisons.
	order := make([]int32, len(positions))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int {
		a, b := &positions[i], &positions[j]
		if c := strings.Compare(a.OPDID, b.OPDID); c != 0 {
			return c
		}
		if c := strings.Compare(a.UnitID, b.UnitID); c != 0 {
			return c
		}
		return strings.Compare(a.JabatanID, b.JabatanID)
	})
	res := Result{Positions: make([]PositionResult, len(positions))}
	f := s.faktors()
	for k, i := range order {
		res.Positions[k] = s.analyse(positions[i], &f)
	}
	// In canonical order a unit's and an OPD's positions are next to each
	// other (unless one unit is under two OPDs): the map is consulted only
	// when the unit or the OPD changes.
	nUnits, nOPDs := 0, 0
	for i, r := range res.Positions {
		if i == 0 || r.UnitID != res.Positions[i-1].UnitID {
			nUnits++
		}
		if i == 0 || r.OPDID != res.Positions[i-1].OPDID {
			nOPDs++
		}
	}
	res.Units, res.OPDs = make(map[string]*Aggregate, nUnits), make(map[string]*Aggregate, nOPDs)
	units, opds := make(map[string]*sum, nUnits), make(map[string]*sum, nOPDs)
	region := &sum{a: &res.Region}
	var u, o *sum
	gradeB := 0
	for i, r := range res.Positions {
		if i == 0 || r.UnitID != res.Positions[i-1].UnitID {
			if u = units[r.UnitID]; u == nil {
				u = &sum{}
				u.a = &u.agg
				units[r.UnitID] = u
				res.Units[r.UnitID] = u.a
			}
		}
		if i == 0 || r.OPDID != res.Positions[i-1].OPDID {
			if o = opds[r.OPDID]; o == nil {
				o = &sum{}
				o.a = &o.agg
				opds[r.OPDID] = o
				res.OPDs[r.OPDID] = o.a
			}
		}
		u.add(r)
		o.add(r)
		region.add(r)
		if r.Grade == GradeB {
			gradeB++
		}
	}
	for _, x := range units {
		x.done()
		s.finish(x.a)
	}
	for _, x := range opds {
		x.done()
		s.finish(x.a)
	}
	region.done()
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
