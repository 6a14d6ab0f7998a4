// Package tlspin is the TLS of Imbang's sync: the server's own certificate
// authority for an on-premise install (EnsureCA: an ECDSA P-256 CA and a
// server certificate signed by it, made once in the server's data dir), the
// CA fingerprint (hex SHA-256 of the CA certificate's DER) that enrollment
// strings carry, and the client's pinning (ClientConfig: the server's chain
// must end in the pinned CA, whatever the system trusts).
package tlspin

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Fingerprint is the hex SHA-256 of a certificate's DER bytes.
func Fingerprint(der []byte) string {
	h := sha256.Sum256(der)
	return hex.EncodeToString(h[:])
}

// NormalizeFingerprint lowercases a fingerprint and drops colons and spaces
// (so "AB:CD:…" as printed by openssl works too).
func NormalizeFingerprint(fp string) string {
	return strings.ToLower(strings.NewReplacer(":", "", " ", "", "-", "").Replace(strings.TrimSpace(fp)))
}

// Files of the server's own CA in its TLS directory.
const (
	CAFile        = "ca.pem"
	CAKeyFile     = "ca-key.pem"
	ServerFile    = "server.pem" // leaf then CA
	ServerKeyFile = "server-key.pem"
)

// EnsureCA makes (on first start) or loads the CA and the server
// certificate in dir. hosts are the server certificate's SANs (names or IP
// addresses); when the existing server certificate lacks one of them a new
// one is issued by the same CA (the fingerprint stays). It returns the
// server certificate and the CA fingerprint.
func EnsureCA(dir string, hosts []string) (tls.Certificate, string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return tls.Certificate{}, "", err
	}
	caCert, caKey, err := loadOrMakeCA(dir)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	fp := Fingerprint(caCert.Raw)
	certPath, keyPath := filepath.Join(dir, ServerFile), filepath.Join(dir, ServerKeyFile)
	if c, err := tls.LoadX509KeyPair(certPath, keyPath); err == nil {
		if leaf, err := x509.ParseCertificate(c.Certificate[0]); err == nil && covers(leaf, hosts) && time.Until(leaf.NotAfter) > 30*24*time.Hour &&
			leaf.CheckSignatureFrom(caCert) == nil {
			return c, fp, nil
		}
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject:      pkix.Name{CommonName: "imbang-server", Organization: []string{"Imbang"}},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(825 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else if h != "" {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, &key.PublicKey, caKey)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	chain := append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caCert.Raw})...)
	if err := writeFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600); err != nil {
		return tls.Certificate{}, "", err
	}
	if err := writeFile(certPath, chain, 0o644); err != nil {
		return tls.Certificate{}, "", err
	}
	c, err := tls.LoadX509KeyPair(certPath, keyPath)
	return c, fp, err
}

func covers(leaf *x509.Certificate, hosts []string) bool {
	for _, h := range hosts {
		if h != "" && leaf.VerifyHostname(h) != nil {
			return false
		}
	}
	return true
}

func serial() *big.Int {
	n, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	return n
}

func loadOrMakeCA(dir string) (*x509.Certificate, *ecdsa.PrivateKey, error) {
	cp, kp := filepath.Join(dir, CAFile), filepath.Join(dir, CAKeyFile)
	if cb, err := os.ReadFile(cp); err == nil {
		kb, err := os.ReadFile(kp)
		if err != nil {
			return nil, nil, fmt.Errorf("tls: %s exists but its key %s cannot be read: %w", cp, kp, err)
		}
		c, err := parseCert(cb)
		if err != nil {
			return nil, nil, err
		}
		blk, _ := pem.Decode(kb)
		if blk == nil {
			return nil, nil, fmt.Errorf("tls: %s is not PEM", kp)
		}
		k, err := x509.ParseECPrivateKey(blk.Bytes)
		return c, k, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: "Imbang server CA", Organization: []string{"Imbang"}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(20 * 365 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, err
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	if err := writeFile(kp, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600); err != nil {
		return nil, nil, err
	}
	if err := writeFile(cp, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		return nil, nil, err
	}
	c, err := x509.ParseCertificate(der)
	return c, key, err
}

func parseCert(b []byte) (*x509.Certificate, error) {
	blk, _ := pem.Decode(b)
	if blk == nil || blk.Type != "CERTIFICATE" {
		return nil, errors.New("tls: not a PEM certificate")
	}
	return x509.ParseCertificate(blk.Bytes)
}

func writeFile(path string, b []byte, mode os.FileMode) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, mode); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// ChainFingerprint is the fingerprint a client pins for a given certificate
// chain: that of its last certificate (the CA for a chain that includes it;
// the certificate itself for a lone one).
func ChainFingerprint(c tls.Certificate) string {
	if len(c.Certificate) == 0 {
		return ""
	}
	return Fingerprint(c.Certificate[len(c.Certificate)-1])
}

// ErrPin is wrapped by every pinning refusal.
var ErrPin = errors.New("sertifikat server tidak cocok dengan sidik jari CA yang disematkan (server certificate does not match the pinned CA fingerprint)")

// ClientConfig returns a client TLS configuration that trusts exactly the
// CA with fingerprint fp: the server must present a chain containing a
// certificate with that fingerprint, and its leaf must verify against that
// certificate (as the only root) for the server's name (host, the server
// URL's host without port, used when the connection has no SNI name, e.g.
// an IP address). An empty fp gives the system's ordinary verification.
func ClientConfig(fp, host string) *tls.Config {
	fp = NormalizeFingerprint(fp)
	if fp == "" {
		return &tls.Config{MinVersion: tls.VersionTLS12}
	}
	return &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: true, // replaced by VerifyConnection below (the pin)
		VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return fmt.Errorf("%w: no certificate", ErrPin)
			}
			var pinned *x509.Certificate
			for _, c := range cs.PeerCertificates {
				if Fingerprint(c.Raw) == fp {
					pinned = c
				}
			}
			if pinned == nil {
				return fmt.Errorf("%w: the server presented %s", ErrPin, Fingerprint(cs.PeerCertificates[len(cs.PeerCertificates)-1].Raw))
			}
			leaf := cs.PeerCertificates[0]
			if leaf == pinned {
				return nil // the pinned certificate is the server's own
			}
			roots := x509.NewCertPool()
			roots.AddCert(pinned)
			inter := x509.NewCertPool()
			for _, c := range cs.PeerCertificates[1:] {
				inter.AddCert(c)
			}
			name := cs.ServerName
			if name == "" {
				name = host
			}
			if name == "" {
				return fmt.Errorf("%w: no server name to check", ErrPin)
			}
			if _, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, DNSName: name}); err != nil {
				return fmt.Errorf("%w: %v", ErrPin, err)
			}
			return nil
		},
	}
}

// PEMFingerprint is the fingerprint of the first certificate in PEM bytes.
func PEMFingerprint(b []byte) (string, error) {
	c, err := parseCert(b)
	if err != nil {
		return "", err
	}
	return Fingerprint(c.Raw), nil
}
