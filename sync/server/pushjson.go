package server

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// decodePush reads a push request as encoding/json would, without its
// reflection: a region upload sends 2,000 changes of ~20 columns a request
// and decoding them was a tenth of the server's push. It takes only the
// shape clients send (the exact field names once each, columns of strings,
// numbers, booleans and null); anything else (other spellings, nested
// values, duplicates, odd numbers) returns false and the caller decodes
// with encoding/json, so the result is always what encoding/json gives
// (FuzzDecodePush holds the two equal).
func decodePush(b []byte, out *protocol.PushRequest) bool {
	d := pushDecoder{b: b}
	var req protocol.PushRequest
	if !d.object(func(key []byte) bool {
		switch string(key) {
		case "device_id":
			return d.once(0) && d.str(&req.DeviceID)
		case "schema_version":
			return d.once(1) && d.int(func(n int64) bool { req.SchemaVersion = int(n); return int64(req.SchemaVersion) == n })
		case "app_version":
			return d.once(2) && d.str(&req.AppVersion)
		case "client_time":
			return d.once(3) && d.str(&req.ClientTime)
		case "changes":
			return d.once(4) && d.changes(&req.Changes)
		}
		return false
	}) {
		return false
	}
	d.space()
	if d.i != len(d.b) {
		return false
	}
	*out = req
	return true
}

type pushDecoder struct {
	b    []byte
	i    int
	seen uint32 // the fields of the object being read (once)
}

func (d *pushDecoder) once(bit uint) bool {
	if d.seen&(1<<bit) != 0 {
		return false
	}
	d.seen |= 1 << bit
	return true
}

func (d *pushDecoder) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *pushDecoder) byte(c byte) bool {
	d.space()
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

// object reads {"key": value, …}, calling field for each key with d just
// before the value; field reads the value.
func (d *pushDecoder) object(field func(key []byte) bool) bool {
	if !d.byte('{') {
		return false
	}
	seen := d.seen
	d.seen = 0
	defer func() { d.seen = seen }()
	if d.byte('}') {
		return true
	}
	for {
		d.space()
		key, ok := d.plain()
		if !ok || !d.byte(':') {
			return false
		}
		d.space()
		if !field(key) {
			return false
		}
		if d.byte(',') {
			continue
		}
		return d.byte('}')
	}
}

// plain reads a string without escapes, of valid UTF-8 (what encoding/json
// would give back unchanged); false for any other.
func (d *pushDecoder) plain() ([]byte, bool) {
	if d.i >= len(d.b) || d.b[d.i] != '"' {
		return nil, false
	}
	start := d.i + 1
	ascii := true
	for j := start; j < len(d.b); j++ {
		c := d.b[j]
		switch {
		case c == '"':
			s := d.b[start:j]
			if !ascii && !utf8.Valid(s) {
				return nil, false
			}
			d.i = j + 1
			return s, true
		case c == '\\' || c < 0x20:
			return nil, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return nil, false
}

func (d *pushDecoder) str(dst *string) bool {
	s, ok := d.plain()
	if ok {
		*dst = string(s)
	}
	return ok
}

// number reads a JSON number literal (the grammar exactly) and returns its text.
func (d *pushDecoder) number() ([]byte, bool) {
	b, i := d.b, d.i
	start := i
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	default:
		return nil, false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			return nil, false
		}
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			return nil, false
		}
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	}
	d.i = i
	return b[start:i], true
}

// int reads an integer literal into an integer field (encoding/json
// refuses fractions and exponents there: the fallback reports them).
func (d *pushDecoder) int(set func(int64) bool) bool {
	lit, ok := d.number()
	if !ok {
		return false
	}
	n, err := strconv.ParseInt(string(lit), 10, 64)
	return err == nil && set(n)
}

func (d *pushDecoder) changes(dst *[]protocol.Change) bool {
	if !d.byte('[') {
		return false
	}
	out := []protocol.Change{}
	if d.byte(']') {
		*dst = out
		return true
	}
	for {
		var ch protocol.Change
		if !d.change(&ch) {
			return false
		}
		out = append(out, ch)
		if d.byte(',') {
			d.space()
			continue
		}
		if !d.byte(']') {
			return false
		}
		*dst = out
		return true
	}
}

func (d *pushDecoder) change(ch *protocol.Change) bool {
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "local_seq":
			return d.once(0) && d.int(func(n int64) bool { ch.LocalSeq = n; return true })
		case "change_id":
			return d.once(1) && d.str(&ch.ChangeID)
		case "tbl":
			return d.once(2) && d.str(&ch.Table)
		case "row_id":
			return d.once(3) && d.str(&ch.RowID)
		case "op":
			return d.once(4) && d.str(&ch.Op)
		case "cols":
			return d.once(5) && d.cols(&ch.Cols)
		case "hlc":
			return d.once(6) && d.str(&ch.HLC)
		case "base_seq":
			return d.once(7) && d.int(func(n int64) bool { ch.BaseSeq = n; return true })
		case "actor":
			return d.once(8) && d.str(&ch.Actor)
		case "schema_version":
			return d.once(9) && d.int(func(n int64) bool { ch.SchemaVersion = int(n); return int64(ch.SchemaVersion) == n })
		}
		return false
	})
}

func (d *pushDecoder) cols(dst *map[string]any) bool {
	m := map[string]any{}
	if !d.object(func(key []byte) bool {
		if _, dup := m[string(key)]; dup {
			return false
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

// value reads a column's value: a string (one with escapes is unquoted by
// encoding/json itself), a number as float64, a boolean or null.
func (d *pushDecoder) value() (any, bool) {
	if d.i >= len(d.b) {
		return nil, false
	}
	switch c := d.b[d.i]; {
	case c == '"':
		if s, ok := d.plain(); ok {
			return string(s), true
		}
		return d.quoted()
	case c == '-' || (c >= '0' && c <= '9'):
		lit, ok := d.number()
		if !ok {
			return nil, false
		}
		f, err := strconv.ParseFloat(string(lit), 64)
		return f, err == nil
	case c == 't':
		return true, d.literal("true")
	case c == 'f':
		return false, d.literal("false")
	case c == 'n':
		return nil, d.literal("null")
	}
	return nil, false
}

// quoted reads a string with escapes through encoding/json.
func (d *pushDecoder) quoted() (any, bool) {
	for j := d.i + 1; j < len(d.b); j++ {
		switch d.b[j] {
		case '\\':
			j++
		case '"':
			var s string
			if json.Unmarshal(d.b[d.i:j+1], &s) != nil {
				return nil, false
			}
			d.i = j + 1
			return s, true
		}
	}
	return nil, false
}

func (d *pushDecoder) literal(lit string) bool {
	if len(d.b)-d.i >= len(lit) && string(d.b[d.i:d.i+len(lit)]) == lit {
		d.i += len(lit)
		return true
	}
	return false
}
