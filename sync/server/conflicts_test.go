package server_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/google/uuid"
)

func sameSnapshot(t *testing.T, a, b map[string]string) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("state changed: %d items before, %d after", len(a), len(b))
	}
	for k, v := range a {
		if b[k] != v {
			t.Fatalf("state changed: %s: %.200s → %.200s", k, v, b[k])
		}
	}
}

func openConflicts(d *dev) []protocol.Conflict {
	var out []protocol.Conflict
	for _, c := range d.confs {
		if c.Status == "open" {
			out = append(out, c)
		}
	}
	return out
}

// BKPSDM edits an employee; the employee's OPD deletes the same employee on
// a desktop that has not seen the edit. Whichever arrives first, the row
// ends deleted, one row-deleted conflict is open on both desktops, it keeps
// the edited values, and its sides say who deleted and who edited.
func TestDeleteVsUpdateDoesNotDependOnArrivalOrder(t *testing.T) {
	for _, updateFirst := range []bool{true, false} {
		t.Run(fmt.Sprintf("updateFirst=%v", updateFirst), func(t *testing.T) {
			eachStore(t, func(t *testing.T, e *env) {
				admin := e.device("", true)
				r := e.region(admin)
				opd := e.device("OPD-A", false)
				admin.pull()
				opd.pull()
				del := opd.change("pegawai", r.pegA, "delete", nil) // t2
				e.now = e.now.Add(time.Minute)
				upd := admin.change("pegawai", r.pegA, "update", map[string]any{"nama": "Nama Baru", "jurusan": "Hukum"}) // t3
				var dDel, dUpd protocol.Disposition
				if updateFirst {
					dUpd = admin.push(upd).Dispositions[0]
					dDel = opd.push(del).Dispositions[0]
				} else {
					dDel = opd.push(del).Dispositions[0]
					dUpd = admin.push(upd).Dispositions[0]
				}
				cid := dDel.ConflictID
				if updateFirst {
					wantStatus(t, dUpd, protocol.StatusApplied, "")
					wantStatus(t, dDel, protocol.StatusConflict, protocol.ConflictRowDeleted)
				} else {
					wantStatus(t, dDel, protocol.StatusApplied, "")
					wantStatus(t, dUpd, protocol.StatusConflict, protocol.ConflictRowDeleted)
					cid = dUpd.ConflictID
				}
				admin.pull()
				opd.pull()
				for _, d := range []*dev{admin, opd} {
					if d.row("pegawai", r.pegA) != nil {
						t.Fatal("the delete did not win")
					}
					c, ok := d.confs[cid]
					if !ok || c.Status != "open" || c.Kind != protocol.ConflictRowDeleted {
						t.Fatalf("conflict not visible: %+v", c)
					}
					kept := c.Server["nama"]
					if c.Incoming["nama"] != nil {
						kept = c.Incoming["nama"]
					}
					if kept != "Nama Baru" || c.Server["nip"] == nil {
						t.Fatalf("the edit is not kept: %+v", c)
					}
					var del, upd *protocol.ConflictSide
					for _, s := range []*protocol.ConflictSide{c.ServerSide, c.IncomingSide} {
						if s == nil {
							t.Fatalf("side missing: %+v", c)
						}
						switch s.Op {
						case protocol.OpDelete:
							del = s
						case protocol.OpUpdate:
							upd = s
						}
					}
					if del == nil || upd == nil || del.OPD != "OPD-A" || upd.OPD != protocol.SideBKPSDM || del.Device != opd.install || upd.Device != admin.install {
						t.Fatalf("sides = %+v / %+v", c.ServerSide, c.IncomingSide)
					}
					if !(del.At < upd.At) {
						t.Fatalf("times: delete %s, update %s", del.At, upd.At)
					}
				}
			})
		})
	}
}

// A delete made after pulling the other device's edit is not concurrent.
func TestDeleteAfterSeeingTheEditOpensNoConflict(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		r := e.region(admin)
		opd := e.device("OPD-A", false)
		opd.pull()
		wantStatus(t, admin.push1("pegawai", r.pegA, "update", map[string]any{"nama": "Nama Baru"}), protocol.StatusApplied, "")
		opd.pull()
		wantStatus(t, opd.push1("pegawai", r.pegA, "delete", nil), protocol.StatusApplied, "")
		// its own earlier edit does not count either
		wantStatus(t, opd.push1("pegawai", r.pegA2, "update", map[string]any{"nama": "X"}), protocol.StatusApplied, "")
		wantStatus(t, opd.push1("pegawai", r.pegA2, "delete", nil), protocol.StatusApplied, "")
		opd.pull()
		if n := len(openConflicts(opd)); n != 0 {
			t.Fatalf("%d conflicts", n)
		}
	})
}

// One device cannot flood the region with conflicts: beyond the cap, a
// change that would open one more is rejected conflict-limit and stores
// nothing; other devices are not affected; resolving one frees a place.
func TestOpenConflictsArePerDeviceCapped(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		e.close()
		e.opts.MaxOpenConflicts = 3
		e.open()
		admin := e.device("", true)
		r := e.region(admin)
		bad := e.device("OPD-A", false)
		bad.pull()
		nips := []string{"198001012005011001", "198001012005011002"}
		var cids []string
		for i := range 3 {
			d := bad.push1("pegawai", uuid.NewString(), "insert", pegawaiCols(nips[i%2], r.opdA, r.unitA, r.jab))
			wantStatus(t, d, protocol.StatusConflict, protocol.ConflictDuplicateNIP)
			cids = append(cids, d.ConflictID)
		}
		before := e.snapshot()
		id := uuid.NewString()
		wantStatus(t, bad.push1("pegawai", id, "insert", pegawaiCols(nips[0], r.opdA, r.unitA, r.jab)), protocol.StatusRejected, protocol.ReasonConflictLimit)
		sameSnapshot(t, before, e.snapshot())
		// a change that opens no conflict still goes through
		wantStatus(t, bad.push1("pegawai", r.pegA2, "update", map[string]any{"nama": "Boleh"}), protocol.StatusApplied, "")
		// another device is not affected
		wantStatus(t, admin.push1("pegawai", uuid.NewString(), "insert", pegawaiCols(nips[1], r.opdA, r.unitA, r.jab)), protocol.StatusConflict, protocol.ConflictDuplicateNIP)
		// resolving one frees a place
		wantStatus(t, admin.push1(protocol.TableConflict, cids[0], "update", map[string]any{"status": "resolved", "resolution": protocol.ResolutionKeep}), protocol.StatusApplied, "")
		wantStatus(t, bad.push1("pegawai", id, "insert", pegawaiCols(nips[0], r.opdA, r.unitA, r.jab)), protocol.StatusConflict, protocol.ConflictDuplicateNIP)
		before = e.snapshot()
		wantStatus(t, bad.push1("pegawai", uuid.NewString(), "insert", pegawaiCols(nips[1], r.opdA, r.unitA, r.jab)), protocol.StatusRejected, protocol.ReasonConflictLimit)
		sameSnapshot(t, before, e.snapshot())
	})
}

// The person resolving a duplicate NIP chooses the surviving record and the
// surviving values field by field; the server writes them to the survivor
// and makes the other record its alias. Bad choices are refused and change
// nothing.
func TestDuplicateNIPMergeKeepsTheChosenRecordAndValues(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		r := e.region(admin)
		d1 := e.device("OPD-A", false)
		d2 := e.device("OPD-A", false)
		d1.pull()
		d2.pull()
		x, y := uuid.NewString(), uuid.NewString()
		nip := "199201012019011111"
		cx := pegawaiCols(nip, r.opdA, r.unitA, r.jab)
		cx["nama"], cx["tempat_lahir"] = "Ani", "Sorong"
		cy := pegawaiCols(nip, r.opdA, r.unitA, r.jab)
		cy["nama"], cy["tempat_lahir"] = "Ani Lestari", "Manokwari"
		wantStatus(t, d1.push1("pegawai", x, "insert", cx), protocol.StatusApplied, "")
		wantStatus(t, d1.push1("skp", uuid.NewString(), "insert", map[string]any{"pegawai_id": x, "tahun": 2025, "predikat": "BAIK"}), protocol.StatusApplied, "")
		dup := d2.push1("pegawai", y, "insert", cy)
		wantStatus(t, dup, protocol.StatusConflict, protocol.ConflictDuplicateNIP)
		// the larger id survives here, so the old "smaller id" rule cannot pass
		survivor, alias := max(x, y), min(x, y)
		chosenNama, chosenTempat := "Ani Lestari", "Sorong"

		before := e.snapshot()
		for _, cols := range []map[string]any{
			{"status": "resolved", "resolution": protocol.ResolutionMerge, "survivor": uuid.NewString()},
			{"status": "resolved", "resolution": protocol.ResolutionMerge, "survivor": survivor, "values": map[string]any{"bukan_kolom": 1}},
			{"status": "resolved", "resolution": protocol.ResolutionMerge, "survivor": survivor, "values": "nama=x"},
		} {
			wantStatus(t, d1.push1(protocol.TableConflict, dup.ConflictID, "update", cols), protocol.StatusRejected, protocol.ReasonInvalid)
		}
		// an OPD device may not move the survivor to another OPD
		wantStatus(t, d1.push1(protocol.TableConflict, dup.ConflictID, "update", map[string]any{"status": "resolved", "resolution": protocol.ResolutionMerge,
			"survivor": survivor, "values": map[string]any{"opd_id": r.opdB, "unit_id": r.unitB}}), protocol.StatusRejected, protocol.ReasonForbiddenOPD)
		sameSnapshot(t, before, e.snapshot())

		wantStatus(t, d1.push1(protocol.TableConflict, dup.ConflictID, "update", map[string]any{"status": "resolved", "resolution": protocol.ResolutionMerge,
			"survivor": survivor, "values": map[string]any{"nama": chosenNama, "tempat_lahir": chosenTempat}}), protocol.StatusApplied, "")
		d2.pull()
		if d2.aliases["pegawai/"+alias] != survivor {
			t.Fatalf("alias %v", d2.aliases)
		}
		row := d2.row("pegawai", survivor)
		if row["nama"] != chosenNama || row["tempat_lahir"] != chosenTempat || row["nip"] != nip {
			t.Fatalf("survivor = %v", row)
		}
		if d2.row("pegawai", alias) != nil || d2.removed["pegawai/"+alias] != protocol.ReasonMerged {
			t.Fatal("the other record is still live")
		}
		for k, rw := range d2.rows {
			if len(k) > 4 && k[:4] == "skp/" && rw["pegawai_id"] != survivor {
				t.Fatalf("child not re-pointed: %v", rw)
			}
		}
		if c := d2.confs[dup.ConflictID]; c.Status != "resolved" || c.Survivor != survivor {
			t.Fatalf("conflict = %+v", c)
		}
	})
}

// Two OPDs' records with one NIP: only BKPSDM (which sees both in full)
// merges them; an OPD device's merge is refused and changes nothing.
func TestCrossOPDMergeOnlyByBKPSDM(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		r := e.region(admin)
		a := e.device("OPD-A", false)
		a.pull()
		disp := a.push1("pegawai", uuid.NewString(), "insert", pegawaiCols("198001012005011003", r.opdA, r.unitA, r.jab))
		wantStatus(t, disp, protocol.StatusConflict, protocol.ConflictDuplicateNIP)
		before := e.snapshot()
		wantStatus(t, a.push1(protocol.TableConflict, disp.ConflictID, "update", map[string]any{"status": "resolved", "resolution": protocol.ResolutionMerge}),
			protocol.StatusRejected, protocol.ReasonForbiddenOPD)
		sameSnapshot(t, before, e.snapshot())
		wantStatus(t, admin.push1(protocol.TableConflict, disp.ConflictID, "update", map[string]any{"status": "resolved", "resolution": protocol.ResolutionMerge,
			"survivor": r.pegB}), protocol.StatusApplied, "")
	})
}
