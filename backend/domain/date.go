package domain

import (
	"fmt"
	"time"
)

// Date is a calendar date without a time zone (birth dates, TMT). The zero
// Date means "not set". It marshals as "YYYY-MM-DD".
type Date struct {
	Y int
	M time.Month
	D int
}

// NewDate builds a Date and reports whether it exists in the calendar.
func NewDate(y int, m time.Month, d int) (Date, bool) {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || t.Month() != m || t.Day() != d || y < 1 {
		return Date{}, false
	}
	return Date{y, m, d}, true
}

// DateOf takes the calendar date of t in its own location.
func DateOf(t time.Time) Date { return Date{t.Year(), t.Month(), t.Day()} }

// ParseDate reads "YYYY-MM-DD"; an empty string is the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	var y, m, d int
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	if _, err := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d); err != nil {
		return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	dt, ok := NewDate(y, time.Month(m), d)
	if !ok {
		return Date{}, fmt.Errorf("date %q does not exist", s)
	}
	return dt, nil
}

// MustDate is ParseDate for constants in code and tests.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Y == 0 }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Y, int(d.M), d.D)
}

// Time is midnight UTC of the date.
func (d Date) Time() time.Time { return time.Date(d.Y, d.M, d.D, 0, 0, 0, 0, time.UTC) }

// Before reports whether d is strictly earlier than o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is strictly later than o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// Compare returns -1, 0 or +1.
func (d Date) Compare(o Date) int {
	switch {
	case d.Y != o.Y:
		return sign(d.Y - o.Y)
	case d.M != o.M:
		return sign(int(d.M) - int(o.M))
	default:
		return sign(d.D - o.D)
	}
}

func sign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

// AddYears moves by whole years; 29 February becomes 28 February in a
// common year (the anniversary rule used for tenure and age).
func (d Date) AddYears(n int) Date {
	y := d.Y + n
	if dt, ok := NewDate(y, d.M, d.D); ok {
		return dt
	}
	return Date{y, d.M, d.D - 1}
}

// AddDays moves by n days.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// AddMonths moves by n calendar months (n may be negative). A day the target
// month does not have becomes its last day: 31 August + 6 months is 28
// February (29 in a leap year), 31 March − 1 month is 28/29 February. So
// AddMonths(a).AddMonths(b) may differ from AddMonths(a+b) after a clamp;
// always count from the original date (a TMT, a decision date).
func (d Date) AddMonths(n int) Date {
	m := int(d.M) - 1 + n
	y := d.Y + m/12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	last := time.Date(y, time.Month(m+2), 0, 0, 0, 0, 0, time.UTC).Day()
	return Date{Y: y, M: time.Month(m + 1), D: min(d.D, last)}
}

// MonthsUntil counts the whole months from d to later: the largest n with
// d.AddMonths(n) not after later (31 January to 28 February is one month,
// because 31 January + 1 month is 28 February). It is negative, −(later.
// MonthsUntil(d)), when later is before d, and d.MonthsUntil(d.AddMonths(n))
// is n for every n.
func (d Date) MonthsUntil(later Date) int {
	if later.Before(d) {
		return -later.MonthsUntil(d)
	}
	n := (later.Y-d.Y)*12 + int(later.M) - int(d.M)
	if d.AddMonths(n).After(later) {
		n--
	}
	return n
}

// FullYearsUntil counts the whole years from d to later (age, years in post).
// It is negative when later is before d.
func (d Date) FullYearsUntil(later Date) int {
	n := later.Y - d.Y
	if d.AddYears(n).After(later) {
		n--
	}
	return n
}

// MarshalText writes "YYYY-MM-DD" ("" for the zero date).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads "YYYY-MM-DD".
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
