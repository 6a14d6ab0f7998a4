package client_test

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/release"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
)

// updWorld is a real server (SQLite) with a published release behind a link
// the test can cut or make lie, and a desktop updater.
type updWorld struct {
	srv     *server.Server
	ts      *httptest.Server
	c       *client.Client
	u       *client.Updater
	pubHex  string
	privHex string
	cutOnce atomic.Bool  // cut the next file response after half its bytes
	tamper  atomic.Bool  // flip a byte of every file response
	served  atomic.Int64 // file bytes sent
	starts  []string     // Range headers asked
}

func newUpdWorld(t *testing.T) *updWorld {
	t.Helper()
	dir := t.TempDir()
	ss, err := sqlitestore.Open(filepath.Join(dir, "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(ss, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, tok, err := srv.AddDevice(ctx, "", true)
	if err != nil {
		t.Fatal(err)
	}
	w := &updWorld{srv: srv}
	w.pubHex, w.privHex, _ = release.GenerateKey()
	h := srv.Handler()
	w.ts = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path != protocol.PathReleaseFile {
			h.ServeHTTP(rw, r)
			return
		}
		w.starts = append(w.starts, r.Header.Get("Range"))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		for k, v := range rec.Header() {
			rw.Header()[k] = v
		}
		if w.tamper.Load() && len(body) > 0 {
			body[len(body)/2] ^= 1
		}
		rw.WriteHeader(rec.Code)
		if w.cutOnce.CompareAndSwap(true, false) {
			rw.Write(body[:len(body)/2])
			w.served.Add(int64(len(body) / 2))
			panic(http.ErrAbortHandler) // the link drops mid-response
		}
		rw.Write(body)
		w.served.Add(int64(len(body)))
	}))
	t.Cleanup(func() { w.ts.Close(); ss.Close() })
	st := storetest.Open(t, "", nil)
	w.c = client.New(st, client.Options{ServerURL: w.ts.URL, Token: tok, RetryMax: 1, Backoff: func(int) time.Duration { return time.Millisecond }})
	pub, _ := release.ParsePublic(w.pubHex)
	w.u = &client.Updater{Local: release.NewLocal(t.TempDir(), pub), Running: "1.0.0", RangeBytes: 64 << 10, Wait: time.Millisecond}
	return w
}

// publish signs size random bytes as version with privHex and publishes them.
func (w *updWorld) publish(t *testing.T, version string, size int, privHex string) release.Manifest {
	t.Helper()
	data := make([]byte, size)
	rand.Read(data)
	p := filepath.Join(t.TempDir(), "imbang-desktop")
	os.WriteFile(p, data, 0o755)
	priv, _ := release.ParsePrivate(privHex)
	m, err := release.Describe(p, version, release.Platform(), protocol.SchemaVersion, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	sm, _ := release.Sign(m, priv)
	b, _ := json.Marshal(sm)
	if _, err := w.srv.Publish(ctx, b, p); err != nil {
		t.Fatal(err)
	}
	return m
}

func updCode(err error) string {
	var de *domain.Error
	if errors.As(err, &de) {
		return de.Code
	}
	return ""
}

func TestUpdaterResumesACutDownload(t *testing.T) {
	w := newUpdWorld(t)
	size := 5*(64<<10) + 999
	m := w.publish(t, "1.1.0", size, w.privHex)
	w.cutOnce.Store(true)
	// The cut comes in the first range; the updater keeps the half it got
	// and continues from there.
	if err := w.u.Run(ctx, w.c); err != nil {
		t.Fatal(err)
	}
	if s := w.u.Status(); s.State != client.UpdateReady || s.Version != "1.1.0" || w.u.Staged() != "1.1.0" {
		t.Fatalf("status %+v", s)
	}
	if w.starts[0] != "bytes=0-65535" || w.starts[1] != "bytes=32768-98303" {
		t.Fatalf("ranges %q: the second request must continue at the cut", w.starts)
	}
	if got := w.served.Load(); got != int64(size) {
		t.Fatalf("%d bytes served for a %d-byte release: resent bytes", got, size)
	}
	if _, err := os.Stat(w.u.Local.PartPath(m)); !os.IsNotExist(err) {
		t.Fatal("the part file was left behind")
	}
	// Nothing more to do at the next sync.
	n := len(w.starts)
	if err := w.u.Run(ctx, w.c); err != nil || len(w.starts) != n {
		t.Fatalf("a staged release was fetched again: %v, %d requests", err, len(w.starts)-n)
	}
}

func TestUpdaterRefusesTamperedFileWrongKeyAndDowngrade(t *testing.T) {
	t.Run("tampered in transit", func(t *testing.T) {
		w := newUpdWorld(t)
		w.publish(t, "1.1.0", 100<<10, w.privHex)
		w.tamper.Store(true)
		err := w.u.Run(ctx, w.c)
		if updCode(err) != "update.tampered" {
			t.Fatalf("Run = %v", err)
		}
		s := w.u.Status()
		if s.State != client.UpdateRefused || !strings.Contains(s.Message, "SHA-256") || w.u.Staged() != "" {
			t.Fatalf("status %+v", s)
		}
		// Not downloaded again in this run of the program.
		n := len(w.starts)
		w.u.Run(ctx, w.c)
		if len(w.starts) != n {
			t.Fatal("a refused file was downloaded again")
		}
	})
	t.Run("signed by another key", func(t *testing.T) {
		w := newUpdWorld(t)
		_, otherPriv, _ := release.GenerateKey()
		w.publish(t, "1.1.0", 1000, otherPriv)
		err := w.u.Run(ctx, w.c)
		if updCode(err) != "update.bad_signature" || len(w.starts) != 0 {
			t.Fatalf("Run = %v after %d downloads: must refuse before downloading", err, len(w.starts))
		}
		if s := w.u.Status(); s.State != client.UpdateRefused || !strings.Contains(s.Message, "kunci") {
			t.Fatalf("status %+v", s)
		}
	})
	t.Run("no key in the build", func(t *testing.T) {
		w := newUpdWorld(t)
		w.u.Local.Key = nil
		w.publish(t, "1.1.0", 1000, w.privHex)
		if err := w.u.Run(ctx, w.c); updCode(err) != "update.no_key" {
			t.Fatalf("Run = %v", err)
		}
	})
	t.Run("not newer", func(t *testing.T) {
		w := newUpdWorld(t)
		w.publish(t, "1.0.0", 1000, w.privHex)
		w.u.Running = "1.0.0"
		if err := w.u.Run(ctx, w.c); err != nil || w.u.Status().State != client.UpdateNone {
			t.Fatalf("same version: %v %+v", err, w.u.Status())
		}
		// A manifest offered for a downgrade (a USB file, a lying server).
		_, privHex := w.pubHex, w.privHex
		priv, _ := release.ParsePrivate(privHex)
		sm, _ := release.Sign(release.Manifest{Product: release.Product, Version: "0.9.0", Platform: release.Platform(), File: "x", Size: 1,
			SHA256: strings.Repeat("ab", 32), MinSchema: 3}, priv)
		if _, err := w.u.Accept(sm); updCode(err) != "update.downgrade" {
			t.Fatalf("downgrade: %v", err)
		}
	})
}

func TestUpdaterSendsRollbackReports(t *testing.T) {
	w := newUpdWorld(t)
	w.u.Local.Update(func(s *release.State) error {
		s.Reports = append(s.Reports, release.Report{Version: "1.2.0", Event: release.EventRollback, Detail: "exited", At: "2026-01-01T00:00:00Z"})
		return nil
	})
	if err := w.u.Run(ctx, w.c); err != nil {
		t.Fatal(err)
	}
	rs, _ := w.srv.Store().(server.ReleaseStore).ReleaseReports(ctx)
	if len(rs) != 1 || rs[0].Version != "1.2.0" {
		t.Fatalf("server reports %+v", rs)
	}
	if st, _ := w.u.Local.State(); len(st.Reports) != 0 {
		t.Fatalf("reports kept after the server acknowledged them: %+v", st.Reports)
	}
}
