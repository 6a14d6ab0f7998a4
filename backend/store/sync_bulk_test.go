package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// regionEntries is a demo region written through the write path (the
// aggregates kept by the triggers, row by row) and its rows as pulled
// entries.
func regionEntries(t testing.TB, employees int) (*Store, []protocol.Entry) {
	t.Helper()
	src, err := Open(ctx, Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	bundle, err := demo.Bundle(employees, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := src.ImportBundle(ctx, "bench", bundle); err != nil {
		t.Fatal(err)
	}
	var entries []protocol.Entry
	for _, tb := range SyncedTables {
		rows, err := src.db.Query("SELECT id, " + strings.Join(tb.Cols, ", ") + " FROM " + tb.Name)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			vals := make([]any, len(tb.Cols)+1)
			ptrs := make([]any, len(vals))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			row := make(map[string]any, len(tb.Cols))
			for i, c := range tb.Cols {
				row[c] = vals[i+1]
			}
			entries = append(entries, protocol.Entry{Seq: int64(len(entries) + 1), Kind: protocol.KindRow, Table: tb.Name,
				RowID: vals[0].(string), Row: row, HLC: "000001700000000.0000000000"})
		}
		rows.Close()
	}
	return src, entries
}

// applyPages applies entries in pages of size n from the cursor "".
func applyPages(t testing.TB, st *Store, entries []protocol.Entry, n int) {
	t.Helper()
	cursor := ""
	for lo := 0; lo < len(entries); lo += n {
		hi := min(lo+n, len(entries))
		next := "e:" + itoa(entries[hi-1].Seq)
		res, err := st.ApplyPull(ctx, PullApply{From: cursor, Page: protocol.PullResponse{Entries: entries[lo:hi], NextCursor: next, HasMore: hi < len(entries)}})
		if err != nil || res.Stale {
			t.Fatalf("apply: %v %+v", err, res)
		}
		cursor = next
	}
}

// dumpDerived is the aggregate tables and the triggers' SQL, row by row,
// with the floats printed exactly.
func dumpDerived(t testing.TB, st *Store) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"SELECT abk_id, unit_id, jabatan_id, printf('%!.17g', tahun), printf('%!.17g', bulan), printf('%!.17g', minggu), printf('%!.17g', hari), tugas, bezetting FROM abk_posisi ORDER BY 1, 2, 3",
		"SELECT unit_id, jabatan_id, jumlah FROM posisi_bezetting ORDER BY 1, 2",
		"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
	} {
		rows, err := st.db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(vals))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals...)
		}
		rows.Close()
	}
	return b.String()
}

// TestBulkAggregatesMatchTriggers: a first sync in large pages (the
// triggers dropped, the aggregates rebuilt once per page) leaves the same
// aggregate rows, to the last bit of every sum, as the same rows written
// through the triggers one by one (the import on the source, and small
// pages on a third store), and the triggers as they were.
func TestBulkAggregatesMatchTriggers(t *testing.T) {
	src, entries := regionEntries(t, 600)
	want := dumpDerived(t, src)
	if !strings.Contains(want, "abk_posisi_tugas_insert") || !strings.Contains(want, "posisi_bezetting_update") {
		t.Fatal("the aggregate triggers are missing from the source")
	}
	bulk, err := Open(ctx, Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer bulk.Close()
	applyPages(t, bulk, entries, 1<<20)
	if got := dumpDerived(t, bulk); got != want {
		t.Fatalf("bulk apply: aggregates differ from the trigger path\ngot  %.400s\nwant %.400s", got, want)
	}
	// with employees who left (not counted in post), against small pages
	// (each under bulkMinRows: the triggers row by row)
	gone := 0
	for i := range entries {
		if entries[i].Table == TablePegawai.Name && i%7 == 0 {
			row := map[string]any{}
			for k, v := range entries[i].Row {
				row[k] = v
			}
			row["keluar_pada"] = "2025-01-01"
			entries[i].Row = row
			gone++
		}
	}
	if gone == 0 {
		t.Fatal("no employee left")
	}
	// and a position with people but no task (its ABK rows come from the
	// people alone): drop the tasks of the first task's position
	var unitT, jabT any
	kept := entries[:0:0]
	for _, e := range entries {
		if e.Table == "abk_tugas" {
			if unitT == nil {
				unitT, jabT = e.Row["unit_id"], e.Row["jabatan_id"]
			}
			if e.Row["unit_id"] == unitT && e.Row["jabatan_id"] == jabT {
				continue
			}
		}
		kept = append(kept, e)
	}
	if len(kept) == len(entries) {
		t.Fatal("no task dropped")
	}
	entries = kept
	left, err := Open(ctx, Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer left.Close()
	applyPages(t, left, entries, 1<<20)
	small, err := Open(ctx, Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer small.Close()
	applyPages(t, small, entries, 100)
	if got, want := dumpDerived(t, left), dumpDerived(t, small); got != want {
		t.Fatalf("employees who left: bulk aggregates differ from the trigger path")
	}
	if dumpDerived(t, left) == want {
		t.Fatal("the employees who left changed nothing")
	}
	// the triggers are back: one more employee in post counts at once
	var unit, jabatan string
	var before int
	if err := bulk.db.QueryRow("SELECT unit_id, jabatan_id, jumlah FROM posisi_bezetting ORDER BY 1, 2 LIMIT 1").Scan(&unit, &jabatan, &before); err != nil {
		t.Fatal(err)
	}
	var pg protocol.Entry
	for _, e := range entries {
		if e.Table == TablePegawai.Name && e.Row["unit_id"] == unit && e.Row["jabatan_id"] == jabatan {
			pg = e
			break
		}
	}
	row := map[string]any{}
	for k, v := range pg.Row {
		row[k] = v
	}
	row["nip"] = "199001012020011999"
	last := entries[len(entries)-1].Seq
	next := "e:" + itoa(last+1)
	if _, err := bulk.ApplyPull(ctx, PullApply{From: "e:" + itoa(last), Page: protocol.PullResponse{NextCursor: next,
		Entries: []protocol.Entry{{Seq: last + 1, Kind: protocol.KindRow, Table: TablePegawai.Name, RowID: "0190a1b2-c3d4-7000-8000-00000000beef", Row: row, HLC: pg.HLC}}}}); err != nil {
		t.Fatal(err)
	}
	var after int
	if err := bulk.db.QueryRow("SELECT jumlah FROM posisi_bezetting WHERE unit_id = ? AND jabatan_id = ?", unit, jabatan).Scan(&after); err != nil {
		t.Fatal(err)
	}
	if after != before+1 {
		t.Fatalf("after the bulk pages an insert counts %d → %d: the triggers did not come back", before, after)
	}
}

// TestBulkPageFailureKeepsTriggers: a large page that fails half way
// leaves the store as before it, the aggregate and guard triggers included.
func TestBulkPageFailureKeepsTriggers(t *testing.T) {
	_, entries := regionEntries(t, 300)
	st, err := Open(ctx, Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	before, beforeAll := dumpDerived(t, st), dumpAll(t, st)
	cut := errors.New("cut")
	_, err = st.ApplyPull(ctx, PullApply{Page: protocol.PullResponse{Entries: entries, NextCursor: "e:1"}, Fault: func(string) error { return cut }})
	if !errors.Is(err, cut) {
		t.Fatalf("apply: %v, want the fault", err)
	}
	if got := dumpDerived(t, st); got != before {
		t.Fatalf("a failed bulk page changed the derived tables or the triggers")
	}
	if got := dumpAll(t, st); got != beforeAll {
		t.Fatalf("a failed bulk page changed the database:\n%s", firstDiff(got, beforeAll))
	}
	var n int
	st.db.QueryRow("SELECT count(*) FROM pegawai").Scan(&n)
	if n != 0 {
		t.Fatalf("a failed page left %d employees", n)
	}
	applyPages(t, st, entries, 1<<20)
	if !strings.Contains(dumpDerived(t, st), "posisi_bezetting_insert") {
		t.Fatal("triggers missing after the page applied")
	}
}

// TestRowJSONIsMarshal: the base image's JSON is json.Marshal's, byte for byte.
func TestRowJSONIsMarshal(t *testing.T) {
	strs := []string{"", "Nama Pegawai", "a\"b\\c", "<script>&amp;</script>", "tab\there\nnl\r\b\f\x00\x1f\x7f",
		"Sorong – Papua Barat Daya ✓", "\u2028\u2029", "bad \xff\xfe utf8", "\xe2\x80", "emoji 😀", "日本"}
	rows := []map[string]any{{}, {"z": nil, "a": true, "m": false, "n": int64(-42), "f": 1.5, "j": json.Number("12"), "k": json.Number("-3.25e2")}}
	for i, s := range strs {
		rows = append(rows, map[string]any{"s": s, fmt.Sprint("k", i, s): s, "nested": map[string]any{"x": s}, "list": []any{s, 1.0}})
	}
	for _, r := range rows {
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		got, err := rowJSON(nil, r)
		if err != nil || string(got) != string(want) {
			t.Fatalf("rowJSON(%v) = %s, %v; json.Marshal %s", r, got, err, want)
		}
	}
	for _, bad := range []json.Number{"", "1x", "true", "1 ", " 1", `"1"`, "01"} {
		_, err1 := json.Marshal(map[string]any{"n": bad})
		_, err2 := rowJSON(nil, map[string]any{"n": bad})
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("json.Number %q: json.Marshal error %v, rowJSON error %v", bad, err1, err2)
		}
	}
}

// TestBatchKeyClashHoldsTheSameRow: visible rows go to SQLite many to a
// statement; when a local UNIQUE key refuses one, the row held is the one
// a row-by-row write held (the later id), and the others are visible.
func TestBatchKeyClashHoldsTheSameRow(t *testing.T) {
	_, entries := regionEntries(t, 50)
	var jab []protocol.Entry
	for _, e := range entries {
		if e.Table == TableJabatan.Name {
			jab = append(jab, e)
		}
	}
	if len(jab) < 6 {
		t.Fatalf("%d jabatan", len(jab))
	}
	jab = jab[:6]
	slices.SortFunc(jab, func(x, y protocol.Entry) int { return strings.Compare(x.RowID, y.RowID) })
	row := map[string]any{}
	for k, v := range jab[4].Row {
		row[k] = v
	}
	row["kode"] = jab[1].Row["kode"] // the 5th in id order takes the 2nd's key
	jab[4].Row = row
	for i := range jab {
		jab[i].Seq = int64(i + 1)
	}
	st, err := Open(ctx, Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := st.ApplyPull(ctx, PullApply{Page: protocol.PullResponse{Entries: jab, NextCursor: "e:6"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Held != 1 {
		t.Fatalf("held %d, want 1", res.Held)
	}
	var held string
	if err := st.db.QueryRow("SELECT row_id FROM sync_held").Scan(&held); err != nil || held != jab[4].RowID {
		t.Fatalf("held %q (%v), want the later id %q", held, err, jab[4].RowID)
	}
	for i, e := range jab {
		var n int
		st.db.QueryRow("SELECT count(*) FROM jabatan WHERE id = ?", e.RowID).Scan(&n)
		if (n == 1) != (i != 4) {
			t.Fatalf("jabatan %d visible %d", i, n)
		}
	}
}

// dumpAll is the whole database as text: the schema (every table, index and
// trigger by name, without root pages) and every row of every table in
// primary-key order, each value with its type and floats to the last bit.
// Meta keys a fresh store draws at random (its device id) are left out.
func dumpAll(t testing.TB, st *Store) string {
	t.Helper()
	var b strings.Builder
	q := func(query string, args ...any) [][]string {
		rows, err := st.db.Query(query, args...)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		var out [][]string
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(vals))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			row := make([]string, len(vals))
			for i, v := range vals {
				row[i] = fmt.Sprintf("%v:%q", v.Valid, v.String)
			}
			out = append(out, row)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, r := range q("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name") {
		fmt.Fprintln(&b, r)
	}
	for _, tbl := range q("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
		name := strings.Trim(strings.TrimPrefix(tbl[0], "true:"), `"`)
		var sel []string
		for _, c := range q("SELECT name FROM pragma_table_info(?) ORDER BY cid", name) {
			col := `"` + strings.Trim(strings.TrimPrefix(c[0], "true:"), `"`) + `"`
			sel = append(sel, "typeof("+col+")", "CASE typeof("+col+") WHEN 'real' THEN printf('%!.17g', "+col+") ELSE quote("+col+") END")
		}
		where := ""
		if name == "meta" {
			where = " WHERE key <> 'device_id'"
		}
		rows := q("SELECT " + strings.Join(sel, ", ") + " FROM \"" + name + "\"" + where)
		lines := make([]string, len(rows))
		for i, r := range rows {
			lines[i] = fmt.Sprint(r)
		}
		slices.Sort(lines)
		fmt.Fprintf(&b, "== %s (%d rows)\n%s\n", name, len(rows), strings.Join(lines, "\n"))
	}
	return b.String()
}

// TestFirstSyncBulkEqualsRowByRow: a first sync applied in large pages
// (the fast path: triggers and indexes suspended, aggregates rebuilt once)
// leaves the same database, table by table and value by value, as the same
// entries applied in small pages that take the ordinary path row by row.
func TestFirstSyncBulkEqualsRowByRow(t *testing.T) {
	_, entries := regionEntries(t, 600)
	// employees who left (not counted in post) and a position with people
	// but no task, so the aggregates have both kinds of rows
	for i := range entries {
		if entries[i].Table == TablePegawai.Name && i%7 == 0 {
			row := maps.Clone(entries[i].Row)
			row["keluar_pada"] = "2025-01-01"
			entries[i].Row = row
		}
	}
	dump := func(page int) string {
		st, err := Open(ctx, Options{Dir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		applyPages(t, st, entries, page)
		return dumpAll(t, st)
	}
	small := dump(100) // under bulkMinRows: every row through the triggers
	if !strings.Contains(small, "== abk_posisi (") || strings.Contains(small, "== abk_posisi (0 rows)") {
		t.Fatal("no aggregate rows to compare")
	}
	for _, page := range []int{1 << 20, 1500} {
		if got := dump(page); got != small {
			t.Fatalf("pages of %d: the database differs from the row-by-row apply:\n%s", page, firstDiff(got, small))
		}
	}
}

// firstDiff shows the first line where two dumps differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	section := ""
	for i := 0; i < len(g) && i < len(w); i++ {
		if strings.HasPrefix(w[i], "== ") {
			section = w[i]
		}
		if g[i] != w[i] {
			return fmt.Sprintf("%s\n got  %.300s\n want %.300s", section, g[i], w[i])
		}
	}
	return fmt.Sprintf("lengths %d vs %d lines", len(g), len(w))
}
