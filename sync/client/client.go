// Package client is the desktop side of Imbang's sync protocol
// (docs/sync-protocol.md, docs/sync.md): it pushes the store's outbox in
// local_seq order through go-retryablehttp (capped full-jitter backoff,
// bounded retries, per-request deadlines, gzip bodies pre-encoded so a
// retry replays them), pulls the server log by cursor in pages sized by
// bytes and hands each page to store.ApplyPull (one transaction), follows
// server epochs (410 → pull from the start and push the retained changes
// again), and keeps working offline when the server refuses the schema.
// The same code runs headless (`imbang sync`), in the desktop scheduler and
// in the simulation (sync/simtest).
package client

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/tlspin"
	"github.com/hashicorp/go-retryablehttp"
	kgzip "github.com/klauspost/compress/gzip"
)

// Options configure a Client. Zero values take the defaults.
type Options struct {
	ServerURL  string
	Token      string
	HTTPClient *http.Client // the transport (simtest injects an in-memory RoundTripper)
	Now        func() time.Time
	RetryMax   int // retries per request (default 4)
	// Backoff is the wait before retry attempt n (1-based); default capped
	// full jitter between RetryWaitMin 1 s and RetryWaitMax 30 s.
	Backoff func(attempt int) time.Duration
	// Sleep waits between retries; default a timer (simtest: return at once).
	Sleep        func(ctx context.Context, d time.Duration) error
	MaxPageBytes int // pull page budget (default 256 KiB)
	// MaxChunkBytes is the budget of a compact page (a chunk), counted like
	// MaxPageBytes in the server's estimate of the page's JSON size
	// (default 1 MiB; the server caps it, 2 MiB by default).
	MaxChunkBytes int
	// NoChunks makes the client pull JSON pages only, like a protocol v1
	// client (tests of the older protocol; a diagnosis aid).
	NoChunks bool
	// WholeRows makes the client never announce protocol v3, so every
	// pulled row comes whole, like a protocol v2 client (tests of the
	// older protocol; a diagnosis aid).
	WholeRows      bool
	PushBatch      int           // changes per push request (default 2000)
	RequestTimeout time.Duration // per request (default 60 s)
	AppVersion     string
	Log            *slog.Logger
	// Fault is called at "before-push", "after-push-before-response",
	// "mid-apply" and "after-apply"; a non-nil error aborts there like a
	// crash (the open transaction rolls back).
	Fault func(point string) error
	// Progress, if set, is told after every push request and pull page
	// (`imbang sync` prints it on stderr during long sessions).
	Progress func(Progress)
}

// Progress is how far a session has come.
type Progress struct {
	Phase    string `json:"phase"`    // "push", "pull" or "berkas"
	Requests int    `json:"requests"` // push requests answered, or pull pages applied, in this phase
	Changes  int    `json:"changes"`  // push: changes answered so far
	Rows     int    `json:"rows"`     // pull: rows and removals applied so far
	More     bool   `json:"more"`     // pull: the server has more
	// berkas (the attachment files, after the rows): files done of
	// FilesTotal, and bytes moved so far.
	Files      int   `json:"files,omitempty"`
	FilesTotal int   `json:"filesTotal,omitempty"`
	Bytes      int64 `json:"bytes,omitempty"`
}

func (c *Client) progress(p Progress) {
	if c.opts.Progress != nil {
		c.opts.Progress(p)
	}
}

// Client syncs one store with one server.
type Client struct {
	st   *store.Store
	opts Options
	http *retryablehttp.Client
}

// Summary is the result of one session, printed by `imbang sync`.
type Summary struct {
	Pushed      int    `json:"pushed"`
	Pulled      int    `json:"pulled"`
	Conflicts   int    `json:"conflicts"`
	Rejected    int    `json:"rejected"`
	Cursor      string `json:"cursor"`
	Pending     int    `json:"pending"`
	ServerEpoch string `json:"serverEpoch"`
	Requeued    int    `json:"requeued,omitempty"` // changes queued again after a server restore
	// Quarantined rows broke a column rule and were not applied; Notice
	// says so in Indonesian ("1 baris dari server ditolak: …").
	Quarantined int    `json:"quarantined,omitempty"`
	Notice      string `json:"notice,omitempty"`
	// Files is what the file phase did (the attachment files travel after
	// the rows; its problems never fail the session).
	Files *FileSummary `json:"files,omitempty"`
}

// Error is a session failure with a stable code and a sentence for people.
type Error struct {
	Code      string `json:"code"`
	Status    int    `json:"status,omitempty"`
	Message   string `json:"message"`
	MessageEn string `json:"messageEn"`
	Offline   bool   `json:"offline"` // the server could not be reached
	Err       error  `json:"-"`
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.MessageEn + ": " + e.Err.Error()
	}
	return e.MessageEn
}
func (e *Error) Unwrap() error { return e.Err }

// Codes of client errors beyond the protocol's.
const (
	// CodeOffline: the server could not be reached at all (connection
	// refused, unknown host, no route); Error.Offline is set.
	CodeOffline = "offline"
	// CodeBusy: the server is there but did not answer in time, or said it
	// is overloaded (429, 503, 504); retried later, not "offline".
	CodeBusy       = "busy"
	CodeNotSetUp   = "not-set-up"
	CodeFault      = "fault"
	CodeBadAnswer  = "bad-answer"
	CodeStalled    = "stalled"
	CodeTooManyGap = "gap"
	// CodeReenroll: the server refused the credential (401); the outbox is
	// kept and the device must be enrolled again.
	CodeReenroll = "reenroll"
	// CodeCertificate: the server's certificate does not chain to the pinned CA.
	CodeCertificate = "certificate"
)

// New makes a client for st.
func New(st *store.Store, opts Options) *Client {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.RetryMax == 0 {
		opts.RetryMax = 4
	}
	if opts.RetryMax < 0 {
		opts.RetryMax = 0
	}
	if opts.MaxPageBytes <= 0 {
		opts.MaxPageBytes = 256 << 10
	}
	if opts.PushBatch <= 0 {
		opts.PushBatch = 2000
	}
	if opts.MaxChunkBytes <= 0 {
		opts.MaxChunkBytes = 1 << 20
	}
	if opts.RequestTimeout <= 0 {
		opts.RequestTimeout = 60 * time.Second
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.AppVersion == "" {
		opts.AppVersion = "dev"
	}
	rc := retryablehttp.NewClient()
	if opts.HTTPClient != nil {
		rc.HTTPClient = opts.HTTPClient
	}
	rc.Logger = nil
	rc.RetryMax = opts.RetryMax
	rc.RetryWaitMin = time.Second
	rc.RetryWaitMax = 30 * time.Second
	backoff := opts.Backoff
	rc.Backoff = func(min, max time.Duration, attempt int, resp *http.Response) time.Duration {
		if backoff != nil {
			return backoff(attempt)
		}
		return FullJitter(min, max, attempt, resp)
	}
	if opts.Sleep != nil {
		// retryablehttp sleeps on its own timer; with a Sleep hook the wait
		// happens here and the library's timer gets zero.
		sleep, inner := opts.Sleep, rc.Backoff
		rc.Backoff = func(min, max time.Duration, attempt int, resp *http.Response) time.Duration {
			_ = sleep(context.Background(), inner(min, max, attempt, resp))
			return 0
		}
	}
	rc.CheckRetry = CheckRetry
	rc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	return &Client{st: st, opts: opts, http: rc}
}

// FullJitter is capped exponential backoff with full jitter: a uniform wait
// in [0, min(max, min·2^attempt)], honouring Retry-After on 429/503.
func FullJitter(min, max time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s >= 0 {
			d := time.Duration(s) * time.Second
			if d > max {
				d = max
			}
			return d
		}
	}
	capd := max
	if attempt < 30 {
		if e := min << uint(attempt); e > 0 && e < max {
			capd = e
		}
	}
	return time.Duration(rand.Int64N(int64(capd) + 1))
}

// CheckRetry retries connection errors, 429 and 5xx (not 501); it never
// retries answers that another attempt cannot change (400, 401, 403, 409,
// 410, 413, 426) nor a cancelled context.
func CheckRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		var cve *tls.CertificateVerificationError
		if errors.Is(err, tlspin.ErrPin) || errors.As(err, &cve) {
			return false, nil // another attempt meets the same certificate
		}
		return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	}
	switch resp.StatusCode {
	case 400, 401, 403, 409, 410, 413, 426, 501:
		return false, nil
	}
	if resp.StatusCode == 429 || resp.StatusCode >= 500 {
		return true, nil
	}
	return false, nil
}

func (c *Client) fault(point string) error {
	if c.opts.Fault == nil {
		return nil
	}
	if err := c.opts.Fault(point); err != nil {
		return &Error{Code: CodeFault, Message: "Sinkronisasi terhenti (" + point + ").", MessageEn: "sync aborted at " + point, Err: err}
	}
	return nil
}

// do sends one request with its own deadline and decodes a 2xx JSON body
// into out, or returns an *Error built from the server's ErrorResponse.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body []byte, out any) error {
	return c.doAuth(ctx, method, path, query, body, out, true)
}

// doAuth is do, with or without the Authorization header.
func (c *Client) doAuth(ctx context.Context, method, path string, query url.Values, body []byte, out any, auth bool) error {
	rctx, cancel := context.WithTimeout(ctx, c.opts.RequestTimeout)
	defer cancel()
	resp, err := c.send(ctx, rctx, method, path, query, body, auth)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return readAnswer(resp, out)
}

// send sends one request (retried by the retry layer) under rctx and
// returns the answer, whatever its status, or an *Error for the link.
func (c *Client) send(ctx, rctx context.Context, method, path string, query url.Values, body []byte, auth bool) (*http.Response, error) {
	if c.opts.ServerURL == "" || c.opts.Token == "" {
		return nil, &Error{Code: CodeNotSetUp, Message: "Alamat server dan token sinkronisasi belum diisi.", MessageEn: "The sync server address and token are not set."}
	}
	u := strings.TrimRight(c.opts.ServerURL, "/") + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	var rb any
	if body != nil {
		rb = body // []byte: replayed as is on every retry
	}
	req, err := retryablehttp.NewRequestWithContext(rctx, method, u, rb)
	if err != nil {
		return nil, &Error{Code: CodeNotSetUp, Message: "Alamat server tidak sah.", MessageEn: "Invalid server address.", Err: err}
	}
	if auth {
		req.Header.Set("Authorization", "Bearer "+c.opts.Token)
	}
	req.Header.Set("Accept-Encoding", "gzip")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Content-Encoding", "gzip")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var cve *tls.CertificateVerificationError
		if errors.As(err, &cve) {
			return nil, &Error{Code: CodeCertificate, Message: "Sertifikat server tidak dipercaya. Pakai string pendaftaran lengkap (imbang1:…) yang memuat sidik jari CA server.",
				MessageEn: "The server certificate is not trusted; use the full enrollment string with the server's CA fingerprint.", Err: err}
		}
		if errors.Is(err, tlspin.ErrPin) || strings.Contains(err.Error(), "pinned CA fingerprint") {
			return nil, &Error{Code: CodeCertificate, Message: "Sertifikat server tidak cocok dengan sidik jari CA dari kode pendaftaran; sambungan ditolak. Periksa alamat server atau daftarkan ulang perangkat.",
				MessageEn: "The server certificate does not match the pinned CA fingerprint; connection refused.", Err: err}
		}
		if busyErr(err) {
			return nil, errBusy(err)
		}
		return nil, &Error{Code: CodeOffline, Offline: true, Message: "Server sinkronisasi tidak dapat dihubungi. Data tetap tersimpan di komputer ini dan akan dikirim nanti.",
			MessageEn: "The sync server cannot be reached; changes stay on this computer and are sent later.", Err: err}
	}
	return resp, nil
}

// readAnswer reads a whole answer: a 2xx JSON body decoded into out (numbers
// as json.Number), or an *Error from the server's ErrorResponse.
func readAnswer(resp *http.Response, out any) error {
	var r io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" && !resp.Uncompressed {
		zr, err := kgzip.NewReader(resp.Body)
		if err != nil {
			return badAnswer(err)
		}
		defer zr.Close()
		r = zr
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		if busyErr(err) {
			return errBusy(err)
		}
		return &Error{Code: CodeOffline, Offline: true, Message: "Sambungan terputus saat menerima data; akan dicoba lagi.",
			MessageEn: "The connection broke while receiving; it will be retried.", Err: err}
	}
	if resp.StatusCode/100 != 2 {
		return statusError(resp.StatusCode, raw)
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(out); err != nil {
		return badAnswer(err)
	}
	return nil
}

// busyErr reports whether a transport error means the server is there but
// slow: a timeout after the connection was made. Refused connections, unknown
// hosts, missing routes and timeouts while connecting mean offline.
func busyErr(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return false
	}
	var dns *net.DNSError
	if errors.As(err, &dns) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH) {
		return false
	}
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

func errBusy(err error) *Error {
	return &Error{Code: CodeBusy, Message: "Server sinkronisasi sedang sibuk dan belum menjawab. Data tetap tersimpan di komputer ini; sinkronisasi dicoba lagi nanti.",
		MessageEn: "The sync server is busy and did not answer in time; changes stay on this computer and sync is retried later.", Err: err}
}

func badAnswer(err error) error {
	return &Error{Code: CodeBadAnswer, Message: "Jawaban server tidak dapat dibaca; akan dicoba lagi.", MessageEn: "The server's answer cannot be read.", Err: err}
}

// statusError turns a non-2xx answer into an Error with a plain Indonesian
// sentence.
func statusError(status int, raw []byte) error {
	var er protocol.ErrorResponse
	_ = json.Unmarshal(raw, &er)
	e := &Error{Code: er.Code, Status: status}
	switch {
	case status == 401:
		e.Code = CodeReenroll
		e.Message, e.MessageEn = "Perangkat perlu didaftarkan ulang: server menolak kredensialnya (tidak dikenal, dicabut, atau kedaluwarsa). Perubahan tetap tersimpan di komputer ini; minta kode pendaftaran baru ke admin BKPSDM.", "The device needs to be enrolled again: the server refused its credential (unknown, revoked or expired). Changes stay on this computer; ask a BKPSDM admin for a new enrollment code."
	case status == 403:
		e.Message, e.MessageEn = "Server menolak perangkat ini. Hubungi BKPSDM.", "The server refused this device; contact BKPSDM."
	case status == 426:
		e.Message, e.MessageEn = "Versi aplikasi ini terlalu lama untuk server. Perbarui Imbang; sampai itu, bekerja terus seperti biasa — perubahan disimpan dan dikirim setelah pembaruan.", "This app version is too old for the server; update Imbang. Changes are kept and sent after the update."
	case status == 409 && er.Code == protocol.ErrSchemaTooNew:
		e.Message, e.MessageEn = "Server sinkronisasi lebih lama daripada aplikasi ini. Bekerja terus seperti biasa; perubahan dikirim setelah server diperbarui.", "The sync server is older than this app; changes are sent once it is updated."
	case status == 410:
		e.Message, e.MessageEn = "Server dipulihkan dari cadangan; data diunduh ulang dan perubahan dikirim lagi.", "The server was restored; data is downloaded again and changes re-sent."
	case status == 413:
		e.Message, e.MessageEn = "Kiriman terlalu besar untuk server.", "The request is too large for the server."
	case status == 429 || status == 503 || status == 504:
		b := errBusy(nil)
		e.Code, e.Message, e.MessageEn = CodeBusy, b.Message, b.MessageEn
	case status >= 500:
		e.Message, e.MessageEn = "Server sinkronisasi sedang bermasalah; akan dicoba lagi nanti.", "The sync server has a problem; it will be retried later."
	case er.Message != "":
		e.Message, e.MessageEn = er.Message, er.MessageEn // the server's own words (e.g. unknown-opd)
	default:
		e.Message, e.MessageEn = fmt.Sprintf("Server menjawab dengan galat %d.", status), fmt.Sprintf("The server answered %d.", status)
	}
	if e.Code == "" {
		e.Code = strconv.Itoa(status)
	}
	return e
}

// Status of an error as an HTTP status (0 if none).
func statusOf(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Status
	}
	return 0
}

func gz(v any) ([]byte, error) {
	var buf bytes.Buffer
	return gzipTo(&buf, func(zw *kgzip.Writer) error { return json.NewEncoder(zw).Encode(v) })
}

// Push sends every unanswered outbox entry in local_seq order, in batches,
// and records the dispositions. It returns how many changes were answered.
func (c *Client) Push(ctx context.Context) (int, error) {
	answered := 0
	if err := c.probeEpoch(ctx); err != nil {
		return 0, err
	}
	var prevFirst int64 = -1
	// after: every outbox entry up to this local seq was answered during
	// this call, so the next batch is read from there (answered entries
	// stay in the outbox until the pull passes them: a region upload read
	// past all it had sent in every round). 0 after anything that puts
	// entries back.
	var after int64
	// recorded: the last batch's answers being stored while the next batch
	// is sent (nil: none); joined before anything else touches the outbox
	// and before returning.
	var recorded chan error
	join := func(err error) error {
		if recorded != nil {
			if rerr := <-recorded; err == nil {
				err = rerr
			}
			recorded = nil
		}
		return err
	}
	cur := c.pushBatch(ctx, after)
	for round := 0; ; round++ {
		changes, body, err := cur.changes, cur.body, cur.err
		if err != nil || len(changes) == 0 {
			return answered, join(err)
		}
		if changes[0].LocalSeq == prevFirst && round > 3 {
			return answered, join(&Error{Code: CodeStalled, Message: "Server tidak menerima perubahan berikutnya; sinkronkan lagi nanti atau hubungi BKPSDM.",
				MessageEn: fmt.Sprintf("push makes no progress at local_seq %d", prevFirst)})
		}
		prevFirst = changes[0].LocalSeq
		if err := c.fault("before-push"); err != nil {
			return answered, join(err)
		}
		// The next batch is read and encoded while the server applies this
		// one (a region's upload spent a sixth of its time on the desktop,
		// with the server idle); it is used when every change of this one
		// was answered, and read again otherwise.
		last := changes[len(changes)-1].LocalSeq
		ahead := make(chan pushBatch, 1)
		go func() { ahead <- c.pushBatch(ctx, last) }()
		var resp protocol.PushResponse
		err = c.do(ctx, http.MethodPost, protocol.PathPush, nil, body, &resp)
		next := <-ahead // before any return: the store outlives no read of ours
		if err := join(err); err != nil {
			return answered, err
		}
		if err := c.fault("after-push-before-response"); err != nil {
			return answered, err // the server has it; the re-push gets the same dispositions
		}
		if reset, err := c.checkEpoch(ctx, resp.ServerEpoch); err != nil {
			return answered, err
		} else if reset {
			after = 0
			cur = c.pushBatch(ctx, after)
			continue // restored server: push again from the start (idempotent by change_id)
		}
		after = answeredUpTo(after, changes, resp.Dispositions)
		answered += len(resp.Dispositions)
		c.progress(Progress{Phase: "push", Requests: round + 1, Changes: answered})
		if len(resp.Dispositions) == 0 {
			// a gap: the server has fewer of our changes than we think
			// (restored without an epoch change seen yet) — queue the
			// retained ones after its last and try once more.
			if resp.LastLocalSeq < changes[0].LocalSeq-1 && round < 3 {
				if n, err := c.st.RequeueSent(ctx, resp.LastLocalSeq); err != nil {
					return answered, err
				} else if n > 0 {
					after = 0
					cur = c.pushBatch(ctx, after)
					continue
				}
			}
			return answered, &Error{Code: CodeTooManyGap, Message: "Server belum menerima perubahan sebelumnya; sinkronkan lagi nanti.",
				MessageEn: fmt.Sprintf("the server stopped at a gap (its last local_seq %d, ours from %d)", resp.LastLocalSeq, changes[0].LocalSeq)}
		}
		if after == last {
			// All answered: the answers are stored while the next batch,
			// already read, goes out (the outbox entries after last are
			// not the ones written).
			ds := resp.Dispositions
			recorded = make(chan error, 1)
			go func() { recorded <- c.st.RecordDispositions(ctx, ds) }()
			cur = next
			continue
		}
		if err := c.st.RecordDispositions(ctx, resp.Dispositions); err != nil {
			return answered, err
		}
		cur = c.pushBatch(ctx, after)
	}
}

// pushBatch is one push request's changes (at most PushBatch unanswered
// outbox entries after the local seq after) and its gzip body.
type pushBatch struct {
	changes []protocol.Change
	body    []byte
	err     error
}

func (c *Client) pushBatch(ctx context.Context, after int64) pushBatch {
	changes, raw, err := c.st.UnsentChangesRaw(ctx, after, c.opts.PushBatch)
	if err != nil || len(changes) == 0 {
		return pushBatch{err: err}
	}
	req := protocol.PushRequest{DeviceID: c.st.DeviceID(), SchemaVersion: protocol.SchemaVersion, AppVersion: c.opts.AppVersion,
		ClientTime: c.opts.Now().UTC().Format(time.RFC3339), Changes: changes}
	body, err := pushBody(req, raw)
	return pushBatch{changes: changes, body: body, err: err}
}

// answeredUpTo is the local seq up to which a batch's changes (read after
// after, in local seq order) were all answered.
func answeredUpTo(after int64, changes []protocol.Change, ds []protocol.Disposition) int64 {
	got := make(map[int64]bool, len(ds))
	for _, d := range ds {
		got[d.LocalSeq] = true
	}
	for _, ch := range changes {
		if !got[ch.LocalSeq] {
			break
		}
		after = ch.LocalSeq
	}
	return after
}

// checkEpoch compares a server epoch with the one stored; on a change the
// server lost history: cursor to the start, retained changes queued again.
func (c *Client) checkEpoch(ctx context.Context, epoch string) (bool, error) {
	if epoch == "" {
		return false, nil
	}
	have, err := c.st.SyncMeta(ctx, store.MetaSyncEpoch)
	if err != nil || have == "" || have == epoch {
		return false, err
	}
	c.opts.Log.Warn("sync: server epoch changed; pulling from the start and pushing retained changes again", "from", have, "to", epoch)
	_, err = c.st.ResetForEpoch(ctx, epoch)
	return err == nil, err
}

// probeEpoch asks /healthz for the server epoch before a push, so changes a
// restore lost are queued again before anything new is sent.
func (c *Client) probeEpoch(ctx context.Context) error {
	if have, err := c.st.SyncMeta(ctx, store.MetaSyncEpoch); err != nil || have == "" {
		return err // never synced: no epoch to compare, a round trip saved
	}
	var h struct {
		OK    bool   `json:"ok"`
		Epoch string `json:"epoch"`
	}
	if err := c.do(ctx, http.MethodGet, "/healthz", nil, nil, &h); err != nil {
		return err
	}
	_, err := c.checkEpoch(ctx, h.Epoch)
	return err
}

// Probe reports whether the server answers (the scheduler's link check).
func (c *Client) Probe(ctx context.Context) error {
	cl := *c
	cl.http = retryablehttp.NewClient()
	cl.http.HTTPClient = c.http.HTTPClient
	cl.http.Logger = nil
	cl.http.RetryMax = 0
	cl.http.ErrorHandler = retryablehttp.PassthroughErrorHandler
	var h map[string]any
	return cl.do(ctx, http.MethodGet, "/healthz", nil, nil, &h)
}

// PullPage fetches and applies one page after the stored cursor. It returns
// whether the server has more. From the start (cursor "") and until the
// head was reached once, it asks for a compact page (a chunk).
func (c *Client) PullPage(ctx context.Context) (store.PullResult, bool, error) {
	return c.pullPage(ctx, false)
}

// pullPage is PullPage; behind says the device is known to be more than a
// page behind the head (then a chunk is asked for too).
func (c *Client) pullPage(ctx context.Context, behind bool) (store.PullResult, bool, error) {
	from, err := c.st.SyncMeta(ctx, store.MetaPullCursor)
	if err != nil {
		return store.PullResult{}, false, err
	}
	q := url.Values{"cursor": {from}, "max_bytes": {strconv.Itoa(c.opts.MaxPageBytes)}, "schema": {strconv.Itoa(protocol.SchemaVersion)}}
	var page protocol.PullResponse
	if !c.opts.NoChunks && !behind && from != "" {
		// a first sync cut short (the head never reached) goes on in chunks
		asOf, err := c.st.SyncMeta(ctx, store.MetaSyncDataAsOf)
		if err != nil {
			return store.PullResult{}, false, err
		}
		behind = asOf == ""
	}
	if !c.opts.NoChunks && (from == "" || behind) {
		return c.pullStream(ctx, from, q)
	}
	if !c.opts.WholeRows {
		// rows this device holds may come as their changed columns only
		q.Set(protocol.ParamProtocol, strconv.Itoa(protocol.Version))
	}
	res, more, err := c.fetchApply(ctx, from, q, &page)
	if errors.Is(err, store.ErrPartialBase) {
		// A partial row of a row this device does not hold as it is now
		// (e.g. a version of it skipped while the log moved under a cut
		// session): the same page again, every row whole.
		c.opts.Log.Info("sync: partial row without its base; pulling the page again with whole rows")
		q.Del(protocol.ParamProtocol)
		page = protocol.PullResponse{}
		res, more, err = c.fetchApply(ctx, from, q, &page)
	}
	return res, more, err
}

// fetchApply fetches one JSON page into page and applies it.
func (c *Client) fetchApply(ctx context.Context, from string, q url.Values, page *protocol.PullResponse) (store.PullResult, bool, error) {
	err := c.do(ctx, http.MethodGet, protocol.PathPull, q, nil, page)
	if err != nil {
		if statusOf(err) == http.StatusGone {
			if _, err := c.st.ResetForEpoch(ctx, ""); err != nil {
				return store.PullResult{}, false, err
			}
			return store.PullResult{}, true, nil
		}
		return store.PullResult{}, false, err
	}
	return c.applyPage(ctx, from, *page)
}

// applyPage applies one page pulled from cursor from, in one transaction
// that moves the cursor to its end. It returns whether the server has more.
func (c *Client) applyPage(ctx context.Context, from string, page protocol.PullResponse) (store.PullResult, bool, error) {
	if from != "" {
		if _, err := c.checkEpoch(ctx, page.ServerEpoch); err != nil {
			return store.PullResult{}, false, err
		}
		if now, _ := c.st.SyncMeta(ctx, store.MetaPullCursor); now != from {
			return store.PullResult{Stale: true}, true, nil // reset by the epoch change
		}
	}
	if page.HasMore && page.NextCursor == from && len(page.Entries) == 0 {
		return store.PullResult{}, false, &Error{Code: CodeStalled, Message: "Server mengirim halaman kosong tanpa kemajuan; sinkronkan lagi nanti.",
			MessageEn: "pull makes no progress"}
	}
	res, err := c.st.ApplyPull(ctx, store.PullApply{From: from, Page: page, Fault: c.opts.Fault})
	if errors.Is(err, store.ErrPartialBase) {
		return res, false, err
	}
	if err != nil {
		var fe *Error
		if errors.As(err, &fe) {
			return res, false, err
		}
		if c.opts.Fault != nil && !strings.HasPrefix(err.Error(), "sync apply") {
			return res, false, &Error{Code: CodeFault, Message: "Sinkronisasi terhenti.", MessageEn: "sync aborted", Err: err}
		}
		return res, false, err
	}
	if err := c.fault("after-apply"); err != nil {
		return res, false, err
	}
	return res, page.HasMore && !res.Stale, nil
}

// Pull applies pages until the head.
func (c *Client) Pull(ctx context.Context, sum *Summary) error {
	behind := false
	for i := 0; ; i++ {
		res, more, err := c.pullPage(ctx, behind)
		behind = more // a full page was not the head: the rest comes in chunks
		// counted before the error: a cut stream keeps the pages it applied
		sum.Pulled += res.Rows + res.Removed
		sum.Conflicts += res.Conflicts
		sum.Rejected += res.Rejected
		if res.Quarantined > 0 {
			sum.Quarantined += res.Quarantined
			if sum.Notice == "" {
				sum.Notice = res.Problem
			}
		}
		if err != nil {
			return err
		}
		c.progress(Progress{Phase: "pull", Requests: i + 1, Rows: sum.Pulled, More: more})
		if !more {
			if sum.Quarantined > 0 && !strings.Contains(sum.Notice, "ditolak") {
				sum.Notice = fmt.Sprintf("%d baris dari server ditolak (tidak diterapkan): %s", sum.Quarantined, sum.Notice)
			}
			return nil
		}
		if i > 1_000_000 {
			return &Error{Code: CodeStalled, Message: "Sinkronisasi tidak selesai.", MessageEn: "pull did not reach the head"}
		}
	}
}

// Sync runs one session: push everything, then pull to the head (which
// brings the acknowledgements, so the outbox empties), then push again what
// a restore may have queued.
func (c *Client) Sync(ctx context.Context) (Summary, error) {
	var sum Summary
	c.maybeRotate(ctx)
	pushed, err := c.Push(ctx)
	sum.Pushed += pushed
	if err != nil && !isSchema(err) {
		return c.finish(ctx, sum, err)
	}
	pushErr := err
	if err := c.Pull(ctx, &sum); err != nil {
		return c.finish(ctx, sum, err)
	}
	c.maybeRegisterKeys(ctx) // once the link is known to work
	if pushErr == nil {
		if n, _ := c.st.SyncCounts(ctx); n.Unsent > 0 {
			pushed, err := c.Push(ctx)
			sum.Pushed += pushed
			if err != nil {
				return c.finish(ctx, sum, err)
			}
			if err := c.Pull(ctx, &sum); err != nil {
				return c.finish(ctx, sum, err)
			}
		}
	}
	c.files(ctx, &sum)
	return c.finish(ctx, sum, pushErr)
}

// files runs the file phase after the rows; a failure is a notice.
func (c *Client) files(ctx context.Context, sum *Summary) {
	fs, err := c.SyncFiles(ctx)
	if err != nil && fs.Notice == "" {
		fs.Notice = "Berkas lampiran belum selesai berpindah: " + errText(err)
	}
	if err != nil || fs != (FileSummary{}) {
		sum.Files = &fs
	}
	if err != nil {
		c.opts.Log.Warn("sync: file phase stopped", "err", err)
	}
}

func isSchema(err error) bool {
	s := statusOf(err)
	return s == http.StatusUpgradeRequired || s == http.StatusConflict
}

func (c *Client) finish(ctx context.Context, sum Summary, err error) (Summary, error) {
	sum.Cursor, _ = c.st.SyncMeta(ctx, store.MetaPullCursor)
	sum.ServerEpoch, _ = c.st.SyncMeta(ctx, store.MetaSyncEpoch)
	if n, e := c.st.SyncCounts(ctx); e == nil {
		sum.Pending = n.Pending
	}
	return sum, err
}

func decodeNumbers(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	return d.Decode(v)
}
