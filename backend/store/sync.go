package store

// The sync side of the store (docs/sync.md): the outbox guard, the pending
// changes a push sends, the dispositions the server answers, and the apply
// path of a pulled page (base images, rebase of pending edits, conflicts,
// removals, aliases, bezetting_agregat, mutasi_status, cursor) — one
// transaction per page. Tables are those of migration 0006.

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// Meta keys of the sync client.
const (
	MetaSyncServerURL  = "sync_server_url"
	MetaSyncToken      = "sync_token"
	MetaPullCursor     = "pull_cursor"
	MetaPullSeq        = "pull_seq"
	MetaSyncEpoch      = "sync_epoch"
	MetaSyncDataAsOf   = "sync_data_as_of"   // server time of the last pull that reached the head
	MetaSyncLastOK     = "sync_last_success" // local time of the last successful session
	MetaSyncLastError  = "sync_last_error"   // JSON {code, message, messageEn, at}
	MetaSyncInterval   = "sync_interval_minutes"
	MetaSyncRetainDays = "sync_retain_days"
)

// TableBezetting is the server-derived staffing table every device receives.
const TableBezetting = "bezetting_agregat"

// syncSchema is the migration that adds the sync tables and the guard.
const syncSchema = 6

// openGuard lets the synced tables be written inside tx (migration 0006);
// closeGuard removes the row before commit so no other transaction sees it.
func (s *Store) openGuard(ctx context.Context, tx *sql.Tx) error {
	if s.version < syncSchema {
		return nil
	}
	_, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO sync_write_ok(one) VALUES (1)")
	return err
}

func (s *Store) closeGuard(ctx context.Context, tx *sql.Tx) error {
	if s.version < syncSchema {
		return nil
	}
	_, err := tx.ExecContext(ctx, "DELETE FROM sync_write_ok")
	return err
}

// TableByName returns the synced table called name, or nil.
func TableByName(name string) *Table {
	for _, t := range SyncedTables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func getMeta(ctx context.Context, q queryer, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

func putMeta(ctx context.Context, e execer, key, value string) error {
	_, err := e.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
	return err
}

// SyncMeta reads a meta value ("" when unset).
func (s *Store) SyncMeta(ctx context.Context, key string) (string, error) {
	return getMeta(ctx, s.db, key)
}

// SetSyncMeta writes meta values of the sync client (settings, last result).
func (s *Store) SetSyncMeta(ctx context.Context, kv map[string]string) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	keys := make([]string, 0, len(kv))
	for k := range kv {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := putMeta(ctx, tx, k, kv[k]); err != nil {
			return classify(err)
		}
	}
	return classify(tx.Commit())
}

// decodeJSON decodes with numbers kept exact (json.Number).
func decodeJSON(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	return d.Decode(v)
}

// sqlValue turns a JSON value into what SQLite stores.
func sqlValue(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case float64:
		if x == float64(int64(x)) {
			return int64(x)
		}
		return x
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case map[string]any, []any:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return v
}

// UnsentChanges returns up to limit outbox entries the server has not
// answered yet, in local_seq order. A pegawai update that touches the
// placement merge group carries the whole group (docs/sync-protocol.md).
func (s *Store) UnsentChanges(ctx context.Context, limit int) ([]protocol.Change, error) {
	out, _, err := s.unsentChanges(ctx, 0, limit, false)
	return out, err
}

// UnsentChangesRaw is UnsentChanges after a local seq (a push reading its
// next batch skips the entries it had answered, which stay in the outbox
// until the pull passes them), with the columns as the outbox holds their
// JSON (raw[i] for out[i], whose Cols stay nil): json.Marshal wrote it, so
// it is what sending the decoded columns wrote (a region's first upload
// decoded and re-encoded every column of 50,000 changes). Changes the
// placement group widens, deletes and entries that are not one JSON object
// with a column (an empty one is left out of a request) are decoded as
// UnsentChanges does (raw[i] nil).
func (s *Store) UnsentChangesRaw(ctx context.Context, after int64, limit int) ([]protocol.Change, []json.RawMessage, error) {
	return s.unsentChanges(ctx, after, limit, true)
}

func (s *Store) unsentChanges(ctx context.Context, after int64, limit int, keepRaw bool) ([]protocol.Change, []json.RawMessage, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, change_id, tbl, row_id, op, data, hlc, actor, base_seq, schema_version
		FROM outbox WHERE status IS NULL AND seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []protocol.Change
	var raws []json.RawMessage
	for rows.Next() {
		var c protocol.Change
		var data []byte
		if err := rows.Scan(&c.LocalSeq, &c.ChangeID, &c.Table, &c.RowID, &c.Op, &data, &c.HLC, &c.Actor, &c.BaseSeq, &c.SchemaVersion); err != nil {
			return nil, nil, err
		}
		var raw json.RawMessage
		if c.Op != protocol.OpDelete {
			if keepRaw && !widens(&c) && len(data) > 1 && data[0] == '{' && data[len(data)-1] == '}' && bytes.IndexByte(data, ':') > 0 && json.Valid(data) {
				raw = data
			} else if err := decodeJSON(data, &c.Cols); err != nil {
				return nil, nil, fmt.Errorf("outbox %d: %w", c.LocalSeq, err)
			}
		}
		out = append(out, c)
		raws = append(raws, raw)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows.Close()
	for i := range out {
		if err := s.widenGroup(ctx, &out[i]); err != nil {
			return nil, nil, err
		}
	}
	return out, raws, nil
}

// widens: the change may be widened by widenGroup (so its columns are
// needed decoded).
func widens(c *protocol.Change) bool {
	return c.Table == TablePegawai.Name && c.Op == protocol.OpUpdate
}

var placementGroup = []string{"opd_id", "unit_id", "jabatan_id", "tmt_jabatan"}

func (s *Store) widenGroup(ctx context.Context, c *protocol.Change) error {
	if !widens(c) {
		return nil
	}
	touched := false
	for _, col := range placementGroup {
		if _, ok := c.Cols[col]; ok {
			touched = true
		}
	}
	if !touched {
		return nil
	}
	vals := make([]any, len(placementGroup))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	err := s.db.QueryRowContext(ctx, "SELECT "+strings.Join(placementGroup, ", ")+" FROM pegawai WHERE id = ?", c.RowID).Scan(ptrs...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	for i, col := range placementGroup {
		if _, ok := c.Cols[col]; !ok {
			c.Cols[col] = vals[i]
		}
	}
	return nil
}

// RecordDispositions stores the server's answers to pushed changes. The
// entries stay in the outbox (and in the visible rows) until the pull cursor
// reaches their ack_seq.
func (s *Store) RecordDispositions(ctx context.Context, ds []protocol.Disposition) error {
	if len(ds) == 0 {
		return nil
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	if err := recordDispositions(ctx, tx, ds); err != nil {
		return err
	}
	return classify(tx.Commit())
}

func recordDispositions(ctx context.Context, tx *sql.Tx, ds []protocol.Disposition) error {
	// Answers of one statement each cost a region upload a statement per
	// change: whole sets of dispositionsPerStmt go as one UPDATE … FROM
	// VALUES, unless a change is answered twice (then in order, the last
	// answer kept, one statement each as before).
	seen := make(map[string]bool, len(ds))
	for _, d := range ds {
		if seen[d.ChangeID] {
			return recordEach(ctx, tx, ds)
		}
		seen[d.ChangeID] = true
	}
	if n := len(ds) / dispositionsPerStmt * dispositionsPerStmt; n > 0 {
		st, err := tx.PrepareContext(ctx, dispositionsQuery)
		if err != nil {
			return err
		}
		defer st.Close()
		args := make([]any, 0, 5*dispositionsPerStmt)
		for i := 0; i < n; i += dispositionsPerStmt {
			args = args[:0]
			for _, d := range ds[i : i+dispositionsPerStmt] {
				args = append(args, d.Status, d.Reason, nullIfEmpty(d.ConflictID), d.AckSeq, d.ChangeID)
			}
			if _, err := st.ExecContext(ctx, args...); err != nil {
				return err
			}
		}
		ds = ds[n:]
	}
	return recordEach(ctx, tx, ds)
}

const dispositionsPerStmt = 64

var dispositionsQuery = `UPDATE outbox SET status = v.column1, reason = v.column2, conflict_id = v.column3, ack_seq = v.column4 FROM (VALUES ` +
	strings.TrimSuffix(strings.Repeat("(?,?,?,?,?),", dispositionsPerStmt), ",") + `) AS v WHERE outbox.change_id = v.column5`

func recordEach(ctx context.Context, tx *sql.Tx, ds []protocol.Disposition) error {
	if len(ds) == 0 {
		return nil
	}
	st, err := tx.PrepareContext(ctx, "UPDATE outbox SET status = ?, reason = ?, conflict_id = ?, ack_seq = ? WHERE change_id = ?")
	if err != nil {
		return err
	}
	defer st.Close()
	for _, d := range ds {
		if _, err := st.ExecContext(ctx, d.Status, d.Reason, nullIfEmpty(d.ConflictID), d.AckSeq, d.ChangeID); err != nil {
			return err
		}
	}
	return nil
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// RequeueSent puts acknowledged changes with local_seq > after back into the
// outbox, unanswered, and forgets the answers of entries still there: the
// server lost them (restore from an older backup). It returns how many
// changes will be pushed again.
func (s *Store) RequeueSent(ctx context.Context, after int64) (int, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, classify(err)
	}
	defer tx.Rollback()
	n, err := requeueSent(ctx, tx, after)
	if err != nil {
		return 0, err
	}
	return n, classify(tx.Commit())
}

func requeueSent(ctx context.Context, tx *sql.Tx, after int64) (int, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO outbox(seq, change_id, tbl, row_id, op, data, hlc, actor, created_at, base_seq, schema_version)
		SELECT local_seq, change_id, tbl, row_id, op, data, hlc, actor, created_at, base_seq, schema_version FROM sync_sent WHERE local_seq > ?`, after)
	if err != nil {
		return 0, err
	}
	moved, _ := res.RowsAffected()
	if _, err := tx.ExecContext(ctx, "DELETE FROM sync_sent WHERE local_seq > ?", after); err != nil {
		return 0, err
	}
	res, err = tx.ExecContext(ctx, "UPDATE outbox SET status = NULL, reason = NULL, conflict_id = NULL, ack_seq = NULL WHERE seq > ? AND status IS NOT NULL", after)
	if err != nil {
		return 0, err
	}
	reset, _ := res.RowsAffected()
	return int(moved + reset), nil
}

// ResetForEpoch handles a server whose history changed (410 or a new
// epoch): the cursor goes back to the start (the next pull is a snapshot),
// the outbox is kept, and the retained acknowledged changes are queued again.
func (s *Store) ResetForEpoch(ctx context.Context, epoch string) (int, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, classify(err)
	}
	defer tx.Rollback()
	n, err := requeueSent(ctx, tx, 0)
	if err != nil {
		return 0, err
	}
	// The pull from "" is a complete snapshot: what it does not bring back
	// is dropped when it reaches the head (ApplyPull).
	for _, q := range []string{"UPDATE sync_base SET seq = -1", "UPDATE bezetting_agregat SET seq = -1"} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return 0, err
		}
	}
	for k, v := range map[string]string{MetaPullCursor: "", MetaPullSeq: "0", MetaSyncEpoch: epoch} {
		if err := putMeta(ctx, tx, k, v); err != nil {
			return 0, err
		}
	}
	return n, classify(tx.Commit())
}

// PullApply is one pulled page to apply.
type PullApply struct {
	From  string // the cursor the page was requested with; a page for another cursor is stale and ignored
	Force bool   // apply whatever the current cursor (a pull bundle); rows older than the base are skipped
	Page  protocol.PullResponse
	Fault func(point string) error // test hook: "mid-apply" inside the transaction
}

// PullResult says what a page did.
type PullResult struct {
	Stale        bool `json:"stale"`
	Rows         int  `json:"rows"`
	Removed      int  `json:"removed"`
	Conflicts    int  `json:"conflicts"`
	Rejected     int  `json:"rejected"`
	Dispositions int  `json:"dispositions"`
	Dropped      int  `json:"dropped"`
	Held         int  `json:"held"` // rows kept only in the base because a local unique key clashes (after this page)
	// Quarantined rows broke a column rule (sync/rules) and were not
	// applied; Problem names the first.
	Quarantined int    `json:"quarantined"`
	Problem     string `json:"problem,omitempty"`
	Cursor      string `json:"cursor"`
	Seq         int64  `json:"seq"`
}

type rowKey struct{ tbl, id string }

// cursorSeq reads the seq out of a cursor "<epoch>:<seq>" (0 if opaque).
func cursorSeq(c string) int64 {
	i := strings.LastIndexByte(c, ':')
	n, err := strconv.ParseInt(c[i+1:], 10, 64)
	if err != nil {
		return 0
	}
	return n
}

// ApplyPull applies one page in ONE transaction: base images, dispositions,
// conflicts, removals and aliases, bezetting_agregat, the outbox entries
// whose acknowledgement has now been pulled leave (rejected/conflict ones into
// sync_attention first), the touched visible rows are recomputed as base +
// pending local edits, mutasi_status is rebuilt for touched requests, the
// HLC observes the page, and meta pull_cursor moves (which changes
// DataVersion). Foreign keys are not enforced on this connection during the
// page: a compacted log may deliver a child before its parent's newer image.
func (s *Store) ApplyPull(ctx context.Context, in PullApply) (PullResult, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	res := PullResult{}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return res, classify(err)
	}
	defer conn.Close()
	// temp_store: the statement journals of the guarded upserts stay in
	// memory instead of temp files (measured: most of the page's syscalls).
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF; PRAGMA temp_store = MEMORY"); err != nil {
		return res, err
	}
	defer conn.ExecContext(context.Background(), "PRAGMA foreign_keys = ON; PRAGMA temp_store = DEFAULT")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return res, classify(err)
	}
	defer tx.Rollback()
	cur, err := getMeta(ctx, tx, MetaPullCursor)
	if err != nil {
		return res, err
	}
	if !in.Force && cur != in.From {
		res.Stale, res.Cursor = true, cur
		return res, nil
	}
	seqStr, err := getMeta(ctx, tx, MetaPullSeq)
	if err != nil {
		return res, err
	}
	oldSeq, _ := strconv.ParseInt(seqStr, 10, 64)
	if err := s.openGuard(ctx, tx); err != nil {
		return res, err
	}
	perTable := map[string]int{}
	for _, e := range in.Page.Entries {
		if e.Kind == protocol.KindRow {
			perTable[e.Table]++
		}
	}
	bulk, err := suspendAggregates(ctx, tx, perTable)
	if err != nil {
		return res, err
	}
	guards, err := suspendGuards(ctx, tx, perTable)
	if err != nil {
		return res, err
	}
	// sized for the page's rows: a first sync's page grew both maps from
	// empty through every doubling
	rows := 0
	for _, n := range perTable {
		rows += n
	}
	a := &applier{ctx: ctx, tx: tx, s: s, stmts: map[string]*sql.Stmt{}, touched: make(map[rowKey]bool, rows), images: make(map[rowKey]map[string]any, rows),
		usulan: map[string]bool{}, res: &res, force: in.Force}
	defer a.close()
	if a.held, err = a.heldRows(); err != nil {
		return res, err
	}
	var maxHLC hlc.Timestamp
	var maxStr string
	newSeq := oldSeq
	half := len(in.Page.Entries) / 2
	for i, e := range in.Page.Entries {
		if i == half && in.Fault != nil {
			if err := in.Fault("mid-apply"); err != nil {
				return PullResult{}, err
			}
		}
		// the String form is fixed-width digits: the latest is the greatest
		// string, parsed once after the loop
		if e.HLC > maxStr && len(e.HLC) == 26 && e.HLC[15] == '.' {
			maxStr = e.HLC
		}
		if e.Seq > newSeq {
			newSeq = e.Seq
		}
		if err := a.entry(e); err != nil {
			return PullResult{}, fmt.Errorf("sync apply seq %d (%s %s): %w", e.Seq, e.Kind, e.Table, err)
		}
	}
	if err := a.flushBase(); err != nil {
		return PullResult{}, err
	}
	if ts, err := hlc.Parse(maxStr); err == nil {
		maxHLC = ts
	} else if maxStr != "" { // not digits after all: every one as before
		for _, e := range in.Page.Entries {
			if ts, err := hlc.Parse(e.HLC); err == nil && maxHLC.Less(ts) {
				maxHLC = ts
			}
		}
	}
	if cs := cursorSeq(in.Page.NextCursor); cs > newSeq {
		newSeq = cs
	}
	if in.Force && newSeq <= oldSeq {
		newSeq = oldSeq
	}
	if !in.Force && !in.Page.HasMore {
		if err := a.dropUnconfirmed(); err != nil {
			return PullResult{}, err
		}
	}
	if err := a.dropAcknowledged(newSeq); err != nil {
		return PullResult{}, err
	}
	if err := a.rebase(); err != nil {
		return PullResult{}, err
	}
	if err := resumeGuards(ctx, tx, guards); err != nil {
		return PullResult{}, err
	}
	if err := resumeAggregates(ctx, tx, bulk); err != nil {
		return PullResult{}, err
	}
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sync_held").Scan(&res.Held); err != nil {
		return PullResult{}, err
	}
	if err := a.rebuildStatus(); err != nil {
		return PullResult{}, err
	}
	if ts, err := hlc.Parse(in.Page.ServerHLC); err == nil && maxHLC.Less(ts) {
		maxHLC = ts
	}
	if !maxHLC.IsZero() {
		s.clock.Observe(maxHLC)
	}
	cursor := in.Page.NextCursor
	if in.Force && cursorSeq(cursor) < oldSeq {
		cursor = cur
	}
	meta := map[string]string{MetaPullCursor: cursor, MetaPullSeq: strconv.FormatInt(newSeq, 10), "hlc": s.clock.Last().String()}
	if in.Page.ServerEpoch != "" {
		meta[MetaSyncEpoch] = in.Page.ServerEpoch
	}
	if !in.Page.HasMore && in.Page.ServerTime != "" {
		meta[MetaSyncDataAsOf] = in.Page.ServerTime
	}
	for k, v := range meta {
		if err := putMeta(ctx, tx, k, v); err != nil {
			return PullResult{}, err
		}
	}
	if err := a.purgeSent(); err != nil {
		return PullResult{}, err
	}
	if err := s.closeGuard(ctx, tx); err != nil {
		return PullResult{}, err
	}
	if err := tx.Commit(); err != nil {
		return PullResult{}, classify(err)
	}
	res.Cursor, res.Seq = cursor, newSeq
	return res, nil
}

type applier struct {
	ctx     context.Context
	tx      *sql.Tx
	s       *Store
	stmts   map[string]*sql.Stmt
	touched map[rowKey]bool
	images  map[rowKey]map[string]any // base images written by this page (nil = removed)
	held    map[rowKey]bool           // rows in sync_held when the page started
	usulan  map[string]bool
	res     *PullResult
	force   bool
	buf     []byte      // the JSON of the row being written
	vb      visibleRows // visible rows not yet written
	bb      baseRows    // base images not yet written
}

// baseRows are base images row() has not written yet: many to a statement,
// flushed before anything else reads or deletes sync_base.
type baseRows struct {
	keys map[rowKey]bool
	args []any // tbl, row_id, seq, hlc, row, extra per row
}

const baseUpsert = `INSERT INTO sync_base(tbl, row_id, seq, hlc, row, extra) VALUES %s
	ON CONFLICT(tbl, row_id) DO UPDATE SET seq = excluded.seq, hlc = excluded.hlc, row = excluded.row, extra = excluded.extra`

func (a *applier) addBase(k rowKey, seq int64, hlc, row string, extra any) error {
	if a.bb.keys[k] { // one statement may not write a row twice
		if err := a.flushBase(); err != nil {
			return err
		}
	}
	if a.bb.keys == nil {
		a.bb.keys = map[rowKey]bool{}
	}
	a.bb.keys[k] = true
	a.bb.args = append(a.bb.args, k.tbl, k.id, seq, hlc, row, extra)
	if len(a.bb.keys) == visibleBatch {
		return a.flushBase()
	}
	return nil
}

func (a *applier) flushBase() error {
	n := len(a.bb.keys)
	if n == 0 {
		return nil
	}
	key := "base:" + strconv.Itoa(n)
	st, ok := a.stmts[key]
	if !ok {
		var err error
		q := fmt.Sprintf(baseUpsert, strings.TrimSuffix(strings.Repeat("(?,?,?,?,?,?), ", n), ", "))
		if st, err = a.stmt(key, q); err != nil {
			return err
		}
	}
	_, err := st.ExecContext(a.ctx, a.bb.args...)
	clear(a.bb.keys)
	a.bb.args = a.bb.args[:0]
	return err
}

func (a *applier) close() {
	for _, st := range a.stmts {
		st.Close()
	}
}

func (a *applier) stmt(key, q string) (*sql.Stmt, error) {
	if st, ok := a.stmts[key]; ok {
		return st, nil
	}
	st, err := a.tx.PrepareContext(a.ctx, q)
	if err != nil {
		return nil, err
	}
	a.stmts[key] = st
	return st, nil
}

func (a *applier) exec(key, q string, args ...any) error {
	st, err := a.stmt(key, q)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(a.ctx, args...)
	return err
}

func (a *applier) entry(e protocol.Entry) error {
	switch e.Kind {
	case protocol.KindRow:
		return a.row(e)
	case protocol.KindDisposition:
		if e.Disposition == nil {
			return nil
		}
		a.res.Dispositions++
		if e.Disposition.Status == protocol.StatusRejected {
			a.res.Rejected++
		}
		return recordDispositionsStmt(a, *e.Disposition)
	case protocol.KindConflict:
		if e.Conflict == nil {
			return nil
		}
		a.res.Conflicts++
		c := *e.Conflict
		body, _ := json.Marshal(c)
		return a.exec("conflict", `INSERT INTO sync_conflict(id, tbl, row_id, kind, status, body, seq, created_at) VALUES (?,?,?,?,?,?,?,?)
			ON CONFLICT(id) DO UPDATE SET status = excluded.status, body = excluded.body, seq = excluded.seq`,
			c.ID, c.Table, c.RowID, c.Kind, c.Status, string(body), e.Seq, c.CreatedAt)
	case protocol.KindAlias:
		return a.alias(e)
	}
	return nil // unknown kinds from a newer server are skipped
}

func recordDispositionsStmt(a *applier, d protocol.Disposition) error {
	return a.exec("disp", "UPDATE outbox SET status = ?, reason = ?, conflict_id = ?, ack_seq = ? WHERE change_id = ?",
		d.Status, d.Reason, nullIfEmpty(d.ConflictID), d.AckSeq, d.ChangeID)
}

// ErrPartialBase: a pulled page holds a partial row (protocol v3) whose
// other columns this device does not hold as they are now (no base image,
// or one older than the entry's Base): nothing of the page was applied, and
// the client asks for the page again with whole rows.
var ErrPartialBase = errors.New("partial row without its base image")

// partial builds the whole row of a partial entry: its base image with the
// entry's columns on top.
func (a *applier) partial(e *protocol.Entry) error {
	if e.Table == TableBezetting {
		return ErrPartialBase
	}
	if _, ok := a.images[rowKey{e.Table, e.RowID}]; ok {
		return ErrPartialBase // written by this page already: never expected
	}
	st, err := a.stmt("base-partial", "SELECT seq, row, coalesce(extra, '') FROM sync_base WHERE tbl = ? AND row_id = ?")
	if err != nil {
		return err
	}
	var seq int64
	var js, ex string
	err = st.QueryRowContext(a.ctx, e.Table, e.RowID).Scan(&seq, &js, &ex)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && seq < e.Base) {
		return ErrPartialBase
	}
	if err != nil {
		return err
	}
	row := map[string]any{}
	if err := decodeJSON([]byte(js), &row); err != nil {
		return err
	}
	for c, v := range e.Row {
		row[c] = v
	}
	var extra map[string]any
	if ex != "" {
		if err := decodeJSON([]byte(ex), &extra); err != nil {
			return err
		}
	}
	if len(e.Extra) > 0 && extra == nil {
		extra = map[string]any{}
	}
	for c, v := range e.Extra {
		extra[c] = v
	}
	e.Row, e.Extra, e.Partial, e.Base = row, extra, false, 0
	return nil
}

func (a *applier) row(e protocol.Entry) error {
	if e.Partial && !e.Deleted {
		if err := a.flushBase(); err != nil {
			return err
		}
		if err := a.partial(&e); err != nil {
			return err
		}
	}
	if e.Table == TableBezetting {
		if e.Deleted {
			return a.exec("bz-del", "DELETE FROM bezetting_agregat WHERE id = ?", e.RowID)
		}
		if bad, err := a.quarantine(e); err != nil || bad {
			return err
		}
		a.res.Rows++
		return a.exec("bz", `INSERT INTO bezetting_agregat(id, opd_id, unit_id, jabatan_id, jumlah, seq) VALUES (?,?,?,?,?,?)
			ON CONFLICT(id) DO UPDATE SET opd_id = excluded.opd_id, unit_id = excluded.unit_id, jabatan_id = excluded.jabatan_id,
			jumlah = excluded.jumlah, seq = excluded.seq`,
			e.RowID, sqlValue(e.Row["opd_id"]), sqlValue(e.Row["unit_id"]), sqlValue(e.Row["jabatan_id"]), sqlValue(e.Row["jumlah"]), e.Seq)
	}
	if a.force {
		if err := a.flushBase(); err != nil {
			return err
		}
		var have int64
		err := a.tx.QueryRowContext(a.ctx, "SELECT seq FROM sync_base WHERE tbl = ? AND row_id = ?", e.Table, e.RowID).Scan(&have)
		if err == nil && have >= e.Seq {
			return nil // a bundle page already applied
		}
	}
	known := TableByName(e.Table) != nil
	if known && !e.Deleted {
		if bad, err := a.quarantine(e); err != nil || bad {
			return err
		}
	}
	if known {
		if e.Deleted {
			a.images[rowKey{e.Table, e.RowID}] = nil
		} else {
			a.images[rowKey{e.Table, e.RowID}] = e.Row
		}
	}
	if e.Deleted {
		a.res.Removed++
		if err := a.flushBase(); err != nil {
			return err
		}
		if err := a.exec("base-del", "DELETE FROM sync_base WHERE tbl = ? AND row_id = ?", e.Table, e.RowID); err != nil {
			return err
		}
	} else {
		a.res.Rows++
		row, err := rowJSON(a.buf[:0], e.Row)
		if err != nil {
			row = nil // as json.Marshal's error was dropped: an empty string
		}
		a.buf = row
		var extra any
		if len(e.Extra) > 0 {
			b, _ := json.Marshal(e.Extra)
			extra = string(b)
		}
		if err := a.addBase(rowKey{e.Table, e.RowID}, e.Seq, e.HLC, string(row), extra); err != nil {
			return err
		}
	}
	if known {
		a.touched[rowKey{e.Table, e.RowID}] = true
		switch e.Table {
		case TableLampiran.Name:
			// the file travels after the rows (sync/client): until it
			// arrives the row's file is "belum diterima", not lost
			if sha, ok := e.Row["sha256"].(string); ok && !e.Deleted && len(sha) == 64 {
				if err := a.exec("berkas", `INSERT INTO lampiran_berkas(sha256, unduh) VALUES (?, 'MENUNGGU') ON CONFLICT(sha256) DO NOTHING`, sha); err != nil {
					return err
				}
			}
		case TableUsulan.Name:
			a.usulan[e.RowID] = true
		case TableEvent.Name:
			if u, ok := e.Row["usulan_id"].(string); ok {
				a.usulan[u] = true
			} else if u, err := a.visibleCol(TableEvent, e.RowID, "usulan_id"); err == nil && u != "" {
				a.usulan[u] = true
			}
		}
	}
	return nil
}

func (a *applier) visibleCol(t *Table, id, col string) (string, error) {
	var v sql.NullString
	err := a.tx.QueryRowContext(a.ctx, "SELECT "+col+" FROM "+t.Name+" WHERE id = ?", id).Scan(&v)
	return v.String, err
}

// aliasRefs are the columns that name a pegawai and are re-pointed when a
// duplicate-NIP merge makes one row an alias of the other.
var aliasRefs = []struct{ table, col string }{
	{"riwayat_jabatan", "pegawai_id"}, {"skp", "pegawai_id"}, {"hukdis", "pegawai_id"}, {"mutasi_usulan", "pegawai_id"},
}

func (a *applier) alias(e protocol.Entry) error {
	target, _ := e.Row["alias_of"].(string)
	if target == "" {
		return nil
	}
	if err := a.flushBase(); err != nil {
		return err
	}
	if err := a.exec("alias", "INSERT INTO sync_alias(tbl, row_id, alias_of) VALUES (?,?,?) ON CONFLICT(tbl, row_id) DO UPDATE SET alias_of = excluded.alias_of",
		e.Table, e.RowID, target); err != nil {
		return err
	}
	if e.Table == TablePegawai.Name {
		for _, r := range aliasRefs {
			if _, err := a.tx.ExecContext(a.ctx, "UPDATE "+r.table+" SET "+r.col+" = ? WHERE "+r.col+" = ?", target, e.RowID); err != nil {
				return err
			}
		}
	}
	if err := a.exec("base-del", "DELETE FROM sync_base WHERE tbl = ? AND row_id = ?", e.Table, e.RowID); err != nil {
		return err
	}
	if TableByName(e.Table) != nil {
		a.touched[rowKey{e.Table, e.RowID}] = true
		a.images[rowKey{e.Table, e.RowID}] = nil
	}
	return nil
}

// dropAcknowledged removes the outbox entries whose acknowledgement the
// cursor has reached: into sync_sent (retained for a re-push after a server
// restore), and those rejected or in conflict into sync_attention first.
func (a *applier) dropAcknowledged(upTo int64) error {
	rows, err := a.tx.QueryContext(a.ctx, `SELECT seq, change_id, tbl, row_id, op, data, status, coalesce(reason, ''), conflict_id
		FROM outbox WHERE ack_seq IS NOT NULL AND ack_seq <= ?`, upTo)
	if err != nil {
		return err
	}
	type gone struct {
		seq                                int64
		changeID, tbl, rowID, op, data, st string
		reason                             string
		conflict                           sql.NullString
	}
	var gs []gone
	for rows.Next() {
		var g gone
		if err := rows.Scan(&g.seq, &g.changeID, &g.tbl, &g.rowID, &g.op, &g.data, &g.st, &g.reason, &g.conflict); err != nil {
			rows.Close()
			return err
		}
		gs = append(gs, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(gs) == 0 {
		return nil
	}
	now := a.s.now().UTC().Format(time.RFC3339Nano)
	for _, g := range gs {
		if g.st == protocol.StatusRejected || g.st == protocol.StatusConflict {
			if err := a.exec("attn", `INSERT OR IGNORE INTO sync_attention(change_id, local_seq, tbl, row_id, op, data, status, reason, conflict_id, at)
				VALUES (?,?,?,?,?,?,?,?,?,?)`, g.changeID, g.seq, g.tbl, g.rowID, g.op, g.data, g.st, g.reason, g.conflict, now); err != nil {
				return err
			}
		}
		if TableByName(g.tbl) != nil {
			a.touched[rowKey{g.tbl, g.rowID}] = true
		}
	}
	if _, err := a.tx.ExecContext(a.ctx, `INSERT OR REPLACE INTO sync_sent(local_seq, change_id, tbl, row_id, op, data, hlc, actor, created_at, base_seq,
		schema_version, status, reason, ack_seq, dropped_at)
		SELECT seq, change_id, tbl, row_id, op, data, hlc, actor, created_at, base_seq, schema_version, status, reason, ack_seq, ?
		FROM outbox WHERE ack_seq IS NOT NULL AND ack_seq <= ?`, now, upTo); err != nil {
		return err
	}
	if _, err := a.tx.ExecContext(a.ctx, "DELETE FROM outbox WHERE ack_seq IS NOT NULL AND ack_seq <= ?", upTo); err != nil {
		return err
	}
	a.res.Dropped += len(gs)
	return nil
}

func (a *applier) heldRows() (map[rowKey]bool, error) {
	rows, err := a.tx.QueryContext(a.ctx, "SELECT tbl, row_id FROM sync_held")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[rowKey]bool{}
	for rows.Next() {
		var k rowKey
		if err := rows.Scan(&k.tbl, &k.id); err != nil {
			return nil, err
		}
		out[k] = true
	}
	return out, rows.Err()
}

// dropUnconfirmed forgets, once a pull from "" after an epoch change reached
// the head, the base rows (and staffing rows) the new snapshot did not bring
// back: the restored server never had them or lost them. A pending local
// insert of such a row keeps it visible (and its re-push brings it back).
func (a *applier) dropUnconfirmed() error {
	rows, err := a.tx.QueryContext(a.ctx, "SELECT tbl, row_id FROM sync_base WHERE seq < 0")
	if err != nil {
		return err
	}
	var keys []rowKey
	for rows.Next() {
		var k rowKey
		if err := rows.Scan(&k.tbl, &k.id); err != nil {
			rows.Close()
			return err
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, k := range keys {
		if err := a.exec("base-del", "DELETE FROM sync_base WHERE tbl = ? AND row_id = ?", k.tbl, k.id); err != nil {
			return err
		}
		if TableByName(k.tbl) != nil {
			a.touched[k] = true
			a.images[k] = nil
			a.res.Removed++
		}
	}
	_, err = a.tx.ExecContext(a.ctx, "DELETE FROM bezetting_agregat WHERE seq < 0")
	return err
}

// tableRank is each synced table's place in SyncedTables.
var tableRank = func() map[string]int {
	m := make(map[string]int, len(SyncedTables))
	for i, t := range SyncedTables {
		m[t.Name] = i
	}
	return m
}()

// rebase recomputes each touched visible row as its base image with the
// pending outbox entries of that row replayed on top, in local order.
func (a *applier) rebase() error {
	if len(a.touched) == 0 {
		return nil
	}
	var pending int
	if err := a.tx.QueryRowContext(a.ctx, "SELECT count(*) FROM outbox").Scan(&pending); err != nil {
		return err
	}
	// parents first, so a row's own UNIQUE checks see a settled table order;
	// within a table by id (bucketed by table: a first sync sorted 50,000
	// keys with two map look-ups per comparison)
	byTable := make([][]string, len(SyncedTables))
	for k := range a.touched {
		if r, ok := tableRank[k.tbl]; ok { // only synced tables are touched
			byTable[r] = append(byTable[r], k.id)
		}
	}
	for r, ids := range byTable {
		slices.Sort(ids)
		t := SyncedTables[r]
		for _, id := range ids {
			k := rowKey{t.Name, id}
			row, err := a.baseRow(k, pending > 0)
			if err != nil {
				return err
			}
			if pending > 0 {
				if row, err = a.replay(k, row); err != nil {
					return err
				}
			}
			if err := a.writeVisible(t, k.id, row); err != nil {
				return err
			}
		}
	}
	if err := a.flushVisible(); err != nil {
		return err
	}
	// rows held back by a local UNIQUE key get another try: the row that
	// held the key may have just left (its rejection was pulled).
	held, err := a.heldRows()
	if err != nil {
		return err
	}
	for k := range held {
		if a.touched[k] && !a.retry(k) {
			continue
		}
		t := TableByName(k.tbl)
		if t == nil {
			continue
		}
		row, err := a.baseRow(k, true)
		if err != nil {
			return err
		}
		if row, err = a.replay(k, row); err != nil {
			return err
		}
		if err := a.writeVisible(t, k.id, row); err != nil {
			return err
		}
	}
	return a.flushVisible()
}

// retry says whether a held row touched by this page is still held after
// its own write (then another try after the whole page may fit).
func (a *applier) retry(k rowKey) bool {
	var one int
	return a.tx.QueryRowContext(a.ctx, "SELECT 1 FROM sync_held WHERE tbl = ? AND row_id = ?", k.tbl, k.id).Scan(&one) == nil
}

// baseRow is the base image of k; forReplay: a copy the replay may change.
func (a *applier) baseRow(k rowKey, forReplay bool) (map[string]any, error) {
	if img, ok := a.images[k]; ok {
		if img == nil || !forReplay {
			return img, nil
		}
		row := make(map[string]any, len(img)) // replay must not change the page's own map
		for c, v := range img {
			row[c] = v
		}
		return row, nil
	}
	st, err := a.stmt("base-get", "SELECT row FROM sync_base WHERE tbl = ? AND row_id = ?")
	if err != nil {
		return nil, err
	}
	var js string
	err = st.QueryRowContext(a.ctx, k.tbl, k.id).Scan(&js)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var row map[string]any
	if err := decodeJSON([]byte(js), &row); err != nil {
		return nil, err
	}
	return row, nil
}

func (a *applier) replay(k rowKey, row map[string]any) (map[string]any, error) {
	st, err := a.stmt("pend", "SELECT op, data FROM outbox WHERE tbl = ? AND row_id = ? ORDER BY seq")
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(a.ctx, k.tbl, k.id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var op, data string
		if err := rows.Scan(&op, &data); err != nil {
			return nil, err
		}
		var cols map[string]any
		if err := decodeJSON([]byte(data), &cols); err != nil {
			return nil, err
		}
		switch op {
		case protocol.OpInsert:
			if row == nil {
				row = map[string]any{}
			}
			for c, v := range cols {
				row[c] = v
			}
		case protocol.OpUpdate:
			if row != nil {
				for c, v := range cols {
					row[c] = v
				}
			}
		case protocol.OpDelete:
			row = nil
		}
	}
	return row, rows.Err()
}

// writeVisible makes the visible row equal row (nil: absent). A row that a
// local UNIQUE key refuses (two records with one NIP while a duplicate-nip
// conflict is open; two events with one seq) stays in the base only. Rows
// written in a row of one table go to SQLite in multi-row statements
// (flushVisible); a statement a key refuses is written again row by row,
// so the same rows are held as when each row was its own statement.
func (a *applier) writeVisible(t *Table, id string, row map[string]any) error {
	k := rowKey{t.Name, id}
	if a.held[k] {
		if err := a.flushVisible(); err != nil {
			return err
		}
		if err := a.exec("held-del", "DELETE FROM sync_held WHERE tbl = ? AND row_id = ?", t.Name, id); err != nil {
			return err
		}
		delete(a.held, k)
	}
	if a.vb.t != t || row == nil {
		if err := a.flushVisible(); err != nil {
			return err
		}
	}
	if row == nil {
		return a.exec("vdel:"+t.Name, "DELETE FROM "+t.Name+" WHERE id = ?", id)
	}
	if t.Name == TablePegawai.Name {
		nip, _ := row["nip"].(string)
		if a.vb.nips[nip] {
			if err := a.flushVisible(); err != nil { // the clash check must see it
				return err
			}
		}
		if clash, err := a.nipClash(id, row); err != nil {
			return err
		} else if clash {
			if err := a.flushVisible(); err != nil {
				return err
			}
			return a.hold(k)
		}
		if a.vb.nips == nil {
			a.vb.nips = map[string]bool{}
		}
		a.vb.nips[nip] = true
	}
	a.vb.t = t
	a.vb.ids = append(a.vb.ids, id)
	a.vb.args = append(a.vb.args, id)
	for _, c := range t.Cols {
		a.vb.args = append(a.vb.args, sqlValue(row[c]))
	}
	if len(a.vb.ids) == visibleBatch {
		return a.flushVisible()
	}
	return nil
}

// visibleBatch rows per statement: fewer statements (each with its own
// statement journal) for the same b-tree work; ≤ 64 × 32 parameters.
const visibleBatch = 64

// visibleRows is the batch writeVisible has not written yet.
type visibleRows struct {
	t    *Table
	ids  []string
	args []any           // id and the columns, per row
	nips map[string]bool // pegawai: the NIPs in the batch
}

func upsertSQL(t *Table, rows int) string {
	sets := make([]string, len(t.Cols))
	for i, c := range t.Cols {
		sets[i] = c + " = excluded." + c
	}
	one := "(?" + strings.Repeat(", ?", len(t.Cols)) + ")"
	return fmt.Sprintf("INSERT INTO %s (id, %s) VALUES %s ON CONFLICT(id) DO UPDATE SET %s",
		t.Name, strings.Join(t.Cols, ", "), strings.TrimSuffix(strings.Repeat(one+", ", rows), ", "), strings.Join(sets, ", "))
}

func (a *applier) flushVisible() error {
	b := &a.vb
	n := len(b.ids)
	if n == 0 {
		return nil
	}
	t, w := b.t, len(b.t.Cols)+1
	defer func() {
		b.ids, b.args = b.ids[:0], b.args[:0]
		clear(b.nips)
	}()
	if n > 1 {
		key := "vup:" + t.Name + ":" + strconv.Itoa(n)
		st, ok := a.stmts[key]
		if !ok {
			var err error
			if st, err = a.stmt(key, upsertSQL(t, n)); err != nil {
				return err
			}
		}
		_, err := st.ExecContext(a.ctx, b.args...)
		var de *domain.Error
		if err == nil || !errors.As(classify(err), &de) || de.Code != "store.duplicate" {
			return err
		}
		// a key refused one of them: nothing of the statement was written
	}
	st, ok := a.stmts["vup:"+t.Name]
	if !ok {
		var err error
		if st, err = a.stmt("vup:"+t.Name, upsertSQL(t, 1)); err != nil {
			return err
		}
	}
	for i, id := range b.ids {
		if _, err := st.ExecContext(a.ctx, b.args[i*w:(i+1)*w]...); err != nil {
			var de *domain.Error
			if errors.As(classify(err), &de) && de.Code == "store.duplicate" {
				if err := a.hold(rowKey{t.Name, id}); err != nil {
					return err
				}
				continue
			}
			return err
		}
	}
	return nil
}

// hold keeps a row in the base only (it is not visible) until it fits.
func (a *applier) hold(k rowKey) error {
	if err := a.exec("held-add", "INSERT OR IGNORE INTO sync_held(tbl, row_id) VALUES (?, ?)", k.tbl, k.id); err != nil {
		return err
	}
	a.held[k] = true
	return a.exec("vdel:"+k.tbl, "DELETE FROM "+k.tbl+" WHERE id = ?", k.id)
}

// nipClash says whether another visible record holds the row's NIP without
// a duplicate-nip conflict from the server for the pair. With one (open, or
// resolved "keep both") both records are shown; the inbox explains why.
func (a *applier) nipClash(id string, row map[string]any) (bool, error) {
	nip, _ := row["nip"].(string)
	if nip == "" {
		return false, nil
	}
	st, err := a.stmt("nip-others", "SELECT id FROM pegawai WHERE nip = ? AND id <> ?")
	if err != nil {
		return false, err
	}
	rows, err := st.QueryContext(a.ctx, nip, id)
	if err != nil {
		return false, err
	}
	var others []string
	for rows.Next() {
		var o string
		if err := rows.Scan(&o); err != nil {
			rows.Close()
			return false, err
		}
		others = append(others, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return false, err
	}
	known, err := a.stmt("nip-known", `SELECT count(*) FROM sync_conflict WHERE kind = 'duplicate-nip'
		AND ((row_id = ?1 AND json_extract(body, '$.other_row') = ?2) OR (row_id = ?2 AND json_extract(body, '$.other_row') = ?1))`)
	if err != nil {
		return false, err
	}
	for _, o := range others {
		var n int
		if err := known.QueryRowContext(a.ctx, id, o).Scan(&n); err != nil {
			return false, err
		}
		if n == 0 {
			return true, nil
		}
	}
	return false, nil
}

// rebuildStatus replays the events of each touched request (the same
// backend/mutasi.Replay the workflow uses) into mutasi_status.
func (a *applier) rebuildStatus() error {
	ids := make([]string, 0, len(a.usulan))
	for id := range a.usulan {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		evs, err := readEvents(a.ctx, a.tx, id)
		if err != nil {
			return err
		}
		if len(evs) == 0 {
			if _, err := a.tx.ExecContext(a.ctx, "DELETE FROM mutasi_status WHERE usulan_id = ?", id); err != nil {
				return err
			}
			continue
		}
		// Two events at one step (the portal and a desktop, or two desktops,
		// apart): ReplayLog gives every device the same state.
		st := mutasi.ReplayLog(evs).State
		if _, err := a.tx.ExecContext(a.ctx, `INSERT INTO mutasi_status(usulan_id, status, seq, diperbarui) VALUES (?, ?, ?, ?)
			ON CONFLICT(usulan_id) DO UPDATE SET status = excluded.status, seq = excluded.seq, diperbarui = excluded.diperbarui`,
			id, string(st.Status), st.Seq, evs[len(evs)-1].Time.UTC().Format(time.RFC3339Nano)); err != nil {
			return err
		}
	}
	return nil
}

// purgeSent forgets acknowledged changes older than the retention window
// (meta sync_retain_days, default 30).
func (a *applier) purgeSent() error {
	days := 30
	if v, _ := getMeta(a.ctx, a.tx, MetaSyncRetainDays); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			days = n
		}
	}
	cut := a.s.now().UTC().Add(-time.Duration(days) * 24 * time.Hour).Format(time.RFC3339Nano)
	_, err := a.tx.ExecContext(a.ctx, "DELETE FROM sync_sent WHERE dropped_at < ?", cut)
	return err
}
