package domain

import (
	"fmt"
	"strings"
)

// Golongan is a PNS rank (golongan ruang) by its SIASN code: 11 (I/a) … 45 (IV/e).
// The zero value means "none" (for PPPK, who have GolonganPPPK instead).
type Golongan int

type golonganInfo struct {
	code    Golongan
	label   string
	pangkat string
}

// golonganLadder is the 17-step ladder, lowest first (docs/domain.md §1).
var golonganLadder = []golonganInfo{
	{11, "I/a", "Juru Muda"}, {12, "I/b", "Juru Muda Tingkat I"}, {13, "I/c", "Juru"}, {14, "I/d", "Juru Tingkat I"},
	{21, "II/a", "Pengatur Muda"}, {22, "II/b", "Pengatur Muda Tingkat I"}, {23, "II/c", "Pengatur"}, {24, "II/d", "Pengatur Tingkat I"},
	{31, "III/a", "Penata Muda"}, {32, "III/b", "Penata Muda Tingkat I"}, {33, "III/c", "Penata"}, {34, "III/d", "Penata Tingkat I"},
	{41, "IV/a", "Pembina"}, {42, "IV/b", "Pembina Tingkat I"}, {43, "IV/c", "Pembina Utama Muda"}, {44, "IV/d", "Pembina Utama Madya"},
	{45, "IV/e", "Pembina Utama"},
}

// Golongans lists the ladder, lowest first.
func Golongans() []Golongan {
	out := make([]Golongan, len(golonganLadder))
	for i, g := range golonganLadder {
		out[i] = g.code
	}
	return out
}

func (g Golongan) info() (golonganInfo, int, bool) {
	for i, x := range golonganLadder {
		if x.code == g {
			return x, i, true
		}
	}
	return golonganInfo{}, -1, false
}

// Valid reports whether g is on the ladder.
func (g Golongan) Valid() bool { _, _, ok := g.info(); return ok }

// Rank is the 1-based step on the ladder (I/a = 1 … IV/e = 17), 0 if invalid.
func (g Golongan) Rank() int { _, i, _ := g.info(); return i + 1 }

// String is the usual notation, e.g. "III/a".
func (g Golongan) String() string {
	if x, _, ok := g.info(); ok {
		return x.label
	}
	if g == 0 {
		return ""
	}
	return fmt.Sprintf("?%d", int(g))
}

// Pangkat is the rank title, e.g. "Penata Muda".
func (g Golongan) Pangkat() string { x, _, _ := g.info(); return x.pangkat }

// ParseGolongan reads "III/a", "iii/a" or the SIASN code "31".
func ParseGolongan(s string) (Golongan, error) {
	s = strings.TrimSpace(s)
	for _, x := range golonganLadder {
		if strings.EqualFold(s, x.label) || s == fmt.Sprint(int(x.code)) {
			return x.code, nil
		}
	}
	return 0, E(KindInvalid, "golongan.unknown",
		fmt.Sprintf("Golongan %q tidak dikenal; gunakan I/a sampai IV/e.", s),
		fmt.Sprintf("Unknown golongan %q; use I/a to IV/e.", s))
}

// GolonganPPPK is a PPPK grade, 1 (I) … 17 (XVII); 0 means none.
type GolonganPPPK int

var romans = []string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"}

// Valid reports whether g is I … XVII.
func (g GolonganPPPK) Valid() bool { return g >= 1 && g <= 17 }

func (g GolonganPPPK) String() string {
	if g.Valid() {
		return romans[g]
	}
	return ""
}

// ParseGolonganPPPK reads "IX" or "9".
func ParseGolonganPPPK(s string) (GolonganPPPK, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	for i := 1; i < len(romans); i++ {
		if s == romans[i] || s == fmt.Sprint(i) {
			return GolonganPPPK(i), nil
		}
	}
	return 0, E(KindInvalid, "golongan_pppk.unknown",
		fmt.Sprintf("Golongan PPPK %q tidak dikenal; gunakan I sampai XVII.", s),
		fmt.Sprintf("Unknown PPPK grade %q; use I to XVII.", s))
}

// Pendidikan is an education level by its SIASN code (05 SD … 50 S-3).
type Pendidikan int

type pendidikanInfo struct {
	code  Pendidikan
	label string
}

// pendidikanLadder lists the levels lowest first. Several
// codes share a rung (e.g. SLTA and SLTA Kejuruan); Rank gives the rung.
var pendidikanLadder = []struct {
	pendidikanInfo
	rank int
}{
	{pendidikanInfo{5, "SD"}, 1},
	{pendidikanInfo{10, "SLTP"}, 2}, {pendidikanInfo{12, "SLTP Kejuruan"}, 2},
	{pendidikanInfo{15, "SLTA"}, 3}, {pendidikanInfo{17, "SLTA Kejuruan"}, 3}, {pendidikanInfo{18, "SLTA Keguruan"}, 3},
	{pendidikanInfo{20, "D-I"}, 4}, {pendidikanInfo{25, "D-II"}, 5}, {pendidikanInfo{30, "D-III"}, 6},
	{pendidikanInfo{35, "D-IV"}, 7}, {pendidikanInfo{40, "S-1"}, 7}, {pendidikanInfo{42, "Profesi"}, 8},
	{pendidikanInfo{45, "S-2"}, 9}, {pendidikanInfo{47, "Spesialis"}, 9}, {pendidikanInfo{49, "Subspesialis"}, 10},
	{pendidikanInfo{50, "S-3"}, 10},
}

// PendidikanLevels lists every known code, lowest first.
func PendidikanLevels() []Pendidikan {
	out := make([]Pendidikan, len(pendidikanLadder))
	for i, p := range pendidikanLadder {
		out[i] = p.code
	}
	return out
}

// Valid reports whether p is a known code.
func (p Pendidikan) Valid() bool { return p.Rank() > 0 }

// Rank is the rung on the ladder (SD = 1 … S-3 = 10); D-IV and S-1 share a
// rung, as they do for appointment. 0 if unknown.
func (p Pendidikan) Rank() int {
	for _, x := range pendidikanLadder {
		if x.code == p {
			return x.rank
		}
	}
	return 0
}

// AtLeast reports whether p is on the same or a higher rung than min.
func (p Pendidikan) AtLeast(min Pendidikan) bool { return p.Rank() >= min.Rank() }

func (p Pendidikan) String() string {
	for _, x := range pendidikanLadder {
		if x.code == p {
			return x.label
		}
	}
	return ""
}

// ParsePendidikan reads "S-1", "S1" or the code "40".
func ParsePendidikan(s string) (Pendidikan, error) {
	norm := func(x string) string { return strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(x), "-", "")) }
	for _, x := range pendidikanLadder {
		if norm(s) == norm(x.label) || strings.TrimLeft(strings.TrimSpace(s), "0") == fmt.Sprint(int(x.code)) {
			return x.code, nil
		}
	}
	return 0, E(KindInvalid, "pendidikan.unknown",
		fmt.Sprintf("Tingkat pendidikan %q tidak dikenal.", s),
		fmt.Sprintf("Unknown education level %q.", s))
}

// SKPPredikat is the yearly performance verdict (PermenPAN-RB 6/2022).
type SKPPredikat string

const (
	SKPSangatBaik     SKPPredikat = "SANGAT_BAIK"
	SKPBaik           SKPPredikat = "BAIK"
	SKPButuhPerbaikan SKPPredikat = "BUTUH_PERBAIKAN"
	SKPKurang         SKPPredikat = "KURANG"
	SKPSangatKurang   SKPPredikat = "SANGAT_KURANG"
)

// Score orders predicates: Sangat Baik 5 … Sangat Kurang 1, 0 if unknown.
func (p SKPPredikat) Score() int {
	switch p {
	case SKPSangatBaik:
		return 5
	case SKPBaik:
		return 4
	case SKPButuhPerbaikan:
		return 3
	case SKPKurang:
		return 2
	case SKPSangatKurang:
		return 1
	}
	return 0
}

// Valid reports whether p is a known predicate.
func (p SKPPredikat) Valid() bool { return p.Score() > 0 }
