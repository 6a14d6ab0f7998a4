package importer

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// The accepted forms of cell values. Each parser returns a reason (Indonesian
// and English) when the value cannot be read.

type reasonText struct{ code, id, en string }

func (r *reasonText) ok() bool { return r == nil }

func bad(code, id, en string) *reasonText { return &reasonText{code, id, en} }

// excelEpoch is day 0 of Excel's 1900 date system (with its 1900 leap-year
// bug absorbed: serial 60 is the non-existent 29 February 1900).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// parseDate reads YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY (also YYYY/MM/DD and
// DD.MM.YYYY) and Excel serial dates (days since 1899-12-30, with an
// optional time fraction). "" is the zero date.
func parseDate(s string) (domain.Date, *reasonText) {
	s = strings.TrimSpace(s)
	if s == "" {
		return domain.Date{}, nil
	}
	// A date-time keeps its date part ("2020-01-02 00:00:00", "2020-01-02T…").
	if i := strings.IndexAny(s, " T"); i >= 8 {
		s = s[:i]
	}
	if isSerial(s) {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 1 && f < 2958466 { // 1900-01-01 … 9999-12-31
			return domain.DateOf(excelEpoch.AddDate(0, 0, int(math.Floor(f)))), nil
		}
	}
	var y, m, d int
	sep := func(c byte) bool { return c == '-' || c == '/' || c == '.' }
	switch {
	case len(s) == 10 && sep(s[4]) && s[7] == s[4]:
		y, m, d = atoi(s[0:4]), atoi(s[5:7]), atoi(s[8:10])
	default:
		parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
		if len(parts) != 3 || len(parts[2]) != 4 || len(parts[0]) > 2 || len(parts[1]) > 2 {
			return domain.Date{}, bad("import.date", fmt.Sprintf("Tanggal %q tidak dikenali; gunakan YYYY-MM-DD, DD-MM-YYYY atau DD/MM/YYYY.", s),
				fmt.Sprintf("Date %q not recognised; use YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY.", s))
		}
		d, m, y = atoi(parts[0]), atoi(parts[1]), atoi(parts[2])
	}
	dt, ok := domain.NewDate(y, time.Month(m), d)
	if !ok || y < 1900 {
		return domain.Date{}, bad("import.date", fmt.Sprintf("Tanggal %q tidak ada di kalender.", s), fmt.Sprintf("Date %q does not exist.", s))
	}
	return dt, nil
}

// isSerial reports whether s looks like an Excel serial date: digits with at
// most one decimal point and at most 7 digits before it.
func isSerial(s string) bool {
	whole, _, _ := strings.Cut(s, ".")
	if whole == "" || len(whole) > 7 || strings.Count(s, ".") > 1 {
		return false
	}
	for _, r := range strings.ReplaceAll(s, ".", "") {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// parseGender reads L/P, 1/2, Laki-laki/Perempuan (also Pria/Wanita, M/F).
func parseGender(s string) (domain.Gender, *reasonText) {
	switch normalize(s) {
	case "l", "1", "lakilaki", "laki", "pria", "m", "male":
		return domain.GenderLaki, nil
	case "p", "2", "perempuan", "wanita", "f", "female":
		return domain.GenderPerempuan, nil
	}
	return "", bad("import.gender", fmt.Sprintf("Jenis kelamin %q tidak dikenal; gunakan L atau P.", s),
		fmt.Sprintf("Unknown gender %q; use L or P.", s))
}

func parseStatus(s string) (domain.StatusASN, *reasonText) {
	st := domain.StatusASN(strings.ToUpper(normalize(s)))
	if st.Valid() {
		return st, nil
	}
	return "", bad("pegawai.status", fmt.Sprintf("Status %q tidak dikenal; gunakan PNS, CPNS atau PPPK.", s),
		fmt.Sprintf("Unknown status %q; use PNS, CPNS or PPPK.", s))
}

// Locale is how a file writes numbers.
type Locale string

const (
	LocaleID Locale = "id-ID" // 1.200.000,5 — the default
	LocaleEN Locale = "en-US" // 1,200,000.5
)

// ParseLocale checks a locale named by the UI or the CLI ("" = id-ID).
func ParseLocale(s string) (Locale, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "id", "id-id", "indonesia":
		return LocaleID, nil
	case "en", "en-us", "en-gb", "english", "inggris":
		return LocaleEN, nil
	}
	return "", domain.E(domain.KindInvalid, "import.locale", fmt.Sprintf("Format angka %q tidak dikenal; gunakan id-ID (1.200,5) atau en-US (1,200.5).", s),
		fmt.Sprintf("Unknown number format %q; use id-ID (1.200,5) or en-US (1,200.5).", s))
}

// parseNumber reads a number written in the locale: in id-ID "." groups
// thousands and "," is the decimal mark ("1.200" is 1200, "1,5" is 1.5); in
// en-US the other way round. Thousands groups must have three digits, so a
// value that fits neither reading exactly ("1.5" in id-ID) is refused, never
// guessed. raw is a spreadsheet's numeric cell, always plain with ".".
func parseNumber(s string, loc Locale, raw bool) (float64, *reasonText) {
	s = strings.TrimSpace(s)
	if raw {
		f, err := strconv.ParseFloat(s, 64)
		if err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return f, nil
		}
	}
	orig := s
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(s)
	group, decimal := ".", ","
	if loc == LocaleEN {
		group, decimal = ",", "."
	}
	notNumber := bad("import.number", fmt.Sprintf("%q bukan angka.", orig), fmt.Sprintf("%q is not a number.", orig))
	if s == "" {
		return 0, notNumber
	}
	neg := strings.HasPrefix(s, "-")
	body := strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(body, decimal)
	if hasFrac && (frac == "" || !digits(frac)) {
		if strings.Contains(frac, group) || strings.Contains(frac, decimal) {
			return 0, ambiguous(orig, loc)
		}
		return 0, notNumber
	}
	parts := strings.Split(whole, group)
	for i, p := range parts {
		if !digits(p) {
			if strings.ContainsAny(p, ".,") {
				return 0, ambiguous(orig, loc)
			}
			return 0, notNumber
		}
		if len(parts) > 1 && ((i == 0 && len(p) > 3) || (i > 0 && len(p) != 3)) {
			return 0, ambiguous(orig, loc)
		}
	}
	txt := strings.Join(parts, "")
	if hasFrac {
		txt += "." + frac
	}
	f, err := strconv.ParseFloat(txt, 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, notNumber
	}
	if neg {
		f = -f
	}
	return f, nil
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func ambiguous(s string, loc Locale) *reasonText {
	if loc == LocaleEN {
		return bad("import.number_ambiguous", fmt.Sprintf("Angka %q tidak jelas dalam format Inggris (koma = ribuan, titik = desimal, mis. 1,200.5); tulis ulang atau pilih format angka Indonesia.", s),
			fmt.Sprintf("Number %q is ambiguous in the English format (comma = thousands, point = decimals, e.g. 1,200.5); write it again or choose the Indonesian number format.", s))
	}
	return bad("import.number_ambiguous", fmt.Sprintf("Angka %q tidak jelas dalam format Indonesia (titik = ribuan, koma = desimal, mis. 1.200,5); tulis ulang atau pilih format angka Inggris.", s),
		fmt.Sprintf("Number %q is ambiguous in the Indonesian format (point = thousands, comma = decimals, e.g. 1.200,5); write it again or choose the English number format.", s))
}

func parsePeriode(s string) (abk.Periode, *reasonText) {
	n := strings.ToUpper(normalize(s))
	alias := map[string]abk.Periode{"TAHUNAN": abk.PeriodeTahun, "PERTAHUN": abk.PeriodeTahun, "BULANAN": abk.PeriodeBulan,
		"PERBULAN": abk.PeriodeBulan, "MINGGUAN": abk.PeriodeMinggu, "PERMINGGU": abk.PeriodeMinggu, "HARIAN": abk.PeriodeHari, "PERHARI": abk.PeriodeHari}
	if p, ok := alias[n]; ok {
		return p, nil
	}
	for _, p := range abk.Periodes {
		if string(p) == n {
			return p, nil
		}
	}
	return "", bad("tugas.periode", fmt.Sprintf("Periode %q tidak dikenal; gunakan TAHUN, BULAN, MINGGU atau HARI.", s),
		fmt.Sprintf("Unknown period %q; use TAHUN, BULAN, MINGGU or HARI.", s))
}

// normCode is how codes are compared: trimmed, upper case.
func normCode(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }
