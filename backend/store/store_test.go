package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
)

var ctx = actor.With(context.Background(), actor.Actor{ID: "admin", Username: "admin", Nama: "Admin BKPSDM", Role: domain.RoleAdmin})

func openTest(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := Open(ctx, Options{Dir: dir, Now: func() time.Time { return time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// fixture writes a tiny organisation through the public write methods.
type fixture struct {
	pemda                domain.Pemda
	opdA, opdB           domain.OPD
	unitA, unitA2, unitB domain.Unit
	jab                  domain.Jabatan
}

func newFixture(t testing.TB, s *Store) fixture {
	t.Helper()
	f := fixture{pemda: domain.Pemda{ID: NewID(), Kode: "9171", Nama: "Pemkot Uji"}}
	must(t, s.CreatePemda(ctx, "t", f.pemda))
	f.opdA = domain.OPD{ID: NewID(), PemdaID: f.pemda.ID, Kode: "A", Nama: "Dinas A", Singkatan: "DA", Jenis: domain.OPDDinas}
	f.opdB = domain.OPD{ID: NewID(), PemdaID: f.pemda.ID, Kode: "B", Nama: "Distrik B", Singkatan: "DB", Jenis: domain.OPDDistrik}
	must(t, s.SaveOPD(ctx, "t", f.opdA, true))
	must(t, s.SaveOPD(ctx, "t", f.opdB, true))
	f.unitA = domain.Unit{ID: NewID(), OPDID: f.opdA.ID, Kode: "A.1", Nama: "Sekretariat"}
	f.unitA2 = domain.Unit{ID: NewID(), OPDID: f.opdA.ID, ParentID: f.unitA.ID, Kode: "A.1.1", Nama: "Subbagian Umum"}
	f.unitB = domain.Unit{ID: NewID(), OPDID: f.opdB.ID, Kode: "B.1", Nama: "Seksi Pemerintahan"}
	for _, u := range []domain.Unit{f.unitA, f.unitA2, f.unitB} {
		must(t, s.SaveUnit(ctx, "t", u, true))
	}
	f.jab = domain.Jabatan{ID: NewID(), Kode: "PP", Nama: "Pengadministrasi Perkantoran", Jenis: domain.JabatanPelaksana, Kelas: 5, MinPendidikan: 15, BUP: 58}
	must(t, s.SaveJabatan(ctx, "t", f.jab, true))
	return f
}

func (f fixture) pegawai(nip string, birth string, g domain.Gender) domain.Pegawai {
	return domain.Pegawai{ID: NewID(), NIP: domain.NIP(nip), Nama: "Pegawai " + nip[14:], JenisKelamin: g, TanggalLahir: domain.MustDate(birth),
		Status: domain.StatusPNS, Golongan: 31, Pendidikan: 40, OPDID: f.opdA.ID, UnitID: f.unitA2.ID, JabatanID: f.jab.ID,
		TMTJabatan: domain.MustDate("2020-01-02"), TMTCPNS: domain.MustDate("2015-05-01"), TMTPNS: domain.MustDate("2016-05-01")}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpenCreatesAndReopens(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir)
	if s.SchemaVersion() != LatestVersion() || s.DeviceID() == "" {
		t.Fatalf("schema %d device %q", s.SchemaVersion(), s.DeviceID())
	}
	var mode string
	must(t, s.db.QueryRow("PRAGMA journal_mode").Scan(&mode))
	var fk, sync int
	must(t, s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk))
	must(t, s.db.QueryRow("PRAGMA synchronous").Scan(&sync))
	if mode != "wal" || fk != 1 || sync != 2 {
		t.Fatalf("journal %s foreign_keys %d synchronous %d", mode, fk, sync)
	}
	dev := s.DeviceID()
	s.Close()
	s2 := openTest(t, dir)
	if s2.DeviceID() != dev {
		t.Fatal("device id changed across restarts")
	}
}

func fileHash(t *testing.T, path string) [32]byte {
	b, err := os.ReadFile(path)
	must(t, err)
	return sha256.Sum256(b)
}

func TestNewerSchemaRefusedUntouched(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir)
	must(t, s.CreatePemda(ctx, "t", domain.Pemda{ID: NewID(), Kode: "1", Nama: "X"}))
	_, err := s.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", LatestVersion()+1))
	must(t, err)
	_, err = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	must(t, err)
	s.Close()
	path := filepath.Join(dir, FileName)
	before := fileHash(t, path)
	_, err = Open(ctx, Options{Dir: dir})
	var e *domain.Error
	if !errors.As(err, &e) || e.Code != "store.schema_newer" || e.Kind != domain.KindUnavailable {
		t.Fatalf("want store.schema_newer, got %v", err)
	}
	if after := fileHash(t, path); after != before {
		t.Fatal("the newer database was modified")
	}
}

func TestMigrationBacksUpFirstThenUpgradesInOneGo(t *testing.T) {
	dir := t.TempDir()
	migs, err := loadMigrations()
	must(t, err)
	if len(migs) < 2 {
		t.Fatal("needs at least two migrations")
	}
	old, err := open(ctx, Options{Dir: dir}, migs[:1])
	must(t, err)
	f := newFixture(t, old)
	must(t, old.Close())

	s := openTest(t, dir)
	if s.SchemaVersion() != len(migs) {
		t.Fatalf("schema %d after upgrade", s.SchemaVersion())
	}
	entries, err := filepath.Glob(filepath.Join(dir, "backups", "*.db"))
	must(t, err)
	if len(entries) != 1 || !strings.Contains(entries[0], "-migrasi-v1-ke-v") {
		t.Fatalf("backups: %v", entries)
	}
	if _, err := os.Stat(entries[0] + ".json"); err != nil {
		t.Fatalf("the migration backup has no manifest: %v", err)
	}
	bk, err := sql.Open("sqlite", "file:"+entries[0]+"?mode=ro")
	must(t, err)
	defer bk.Close()
	var v, n int
	must(t, bk.QueryRow("PRAGMA user_version").Scan(&v))
	must(t, bk.QueryRow("SELECT count(*) FROM opd").Scan(&n))
	if v != 1 || n != 2 {
		t.Fatalf("backup holds schema %d with %d OPDs", v, n)
	}
	if o, err := s.OPD(ctx, f.opdA.ID); err != nil || o.Nama != "Dinas A" {
		t.Fatalf("data lost in the upgrade: %v %v", o, err)
	}
}

func TestFailedMigrationLeavesTheOldSchema(t *testing.T) {
	dir := t.TempDir()
	migs, err := loadMigrations()
	must(t, err)
	old, err := open(ctx, Options{Dir: dir}, migs[:1])
	must(t, err)
	newFixture(t, old)
	must(t, old.Close())
	broken := append(append([]migration{}, migs...), migration{len(migs) + 1, "9999_broken.sql", "CREATE TABLE x (a); INSERT INTO nope VALUES (1);"})
	if _, err := open(ctx, Options{Dir: dir}, broken); err == nil {
		t.Fatal("broken migration applied")
	}
	v, err := schemaVersionOf(ctx, filepath.Join(dir, FileName))
	must(t, err)
	if v != 1 {
		t.Fatalf("a failed upgrade must leave schema 1, found %d", v)
	}
	s := openTest(t, dir) // and the real upgrade still works afterwards
	if s.SchemaVersion() != len(migs) {
		t.Fatal("upgrade after a failed one")
	}
}

func TestBackupIsAUsableDatabase(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir)
	newFixture(t, s)
	path, err := s.Backup(ctx, "copy.db")
	must(t, err)
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	must(t, err)
	defer db.Close()
	var n int
	must(t, db.QueryRow("SELECT count(*) FROM opd").Scan(&n))
	if n != 2 {
		t.Fatalf("backup has %d OPDs", n)
	}
}

func TestEveryWriteRecordsItsOutboxEntry(t *testing.T) {
	s := openTest(t, t.TempDir())
	f := newFixture(t, s)
	p := f.pegawai("198609262015051001", "1986-09-26", domain.GenderLaki)
	must(t, s.SavePegawai(ctx, "t", p, true, NewID()))
	p.Nama = "Nama Baru"
	must(t, s.SavePegawai(ctx, "t", p, false, NewID()))
	must(t, s.SavePegawai(ctx, "t", p, false, NewID())) // no change, no entry
	must(t, s.DeletePegawai(ctx, "t", p.ID))

	rows, err := s.db.Query("SELECT tbl, op, data, hlc FROM outbox ORDER BY seq")
	must(t, err)
	defer rows.Close()
	type entry struct{ tbl, op, data, hlc string }
	var got []entry
	for rows.Next() {
		var e entry
		must(t, rows.Scan(&e.tbl, &e.op, &e.data, &e.hlc))
		got = append(got, e)
	}
	// pemda, 2 opd, 3 unit, jabatan, pegawai + riwayat, update pegawai, delete riwayat + pegawai
	wantOps := []string{"pemda/insert", "opd/insert", "opd/insert", "unit/insert", "unit/insert", "unit/insert", "jabatan/insert",
		"pegawai/insert", "riwayat_jabatan/insert", "pegawai/update", "riwayat_jabatan/delete", "pegawai/delete"}
	if len(got) != len(wantOps) {
		t.Fatalf("outbox has %d entries, want %d: %v", len(got), len(wantOps), got)
	}
	for i, e := range got {
		if e.tbl+"/"+e.op != wantOps[i] {
			t.Fatalf("entry %d = %s/%s, want %s", i, e.tbl, e.op, wantOps[i])
		}
		if i > 0 && !(got[i-1].hlc < e.hlc) {
			t.Fatalf("HLC not increasing at %d: %s then %s", i, got[i-1].hlc, e.hlc)
		}
	}
	var upd map[string]any
	must(t, json.Unmarshal([]byte(got[9].data), &upd))
	if len(upd) != 1 || upd["nama"] != "Nama Baru" {
		t.Fatalf("update must carry only the changed column, got %v", upd)
	}
	// Every synced table has rows only with outbox entries for them.
	for _, tb := range SyncedTables {
		var orphans int
		must(t, s.db.QueryRow(fmt.Sprintf(`SELECT count(*) FROM %s x WHERE NOT EXISTS
			(SELECT 1 FROM outbox o WHERE o.tbl = '%s' AND o.row_id = x.id AND o.op = 'insert')`, tb.Name, tb.Name)).Scan(&orphans))
		if orphans != 0 {
			t.Fatalf("%s has %d rows without an outbox entry", tb.Name, orphans)
		}
	}
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	s := openTest(t, t.TempDir())
	f := newFixture(t, s)
	var before int
	must(t, s.db.QueryRow("SELECT count(*) FROM outbox").Scan(&before))
	err := s.Write(ctx, "t", func(tx *Tx) error {
		p := f.pegawai("198609262015051001", "1986-09-26", domain.GenderLaki)
		if err := tx.Insert(TablePegawai, p.ID, pegawaiVals(p)...); err != nil {
			return err
		}
		return errors.New("power cut in the middle")
	})
	if err == nil {
		t.Fatal("want error")
	}
	var peg, after int
	must(t, s.db.QueryRow("SELECT count(*) FROM pegawai").Scan(&peg))
	must(t, s.db.QueryRow("SELECT count(*) FROM outbox").Scan(&after))
	if peg != 0 || after != before {
		t.Fatalf("half a write survived: %d pegawai, outbox %d -> %d", peg, before, after)
	}
}

func TestReferenceChecks(t *testing.T) {
	s := openTest(t, t.TempDir())
	f := newFixture(t, s)
	p := f.pegawai("198609262015051001", "1986-09-26", domain.GenderLaki)
	p.UnitID = f.unitB.ID // unit of another OPD
	if err := s.SavePegawai(ctx, "t", p, true, NewID()); domain.CodeOf(err) != "pegawai.unit_other_opd" {
		t.Fatalf("unit of another OPD: %v", err)
	}
	p.UnitID = f.unitA.ID
	must(t, s.SavePegawai(ctx, "t", p, true, NewID()))
	q := f.pegawai("198609262015051001", "1986-09-26", domain.GenderLaki)
	if err := s.SavePegawai(ctx, "t", q, true, NewID()); domain.CodeOf(err) != "pegawai.nip_taken" || domain.KindOf(err) != domain.KindConflict {
		t.Fatalf("duplicate NIP: %v", err)
	}
	if err := s.DeleteOPD(ctx, "t", f.opdA.ID); domain.CodeOf(err) != "opd.not_empty" {
		t.Fatalf("delete OPD with staff: %v", err)
	}
	if err := s.DeleteUnit(ctx, "t", f.unitA.ID); domain.CodeOf(err) != "unit.not_empty" {
		t.Fatalf("delete unit with sub-units: %v", err)
	}
	if err := s.DeleteJabatan(ctx, "t", f.jab.ID); domain.CodeOf(err) != "jabatan.in_use" {
		t.Fatalf("delete held jabatan: %v", err)
	}
	// A unit may not become its own grandparent.
	a := f.unitA
	a.ParentID = f.unitA2.ID
	if err := s.SaveUnit(ctx, "t", a, false); domain.CodeOf(err) != "unit.cycle" {
		t.Fatalf("cycle: %v", err)
	}
	dup := domain.OPD{ID: NewID(), PemdaID: f.pemda.ID, Kode: "A", Nama: "Lain", Jenis: domain.OPDDinas}
	if err := s.SaveOPD(ctx, "t", dup, true); domain.CodeOf(err) != "opd.kode_taken" {
		t.Fatalf("duplicate OPD code: %v", err)
	}
}

func TestPlacementEditKeepsHistoryInStep(t *testing.T) {
	s := openTest(t, t.TempDir())
	f := newFixture(t, s)
	p := f.pegawai("198609262015051001", "1986-09-26", domain.GenderLaki)
	must(t, s.SavePegawai(ctx, "t", p, true, NewID()))
	p.UnitID = f.unitA.ID
	must(t, s.SavePegawai(ctx, "t", p, false, NewID()))
	rw, err := s.Riwayat(ctx, p.ID)
	must(t, err)
	if len(rw) != 1 || rw[0].UnitID != f.unitA.ID || !rw[0].TanggalSelesai.IsZero() {
		t.Fatalf("open history row not corrected: %+v", rw)
	}
}

func TestListPegawaiFiltersSortsPages(t *testing.T) {
	s := openTest(t, t.TempDir())
	f := newFixture(t, s)
	birth := domain.MustDate("1980-01-01")
	for i := 0; i < 30; i++ {
		b := birth.AddDays(i)
		nip := b.Time().Format("20060102") + "200503" + "1" + fmt.Sprintf("%03d", i+1)
		p := f.pegawai(nip, b.String(), domain.GenderLaki)
		p.TMTCPNS = domain.MustDate("2005-03-01")
		p.Nama = fmt.Sprintf("Nama %02d", 29-i)
		if i%3 == 0 {
			p.OPDID, p.UnitID = f.opdB.ID, f.unitB.ID
		}
		must(t, s.SavePegawai(ctx, "t", p, true, NewID()))
	}
	page, err := s.ListPegawai(ctx, kepegawaian.PegawaiQuery{Limit: 10})
	must(t, err)
	if page.Total != 30 || len(page.Rows) != 10 || page.Rows[0].NamaLengkap != "Nama 00" {
		t.Fatalf("first page: total %d rows %d first %+v", page.Total, len(page.Rows), page.Rows[0])
	}
	seen := map[string]bool{}
	for off := 0; off < 30; off += 7 {
		pg, err := s.ListPegawai(ctx, kepegawaian.PegawaiQuery{Sort: "golongan", Offset: off, Limit: 7})
		must(t, err)
		for _, r := range pg.Rows {
			if seen[r.ID] {
				t.Fatalf("row %s on two pages", r.ID)
			}
			seen[r.ID] = true
		}
	}
	if len(seen) != 30 {
		t.Fatalf("paging saw %d of 30", len(seen))
	}
	byOPD, err := s.ListPegawai(ctx, kepegawaian.PegawaiQuery{OPDID: f.opdB.ID})
	must(t, err)
	if byOPD.Total != 10 {
		t.Fatalf("OPD filter: %d", byOPD.Total)
	}
	byUnit, err := s.ListPegawai(ctx, kepegawaian.PegawaiQuery{UnitID: f.unitB.ID, JabatanID: f.jab.ID})
	must(t, err)
	if byUnit.Total != 10 {
		t.Fatalf("unit × jabatan filter: %d", byUnit.Total)
	}
	byNIP, err := s.ListPegawai(ctx, kepegawaian.PegawaiQuery{Search: "19800105 200503"})
	must(t, err)
	if byNIP.Total != 1 || byNIP.Rows[0].NIP != "198001052005031005" {
		t.Fatalf("NIP search: %+v", byNIP)
	}
	byName, err := s.ListPegawai(ctx, kepegawaian.PegawaiQuery{Search: "nama 1", Desc: true})
	must(t, err)
	if byName.Total != 10 || byName.Rows[0].NamaLengkap != "Nama 19" {
		t.Fatalf("name search: %d %+v", byName.Total, byName.Rows)
	}
	if _, err := s.ListPegawai(ctx, kepegawaian.PegawaiQuery{Sort: "gaji"}); domain.CodeOf(err) != "query.sort" {
		t.Fatalf("bad sort: %v", err)
	}
}

// Migration 0013: the derived request status written before the enums were
// upper case ("diajukan") reads back as the current value, so the lists, the
// inbox and the open-request check find it.
func TestStatusMigrationUpperCasesStoredStatus(t *testing.T) {
	dir := t.TempDir()
	migs, err := loadMigrations()
	must(t, err)
	i := slices.IndexFunc(migs, func(m migration) bool { return m.version == 13 })
	if i < 0 {
		t.Fatal("no migration 0013")
	}
	old, err := open(ctx, Options{Dir: dir}, migs[:i])
	must(t, err)
	for id, st := range map[string]string{"u1": "diajukan", "u2": "disetujui_opd_asal", "u3": "SK_DITETAPKAN"} {
		_, err := old.db.Exec("INSERT INTO mutasi_status(usulan_id, status, seq, diperbarui) VALUES (?, ?, 1, '2026-01-01')", id, st)
		must(t, err)
	}
	must(t, old.Close())
	s := openTest(t, dir)
	for id, want := range map[string]mutasi.Status{"u1": mutasi.StatusDiajukan, "u2": mutasi.StatusDisetujuiAsal, "u3": mutasi.StatusSKDitetapkan} {
		var got string
		must(t, s.db.QueryRow("SELECT status FROM mutasi_status WHERE usulan_id = ?", id).Scan(&got))
		if got != string(want) {
			t.Errorf("%s: status %q, want %q", id, got, want)
		}
	}
}

// Migration 0015: workflow event kinds stored before sync schema 4
// ("setujui_opd_asal") read back upper case, and the unsent ones in the
// outbox are pushed as what is now stored (marked schema 4); sent entries,
// other tables and the rest of each row stay as they were.
func TestEventKindMigrationUpperCasesEventsAndUnsentOutbox(t *testing.T) {
	dir := t.TempDir()
	migs, err := loadMigrations()
	must(t, err)
	i := slices.IndexFunc(migs, func(m migration) bool { return m.version == 15 })
	if i < 0 {
		t.Fatal("no migration 0015")
	}
	old, err := open(ctx, Options{Dir: dir}, migs[:i])
	must(t, err)
	conn, err := old.db.Conn(ctx) // one connection: the pragma holds for it
	must(t, err)
	for _, q := range []string{
		"PRAGMA foreign_keys = OFF", // events without their request
		"INSERT INTO sync_write_ok(one) VALUES (1)",
		`INSERT INTO mutasi_event(id, usulan_id, seq, kind, aktor, waktu, payload) VALUES ('e1', 'u', 1, 'setujui_opd_asal', '{}', '2026-01-01T00:00:00Z', '{"note":"kind"}')`,
		`INSERT INTO mutasi_event(id, usulan_id, seq, kind, aktor, waktu) VALUES ('e2', 'u', 2, 'LAKSANAKAN', '{}', '2026-01-01T00:00:00Z')`,
		"DELETE FROM sync_write_ok",
		`INSERT INTO outbox(change_id, tbl, row_id, op, data, hlc, actor, created_at, schema_version) VALUES
			('c1', 'mutasi_event', 'e1', 'insert', '{"kind":"setujui_opd_asal","seq":1}', 'h', 'a', 't', 2),
			('c2', 'mutasi_event', 'e3', 'insert', '{"kind":"tolak","seq":3}', 'h', 'a', 't', 2),
			('c3', 'pegawai', 'p', 'update', '{"kind":"lower"}', 'h', 'a', 't', 2)`,
		"UPDATE outbox SET status = 'applied' WHERE change_id = 'c2'",
		"PRAGMA foreign_keys = ON",
	} {
		_, err := conn.ExecContext(ctx, q)
		must(t, err)
	}
	must(t, conn.Close())
	must(t, old.Close())
	s := openTest(t, dir)
	for id, want := range map[string]string{"e1": "SETUJUI_OPD_ASAL", "e2": "LAKSANAKAN"} {
		var got string
		must(t, s.db.QueryRow("SELECT kind FROM mutasi_event WHERE id = ?", id).Scan(&got))
		if got != want {
			t.Errorf("event %s: kind %q, want %q", id, got, want)
		}
	}
	for id, want := range map[string]string{
		"c1": `{"kind":"SETUJUI_OPD_ASAL","seq":1} 4`, // unsent: rewritten, schema 4
		"c2": `{"kind":"tolak","seq":3} 2`,            // answered: history as sent
		"c3": `{"kind":"lower"} 2`,                    // another table
	} {
		var data string
		var v int
		must(t, s.db.QueryRow("SELECT data, schema_version FROM outbox WHERE change_id = ?", id).Scan(&data, &v))
		if got := fmt.Sprintf("%s %d", data, v); got != want {
			t.Errorf("outbox %s: %s, want %s", id, got, want)
		}
	}
}
