package server

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"unicode/utf8"
)

// The fast encoder of row images writes what encoding/json writes, for the
// values rows hold and the awkward ones a forged push may send (escapes,
// HTML characters, invalid UTF-8, exponents, other types); stamps written
// compactly read back as they were.
func TestRowJSONMatchesEncodingJSON(t *testing.T) {
	strs := []string{"", "a", "Jl. Merdeka 1", "é ü 漢字", `q"uote`, `back\slash`, "tab\tnl\n", "<b>&amp;</b>", "\u2028\u2029",
		"bad \xff utf8", "\x00", "\x7f", "emoji 😀", "2026-12-06", "550e8400-e29b-41d4-a716-446655440000"}
	nums := []float64{0, 1, -1, 0.5, 3.14159, 1e-6, 9.99e-7, 1e20, 1e21, -1e21, 123456789012, 1e-7, math.MaxFloat64, math.SmallestNonzeroFloat64, 2.5e-10, float64(1 << 53)}
	vals := func(r *rand.Rand) any {
		switch r.IntN(10) {
		case 0:
			return nil
		case 1:
			return r.IntN(2) == 0
		case 2:
			return nums[r.IntN(len(nums))]
		case 3:
			return r.NormFloat64() * math.Pow(10, float64(r.IntN(40)-20))
		case 4:
			return r.IntN(1e6) - 5e5
		case 5:
			return int64(r.Uint64() >> 1)
		case 6:
			return map[string]int64{strs[r.IntN(len(strs))]: r.Int64(), "b": 3}
		case 7:
			return []any{"x", 1.0} // not on the fast path
		default:
			return strs[r.IntN(len(strs))]
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 5000; i++ {
		row := map[string]any{}
		for j := r.IntN(12); j > 0; j-- {
			k := strs[r.IntN(len(strs))]
			if r.IntN(2) == 0 {
				k = string(rune('a'+r.IntN(26))) + "_col"
			}
			row[k] = vals(r)
		}
		want, werr := json.Marshal(row)
		got, gerr := marshalRow(row)
		if (werr != nil) != (gerr != nil) || !bytes.Equal(got, want) {
			t.Fatalf("row %v:\n got %s (%v)\nwant %s (%v)", row, got, gerr, want, werr)
		}
		m := rowMeta{W: int64(r.IntN(3)), Stamps: map[string]stamp{}}
		if r.IntN(10) == 0 {
			m.Stamps = nil
		}
		for k := range row {
			if m.Stamps != nil && utf8.ValidString(k) { // column names are valid text
				// from a few stamps, so that columns share them as rows do
				m.Stamps[k] = stamp{H: strs[r.IntN(3)], D: strs[r.IntN(2)], S: r.Int64N(2)}
			}
		}
		if r.IntN(3) == 0 {
			m.Del = &stamp{H: strs[r.IntN(3)], D: "dev", S: int64(r.IntN(9))}
		}
		// The stamps come back as they were, and as from encoding/json's form.
		if m.Stamps == nil {
			m.Stamps = map[string]stamp{}
		}
		full, _ := json.Marshal(m)
		for _, b := range [][]byte{marshalMeta(m), full} {
			got, err := decodeMeta(b)
			if err != nil || !reflect.DeepEqual(got, m) {
				t.Fatalf("meta %+v: %s decodes as %+v (%v)", m, b, got, err)
			}
		}
		if m.W == 1 {
			// The same columns and stamps, another map: the same bytes.
			cp := m.clone()
			if a, b := marshalMeta(m), marshalMeta(cp); !bytes.Equal(a, b) {
				t.Fatalf("meta written two ways: %s, %s", a, b)
			}
		}
	}
	if got, _ := marshalRow(nil); string(got) != "null" {
		t.Fatalf("nil row: %s", got)
	}
}
