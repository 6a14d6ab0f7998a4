package abksvc_test

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// dumpRows reads a query's rows as sorted strings (every column formatted
// with %v, floats exactly).
func dumpRows(t *testing.T, st querier, q string, args ...any) []string {
	t.Helper()
	rows, err := st.QueryContext(ctx, q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%v", vals))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// checkAggregates compares the per-position rows the write path keeps with a
// grouping of every task and every employee done now: they must be equal to
// the last bit.
func checkAggregates(t *testing.T, st querier, when string) {
	t.Helper()
	pairs := []struct{ kept, grouped string }{
		// a row per ABK and position with tasks, and per ABK in abk and
		// position with people (the tasks grouped, then the people counted)
		{`SELECT abk_id, unit_id, jabatan_id, tahun, bulan, minggu, hari, tugas, bezetting FROM abk_posisi`,
			`WITH beban AS (SELECT abk_id, unit_id, jabatan_id,
				total(CASE periode WHEN 'TAHUN' THEN volume * norma_menit END) AS tahun,
				total(CASE periode WHEN 'BULAN' THEN volume * norma_menit END) AS bulan,
				total(CASE periode WHEN 'MINGGU' THEN volume * norma_menit END) AS minggu,
				total(CASE periode WHEN 'HARI' THEN volume * norma_menit END) AS hari,
				count(*) AS tugas
			FROM abk_tugas GROUP BY abk_id, unit_id, jabatan_id),
			orang AS (SELECT unit_id, jabatan_id, count(*) AS n FROM pegawai WHERE keluar_pada = '' GROUP BY unit_id, jabatan_id),
			posisi AS (SELECT abk_id, unit_id, jabatan_id FROM beban UNION SELECT a.id, o.unit_id, o.jabatan_id FROM abk a, orang o)
			SELECT p.abk_id, p.unit_id, p.jabatan_id, coalesce(b.tahun, 0.0), coalesce(b.bulan, 0.0), coalesce(b.minggu, 0.0), coalesce(b.hari, 0.0),
				coalesce(b.tugas, 0), coalesce(o.n, 0)
			FROM posisi p LEFT JOIN beban b ON b.abk_id = p.abk_id AND b.unit_id = p.unit_id AND b.jabatan_id = p.jabatan_id
			LEFT JOIN orang o ON o.unit_id = p.unit_id AND o.jabatan_id = p.jabatan_id`},
		{`SELECT unit_id, jabatan_id, jumlah FROM posisi_bezetting`,
			`SELECT unit_id, jabatan_id, count(*) FROM pegawai WHERE keluar_pada = '' GROUP BY unit_id, jabatan_id`},
	}
	for _, p := range pairs {
		kept, grouped := dumpRows(t, st, p.kept), dumpRows(t, st, p.grouped)
		if len(kept) == 0 {
			t.Fatalf("%s: no rows kept", when)
		}
		if len(kept) != len(grouped) {
			t.Fatalf("%s: %d rows kept, %d grouped (%s)", when, len(kept), len(grouped), p.kept)
		}
		for i := range kept {
			if kept[i] != grouped[i] {
				t.Fatalf("%s: kept %s, grouped %s", when, kept[i], grouped[i])
			}
		}
	}
}

// The cold dashboard reads per-position rows the write path maintains; after
// every kind of write (a copied ABK, tasks replaced, moved and removed, an
// employee moved, leaving and deleted) they equal a fresh grouping, and the
// dashboard equals the pure computation over the tasks read one by one.
func TestPositionAggregatesEqualGrouping(t *testing.T) {
	st, svc := demoStore(t, 1500)
	checkAggregates(t, st.DB(), "after the demo import")

	base, err := svc.Region(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	draft, err := svc.CreateABK(ctx, 2027, base.ABK.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkAggregates(t, st.DB(), "after copying the ABK")

	an, rows, err := svc.PositionRows(ctx, draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	var withTasks []abksvc.PositionRow
	for _, r := range rows {
		if r.Beban > 0 {
			withTasks = append(withTasks, r)
		}
	}
	if len(withTasks) < 3 {
		t.Fatalf("only %d positions with tasks", len(withTasks))
	}
	// one position's tasks changed (volume, period, one more task)
	a := withTasks[0]
	tugas, err := svc.Tugas(ctx, an.ABK.ID, a.UnitID, a.JabatanID)
	if err != nil {
		t.Fatal(err)
	}
	var ts []abk.Tugas
	for _, x := range tugas {
		x.Volume = x.Volume*1.5 + 0.1
		ts = append(ts, x.Tugas)
	}
	ts = append(ts, abk.Tugas{Uraian: "Tugas tambahan", SatuanHasil: "dokumen", Volume: 3.3, Periode: abk.PeriodeBulan, NormaMenit: 47})
	if _, err := svc.SaveTugas(ctx, draft.ID, a.UnitID, a.JabatanID, ts); err != nil {
		t.Fatal(err)
	}
	// another position's tasks removed entirely
	b := withTasks[1]
	if _, err := svc.SaveTugas(ctx, draft.ID, b.UnitID, b.JabatanID, nil); err != nil {
		t.Fatal(err)
	}
	checkAggregates(t, st.DB(), "after replacing tasks")

	// employees: one moved to another position, one leaving, one deleted
	ids := dumpRows(t, st.DB(), "SELECT id FROM pegawai WHERE keluar_pada = '' ORDER BY id LIMIT 3")
	if len(ids) != 3 {
		t.Fatalf("employees %v", ids)
	}
	id := func(i int) string { return ids[i][1 : len(ids[i])-1] }
	p, err := st.Pegawai(ctx, id(0))
	if err != nil {
		t.Fatal(err)
	}
	p.UnitID, p.JabatanID, p.OPDID = domain.ID(withTasks[2].UnitID), domain.ID(withTasks[2].JabatanID), domain.ID(withTasks[2].OPDID)
	if err := st.SavePegawai(ctx, "test", p, false, store.NewID()); err != nil {
		t.Fatal(err)
	}
	q, err := st.Pegawai(ctx, id(1))
	if err != nil {
		t.Fatal(err)
	}
	q.KeluarPada, q.InstansiTujuan = domain.DateOf(now()), "Pemda lain"
	if err := st.SavePegawai(ctx, "test", q, false, store.NewID()); err != nil {
		t.Fatal(err)
	}
	if err := st.DeletePegawai(ctx, "test", id(2)); err != nil {
		t.Fatal(err)
	}
	checkAggregates(t, st.DB(), "after moving, retiring and deleting employees")

	// the dashboard after the writes equals the computation task by task
	an, rows, err = svc.PositionRows(ctx, draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.UnitID != a.UnitID && r.UnitID != b.UnitID && r.UnitID != withTasks[2].UnitID {
			continue
		}
		tugas, err := svc.Tugas(ctx, an.ABK.ID, r.UnitID, r.JabatanID)
		if err != nil {
			t.Fatal(err)
		}
		var ts []abk.Tugas
		for _, x := range tugas {
			ts = append(ts, x.Tugas)
		}
		live, err := svc.Hitung(ctx, ts, r.Bezetting)
		if err != nil {
			t.Fatal(err)
		}
		if live.Beban != r.Beban || live.KebutuhanBulat != r.KebutuhanBulat || live.Grade != r.Grade || live.Selisih != r.Selisih {
			t.Fatalf("%s/%s: dashboard %+v, task by task %+v", r.UnitKode, r.JabatanKode, r.PositionResult, live)
		}
	}
}

// The kept rows follow writes in the order a sync pull may apply them: tasks
// of an ABK whose row has not arrived yet, then the ABK; an employee moved
// to a position without tasks and the last one leaving it; the ABK and its
// tasks deleted. Written as the sync apply writes (inside the write guard),
// checked inside the transaction after each step.
func TestPositionAggregatesFollowSyncOrder(t *testing.T) {
	st, _ := demoStore(t, 300)
	db := st.DB()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	one := func(q string, args ...any) string {
		t.Helper()
		var v string
		if err := tx.QueryRowContext(ctx, q, args...).Scan(&v); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return v
	}
	exec("INSERT INTO sync_write_ok(one) VALUES (1)")
	checkAggregates(t, tx, "at the start")

	// a position with people and one with nobody, and a free (unit, jabatan)
	staffedUnit, staffedJab := one("SELECT unit_id FROM posisi_bezetting ORDER BY unit_id LIMIT 1"), one("SELECT jabatan_id FROM posisi_bezetting ORDER BY unit_id LIMIT 1")
	freeUnit := one("SELECT id FROM unit ORDER BY id DESC LIMIT 1")
	freeJab := one(`SELECT id FROM jabatan j WHERE NOT EXISTS (SELECT 1 FROM abk_posisi p WHERE p.unit_id = ? AND p.jabatan_id = j.id) ORDER BY id LIMIT 1`, freeUnit)
	newABK := store.NewID()
	for i, pos := range [][2]string{{staffedUnit, staffedJab}, {freeUnit, freeJab}, {freeUnit, freeJab}} {
		exec(`INSERT INTO abk_tugas(id, abk_id, unit_id, jabatan_id, urutan, uraian, volume, periode, norma_menit) VALUES (?,?,?,?,?,?,?,?,?)`,
			store.NewID(), newABK, pos[0], pos[1], i+1, "Tugas", 2.5+float64(i), []string{"BULAN", "HARI", "BULAN"}[i], 30.7)
	}
	checkAggregates(t, tx, "tasks of an ABK whose row has not arrived")

	// an employee moved to a (unit, jabatan) that has neither tasks nor people
	emptyJab := one(`SELECT id FROM jabatan j WHERE NOT EXISTS (SELECT 1 FROM abk_posisi p WHERE p.unit_id = ? AND p.jabatan_id = j.id) ORDER BY id LIMIT 1`, staffedUnit)
	mover := one("SELECT id FROM pegawai WHERE keluar_pada = '' ORDER BY id LIMIT 1")
	exec("UPDATE pegawai SET unit_id = ?, jabatan_id = ? WHERE id = ?", staffedUnit, emptyJab, mover)
	checkAggregates(t, tx, "an employee moved to an empty position")

	exec("INSERT INTO abk(id, tahun, status) VALUES (?, 2031, 'DRAFT')", newABK)
	checkAggregates(t, tx, "the ABK row after its tasks")

	// everybody at the staffed position leaves; a name edit changes nothing
	exec("UPDATE pegawai SET nama = nama || ' X' WHERE unit_id = ? AND jabatan_id = ?", staffedUnit, staffedJab)
	exec("UPDATE pegawai SET keluar_pada = '2026-01-31' WHERE unit_id = ? AND jabatan_id = ?", staffedUnit, staffedJab)
	exec("UPDATE pegawai SET keluar_pada = '2026-01-31' WHERE id = ?", mover)
	checkAggregates(t, tx, "the last people of two positions leaving")

	exec("DELETE FROM abk_tugas WHERE abk_id = ? AND urutan = 2", newABK)
	exec("UPDATE abk_tugas SET volume = 7.25, periode = 'TAHUN' WHERE abk_id = ? AND urutan = 3", newABK)
	checkAggregates(t, tx, "a task deleted, one changed")
	exec("DELETE FROM abk WHERE id = ?", newABK)
	checkAggregates(t, tx, "the ABK row deleted before its tasks")
	exec("DELETE FROM abk_tugas WHERE abk_id = ?", newABK)
	checkAggregates(t, tx, "its tasks deleted")
}
