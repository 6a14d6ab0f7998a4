// Package actor carries who is acting through a context.Context. The desktop
// facade puts the logged-in user there before it calls a service; a process
// that acts on no one's behalf (the command line, an import run from it, the
// demo loader of the tests, the sync apply path) names itself with System.
// Services and the store read the actor from the context they are given;
// there is no default: a write or a workflow decision without an actor is
// refused with the coded error NoActor.
package actor

import (
	"context"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Actor is a logged-in user or a named system process.
type Actor struct {
	ID        string      // the account id ("" for a system process)
	Username  string      // the name recorded in the audit log and the outbox
	Nama      string      // the display name
	Role      domain.Role // the user's role; a system process may carry one to use the workflow
	OPDID     string      // the OPD of an OPD-bound role
	PegawaiID string      // the user's own employee record, if any
	System    bool        // a process, not a person
}

// System is a process acting on no one's behalf, recorded under name
// (e.g. "cli", "impor", "sync"). role is "" unless the process uses the
// transfer workflow or the planner, which need one.
func System(name string, role domain.Role) Actor {
	return Actor{ID: name, Username: name, Nama: name, Role: role, System: true}
}

type key struct{}

// With returns ctx carrying a.
func With(ctx context.Context, a Actor) context.Context { return context.WithValue(ctx, key{}, a) }

// From returns the actor ctx carries.
func From(ctx context.Context) (Actor, bool) {
	a, ok := ctx.Value(key{}).(Actor)
	return a, ok && a.Username != ""
}

// Required returns the actor ctx carries, or NoActor.
func Required(ctx context.Context) (Actor, error) {
	if a, ok := From(ctx); ok {
		return a, nil
	}
	return Actor{}, NoActor()
}

// Name is the audit name of ctx's actor, "" when it carries none.
func Name(ctx context.Context) string {
	a, _ := From(ctx)
	return a.Username
}

// NoActor refuses a call that needs to know who acts and was given no one.
func NoActor() error {
	return domain.E(domain.KindPermission, "auth.no_actor", "Tidak ada pengguna yang masuk: silakan masuk terlebih dahulu.",
		"No user is logged in: please log in first.")
}
