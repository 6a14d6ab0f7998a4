package server_test

import (
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/google/uuid"
)

func (d *dev) pushAs(actor, tbl, id, op string, cols map[string]any) protocol.Disposition {
	d.e.t.Helper()
	ch := d.change(tbl, id, op, cols)
	ch.Actor = actor
	resp := d.push(ch)
	if len(resp.Dispositions) != 1 {
		d.e.t.Fatalf("dispositions %+v", resp.Dispositions)
	}
	return resp.Dispositions[0]
}

func user(username, role, opd string, aktif int) map[string]any {
	return map[string]any{"username": username, "nama": username, "role": role, "opd_id": opd, "pegawai_id": "",
		"password_hash": "$argon2id$v=19$m=65536,t=1,p=4$c2FsdA$aGFzaA", "aktif": aktif, "harus_ganti": 0}
}

// TestWritesAreCheckedAgainstTheUsersRole: a Pimpinan's edit is rejected
// "forbidden-role"; an OPD operator edits their OPD's employees on their
// OPD's device but not on a BKPSDM device; an inactive account writes
// nothing; an operator may not create accounts but may change their own
// password; system actors are bounded by the device only, unless accounts
// are required.
func TestWritesAreCheckedAgainstTheUsersRole(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin)
	a := e.device("OPD-A", false)
	a.pull()
	pim, op, off := uuid.NewString(), uuid.NewString(), uuid.NewString()
	wantStatus(t, admin.pushAs(server.SetupActor, "pengguna", uuid.NewString(), "insert", user("admin", "PPK_ADMIN_BKPSDM", "", 1)), protocol.StatusApplied, "")
	wantStatus(t, admin.pushAs("admin", "pengguna", pim, "insert", user("pim", "PIMPINAN", "", 1)), protocol.StatusApplied, "")
	wantStatus(t, admin.pushAs("admin", "pengguna", op, "insert", user("opa", "OPERATOR_OPD", r.opdA, 1)), protocol.StatusApplied, "")
	wantStatus(t, admin.pushAs("admin", "pengguna", off, "insert", user("lama", "OPERATOR_OPD", r.opdA, 0)), protocol.StatusApplied, "")

	wantStatus(t, admin.pushAs("pim", "pegawai", r.pegA, "update", map[string]any{"nama": "Oleh Pimpinan"}), protocol.StatusRejected, server.ReasonForbiddenRole)
	wantStatus(t, admin.pushAs("admin", "pegawai", r.pegA, "update", map[string]any{"nama": "Oleh Admin"}), protocol.StatusApplied, "")
	a.pull()
	wantStatus(t, a.pushAs("opa", "pegawai", r.pegA, "update", map[string]any{"nama": "Oleh Operator"}), protocol.StatusApplied, "")
	wantStatus(t, admin.pushAs("opa", "pegawai", r.pegA, "update", map[string]any{"nama": "Operator di BKPSDM"}), protocol.StatusRejected, server.ReasonForbiddenRole)
	wantStatus(t, a.pushAs("admin", "pegawai", r.pegA, "update", map[string]any{"nama": "Admin BKPSDM di OPD"}), protocol.StatusRejected, server.ReasonForbiddenRole)
	wantStatus(t, a.pushAs("lama", "pegawai", r.pegA, "update", map[string]any{"nama": "Nonaktif"}), protocol.StatusRejected, server.ReasonForbiddenRole)
	wantStatus(t, a.pushAs("opa", "pengguna", uuid.NewString(), "insert", user("baru", "OPERATOR_OPD", r.opdA, 1)), protocol.StatusRejected, server.ReasonForbiddenRole)
	wantStatus(t, a.pushAs("opa", "pengguna", op, "update", map[string]any{"password_hash": "$argon2id$v=19$m=65536,t=1,p=4$c2FsdDI$aGFzaDI", "harus_ganti": 0}), protocol.StatusApplied, "")
	wantStatus(t, a.pushAs("opa", "pengguna", op, "update", map[string]any{"role": "PPK_ADMIN_BKPSDM"}), protocol.StatusRejected, server.ReasonForbiddenRole)
	// a system actor (import, scripts): bounded by the device only
	a.pull()
	wantStatus(t, a.pushAs("import", "pegawai", r.pegA, "update", map[string]any{"nama": "Impor"}), protocol.StatusApplied, "")
	admin.pull()
	if got := admin.row("pegawai", r.pegA)["nama"]; got != "Impor" {
		t.Fatalf("nama = %v", got)
	}

	// with accounts required, a system actor writes nothing (but setup may create the first account)
	e.close()
	e.opts.RequireAccounts = true
	e.open()
	wantStatus(t, a.pushAs("import", "pegawai", r.pegA, "update", map[string]any{"nama": "Impor lagi"}), protocol.StatusRejected, server.ReasonForbiddenRole)
	wantStatus(t, a.pushAs("", "pegawai", r.pegA, "update", map[string]any{"nama": "Tanpa pelaku"}), protocol.StatusRejected, server.ReasonForbiddenRole)
	a.pull()
	wantStatus(t, a.pushAs("opa", "pegawai", r.pegA, "update", map[string]any{"nama": "Operator lagi"}), protocol.StatusApplied, "")
}
