package hlc

import (
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
