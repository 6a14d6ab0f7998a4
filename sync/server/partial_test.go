package server_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/google/uuid"
)

// pullWire pulls one page from cursor as a client of protocol proto
// (0: announces none) and returns it with its size on the wire (gzip, as
// the server sends it).
func (d *dev) pullWire(cursor string, proto int) (protocol.PullResponse, int) {
	d.e.t.Helper()
	u := fmt.Sprintf("%s%s?cursor=%s&max_bytes=%d&schema=%d", d.e.ts.URL, protocol.PathPull, cursor, 1<<20, d.schema)
	if proto > 0 {
		u += fmt.Sprintf("&%s=%d", protocol.ParamProtocol, proto)
	}
	req, _ := http.NewRequest("GET", u, nil)
	req.Header.Set("Authorization", "Bearer "+d.token)
	req.Header.Set("Accept-Encoding", "gzip") // set by hand: the body stays compressed
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		d.e.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		d.e.t.Fatalf("pull: %d %s", res.StatusCode, body)
	}
	raw := body
	if res.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			d.e.t.Fatal(err)
		}
		raw, _ = io.ReadAll(zr)
	}
	var page protocol.PullResponse
	if err := json.Unmarshal(raw, &page); err != nil {
		d.e.t.Fatal(err)
	}
	return page, len(body)
}

// applyPartial is what a v3 client does with a page: partial rows on top
// of the rows it holds (their seq at least the entry's Base).
func (d *dev) applyPartial(t *testing.T, entries []protocol.Entry) {
	t.Helper()
	for _, en := range entries {
		k := en.Table + "/" + en.RowID
		if en.Kind == protocol.KindRow && en.Partial {
			have, ok := d.rows[k]
			if !ok || d.base[k] < en.Base {
				t.Fatalf("partial row %s (base %d) without its base (have seq %d)", k, en.Base, d.base[k])
			}
			row := maps.Clone(have)
			for c, v := range en.Row {
				row[c] = v
			}
			en.Row = row
		}
		d.apply(en)
	}
}

// TestOneEditOnTheWire measures the bytes one single-column edit costs on
// the wire both ways (gzip, amortised over a push of 200 edits like a
// desktop's session): pushed by one desktop of the OPD, pulled by another
// as a protocol v3 client (partial rows) and as a v2 client (whole rows).
func TestOneEditOnTheWire(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	const n = 200
	ids := make([]string, n)
	var chs []protocol.Change
	for i := range ids {
		ids[i] = uuid.NewString()
		chs = append(chs, admin.change("pegawai", ids[i], "insert", pegawaiCols(fmt.Sprintf("198001012005012%03d", 1+i), r.opdA, r.unitA, r.jab)))
	}
	for _, d := range admin.push(chs...).Dispositions {
		if d.Status != protocol.StatusApplied && d.Status != protocol.StatusConflict {
			t.Fatalf("%+v", d)
		}
	}
	editor, other := e.device("OPD-A", false), e.device("OPD-A", false)
	editor.pull()
	other.pull()
	before := other.cursor

	chs = chs[:0]
	for i, id := range ids {
		chs = append(chs, editor.change("pegawai", id, "update", map[string]any{"tempat_lahir": fmt.Sprintf("Sorong %d", i)}))
	}
	req := editor.req(chs)
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf) // as sync/client sends a push
	json.NewEncoder(zw).Encode(req)
	zw.Close()
	for _, d := range editor.push(chs...).Dispositions {
		if d.Status != protocol.StatusApplied {
			t.Fatalf("%+v", d)
		}
	}
	up := float64(buf.Len()) / n

	whole, wholeBytes := other.pullWire(before, 0)
	part, partBytes := other.pullWire(before, protocol.Version)
	if len(whole.Entries) != n || len(part.Entries) != n || whole.HasMore || part.HasMore {
		t.Fatalf("pulled %d whole and %d partial entries (more %v %v), want %d each", len(whole.Entries), len(part.Entries), whole.HasMore, part.HasMore, n)
	}
	down2, down3 := float64(wholeBytes)/n, float64(partBytes)/n
	t.Logf("one edit: %.1f B pushed; pulled %.1f B as protocol v2 (whole rows), %.1f B as v3 (partial rows): %.2f×", up, down2, down3, down3/down2)

	// The partial rows carry the edited column only, and build the same
	// rows as the whole ones.
	v2 := e.deviceCopy(other)
	v2.applyPartial(t, whole.Entries)
	other.applyPartial(t, part.Entries)
	for i, en := range part.Entries {
		if !en.Partial || len(en.Row) != 1 || en.Row["tempat_lahir"] == nil || en.Base > other.seqOf(before) {
			t.Fatalf("entry %d: %+v, want a partial row of tempat_lahir with base ≤ the cursor", i, en)
		}
		if whole.Entries[i].Partial {
			t.Fatalf("a v2 client got a partial row: %+v", whole.Entries[i])
		}
	}
	if !reflect.DeepEqual(v2.rows, other.rows) {
		t.Fatal("partial rows built other rows than the whole ones")
	}
	if down3 > 60 {
		t.Errorf("a pulled edit costs %.1f B on the wire, want ≤ 60", down3)
	}
	if down3 >= down2 {
		t.Errorf("partial rows (%.1f B) are not smaller than whole rows (%.1f B)", down3, down2)
	}
	if up > 60 {
		t.Errorf("a pushed edit costs %.1f B on the wire, want ≤ 60", up)
	}
}

// deviceCopy is another view of the same device (its rows copied).
func (e *env) deviceCopy(d *dev) *dev {
	c := *d
	c.rows, c.base = map[string]map[string]any{}, maps.Clone(d.base)
	for k, v := range d.rows {
		c.rows[k] = maps.Clone(v)
	}
	c.removed, c.disps, c.confs, c.aliases = maps.Clone(d.removed), maps.Clone(d.disps), maps.Clone(d.confs), maps.Clone(d.aliases)
	return &c
}

func (d *dev) seqOf(cursor string) int64 {
	_, n, _ := strings.Cut(cursor, ":")
	return int64(atoi(n))
}

// TestPartialRows: which rows a v3 client receives partial and which
// whole, and that partial rows build exactly the server's rows (both stores).
func TestPartialRows(t *testing.T) { eachStore(t, testPartialRows) }

func testPartialRows(t *testing.T, e *env) {
	admin := e.device("", true)
	r := e.region(admin)
	a, b := e.device("OPD-A", false), e.device("OPD-B", false)
	pullV3 := func(d *dev) []protocol.Entry {
		t.Helper()
		var all []protocol.Entry
		for {
			page, _ := d.pullWire(d.cursor, protocol.Version)
			d.applyPartial(t, page.Entries)
			all = append(all, page.Entries...)
			d.cursor = page.NextCursor
			if !page.HasMore {
				return all
			}
		}
	}
	find := func(es []protocol.Entry, tbl, id string) protocol.Entry {
		t.Helper()
		for _, en := range es {
			if en.Kind == protocol.KindRow && en.Table == tbl && en.RowID == id {
				return en
			}
		}
		t.Fatalf("no entry for %s/%s", tbl, id)
		return protocol.Entry{}
	}
	// First sight (cursor ""): whole.
	for _, en := range pullV3(a) {
		if en.Partial {
			t.Fatalf("first sync got a partial row: %+v", en)
		}
	}
	pullV3(b)
	// A new row after the cursor: whole.
	fresh := uuid.NewString()
	wantStatus(t, admin.push1("pegawai", fresh, "insert", pegawaiCols("198001012005011021", r.opdA, r.unitA, r.jab)), protocol.StatusApplied, "")
	if en := find(pullV3(a), "pegawai", fresh); en.Partial || len(en.Row) < 10 {
		t.Fatalf("a row inserted after the cursor: %+v, want whole", en)
	}
	// Two edits in two sessions: each pull carries its own column; the
	// second's base is the first edit's seq.
	wantStatus(t, admin.push1("pegawai", r.pegA, "update", map[string]any{"nama": "Satu"}), protocol.StatusApplied, "")
	en := find(pullV3(a), "pegawai", r.pegA)
	if !en.Partial || !reflect.DeepEqual(en.Row, map[string]any{"nama": "Satu"}) {
		t.Fatalf("first edit: %+v", en)
	}
	first := en.Seq
	wantStatus(t, admin.push1("pegawai", r.pegA, "update", map[string]any{"golongan": 32}), protocol.StatusApplied, "")
	en = find(pullV3(a), "pegawai", r.pegA)
	if !en.Partial || !reflect.DeepEqual(en.Row, map[string]any{"golongan": float64(32)}) || en.Base != first {
		t.Fatalf("second edit: %+v, want golongan only with base %d", en, first)
	}
	if got := a.row("pegawai", r.pegA); got["nama"] != "Satu" || got["golongan"] != float64(32) {
		t.Fatalf("built row %v", got)
	}
	// Moved to OPD B (a mutasi by BKPSDM): B sees the employee for the first
	// time, whole, with the riwayat row that follows it; A gets removals.
	wantStatus(t, admin.push1("pegawai", r.pegA, "update", map[string]any{"opd_id": r.opdB, "unit_id": r.unitB}), protocol.StatusApplied, "")
	got := pullV3(b)
	for _, id := range [][2]string{{"pegawai", r.pegA}, {"riwayat_jabatan", r.rwA}} {
		if en := find(got, id[0], id[1]); en.Partial || en.Deleted || len(en.Row) < 5 {
			t.Fatalf("%s moved into B's scope: %+v, want whole", id[0], en)
		}
	}
	if en := find(pullV3(a), "pegawai", r.pegA); !en.Deleted || en.Reason != protocol.ReasonOutOfScope {
		t.Fatalf("A after the move: %+v", en)
	}
	// Every row each device built equals the server's whole rows.
	for _, d := range []*dev{a, b} {
		ref := e.deviceCopy(d)
		ref.rows, ref.cursor = map[string]map[string]any{}, ""
		ref.pull()
		for k, row := range ref.rows {
			if !reflect.DeepEqual(d.rows[k], row) {
				t.Errorf("%s: built %v, server %v", k, d.rows[k], row)
			}
		}
		if len(ref.rows) != len(d.rows) {
			t.Errorf("%d rows built, server has %d", len(d.rows), len(ref.rows))
		}
	}
}

// TestPartialRowsOfOldImages: a row stored before partial rows existed (no
// change info in its image) travels whole until its first write, then
// partial.
func TestPartialRowsOfOldImages(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	a := e.device("OPD-A", false)
	// Strip the change info from pegA's stored image, as an older server wrote it.
	err := e.st.Update(ctx, func(tx server.Tx) error {
		it, err := tx.Get(server.ItemRow, "pegawai", r.pegA)
		if err != nil {
			return err
		}
		var row, meta map[string]any
		json.Unmarshal(it.Data, &row)
		json.Unmarshal(it.Meta, &meta)
		if _, ok := row["_w"]; !ok {
			return fmt.Errorf("stored image without _w: %s", it.Data)
		}
		delete(row, "_w")
		delete(row, "_p")
		delete(meta, "w")
		it.Data, _ = json.Marshal(row)
		it.Meta, _ = json.Marshal(meta)
		return tx.Put(it)
	})
	if err != nil {
		t.Fatal(err)
	}
	a.pull()
	for i, want := range []bool{false, true} {
		wantStatus(t, admin.push1("pegawai", r.pegA, "update", map[string]any{"nama": fmt.Sprint("Nama ", i)}), protocol.StatusApplied, "")
		page, _ := a.pullWire(a.cursor, protocol.Version)
		a.applyPartial(t, page.Entries)
		a.cursor = page.NextCursor
		if len(page.Entries) != 1 || page.Entries[0].Partial != want {
			t.Fatalf("edit %d: %+v, want partial %v", i, page.Entries, want)
		}
	}
	if a.row("pegawai", r.pegA)["nama"] != "Nama 1" {
		t.Fatalf("built %v", a.row("pegawai", r.pegA))
	}
}
