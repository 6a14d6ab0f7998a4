package protocol

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/klauspost/compress/zstd"
)

// Chunk streams (enc=imbc2; docs/sync-protocol.md, "Compact first sync"): several pull pages in one answer, so a first sync
// costs one round trip instead of one per page. The pages travel in ONE
// zstd stream, flushed after each page so the client can check and apply a
// page while the next is still on the way; a cut loses only the page in
// flight. The compression context and the encoder's memory span the pages:
// a UUID sent once (a row id) is referred to by its number afterwards (a
// reference column), a string sent once in a column by its index there.
const (
	// StreamEncoding is the pull's `enc` value that asks for a stream.
	StreamEncoding = "imbc2"
	// StreamContentType is the Content-Type of a stream answer.
	StreamContentType = "application/vnd.imbang.stream"
)

const streamMagic = "IMBC2\n"

// Value tags of the stream encoding besides tagAbsent..tagJSON of imbc1
// (tagString, tagInt and tagDate are literals that join the column's
// values; tagUUID joins the stream's UUIDs).
const (
	tagRef     = 16 + iota // the column's value number refShort+uvarint
	tagUUID7               // new UUIDv7: timestamp delta; 74 bits in the column's bit block
	tagUUIDRef             // a UUID sent before: delta of its number from the column's last
	tagDate                // "YYYY-MM-DD": days from 2000-01-01, zigzag
)

// tagShortRef+i (i < refShort) is the column's value number i in one byte.
const (
	tagShortRef = 32
	refShort    = 256 - tagShortRef
)

// maxStreamFrame bounds one page's payload in a stream.
const maxStreamFrame = 64 << 20

// StreamWriter writes pages into one stream.
type StreamWriter struct {
	zw   *zstd.Encoder
	st   streamState
	b    []byte
	head cw        // the column being written
	raw  bitWriter // its UUIDv7 random bits
}

// bitWriter packs values of up to 32 bits, most significant bit first.
type bitWriter struct {
	b   []byte
	acc uint64
	n   uint
}

func (b *bitWriter) write(v uint64, bits uint) {
	b.acc = b.acc<<bits | v&(1<<bits-1)
	b.n += bits
	for b.n >= 8 {
		b.n -= 8
		b.b = append(b.b, byte(b.acc>>b.n))
	}
	b.acc &= 1<<b.n - 1
}

func (b *bitWriter) finish() []byte {
	if b.n > 0 {
		b.b = append(b.b, byte(b.acc<<(8-b.n)))
		b.acc, b.n = 0, 0
	}
	return b.b
}

// bitReader reads what bitWriter wrote; err is set when it runs out.
type bitReader struct {
	b   []byte
	off int
	acc uint64
	n   uint
	err bool
}

func (b *bitReader) read(bits uint) uint64 {
	for b.n < bits {
		if b.off >= len(b.b) {
			b.err = true
			return 0
		}
		b.acc = b.acc<<8 | uint64(b.b[b.off])
		b.off++
		b.n += 8
	}
	b.n -= bits
	v := b.acc >> b.n & (1<<bits - 1)
	b.acc &= 1<<b.n - 1
	return v
}

// done: every byte read and the padding zero.
func (b *bitReader) done() bool { return !b.err && b.off == len(b.b) && b.n < 8 && b.acc == 0 }

// streamState is what both ends remember across the pages of one stream.
type streamState struct {
	uuids   map[[16]byte]int // encoder: UUID → number
	uuidSeq []string         // decoder: number → UUID
	raw     bitReader        // decoder: the column's UUIDv7 bits
	cols    map[string]*colState
}

type colState struct {
	strs    map[string]int // encoder: value key → number in the column
	strSeq  []any          // decoder: number → value
	lastTS  int64          // timestamp of the last new UUIDv7
	lastRef int            // number of the last UUID referred to
}

func (s *streamState) col(key string) *colState {
	c := s.cols[key]
	if c == nil {
		c = &colState{}
		s.cols[key] = c
	}
	return c
}

// NewStreamWriter starts a stream on w.
func NewStreamWriter(w io.Writer) (*StreamWriter, error) {
	zw, _ := streamEncoders.Get().(*zstd.Encoder)
	if zw == nil {
		var err error
		if zw, err = zstd.NewWriter(w, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderConcurrency(1),
			zstd.WithWindowSize(8<<20)); err != nil {
			return nil, err
		}
	} else {
		zw.Reset(w)
	}
	s := &StreamWriter{zw: zw, st: streamState{uuids: map[[16]byte]int{}, cols: map[string]*colState{}}}
	if _, err := zw.Write([]byte(streamMagic)); err != nil {
		return nil, err
	}
	return s, nil
}

// streamEncoders keeps encoders between streams (a new one allocates
// megabytes of tables).
var streamEncoders sync.Pool

// Release gives the writer's encoder back for another stream; the writer
// is not used afterwards.
func (s *StreamWriter) Release() {
	if s.zw != nil {
		s.zw.Reset(nil)
		streamEncoders.Put(s.zw)
		s.zw = nil
	}
}

// WritePage appends one page (values as a JSON decoder with UseNumber makes
// them) and flushes it to the writer: length, SHA-256, payload.
func (s *StreamWriter) WritePage(p PullResponse) error {
	payload, err := s.encode(p)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(payload)
	hdr := binary.AppendUvarint(nil, uint64(len(payload)))
	hdr = append(hdr, sum[:]...)
	if _, err := s.zw.Write(hdr); err != nil {
		return err
	}
	if _, err := s.zw.Write(payload); err != nil {
		return err
	}
	return s.zw.Flush()
}

// Close ends the stream: a zero length says the server meant to stop here.
func (s *StreamWriter) Close() error {
	if _, err := s.zw.Write([]byte{0}); err != nil {
		return err
	}
	return s.zw.Close()
}

func (s *StreamWriter) encode(p PullResponse) ([]byte, error) {
	w := cw{b: s.b[:0]}
	meta, err := json.Marshal(chunkMeta{p.NextCursor, p.HasMore, p.ServerTime, p.ServerHLC, p.ServerEpoch, p.MinSchema, p.MaxSchema, len(p.Entries)})
	if err != nil {
		return nil, err
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
		return nil, err
	}
	w.bytes(oj)
	w.uvarint(uint64(len(order)))
	for _, t := range order {
		if err := s.table(&w, t, byTable[t]); err != nil {
			return nil, err
		}
	}
	s.b = w.b
	return slices.Clone(w.b), nil
}

func (s *StreamWriter) table(w *cw, name string, rows []*Entry) error {
	cols := w.tableHead(name, rows)
	idc := s.st.col(name + "\x00")
	s.head, s.raw = cw{b: s.head.b[:0]}, bitWriter{b: s.raw.b[:0]}
	for _, e := range rows {
		if err := s.value(&s.head, idc, e.RowID, true); err != nil {
			return err
		}
	}
	s.flushColumn(w)
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
	for _, c := range cols {
		cs := s.st.col(name + "\x00" + c)
		s.head, s.raw = cw{b: s.head.b[:0]}, bitWriter{b: s.raw.b[:0]}
		for _, e := range rows {
			v, ok := e.Row[c]
			if err := s.value(&s.head, cs, v, ok); err != nil {
				return fmt.Errorf("chunk: %s.%s: %w", name, c, err)
			}
		}
		s.flushColumn(w)
	}
	return nil
}

// flushColumn writes a column: its random UUID bits first (apart, so the
// compressor does not mix them with the rest), then the values.
func (s *StreamWriter) flushColumn(w *cw) {
	w.bytes(s.raw.finish())
	w.b = append(w.b, s.head.b...)
}

func (s *StreamWriter) value(w *cw, cs *colState, v any, present bool) error {
	if x, ok := v.(string); ok && present {
		if u, ok := uuidBytes(x); ok {
			if n, seen := s.st.uuids[u]; seen {
				w.b = append(w.b, tagUUIDRef)
				w.varint(int64(n - cs.lastRef))
				cs.lastRef = n
				return nil
			}
			s.st.uuids[u] = len(s.st.uuids)
			if u[6]>>4 == 7 && u[8]>>6 == 2 {
				ts := int64(binary.BigEndian.Uint64(append([]byte{0, 0}, u[:6]...)))
				w.b = append(w.b, tagUUID7)
				w.varint(ts - cs.lastTS)
				cs.lastTS = ts
				// 74 random bits; the version and variant bits are implied
				s.raw.write(uint64(u[6]&0x0f)<<8|uint64(u[7]), 12)
				s.raw.write(uint64(u[8]&0x3f)<<24|uint64(u[9])<<16|uint64(u[10])<<8|uint64(u[11]), 30)
				s.raw.write(uint64(binary.BigEndian.Uint32(u[12:])), 32)
				return nil
			}
			w.b = append(w.b, tagUUID)
			w.b = append(w.b, u[:]...)
			return nil
		}
	}
	// strings, dates and integers: a literal the first time in the column,
	// its index there afterwards (one byte for the first refShort values)
	var key string
	switch x := v.(type) {
	case string:
		key = "s" + x
	case json.Number:
		if _, ok := canonicalInt(x); ok {
			key = "#" + string(x)
		}
	}
	if key == "" || !present {
		return w.value(v, present)
	}
	if cs.strs == nil {
		cs.strs = map[string]int{}
	}
	if i, ok := cs.strs[key]; ok {
		if i < refShort {
			w.b = append(w.b, byte(tagShortRef+i))
		} else {
			w.b = append(w.b, tagRef)
			w.uvarint(uint64(i - refShort))
		}
		return nil
	}
	cs.strs[key] = len(cs.strs)
	if x, ok := v.(string); ok {
		if d, ok := dayNumber(x); ok {
			w.b = append(w.b, tagDate)
			w.varint(d)
			return nil
		}
		w.b = append(w.b, tagString)
		w.str(x)
		return nil
	}
	return w.value(v, present)
}

// canonicalInt: a JSON number that is an int64 written the one way Go
// formats it (so it decodes back to the same text).
func canonicalInt(x json.Number) (int64, bool) {
	n, err := strconv.ParseInt(string(x), 10, 64)
	return n, err == nil && strconv.FormatInt(n, 10) == string(x)
}

var day0 = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// dayNumber reads a date written exactly as YYYY-MM-DD (what formats back
// to the same string) as days from 2000-01-01.
func dayNumber(s string) (int64, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Format(time.DateOnly) != s {
		return 0, false
	}
	return (t.Unix() - day0.Unix()) / 86400, true // not Sub: a Duration spans only ±292 years
}

func dayString(d int64) (string, bool) {
	if d < -800_000 || d > 3_000_000 { // years 0000..9999 stay four digits
		return "", false
	}
	t := day0.AddDate(0, 0, int(d))
	if t.Year() < 0 || t.Year() > 9999 {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// StreamReader reads the pages of a stream one by one.
type StreamReader struct {
	src *srcReader
	zr  *zstd.Decoder
	br  *bufio.Reader
	st  streamState
}

// NewStreamReader starts reading a stream; it checks the magic.
func NewStreamReader(r io.Reader) (*StreamReader, error) {
	src := &srcReader{r: r}
	zr, _ := streamDecoders.Get().(*zstd.Decoder)
	if zr == nil {
		var err error
		if zr, err = zstd.NewReader(src, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxWindow(16<<20), zstd.WithDecoderMaxMemory(MaxChunkPayload)); err != nil {
			return nil, err
		}
	} else if err := zr.Reset(src); err != nil {
		streamDecoders.Put(zr)
		return nil, err
	}
	s := &StreamReader{zr: zr, src: src, br: bufio.NewReader(zr), st: streamState{cols: map[string]*colState{}}}
	magic := make([]byte, len(streamMagic))
	if _, err := io.ReadFull(s.br, magic); err != nil {
		s.Close()
		return nil, s.readErr(err)
	}
	if string(magic) != streamMagic {
		s.Close()
		return nil, fmt.Errorf("%w: not a chunk stream", ErrChunk)
	}
	return s, nil
}

// streamDecoders keeps decoders between streams (a new one costs tens of
// milliseconds of allocation).
var streamDecoders sync.Pool

// Close gives the decoder back; the reader is not used afterwards.
func (s *StreamReader) Close() {
	if s.zr != nil {
		s.zr.Reset(nil)
		streamDecoders.Put(s.zr)
		s.zr = nil
	}
}

// ErrStreamCut wraps a stream that ended before its end mark (a cut link):
// the pages read before it are whole and checked.
var ErrStreamCut = errors.New("chunk stream cut")

func (s *StreamReader) readErr(err error) error {
	// The body ended or broke (a cut), or the bytes that did arrive do not
	// decompress (damage).
	if s.src.err != nil || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: %w", ErrStreamCut, err)
	}
	return fmt.Errorf("%w: zstd: %v", ErrChunk, err)
}

// srcReader remembers whether the body itself failed or ended.
type srcReader struct {
	r   io.Reader
	err error
}

func (s *srcReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil {
		s.err = err
	}
	return n, err
}

// Next returns the next page; io.EOF after the end mark. A page whose
// payload does not hash to its SHA-256 or does not decode is ErrChunk; a
// stream that ends early is ErrStreamCut.
func (s *StreamReader) Next() (PullResponse, error) {
	n, err := binary.ReadUvarint(s.br)
	if err != nil {
		return PullResponse{}, s.readErr(err)
	}
	if n == 0 {
		return PullResponse{}, io.EOF
	}
	if n > maxStreamFrame {
		return PullResponse{}, fmt.Errorf("%w: page of %d bytes", ErrChunk, n)
	}
	// read, not allocate, up to the length: a damaged length costs nothing
	buf, err := io.ReadAll(io.LimitReader(s.br, int64(32+n)))
	if err != nil {
		return PullResponse{}, s.readErr(err)
	}
	if len(buf) < int(32+n) {
		return PullResponse{}, s.readErr(io.ErrUnexpectedEOF)
	}
	sum := sha256.Sum256(buf[32:])
	if string(sum[:]) != string(buf[:32]) {
		return PullResponse{}, fmt.Errorf("%w: SHA-256 does not match (damaged in transit)", ErrChunk)
	}
	p, err := s.st.decode(buf[32:])
	if err != nil {
		return PullResponse{}, fmt.Errorf("%w: %v", ErrChunk, err)
	}
	return p, nil
}

func (st *streamState) decode(payload []byte) (PullResponse, error) {
	r := &cr{b: payload}
	var meta chunkMeta
	if err := json.Unmarshal(r.bytes(), &meta); err != nil || r.err != nil {
		return PullResponse{}, fmt.Errorf("envelope: %v", errors.Join(err, r.err))
	}
	p := PullResponse{NextCursor: meta.NextCursor, HasMore: meta.HasMore, ServerTime: meta.ServerTime, ServerHLC: meta.ServerHLC,
		ServerEpoch: meta.ServerEpoch, MinSchema: meta.MinSchema, MaxSchema: meta.MaxSchema, Entries: make([]Entry, 0, max(0, min(meta.Entries, len(payload)/4)))}
	oj := r.bytes()
	if r.err == nil {
		d := json.NewDecoder(bytes.NewReader(oj))
		d.UseNumber()
		var other []Entry
		if err := d.Decode(&other); err != nil {
			return PullResponse{}, fmt.Errorf("entries: %v", err)
		}
		p.Entries = append(p.Entries, other...)
	}
	nt := r.uvarint()
	for t := uint64(0); t < nt && r.err == nil; t++ {
		p.Entries = st.table(r, p.Entries)
	}
	if r.err != nil {
		return PullResponse{}, r.err
	}
	if r.off != len(payload) || len(p.Entries) != meta.Entries {
		return PullResponse{}, fmt.Errorf("%d entries of %d, %d trailing bytes", len(p.Entries), meta.Entries, len(payload)-r.off)
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

func (st *streamState) table(r *cr, out []Entry) []Entry {
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
	idc := st.col(name + "\x00")
	st.raw = bitReader{b: r.bytes()}
	for i := range rows {
		id, _ := st.value(r, idc)
		s, ok := id.(string)
		if !ok && r.err == nil {
			r.err = fmt.Errorf("row id of %s is not a string", name)
		}
		rows[i].RowID = s
	}
	if !st.raw.done() {
		r.fail("uuid bits")
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
		cs := st.col(name + "\x00" + c)
		st.raw = bitReader{b: r.bytes()}
		for i := range rows {
			if r.err != nil {
				return out
			}
			if v, ok := st.value(r, cs); ok {
				rows[i].Row[c] = v
			}
		}
		if !st.raw.done() {
			r.fail("uuid bits")
		}
	}
	return out
}

func (st *streamState) value(r *cr, cs *colState) (any, bool) {
	if r.err != nil {
		return nil, false
	}
	if r.off >= len(r.b) {
		r.fail("value")
		return nil, false
	}
	tag := r.b[r.off]
	if tag >= tagShortRef {
		r.off++
		if i := int(tag - tagShortRef); i < len(cs.strSeq) {
			return cs.strSeq[i], true
		}
		r.fail("value index")
		return nil, false
	}
	switch tag {
	case tagRef:
		r.off++
		i := r.uvarint() + refShort
		if r.err != nil || i >= uint64(len(cs.strSeq)) {
			r.fail("value index")
			return nil, false
		}
		return cs.strSeq[i], true
	case tagString:
		r.off++
		s := string(r.bytes())
		if r.err == nil {
			cs.strSeq = append(cs.strSeq, s)
		}
		return s, true
	case tagInt:
		v, ok := r.value()
		if r.err == nil {
			cs.strSeq = append(cs.strSeq, v)
		}
		return v, ok
	case tagUUID:
		r.off++
		if len(r.b)-r.off < 16 {
			r.fail("uuid")
			return nil, false
		}
		s := uuidString(r.b[r.off : r.off+16])
		r.off += 16
		st.uuidSeq = append(st.uuidSeq, s)
		return s, true
	case tagUUID7:
		r.off++
		ts := cs.lastTS + r.varint()
		a, b, c := st.raw.read(12), st.raw.read(30), st.raw.read(32)
		if r.err != nil || st.raw.err || ts < 0 || ts >= 1<<48 {
			r.fail("uuid")
			return nil, false
		}
		cs.lastTS = ts
		var u [16]byte
		binary.BigEndian.PutUint64(u[:8], uint64(ts)<<16|0x7000|a)
		binary.BigEndian.PutUint32(u[8:12], uint32(b)|0x80000000)
		binary.BigEndian.PutUint32(u[12:], uint32(c))
		s := uuidString(u[:])
		st.uuidSeq = append(st.uuidSeq, s)
		return s, true
	case tagUUIDRef:
		r.off++
		n := int64(cs.lastRef) + r.varint()
		if r.err != nil || n < 0 || n >= int64(len(st.uuidSeq)) {
			r.fail("uuid number")
			return nil, false
		}
		cs.lastRef = int(n)
		return st.uuidSeq[n], true
	case tagDate:
		r.off++
		d := r.varint()
		s, ok := dayString(d)
		if !ok && r.err == nil {
			r.fail("date")
		}
		if r.err == nil {
			cs.strSeq = append(cs.strSeq, s)
		}
		return s, true
	}
	return r.value()
}
