package server

import (
	"bytes"
	"encoding/json"
	"strconv"
	"sync"
	"unicode/utf8"
)

// A row item's Data is its image `{"_hlc":"…","_p":{…},"_w":N,cols…}`
// (encoding/json order: the server's own keys, which start with "_", come
// before the columns). Besides the columns it carries what a pull needs to
// send a device only the columns that changed after its cursor (protocol
// v3, docs/sync-protocol.md "Partial rows"), because scans return no Meta:
//
//   - _w (keyWhole): the seq from which a device needs the whole row: the
//     insert, a scope change, a revival, or the first write of a row stored
//     before partial rows existed. A device whose cursor is before it may
//     not hold the row as it is now.
//   - _p (keyPart): column → the seq of its last write, for the columns
//     written after _w (absent when none).
//
// Both are derived from rowMeta in put and stripped by rowData, so the rest
// of the package sees columns (and _hlc, _reason) only.
const (
	keyHLC    = "_hlc"
	keyReason = "_reason"
	keyWhole  = "_w"
	keyPart   = "_p"
)

// rowData decodes a row image (a fresh map the caller may change).
func rowData(it *Item) (map[string]any, error) {
	if it == nil || len(it.Data) == 0 {
		return map[string]any{}, nil
	}
	if row, ok := images.row(it); ok {
		return row, nil
	}
	m, ok := decodeFlat(it.Data)
	if !ok {
		m = map[string]any{}
		if err := json.Unmarshal(it.Data, &m); err != nil {
			return m, err
		}
	}
	delete(m, keyWhole)
	delete(m, keyPart)
	images.putRow(it, m, false)
	return m, nil
}

// decodeFlat decodes a stored image as json.Unmarshal into a map would,
// for the images pushes and pulls meet: one compact object of strings
// without escapes, numbers, booleans and nulls (_p's object is skipped: the
// caller drops it). ok=false for anything else (an escape, invalid UTF-8,
// a nested value, whitespace), which json.Unmarshal then decodes; the
// reflection of encoding/json was a sixth of the server's CPU.
func decodeFlat(d []byte) (map[string]any, bool) {
	if len(d) < 2 || d[0] != '{' || d[len(d)-1] != '}' {
		return nil, false
	}
	m := make(map[string]any, 24)
	all := string(d) // one copy: keys and strings are slices of it
	rest := d[1 : len(d)-1]
	for len(rest) > 0 {
		if rest[0] != '"' {
			return nil, false
		}
		q := bytes.IndexByte(rest[1:], '"')
		if q < 0 || len(rest) < q+3 || rest[q+2] != ':' {
			return nil, false
		}
		key := rest[1 : q+1]
		if !plainString(key) {
			return nil, false
		}
		rest = rest[q+3:]
		n := valueLen(rest)
		if n <= 0 {
			return nil, false
		}
		val := rest[:n]
		rest = rest[n:]
		if len(rest) > 0 {
			if rest[0] != ',' || len(rest) == 1 {
				return nil, false
			}
			rest = rest[1:]
		}
		if string(key) == keyPart {
			continue
		}
		var v any
		switch c := val[0]; {
		case c == '"':
			body := val[1 : len(val)-1]
			if !plainString(body) {
				return nil, false
			}
			v = sub(all, d, body)
		case c == '-' || (c >= '0' && c <= '9'):
			if !validNumber(val) {
				return nil, false
			}
			f, err := strconv.ParseFloat(string(val), 64)
			if err != nil {
				return nil, false
			}
			v = f
		case string(val) == "true":
			v = true
		case string(val) == "false":
			v = false
		case string(val) == "null":
			v = nil
		default:
			return nil, false
		}
		m[sub(all, d, key)] = v
	}
	return m, true
}

// sub is part (a slice of d) as the same bytes of all, d's copy.
func sub(all string, d, part []byte) string {
	i := cap(d) - cap(part) // part's offset in d: both end at d's capacity
	return all[i : i+len(part)]
}

// plainString says whether a JSON string's body stands for itself: no
// escape, no control character, valid UTF-8.
func plainString(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c == '\\' {
			return false
		}
	}
	return utf8.Valid(b)
}

// validNumber says whether b is a JSON number (the grammar encoding/json
// checks before it parses one; the push decoder reads the same grammar).
func validNumber(b []byte) bool {
	d := pushDecoder{b: b}
	_, ok := d.number()
	return ok && d.i == len(b)
}

// rowMetaOf decodes a row's stamps (a fresh copy the caller may change).
func rowMetaOf(it *Item) (rowMeta, error) {
	if it == nil || len(it.Meta) == 0 {
		return rowMeta{Stamps: map[string]stamp{}}, nil
	}
	if m, ok := images.meta(it); ok {
		return m, nil
	}
	m, err := decodeMeta(it.Meta)
	if err == nil {
		images.putMeta(it, m, false)
	}
	return m, err
}

// decodeMeta reads stored stamps, in either form (appendMeta's, or every
// column in "s" as rows stored before it have them).
func decodeMeta(b []byte) (rowMeta, error) {
	var stored struct {
		rowMeta
		C *stamp   `json:"c"` // appendMeta's common stamp
		K []string `json:"k"` // and the columns that hold it
	}
	err := json.Unmarshal(b, &stored)
	m := stored.rowMeta
	if m.Stamps == nil {
		m.Stamps = map[string]stamp{}
	}
	if stored.C != nil {
		for _, c := range stored.K {
			m.Stamps[c] = *stored.C
		}
	}
	return m, err
}

// imageCache keeps decoded images and stamps of recently written or read
// items: a push checks and merges each change against the stored row, and
// the same rows come back push after push (and in the pulls of the other
// devices), so decoding their JSON every time cost about a sixth of the
// server's CPU under load. An entry counts only while the item's seq and
// bytes are the ones it was made from (a rolled-back transaction, or
// another server process on the same database, may reuse a seq), so it can
// never answer for other data. Bounded: a full cache drops an arbitrary
// entry for each new one.
type imageCache struct {
	mu  sync.Mutex
	max int
	m   map[cacheKey]*cached
}

type cacheKey struct{ kind, tbl, id string }

type cached struct {
	seq      int64
	data     []byte
	row      map[string]any
	metaData []byte
	meta     *rowMeta
}

// images is small on purpose: every entry is live heap the collector marks
// on each cycle (at 4,096 entries a region's initial pull lost ~10 % of its
// CPU to it); the rows a push reads again are the ones written moments ago.
var images = &imageCache{max: 1024, m: map[cacheKey]*cached{}}

func (c *imageCache) get(it *Item) *cached {
	e := c.m[cacheKey{it.Kind, it.Table, it.ID}]
	if e == nil || e.seq != it.Seq {
		return nil
	}
	return e
}

func (c *imageCache) row(it *Item) (map[string]any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.get(it)
	if e == nil || e.row == nil || !bytes.Equal(e.data, it.Data) {
		return nil, false
	}
	return cloneRow(e.row), true
}

func (c *imageCache) meta(it *Item) (rowMeta, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.get(it)
	if e == nil || e.meta == nil || !bytes.Equal(e.metaData, it.Meta) {
		return rowMeta{}, false
	}
	return e.meta.clone(), true
}

// entry returns the item's entry, replacing one of another seq (each
// part of an entry is checked against its own bytes when read); nil when
// the entry is of a newer seq and it is only read (a push reads a row's
// previous image after writing the new one). A write (put) always
// replaces: after a rollback a seq may come again with other bytes.
func (c *imageCache) entry(it *Item, write bool) *cached {
	k := cacheKey{it.Kind, it.Table, it.ID}
	e := c.m[k]
	if e != nil && e.seq == it.Seq {
		return e
	}
	if e != nil && e.seq > it.Seq && !write {
		return nil
	}
	if e == nil && len(c.m) >= c.max {
		for old := range c.m {
			delete(c.m, old)
			break
		}
	}
	e = &cached{seq: it.Seq}
	c.m[k] = e
	return e
}

// putRow remembers row (without _w and _p) as the image of it.Data (write:
// just written by put); it keeps its own copy. Only a row that decoding
// it.Data gives back exactly is kept (JSON's own types, valid UTF-8).
func (c *imageCache) putRow(it *Item, row map[string]any, write bool) {
	r := make(map[string]any, len(row))
	for k, v := range row {
		v, ok := asDecoded(v)
		if !ok || !roundTrips(k) {
			return
		}
		r[k] = v
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.entry(it, write); e != nil {
		e.data, e.row = it.Data, r
	}
}

// putMeta remembers m as the decoded it.Meta, like putRow.
func (c *imageCache) putMeta(it *Item, m rowMeta, write bool) {
	for k, s := range m.Stamps {
		if !roundTrips(k) || !roundTrips(s.H) || !roundTrips(s.D) {
			return
		}
	}
	if m.Del != nil && (!roundTrips(m.Del.H) || !roundTrips(m.Del.D)) {
		return
	}
	cp := m.clone()
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.entry(it, write); e != nil {
		e.metaData, e.meta = it.Meta, &cp
	}
}

// asDecoded is v as decoding its JSON gives it back (whole numbers of Go
// integer types, e.g. from ApplyPortal, become float64); ok=false when it
// does not come back as itself.
func asDecoded(v any) (any, bool) {
	const exact = 1 << 53
	switch x := v.(type) {
	case int:
		return float64(x), x > -exact && x < exact
	case int64:
		return float64(x), x > -exact && x < exact
	case int32:
		return float64(x), true
	}
	return v, roundTrips(v)
}

// roundTrips says whether v decodes from its JSON as itself.
func roundTrips(v any) bool {
	switch x := v.(type) {
	case nil, bool, float64:
		return true
	case string:
		return utf8.ValidString(x)
	}
	return false
}

func cloneRow(row map[string]any) map[string]any {
	out := make(map[string]any, len(row))
	for k, v := range row {
		out[k] = v
	}
	return out
}

func (m rowMeta) clone() rowMeta {
	out := rowMeta{Stamps: make(map[string]stamp, len(m.Stamps)), W: m.W}
	for k, v := range m.Stamps {
		out.Stamps[k] = v
	}
	if m.Del != nil {
		d := *m.Del
		out.Del = &d
	}
	return out
}

// imageParts splits a stored live row image without decoding its columns:
// the HLC, the change info (_w, and _p's raw text) and the columns' JSON
// from the first column's key to the closing brace. ok=false: the image
// has another shape (no columns, _reason, not written by this package).
func imageParts(d []byte) (h []byte, whole int64, part []byte, cols []byte, ok bool) {
	const pre = `{"` + keyHLC + `":"`
	if len(d) < len(pre)+26+2 || string(d[:len(pre)]) != pre {
		return nil, 0, nil, nil, false
	}
	h = d[len(pre) : len(pre)+26]
	rest := d[len(pre)+26:]
	if rest[0] != '"' {
		return nil, 0, nil, nil, false
	}
	rest = rest[1:]
	const pk, wk = `,"` + keyPart + `":{`, `,"` + keyWhole + `":`
	if bytes.HasPrefix(rest, []byte(pk)) {
		end := bytes.IndexByte(rest, '}')
		if end < 0 {
			return nil, 0, nil, nil, false
		}
		part, rest = rest[len(pk):end], rest[end+1:]
	}
	if bytes.HasPrefix(rest, []byte(wk)) {
		rest = rest[len(wk):]
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		n, err := strconv.ParseInt(string(rest[:i]), 10, 64)
		if err != nil {
			return nil, 0, nil, nil, false
		}
		whole, rest = n, rest[i:]
	}
	if len(rest) < 3 || rest[0] != ',' || rest[1] != '"' || bytes.HasPrefix(rest, []byte(`,"_`)) {
		return nil, 0, nil, nil, false
	}
	return h, whole, part, rest[1:], true
}

// partSeqs reads _p's raw text (`"col":seq,…`, column names are plain
// identifiers) and calls fn for each column.
func partSeqs(part []byte, fn func(col string, seq int64)) bool {
	return partSeqsRaw(part, func(col []byte, seq int64) { fn(string(col), seq) })
}

// partSeqsRaw is partSeqs with the column names as bytes of part.
func partSeqsRaw(part []byte, fn func(col []byte, seq int64)) bool {
	for len(part) > 0 {
		if part[0] != '"' {
			return false
		}
		q := bytes.IndexByte(part[1:], '"')
		if q < 0 || len(part) < q+3 || part[q+2] != ':' {
			return false
		}
		col := part[1 : q+1]
		part = part[q+3:]
		i := 0
		for i < len(part) && part[i] >= '0' && part[i] <= '9' {
			i++
		}
		n, err := strconv.ParseInt(string(part[:i]), 10, 64)
		if err != nil {
			return false
		}
		fn(col, n)
		part = part[i:]
		if len(part) > 0 {
			if part[0] != ',' {
				return false
			}
			part = part[1:]
		}
	}
	return true
}

// holds says whether a device whose cursor is after holds the live row
// already (as of its whole-from seq): then it may get a partial row.
func holds(it *Item, after int64) bool {
	_, whole, _, _, shaped := imageParts(it.Data)
	return shaped && whole > 0 && whole <= after
}

// delta says which columns of a live row a device whose cursor is after
// lacks: the columns written after it, and base, the seq of the oldest
// image of the row the others are current in. ok=false: the device needs
// the whole row (it may not hold the row, or the image has no change info).
func delta(it *Item, after int64) (cols map[string]bool, base int64, ok bool) {
	_, whole, part, _, shaped := imageParts(it.Data)
	if !shaped || whole <= 0 || whole > after {
		return nil, 0, false
	}
	base = whole
	cols = map[string]bool{}
	if !partSeqs(part, func(c string, s int64) {
		if s > after {
			cols[c] = true
		} else if s > base {
			base = s
		}
	}) {
		return nil, 0, false
	}
	return cols, base, true
}

// eachCol walks the columns' JSON of imageParts (`"col":value,…}`) and
// calls fn with each column's name and its value's bytes as stored; false
// when the text is not that shape (a name with an escape, keys out of
// encoding/json's order, a broken value) or fn returns false.
func eachCol(cols []byte, fn func(col, val []byte) bool) bool {
	var prev []byte
	for len(cols) > 0 && cols[0] == '"' {
		q := bytes.IndexByte(cols[1:], '"')
		if q < 0 || len(cols) < q+3 || cols[q+2] != ':' {
			return false
		}
		col := cols[1 : q+1]
		if bytes.IndexByte(col, '\\') >= 0 || (prev != nil && bytes.Compare(prev, col) >= 0) {
			return false
		}
		prev = col
		rest := cols[q+3:]
		n := valueLen(rest)
		if n <= 0 || !fn(col, rest[:n]) {
			return false
		}
		cols = rest[n:]
		if len(cols) > 0 && cols[0] == ',' {
			cols = cols[1:]
		}
	}
	return len(cols) == 1 && cols[0] == '}'
}

// valueLen is the length of the JSON value b starts with (compact JSON, as
// encoding/json writes it); 0 when it is not one.
func valueLen(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	switch c := b[0]; {
	case c == '"':
		for i := 1; i < len(b); i++ {
			switch b[i] {
			case '\\':
				i++
			case '"':
				return i + 1
			}
		}
		return 0
	case c == '{' || c == '[':
		depth := 0
		for i := 0; i < len(b); i++ {
			switch b[i] {
			case '"':
				n := valueLen(b[i:])
				if n == 0 {
					return 0
				}
				i += n - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return 0
	default: // number, true, false, null
		i := 0
		for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' {
			i++
		}
		return i
	}
}
