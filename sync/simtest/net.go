package simtest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// Faults are the per-message fault rates of the fake network.
type Faults struct {
	DropRequest  float64 // the request never reaches the server
	DropResponse float64 // the server processed it, the answer is lost
	Duplicate    float64 // the server receives the request twice
	Delay        float64 // a copy arrives again later, out of order
}

// errNet is what a device sees when the link fails (a connection error, as
// net/http would report it); the client's retry layer retries it.
type errNet struct{ what string }

func (e errNet) Error() string   { return "simnet: " + e.what }
func (e errNet) Timeout() bool   { return true }
func (e errNet) Temporary() bool { return true }

// Net is the fake network. Every device has its own link; all links lead to
// the current server handler (which changes when the server restarts).
type Net struct {
	rng     *rand.Rand
	faults  Faults
	handler http.Handler
	delayed []delayedReq
	sniff   func(dev *Device, req *wireReq, resp *wireResp)

	// Wire totals (compressed bytes as sent), for the benchmarks.
	BytesUp, BytesDown int64
	Requests           int64
}

type delayedReq struct {
	dev    *Device
	method string
	url    string
	header http.Header
	body   []byte
}

// wireReq and wireResp are decoded copies for the oracle.
type wireReq struct {
	Method, Path string
	Query        string
	Body         []byte // uncompressed
}

type wireResp struct {
	Status int
	Body   []byte // uncompressed
}

// Link returns the RoundTripper of one device.
func (n *Net) Link(d *Device) http.RoundTripper { return &link{n, d} }

type link struct {
	n *Net
	d *Device
}

func (l *link) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = b
	}
	n, d := l.n, l.d
	if !d.online {
		return nil, errNet{"offline"}
	}
	if n.handler == nil {
		return nil, errNet{"server down"}
	}
	if chance(n.rng, n.faults.DropRequest) {
		return nil, errNet{"request lost"}
	}
	if chance(n.rng, n.faults.Delay) {
		n.delayed = append(n.delayed, delayedReq{d, req.Method, req.URL.String(), req.Header.Clone(), body})
	}
	rec := n.serve(d, req.Method, req.URL.String(), req.Header, body)
	if chance(n.rng, n.faults.Duplicate) {
		rec = n.serve(d, req.Method, req.URL.String(), req.Header, body)
	}
	if chance(n.rng, n.faults.DropResponse) {
		return nil, errNet{"response lost"}
	}
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

func (n *Net) serve(d *Device, method, url string, h http.Header, body []byte) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, url, bytes.NewReader(body))
	r.Header = h.Clone()
	rec := httptest.NewRecorder()
	n.handler.ServeHTTP(rec, r)
	n.Requests++
	n.BytesUp += int64(len(body))
	n.BytesDown += int64(rec.Body.Len())
	if n.sniff != nil {
		wr := &wireReq{Method: method, Path: r.URL.Path, Query: r.URL.RawQuery, Body: decode(h.Get("Content-Encoding"), body)}
		ws := &wireResp{Status: rec.Code, Body: decode(rec.Header().Get("Content-Encoding"), rec.Body.Bytes())}
		switch rec.Header().Get("Content-Type") {
		case protocol.ChunkContentType:
			ws.Body = chunkJSON(rec.Body.Bytes(), rec.Header().Get(protocol.HeaderChunkSHA256))
		case protocol.StreamContentType:
			ws.Body = streamJSON(rec.Body.Bytes())
		}
		n.sniff(d, wr, ws)
	}
	return rec
}

// DeliverDelayed lets one held-back copy arrive now (its answer goes
// nowhere): a push retried long after a newer one, for example.
func (n *Net) DeliverDelayed() bool {
	if len(n.delayed) == 0 || n.handler == nil {
		return false
	}
	i := n.rng.IntN(len(n.delayed))
	m := n.delayed[i]
	n.delayed = append(n.delayed[:i], n.delayed[i+1:]...)
	n.serve(m.dev, m.method, m.url, m.header, m.body)
	return true
}

func decode(enc string, b []byte) []byte {
	if !strings.Contains(enc, "gzip") || len(b) == 0 {
		return b
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return []byte(fmt.Sprintf("<bad gzip: %v>", err))
	}
	out, err := io.ReadAll(zr)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return []byte(fmt.Sprintf("<bad gzip: %v>", err))
	}
	return out
}

// chunkJSON is the page a chunk carries, as JSON, so the oracle checks a
// compact page like a JSON one; a chunk that does not decode is a
// violation there (the text is not JSON).
func chunkJSON(body []byte, sha string) []byte {
	p, err := protocol.DecodeChunk(body, sha)
	if err != nil {
		return []byte(fmt.Sprintf("<bad chunk: %v>", err))
	}
	b, err := json.Marshal(p)
	if err != nil {
		return []byte(fmt.Sprintf("<chunk page not JSON: %v>", err))
	}
	return b
}

// streamJSON is the pages of a stream as one JSON page (their entries in
// order, the last page's cursor and flag), so the oracle checks a stream
// like a page; a stream that does not decode whole is a violation there.
func streamJSON(body []byte) []byte {
	sr, err := protocol.NewStreamReader(bytes.NewReader(body))
	if err != nil {
		return []byte(fmt.Sprintf("<bad stream: %v>", err))
	}
	defer sr.Close()
	var all protocol.PullResponse
	for i := 0; ; i++ {
		p, err := sr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return []byte(fmt.Sprintf("<bad stream: %v>", err))
		}
		if i == 0 {
			all = p
			continue
		}
		all.Entries = append(all.Entries, p.Entries...)
		all.NextCursor, all.HasMore, all.ServerTime, all.ServerHLC = p.NextCursor, p.HasMore, p.ServerTime, p.ServerHLC
	}
	b, err := json.Marshal(all)
	if err != nil {
		return []byte(fmt.Sprintf("<stream pages not JSON: %v>", err))
	}
	return b
}
