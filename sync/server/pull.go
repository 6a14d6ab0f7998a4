package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/rowjson"
)

func (s *Server) pullParams(maxBytes, schema string) (int, int, *httpError) {
	mb := s.opts.MaxPageBytes
	if maxBytes != "" {
		n, err := strconv.Atoi(maxBytes)
		if err != nil || n <= 0 {
			return 0, 0, errBadRequest("max_bytes")
		}
		mb = min(n, s.opts.MaxPageBytes)
	}
	v := protocol.SchemaVersion
	if schema != "" {
		n, err := strconv.Atoi(schema)
		if err != nil {
			return 0, 0, errBadRequest("schema")
		}
		v = n
	}
	if herr := s.schemaCheck(v); herr != nil {
		return 0, 0, herr
	}
	return mb, v, nil
}

// EncodeCursor makes the opaque cursor of a position in an epoch.
func EncodeCursor(epoch string, seq int64) string { return epoch + ":" + strconv.FormatInt(seq, 10) }

// errCursorAhead: a cursor past the head was never handed out; answering
// it would skip every change up to it. Like another epoch's cursor it
// means "start again from a snapshot" (a database put back by hand, without
// `restore`, keeps its epoch but loses its head).
var errCursorAhead = &httpError{http.StatusGone, protocol.ErrSnapshotRequired,
	"Posisi tarik perangkat melewati data server; data akan dimuat ulang dari awal.",
	"The device's pull position is past the server's data; data is reloaded from the start.", nil}

// parseCursor reads a cursor; "" is the beginning. Another epoch's cursor,
// or one past the head (read by head, only when needed), is 410.
func parseCursor(c, epoch string, head func() (int64, error)) (int64, *httpError) {
	if c == "" || c == "0" {
		return 0, nil
	}
	ep, n, ok := strings.Cut(c, ":")
	if !ok {
		return 0, errBadRequest("cursor")
	}
	seq, err := strconv.ParseInt(n, 10, 64)
	if err != nil || seq < 0 {
		return 0, errBadRequest("cursor")
	}
	if ep != epoch {
		return 0, errSnapshot
	}
	if seq > 0 {
		h, err := head()
		if err != nil {
			return 0, errInternal(err)
		}
		if seq > h {
			return 0, errCursorAhead
		}
	}
	return seq, nil
}

// viewer is who pulls. With partial set (a protocol v3 client), a row the
// device holds already travels as its columns written after the cursor
// (after); see delta.
type viewer struct {
	dev     Device
	opdID   string
	partial bool
	after   int64
}

// opdID resolves a device's OPD row id (cached once found).
func (s *Server) opdID(ctx context.Context, d Device) (string, error) {
	if d.BKPSDM || d.OPDKode == "" {
		return "", nil
	}
	if v, ok := s.opdCache.Load(d.OPDKode); ok {
		return v.(string), nil
	}
	var id string
	err := s.st.Update(ctx, func(tx Tx) error {
		var err error
		id, err = opdIDOf(tx, d.OPDKode)
		return err
	})
	if err == nil && id != "" {
		s.opdCache.Store(d.OPDKode, id)
	}
	return id, err
}

// entry turns an item into the pull entry the viewer may see (ok=false: not visible).
func (v viewer) entry(it *Item, schema int) (protocol.Entry, bool, error) {
	all := v.dev.BKPSDM
	switch it.Kind {
	case ItemDisposition:
		if it.Device != v.dev.ID || v.ackHidden(it) {
			return protocol.Entry{}, false, nil
		}
		var d protocol.Disposition
		if err := json.Unmarshal(it.Data, &d); err != nil {
			return protocol.Entry{}, false, err
		}
		return protocol.Entry{Seq: it.Seq, Kind: protocol.KindDisposition, Disposition: &d}, true, nil
	case ItemConflict:
		if !all && !contains(it.Scope, v.opdID) {
			return protocol.Entry{}, false, nil
		}
		var c protocol.Conflict
		if err := json.Unmarshal(it.Data, &c); err != nil {
			return protocol.Entry{}, false, err
		}
		return protocol.Entry{Seq: it.Seq, Kind: protocol.KindConflict, Table: c.Table, RowID: c.RowID, Conflict: &c}, true, nil
	case ItemAlias:
		if !all && !contains(it.Scope, v.opdID) {
			return protocol.Entry{}, false, nil
		}
		row, err := rowData(it)
		if err != nil {
			return protocol.Entry{}, false, err
		}
		return protocol.Entry{Seq: it.Seq, Kind: protocol.KindAlias, Table: it.Table, RowID: it.ID, Row: row}, true, nil
	case ItemRow:
		visible := all || contains(it.Scope, v.opdID)
		if !visible {
			if v.opdID != "" && contains(it.Former, v.opdID) {
				return protocol.Entry{Seq: it.Seq, Kind: protocol.KindRow, Table: it.Table, RowID: it.ID, Deleted: true, Reason: protocol.ReasonOutOfScope}, true, nil
			}
			return protocol.Entry{}, false, nil
		}
		row, err := rowData(it)
		if err != nil {
			return protocol.Entry{}, false, err
		}
		e := protocol.Entry{Seq: it.Seq, Kind: protocol.KindRow, Table: it.Table, RowID: it.ID, HLC: str(row[keyHLC])}
		if it.Deleted {
			e.Deleted = true
			e.Reason = str(row[keyReason])
			return e, true, nil
		}
		delete(row, keyHLC)
		delete(row, keyReason)
		if it.Table == "pengguna" && v.dev.BKPSDM && str(row["opd_id"]) != "" {
			// A password hash travels only to the devices its account logs
			// in on: an OPD account's to its OPD's devices, never to BKPSDM
			// desktops (docs/accounts.md).
			row["password_hash"] = ""
		}
		if v.partial {
			if cols, base, ok := delta(it, v.after); ok {
				for c := range row {
					if !cols[c] {
						delete(row, c)
					}
				}
				e.Partial, e.Base = true, base
			}
		}
		split(Table(it.Table), row, schema, &e)
		if needsDowncast(it.Table, schema) {
			Downcast(it.Table, e.Row, protocol.SchemaVersion, schema)
		}
		return e, true, nil
	}
	return protocol.Entry{}, false, nil
}

// split puts the columns the client's schema knows in Row and the rest in Extra.
func split(td *TableDef, row map[string]any, schema int, e *protocol.Entry) {
	e.Row = row
	if td == nil {
		return
	}
	known := make(map[string]bool, len(td.Cols))
	for _, c := range td.Cols {
		if c.Since <= schema {
			known[c.Name] = true
		}
	}
	for k, v := range row {
		if !known[k] {
			if e.Extra == nil {
				e.Extra = map[string]any{}
			}
			e.Extra[k] = v
			delete(row, k)
		}
	}
}

// entryOverhead approximates the JSON envelope of an entry (seq, kind, hlc, keys).
const entryOverhead = 110

// Pull returns one page of the log after cursor for the device: entries
// until their JSON passes maxBytes (at least one).
func (s *Server) Pull(ctx context.Context, deviceID, cursor string, maxBytes, schema int) (protocol.PullResponse, *httpError) {
	resp, _, herr := s.pull(ctx, deviceID, cursor, maxBytes, schema)
	return resp, herr
}

// pullWire is PullResponse with entries already encoded (the HTTP path).
type pullWire struct {
	Entries     []json.RawMessage `json:"entries"`
	NextCursor  string            `json:"next_cursor"`
	HasMore     bool              `json:"has_more"`
	ServerTime  string            `json:"server_time"`
	ServerHLC   string            `json:"server_hlc"`
	ServerEpoch string            `json:"server_epoch"`
	MinSchema   int               `json:"min_schema"`
	MaxSchema   int               `json:"max_schema"`
}

// appendJSON is the response's JSON: the entries are copied as they are
// (built from stored images that were JSON already), where json.Marshal
// would scan and compact every byte of them again (15 % of the server's
// CPU in the load test).
func (p pullWire) appendJSON(b []byte) []byte {
	str := func(s string) []byte { j, _ := json.Marshal(s); return j }
	n := 0
	for _, e := range p.Entries {
		n += len(e) + 1
	}
	b = slices.Grow(b, n+256)
	b = append(b, `{"entries":[`...)
	for i, e := range p.Entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, e...)
	}
	b = append(b, `],"next_cursor":`...)
	b = append(b, str(p.NextCursor)...)
	b = append(b, `,"has_more":`...)
	b = strconv.AppendBool(b, p.HasMore)
	b = append(b, `,"server_time":`...)
	b = append(b, str(p.ServerTime)...)
	b = append(b, `,"server_hlc":`...)
	b = append(b, str(p.ServerHLC)...)
	b = append(b, `,"server_epoch":`...)
	b = append(b, str(p.ServerEpoch)...)
	b = append(b, `,"min_schema":`...)
	b = strconv.AppendInt(b, int64(p.MinSchema), 10)
	b = append(b, `,"max_schema":`...)
	b = strconv.AppendInt(b, int64(p.MaxSchema), 10)
	return append(b, '}')
}

// pullRaw is Pull with the entries encoded as JSON, row images copied from
// the store without decoding them (the HTTP path: half the CPU of Pull).
// d is the device as the request's authentication read it (not read again).
// proto is the protocol version the client announced (ParamProtocol; ""
// for 2 or older): from 3 on, rows it holds already come as partial rows.
func (s *Server) pullRaw(ctx context.Context, d Device, cursor string, maxBytes, schema int, proto string) (pullWire, *httpError) {
	raw := []json.RawMessage{}
	partial := false
	if proto != "" {
		n, err := strconv.Atoi(proto)
		if err != nil || n < 1 {
			return pullWire{}, errBadRequest(protocol.ParamProtocol)
		}
		partial = n >= 3
	}
	resp, _, herr := s.pullPage(ctx, d, cursor, maxBytes, s.opts.MaxPageBytes, schema, partial, &raw)
	if herr != nil {
		return pullWire{}, herr
	}
	return pullWire{Entries: raw, NextCursor: resp.NextCursor, HasMore: resp.HasMore, ServerTime: resp.ServerTime,
		ServerHLC: resp.ServerHLC, ServerEpoch: resp.ServerEpoch, MinSchema: resp.MinSchema, MaxSchema: resp.MaxSchema}, nil
}

// rawRow encodes a visible, live row entry straight from the stored image
// (`{"_hlc":"…",[_p, _w,]cols…}`, keys sorted by encoding/json, so the
// server's own keys come first; see imageParts). ok=false: use the
// decoding path.
func rawRow(it *Item, td *TableDef, schema int) ([]byte, bool) {
	if td == nil || td.MaxSince() > schema || needsDowncast(it.Table, schema) {
		return nil, false
	}
	h, _, _, cols, ok := imageParts(it.Data)
	if !ok {
		return nil, false // no columns, or not the expected shape
	}
	tbl, _ := json.Marshal(it.Table)
	id, _ := json.Marshal(it.ID)
	b := make([]byte, 0, len(cols)+len(tbl)+len(id)+100)
	b = append(b, `{"seq":`...)
	b = strconv.AppendInt(b, it.Seq, 10)
	b = append(b, `,"kind":"row","tbl":`...)
	b = append(b, tbl...)
	b = append(b, `,"row_id":`...)
	b = append(b, id...)
	b = append(b, `,"row":{`...)
	b = append(b, cols...)
	b = append(b, `,"hlc":"`...)
	b = append(b, h...)
	b = append(b, `"}`...)
	return b, true
}

// rawPartial encodes the partial row entry of a live row the device holds
// (holds) straight from the stored image, as entry and json.Marshal would
// (the same bytes): the columns written after the cursor copied as stored,
// without decoding the image into a map, deleting the others and encoding
// it again (on every pull of a v3 device, about two thirds of a pull's
// CPU). ok=false: use the decoding path (values whose stored text would not
// come back byte for byte: nested values, long integers, a \ufffd escape).
func rawPartial(it *Item, td *TableDef, schema int, after int64) ([]byte, bool) {
	if td == nil || td.MaxSince() > schema || needsDowncast(it.Table, schema) {
		return nil, false
	}
	h, whole, part, cols, ok := imageParts(it.Data)
	if !ok || whole <= 0 || whole > after {
		return nil, false
	}
	base := whole
	var buf [16][]byte
	changed := buf[:0]
	if !partSeqsRaw(part, func(c []byte, s int64) {
		if s > after {
			changed = append(changed, c)
		} else if s > base {
			base = s
		}
	}) {
		return nil, false
	}
	b := make([]byte, 0, 128+len(it.Table)+len(it.ID)+len(cols)/4)
	b = append(b, `{"seq":`...)
	b = strconv.AppendInt(b, it.Seq, 10)
	b = append(b, `,"kind":"row","tbl":`...)
	b = rowjson.AppendString(b, it.Table)
	b = append(b, `,"row_id":`...)
	b = rowjson.AppendString(b, it.ID)
	n := 0
	if len(changed) > 0 && !eachCol(cols, func(col, val []byte) bool {
		if !slices.ContainsFunc(changed, func(c []byte) bool { return bytes.Equal(c, col) }) {
			return true
		}
		if !td.Known(string(col)) || !copiesExactly(val) {
			return false
		}
		if n == 0 {
			b = append(b, `,"row":{`...)
		} else {
			b = append(b, ',')
		}
		n++
		b = append(b, '"')
		b = append(b, col...)
		b = append(b, `":`...)
		b = append(b, val...)
		return true
	}) {
		return nil, false
	}
	if n > 0 {
		b = append(b, '}')
	}
	b = append(b, `,"hlc":"`...)
	b = append(b, h...)
	b = append(b, `","partial":true,"base":`...)
	b = strconv.AppendInt(b, base, 10)
	return append(b, '}'), true
}

// copiesExactly says whether a stored value's text is what encoding/json
// writes again after decoding it (a string without a \ufffd escape, which
// decodes to U+FFFD written raw; a number a float64 holds exactly; a
// literal). Nested values are left to the decoding path.
func copiesExactly(val []byte) bool {
	switch val[0] {
	case '"':
		return !bytes.Contains(val, []byte(`\ufffd`))
	case '{', '[':
		return false
	case 't', 'f', 'n':
		return true
	}
	if bytes.ContainsAny(val, ".eE") {
		return true // written from a float64 by encoding/json: its shortest form
	}
	digits := len(val)
	if val[0] == '-' {
		digits--
	}
	return digits <= 15 // an integer a float64 holds exactly
}

func (s *Server) pull(ctx context.Context, deviceID, cursor string, maxBytes, schema int) (protocol.PullResponse, int, *httpError) {
	return s.pullInto(ctx, deviceID, cursor, maxBytes, schema, nil)
}

// pullInto builds one page; with raw set, the entries go there encoded and
// the response's Entries stay empty.
func (s *Server) pullInto(ctx context.Context, deviceID, cursor string, maxBytes, schema int, raw *[]json.RawMessage) (protocol.PullResponse, int, *httpError) {
	if herr := s.schemaCheck(schema); herr != nil {
		return protocol.PullResponse{}, 0, herr
	}
	devs, err := s.deviceByID(ctx, deviceID)
	if err != nil {
		return protocol.PullResponse{}, 0, err
	}
	return s.pullFor(ctx, devs, cursor, maxBytes, schema, raw)
}

// pullFor is pullInto for a device already read (and checked not revoked).
func (s *Server) pullFor(ctx context.Context, devs Device, cursor string, maxBytes, schema int, raw *[]json.RawMessage) (protocol.PullResponse, int, *httpError) {
	return s.pullCapped(ctx, devs, cursor, maxBytes, s.opts.MaxPageBytes, schema, raw)
}

// pullCapped is pullFor with the page's cap given (a chunk's is larger).
func (s *Server) pullCapped(ctx context.Context, devs Device, cursor string, maxBytes, limit, schema int, raw *[]json.RawMessage) (protocol.PullResponse, int, *httpError) {
	return s.pullPage(ctx, devs, cursor, maxBytes, limit, schema, false, raw)
}

// pullPage is pullCapped; partial: rows the device holds already travel as
// partial rows (protocol v3).
func (s *Server) pullPage(ctx context.Context, devs Device, cursor string, maxBytes, limit, schema int, partial bool, raw *[]json.RawMessage) (protocol.PullResponse, int, *httpError) {
	if herr := s.schemaCheck(schema); herr != nil {
		return protocol.PullResponse{}, 0, herr
	}
	if maxBytes <= 0 || maxBytes > limit {
		maxBytes = limit
	}
	epoch, e := s.st.Epoch(ctx)
	if e != nil {
		return protocol.PullResponse{}, 0, errInternal(e)
	}
	after, herr := parseCursor(cursor, epoch, func() (int64, error) { return s.st.Head(ctx) })
	if herr != nil {
		return protocol.PullResponse{}, 0, herr
	}
	opd, e := s.opdID(ctx, devs)
	if e != nil {
		return protocol.PullResponse{}, 0, errInternal(e)
	}
	v := viewer{dev: devs, opdID: opd, partial: partial && after > 0, after: after}
	resp := protocol.PullResponse{Entries: []protocol.Entry{}, ServerEpoch: epoch, MinSchema: s.opts.MinSchema, MaxSchema: s.opts.MaxSchema}
	size := 0
	last := after
	const batch = 512
	// The store reads only what this device may see (by its scope index);
	// v.entry below still applies the exact rules to each item.
	sc := ScanScope{All: devs.BKPSDM, OPD: opd, Device: devs.ID}
scan:
	for {
		items, e := s.st.ScanScoped(ctx, last, batch, sc)
		if e != nil {
			return protocol.PullResponse{}, 0, errInternal(e)
		}
		for i := range items {
			var enc []byte
			var ent protocol.Entry
			ok := false
			it := &items[i]
			if raw != nil && it.Kind == ItemRow && !it.Deleted && (v.dev.BKPSDM || contains(it.Scope, v.opdID)) && it.Table != "pengguna" {
				if !v.partial || !holds(it, v.after) {
					enc, ok = rawRow(it, Table(it.Table), schema)
				} else if enc, ok = rawPartial(it, Table(it.Table), schema, v.after); ok {
					ent.Partial = true // sized by its encoding, as below
				}
			}
			if !ok {
				var e error
				ent, ok, e = v.entry(it, schema)
				if e != nil {
					return protocol.PullResponse{}, 0, errInternal(e)
				}
				if ok && raw != nil {
					if enc, e = json.Marshal(ent); e != nil {
						return protocol.PullResponse{}, 0, errInternal(e)
					}
				}
			}
			if ok {
				// The entry's JSON size, estimated from the stored image plus
				// the envelope (marshalling each entry twice would double the
				// CPU cost of a pull).
				n := entryOverhead + len(items[i].Table) + len(items[i].ID)
				switch {
				case ent.Partial && enc != nil:
					n = len(enc)
				case ent.Partial:
					n += 32 * len(ent.Row) // a few changed columns
				case !ent.Deleted || items[i].Kind != ItemRow:
					n += len(items[i].Data)
				}
				if size+n > maxBytes && (len(resp.Entries) > 0 || (raw != nil && len(*raw) > 0)) {
					resp.HasMore = true
					if mutantCursorSkip() {
						last = items[i].Seq
					}
					break scan
				}
				size += n
				if raw != nil {
					*raw = append(*raw, enc)
				} else {
					resp.Entries = append(resp.Entries, ent)
				}
			}
			last = items[i].Seq
		}
		if len(items) < batch {
			break
		}
	}
	resp.NextCursor = EncodeCursor(epoch, last)
	resp.ServerTime = s.opts.Now().UTC().Format(time.RFC3339Nano)
	resp.ServerHLC = s.clock.Last().String()
	return resp, size, nil
}

func (s *Server) deviceByID(ctx context.Context, id string) (Device, *httpError) {
	d, err := s.st.DeviceByID(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return Device{}, errUnauthorized
	}
	if err != nil {
		return Device{}, errInternal(err)
	}
	if d.Revoked {
		return d, errUnauthorized
	}
	return d, nil
}
