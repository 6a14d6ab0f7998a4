package auth

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// fast parameters keep the property test quick; the encoding is the same.
var fast = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestHashVerifyRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("abcXYZ019 !é€🙂")
	for i := 0; i < 200; i++ {
		pw := make([]rune, 1+rng.IntN(40))
		for j := range pw {
			pw[j] = alphabet[rng.IntN(len(alphabet))]
		}
		h, err := Hash(string(pw), fast)
		if err != nil {
			t.Fatal(err)
		}
		if !Verify(string(pw), h) {
			t.Fatalf("own password rejected: %q", string(pw))
		}
		other := string(pw) + "x"
		if Verify(other, h) {
			t.Fatalf("other password accepted: %q", other)
		}
	}
}

func TestHashEncodingCarriesParamsAndSalt(t *testing.T) {
	h1, _ := Hash("rahasia123", DefaultParams)
	h2, _ := Hash("rahasia123", DefaultParams)
	if h1 == h2 {
		t.Fatal("two hashes of one password are equal: no random salt")
	}
	if !strings.HasPrefix(h1, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Fatalf("encoding: %s", h1)
	}
	p, salt, key, err := Decode(h1)
	if err != nil || p.Memory != 65536 || p.Time != 3 || p.Threads != 2 || len(salt) != 16 || len(key) != 32 {
		t.Fatalf("decode: %+v %d %d %v", p, len(salt), len(key), err)
	}
	if !Verify("rahasia123", h1) || NeedsRehash(h1, DefaultParams) || !NeedsRehash(mustHash(t, "x", fast), DefaultParams) {
		t.Fatal("verify/rehash")
	}
}

func mustHash(t *testing.T, pw string, p Params) string {
	h, err := Hash(pw, p)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestMalformedHashesNeverMatch(t *testing.T) {
	good := mustHash(t, "sandi1234", fast)
	parts := strings.Split(good, "$")
	for _, h := range []string{"", "plain", "$argon2i$v=19$m=64,t=1,p=1$" + parts[4] + "$" + parts[5],
		"$argon2id$v=18$m=64,t=1,p=1$" + parts[4] + "$" + parts[5], "$argon2id$v=19$m=0,t=1,p=1$" + parts[4] + "$" + parts[5],
		"$argon2id$v=19$m=64,t=1,p=1$!!$" + parts[5], "$argon2id$v=19$m=64,t=1,p=1$" + parts[4] + "$",
		"$argon2id$v=19$m=99999999,t=1,p=1$" + parts[4] + "$" + parts[5]} {
		if Verify("sandi1234", h) {
			t.Fatalf("malformed hash matched: %q", h)
		}
	}
}

func TestPasswordPolicy(t *testing.T) {
	cases := map[string]string{"": "auth.password_short", "abc123": "auth.password_short", "abcdefgh": "auth.password_weak",
		"12345678": "auth.password_weak", "budi1234": "auth.password_username", "Sorong2026": "", strings.Repeat("a1", 65): "auth.password_long"}
	for pw, want := range cases {
		err := CheckPassword(pw, "BUDI1234")
		var e *domain.Error
		got := ""
		if errors.As(err, &e) {
			got = e.Fields[0].Code
		}
		if got != want {
			t.Errorf("%q: got %q want %q", pw, got, want)
		}
	}
}

func TestPasswordPolicyUsernameAndCommonList(t *testing.T) {
	cases := []struct{ pw, user, want string }{
		{"admin12345", "admin", "auth.password_username"},                       // the first-run case: username inside
		{"Xy9ADMINxy", "admin", "auth.password_username"},                       // case-insensitive, in the middle
		{"budi1234", "  Budi1234 ", "auth.password_username"},                   // equal after trimming
		{"ab12cdef9", "ab", ""},                                                 // a 2-letter username only refuses itself
		{"ab", "ab", "auth.password_short"},                                     // length is checked first
		{"password1", "siti", "auth.password_common"},                           // the frequency list
		{"PassWord1", "siti", "auth.password_common"},                           // case-insensitive
		{"qwerty123", "siti", "auth.password_common"},                           // the frequency list
		{"bismillah123", "siti", "auth.password_common"},                        // Indonesian word + suffix
		{"Indonesia1945", "siti", "auth.password_common"},                       // Indonesian word + suffix
		{" sayang123 ", "siti", "auth.password_common"},                         // surrounding spaces ignored
		{"Sorong2026aman", "siti", ""},                                          // not on the list
		{"Kopi7Hutan", "siti", ""},                                              // not on the list
		{"198703152010011001x", "198703152010011001", "auth.password_username"}, // the portal: the NIP inside
	}
	for _, c := range cases {
		err := CheckPassword(c.pw, c.user)
		var e *domain.Error
		got := ""
		if errors.As(err, &e) {
			got = e.Fields[0].Code
			if e.Fields[0].Field != "password" || e.Fields[0].Message == "" || e.Fields[0].MessageEN == "" {
				t.Errorf("%q: field error %+v lacks the field or a text", c.pw, e.Fields[0])
			}
		}
		if got != c.want {
			t.Errorf("%q (user %q): got %q want %q", c.pw, c.user, got, c.want)
		}
	}
}

func TestCommonPasswordList(t *testing.T) {
	// The embedded list is the 10,000 most frequent passwords.
	n := 0
	for _, l := range strings.Split(commonPasswords, "\n") {
		if strings.TrimSpace(l) != "" {
			n++
		}
	}
	if n != 10000 {
		t.Fatalf("embedded list has %d entries, want 10000", n)
	}
	for _, pw := range []string{"123456", "password", "dragon", "trustno1", "1q2w3e4r"} {
		if !IsCommonPassword(pw) {
			t.Errorf("%q should be common", pw)
		}
	}
	if IsCommonPassword("") || IsCommonPassword("Sorong2026") || IsCommonPassword("zq8Vw2kLp") {
		t.Error("uncommon passwords reported as common")
	}
}

func TestLockoutPolicy(t *testing.T) {
	p := Policy{MaxAttempts: 3, LockMinutes: 15, IdleMinutes: 10}
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	n, until := 0, time.Time{}
	for i := 1; i <= 2; i++ {
		n, until = p.Failure(n, now)
		if n != i || !until.IsZero() {
			t.Fatalf("attempt %d: %d %v", i, n, until)
		}
	}
	n, until = p.Failure(n, now)
	if n != 0 || !until.Equal(now.Add(15*time.Minute)) {
		t.Fatalf("third: %d %v", n, until)
	}
	if p.Idle(now, now.Add(9*time.Minute)) || !p.Idle(now, now.Add(10*time.Minute)) || (Policy{}).Idle(now, now.Add(time.Hour)) {
		t.Fatal("idle")
	}
	if DefaultPolicy.Check() != nil || (Policy{MaxAttempts: 0, LockMinutes: 5}).Check() == nil {
		t.Fatal("check")
	}
}

func TestMatrix(t *testing.T) {
	for _, r := range domain.Roles {
		if _, ok := Matrix[r]; !ok {
			t.Fatalf("role %s has no row in the matrix", r)
		}
		if !Allowed(r, PermOpen) || !Allowed(r, PermSession) || !Allowed(r, PermBaca) {
			t.Fatalf("%s lacks open/session/read", r)
		}
	}
	for _, p := range Perms {
		if p != PermBaca && p != PermPegawai && p != PermEkspor && p != PermRencanaLihat && Allowed(domain.RolePimpinan, p) {
			t.Fatalf("Pimpinan is read-only but has %s", p)
		}
		if p != PermMandiri && !Allowed(domain.RoleAdmin, p) {
			t.Fatalf("admin lacks %s", p)
		}
		// The portal's employee has self-service only; no desktop role has it.
		if (p == PermMandiri) != Allowed(domain.RolePegawai, p) {
			t.Fatalf("employee (portal) and %s", p)
		}
	}
	for _, r := range domain.Roles {
		if Allowed(r, PermMandiri) {
			t.Fatalf("desktop role %s holds the portal's self-service permission", r)
		}
	}
	if Allowed(domain.RolePegawai, PermSession) {
		t.Fatal("the portal's employee may open a desktop session")
	}
	if Allowed("SUPERUSER", PermSession) || Allowed("", PermBaca) {
		t.Fatal("unknown role allowed")
	}
	var e *domain.Error
	if !errors.As(Forbidden(domain.RolePimpinan, PermAction(PermUbahPeg)), &e) || e.Kind != domain.KindPermission || e.Code != "auth.forbidden" ||
		e.Message != "Peran Pimpinan (hanya baca) tidak berwenang mengubah data pegawai." {
		t.Fatalf("forbidden error %+v", e)
	}
	// every permission a role can lack has an action in words
	for _, p := range Perms {
		if _, ok := permActions[p]; !ok {
			t.Errorf("permission %s has no action in words", p)
		}
	}
}

func BenchmarkHashDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Hash("Sorong2026", DefaultParams); err != nil {
			b.Fatal(err)
		}
	}
}

// Every permission a role holds is listed in Perms (the session reports the
// user's permissions by walking Perms, and the UI hides pages by them).
func TestMatrixUsesOnlyListedPerms(t *testing.T) {
	for role, ps := range Matrix {
		for _, p := range ps {
			if !slices.Contains(Perms, p) {
				t.Errorf("%s holds %q, which is missing from Perms", role, p)
			}
		}
	}
}

// Permission names travel to the UI (the session's perms, useCan) and follow
// the wire enums' one convention, UPPER_SNAKE, like roles and statuses.
func TestPermNamesAreUpperSnake(t *testing.T) {
	for _, p := range append([]Perm{PermOpen, PermSession}, Perms...) {
		s := string(p)
		ok := s != "" && s[0] != '_' && s[len(s)-1] != '_' && !strings.Contains(s, "__")
		for _, r := range s {
			if !(r >= 'A' && r <= 'Z') && r != '_' {
				ok = false
			}
		}
		if !ok {
			t.Errorf("permission %q is not UPPER_SNAKE", s)
		}
	}
}
