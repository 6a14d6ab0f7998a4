package main

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

func TestMutasiFacade(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	b, _ := demo.Bundle(300, 1)
	if err := st.ImportBundle(ctx, "t", b); err != nil {
		t.Fatal(err)
	}
	ev := &recordedEvents{}
	abk := abksvc.New(abksvc.Config{Repo: st, NewID: store.NewID})
	a := NewApp(kepegawaian.New(kepegawaian.Config{Repo: st, NewID: store.NewID}), abk, slog.New(slog.NewTextHandler(io.Discard, nil)), ev)
	attachAccounts(t, a, st)
	a.mutasi = mutasisvc.New(mutasisvc.Config{Repo: st, ABK: abk, NewID: store.NewID})

	u, err := a.CurrentUser() // the session's user (the first admin)
	if err != nil || u.Nama != "Admin BKPSDM" || u.Role != domain.RoleAdmin {
		t.Fatalf("default user %+v %v", u, err)
	}
	roles, _ := a.TransferRoles()
	if len(roles) != 6 || roles[0].Label == "" || roles[0].LabelEN == "" {
		t.Fatalf("roles %+v", roles)
	}
	var pegID, jab, opd, unit string
	err = st.DB().QueryRowContext(ctx, `SELECT p.id, p.jabatan_id, t.opd_id, t.unit_id FROM pegawai p
		JOIN (SELECT DISTINCT jabatan_id, opd_id, unit_id FROM pegawai) t ON t.jabatan_id = p.jabatan_id AND t.opd_id <> p.opd_id
		WHERE p.status = 'PNS' ORDER BY p.nip LIMIT 1`).Scan(&pegID, &jab, &opd, &unit)
	if err != nil {
		t.Fatal(err)
	}
	target := mutasi.Placement{OPDID: opd, UnitID: unit, JabatanID: jab}
	chk, err := a.CheckMutasi(mutasisvc.CheckInput{PegawaiID: pegID, Jenis: domain.MutasiT1, Target: target})
	if err != nil || len(chk.Rules) != 21 || chk.Pegawai.ID != pegID || chk.TargetLabel.UnitNama == "" {
		t.Fatalf("check %+v %v", chk, err)
	}
	det, err := a.CreateUsulan(mutasisvc.UsulanInput{PegawaiID: pegID, Jenis: domain.MutasiT1, Targets: []mutasi.Placement{target}})
	if err != nil || det.Row.Status != mutasi.StatusDraft || !slices.Contains(ev.names, "data:changed") {
		t.Fatalf("create %+v %v %v", det.Row, err, ev.names)
	}
	page, err := a.ListUsulan(mutasisvc.UsulanQuery{})
	if err != nil || page.Total != 1 {
		t.Fatalf("list %+v %v", page, err)
	}
	loginAs(t, a, domain.RolePimpinan, "")
	_, err = a.DecideUsulan(det.Row.ID, mutasisvc.Decision{Kind: mutasi.KindAjukan})
	if w := decode(t, err); w.Kind != "Permission" || w.Code != "auth.forbidden" {
		t.Fatalf("pimpinan decision: %+v", w)
	}
	_, err = a.BulkDecide([]string{det.Row.ID}, mutasisvc.Decision{Kind: mutasi.KindAjukan})
	if w := decode(t, err); w.Kind != "Permission" || w.Code != "auth.forbidden" {
		t.Fatalf("bulk %+v", w)
	}
	// A TPK member may decide, but the state machine refuses this step to them.
	loginAs(t, a, domain.RoleTPK, "")
	items, err := a.BulkDecide([]string{det.Row.ID}, mutasisvc.Decision{Kind: mutasi.KindAjukan})
	if err != nil || len(items) != 1 || items[0].OK || !strings.HasPrefix(items[0].Code, "transfer.") {
		t.Fatalf("bulk %+v %v", items, err)
	}
	if _, err := a.GetUsulan("tidak-ada"); decode(t, err).Code != "mutasi.not_found" {
		t.Fatal("missing request not coded")
	}
}
