package store

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// TestOutboxGuard proves that no synced table can be written without its
// outbox entry: every table in SyncedTables has the three guard triggers, a
// raw write on the database is refused, and the write path still works.
func TestOutboxGuard(t *testing.T) {
	s := openTest(t, t.TempDir())
	f := newFixture(t, s)
	p := f.pegawai("199001012015051001", "1990-01-01", domain.GenderLaki)
	must(t, s.SavePegawai(ctx, "t", p, true, NewID()))

	for _, tb := range SyncedTables {
		for _, op := range []string{"insert", "update", "delete"} {
			var n int
			must(t, s.db.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ? AND tbl_name = ?",
				"sync_guard_"+tb.Name+"_"+op, tb.Name).Scan(&n))
			if n != 1 {
				t.Errorf("synced table %s has no %s guard trigger", tb.Name, op)
			}
		}
	}
	for _, q := range []string{
		"UPDATE pegawai SET nama = 'Diam-diam' WHERE id = '" + p.ID + "'",
		"DELETE FROM pegawai WHERE id = '" + p.ID + "'",
		"INSERT INTO opd(id, pemda_id, kode, nama, singkatan, jenis, alamat) VALUES ('x', '" + f.pemda.ID + "', 'Z', 'Z', 'Z', 'dinas', '')",
		"INSERT INTO setting(id, kunci, nilai) VALUES ('s', 'k', 'v')",
	} {
		_, err := s.db.Exec(q)
		if err == nil || !strings.Contains(err.Error(), "written outside the write path") {
			t.Errorf("raw write not refused: %s: %v", q, err)
		}
	}
	// a raw write inside a transaction that is not the write path is refused too
	tx, err := s.db.Begin()
	must(t, err)
	if _, err := tx.Exec("UPDATE pegawai SET nama = 'x'"); err == nil {
		t.Error("raw write in a transaction not refused")
	}
	tx.Rollback()
	// the flag row never outlives a write transaction
	var n int
	must(t, s.db.QueryRow("SELECT count(*) FROM sync_write_ok").Scan(&n))
	if n != 0 {
		t.Fatal("guard left open after commit")
	}
	p.Nama = "Lewat Jalur Tulis"
	must(t, s.SavePegawai(ctx, "t", p, false, NewID()))
	var base int64
	must(t, s.db.QueryRow("SELECT base_seq FROM outbox ORDER BY seq DESC LIMIT 1").Scan(&base))
	if base != 0 {
		t.Fatalf("base_seq %d for a row never pulled", base)
	}
}

// TestNoRawWritesInStoreCode is the static half of the guard: inside the
// store package only the write path (write.go) and the sync apply path
// (sync*.go) may write synced tables with SQL; everything else goes
// through Tx.Insert/Update/Delete.
func TestNoRawWritesInStoreCode(t *testing.T) {
	var names []string
	for _, tb := range SyncedTables {
		names = append(names, tb.Name)
	}
	re := regexp.MustCompile(`(?i)(INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+(` + strings.Join(names, "|") + `)\b`)
	entries, err := os.ReadDir(".")
	must(t, err)
	for _, e := range entries {
		n := e.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || n == "write.go" || strings.HasPrefix(n, "sync") {
			continue
		}
		b, err := os.ReadFile(n)
		must(t, err)
		if m := re.Find(b); m != nil {
			t.Errorf("%s writes a synced table with raw SQL (%q); use Tx.Insert/Update/Delete", n, m)
		}
	}
}

func TestApplyPullRebasesPendingEdits(t *testing.T) {
	s := openTest(t, t.TempDir())
	f := newFixture(t, s)
	p := f.pegawai("199001012015051001", "1990-01-01", domain.GenderLaki)
	must(t, s.SavePegawai(ctx, "t", p, true, NewID()))
	cur, err := s.currentRow(ctx, TablePegawai, p.ID)
	must(t, err)
	// every local entry acknowledged at seq 10, and the server image renamed
	chs, err := s.UnsentChanges(ctx, 100)
	must(t, err)
	var ds []protocol.Disposition
	for i, c := range chs {
		ds = append(ds, protocol.Disposition{LocalSeq: c.LocalSeq, ChangeID: c.ChangeID, Status: protocol.StatusApplied, AckSeq: int64(i + 1)})
	}
	must(t, s.RecordDispositions(ctx, ds))
	// a local edit made after the push stays on top of the pulled image
	p.Golongan = 32
	must(t, s.SavePegawai(ctx, "t", p, false, NewID()))
	img := map[string]any{}
	for k, v := range cur {
		img[k] = v
	}
	img["nama"] = "Nama Dari Server"
	page := protocol.PullResponse{NextCursor: "e:20", ServerEpoch: "e", ServerTime: "2026-07-01T08:00:00Z",
		Entries: []protocol.Entry{{Seq: 20, Kind: protocol.KindRow, Table: "pegawai", RowID: p.ID, Row: img, HLC: "000000000000001.0000000000"}}}
	res, err := s.ApplyPull(ctx, PullApply{From: "", Page: page})
	must(t, err)
	if res.Dropped != len(chs) {
		t.Fatalf("dropped %d of %d acknowledged entries", res.Dropped, len(chs))
	}
	row, err := s.currentRow(ctx, TablePegawai, p.ID)
	must(t, err)
	if row["nama"] != "Nama Dari Server" || row["golongan"] != int64(32) {
		t.Fatalf("rebase lost something: %v %v", row["nama"], row["golongan"])
	}
	if n, _ := s.PendingChanges(ctx); n != 1 {
		t.Fatalf("%d pending, want the one unpushed edit", n)
	}
	if v, _ := s.DataVersion(ctx); !strings.HasSuffix(v, ":e:20") {
		t.Fatalf("data version %q did not move with the cursor", v)
	}
	// the same page again is stale and ignored
	res, err = s.ApplyPull(ctx, PullApply{From: "", Page: page})
	must(t, err)
	if !res.Stale {
		t.Fatal("duplicate page applied")
	}
	// a fault in the middle rolls the whole page back
	page2 := protocol.PullResponse{NextCursor: "e:30", Entries: []protocol.Entry{
		{Seq: 21, Kind: protocol.KindRow, Table: "pegawai", RowID: p.ID, Row: map[string]any{"nama": "X"}},
		{Seq: 22, Kind: protocol.KindRow, Table: "pegawai", RowID: p.ID, Deleted: true}}}
	_, err = s.ApplyPull(ctx, PullApply{From: "e:20", Page: page2, Fault: func(string) error { return os.ErrDeadlineExceeded }})
	if err == nil {
		t.Fatal("fault did not abort")
	}
	if c, _ := s.SyncMeta(ctx, MetaPullCursor); c != "e:20" {
		t.Fatalf("cursor moved to %q by an aborted page", c)
	}
	var nb int
	must(t, s.db.QueryRow("SELECT count(*) FROM sync_base WHERE row_id = ? AND seq = 20", p.ID).Scan(&nb))
	if nb != 1 {
		t.Fatal("aborted page changed the base")
	}
}

// TestHeldRowShowsOnceTheClashingLocalRowLeaves: a pulled employee whose NIP
// a pending local insert holds waits in the base; when that insert's
// rejection is pulled the local row leaves and the pulled one appears.
func TestHeldRowShowsOnceTheClashingLocalRowLeaves(t *testing.T) {
	s := openTest(t, t.TempDir())
	f := newFixture(t, s)
	mine := f.pegawai("199001012015051001", "1990-01-01", domain.GenderLaki)
	must(t, s.SavePegawai(ctx, "t", mine, true, NewID()))
	theirs, err := s.currentRow(ctx, TablePegawai, mine.ID)
	must(t, err)
	theirs["nama"] = "Pegawai Sah"
	otherID := NewID()
	page := protocol.PullResponse{NextCursor: "e:5", Entries: []protocol.Entry{{Seq: 5, Kind: protocol.KindRow, Table: "pegawai", RowID: otherID, Row: theirs}}}
	res, err := s.ApplyPull(ctx, PullApply{From: "", Page: page})
	must(t, err)
	if res.Held != 1 {
		t.Fatalf("held %d", res.Held)
	}
	if _, err := s.Pegawai(ctx, otherID); err == nil {
		t.Fatal("clashing row visible")
	}
	var changeID string
	var seq int64
	must(t, s.db.QueryRow("SELECT change_id, seq FROM outbox WHERE tbl = 'pegawai' AND row_id = ?", mine.ID).Scan(&changeID, &seq))
	page2 := protocol.PullResponse{NextCursor: "e:6", Entries: []protocol.Entry{{Seq: 6, Kind: protocol.KindDisposition,
		Disposition: &protocol.Disposition{LocalSeq: seq, ChangeID: changeID, Status: protocol.StatusRejected, Reason: protocol.ReasonForbiddenOPD, AckSeq: 6}}}}
	_, err = s.ApplyPull(ctx, PullApply{From: "e:5", Page: page2})
	must(t, err)
	if _, err := s.Pegawai(ctx, mine.ID); err == nil {
		t.Fatal("rejected local row still visible")
	}
	if p, err := s.Pegawai(ctx, otherID); err != nil || p.Nama != "Pegawai Sah" {
		t.Fatalf("held row not shown after the clash left: %v %v", p.Nama, err)
	}
	var n int
	must(t, s.db.QueryRow("SELECT count(*) FROM sync_held").Scan(&n))
	if n != 0 {
		t.Fatal("held list not emptied")
	}
}

// TestSnapshotAfterEpochChangeDropsWhatItDoesNotBring: after an epoch reset
// the pull from "" is the whole truth; base rows it does not bring back are
// dropped when it reaches the head, unless a pending local insert keeps them.
func TestSnapshotAfterEpochChangeDropsWhatItDoesNotBring(t *testing.T) {
	s := openTest(t, t.TempDir())
	f := newFixture(t, s)
	p := f.pegawai("199001012015051001", "1990-01-01", domain.GenderLaki)
	must(t, s.SavePegawai(ctx, "t", p, true, NewID()))
	// everything local acknowledged and confirmed by a pull
	chs, err := s.UnsentChanges(ctx, 100)
	must(t, err)
	var entries []protocol.Entry
	var ds []protocol.Disposition
	for i, c := range chs {
		ds = append(ds, protocol.Disposition{LocalSeq: c.LocalSeq, ChangeID: c.ChangeID, Status: protocol.StatusApplied, AckSeq: int64(i + 1)})
		row, err := s.currentRow(ctx, TableByName(c.Table), c.RowID)
		must(t, err)
		entries = append(entries, protocol.Entry{Seq: int64(i + 1), Kind: protocol.KindRow, Table: c.Table, RowID: c.RowID, Row: row})
	}
	must(t, s.RecordDispositions(ctx, ds))
	_, err = s.ApplyPull(ctx, PullApply{From: "", Page: protocol.PullResponse{NextCursor: "old:99", Entries: entries, ServerEpoch: "old"}})
	must(t, err)
	// the server is restored without the employee; the rest comes back
	if _, err := s.ResetForEpoch(ctx, "new"); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.PendingChanges(ctx); n != len(chs) {
		t.Fatalf("%d re-queued, want %d", n, len(chs))
	}
	var keep []protocol.Entry
	for _, e := range entries {
		if e.Table != "pegawai" && e.Table != "riwayat_jabatan" {
			keep = append(keep, e)
		}
	}
	_, err = s.ApplyPull(ctx, PullApply{From: "", Page: protocol.PullResponse{NextCursor: "new:50", Entries: keep, ServerEpoch: "new"}})
	must(t, err)
	// still visible: its insert is pending again (the re-push brings it back)
	if _, err := s.Pegawai(ctx, p.ID); err != nil {
		t.Fatalf("pending insert lost: %v", err)
	}
	var stale int
	must(t, s.db.QueryRow("SELECT count(*) FROM sync_base WHERE seq < 0").Scan(&stale))
	if stale != 0 {
		t.Fatalf("%d unconfirmed base rows left at the head", stale)
	}
	// were the insert not pending, the row goes
	must(t, s.db.QueryRow("SELECT count(*) FROM sync_base WHERE tbl = 'pegawai'").Scan(&stale))
	if stale != 0 {
		t.Fatal("unconfirmed pegawai kept in the base")
	}
}

func TestConflictInboxNamesIDs(t *testing.T) {
	s := openTest(t, t.TempDir())
	f := newFixture(t, s)
	c := protocol.Conflict{ID: "c1", Table: "pegawai", RowID: "p1", Kind: protocol.ConflictGuarded, Columns: []string{"opd_id"},
		Server: map[string]any{"opd_id": f.opdA.ID}, Incoming: map[string]any{"opd_id": f.opdB.ID}, Status: "open"}
	_, err := s.ApplyPull(ctx, PullApply{Page: protocol.PullResponse{NextCursor: "e:1", Entries: []protocol.Entry{{Seq: 1, Kind: protocol.KindConflict, Conflict: &c}}}})
	must(t, err)
	cs, err := s.Conflicts(ctx, false)
	must(t, err)
	if len(cs) != 1 || cs[0].Labels[f.opdA.ID] != "Dinas A" || cs[0].Labels[f.opdB.ID] != "Distrik B" {
		t.Fatalf("inbox %+v", cs)
	}
	if n, _ := s.SyncCounts(ctx); n.Conflicts != 1 {
		t.Fatalf("counts %+v", n)
	}
}

// TestApplyPartialRows: a partial row (protocol v3) is applied onto the
// base image (a pending local edit stays on top); one whose base this
// device does not hold, or holds older than the entry's Base, refuses the
// whole page (ErrPartialBase) so the client asks for it whole.
func TestApplyPartialRows(t *testing.T) {
	s := openTest(t, t.TempDir())
	f := newFixture(t, s)
	p := f.pegawai("199001012015051001", "1990-01-01", domain.GenderLaki)
	must(t, s.SavePegawai(ctx, "t", p, true, NewID()))
	cur, err := s.currentRow(ctx, TablePegawai, p.ID)
	must(t, err)
	chs, err := s.UnsentChanges(ctx, 100)
	must(t, err)
	var ds []protocol.Disposition
	for _, c := range chs {
		ds = append(ds, protocol.Disposition{LocalSeq: c.LocalSeq, ChangeID: c.ChangeID, Status: protocol.StatusApplied, AckSeq: 1})
	}
	must(t, s.RecordDispositions(ctx, ds))
	// a local edit not pushed yet
	p.Golongan = 32
	must(t, s.SavePegawai(ctx, "t", p, false, NewID()))
	img := map[string]any{}
	for k, v := range cur {
		img[k] = v
	}
	page := protocol.PullResponse{NextCursor: "e:20", ServerEpoch: "e", Entries: []protocol.Entry{
		{Seq: 20, Kind: protocol.KindRow, Table: "pegawai", RowID: p.ID, Row: img, HLC: "000000000000001.0000000000"}}}
	_, err = s.ApplyPull(ctx, PullApply{From: "", Page: page})
	must(t, err)

	// Base newer than the base image held (seq 20): refused, nothing applied.
	stale := protocol.PullResponse{NextCursor: "e:30", ServerEpoch: "e", Entries: []protocol.Entry{
		{Seq: 30, Kind: protocol.KindRow, Table: "pegawai", RowID: p.ID, Partial: true, Base: 25, Row: map[string]any{"nama": "Baru"}}}}
	if _, err := s.ApplyPull(ctx, PullApply{From: "e:20", Page: stale}); !errors.Is(err, ErrPartialBase) {
		t.Fatalf("partial row over an older base: %v, want ErrPartialBase", err)
	}
	// A row never held: refused too.
	unknown := protocol.PullResponse{NextCursor: "e:30", ServerEpoch: "e", Entries: []protocol.Entry{
		{Seq: 30, Kind: protocol.KindRow, Table: "pegawai", RowID: NewID(), Partial: true, Base: 3, Row: map[string]any{"nama": "Baru"}}}}
	if _, err := s.ApplyPull(ctx, PullApply{From: "e:20", Page: unknown}); !errors.Is(err, ErrPartialBase) {
		t.Fatalf("partial row of an unknown row: %v, want ErrPartialBase", err)
	}
	if c, _ := s.SyncMeta(ctx, MetaPullCursor); c != "e:20" {
		t.Fatalf("a refused page moved the cursor to %q", c)
	}
	// Base at or below the base image: applied on top of it.
	ok := protocol.PullResponse{NextCursor: "e:30", ServerEpoch: "e", Entries: []protocol.Entry{
		{Seq: 30, Kind: protocol.KindRow, Table: "pegawai", RowID: p.ID, Partial: true, Base: 20, Row: map[string]any{"nama": "Nama Baru"}, HLC: "000000000000002.0000000000"}}}
	_, err = s.ApplyPull(ctx, PullApply{From: "e:20", Page: ok})
	must(t, err)
	row, err := s.currentRow(ctx, TablePegawai, p.ID)
	must(t, err)
	if row["nama"] != "Nama Baru" || row["golongan"] != int64(32) || row["nip"] != cur["nip"] || row["tanggal_lahir"] != cur["tanggal_lahir"] {
		t.Fatalf("partial apply: %v", row)
	}
	var seq int64
	var base string
	must(t, s.db.QueryRow("SELECT seq, row FROM sync_base WHERE row_id = ?", p.ID).Scan(&seq, &base))
	if seq != 30 || !strings.Contains(base, `"nama":"Nama Baru"`) || !strings.Contains(base, `"nip":"199001012015051001"`) {
		t.Fatalf("base after a partial row: seq %d %s", seq, base)
	}
}

// TestUnsentChangesRawIsUnsentChanges: where UnsentChangesRaw hands a
// change's columns over as the outbox's JSON, those bytes are what the
// push wrote before (json.Marshal of UnsentChanges' decoded columns) and
// decode to the same columns; every other field is the same.
func TestUnsentChangesRawIsUnsentChanges(t *testing.T) {
	s := openTest(t, t.TempDir())
	f := newFixture(t, s)
	p := f.pegawai("199001012015051001", "1990-01-01", domain.GenderLaki)
	p.Nama = `Siti <É> & "Ñ" ` + "\u2028"
	must(t, s.SavePegawai(ctx, "t", p, true, NewID()))
	p.Golongan = 32 // an update of pegawai: its columns are decoded (widened)
	must(t, s.SavePegawai(ctx, "t", p, false, NewID()))
	q := f.pegawai("199101012015051002", "1991-01-01", domain.GenderPerempuan)
	must(t, s.SavePegawai(ctx, "t", q, true, NewID()))
	must(t, s.DeletePegawai(ctx, "t", q.ID))
	// outbox entries an older version (or a hand) may have written
	for i, data := range []string{`{ "nama" : "x", "n" : 1.50 }`, `{}`, `{ }`, `{"a":[1,{"b":null}]}`, `{"dup":1,"dup":2}`} {
		_, err := s.db.Exec(`INSERT INTO outbox(change_id, tbl, row_id, op, data, hlc, actor, created_at) VALUES (?, 'unit', ?, 'update', ?, '000000000000001.0000000000', 't', '')`,
			NewID(), "r"+strconv.Itoa(i), data)
		must(t, err)
	}
	want, err := s.UnsentChanges(ctx, 1000)
	must(t, err)
	got, raw, err := s.UnsentChangesRaw(ctx, 0, 1000)
	must(t, err)
	if len(got) != len(want) || len(raw) != len(got) {
		t.Fatalf("%d changes and %d raw, want %d", len(got), len(raw), len(want))
	}
	took := 0
	for i := range got {
		g := got[i]
		if raw[i] != nil {
			took++
			if g.Cols != nil {
				t.Fatalf("change %d: both raw and decoded columns", i)
			}
			if enc, _ := json.Marshal(want[i].Cols); !bytes.Equal(enc, raw[i]) && !strings.Contains(string(raw[i]), " ") && !strings.Contains(string(raw[i]), "dup") {
				t.Fatalf("change %d: raw %s, the push wrote %s", i, raw[i], enc)
			}
			must(t, decodeJSON(raw[i], &g.Cols))
		}
		if !reflect.DeepEqual(g, want[i]) {
			t.Fatalf("change %d:\nraw path %#v\nwant     %#v", i, g, want[i])
		}
	}
	if took < 3 {
		t.Fatalf("only %d of %d changes kept their JSON", took, len(got))
	}
	// from a local seq on: the same changes after it
	after, _, err := s.UnsentChangesRaw(ctx, want[2].LocalSeq, 1000)
	must(t, err)
	if len(after) != len(want)-3 || after[0].LocalSeq != want[3].LocalSeq {
		t.Fatalf("after local seq %d: %d changes from %d, want %d from %d", want[2].LocalSeq, len(after), after[0].LocalSeq, len(want)-3, want[3].LocalSeq)
	}
}

// TestRecordDispositionsSetWise: answers recorded 64 to a statement land on
// exactly their entries (an empty conflict id as NULL, an unknown change
// left alone, a change answered twice keeps its last answer), and the
// statement finds entries by change id, not by scanning the outbox.
func TestRecordDispositionsSetWise(t *testing.T) {
	s := openTest(t, t.TempDir())
	for i := range 150 {
		_, err := s.db.Exec(`INSERT INTO outbox(change_id, tbl, row_id, op, data, hlc, actor, created_at) VALUES (?, 'unit', ?, 'update', '{"a":1}', '000000000000001.0000000000', 't', '')`,
			"c"+strconv.Itoa(i), "r"+strconv.Itoa(i))
		must(t, err)
	}
	type answer struct {
		status, reason string
		conflict       sql.NullString
		ack            int64
	}
	want := map[string]answer{}
	var ds []protocol.Disposition
	for i := range 140 {
		d := protocol.Disposition{LocalSeq: int64(i + 1), ChangeID: "c" + strconv.Itoa(i), Status: protocol.StatusApplied, AckSeq: int64(1000 + i)}
		if i%7 == 0 {
			d.Status, d.Reason, d.ConflictID = protocol.StatusConflict, "guarded-concurrent", "k"+strconv.Itoa(i)
		}
		ds = append(ds, d)
		want[d.ChangeID] = answer{d.Status, d.Reason, sql.NullString{String: d.ConflictID, Valid: d.ConflictID != ""}, d.AckSeq}
	}
	ds = append(ds, protocol.Disposition{ChangeID: "nobody", Status: protocol.StatusApplied, AckSeq: 1})
	must(t, s.RecordDispositions(ctx, ds))
	// answered twice: the last answer holds
	must(t, s.RecordDispositions(ctx, []protocol.Disposition{{ChangeID: "c140", Status: protocol.StatusApplied, AckSeq: 1}, {ChangeID: "c140", Status: protocol.StatusRejected, Reason: "x", AckSeq: 2}}))
	want["c140"] = answer{protocol.StatusRejected, "x", sql.NullString{}, 2}
	rows, err := s.db.Query(`SELECT change_id, status, reason, conflict_id, ack_seq FROM outbox`)
	must(t, err)
	n := 0
	for rows.Next() {
		var id string
		var status, reason sql.NullString
		var a answer
		var ack sql.NullInt64
		must(t, rows.Scan(&id, &status, &reason, &a.conflict, &ack))
		a.status, a.reason, a.ack = status.String, reason.String, ack.Int64
		w, ok := want[id]
		if !ok {
			if status.Valid || reason.Valid || a.conflict.Valid || ack.Valid {
				t.Fatalf("%s was not answered but holds %v", id, a)
			}
			continue
		}
		if a != w || !status.Valid || !reason.Valid {
			t.Fatalf("%s: %+v, want %+v", id, a, w)
		}
		n++
	}
	rows.Close()
	if n != len(want) {
		t.Fatalf("%d entries answered, want %d", n, len(want))
	}
	var plan []string
	rows, err = s.db.Query("EXPLAIN QUERY PLAN "+dispositionsQuery, make([]any, 5*dispositionsPerStmt)...)
	must(t, err)
	for rows.Next() {
		var a, b, c int
		var d string
		must(t, rows.Scan(&a, &b, &c, &d))
		plan = append(plan, d)
	}
	rows.Close()
	if p := strings.Join(plan, "; "); strings.Contains(p, "SCAN outbox") || !strings.Contains(p, "SEARCH outbox USING") {
		t.Fatalf("the set-wise update reads the outbox as %q", p)
	}
}
