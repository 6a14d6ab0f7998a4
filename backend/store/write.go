package store

import (
	"context"
	"database/sql"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"reflect"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/rules"
	"github.com/google/uuid"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Table describes a synced table: its name and its columns other than id,
// as sync/rules declares them (the one declaration the server reads too).
// Every synced table is listed in SyncedTables, and rows reach them only
// through Tx.Insert, Tx.Update and Tx.Delete, which check each value with
// the column's rule and write the outbox entry in the same transaction.
type Table struct {
	Name string
	Cols []string

	rules *rules.Table
}

func synced(name string) *Table {
	rt := rules.ByName(name)
	return &Table{Name: name, Cols: rt.ColNames(), rules: rt}
}

// The synced tables, parents before children.
var (
	TablePemda   = synced("pemda")
	TableOPD     = synced("opd")
	TableUnit    = synced("unit")
	TableJabatan = synced("jabatan")
	TablePegawai = synced("pegawai")
	TableRiwayat = synced("riwayat_jabatan")
	TableSKP     = synced("skp")
	TableHukdis  = synced("hukdis")

	TableSetting = synced("setting")
	TableABK     = synced("abk")
	TableTugas   = synced("abk_tugas")

	TableUsulan     = synced("mutasi_usulan")
	TableEvent      = synced("mutasi_event")
	TableLampiran   = synced("dokumen_lampiran")
	TablePertanyaan = synced("evaluasi_pertanyaan")
	TableEvaluasi   = synced("evaluasi")

	TableAktivasi = synced("portal_aktivasi")
	TableLaporan  = synced("portal_laporan")
	TableMinat    = synced("portal_minat")

	SyncedTables = []*Table{TablePemda, TableOPD, TableUnit, TableJabatan, TablePegawai, TableRiwayat, TableSKP, TableHukdis,
		TableSetting, TableABK, TableTugas, TableUsulan, TableEvent, TableLampiran, TablePertanyaan, TableEvaluasi, TablePengguna,
		TableAktivasi, TableLaporan, TableMinat}
)

// Tx is one write transaction. Its methods are the only way rows of synced
// tables are written.
type Tx struct {
	ctx   context.Context
	tx    *sql.Tx
	s     *Store
	actor string
	stmts map[string]*sql.Stmt

	audit    auditState
	auditOff bool
}

// Write runs fn in one IMMEDIATE transaction on behalf of who (the user or
// process making the change; "" = the actor ctx carries, backend/actor). The
// audit log takes the role from ctx's actor. A write by no one is refused
// (auth.no_actor) before anything is written. Nothing fn wrote is kept if it
// returns an error.
func (s *Store) Write(ctx context.Context, who string, fn func(*Tx) error) error {
	if who == "" {
		who = actor.Name(ctx)
	}
	if who == "" {
		return actor.NoActor()
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	sqlTx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	t := &Tx{ctx: ctx, tx: sqlTx, s: s, actor: who, stmts: map[string]*sql.Stmt{}}
	defer func() {
		for _, st := range t.stmts {
			st.Close()
		}
	}()
	// Open the outbox guard (migration 0006) for this transaction only.
	if err := s.openGuard(ctx, sqlTx); err != nil {
		sqlTx.Rollback()
		return classify(err)
	}
	if err := fn(t); err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := s.closeGuard(ctx, sqlTx); err != nil {
		sqlTx.Rollback()
		return classify(err)
	}
	if err := t.flushAudit(); err != nil {
		sqlTx.Rollback()
		return classify(err)
	}
	if _, err := sqlTx.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES ('hlc', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
		s.clock.Last().String()); err != nil {
		sqlTx.Rollback()
		return classify(err)
	}
	if err := sqlTx.Commit(); err != nil {
		sqlTx.Rollback()
		return classify(err)
	}
	return nil
}

func (t *Tx) stmt(key, query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[key]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(t.ctx, query)
	if err != nil {
		return nil, err
	}
	t.stmts[key] = st
	return st, nil
}

// QueryRow reads inside the transaction (reference checks see the
// transaction's own writes).
func (t *Tx) QueryRow(query string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(t.ctx, query, args...)
}

// Exists reports whether a row with id exists in table.
func (t *Tx) Exists(table *Table, id string) (bool, error) {
	var one int
	err := t.tx.QueryRowContext(t.ctx, "SELECT 1 FROM "+table.Name+" WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

func (t *Tx) outbox(table *Table, id, op string, data map[string]any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return err
	}
	// base_seq: the server seq of the row image this edit was made on (sync);
	// schema_version: the sync schema the values are written in (the server
	// upcasts older ones).
	q := `INSERT INTO outbox(change_id, tbl, row_id, op, data, hlc, actor, created_at, base_seq, schema_version)
		VALUES (?,?,?,?,?,?,?,?, coalesce((SELECT max(seq, 0) FROM sync_base WHERE tbl = ?2 AND row_id = ?3), 0), ?9)`
	args := []any{uuid.Must(uuid.NewV7()).String(), table.Name, id, op, string(b),
		t.s.stampNow(), t.actor, t.s.now().UTC().Format(time.RFC3339Nano), protocol.SchemaVersion}
	if t.s.version < syncSchema { // tests that open an older schema
		q = "INSERT INTO outbox(change_id, tbl, row_id, op, data, hlc, actor, created_at) VALUES (?,?,?,?,?,?,?,?)"
		args = args[:8]
	}
	st, err := t.stmt("outbox", q)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(t.ctx, args...)
	return err
}

// stampNow is the HLC stamp of a new outbox entry.
func (s *Store) stampNow() string {
	if h, ok := s.mutantStamp(); ok { // simulation only
		return h
	}
	return s.clock.Now().String()
}

// Require returns missing when no row with id exists in table, and the read
// error itself when the check fails (so a failing disk is never reported as
// "not found").
func (t *Tx) Require(table *Table, id string, missing error) error {
	ok, err := t.Exists(table, id)
	if err != nil {
		return err
	}
	if !ok {
		return missing
	}
	return nil
}

// Insert writes a new row; vals follow table.Cols.
func (t *Tx) Insert(table *Table, id string, vals ...any) error {
	if len(vals) != len(table.Cols) {
		return fmt.Errorf("store: insert %s: %d values for %d columns", table.Name, len(vals), len(table.Cols))
	}
	if err := table.check(table.Cols, vals); err != nil {
		return err
	}
	st, err := t.stmt("ins:"+table.Name, fmt.Sprintf("INSERT INTO %s (id, %s) VALUES (?%s)",
		table.Name, strings.Join(table.Cols, ", "), strings.Repeat(", ?", len(table.Cols))))
	if err != nil {
		return err
	}
	if _, err := st.ExecContext(t.ctx, append([]any{id}, vals...)...); err != nil {
		return classify(err)
	}
	data := make(map[string]any, len(vals))
	for i, c := range table.Cols {
		data[c] = vals[i]
	}
	if err := t.auditRow(table, id, "insert", nil, data); err != nil {
		return err
	}
	return t.outbox(table, id, "insert", data)
}

// Update writes the columns of an existing row that differ from vals (which
// follow table.Cols) and records only those in the outbox, so that per-column
// merge can keep a colleague's concurrent edit of another column. It reports
// whether anything changed.
func (t *Tx) Update(table *Table, id string, vals ...any) (bool, error) {
	if len(vals) != len(table.Cols) {
		return false, fmt.Errorf("store: update %s: %d values for %d columns", table.Name, len(vals), len(table.Cols))
	}
	cur := make([]any, len(table.Cols))
	ptrs := make([]any, len(cur))
	for i := range cur {
		ptrs[i] = &cur[i]
	}
	err := t.tx.QueryRowContext(t.ctx, fmt.Sprintf("SELECT %s FROM %s WHERE id = ?", strings.Join(table.Cols, ", "), table.Name), id).Scan(ptrs...)
	if errors.Is(err, sql.ErrNoRows) {
		return false, notFound(table)
	}
	if err != nil {
		return false, err
	}
	var sets []string
	var args []any
	data, before := map[string]any{}, map[string]any{}
	for i, c := range table.Cols {
		if sameValue(cur[i], vals[i]) {
			continue
		}
		sets = append(sets, c+" = ?")
		args = append(args, vals[i])
		data[c] = vals[i]
		before[c] = cur[i]
	}
	if len(sets) == 0 {
		return false, nil
	}
	var names []string
	var changed []any
	for c, v := range data {
		names, changed = append(names, c), append(changed, v)
	}
	if err := table.check(names, changed); err != nil {
		return false, err
	}
	if _, err := t.tx.ExecContext(t.ctx, fmt.Sprintf("UPDATE %s SET %s WHERE id = ?", table.Name, strings.Join(sets, ", ")), append(args, id)...); err != nil {
		return false, classify(err)
	}
	if err := t.auditRow(table, id, "update", before, data); err != nil {
		return false, err
	}
	return true, t.outbox(table, id, "update", data)
}

// Delete removes a row.
func (t *Tx) Delete(table *Table, id string) error {
	var before map[string]any
	if !t.auditOff && auditedTables[table.Name] {
		cur := make([]any, len(table.Cols))
		ptrs := make([]any, len(cur))
		for i := range cur {
			ptrs[i] = &cur[i]
		}
		err := t.tx.QueryRowContext(t.ctx, fmt.Sprintf("SELECT %s FROM %s WHERE id = ?", strings.Join(table.Cols, ", "), table.Name), id).Scan(ptrs...)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound(table)
		}
		if err != nil {
			return err
		}
		before = make(map[string]any, len(cur))
		for i, c := range table.Cols {
			before[c] = cur[i]
		}
	}
	res, err := t.tx.ExecContext(t.ctx, "DELETE FROM "+table.Name+" WHERE id = ?", id)
	if err != nil {
		return classify(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound(table)
	}
	if err := t.auditRow(table, id, "delete", before, nil); err != nil {
		return err
	}
	return t.outbox(table, id, "delete", map[string]any{})
}

// check refuses values that break their column's rule (sync/rules): the
// server would refuse them, and a desktop must never store what another
// desktop could not read.
func (table *Table) check(names []string, vals []any) error {
	if table.rules == nil {
		return nil
	}
	for i, name := range names {
		col := table.rules.Column(name)
		if col == nil {
			continue
		}
		if p := rules.CheckValue(col, plainValue(vals[i])); p != nil {
			return domain.E(domain.KindInvalid, "store.invalid_value",
				fmt.Sprintf("Nilai kolom %s.%s tidak sah: %s", table.Name, p.Col, p.Msg),
				fmt.Sprintf("Invalid value of %s.%s: %s", table.Name, p.Col, p.MsgEn))
		}
	}
	return nil
}

// plainValue turns a value of a named Go type (domain.Golongan, domain.Date,
// …) into the plain value its JSON in the outbox carries.
func plainValue(v any) any {
	switch x := v.(type) {
	case nil, string, int64, float64, bool:
		return v
	case int:
		return int64(x)
	case encoding.TextMarshaler:
		b, err := x.MarshalText()
		if err != nil {
			return v
		}
		return string(b)
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return rv.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return int64(rv.Uint())
	case reflect.Float32, reflect.Float64:
		return rv.Float()
	case reflect.Bool:
		return rv.Bool()
	case reflect.Pointer:
		if rv.IsNil() {
			return nil
		}
		return plainValue(rv.Elem().Interface())
	}
	return v
}

// sameValue compares a value read from SQLite with one about to be written.
func sameValue(cur, next any) bool {
	switch n := next.(type) {
	case nil:
		return cur == nil
	case string:
		c, ok := cur.(string)
		return ok && c == n
	case int:
		c, ok := cur.(int64)
		return ok && c == int64(n)
	case int64:
		c, ok := cur.(int64)
		return ok && c == n
	case float64:
		c, ok := cur.(float64)
		return ok && c == n
	case bool:
		c, ok := cur.(int64)
		return ok && (c != 0) == n
	}
	return fmt.Sprint(cur) == fmt.Sprint(next)
}

func notFound(table *Table) error {
	return domain.E(domain.KindNotFound, table.Name+".not_found",
		"Data tidak ditemukan; mungkin sudah dihapus.", "Not found; it may have been deleted.")
}

// classify maps SQLite failures that a user can cause or wait out to coded
// errors; the rest stay internal.
func classify(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return domain.Wrap(err, domain.KindUnavailable, "store.busy", "Basis data sedang sibuk; coba lagi sebentar.", "The database is busy; try again shortly.")
	case sqlite3.SQLITE_FULL:
		return domain.Wrap(err, domain.KindUnavailable, "store.disk_full", "Disk penuh; kosongkan ruang lalu coba lagi. Data tidak diubah.", "The disk is full; free space and try again. Nothing was changed.")
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return domain.Wrap(err, domain.KindConflict, "store.reference", "Data masih dirujuk oleh data lain atau merujuk data yang tidak ada.", "The data is still referenced, or refers to missing data.")
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return domain.Wrap(err, domain.KindConflict, "store.duplicate", "Data dengan kode atau nomor yang sama sudah ada.", "A record with the same code or number exists.")
	}
	return err
}
