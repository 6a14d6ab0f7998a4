package server

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// decodeEntries reads a chunk page's encoded entries as a JSON client
// would (encoding/json, numbers as json.Number): a chunk must decode to
// exactly that. A live row entry in the shape rawRow writes is read
// without encoding/json's reflection (it was a third of the server's part
// of a first sync); any other entry, or one the fast reader does not take
// (escaped names, nested values, duplicates, odd numbers), is decoded by
// encoding/json as the element of a one-entry array, so the result is
// always encoding/json's (FuzzDecodeEntries holds the two equal).
func decodeEntries(raw []json.RawMessage) ([]protocol.Entry, error) {
	out := make([]protocol.Entry, len(raw))
	for i, e := range raw {
		if decodeRowEntry(e, &out[i]) {
			continue
		}
		out[i] = protocol.Entry{}
		one, err := decodeEntriesJSON(append(append([]byte{'['}, e...), ']'))
		if err != nil {
			return nil, err
		}
		if len(one) != 1 {
			return nil, fmt.Errorf("pull entry %d: not one JSON value", i)
		}
		out[i] = one[0]
	}
	return out, nil
}

// decodeEntriesJSON is encoding/json's reading of a JSON array of entries.
func decodeEntriesJSON(b []byte) ([]protocol.Entry, error) {
	var out []protocol.Entry
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	err := dec.Decode(&out)
	return out, err
}

// decodeRowEntry reads `{"seq":…,"kind":…,"tbl":…,"row_id":…,"row":{…},"hlc":…}`
// (those fields once each, in any order, no others), the row's columns
// strings, numbers, booleans or null; false for anything else.
func decodeRowEntry(b []byte, out *protocol.Entry) bool {
	d := pushDecoder{b: b}
	var e protocol.Entry
	if !d.object(func(key []byte) bool {
		switch string(key) {
		case "seq":
			return d.once(0) && d.int(func(n int64) bool { e.Seq = n; return true })
		case "kind":
			return d.once(1) && d.str(&e.Kind)
		case "tbl":
			return d.once(2) && d.str(&e.Table)
		case "row_id":
			return d.once(3) && d.str(&e.RowID)
		case "row":
			return d.once(4) && d.numberCols(&e.Row)
		case "hlc":
			return d.once(5) && d.str(&e.HLC)
		}
		return false
	}) {
		return false
	}
	d.space()
	if d.i != len(d.b) {
		return false
	}
	*out = e
	return true
}

// numberCols is cols with numbers as json.Number (a client's UseNumber).
func (d *pushDecoder) numberCols(dst *map[string]any) bool {
	m := make(map[string]any, 24)
	if !d.object(func(key []byte) bool {
		if _, dup := m[string(key)]; dup {
			return false
		}
		if d.i < len(d.b) && (d.b[d.i] == '-' || (d.b[d.i] >= '0' && d.b[d.i] <= '9')) {
			lit, ok := d.number()
			if !ok {
				return false
			}
			m[string(key)] = json.Number(lit)
			return true
		}
		v, ok := d.value()
		if ok {
			m[string(key)] = v
		}
		return ok
	}) {
		return false
	}
	*dst = m
	return true
}
