package domain

import "time"

// The meaning of a sanction's dates, defined once for the data model, the
// eligibility rule MUT-06, the import and the demo data:
//
//   - Hukdis.TMT is the first day served.
//   - Hukdis.TanggalSelesai is the LAST day served; the employee is free
//     from the next day (HukdisBebas).
//   - A sanction of n months from TMT ends on the day before the same day n
//     months later (HukdisLastDay): 12 months from 26 November 2025 are
//     served through 25 November 2026.

// HukdisLastDay is the last day served of a sanction of months months that
// starts on tmt. With 0 months there is no day served: the result is the day
// before tmt.
func HukdisLastDay(tmt Date, months int) Date {
	return addMonthsClamped(tmt, months).AddDays(-1)
}

// HukdisBebas is the first day an employee is free of a sanction whose last
// day served is last.
func HukdisBebas(last Date) Date { return last.AddDays(1) }

// HukdisActive reports whether a sanction from tmt through last (its last
// day served) runs on day.
func HukdisActive(tmt, last, day Date) bool {
	return !tmt.IsZero() && !day.Before(tmt) && !day.After(last)
}

// addMonthsClamped moves d by n calendar months; a day past the end of the
// target month becomes its last day (31 January + 1 month = 28/29 February).
func addMonthsClamped(d Date, n int) Date {
	m := int(d.M) - 1 + n
	y := d.Y + m/12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	day := d.D
	for day > 28 {
		if dt, ok := NewDate(y, time.Month(m+1), day); ok {
			return dt
		}
		day--
	}
	return Date{y, time.Month(m + 1), day}
}
