package server_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/google/uuid"
)

// serverState is what a refused request must leave as it was: the log head
// and every device's counters.
type serverState struct {
	head int64
	devs map[string]server.Device
}

func (e *env) state() serverState {
	e.t.Helper()
	h, err := e.st.Head(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	ds, err := e.st.Devices(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	s := serverState{head: h, devs: map[string]server.Device{}}
	for _, d := range ds {
		s.devs[d.ID] = d
	}
	return s
}

func (e *env) sameState(t *testing.T, before serverState, what string) {
	t.Helper()
	after := e.state()
	if after.head != before.head {
		t.Fatalf("%s moved the log head %d → %d", what, before.head, after.head)
	}
	for id, d := range before.devs {
		a := after.devs[id]
		if a.LastLocalSeq != d.LastLocalSeq || a.InstallID != d.InstallID || a.Resync != d.Resync {
			t.Fatalf("%s changed device %s: %+v → %+v", what, id, d, a)
		}
	}
}

// TestEnvelopeRefused: a push whose envelope is malformed (local_seq 0 or
// negative, a change_id that is not a UUID or is empty, local_seq out of
// order, one change_id twice) is refused whole with 400 bad-request and
// changes nothing; the same device then pushes normally.
func TestEnvelopeRefused(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		r := e.region(admin)
		a := e.device("OPD-A", false)
		a.pull()
		if d := a.push1("pegawai", r.pegA, "update", map[string]any{"nama": "Satu"}); d.Status != protocol.StatusApplied {
			t.Fatalf("first push: %+v", d)
		}
		bad := map[string]func(chs []protocol.Change){
			"local_seq 0":         func(chs []protocol.Change) { chs[0].LocalSeq = 0 },
			"local_seq negative":  func(chs []protocol.Change) { chs[0].LocalSeq = -5 },
			"change_id not uuid":  func(chs []protocol.Change) { chs[0].ChangeID = "bukan-uuid" },
			"change_id empty":     func(chs []protocol.Change) { chs[0].ChangeID = "" },
			"local_seq unordered": func(chs []protocol.Change) { chs[0].LocalSeq, chs[1].LocalSeq = chs[1].LocalSeq, chs[0].LocalSeq },
			"change_id twice":     func(chs []protocol.Change) { chs[1].ChangeID = chs[0].ChangeID },
		}
		for name, mutate := range bad {
			before := e.state()
			seq := a.seq
			chs := []protocol.Change{
				a.change("pegawai", r.pegA, "update", map[string]any{"nama": "Dua"}),
				a.change("pegawai", r.pegA2, "update", map[string]any{"nama": "Tiga"}),
			}
			mutate(chs)
			var resp protocol.PushResponse
			code, er := a.do("POST", protocol.PathPush, a.req(chs), &resp)
			if code != http.StatusBadRequest || er.Code != protocol.ErrBadRequest || er.Message == "" || er.MessageEn == "" {
				t.Fatalf("%s: %d %+v %+v", name, code, er, resp)
			}
			e.sameState(t, before, name)
			a.seq = seq
		}
		wantStatus(t, a.push1("pegawai", r.pegA, "update", map[string]any{"nama": "Empat"}), protocol.StatusApplied, "")
	})
}

// TestForeignChangeIDRefused: an OPD device re-pushing another device's
// change ids learns nothing (no stored disposition comes back), and
// neither its own nor the other device's counters move. The same
// installation under a new device record (re-enrolled) still gets its own
// dispositions back.
func TestForeignChangeIDRefused(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		first := admin.change("pemda", uuid.NewString(), "insert", map[string]any{"kode": "9100", "nama": "Pemda Uji", "demo": 1})
		own := admin.push(first).Dispositions[0]
		e.region(admin)
		a := e.device("OPD-A", false)
		a.pull()
		before := e.state()
		forged := first
		forged.LocalSeq = 1
		var resp protocol.PushResponse
		code, er := a.do("POST", protocol.PathPush, a.req([]protocol.Change{forged}), &resp)
		if code == http.StatusOK {
			t.Fatalf("foreign change id answered: %+v", resp)
		}
		if code != http.StatusForbidden || er.Code != protocol.ErrForbidden {
			t.Fatalf("foreign change id: %d %+v", code, er)
		}
		e.sameState(t, before, "a foreign change id")
		// far ahead in local_seq: refused the same way, nothing bumped
		forged.LocalSeq = 999
		if code, _ := a.do("POST", protocol.PathPush, a.req([]protocol.Change{forged}), &resp); code != http.StatusForbidden {
			t.Fatalf("foreign change id ahead: %d", code)
		}
		e.sameState(t, before, "a foreign change id ahead")

		// the same installation, enrolled again as a new device record
		again := e.device("", true)
		again.install = admin.install
		var r2 protocol.PushResponse
		if code, er := again.do("POST", protocol.PathPush, again.req([]protocol.Change{first}), &r2); code != 200 {
			t.Fatalf("own change after re-enrollment: %d %+v", code, er)
		}
		if len(r2.Dispositions) != 1 || r2.Dispositions[0] != own {
			t.Fatalf("re-enrolled device got %+v, want %+v", r2.Dispositions, own)
		}
	})
}

// TestCursorBeyondHead: a cursor past the server's head (it was never
// handed out) is refused with 410 snapshot-required, never answered with
// itself as next_cursor; a cursor at the head is fine.
func TestCursorBeyondHead(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		e.region(admin)
		a := e.device("OPD-A", false)
		a.pull()
		ep, _ := e.st.Epoch(ctx)
		head, _ := e.st.Head(ctx)
		for _, c := range []string{ep + ":9223372036854775807", server.EncodeCursor(ep, head+1)} {
			var resp protocol.PullResponse
			code, er := a.do("GET", protocol.PathPull+"?cursor="+c, nil, &resp)
			if code != http.StatusGone || er.Code != protocol.ErrSnapshotRequired {
				t.Fatalf("cursor %s: %d %+v next %q", c, code, er, resp.NextCursor)
			}
		}
		var resp protocol.PullResponse
		if code, er := a.do("GET", protocol.PathPull+"?cursor="+server.EncodeCursor(ep, head), nil, &resp); code != 200 || len(resp.Entries) != 0 || resp.HasMore {
			t.Fatalf("cursor at the head: %d %+v %+v", code, er, resp)
		}
		for _, c := range []string{ep + ":-1", ep + ":x", "garbage"} {
			if code, er := a.do("GET", protocol.PathPull+"?cursor="+c, nil, &resp); code != http.StatusBadRequest {
				t.Fatalf("cursor %s: %d %+v", c, code, er)
			}
		}
	})
}

// TestBodyOverLimitGets413: a raw body past the limit and a gzip body that
// inflates past it both get a readable 413 too-large answer (not a reset
// connection), and change nothing.
func TestBodyOverLimitGets413(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		e.region(admin)
		before := e.state()
		raw := bytes.Repeat([]byte("x"), 70<<20)
		var zb bytes.Buffer
		zw := gzip.NewWriter(&zb)
		for range 70 {
			zw.Write(raw[:1<<20])
		}
		zw.Close()
		for _, c := range []struct {
			name string
			body []byte
			gz   bool
			path string
		}{
			{"raw push", raw, false, protocol.PathPush},
			{"gzip push", zb.Bytes(), true, protocol.PathPush},
			{"raw bundle", raw, false, protocol.PathBundle},
			{"unauthenticated raw", raw, false, protocol.PathPush},
		} {
			req, _ := http.NewRequest("POST", e.ts.URL+c.path, bytes.NewReader(c.body))
			if c.name != "unauthenticated raw" {
				req.Header.Set("Authorization", "Bearer "+admin.token)
			}
			if c.gz {
				req.Header.Set("Content-Encoding", "gzip")
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatalf("%s: no answer: %v", c.name, err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			var er protocol.ErrorResponse
			json.Unmarshal(b, &er)
			want := http.StatusRequestEntityTooLarge
			if c.name == "unauthenticated raw" {
				want = http.StatusUnauthorized
			}
			if res.StatusCode != want || er.Message == "" {
				t.Fatalf("%s: %d %s", c.name, res.StatusCode, b)
			}
			if want == 413 && (er.Code != protocol.ErrTooLarge || !strings.Contains(er.Message, "terlalu besar")) {
				t.Fatalf("%s: %s", c.name, b)
			}
			e.sameState(t, before, c.name)
		}
		// a client that writes its whole body before it reads (curl, Python
		// requests) must get the answer too, not a reset connection
		for _, c := range []struct {
			name string
			body []byte
			gz   bool
		}{{"naive raw", bytes.Repeat([]byte("x"), 100<<20), false}, {"naive gzip", zb.Bytes(), true}} {
			status, body, err := naivePost(e.ts.URL+protocol.PathPush, admin.token, c.body, c.gz)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if status != 413 || !strings.Contains(body, protocol.ErrTooLarge) {
				t.Fatalf("%s: %d %s", c.name, status, body)
			}
			e.sameState(t, before, c.name)
		}
	})
}

// naivePost writes the request and its whole body, and only then reads the
// answer.
func naivePost(url, tok string, body []byte, gz bool) (int, string, error) {
	u := strings.TrimPrefix(url, "http://")
	host, path, _ := strings.Cut(u, "/")
	conn, err := net.Dial("tcp", host)
	if err != nil {
		return 0, "", err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(2 * time.Minute)) // a hang fails the test instead of the suite
	hdr := fmt.Sprintf("POST /%s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Length: %d\r\n", path, host, tok, len(body))
	if gz {
		hdr += "Content-Encoding: gzip\r\n"
	}
	if _, err := io.WriteString(conn, hdr+"\r\n"); err != nil {
		return 0, "", err
	}
	if _, err := conn.Write(body); err != nil {
		return 0, "", fmt.Errorf("writing the body: %w", err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0, "", fmt.Errorf("reading the answer: %w", err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), nil
}

// TestEnrollUnknownOPDRefused: an enrollment code for an OPD the server
// does not hold is refused (Go API and /enroll-code), so no device enrolls
// into an empty scope; the OPD may be named by kode or by singkatan, and
// the code is bound to its kode.
func TestEnrollUnknownOPDRefused(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		e.region(admin) // OPD-A (singkatan A), OPD-B (singkatan B)
		before := e.state()
		for _, opd := range []string{"NOPE", "Dinas A", ""} {
			if c, err := e.srv.CreateEnrollment(ctx, opd, false, time.Hour); err == nil {
				t.Fatalf("code for OPD %q: %+v", opd, c)
			}
		}
		var cr protocol.EnrollCodeResponse
		code, er := admin.do("POST", protocol.PathEnrollCode, protocol.EnrollCodeRequest{OPDKode: "DINKES"}, &cr)
		if code != http.StatusNotFound || er.Code != protocol.ErrUnknownOPD || !strings.Contains(er.Message, "DINKES") {
			t.Fatalf("enroll-code for an unknown OPD: %d %+v %+v", code, er, cr)
		}
		e.sameState(t, before, "a refused enrollment code")
		// by singkatan (any case), on the Go API and the endpoint
		c, err := e.srv.CreateEnrollment(ctx, "a", false, time.Hour)
		if err != nil || c.OPDKode != "OPD-A" {
			t.Fatalf("code by singkatan: %+v %v", c, err)
		}
		r, err := e.srv.Enroll(ctx, c.Code, uuid.NewString())
		if err != nil || r.OPDKode != "OPD-A" {
			t.Fatalf("enrolled by singkatan: %+v %v", r, err)
		}
		if code, er := admin.do("POST", protocol.PathEnrollCode, protocol.EnrollCodeRequest{OPDKode: "B"}, &cr); code != 200 || cr.OPDKode != "OPD-B" {
			t.Fatalf("enroll-code by singkatan: %d %+v %+v", code, er, cr)
		}
		if r, err := e.srv.Enroll(ctx, cr.Code, uuid.NewString()); err != nil || r.OPDKode != "OPD-B" {
			t.Fatalf("enrolled by singkatan: %+v %v", r, err)
		}
		// by kode
		if c, err := e.srv.CreateEnrollment(ctx, "OPD-B", false, time.Hour); err != nil || c.OPDKode != "OPD-B" {
			t.Fatalf("code by kode: %+v %v", c, err)
		}
	})
}
