package domain

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestAddMonthsClampsToMonthEnd(t *testing.T) {
	for _, c := range []struct {
		from string
		n    int
		want string
	}{
		{"2025-08-31", 6, "2026-02-28"}, {"2023-08-31", 6, "2024-02-29"}, {"2025-01-15", -6, "2024-07-15"},
		{"2025-12-01", 1, "2026-01-01"}, {"2025-01-01", -1, "2024-12-01"}, {"2025-07-01", -18, "2024-01-01"},
		{"2025-03-31", -1, "2025-02-28"}, {"2025-01-31", 3, "2025-04-30"}, {"2025-05-31", 0, "2025-05-31"},
		{"2025-08-31", 12, "2026-08-31"}, {"2025-07-31", 6, "2026-01-31"}, {"2025-10-31", 12, "2026-10-31"},
	} {
		if got := MustDate(c.from).AddMonths(c.n).String(); got != c.want {
			t.Errorf("%s + %d months = %s, want %s", c.from, c.n, got, c.want)
		}
	}
}

func TestMonthsUntil(t *testing.T) {
	for _, c := range []struct {
		from, to string
		want     int
	}{
		{"2024-01-31", "2024-02-28", 0}, {"2024-01-31", "2024-02-29", 1}, {"2025-01-31", "2025-02-28", 1},
		{"2024-01-15", "2024-02-14", 0}, {"2024-01-15", "2024-02-15", 1}, {"2020-07-01", "2026-06-30", 71},
		{"2024-02-15", "2024-01-15", -1}, {"2024-02-15", "2024-01-16", 0}, {"2024-05-05", "2024-05-05", 0},
	} {
		if got := MustDate(c.from).MonthsUntil(MustDate(c.to)); got != c.want {
			t.Errorf("%s → %s = %d months, want %d", c.from, c.to, got, c.want)
		}
	}
}

// Property: counting the months back from d.AddMonths(n) gives n, and
// MonthsUntil is the largest whole count that does not pass the later date.
func TestMonthArithmeticProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 2026))
	day0 := MustDate("1950-01-01")
	for i := 0; i < 20000; i++ {
		d := day0.AddDays(r.IntN(100 * 366))
		n := r.IntN(601) - 300
		e := d.AddMonths(n)
		if got := d.MonthsUntil(e); got != n {
			t.Fatalf("%s.MonthsUntil(%s + %d months = %s) = %d", d, d, n, e, got)
		}
		if _, ok := NewDate(e.Y, e.M, e.D); !ok {
			t.Fatalf("%s + %d months = %s is not a date", d, n, e)
		}
		if e.D != d.D && e.D != time.Date(e.Y, e.M+1, 0, 0, 0, 0, 0, time.UTC).Day() {
			t.Fatalf("%s + %d months = %s: the day changed without reaching the month's end", d, n, e)
		}
		l := d.AddDays(r.IntN(40 * 366))
		m := d.MonthsUntil(l)
		if d.AddMonths(m).After(l) || !d.AddMonths(m+1).After(l) {
			t.Fatalf("%s.MonthsUntil(%s) = %d is not the largest whole count", d, l, m)
		}
	}
}
