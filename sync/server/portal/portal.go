// Package portal is the Portal Pegawai: the web portal where every employee
// of the region activates an account from a printed letter, logs in, sees
// their own record, the posts with a deficit in the final ABK with their own
// eligibility (the desktop's rules engine), applies for a self-requested
// transfer (APS) with its documents, follows it, records interests and
// answers the post-transfer questionnaire.
//
// It is served by the sync server on the same listener (/portal/), renders
// HTML on the server (html/template, no external resources, works without
// JavaScript), reads the server's row store and writes only through
// (*server.Server).ApplyPortal — the same merge, validation and
// authorization as a device's push, as a portal actor bound to the
// employee. Sessions, accounts and attempt counters live in the server's
// database (server.PortalStore), so several processes serve it behind a
// round robin. docs/portal.md describes it.
package portal

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/base64"
	"errors"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/server"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static/*
var staticFS embed.FS

// Blobs stores attachment files by content (SHA-256): the server's blob
// store (server.PutBlob), from which the desktops fetch them at sync.
type Blobs interface {
	PutBlob(ctx context.Context, r io.Reader) (sha256 string, size int64, err error)
}

// Config configures the portal.
type Config struct {
	// Secure: the portal is served over TLS (cookies get Secure and the
	// __Host- prefix). Set it whenever users reach it over HTTPS, also
	// behind a TLS-terminating proxy.
	Secure bool
	// Now is the clock (a test clock for the e2e); default time.Now.
	Now func() time.Time
	// Blobs stores uploaded documents; nil: the server's own blob store.
	Blobs Blobs
	Log   *slog.Logger
	// Limits (zero: defaults).
	MaxAccountFailures int           // failed logins before an account is locked (5)
	MaxIPAttempts      int           // login and activation attempts per IP per window (30)
	AttemptWindow      time.Duration // the lockout and rate window (15 min)
	IdleTimeout        time.Duration // a session ends after this long without a request (30 min)
	SessionLifetime    time.Duration // and at the latest this long after login (8 h)
	MaxUpload          int64         // bytes per document (5 MiB)
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names the
	// client for the per-address limit (ParseProxies); none: the peer address.
	TrustedProxies []netip.Prefix
}

// Portal is the portal's HTTP handler.
type Portal struct {
	srv   *server.Server
	st    server.PortalStore
	cfg   Config
	log   *slog.Logger
	pages map[string]*template.Template
	mux   *http.ServeMux
	reg   regionCache
	gcMu  sync.Mutex
	gcAt  time.Time
}

// Prefix is where the portal is mounted.
const Prefix = "/portal/"

// New returns the portal of srv. Its store must implement server.PortalStore.
func New(srv *server.Server, cfg Config) (*Portal, error) {
	st, ok := srv.Store().(server.PortalStore)
	if !ok {
		return nil, errors.New("portal: the server's store keeps no portal state")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Blobs == nil {
		cfg.Blobs = srv
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.MaxAccountFailures <= 0 {
		cfg.MaxAccountFailures = 5
	}
	if cfg.MaxIPAttempts <= 0 {
		cfg.MaxIPAttempts = 30
	}
	if cfg.AttemptWindow <= 0 {
		cfg.AttemptWindow = 15 * time.Minute
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 30 * time.Minute
	}
	if cfg.SessionLifetime <= 0 {
		cfg.SessionLifetime = 8 * time.Hour
	}
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = 5 << 20
	}
	p := &Portal{srv: srv, st: st, cfg: cfg, log: cfg.Log, pages: map[string]*template.Template{}}
	if err := p.parse(); err != nil {
		return nil, err
	}
	p.routes()
	return p, nil
}

func (p *Portal) parse() error {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return err
	}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", n)
		if err != nil {
			return err
		}
		p.pages[base] = t
	}
	return nil
}

func (p *Portal) routes() {
	m := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	m.Handle("GET /portal/static/", http.StripPrefix("/portal/static/", cacheStatic(http.FileServerFS(static))))
	m.HandleFunc("GET /portal/{$}", p.page(false, p.home))
	m.HandleFunc("GET /portal/bahasa", p.page(false, p.lang))
	m.HandleFunc("GET /portal/aktivasi", p.page(false, p.activationForm))
	m.HandleFunc("POST /portal/aktivasi", p.page(false, p.activate))
	m.HandleFunc("GET /portal/masuk", p.page(false, p.loginForm))
	m.HandleFunc("POST /portal/masuk", p.page(false, p.login))
	m.HandleFunc("GET /portal/masuk/otp", p.page(false, p.totpForm))
	m.HandleFunc("POST /portal/masuk/otp", p.page(false, p.totpLogin))
	m.HandleFunc("POST /portal/keluar", p.page(true, p.logout))
	m.HandleFunc("GET /portal/data", p.page(true, p.dataSaya))
	m.HandleFunc("POST /portal/laporan", p.page(true, p.report))
	m.HandleFunc("GET /portal/formasi", p.page(true, p.formasi))
	m.HandleFunc("GET /portal/ajukan", p.page(true, p.ajukanForm))
	m.HandleFunc("POST /portal/ajukan", p.page(true, p.ajukan))
	m.HandleFunc("GET /portal/status", p.page(true, p.statusList))
	m.HandleFunc("GET /portal/status/{id}", p.page(true, p.statusDetail))
	m.HandleFunc("POST /portal/status/{id}/tarik", p.page(true, p.withdraw))
	m.HandleFunc("POST /portal/status/{id}/perbaiki", p.page(true, p.correct))
	m.HandleFunc("GET /portal/dokumen/{id}", p.page(true, p.dokumen))
	m.HandleFunc("GET /portal/minat", p.page(true, p.minatForm))
	m.HandleFunc("POST /portal/minat", p.page(true, p.minat))
	m.HandleFunc("GET /portal/umpan-balik", p.page(true, p.feedbackForm))
	m.HandleFunc("POST /portal/umpan-balik", p.page(true, p.feedback))
	m.HandleFunc("GET /portal/keamanan", p.page(true, p.securityForm))
	m.HandleFunc("POST /portal/keamanan", p.page(true, p.security))
	m.HandleFunc("/portal/", func(w http.ResponseWriter, r *http.Request) { p.notFound(w, r) })
	p.mux = m
}

// ServeHTTP sets the security headers of every answer and routes.
func (p *Portal) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
	if p.cfg.Secure {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	p.mux.ServeHTTP(w, r)
}

func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		h.ServeHTTP(w, r)
	})
}

// req is one request's context: the session, the language, the form errors.
type req struct {
	w    http.ResponseWriter
	r    *http.Request
	s    *server.PortalSession
	raw  string // the session id of a session created in this request (its cookie)
	lang string
}

type handler func(q *req) error

// page wraps a handler: the session (created when missing), login when
// auth, the CSRF token on every POST, and errors as pages.
func (p *Portal) page(auth bool, h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := &req{w: w, r: r}
		if err := p.loadSession(q); err != nil {
			p.fail(q, err)
			return
		}
		if r.Method == http.MethodPost {
			// a request's documents (the longest checklist has 12) and its fields
			r.Body = http.MaxBytesReader(w, r.Body, 12*p.cfg.MaxUpload+(1<<20))
			if !p.csrfOK(q) {
				p.log.Info("portal: csrf refused", "path", r.URL.Path)
				p.render(q, http.StatusForbidden, "error", map[string]any{"Msg": q.T("err.csrf")})
				return
			}
		}
		if auth && (q.s.PegawaiID == "" || q.s.Pending) {
			http.Redirect(w, r, "/portal/masuk", http.StatusSeeOther)
			return
		}
		if err := h(q); err != nil {
			p.fail(q, err)
		}
	}
}

var errNotFound = errors.New("portal: not found")

func (p *Portal) fail(q *req, err error) {
	if errors.Is(err, errNotFound) {
		p.notFound(q.w, q.r)
		return
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		p.render(q, http.StatusRequestEntityTooLarge, "error", map[string]any{"Msg": q.T("err.too_large")})
		return
	}
	p.log.Error("portal request failed", "path", q.r.URL.Path, "err", err)
	p.render(q, http.StatusInternalServerError, "error", map[string]any{"Msg": q.T("err.internal")})
}

func (p *Portal) notFound(w http.ResponseWriter, r *http.Request) {
	q := &req{w: w, r: r}
	_ = p.loadSession(q)
	p.render(q, http.StatusNotFound, "error", map[string]any{"Msg": q.T("err.not_found")})
}

// view is what every template receives.
type view struct {
	q      *req
	Title  string
	Nav    string
	Authed bool
	CSRF   string
	Lang   string
	Data   map[string]any
	Flash  string
	Error  string
	Here   string // this page's path (the language switch returns to it)
}

// T translates a message key into the request's language.
func (v *view) T(key string) string { return v.q.T(key) }

func (q *req) T(key string) string { return tr(q.lang, key) }

func (p *Portal) render(q *req, status int, name string, data map[string]any) {
	t := p.pages[name]
	if t == nil {
		t = p.pages["error"]
	}
	if q.lang == "" {
		q.lang = "id"
	}
	v := &view{q: q, Lang: q.lang, Data: data, Nav: name, Here: "/portal/"}
	if q.r.Method == http.MethodGet && strings.HasPrefix(q.r.URL.Path, "/portal/") {
		v.Here = q.r.URL.Path
	}
	if q.s != nil {
		v.CSRF = q.s.CSRF
		v.Authed = q.s.PegawaiID != "" && !q.s.Pending
	}
	if s, ok := data["Error"].(string); ok {
		v.Error = s
	}
	if s, ok := data["Flash"].(string); ok {
		v.Flash = s
	}
	v.Title = q.T("title." + name)
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		p.log.Error("portal template", "page", name, "err", err)
		http.Error(q.w, "Kesalahan server / server error", http.StatusInternalServerError)
		return
	}
	h := q.w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", q.lang)
	if strings.Contains(q.r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		h.Set("Vary", "Accept-Encoding")
		q.w.WriteHeader(status)
		zw := gzipPool.Get().(*gzip.Writer)
		zw.Reset(q.w)
		zw.Write(buf.Bytes())
		zw.Close()
		gzipPool.Put(zw)
		return
	}
	q.w.WriteHeader(status)
	q.w.Write(buf.Bytes())
}

// gzipPool reuses writers: a new one allocates about 800 KB.
var gzipPool = sync.Pool{New: func() any { zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed); return zw }}

func (p *Portal) redirect(q *req, path string) {
	http.Redirect(q.w, q.r, path, http.StatusSeeOther)
}

func randomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("portal: no randomness: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func constantEq(a, b string) bool {
	return len(a) == len(b) && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

func (p *Portal) now() time.Time { return p.cfg.Now() }

func (p *Portal) ctx(q *req) context.Context { return q.r.Context() }
