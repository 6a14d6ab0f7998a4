package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/google/uuid"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Table describes a synced table: its name and its columns other than id.
// Every synced table is listed in SyncedTables, and rows reach them only
// through Tx.Insert, Tx.Update and Tx.Delete, which write the outbox entry in
// the same transaction.
type Table struct {
	Name string
	Cols []string
}

// The synced tables, parents before children.
var (
	TablePemda   = &Table{"pemda", []string{"kode", "nama", "demo"}}
	TableOPD     = &Table{"opd", []string{"pemda_id", "kode", "nama", "singkatan", "jenis", "alamat"}}
	TableUnit    = &Table{"unit", []string{"opd_id", "parent_id", "kode", "nama"}}
	TableJabatan = &Table{"jabatan", []string{"kode", "nama", "jenis", "jenjang", "kelas", "min_pendidikan", "jurusan", "golongan_min", "golongan_max", "bup"}}
	TablePegawai = &Table{"pegawai", []string{"nip", "nama", "gelar_depan", "gelar_belakang", "jenis_kelamin", "tempat_lahir", "tanggal_lahir",
		"status", "golongan", "golongan_pppk", "pendidikan", "jurusan", "opd_id", "unit_id", "jabatan_id", "tmt_jabatan", "tmt_cpns", "tmt_pns",
		"keluar_pada", "instansi_tujuan"}}
	TableRiwayat = &Table{"riwayat_jabatan", []string{"pegawai_id", "opd_id", "unit_id", "jabatan_id", "tmt", "tanggal_selesai", "nomor_sk", "keterangan"}}
	TableSKP     = &Table{"skp", []string{"pegawai_id", "tahun", "predikat"}}
	TableHukdis  = &Table{"hukdis", []string{"pegawai_id", "tingkat", "jenis", "nomor_sk", "tmt", "tanggal_selesai", "keterangan"}}

	TableSetting = &Table{"setting", []string{"kunci", "nilai"}}
	TableABK     = &Table{"abk", []string{"tahun", "status", "catatan", "difinalkan_pada"}}
	TableTugas   = &Table{"abk_tugas", []string{"abk_id", "unit_id", "jabatan_id", "urutan", "uraian", "satuan_hasil", "volume", "periode", "norma_menit"}}

	TableUsulan     = &Table{"mutasi_usulan", []string{"nomor", "pegawai_id", "jenis", "aps", "data", "dibuat_oleh", "dibuat_pada"}}
	TableEvent      = &Table{"mutasi_event", []string{"usulan_id", "seq", "kind", "aktor", "waktu", "catatan", "payload"}}
	TableLampiran   = &Table{"dokumen_lampiran", []string{"usulan_id", "jenis", "nama_berkas", "sha256", "ukuran", "mime", "status", "catatan", "diunggah_oleh", "diunggah_pada"}}
	TablePertanyaan = &Table{"evaluasi_pertanyaan", []string{"kode", "untuk", "teks", "teks_en", "jenis", "urutan", "aktif"}}
	TableEvaluasi   = &Table{"evaluasi", []string{"usulan_id", "bulan", "responden", "jatuh_tempo", "jawaban", "diisi_pada", "diisi_oleh"}}

	SyncedTables = []*Table{TablePemda, TableOPD, TableUnit, TableJabatan, TablePegawai, TableRiwayat, TableSKP, TableHukdis,
		TableSetting, TableABK, TableTugas, TableUsulan, TableEvent, TableLampiran, TablePertanyaan, TableEvaluasi, TablePengguna}
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

// Write runs fn in one IMMEDIATE transaction on behalf of actor (the user or
// process making the change). Nothing fn wrote is kept if it returns an error.
func (s *Store) Write(ctx context.Context, actor string, fn func(*Tx) error) error {
	ctx, actor = s.sessionActor(ctx, actor) // the logged-in user, if the desktop set a hook (pengguna.go)
	s.wmu.Lock()
	defer s.wmu.Unlock()
	sqlTx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	t := &Tx{ctx: ctx, tx: sqlTx, s: s, actor: actor, stmts: map[string]*sql.Stmt{}}
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
	// base_seq: the server seq of the row image this edit was made on (sync).
	q := `INSERT INTO outbox(change_id, tbl, row_id, op, data, hlc, actor, created_at, base_seq)
		VALUES (?,?,?,?,?,?,?,?, coalesce((SELECT max(seq, 0) FROM sync_base WHERE tbl = ?2 AND row_id = ?3), 0))`
	if t.s.version < syncSchema { // tests that open an older schema
		q = "INSERT INTO outbox(change_id, tbl, row_id, op, data, hlc, actor, created_at) VALUES (?,?,?,?,?,?,?,?)"
	}
	st, err := t.stmt("outbox", q)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(t.ctx, uuid.Must(uuid.NewV7()).String(), table.Name, id, op, string(b),
		t.s.stampNow(), t.actor, t.s.now().UTC().Format(time.RFC3339Nano))
	return err
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
