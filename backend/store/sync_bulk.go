package store

// Large pulled pages (a first sync, a snapshot after an epoch change) skip
// the per-row triggers that keep the per-position aggregates of migration
// 0014 (abk_posisi_beban, posisi_bezetting) and rebuild those tables once,
// set-wise, at the end of the page's transaction. Each trigger recomputes
// its position from scratch with the same grouping as the full rebuild, so
// the rows are the same either way (TestBulkAggregatesMatchTriggers); the
// triggers are dropped and created again from their own SQL inside the one
// transaction, so a crash or an error mid-page leaves them as they were.

import (
	"context"
	"database/sql"
	"errors"
)

// derived is one aggregate table kept by triggers on a synced table.
type derived struct {
	source   string   // the synced table the triggers watch
	triggers []string // all of them, or the page keeps the triggers
	rebuild  []string // the whole table again, as the migration filled it
}

var derivedAggregates = []derived{
	{
		source:   "abk_tugas",
		triggers: []string{"abk_posisi_beban_insert", "abk_posisi_beban_delete", "abk_posisi_beban_update"},
		rebuild: []string{"DELETE FROM abk_posisi_beban", `INSERT INTO abk_posisi_beban
SELECT abk_id, unit_id, jabatan_id,
    total(CASE periode WHEN 'TAHUN' THEN volume * norma_menit END),
    total(CASE periode WHEN 'BULAN' THEN volume * norma_menit END),
    total(CASE periode WHEN 'MINGGU' THEN volume * norma_menit END),
    total(CASE periode WHEN 'HARI' THEN volume * norma_menit END),
    count(*)
FROM abk_tugas GROUP BY abk_id, unit_id, jabatan_id`},
	},
	{
		source:   "pegawai",
		triggers: []string{"posisi_bezetting_insert", "posisi_bezetting_delete", "posisi_bezetting_update"},
		rebuild: []string{"DELETE FROM posisi_bezetting",
			"INSERT INTO posisi_bezetting SELECT unit_id, jabatan_id, count(*) FROM pegawai WHERE keluar_pada = '' GROUP BY unit_id, jabatan_id"},
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
		n := perTable[d.source]
		if n < bulkMinRows {
			continue
		}
		var have int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+d.source).Scan(&have); err != nil {
			return nil, err
		}
		if n < have/4 {
			continue
		}
		s := suspended{d: d}
		for _, name := range d.triggers {
			var q string
			err := tx.QueryRowContext(ctx, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", name).Scan(&q)
			if errors.Is(err, sql.ErrNoRows) {
				break // not this schema's triggers: keep them all
			}
			if err != nil {
				return nil, err
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
		for _, q := range s.d.rebuild {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		for _, q := range s.sql {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
	}
	return nil
}
