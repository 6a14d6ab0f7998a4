package portal_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
	"github.com/bkpsdm-sorong/imbang/sync/server/portal"
)

// roundRobin sends each request to the next of several servers, as a load
// balancer in front of several processes does.
type roundRobin struct {
	targets []*url.URL
	n       atomic.Int64
}

func (rr *roundRobin) RoundTrip(r *http.Request) (*http.Response, error) {
	t := rr.targets[rr.n.Add(1)%int64(len(rr.targets))]
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host = t.Scheme, t.Host
	r.Host = t.Host
	return http.DefaultTransport.RoundTrip(r)
}

// Two server processes on one PostgreSQL database serve the portal behind
// a round robin: the session, its CSRF token and the lockout are the
// database's, so any process answers any request.
func TestTwoProcessesServeThePortal(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	st1, err := pgstore.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, st1, portal.Config{})
	st2, err := pgstore.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	srv2, err := server.New(st2, server.Options{Now: func() time.Time { return e.now }})
	if err != nil {
		t.Fatal(err)
	}
	p2, err := portal.New(srv2, portal.Config{Now: func() time.Time { return e.now }})
	if err != nil {
		t.Fatal(err)
	}
	srv2.Mount(portal.Prefix, p2)
	ts2 := httptest.NewServer(srv2.Handler())
	defer ts2.Close()
	u1, _ := url.Parse(e.ts.URL)
	u2, _ := url.Parse(ts2.URL)
	b := e.browser()
	b.c.Transport = &roundRobin{targets: []*url.URL{u1, u2}}
	b.activate(e.r.nipA) // the form from one process, the post to the other
	for i := range 4 {
		st, body := b.get("/portal/data")
		must(t, st == 200 && strings.Contains(body, "Andi Arsipa"), "request %d: %d", i, st)
	}
	id := b.submit("Lewat dua proses.")
	st, body := b.get("/portal/status/" + id)
	must(t, st == 200 && strings.Contains(body, "Lewat dua proses."), "status through the other process: %d", st)
	// the lockout counts failures from both processes
	b.post("/portal/data", "/portal/keluar", url.Values{})
	for range 5 {
		b.login(e.r.nipA, "salah-sandi-1")
	}
	st, _ = b.login(e.r.nipA, goodPassword)
	must(t, st == http.StatusTooManyRequests, "failures spread over two processes did not lock: %d", st)
}
