//go:build simmutants

package server

import "github.com/bkpsdm-sorong/imbang/sync/protocol"

// Mutants are deliberately broken variants of the server for the
// simulation's "teeth" test (sync/simtest, docs/sync-simulation.md): with one
// switched on, some seed of the simulation must fail. They exist only in a
// build with -tags simmutants; the default build compiles the hooks away
// (mutants_off.go). All are off until that test sets them.
var Mutants struct {
	// LWWFlipped: last-writer-wins keeps the older (HLC, device) write.
	LWWFlipped bool
	// AckByScope: dispositions are routed by the data partition (the OPD of
	// the row they concern) instead of by the device that pushed the change.
	AckByScope bool
	// CursorSkip: a pull page cut by size sets the cursor past the first
	// entry it did not serve, as a cursor that runs ahead of an in-flight
	// sequence number would.
	CursorSkip bool
}

func mutantLWWFlipped() bool { return Mutants.LWWFlipped }
func mutantCursorSkip() bool { return Mutants.CursorSkip }

// ackScope is the data partition of the row a change concerns (AckByScope).
func (p *pushCtx) ackScope(ch protocol.Change) []string {
	if !Mutants.AckByScope {
		return nil
	}
	if it, err := p.tx.Get(ItemRow, ch.Table, ch.RowID); err == nil && it != nil {
		return it.Scope
	}
	if opd, ok := ch.Cols["opd_id"].(string); ok {
		return []string{opd}
	}
	return nil
}

// ackHidden reports whether AckByScope keeps this disposition from its own
// device (in the push response).
func (p *pushCtx) ackHidden(ch protocol.Change) bool {
	return Mutants.AckByScope && !p.dev.BKPSDM && !contains(p.ackScope(ch), p.opdID)
}

// ackHidden reports whether AckByScope keeps a disposition entry from the
// puller.
func (v viewer) ackHidden(it *Item) bool {
	return Mutants.AckByScope && !v.dev.BKPSDM && !contains(it.Scope, v.opdID)
}
