package tlspin

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func serve(t *testing.T, c tls.Certificate) string {
	t.Helper()
	s := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }))
	s.TLS = &tls.Config{Certificates: []tls.Certificate{c}}
	s.StartTLS()
	t.Cleanup(s.Close)
	return s.URL
}

func get(url, fp string) error {
	cl := &http.Client{Transport: &http.Transport{TLSClientConfig: ClientConfig(fp, "127.0.0.1")}}
	resp, err := cl.Get(url)
	if err == nil {
		resp.Body.Close()
	}
	return err
}

func TestPinnedCA(t *testing.T) {
	dir := t.TempDir()
	cert, fp, err := EnsureCA(dir, []string{"127.0.0.1", "localhost"})
	if err != nil {
		t.Fatal(err)
	}
	if len(fp) != 64 || ChainFingerprint(cert) != fp {
		t.Fatalf("fingerprint %q, chain %q", fp, ChainFingerprint(cert))
	}
	// a second start keeps the CA (same fingerprint) and the certificate
	_, fp2, err := EnsureCA(dir, []string{"127.0.0.1"})
	if err != nil || fp2 != fp {
		t.Fatalf("restart: %v %s != %s", err, fp2, fp)
	}
	// a new host name: new leaf, same CA
	_, fp3, err := EnsureCA(dir, []string{"127.0.0.1", "imbang.example"})
	if err != nil || fp3 != fp {
		t.Fatalf("new SAN: %v %s != %s", err, fp3, fp)
	}
	cert, _, _ = EnsureCA(dir, []string{"127.0.0.1", "localhost"})
	url := serve(t, cert)

	if err := get(url, strings.ToUpper(fp)); err != nil {
		t.Fatalf("pinned CA refused: %v", err)
	}
	// wrong fingerprint: refused with the pin's message
	other, otherFP, err := EnsureCA(t.TempDir(), []string{"127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	err = get(url, otherFP)
	if err == nil || !strings.Contains(err.Error(), "sidik jari CA") {
		t.Fatalf("wrong fingerprint accepted: %v", err)
	}
	// a server with another CA's certificate is refused by a client pinning ours
	url2 := serve(t, other)
	if err := get(url2, fp); err == nil || !strings.Contains(err.Error(), "pinned CA fingerprint") {
		t.Fatalf("other CA accepted: %v", err)
	}
	// without a pin the system roots apply: our private CA is unknown
	if err := get(url, ""); err == nil {
		t.Fatal("self-made CA accepted without a pin")
	}
}

func TestPinnedCAWrongHost(t *testing.T) {
	cert, fp, err := EnsureCA(t.TempDir(), []string{"imbang.example"}) // no 127.0.0.1 SAN
	if err != nil {
		t.Fatal(err)
	}
	url := serve(t, cert)
	if err := get(url, fp); err == nil {
		t.Fatal("certificate for another host accepted")
	}
}

// BenchmarkPinnedHandshake: a new TLS connection to a server of our own CA
// with the pin checked (P-256, TLS 1.3), one GET each.
func BenchmarkPinnedHandshake(b *testing.B) {
	cert, fp, err := EnsureCA(b.TempDir(), []string{"127.0.0.1"})
	if err != nil {
		b.Fatal(err)
	}
	s := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }))
	s.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	s.StartTLS()
	defer s.Close()
	for b.Loop() {
		tr := &http.Transport{TLSClientConfig: ClientConfig(fp, "127.0.0.1"), DisableKeepAlives: true}
		resp, err := (&http.Client{Transport: tr}).Get(s.URL)
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
	}
}
