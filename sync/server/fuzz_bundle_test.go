package server_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/seal"
	"github.com/bkpsdm-sorong/imbang/sync/server"
)

// The bundle import fuzz target. A fuzzed input is the sealed content of a
// push bundle (what the fuzzer can explore: once sealed, a mutated byte is
// only ever refused) and a mode saying how the harness seals and labels it:
//
//	0 sealed by A for the server, the header naming A (an honest file)
//	1 the header relabelled to B, sealed by A
//	2 sealed by B's key, the header naming A (a forged signer)
//	3 sealed by a key nobody enrolled
//	4 one byte of the sealed part flipped
//	5 the input is the whole bundle file (e.g. an old unsigned one)
//
// The invariants are FuzzPush's: no internal error, nothing outside A's
// scope changes, nothing invalid is stored.

const bundleModes = 6

// sealBundle makes the bundle file for content in mode.
func (fx *fuzzFix) sealBundle(content []byte, mode byte) (protocol.Bundle, bool) {
	mode %= bundleModes
	if mode == 5 {
		var b protocol.Bundle
		return b, json.Unmarshal(content, &b) == nil
	}
	srvSign, _ := fx.server.Strings()
	b := protocol.Bundle{Format: protocol.BundleFormat, Version: protocol.BundleVersion, Kind: protocol.BundlePush, Device: fx.idA,
		Server: srvSign, Created: "2026-11-27T08:00:00Z"}
	signer := fx.keysA
	switch mode {
	case 1:
		b.Device = fx.idB
	case 2:
		signer = fx.keysB
	case 3:
		k, err := seal.Generate()
		if err != nil {
			return b, false
		}
		signer = k
	}
	sealed, err := seal.Seal(signer.Sign, fx.server.Box, b.Header(), content)
	if err != nil {
		return b, false
	}
	if mode == 4 && len(sealed) > 0 {
		sealed[len(sealed)/2] ^= 0x20
	}
	b.Sealed = sealed
	return b, true
}

// bundleSeeds wrap the push seeds as sealed content, honest and forged.
func (fx *fuzzFix) bundleSeeds() []fuzzSeed {
	srvSign, _ := fx.server.Strings()
	content := func(req *protocol.PushRequest, device, install string) []byte {
		out, _ := json.Marshal(protocol.BundleContent{Kind: protocol.BundlePush, Device: device, InstallID: install, Server: srvSign,
			Created: "2026-11-27T08:00:00Z", Push: req})
		return out
	}
	var out []fuzzSeed
	for _, s := range fx.seeds() {
		var req protocol.PushRequest
		if s.mode != wireRaw || s.big || json.Unmarshal(s.body, &req) != nil || req.DeviceID == "" {
			continue
		}
		out = append(out, fuzzSeed{name: s.name, body: content(&req, fx.idA, fx.installA), known: s.known})
		if strings.HasPrefix(s.name, "other-") || s.name == "admin-as-setup" || s.name == "update-pegawai" {
			for m := byte(1); m <= 4; m++ {
				out = append(out, fuzzSeed{name: fmt.Sprintf("%s-mode%d", s.name, m), body: content(&req, fx.idA, fx.installA), mode: m})
			}
			// content naming B inside a file A sealed
			out = append(out, fuzzSeed{name: s.name + "-content-b", body: content(&req, fx.idB, fx.installB)})
		}
	}
	var req protocol.PushRequest
	json.Unmarshal(out[0].body, &struct{ Push *protocol.PushRequest }{&req})
	old, _ := json.Marshal(map[string]any{"format": protocol.BundleFormat, "version": 1, "kind": "push", "device_id": fx.installA, "push": req})
	out = append(out, fuzzSeed{name: "old-unsigned", body: old, mode: 5},
		fuzzSeed{name: "no-push", body: []byte(`{"kind":"push"}`)},
		fuzzSeed{name: "pull-kind", body: []byte(`{"kind":"pull","pull":{"entries":[]}}`)})
	return out
}

// importBundle imports the sealed input for OPD A's device.
func (fx *fuzzFix) importBundle(t *testing.T, content []byte, mode byte) {
	t.Helper()
	b, ok := fx.sealBundle(content, mode)
	if !ok {
		return // not a bundle file: the CLI refuses it before the server sees it
	}
	fx.check(t, fmt.Sprintf("bundle mode %d %s", mode%bundleModes, content), func(srv *server.Server) {
		rc, err := srv.ImportBundle(ctx, b, "")
		if err != nil {
			if resp, coded := server.ErrorText(err); !coded || resp.Code == protocol.ErrInternal {
				t.Fatalf("bundle import failed inside the server: %v", err)
			}
		} else if m := mode % bundleModes; m != 0 && m != 5 {
			t.Fatalf("a forged bundle (mode %d) was imported: %+v", m, rc)
		}
		if testing.Verbose() {
			t.Logf("→ %v %.400s", err, fmt.Sprintf("%+v", rc))
		}
	})
}

// FuzzBundleImport imports fuzzed sealed bundles for OPD A's device.
func FuzzBundleImport(f *testing.F) {
	fx := newFuzzFix(f)
	f.Add([]byte(`{}`), byte(0))
	f.Fuzz(func(t *testing.T, content []byte, mode byte) { fx.importBundle(t, content, mode) })
}

// TestFuzzBundleSeeds runs the bundle seeds by name.
func TestFuzzBundleSeeds(t *testing.T) {
	fx := newFuzzFix(t)
	for _, s := range fx.bundleSeeds() {
		t.Run(s.name, func(t *testing.T) {
			if s.known != "" {
				t.Skip(s.known)
			}
			fx.importBundle(t, s.body, s.mode)
		})
	}
}

// TestWriteFuzzBundleCorpus (re)writes testdata/fuzz/FuzzBundleImport:
// IMBANG_WRITE_CORPUS=1 go test -run TestWriteFuzzBundleCorpus ./sync/server/
func TestWriteFuzzBundleCorpus(t *testing.T) {
	if os.Getenv("IMBANG_WRITE_CORPUS") == "" {
		t.Skip("set IMBANG_WRITE_CORPUS=1 to rewrite testdata/fuzz/FuzzBundleImport")
	}
	writeCorpus(t, "FuzzBundleImport", newFuzzFix(t).bundleSeeds(), true)
}
