package store

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// Two records with one NIP that the server reported as a duplicate-nip
// conflict are both shown, while it is open and after "keep both"; a
// clashing record the server reported nothing about is still held back.
func TestDuplicateNIPRecordsAreBothVisible(t *testing.T) {
	s := openTest(t, t.TempDir())
	f := newFixture(t, s)
	mine := f.pegawai("199001012015051001", "1990-01-01", domain.GenderLaki)
	must(t, s.SavePegawai(ctx, "t", mine, true, NewID()))
	acknowledge(t, s)
	theirs, err := s.currentRow(ctx, TablePegawai, mine.ID)
	must(t, err)
	theirs["nama"] = "Orang Lain"
	otherID := NewID()
	c := protocol.Conflict{ID: "dup1", Table: "pegawai", RowID: otherID, OtherRow: mine.ID, Kind: protocol.ConflictDuplicateNIP,
		Columns: []string{"nip"}, Server: map[string]any{"nip": mine.NIP}, Incoming: theirs, Status: "open"}
	cur := pullPage(t, s, "", protocol.Entry{Kind: protocol.KindRow, Table: "pegawai", RowID: otherID, Row: theirs},
		protocol.Entry{Kind: protocol.KindConflict, Conflict: &c})
	for _, id := range []string{mine.ID, otherID} {
		if _, err := s.Pegawai(ctx, id); err != nil {
			t.Fatalf("record %s hidden while the conflict is open: %v", id, err)
		}
	}
	c.Status, c.Resolution = "resolved", protocol.ResolutionKeep
	theirs["nama"] = "Orang Lain Sekali"
	pullPage(t, s, cur, protocol.Entry{Kind: protocol.KindConflict, Conflict: &c},
		protocol.Entry{Kind: protocol.KindRow, Table: "pegawai", RowID: otherID, Row: theirs})
	if p, err := s.Pegawai(ctx, otherID); err != nil || p.Nama != "Orang Lain Sekali" {
		t.Fatalf("kept record hidden after keep-both: %v", err)
	}
	if _, err := s.Pegawai(ctx, mine.ID); err != nil {
		t.Fatal(err)
	}
	var held int
	must(t, s.db.QueryRow("SELECT count(*) FROM sync_held").Scan(&held))
	if held != 0 {
		t.Fatalf("%d held", held)
	}
	// the local write path still refuses a NIP another record holds
	p := f.pegawai(string(mine.NIP), "1991-01-01", domain.GenderLaki)
	if err := s.SavePegawai(ctx, "t", p, true, NewID()); err == nil {
		t.Fatal("a local duplicate NIP was accepted")
	}
}

// The migration that lets a NIP be shared keeps every record and its
// children.
func TestNIPMigrationKeepsRecordsAndReferences(t *testing.T) {
	dir := t.TempDir()
	migs, err := loadMigrations()
	must(t, err)
	old, err := open(ctx, Options{Dir: dir}, migs[:7])
	must(t, err)
	f := newFixture(t, old)
	p := f.pegawai("199001012015051001", "1990-01-01", domain.GenderLaki)
	must(t, old.SavePegawai(ctx, "t", p, true, NewID()))
	must(t, old.Close())
	s := openTest(t, dir)
	got, err := s.Pegawai(ctx, p.ID)
	if err != nil || got.NIP != p.NIP {
		t.Fatalf("record lost: %v", err)
	}
	var n int
	must(t, s.db.QueryRow("SELECT count(*) FROM riwayat_jabatan WHERE pegawai_id = ?", p.ID).Scan(&n))
	if n != 1 {
		t.Fatalf("%d history rows", n)
	}
	rows, err := s.db.Query("PRAGMA foreign_key_check")
	must(t, err)
	defer rows.Close()
	if rows.Next() {
		t.Fatal("foreign keys broken by the migration")
	}
}

// The inbox pages instead of stopping at the newest 200, filters by kind,
// device and table, and resolves a whole selection at once.
func TestConflictInboxPagesFiltersAndResolvesInBulk(t *testing.T) {
	s := openTest(t, t.TempDir())
	newFixture(t, s)
	var entries []protocol.Entry
	for i := range 260 {
		c := protocol.Conflict{ID: fmt.Sprintf("c%03d", i), Table: "pegawai", RowID: fmt.Sprintf("p%03d", i), Kind: protocol.ConflictGuarded,
			Columns: []string{"status"}, Server: map[string]any{"status": "PNS"}, Incoming: map[string]any{"status": "PPPK"},
			DeviceA: "dev-a", DeviceB: "dev-flood", Winner: "server", Status: "open",
			IncomingSide: &protocol.ConflictSide{Op: protocol.OpUpdate, Device: "dev-flood", OPD: "A", At: "001795000000000.0000000000"}}
		if i%4 == 0 {
			c.Kind, c.Table, c.DeviceB, c.IncomingSide = protocol.ConflictRowDeleted, "skp", "dev-b", nil
		}
		entries = append(entries, protocol.Entry{Kind: protocol.KindConflict, Conflict: &c})
	}
	pullPage(t, s, "", entries...)
	pg, err := s.ConflictPage(ctx, ConflictQuery{Limit: 100, Offset: 200})
	must(t, err)
	if pg.Total != 260 || len(pg.Items) != 60 {
		t.Fatalf("page: total %d, %d items", pg.Total, len(pg.Items))
	}
	if pg.Items[0].IncomingBy == "" || pg.Items[0].ServerBy == "" {
		t.Fatalf("sides not described: %+v", pg.Items[0])
	}
	for q, want := range map[ConflictQuery]int{{Kind: protocol.ConflictRowDeleted}: 65, {Device: "dev-flood"}: 195, {Table: "skp"}: 65, {Device: "dev-a"}: 260} {
		pg, err := s.ConflictPage(ctx, q)
		must(t, err)
		if pg.Total != want {
			t.Fatalf("%+v: %d, want %d", q, pg.Total, want)
		}
	}
	fc, err := s.ConflictFacets(ctx)
	must(t, err)
	if fc.Kinds[protocol.ConflictGuarded] != 195 || fc.Tables["skp"] != 65 || len(fc.Devices) != 3 {
		t.Fatalf("facets %+v", fc)
	}
	res, err := s.ResolveConflicts(ctx, "t", ConflictQuery{Device: "dev-flood"}, KeepServer)
	must(t, err)
	if res.Resolved != 195 {
		t.Fatalf("bulk %+v", res)
	}
	var n int
	must(t, s.db.QueryRow("SELECT count(*) FROM outbox WHERE tbl = ?", protocol.TableConflict).Scan(&n))
	if n != 195 {
		t.Fatalf("%d resolutions queued", n)
	}
	if c, _ := s.SyncCounts(ctx); c.Conflicts != 65 {
		t.Fatalf("open %d", c.Conflicts)
	}
	// "mine" fits none of the rest (this device wrote no side): skipped
	res, err = s.ResolveConflicts(ctx, "t", ConflictQuery{}, KeepMine)
	must(t, err)
	if res.Resolved != 0 || res.Skipped != 65 {
		t.Fatalf("bulk mine %+v", res)
	}
	if _, err := s.ResolveConflicts(ctx, "t", ConflictQuery{}, "semua"); err == nil {
		t.Fatal("unknown choice accepted")
	}
}

// A merge carries the chosen survivor and values in the resolution change.
func TestMergeDuplicateCarriesTheChoice(t *testing.T) {
	s := openTest(t, t.TempDir())
	newFixture(t, s)
	c := protocol.Conflict{ID: "dup", Table: "pegawai", RowID: "p-b", OtherRow: "p-a", Kind: protocol.ConflictDuplicateNIP, Status: "open"}
	pullPage(t, s, "", protocol.Entry{Kind: protocol.KindConflict, Conflict: &c})
	if err := s.MergeDuplicate(ctx, "t", "dup", "p-x", nil); err == nil {
		t.Fatal("a survivor outside the pair was accepted")
	}
	if err := s.MergeDuplicate(ctx, "t", "dup", "p-b", map[string]any{"bukan": 1}); err == nil {
		t.Fatal("an unknown column was accepted")
	}
	must(t, s.MergeDuplicate(ctx, "t", "dup", "p-b", map[string]any{"nama": "Ani Lestari"}))
	var data string
	must(t, s.db.QueryRow("SELECT data FROM outbox WHERE tbl = ? AND row_id = 'dup'", protocol.TableConflict).Scan(&data))
	var cols map[string]any
	must(t, json.Unmarshal([]byte(data), &cols))
	if cols["resolution"] != protocol.ResolutionMerge || cols[protocol.ResolutionSurvivor] != "p-b" ||
		cols[protocol.ResolutionValues].(map[string]any)["nama"] != "Ani Lestari" {
		t.Fatalf("resolution %v", cols)
	}
}

// Keeping my edit of a row another device deleted brings the whole row back
// (the same row whichever of the two reached the server first).
func TestKeepMineRestoresADeletedRow(t *testing.T) {
	s := openTest(t, t.TempDir())
	f := newFixture(t, s)
	p := f.pegawai("199001012015051001", "1990-01-01", domain.GenderLaki)
	must(t, s.SavePegawai(ctx, "t", p, true, NewID()))
	acknowledge(t, s)
	img, err := s.currentRow(ctx, TablePegawai, p.ID)
	must(t, err)
	img["nama"] = "Nama Baru"
	// my update reached the server first; the other device's delete then
	// opened the conflict (Server = the row with my update)
	c := protocol.Conflict{ID: "rd", Table: "pegawai", RowID: p.ID, Kind: protocol.ConflictRowDeleted, Columns: []string{"nama"}, Server: img,
		DeviceA: s.DeviceID(), DeviceB: "other", Winner: "incoming", Status: "open",
		ServerSide:   &protocol.ConflictSide{Op: protocol.OpUpdate, Device: s.DeviceID()},
		IncomingSide: &protocol.ConflictSide{Op: protocol.OpDelete, Device: "other", OPD: "A"}}
	pullPage(t, s, "", protocol.Entry{Kind: protocol.KindRow, Table: "pegawai", RowID: p.ID, Deleted: true},
		protocol.Entry{Kind: protocol.KindConflict, Conflict: &c})
	if _, err := s.Pegawai(ctx, p.ID); err == nil {
		t.Fatal("row not deleted")
	}
	cs, err := s.Conflicts(ctx, false)
	must(t, err)
	if len(cs) != 1 || cs[0].Mine != "server" || cs[0].IncomingBy != "Dihapus oleh Dinas A" || cs[0].ServerBy != "Diubah oleh perangkat ini" {
		t.Fatalf("inbox %+v", cs)
	}
	must(t, s.ResolveConflictKeep(ctx, "t", "rd", KeepMine))
	got, err := s.Pegawai(ctx, p.ID)
	if err != nil || got.Nama != "Nama Baru" || got.NIP != p.NIP {
		t.Fatalf("not restored: %+v %v", got, err)
	}
}

// acknowledge marks every pending change applied and confirmed by a pull.
func acknowledge(t *testing.T, s *Store) {
	t.Helper()
	chs, err := s.UnsentChanges(ctx, 1000)
	must(t, err)
	var ds []protocol.Disposition
	var entries []protocol.Entry
	for i, c := range chs {
		ds = append(ds, protocol.Disposition{LocalSeq: c.LocalSeq, ChangeID: c.ChangeID, Status: protocol.StatusApplied, AckSeq: int64(i + 1)})
		row, err := s.currentRow(ctx, TableByName(c.Table), c.RowID)
		must(t, err)
		entries = append(entries, protocol.Entry{Kind: protocol.KindRow, Table: c.Table, RowID: c.RowID, Row: row})
	}
	must(t, s.RecordDispositions(ctx, ds))
	pullPage(t, s, "", entries...)
}

// pullPage applies entries as the next page (seqs after the cursor) and
// returns the new cursor.
func pullPage(t *testing.T, s *Store, from string, entries ...protocol.Entry) string {
	t.Helper()
	if from == "" {
		from, _ = getMetaDB(s, MetaPullCursor)
	}
	seq := cursorSeq(from)
	if from == "" {
		seq = 0
	}
	for i := range entries {
		seq++
		entries[i].Seq = seq
	}
	next := fmt.Sprintf("e:%d", seq)
	_, err := s.ApplyPull(ctx, PullApply{From: from, Page: protocol.PullResponse{NextCursor: next, Entries: entries}})
	must(t, err)
	return next
}

func getMetaDB(s *Store, k string) (string, error) {
	var v string
	err := s.db.QueryRow("SELECT coalesce((SELECT value FROM meta WHERE key = ?), '')", k).Scan(&v)
	return v, err
}
