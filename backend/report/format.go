// Package report writes what leaves the application as a file: the employee
// list, the ABK positions, the OPD table and the ABK dashboard as .xlsx
// workbooks (real headers, widths, number formats, frozen header, filters),
// and the ABK summary as a PDF with an embedded font. It formats dates and
// numbers the Indonesian way. It reads nothing itself: callers pass the rows.
package report

import (
	"fmt"
	"math"
	"strings"
	"time"
)

var bulan = []string{"", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}

// Tanggal writes a date the Indonesian way: "27 November 2026".
func Tanggal(t time.Time) string { return fmt.Sprintf("%d %s %d", t.Day(), bulan[t.Month()], t.Year()) }

// Angka writes a number with '.' between thousands and ',' before the
// decimals: Angka(1234.56, 2) = "1.234,56", Angka(-1234, 0) = "-1.234".
func Angka(f float64, dec int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "–"
	}
	s := fmt.Sprintf("%.*f", dec, math.Abs(f))
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if f < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}
