package store

// Large pulled pages (a first sync, a snapshot after an epoch change) skip
// the per-row triggers that keep the per-position aggregates of migrations
// 0014 and 0016 (posisi_bezetting, abk_posisi) and rebuild those tables
// once, set-wise, at the end of the page's transaction. Each trigger
// recomputes its position from scratch with the same grouping as the full
// rebuild, so the rows are the same either way
// (TestBulkAggregatesMatchTriggers); the triggers are dropped and created
// again from their own SQL inside the one transaction, so a crash or an
// error mid-page leaves them as they were. The outbox guard's triggers of
// the tables written in bulk are suspended the same way (suspendGuards).
// TestFirstSyncBulkEqualsRowByRow holds the whole database after large
// pages equal to the same entries applied in small ones.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/bkpsdm-sorong/imbang/sync/rowjson"
)

// derived is a group of aggregate tables kept by triggers on synced tables.
type derived struct {
	sources  []string // the synced tables the triggers watch
	triggers []string // all of them, or the page keeps the triggers
	rebuild  []string // the whole tables again, as the migrations fill them
}

// The employees' count per position feeds the ABK rows, so the two are one
// group: a bulk page of either rebuilds both, posisi_bezetting first.
var derivedAggregates = []derived{
	{
		sources: []string{"pegawai", "abk_tugas"},
		triggers: []string{"posisi_bezetting_insert", "posisi_bezetting_delete", "posisi_bezetting_update",
			"abk_posisi_bezetting_insert", "abk_posisi_bezetting_update", "abk_posisi_bezetting_delete",
			"abk_posisi_tugas_insert", "abk_posisi_tugas_delete", "abk_posisi_tugas_update"},
		rebuild: []string{"DELETE FROM posisi_bezetting",
			"INSERT INTO posisi_bezetting SELECT unit_id, jabatan_id, count(*) FROM pegawai WHERE keluar_pada = '' GROUP BY unit_id, jabatan_id",
			"DELETE FROM abk_posisi",
			`INSERT INTO abk_posisi
SELECT t.abk_id, t.unit_id, t.jabatan_id,
    total(CASE t.periode WHEN 'TAHUN' THEN t.volume * t.norma_menit END),
    total(CASE t.periode WHEN 'BULAN' THEN t.volume * t.norma_menit END),
    total(CASE t.periode WHEN 'MINGGU' THEN t.volume * t.norma_menit END),
    total(CASE t.periode WHEN 'HARI' THEN t.volume * t.norma_menit END),
    count(*),
    coalesce((SELECT b.jumlah FROM posisi_bezetting b WHERE b.unit_id = t.unit_id AND b.jabatan_id = t.jabatan_id), 0)
FROM abk_tugas t GROUP BY t.abk_id, t.unit_id, t.jabatan_id`,
			`INSERT INTO abk_posisi SELECT a.id, b.unit_id, b.jabatan_id, 0, 0, 0, 0, 0, b.jumlah
FROM abk a, posisi_bezetting b WHERE true ON CONFLICT DO NOTHING`},
	},
}

// bulkMinRows: below this many rows of a source table in one page the
// triggers stay (a rebuild reads the whole table; a trigger one position).
const bulkMinRows = 512

// suspended holds the triggers a page dropped, to create them again.
type suspended struct {
	d   derived
	sql []string
}

// suspendAggregates drops the triggers of every aggregate whose source the
// page writes in bulk: at least bulkMinRows rows and at least a quarter of
// what the table holds (so the one rebuild costs less than the triggers).
func suspendAggregates(ctx context.Context, tx *sql.Tx, perTable map[string]int) ([]suspended, error) {
	var out []suspended
	for _, d := range derivedAggregates {
		bulk := false
		for _, src := range d.sources {
			n := perTable[src]
			if n < bulkMinRows {
				continue
			}
			var have int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+src).Scan(&have); err != nil {
				return nil, err
			}
			if n >= have/4 {
				bulk = true
				break
			}
		}
		if !bulk {
			continue
		}
		s := suspended{d: d}
		for _, name := range d.triggers {
			q, ok, err := triggerSQL(ctx, tx, name)
			if err != nil {
				return nil, err
			}
			if !ok {
				break // not this schema's triggers: keep them all
			}
			s.sql = append(s.sql, q)
		}
		if len(s.sql) != len(d.triggers) {
			continue
		}
		for _, name := range d.triggers {
			if _, err := tx.ExecContext(ctx, "DROP TRIGGER "+name); err != nil {
				return nil, err
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// resumeAggregates rebuilds the aggregates whose triggers the page dropped
// and creates the triggers again, in the page's transaction.
func resumeAggregates(ctx context.Context, tx *sql.Tx, ss []suspended) error {
	for _, s := range ss {
		if err := execAll(ctx, tx, s.d.rebuild); err != nil {
			return err
		}
		if err := execAll(ctx, tx, s.sql); err != nil {
			return err
		}
	}
	return nil
}

// suspendGuards drops the outbox guard's triggers (migration 0006) of
// every synced table the page writes at least bulkMinRows rows of. Inside
// the page's transaction the guard row is set, so they never fire there;
// but each is a trigger program run for every row written (measured: about
// 8 % of a first sync's apply). It returns their SQL, to create them again
// in the same transaction before the guard row goes (resumeGuards): no
// other connection ever sees the tables without them.
func suspendGuards(ctx context.Context, tx *sql.Tx, perTable map[string]int) ([]string, error) {
	var out []string
	for _, t := range SyncedTables {
		if perTable[t.Name] < bulkMinRows {
			continue
		}
		for _, op := range []string{"insert", "update", "delete"} {
			name := "sync_guard_" + t.Name + "_" + op
			q, ok, err := triggerSQL(ctx, tx, name)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue // a schema before the guard: nothing to suspend
			}
			if _, err := tx.ExecContext(ctx, "DROP TRIGGER "+name); err != nil {
				return nil, err
			}
			out = append(out, q)
		}
	}
	return out, nil
}

// resumeGuards creates the triggers suspendGuards dropped again.
func resumeGuards(ctx context.Context, tx *sql.Tx, sqls []string) error {
	return execAll(ctx, tx, sqls)
}

// triggerSQL is the CREATE statement of the trigger name; ok=false when the
// schema has no such trigger.
func triggerSQL(ctx context.Context, tx *sql.Tx, name string) (q string, ok bool, err error) {
	err = tx.QueryRowContext(ctx, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", name).Scan(&q)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return q, err == nil, err
}

// execAll runs the statements in order, stopping at the first error.
func execAll(ctx context.Context, tx *sql.Tx, qs []string) error {
	for _, q := range qs {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// rowJSON is json.Marshal of a row image, byte for byte, without the
// reflection for the values a pulled row holds (sync/rowjson).
func rowJSON(buf []byte, row map[string]any) ([]byte, error) {
	if b, ok := rowjson.AppendRow(buf, row); ok {
		return b, nil
	}
	return json.Marshal(row)
}
