package server

import (
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf8"
)

// Row images and stamps are written as encoding/json writes them (sorted
// keys, its escaping and number format: imageParts and the pulls read those
// bytes), but without its reflection and per-map sorting machinery: a
// region upload marshals two of them per change. Any value the fast path
// does not know byte for byte goes through encoding/json itself
// (TestRowJSONMatchesEncodingJSON holds the two equal).

// marshalRow is json.Marshal(row).
func marshalRow(row map[string]any) ([]byte, error) {
	if b, ok := appendRow(make([]byte, 0, 64*len(row)), row); ok {
		return b, nil
	}
	return json.Marshal(row)
}

// marshalMeta is the stored form of a row's stamps (appendMeta).
func marshalMeta(m rowMeta) []byte {
	return appendMeta(make([]byte, 0, 128+24*len(m.Stamps)), m)
}

func appendRow(b []byte, row map[string]any) ([]byte, bool) {
	if row == nil {
		return append(b, "null"...), true
	}
	b = append(b, '{')
	for i, k := range sortedKeys(row) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		var ok bool
		if b, ok = appendValue(b, row[k]); !ok {
			return nil, false
		}
	}
	return append(b, '}'), true
}

func appendValue(b []byte, v any) ([]byte, bool) {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), true
	case string:
		return appendJSONString(b, x), true
	case bool:
		return strconv.AppendBool(b, x), true
	case float64:
		return appendFloat(b, x)
	case int:
		return strconv.AppendInt(b, int64(x), 10), true
	case int64:
		return strconv.AppendInt(b, x, 10), true
	case map[string]int64:
		if x == nil {
			return append(b, "null"...), true
		}
		b = append(b, '{')
		for i, k := range sortedKeys(x) {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, k)
			b = append(b, ':')
			b = strconv.AppendInt(b, x[k], 10)
		}
		return append(b, '}'), true
	}
	return nil, false
}

// appendFloat writes what encoding/json writes for the floats that use its
// plain decimal form; the others (exponents, NaN, infinities) are left to it.
func appendFloat(b []byte, f float64) ([]byte, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, false
	}
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		return nil, false
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64), true
}

// appendJSONString writes s quoted; a string with anything encoding/json
// escapes (quotes, backslashes, control and HTML characters, U+2028/9,
// invalid UTF-8) is quoted by encoding/json itself.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return appendQuoted(b, s)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || r == '\u2028' || r == '\u2029' {
			return appendQuoted(b, s)
		}
		i += size
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendQuoted(b []byte, s string) []byte {
	q, _ := json.Marshal(s)
	return append(b, q...)
}

func appendStamp(b []byte, s stamp) []byte {
	b = append(b, `{"h":`...)
	b = appendJSONString(b, s.H)
	b = append(b, `,"d":`...)
	b = appendJSONString(b, s.D)
	b = append(b, `,"s":`...)
	b = strconv.AppendInt(b, s.S, 10)
	return append(b, '}')
}

// appendMeta writes the stamps compactly: the stamp most columns share
// (every column of an inserted row, most of an edited one) once as "c"
// with its columns in "k", the others in "s" as before (rowMetaOf reads
// both forms into the same rowMeta). A row's stamps were three times its
// data, and every byte of them is written to the log.
func appendMeta(b []byte, m rowMeta) []byte {
	keys := sortedKeys(m.Stamps)
	common, n := commonStamp(m.Stamps)
	b = append(b, `{"s":`...)
	if m.Stamps == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '{')
		first := true
		for _, k := range keys {
			if s := m.Stamps[k]; n < 2 || s != common {
				if !first {
					b = append(b, ',')
				}
				first = false
				b = appendJSONString(b, k)
				b = append(b, ':')
				b = appendStamp(b, s)
			}
		}
		b = append(b, '}')
	}
	if m.Del != nil {
		b = append(b, `,"d":`...)
		b = appendStamp(b, *m.Del)
	}
	if m.W != 0 {
		b = append(b, `,"w":`...)
		b = strconv.AppendInt(b, m.W, 10)
	}
	if n >= 2 {
		b = append(b, `,"c":`...)
		b = appendStamp(b, common)
		b = append(b, `,"k":[`...)
		first := true
		for _, k := range keys {
			if m.Stamps[k] == common {
				if !first {
					b = append(b, ',')
				}
				first = false
				b = appendJSONString(b, k)
			}
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// commonStamp is the stamp most columns hold and how many hold it.
func commonStamp(st map[string]stamp) (stamp, int) {
	var best stamp
	n := 0
	var counts map[stamp]int
	for _, s := range st {
		if n == 0 {
			best, n = s, 1
			continue
		}
		if s == best && counts == nil {
			n++
			continue
		}
		if counts == nil {
			counts = map[stamp]int{best: n}
		}
		counts[s]++
		if c := counts[s]; c > n || (c == n && stampBefore(s, best)) {
			best, n = s, c
		}
	}
	return best, n
}

// stampBefore orders stamps for commonStamp's tie (any fixed order will do).
func stampBefore(a, b stamp) bool {
	if a.H != b.H {
		return a.H < b.H
	}
	if a.D != b.D {
		return a.D < b.D
	}
	return a.S < b.S
}
