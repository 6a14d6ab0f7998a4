package rules

import (
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// The portal's cells spelled out: every forgery a portal actor could try is
// refused, its own self-service writes are allowed.
func TestPortalActorWritesOnlyItsOwnRows(t *testing.T) {
	tb := ByName
	mod := func(w Write, f func(*Write)) Write { f(&w); return w }
	cases := []struct {
		name  string
		w     Write
		allow bool
	}{
		{"own APS request", portalSample(tb("mutasi_usulan"), "insert", true), true},
		{"request about another employee", portalSample(tb("mutasi_usulan"), "insert", false), false},
		{"request not APS", mod(portalSample(tb("mutasi_usulan"), "insert", true), func(w *Write) { w.Cols = map[string]any{"pegawai_id": "peg-a", "aps": false} }), false},
		{"own request moved to another employee", mod(portalSample(tb("mutasi_usulan"), "update", true), func(w *Write) { w.Cols = map[string]any{"pegawai_id": "peg-b"} }), false},
		{"own request edited after submission", mod(portalSample(tb("mutasi_usulan"), "update", true), func(w *Write) { w.Portal.RequestStatus = "DIAJUKAN" }), false},
		{"own request deleted", portalSample(tb("mutasi_usulan"), "delete", true), false},
		{"submit own request", portalSample(tb("mutasi_event"), "insert", true), true},
		{"event as an admin", mod(portalSample(tb("mutasi_event"), "insert", true), func(w *Write) {
			w.Cols = map[string]any{"usulan_id": "req", "kind": "AJUKAN", "aktor": `{"role":"PPK_ADMIN_BKPSDM","pegawaiId":"peg-a"}`}
		}), false},
		{"a decision (verifikasi)", mod(portalSample(tb("mutasi_event"), "insert", true), func(w *Write) {
			w.Cols = map[string]any{"usulan_id": "req", "kind": "VERIFIKASI", "aktor": `{"role":"PEGAWAI","pegawaiId":"peg-a"}`}
		}), false},
		{"buat about another employee", mod(portalSample(tb("mutasi_event"), "insert", true), func(w *Write) {
			w.Cols = map[string]any{"usulan_id": "req", "kind": "BUAT", "aktor": `{"role":"PEGAWAI","pegawaiId":"peg-a"}`, "payload": `{"request":{"pegawaiId":"peg-b","aps":true}}`}
		}), false},
		{"event on a non-APS request of theirs", mod(portalSample(tb("mutasi_event"), "insert", true), func(w *Write) { w.Portal.Request["aps"] = false }), false},
		{"document of own draft", portalSample(tb("dokumen_lampiran"), "insert", true), true},
		{"document marked verified", mod(portalSample(tb("dokumen_lampiran"), "insert", true), func(w *Write) { w.Cols["status"] = "SESUAI" }), false},
		{"document after submission", mod(portalSample(tb("dokumen_lampiran"), "insert", true), func(w *Write) { w.Portal.RequestStatus = "DIAJUKAN" }), false},
		{"document of another's request", portalSample(tb("dokumen_lampiran"), "insert", false), false},
		{"report", portalSample(tb("portal_laporan"), "insert", true), true},
		{"report closed by the employee", mod(portalSample(tb("portal_laporan"), "update", true), func(w *Write) { w.Cols = map[string]any{"status": "SELESAI"} }), false},
		{"report answered by the employee", mod(portalSample(tb("portal_laporan"), "update", true), func(w *Write) { w.Cols = map[string]any{"tanggapan": "ok"} }), false},
		{"report edited once handled", mod(portalSample(tb("portal_laporan"), "update", true), func(w *Write) { w.Cur = map[string]any{"pegawai_id": "peg-a", "status": "DITOLAK"} }), false},
		{"another's report", portalSample(tb("portal_laporan"), "update", false), false},
		{"interest", portalSample(tb("portal_minat"), "insert", true), true},
		{"interest moved to another employee", mod(portalSample(tb("portal_minat"), "update", true), func(w *Write) { w.Cols = map[string]any{"pegawai_id": "peg-b"} }), false},
		{"feedback", portalSample(tb("evaluasi"), "update", true), true},
		{"feedback before execution", mod(portalSample(tb("evaluasi"), "update", true), func(w *Write) { w.Portal.RequestStatus = "SK_DITETAPKAN" }), false},
		{"the superior's questionnaire", mod(portalSample(tb("evaluasi"), "update", true), func(w *Write) { w.Cur = map[string]any{"usulan_id": "req", "responden": "ATASAN"} }), false},
		{"feedback row moved", mod(portalSample(tb("evaluasi"), "update", true), func(w *Write) { w.Cols = map[string]any{"jatuh_tempo": "2020-01-01"} }), false},
		{"feedback row created", portalSample(tb("evaluasi"), "insert", true), false},
		{"feedback on a move for the OPD's need", mod(portalSample(tb("evaluasi"), "update", true), func(w *Write) { w.Portal.Request["aps"] = false }), true},
		{"feedback on another's move", mod(portalSample(tb("evaluasi"), "update", true), func(w *Write) { w.Portal.Request["pegawai_id"] = "peg-b" }), false},
		{"feedback without its request", mod(portalSample(tb("evaluasi"), "update", true), func(w *Write) { w.Portal.Request = nil }), false},
		{"own employee record", mod(portalSample(tb("pegawai"), "update", true), func(w *Write) { w.Cur = map[string]any{"opd_id": "o"} }), false},
		{"own activation letter", portalSample(tb("portal_aktivasi"), "insert", true), false},
		{"an account", portalSample(tb("pengguna"), "insert", true), false},
		{"no employee bound", mod(portalSample(tb("portal_minat"), "insert", true), func(w *Write) { w.Portal = &Portal{} }), false},
		{"a desktop role through the portal", mod(portalSample(tb("portal_minat"), "insert", true), func(w *Write) {
			w.Actor = &Account{Role: domain.RoleAdmin, Active: true}
		}), false},
	}
	for _, c := range cases {
		v := Decide(c.w)
		if (v.Reason == "") != c.allow {
			t.Errorf("%s: verdict %q (%s), want allowed=%v", c.name, v.Reason, v.Why, c.allow)
		}
	}
	// and the portal's role never acts from a desktop
	w := Write{Device: DeviceBKPSDM, Actor: &Account{Role: domain.RolePegawai, Active: true}, Table: tb("portal_minat"), Op: protocol.OpInsert,
		Cols: map[string]any{"pegawai_id": "peg-a"}}
	if Decide(w).Reason == "" {
		t.Fatal("a PEGAWAI actor wrote from a desktop")
	}
}
