package rules

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/google/uuid"
)

// Kind is the type of a column's values.
type Kind int

// Kinds of column values.
const (
	KindText Kind = iota
	KindInt
	KindReal
	KindBool
	KindDate // YYYY-MM-DD (domain.Date)
	KindTime // RFC 3339
	KindRef  // the UUID of a row of RefTable
	KindJSON // a JSON document stored as text
)

// ValueRule is what one column's values must be.
type ValueRule struct {
	Kind     Kind
	Must     bool // not empty (text) / present on insert
	MaxLen   int  // text and JSON: characters (text) or bytes (JSON)
	Min, Max float64
	Enum     []string
	RefTable string
	// Check is an extra membership rule from the domain (ladders, NIP).
	Check func(v any) *Problem
}

// Required returns r with Required set.
func (r ValueRule) Required() ValueRule { r.Must = true; return r }

// Text is a string of at most max characters.
func Text(max int) ValueRule { return ValueRule{Kind: KindText, MaxLen: max} }

// Int is an integer in [min, max].
func Int(min, max int64) ValueRule {
	return ValueRule{Kind: KindInt, Min: float64(min), Max: float64(max)}
}

// IntIn is an integer from a fixed set.
func IntIn(vals ...int64) ValueRule {
	r := Int(slices.Min(vals), slices.Max(vals))
	r.Check = func(v any) *Problem {
		n, _ := asInt(v)
		if !slices.Contains(vals, n) {
			return problem("", "value.choice", fmt.Sprintf("Nilai %d tidak termasuk pilihan yang sah %v.", n, vals), fmt.Sprintf("%d is not one of %v.", n, vals))
		}
		return nil
	}
	return r
}

// Real is a finite number in [min, max].
func Real(min, max float64) ValueRule { return ValueRule{Kind: KindReal, Min: min, Max: max} }

// Bool is true/false (or 0/1).
func Bool() ValueRule { return ValueRule{Kind: KindBool} }

// Date is a calendar date YYYY-MM-DD, or empty unless Required.
func Date() ValueRule { return ValueRule{Kind: KindDate} }

// Time is an RFC 3339 instant, or empty unless Required.
func Time() ValueRule { return ValueRule{Kind: KindTime} }

// Ref is the id (a UUID) of a row of table, or empty unless Required.
func Ref(table string) ValueRule { return ValueRule{Kind: KindRef, RefTable: table} }

// JSON is a JSON document of at most max bytes, stored as text.
func JSON(max int) ValueRule { return ValueRule{Kind: KindJSON, MaxLen: max} }

// Enum is one of the given strings ("" only when not Required).
func Enum(vals ...string) ValueRule { return ValueRule{Kind: KindText, MaxLen: 64, Enum: vals} }

// SHA256 is a lowercase hex SHA-256 digest.
func SHA256() ValueRule {
	return ValueRule{Kind: KindText, MaxLen: 64, Check: func(v any) *Problem {
		if s, _ := v.(string); s != "" && !sha256Re.MatchString(s) {
			return problem("", "value.sha256", "Bukan sidik SHA-256 (64 digit heksadesimal).", "Not a SHA-256 digest (64 hex digits).")
		}
		return nil
	}}
}

var sha256Re = regexp.MustCompile(`^[0-9a-f]{64}$`)
var usernameRe = regexp.MustCompile(`^[a-z0-9._-]{3,40}$`)

// Username is an account name: 3–40 of a-z 0-9 . _ -.
func Username() ValueRule {
	return ValueRule{Kind: KindText, MaxLen: 40, Check: func(v any) *Problem {
		if s, _ := v.(string); !usernameRe.MatchString(s) {
			return problem("", "value.username", "Nama pengguna hanya boleh huruf kecil, angka, titik, garis bawah dan tanda hubung (3–40).",
				"A username is 3–40 lowercase letters, digits, dots, underscores and dashes.")
		}
		return nil
	}}
}

// PasswordHash is an encoded argon2id hash (or empty: no password on this device).
func PasswordHash() ValueRule {
	return ValueRule{Kind: KindText, MaxLen: MaxHash, Check: func(v any) *Problem {
		if s, _ := v.(string); s != "" && !strings.HasPrefix(s, "$argon2id$") {
			return problem("", "value.password_hash", "Hash kata sandi tidak dikenal.", "Unknown password hash format.")
		}
		return nil
	}}
}

// GolonganRule is a PNS golongan code of the ladder, or 0 (none).
func GolonganRule() ValueRule {
	return ValueRule{Kind: KindInt, Min: 0, Max: 45, Check: func(v any) *Problem {
		if n, _ := asInt(v); n != 0 && !domain.Golongan(n).Valid() {
			return problem("", "golongan.unknown", fmt.Sprintf("Golongan %d tidak ada pada tangga golongan (I/a sampai IV/e).", n),
				fmt.Sprintf("Golongan %d is not on the ladder (I/a to IV/e).", n))
		}
		return nil
	}}
}

// GolonganPPPKRule is a PPPK grade I–XVII, or 0 (none).
func GolonganPPPKRule() ValueRule {
	return ValueRule{Kind: KindInt, Min: 0, Max: 17, Check: func(v any) *Problem {
		if n, _ := asInt(v); n != 0 && !domain.GolonganPPPK(n).Valid() {
			return problem("", "golongan_pppk.unknown", "Golongan PPPK harus I sampai XVII.", "The PPPK grade must be I to XVII.")
		}
		return nil
	}}
}

// PendidikanRule is an education code of the SIASN ladder.
func PendidikanRule() ValueRule {
	return ValueRule{Kind: KindInt, Min: 0, Max: 99, Check: func(v any) *Problem {
		if n, _ := asInt(v); !domain.Pendidikan(n).Valid() {
			return problem("", "pendidikan.unknown", fmt.Sprintf("Kode pendidikan %d tidak dikenal.", n), fmt.Sprintf("Unknown education code %d.", n))
		}
		return nil
	}}
}

// NIPRule is an 18-digit NIP (PNS/CPNS) or NI PPPK; its agreement with the
// other fields is a row rule (CheckRow).
func NIPRule() ValueRule {
	return ValueRule{Kind: KindText, MaxLen: 18, Check: func(v any) *Problem {
		s, _ := v.(string)
		if _, _, err := domain.ParseNIP(s); err != nil {
			if _, _, err2 := domain.ParseNIPPPPK(s); err2 != nil {
				return problemOf("", err)
			}
		}
		return nil
	}}
}

func jenisOPD() []string {
	var out []string
	for _, j := range domain.JenisOPDs {
		out = append(out, string(j))
	}
	return out
}

func jenisJabatan() []string {
	var out []string
	for _, j := range domain.JenisJabatans {
		out = append(out, string(j))
	}
	return out
}

func jenjang() []string {
	var out []string
	for _, j := range domain.Jenjangs {
		out = append(out, string(j))
	}
	return out
}

func predikat() []string {
	return []string{string(domain.SKPSangatBaik), string(domain.SKPBaik), string(domain.SKPButuhPerbaikan), string(domain.SKPKurang), string(domain.SKPSangatKurang)}
}

func jenisMutasi() []string {
	var out []string
	for _, j := range domain.JenisMutasiAll {
		out = append(out, string(j))
	}
	return out
}

// eventKinds are the workflow's event kinds as the current schema spells
// them; pushes of older schemas are upcast before they are validated.
func eventKinds() []string {
	var out []string
	for _, k := range mutasi.Kinds {
		out = append(out, string(k))
	}
	return out
}

func roles() []string {
	var out []string
	for _, r := range domain.Roles {
		out = append(out, string(r))
	}
	return out
}

// Problem is one refused value or row: the column, a stable code and the
// message in Indonesian and English.
type Problem struct {
	Col   string `json:"col"`
	Code  string `json:"code"`
	Msg   string `json:"msg"`
	MsgEn string `json:"msg_en"`
}

func (p *Problem) Error() string {
	if p.Col == "" {
		return p.Msg
	}
	return p.Col + ": " + p.Msg
}

func problem(col, code, msg, en string) *Problem {
	return &Problem{Col: col, Code: code, Msg: msg, MsgEn: en}
}

func problemOf(col string, err error) *Problem {
	var de *domain.Error
	if e, ok := err.(*domain.Error); ok {
		de = e
	}
	if de == nil {
		return problem(col, "value.invalid", err.Error(), err.Error())
	}
	return problem(col, de.Code, de.Message, de.MessageEN)
}

// asInt reads an integer from a decoded JSON value (float64, json.Number)
// or a Go integer; ok is false for anything else, fractions included.
func asInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int:
		return int64(x), true
	case int64:
		return x, true
	case int32:
		return int64(x), true
	case float64:
		if x != math.Trunc(x) || math.Abs(x) > 1<<53 {
			return 0, false
		}
		return int64(x), true
	case json.Number:
		n, err := x.Int64()
		return n, err == nil
	}
	return 0, false
}

func asFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case float64:
		return x, !math.IsNaN(x) && !math.IsInf(x, 0)
	case json.Number:
		f, err := x.Float64()
		return f, err == nil && !math.IsNaN(f) && !math.IsInf(f, 0)
	}
	return 0, false
}

// CheckValue checks one value against its column's rule. A nil value is
// the column's empty value (it fails only a Required rule).
func CheckValue(col *Col, v any) *Problem {
	p := col.Rule.check(v)
	if p != nil {
		p.Col = col.Name
	}
	return p
}

func (r ValueRule) check(v any) *Problem {
	switch r.Kind {
	case KindText, KindJSON, KindDate, KindTime, KindRef:
		if v == nil {
			v = ""
		}
		s, ok := v.(string)
		if !ok {
			return problem("", "value.type", "Nilai harus berupa teks.", "The value must be text.")
		}
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			return problem("", "value.encoding", "Teks bukan UTF-8 yang sah.", "The text is not valid UTF-8.")
		}
		if s == "" {
			if r.Must {
				return problem("", "required", "Wajib diisi.", "Required.")
			}
			return nil
		}
		switch r.Kind {
		case KindText:
			if r.MaxLen > 0 && utf8.RuneCountInString(s) > r.MaxLen {
				return problem("", "value.too_long", fmt.Sprintf("Paling banyak %d karakter.", r.MaxLen), fmt.Sprintf("At most %d characters.", r.MaxLen))
			}
			if len(r.Enum) > 0 && !slices.Contains(r.Enum, s) {
				return problem("", "value.choice", fmt.Sprintf("Nilai %q tidak termasuk pilihan yang sah.", clip(s)), fmt.Sprintf("%q is not an allowed value.", clip(s)))
			}
		case KindJSON:
			if len(s) > r.MaxLen {
				return problem("", "value.too_long", fmt.Sprintf("Paling banyak %d bita.", r.MaxLen), fmt.Sprintf("At most %d bytes.", r.MaxLen))
			}
			if !json.Valid([]byte(s)) {
				return problem("", "value.json", "Bukan dokumen JSON yang sah.", "Not a valid JSON document.")
			}
		case KindDate:
			if _, err := parseDate(s); err != nil || len(s) != 10 {
				return problem("", "value.date", fmt.Sprintf("Tanggal %q tidak sah (format TTTT-BB-HH).", clip(s)), fmt.Sprintf("Invalid date %q (YYYY-MM-DD).", clip(s)))
			}
		case KindTime:
			if len(s) > 40 {
				return problem("", "value.time", "Waktu tidak sah (RFC 3339).", "Invalid time (RFC 3339).")
			}
			if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
				return problem("", "value.time", fmt.Sprintf("Waktu %q tidak sah (RFC 3339).", clip(s)), fmt.Sprintf("Invalid time %q (RFC 3339).", clip(s)))
			}
		case KindRef:
			if !ValidID(s) {
				return problem("", "value.ref", fmt.Sprintf("Rujukan %q bukan id yang sah.", clip(s)), fmt.Sprintf("Reference %q is not a valid id.", clip(s)))
			}
		}
	case KindInt:
		if v == nil {
			if r.Must {
				return problem("", "required", "Wajib diisi.", "Required.")
			}
			v = int64(0)
		}
		n, ok := asInt(v)
		if !ok {
			return problem("", "value.type", "Nilai harus bilangan bulat.", "The value must be a whole number.")
		}
		if float64(n) < r.Min || float64(n) > r.Max {
			return problem("", "value.range", fmt.Sprintf("Nilai %d di luar rentang %g–%g.", n, r.Min, r.Max), fmt.Sprintf("%d is outside %g–%g.", n, r.Min, r.Max))
		}
	case KindReal:
		if v == nil {
			if r.Must {
				return problem("", "required", "Wajib diisi.", "Required.")
			}
			v = 0.0
		}
		f, ok := asFloat(v)
		if !ok {
			return problem("", "value.type", "Nilai harus berupa angka.", "The value must be a number.")
		}
		if f < r.Min || f > r.Max {
			return problem("", "value.range", fmt.Sprintf("Nilai %g di luar rentang %g–%g.", f, r.Min, r.Max), fmt.Sprintf("%g is outside %g–%g.", f, r.Min, r.Max))
		}
	case KindBool:
		switch x := v.(type) {
		case nil, bool:
		default:
			n, ok := asInt(x)
			if !ok || (n != 0 && n != 1) {
				return problem("", "value.type", "Nilai harus ya/tidak (0 atau 1).", "The value must be true/false (0 or 1).")
			}
		}
	}
	if r.Check != nil && v != nil {
		return r.Check(v)
	}
	return nil
}

// ValidID reports whether id is a row id: a UUID in its 36-character text
// form (every device makes them so).
func ValidID(id string) bool {
	if len(id) != 36 {
		return false
	}
	_, err := uuid.Parse(id)
	return err == nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:37] + "…"
	}
	return s
}
