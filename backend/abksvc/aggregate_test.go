package abksvc_test

import (
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
func dumpRows(t *testing.T, st *store.Store, q string, args ...any) []string {
	t.Helper()
	rows, err := st.DB().QueryContext(ctx, q, args...)
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

// checkAggregates compares the per-position rows the write path keeps with a
// grouping of every task and every employee done now: they must be equal to
// the last bit.
func checkAggregates(t *testing.T, st *store.Store, when string) {
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
	checkAggregates(t, st, "after the demo import")

	base, err := svc.Region(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	draft, err := svc.CreateABK(ctx, 2027, base.ABK.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkAggregates(t, st, "after copying the ABK")

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
	checkAggregates(t, st, "after replacing tasks")

	// employees: one moved to another position, one leaving, one deleted
	ids := dumpRows(t, st, "SELECT id FROM pegawai WHERE keluar_pada = '' ORDER BY id LIMIT 3")
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
	checkAggregates(t, st, "after moving, retiring and deleting employees")

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
