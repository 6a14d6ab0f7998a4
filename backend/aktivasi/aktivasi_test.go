package aktivasi

import (
	"strings"
	"testing"
)

func TestNewCodeIsWellFormedAndFresh(t *testing.T) {
	seen := map[string]bool{}
	for range 2000 {
		c := NewCode()
		if len(c) != Groups*GroupLen+Groups-1 || strings.Count(c, "-") != Groups-1 {
			t.Fatalf("bad shape %q", c)
		}
		if Normalize(c) == "" {
			t.Fatalf("own code %q does not normalize", c)
		}
		if seen[c] {
			t.Fatalf("repeated code %q", c)
		}
		seen[c] = true
	}
}

func TestNormalizeForgivesHowPeopleType(t *testing.T) {
	for typed, want := range map[string]string{
		"7kq2-m9xd-4trb":   "7KQ2M9XD4TRB",
		" 7KQ2 M9XD 4TRB ": "7KQ2M9XD4TRB",
		"O0IL-1111-2222":   "001111112222",
		"7KQ2-M9XD":        "",
		"7KQ2-M9XD-4TRB-1": "",
		"7KQ2-M9XD-4TRU":   "", // U is not in the alphabet
		"<script>":         "",
	} {
		if got := Normalize(typed); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", typed, got, want)
		}
	}
}

func TestHashBindsTheEmployee(t *testing.T) {
	c := NewCode()
	h := Hash("peg-a", c)
	if !Matches("peg-a", strings.ToLower(c), h) {
		t.Fatal("own code refused")
	}
	if Matches("peg-b", c, h) {
		t.Fatal("code accepted for another employee")
	}
	if Matches("peg-a", NewCode(), h) || Matches("peg-a", "", h) || Matches("peg-a", c, "") {
		t.Fatal("wrong code accepted")
	}
	if Hash("peg-a", "bad") != "" {
		t.Fatal("malformed code hashed")
	}
}
