// Package server is Imbang's central sync server: push (dedupe by device and
// local_seq, authorize by the device's OPD, upcast, clock guard, per-column
// LWW by (HLC, device) with merge groups, guarded columns, conflicts,
// duplicate-NIP aliases, insert-only workflow events) and pull (one server
// sequence, byte-sized pages, scope filtering, removals, server-derived
// bezetting_agregat), over a backend-neutral Store (sync/server/sqlitestore
// today). The wire protocol is sync/protocol and docs/sync-protocol.md.
package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/seal"
	"github.com/google/uuid"
	kgzip "github.com/klauspost/compress/gzip"
)

// Options configure a Server. Zero values take the defaults.
type Options struct {
	Now          func() time.Time // default time.Now
	MaxClockSkew time.Duration    // default 5 min
	MinSchema    int              // default 1
	MaxSchema    int              // default protocol.SchemaVersion
	Log          *slog.Logger     // default discards
	MaxPageBytes int              // default and cap of a pull page, default 256 KiB
	// MaxChunkBytes caps a compact pull page (a chunk, enc=imbc1), counted
	// like MaxPageBytes in estimated JSON bytes; default 2 MiB.
	MaxChunkBytes int
	// CredentialTTL is the lifetime of a credential issued by enrollment or
	// rotation (default DefaultCredentialTTL; negative: no expiry).
	CredentialTTL time.Duration
	// PublicURL and CAFingerprint go into enrollment strings (may be empty).
	PublicURL     string
	CAFingerprint string
	// RateLimit is the sustained requests per second per device (and per
	// client IP for enrollment); RateBurst its bucket size. 0: no limit.
	RateLimit float64
	RateBurst int
	// RequireAccounts rejects writes whose actor is not an account of the
	// server (system actors), except the first-run "setup" account insert
	// (roles.go).
	RequireAccounts bool
	// MetricsToken, if set, is the bearer token /metrics asks for; if not,
	// /metrics answers only clients on a loopback address (a Prometheus on
	// the same host, or a reverse proxy that guards it).
	MetricsToken string
	// MaxOpenConflicts caps the open conflicts one device's changes may
	// have opened; a change that would open one more is rejected with
	// conflict-limit (default DefaultMaxOpenConflicts; negative: no cap).
	MaxOpenConflicts int
}

// Server serves the sync protocol over a Store.
type Server struct {
	st       Store
	opts     Options
	log      *slog.Logger
	clock    *hlc.Clock
	mu       sync.Mutex // serialises pushes (the store serialises too; this keeps the clock and the tx in step)
	opdCache sync.Map   // OPD kode → OPD row id
	// installLabels caches install id → OPD label of a bound device (an
	// install id, once bound, never changes its device).
	installLabels sync.Map
	limiter       *limiter
	metrics       *metrics
	keysMu        sync.Mutex
	keys          *seal.Keys // the server's bundle keys, read once (bundle.go)
	versions      sync.Map   // device id → "version|platform" last recorded (releases.go)
	mounts        []mount    // other handlers on the same listener (Mount)
}

// mount is a handler served beside the protocol's endpoints.
type mount struct {
	pattern string
	h       http.Handler
}

// Mount serves h at pattern (a ServeMux pattern such as "/portal/") on the
// server's listener, behind the same middleware (request ids, metrics,
// logs). Call it before Handler.
func (s *Server) Mount(pattern string, h http.Handler) {
	s.mounts = append(s.mounts, mount{pattern, h})
}

// MaxBodyBytes limits a request body after decompression.
const MaxBodyBytes = 64 << 20

// New returns a server over st.
func New(st Store, opts Options) (*Server, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.MaxClockSkew <= 0 {
		opts.MaxClockSkew = 5 * time.Minute
	}
	if opts.MinSchema <= 0 {
		opts.MinSchema = 1
	}
	if opts.MaxSchema <= 0 {
		opts.MaxSchema = protocol.SchemaVersion
	}
	if opts.MinSchema > opts.MaxSchema {
		return nil, fmt.Errorf("server: MinSchema %d > MaxSchema %d", opts.MinSchema, opts.MaxSchema)
	}
	if opts.MaxChunkBytes <= 0 {
		opts.MaxChunkBytes = 2 << 20
	}
	if opts.MaxPageBytes <= 0 {
		opts.MaxPageBytes = 256 << 10
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.CredentialTTL == 0 {
		opts.CredentialTTL = DefaultCredentialTTL
	}
	s := &Server{st: st, opts: opts, log: opts.Log, limiter: newLimiter(opts.RateLimit, opts.RateBurst), metrics: newMetrics()}
	var last hlc.Timestamp
	if err := st.Update(context.Background(), func(tx Tx) error {
		v, err := tx.Meta("hlc")
		if err != nil || v == "" {
			return err
		}
		last, err = hlc.Parse(v)
		return err
	}); err != nil {
		return nil, fmt.Errorf("server: read clock: %w", err)
	}
	s.clock = hlc.New(opts.Now, last)
	if err := indexAccountScopes(context.Background(), st); err != nil {
		return nil, fmt.Errorf("server: index accounts: %w", err)
	}
	if err := indexBlobRefs(context.Background(), st); err != nil {
		return nil, fmt.Errorf("server: index attachment rows: %w", err)
	}
	return s, nil
}

// Store returns the server's store.
func (s *Server) Store() Store { return s.st }

// HashToken is the stored form of a token.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// AddDevice registers a device of the OPD with kode opdKode (or a BKPSDM
// device) and returns its id and its token (shown once; only its hash is
// kept; it does not expire). Devices normally join by enrollment
// (CreateEnrollment, Enroll); this is the Go API of tests and of the CLI's
// `device add --legacy-token`.
func (s *Server) AddDevice(ctx context.Context, opdKode string, bkpsdm bool) (deviceID, token string, err error) {
	opdKode = strings.TrimSpace(opdKode)
	if bkpsdm == (opdKode != "") {
		return "", "", errors.New("server: a device belongs to exactly one OPD or to BKPSDM")
	}
	token, err = newCredential(time.Time{})
	if err != nil {
		return "", "", err
	}
	deviceID = uuid.NewString()
	d := Device{ID: deviceID, OPDKode: opdKode, BKPSDM: bkpsdm, TokenHash: HashToken(token), Created: s.opts.Now().UTC().Format(time.RFC3339)}
	if err := s.st.Update(ctx, func(tx Tx) error { return tx.PutDevice(d) }); err != nil {
		return "", "", err
	}
	s.log.Info("device added", "device", deviceID, "opd", opdKode, "bkpsdm", bkpsdm)
	return deviceID, token, nil
}

// RevokeDevice revokes a device: its token is refused from now on.
func (s *Server) RevokeDevice(ctx context.Context, deviceID string) error {
	return s.st.Update(ctx, func(tx Tx) error {
		d, err := tx.Device(deviceID)
		if err != nil {
			return err
		}
		d.Revoked = true
		return tx.PutDevice(d)
	})
}

// Handler is the HTTP handler of the protocol's endpoints.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+protocol.PathPush, s.handlePush)
	mux.HandleFunc("GET "+protocol.PathPull, s.handlePull)
	mux.HandleFunc("GET "+protocol.PathSnapshot, s.handlePull)
	mux.HandleFunc("POST "+protocol.PathBundle, s.handleBundlePush)
	mux.HandleFunc("GET "+protocol.PathBundle, s.handleBundlePull)
	mux.HandleFunc("POST "+protocol.PathEnroll, s.handleEnroll)
	mux.HandleFunc("POST "+protocol.PathRotate, s.handleRotate)
	mux.HandleFunc("POST "+protocol.PathEnrollCode, s.handleEnrollCode)
	mux.HandleFunc("POST "+protocol.PathKeys, s.handleKeys)
	mux.HandleFunc("GET "+protocol.PathBlobs+"{sha}", s.handleBlob) // and HEAD
	mux.HandleFunc("PUT "+protocol.PathBlobs+"{sha}", s.handleBlob)
	mux.HandleFunc("GET "+protocol.PathRelease, s.handleRelease)
	mux.HandleFunc("GET "+protocol.PathReleaseFile, s.handleReleaseFile)
	mux.HandleFunc("POST "+protocol.PathReleaseReport, s.handleReleaseReport)
	mux.HandleFunc("GET "+protocol.PathDevices, s.handleDevices)
	mux.HandleFunc("GET /metrics", s.handleMetrics)
	for _, m := range s.mounts {
		mux.Handle(m.pattern, m.h)
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		// store reachable: the epoch and the head are read from it
		ep, err := s.st.Epoch(r.Context())
		if err == nil {
			_, err = s.st.Head(r.Context())
		}
		if err != nil {
			s.fail(w, r, &httpError{http.StatusServiceUnavailable, protocol.ErrInternal, "Basis data server tidak dapat dihubungi.", "The server database is unreachable.", err})
			return
		}
		s.reply(w, r, map[string]any{"ok": true, "epoch": ep})
	})
	return s.middleware(mux)
}

// httpError is an error with its HTTP status and protocol code.
type httpError struct {
	status int
	code   string
	id, en string
	cause  error
}

func (e *httpError) Error() string {
	if e.cause != nil {
		return e.code + ": " + e.cause.Error()
	}
	return e.code + ": " + e.en
}

// ErrorMessages returns the code and sentences of a refusal made by the
// server's Go API (as the HTTP answer would carry them); ok=false for any
// other error.
func ErrorMessages(err error) (protocol.ErrorResponse, bool) {
	var he *httpError
	if !errors.As(err, &he) {
		return protocol.ErrorResponse{}, false
	}
	return protocol.ErrorResponse{Code: he.code, Message: he.id, MessageEn: he.en}, true
}

func errInternal(err error) *httpError {
	return &httpError{http.StatusInternalServerError, protocol.ErrInternal, "Terjadi kesalahan di server; coba lagi nanti.", "Server error; try again later.", err}
}

func errBadRequest(en string) *httpError {
	return &httpError{http.StatusBadRequest, protocol.ErrBadRequest, "Permintaan tidak dapat dibaca: " + en, "Malformed request: " + en, nil}
}

var (
	errUnauthorized   = &httpError{http.StatusUnauthorized, protocol.ErrUnauthorized, "Perangkat tidak dikenal, sudah dicabut, atau kredensialnya kedaluwarsa; perangkat perlu didaftarkan ulang dengan kode pendaftaran baru dari BKPSDM. Perubahan di perangkat tetap tersimpan.", "Unknown, revoked or expired device credential; the device needs to be enrolled again with a new code from BKPSDM. Its changes are kept.", nil}
	errDeviceMismatch = &httpError{http.StatusForbidden, protocol.ErrForbidden, "Token ini terdaftar untuk instalasi lain.", "This token is bound to another installation.", nil}
	errSnapshot       = &httpError{http.StatusGone, protocol.ErrSnapshotRequired, "Server telah dipulihkan; data akan dimuat ulang dari awal.", "The server was restored; data is reloaded from the start.", nil}
	errTooLarge       = &httpError{http.StatusRequestEntityTooLarge, protocol.ErrTooLarge, "Kiriman terlalu besar.", "Request too large.", nil}
)

func (s *Server) schemaCheck(v int) *httpError {
	switch {
	case v < s.opts.MinSchema:
		return &httpError{http.StatusUpgradeRequired, protocol.ErrSchemaTooOld,
			fmt.Sprintf("Versi aplikasi terlalu lama (skema %d, server menerima %d–%d); perbarui aplikasi. Perubahan Anda tetap tersimpan.", v, s.opts.MinSchema, s.opts.MaxSchema),
			fmt.Sprintf("App too old (schema %d, server accepts %d–%d); update the app. Your changes are kept.", v, s.opts.MinSchema, s.opts.MaxSchema), nil}
	case v > s.opts.MaxSchema:
		return &httpError{http.StatusConflict, protocol.ErrSchemaTooNew,
			fmt.Sprintf("Aplikasi lebih baru dari server (skema %d, server menerima %d–%d); server perlu diperbarui.", v, s.opts.MinSchema, s.opts.MaxSchema),
			fmt.Sprintf("App newer than the server (schema %d, server accepts %d–%d); the server needs updating.", v, s.opts.MinSchema, s.opts.MaxSchema), nil}
	}
	return nil
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, e *httpError) {
	rid := ""
	if ri := infoOf(r.Context()); ri != nil {
		rid = ri.id
	}
	if e.status >= 500 {
		s.log.Error("sync request failed", "request_id", rid, "path", r.URL.Path, "code", e.code, "err", e.cause)
	} else {
		s.log.Info("sync request refused", "request_id", rid, "path", r.URL.Path, "code", e.code)
	}
	if e.status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", strconv.Itoa(s.limiter.retryAfter()))
	}
	s.write(w, r, e.status, protocol.ErrorResponse{Code: e.code, Message: e.id, MessageEn: e.en})
}

func (s *Server) reply(w http.ResponseWriter, r *http.Request, v any) {
	s.write(w, r, http.StatusOK, v)
}

// rawJSON is a reply that encodes itself (pullWire).
type rawJSON interface{ appendJSON([]byte) []byte }

func (s *Server) write(w http.ResponseWriter, r *http.Request, status int, v any) {
	var b []byte
	var err error
	if rj, ok := v.(rawJSON); ok {
		b = rj.appendJSON(nil)
	} else {
		b, err = json.Marshal(v)
	}
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"code":"internal","message":"kesalahan server","message_en":"server error"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") && len(b) > 256 {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Vary", "Accept-Encoding")
		w.WriteHeader(status)
		zw := gzipWriters.Get().(*kgzip.Writer)
		zw.Reset(w)
		zw.Write(b)
		zw.Close()
		gzipWriters.Put(zw)
		return
	}
	w.WriteHeader(status)
	w.Write(b)
}

// gzipWriters are reused: a new gzip.Writer allocates ~800 KB, which under
// load cost more CPU (allocation, zeroing, GC) than compressing. They are
// klauspost/compress's (the standard format, about the same size, 0.6-0.7x
// the CPU of compress/gzip on a pull's page; compressing was a fifth of a
// pull's CPU).
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := kgzip.NewWriterLevel(io.Discard, kgzip.BestSpeed)
	return zw
}}

var gzipReaders sync.Pool // *kgzip.Reader: inflates a push body in about 0.7x the CPU of compress/gzip

// readBody decodes a (possibly gzip) JSON body into v. A body over the
// limit, as sent or after decompression, is 413; the rest of it is drained
// (boundedly) so that the client can read that answer.
func readBody(r *http.Request, v any) *httpError {
	herr := decodeBody(r, v)
	if herr == errTooLarge {
		drainBody(r)
	}
	return herr
}

func decodeBody(r *http.Request, v any) *httpError {
	if r.ContentLength > MaxBodyBytes {
		return errTooLarge
	}
	var rd io.Reader = r.Body
	if strings.EqualFold(r.Header.Get("Content-Encoding"), "gzip") {
		zr, _ := gzipReaders.Get().(*kgzip.Reader)
		var err error
		if zr == nil {
			zr, err = kgzip.NewReader(r.Body)
		} else {
			err = zr.Reset(r.Body)
		}
		if err != nil {
			return errBadRequest("gzip: " + err.Error())
		}
		defer gzipReaders.Put(zr)
		rd = zr
	}
	b, err := io.ReadAll(io.LimitReader(rd, MaxBodyBytes+1))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return errTooLarge
	}
	if err != nil {
		return errBadRequest("body: " + err.Error())
	}
	if len(b) > MaxBodyBytes {
		return errTooLarge
	}
	if pr, ok := v.(*protocol.PushRequest); ok && decodePush(b, pr) {
		return nil
	}
	if err := json.Unmarshal(b, v); err != nil {
		return errBadRequest("json: " + err.Error())
	}
	return nil
}

// authenticate finds the device of the bearer token.
func (s *Server) authenticate(r *http.Request) (Device, *httpError) {
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || strings.TrimSpace(tok) == "" {
		return Device{}, errUnauthorized
	}
	d, err := s.st.DeviceByToken(r.Context(), HashToken(strings.TrimSpace(tok)))
	if errors.Is(err, ErrNotFound) {
		return Device{}, errUnauthorized
	}
	if err != nil {
		return Device{}, errInternal(err)
	}
	if d.Revoked {
		return Device{}, errUnauthorized
	}
	if exp := credentialExpiry(strings.TrimSpace(tok)); !exp.IsZero() && !s.opts.Now().Before(exp) {
		return Device{}, errUnauthorized
	}
	if ri := infoOf(r.Context()); ri != nil {
		ri.device = d.ID
	}
	if !s.limiter.allow(d.ID, time.Time{}) {
		return Device{}, errRateLimited
	}
	return d, nil
}

func (s *Server) handlePush(w http.ResponseWriter, r *http.Request) {
	d, herr := s.authenticate(r)
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	var req protocol.PushRequest
	if herr := readBody(r, &req); herr != nil {
		s.fail(w, r, herr)
		return
	}
	resp, herr := s.push(r.Context(), d.ID, d.OPDKode, req)
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	s.metrics.dispositions(resp.Dispositions)
	s.metrics.synced(d, time.Now())
	s.reply(w, r, resp)
}

// handleBundlePush imports a push bundle sent over the link: it must be
// signed by the device whose credential sends it.
func (s *Server) handleBundlePush(w http.ResponseWriter, r *http.Request) {
	d, herr := s.authenticate(r)
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	var b protocol.Bundle
	if herr := readBody(r, &b); herr != nil {
		s.fail(w, r, herr)
		return
	}
	resp, err := s.ImportBundle(r.Context(), b, d.ID)
	if err != nil {
		s.fail(w, r, asHTTP(err))
		return
	}
	s.reply(w, r, resp)
}

func (s *Server) handlePull(w http.ResponseWriter, r *http.Request) {
	d, herr := s.authenticate(r)
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	q := r.URL.Query()
	cursor := q.Get("cursor")
	if r.URL.Path == protocol.PathSnapshot {
		cursor = ""
	}
	maxBytes, schema, herr := s.pullParams(q.Get("max_bytes"), q.Get("schema"))
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	if enc := q.Get("enc"); enc == protocol.ChunkEncoding || enc == protocol.StreamEncoding {
		s.pullChunk(w, r, d, cursor, q.Get("max_bytes"), schema, enc)
		return
	}
	resp, herr := s.pullRaw(r.Context(), d, cursor, maxBytes, schema, q.Get(protocol.ParamProtocol))
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	s.metrics.synced(d, time.Now())
	s.reply(w, r, resp)
}

// handleBundlePull answers a pull bundle for the device of the credential.
func (s *Server) handleBundlePull(w http.ResponseWriter, r *http.Request) {
	d, herr := s.authenticate(r)
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	q := r.URL.Query()
	_, schema, herr := s.pullParams("", q.Get("schema"))
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	b, _, err := s.ExportBundle(r.Context(), d.ID, q.Get("cursor"), schema)
	if err != nil {
		s.fail(w, r, asHTTP(err))
		return
	}
	s.reply(w, r, b)
}

// handleKeys registers the bundle keys of a device enrolled without them.
func (s *Server) handleKeys(w http.ResponseWriter, r *http.Request) {
	d, herr := s.authenticate(r)
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	var req protocol.KeysRequest
	if herr := readBody(r, &req); herr != nil {
		s.fail(w, r, herr)
		return
	}
	resp, err := s.RegisterKeys(r.Context(), d.ID, req.SignKey, req.BoxKey, req.InstallID)
	if err != nil {
		s.fail(w, r, asHTTP(err))
		return
	}
	s.reply(w, r, resp)
}
