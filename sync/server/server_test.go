package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
	"github.com/google/uuid"
)

func TestPullIsFilteredByScope(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	a := e.device("OPD-A", false)
	a.pull()
	for _, id := range []string{r.pegA, r.pegA2} {
		if a.row("pegawai", id) == nil {
			t.Fatalf("OPD A lacks its employee %s", id)
		}
	}
	if a.row("riwayat_jabatan", r.rwA) == nil {
		t.Fatal("OPD A lacks its employee's riwayat")
	}
	for k := range a.rows {
		if k == "pegawai/"+r.pegB || k == "pegawai/"+r.pegB2 || k == "riwayat_jabatan/"+r.rwB {
			t.Fatalf("OPD A received OPD B's personal data %s", k)
		}
	}
	for _, k := range []string{"opd/" + r.opdA, "opd/" + r.opdB, "unit/" + r.unitB, "jabatan/" + r.jab, "pemda/" + r.pemda} {
		if a.rows[k] == nil {
			t.Fatalf("reference row %s missing", k)
		}
	}
	// Aggregate staffing of the other OPD, without personal data.
	bz := a.row(server.TableBezetting, server.BezettingID(r.opdB, r.unitB, r.jab))
	if bz == nil || bz["jumlah"].(float64) != 2 {
		t.Fatalf("bezetting of OPD B = %v", bz)
	}
	// A BKPSDM device sees everything.
	b2 := e.device("", true)
	b2.pull()
	if b2.row("pegawai", r.pegB) == nil || b2.row("pegawai", r.pegA) == nil {
		t.Fatal("BKPSDM misses personal data")
	}
}

func TestRePushIsIdempotent(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	a := e.device("OPD-A", false)
	a.pull()
	chs := []protocol.Change{
		a.change("pegawai", r.pegA, "update", map[string]any{"nama": "Nama Baru"}),
		a.change("pegawai", r.pegA2, "update", map[string]any{"jurusan": "Hukum"}),
	}
	first := a.push(chs...)
	head1, _ := e.st.Head(ctx)
	second := a.push(chs...)
	head2, _ := e.st.Head(ctx)
	if head1 != head2 {
		t.Fatalf("re-push moved the log: %d → %d", head1, head2)
	}
	for i := range first.Dispositions {
		if first.Dispositions[i] != second.Dispositions[i] {
			t.Fatalf("re-push answered differently: %+v vs %+v", first.Dispositions[i], second.Dispositions[i])
		}
	}
	// Only the suffix after the last processed one is new; a gap stops processing.
	gap := a.change("pegawai", r.pegA, "update", map[string]any{"nama": "X"})
	gap.LocalSeq += 5
	resp := a.push(gap)
	if len(resp.Dispositions) != 0 || resp.LastLocalSeq != 2 {
		t.Fatalf("gap processed: %+v", resp)
	}
	// Dispositions also arrive in the pull stream, addressed to the device.
	a.pull()
	for _, d := range first.Dispositions {
		if got, ok := a.disps[d.ChangeID]; !ok || got != d {
			t.Fatalf("disposition %s not pulled: %+v", d.ChangeID, got)
		}
	}
	if a.row("pegawai", r.pegA)["nama"] != "Nama Baru" {
		t.Fatal("update not visible")
	}
}

func TestForgedWriteToAnotherOPDIsRejectedAndNeverSpreads(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	a := e.device("OPD-A", false)
	b := e.device("OPD-B", false)
	a.pull()
	b.pull()
	wantStatus(t, a.push1("pegawai", r.pegB, "update", map[string]any{"nama": "Diretas"}), protocol.StatusRejected, protocol.ReasonForbiddenOPD)
	wantStatus(t, a.push1("pegawai", r.pegB, "update", map[string]any{"opd_id": r.opdA, "unit_id": r.unitA}), protocol.StatusRejected, protocol.ReasonForbiddenOPD)
	wantStatus(t, a.push1("pegawai", r.pegB, "delete", nil), protocol.StatusRejected, protocol.ReasonForbiddenOPD)
	forged := uuid.NewString()
	wantStatus(t, a.push1("pegawai", forged, "insert", pegawaiCols("199001012015011009", r.opdB, r.unitB, r.jab)), protocol.StatusRejected, protocol.ReasonForbiddenOPD)
	wantStatus(t, a.push1("skp", uuid.NewString(), "insert", map[string]any{"pegawai_id": r.pegB, "tahun": 2025, "predikat": "BAIK"}), protocol.StatusRejected, protocol.ReasonForbiddenOPD)
	noOPD := pegawaiCols("199001012015011010", r.opdA, r.unitA, r.jab)
	delete(noOPD, "opd_id")
	wantStatus(t, a.push1("pegawai", uuid.NewString(), "insert", noOPD), protocol.StatusRejected, protocol.ReasonForbiddenOPD)
	wantStatus(t, a.push1("jabatan", r.jab, "update", map[string]any{"nama": "X"}), protocol.StatusRejected, protocol.ReasonForbiddenTable)
	wantStatus(t, a.push1("unit", r.unitB, "update", map[string]any{"nama": "X"}), protocol.StatusRejected, protocol.ReasonForbiddenOPD)
	wantStatus(t, a.push1("unit", r.unitA, "update", map[string]any{"nama": "Sekretariat A baru"}), protocol.StatusApplied, "")
	wantStatus(t, a.push1(server.TableBezetting, uuid.NewString(), "insert", map[string]any{"jumlah": 99}), protocol.StatusRejected, protocol.ReasonForbiddenTable)
	// Moving one's own employee to another OPD is a mutasi carried out by BKPSDM.
	wantStatus(t, a.push1("pegawai", r.pegA, "update", map[string]any{"opd_id": r.opdB, "unit_id": r.unitB, "jabatan_id": r.jab, "tmt_jabatan": "2026-01-01"}),
		protocol.StatusRejected, protocol.ReasonForbiddenOPD)
	b.pull()
	if b.row("pegawai", r.pegB)["nama"] == "Diretas" || b.row("pegawai", forged) != nil {
		t.Fatal("forged write reached OPD B")
	}
	a.pull()
	a.assertNoForeignPersonalData(t, r.opdA)
	b.assertNoForeignPersonalData(t, r.opdB)
	admin.pull()
	if admin.row("pegawai", forged) != nil || admin.row("pegawai", r.pegB)["nama"] == "Diretas" {
		t.Fatal("forged write stored")
	}
}

func TestConcurrentEditsOfOneEmployee(t *testing.T) {
	for _, order := range []string{"a-first", "b-first"} {
		t.Run(order, func(t *testing.T) {
			e := newEnv(t)
			admin := e.device("", true)
			r := e.region(admin)
			d1 := e.device("OPD-A", false)
			d2 := e.device("OPD-A", false)
			d1.pull()
			d2.pull()
			c1 := d1.change("pegawai", r.pegA, "update", map[string]any{"nama": "Nama dari 1"})
			c2 := d2.change("pegawai", r.pegA, "update", map[string]any{"jurusan": "Ekonomi"})
			if order == "a-first" {
				wantStatus(t, d1.push(c1).Dispositions[0], protocol.StatusApplied, "")
				wantStatus(t, d2.push(c2).Dispositions[0], protocol.StatusApplied, "")
			} else {
				wantStatus(t, d2.push(c2).Dispositions[0], protocol.StatusApplied, "")
				wantStatus(t, d1.push(c1).Dispositions[0], protocol.StatusApplied, "")
			}
			d1.pull()
			d2.pull()
			for _, d := range []*dev{d1, d2} {
				row := d.row("pegawai", r.pegA)
				if row["nama"] != "Nama dari 1" || row["jurusan"] != "Ekonomi" {
					t.Fatalf("different fields not merged: %v", row)
				}
			}
			// Now both change the same guarded field offline.
			g1 := d1.change("pegawai", r.pegA, "update", map[string]any{"golongan": 32})
			e.now = e.now.Add(time.Second)
			g2 := d2.change("pegawai", r.pegA, "update", map[string]any{"golongan": 33})
			var first, second protocol.Disposition
			if order == "a-first" {
				first, second = d1.push(g1).Dispositions[0], d2.push(g2).Dispositions[0]
			} else {
				first, second = d2.push(g2).Dispositions[0], d1.push(g1).Dispositions[0]
			}
			wantStatus(t, first, protocol.StatusApplied, "")
			wantStatus(t, second, protocol.StatusConflict, protocol.ConflictGuarded)
			d1.pull()
			d2.pull()
			// Same data on both; the later HLC (device 2) wins whatever the order.
			if d1.row("pegawai", r.pegA)["golongan"] != d2.row("pegawai", r.pegA)["golongan"] || d1.row("pegawai", r.pegA)["golongan"].(float64) != 33 {
				t.Fatalf("diverged: %v vs %v", d1.row("pegawai", r.pegA), d2.row("pegawai", r.pegA))
			}
			for _, d := range []*dev{d1, d2} {
				c, ok := d.confs[second.ConflictID]
				if !ok {
					t.Fatal("conflict missing from a device's inbox")
				}
				vals := []any{c.Server["golongan"], c.Incoming["golongan"]}
				if !(vals[0].(float64) == 32 && vals[1].(float64) == 33) && !(vals[0].(float64) == 33 && vals[1].(float64) == 32) {
					t.Fatalf("conflict lacks both values: %+v", c)
				}
			}
			// Resolving it is a change like any other, visible to both.
			res := d1.push1(protocol.TableConflict, second.ConflictID, "update", map[string]any{"status": "resolved", "resolution": protocol.ResolutionAccept})
			wantStatus(t, res, protocol.StatusApplied, "")
			d2.pull()
			if d2.confs[second.ConflictID].Status != "resolved" {
				t.Fatal("resolution not pulled")
			}
			// A sequential overwrite (after pulling) is not a conflict.
			wantStatus(t, d1.push1("pegawai", r.pegA, "update", map[string]any{"golongan": 34}), protocol.StatusApplied, "")
		})
	}
}

func TestLWWAndSupersede(t *testing.T) { eachStore(t, testLWWAndSupersede) }

func testLWWAndSupersede(t *testing.T, e *env) {
	admin := e.device("", true)
	r := e.region(admin)
	d1 := e.device("OPD-A", false)
	d2 := e.device("OPD-A", false)
	d1.pull()
	d2.pull()
	old := d2.change("pegawai", r.pegA, "update", map[string]any{"nama": "Lama"})
	e.now = e.now.Add(time.Minute)
	wantStatus(t, d1.push1("pegawai", r.pegA, "update", map[string]any{"nama": "Baru"}), protocol.StatusApplied, "")
	wantStatus(t, d2.push(old).Dispositions[0], protocol.StatusSuperseded, protocol.ReasonLWW)
	// Insert of an existing row with older values: superseded.
	ins := d1.change("pegawai", r.pegA, "insert", pegawaiCols("198001012005011001", r.opdA, r.unitA, r.jab))
	ins.HLC = hlc.Timestamp{WallMS: 1}.String()
	wantStatus(t, d1.push(ins).Dispositions[0], protocol.StatusSuperseded, protocol.ReasonExists)
	d1.pull()
	if d1.row("pegawai", r.pegA)["nama"] != "Baru" {
		t.Fatal("LWW lost the later write")
	}
}

func TestUpdateOfDeletedRowKeepsData(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	d1 := e.device("OPD-A", false)
	d2 := e.device("OPD-A", false)
	d1.pull()
	d2.pull()
	upd := d2.change("riwayat_jabatan", r.rwA, "update", map[string]any{"nomor_sk": "SK-PENTING"})
	wantStatus(t, d1.push1("riwayat_jabatan", r.rwA, "delete", nil), protocol.StatusApplied, "")
	disp := d2.push(upd).Dispositions[0]
	wantStatus(t, disp, protocol.StatusConflict, protocol.ConflictRowDeleted)
	d1.pull()
	c := d1.confs[disp.ConflictID]
	if c.Kind != protocol.ConflictRowDeleted || c.Incoming["nomor_sk"] != "SK-PENTING" {
		t.Fatalf("update data not kept: %+v", c)
	}
	if d1.row("riwayat_jabatan", r.rwA) != nil {
		t.Fatal("delete did not win")
	}
}

func TestClockGuardClampsFutureStamps(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	fast := e.device("OPD-A", false)
	slow := e.device("OPD-A", false)
	fast.offset = 365 * 24 * time.Hour
	slow.offset = -30 * 24 * time.Hour
	fast.pull()
	slow.pull()
	wantStatus(t, fast.push1("pegawai", r.pegA, "update", map[string]any{"nama": "Dari masa depan"}), protocol.StatusApplied, "")
	sk, err := e.st.Skews(ctx)
	if err != nil || len(sk) != 1 || sk[0].DeviceID != fast.id {
		t.Fatalf("skew log = %+v, %v", sk, err)
	}
	slow.pull()
	ts, _ := hlc.Parse(slow.pull0HLC(t, r.pegA))
	if ts.WallMS > e.now.Add(5*time.Minute).UnixMilli() {
		t.Fatalf("stored stamp %v beyond now+skew", ts)
	}
	// A sequential overwrite by a slow device (it observed the server's clock) wins.
	e.now = e.now.Add(time.Second)
	ch := slow.change("pegawai", r.pegA, "update", map[string]any{"nama": "Urutan benar"})
	srvHLC, _ := hlc.Parse(slow.lastHLC)
	if mine, _ := hlc.Parse(ch.HLC); mine.Less(srvHLC) {
		ch.HLC = hlc.Timestamp{WallMS: srvHLC.WallMS, Logical: srvHLC.Logical + 1}.String()
	}
	wantStatus(t, slow.push(ch).Dispositions[0], protocol.StatusApplied, "")
}

// pull0HLC returns the HLC of the pulled entry of a pegawai (and remembers it).
func (d *dev) pull0HLC(t *testing.T, id string) string {
	var resp protocol.PullResponse
	code, _ := d.do("GET", protocol.PathPull+"?cursor=", nil, &resp)
	if code != 200 {
		t.Fatal(code)
	}
	for _, en := range resp.Entries {
		if en.Table == "pegawai" && en.RowID == id {
			d.lastHLC = en.HLC
		}
	}
	return d.lastHLC
}

func TestSchemaRangeAndUpcast(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	old := e.device("OPD-A", false)
	old.schema = 1
	old.pull()
	row := old.row("pegawai", r.pegA)
	if _, ok := row["keluar_pada"]; ok {
		t.Fatal("v1 client received a v2 column in the row")
	}
	var resp protocol.PullResponse
	old.do("GET", protocol.PathPull+"?schema=1", nil, &resp)
	found := false
	for _, en := range resp.Entries {
		if en.Table == "pegawai" && en.RowID == r.pegA {
			_, found = en.Extra["keluar_pada"]
		}
	}
	if !found {
		t.Fatal("v2 column not kept in extra for a v1 client")
	}
	cols := pegawaiCols("199501012020011001", r.opdA, r.unitA, r.jab)
	delete(cols, "keluar_pada")
	delete(cols, "instansi_tujuan")
	id := uuid.NewString()
	wantStatus(t, old.push1("pegawai", id, "insert", cols), protocol.StatusApplied, "")
	admin.pull()
	if v, ok := admin.row("pegawai", id)["keluar_pada"]; !ok || v != "" {
		t.Fatalf("v1 insert not upcast: %v", admin.row("pegawai", id))
	}
	// Outside the range: the whole request is refused with the protocol codes.
	tooOld := e.device("OPD-A", false)
	tooOld.schema = 0
	code, er := tooOld.do("POST", protocol.PathPush, tooOld.req(nil), &protocol.PushResponse{})
	if code != http.StatusUpgradeRequired || er.Code != protocol.ErrSchemaTooOld {
		t.Fatalf("schema 0: %d %+v", code, er)
	}
	tooNew := e.device("OPD-A", false)
	tooNew.schema = 99
	code, er = tooNew.do("GET", protocol.PathPull+"?schema=99", nil, &protocol.PullResponse{})
	if code != http.StatusConflict || er.Code != protocol.ErrSchemaTooNew {
		t.Fatalf("schema 99: %d %+v", code, er)
	}
}

func TestAuthentication(t *testing.T) {
	e := newEnv(t)
	a := e.device("OPD-A", false)
	a.push()
	bad := *a
	bad.token = "nope"
	if code, er := bad.do("GET", protocol.PathPull, nil, &protocol.PullResponse{}); code != 401 || er.Code != protocol.ErrUnauthorized {
		t.Fatalf("bad token: %d %+v", code, er)
	}
	other := *a
	other.install = uuid.NewString()
	if code, er := other.do("POST", protocol.PathPush, other.req(nil), &protocol.PushResponse{}); code != 403 || er.Code != protocol.ErrForbidden {
		t.Fatalf("install mismatch: %d %+v", code, er)
	}
	if err := e.srv.RevokeDevice(ctx, a.id); err != nil {
		t.Fatal(err)
	}
	if code, _ := a.do("GET", protocol.PathPull, nil, &protocol.PullResponse{}); code != 401 {
		t.Fatalf("revoked: %d", code)
	}
	if code, _ := a.do("POST", protocol.PathPush, a.req(nil), &protocol.PushResponse{}); code != 401 {
		t.Fatalf("revoked push: %d", code)
	}
}

func TestTransferOutSendsRemovals(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	a := e.device("OPD-A", false)
	b := e.device("OPD-B", false)
	a.pull()
	b.pull()
	admin.pull()
	wantStatus(t, admin.push1("pegawai", r.pegA, "update", map[string]any{"opd_id": r.opdB, "unit_id": r.unitB, "jabatan_id": r.jab, "tmt_jabatan": "2026-11-01"}),
		protocol.StatusApplied, "")
	a.pull()
	b.pull()
	if a.row("pegawai", r.pegA) != nil || a.removed["pegawai/"+r.pegA] != protocol.ReasonOutOfScope {
		t.Fatalf("OPD A still holds the employee who moved out: %v", a.removed)
	}
	if a.row("riwayat_jabatan", r.rwA) != nil || a.removed["riwayat_jabatan/"+r.rwA] != protocol.ReasonOutOfScope {
		t.Fatal("OPD A still holds the moved employee's riwayat")
	}
	if b.row("pegawai", r.pegA) == nil || b.row("riwayat_jabatan", r.rwA) == nil {
		t.Fatal("OPD B did not receive its new employee with history")
	}
	if n := a.row(server.TableBezetting, server.BezettingID(r.opdA, r.unitA, r.jab))["jumlah"].(float64); n != 1 {
		t.Fatalf("bezetting A = %v", n)
	}
	if n := a.row(server.TableBezetting, server.BezettingID(r.opdB, r.unitB, r.jab))["jumlah"].(float64); n != 3 {
		t.Fatalf("bezetting B = %v", n)
	}
	a.assertNoForeignPersonalData(t, r.opdA)
	b.assertNoForeignPersonalData(t, r.opdB)
	// A's later edits of that employee are forbidden now.
	wantStatus(t, a.push1("pegawai", r.pegA, "update", map[string]any{"nama": "X"}), protocol.StatusRejected, protocol.ReasonForbiddenOPD)
}

func TestDuplicateNIPAndMerge(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	d1 := e.device("OPD-A", false)
	d2 := e.device("OPD-A", false)
	d1.pull()
	d2.pull()
	x, y := uuid.NewString(), uuid.NewString()
	nip := "199201012019011111"
	wantStatus(t, d1.push1("pegawai", x, "insert", pegawaiCols(nip, r.opdA, r.unitA, r.jab)), protocol.StatusApplied, "")
	wantStatus(t, d1.push1("skp", uuid.NewString(), "insert", map[string]any{"pegawai_id": x, "tahun": 2025, "predikat": "BAIK"}), protocol.StatusApplied, "")
	dup := d2.push1("pegawai", y, "insert", pegawaiCols(nip, r.opdA, r.unitA, r.jab))
	wantStatus(t, dup, protocol.StatusConflict, protocol.ConflictDuplicateNIP)
	d1.pull()
	c := d1.confs[dup.ConflictID]
	if c.Kind != protocol.ConflictDuplicateNIP || c.OtherRow != x || c.RowID != y {
		t.Fatalf("conflict = %+v", c)
	}
	wantStatus(t, d1.push1(protocol.TableConflict, c.ID, "update", map[string]any{"status": "resolved", "resolution": protocol.ResolutionMerge}), protocol.StatusApplied, "")
	survivor, alias := min(x, y), max(x, y)
	d2.pull()
	if d2.aliases["pegawai/"+alias] != survivor {
		t.Fatalf("alias entry missing: %v", d2.aliases)
	}
	if d2.row("pegawai", alias) != nil || d2.removed["pegawai/"+alias] != protocol.ReasonMerged {
		t.Fatal("alias row not removed as merged")
	}
	for k, row := range d2.rows {
		if strings.HasPrefix(k, "skp/") && row["pegawai_id"] != survivor {
			t.Fatalf("child not re-pointed: %v", row)
		}
	}
	// A device still using the alias id writes to the survivor.
	wantStatus(t, d2.push1("pegawai", alias, "update", map[string]any{"nama": "Lewat alias"}), protocol.StatusApplied, "")
	wantStatus(t, d2.push1("hukdis", uuid.NewString(), "insert", map[string]any{"pegawai_id": alias, "tingkat": "RINGAN", "jenis": "", "nomor_sk": "", "tmt": "2026-01-01", "tanggal_selesai": "", "keterangan": ""}), protocol.StatusApplied, "")
	d1.pull()
	if d1.row("pegawai", survivor)["nama"] != "Lewat alias" {
		t.Fatal("alias update not rewritten to the survivor")
	}
	for k, row := range d1.rows {
		if strings.HasPrefix(k, "hukdis/") && row["pegawai_id"] != survivor {
			t.Fatalf("incoming reference not rewritten: %v", row)
		}
	}
}

func TestRestoreGivesNewEpochAnd410(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	a := e.device("OPD-A", false)
	a.pull()
	bk := filepath.Join(e.dir, "backup.db")
	if err := e.st.Backup(ctx, bk); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, a.push1("pegawai", r.pegA, "update", map[string]any{"nama": "Setelah backup"}), protocol.StatusApplied, "")
	lost := a.seq
	a.pull()
	oldEpoch, _ := e.st.Epoch(ctx)
	e.close()
	if err := sqlitestore.Restore(bk, e.path); err != nil {
		t.Fatal(err)
	}
	e.open()
	newEpoch, _ := e.st.Epoch(ctx)
	if newEpoch == oldEpoch {
		t.Fatal("restore kept the epoch")
	}
	code, er := a.do("GET", protocol.PathPull+"?cursor="+a.cursor, nil, &protocol.PullResponse{})
	if code != http.StatusGone || er.Code != protocol.ErrSnapshotRequired {
		t.Fatalf("old cursor after restore: %d %+v", code, er)
	}
	// The client pulls from the start and re-pushes what it retained; the
	// change the backup lost is applied again.
	a.cursor = ""
	a.pull()
	if a.row("pegawai", r.pegA)["nama"] == "Setelah backup" {
		t.Fatal("restore did not roll back")
	}
	a.seq = lost - 1
	wantStatus(t, a.push1("pegawai", r.pegA, "update", map[string]any{"nama": "Setelah backup"}), protocol.StatusApplied, "")
	a.pull()
	if a.row("pegawai", r.pegA)["nama"] != "Setelah backup" {
		t.Fatal("re-push after restore lost")
	}
}

func TestPagesAreSizedByBytes(t *testing.T) {
	e := newEnv(t)
	e.opts.MaxPageBytes = 1024
	e.close()
	e.open()
	admin := e.device("", true)
	e.region(admin)
	var pages int
	cursor := ""
	var n int
	for {
		var resp protocol.PullResponse
		code, _ := admin.do("GET", protocol.PathPull+"?cursor="+cursor+"&max_bytes=1000000", nil, &resp)
		if code != 200 {
			t.Fatal(code)
		}
		pages++
		n += len(resp.Entries)
		if raw, _ := json.Marshal(resp.Entries); len(resp.Entries) > 1 && len(raw) > 1024*5/4 {
			t.Fatalf("page of %d entries is %d bytes under a 1 KiB cap", len(resp.Entries), len(raw))
		}
		cursor = resp.NextCursor
		if !resp.HasMore {
			break
		}
	}
	if pages < 3 {
		t.Fatalf("expected several pages under a 1 KiB cap, got %d", pages)
	}
	e.close()
	e.opts.MaxPageBytes = 0
	e.open()
	if full := admin.pull0all(t); n != len(full) {
		t.Fatalf("paged %d entries, unpaged %d", n, len(full))
	}
}

func (d *dev) pull0all(t *testing.T) []protocol.Entry {
	var out []protocol.Entry
	cursor := ""
	for {
		var resp protocol.PullResponse
		d.do("GET", protocol.PathPull+"?cursor="+cursor, nil, &resp)
		out = append(out, resp.Entries...)
		cursor = resp.NextCursor
		if !resp.HasMore {
			return out
		}
	}
}

// Devices push and pull at the same time (run with -race): every change
// gets its disposition, and all devices converge on the server's rows.
func TestConcurrentDevices(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	devs := []*dev{e.device("OPD-A", false), e.device("OPD-A", false), e.device("OPD-A", false)}
	for _, d := range devs {
		d.pull()
	}
	done := make(chan []protocol.Disposition, len(devs))
	for i, d := range devs {
		go func() {
			var all []protocol.Disposition
			for j := range 15 {
				id := r.pegA
				if j%2 == 1 {
					id = r.pegA2
				}
				var resp protocol.PushResponse
				ch := d.change("pegawai", id, "update", map[string]any{"nama": fmt.Sprintf("d%d-%d", i, j)})
				if code, _ := d.do("POST", protocol.PathPush, d.req([]protocol.Change{ch}), &resp); code == 200 {
					all = append(all, resp.Dispositions...)
				}
				var pr protocol.PullResponse
				d.do("GET", protocol.PathPull+"?cursor=", nil, &pr)
			}
			done <- all
		}()
	}
	for range devs {
		if got := <-done; len(got) != 15 {
			t.Fatalf("dispositions: %d of 15", len(got))
		}
	}
	for _, d := range devs {
		d.pull()
	}
	for _, id := range []string{r.pegA, r.pegA2} {
		want := devs[0].row("pegawai", id)["nama"]
		for _, d := range devs[1:] {
			if d.row("pegawai", id)["nama"] != want {
				t.Fatalf("diverged on %s: %v vs %v", id, d.row("pegawai", id)["nama"], want)
			}
		}
	}
}

// A NIP registered in two OPDs: the conflict reaches both without either
// record's personal data; nothing else of the other OPD does.
func TestCrossOPDDuplicateNIPCarriesNoPersonalData(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	a := e.device("OPD-A", false)
	b := e.device("OPD-B", false)
	a.pull()
	b.pull()
	nip := "198001012005011003" // pegB's
	disp := a.push1("pegawai", uuid.NewString(), "insert", pegawaiCols(nip, r.opdA, r.unitA, r.jab))
	wantStatus(t, disp, protocol.StatusConflict, protocol.ConflictDuplicateNIP)
	a.pull()
	b.pull()
	for _, d := range []*dev{a, b} {
		c, ok := d.confs[disp.ConflictID]
		if !ok || c.Server["nip"] != nip || c.Incoming["nip"] != nip {
			t.Fatalf("conflict = %+v", c)
		}
	}
	a.assertNoForeignPersonalData(t, r.opdA)
	b.assertNoForeignPersonalData(t, r.opdB)
}

func TestHTTPErrorsAreCoded(t *testing.T) {
	e := newEnv(t)
	a := e.device("OPD-A", false)
	if code, er := a.do("GET", protocol.PathPull+"?cursor=zzz", nil, &protocol.PullResponse{}); code != 400 || er.Code != protocol.ErrBadRequest || er.Message == "" || er.MessageEn == "" {
		t.Fatalf("bad cursor: %d %+v", code, er)
	}
	if code, er := a.do("GET", protocol.PathPull+"?max_bytes=-1", nil, &protocol.PullResponse{}); code != 400 || er.Code != protocol.ErrBadRequest {
		t.Fatalf("bad max_bytes: %d %+v", code, er)
	}
	if code, er := a.do("POST", protocol.PathPush, "not a push", &protocol.PushResponse{}); code != 400 || er.Code != protocol.ErrBadRequest {
		t.Fatalf("bad body: %d %+v", code, er)
	}
	if code, er := a.do("POST", protocol.PathPush, protocol.PushRequest{SchemaVersion: protocol.SchemaVersion}, &protocol.PushResponse{}); code != 400 || er.Code != protocol.ErrBadRequest {
		t.Fatalf("push without device_id: %d %+v", code, er)
	}
	res, err := http.Get(e.ts.URL + "/healthz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", err, res)
	}
	res.Body.Close()
	// An empty pull from the head returns the same cursor.
	var p1, p2 protocol.PullResponse
	a.do("GET", protocol.PathPull, nil, &p1)
	a.do("GET", protocol.PathPull+"?cursor="+p1.NextCursor, nil, &p2)
	if len(p2.Entries) != 0 || p2.NextCursor != p1.NextCursor || p2.HasMore {
		t.Fatalf("pull at the head: %+v", p2)
	}
}

// The HTTP pull (row images copied from the store) says exactly what the
// decoding Pull API says, for every kind of entry and both schema versions.
func TestHTTPPullEqualsPullAPI(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	a := e.device("OPD-A", false)
	a2 := e.device("OPD-A", false)
	a.pull()
	a2.pull()
	x := uuid.NewString()
	wantStatus(t, a.push1("pegawai", x, "insert", pegawaiCols("198001012005011001", r.opdA, r.unitA, r.jab)), protocol.StatusConflict, protocol.ConflictDuplicateNIP) // dup of pegA
	a.push1("pegawai", r.pegA2, "update", map[string]any{"golongan": 40})
	a2.push1("pegawai", r.pegA2, "update", map[string]any{"golongan": 41})
	a.push1("skp", uuid.NewString(), "insert", map[string]any{"pegawai_id": r.pegB, "tahun": 2025, "predikat": "X"}) // rejected
	admin.push1("pegawai", r.pegA, "update", map[string]any{"opd_id": r.opdB, "unit_id": r.unitB, "jabatan_id": r.jab, "tmt_jabatan": "2026-11-01"})
	admin.push1("riwayat_jabatan", r.rwB, "delete", nil)
	admin.pull()
	for id, c := range admin.confs {
		if c.Kind == protocol.ConflictDuplicateNIP {
			admin.push1(protocol.TableConflict, id, "update", map[string]any{"status": "resolved", "resolution": protocol.ResolutionMerge})
		}
	}
	for _, d := range []*dev{admin, a, a2, e.device("OPD-B", false)} {
		for _, schema := range []int{1, 2} {
			api, herr := e.srv.Pull(ctx, d.id, "", 1<<20, schema)
			if herr != nil {
				t.Fatal(herr)
			}
			var wire protocol.PullResponse
			if code, er := d.do("GET", fmt.Sprintf("%s?max_bytes=%d&schema=%d", protocol.PathPull, 1<<20, schema), nil, &wire); code != 200 {
				t.Fatalf("%d %+v", code, er)
			}
			ja, _ := json.Marshal(api.Entries)
			jw, _ := json.Marshal(wire.Entries)
			if string(ja) != string(jw) || api.NextCursor != wire.NextCursor || api.HasMore != wire.HasMore {
				t.Fatalf("schema %d: HTTP pull differs from the API:\n%s\n%s", schema, jw, ja)
			}
			if len(api.Entries) < 5 {
				t.Fatalf("too few entries to compare: %d", len(api.Entries))
			}
		}
	}
}
