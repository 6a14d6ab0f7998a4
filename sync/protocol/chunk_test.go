package protocol

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"testing"
)

// viaJSON is what a client decoding the JSON page would hold.
func viaJSON(p PullResponse) PullResponse {
	b, err := json.Marshal(p)
	if err != nil {
		panic(err)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var out PullResponse
	if err := d.Decode(&out); err != nil {
		panic(err)
	}
	return out
}

func randUUID(r *rand.Rand) string {
	return fmt.Sprintf("%08x-%04x-7%03x-8%03x-%012x", r.Uint32(), r.Uint32()&0xffff, r.Uint32()&0xfff, r.Uint32()&0xfff, r.Uint64()&0xffffffffffff)
}

// randPage is a page with every kind of entry and awkward values: UUID-like
// strings that are not canonical, numbers that are not canonical integers,
// absent and null columns, nested values, stamps of other shapes.
func randPage(r *rand.Rand, n int) PullResponse {
	opds := []string{randUUID(r), randUUID(r), randUUID(r)}
	odd := []any{"", "ABCDEF01-2345-7890-8abc-def012345678", "0190a1b2-c3d4-7000-8000-00000000000g", json.Number("1.5"), json.Number("-0"),
		json.Number("1e3"), json.Number("9223372036854775807"), json.Number("-42"), true, false, nil, "Nama ‘Pegawai’ \x00",
		map[string]any{"a": json.Number("1"), "b": []any{"x", nil}}, []any{json.Number("2")}}
	p := PullResponse{NextCursor: "ep:99", HasMore: r.IntN(2) == 0, ServerTime: "2026-12-06T12:00:00Z", ServerHLC: "000001765000000.0000000001",
		ServerEpoch: "ep", MinSchema: 1, MaxSchema: 3, Entries: []Entry{}}
	seq := int64(r.IntN(100))
	wall := int64(1765000000000)
	tables := []string{"pegawai", "unit", "skp"}
	for i := 0; i < n; i++ {
		seq += 1 + int64(r.IntN(3))
		wall += int64(r.IntN(2000)) - 500
		hlc := fmt.Sprintf("%015d.%010d", wall, r.IntN(5))
		switch k := r.IntN(12); {
		case k == 0:
			p.Entries = append(p.Entries, Entry{Seq: seq, Kind: KindDisposition, Disposition: &Disposition{LocalSeq: int64(i + 1), ChangeID: randUUID(r), Status: StatusApplied, AckSeq: seq}})
		case k == 1:
			p.Entries = append(p.Entries, Entry{Seq: seq, Kind: KindRow, Table: tables[r.IntN(3)], RowID: randUUID(r), Deleted: true, Reason: ReasonOutOfScope})
		case k == 2:
			p.Entries = append(p.Entries, Entry{Seq: seq, Kind: KindRow, Table: "pegawai", RowID: randUUID(r), HLC: hlc,
				Row: map[string]any{"nama": "X"}, Extra: map[string]any{"baru": json.Number("1")}})
		default:
			row := map[string]any{"opd_id": opds[r.IntN(3)], "nama": fmt.Sprintf("Pegawai %d", r.IntN(n)), "golongan": []any{"III/a", "III/b", "IV/a"}[r.IntN(3)],
				"tahun": json.Number(fmt.Sprint(2000 + r.IntN(20))), "aktif": r.IntN(2) == 0}
			if r.IntN(4) == 0 {
				row["catatan"] = odd[r.IntN(len(odd))]
			}
			if r.IntN(4) == 0 {
				delete(row, "golongan")
			}
			if r.IntN(10) == 0 {
				hlc = []string{"", "not-a-stamp", "999999999999999.9999999999"}[r.IntN(3)]
			}
			id := randUUID(r)
			if r.IntN(20) == 0 {
				id = "legacy-id-" + fmt.Sprint(i)
			}
			p.Entries = append(p.Entries, Entry{Seq: seq, Kind: KindRow, Table: tables[r.IntN(3)], RowID: id, HLC: hlc, Row: row})
		}
	}
	return viaJSON(p)
}

func TestChunkDecodesToTheJSONPage(t *testing.T) {
	for seed := uint64(0); seed < 200; seed++ {
		r := rand.New(rand.NewPCG(seed, 7))
		p := randPage(r, r.IntN(300))
		body, sha, err := EncodeChunk(p)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		got, err := DecodeChunk(body, sha)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if !reflect.DeepEqual(got, p) {
			gj, _ := json.Marshal(got)
			pj, _ := json.Marshal(p)
			t.Fatalf("seed %d: chunk decodes to another page\n got %s\nwant %s", seed, gj, pj)
		}
	}
}

func TestChunkEmptyPage(t *testing.T) {
	p := PullResponse{NextCursor: "e:5", Entries: []Entry{}}
	body, sha, err := EncodeChunk(p)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeChunk(body, sha)
	if err != nil || len(got.Entries) != 0 || got.NextCursor != "e:5" {
		t.Fatalf("%+v %v", got, err)
	}
}

func TestChunkRefusesDamage(t *testing.T) {
	p := randPage(rand.New(rand.NewPCG(1, 2)), 200)
	body, sha, err := EncodeChunk(p)
	if err != nil {
		t.Fatal(err)
	}
	// another hash: refused before anything is decoded
	if _, err := DecodeChunk(body, sha[:63]+"0"); !errors.Is(err, ErrChunk) {
		t.Fatalf("wrong hash accepted: %v", err)
	}
	// a cut body
	if _, err := DecodeChunk(body[:len(body)/2], sha); !errors.Is(err, ErrChunk) {
		t.Fatalf("half a body accepted: %v", err)
	}
	// a payload whose hash is right but whose content is cut or garbled:
	// refused with an error, never a panic or a shorter page
	payload, _ := decoder().DecodeAll(body, nil)
	for _, cut := range []int{len(chunkMagic), len(payload) / 3, len(payload) - 1} {
		bad, sha := recompress(payload[:cut])
		if _, err := DecodeChunk(bad, sha); !errors.Is(err, ErrChunk) {
			t.Fatalf("payload cut at %d accepted: %v", cut, err)
		}
	}
	bad, sha2 := recompress(append(append([]byte{}, payload...), 0))
	if _, err := DecodeChunk(bad, sha2); !errors.Is(err, ErrChunk) {
		t.Fatalf("trailing byte accepted: %v", err)
	}
}

func recompress(payload []byte) ([]byte, string) {
	sum := sha256.Sum256(payload)
	return encoder().EncodeAll(payload, nil), hex.EncodeToString(sum[:])
}

func FuzzDecodeChunk(f *testing.F) {
	p := randPage(rand.New(rand.NewPCG(3, 4)), 40)
	body, _, _ := EncodeChunk(p)
	payload, _ := decoder().DecodeAll(body, nil)
	f.Add(payload)
	f.Add([]byte(chunkMagic))
	f.Fuzz(func(t *testing.T, payload []byte) {
		body, sha := recompress(payload)
		got, err := DecodeChunk(body, sha)
		if err != nil {
			return
		}
		// what decodes encodes again to a page that decodes the same
		b2, sha2, err := EncodeChunk(got)
		if err != nil {
			return // values a JSON page cannot hold (e.g. a row image with a float64)
		}
		again, err := DecodeChunk(b2, sha2)
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Fatalf("re-encoded chunk differs: %v", err)
		}
	})
}

// streamOf writes pages as one stream.
func streamOf(t testing.TB, pages []PullResponse, end bool) []byte {
	var b bytes.Buffer
	sw, err := NewStreamWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer sw.Release()
	for _, p := range pages {
		if err := sw.WritePage(p); err != nil {
			t.Fatal(err)
		}
	}
	if end {
		if err := sw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

// readStream reads pages until the end mark or an error.
func readStream(body []byte) ([]PullResponse, error) {
	sr, err := NewStreamReader(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer sr.Close()
	var out []PullResponse
	for {
		p, err := sr.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, p)
	}
}

// pagesWithRefs are pages whose later rows refer to ids, strings, dates and
// integers of earlier pages, as a first sync's do (pegawai, then their
// riwayat_jabatan).
func pagesWithRefs(r *rand.Rand, n int) []PullResponse {
	var pages []PullResponse
	var ids []string
	for k := 0; k < n; k++ {
		p := randPage(r, r.IntN(200))
		for i := range p.Entries {
			e := &p.Entries[i]
			if e.Row == nil || e.Deleted {
				continue
			}
			if len(ids) > 0 && r.IntN(2) == 0 {
				e.Row["pegawai_id"] = ids[r.IntN(len(ids))]
			}
			e.Row["tmt"] = fmt.Sprintf("%04d-%02d-%02d", 1960+r.IntN(80), 1+r.IntN(12), 1+r.IntN(28))
			if r.IntN(30) == 0 {
				e.Row["tmt"] = []string{"2024-02-30", "0000-01-01", "9999-12-31", "1999-1-01", "+199-01-01"}[r.IntN(5)]
			}
			e.Row["norma"] = json.Number(fmt.Sprint(r.IntN(400) - 20))
			ids = append(ids, e.RowID)
		}
		pages = append(pages, viaJSON(p))
	}
	return pages
}

func TestStreamDecodesToTheJSONPages(t *testing.T) {
	for seed := uint64(0); seed < 60; seed++ {
		r := rand.New(rand.NewPCG(seed, 9))
		pages := pagesWithRefs(r, 1+r.IntN(5))
		got, err := readStream(streamOf(t, pages, true))
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if len(got) != len(pages) {
			t.Fatalf("seed %d: %d pages of %d", seed, len(got), len(pages))
		}
		for i := range pages {
			if !reflect.DeepEqual(got[i], pages[i]) {
				gj, _ := json.Marshal(got[i])
				pj, _ := json.Marshal(pages[i])
				t.Fatalf("seed %d page %d: stream decodes to another page\n got %s\nwant %s", seed, i, gj, pj)
			}
		}
	}
}

// TestStreamCutKeepsWholePages: a stream cut anywhere gives the pages that
// arrived whole, then ErrStreamCut (never a shorter page); one without its
// end mark is cut too.
func TestStreamCutKeepsWholePages(t *testing.T) {
	pages := pagesWithRefs(rand.New(rand.NewPCG(5, 5)), 4)
	body := streamOf(t, pages, true)
	if got, err := readStream(streamOf(t, pages, false)); !errors.Is(err, ErrStreamCut) || len(got) != len(pages) {
		t.Fatalf("stream without end mark: %d pages, %v", len(got), err)
	}
	prev := 0
	for cut := 0; cut < len(body); cut += 1 + len(body)/97 {
		got, err := readStream(body[:cut])
		if !errors.Is(err, ErrStreamCut) && !errors.Is(err, ErrChunk) {
			t.Fatalf("cut at %d of %d: %v", cut, len(body), err)
		}
		if len(got) < prev || len(got) >= len(pages) {
			t.Fatalf("cut at %d: %d pages (before: %d)", cut, len(got), prev)
		}
		prev = len(got)
		for i := range got {
			if !reflect.DeepEqual(got[i], pages[i]) {
				t.Fatalf("cut at %d: page %d differs", cut, i)
			}
		}
	}
	if prev == 0 {
		t.Fatal("no cut kept a page")
	}
}

// TestStreamRefusesDamage: a byte changed inside a page's payload is
// refused by its SHA-256 before anything of it is used.
func TestStreamRefusesDamage(t *testing.T) {
	pages := pagesWithRefs(rand.New(rand.NewPCG(6, 6)), 2)
	var plain bytes.Buffer
	sw, _ := NewStreamWriter(&plain)
	sw.WritePage(pages[0])
	sw.Close()
	// rewrite the decompressed stream with one payload byte flipped
	dec, _ := decoder().DecodeAll(plain.Bytes(), nil)
	dec[len(dec)-3] ^= 0x20
	bad := encoder().EncodeAll(dec, nil)
	if got, err := readStream(bad); !errors.Is(err, ErrChunk) || len(got) != 0 {
		t.Fatalf("damaged page: %d pages, %v", len(got), err)
	}
	if _, err := readStream([]byte("not zstd at all")); err == nil {
		t.Fatal("garbage accepted")
	}
}

func FuzzStream(f *testing.F) {
	pages := pagesWithRefs(rand.New(rand.NewPCG(3, 4)), 2)
	var plain bytes.Buffer
	sw, _ := NewStreamWriter(&plain)
	for _, p := range pages {
		sw.WritePage(p)
	}
	sw.Close()
	dec, _ := decoder().DecodeAll(plain.Bytes(), nil)
	f.Add(dec)
	f.Add([]byte(streamMagic))
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, _ := readStream(encoder().EncodeAll(raw, nil))
		// whatever decodes encodes again to pages that decode the same
		if len(got) == 0 {
			return
		}
		var b bytes.Buffer
		sw, _ := NewStreamWriter(&b)
		defer sw.Release()
		for _, p := range got {
			if err := sw.WritePage(p); err != nil {
				return
			}
		}
		sw.Close()
		again, err := readStream(b.Bytes())
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Fatalf("re-encoded stream differs: %v", err)
		}
	})
}
