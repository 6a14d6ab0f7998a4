package mutasisvc_test

import (
	"context"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// targetDesk is the target OPD's desktop as sync fills it: the incoming
// request and its events, but not the employee (their record stays in the
// source OPD's scope).
type targetDesk struct {
	*store.Store
	hidden string
}

func (d targetDesk) Pegawai(ctx context.Context, id string) (domain.Pegawai, error) {
	if id == d.hidden {
		return domain.Pegawai{}, domain.E(domain.KindNotFound, "store.not_found", "tidak ada", "not found")
	}
	return d.Store.Pegawai(ctx, id)
}

// The target OPD's head approves an incoming request on a desktop that
// does not hold the employee: the step goes on and keeps the verifier's
// rule snapshot, and the detail opens (without live rules). A step the
// rules can refuse (verification) is still refused there.
func TestTargetDesktopWithoutTheEmployee(t *testing.T) {
	f := newFixture(t)
	c := f.candidates(1)[0]
	f.as(mutasisvc.User{ID: "op", Role: domain.RoleOperatorOPD, OPDID: c.source.OPDID})
	det, err := f.svc.CreateUsulan(ctx, mutasisvc.UsulanInput{PegawaiID: c.pegawai, Jenis: domain.MutasiT1, Targets: []mutasi.Placement{c.target}})
	if err != nil {
		t.Fatal(err)
	}
	id := det.Row.ID
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindAjukan})
	desk := mutasisvc.New(mutasisvc.Config{Repo: targetDesk{f.st, c.pegawai}, ABK: f.abk, Now: func() time.Time { return f.clock }, NewID: store.NewID})

	f.as(mutasisvc.User{ID: "ver", Role: domain.RoleVerifikator})
	if _, err := desk.DecideUsulan(ctx, id, mutasisvc.Decision{Kind: mutasi.KindVerifikasi}); err == nil {
		t.Fatal("verification without the employee's data")
	}
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindVerifikasi}) // on a desktop that has them
	before, err := f.svc.GetUsulan(ctx, id)
	if err != nil {
		t.Fatal(err)
	}

	f.as(mutasisvc.User{ID: "kt", Role: domain.RoleKepalaOPD, OPDID: c.target.OPDID})
	got, err := desk.DecideUsulan(ctx, id, mutasisvc.Decision{Kind: mutasi.KindSetujuiTujuan})
	if err != nil {
		t.Fatal(err)
	}
	if got.Row.Status != mutasi.StatusDisetujuiTujuan || len(got.Rules) != 0 {
		t.Fatalf("after the target's approval: %s, %d live rules", got.Row.Status, len(got.Rules))
	}
	after, err := f.svc.GetUsulan(ctx, id)
	if err != nil || len(after.Rules) != len(before.Rules) || after.Row.Blocked != before.Row.Blocked {
		t.Fatalf("the snapshot changed: %v", err)
	}
}
