//go:build simmutants

package store

import "github.com/bkpsdm-sorong/imbang/sync/hlc"

// MutantWallClock is a deliberately broken variant for the sync
// simulation's "teeth" test (sync/simtest, docs/sync-simulation.md): the
// outbox stamps each change with the device's wall clock instead of its
// hybrid logical clock, so a device whose clock is behind loses a sequential
// overwrite. It exists only in a build with -tags simmutants (the default
// build compiles the hook away, mutants_off.go); off until that test sets it.
var MutantWallClock bool

// mutantStamp is the wall-clock stamp when MutantWallClock is on.
func (s *Store) mutantStamp() (string, bool) {
	if !MutantWallClock {
		return "", false
	}
	return hlc.Timestamp{WallMS: s.now().UnixMilli()}.String(), true
}
