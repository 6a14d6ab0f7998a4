package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// NIP is a PNS/CPNS employee number: 18 digits,
// birth date (8) + TMT CPNS YYYYMM (6) + gender 1/2 (1) + sequence 001–999 (3).
// Perka BKN 22/2007; it stays with the person for life (docs/domain.md §1, §4).
type NIP string

// NIPParts are the fields encoded in a NIP.
type NIPParts struct {
	BirthDate Date
	TMTCPNS   Date // first day of the month
	Gender    Gender
	Sequence  int
}

// Gender is the gender as the NIP encodes it.
type Gender string

const (
	GenderLaki      Gender = "L"
	GenderPerempuan Gender = "P"
)

// Valid reports whether g is L or P.
func (g Gender) Valid() bool { return g == GenderLaki || g == GenderPerempuan }

// Label is the Indonesian word.
func (g Gender) Label() string {
	switch g {
	case GenderLaki:
		return "laki-laki"
	case GenderPerempuan:
		return "perempuan"
	}
	return "tidak diketahui"
}

// NormalizeNumber removes the spaces, dots and dashes people type inside
// NIPs ("19860926 201505 1 001").
func NormalizeNumber(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '.', '-', '\t':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func nipErr(code, msgID, msgEN string) *Error {
	return &Error{Kind: KindInvalid, Code: code, Message: msgID, MessageEN: msgEN,
		Fields: []FieldError{{Field: "nip", Code: code, Message: msgID, MessageEN: msgEN}}}
}

func digitsOnly(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// checkLength is shared by NIP and NI PPPK.
func checkLength(s, what string) error {
	if !digitsOnly(s) {
		return nipErr("nip.not_digits",
			fmt.Sprintf("%s hanya boleh berisi angka; %q mengandung karakter lain.", what, s),
			fmt.Sprintf("%s must contain digits only; %q has other characters.", what, s))
	}
	if n := len(s); n != 18 {
		return nipErr("nip.length",
			fmt.Sprintf("%s harus 18 digit; yang diisi %d digit.", what, n),
			fmt.Sprintf("%s must have 18 digits; got %d.", what, n))
	}
	return nil
}

func parseBirth(s, what string) (Date, error) {
	y, _ := strconv.Atoi(s[0:4])
	m, _ := strconv.Atoi(s[4:6])
	d, _ := strconv.Atoi(s[6:8])
	dt, ok := NewDate(y, time.Month(m), d)
	if !ok || y < 1900 {
		return Date{}, nipErr("nip.birth_date",
			fmt.Sprintf("Digit 1–8 %s (%s) bukan tanggal lahir yang valid (format TTTTBBHH).", what, s[0:8]),
			fmt.Sprintf("Digits 1–8 of the %s (%s) are not a valid birth date (YYYYMMDD).", what, s[0:8]))
	}
	return dt, nil
}

func parseGender(c byte, pos int, what string) (Gender, error) {
	switch c {
	case '1':
		return GenderLaki, nil
	case '2':
		return GenderPerempuan, nil
	}
	return "", nipErr("nip.gender",
		fmt.Sprintf("Digit ke-%d %s adalah jenis kelamin dan harus 1 (laki-laki) atau 2 (perempuan), bukan %c.", pos, what, c),
		fmt.Sprintf("Digit %d of the %s is the gender and must be 1 (male) or 2 (female), not %c.", pos, what, c))
}

func parseSequence(s, what string) (int, error) {
	n, _ := strconv.Atoi(s)
	if n < 1 {
		return 0, nipErr("nip.sequence",
			fmt.Sprintf("Digit 16–18 %s adalah nomor urut dan harus 001–999, bukan %s.", what, s),
			fmt.Sprintf("Digits 16–18 of the %s are the sequence and must be 001–999, not %s.", what, s))
	}
	return n, nil
}

// ParseNIP checks the structure of a NIP (docs/domain.md §4): 18 digits, a real
// birth date, a real TMT CPNS month at least 18 years after birth, gender 1 or
// 2 and a sequence 001–999. Spaces are ignored.
func ParseNIP(raw string) (NIP, NIPParts, error) {
	s := NormalizeNumber(raw)
	const what = "NIP"
	if err := checkLength(s, what); err != nil {
		return "", NIPParts{}, err
	}
	birth, err := parseBirth(s, what)
	if err != nil {
		return "", NIPParts{}, err
	}
	ty, _ := strconv.Atoi(s[8:12])
	tm, _ := strconv.Atoi(s[12:14])
	tmt, ok := NewDate(ty, time.Month(tm), 1)
	if !ok {
		return "", NIPParts{}, nipErr("nip.tmt",
			fmt.Sprintf("Digit 9–14 NIP (%s) bukan bulan TMT CPNS yang valid (format TTTTBB).", s[8:14]),
			fmt.Sprintf("Digits 9–14 of the NIP (%s) are not a valid TMT CPNS month (YYYYMM).", s[8:14]))
	}
	// The month of appointment must not start before the 18th birthday's month.
	if adult := birth.AddYears(18); ty < adult.Y || (ty == adult.Y && time.Month(tm) < adult.M) {
		return "", NIPParts{}, nipErr("nip.tmt_too_young",
			fmt.Sprintf("TMT CPNS pada NIP (%s) kurang dari 18 tahun setelah tanggal lahir (%s).", s[8:14], birth),
			fmt.Sprintf("The TMT CPNS in the NIP (%s) is less than 18 years after the birth date (%s).", s[8:14], birth))
	}
	g, err := parseGender(s[14], 15, what)
	if err != nil {
		return "", NIPParts{}, err
	}
	seq, err := parseSequence(s[15:18], what)
	if err != nil {
		return "", NIPParts{}, err
	}
	return NIP(s), NIPParts{BirthDate: birth, TMTCPNS: tmt, Gender: g, Sequence: seq}, nil
}

// ParseNIPPPPK checks an NI PPPK: birth date (8) + year of appointment (4) +
// a two-digit field + gender (1) + sequence (3) (confidence S/U,
// docs/domain.md, so only the structure is checked).
func ParseNIPPPPK(raw string) (NIP, NIPParts, error) {
	s := NormalizeNumber(raw)
	const what = "NI PPPK"
	if err := checkLength(s, what); err != nil {
		return "", NIPParts{}, err
	}
	birth, err := parseBirth(s, what)
	if err != nil {
		return "", NIPParts{}, err
	}
	ty, _ := strconv.Atoi(s[8:12])
	if ty < birth.Y+18 {
		return "", NIPParts{}, nipErr("nip.tmt_too_young",
			fmt.Sprintf("Tahun pengangkatan pada NI PPPK (%s) kurang dari 18 tahun setelah tanggal lahir (%s).", s[8:12], birth),
			fmt.Sprintf("The appointment year in the NI PPPK (%s) is less than 18 years after the birth date (%s).", s[8:12], birth))
	}
	g, err := parseGender(s[14], 15, what)
	if err != nil {
		return "", NIPParts{}, err
	}
	seq, err := parseSequence(s[15:18], what)
	if err != nil {
		return "", NIPParts{}, err
	}
	tmt, _ := NewDate(ty, time.January, 1)
	return NIP(s), NIPParts{BirthDate: birth, TMTCPNS: tmt, Gender: g, Sequence: seq}, nil
}

// CheckNIPConsistency compares the NIP's fields with the stored birth date and
// gender; a mismatch is a data-quality error BKN itself reports.
func CheckNIPConsistency(parts NIPParts, birth Date, gender Gender) error {
	var v Validation
	if !birth.IsZero() && parts.BirthDate != birth {
		// Shown under the NIP: the NIP is the field that encodes the date, and
		// the one more often mistyped.
		v.Add("nip", "nip.birth_mismatch",
			fmt.Sprintf("Tanggal lahir pada NIP (%s) tidak sama dengan tanggal lahir yang diisi (%s).", parts.BirthDate.Indonesian(), birth.Indonesian()),
			fmt.Sprintf("The birth date in the NIP (%s) differs from the birth date entered (%s).", parts.BirthDate.English(), birth.English()))
	}
	if gender != "" && parts.Gender != gender {
		v.Add("jenisKelamin", "nip.gender_mismatch",
			fmt.Sprintf("Jenis kelamin (%s) tidak sama dengan digit ke-15 NIP (%s).", gender.Label(), parts.Gender.Label()),
			fmt.Sprintf("The gender (%s) differs from digit 15 of the NIP (%s).", gender, parts.Gender))
	}
	return v.Err()
}
