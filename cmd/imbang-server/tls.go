package main

import (
	"crypto/tls"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore"
	"github.com/bkpsdm-sorong/imbang/sync/tlspin"
)

// multiFlag is a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// tlsChoice is serve's TLS flags.
type tlsChoice struct {
	hosts           []string
	dir, cert, key  string
	plain, insecure bool
}

// isLoopback reports whether a listen address is on loopback only.
func isLoopback(listen string) bool {
	h, _, err := net.SplitHostPort(listen)
	if err != nil {
		return false
	}
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// tlsDirFor is the default directory of the server's own CA: PATH.tls
// beside a SQLite file; a PostgreSQL server needs --tls-dir (several
// processes must share one CA).
func tlsDirFor(db, dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	if db == "" || pgstore.IsURL(db) {
		return "", usageError{"--tls-dir DIR is required with a PostgreSQL database (or --cert/--key)"}
	}
	return db + ".tls", nil
}

// certificate loads --cert/--key or makes/loads the server's own CA and
// certificate; the fingerprint is of the CA (or of the last certificate of
// a given chain).
func (tc tlsChoice) certificate(db, listen string) (tls.Certificate, string, error) {
	if (tc.cert == "") != (tc.key == "") {
		return tls.Certificate{}, "", usageError{"give both --cert and --key"}
	}
	if tc.cert != "" {
		c, err := tls.LoadX509KeyPair(tc.cert, tc.key)
		if err != nil {
			return tls.Certificate{}, "", fmt.Errorf("sertifikat TLS tidak dapat dibaca (TLS certificate): %w", err)
		}
		return c, tlspin.ChainFingerprint(c), nil
	}
	dir, err := tlsDirFor(db, tc.dir)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	hosts := append([]string{}, tc.hosts...)
	if h, _, err := net.SplitHostPort(listen); err == nil && h != "" && h != "0.0.0.0" && h != "::" {
		hosts = append(hosts, h)
	}
	if len(hosts) == 0 {
		hosts = []string{"localhost", "127.0.0.1"}
		if n, err := os.Hostname(); err == nil && n != "" {
			hosts = append(hosts, n)
		}
	}
	return tlspin.EnsureCA(dir, hosts)
}

// caFingerprint reads the fingerprint of the server's own CA when it exists
// ("" when the server uses a given certificate or has not started yet).
func caFingerprint(db, dir string) (string, error) {
	d, err := tlsDirFor(db, dir)
	if err != nil {
		return "", nil
	}
	b, err := os.ReadFile(filepath.Join(d, tlspin.CAFile))
	if os.IsNotExist(err) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return tlspin.PEMFingerprint(b)
}
