package client

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"sync"

	kgzip "github.com/klauspost/compress/gzip"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/rowjson"
)

// pushBody is gz(req) without encoding/json's reflection: the same bytes
// (TestPushBodyIsEncodingJSON), with a change's columns taken as they are
// from raw[i], the outbox's JSON (store.UnsentChangesRaw): json.Marshal
// wrote it, so it is what re-encoding the decoded columns writes, but for
// a U+FFFD Marshal wrote for invalid UTF-8, which stays escaped (the same
// value for the server). A region's first upload spent a quarter of the
// desktop's push CPU decoding and re-encoding its 50,000 changes.
func pushBody(req protocol.PushRequest, raw []json.RawMessage) ([]byte, error) {
	b, ok := appendPush(make([]byte, 0, 256*len(req.Changes)+256), req, raw)
	if !ok {
		// A value only encoding/json writes: the columns decoded from raw
		// are what it would have been given.
		req.Changes = slices.Clone(req.Changes)
		for i, r := range raw {
			if r != nil {
				dec := json.NewDecoder(bytes.NewReader(r))
				dec.UseNumber()
				if err := dec.Decode(&req.Changes[i].Cols); err != nil {
					return nil, err
				}
			}
		}
		return gz(req)
	}
	var buf bytes.Buffer
	buf.Grow(len(b)/4 + 64)
	return gzipTo(&buf, func(zw *kgzip.Writer) error {
		_, err := zw.Write(b)
		return err
	})
}

// gzipWriters are klauspost/compress's at level 6: on a region upload's
// bodies about the bytes of compress/gzip's default (+0.5 %) at half its
// CPU (its own default, level 5, writes 5 % more). Reused: a new writer
// allocates its window and tables.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := kgzip.NewWriterLevel(nil, 6)
	return zw
}}

// gzipTo compresses what write writes into buf and returns buf's bytes.
func gzipTo(buf *bytes.Buffer, write func(*kgzip.Writer) error) ([]byte, error) {
	zw := gzipWriters.Get().(*kgzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(buf)
	if err := write(zw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// appendPush appends what json.NewEncoder(w).Encode(req) writes (its
// trailing newline too); false when a column value is one rowjson leaves
// to encoding/json.
func appendPush(b []byte, req protocol.PushRequest, raw []json.RawMessage) ([]byte, bool) {
	b = append(b, `{"device_id":`...)
	b = rowjson.AppendString(b, req.DeviceID)
	b = append(b, `,"schema_version":`...)
	b = strconv.AppendInt(b, int64(req.SchemaVersion), 10)
	b = append(b, `,"app_version":`...)
	b = rowjson.AppendString(b, req.AppVersion)
	b = append(b, `,"client_time":`...)
	b = rowjson.AppendString(b, req.ClientTime)
	b = append(b, `,"changes":`...)
	if req.Changes == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range req.Changes {
			if i > 0 {
				b = append(b, ',')
			}
			var r json.RawMessage
			if i < len(raw) {
				r = raw[i]
			}
			var ok bool
			if b, ok = appendChange(b, &req.Changes[i], r); !ok {
				return nil, false
			}
		}
		b = append(b, ']')
	}
	return append(b, "}\n"...), true
}

func appendChange(b []byte, c *protocol.Change, raw json.RawMessage) ([]byte, bool) {
	b = append(b, `{"local_seq":`...)
	b = strconv.AppendInt(b, c.LocalSeq, 10)
	b = append(b, `,"change_id":`...)
	b = rowjson.AppendString(b, c.ChangeID)
	b = append(b, `,"tbl":`...)
	b = rowjson.AppendString(b, c.Table)
	b = append(b, `,"row_id":`...)
	b = rowjson.AppendString(b, c.RowID)
	b = append(b, `,"op":`...)
	b = rowjson.AppendString(b, c.Op)
	switch {
	case raw != nil:
		b = append(b, `,"cols":`...)
		b = append(b, raw...)
	case len(c.Cols) > 0:
		b = append(b, `,"cols":`...)
		var ok bool
		if b, ok = rowjson.AppendRow(b, c.Cols); !ok {
			return nil, false
		}
	}
	b = append(b, `,"hlc":`...)
	b = rowjson.AppendString(b, c.HLC)
	b = append(b, `,"base_seq":`...)
	b = strconv.AppendInt(b, c.BaseSeq, 10)
	if c.Actor != "" {
		b = append(b, `,"actor":`...)
		b = rowjson.AppendString(b, c.Actor)
	}
	b = append(b, `,"schema_version":`...)
	b = strconv.AppendInt(b, int64(c.SchemaVersion), 10)
	return append(b, '}'), true
}
