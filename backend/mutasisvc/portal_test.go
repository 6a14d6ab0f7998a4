package mutasisvc_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// pulled applies entries as the next page of a pull, as the sync client
// does with what the server sends (the portal's rows arrive this way).
type puller struct {
	t      *testing.T
	st     *store.Store
	cursor string
	seq    int
}

func (p *puller) page(entries ...protocol.Entry) store.PullResult {
	p.t.Helper()
	for i := range entries {
		p.seq++
		entries[i].Seq = int64(p.seq)
	}
	next := fmt.Sprintf("e:%d", p.seq)
	res, err := p.st.ApplyPull(ctx, store.PullApply{From: p.cursor, Page: protocol.PullResponse{NextCursor: next, Entries: entries}})
	if err != nil {
		p.t.Fatal(err)
	}
	if res.Quarantined > 0 {
		p.t.Fatalf("pulled rows quarantined: %+v", res)
	}
	p.cursor = next
	return res
}

func eventEntry(ev mutasi.Event) protocol.Entry {
	aktor, _ := json.Marshal(ev.Actor)
	payload, _ := json.Marshal(ev.Payload)
	return protocol.Entry{Kind: protocol.KindRow, Table: "mutasi_event", RowID: ev.ID, Row: map[string]any{
		"usulan_id": ev.RequestID, "seq": float64(ev.Seq), "kind": string(ev.Kind), "aktor": string(aktor),
		"waktu": ev.Time.UTC().Format(time.RFC3339Nano), "catatan": ev.Note, "payload": string(payload)}}
}

// portalRequest is an APS request as the portal writes it: the request row
// (aps) and its buat and ajukan events by the employee's portal actor.
func portalRequest(t *testing.T, c candidate, at time.Time) (mutasi.Actor, mutasi.State, []protocol.Entry) {
	t.Helper()
	self := mutasi.Actor{UserID: "portal:" + c.pegawai, PegawaiID: c.pegawai, Name: "Pegawai Portal", Role: domain.RolePegawai}
	req := mutasi.Request{ID: store.NewID(), PegawaiID: c.pegawai, Type: domain.MutasiT1, APS: true, Reason: "Mengikuti suami",
		Source: c.source, Targets: []mutasi.Placement{c.target}}
	var st mutasi.State
	var entries []protocol.Entry
	data, _ := json.Marshal(req)
	entries = append(entries, protocol.Entry{Kind: protocol.KindRow, Table: "mutasi_usulan", RowID: req.ID, Row: map[string]any{
		"nomor": "MUT/2026/PORTAL-000001", "pegawai_id": c.pegawai, "jenis": "T1", "aps": float64(1), "data": string(data),
		"dibuat_oleh": self.UserID, "dibuat_pada": at.UTC().Format(time.RFC3339Nano)}})
	for i, cmd := range []mutasi.Command{{Kind: mutasi.KindBuat, Request: &req}, {Kind: mutasi.KindAjukan}} {
		ev, err := mutasi.Decide(st, cmd, self, at.Add(time.Duration(i)*time.Minute), store.NewID())
		if err != nil {
			t.Fatal(err)
		}
		st, _ = mutasi.Apply(st, ev)
		entries = append(entries, eventEntry(ev))
	}
	return self, st, entries
}

// An APS request submitted through the portal reaches the verifier's inbox
// and the OPD's list, shows who made it, and is walked to execution like
// any other.
func TestPortalRequestWalksToExecution(t *testing.T) {
	f := newFixture(t)
	c := f.candidates(1)[0]
	p := &puller{t: t, st: f.st}
	_, st, entries := portalRequest(t, c, f.clock.Add(-time.Hour))
	p.page(entries...)
	id := st.RequestID

	f.as(mutasisvc.User{ID: "ver", Role: domain.RoleVerifikator})
	inbox, err := f.svc.ListUsulan(ctx, mutasisvc.UsulanQuery{Inbox: true})
	if err != nil || inbox.Total != 1 || inbox.Rows[0].ID != id || !inbox.Rows[0].APS || inbox.Rows[0].Status != mutasi.StatusDiajukan {
		t.Fatalf("verifier inbox %+v %v", inbox, err)
	}
	det, err := f.svc.GetUsulan(ctx, id)
	if err != nil || det.Events[0].ActorLabel != "Pegawai Portal (Pegawai, lewat portal)" || det.Konflik != nil {
		t.Fatalf("detail %+v %v", det.Events, err)
	}
	f.as(mutasisvc.User{ID: "op", Role: domain.RoleOperatorOPD, OPDID: c.source.OPDID})
	if l, err := f.svc.ListUsulan(ctx, mutasisvc.UsulanQuery{OPDID: c.source.OPDID}); err != nil || l.Total != 1 {
		t.Fatalf("OPD list %+v %v", l, err)
	}

	f.as(mutasisvc.User{ID: "ver", Role: domain.RoleVerifikator})
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindVerifikasi})
	f.as(mutasisvc.User{ID: "ka", Role: domain.RoleKepalaOPD, OPDID: c.source.OPDID})
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindSetujuiAsal})
	f.as(mutasisvc.User{ID: "kt", Role: domain.RoleKepalaOPD, OPDID: c.target.OPDID})
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindSetujuiTujuan})
	f.as(mutasisvc.User{ID: "tpk", Role: domain.RoleTPK})
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindPertimbanganTPK})
	f.as(mutasisvc.User{ID: "adm", Role: domain.RoleAdmin})
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindTetapkanSK, SK: &mutasi.SK{Nomor: "800/9/BKPSDM/2026", Tanggal: domain.MustDate("2026-07-10"), TMT: domain.MustDate("2026-08-01")}})
	det = f.decide(id, mutasisvc.Decision{Kind: mutasi.KindLaksanakan})
	if moved, _ := f.st.Pegawai(ctx, c.pegawai); det.Row.Status != mutasi.StatusDilaksanakan || moved.UnitID != c.target.UnitID {
		t.Fatalf("status %s, unit %s", det.Row.Status, moved.UnitID)
	}
}

// A desktop may not act as the portal: a desktop user whose account is the
// employee's own record still decides nothing on their request, and a
// desktop user cannot make self-service events in another's name (the
// machine refuses a portal actor of another employee).
func TestPortalEventOfAnotherEmployeeDoesNotReplay(t *testing.T) {
	f := newFixture(t)
	cs := f.candidates(2)
	p := &puller{t: t, st: f.st}
	_, st, entries := portalRequest(t, cs[0], f.clock.Add(-time.Hour))
	p.page(entries...)
	other := mutasi.Actor{UserID: "portal:" + cs[1].pegawai, PegawaiID: cs[1].pegawai, Name: "Orang Lain", Role: domain.RolePegawai}
	forged := mutasi.Event{ID: store.NewID(), RequestID: st.RequestID, Seq: st.Seq + 1, Kind: mutasi.KindBatalkan, Actor: other,
		Time: f.clock, Note: "bukan saya"}
	p.page(eventEntry(forged))
	f.as(mutasisvc.User{ID: "ver", Role: domain.RoleVerifikator})
	if _, err := f.svc.GetUsulan(ctx, st.RequestID); code(err) != "Conflict/mutasi.log_broken" {
		t.Fatalf("a withdrawal by another employee replayed: %v", err)
	}
	var status string
	f.st.DB().QueryRow("SELECT status FROM mutasi_status WHERE usulan_id = ?", st.RequestID).Scan(&status)
	if status != string(mutasi.StatusDiajukan) {
		t.Fatalf("status %s after a forged withdrawal", status)
	}
}

// A withdrawal from the portal racing a verification on an offline
// desktop: both events claim step 3. Whichever arrives first, every device
// shows the same outcome (the event made first takes the step), both events
// in the timeline, the loser marked "ditolak oleh alur kerja", the request
// flagged in the verifier's inbox until a verifier closes the conflict.
func TestWithdrawalRacingAVerification(t *testing.T) {
	const (
		early = "01900000-0000-7000-8000-000000000001"
		late  = "01900000-0000-7000-8000-000000000002"
	)
	cases := []struct {
		name          string
		withdrawFirst bool // the withdrawal was made first (smaller UUIDv7)
		localVerify   bool // the verification was made on this desktop
		withdrawAfter bool // the withdrawal arrives after the verification
	}{
		{"withdrawal made first, arrives first", true, false, false},
		{"withdrawal made first, arrives second", true, false, true},
		{"verification made first, arrives first", false, false, true},
		{"verification made first, arrives second", false, false, false},
		{"offline desktop verified, withdrawal made first", true, true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			c := f.candidates(1)[0]
			p := &puller{t: t, st: f.st}
			self, st, entries := portalRequest(t, c, f.clock.Add(-2*time.Hour))
			p.page(entries...)
			id := st.RequestID
			wID, vID := late, early
			if tc.withdrawFirst {
				wID, vID = early, late
			}
			withdraw, err := mutasi.Decide(st, mutasi.Command{Kind: mutasi.KindBatalkan, Note: "Tidak jadi pindah"}, self, f.clock.Add(-time.Hour), wID)
			if err != nil {
				t.Fatal(err)
			}
			ver := mutasi.Actor{UserID: "ver-2", Name: "Verifikator Lain", Role: domain.RoleVerifikator}
			verify, err := mutasi.Decide(st, mutasi.Command{Kind: mutasi.KindVerifikasi}, ver, f.clock.Add(-time.Hour), vID)
			if err != nil {
				t.Fatal(err)
			}
			f.as(mutasisvc.User{ID: "ver", Role: domain.RoleVerifikator})
			if tc.localVerify {
				// This desktop verifies offline: its event gets a fresh
				// UUIDv7, made after the withdrawal.
				det := f.decide(id, mutasisvc.Decision{Kind: mutasi.KindVerifikasi})
				verify = det.Events[len(det.Events)-1].Event
				p.page(eventEntry(withdraw))
			} else if tc.withdrawAfter {
				p.page(eventEntry(verify))
				p.page(eventEntry(withdraw))
			} else {
				p.page(eventEntry(withdraw))
				p.page(eventEntry(verify))
			}

			det, err := f.svc.GetUsulan(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			winner, loser := withdraw, verify
			wantStatus := mutasi.StatusDibatalkan
			if !tc.withdrawFirst {
				winner, loser, wantStatus = verify, withdraw, mutasi.StatusDiverifikasi
			}
			if det.Row.Status != wantStatus || det.State.Seq != 3 {
				t.Fatalf("status %s seq %d, want %s", det.Row.Status, det.State.Seq, wantStatus)
			}
			var status string
			f.st.DB().QueryRow("SELECT status FROM mutasi_status WHERE usulan_id = ?", id).Scan(&status)
			if status != string(wantStatus) {
				t.Fatalf("mutasi_status %s, want %s", status, wantStatus)
			}
			if len(det.Events) != 4 {
				t.Fatalf("%d events in the timeline, want both at step 3", len(det.Events))
			}
			k := det.Konflik
			if k == nil || !k.Terbuka || len(k.Ditolak) != 1 || k.Ditolak[0].ID != loser.ID || k.Ditolak[0].Pemenang != winner.ID ||
				!strings.Contains(k.Ditolak[0].AlasanTolak, "sudah diambil") || !k.BisaSelesaikan || !det.Row.Konflik {
				t.Fatalf("conflict %+v", k)
			}
			for _, ev := range det.Events {
				if ev.Ditolak != (ev.ID == loser.ID) {
					t.Fatalf("event %s (%s) ditolak=%v", ev.ID, ev.Kind, ev.Ditolak)
				}
			}
			// In the verifier's inbox, flagged, whatever the status.
			inbox, err := f.svc.ListUsulan(ctx, mutasisvc.UsulanQuery{Inbox: true})
			if err != nil || !slices.ContainsFunc(inbox.Rows, func(r mutasisvc.UsulanRow) bool { return r.ID == id && r.Konflik }) {
				t.Fatalf("not flagged in the inbox: %+v %v", inbox.Rows, err)
			}
			// Closing it needs the server's record of the conflict.
			if _, err := f.svc.SelesaikanKonflik(ctx, id); code(err) != "Unavailable/mutasi.konflik_belum_diterima" {
				t.Fatalf("closed before the server's conflict arrived: %v", err)
			}
			cid := "5b0f3d0e-0000-5000-8000-000000000001"
			p.page(protocol.Entry{Kind: protocol.KindConflict, Conflict: &protocol.Conflict{ID: cid, Table: "mutasi_event",
				RowID: loser.ID, OtherRow: winner.ID, Kind: protocol.ConflictIncompatible, Columns: []string{"seq", "kind"}, Status: "open"}})
			// Not the operator's to close.
			f.as(mutasisvc.User{ID: "op", Role: domain.RoleOperatorOPD, OPDID: c.source.OPDID})
			if _, err := f.svc.SelesaikanKonflik(ctx, id); code(err) != "Permission/mutasi.konflik_peran" {
				t.Fatalf("operator closed it: %v", err)
			}
			f.as(mutasisvc.User{ID: "ver", Role: domain.RoleVerifikator})
			det, err = f.svc.SelesaikanKonflik(ctx, id)
			if err != nil || det.Konflik == nil || det.Konflik.Terbuka || det.Row.Konflik || len(det.Konflik.Ditolak) != 1 || len(det.Events) != 4 {
				t.Fatalf("after closing: %+v %v", det.Konflik, err)
			}
			var n int
			f.st.DB().QueryRow("SELECT count(*) FROM outbox WHERE tbl = ? AND row_id = ?", protocol.TableConflict, cid).Scan(&n)
			if n != 1 {
				t.Fatalf("the resolution is not on its way to the server (%d outbox rows)", n)
			}
			if _, err := f.svc.SelesaikanKonflik(ctx, id); code(err) != "Conflict/mutasi.konflik_tidak_ada" {
				t.Fatalf("closed twice: %v", err)
			}
			if !tc.withdrawFirst {
				// The verification stands; the withdrawal is honoured by
				// an ordinary decision if BKPSDM agrees.
				f.as(mutasisvc.User{ID: "adm", Role: domain.RoleAdmin})
				if det := f.decide(id, mutasisvc.Decision{Kind: mutasi.KindBatalkan, Note: "Ditarik pegawai lewat portal"}); det.Row.Status != mutasi.StatusDibatalkan {
					t.Fatalf("status %s", det.Row.Status)
				}
			}
		})
	}
}
