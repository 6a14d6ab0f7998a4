package protocol

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// Compact pull pages ("chunks", protocol version 2; docs/sync-protocol.md,
// "Compact first sync"). A chunk carries exactly the entries of one pull
// page — same cursor, same scope, same order — in another encoding: live
// rows columnar per table, each column dictionary-coded when its values
// repeat, ids and other UUIDs as 16 bytes, stamps as deltas, the whole
// compressed with zstd. Every other entry (dispositions, conflicts, aliases,
// removals, rows carrying extra columns) travels as its JSON inside the
// chunk. The SHA-256 of the uncompressed payload travels in the header
// HeaderChunkSHA256 and is checked before anything is applied.
const (
	// ChunkEncoding is the value of the pull's `enc` query parameter that
	// asks for a chunk. A server that does not know it answers JSON.
	ChunkEncoding = "imbc1"
	// ChunkContentType is the Content-Type of a chunk answer.
	ChunkContentType = "application/vnd.imbang.chunk"
	// HeaderChunkSHA256 holds the hex SHA-256 of the decompressed payload.
	HeaderChunkSHA256 = "Imbang-Chunk-Sha256"
	// MaxChunkPayload bounds the decompressed payload a client accepts.
	MaxChunkPayload = 256 << 20
)

const chunkMagic = "IMBC1\n"

// value tags of the columnar encoding
const (
	tagAbsent = iota // the key is not in the row
	tagNull
	tagString
	tagUUID   // canonical lower-case UUID string, 16 bytes
	tagInt    // json.Number holding a canonical integer, zigzag varint
	tagNumber // any other json.Number, as its text
	tagTrue
	tagFalse
	tagJSON // anything else, as JSON (decoded with UseNumber)
)

// chunkMeta is the page envelope inside a chunk.
type chunkMeta struct {
	NextCursor  string `json:"next_cursor"`
	HasMore     bool   `json:"has_more"`
	ServerTime  string `json:"server_time"`
	ServerHLC   string `json:"server_hlc"`
	ServerEpoch string `json:"server_epoch"`
	MinSchema   int    `json:"min_schema"`
	MaxSchema   int    `json:"max_schema"`
	Entries     int    `json:"entries"`
}

var (
	zenc     *zstd.Encoder
	zdec     *zstd.Decoder
	zencOnce sync.Once
	zdecOnce sync.Once
)

func encoder() *zstd.Encoder {
	zencOnce.Do(func() {
		zenc, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBetterCompression), zstd.WithEncoderConcurrency(1))
	})
	return zenc
}

func decoder() *zstd.Decoder {
	zdecOnce.Do(func() {
		zdec, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(MaxChunkPayload))
	})
	return zdec
}

// columnar says whether an entry travels in its table's columns: a live
// row with nothing but seq, table, id, stamp and row.
func columnar(e *Entry) bool {
	return e.Kind == KindRow && !e.Deleted && e.Extra == nil && e.Reason == "" && e.Disposition == nil && e.Conflict == nil &&
		e.Table != "" && e.Row != nil
}

// EncodeChunk encodes a pull page. Row values must be what a JSON decoder
// with UseNumber makes (string, json.Number, bool, nil, maps, slices); the
// chunk decodes to the same values. It returns the compressed body and the
// hex SHA-256 of the payload.
func EncodeChunk(p PullResponse) ([]byte, string, error) {
	var w cw
	w.b = append(w.b, chunkMagic...)
	meta, err := json.Marshal(chunkMeta{p.NextCursor, p.HasMore, p.ServerTime, p.ServerHLC, p.ServerEpoch, p.MinSchema, p.MaxSchema, len(p.Entries)})
	if err != nil {
		return nil, "", err
	}
	w.bytes(meta)
	var other []Entry
	byTable := map[string][]*Entry{}
	var order []string
	for i := range p.Entries {
		e := &p.Entries[i]
		if !columnar(e) {
			other = append(other, *e)
			continue
		}
		if _, ok := byTable[e.Table]; !ok {
			order = append(order, e.Table)
		}
		byTable[e.Table] = append(byTable[e.Table], e)
	}
	oj, err := json.Marshal(other)
	if err != nil {
		return nil, "", err
	}
	w.bytes(oj)
	w.uvarint(uint64(len(order)))
	for _, t := range order {
		if err := w.table(t, byTable[t]); err != nil {
			return nil, "", err
		}
	}
	sum := sha256.Sum256(w.b)
	return encoder().EncodeAll(w.b, nil), hex.EncodeToString(sum[:]), nil
}

// cw writes the payload.
type cw struct{ b []byte }

func (w *cw) uvarint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }
func (w *cw) varint(v int64)   { w.b = binary.AppendVarint(w.b, v) }
func (w *cw) bytes(p []byte)   { w.uvarint(uint64(len(p))); w.b = append(w.b, p...) }
func (w *cw) str(s string)     { w.uvarint(uint64(len(s))); w.b = append(w.b, s...) }

// tableHead writes what both encodings start a table with: its name, the
// row count, the sorted column names and the seqs as deltas; it returns the
// columns.
func (w *cw) tableHead(name string, rows []*Entry) []string {
	w.str(name)
	w.uvarint(uint64(len(rows)))
	colSet := map[string]bool{}
	for _, e := range rows {
		for c := range e.Row {
			colSet[c] = true
		}
	}
	cols := make([]string, 0, len(colSet))
	for c := range colSet {
		cols = append(cols, c)
	}
	slices.Sort(cols)
	w.uvarint(uint64(len(cols)))
	for _, c := range cols {
		w.str(c)
	}
	var prev int64
	for _, e := range rows {
		w.varint(e.Seq - prev)
		prev = e.Seq
	}
	return cols
}

func (w *cw) table(name string, rows []*Entry) error {
	cols := w.tableHead(name, rows)
	for _, e := range rows {
		if err := w.value(e.RowID, true); err != nil {
			return err
		}
	}
	var prevWall int64
	for _, e := range rows {
		wall, logical, ok := parseStamp(e.HLC)
		if !ok {
			w.uvarint(0)
			w.str(e.HLC)
			continue
		}
		w.uvarint(1)
		w.varint(wall - prevWall)
		w.uvarint(logical)
		prevWall = wall
	}
	vals := make([]any, len(rows))
	present := make([]bool, len(rows))
	for _, c := range cols {
		for i, e := range rows {
			vals[i], present[i] = e.Row[c]
		}
		if err := w.column(vals, present); err != nil {
			return fmt.Errorf("chunk: %s.%s: %w", name, c, err)
		}
	}
	return nil
}

// column writes one column: a dictionary of its distinct values and an
// index per row when they repeat, else the values in row order.
func (w *cw) column(vals []any, present []bool) error {
	keys := make([]string, len(vals))
	dict := map[string]int{}
	var distinct []int // row index of each distinct value's first use
	for i, v := range vals {
		k, err := valueKey(v, present[i])
		if err != nil {
			return err
		}
		keys[i] = k
		if _, ok := dict[k]; !ok {
			dict[k] = len(distinct)
			distinct = append(distinct, i)
		}
	}
	if len(distinct)*2 <= len(vals) {
		w.uvarint(1)
		w.uvarint(uint64(len(distinct)))
		for _, i := range distinct {
			if err := w.value(vals[i], present[i]); err != nil {
				return err
			}
		}
		for _, k := range keys {
			w.uvarint(uint64(dict[k]))
		}
		return nil
	}
	w.uvarint(0)
	for i, v := range vals {
		if err := w.value(v, present[i]); err != nil {
			return err
		}
	}
	return nil
}

// valueKey identifies a value for the dictionary (type and content).
func valueKey(v any, present bool) (string, error) {
	if !present {
		return "a", nil
	}
	switch x := v.(type) {
	case nil:
		return "n", nil
	case string:
		return "s" + x, nil
	case json.Number:
		return "#" + string(x), nil
	case bool:
		if x {
			return "t", nil
		}
		return "f", nil
	}
	b, err := json.Marshal(v)
	return "j" + string(b), err
}

func (w *cw) value(v any, present bool) error {
	if !present {
		w.b = append(w.b, tagAbsent)
		return nil
	}
	switch x := v.(type) {
	case nil:
		w.b = append(w.b, tagNull)
	case string:
		if u, ok := uuidBytes(x); ok {
			w.b = append(w.b, tagUUID)
			w.b = append(w.b, u[:]...)
		} else {
			w.b = append(w.b, tagString)
			w.str(x)
		}
	case json.Number:
		if n, err := strconv.ParseInt(string(x), 10, 64); err == nil && strconv.FormatInt(n, 10) == string(x) {
			w.b = append(w.b, tagInt)
			w.varint(n)
		} else {
			w.b = append(w.b, tagNumber)
			w.str(string(x))
		}
	case bool:
		if x {
			w.b = append(w.b, tagTrue)
		} else {
			w.b = append(w.b, tagFalse)
		}
	case float64, int, int64:
		return fmt.Errorf("number %v is not a json.Number (decode with UseNumber)", x)
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		w.b = append(w.b, tagJSON)
		w.bytes(b)
	}
	return nil
}

// parseStamp reads an HLC string of the canonical form %015d.%010d.
func parseStamp(s string) (int64, uint64, bool) {
	if len(s) != 26 || s[15] != '.' {
		return 0, 0, false
	}
	wall, err1 := strconv.ParseUint(s[:15], 10, 64)
	logical, err2 := strconv.ParseUint(s[16:], 10, 64)
	if err1 != nil || err2 != nil || wall > math.MaxInt64 || logical > 9_999_999_999 {
		return 0, 0, false
	}
	return int64(wall), logical, true
}

func formatStamp(wall int64, logical uint64) string {
	return fmt.Sprintf("%015d.%010d", wall, logical)
}

const hexdig = "0123456789abcdef"

// uuidBytes: the 16 bytes of a canonical lower-case UUID string.
func uuidBytes(s string) ([16]byte, bool) {
	var u [16]byte
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return u, false
	}
	j := 0
	for i := 0; i < 36; {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			i++
			continue
		}
		hi, lo := bytes.IndexByte([]byte(hexdig), s[i]), bytes.IndexByte([]byte(hexdig), s[i+1])
		if hi < 0 || lo < 0 {
			return u, false
		}
		u[j] = byte(hi<<4 | lo)
		j++
		i += 2
	}
	return u, true
}

func uuidString(u []byte) string {
	b := make([]byte, 0, 36)
	for i, c := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b = append(b, '-')
		}
		b = append(b, hexdig[c>>4], hexdig[c&15])
	}
	return string(b)
}

// ErrChunk is wrapped by every refusal of DecodeChunk.
var ErrChunk = errors.New("chunk")

// DecodeChunk checks a chunk body against its SHA-256 and decodes it into
// the page it encodes (entries in seq order, numbers as json.Number).
func DecodeChunk(body []byte, sha string) (PullResponse, error) {
	payload, err := decoder().DecodeAll(body, nil)
	if err != nil {
		return PullResponse{}, fmt.Errorf("%w: zstd: %v", ErrChunk, err)
	}
	sum := sha256.Sum256(payload)
	if hex.EncodeToString(sum[:]) != sha {
		return PullResponse{}, fmt.Errorf("%w: SHA-256 does not match (damaged in transit)", ErrChunk)
	}
	r := &cr{b: payload}
	if !bytes.HasPrefix(payload, []byte(chunkMagic)) {
		return PullResponse{}, fmt.Errorf("%w: not a chunk", ErrChunk)
	}
	r.off = len(chunkMagic)
	var meta chunkMeta
	if err := json.Unmarshal(r.bytes(), &meta); err != nil || r.err != nil {
		return PullResponse{}, fmt.Errorf("%w: envelope: %v", ErrChunk, errors.Join(err, r.err))
	}
	p := PullResponse{NextCursor: meta.NextCursor, HasMore: meta.HasMore, ServerTime: meta.ServerTime, ServerHLC: meta.ServerHLC,
		ServerEpoch: meta.ServerEpoch, MinSchema: meta.MinSchema, MaxSchema: meta.MaxSchema, Entries: make([]Entry, 0, max(0, min(meta.Entries, len(payload)/8)))}
	d := json.NewDecoder(bytes.NewReader(r.bytes()))
	d.UseNumber()
	if r.err == nil {
		var other []Entry
		if err := d.Decode(&other); err != nil {
			return PullResponse{}, fmt.Errorf("%w: entries: %v", ErrChunk, err)
		}
		p.Entries = append(p.Entries, other...)
	}
	nt := r.uvarint()
	for t := uint64(0); t < nt && r.err == nil; t++ {
		p.Entries = r.table(p.Entries)
	}
	if r.err != nil {
		return PullResponse{}, fmt.Errorf("%w: %v", ErrChunk, r.err)
	}
	if r.off != len(payload) || len(p.Entries) != meta.Entries {
		return PullResponse{}, fmt.Errorf("%w: %d entries of %d, %d trailing bytes", ErrChunk, len(p.Entries), meta.Entries, len(payload)-r.off)
	}
	slices.SortStableFunc(p.Entries, func(a, b Entry) int {
		if a.Seq < b.Seq {
			return -1
		}
		if a.Seq > b.Seq {
			return 1
		}
		return 0
	})
	return p, nil
}

// cr reads the payload; the first error sticks.
type cr struct {
	b   []byte
	off int
	err error
}

func (r *cr) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("truncated or malformed %s at byte %d", what, r.off)
	}
}

func (r *cr) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.fail("number")
		return 0
	}
	r.off += n
	return v
}

func (r *cr) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.fail("number")
		return 0
	}
	r.off += n
	return v
}

func (r *cr) bytes() []byte {
	n := r.uvarint()
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)-r.off) {
		r.fail("string")
		return nil
	}
	p := r.b[r.off : r.off+int(n)]
	r.off += int(n)
	return p
}

func (r *cr) count() int {
	n := r.uvarint()
	if n > uint64(len(r.b)-r.off) { // every counted thing takes at least a byte
		r.fail("count")
		return 0
	}
	return int(n)
}

func (r *cr) value() (any, bool) {
	if r.err != nil {
		return nil, false
	}
	if r.off >= len(r.b) {
		r.fail("value")
		return nil, false
	}
	tag := r.b[r.off]
	r.off++
	switch tag {
	case tagAbsent:
		return nil, false
	case tagNull:
		return nil, true
	case tagString:
		return string(r.bytes()), true
	case tagUUID:
		if len(r.b)-r.off < 16 {
			r.fail("uuid")
			return nil, false
		}
		s := uuidString(r.b[r.off : r.off+16])
		r.off += 16
		return s, true
	case tagInt:
		return json.Number(strconv.FormatInt(r.varint(), 10)), true
	case tagNumber:
		return json.Number(r.bytes()), true
	case tagTrue:
		return true, true
	case tagFalse:
		return false, true
	case tagJSON:
		d := json.NewDecoder(bytes.NewReader(r.bytes()))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil && r.err == nil {
			r.err = err
		}
		return v, true
	}
	r.fail("value tag")
	return nil, false
}

func (r *cr) table(out []Entry) []Entry {
	name := string(r.bytes())
	n := r.count()
	nc := r.count()
	cols := make([]string, nc)
	for i := range cols {
		cols[i] = string(r.bytes())
	}
	if r.err != nil {
		return out
	}
	start := len(out)
	var seq int64
	for i := 0; i < n; i++ {
		seq += r.varint()
		out = append(out, Entry{Seq: seq, Kind: KindRow, Table: name, Row: make(map[string]any, nc)})
	}
	rows := out[start:]
	for i := range rows {
		id, _ := r.value()
		s, ok := id.(string)
		if !ok && r.err == nil {
			r.err = fmt.Errorf("row id of %s is not a string", name)
		}
		rows[i].RowID = s
	}
	var wall int64
	for i := range rows {
		switch r.uvarint() {
		case 0:
			rows[i].HLC = string(r.bytes())
		case 1:
			wall += r.varint()
			rows[i].HLC = formatStamp(wall, r.uvarint())
		default:
			r.fail("stamp")
		}
	}
	for _, c := range cols {
		if r.err != nil {
			return out
		}
		switch r.uvarint() {
		case 0:
			for i := range rows {
				if v, ok := r.value(); ok {
					rows[i].Row[c] = v
				}
			}
		case 1:
			nd := r.count()
			dv := make([]any, nd)
			dp := make([]bool, nd)
			for k := range dv {
				dv[k], dp[k] = r.value()
			}
			for i := range rows {
				k := r.uvarint()
				if k >= uint64(nd) {
					r.fail("dictionary index")
					return out
				}
				if dp[k] {
					rows[i].Row[c] = cloneValue(dv[k])
				}
			}
		default:
			r.fail("column mode")
		}
	}
	return out
}

// cloneValue gives each row its own copy of a shared map or slice value (a
// row image may be changed in place by whoever applies it).
func cloneValue(v any) any {
	switch x := v.(type) {
	case map[string]any, []any:
		b, _ := json.Marshal(x)
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber()
		var c any
		d.Decode(&c)
		return c
	}
	return v
}
