package seal_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/seal"
)

func keys(t *testing.T) seal.Keys {
	t.Helper()
	k, err := seal.Generate()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestSealOpenRoundTrip(t *testing.T) {
	dev, srv := keys(t), keys(t)
	header := []byte(`{"kind":"push","device":"d1"}`)
	msg := []byte(`{"nama":"Yohanis Kambuaya","nip":"198001012005011001"}`)
	sealed, err := seal.Seal(dev.Sign, srv.Public().Box, header, msg)
	if err != nil {
		t.Fatal(err)
	}
	// nothing of the message is readable without the receiver's key
	for _, s := range []string{"Yohanis", "Kambuaya", "198001012005011001", "nama"} {
		if bytes.Contains(sealed, []byte(s)) {
			t.Fatalf("sealed bytes contain %q", s)
		}
	}
	got, err := seal.Open(srv.Box, dev.Public().Sign, header, sealed)
	if err != nil || !bytes.Equal(got, msg) {
		t.Fatalf("open: %q %v", got, err)
	}
	// two seals of the same message differ (ephemeral key, nonce)
	again, _ := seal.Seal(dev.Sign, srv.Public().Box, header, msg)
	if bytes.Equal(again, sealed) {
		t.Fatal("sealing is deterministic")
	}
}

// Changing any one byte of the sealed message, or the header, is refused.
func TestTamperedByteRefused(t *testing.T) {
	dev, srv := keys(t), keys(t)
	header := []byte(`{"kind":"pull","device":"d1"}`)
	sealed, err := seal.Seal(dev.Sign, srv.Public().Box, header, []byte("isi bundel"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range sealed {
		bad := bytes.Clone(sealed)
		bad[i] ^= 0x01
		if _, err := seal.Open(srv.Box, dev.Public().Sign, header, bad); err == nil {
			t.Fatalf("byte %d flipped: accepted", i)
		}
	}
	for _, h := range [][]byte{[]byte(`{"kind":"pull","device":"d2"}`), nil} {
		if _, err := seal.Open(srv.Box, dev.Public().Sign, h, sealed); !errors.Is(err, seal.ErrDecrypt) {
			t.Fatalf("header %q: %v", h, err)
		}
	}
	if _, err := seal.Open(srv.Box, dev.Public().Sign, header, sealed[:40]); !errors.Is(err, seal.ErrFormat) {
		t.Fatalf("truncated: %v", err)
	}
}

// The wrong receiver cannot decrypt; the wrong sender does not verify,
// even when the forger encrypts correctly to the real receiver (its
// public key is public).
func TestWrongKeysRefused(t *testing.T) {
	dev, srv, other := keys(t), keys(t), keys(t)
	h := []byte("h")
	sealed, _ := seal.Seal(dev.Sign, srv.Public().Box, h, []byte("m"))
	if _, err := seal.Open(other.Box, dev.Public().Sign, h, sealed); !errors.Is(err, seal.ErrDecrypt) {
		t.Fatalf("other receiver: %v", err)
	}
	if _, err := seal.Open(srv.Box, other.Public().Sign, h, sealed); !errors.Is(err, seal.ErrSignature) {
		t.Fatalf("other signer: %v", err)
	}
	forged, _ := seal.Seal(other.Sign, srv.Public().Box, h, []byte("m"))
	if _, err := seal.Open(srv.Box, dev.Public().Sign, h, forged); !errors.Is(err, seal.ErrSignature) {
		t.Fatalf("forged: %v", err)
	}
}

func TestKeyStrings(t *testing.T) {
	k := keys(t)
	s, b := k.Strings()
	k2, err := seal.ParseKeys(s, b)
	if err != nil || !k2.Sign.Equal(k.Sign) || !k2.Box.Equal(k.Box) {
		t.Fatalf("private round trip: %v", err)
	}
	ps, pb := k.Public().Strings()
	p, err := seal.ParsePublic(ps, pb)
	if err != nil || !p.Sign.Equal(k.Public().Sign) || !p.Box.Equal(k.Public().Box) || len(ps) != 64 || len(pb) != 64 {
		t.Fatalf("public round trip: %v", err)
	}
	for _, bad := range [][2]string{{"", pb}, {ps, ""}, {"zz", pb}, {ps[:62], pb}} {
		if _, err := seal.ParsePublic(bad[0], bad[1]); err == nil {
			t.Fatalf("bad public %q accepted", bad)
		}
	}
	if _, err := seal.ParseKeys(s[:10], b); err == nil {
		t.Fatal("bad private accepted")
	}
}
