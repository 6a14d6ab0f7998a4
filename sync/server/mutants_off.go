//go:build !simmutants

package server

import "github.com/bkpsdm-sorong/imbang/sync/protocol"

// The default build has none of the simulation's deliberately broken
// variants (mutants_on.go, -tags simmutants): every hook is a constant, so
// the compiler drops the branches that test it.

func mutantLWWFlipped() bool { return false }
func mutantCursorSkip() bool { return false }

// ackScope is nil: dispositions carry no data partition.
func (p *pushCtx) ackScope(protocol.Change) []string { return nil }

// ackHidden is false: a disposition always reaches its own device.
func (p *pushCtx) ackHidden(protocol.Change) bool { return false }
func (v viewer) ackHidden(*Item) bool             { return false }
