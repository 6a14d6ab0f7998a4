// Package storetest opens real stores for tests in other packages: a fresh
// database in a temporary directory, optionally holding the demo region, so
// every service is tested against the real SQLite store rather than a fake.
package storetest

import (
	"context"

	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// Open opens an empty store in dir (t.TempDir() when dir is ""), closed when
// the test ends. now may be nil (the wall clock).
func Open(t testing.TB, dir string, now func() time.Time) *store.Store {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	st, err := store.Open(context.Background(), store.Options{Dir: dir, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Demo opens a store holding the demo region of the given size (seed 1).
func Demo(t testing.TB, dir string, size int, now func() time.Time) *store.Store {
	t.Helper()
	st := Open(t, dir, now)
	b, err := demo.Bundle(size, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ImportBundle(context.Background(), "test", b); err != nil {
		t.Fatal(err)
	}
	return st
}

// Admin is the BKPSDM administrator a test acts as when it names no one:
// services refuse to write or decide without an actor in the context.
var Admin = actor.Actor{ID: "admin", Username: "admin", Nama: "Admin BKPSDM", Role: domain.RoleAdmin}

// Ctx is a background context whose actor is a (what the desktop facade
// does for the session user).
func Ctx(a actor.Actor) context.Context { return actor.With(context.Background(), a) }

// User is the workflow user u as an actor, u.ID doubling as the username.
func User(u mutasisvc.User) actor.Actor {
	return actor.Actor{ID: u.ID, Username: u.ID, Nama: u.Nama, Role: u.Role, OPDID: u.OPDID, PegawaiID: u.PegawaiID}
}
