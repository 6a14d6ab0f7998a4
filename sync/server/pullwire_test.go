package server

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestPullWireJSON: the hand-written pull response is the JSON that
// encoding/json makes of it (entries with HTML characters, empty list).
func TestPullWireJSON(t *testing.T) {
	for _, p := range []pullWire{
		{Entries: []json.RawMessage{}, NextCursor: "e:0", ServerEpoch: "e", MinSchema: 1, MaxSchema: 2},
		{Entries: []json.RawMessage{json.RawMessage(`{"seq":1,"row":{"nama":"A <b> & \"c\"","n":1.5}}`), json.RawMessage(`{"seq":2,"deleted":true}`)},
			NextCursor: "x:2", HasMore: true, ServerTime: "2026-11-27T00:00:00Z", ServerHLC: "h\u2028", ServerEpoch: "x", MinSchema: 1, MaxSchema: 1},
	} {
		want, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		got := p.appendJSON(nil)
		var a, b any
		if err := json.Unmarshal(got, &a); err != nil {
			t.Fatalf("invalid JSON %s: %v", got, err)
		}
		json.Unmarshal(want, &b)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("got %s\nwant %s", got, want)
		}
	}
}
