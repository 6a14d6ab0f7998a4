package actor

import (
	"context"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

func TestActorTravelsInTheContext(t *testing.T) {
	ctx := context.Background()
	if _, err := Required(ctx); domain.CodeOf(err) != "auth.no_actor" || Name(ctx) != "" {
		t.Fatalf("no actor: %v %q", err, Name(ctx))
	}
	if _, ok := From(With(ctx, Actor{})); ok {
		t.Fatal("an actor without a name is no actor")
	}
	u := Actor{ID: "u1", Username: "admin", Nama: "Admin", Role: domain.RoleAdmin}
	if a, err := Required(With(ctx, u)); err != nil || a != u || Name(With(ctx, u)) != "admin" {
		t.Fatalf("%+v %v", a, err)
	}
	if s := System("impor", ""); !s.System || Name(With(ctx, s)) != "impor" || s.Role != "" {
		t.Fatalf("%+v", s)
	}
}
