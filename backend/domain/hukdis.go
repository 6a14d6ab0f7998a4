package domain

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
	return tmt.AddMonths(months).AddDays(-1)
}

// HukdisBebas is the first day an employee is free of a sanction whose last
// day served is last.
func HukdisBebas(last Date) Date { return last.AddDays(1) }

// HukdisActive reports whether a sanction from tmt through last (its last
// day served) runs on day.
func HukdisActive(tmt, last, day Date) bool {
	return !tmt.IsZero() && !day.Before(tmt) && !day.After(last)
}

// Validate checks a sanction record: a level, a TMT, and an end date (the
// last day served) not before the TMT.
func (h Hukdis) Validate() error {
	var v Validation
	if !h.Tingkat.Valid() {
		v.Add("tingkat", "hukdis.tingkat", "Tingkat hukdis harus RINGAN, SEDANG atau BERAT.", "The sanction level must be RINGAN, SEDANG or BERAT.")
	}
	if h.TMT.IsZero() {
		v.Add("tmt", "hukdis.tmt", "TMT hukdis (hari pertama menjalani) wajib diisi.", "The sanction's TMT (first day served) is required.")
	}
	if !h.TanggalSelesai.IsZero() && !h.TMT.IsZero() && h.TanggalSelesai.Before(h.TMT) {
		v.Add("tanggalSelesai", "hukdis.selesai", "Tanggal selesai (hari terakhir menjalani) "+h.TanggalSelesai.Indonesian()+" sebelum TMT "+h.TMT.Indonesian()+".",
			"The end date (last day served) "+h.TanggalSelesai.English()+" is before the TMT "+h.TMT.English()+".")
	}
	return v.Err()
}
