package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/rules"
)

// quarantineSchema is the migration that adds sync_quarantine.
const quarantineSchema = 9

// Quarantined is a row a pull delivered that breaks a rule of sync/rules:
// it was not applied (docs/sync.md, "Rows the desktop refuses").
type Quarantined struct {
	ID         int64  `json:"id"`
	Table      string `json:"tbl"`
	RowID      string `json:"rowId"`
	Seq        int64  `json:"seq"`
	Problem    string `json:"problem"`
	ReceivedAt string `json:"receivedAt"`
}

// rowProblem says why a pulled row image must not be applied ("" when it
// may): an id that is not a UUID, or a value that breaks its column's rule.
func rowProblem(e protocol.Entry) string {
	if !rules.ValidID(e.RowID) {
		return fmt.Sprintf("id %.40q bukan id yang sah", e.RowID)
	}
	rt := rules.ByName(e.Table)
	if rt == nil {
		return ""
	}
	id, _ := rules.Summary(rules.CheckRow(rt, e.Row))
	return id
}

// quarantine keeps a pulled row that breaks a rule out of the database and
// records it; bad reports whether it did.
func (a *applier) quarantine(e protocol.Entry) (bad bool, err error) {
	problem := rowProblem(e)
	if problem == "" {
		return false, nil
	}
	row, _ := json.Marshal(e.Row)
	if len(row) > rules.MaxRowBytes {
		row = []byte(`"(terlalu besar untuk disimpan)"`)
	}
	a.res.Quarantined++
	if a.res.Problem == "" {
		a.res.Problem = e.Table + ": " + problem
	}
	return true, a.exec("quarantine", `INSERT INTO sync_quarantine(tbl, row_id, seq, problem, row, received_at) VALUES (?,?,?,?,?,?)
		ON CONFLICT(tbl, row_id, seq) DO NOTHING`, e.Table, e.RowID, e.Seq, problem, string(row), a.s.now().UTC().Format("2006-01-02T15:04:05Z"))
}

// ListQuarantine lists the refused rows, newest first.
func (s *Store) ListQuarantine(ctx context.Context) ([]Quarantined, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, tbl, row_id, seq, problem, received_at FROM sync_quarantine ORDER BY id DESC LIMIT 500")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Quarantined{}
	for rows.Next() {
		var q Quarantined
		if err := rows.Scan(&q.ID, &q.Table, &q.RowID, &q.Seq, &q.Problem, &q.ReceivedAt); err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// QuarantineCount is how many refused rows are kept.
func (s *Store) QuarantineCount(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sync_quarantine").Scan(&n)
	return n, err
}

// DismissQuarantine forgets a refused row once a person has seen it.
func (s *Store) DismissQuarantine(ctx context.Context, id int64) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	_, err := s.db.ExecContext(ctx, "DELETE FROM sync_quarantine WHERE id = ?", id)
	return classify(err)
}

// sweepInvalidRows moves rows stored before the column rules existed that
// break one (a value from a device the server once trusted) out of the
// synced tables into sync_quarantine, once per database, so no screen or
// command fails on an odd stored value.
func (s *Store) sweepInvalidRows(ctx context.Context) error {
	if v, err := getMeta(ctx, s.db, "rules_swept"); err != nil || v != "" {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), "PRAGMA foreign_keys = ON")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := s.openGuard(ctx, tx); err != nil {
		return err
	}
	now := s.now().UTC().Format("2006-01-02T15:04:05Z")
	for _, t := range SyncedTables {
		type bad struct{ id, problem, row string }
		var found []bad
		rows, err := tx.QueryContext(ctx, "SELECT id, "+strings.Join(t.Cols, ", ")+" FROM "+t.Name)
		if err != nil {
			return err
		}
		for rows.Next() {
			vals := make([]any, len(t.Cols)+1)
			ptrs := make([]any, len(vals))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return err
			}
			id, _ := vals[0].(string)
			row := make(map[string]any, len(t.Cols))
			for i, c := range t.Cols {
				if b, ok := vals[i+1].([]byte); ok {
					vals[i+1] = string(b)
				}
				row[c] = vals[i+1]
			}
			if p := rowProblem(protocol.Entry{Table: t.Name, RowID: id, Row: row}); p != "" {
				b, _ := json.Marshal(row)
				found = append(found, bad{id, p, string(b)})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, b := range found {
			if _, err := tx.ExecContext(ctx, `INSERT INTO sync_quarantine(tbl, row_id, seq, problem, row, received_at) VALUES (?,?,0,?,?,?)
				ON CONFLICT(tbl, row_id, seq) DO NOTHING`, t.Name, b.id, b.problem, b.row, now); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t.Name+" WHERE id = ?", b.id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM sync_base WHERE tbl = ? AND row_id = ?", t.Name, b.id); err != nil {
				return err
			}
			s.log.Warn("stored row breaks a column rule; set aside", "tbl", t.Name, "id", b.id, "problem", b.problem)
		}
	}
	if err := putMeta(ctx, tx, "rules_swept", "1"); err != nil {
		return err
	}
	if err := s.closeGuard(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}
