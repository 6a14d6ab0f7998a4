package portal

import (
	"net/http/httptest"
	"testing"
)

// The per-address limit counts the client a trusted proxy names, and only
// then: a client's own X-Forwarded-For, sent directly or put on the left
// of a proxy's, changes nothing.
func TestClientAddrBehindATrustedProxy(t *testing.T) {
	proxies, err := ParseProxies([]string{"10.0.0.0/8", " 192.168.1.5 ", ""})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, peer string
		xff        []string
		want       string
	}{
		{"direct, no header", "203.0.113.9:5000", nil, "203.0.113.9"},
		{"direct client forging the header", "203.0.113.9:5000", []string{"198.51.100.1"}, "203.0.113.9"},
		{"through the proxy", "10.1.2.3:443", []string{"198.51.100.7"}, "198.51.100.7"},
		{"through the single-address proxy", "192.168.1.5:443", []string{"198.51.100.7"}, "198.51.100.7"},
		{"client's forged hop on the left is ignored", "10.1.2.3:443", []string{"1.2.3.4, 198.51.100.7"}, "198.51.100.7"},
		{"two proxies in a chain", "10.1.2.3:443", []string{"198.51.100.7, 10.9.9.9"}, "198.51.100.7"},
		{"header split over two lines", "10.1.2.3:443", []string{"1.2.3.4", "198.51.100.8"}, "198.51.100.8"},
		{"proxy without a header", "10.1.2.3:443", nil, "10.1.2.3"},
		{"garbage after the client", "10.1.2.3:443", []string{"198.51.100.7, nonsense"}, "10.1.2.3"},
		{"only proxies", "10.1.2.3:443", []string{"10.0.0.1"}, "10.0.0.1"},
		{"IPv6 client", "10.1.2.3:443", []string{"2001:db8::1"}, "2001:db8::1"},
		{"untrusted neighbour of the range", "11.0.0.1:443", []string{"198.51.100.7"}, "11.0.0.1"},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/portal/masuk", nil)
		r.RemoteAddr = c.peer
		for _, h := range c.xff {
			r.Header.Add("X-Forwarded-For", h)
		}
		if got := clientAddr(r, proxies); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
		if got, want := clientAddr(r, nil), c.peer[:len(c.peer)-len(":443")]; len(c.xff) > 0 && c.peer[len(c.peer)-4:] == ":443" && got != want {
			t.Errorf("%s without trusted proxies: %s, want the peer %s", c.name, got, want)
		}
	}
	for _, bad := range []string{"10.0.0.0/33", "not-an-ip", "10.0.0/8"} {
		if _, err := ParseProxies([]string{bad}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
