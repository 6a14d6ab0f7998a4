package domain

import (
	"errors"
	"strings"
	"testing"
)

func TestParseNIP(t *testing.T) {
	_, parts, err := ParseNIP("19860926 201505 1 001")
	if err != nil {
		t.Fatal(err)
	}
	if parts.BirthDate != MustDate("1986-09-26") || parts.TMTCPNS != MustDate("2015-05-01") || parts.Gender != GenderLaki || parts.Sequence != 1 {
		t.Fatalf("parts = %+v", parts)
	}
}

func TestParseNIPRejects(t *testing.T) {
	cases := []struct {
		name, nip, code, wantMsg string
	}{
		{"17 digits", "19860926201505100", "nip.length", "harus 18 digit; yang diisi 17 digit"},
		{"19 digits", "1986092620150510011", "nip.length", "yang diisi 19 digit"},
		{"letters", "19860926X01505100A", "nip.not_digits", "hanya boleh berisi angka"},
		{"impossible birth date", "19860231201505100" + "1", "nip.birth_date", "Digit 1–8 NIP (19860231) bukan tanggal lahir yang valid"},
		{"month 13", "19861326201505100" + "1", "nip.birth_date", "bukan tanggal lahir"},
		{"gender 3", "198609262015053001", "nip.gender", "Digit ke-15 NIP adalah jenis kelamin dan harus 1 (laki-laki) atau 2 (perempuan), bukan 3"},
		{"gender 0", "198609262015050001", "nip.gender", "bukan 0"},
		{"tmt month 00", "198609262015001001", "nip.tmt", "bukan bulan TMT CPNS yang valid"},
		{"tmt before 18", "198609262004051001", "nip.tmt_too_young", "kurang dari 18 tahun"},
		{"sequence 000", "198609262015051000", "nip.sequence", "harus 001–999"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := ParseNIP(c.nip)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("ParseNIP(%s) = %v, want a domain error", c.nip, err)
			}
			if e.Kind != KindInvalid || e.Code != c.code || !strings.Contains(e.Message, c.wantMsg) {
				t.Fatalf("got %s %s %q, want %s containing %q", e.Kind, e.Code, e.Message, c.code, c.wantMsg)
			}
			if len(e.Fields) != 1 || e.Fields[0].Field != "nip" {
				t.Fatalf("want one field error on nip, got %+v", e.Fields)
			}
		})
	}
}

func TestTMTBoundaryAt18(t *testing.T) {
	// Born September 1986: September 2004 is the first allowed TMT month.
	if _, _, err := ParseNIP("198609262004091001"); err != nil {
		t.Fatalf("TMT in the month of the 18th birthday refused: %v", err)
	}
	if _, _, err := ParseNIP("198609262004081001"); CodeOf(err) != "nip.tmt_too_young" {
		t.Fatalf("TMT one month before the 18th birthday: %v", err)
	}
}

func TestNIPConsistency(t *testing.T) {
	_, parts, _ := ParseNIP("198609262015051001")
	if err := CheckNIPConsistency(parts, MustDate("1986-09-26"), GenderLaki); err != nil {
		t.Fatal(err)
	}
	err := CheckNIPConsistency(parts, MustDate("1986-09-27"), GenderPerempuan)
	var e *Error
	if !errors.As(err, &e) || len(e.Fields) != 2 {
		t.Fatalf("want two field errors, got %v", err)
	}
	if e.Fields[0].Field != "nip" || !strings.Contains(e.Fields[0].Message, "Tanggal lahir pada NIP (26 September 1986) tidak sama dengan tanggal lahir yang diisi (27 September 1986)") {
		t.Fatalf("birth mismatch message: %+v", e.Fields[0])
	}
	if e.Fields[1].Field != "jenisKelamin" || e.Fields[1].Code != "nip.gender_mismatch" {
		t.Fatalf("gender mismatch: %+v", e.Fields[1])
	}
}

func TestParseNIPPPPK(t *testing.T) {
	if _, p, err := ParseNIPPPPK("199001012023212001"); err != nil || p.Gender != GenderPerempuan {
		t.Fatalf("valid NI PPPK refused: %v %+v", err, p)
	}
	if _, _, err := ParseNIPPPPK("199001012005211001"); CodeOf(err) != "nip.tmt_too_young" {
		t.Fatalf("appointment at 15: %v", err)
	}
}

// Property: every NIP built from valid parts parses back to those parts.
func TestNIPRoundTripProperty(t *testing.T) {
	d := MustDate("1960-01-01")
	for i := 0; i < 3000; i++ {
		birth := d.AddDays(i * 7)
		tmt := birth.AddYears(18 + i%20)
		g := []byte{'1', '2'}[i%2]
		seq := 1 + i%999
		nip := birth.Time().Format("20060102") + tmt.Time().Format("200601") + string(g) + pad3(seq)
		_, p, err := ParseNIP(nip)
		if err != nil {
			t.Fatalf("%s: %v", nip, err)
		}
		if p.BirthDate != birth || p.TMTCPNS.Y != tmt.Y || p.TMTCPNS.M != tmt.M || p.Sequence != seq {
			t.Fatalf("%s: parts %+v", nip, p)
		}
	}
}

func pad3(n int) string {
	s := "00" + itoa(n)
	return s[len(s)-3:]
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
