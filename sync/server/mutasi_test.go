package server_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/google/uuid"
)

func eventCols(ev mutasi.Event) map[string]any {
	aktor, _ := json.Marshal(ev.Actor)
	payload, _ := json.Marshal(ev.Payload)
	return map[string]any{"usulan_id": string(ev.RequestID), "seq": ev.Seq, "kind": string(ev.Kind), "aktor": string(aktor),
		"waktu": ev.Time.UTC().Format(time.RFC3339Nano), "catatan": ev.Note, "payload": string(payload)}
}

func decide(t *testing.T, st mutasi.State, c mutasi.Command, a mutasi.Actor) (mutasi.Event, mutasi.State) {
	t.Helper()
	ev, err := mutasi.Decide(st, c, a, time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), uuid.NewString())
	if err != nil {
		t.Fatal(err)
	}
	next, err := mutasi.Apply(st, ev)
	if err != nil {
		t.Fatal(err)
	}
	return ev, next
}

// A transfer request from OPD A to OPD B is seen by both OPDs; two
// decisions made offline at the same step both survive and open an
// incompatible-decision conflict.
func TestMutasiEventsInsertOnlyAndIncompatibleDecisions(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	a := e.device("OPD-A", false)
	b := e.device("OPD-B", false)
	a.pull()
	b.pull()
	opA := mutasi.Actor{UserID: "u-op-a", Name: "Operator A", Role: domain.RoleOperatorOPD, OPDID: domain.ID(r.opdA)}
	kepA := mutasi.Actor{UserID: "u-kep-a", Name: "Kepala A", Role: domain.RoleKepalaOPD, OPDID: domain.ID(r.opdA)}
	kepB := mutasi.Actor{UserID: "u-kep-b", Name: "Kepala B", Role: domain.RoleKepalaOPD, OPDID: domain.ID(r.opdB)}
	verif := mutasi.Actor{UserID: "u-ver", Name: "Verifikator", Role: domain.RoleVerifikator}
	req := mutasi.Request{ID: domain.ID(uuid.NewString()), PegawaiID: domain.ID(r.pegA), Type: domain.JenisMutasi("T1"),
		Source: mutasi.Placement{OPDID: domain.ID(r.opdA), UnitID: domain.ID(r.unitA), JabatanID: domain.ID(r.jab)}, SourceTMT: domain.MustDate("2020-01-01"),
		Targets: []mutasi.Placement{{OPDID: domain.ID(r.opdB), UnitID: domain.ID(r.unitB), JabatanID: domain.ID(r.jab)}}}
	data, _ := json.Marshal(req)
	usulan := string(req.ID)
	wantStatus(t, a.push1("mutasi_usulan", usulan, "insert", map[string]any{"nomor": "MUT-2026-A-000001", "pegawai_id": r.pegA, "jenis": "T1", "aps": 0,
		"data": string(data), "dibuat_oleh": "u-op-a", "dibuat_pada": "2026-11-02T09:00:00Z"}), protocol.StatusApplied, "")
	var st mutasi.State
	var ev mutasi.Event
	ev, st = decide(t, st, mutasi.Command{Kind: mutasi.KindBuat, Request: &req}, opA)
	wantStatus(t, a.push1("mutasi_event", ev.ID, "insert", eventCols(ev)), protocol.StatusApplied, "")
	// Insert-only: an event is never updated or deleted, and a re-insert is a duplicate.
	wantStatus(t, a.push1("mutasi_event", ev.ID, "update", map[string]any{"catatan": "x"}), protocol.StatusRejected, protocol.ReasonInsertOnly)
	wantStatus(t, a.push1("mutasi_event", ev.ID, "insert", eventCols(ev)), protocol.StatusSuperseded, protocol.ReasonDuplicate)
	ev, st = decide(t, st, mutasi.Command{Kind: mutasi.KindAjukan}, opA)
	wantStatus(t, a.push1("mutasi_event", ev.ID, "insert", eventCols(ev)), protocol.StatusApplied, "")
	ev, st = decide(t, st, mutasi.Command{Kind: mutasi.KindVerifikasi,
		Eligibility: []mutasi.RuleSnapshot{{RuleID: "MUT-01", Severity: "BLOCK", Outcome: "PASS", Message: "ok"}}}, verif)
	wantStatus(t, admin.push1("mutasi_event", ev.ID, "insert", eventCols(ev)), protocol.StatusApplied, "")

	// The target OPD sees the request and its events; the subject's personal record stays with OPD A.
	b.pull()
	if b.row("mutasi_usulan", usulan) == nil || b.row("mutasi_event", ev.ID) == nil {
		t.Fatal("target OPD does not see the request")
	}
	if b.row("pegawai", r.pegA) != nil {
		t.Fatal("target OPD received the employee's record before the transfer")
	}

	// Both heads decide offline at step 4.
	evA, _ := decide(t, st, mutasi.Command{Kind: mutasi.KindSetujuiAsal}, kepA)
	evB, _ := decide(t, st, mutasi.Command{Kind: mutasi.KindSetujuiTujuan}, kepB)
	wantStatus(t, a.push1("mutasi_event", evA.ID, "insert", eventCols(evA)), protocol.StatusApplied, "")
	disp := b.push1("mutasi_event", evB.ID, "insert", eventCols(evB))
	wantStatus(t, disp, protocol.StatusConflict, protocol.ConflictIncompatible)
	a.pull()
	b.pull()
	for _, d := range []*dev{a, b} {
		if d.row("mutasi_event", evA.ID) == nil || d.row("mutasi_event", evB.ID) == nil {
			t.Fatal("one of the concurrent decisions was dropped")
		}
		c, ok := d.confs[disp.ConflictID]
		if !ok || c.Kind != protocol.ConflictIncompatible || c.OtherRow != evA.ID || c.Incoming["kind"] != string(mutasi.KindSetujuiTujuan) {
			t.Fatalf("conflict = %+v", c)
		}
	}
	// A forged event for a request of other OPDs is rejected.
	other := e.device("OPD-A", false)
	other.pull()
	forged, _ := decide(t, st, mutasi.Command{Kind: mutasi.KindSetujuiAsal}, kepA)
	forged.RequestID = domain.ID(uuid.NewString())
	wantStatus(t, other.push1("mutasi_event", forged.ID, "insert", eventCols(forged)), protocol.StatusApplied, protocol.ReasonRowPending)
	for _, d := range []*dev{a, b, other, admin} {
		d.pull()
		if d.row("mutasi_event", forged.ID) != nil {
			t.Fatal("an event for an unknown request became visible")
		}
	}
}

// Children may arrive before their parent (a whole region pushed in any
// order; re-pushes after a restore): they take the parent's scope and run
// when it arrives; an OPD's kept child insert is authorised then.
func TestChildBeforeParent(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	a := e.device("OPD-A", false)
	b := e.device("OPD-B", false)
	peg, skpA, skpB := uuid.NewString(), uuid.NewString(), uuid.NewString()
	// BKPSDM: the child first, then its employee.
	resp := admin.push(
		admin.change("skp", skpA, "insert", map[string]any{"pegawai_id": peg, "tahun": 2025, "predikat": "BAIK"}),
		admin.change("pegawai", peg, "insert", pegawaiCols("199701012022011001", r.opdA, r.unitA, r.jab)))
	for _, d := range resp.Dispositions {
		wantStatus(t, d, protocol.StatusApplied, "")
	}
	a.pull()
	if a.row("skp", skpA) == nil || a.row("pegawai", peg) == nil {
		t.Fatal("a child pushed before its parent is not visible to the parent's OPD")
	}
	// An OPD device: a child of an employee the server does not have yet is kept…
	peg2 := uuid.NewString()
	wantStatus(t, a.push1("skp", skpB, "insert", map[string]any{"pegawai_id": peg2, "tahun": 2025, "predikat": "BAIK"}), protocol.StatusApplied, protocol.ReasonRowPending)
	// …and refused when the parent turns out to be another OPD's.
	b.push1("pegawai", peg2, "insert", pegawaiCols("199701012022011002", r.opdB, r.unitB, r.jab))
	b.pull()
	admin.pull()
	if b.row("skp", skpB) != nil || admin.row("skp", skpB) != nil {
		t.Fatal("a kept insert of another OPD was applied when its parent arrived")
	}
	// The same for its own OPD's employee is applied.
	peg3, skpC := uuid.NewString(), uuid.NewString()
	wantStatus(t, a.push1("skp", skpC, "insert", map[string]any{"pegawai_id": peg3, "tahun": 2024, "predikat": "BAIK"}), protocol.StatusApplied, protocol.ReasonRowPending)
	wantStatus(t, a.push1("pegawai", peg3, "insert", pegawaiCols("199701012022011003", r.opdA, r.unitA, r.jab)), protocol.StatusApplied, "")
	a.pull()
	if a.row("skp", skpC) == nil {
		t.Fatal("a kept insert was not applied when its parent arrived")
	}
	// A deleted parent is not waited for.
	wantStatus(t, admin.push1("pegawai", peg3, "delete", nil), protocol.StatusApplied, "")
	wantStatus(t, a.push1("skp", uuid.NewString(), "insert", map[string]any{"pegawai_id": peg3, "tahun": 2023, "predikat": "BAIK"}), protocol.StatusRejected, protocol.ReasonParentMissing)
	a.assertNoForeignPersonalData(t, r.opdA)
	b.assertNoForeignPersonalData(t, r.opdB)
}

func TestRejectsMalformedChanges(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	a := e.device("OPD-A", false)
	a.pull()
	wantStatus(t, a.push1("tabel_rahasia", uuid.NewString(), "insert", map[string]any{"x": 1}), protocol.StatusRejected, protocol.ReasonUnknownTable)
	wantStatus(t, a.push1("pegawai", r.pegA, "upsert", map[string]any{"nama": "x"}), protocol.StatusRejected, protocol.ReasonInvalid)
	ch := a.change("pegawai", r.pegA, "update", map[string]any{"nama": "x"})
	ch.HLC = "kemarin"
	wantStatus(t, a.push(ch).Dispositions[0], protocol.StatusRejected, protocol.ReasonInvalid)
	ch = a.change("pegawai", r.pegA, "update", map[string]any{"nama": "x"})
	ch.SchemaVersion = 7
	wantStatus(t, a.push(ch).Dispositions[0], protocol.StatusRejected, protocol.ReasonSchema)
	wantStatus(t, a.push1("pegawai", uuid.NewString(), "update", map[string]any{"nama": "x"}), protocol.StatusApplied, protocol.ReasonRowPending)
	wantStatus(t, a.push1("skp", uuid.NewString(), "insert", map[string]any{"pegawai_id": uuid.NewString(), "tahun": 2025, "predikat": "BAIK"}), protocol.StatusApplied, protocol.ReasonRowPending)
	wantStatus(t, a.push1("skp", uuid.NewString(), "insert", map[string]any{"pegawai_id": r.pegB, "tahun": 2025, "predikat": "BAIK"}), protocol.StatusRejected, protocol.ReasonForbiddenOPD)
	// Every change got exactly one disposition and local_seq advanced past all of them.
	resp := a.push()
	if resp.LastLocalSeq != a.seq {
		t.Fatalf("last_local_seq = %d, want %d", resp.LastLocalSeq, a.seq)
	}
}

func TestRestoreAllowsOneForwardJump(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	a := e.device("OPD-A", false)
	a.pull()
	bk := e.dir + "/bk.db"
	if err := e.st.Backup(ctx, bk); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		a.push1("pegawai", r.pegA, "update", map[string]any{"nama": uuid.NewString()})
	}
	e.close()
	if err := restore(bk, e.path); err != nil {
		t.Fatal(err)
	}
	e.open()
	// The client kept only its last change (the others aged out of its
	// retention): the jump is accepted once.
	a.seq++
	c1 := a.change("pegawai", r.pegA, "update", map[string]any{"nama": "Hampir"})
	a.seq++
	c2 := a.change("pegawai", r.pegA, "update", map[string]any{"nama": "Terakhir"})
	resp := a.push(c1, c2) // gaps anywhere in the first push after the restore
	if len(resp.Dispositions) != 2 {
		t.Fatalf("re-push after restore: %+v", resp)
	}
	a.seq += 2
	resp = a.push(a.change("pegawai", r.pegA, "update", map[string]any{"nama": "Lagi"}))
	if len(resp.Dispositions) != 0 {
		t.Fatal("a second jump was accepted")
	}
}

// After a restore an update (or delete) may arrive before the insert that
// another device re-pushes: it is kept and merged when the insert arrives,
// if its device may write the row then.
func TestUpdateBeforeInsertIsKept(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	a := e.device("OPD-A", false)
	b := e.device("OPD-B", false)
	a.pull()
	b.pull()
	id, gone := uuid.NewString(), uuid.NewString()
	ins := a.change("pegawai", id, "insert", pegawaiCols("199901012024011001", r.opdA, r.unitA, r.jab))
	insGone := a.change("pegawai", gone, "insert", pegawaiCols("199901012024011002", r.opdA, r.unitA, r.jab))
	e.now = e.now.Add(time.Minute)
	wantStatus(t, admin.push1("pegawai", id, "update", map[string]any{"gelar_belakang": "S.T.", "tempat_lahir": "Aimas"}), protocol.StatusApplied, protocol.ReasonRowPending)
	wantStatus(t, b.push1("pegawai", id, "update", map[string]any{"nama": "Dipalsukan"}), protocol.StatusApplied, protocol.ReasonRowPending)
	wantStatus(t, admin.push1("pegawai", gone, "delete", nil), protocol.StatusApplied, protocol.ReasonRowPending)
	resp := a.push(ins, insGone)
	wantStatus(t, resp.Dispositions[0], protocol.StatusApplied, "")
	a.pull()
	row := a.row("pegawai", id)
	if row["gelar_belakang"] != "S.T." || row["tempat_lahir"] != "Aimas" {
		t.Fatalf("the earlier-arrived update was lost: %v", row)
	}
	if row["nama"] == "Dipalsukan" {
		t.Fatal("another OPD's pending update was merged")
	}
	if a.row("pegawai", gone) != nil {
		t.Fatal("the earlier-arrived delete was lost")
	}
}

// TestEventKindsAcrossSchema4: workflow event kinds became UPPER_SNAKE at
// sync schema 4. A schema-3 device pushes lower-case kinds (upcast: stored
// and served upper to current devices) and pulls lower-case ones, as JSON
// and as chunks; current devices never see the old spelling.
func TestEventKindsAcrossSchema4(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		r := e.region(admin)
		cur := e.device("OPD-A", false)
		old := e.device("OPD-A", false)
		old.schema = 3
		cur.pull()
		old.pull()
		opA := mutasi.Actor{UserID: "u-op-a", Name: "Operator A", Role: domain.RoleOperatorOPD, OPDID: domain.ID(r.opdA)}
		req := mutasi.Request{ID: domain.ID(uuid.NewString()), PegawaiID: domain.ID(r.pegA), Type: domain.JenisMutasi("T1"),
			Source: mutasi.Placement{OPDID: domain.ID(r.opdA), UnitID: domain.ID(r.unitA), JabatanID: domain.ID(r.jab)}, SourceTMT: domain.MustDate("2020-01-01"),
			Targets: []mutasi.Placement{{OPDID: domain.ID(r.opdB), UnitID: domain.ID(r.unitB), JabatanID: domain.ID(r.jab)}}}
		data, _ := json.Marshal(req)
		wantStatus(t, old.push1("mutasi_usulan", string(req.ID), "insert", map[string]any{"nomor": "MUT-2026-A-000009", "pegawai_id": r.pegA, "jenis": "T1", "aps": 0,
			"data": string(data), "dibuat_oleh": "u-op-a", "dibuat_pada": "2026-11-02T09:00:00Z"}), protocol.StatusApplied, "")
		var st mutasi.State
		buat, st := decide(t, st, mutasi.Command{Kind: mutasi.KindBuat, Request: &req}, opA)
		cols := eventCols(buat)
		cols["kind"] = "buat" // as a schema-3 desktop wrote it
		wantStatus(t, old.push1("mutasi_event", buat.ID, "insert", cols), protocol.StatusApplied, "")
		// The server replays the upcast event: the next step is accepted.
		ajukan, _ := decide(t, st, mutasi.Command{Kind: mutasi.KindAjukan}, opA)
		wantStatus(t, cur.push1("mutasi_event", ajukan.ID, "insert", eventCols(ajukan)), protocol.StatusApplied, "")

		cur.pull()
		old.pull()
		for _, c := range []struct {
			d    *dev
			id   string
			want string
		}{{cur, buat.ID, "BUAT"}, {cur, ajukan.ID, "AJUKAN"}, {old, buat.ID, "buat"}, {old, ajukan.ID, "ajukan"}} {
			if got := c.d.row("mutasi_event", c.id)["kind"]; got != c.want {
				t.Errorf("schema %d device pulled kind %v, want %s", c.d.schema, got, c.want)
			}
		}
		// Chunks are the same pull: a schema-3 first sync gets the old spelling too.
		for _, d := range []*dev{cur, old} {
			kinds := map[string]bool{}
			cursor := ""
			for more, pages := true, 0; more; pages++ {
				if pages > 1000 {
					t.Fatal("pull did not end")
				}
				code, h, b := d.rawPull(cursor, 1<<20, d.schema, protocol.ChunkEncoding)
				if code != 200 {
					t.Fatalf("chunk pull: %d %s", code, b)
				}
				page, err := protocol.DecodeChunk(b, h.Get(protocol.HeaderChunkSHA256))
				if err != nil {
					t.Fatal(err)
				}
				for _, en := range page.Entries {
					if en.Table == "mutasi_event" && en.Row != nil {
						kinds[fmt.Sprint(en.Row["kind"])] = true
					}
				}
				cursor, more = page.NextCursor, page.HasMore
			}
			want := map[string]bool{"BUAT": true, "AJUKAN": true}
			if d == old {
				want = map[string]bool{"buat": true, "ajukan": true}
			}
			if !reflect.DeepEqual(kinds, want) {
				t.Errorf("schema %d chunks: kinds %v, want %v", d.schema, kinds, want)
			}
		}
		// A schema-4 push must spell the kind as schema 4 does: an old
		// spelling or an invented kind is refused, not stored as a conflict.
		for _, kind := range []string{"verifikasi", "LOMPAT_KE_SK"} {
			cols := eventCols(ajukan)
			cols["seq"] = 7
			cols["kind"] = kind
			id := uuid.NewString()
			wantStatus(t, cur.push1("mutasi_event", id, "insert", cols), protocol.StatusRejected, "")
			fresh := e.device("OPD-A", false)
			fresh.pull()
			if fresh.row("mutasi_event", id) != nil {
				t.Errorf("refused kind %q was stored", kind)
			}
		}
	})
}
