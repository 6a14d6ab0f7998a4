//go:build race

package planner

// raceScale shrinks the property tests (not the LP oracle) under -race,
// where everything runs ~10 × slower.
const raceScale = 4
