package report

import (
	"testing"
	"time"
)

func TestIndonesianFormats(t *testing.T) {
	if got := Tanggal(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)); got != "27 November 2026" {
		t.Fatal(got)
	}
	for _, c := range []struct {
		f    float64
		dec  int
		want string
	}{{1234.56, 2, "1.234,56"}, {0, 2, "0,00"}, {-1234, 0, "-1.234"}, {999, 0, "999"}, {1234567.891, 1, "1.234.567,9"}, {-0.001, 2, "0,00"}, {0.5, 2, "0,50"}} {
		if got := Angka(c.f, c.dec); got != c.want {
			t.Errorf("Angka(%v, %d) = %q, want %q", c.f, c.dec, got, c.want)
		}
	}
}
