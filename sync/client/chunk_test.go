package client_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// wire counts the answers by Content-Type and may damage chunk bodies.
type wire struct {
	next          http.RoundTripper
	chunks, jsons atomic.Int32
	damage        atomic.Int32 // flip a byte of the next N chunk bodies
}

func (w *wire) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := w.next.RoundTrip(r)
	if err != nil || r.URL.Path != protocol.PathPull {
		return resp, err
	}
	if resp.Header.Get("Content-Type") != protocol.StreamContentType {
		w.jsons.Add(1)
		return resp, nil
	}
	w.chunks.Add(1)
	if w.damage.Load() > 0 {
		// a byte of the first page: it is refused before anything is applied
		w.damage.Add(-1)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		b[min(len(b)/2, 40)] ^= 0x55
		resp.Body = io.NopCloser(bytes.NewReader(b))
	}
	return resp, nil
}

// dumpSynced is every synced table's rows and the sync base, in a stable text.
func dumpSynced(t *testing.T, st *store.Store) string {
	t.Helper()
	var sb strings.Builder
	tables := []string{"sync_base", "bezetting_agregat"}
	for _, tb := range store.SyncedTables {
		tables = append(tables, tb.Name)
	}
	for _, tb := range tables {
		order := "id"
		if tb == "sync_base" {
			order = "tbl, row_id"
		}
		rows, err := st.DB().Query("SELECT * FROM " + tb + " ORDER BY " + order)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&sb, "%s %v\n", tb, vals)
		}
		rows.Close()
	}
	return sb.String()
}

func (w *world) wireDesk(name, kode string, h http.Handler, opts client.Options) (*desk, *wire) {
	w.t.Helper()
	_, tok, err := w.srv.AddDevice(ctx, kode, kode == "")
	if err != nil {
		w.t.Fatal(err)
	}
	url := w.ts.URL
	if h != nil {
		ts := httptest.NewServer(h)
		w.t.Cleanup(ts.Close)
		url = ts.URL
	}
	wr := &wire{next: http.DefaultTransport}
	st := storetest.Open(w.t, "", nil)
	opts.ServerURL, opts.Token, opts.HTTPClient = url, tok, &http.Client{Transport: wr}
	opts.RetryMax, opts.Backoff, opts.MaxPageBytes = 2, func(int) time.Duration { return time.Millisecond }, 16<<10
	return &desk{name: name, st: st, tok: tok, c: client.New(st, opts)}, wr
}

// TestFirstSyncInChunks: a new desktop's first sync comes in chunks and
// leaves exactly the rows and base a protocol v1 desktop (JSON pages) holds;
// against a server that does not know chunks (v1) the same client falls
// back to JSON. Incremental pulls near the head stay JSON.
func TestFirstSyncInChunks(t *testing.T) {
	w := newWorld(t)
	_, opd := w.anEmployee()
	for _, kode := range []string{"", opd} {
		v2, wv2 := w.wireDesk("v2", kode, nil, client.Options{MaxChunkBytes: 64 << 10})
		v1, wv1 := w.wireDesk("v1", kode, nil, client.Options{NoChunks: true})
		old := w.srv.Handler()
		v1srv, wold := w.wireDesk("v1-server", kode, http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			q := r.URL.Query()
			q.Del("enc") // a server of protocol v1 knows no enc
			r.URL.RawQuery = q.Encode()
			old.ServeHTTP(rw, r)
		}), client.Options{})
		for _, d := range []*desk{v2, v1, v1srv} {
			if s := w.sync(d); s.Pulled == 0 {
				t.Fatalf("%s %q pulled nothing", d.name, kode)
			}
		}
		if wv2.chunks.Load() != 1 || wv2.jsons.Load() != 0 {
			t.Fatalf("v2 client (%q): %d streams, %d JSON pages; want one stream only", kode, wv2.chunks.Load(), wv2.jsons.Load())
		}
		if wv1.chunks.Load() != 0 || wold.chunks.Load() != 0 || wold.jsons.Load() == 0 {
			t.Fatalf("v1 client got %d chunks; v1 server sent %d chunks, %d JSON", wv1.chunks.Load(), wold.chunks.Load(), wold.jsons.Load())
		}
		want := dumpSynced(t, v1.st)
		if len(want) < 1000 {
			t.Fatalf("the v1 desktop holds little: %q", want)
		}
		for _, d := range []*desk{v2, v1srv} {
			if got := dumpSynced(t, d.st); got != want {
				t.Fatalf("%s (%q) holds other rows than the JSON desktop", d.name, kode)
			}
		}
		// an edit elsewhere reaches the v2 desktop as an ordinary JSON page
		p, _ := w.anEmployee()
		w.bkpsdm.edit(t, p.ID, func(x *domain.Pegawai) { x.TempatLahir = "Aimas " + kode })
		w.sync(w.bkpsdm)
		c0 := wv2.chunks.Load()
		w.sync(v2)
		if wv2.chunks.Load() != c0 {
			t.Fatal("an incremental pull near the head came as a chunk")
		}
	}
}

// TestDamagedChunkIsRefusedAndFetchedAgain: a chunk that does not match its
// SHA-256 is never applied; the client asks again, and a chunk damaged on
// every try ends the session with nothing applied (the cursor stays).
func TestDamagedChunkIsRefusedAndFetchedAgain(t *testing.T) {
	w := newWorld(t)
	d, wr := w.wireDesk("d", "", nil, client.Options{})
	wr.damage.Store(1)
	w.sync(d)
	if wr.damage.Load() != 0 || wr.chunks.Load() < 2 {
		t.Fatalf("no damaged chunk fetched again (%d chunks)", wr.chunks.Load())
	}
	e, wr2 := w.wireDesk("e", "", nil, client.Options{})
	wr2.damage.Store(100)
	_, err := e.c.Sync(ctx)
	var ce *client.Error
	if !errors.As(err, &ce) || ce.Code != client.CodeBadAnswer || !errors.Is(err, protocol.ErrChunk) {
		t.Fatalf("persistently damaged chunk: %v", err)
	}
	if cur, _ := e.st.SyncMeta(ctx, store.MetaPullCursor); cur != "" {
		t.Fatalf("cursor moved to %q on a refused chunk", cur)
	}
	var n int
	e.st.DB().QueryRow("SELECT count(*) FROM sync_base").Scan(&n)
	if n != 0 {
		t.Fatalf("%d rows applied from a refused chunk", n)
	}
}

// cutWire cuts the link after cutAfter bytes of the stream answer (the
// link stays down until cutAfter is cleared) and records the cursor of
// every stream asked for and the cursors of the pages it carried.
type cutWire struct {
	next     http.RoundTripper
	cutAfter int
	down     bool
	cursors  []string
	pages    []string // next_cursor of every page that arrived whole
}

type cutBody struct{}

func (cutBody) Read(p []byte) (int, error) { return 0, errors.New("link cut") }

func (w *cutWire) RoundTrip(r *http.Request) (*http.Response, error) {
	if w.down && w.cutAfter > 0 {
		return nil, errors.New("link down")
	}
	resp, err := w.next.RoundTrip(r)
	if err != nil || r.URL.Path != protocol.PathPull {
		return resp, err
	}
	if resp.Header.Get("Content-Type") != protocol.StreamContentType {
		w.cursors = append(w.cursors, "JSON "+r.URL.Query().Get("cursor"))
		return resp, err
	}
	w.cursors = append(w.cursors, r.URL.Query().Get("cursor"))
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if w.cutAfter > 0 && w.cutAfter < len(b) {
		b = b[:w.cutAfter]
		w.down = true
		resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(b), cutBody{}))
	} else {
		resp.Body = io.NopCloser(bytes.NewReader(b))
	}
	if sr, err := protocol.NewStreamReader(bytes.NewReader(b)); err == nil {
		for p, err := sr.Next(); err == nil; p, err = sr.Next() {
			w.pages = append(w.pages, p.NextCursor)
		}
		sr.Close()
	}
	return resp, nil
}

// TestResumeAfterCutFetchesOnlyUnappliedChunks: a link cut in the middle of
// a stream keeps the pages that arrived whole (each applied in its own
// transaction) and loses only the page in flight: the next session asks
// from the cursor of the last whole page, never again for a page already
// applied, and ends with what a desktop that was never cut holds.
func TestResumeAfterCutFetchesOnlyUnappliedChunks(t *testing.T) {
	w := newWorld(t)
	ref, _ := w.wireDesk("ref", "", nil, client.Options{NoChunks: true})
	w.sync(ref)
	// the whole stream's size, to cut it in the middle
	probe := &cutWire{next: http.DefaultTransport}
	_, tok0, _ := w.srv.AddDevice(ctx, "", true)
	p := storetest.Open(t, "", nil)
	if _, err := client.New(p, client.Options{ServerURL: w.ts.URL, Token: tok0, HTTPClient: &http.Client{Transport: probe}, MaxChunkBytes: 8 << 10}).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if len(probe.cursors) != 1 || len(probe.pages) < 4 {
		t.Fatalf("one stream of several pages expected: %q, %d pages", probe.cursors, len(probe.pages))
	}
	cw := &cutWire{next: http.DefaultTransport}
	// cut after about half the pages
	cw.cutAfter = streamBytes(t, w, tok0) / 2
	_, tok, _ := w.srv.AddDevice(ctx, "", true)
	st := storetest.Open(t, "", nil)
	c := client.New(st, client.Options{ServerURL: w.ts.URL, Token: tok, HTTPClient: &http.Client{Transport: cw}, RetryMax: 0, MaxChunkBytes: 8 << 10})
	if _, err := c.Sync(ctx); err == nil {
		t.Fatal("the cut session succeeded")
	}
	atCut, _ := st.SyncMeta(ctx, store.MetaPullCursor)
	if len(cw.pages) == 0 || atCut != cw.pages[len(cw.pages)-1] {
		t.Fatalf("cut session: pages %q arrived whole, stored cursor %q", cw.pages, atCut)
	}
	applied := cw.pages
	cw.cursors, cw.pages, cw.cutAfter, cw.down = nil, nil, 0, false
	if _, err := c.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if len(cw.cursors) == 0 || cw.cursors[0] != atCut {
		t.Fatalf("resumed from %q, want the cursor at the cut %q", cw.cursors, atCut)
	}
	for _, got := range cw.pages {
		for _, had := range applied {
			if got == had {
				t.Fatalf("an applied page (ending at %q) was fetched again", got)
			}
		}
	}
	if dumpSynced(t, st) != dumpSynced(t, ref.st) {
		t.Fatal("the resumed desktop holds other rows than one never cut")
	}
}

// streamBytes is the size of the whole first-sync stream for a device.
func streamBytes(t *testing.T, w *world, tok string) int {
	req, _ := http.NewRequest("GET", w.ts.URL+protocol.PathPull+"?cursor=&max_bytes=8192&enc="+protocol.StreamEncoding, nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return len(b)
}
