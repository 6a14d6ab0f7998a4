package client

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func encodingJSON(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPushBodyIsEncodingJSON: the push body is the bytes encoding/json
// wrote before, with the columns decoded or handed over as the outbox's
// JSON (what store.UnsentChangesRaw does), and with values only
// encoding/json writes.
func TestPushBodyIsEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	strs := []string{"", "Siti", `<b>&"x"\`, "É\u2028\u2029", "bad \xff\xfe", "\x00\x1f\t\n", "1990-01-01", "0193a1b2-0000-7000-8000-000000000001"}
	vals := func() any {
		switch r.IntN(7) {
		case 0:
			return nil
		case 1:
			return r.IntN(2) == 0
		case 2:
			return json.Number([]string{"0", "-1", "32", "1.5", "1e21", "-2.5E-7", "12345678901234567890"}[r.IntN(7)])
		default:
			return strs[r.IntN(len(strs))]
		}
	}
	for round := range 300 {
		req := protocol.PushRequest{DeviceID: strs[r.IntN(len(strs))], SchemaVersion: r.IntN(9), AppVersion: strs[r.IntN(len(strs))],
			ClientTime: "2026-12-06T10:00:00Z"}
		if round == 0 {
			req.Changes = nil
		} else {
			req.Changes = []protocol.Change{}
		}
		var raw []json.RawMessage
		for range r.IntN(6) {
			c := protocol.Change{LocalSeq: r.Int64N(1 << 40), ChangeID: strs[r.IntN(len(strs))], Table: "pegawai", RowID: strs[r.IntN(len(strs))],
				Op: []string{"insert", "update", "delete"}[r.IntN(3)], HLC: "000000000000001.0000000000", BaseSeq: r.Int64N(100),
				SchemaVersion: r.IntN(9)}
			if r.IntN(3) > 0 {
				c.Actor = strs[r.IntN(len(strs))]
			}
			if c.Op != "delete" {
				c.Cols = map[string]any{}
				for range r.IntN(5) {
					c.Cols[strs[r.IntN(len(strs))]] = vals()
				}
				if r.IntN(10) == 0 {
					c.Cols["nested"] = []any{json.Number("1"), map[string]any{"a": nil}}
				}
			}
			req.Changes = append(req.Changes, c)
			raw = append(raw, nil)
		}
		want := encodingJSON(t, req)
		if got := gunzip(t, must1(pushBody(req, nil))); !bytes.Equal(got, want) {
			t.Fatalf("decoded columns:\ngot  %s\nwant %s", got, want)
		}
		// the same with (some of) the columns as the outbox holds them (json.Marshal)
		hand := append([]protocol.Change(nil), req.Changes...)
		for i := range hand {
			if len(hand[i].Cols) > 0 && (i%2 == 0 || round%2 == 0) {
				raw[i], _ = json.Marshal(hand[i].Cols)
				hand[i].Cols = nil
			}
		}
		req.Changes = hand
		if req.Changes == nil && round > 0 {
			req.Changes = []protocol.Change{}
		}
		// The same bytes, but for a U+FFFD json.Marshal wrote for invalid
		// UTF-8: it stays escaped, the same value for the server.
		if got := gunzip(t, must1(pushBody(req, raw))); !bytes.Equal(got, want) &&
			!((bytes.Contains(got, []byte(`\ufffd`)) || bytes.Contains(want, []byte(`\ufffd`))) && reflect.DeepEqual(decodePushReq(t, got), decodePushReq(t, want))) {
			t.Fatalf("raw columns:\ngot  %s\nwant %s", got, want)
		}
	}
}

func decodePushReq(t *testing.T, b []byte) protocol.PushRequest {
	t.Helper()
	var req protocol.PushRequest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&req); err != nil {
		t.Fatal(err)
	}
	return req
}

func must1[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestAnsweredUpTo: the next batch is read after the last change of the
// answered prefix, never past an unanswered one.
func TestAnsweredUpTo(t *testing.T) {
	chs := []protocol.Change{{LocalSeq: 5}, {LocalSeq: 7}, {LocalSeq: 9}}
	ds := func(seqs ...int64) []protocol.Disposition {
		var out []protocol.Disposition
		for _, s := range seqs {
			out = append(out, protocol.Disposition{LocalSeq: s})
		}
		return out
	}
	for _, c := range []struct {
		ds   []protocol.Disposition
		want int64
	}{
		{ds(5, 7, 9), 9}, {ds(9, 7, 5), 9}, {ds(5, 7), 7}, {ds(5, 9), 5}, {ds(7, 9), 3}, {nil, 3}, {ds(1, 2, 3), 3},
	} {
		if got := answeredUpTo(3, chs, c.ds); got != c.want {
			t.Errorf("answered %v: read after %d, want %d", c.ds, got, c.want)
		}
	}
}
