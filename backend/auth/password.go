package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters; they are stored in every hash, so
// raising them later still verifies older hashes.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen uint32
	KeyLen  uint32
}

// DefaultParams follow RFC 9106's second recommended option scaled to a
// desktop: 64 MiB, 3 passes, 2 lanes (see docs/accounts.md for the timing).
var DefaultParams = Params{Memory: 64 * 1024, Time: 3, Threads: 2, SaltLen: 16, KeyLen: 32}

// Hash returns the PHC-style encoded argon2id hash of password:
// $argon2id$v=19$m=65536,t=3,p=2$<salt>$<key> (base64 without padding).
func Hash(password string, p Params) (string, error) {
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Decode parses an encoded hash into its parameters, salt and key.
func Decode(encoded string) (Params, []byte, []byte, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return Params{}, nil, nil, fmt.Errorf("auth: not an argon2id hash")
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return Params{}, nil, nil, fmt.Errorf("auth: unsupported argon2 version")
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return Params{}, nil, nil, fmt.Errorf("auth: bad argon2 parameters: %w", err)
	}
	if p.Memory < 8*uint32(p.Threads) || p.Time < 1 || p.Threads < 1 || p.Memory > 4*1024*1024 || p.Time > 100 {
		return Params{}, nil, nil, fmt.Errorf("auth: argon2 parameters out of range")
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return Params{}, nil, nil, fmt.Errorf("auth: bad salt")
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil || len(key) < 16 {
		return Params{}, nil, nil, fmt.Errorf("auth: bad key")
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}

// Verify reports whether password matches the encoded hash, comparing the
// derived keys in constant time. A malformed hash never matches.
func Verify(password, encoded string) bool {
	p, salt, key, err := Decode(encoded)
	if err != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return subtle.ConstantTimeCompare(got, key) == 1
}

// NeedsRehash reports whether a hash was made with weaker parameters than p.
func NeedsRehash(encoded string, p Params) bool {
	q, _, _, err := Decode(encoded)
	return err != nil || q.Memory < p.Memory || q.Time < p.Time
}

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 8

// minContainedName is the shortest username whose presence inside a password
// refuses it; a shorter one ("ab") is only refused as the whole password.
const minContainedName = 3

// CheckPassword applies the password policy: at least MinPasswordLen
// characters, at most 128, with a letter and a digit, not containing the
// username (case-insensitive) and not on the common-password list
// (IsCommonPassword). Every place that sets a password calls it: the first
// admin, a new user, an admin's reset, a password change and the portal's
// activation. It returns a field error on field "password".
func CheckPassword(password, username string) error {
	var v domain.Validation
	n := len([]rune(password))
	var letter, digit bool
	for _, r := range password {
		letter = letter || unicode.IsLetter(r)
		digit = digit || unicode.IsDigit(r)
	}
	pw, name := strings.ToLower(strings.TrimSpace(password)), strings.ToLower(strings.TrimSpace(username))
	switch {
	case n < MinPasswordLen:
		v.Add("password", "auth.password_short", fmt.Sprintf("Kata sandi minimal %d karakter.", MinPasswordLen),
			fmt.Sprintf("The password needs at least %d characters.", MinPasswordLen))
	case n > 128:
		v.Add("password", "auth.password_long", "Kata sandi maksimal 128 karakter.", "The password may have at most 128 characters.")
	case !letter || !digit:
		v.Add("password", "auth.password_weak", "Kata sandi harus memuat huruf dan angka.", "The password must contain letters and digits.")
	case name != "" && (pw == name || (len([]rune(name)) >= minContainedName && strings.Contains(pw, name))):
		v.Add("password", "auth.password_username", "Kata sandi tidak boleh memuat nama pengguna.", "The password may not contain the username.")
	case IsCommonPassword(password):
		v.Add("password", "auth.password_common",
			"Kata sandi ini termasuk kata sandi yang paling sering dipakai dan mudah ditebak; pilih yang lain.",
			"This password is one of the most common ones and easy to guess; choose another.")
	}
	return v.Err()
}

// Policy is the lockout and idle-lock policy (settings a PPK/Admin edits).
type Policy struct {
	MaxAttempts int `json:"maxAttempts"` // failed logins in a row before the account locks
	LockMinutes int `json:"lockMinutes"` // how long it stays locked
	IdleMinutes int `json:"idleMinutes"` // inactivity before the session locks (0 = never)
}

// DefaultPolicy: 5 attempts, 15 minutes locked, lock after 10 idle minutes.
var DefaultPolicy = Policy{MaxAttempts: 5, LockMinutes: 15, IdleMinutes: 10}

// Check validates a policy.
func (p Policy) Check() error {
	var v domain.Validation
	if p.MaxAttempts < 1 || p.MaxAttempts > 100 {
		v.Add("maxAttempts", "auth.policy_attempts", "Batas percobaan harus 1–100.", "Attempts must be 1–100.")
	}
	if p.LockMinutes < 1 || p.LockMinutes > 24*60 {
		v.Add("lockMinutes", "auth.policy_lock", "Lama penguncian harus 1–1440 menit.", "Lock time must be 1–1440 minutes.")
	}
	if p.IdleMinutes < 0 || p.IdleMinutes > 24*60 {
		v.Add("idleMinutes", "auth.policy_idle", "Kunci otomatis harus 0–1440 menit.", "Auto-lock must be 0–1440 minutes.")
	}
	return v.Err()
}

// Failure applies one failed login to the counter: it returns the new count
// and, once the count reaches MaxAttempts, the time the lock ends (the count
// then starts again from zero).
func (p Policy) Failure(failures int, now time.Time) (int, time.Time) {
	failures++
	if failures >= p.MaxAttempts {
		return 0, now.Add(time.Duration(p.LockMinutes) * time.Minute)
	}
	return failures, time.Time{}
}

// Idle reports whether a session last active at last is idle past the limit at now.
func (p Policy) Idle(last, now time.Time) bool {
	return p.IdleMinutes > 0 && now.Sub(last) >= time.Duration(p.IdleMinutes)*time.Minute
}
