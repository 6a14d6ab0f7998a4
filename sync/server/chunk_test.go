package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// rawPull is one pull request as a client of either protocol version makes
// it; enc "" is a version 1 client.
func (d *dev) rawPull(cursor string, maxBytes, schema int, enc string) (int, http.Header, []byte) {
	d.e.t.Helper()
	u := fmt.Sprintf("%s%s?cursor=%s&max_bytes=%d&schema=%d", d.e.ts.URL, protocol.PathPull, cursor, maxBytes, schema)
	if enc != "" {
		u += "&enc=" + enc
	}
	req, _ := http.NewRequest("GET", u, nil)
	req.Header.Set("Authorization", "Bearer "+d.token)
	res, err := http.DefaultClient.Do(req) // plain JSON: no Accept-Encoding
	if err != nil {
		d.e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, b
}

// jsonPage decodes a JSON page as the desktop does (numbers as json.Number).
func jsonPage(t *testing.T, b []byte) protocol.PullResponse {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var p protocol.PullResponse
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("JSON page: %v: %s", err, b)
	}
	return p
}

// TestChunkPagesAreTheJSONPages: for every kind of device and both schema
// versions, walking the log from the start in chunks gives, page by page,
// exactly the entries, cursors and flags that a protocol v1 client reads
// as JSON — so scope, removals, dispositions, conflicts and downcasting
// are the pull's own. A v1 client (no enc) still gets JSON.
func TestChunkPagesAreTheJSONPages(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		r := e.region(admin)
		a := e.device("OPD-A", false)
		b := e.device("OPD-B", false)
		a.pull()
		b.pull()
		// edits, a delete, a concurrent edit (a conflict), a move out of A
		wantStatus(t, a.push1("pegawai", r.pegA, "update", map[string]any{"nama": "Nama Baru", "golongan": 32}), protocol.StatusApplied, "")
		wantStatus(t, a.push1("riwayat_jabatan", r.rwA, "delete", nil), protocol.StatusApplied, "")
		admin.pull()
		wantStatus(t, admin.push1("pegawai", r.pegA2, "update", map[string]any{"unit_id": r.unitA, "jabatan_id": r.jab, "tmt_jabatan": "2024-02-01"}), protocol.StatusApplied, "")
		c := a.push1("pegawai", r.pegA2, "update", map[string]any{"unit_id": r.unitA, "jabatan_id": r.jab, "tmt_jabatan": "2023-05-01"})
		if c.Status != protocol.StatusConflict {
			t.Fatalf("concurrent placement: %+v", c)
		}
		wantStatus(t, admin.push1("pegawai", r.pegA, "update", map[string]any{"opd_id": r.opdB, "unit_id": r.unitB, "jabatan_id": r.jab, "tmt_jabatan": "2025-01-01"}),
			protocol.StatusApplied, "")
		for _, d := range []*dev{a, b, admin} {
			for _, schema := range []int{1, protocol.SchemaVersion} {
				jsonCur, chunkCur, pages := "", "", 0
				for more := true; more; pages++ {
					if pages > 1000 {
						t.Fatal("pull did not end")
					}
					code, hj, bj := d.rawPull(jsonCur, 700, schema, "")
					if code != 200 || hj.Get("Content-Type") != "application/json" {
						t.Fatalf("v1 pull: %d %s %s", code, hj.Get("Content-Type"), bj)
					}
					code, hc, bc := d.rawPull(chunkCur, 700, schema, protocol.ChunkEncoding)
					if code != 200 || hc.Get("Content-Type") != protocol.ChunkContentType {
						t.Fatalf("chunk pull: %d %s %s", code, hc.Get("Content-Type"), bc)
					}
					want := jsonPage(t, bj)
					got, err := protocol.DecodeChunk(bc, hc.Get(protocol.HeaderChunkSHA256))
					if err != nil {
						t.Fatal(err)
					}
					// the clocks and times of two requests may differ; the rest may not
					got.ServerTime, got.ServerHLC = want.ServerTime, want.ServerHLC
					if !reflect.DeepEqual(got, want) {
						gj, _ := json.Marshal(got)
						t.Fatalf("page %d (schema %d) differs:\nchunk %s\n JSON %s", pages, schema, gj, bj)
					}
					jsonCur, chunkCur, more = want.NextCursor, got.NextCursor, want.HasMore
				}
				// one stream from the start holds the same pages, in order
				code, hs, bs := d.rawPull("", 700, schema, protocol.StreamEncoding)
				if code != 200 || hs.Get("Content-Type") != protocol.StreamContentType {
					t.Fatalf("stream pull: %d %s %s", code, hs.Get("Content-Type"), bs)
				}
				sr, err := protocol.NewStreamReader(bytes.NewReader(bs))
				if err != nil {
					t.Fatal(err)
				}
				jsonCur, n := "", 0
				for {
					got, err := sr.Next()
					if err == io.EOF {
						break
					}
					if err != nil {
						t.Fatalf("stream page %d: %v", n, err)
					}
					_, _, bj := d.rawPull(jsonCur, 700, schema, "")
					want := jsonPage(t, bj)
					got.ServerTime, got.ServerHLC = want.ServerTime, want.ServerHLC
					if !reflect.DeepEqual(got, want) {
						gj, _ := json.Marshal(got)
						t.Fatalf("stream page %d (schema %d) differs:\nstream %s\n  JSON %s", n, schema, gj, bj)
					}
					jsonCur, n = want.NextCursor, n+1
					if !want.HasMore {
						break
					}
				}
				sr.Close()
				if n != pages {
					t.Fatalf("the stream held %d pages, the JSON pull %d", n, pages)
				}
			}
		}
	})
}

// TestChunkRefusals: a chunk is asked for like a pull and refused like one.
func TestChunkRefusals(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	e.region(admin)
	stranger := &dev{e: e, token: "imb1.0.nope"}
	if code, h, _ := stranger.rawPull("", 1000, protocol.SchemaVersion, protocol.ChunkEncoding); code != http.StatusUnauthorized || h.Get("Content-Type") != "application/json" {
		t.Fatalf("unknown token: %d %s", code, h.Get("Content-Type"))
	}
	if code, _, body := admin.rawPull("another-epoch:3", 1000, protocol.SchemaVersion, protocol.ChunkEncoding); code != http.StatusGone {
		t.Fatalf("cursor of another epoch: %d %s", code, body)
	}
	if code, _, body := admin.rawPull("", 1000, 99, protocol.ChunkEncoding); code != http.StatusConflict {
		t.Fatalf("schema too new: %d %s", code, body)
	}
	if code, _, body := admin.rawPull("x", 1000, protocol.SchemaVersion, protocol.ChunkEncoding); code != http.StatusBadRequest {
		t.Fatalf("bad cursor: %d %s", code, body)
	}
	// a stream is refused like a pull, with the JSON error before any page
	if code, h, body := admin.rawPull("another-epoch:3", 1000, protocol.SchemaVersion, protocol.StreamEncoding); code != http.StatusGone || h.Get("Content-Type") != "application/json" {
		t.Fatalf("stream from a cursor of another epoch: %d %s", code, body)
	}
	if code, _, body := admin.rawPull("x", 1000, protocol.SchemaVersion, protocol.StreamEncoding); code != http.StatusBadRequest {
		t.Fatalf("stream from a bad cursor: %d %s", code, body)
	}
	// an unknown encoding is a v1 pull: JSON
	if code, h, _ := admin.rawPull("", 1000, protocol.SchemaVersion, "zip9"); code != 200 || h.Get("Content-Type") != "application/json" {
		t.Fatalf("unknown enc: %d %s", code, h.Get("Content-Type"))
	}
}
