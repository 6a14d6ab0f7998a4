package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/audit"
)

// The audit log is written by the write path itself: every Insert, Update and
// Delete on an audited table appends a hash-chained entry in the same
// transaction, and the head moves with it, so no change to these tables can
// escape the log (backend/audit defines the chain).

// auditedTables are the tables whose changes the audit log records: people,
// placement, the organisation, settings and the mutasi workflow.
var auditedTables = map[string]bool{
	"pegawai": true, "riwayat_jabatan": true, "opd": true, "unit": true, "jabatan": true, "setting": true,
	"mutasi_usulan": true, "mutasi_event": true, "dokumen_lampiran": true, "evaluasi": true, "evaluasi_pertanyaan": true,
	// Portal Pegawai: letters issued (the code's hash only) and reports handled.
	"portal_aktivasi": true, "portal_laporan": true, "portal_minat": true,
}

// roleOf is the role of the actor ctx carries, for the audit log ("" for a
// system process).
func roleOf(ctx context.Context) string {
	a, _ := actor.From(ctx)
	return string(a.Role)
}

// auditState is the chain's head as a transaction sees it.
type auditState struct {
	loaded bool
	prev   audit.Entry // only Seq and Hash are used
	dirty  bool
}

func (t *Tx) auditHead() (*auditState, error) {
	if t.audit.loaded {
		return &t.audit, nil
	}
	var v string
	err := t.QueryRow("SELECT value FROM meta WHERE key = 'audit_head'").Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return nil, err
	default:
		var h audit.Head
		if err := json.Unmarshal([]byte(v), &h); err != nil {
			return nil, fmt.Errorf("audit head: %w", err)
		}
		t.audit.prev = audit.Entry{Seq: h.Seq, Hash: h.Hash}
	}
	t.audit.loaded = true
	return &t.audit, nil
}

// SuspendAudit makes the rest of this transaction write no per-row audit
// entries; the caller records one summary entry with AuditEvent instead (a
// bulk load of a whole region would otherwise write one entry per row).
func (t *Tx) SuspendAudit() { t.auditOff = true }

// AuditEvent appends one entry that is not a row change (a workflow decision,
// a bulk import summary).
func (t *Tx) AuditEvent(action, entity, entityID string, before, after any) error {
	enc := func(v any) string {
		if v == nil {
			return ""
		}
		if s, ok := v.(string); ok {
			return s
		}
		b, _ := json.Marshal(v)
		return string(b)
	}
	return t.appendAudit(action, entity, entityID, enc(before), enc(after))
}

func (t *Tx) auditRow(table *Table, id, action string, before, after map[string]any) error {
	if t.auditOff || !auditedTables[table.Name] {
		return nil
	}
	enc := func(m map[string]any) string {
		if m == nil {
			return ""
		}
		b, _ := json.Marshal(m) // map keys are sorted: a stable encoding
		return string(b)
	}
	return t.appendAudit(strings.ToUpper(action), table.Name, id, enc(before), enc(after))
}

// auditSchema is the schema version that created audit_log; a store opened
// on an older schema (tests of the upgrade path) writes no audit entries.
const auditSchema = 3

func (t *Tx) appendAudit(action, entity, entityID, before, after string) error {
	if t.s.version < auditSchema {
		return nil
	}
	st, err := t.auditHead()
	if err != nil {
		return err
	}
	e := audit.Chain(st.prev, audit.Entry{Time: t.s.now(), Actor: t.actor, Role: roleOf(t.ctx), Action: action,
		Entity: entity, EntityID: entityID, Before: before, After: after})
	ins, err := t.stmt("audit", `INSERT INTO audit_log(seq, waktu, aktor, peran, aksi, entitas, entitas_id, sebelum, sesudah, prev_hash, hash)
		VALUES (?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	if _, err := ins.ExecContext(t.ctx, e.Seq, e.Time.Format(audit.TimeLayout), e.Actor, e.Role, e.Action, e.Entity, e.EntityID,
		e.Before, e.After, e.PrevHash, e.Hash); err != nil {
		return err
	}
	st.prev, st.dirty = e, true
	return nil
}

// flushAudit stores the new head in the same transaction.
func (t *Tx) flushAudit() error {
	if !t.audit.dirty {
		return nil
	}
	b, _ := json.Marshal(audit.Head{Seq: t.audit.prev.Seq, Hash: t.audit.prev.Hash})
	_, err := t.tx.ExecContext(t.ctx, "INSERT INTO meta(key, value) VALUES ('audit_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", string(b))
	return err
}

// AuditLog reads the whole audit log in sequence order, and the recorded head.
func (s *Store) AuditLog(ctx context.Context) ([]audit.Entry, *audit.Head, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, waktu, aktor, peran, aksi, entitas, entitas_id, sebelum, sesudah, prev_hash, hash
		FROM audit_log ORDER BY rowid`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		var e audit.Entry
		var waktu string
		if err := rows.Scan(&e.Seq, &waktu, &e.Actor, &e.Role, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After, &e.PrevHash, &e.Hash); err != nil {
			return nil, nil, err
		}
		if e.Time, err = parseAuditTime(waktu); err != nil {
			return nil, nil, fmt.Errorf("audit #%d: %w", e.Seq, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	var v string
	err = s.db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'audit_head'").Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return out, &audit.Head{}, nil
	}
	if err != nil {
		return nil, nil, err
	}
	var h audit.Head
	if err := json.Unmarshal([]byte(v), &h); err != nil {
		return nil, nil, err
	}
	return out, &h, nil
}

func parseAuditTime(s string) (time.Time, error) { return time.Parse(audit.TimeLayout, s) }
