package domain

import "testing"

func TestDateForms(t *testing.T) {
	d := MustDate("2027-01-01")
	if d.Indonesian() != "1 Januari 2027" || d.English() != "1 January 2027" || MustDate("1972-10-07").Numeric() != "07-10-1972" {
		t.Fatalf("%s / %s / %s", d.Indonesian(), d.English(), MustDate("1972-10-07").Numeric())
	}
	if (Date{}).Indonesian() != "" {
		t.Fatal("zero date")
	}
}

func TestHukdisEndMeaning(t *testing.T) {
	// The demo's 12-month sanction from 26 November 2025 is served through 25 November 2026.
	tmt := MustDate("2025-11-26")
	last := HukdisLastDay(tmt, 12)
	if last != MustDate("2026-11-25") {
		t.Fatalf("last day %s", last)
	}
	if !HukdisActive(tmt, last, last) || HukdisActive(tmt, last, HukdisBebas(last)) || HukdisActive(tmt, last, tmt.AddDays(-1)) {
		t.Fatal("the last day is served, the next day is free")
	}
	if HukdisLastDay(MustDate("2024-01-31"), 1) != MustDate("2024-02-28") {
		t.Fatalf("clamped: %s", HukdisLastDay(MustDate("2024-01-31"), 1))
	}
	if HukdisActive(tmt, HukdisLastDay(tmt, 0), tmt) {
		t.Fatal("0 months is never active")
	}
}
