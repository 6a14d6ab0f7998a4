package store

import (
	"context"

	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// The store side of the workflow conflicts (backend/mutasi konflik.go): the
// requests where two events claim one step, and the server's
// incompatible-decision conflicts that name their events.

// ForkedMutasi lists the requests where two or more events share a seq.
func (s *Store) ForkedMutasi(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT DISTINCT usulan_id FROM mutasi_event GROUP BY usulan_id, seq HAVING count(*) > 1 ORDER BY usulan_id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// WorkflowConflicts lists the incompatible-decision conflicts of the
// inbox (sync_conflict) whose events are among eventIDs.
func (s *Store) WorkflowConflicts(ctx context.Context, eventIDs []string) ([]mutasisvc.WorkflowConflict, error) {
	want := make(map[string]bool, len(eventIDs))
	for _, id := range eventIDs {
		want[id] = true
	}
	rows, err := s.db.QueryContext(ctx, "SELECT body FROM sync_conflict WHERE tbl = 'mutasi_event' AND kind = ? ORDER BY seq", protocol.ConflictIncompatible)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []mutasisvc.WorkflowConflict
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return nil, err
		}
		var c protocol.Conflict
		if err := decodeJSON([]byte(body), &c); err != nil {
			return nil, err
		}
		if want[c.RowID] || want[c.OtherRow] {
			out = append(out, mutasisvc.WorkflowConflict{ID: c.ID, EventID: c.RowID, OtherID: c.OtherRow, Resolved: c.Status == "resolved"})
		}
	}
	return out, rows.Err()
}

// ResolveWorkflowConflicts resolves the conflicts ("accept": the log stays
// as every device replays it) in one write transaction.
func (s *Store) ResolveWorkflowConflicts(ctx context.Context, userID string, ids []string) error {
	var cs []protocol.Conflict
	for _, id := range ids {
		c, err := s.openConflict(ctx, id)
		if err != nil {
			return err
		}
		cs = append(cs, c)
	}
	return s.Write(ctx, userID, func(tx *Tx) error {
		for _, c := range cs {
			if err := resolveTx(tx, userID, c, protocol.ResolutionAccept, nil, nil); err != nil {
				return err
			}
		}
		return nil
	})
}
