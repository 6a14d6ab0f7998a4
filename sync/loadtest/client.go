// Package loadtest drives an imbang-server with many simulated devices at
// once: a lean protocol-level client (push and pull over HTTP exactly as
// docs/sync-protocol.md says, without a local SQLite store) and a load runner
// that measures throughput and push/pull latency percentiles. It is used by
// `make loadtest` (cmd/imbang-loadtest) and by the PostgreSQL concurrency
// tests in sync/server/pgstore.
package loadtest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/google/uuid"
)

// Client is one simulated device speaking the sync protocol.
type Client struct {
	URL     string // server base URL
	Token   string
	Install string // the device's install UUID
	HTTP    *http.Client
	Cursor  string
	seq     int64
	clock   *hlc.Clock
}

// NewClient returns a client for a device token.
func NewClient(baseURL, token string, hc *http.Client) *Client {
	if hc == nil {
		hc = http.DefaultClient
	}
	return &Client{URL: baseURL, Token: token, Install: uuid.NewString(), HTTP: hc, clock: hlc.New(time.Now, hlc.Timestamp{})}
}

// Change builds the next outbox entry (local_seq, change id, HLC stamp).
func (c *Client) Change(tbl, id, op string, cols map[string]any, baseSeq int64) protocol.Change {
	c.seq++
	return protocol.Change{LocalSeq: c.seq, ChangeID: uuid.NewString(), Table: tbl, RowID: id, Op: op, Cols: cols,
		HLC: c.clock.Now().String(), BaseSeq: baseSeq, SchemaVersion: protocol.SchemaVersion}
}

// gzipWriters are reused across the simulated devices (the real client,
// one per machine, need not): a new gzip.Writer allocates ~800 KB, and 200
// devices making them every second would load the shared CPU with the
// generator's own garbage rather than the server's work.
var gzipWriters = sync.Pool{New: func() any { return gzip.NewWriter(io.Discard) }}

// StatusError is a non-200 answer.
type StatusError struct {
	Status int
	Body   protocol.ErrorResponse
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("HTTP %d %s: %s", e.Status, e.Body.Code, e.Body.MessageEn)
}

func (c *Client) do(ctx context.Context, method, path string, body any, out any) error {
	var rd io.Reader
	if body != nil {
		var buf bytes.Buffer
		zw := gzipWriters.Get().(*gzip.Writer)
		zw.Reset(&buf)
		err := json.NewEncoder(zw).Encode(body)
		zw.Close()
		gzipWriters.Put(zw)
		if err != nil {
			return err
		}
		rd = &buf
	}
	req, err := http.NewRequestWithContext(ctx, method, c.URL+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Encoding", "gzip")
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	res, err := c.HTTP.Do(req) // Go's transport asks for and undoes gzip itself
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		se := &StatusError{Status: res.StatusCode}
		json.NewDecoder(res.Body).Decode(&se.Body)
		return se
	}
	return json.NewDecoder(res.Body).Decode(out)
}

// Push sends changes in one request.
func (c *Client) Push(ctx context.Context, changes []protocol.Change) (protocol.PushResponse, error) {
	req := protocol.PushRequest{DeviceID: c.Install, SchemaVersion: protocol.SchemaVersion, AppVersion: "loadtest",
		ClientTime: time.Now().UTC().Format(time.RFC3339), Changes: changes}
	var resp protocol.PushResponse
	if err := c.do(ctx, http.MethodPost, protocol.PathPush, req, &resp); err != nil {
		return resp, err
	}
	if ts, err := hlc.Parse(resp.ServerHLC); err == nil {
		c.clock.Observe(ts)
	}
	return resp, nil
}

// PullPage pulls one page after the client's cursor and advances it.
func (c *Client) PullPage(ctx context.Context, maxBytes int) (protocol.PullResponse, error) {
	q := url.Values{}
	q.Set("cursor", c.Cursor)
	q.Set("max_bytes", fmt.Sprint(maxBytes))
	q.Set("schema", fmt.Sprint(protocol.SchemaVersion))
	// Like the real client (sync/client): announce the protocol version, so
	// edits of rows the device holds come down as their changed columns.
	q.Set(protocol.ParamProtocol, fmt.Sprint(protocol.Version))
	var resp protocol.PullResponse
	if err := c.do(ctx, http.MethodGet, protocol.PathPull+"?"+q.Encode(), nil, &resp); err != nil {
		return resp, err
	}
	c.Cursor = resp.NextCursor
	if ts, err := hlc.Parse(resp.ServerHLC); err == nil {
		c.clock.Observe(ts)
	}
	return resp, nil
}

// PullCount pulls one page like PullPage but decodes only the envelope (the
// entries stay raw JSON): the load runner counts entries and follows the
// cursor, and 200 devices decoding every entry in full would spend the
// shared CPU on the generator instead of the server.
func (c *Client) PullCount(ctx context.Context, maxBytes int) (entries int, hasMore bool, err error) {
	q := url.Values{}
	q.Set("cursor", c.Cursor)
	q.Set("max_bytes", fmt.Sprint(maxBytes))
	q.Set("schema", fmt.Sprint(protocol.SchemaVersion))
	// Like the real client (sync/client): announce the protocol version, so
	// edits of rows the device holds come down as their changed columns.
	q.Set(protocol.ParamProtocol, fmt.Sprint(protocol.Version))
	var resp struct {
		Entries    []json.RawMessage `json:"entries"`
		NextCursor string            `json:"next_cursor"`
		HasMore    bool              `json:"has_more"`
		ServerHLC  string            `json:"server_hlc"`
	}
	if err := c.do(ctx, http.MethodGet, protocol.PathPull+"?"+q.Encode(), nil, &resp); err != nil {
		return 0, false, err
	}
	if resp.NextCursor == "" {
		return 0, false, fmt.Errorf("pull: no next_cursor in the answer")
	}
	c.Cursor = resp.NextCursor
	if ts, err := hlc.Parse(resp.ServerHLC); err == nil {
		c.clock.Observe(ts)
	}
	return len(resp.Entries), resp.HasMore, nil
}

// PullAll pulls pages until the head; each entry goes to fn.
func (c *Client) PullAll(ctx context.Context, maxBytes int, fn func(protocol.Entry)) (pages int, err error) {
	for {
		resp, err := c.PullPage(ctx, maxBytes)
		if err != nil {
			return pages, err
		}
		pages++
		for _, e := range resp.Entries {
			if fn != nil {
				fn(e)
			}
		}
		if !resp.HasMore {
			return pages, nil
		}
	}
}

// RoundRobin is an http.RoundTripper that sends each request to the next of
// several base URLs (a load balancer in front of several server processes).
type RoundRobin struct {
	Targets []*url.URL
	Next    http.RoundTripper // default http.DefaultTransport
	n       atomic.Uint64
}

// RoundTrip implements http.RoundTripper.
func (r *RoundRobin) RoundTrip(req *http.Request) (*http.Response, error) {
	t := r.Targets[int(r.n.Add(1)-1)%len(r.Targets)]
	out := req.Clone(req.Context())
	out.URL.Scheme, out.URL.Host = t.Scheme, t.Host
	out.Host = t.Host
	next := r.Next
	if next == nil {
		next = http.DefaultTransport
	}
	return next.RoundTrip(out)
}
