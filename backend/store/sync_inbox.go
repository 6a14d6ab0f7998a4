package store

// The conflict inbox and the "needs attention" list of the sync client, and
// the resolution of a conflict as an ordinary change that syncs like any
// other (docs/sync.md).

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/hlc"
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
	// OtherCurrent is, for a duplicate NIP, the other record as shown now
	// (both records side by side).
	OtherCurrent map[string]any `json:"otherCurrent,omitempty"`
	// ServerBy and IncomingBy say who did what on each side ("Dihapus oleh
	// Dinas A pada …", "Diubah oleh BKPSDM pada …").
	ServerBy   string `json:"serverBy"`
	IncomingBy string `json:"incomingBy"`
	// Mine is the side this device wrote ("server", "incoming" or "").
	Mine string `json:"mine,omitempty"`
}

// labelSources are the columns whose values are ids of named rows.
var labelSources = map[string]string{"opd_id": "opd", "unit_id": "unit", "jabatan_id": "jabatan", "pegawai_id": "pegawai", "parent_id": "unit"}

func (s *Store) conflictLabels(ctx context.Context, c *SyncConflict) {
	for _, side := range []map[string]any{c.Server, c.Incoming, c.Current, c.OtherCurrent} {
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
// first page of 200; ConflictPage pages through all of them).
func (s *Store) Conflicts(ctx context.Context, includeResolved bool) ([]SyncConflict, error) {
	q := ConflictQuery{Limit: 200}
	if includeResolved {
		q.Status = "all"
	}
	p, err := s.ConflictPage(ctx, q)
	return p.Items, err
}

// ConflictQuery selects conflicts of the inbox. Empty fields match all.
type ConflictQuery struct {
	Status string `json:"status,omitempty"` // "open" (default), "resolved" or "all"
	Kind   string `json:"kind,omitempty"`
	Device string `json:"device,omitempty"` // install id of the writer of either side
	Table  string `json:"table,omitempty"`
	Offset int    `json:"offset,omitempty"`
	Limit  int    `json:"limit,omitempty"` // default 50, at most 500
}

// ConflictPage is one page of the inbox and how many match in all.
type ConflictPage struct {
	Items  []SyncConflict `json:"items"`
	Total  int            `json:"total"`
	Offset int            `json:"offset"`
	Limit  int            `json:"limit"`
}

func (q ConflictQuery) where() (string, []any, error) {
	var conds []string
	var args []any
	switch q.Status {
	case "", "open":
		conds = append(conds, "status = 'open'")
	case "resolved":
		conds = append(conds, "status = 'resolved'")
	case "all":
	default:
		return "", nil, domain.E(domain.KindInvalid, "sync.conflict_filter", "Status konflik tidak dikenal: "+q.Status+".", "Unknown conflict status: "+q.Status+".")
	}
	if q.Kind != "" {
		conds, args = append(conds, "kind = ?"), append(args, q.Kind)
	}
	if q.Table != "" {
		conds, args = append(conds, "tbl = ?"), append(args, q.Table)
	}
	if q.Device != "" {
		conds = append(conds, "(json_extract(body, '$.device_a') = ? OR json_extract(body, '$.device_b') = ?)")
		args = append(args, q.Device, q.Device)
	}
	w := ""
	if len(conds) > 0 {
		w = " WHERE " + strings.Join(conds, " AND ")
	}
	return w, args, nil
}

// ConflictPage lists one page of the inbox (open first, newest first) with
// the current rows, labels and who did what on each side.
func (s *Store) ConflictPage(ctx context.Context, q ConflictQuery) (ConflictPage, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	q.Limit = min(q.Limit, 500)
	q.Offset = max(q.Offset, 0)
	out := ConflictPage{Items: []SyncConflict{}, Offset: q.Offset, Limit: q.Limit}
	w, args, err := q.where()
	if err != nil {
		return out, err
	}
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sync_conflict"+w, args...).Scan(&out.Total); err != nil {
		return out, err
	}
	rows, err := s.db.QueryContext(ctx, "SELECT body, seq FROM sync_conflict"+w+" ORDER BY status = 'open' DESC, seq DESC LIMIT ? OFFSET ?",
		append(args, q.Limit, q.Offset)...)
	if err != nil {
		return out, err
	}
	for rows.Next() {
		var body string
		var c SyncConflict
		if err := rows.Scan(&body, &c.Seq); err != nil {
			rows.Close()
			return out, err
		}
		if err := decodeJSON([]byte(body), &c.Conflict); err != nil {
			rows.Close()
			return out, err
		}
		out.Items = append(out.Items, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, err
	}
	for i := range out.Items {
		if err := s.describeConflict(ctx, &out.Items[i]); err != nil {
			return out, err
		}
	}
	return out, nil
}

// describeConflict adds what the inbox shows beside the conflict itself.
func (s *Store) describeConflict(ctx context.Context, c *SyncConflict) error {
	if t := TableByName(c.Table); t != nil {
		if row, err := s.currentRow(ctx, t, c.RowID); err == nil {
			c.Current = row
		}
		if c.OtherRow != "" {
			if row, err := s.currentRow(ctx, t, c.OtherRow); err == nil {
				c.OtherCurrent = row
			}
		}
	}
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM outbox WHERE tbl = ? AND row_id = ?", protocol.TableConflict, c.ID).Scan(&n); err != nil {
		return err
	}
	c.Pending = n > 0
	s.conflictLabels(ctx, c)
	c.ServerBy = s.sideText(ctx, c.ServerSide, c.DeviceA)
	c.IncomingBy = s.sideText(ctx, c.IncomingSide, c.DeviceB)
	c.Mine = s.mySide(c.Conflict)
	return nil
}

// sideText says who did what on one side of a conflict, e.g. "Dihapus oleh
// Dinas A pada 27-11-2026 08:00".
func (s *Store) sideText(ctx context.Context, side *protocol.ConflictSide, device string) string {
	verb := "Ditulis"
	who := ""
	at := ""
	if side != nil {
		switch side.Op {
		case protocol.OpDelete:
			verb = "Dihapus"
		case protocol.OpUpdate:
			verb = "Diubah"
		case protocol.OpInsert:
			verb = "Ditambahkan"
		}
		device = side.Device
		switch {
		case side.OPD == protocol.SideBKPSDM:
			who = "BKPSDM"
		case side.OPD != "":
			who = side.OPD
			var nama string
			if err := s.db.QueryRowContext(ctx, "SELECT nama FROM opd WHERE kode = ?", side.OPD).Scan(&nama); err == nil {
				who = nama
			}
		}
		if side.Actor != "" {
			if who != "" {
				who += " (" + side.Actor + ")"
			} else {
				who = side.Actor
			}
		}
		if ts, err := hlc.Parse(side.At); err == nil && ts.WallMS > 0 {
			at = " pada " + time.UnixMilli(ts.WallMS).In(wit).Format("02-01-2006 15:04")
		}
	}
	switch {
	case device != "" && device == s.DeviceID():
		who = "perangkat ini"
	case who == "" && device != "":
		who = "perangkat " + shortID(device)
	case who == "":
		who = "perangkat lain"
	}
	return verb + " oleh " + who + at
}

// wit is the time zone the region reads times in (Sorong: UTC+9).
var wit = time.FixedZone("WIT", 9*3600)

func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// mySide is which side this device wrote: "server", "incoming" or "".
func (s *Store) mySide(c protocol.Conflict) string {
	me := s.DeviceID()
	switch {
	case me == "":
		return ""
	case (c.IncomingSide != nil && c.IncomingSide.Device == me) || (c.IncomingSide == nil && c.DeviceB == me):
		return "incoming"
	case (c.ServerSide != nil && c.ServerSide.Device == me) || (c.ServerSide == nil && c.DeviceA == me):
		return "server"
	}
	return ""
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
// the resolution. The inbox marks it resolved at once. A merge of a
// duplicate NIP goes through MergeDuplicate (the default survivor and no
// values when called here).
func (s *Store) ResolveConflict(ctx context.Context, actor, id, resolution string, values map[string]any) error {
	c, err := s.openConflict(ctx, id)
	if err != nil {
		return err
	}
	if err := checkResolution(c, resolution); err != nil {
		return err
	}
	if resolution == protocol.ResolutionMerge {
		return s.MergeDuplicate(ctx, actor, id, "", values)
	}
	return s.Write(ctx, actor, func(tx *Tx) error { return resolveTx(tx, actor, c, resolution, values, nil) })
}

// openConflict reads an open conflict of the inbox.
func (s *Store) openConflict(ctx context.Context, id string) (protocol.Conflict, error) {
	var c protocol.Conflict
	var body string
	err := s.db.QueryRowContext(ctx, "SELECT body FROM sync_conflict WHERE id = ?", id).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return c, domain.E(domain.KindNotFound, "sync.conflict_not_found", "Konflik tidak ditemukan.", "Conflict not found.")
	}
	if err != nil {
		return c, err
	}
	if err := decodeJSON([]byte(body), &c); err != nil {
		return c, err
	}
	if c.Status == "resolved" {
		return c, domain.E(domain.KindConflict, "sync.conflict_resolved", "Konflik ini sudah diselesaikan.", "This conflict is already resolved.")
	}
	return c, nil
}

func checkResolution(c protocol.Conflict, resolution string) error {
	switch resolution {
	case protocol.ResolutionAccept:
	case protocol.ResolutionMerge, protocol.ResolutionKeep:
		if c.Kind != protocol.ConflictDuplicateNIP {
			return domain.E(domain.KindInvalid, "sync.resolution_invalid", "Pilihan ini hanya untuk NIP ganda.", "This choice is for duplicate NIPs only.")
		}
	default:
		return domain.E(domain.KindInvalid, "sync.resolution_invalid", "Pilihan penyelesaian tidak dikenal.", "Unknown resolution.")
	}
	return nil
}

// restoreImage is the row a re-insert brings back after a row-deleted
// conflict: the row as the server kept it, with the update's values on top
// (the same row whichever of the delete and the update arrived first).
func restoreImage(c protocol.Conflict) map[string]any {
	row := make(map[string]any, len(c.Server)+len(c.Incoming))
	for k, v := range c.Server {
		row[k] = v
	}
	if c.IncomingSide == nil || c.IncomingSide.Op != protocol.OpDelete {
		for k, v := range c.Incoming {
			row[k] = v
		}
	}
	return row
}

// resolveTx writes one resolution inside a write transaction; extra are
// further columns of the resolution change (a merge's survivor and values).
func resolveTx(tx *Tx, actor string, c protocol.Conflict, resolution string, values, extra map[string]any) error {
	t := TableByName(c.Table)
	if len(values) > 0 && t != nil && resolution != protocol.ResolutionMerge {
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
		case isNotFound(err):
			// the row was deleted: bring it back with the kept values
			img := restoreImage(c)
			vals := make([]any, len(t.Cols))
			for i, col := range t.Cols {
				v, ok := values[col]
				if !ok {
					v = img[col]
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
	cols := map[string]any{"status": "resolved", "resolution": resolution}
	for k, v := range extra {
		cols[k] = v
	}
	if err := tx.outbox(tableConflict, c.ID, protocol.OpUpdate, cols); err != nil {
		return err
	}
	c.Status, c.Resolution, c.ResolvedBy = "resolved", resolution, actor
	if sv, ok := extra[protocol.ResolutionSurvivor].(string); ok {
		c.Survivor = sv
	}
	b, _ := json.Marshal(c)
	_, err := tx.tx.ExecContext(tx.ctx, "UPDATE sync_conflict SET status = 'resolved', body = ? WHERE id = ?", string(b), c.ID)
	return err
}

// MergeDuplicate resolves a duplicate NIP by keeping survivor (one of the
// two records; "" = the smaller id) with values chosen field by field; the
// server writes the values to the survivor and makes the other record its
// alias (nothing is written to the rows here: the pull brings the result).
func (s *Store) MergeDuplicate(ctx context.Context, actor, id, survivor string, values map[string]any) error {
	c, err := s.openConflict(ctx, id)
	if err != nil {
		return err
	}
	if err := checkResolution(c, protocol.ResolutionMerge); err != nil {
		return err
	}
	if survivor == "" {
		survivor = min(c.RowID, c.OtherRow)
	}
	if survivor != c.RowID && survivor != c.OtherRow {
		return domain.E(domain.KindInvalid, "sync.merge_survivor", "Data yang dipertahankan harus salah satu dari kedua data.", "The surviving record must be one of the two records.")
	}
	for k := range values {
		if !hasCol(TablePegawai, k) {
			return domain.E(domain.KindInvalid, "sync.resolution_column", "Kolom "+k+" tidak dikenal.", "Unknown column "+k+".")
		}
	}
	extra := map[string]any{protocol.ResolutionSurvivor: survivor}
	if len(values) > 0 {
		extra[protocol.ResolutionValues] = values
	}
	return s.Write(ctx, actor, func(tx *Tx) error { return resolveTx(tx, actor, c, protocol.ResolutionMerge, nil, extra) })
}

// Choices of a resolution by side (the command line and bulk resolution).
const (
	KeepServer = "server" // keep what the row holds on the server now
	KeepMine   = "mine"   // keep the side this device wrote
	KeepBoth   = "both"   // duplicate NIP: two people, both records stay
)

// keepChoice turns a choice by side into a resolution and the values to
// write.
func (s *Store) keepChoice(c protocol.Conflict, keep string) (string, map[string]any, error) {
	switch keep {
	case KeepServer:
		return protocol.ResolutionAccept, nil, nil
	case KeepBoth:
		if c.Kind != protocol.ConflictDuplicateNIP {
			return "", nil, domain.E(domain.KindInvalid, "sync.resolution_invalid", "Pilihan ini hanya untuk NIP ganda.", "This choice is for duplicate NIPs only.")
		}
		return protocol.ResolutionKeep, nil, nil
	case KeepMine:
	default:
		return "", nil, domain.E(domain.KindInvalid, "sync.resolution_invalid", "Pilihan tidak dikenal: "+keep+" (server, mine, both, merge).",
			"Unknown choice: "+keep+" (server, mine, both, merge).")
	}
	side := s.mySide(c)
	if side == "" || c.Kind == protocol.ConflictDuplicateNIP || c.Kind == protocol.ConflictIncompatible {
		return "", nil, domain.E(domain.KindInvalid, "sync.resolution_mine", "Tidak ada sisi konflik ini yang dapat dipilih sebagai milik perangkat ini.",
			"No side of this conflict can be kept as this device's.")
	}
	vals, op := c.Server, protocol.OpUpdate
	if side == "incoming" {
		vals = c.Incoming
		if c.IncomingSide != nil {
			op = c.IncomingSide.Op
		}
	} else if c.ServerSide != nil {
		op = c.ServerSide.Op
	}
	switch {
	case c.Kind == protocol.ConflictRowDeleted && op == protocol.OpDelete:
		return protocol.ResolutionAccept, nil, nil // the row is deleted, as this device wanted
	case c.Kind == protocol.ConflictRowDeleted:
		return protocol.ResolutionAccept, restoreImage(c), nil
	case c.Winner == side:
		return protocol.ResolutionAccept, nil, nil
	}
	out := map[string]any{}
	for _, col := range c.Columns {
		if v, ok := vals[col]; ok {
			out[col] = v
		}
	}
	return protocol.ResolutionAccept, out, nil
}

// ResolveConflictKeep resolves one conflict by side (KeepServer, KeepMine,
// KeepBoth).
func (s *Store) ResolveConflictKeep(ctx context.Context, actor, id, keep string) error {
	c, err := s.openConflict(ctx, id)
	if err != nil {
		return err
	}
	res, vals, err := s.keepChoice(c, keep)
	if err != nil {
		return err
	}
	return s.Write(ctx, actor, func(tx *Tx) error { return resolveTx(tx, actor, c, res, vals, nil) })
}

// BulkResult says what a bulk resolution did.
type BulkResult struct {
	Resolved int `json:"resolved"`
	Skipped  int `json:"skipped"` // the choice does not fit them (e.g. "mine" where this device wrote neither side)
}

// ResolveConflicts resolves every open conflict q selects (its paging is
// ignored) by the same side, in one write transaction. Conflicts the choice
// does not fit, or whose resolution already waits to be pushed, are
// skipped and stay open.
func (s *Store) ResolveConflicts(ctx context.Context, actor string, q ConflictQuery, keep string) (BulkResult, error) {
	var res BulkResult
	if keep != KeepServer && keep != KeepMine && keep != KeepBoth {
		return res, domain.E(domain.KindInvalid, "sync.resolution_invalid", "Pilihan tidak dikenal: "+keep+" (server, mine, both).",
			"Unknown choice: "+keep+" (server, mine, both).")
	}
	q.Status = "open"
	w, args, err := q.where()
	if err != nil {
		return res, err
	}
	rows, err := s.db.QueryContext(ctx, "SELECT body FROM sync_conflict"+w+" AND id NOT IN (SELECT row_id FROM outbox WHERE tbl = ?) ORDER BY seq",
		append(args, protocol.TableConflict)...)
	if err != nil {
		return res, err
	}
	type todo struct {
		c    protocol.Conflict
		res  string
		vals map[string]any
	}
	var list []todo
	for rows.Next() {
		var body string
		var c protocol.Conflict
		if err := rows.Scan(&body); err != nil {
			rows.Close()
			return res, err
		}
		if err := decodeJSON([]byte(body), &c); err != nil {
			rows.Close()
			return res, err
		}
		r, vals, err := s.keepChoice(c, keep)
		if err != nil {
			res.Skipped++
			continue
		}
		list = append(list, todo{c, r, vals})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, err
	}
	if len(list) == 0 {
		return res, nil
	}
	err = s.Write(ctx, actor, func(tx *Tx) error {
		for _, d := range list {
			if err := resolveTx(tx, actor, d.c, d.res, d.vals, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		res.Resolved = len(list)
	}
	return res, err
}

// ConflictFacets counts the open conflicts by kind, table and device, for
// the inbox's bulk filters.
type ConflictFacets struct {
	Kinds   map[string]int `json:"kinds"`
	Tables  map[string]int `json:"tables"`
	Devices []DeviceFacet  `json:"devices"`
}

// DeviceFacet is one device that wrote a side of open conflicts.
type DeviceFacet struct {
	Device string `json:"device"`
	Label  string `json:"label"` // who it is, as the inbox says it
	Count  int    `json:"count"`
}

// ConflictFacets reads the counts of the open conflicts.
func (s *Store) ConflictFacets(ctx context.Context) (ConflictFacets, error) {
	f := ConflictFacets{Kinds: map[string]int{}, Tables: map[string]int{}, Devices: []DeviceFacet{}}
	rows, err := s.db.QueryContext(ctx, "SELECT body FROM sync_conflict WHERE status = 'open'")
	if err != nil {
		return f, err
	}
	var cs []protocol.Conflict
	for rows.Next() {
		var body string
		var c protocol.Conflict
		if err := rows.Scan(&body); err != nil {
			rows.Close()
			return f, err
		}
		if decodeJSON([]byte(body), &c) == nil {
			cs = append(cs, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return f, err
	}
	idx := map[string]int{}
	for _, c := range cs {
		f.Kinds[c.Kind]++
		f.Tables[c.Table]++
		for n, side := range []struct {
			d string
			s *protocol.ConflictSide
		}{{c.DeviceA, c.ServerSide}, {c.DeviceB, c.IncomingSide}} {
			if side.d == "" || (n == 1 && side.d == c.DeviceA) {
				continue
			}
			i, ok := idx[side.d]
			if !ok {
				label := s.sideText(ctx, &protocol.ConflictSide{Device: side.d, OPD: opdOf(side.s)}, side.d)
				label = strings.TrimPrefix(label, "Ditulis oleh ")
				i = len(f.Devices)
				idx[side.d] = i
				f.Devices = append(f.Devices, DeviceFacet{Device: side.d, Label: label})
			}
			f.Devices[i].Count++
		}
	}
	return f, nil
}

func opdOf(s *protocol.ConflictSide) string {
	if s == nil {
		return ""
	}
	return s.OPD
}

func isNotFound(err error) bool {
	var de *domain.Error
	return errors.Is(err, sql.ErrNoRows) || (errors.As(err, &de) && de.Kind == domain.KindNotFound)
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
	// Quarantined: rows from the server that broke a column rule and were
	// not applied (sync_quarantine).
	Quarantined int `json:"quarantined"`
}

// SyncCounts reads the counters of the status indicator.
func (s *Store) SyncCounts(ctx context.Context) (SyncCounts, error) {
	var c SyncCounts
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM outbox), (SELECT count(*) FROM outbox WHERE status IS NULL),
		(SELECT count(*) FROM sync_conflict WHERE status = 'open'), (SELECT count(*) FROM sync_attention WHERE dibaca = 0),
		(SELECT count(*) FROM sync_quarantine)`).
		Scan(&c.Pending, &c.Unsent, &c.Conflicts, &c.Attention, &c.Quarantined)
	return c, err
}
