package server_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
)

// The bundle import fuzz target: a fuzzed bundle file is imported for OPD
// A's device (what `imbang-server bundle import --device` does) with the
// invariants of FuzzPush. It is written against today's
// ImportBundle(ctx, deviceID, protocol.Bundle); sealed bundles change how
// the file is opened, not what may be stored.

// bundleSeeds wraps the push seeds in bundle files, with and without a
// checksum, and adds damaged, relabelled and misdirected ones.
func (fx *fuzzFix) bundleSeeds() []fuzzSeed {
	wrap := func(req *protocol.PushRequest, sum bool) []byte {
		b := protocol.Bundle{Format: protocol.BundleFormat, Version: 1, Kind: "push", DeviceID: req.DeviceID, Created: "2026-11-27T08:00:00Z", Push: req}
		if sum {
			b.SHA256 = server.BundleSum(req)
		}
		out, _ := json.Marshal(b)
		return out
	}
	var out []fuzzSeed
	for _, s := range fx.seeds() {
		var req protocol.PushRequest
		if s.mode != wireRaw || s.big || json.Unmarshal(s.body, &req) != nil || req.DeviceID == "" {
			continue
		}
		out = append(out, fuzzSeed{name: s.name, body: wrap(&req, true), known: s.known})
		if strings.HasPrefix(s.name, "other-") || s.name == "admin-as-setup" || s.name == "update-pegawai" {
			out = append(out, fuzzSeed{name: s.name + "-nosum", body: wrap(&req, false)})
			// Relabelled: the file names OPD B's installation.
			rel := req
			rel.DeviceID = fx.installB
			out = append(out, fuzzSeed{name: s.name + "-relabelled", body: wrap(&rel, false)})
		}
	}
	var req protocol.PushRequest
	json.Unmarshal(out[0].body, &struct{ Push *protocol.PushRequest }{&req})
	bad := protocol.Bundle{Format: protocol.BundleFormat, Version: 1, Kind: "push", DeviceID: fx.installA, Push: &req, SHA256: strings.Repeat("0", 64)}
	b1, _ := json.Marshal(bad)
	bad.Kind = "pull"
	b2, _ := json.Marshal(bad)
	bad.Kind, bad.Format, bad.SHA256 = "push", "zip", ""
	b3, _ := json.Marshal(bad)
	out = append(out, fuzzSeed{name: "bad-sum", body: b1}, fuzzSeed{name: "kind-pull", body: b2}, fuzzSeed{name: "format", body: b3},
		fuzzSeed{name: "no-push", body: []byte(`{"format":"imbang-sync-bundle","version":1,"kind":"push"}`)})
	return out
}

// importBundle imports body as a bundle file for OPD A's device.
func (fx *fuzzFix) importBundle(t *testing.T, body []byte) {
	t.Helper()
	var b protocol.Bundle
	if json.Unmarshal(body, &b) != nil {
		return // not a bundle file: the CLI refuses it before the server sees it
	}
	fx.check(t, "bundle "+string(body), func(srv *server.Server) {
		resp, err := srv.ImportBundle(ctx, fx.idA, b)
		if err != nil && strings.HasPrefix(err.Error(), protocol.ErrInternal+":") {
			t.Fatalf("bundle import failed inside the server: %v", err)
		}
		if testing.Verbose() {
			t.Logf("→ %v %.400s", err, fmt.Sprintf("%+v", resp.Dispositions))
		}
	})
}

// FuzzBundleImport imports fuzzed bundle files for OPD A's device.
func FuzzBundleImport(f *testing.F) {
	fx := newFuzzFix(f)
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, body []byte) { fx.importBundle(t, body) })
}

// TestFuzzBundleSeeds runs the bundle seeds by name.
func TestFuzzBundleSeeds(t *testing.T) {
	fx := newFuzzFix(t)
	for _, s := range fx.bundleSeeds() {
		t.Run(s.name, func(t *testing.T) {
			if s.known != "" {
				t.Skip(s.known)
			}
			fx.importBundle(t, s.body)
		})
	}
}

// TestWriteFuzzBundleCorpus (re)writes testdata/fuzz/FuzzBundleImport:
// IMBANG_WRITE_CORPUS=1 go test -run TestWriteFuzzBundleCorpus ./sync/server/
func TestWriteFuzzBundleCorpus(t *testing.T) {
	if os.Getenv("IMBANG_WRITE_CORPUS") == "" {
		t.Skip("set IMBANG_WRITE_CORPUS=1 to rewrite testdata/fuzz/FuzzBundleImport")
	}
	writeCorpus(t, "FuzzBundleImport", newFuzzFix(t).bundleSeeds(), false)
}
