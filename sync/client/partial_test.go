package client_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// partialWire records, for each JSON pull, the protocol the client
// announced and how many partial rows the answer held.
type partialWire struct {
	next    http.RoundTripper
	protos  []string
	partial []int
}

func (w *partialWire) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := w.next.RoundTrip(r)
	if err != nil || r.URL.Path != protocol.PathPull || resp.Header.Get("Content-Type") == protocol.ChunkContentType {
		return resp, err
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(b))
	raw := b
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		raw, _ = io.ReadAll(zr)
	}
	w.protos = append(w.protos, r.URL.Query().Get(protocol.ParamProtocol))
	w.partial = append(w.partial, strings.Count(string(raw), `"partial":true`))
	return resp, nil
}

// TestPartialRowsAndTheirFallback: an edit reaches a protocol v3 desktop as
// a partial row and a v2 desktop (WholeRows) as the whole row, and both hold
// the same afterwards; a v3 desktop whose base image of the row is older
// than the partial row needs (here made so by hand) asks for the page
// again without partial rows and ends with the same rows.
func TestPartialRowsAndTheirFallback(t *testing.T) {
	w := newWorld(t)
	v3, _ := w.wireDesk("v3", "", nil, client.Options{})
	v2, _ := w.wireDesk("v2", "", nil, client.Options{WholeRows: true})
	pw3, pw2 := &partialWire{next: http.DefaultTransport}, &partialWire{next: http.DefaultTransport}
	v3.c = client.New(v3.st, client.Options{ServerURL: w.ts.URL, Token: v3.tok, HTTPClient: &http.Client{Transport: pw3}, RetryMax: 1})
	v2.c = client.New(v2.st, client.Options{ServerURL: w.ts.URL, Token: v2.tok, HTTPClient: &http.Client{Transport: pw2}, RetryMax: 1, WholeRows: true})
	w.sync(v3)
	w.sync(v2)
	p, _ := w.anEmployee()
	edit := func(place string) {
		w.bkpsdm.edit(t, p.ID, func(x *domain.Pegawai) { x.TempatLahir = place })
		w.sync(w.bkpsdm)
		pw3.protos, pw3.partial, pw2.protos, pw2.partial = nil, nil, nil, nil
		w.sync(v3)
		w.sync(v2)
		if got, want := dumpSynced(t, v3.st), dumpSynced(t, v2.st); got != want {
			t.Fatalf("after %q the v3 desktop holds other rows than the v2 one", place)
		}
	}
	edit("Aimas")
	if len(pw3.partial) == 0 || pw3.partial[0] != 1 || pw3.protos[0] != "3" {
		t.Fatalf("v3 desktop: protocols %q, partial rows %v; want one partial row", pw3.protos, pw3.partial)
	}
	for i, n := range pw2.partial {
		if n != 0 || pw2.protos[i] != "" {
			t.Fatalf("v2 desktop announced %q and got %d partial rows", pw2.protos[i], n)
		}
	}
	// The v3 desktop's base image of the row is made older than it is.
	if _, err := v3.st.DB().Exec("UPDATE sync_base SET seq = 1 WHERE tbl = 'pegawai' AND row_id = ?", p.ID); err != nil {
		t.Fatal(err)
	}
	edit("Klamono")
	if len(pw3.protos) < 2 || pw3.protos[0] != "3" || pw3.partial[0] != 1 || pw3.protos[1] != "" || pw3.partial[1] != 0 {
		t.Fatalf("v3 desktop without the base: protocols %q, partial rows %v; want a partial page, then the same page whole", pw3.protos, pw3.partial)
	}
	if got := v3.pegawai(t, p.ID); got.TempatLahir != "Klamono" {
		t.Fatalf("v3 desktop shows %q", got.TempatLahir)
	}
}
