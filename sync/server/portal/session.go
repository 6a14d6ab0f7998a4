package portal

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/server"
)

// Sessions: a random id in an HttpOnly, SameSite cookie (with the __Host-
// prefix and Secure over TLS), stored by its SHA-256 in the server's
// database with its CSRF token. A session before login carries the CSRF
// token of the login forms; logging in makes a new session (a new id: a
// fixed id planted before login is worthless after it).

const anonLifetime = time.Hour

func (p *Portal) cookieName() string {
	if p.cfg.Secure {
		return "__Host-imbang_portal"
	}
	return "imbang_portal"
}

func (p *Portal) setCookie(q *req, raw string, exp time.Time) {
	c := &http.Cookie{Name: p.cookieName(), Value: raw, Path: "/", HttpOnly: true, Secure: p.cfg.Secure, SameSite: http.SameSiteLaxMode}
	if raw == "" {
		c.MaxAge = -1
	} else {
		c.MaxAge = int(exp.Sub(p.now()).Seconds()) // relative: immune to the browser's clock
	}
	http.SetCookie(q.w, c)
}

// loadSession finds the request's session, or starts an anonymous one.
func (p *Portal) loadSession(q *req) error {
	now := p.now()
	if c, err := q.r.Cookie(p.cookieName()); err == nil && c.Value != "" && len(c.Value) < 100 {
		s, err := p.st.PortalSession(q.r.Context(), server.HashToken(c.Value))
		switch {
		case errors.Is(err, server.ErrNotFound):
		case err != nil:
			return err
		case now.After(s.Expires) || now.Sub(s.LastSeen) > p.idle(&s):
			_ = p.st.DeletePortalSession(q.r.Context(), s.IDHash)
		default:
			q.s, q.lang = &s, s.Lang
			if now.Sub(s.LastSeen) > time.Minute {
				s.LastSeen = now
				if err := p.st.PutPortalSession(q.r.Context(), s); err != nil {
					return err
				}
			}
			return nil
		}
	}
	return p.newSession(q, "", false)
}

func (p *Portal) idle(s *server.PortalSession) time.Duration {
	if s.PegawaiID == "" {
		return anonLifetime
	}
	return p.cfg.IdleTimeout
}

// newSession replaces the request's session with a new one (a new id and
// CSRF token) for pegawaiID ("" before login); the old one is deleted.
func (p *Portal) newSession(q *req, pegawaiID string, pending bool) error {
	ctx := q.r.Context()
	now := p.now()
	if q.s != nil {
		if err := p.st.DeletePortalSession(ctx, q.s.IDHash); err != nil {
			return err
		}
	}
	lang := q.lang
	if lang == "" {
		lang = langFrom(q.r)
	}
	raw := randomToken(32)
	life := anonLifetime
	if pegawaiID != "" {
		life = p.cfg.SessionLifetime
	}
	s := server.PortalSession{IDHash: server.HashToken(raw), PegawaiID: pegawaiID, CSRF: randomToken(24), Lang: lang, Pending: pending,
		Created: now, Expires: now.Add(life), LastSeen: now}
	if err := p.st.PutPortalSession(ctx, s); err != nil {
		return err
	}
	q.s, q.raw, q.lang = &s, raw, lang
	p.setCookie(q, raw, s.Expires)
	p.gcSessions(q)
	return nil
}

// gcSessions removes expired sessions now and then.
func (p *Portal) gcSessions(q *req) {
	p.gcMu.Lock()
	due := p.now().Sub(p.gcAt) > 10*time.Minute
	if due {
		p.gcAt = p.now()
	}
	p.gcMu.Unlock()
	if due {
		if err := p.st.DeleteExpiredPortalSessions(q.r.Context(), p.now()); err != nil {
			p.log.Warn("portal: session cleanup", "err", err)
		}
	}
}

// csrfOK: every POST carries the session's token (a form field), and a
// browser's Origin, when sent, is this host.
func (p *Portal) csrfOK(q *req) bool {
	if o := q.r.Header.Get("Origin"); o != "" {
		if i := strings.Index(o, "://"); i < 0 || o[i+3:] != q.r.Host {
			return false
		}
	}
	tok := q.r.Header.Get("X-CSRF-Token")
	if tok == "" {
		if strings.HasPrefix(q.r.Header.Get("Content-Type"), "multipart/form-data") {
			if err := q.r.ParseMultipartForm(2 * p.cfg.MaxUpload); err != nil { // the rest goes to temporary files
				return false
			}
		}
		tok = q.r.PostFormValue("csrf")
	}
	return q.s != nil && q.s.CSRF != "" && constantEq(tok, q.s.CSRF)
}

func langFrom(r *http.Request) string {
	if strings.HasPrefix(strings.ToLower(r.Header.Get("Accept-Language")), "en") {
		return "en"
	}
	return "id"
}

// TOTP (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits), the optional second
// factor; a code of the previous or next step is accepted too.

// NewTOTPSecret returns a random base 32 secret.
func NewTOTPSecret() string {
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString([]byte(randomToken(15))[:20])
}

// TOTPCode is the code of secret at time t.
func TOTPCode(secret string, t time.Time) string {
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ToUpper(secret))
	if err != nil {
		return ""
	}
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(t.Unix()/30))
	m := hmac.New(sha1.New, key)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	code := []byte("000000")
	for i := 5; i >= 0; i-- {
		code[i] = byte('0' + v%10)
		v /= 10
	}
	return string(code)
}

func totpOK(secret, code string, now time.Time) bool {
	code = strings.TrimSpace(code)
	if len(code) != 6 {
		return false
	}
	ok := false
	for _, d := range []time.Duration{-30 * time.Second, 0, 30 * time.Second} {
		ok = constantEq(TOTPCode(secret, now.Add(d)), code) || ok
	}
	return ok
}
