package pgstore

import (
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzDecodeList: the stored lists decode as json.Unmarshal decodes them.
func FuzzDecodeList(f *testing.F) {
	for _, s := range []string{`[]`, `["a"]`, `["*","opd-1"]`, `null`, `["a,b"]`, `["a", "b"]`, `["\u00e9"]`, "[\"\xff\"]", "[\"\t\"]", `[""]`, `["a",]`, `[1]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := decodeList(s)
		var want []string
		werr := json.Unmarshal([]byte(s), &want)
		if (err == nil) != (werr == nil) {
			t.Fatalf("%q: error %v, encoding/json's %v", s, err, werr)
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: %#v, want %#v", s, got, want)
		}
	})
}
