package store

// The conflict inbox and the "needs attention" list of the sync client, and
// the resolution of a conflict as an ordinary change that syncs like any
// other (docs/sync.md).

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// tableConflict is the pseudo-table through which a resolution is pushed.
var tableConflict = &Table{Name: protocol.TableConflict, Cols: []string{"status", "resolution"}}

// SyncConflict is one entry of the inbox: the conflict with both values and
// the current local row.
type SyncConflict struct {
	protocol.Conflict
	Seq     int64          `json:"seq"`
	Current map[string]any `json:"current,omitempty"` // the row as this device shows it now
	Pending bool           `json:"pending"`           // a local resolution waits to be pushed
	// Labels names the ids among the values (OPD, unit, jabatan, pegawai),
	// so a person compares "Dinas Pendidikan" with "Bappeda", not two UUIDs.
	Labels map[string]string `json:"labels,omitempty"`
}

// labelSources are the columns whose values are ids of named rows.
var labelSources = map[string]string{"opd_id": "opd", "unit_id": "unit", "jabatan_id": "jabatan", "pegawai_id": "pegawai", "parent_id": "unit"}

func (s *Store) conflictLabels(ctx context.Context, c *SyncConflict) {
	for _, side := range []map[string]any{c.Server, c.Incoming, c.Current} {
		for col, v := range side {
			table, ok := labelSources[col]
			id, isStr := v.(string)
			if !ok || !isStr || id == "" {
				continue
			}
			if _, done := c.Labels[id]; done {
				continue
			}
			var nama string
			if err := s.db.QueryRowContext(ctx, "SELECT nama FROM "+table+" WHERE id = ?", id).Scan(&nama); err == nil {
				if c.Labels == nil {
					c.Labels = map[string]string{}
				}
				c.Labels[id] = nama
			}
		}
	}
}

// Conflicts lists the inbox: open conflicts first, then resolved ones (the
// newest 200).
func (s *Store) Conflicts(ctx context.Context, includeResolved bool) ([]SyncConflict, error) {
	q := "SELECT body, seq FROM sync_conflict"
	if !includeResolved {
		q += " WHERE status = 'open'"
	}
	q += " ORDER BY status = 'open' DESC, seq DESC LIMIT 200"
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	var out []SyncConflict
	for rows.Next() {
		var body string
		var c SyncConflict
		if err := rows.Scan(&body, &c.Seq); err != nil {
			rows.Close()
			return nil, err
		}
		if err := decodeJSON([]byte(body), &c.Conflict); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		c := &out[i]
		if t := TableByName(c.Table); t != nil {
			if row, err := s.currentRow(ctx, t, c.RowID); err == nil {
				c.Current = row
			}
		}
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM outbox WHERE tbl = ? AND row_id = ?", protocol.TableConflict, c.ID).Scan(&n); err != nil {
			return nil, err
		}
		c.Pending = n > 0
		s.conflictLabels(ctx, c)
	}
	return out, nil
}

func (s *Store) currentRow(ctx context.Context, t *Table, id string) (map[string]any, error) {
	vals := make([]any, len(t.Cols))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := s.db.QueryRowContext(ctx, "SELECT "+joinCols(t)+" FROM "+t.Name+" WHERE id = ?", id).Scan(ptrs...); err != nil {
		return nil, err
	}
	row := make(map[string]any, len(t.Cols))
	for i, c := range t.Cols {
		row[c] = vals[i]
	}
	return row, nil
}

func joinCols(t *Table) string {
	out := ""
	for i, c := range t.Cols {
		if i > 0 {
			out += ", "
		}
		out += c
	}
	return out
}

// ResolveConflict records a person's decision on a conflict as ordinary
// changes in one write transaction: when values is not empty, an update of
// the row with the chosen values (or its re-insert, for a row deleted while
// someone edited it), then the sync_conflict pseudo-table change carrying
// the resolution. The inbox marks it resolved at once.
func (s *Store) ResolveConflict(ctx context.Context, actor, id, resolution string, values map[string]any) error {
	var body string
	err := s.db.QueryRowContext(ctx, "SELECT body FROM sync_conflict WHERE id = ?", id).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.E(domain.KindNotFound, "sync.conflict_not_found", "Konflik tidak ditemukan.", "Conflict not found.")
	}
	if err != nil {
		return err
	}
	var c protocol.Conflict
	if err := decodeJSON([]byte(body), &c); err != nil {
		return err
	}
	if c.Status == "resolved" {
		return domain.E(domain.KindConflict, "sync.conflict_resolved", "Konflik ini sudah diselesaikan.", "This conflict is already resolved.")
	}
	switch resolution {
	case protocol.ResolutionAccept:
	case protocol.ResolutionMerge, protocol.ResolutionKeep:
		if c.Kind != protocol.ConflictDuplicateNIP {
			return domain.E(domain.KindInvalid, "sync.resolution_invalid", "Pilihan ini hanya untuk NIP ganda.", "This choice is for duplicate NIPs only.")
		}
	default:
		return domain.E(domain.KindInvalid, "sync.resolution_invalid", "Pilihan penyelesaian tidak dikenal.", "Unknown resolution.")
	}
	t := TableByName(c.Table)
	return s.Write(ctx, actor, func(tx *Tx) error {
		if len(values) > 0 && t != nil {
			for k := range values {
				if !hasCol(t, k) {
					return domain.E(domain.KindInvalid, "sync.resolution_column", "Kolom "+k+" tidak dikenal.", "Unknown column "+k+".")
				}
			}
			cur, err := rowVals(tx, t, c.RowID)
			switch {
			case err == nil:
				for i, col := range t.Cols {
					if v, ok := values[col]; ok {
						cur[i] = sqlValue(v)
					}
				}
				if _, err := tx.Update(t, c.RowID, cur...); err != nil {
					return err
				}
			case errors.Is(err, sql.ErrNoRows):
				// the row was deleted: bring it back with the kept values
				vals := make([]any, len(t.Cols))
				for i, col := range t.Cols {
					v, ok := values[col]
					if !ok {
						v = c.Incoming[col]
					}
					vals[i] = sqlValue(v)
				}
				if err := tx.Insert(t, c.RowID, vals...); err != nil {
					return err
				}
			default:
				return err
			}
		}
		if err := tx.outbox(tableConflict, c.ID, protocol.OpUpdate, map[string]any{"status": "resolved", "resolution": resolution}); err != nil {
			return err
		}
		c.Status, c.Resolution, c.ResolvedBy = "resolved", resolution, actor
		b, _ := json.Marshal(c)
		_, err := tx.tx.ExecContext(tx.ctx, "UPDATE sync_conflict SET status = 'resolved', body = ? WHERE id = ?", string(b), c.ID)
		return err
	})
}

func hasCol(t *Table, c string) bool {
	for _, x := range t.Cols {
		if x == c {
			return true
		}
	}
	return false
}

// Attention is a local edit the server did not take as it was.
type Attention struct {
	ChangeID   string         `json:"changeId"`
	Table      string         `json:"tbl"`
	RowID      string         `json:"rowId"`
	Op         string         `json:"op"`
	Data       map[string]any `json:"data"`
	Status     string         `json:"status"`
	Reason     string         `json:"reason"`
	ConflictID string         `json:"conflictId,omitempty"`
	At         string         `json:"at"`
}

// AttentionList returns the edits that were rejected or ran into a
// conflict, newest first, not yet marked read.
func (s *Store) AttentionList(ctx context.Context) ([]Attention, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT change_id, tbl, row_id, op, data, status, reason, coalesce(conflict_id, ''), at
		FROM sync_attention WHERE dibaca = 0 ORDER BY local_seq DESC LIMIT 200`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Attention{}
	for rows.Next() {
		var a Attention
		var data string
		if err := rows.Scan(&a.ChangeID, &a.Table, &a.RowID, &a.Op, &data, &a.Status, &a.Reason, &a.ConflictID, &a.At); err != nil {
			return nil, err
		}
		_ = decodeJSON([]byte(data), &a.Data)
		out = append(out, a)
	}
	return out, rows.Err()
}

// DismissAttention marks an attention entry as read.
func (s *Store) DismissAttention(ctx context.Context, changeID string) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	_, err := s.db.ExecContext(ctx, "UPDATE sync_attention SET dibaca = 1 WHERE change_id = ?", changeID)
	return classify(err)
}

// SyncCounts are the figures the status indicator shows.
type SyncCounts struct {
	Pending   int `json:"pending"`   // outbox entries not yet confirmed
	Unsent    int `json:"unsent"`    // of which the server has not answered
	Conflicts int `json:"conflicts"` // open conflicts
	Attention int `json:"attention"` // rejected edits not yet read
}

// SyncCounts reads the counters of the status indicator.
func (s *Store) SyncCounts(ctx context.Context) (SyncCounts, error) {
	var c SyncCounts
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM outbox), (SELECT count(*) FROM outbox WHERE status IS NULL),
		(SELECT count(*) FROM sync_conflict WHERE status = 'open'), (SELECT count(*) FROM sync_attention WHERE dibaca = 0)`).
		Scan(&c.Pending, &c.Unsent, &c.Conflicts, &c.Attention)
	return c, err
}
