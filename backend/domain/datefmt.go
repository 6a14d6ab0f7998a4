package domain

import "fmt"

var bulanID = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}
var monthEN = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// Indonesian is the date as users read it in messages: "1 Januari 2027"
// ("" for the zero date). Stored and exchanged dates stay YYYY-MM-DD.
func (d Date) Indonesian() string {
	if d.IsZero() || d.M < 1 || d.M > 12 {
		return d.String()
	}
	return fmt.Sprintf("%d %s %d", d.D, bulanID[d.M-1], d.Y)
}

// English is the date in English messages: "1 January 2027".
func (d Date) English() string {
	if d.IsZero() || d.M < 1 || d.M > 12 {
		return d.String()
	}
	return fmt.Sprintf("%d %s %d", d.D, monthEN[d.M-1], d.Y)
}

// Numeric is the day-first numeric form users type: "07-10-1972".
func (d Date) Numeric() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d-%02d-%04d", d.D, int(d.M), d.Y)
}
