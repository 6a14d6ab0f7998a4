package server

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// TestIndexJSONIsMarshal: IndexJSON writes json.Marshal's bytes (the
// stored idx column is compared as text to decide what changed).
func TestIndexJSONIsMarshal(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	strs := []string{"", "nip", "unit_id", "198001012005011001", `<b>&"x"\`, "É\u2028\u2029", "bad \xff", "\x00\x1f\t\n", "0193a1b2-0000-7000-8000-000000000001"}
	for range 2000 {
		ix := map[string]string{}
		for range r.IntN(5) {
			ix[strs[r.IntN(len(strs))]] = strs[r.IntN(len(strs))]
		}
		want := "{}"
		if len(ix) > 0 {
			b, _ := json.Marshal(ix)
			want = string(b)
		}
		if got := IndexJSON(ix); got != want {
			t.Fatalf("%q: %s, json.Marshal %s", ix, got, want)
		}
	}
}
