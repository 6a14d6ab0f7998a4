package mutasisvc_test

import (
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
)

// blockedCase is a CPNS employee and a target in another OPD: MUT-01 blocks.
func (f *fixture) blockedCase() candidate {
	f.t.Helper()
	rows := f.query(`SELECT p.id, p.opd_id, p.unit_id, p.jabatan_id, t.opd_id, t.unit_id FROM pegawai p
		JOIN (SELECT DISTINCT jabatan_id, opd_id, unit_id FROM pegawai) t ON t.jabatan_id = p.jabatan_id AND t.opd_id <> p.opd_id
		WHERE p.status = 'CPNS' ORDER BY p.nip LIMIT 1`)
	if len(rows) == 0 {
		f.t.Fatal("no CPNS in the demo data")
	}
	r := rows[0]
	return candidate{r[0], mutasi.Placement{OPDID: r[1], UnitID: r[2], JabatanID: r[3]}, mutasi.Placement{OPDID: r[4], UnitID: r[5], JabatanID: r[3]}}
}

func (f *fixture) submitted(c candidate, by mutasisvc.User) string {
	f.t.Helper()
	f.as(by)
	det, err := f.svc.CreateUsulan(ctx, mutasisvc.UsulanInput{PegawaiID: c.pegawai, Jenis: domain.MutasiT1, Targets: []mutasi.Placement{c.target}})
	if err != nil {
		f.t.Fatal(err)
	}
	f.decide(det.Row.ID, mutasisvc.Decision{Kind: mutasi.KindAjukan})
	return det.Row.ID
}

func TestBlockedRequestCannotPassVerification(t *testing.T) {
	f := newFixture(t)
	c := f.blockedCase()
	id := f.submitted(c, mutasisvc.User{ID: "op", Role: domain.RoleOperatorOPD, OPDID: c.source.OPDID})
	det, _ := f.svc.GetUsulan(ctx, id)
	if !det.Row.Blocked {
		t.Fatalf("row not marked blocked: %+v", det.Row)
	}
	f.as(mutasisvc.User{ID: "ver", Role: domain.RoleVerifikator})
	_, err := f.svc.DecideUsulan(ctx, id, mutasisvc.Decision{Kind: mutasi.KindVerifikasi})
	var e *domain.Error
	if code(err) != "NotEligible/transfer.blocked" || !strings.Contains(err.Error(), "MUT-01") {
		t.Fatalf("verification of a blocked request: %v", err)
	}
	if de, ok := err.(*domain.Error); ok {
		e = de
	}
	if e == nil || len(e.Fields) == 0 || e.Fields[0].Field != "eligibility.MUT-01" || e.Fields[0].Message == "" {
		t.Fatalf("fields %+v", e)
	}
	det, _ = f.svc.GetUsulan(ctx, id)
	if det.Row.Status != mutasi.StatusDiajukan || len(det.Events) != 2 {
		t.Fatalf("refusal changed the request: %s, %d events", det.Row.Status, len(det.Events))
	}
	// The verifier may still return it with a reason.
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindKembalikan, Note: "Pegawai masih CPNS"})
}

func TestPermissionRefusals(t *testing.T) {
	f := newFixture(t)
	cs := f.candidates(2)
	c := cs[0]
	adminOp := mutasisvc.User{ID: "adm", Role: domain.RoleAdmin}

	// Wrong OPD: an operator of neither source nor target cannot create it.
	var other string
	for _, r := range f.query("SELECT id FROM opd WHERE id NOT IN (?, ?) ORDER BY kode LIMIT 1", c.source.OPDID, c.target.OPDID) {
		other = r[0]
	}
	f.as(mutasisvc.User{ID: "op2", Role: domain.RoleOperatorOPD, OPDID: other})
	_, err := f.svc.CreateUsulan(ctx, mutasisvc.UsulanInput{PegawaiID: c.pegawai, Jenis: domain.MutasiT1, Targets: []mutasi.Placement{c.target}})
	if code(err) != "Permission/transfer.opd" {
		t.Fatalf("operator of another OPD: %v", err)
	}

	id := f.submitted(c, adminOp)
	// Wrong role: an operator cannot verify.
	f.as(mutasisvc.User{ID: "op", Role: domain.RoleOperatorOPD, OPDID: c.source.OPDID})
	if _, err := f.svc.DecideUsulan(ctx, id, mutasisvc.Decision{Kind: mutasi.KindVerifikasi}); code(err) != "Permission/transfer.role" {
		t.Fatalf("operator verifying: %v", err)
	}
	// Self-approval: the proposer, now acting as verifier, may not verify.
	f.as(mutasisvc.User{ID: "adm", Role: domain.RoleVerifikator})
	if _, err := f.svc.DecideUsulan(ctx, id, mutasisvc.Decision{Kind: mutasi.KindVerifikasi}); code(err) != "Permission/transfer.own_request" {
		t.Fatalf("proposer verifying: %v", err)
	}
	// …nor may the employee concerned.
	f.as(mutasisvc.User{ID: "ver", Role: domain.RoleVerifikator, PegawaiID: c.pegawai})
	if _, err := f.svc.DecideUsulan(ctx, id, mutasisvc.Decision{Kind: mutasi.KindVerifikasi}); code(err) != "Permission/transfer.self" {
		t.Fatalf("employee verifying own transfer: %v", err)
	}
	// Pimpinan reads only.
	f.as(mutasisvc.User{ID: "pim", Role: domain.RolePimpinan})
	if _, err := f.svc.DecideUsulan(ctx, id, mutasisvc.Decision{Kind: mutasi.KindVerifikasi}); code(err) != "Permission/transfer.read_only" {
		t.Fatalf("pimpinan: %v", err)
	}
	// The target OPD's head may not release the employee.
	f.as(mutasisvc.User{ID: "ver", Role: domain.RoleVerifikator})
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindVerifikasi})
	f.as(mutasisvc.User{ID: "kt", Role: domain.RoleKepalaOPD, OPDID: c.target.OPDID})
	if _, err := f.svc.DecideUsulan(ctx, id, mutasisvc.Decision{Kind: mutasi.KindSetujuiAsal}); code(err) != "Permission/transfer.opd" {
		t.Fatalf("target head releasing: %v", err)
	}
	det, _ := f.svc.GetUsulan(ctx, id)
	if det.Row.Status != mutasi.StatusDiverifikasi || len(det.Allowed) == 0 {
		t.Fatalf("after refusals: %s, allowed %v", det.Row.Status, det.Allowed)
	}
	// A second request for the same employee while one is open is refused.
	f.as(adminOp)
	if _, err := f.svc.CreateUsulan(ctx, mutasisvc.UsulanInput{PegawaiID: c.pegawai, Jenis: domain.MutasiT1, Targets: []mutasi.Placement{c.target}}); code(err) != "Conflict/mutasi.open_request" {
		t.Fatalf("second open request: %v", err)
	}
}

func TestBulkVerificationAndEdit(t *testing.T) {
	f := newFixture(t)
	cs := f.candidates(2)
	bad := f.blockedCase()
	op := mutasisvc.User{ID: "adm", Role: domain.RoleAdmin}
	ids := []string{f.submitted(cs[0], op), f.submitted(bad, op)}

	// A draft is edited (ubah) before submission: its target changes.
	f.as(op)
	det, err := f.svc.CreateUsulan(ctx, mutasisvc.UsulanInput{PegawaiID: cs[1].pegawai, Jenis: domain.MutasiT1, APS: true, Alasan: "Ikut suami",
		Targets: []mutasi.Placement{cs[0].target}})
	if err != nil {
		t.Fatal(err)
	}
	det, err = f.svc.UpdateUsulan(ctx, det.Row.ID, mutasisvc.UsulanInput{Jenis: domain.MutasiT1, Targets: []mutasi.Placement{cs[1].target}})
	if err != nil {
		t.Fatal(err)
	}
	if det.State.Request.APS || det.Targets[0].UnitID != cs[1].target.UnitID || det.Events[1].Kind != mutasi.KindUbah {
		t.Fatalf("edit: %+v", det.State.Request)
	}
	if !strings.HasSuffix(det.Row.Nomor, "-000003") {
		t.Fatalf("third number: %s", det.Row.Nomor)
	}
	f.decide(det.Row.ID, mutasisvc.Decision{Kind: mutasi.KindAjukan})
	ids = append(ids, det.Row.ID)

	f.as(mutasisvc.User{ID: "ver", Role: domain.RoleVerifikator})
	inbox, _ := f.svc.ListUsulan(ctx, mutasisvc.UsulanQuery{Inbox: true})
	if inbox.Total != 3 {
		t.Fatalf("inbox %d", inbox.Total)
	}
	for _, id := range ids {
		f.ready(id, mutasi.KindVerifikasi)
	}
	res := f.svc.BulkDecide(ctx, append(ids, "tidak-ada"), mutasisvc.Decision{Kind: mutasi.KindVerifikasi, Justifikasi: justifikasi})
	if len(res) != 4 || !res[0].OK || res[1].OK || res[1].Code != "transfer.blocked" || !strings.Contains(res[1].Message, "MUT-01") ||
		!res[2].OK || res[3].OK || res[3].Code != "mutasi.not_found" {
		t.Fatalf("bulk %+v", res)
	}
	page, _ := f.svc.ListUsulan(ctx, mutasisvc.UsulanQuery{Status: string(mutasi.StatusDiverifikasi)})
	if page.Total != 2 {
		t.Fatalf("verified %d", page.Total)
	}
	page, _ = f.svc.ListUsulan(ctx, mutasisvc.UsulanQuery{OPDID: cs[1].target.OPDID, Search: "mut/"})
	if page.Total == 0 || page.Rows[0].NamaPegawai == "" || page.Rows[0].OPDAsal == "" {
		t.Fatalf("filtered list %+v", page)
	}
	inbox, _ = f.svc.ListUsulan(ctx, mutasisvc.UsulanQuery{Inbox: true})
	if inbox.Total != 1 || inbox.Rows[0].ID != ids[1] {
		t.Fatalf("inbox after bulk %+v", inbox)
	}
}
