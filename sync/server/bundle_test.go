package server_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/seal"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/google/uuid"
)

// keyed gives a device bundle keys, registered over its link as a device
// enrolled before bundle keys existed does.
func (d *dev) keyed() (seal.Keys, seal.Public) {
	d.e.t.Helper()
	k, err := seal.Generate()
	if err != nil {
		d.e.t.Fatal(err)
	}
	sg, bx := k.Public().Strings()
	var resp protocol.KeysResponse
	if code, er := d.do("POST", protocol.PathKeys, protocol.KeysRequest{SignKey: sg, BoxKey: bx}, &resp); code != 200 {
		d.e.t.Fatalf("register keys: %d %+v", code, er)
	}
	srv, err := seal.ParsePublic(resp.ServerSignKey, resp.ServerBoxKey)
	if err != nil || resp.DeviceID != d.id {
		d.e.t.Fatalf("keys response %+v: %v", resp, err)
	}
	return k, srv
}

// pushBundle seals a push bundle as the desktop makes it: content signed
// with sign, encrypted to the server key to, the header naming device.
func pushBundle(t *testing.T, sign seal.Keys, to seal.Public, device, install string, req protocol.PushRequest) protocol.Bundle {
	t.Helper()
	srv, _ := to.Strings()
	b := protocol.Bundle{Format: protocol.BundleFormat, Version: protocol.BundleVersion, Kind: protocol.BundlePush, Device: device, Server: srv, Created: "2026-11-27T08:00:00Z"}
	msg, _ := json.Marshal(protocol.BundleContent{Kind: protocol.BundlePush, Device: device, InstallID: install, Server: srv, Created: b.Created, Push: &req})
	var err error
	if b.Sealed, err = seal.Seal(sign.Sign, to.Box, b.Header(), msg); err != nil {
		t.Fatal(err)
	}
	return b
}

// openPull opens a pull bundle as the desktop does.
func openPull(t *testing.T, b protocol.Bundle, k seal.Keys, srv seal.Public) protocol.BundleContent {
	t.Helper()
	msg, err := seal.Open(k.Box, srv.Sign, b.Header(), b.Sealed)
	if err != nil {
		t.Fatalf("open pull bundle: %v", err)
	}
	var c protocol.BundleContent
	if err := json.Unmarshal(msg, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// state is what a refused bundle must leave as it was: the log head and
// every device record.
func (e *env) bundleState() string {
	e.t.Helper()
	h, err := e.st.Head(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	devs, err := e.st.Devices(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	b, _ := json.Marshal([]any{h, devs})
	return string(b)
}

func bundleCode(err error) string {
	if err == nil {
		return ""
	}
	// httpError prints "code: english"
	code, _, _ := strings.Cut(err.Error(), ":")
	return code
}

// A push bundle signed by the device goes through the push path; a replay
// is answered as already imported and changes nothing; the pull bundle for
// the device opens only with its key and holds its disposition.
func TestBundlesUseThePushAndPullPaths(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		r := e.region(admin)
		a := e.device("OPD-A", false)
		a.push() // binds the install id
		k, srvPub := a.keyed()
		req := a.req([]protocol.Change{a.change("pegawai", r.pegA, "update", map[string]any{"nama": "Lewat USB"})})
		b := pushBundle(t, k, srvPub, a.id, a.install, req)
		r1, err := e.srv.ImportBundle(ctx, b, "")
		if err != nil || r1.AlreadyImported || r1.Device != a.id || r1.Counts[protocol.StatusApplied] != 1 || r1.Push == nil {
			t.Fatalf("import: %+v %v", r1, err)
		}
		before := e.bundleState()
		r2, err := e.srv.ImportBundle(ctx, b, a.id)
		if err != nil || !r2.AlreadyImported || r2.ImportedAt != r1.ImportedAt || r2.Counts[protocol.StatusApplied] != 1 || r2.Push != nil {
			t.Fatalf("replay: %+v %v", r2, err)
		}
		// the same content sealed again is the same bundle
		r3, err := e.srv.ImportBundle(ctx, pushBundle(t, k, srvPub, a.id, a.install, req), "")
		if err != nil || !r3.AlreadyImported {
			t.Fatalf("resealed replay: %+v %v", r3, err)
		}
		var viaHTTP protocol.BundleReceipt
		if code, er := a.do("POST", protocol.PathBundle, b, &viaHTTP); code != 200 || !viaHTTP.AlreadyImported {
			t.Fatalf("replay over http: %d %+v %+v", code, er, viaHTTP)
		}
		if e.bundleState() != before {
			t.Fatal("a replay changed the server")
		}
		out, page, err := e.srv.ExportBundle(ctx, a.id, "", protocol.SchemaVersion)
		if err != nil {
			t.Fatal(err)
		}
		c := openPull(t, out, k, srvPub)
		if c.Kind != protocol.BundlePull || c.Device != a.id || c.InstallID != a.install || c.Cursor != "" || c.Pull == nil ||
			c.Pull.HasMore || c.Pull.NextCursor != page.NextCursor || out.Device != a.id {
			t.Fatalf("pull bundle content: %+v", c)
		}
		for _, en := range c.Pull.Entries {
			a.apply(en)
		}
		if a.row("pegawai", r.pegA)["nama"] != "Lewat USB" || a.row("pegawai", r.pegB) != nil {
			t.Fatal("pull bundle content wrong")
		}
		if _, ok := a.disps[r1.Push.Dispositions[0].ChangeID]; !ok {
			t.Fatal("pull bundle lacks the device's disposition")
		}
		// another device's key cannot open it
		other, _ := seal.Generate()
		if _, err := seal.Open(other.Box, srvPub.Sign, out.Header(), out.Sealed); err == nil {
			t.Fatal("pull bundle opened with another key")
		}
		var pb protocol.Bundle
		if code, _ := a.do("GET", protocol.PathBundle+"?cursor="+page.NextCursor, nil, &pb); code != 200 || pb.Kind != protocol.BundlePull {
			t.Fatalf("pull bundle over http: %d", code)
		}
		if c := openPull(t, pb, k, srvPub); len(c.Pull.Entries) != 0 || c.Cursor != page.NextCursor {
			t.Fatalf("pull bundle from the head: %+v", c.Pull)
		}
	})
}

// A push bundle cannot speak as another device: an unsigned (old format)
// bundle with BKPSDM's id making an admin account, a bundle signed by an
// OPD key but naming BKPSDM, a valid bundle relabelled with another OPD's
// device id, a tampered byte, a bundle for another server, an unknown or
// revoked device, a device without keys, a device other than --device:
// each is refused with its code and changes nothing (no row, no burned
// local_seq on the named device).
func TestForgedPushBundlesRefused(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		r := e.region(admin)
		adminKeys, srvPub := admin.keyed()
		_ = adminKeys
		a := e.device("OPD-A", false)
		a.push()
		ak, _ := a.keyed()
		b := e.device("OPD-B", false)
		b.push()
		b.keyed()
		legacy := e.device("OPD-A", false)
		legacy.push() // never registered keys
		forgery := func(d *dev) protocol.PushRequest {
			return protocol.PushRequest{DeviceID: d.install, SchemaVersion: protocol.SchemaVersion, Changes: []protocol.Change{
				a.change("pegawai", r.pegB, "update", map[string]any{"nama": "Diretas"}),
				a.change("pengguna", uuid.NewString(), "insert", user("penyusup", "PPK_ADMIN_BKPSDM", "", 1)),
			}}
		}
		good := pushBundle(t, ak, srvPub, a.id, a.install, a.req([]protocol.Change{a.change("pegawai", r.pegA, "update", map[string]any{"nama": "Sah"})}))
		otherSrv, _ := seal.Generate()
		otherSign, _ := otherSrv.Public().Strings()

		adminReq := forgery(admin)
		hand, _ := json.Marshal(adminReq)
		cases := []struct {
			name, want, code, msg string
			b                     protocol.Bundle
		}{
			{"unsigned old format as BKPSDM", "", protocol.ErrBundleFormat, "not signed",
				protocol.Bundle{Format: protocol.BundleFormat, Version: 1, Kind: protocol.BundlePush, Device: admin.id, Sealed: nil}},
			{"hand-written sealed garbage", "", protocol.ErrBundleInvalid, "not valid",
				func() protocol.Bundle { g := good; g.Device = admin.id; g.Sealed = hand; return g }()},
			{"OPD key naming BKPSDM", "", protocol.ErrBundleInvalid, "not valid", pushBundle(t, ak, srvPub, admin.id, admin.install, adminReq)},
			{"relabelled to another OPD", "", protocol.ErrBundleInvalid, "not valid",
				func() protocol.Bundle { g := good; g.Device = b.id; return g }()},
			{"tampered byte", "", protocol.ErrBundleInvalid, "not valid",
				func() protocol.Bundle {
					g := good
					g.Sealed = bytes.Clone(good.Sealed)
					g.Sealed[len(g.Sealed)/2] ^= 1
					return g
				}()},
			{"for another server", "", protocol.ErrBundleServer, "another server",
				pushBundle(t, ak, otherSrv.Public(), a.id, a.install, forgery(a))},
			{"another server's key in the header", "", protocol.ErrBundleServer, "another server",
				func() protocol.Bundle { g := good; g.Server = otherSign; return g }()},
			{"unknown device", "", protocol.ErrBundleDevice, "not enrolled",
				pushBundle(t, ak, srvPub, uuid.NewString(), a.install, forgery(a))},
			{"device without keys", "", protocol.ErrBundleNoKeys, "Sync it online once",
				pushBundle(t, ak, srvPub, legacy.id, legacy.install, forgery(legacy))},
			{"another device than --device", b.id, protocol.ErrBundleDevice, "not from the expected device " + b.id, good},
			{"a pull bundle", "", protocol.ErrBundleKind, "not a push bundle",
				func() protocol.Bundle { g := good; g.Kind = protocol.BundlePull; return g }()},
			{"not a bundle", "", protocol.ErrBundleFormat, "not an Imbang sync bundle", protocol.Bundle{}},
		}
		for _, c := range cases {
			before := e.bundleState()
			_, err := e.srv.ImportBundle(ctx, c.b, c.want)
			if bundleCode(err) != c.code || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("%s: got %v, want %s", c.name, err, c.code)
			}
			if c.want == "" { // over the link as well (there the credential is the expected device)
				var er protocol.ErrorResponse
				if code, _ := a.do("POST", protocol.PathBundle, c.b, &er); code == 200 {
					t.Fatalf("%s: accepted over http", c.name)
				}
			}
			if e.bundleState() != before {
				t.Fatalf("%s: a refused bundle changed the server", c.name)
			}
		}
		// the message of a wrong --device is about the bundle, not a token
		_, err := e.srv.ImportBundle(ctx, good, b.id)
		if strings.Contains(err.Error(), "token") {
			t.Fatalf("wrong --device message: %v", err)
		}
		// a revoked device's bundles are refused
		if err := e.srv.RevokeDevice(ctx, a.id); err != nil {
			t.Fatal(err)
		}
		before := e.bundleState()
		if _, err := e.srv.ImportBundle(ctx, good, ""); bundleCode(err) != protocol.ErrBundleDevice || !strings.Contains(err.Error(), "revoked") {
			t.Fatalf("revoked: %v", err)
		}
		if e.bundleState() != before {
			t.Fatal("a revoked device's bundle changed the server")
		}
		// nothing of the forgeries reached the devices' views
		b.pull()
		admin.pull()
		if b.row("pegawai", r.pegB)["nama"] == "Diretas" {
			t.Fatal("forged change applied")
		}
		for k, row := range admin.rows {
			if strings.HasPrefix(k, "pengguna/") && row["username"] == "penyusup" {
				t.Fatal("forged account created")
			}
		}
	})
}

// Bundle keys: given at enrollment (the answer carries the server's), or
// registered once over the link; other keys later are refused; the server's
// keys survive a restart. Exporting for a device without keys is refused.
func TestBundleKeys(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		k, _ := seal.Generate()
		sg, bx := k.Public().Strings()
		c, err := e.srv.CreateEnrollment(ctx, "", true, 0)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := e.srv.EnrollDevice(ctx, protocol.EnrollRequest{Code: c.Code, InstallID: uuid.NewString(), SignKey: sg, BoxKey: bx})
		if err != nil || resp.ServerSignKey == "" || resp.ServerBoxKey == "" {
			t.Fatalf("enroll: %+v %v", resp, err)
		}
		d, err := e.st.DeviceByID(ctx, resp.DeviceID)
		if err != nil || d.SignKey != sg || d.BoxKey != bx {
			t.Fatalf("device keys not kept: %+v %v", d, err)
		}
		if _, err := e.srv.EnrollDevice(ctx, protocol.EnrollRequest{Code: "AAAA-BBBB-CCCC-DDDD", InstallID: uuid.NewString(), SignKey: "zz", BoxKey: bx}); err == nil {
			t.Fatal("bad keys accepted at enrollment")
		}
		legacy := e.device("OPD-A", false)
		if _, _, err := e.srv.ExportBundle(ctx, legacy.id, "", protocol.SchemaVersion); bundleCode(err) != protocol.ErrBundleNoKeys {
			t.Fatalf("export for a device without keys: %v", err)
		}
		lk, srvPub := legacy.keyed()
		if s, _ := srvPub.Strings(); s != resp.ServerSignKey {
			t.Fatal("server keys differ between enrollment and registration")
		}
		lsg, lbx := lk.Public().Strings()
		if _, err := e.srv.RegisterKeys(ctx, legacy.id, lsg, lbx, ""); err != nil {
			t.Fatalf("same keys again: %v", err)
		}
		if _, err := e.srv.RegisterKeys(ctx, legacy.id, sg, bx, ""); bundleCode(err) != protocol.ErrBundleKeysSet {
			t.Fatalf("other keys: %v", err)
		}
		var er protocol.ErrorResponse
		if code, _ := legacy.do("POST", protocol.PathKeys, protocol.KeysRequest{SignKey: sg, BoxKey: bx}, &er); code != 409 {
			t.Fatalf("other keys over http: %d", code)
		}
		if code, _ := legacy.do("POST", protocol.PathKeys, protocol.KeysRequest{SignKey: "x", BoxKey: "y"}, &er); code != 400 {
			t.Fatalf("malformed keys over http: %d", code)
		}
		if d, _ := e.st.DeviceByID(ctx, legacy.id); d.SignKey != lsg {
			t.Fatal("registered keys replaced")
		}
		// registering binds a device not bound yet to its installation
		fresh := e.device("OPD-A", false)
		fk, _ := seal.Generate()
		fs, fb := fk.Public().Strings()
		if _, err := e.srv.RegisterKeys(ctx, fresh.id, fs, fb, fresh.install); err != nil {
			t.Fatal(err)
		}
		if d, _ := e.st.DeviceByID(ctx, fresh.id); d.InstallID != fresh.install {
			t.Fatalf("install not bound: %+v", d)
		}
		if _, err := e.srv.RegisterKeys(ctx, fresh.id, fs, fb, uuid.NewString()); bundleCode(err) != protocol.ErrBundleDevice {
			t.Fatalf("keys from another installation: %v", err)
		}
		e.close()
		e.open()
		if s, _, err := e.srv.ServerKeys(ctx); err != nil || s != resp.ServerSignKey {
			t.Fatalf("server keys after a restart: %q %v", s, err)
		}
	})
}

// Neither bundle file shows personal data to whoever finds the stick.
func TestBundleFilesHideData(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		r := e.region(admin)
		a := e.device("OPD-A", false)
		a.push()
		k, srvPub := a.keyed()
		b := pushBundle(t, k, srvPub, a.id, a.install, a.req([]protocol.Change{a.change("pegawai", r.pegA, "update", map[string]any{"nama": "Yohanis Kambuaya"})}))
		push, _ := json.Marshal(b)
		if _, err := e.srv.ImportBundle(ctx, b, ""); err != nil {
			t.Fatal(err)
		}
		pb, _, err := e.srv.ExportBundle(ctx, a.id, "", protocol.SchemaVersion)
		if err != nil {
			t.Fatal(err)
		}
		pull, _ := json.Marshal(pb)
		for _, file := range [][]byte{push, pull} {
			for _, s := range []string{"Yohanis", "Kambuaya", "198001012005011001", "Pegawai 1980", "Dinas A", "nama"} {
				if bytes.Contains(file, []byte(s)) {
					t.Fatalf("bundle file shows %q", s)
				}
			}
		}
		if c := openPull(t, pb, k, srvPub); !strings.Contains(string(mustJSON(c.Pull)), "Yohanis Kambuaya") {
			t.Fatal("pull bundle lacks the change")
		}
	})
}

func mustJSON(v any) []byte { b, _ := json.Marshal(v); return b }

var _ = server.ErrNotFound
