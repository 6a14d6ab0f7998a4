//go:build !simmutants

package store

// The default build has none of the simulation's deliberately broken
// variants (mutants_on.go, -tags simmutants): the hook is a constant, so the
// compiler drops the branch that tests it.
func (*Store) mutantStamp() (string, bool) { return "", false }
