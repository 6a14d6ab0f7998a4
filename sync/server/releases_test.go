package server_test

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/release"
	"github.com/bkpsdm-sorong/imbang/sync/server"
)

// publishFile writes size random bytes, signs them as version and publishes.
func publishFile(t *testing.T, e *env, version string, size int, privHex string) (release.Manifest, []byte) {
	t.Helper()
	data := make([]byte, size)
	rand.Read(data)
	p := filepath.Join(t.TempDir(), "imbang-desktop")
	os.WriteFile(p, data, 0o755)
	priv, _ := release.ParsePrivate(privHex)
	m, err := release.Describe(p, version, "linux-amd64", protocol.SchemaVersion, e.now)
	if err != nil {
		t.Fatal(err)
	}
	sm, _ := release.Sign(m, priv)
	b, _ := json.Marshal(sm)
	if _, err := e.srv.Publish(ctx, b, p); err != nil {
		t.Fatal(err)
	}
	return m, data
}

func getRange(t *testing.T, e *env, d *dev, sha string, from, to int64) (int, []byte, http.Header) {
	t.Helper()
	req, _ := http.NewRequest("GET", e.ts.URL+protocol.PathReleaseFile+"?sha256="+sha, nil)
	req.Header.Set("Authorization", "Bearer "+d.token)
	if from >= 0 {
		req.Header.Set("Range", fmt.Sprintf("bytes=%d-%d", from, to))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b, res.Header
}

func TestReleasePublishCheckDownload(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		_, privHex, _ := release.GenerateKey()
		d := e.device("", true)
		var chk protocol.ReleaseCheck
		if code, er := d.do("GET", protocol.PathRelease+"?platform=linux-amd64&version=1.0.0", nil, &chk); code != 200 || chk.Available {
			t.Fatalf("no release yet: %d %+v %+v", code, er, chk)
		}
		// Over three chunks, not a multiple of the chunk size.
		m, data := publishFile(t, e, "1.1.0", 2*server.ReleaseChunk+12345, privHex)
		publishFile(t, e, "1.0.5", 1000, privHex)
		if code, _ := d.do("GET", protocol.PathRelease+"?platform=linux-amd64&version=1.0.0", nil, &chk); code != 200 || !chk.Available {
			t.Fatalf("release not offered: %d %+v", code, chk)
		}
		var sm release.Signed
		json.Unmarshal(chk.Signed, &sm)
		got, err := sm.Peek()
		if err != nil || got.Version != "1.1.0" || got.SHA256 != m.SHA256 {
			t.Fatalf("offered %+v, %v (want the newest, 1.1.0)", got, err)
		}
		// Up to date, another platform: nothing.
		chk = protocol.ReleaseCheck{}
		if d.do("GET", protocol.PathRelease+"?platform=linux-amd64&version=1.1.0", nil, &chk); chk.Available {
			t.Fatal("offered to a device at 1.1.0")
		}
		if d.do("GET", protocol.PathRelease+"?platform=windows-amd64&version=1.0.0", nil, &chk); chk.Available {
			t.Fatal("offered to another platform")
		}
		// Ranges across chunk borders, then the rest.
		from, to := int64(server.ReleaseChunk-10), int64(server.ReleaseChunk+20)
		code, b, h := getRange(t, e, d, m.SHA256, from, to)
		if code != http.StatusPartialContent || !bytes.Equal(b, data[from:to+1]) || h.Get("Content-Range") != fmt.Sprintf("bytes %d-%d/%d", from, to, len(data)) {
			t.Fatalf("range: %d, %d bytes, %q", code, len(b), h.Get("Content-Range"))
		}
		code, b, _ = getRange(t, e, d, m.SHA256, to+1, int64(len(data)-1))
		if code != http.StatusPartialContent || !bytes.Equal(b, data[to+1:]) {
			t.Fatalf("tail: %d, %d bytes", code, len(b))
		}
		code, b, _ = getRange(t, e, d, m.SHA256, -1, 0)
		if code != 200 || !bytes.Equal(b, data) {
			t.Fatalf("whole file: %d, %d bytes", code, len(b))
		}
		// Unknown hash, bad hash, no credential.
		if code, _, _ := getRange(t, e, d, "00"+m.SHA256[2:], 0, 10); code != 404 {
			t.Fatalf("unknown release: %d", code)
		}
		if code, _, _ := getRange(t, e, d, "../../etc/passwd", 0, 10); code != 400 {
			t.Fatalf("bad hash: %d", code)
		}
		anon := &dev{e: e, token: "nope"}
		if code, _, _ := getRange(t, e, anon, m.SHA256, 0, 10); code != 401 {
			t.Fatalf("no credential: %d", code)
		}
		// The device's version is recorded for `device list`.
		rs := e.st.(server.ReleaseStore)
		vs, err := rs.DeviceVersions(ctx)
		if err != nil || len(vs) != 1 || vs[0].DeviceID != d.id || vs[0].Version != "1.0.0" {
			// the last check said windows-amd64 1.0.0
			t.Fatalf("device versions %+v, %v", vs, err)
		}
		// Publishing the same version again replaces it (a fixed build).
		m2, data2 := publishFile(t, e, "1.1.0", 5000, privHex)
		rels, _ := rs.Releases(ctx)
		if len(rels) != 2 {
			t.Fatalf("releases %+v", rels)
		}
		if code, b, _ := getRange(t, e, d, m2.SHA256, 0, 4999); code != 206 || !bytes.Equal(b, data2) {
			t.Fatalf("replaced release: %d", code)
		}
		if code, _, _ := getRange(t, e, d, m.SHA256, 0, 10); code != 404 {
			t.Fatalf("the replaced file is still served: %d", code)
		}
	})
}

func TestReleasePublishRefusals(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		_, privHex, _ := release.GenerateKey()
		priv, _ := release.ParsePrivate(privHex)
		p := filepath.Join(t.TempDir(), "imbang-desktop")
		os.WriteFile(p, []byte("version one"), 0o755)
		m, _ := release.Describe(p, "1.0.0", "linux-amd64", protocol.SchemaVersion, e.now)
		sm, _ := release.Sign(m, priv)
		b, _ := json.Marshal(sm)
		// The file is not the signed one.
		os.WriteFile(p, []byte("version two"), 0o755)
		if _, err := e.srv.Publish(ctx, b, p); err == nil {
			t.Fatal("a file that differs from its manifest was published")
		}
		// A schema this server does not accept.
		os.WriteFile(p, []byte("version one"), 0o755)
		m.MinSchema = protocol.SchemaVersion + 1
		sm, _ = release.Sign(m, priv)
		b, _ = json.Marshal(sm)
		if _, err := e.srv.Publish(ctx, b, p); err == nil {
			t.Fatal("a release for a newer schema was published")
		}
		if _, err := e.srv.Publish(ctx, []byte(`{"manifest":"{}","signature":"00"}`), p); err == nil {
			t.Fatal("a broken manifest was published")
		}
		rels, _ := e.st.(server.ReleaseStore).Releases(ctx)
		if len(rels) != 0 {
			t.Fatalf("refused releases stored: %+v", rels)
		}
	})
}

func TestReleaseReports(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		d := e.device("", true)
		var out map[string]bool
		req := protocol.ReleaseReportRequest{Running: "1.1.0", Reports: []protocol.ReleaseReport{{Version: "1.2.0", Event: "rollback", Detail: "exited", At: e.now.Format(time.RFC3339)}}}
		if code, er := d.do("POST", protocol.PathReleaseReport, req, &out); code != 200 {
			t.Fatalf("report: %d %+v", code, er)
		}
		rs, err := e.st.(server.ReleaseStore).ReleaseReports(ctx)
		if err != nil || len(rs) != 1 || rs[0].DeviceID != d.id || rs[0].Version != "1.2.0" {
			t.Fatalf("reports %+v %v", rs, err)
		}
	})
}

func TestDevicesListForBKPSDMOnly(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		bk := e.device("", true)
		var chk protocol.ReleaseCheck
		bk.do("GET", protocol.PathRelease+"?platform=windows-amd64&version=1.4.0", nil, &chk)
		var out map[string]bool
		bk.do("POST", protocol.PathReleaseReport, protocol.ReleaseReportRequest{Reports: []protocol.ReleaseReport{{Version: "1.5.0", Event: "rollback", At: "2026-11-27T08:00:00Z"}}}, &out)
		var resp protocol.DevicesResponse
		if code, er := bk.do("GET", protocol.PathDevices, nil, &resp); code != 200 || len(resp.Devices) != 1 {
			t.Fatalf("devices: %d %+v %+v", code, er, resp)
		}
		d := resp.Devices[0]
		if d.ID != bk.id || d.Version != "1.4.0" || d.Platform != "windows-amd64" || d.Rollback != "1.5.0" || !d.BKPSDM {
			t.Fatalf("device %+v", d)
		}
		// An OPD device may not list the devices.
		opd := e.device("1.01", false)
		if code, _ := opd.do("GET", protocol.PathDevices, nil, &resp); code != 403 {
			t.Fatalf("OPD device listed the devices: %d", code)
		}
	})
}
