// Package hlc is a hybrid logical clock (Kulkarni et al. 2014, as in
// CockroachDB's pkg/util/hlc): timestamps that follow physical time but never
// go backwards and order causally related events, so that concurrent writes
// made offline on different devices can be ordered deterministically (then by
// device UUID). The high-water mark is persisted by the caller so the clock
// stays monotonic across restarts.
package hlc

import (
	"fmt"
	"math"
	"sync"
	"time"
)

// Timestamp is wall time in milliseconds since the Unix epoch plus a logical
// counter for events within the same millisecond.
type Timestamp struct {
	WallMS  int64
	Logical uint32
}

// Less orders timestamps.
func (t Timestamp) Less(o Timestamp) bool {
	return t.WallMS < o.WallMS || (t.WallMS == o.WallMS && t.Logical < o.Logical)
}

// IsZero reports whether t is unset.
func (t Timestamp) IsZero() bool { return t.WallMS == 0 && t.Logical == 0 }

// String is a fixed-width form whose byte order is the timestamp order, so it
// can be stored as TEXT and compared in SQL.
func (t Timestamp) String() string { return fmt.Sprintf("%015d.%010d", t.WallMS, t.Logical) }

// Parse reads the String form, and only it: fifteen digits, a dot, ten
// digits (no sign, space or other spelling of the same timestamp), the
// logical counter within uint32. It runs for every change a server applies,
// where fmt.Sscanf cost more than the rest of the clock's work.
func Parse(s string) (Timestamp, error) {
	var t Timestamp
	if len(s) != 26 || s[15] != '.' {
		return t, fmt.Errorf("hlc: malformed timestamp %q", s)
	}
	wall, ok1 := digits(s[:15])
	logical, ok2 := digits(s[16:])
	if !ok1 || !ok2 || logical > math.MaxUint32 {
		return t, fmt.Errorf("hlc: malformed timestamp %q", s)
	}
	return Timestamp{WallMS: int64(wall), Logical: uint32(logical)}, nil
}

// digits is the value of a string of ASCII digits (at most 19 of them).
func digits(s string) (uint64, bool) {
	var v uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	return v, true
}

// Clock issues timestamps. It is safe for concurrent use.
type Clock struct {
	mu   sync.Mutex
	now  func() time.Time
	last Timestamp
}

// New returns a clock reading physical time from now, starting above the
// persisted high-water mark last.
func New(now func() time.Time, last Timestamp) *Clock {
	if now == nil {
		now = time.Now
	}
	return &Clock{now: now, last: last}
}

// Now returns a timestamp greater than every one issued or observed before.
func (c *Clock) Now() Timestamp {
	c.mu.Lock()
	defer c.mu.Unlock()
	pt := c.now().UnixMilli()
	if pt > c.last.WallMS {
		c.last = Timestamp{WallMS: pt}
	} else {
		c.last.Logical++
	}
	return c.last
}

// Observe moves the clock past a timestamp received from another device, so
// that what this device writes next is ordered after what it has seen.
func (c *Clock) Observe(remote Timestamp) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.last.Less(remote) {
		c.last = remote
	}
}

// Last is the high-water mark to persist.
func (c *Clock) Last() Timestamp {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}
