package server_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
	"github.com/google/uuid"
)

// enrolled makes a device through the enrollment path (code → credential).
func (e *env) enrolled(opdKode string, bkpsdm bool) *dev {
	e.t.Helper()
	c, err := e.srv.CreateEnrollment(ctx, opdKode, bkpsdm, time.Hour)
	if err != nil {
		e.t.Fatal(err)
	}
	install := uuid.NewString()
	r, err := e.srv.Enroll(ctx, strings.ToLower(strings.ReplaceAll(c.Code, "-", " ")), install)
	if err != nil {
		e.t.Fatal(err)
	}
	d := e.device("", true) // a template; its own record is unused
	d.id, d.token, d.install = r.DeviceID, r.Token, install
	return d
}

// TestForgedOPDThroughEnrollment: a device enrolled for OPD-A writing
// another OPD's rows is rejected, as with any credential.
func TestForgedOPDThroughEnrollment(t *testing.T) {
	e := newEnv(t)
	admin := e.enrolled("", true)
	r := e.region(admin)
	a := e.enrolled("OPD-A", false)
	a.pull()
	wantStatus(t, a.push1("pegawai", r.pegB, "update", map[string]any{"nama": "Diretas"}), protocol.StatusRejected, protocol.ReasonForbiddenOPD)
	wantStatus(t, a.push1("pegawai", uuid.NewString(), "insert", pegawaiCols("199001012015011009", r.opdB, r.unitB, r.jab)), protocol.StatusRejected, protocol.ReasonForbiddenOPD)
	wantStatus(t, a.push1("pegawai", r.pegA, "update", map[string]any{"nama": "Boleh"}), protocol.StatusApplied, "")
}

// TestEnrollmentCodes: single use, expiry, bound to the install id, the
// install id must be a UUID, unknown codes change nothing.
func TestEnrollmentCodes(t *testing.T) {
	e := newEnv(t)
	e.region(e.device("", true)) // codes are only made for OPDs the server holds
	c, err := e.srv.CreateEnrollment(ctx, "OPD-A", false, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if len(server.NormalizeCode(c.Code)) != 16 || strings.Count(c.Code, "-") != 3 {
		t.Fatalf("code %q", c.Code)
	}
	if _, err := e.srv.CreateEnrollment(ctx, "OPD-A", true, 0); err == nil {
		t.Fatal("code for an OPD and BKPSDM at once")
	}
	if _, err := e.srv.Enroll(ctx, c.Code, "not-a-uuid"); err == nil {
		t.Fatal("enrolled with a bad install id")
	}
	head, _ := e.st.Head(ctx)
	devs, _ := e.st.Devices(ctx)
	if _, err := e.srv.Enroll(ctx, "AAAA-BBBB-CCCC-DDDD", uuid.NewString()); err == nil {
		t.Fatal("unknown code accepted")
	}
	inst := uuid.NewString()
	r, err := e.srv.Enroll(ctx, c.Code, inst)
	if err != nil || r.OPDKode != "OPD-A" {
		t.Fatalf("enroll: %+v %v", r, err)
	}
	// the same installation again (a lost answer): the same device, a new credential, the old one refused
	r2, err := e.srv.Enroll(ctx, c.Code, inst)
	if err != nil || r2.DeviceID != r.DeviceID || r2.Token == r.Token {
		t.Fatalf("repeat by the same install: %+v %v", r2, err)
	}
	if _, err := e.st.DeviceByToken(ctx, server.HashToken(r.Token)); err == nil {
		t.Fatal("the first credential still works")
	}
	if _, err := e.srv.Enroll(ctx, c.Code, uuid.NewString()); err == nil {
		t.Fatal("code used twice")
	}
	if h, _ := e.st.Head(ctx); h != head {
		t.Fatal("enrollment moved the log head")
	}
	if d2, _ := e.st.Devices(ctx); len(d2) != len(devs)+1 {
		t.Fatalf("devices %d → %d", len(devs), len(d2))
	}
	old, _ := e.srv.CreateEnrollment(ctx, "OPD-A", false, time.Hour)
	e.now = e.now.Add(2 * time.Hour)
	if _, err := e.srv.Enroll(ctx, old.Code, uuid.NewString()); err == nil {
		t.Fatal("expired code accepted")
	}
}

func rawPost(t *testing.T, url, tok string, body []byte, gz bool) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tok)
	if gz {
		req.Header.Set("Content-Encoding", "gzip")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res
}

// TestBodyLimitAndRateLimit: 413 for a body over the limit (raw, or after
// gzip decompression); 429 with Retry-After once a device's bucket is empty,
// while another device is unaffected.
func TestBodyLimitAndRateLimit(t *testing.T) {
	e := newEnv(t)
	a := e.device("", true)
	big := bytes.Repeat([]byte(" "), server.MaxBodyBytes+10)
	if res := rawPost(t, e.ts.URL+protocol.PathPush, a.token, big, false); res.StatusCode != 413 {
		t.Fatalf("raw body over the limit: %d", res.StatusCode)
	}
	var zb bytes.Buffer
	zw := gzip.NewWriter(&zb)
	zw.Write(big)
	zw.Close()
	if res := rawPost(t, e.ts.URL+protocol.PathPush, a.token, zb.Bytes(), true); res.StatusCode != 413 {
		t.Fatalf("gzip bomb: %d", res.StatusCode)
	}

	if res := rawPost(t, e.ts.URL+protocol.PathEnroll, "", bytes.Repeat([]byte(" "), 70<<10), false); res.StatusCode != 413 {
		t.Fatalf("large enroll body: %d", res.StatusCode)
	}
	e.close()
	e.opts.RateLimit, e.opts.RateBurst = 1, 3
	e.open()
	b := e.device("", true)
	c := e.device("", true)
	var got []int
	var retry string
	for range 5 {
		res := rawPost(t, e.ts.URL+protocol.PathRotate, "x", nil, false) // unknown: 401, never limited by device
		if res.StatusCode != 401 {
			t.Fatalf("unknown token: %d", res.StatusCode)
		}
		req, _ := http.NewRequest("GET", e.ts.URL+protocol.PathPull, nil)
		req.Header.Set("Authorization", "Bearer "+b.token)
		r2, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		r2.Body.Close()
		got = append(got, r2.StatusCode)
		if r2.StatusCode == 429 {
			retry = r2.Header.Get("Retry-After")
		}
	}
	if got[0] != 200 || got[2] != 200 || got[3] != 429 || got[4] != 429 || retry != "1" {
		t.Fatalf("statuses %v, Retry-After %q", got, retry)
	}
	req, _ := http.NewRequest("GET", e.ts.URL+protocol.PathPull, nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	if r3, err := http.DefaultClient.Do(req); err != nil || r3.StatusCode != 200 {
		t.Fatalf("another device limited: %v %v", err, r3)
	}
}

// TestMetricsCountDispositions: /metrics counts pushes by disposition and
// rejections by reason, and records the OPD's last sync.
func TestMetricsCountDispositions(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	a := e.device("OPD-A", false)
	a.pull()
	a.push1("pegawai", r.pegB, "update", map[string]any{"nama": "Diretas"})
	res, err := http.Get(e.ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := string(b)
	for _, want := range []string{
		`imbang_rejected_changes_total{reason="forbidden-opd"} 1`,
		`imbang_opd_last_sync_timestamp_seconds{opd="OPD-A"}`,
		`imbang_opd_last_sync_timestamp_seconds{opd="BKPSDM"}`,
		`imbang_push_duration_seconds_count 2`,
		`imbang_changes_total{disposition="rejected"} 1`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if t.Failed() {
		t.Log(m)
	}
	if strings.Contains(m, "Diretas") || strings.Contains(m, a.token) {
		t.Fatal("personal data or a token in /metrics")
	}
}

// TestMetricsAccess: without a metrics token /metrics answers only a
// loopback client; with one, only a request bearing it.
func TestMetricsAccess(t *testing.T) {
	e := newEnv(t)
	get := func(h http.Handler, remote, auth string) int {
		req := httptest.NewRequest("GET", "/metrics", nil)
		req.RemoteAddr = remote
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	open := e.srv.Handler()
	if c := get(open, "127.0.0.1:5000", ""); c != 200 {
		t.Errorf("loopback without a token configured: %d", c)
	}
	if c := get(open, "[::1]:5000", ""); c != 200 {
		t.Errorf("IPv6 loopback: %d", c)
	}
	if c := get(open, "192.0.2.7:5000", ""); c != http.StatusForbidden {
		t.Errorf("from the network without a token configured: %d, want 403", c)
	}
	st, err := sqlitestore.Open(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := server.New(st, server.Options{MetricsToken: "rahasia-metrik"})
	if err != nil {
		t.Fatal(err)
	}
	guarded := srv.Handler()
	for _, c := range []struct {
		remote, auth string
		want         int
	}{
		{"192.0.2.7:5000", "Bearer rahasia-metrik", 200},
		{"192.0.2.7:5000", "", http.StatusUnauthorized},
		{"192.0.2.7:5000", "Bearer salah", http.StatusUnauthorized},
		{"127.0.0.1:5000", "", http.StatusUnauthorized}, // a token, once set, is asked of everyone
	} {
		if got := get(guarded, c.remote, c.auth); got != c.want {
			t.Errorf("%s %q: %d, want %d", c.remote, c.auth, got, c.want)
		}
	}
}
