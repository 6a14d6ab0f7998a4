package server

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// Operations: request ids, structured request logs without personal data,
// per-device token-bucket rate limits, and the Prometheus text exposition
// of /metrics (hand-written; docs/enrollment-tls.md lists the series).

var errRateLimited = &httpError{http.StatusTooManyRequests, protocol.ErrRateLimited,
	"Terlalu banyak permintaan dari perangkat ini; dicoba lagi sebentar lagi.", "Too many requests from this device; retry shortly.", nil}

// limiter is a token bucket per key (device id, or client IP before a
// device is known). rate <= 0 disables it.
type limiter struct {
	rate, burst float64
	mu          sync.Mutex
	buckets     map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(rate float64, burst int) *limiter {
	if burst < 1 {
		burst = int(math.Max(1, rate))
	}
	return &limiter{rate: rate, burst: float64(burst), buckets: map[string]*bucket{}}
}

// allow takes one token for key; false when the bucket is empty.
func (l *limiter) allow(key string, _ time.Time) bool {
	if l == nil || l.rate <= 0 {
		return true
	}
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) > 100000 { // bounded memory: forget idle buckets
			for k, o := range l.buckets {
				if now.Sub(o.last) > time.Minute {
					delete(l.buckets, k)
				}
			}
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// retryAfter is the whole seconds until one token is back.
func (l *limiter) retryAfter() int {
	if l == nil || l.rate <= 0 {
		return 1
	}
	return int(math.Ceil(1 / l.rate))
}

func clientIP(r *http.Request) string {
	h, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return h
}

type reqInfoKey struct{}

// reqInfo is filled in while a request is handled, for its log line.
type reqInfo struct {
	id     string
	device string
	body   *limitedBody
}

// drainLimit bounds how much of a body over the limit the server still
// reads (and drops) so that the 413 reaches a client that writes its whole
// body before it reads the answer (curl, Python): stopping to read makes the
// server close the connection under such a client, which then sees a reset.
const drainLimit = 2 * MaxBodyBytes

// limitedBody caps the raw request body at MaxBodyBytes (a read past it
// fails with *http.MaxBytesError) and can drain what is left, boundedly.
type limitedBody struct {
	rc   io.ReadCloser
	read int64 // bytes read from rc
	w    http.ResponseWriter
	req  *http.Request
}

func (b *limitedBody) Read(p []byte) (int, error) {
	left := MaxBodyBytes - b.read
	if left <= 0 {
		// one byte more says whether the body really is longer
		var one [1]byte
		n, err := b.rc.Read(one[:])
		b.read += int64(n)
		if n == 0 {
			return 0, err
		}
		return 0, &http.MaxBytesError{Limit: MaxBodyBytes}
	}
	if int64(len(p)) > left {
		p = p[:left]
	}
	n, err := b.rc.Read(p)
	b.read += int64(n)
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }

// drain reads and drops the rest of a refused body while the whole stays
// within drainLimit; a longer body is left unread and the connection is
// closed after the answer.
func (b *limitedBody) drain() {
	if cl := b.req.ContentLength; cl > drainLimit {
		b.w.Header().Set("Connection", "close")
		return
	}
	rest := drainLimit - b.read
	if rest <= 0 {
		b.w.Header().Set("Connection", "close")
		return
	}
	n, err := io.CopyN(io.Discard, b.rc, rest)
	b.read += n
	if err == nil {
		b.w.Header().Set("Connection", "close") // not at the end yet
	}
}

// drainBody drains the request's body after a refusal (see limitedBody).
func drainBody(r *http.Request) {
	if ri := infoOf(r.Context()); ri != nil && ri.body != nil {
		ri.body.drain()
	}
}

func infoOf(ctx context.Context) *reqInfo {
	ri, _ := ctx.Value(reqInfoKey{}).(*reqInfo)
	return ri
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(s int) { w.status = s; w.ResponseWriter.WriteHeader(s) }

func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		if !(c == '-' || c == '_' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// middleware gives every request an id (X-Request-Id, taken from the
// request when sane), caps the raw body, and logs one line per request:
// method, path, status, duration, request id and device id — never bodies,
// tokens, query strings or anything personal.
func (s *Server) middleware(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t := time.Now()
		id := r.Header.Get("X-Request-Id")
		if !validRequestID(id) {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-Id", id)
		ri := &reqInfo{id: id}
		r = r.WithContext(context.WithValue(r.Context(), reqInfoKey{}, ri))
		if r.Body != nil && r.Body != http.NoBody {
			lb := &limitedBody{rc: r.Body, w: w, req: r}
			ri.body = lb
			r.Body = lb
		}
		sw := &statusWriter{ResponseWriter: w, status: 200}
		h.ServeHTTP(sw, r)
		d := time.Since(t)
		s.metrics.request(r.URL.Path, sw.status, d)
		s.log.Info("request", "request_id", id, "method", r.Method, "path", r.URL.Path, "status", sw.status,
			"ms", d.Milliseconds(), "device", ri.device)
	})
}

// metrics are the server's counters for /metrics.
type metrics struct {
	mu           sync.Mutex
	pushLatency  histogram
	pullLatency  histogram
	changes      map[string]int64 // by disposition status
	rejected     map[string]int64 // by reason
	conflicts    int64
	requests     map[string]int64 // "path|status"
	lastSync     map[string]time.Time
	enrollFailed int64
	portal       map[string]int64 // Portal Pegawai events (PortalEvent)
}

var latencyBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type histogram struct {
	counts []int64 // len(latencyBuckets)+1 (last is +Inf)
	sum    float64
	n      int64
}

func (h *histogram) observe(v float64) {
	if h.counts == nil {
		h.counts = make([]int64, len(latencyBuckets)+1)
	}
	i := sort.SearchFloat64s(latencyBuckets, v)
	h.counts[i]++
	h.sum += v
	h.n++
}

func newMetrics() *metrics {
	return &metrics{changes: map[string]int64{}, rejected: map[string]int64{}, requests: map[string]int64{}, lastSync: map[string]time.Time{}, portal: map[string]int64{}}
}

func (m *metrics) request(path string, status int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	switch path {
	case protocol.PathPush:
		if status == 200 {
			m.pushLatency.observe(d.Seconds())
		}
	case protocol.PathPull, protocol.PathSnapshot:
		if status == 200 {
			m.pullLatency.observe(d.Seconds())
		}
	case protocol.PathEnroll:
		if status == 401 {
			m.enrollFailed++
		}
	}
	switch path {
	case protocol.PathPush, protocol.PathPull, protocol.PathSnapshot, protocol.PathBundle, protocol.PathEnroll,
		protocol.PathRotate, protocol.PathEnrollCode, protocol.PathKeys, "/healthz", "/metrics":
	default:
		if strings.HasPrefix(path, protocol.PathBlobs) {
			path = protocol.PathBlobs // one series for every file, not one per file
		} else {
			path = "other"
		}
	}
	m.requests[path+"|"+strconv.Itoa(status)]++
}

// PortalEvents are the portal's counted events.
var PortalEvents = []string{"login", "login_failed", "lockout", "rate_limited", "activated", "activation_failed", "submitted", "withdrawn", "write_refused"}

// PortalEvent counts one portal event (one of PortalEvents) for /metrics.
func (s *Server) PortalEvent(event string) {
	s.metrics.mu.Lock()
	s.metrics.portal[event]++
	s.metrics.mu.Unlock()
}

func (m *metrics) portalRefused() {
	m.mu.Lock()
	m.portal["write_refused"]++
	m.mu.Unlock()
}

func (m *metrics) dispositions(ds []protocol.Disposition) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, d := range ds {
		m.changes[d.Status]++
		switch d.Status {
		case protocol.StatusRejected:
			m.rejected[d.Reason]++
		case protocol.StatusConflict:
			m.conflicts++
		}
	}
}

func (m *metrics) synced(d Device, t time.Time) {
	k := d.OPDKode
	if d.BKPSDM {
		k = "BKPSDM"
	}
	m.mu.Lock()
	m.lastSync[k] = t
	m.mu.Unlock()
}

func writeHist(b *strings.Builder, name string, h histogram) {
	var cum int64
	for i, le := range latencyBuckets {
		if h.counts != nil {
			cum += h.counts[i]
		}
		fmt.Fprintf(b, "%s_bucket{le=\"%g\"} %d\n", name, le, cum)
	}
	if h.counts != nil {
		cum += h.counts[len(latencyBuckets)]
	}
	fmt.Fprintf(b, "%s_bucket{le=\"+Inf\"} %d\n%s_sum %g\n%s_count %d\n", name, cum, name, h.sum, name, h.n)
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func esc(s string) string { return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) }

// exposition renders the metrics in the Prometheus text format 0.0.4.
func (m *metrics) exposition(head int64) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var b strings.Builder
	b.WriteString("# HELP imbang_push_duration_seconds Latency of successful push requests.\n# TYPE imbang_push_duration_seconds histogram\n")
	writeHist(&b, "imbang_push_duration_seconds", m.pushLatency)
	b.WriteString("# HELP imbang_pull_duration_seconds Latency of successful pull and snapshot requests.\n# TYPE imbang_pull_duration_seconds histogram\n")
	writeHist(&b, "imbang_pull_duration_seconds", m.pullLatency)
	b.WriteString("# HELP imbang_changes_total Pushed changes by disposition.\n# TYPE imbang_changes_total counter\n")
	for _, st := range []string{protocol.StatusApplied, protocol.StatusSuperseded, protocol.StatusRejected, protocol.StatusConflict} {
		fmt.Fprintf(&b, "imbang_changes_total{disposition=%q} %d\n", st, m.changes[st])
	}
	b.WriteString("# HELP imbang_rejected_changes_total Rejected writes by reason.\n# TYPE imbang_rejected_changes_total counter\n")
	for _, k := range sortedKeys(m.rejected) {
		fmt.Fprintf(&b, "imbang_rejected_changes_total{reason=\"%s\"} %d\n", esc(k), m.rejected[k])
	}
	b.WriteString("# HELP imbang_conflicts_total Conflicts opened by pushes.\n# TYPE imbang_conflicts_total counter\n")
	fmt.Fprintf(&b, "imbang_conflicts_total %d\n", m.conflicts)
	b.WriteString("# HELP imbang_http_requests_total Requests by path and status.\n# TYPE imbang_http_requests_total counter\n")
	for _, k := range sortedKeys(m.requests) {
		p, st, _ := strings.Cut(k, "|")
		fmt.Fprintf(&b, "imbang_http_requests_total{path=\"%s\",status=\"%s\"} %d\n", esc(p), st, m.requests[k])
	}
	b.WriteString("# HELP imbang_enroll_failures_total Refused enrollment attempts.\n# TYPE imbang_enroll_failures_total counter\n")
	fmt.Fprintf(&b, "imbang_enroll_failures_total %d\n", m.enrollFailed)
	b.WriteString("# HELP imbang_opd_last_sync_timestamp_seconds Last successful push or pull of a device of the OPD (BKPSDM for BKPSDM devices), since this process started.\n# TYPE imbang_opd_last_sync_timestamp_seconds gauge\n")
	for _, k := range sortedKeys(m.lastSync) {
		fmt.Fprintf(&b, "imbang_opd_last_sync_timestamp_seconds{opd=\"%s\"} %d\n", esc(k), m.lastSync[k].Unix())
	}
	b.WriteString("# HELP imbang_portal_events_total Portal Pegawai events: logins, failures, lockouts, activations, requests submitted, refused writes.\n# TYPE imbang_portal_events_total counter\n")
	for _, k := range PortalEvents {
		fmt.Fprintf(&b, "imbang_portal_events_total{event=%q} %d\n", k, m.portal[k])
	}
	b.WriteString("# HELP imbang_log_head_seq Highest committed server sequence.\n# TYPE imbang_log_head_seq gauge\n")
	fmt.Fprintf(&b, "imbang_log_head_seq %d\n", head)
	return b.String()
}

func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	if herr := s.metricsAllowed(r); herr != nil {
		s.fail(w, r, herr)
		return
	}
	head, err := s.st.Head(r.Context())
	if err != nil {
		head = -1
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	_, _ = w.Write([]byte(s.metrics.exposition(head)))
}

// metricsAllowed: /metrics names the OPDs and when each last synced, so a
// server on the internet does not show it to anyone (Options.MetricsToken).
func (s *Server) metricsAllowed(r *http.Request) *httpError {
	if s.opts.MetricsToken != "" {
		tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if ok && subtle.ConstantTimeCompare([]byte(tok), []byte(s.opts.MetricsToken)) == 1 {
			return nil
		}
		return &httpError{http.StatusUnauthorized, protocol.ErrUnauthorized,
			"Metrik meminta token (--metrics-token di server).", "/metrics needs the metrics token (the server's --metrics-token).", nil}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if ip := net.ParseIP(host); err == nil && ip != nil && ip.IsLoopback() {
		return nil
	}
	return &httpError{http.StatusForbidden, protocol.ErrForbidden,
		"Metrik hanya untuk komputer server itu sendiri; pasang --metrics-token untuk membukanya ke jaringan.",
		"/metrics answers only the server's own host; set --metrics-token to open it to the network.", nil}
}
