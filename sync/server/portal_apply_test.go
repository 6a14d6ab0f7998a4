package server_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/rules"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/google/uuid"
)

// portalRequest makes pegawaiID's APS request through the portal (buat) and
// returns its id.
func portalRequest(t *testing.T, e *env, r region, pegawaiID, srcOPD, srcUnit, tgtOPD, tgtUnit string) string {
	t.Helper()
	id := uuid.NewString()
	req := mutasi.Request{ID: id, PegawaiID: pegawaiID, Type: domain.MutasiT1, APS: true, Reason: "Dekat keluarga.",
		Source: mutasi.Placement{OPDID: srcOPD, UnitID: srcUnit, JabatanID: r.jab}, Targets: []mutasi.Placement{{OPDID: tgtOPD, UnitID: tgtUnit, JabatanID: r.jab}}}
	actor := mutasi.Actor{UserID: server.PortalActor(pegawaiID), PegawaiID: pegawaiID, Role: domain.RolePegawai}
	ev, err := mutasi.Decide(mutasi.State{}, mutasi.Command{Kind: mutasi.KindBuat, Request: &req}, actor, e.now, uuid.NewString())
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(req)
	if err := e.srv.ApplyPortal(ctx, pegawaiID, []protocol.Change{
		{Table: "mutasi_usulan", RowID: id, Op: protocol.OpInsert, Cols: map[string]any{"nomor": "APS/" + id[:8], "pegawai_id": pegawaiID, "jenis": "T1",
			"aps": true, "data": string(data), "dibuat_oleh": "portal", "dibuat_pada": "2026-11-27T08:00:00Z"}},
		portalEvent(ev),
	}); err != nil {
		t.Fatalf("portal request: %v", err)
	}
	return id
}

func portalEvent(ev mutasi.Event) protocol.Change {
	aktor, _ := json.Marshal(ev.Actor)
	payload, _ := json.Marshal(ev.Payload)
	return protocol.Change{Table: "mutasi_event", RowID: ev.ID, Op: protocol.OpInsert, Cols: map[string]any{"usulan_id": ev.RequestID, "seq": ev.Seq,
		"kind": string(ev.Kind), "aktor": string(aktor), "waktu": ev.Time.UTC().Format(time.RFC3339Nano), "catatan": ev.Note, "payload": string(payload)}}
}

// TestAuthorizationTablePortal: the portal's rows of the table, against
// the server. For every table × operation, the employee's own row and
// another employee's: the cells rules.Decide allows for the portal (its
// own APS request in draft, its events, documents, reports and interests)
// are applied; every other is refused and changes nothing.
func TestAuthorizationTablePortal(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		wantStatus(t, admin.pushAs(server.SetupActor, "pengguna", uuid.NewString(), "insert", user("admin", "PPK_ADMIN_BKPSDM", "", 1)), protocol.StatusApplied, "")
		r := e.region(admin)
		r.abk = uuid.NewString()
		wantStatus(t, admin.push1("abk", r.abk, "insert", validCols("abk", r, 0)), protocol.StatusApplied, "")
		own := map[bool]string{true: r.pegA, false: r.pegB}
		reqs := map[bool]string{
			true:  portalRequest(t, e, r, r.pegA, r.opdA, r.unitA, r.opdB, r.unitB),
			false: portalRequest(t, e, r, r.pegB, r.opdB, r.unitB, r.opdA, r.unitA),
		}
		allowed := map[string][]string{"mutasi_usulan": {"insert", "update"}, "mutasi_event": {"insert"}, "dokumen_lampiran": {"insert", "update"},
			"portal_laporan": {"insert", "update"}, "portal_minat": {"insert", "update"}}
		n := 0
		for _, td := range rules.Tables {
			for _, op := range rules.Ops {
				for _, mine := range []bool{true, false} {
					n++
					rr := r
					rr.pegA, rr.usulan = own[mine], reqs[mine]
					if td.ParentTable == "mutasi_usulan" { // a fresh draft: earlier cells may have withdrawn the last one
						if mine {
							rr.usulan = portalRequest(t, e, r, r.pegA, r.opdA, r.unitA, r.opdB, r.unitB)
						} else {
							rr.usulan = portalRequest(t, e, r, r.pegB, r.opdB, r.unitB, r.opdA, r.unitA)
						}
					}
					id := uuid.NewString()
					cols := portalCols(td.Name, rr, n)
					switch {
					case td.Name == "mutasi_usulan" && op != protocol.OpInsert:
						id = reqs[mine]
						cols = map[string]any{"data": e.rowOf("mutasi_usulan", id)["data"]}
					case op != protocol.OpInsert && td.Rule != rules.ScopeDerived:
						if disp := admin.pushAs("admin", td.Name, id, "insert", validCols(td.Name, rr, n)); disp.Status == protocol.StatusRejected {
							t.Fatalf("fixture %s: %+v", td.Name, disp)
						}
						cols = updateCols(td.Name)
						switch td.Name { // what the employee edits (the desktop's notes are not theirs)
						case "portal_laporan":
							cols = map[string]any{"uraian": "Diperjelas"}
						case "dokumen_lampiran":
							cols = map[string]any{"nama_berkas": "b.pdf"}
						}
					}
					if op == protocol.OpDelete {
						cols = nil
					}
					cell := fmt.Sprintf("%s/%s/own=%v", td.Name, op, mine)
					want := mine && slices.Contains(allowed[td.Name], op)
					before := e.snapshot()
					err := e.srv.ApplyPortal(ctx, r.pegA, []protocol.Change{{Table: td.Name, RowID: id, Op: op, Cols: cols}})
					var pr *server.PortalRejection
					switch {
					case want && err != nil:
						t.Fatalf("%s: allowed by the table but %v", cell, err)
					case !want && !errors.As(err, &pr):
						t.Fatalf("%s: want a refusal, got %v", cell, err)
					case !want:
						e.wantUnchanged(before, cell)
					}
				}
			}
		}
		// the same write the table allows, made as an official's event, is refused
		forged := portalEvent(mutasi.Event{ID: uuid.NewString(), RequestID: reqs[true], Seq: 2, Kind: mutasi.KindVerifikasi,
			Actor: mutasi.Actor{UserID: "x", Role: domain.RoleVerifikator}, Time: e.now})
		before := e.snapshot()
		if err := e.srv.ApplyPortal(ctx, r.pegA, []protocol.Change{forged}); err == nil {
			t.Fatal("a verification by the portal was applied")
		}
		e.wantUnchanged(before, "forged verification")
		// all or nothing: a refused change refuses the batch
		ok := protocol.Change{Table: "portal_minat", RowID: uuid.NewString(), Op: protocol.OpInsert, Cols: portalCols("portal_minat", r, 1)}
		bad := protocol.Change{Table: "pegawai", RowID: r.pegA, Op: protocol.OpUpdate, Cols: map[string]any{"nama": "Diubah Sendiri"}}
		if err := e.srv.ApplyPortal(ctx, r.pegA, []protocol.Change{ok, bad}); err == nil {
			t.Fatal("a batch with a refused change was applied")
		}
		e.wantUnchanged(before, "half-refused batch")
		// the desktops of both OPDs receive the employee's request
		b := e.device("OPD-B", false)
		b.pull()
		if b.row("mutasi_usulan", reqs[true]) == nil {
			t.Fatal("the target OPD's desktop did not receive the portal request")
		}
		if !strings.Contains(fmt.Sprint(b.row("mutasi_usulan", reqs[true])["data"]), "Dekat keluarga") {
			t.Fatal("the request's data did not travel")
		}
	})
}

// portalCols is a valid insert of the table as the portal would make it
// for r.pegA (and its request r.usulan).
func portalCols(tbl string, r region, n int) map[string]any {
	switch tbl {
	case "mutasi_usulan":
		return map[string]any{"nomor": fmt.Sprintf("APS-%d", n), "pegawai_id": r.pegA, "jenis": "T1", "aps": true, "data": "{}", "dibuat_oleh": "portal",
			"dibuat_pada": "2026-11-27T08:00:00Z"}
	case "mutasi_event":
		// withdraw (seq 2 after buat) as the employee
		return map[string]any{"usulan_id": r.usulan, "seq": 2, "kind": "BATALKAN", "aktor": fmt.Sprintf(`{"role":"PEGAWAI","pegawaiId":%q,"userId":"portal:%s"}`, r.pegA, r.pegA),
			"waktu": "2026-11-27T09:00:00Z", "catatan": "Tidak jadi", "payload": "{}"}
	case "portal_laporan":
		return map[string]any{"pegawai_id": r.pegA, "bagian": "PROFIL", "uraian": "Nama salah", "status": "BARU", "tanggapan": "",
			"dibuat_pada": "2026-11-27T08:00:00Z", "ditangani_oleh": "", "ditangani_pada": ""}
	case "portal_minat":
		return map[string]any{"pegawai_id": r.pegA, "opd_id": r.opdA, "jabatan_id": "", "jenis_jabatan": "PELAKSANA", "catatan": "", "aktif": true,
			"dibuat_pada": "2026-11-27T08:00:00Z"}
	}
	return validCols(tbl, r, n)
}

func (e *env) rowOf(tbl, id string) map[string]any {
	e.t.Helper()
	var out map[string]any
	if err := e.st.Update(ctx, func(tx server.Tx) error {
		it, err := tx.Get(server.ItemRow, tbl, id)
		if err != nil || it == nil {
			return err
		}
		out, err = server.RowData(it)
		return err
	}); err != nil {
		e.t.Fatal(err)
	}
	return out
}
