package store

import "github.com/bkpsdm-sorong/imbang/sync/hlc"

// MutantWallClock is a deliberately broken variant for the sync
// simulation's "teeth" test (sync/simtest, docs/sync-simulation.md): the
// outbox stamps each change with the device's wall clock instead of its
// hybrid logical clock, so a device whose clock is behind loses a sequential
// overwrite. Off by default; nothing but that test sets it.
var MutantWallClock bool

// stampNow is the HLC stamp of a new outbox entry.
func (s *Store) stampNow() string {
	if MutantWallClock {
		return hlc.Timestamp{WallMS: s.now().UnixMilli()}.String()
	}
	return s.clock.Now().String()
}
