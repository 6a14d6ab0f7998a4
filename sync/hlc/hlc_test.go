package hlc

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

func TestMonotonicWhenWallClockGoesBack(t *testing.T) {
	wall := time.UnixMilli(1_000_000)
	c := New(func() time.Time { return wall }, Timestamp{})
	a := c.Now()
	wall = wall.Add(-time.Hour) // NTP step backwards
	b := c.Now()
	if !a.Less(b) {
		t.Fatalf("clock went backwards: %v then %v", a, b)
	}
	wall = wall.Add(2 * time.Hour)
	if d := c.Now(); !b.Less(d) || d.Logical != 0 {
		t.Fatalf("after the wall clock passes the mark the logical part resets: %v", d)
	}
}

func TestRestartAboveHighWaterMark(t *testing.T) {
	mark := Timestamp{WallMS: 5_000, Logical: 7}
	c := New(func() time.Time { return time.UnixMilli(4_000) }, mark)
	if got := c.Now(); !mark.Less(got) {
		t.Fatalf("restarted clock issued %v, not above %v", got, mark)
	}
}

func TestObserve(t *testing.T) {
	c := New(func() time.Time { return time.UnixMilli(1_000) }, Timestamp{})
	remote := Timestamp{WallMS: 9_000, Logical: 3}
	c.Observe(remote)
	if got := c.Now(); !remote.Less(got) {
		t.Fatalf("after observing %v got %v", remote, got)
	}
}

func TestStringOrderIsTimestampOrder(t *testing.T) {
	ts := []Timestamp{{1, 0}, {1, 9}, {1, 10}, {2, 0}, {1_000_000_000_000, 1}}
	for i := 1; i < len(ts); i++ {
		if !(ts[i-1].String() < ts[i].String()) {
			t.Fatalf("%v and %v sort wrong as text", ts[i-1], ts[i])
		}
		back, err := Parse(ts[i].String())
		if err != nil || back != ts[i] {
			t.Fatalf("round trip %v: %v %v", ts[i], back, err)
		}
	}
	if _, err := Parse("nonsense"); err == nil {
		t.Fatal("malformed text accepted")
	}
}

// TestParseIsStringsInverse: every timestamp String writes parses back to
// itself, and text String cannot write is refused, however close (a sign,
// a space, a counter past uint32) — a device's stamp is checked here.
func TestParseIsStringsInverse(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 10000 {
		ts := Timestamp{WallMS: rng.Int64N(1e15), Logical: rng.Uint32()}
		if back, err := Parse(ts.String()); err != nil || back != ts {
			t.Fatalf("round trip %v: %v %v", ts, back, err)
		}
	}
	for _, s := range []string{
		"",
		"000001733500000.000000000",   // 25 characters
		"000001733500000.00000000000", // 27
		"000001733500000-0000000001",
		"-00001733500000.0000000001",
		"+00001733500000.0000000001",
		" 00001733500000.0000000001",
		"000001733500000.-000000001",
		"000001733500000.+000000001",
		"000001733500000.4294967296", // uint32 + 1
		"000001733500000.9999999999",
		"0000017335000x0.0000000001",
		"000001733500000.000000000\x00",
	} {
		if ts, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) = %v, want an error", s, ts)
		}
	}
	if ts, err := Parse("000001733500000.4294967295"); err != nil || ts.Logical != math.MaxUint32 {
		t.Errorf("largest counter: %v %v", ts, err)
	}
}
