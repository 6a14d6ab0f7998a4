package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/rules"
)

// The Portal Pegawai writes through ApplyPortal: the same merge, validation
// and authorization as a device's push (apply), as a portal actor bound to
// one employee, stamped by the server's clock. Desktops receive the rows on
// their next pull; no disposition is kept (the portal is not a device that
// pulls), and the changes are all or nothing.

// PortalWriter is the LWW writer of the portal's changes.
const PortalWriter = "portal"

// PortalActor is the Actor recorded on a portal change of the employee.
func PortalActor(pegawaiID string) string { return "portal:" + pegawaiID }

// PortalRejection is a portal change the server refused: nothing of the
// batch was stored.
type PortalRejection struct {
	Index  int // which change of the batch
	Table  string
	Reason string // protocol.Reason*
	Detail string // why, in Indonesian
}

func (e *PortalRejection) Error() string {
	return fmt.Sprintf("portal change %d (%s) rejected: %s: %s", e.Index, e.Table, e.Reason, e.Detail)
}

// ApplyPortal applies the changes of the employee pegawaiID, in one
// transaction: each is authorised by rules.Decide as DevicePortal (its own
// rows only), validated, stamped with the server's HLC and merged as a
// push would merge it. A refused change refuses the batch
// (*PortalRejection).
func (s *Server) ApplyPortal(ctx context.Context, pegawaiID string, changes []protocol.Change) error {
	if !validID(pegawaiID) || len(changes) == 0 {
		return errors.New("server: ApplyPortal needs an employee and changes")
	}
	return s.applyAs(ctx, Device{ID: PortalActor(pegawaiID), InstallID: PortalWriter}, PortalWriter, pegawaiID, PortalActor(pegawaiID), changes)
}

// ApplyServer applies changes the server's operator makes from the command
// line (imbang-server portal activate) as a BKPSDM system write through the
// same merge and validation, all or nothing; actor names the operator
// (an account username, or "" for a system actor).
func (s *Server) ApplyServer(ctx context.Context, actor string, changes []protocol.Change) error {
	if len(changes) == 0 {
		return nil
	}
	return s.applyAs(ctx, Device{ID: serverWriter, InstallID: serverWriter, BKPSDM: true}, serverWriter, "", actor, changes)
}

func (s *Server) applyAs(ctx context.Context, dev Device, writer, pegawaiID, actor string, changes []protocol.Change) error {
	return s.st.Update(ctx, func(tx Tx) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		if v, err := tx.Meta("hlc"); err != nil {
			return err
		} else if v != "" {
			h, err := hlc.Parse(v)
			if err != nil {
				return fmt.Errorf("stored hlc: %w", err)
			}
			s.clock.Observe(h)
		}
		p := &pushCtx{s: s, tx: tx, dev: dev, writer: writer, now: s.opts.Now(), schema: protocol.SchemaVersion,
			bez: map[string]int{}, openConflicts: -1, portal: pegawaiID}
		for _, k := range []struct {
			key string
			b   *bool
		}{{"aliases", &p.aliases}, {"orphans", &p.orphans}} {
			v, err := tx.Meta(k.key)
			if err != nil {
				return err
			}
			*k.b = v != ""
		}
		for i, ch := range changes {
			ch.HLC = s.clock.Now().String()
			ch.Actor = actor
			ch.SchemaVersion = protocol.SchemaVersion
			status, reason, _, err := p.apply(&ch)
			if err != nil {
				return err
			}
			if status == protocol.StatusRejected || status == protocol.StatusSuperseded {
				if reason == "" {
					reason = status
				}
				if pegawaiID != "" {
					s.metrics.portalRefused()
				}
				return &PortalRejection{Index: i, Table: ch.Table, Reason: reason, Detail: p.detail}
			}
			// The audit line names the row, never the person or the values.
			s.log.Info("portal write", "writer", writer, "tbl", ch.Table, "op", ch.Op, "row", ch.RowID, "status", status)
		}
		if err := p.flushBezetting(); err != nil {
			return err
		}
		return tx.SetMeta("hlc", s.clock.Last().String())
	})
}

// checkPortal is checkRole for a portal change: the facts rules.Decide
// reads (the employee, the request the row belongs to and its status).
func (p *pushCtx) checkPortal(td *TableDef, ch *protocol.Change, cur *Item) (rules.Verdict, error) {
	w := rules.Write{Device: rules.DevicePortal, Actor: &rules.Account{ID: PortalActor(p.portal), Role: domain.RolePegawai, Active: true},
		Table: td, Op: ch.Op, RowID: ch.RowID, Cols: ch.Cols, Portal: &rules.Portal{PegawaiID: p.portal}}
	if cur != nil && !cur.Deleted {
		row, err := p.rowData(cur)
		if err != nil {
			return rules.Verdict{}, err
		}
		w.Cur = row
	}
	usulanID := ""
	switch {
	case td.Name == "mutasi_usulan":
		usulanID = ch.RowID
	case td.ParentTable == "mutasi_usulan":
		usulanID = str(rules.Merged(w.Cur, ch.Cols)["usulan_id"])
	}
	if usulanID != "" {
		it, err := p.tx.Get(ItemRow, "mutasi_usulan", usulanID)
		if err != nil {
			return rules.Verdict{}, err
		}
		if it != nil && !it.Deleted {
			if w.Portal.Request, err = rowData(it); err != nil {
				return rules.Verdict{}, err
			}
			st, err := RequestState(p.tx, usulanID)
			if err != nil {
				return rules.Verdict{}, err
			}
			w.Portal.RequestStatus = string(st.Status)
		}
	}
	return rules.Decide(w), nil
}

// authorizePortal is authorize for a portal change: Decide has tied the
// row to the employee; an insert's parent must be a live row.
func (p *pushCtx) authorizePortal(td *TableDef, ch *protocol.Change) (string, error) {
	if ch.Op != protocol.OpInsert || td.Parent == "" {
		return "", nil
	}
	par, err := p.parentItem(td, ch.Cols)
	if err != nil || par != nil {
		return "", err
	}
	return protocol.ReasonForbiddenRole, nil // never kept for a parent to come
}

// RequestState replays the stored events of a request (the workflow state
// as the desktops decide it). Events that do not replay are left out from
// the first one that fails, as the desktop shows them.
func RequestState(tx interface {
	Lookup(kind, table, name, value string) ([]*Item, error)
}, usulanID string) (mutasi.State, error) {
	evs, err := RequestEvents(tx, usulanID)
	if err != nil {
		return mutasi.State{}, err
	}
	st, _ := mutasi.Replay(evs)
	return st, nil
}

// RequestEvents reads a request's events in workflow order.
func RequestEvents(tx interface {
	Lookup(kind, table, name, value string) ([]*Item, error)
}, usulanID string) ([]mutasi.Event, error) {
	its, err := tx.Lookup(ItemRow, "mutasi_event", "usulan_id", usulanID)
	if err != nil {
		return nil, err
	}
	type ev struct {
		e mutasi.Event
		h string
	}
	var list []ev
	for _, it := range its {
		if it.Deleted {
			continue
		}
		row, err := rowData(it)
		if err != nil {
			return nil, err
		}
		e, err := toEvent(it.ID, row)
		if err != nil {
			continue
		}
		list = append(list, ev{e, str(row[keyHLC])})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].e.Seq != list[j].e.Seq {
			return list[i].e.Seq < list[j].e.Seq
		}
		if list[i].h != list[j].h {
			return list[i].h < list[j].h
		}
		return list[i].e.ID < list[j].e.ID
	})
	out := make([]mutasi.Event, len(list))
	for i := range list {
		out[i] = list[i].e
	}
	return out, nil
}

// RowData decodes a row item's columns (without the server's own keys).
func RowData(it *Item) (map[string]any, error) {
	row, err := rowData(it)
	if err != nil {
		return nil, err
	}
	delete(row, keyHLC)
	delete(row, keyReason)
	return row, nil
}

// PortalErrorStatus maps a portal refusal to the HTTP status the portal answers.
func PortalErrorStatus(err error) int {
	var pr *PortalRejection
	if errors.As(err, &pr) {
		return http.StatusUnprocessableEntity
	}
	return http.StatusInternalServerError
}
