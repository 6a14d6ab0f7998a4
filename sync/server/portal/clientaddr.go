package portal

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// ParseProxies reads the CIDR ranges (or single addresses) of the reverse
// proxies whose X-Forwarded-For the portal believes (imbang-server serve
// --trusted-proxy).
func ParseProxies(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if !strings.Contains(s, "/") {
			a, err := netip.ParseAddr(s)
			if err != nil {
				return nil, fmt.Errorf("trusted proxy %q: not an address or CIDR range", s)
			}
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: not an address or CIDR range", s)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

func trusted(a netip.Addr, proxies []netip.Prefix) bool {
	a = a.Unmap()
	for _, p := range proxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// clientAddr is the address the per-address login limit counts: the peer,
// or, when the peer is one of the trusted proxies, the nearest address in
// its X-Forwarded-For that is not itself a trusted proxy (read from the
// right: a client can put anything on the left of the header, only what
// the proxies appended is believed). A malformed entry ends the walk at the
// last believed hop. Without trusted proxies the header is ignored.
func clientAddr(r *http.Request, proxies []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil || len(proxies) == 0 || !trusted(peer, proxies) {
		return host
	}
	var hops []string
	for _, h := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(h, ",")...)
	}
	cur := peer.Unmap().String()
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return cur
		}
		cur = a.Unmap().String()
		if !trusted(a, proxies) {
			return cur
		}
	}
	return cur
}
