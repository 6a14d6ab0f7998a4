package planner

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// maxWeight bounds every weight so that no sum of costs can overflow int64.
const maxWeight = 1_000_000

// canonical is an Input in canonical order: positions by key, employees by
// NIP then id, requests by rank, every list sorted, empty lists nil. Two
// inputs that differ only in order have equal canonical forms.
type canonical struct {
	Positions    []Position `json:"positions"`
	Employees    []Employee `json:"employees"`
	Weights      Weights    `json:"weights"`
	Options      Options    `json:"options"`
	ScreenDigest string     `json:"screenDigest"`
}

func sortedStrings(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	out := append([]string(nil), in...)
	sort.Strings(out)
	// drop duplicates: they mean nothing and must not change the hash
	w := 1
	for i := 1; i < len(out); i++ {
		if out[i] != out[w-1] {
			out[w] = out[i]
			w++
		}
	}
	return out[:w]
}

func sortedPairs(in []Pair) []Pair {
	if len(in) == 0 {
		return nil
	}
	out := append([]Pair(nil), in...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].EmployeeID != out[j].EmployeeID {
			return out[i].EmployeeID < out[j].EmployeeID
		}
		return out[i].PositionKey < out[j].PositionKey
	})
	w := 1
	for i := 1; i < len(out); i++ {
		if out[i] != out[w-1] {
			out[w] = out[i]
			w++
		}
	}
	return out[:w]
}

func canonicalOptions(o Options) Options {
	o.LockedEmployees = sortedStrings(o.LockedEmployees)
	o.LockedPositions = sortedStrings(o.LockedPositions)
	o.Forced = sortedPairs(o.Forced)
	o.Forbidden = sortedPairs(o.Forbidden)
	return o
}

func canonicalize(in Input) canonical {
	c := canonical{Weights: in.Weights, Options: canonicalOptions(in.Options), ScreenDigest: in.ScreenDigest}
	c.Positions = make([]Position, len(in.Positions))
	for i, p := range in.Positions {
		p.Jurusan = sortedStrings(p.Jurusan)
		c.Positions[i] = p
	}
	slices.SortStableFunc(c.Positions, func(a, b Position) int { return strings.Compare(a.Key, b.Key) })
	// the employees' order is found on indices and each is copied once into
	// its place: a stable sort of the ~200-byte records moved each many times
	order := make([]int32, len(in.Employees))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		x, y := &in.Employees[a], &in.Employees[b]
		return cmp.Or(strings.Compare(x.NIP, y.NIP), strings.Compare(x.ID, y.ID), cmp.Compare(a, b))
	})
	c.Employees = make([]Employee, len(in.Employees))
	for i, o := range order {
		e := in.Employees[o]
		if len(e.Requests) == 0 {
			e.Requests = nil
		} else {
			rs := append([]Request(nil), e.Requests...)
			sort.Slice(rs, func(a, b int) bool {
				x, y := rs[a], rs[b]
				if x.Rank != y.Rank {
					return x.Rank < y.Rank
				}
				if x.OPDID != y.OPDID {
					return x.OPDID < y.OPDID
				}
				if x.UnitID != y.UnitID {
					return x.UnitID < y.UnitID
				}
				return x.JabatanID < y.JabatanID
			})
			e.Requests = rs
		}
		if len(e.Interests) == 0 {
			e.Interests = nil
		} else {
			// The first matching interest is the one explained: order is
			// kept, only the slice is copied.
			e.Interests = append([]Interest(nil), e.Interests...)
		}
		c.Employees[i] = e
	}
	return c
}

func inputHash(in Input) string {
	c := canonicalize(in)
	return c.hash()
}

// hash is the sha256 (hex) of the canonical form's JSON.
func (c *canonical) hash() string {
	b, err := json.Marshal(c)
	if err != nil { // only plain data: cannot happen
		panic(err)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// Digest is the sha256 (hex) of the plan's JSON with Stats.Millis left out:
// two runs on the same input give the same digest.
func (p *Plan) Digest() string {
	q := *p
	q.Stats.Millis = 0
	b, err := json.Marshal(&q)
	if err != nil {
		panic(err)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// validate checks the canonical input; every problem becomes one field error
// of a domain Invalid error.
func (c *canonical) validate() error {
	var fe []domain.FieldError
	add := func(field, code, id, en string) {
		fe = append(fe, domain.FieldError{Field: field, Code: code, Message: id, MessageEN: en})
	}
	w := c.Weights
	for _, f := range []struct {
		name string
		v    int64
	}{{"competence", w.Competence}, {"preference", w.Preference}, {"requestBonus", w.RequestBonus}, {"interestBonus", w.InterestBonus},
		{"stagnation", w.Stagnation}, {"relocation", w.Relocation}, {"move", w.Move},
		{"deficit", w.Deficit}, {"surplus", w.Surplus}} {
		if f.v < 0 || f.v > maxWeight {
			add("weights."+f.name, "planner.weight.range",
				fmt.Sprintf("Bobot %s harus antara 0 dan %d.", f.name, maxWeight),
				fmt.Sprintf("Weight %s must be between 0 and %d.", f.name, maxWeight))
		}
	}
	if w.StagnationMonths < 0 || w.StagnationMonths > 600 {
		add("weights.stagnationMonths", "planner.weight.range", "Batas stagnasi harus antara 0 dan 600 bulan.", "The stagnation limit must be between 0 and 600 months.")
	}
	o := c.Options
	if o.MaxMoves < 0 {
		add("options.maxMoves", "planner.option.range", "Jumlah mutasi maksimum tidak boleh negatif.", "The maximum number of moves cannot be negative.")
	}
	if o.MinFloorPercent < 0 || o.MinFloorPercent > 1000 {
		add("options.minFloorPercent", "planner.option.range", "Batas minimum asal harus antara 0 dan 1000 persen.", "The source floor must be between 0 and 1000 percent.")
	}
	if o.CandidatesPerEmployee < 0 {
		add("options.candidatesPerEmployee", "planner.option.range", "Jumlah kandidat per pegawai tidak boleh negatif.", "Candidates per employee cannot be negative.")
	}
	for i, p := range c.Positions {
		if p.Key == "" {
			add("positions", "planner.position.key", "Ada posisi tanpa kunci.", "A position has no key.")
		} else if i > 0 && c.Positions[i-1].Key == p.Key {
			add("positions", "planner.position.duplicate", "Posisi "+p.Key+" tercantum dua kali.", "Position "+p.Key+" is listed twice.")
		}
		if p.Kebutuhan < 0 || p.Bezetting < 0 || p.Kebutuhan > 1_000_000 || p.Bezetting > 1_000_000 {
			add("positions", "planner.position.count", "Kebutuhan dan bezetting posisi "+p.Key+" harus antara 0 dan 1.000.000.",
				"Kebutuhan and bezetting of position "+p.Key+" must be between 0 and 1,000,000.")
		}
	}
	keys := make(map[string]bool, len(c.Positions))
	for _, p := range c.Positions {
		keys[p.Key] = true
	}
	ids := make(map[string]bool, len(c.Employees))
	for _, e := range c.Employees {
		if e.ID == "" {
			add("employees", "planner.employee.id", "Ada pegawai tanpa id.", "An employee has no id.")
		} else if ids[e.ID] {
			add("employees", "planner.employee.duplicate", "Pegawai "+e.ID+" tercantum dua kali.", "Employee "+e.ID+" is listed twice.")
		}
		ids[e.ID] = true
		if !keys[e.From] {
			add("employees", "planner.employee.from", "Posisi asal pegawai "+e.NIP+" ("+e.From+") tidak ada dalam ABK.",
				"The current position of employee "+e.NIP+" ("+e.From+") is not in the ABK.")
		}
	}
	if len(fe) > 0 {
		if len(fe) > 20 {
			fe = fe[:20]
		}
		err := domain.E(domain.KindInvalid, "planner.input", "Masukan perencana tidak valid.", "The planner input is invalid.")
		err.Fields = fe
		return err
	}
	return nil
}

// normJurusan is how majors are compared (as eligibility MUT-11 does):
// trimmed, case-insensitive.
func normJurusan(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
