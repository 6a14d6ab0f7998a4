// Package seal protects offline sync bundles: the sender signs with its
// Ed25519 key and encrypts to the receiver's X25519 key, so a file on a
// lost USB stick reveals nothing and a file nobody enrolled signed is
// refused. It is pure (no I/O) and knows nothing of the sync protocol.
//
// A sealed message is
//
//	version (1 byte) | ephemeral X25519 public key (32) | nonce (24) | ciphertext
//
// where ciphertext is XChaCha20-Poly1305 of (signature (64) | message) under
// HKDF-SHA256(X25519(ephemeral, receiver), salt = ephemeral | receiver), with
// the clear header as associated data. The signature covers the header, the
// receiver's public key and the message, so neither a relabelled header nor
// a message re-encrypted for another receiver verifies.
package seal

import (
	"crypto/ecdh"
	"crypto/ed25519"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// Version is the first byte of a sealed message.
const Version byte = 1

const (
	domainSig = "imbang-seal-v1 signature"
	domainKey = "imbang-seal-v1 key"
	overhead  = 1 + 32 + chacha20poly1305.NonceSizeX + ed25519.SignatureSize + chacha20poly1305.Overhead
)

// Errors of Open. ErrDecrypt cannot tell a wrong key from a damaged file:
// the AEAD only says the ciphertext is not for this key as it stands.
var (
	ErrFormat    = errors.New("seal: not a sealed message")
	ErrDecrypt   = errors.New("seal: cannot decrypt (not for this key, or altered)")
	ErrSignature = errors.New("seal: signature does not verify")
)

// Keys are one party's private keys: Sign signs what it sends, Box
// decrypts what it receives.
type Keys struct {
	Sign ed25519.PrivateKey
	Box  *ecdh.PrivateKey
}

// Public are the public halves, what the other party pins.
type Public struct {
	Sign ed25519.PublicKey
	Box  *ecdh.PublicKey
}

// Generate makes a new key pair set.
func Generate() (Keys, error) {
	_, sk, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return Keys{}, err
	}
	bk, err := ecdh.X25519().GenerateKey(rand.Reader)
	if err != nil {
		return Keys{}, err
	}
	return Keys{Sign: sk, Box: bk}, nil
}

// Public returns the public keys.
func (k Keys) Public() Public {
	return Public{Sign: k.Sign.Public().(ed25519.PublicKey), Box: k.Box.PublicKey()}
}

// Strings is the stored form of the private keys: hex of the Ed25519 seed
// and of the X25519 scalar.
func (k Keys) Strings() (sign, box string) {
	return hex.EncodeToString(k.Sign.Seed()), hex.EncodeToString(k.Box.Bytes())
}

// ParseKeys reads what Strings wrote.
func ParseKeys(sign, box string) (Keys, error) {
	s, err := hex.DecodeString(sign)
	if err != nil || len(s) != ed25519.SeedSize {
		return Keys{}, errors.New("seal: bad signing key")
	}
	b, err := hex.DecodeString(box)
	if err != nil {
		return Keys{}, errors.New("seal: bad encryption key")
	}
	bk, err := ecdh.X25519().NewPrivateKey(b)
	if err != nil {
		return Keys{}, fmt.Errorf("seal: bad encryption key: %w", err)
	}
	return Keys{Sign: ed25519.NewKeyFromSeed(s), Box: bk}, nil
}

// Strings is the wire form of the public keys (hex, 64 characters each).
func (p Public) Strings() (sign, box string) {
	return hex.EncodeToString(p.Sign), hex.EncodeToString(p.Box.Bytes())
}

// ParsePublic reads what Public.Strings wrote.
func ParsePublic(sign, box string) (Public, error) {
	s, err := ParseSignKey(sign)
	if err != nil {
		return Public{}, err
	}
	b, err := hex.DecodeString(box)
	if err != nil {
		return Public{}, errors.New("seal: bad public encryption key")
	}
	bk, err := ecdh.X25519().NewPublicKey(b)
	if err != nil {
		return Public{}, fmt.Errorf("seal: bad public encryption key: %w", err)
	}
	return Public{Sign: s, Box: bk}, nil
}

// ParseSignKey reads a hex Ed25519 public key.
func ParseSignKey(sign string) (ed25519.PublicKey, error) {
	s, err := hex.DecodeString(sign)
	if err != nil || len(s) != ed25519.PublicKeySize {
		return nil, errors.New("seal: bad public signing key")
	}
	return ed25519.PublicKey(s), nil
}

// signed is what the signature covers (hashed, so a large message is not
// copied): the domain, the header, the receiver and the message.
func signed(header []byte, to *ecdh.PublicKey, msg []byte) []byte {
	hh, mh := sha256.Sum256(header), sha256.Sum256(msg)
	b := make([]byte, 0, len(domainSig)+32+32+32)
	b = append(b, domainSig...)
	b = append(b, hh[:]...)
	b = append(b, to.Bytes()...)
	return append(b, mh[:]...)
}

func aead(shared []byte, eph, to *ecdh.PublicKey) (cipherAEAD, error) {
	salt := append(append([]byte{}, eph.Bytes()...), to.Bytes()...)
	key, err := hkdf.Key(sha256.New, shared, salt, domainKey, chacha20poly1305.KeySize)
	if err != nil {
		return nil, err
	}
	return chacha20poly1305.NewX(key)
}

type cipherAEAD interface {
	Seal(dst, nonce, plaintext, additionalData []byte) []byte
	Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error)
}

// Seal signs msg (with header) by from and encrypts it to the receiver to;
// header travels in clear beside the result and must be given to Open as is.
func Seal(from ed25519.PrivateKey, to *ecdh.PublicKey, header, msg []byte) ([]byte, error) {
	if len(from) != ed25519.PrivateKeySize || to == nil {
		return nil, errors.New("seal: missing key")
	}
	eph, err := ecdh.X25519().GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	shared, err := eph.ECDH(to)
	if err != nil {
		return nil, err
	}
	a, err := aead(shared, eph.PublicKey(), to)
	if err != nil {
		return nil, err
	}
	sig := ed25519.Sign(from, signed(header, to, msg))
	out := make([]byte, 0, overhead+len(msg))
	out = append(out, Version)
	out = append(out, eph.PublicKey().Bytes()...)
	nonce := make([]byte, chacha20poly1305.NonceSizeX)
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	out = append(out, nonce...)
	plain := make([]byte, 0, len(sig)+len(msg))
	plain = append(append(plain, sig...), msg...)
	return a.Seal(out, nonce, plain, header), nil
}

// Open decrypts sealed with the receiver's key and verifies that from
// signed it with this header; it returns the message only if both hold.
func Open(to *ecdh.PrivateKey, from ed25519.PublicKey, header, sealed []byte) ([]byte, error) {
	if to == nil || len(from) != ed25519.PublicKeySize {
		return nil, errors.New("seal: missing key")
	}
	if len(sealed) < overhead || sealed[0] != Version {
		return nil, ErrFormat
	}
	eph, err := ecdh.X25519().NewPublicKey(sealed[1:33])
	if err != nil {
		return nil, ErrFormat
	}
	shared, err := to.ECDH(eph)
	if err != nil {
		return nil, ErrDecrypt // a low-order point: nobody's key
	}
	a, err := aead(shared, eph, to.PublicKey())
	if err != nil {
		return nil, err
	}
	nonce := sealed[33 : 33+chacha20poly1305.NonceSizeX]
	plain, err := a.Open(nil, nonce, sealed[33+chacha20poly1305.NonceSizeX:], header)
	if err != nil {
		return nil, ErrDecrypt
	}
	sig, msg := plain[:ed25519.SignatureSize], plain[ed25519.SignatureSize:]
	if !ed25519.Verify(from, signed(header, to.PublicKey(), msg), sig) {
		return nil, ErrSignature
	}
	return msg, nil
}
