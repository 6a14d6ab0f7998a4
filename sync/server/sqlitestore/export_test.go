package sqlitestore

// SetTailForTest turns the tail on or off for scans (tests only) and
// returns the function that restores it.
func SetTailForTest(on bool) func() {
	old := tailOff
	tailOff = !on
	return func() { tailOff = old }
}
