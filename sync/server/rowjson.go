package server

import (
	"encoding/json"
	"strconv"

	"github.com/bkpsdm-sorong/imbang/sync/rowjson"
)

// Row images are written by sync/rowjson (encoding/json's bytes without its
// reflection: imageParts and the pulls read those bytes), stamps below in
// the same way (TestRowJSONMatchesEncodingJSON holds both equal).

// marshalRow is json.Marshal(row).
func marshalRow(row map[string]any) ([]byte, error) {
	if b, ok := rowjson.AppendRow(make([]byte, 0, 64*len(row)), row); ok {
		return b, nil
	}
	return json.Marshal(row)
}

// marshalMeta is the stored form of a row's stamps (appendMeta).
func marshalMeta(m rowMeta) []byte {
	return appendMeta(make([]byte, 0, 128+24*len(m.Stamps)), m)
}

func appendStamp(b []byte, s stamp) []byte {
	b = append(b, `{"h":`...)
	b = rowjson.AppendString(b, s.H)
	b = append(b, `,"d":`...)
	b = rowjson.AppendString(b, s.D)
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
				b = rowjson.AppendString(b, k)
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
				b = rowjson.AppendString(b, k)
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
