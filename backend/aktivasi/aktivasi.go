// Package aktivasi is the one-time activation code of the Portal Pegawai: a
// desktop (or `imbang-server portal activate`) makes a code, prints it on
// the activation letter and stores only its salted hash in a synced
// portal_aktivasi row; the portal checks the code an employee types against
// that hash. Pure: no database, no HTTP. See docs/portal.md.
package aktivasi

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"strings"
	"time"
)

// alphabet is Crockford's base 32 without the letters people confuse
// (I, L, O, U): a code read off paper and typed on a phone.
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// Groups and GroupLen shape a code: 3 groups of 4 characters, 60 bits of
// randomness ("7KQ2-M9XD-4TRB"). With the portal's per-account and per-IP
// attempt limits, guessing is out of reach within the code's validity.
const (
	Groups   = 3
	GroupLen = 4
)

// Validity is how long a letter's code stays usable by default.
const Validity = 30 * 24 * time.Hour

// NewCode returns a fresh random code, formatted in groups.
func NewCode() string {
	n := Groups * GroupLen
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("aktivasi: no randomness: " + err.Error()) // crypto/rand never fails on supported systems
	}
	var sb strings.Builder
	for i, v := range b {
		if i > 0 && i%GroupLen == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(alphabet[int(v)%len(alphabet)]) // 256 % 32 == 0: uniform
	}
	return sb.String()
}

// Normalize turns what a person typed into the canonical code: upper case,
// without spaces and dashes, with the look-alikes O→0, I/L→1. It returns ""
// when the result is not a well-formed code.
func Normalize(typed string) string {
	var sb strings.Builder
	for _, r := range strings.ToUpper(typed) {
		switch r {
		case ' ', '-', '\t':
			continue
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		if !strings.ContainsRune(alphabet, r) {
			return ""
		}
		sb.WriteRune(r)
	}
	if sb.Len() != Groups*GroupLen {
		return ""
	}
	return sb.String()
}

// Hash is the stored form of a code: hex SHA-256 of the employee's id and
// the normalized code, so one code's hash never matches another employee's
// row. A malformed code hashes to "".
func Hash(pegawaiID, code string) string {
	c := Normalize(code)
	if c == "" {
		return ""
	}
	sum := sha256.Sum256([]byte("imbang-portal-aktivasi\x00" + pegawaiID + "\x00" + c))
	return hex.EncodeToString(sum[:])
}

// Matches reports, in constant time, whether code is the one whose hash is
// stored for pegawaiID.
func Matches(pegawaiID, code, storedHash string) bool {
	h := Hash(pegawaiID, code)
	if h == "" || len(h) != len(storedHash) {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(h), []byte(storedHash)) == 1
}
