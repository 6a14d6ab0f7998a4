package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/authsvc"
	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
)

// TestFirstAccountOfAnOPDDesktop: the first-run wizard on an OPD desktop
// enrolls without a session, then its first account is an operator of the
// enrolled OPD; the server accepts it, so after the sync the user still logs
// in. When BKPSDM moves that user to another OPD, the next sync removes the
// account from the old OPD's desktop: no login there any more.
func TestFirstAccountOfAnOPDDesktop(t *testing.T) {
	ctx := context.Background()
	ss, err := sqlitestore.Open(filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(ss, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); ss.Close() })

	// BKPSDM: the region on the server
	bk := storetest.Open(t, "", nil)
	b, err := demo.Bundle(50, 5)
	if err != nil {
		t.Fatal(err)
	}
	if err := bk.ImportBundle(ctx, "test", b); err != nil {
		t.Fatal(err)
	}
	// BKPSDM's administrator, known to the server, makes the account changes
	// below (the server refuses an account change by no account).
	bka := authsvc.New(authsvc.Config{Repo: bk, NewID: store.NewID, Params: fastHash})
	if _, err := bka.CreateFirstAdmin(ctx, authsvc.NewUser{Username: "admin", Nama: "Admin BKPSDM", Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	_, bkTok, _ := srv.AddDevice(ctx, "", true)
	bkc := client.New(bk, client.Options{ServerURL: ts.URL, Token: bkTok, RetryMax: -1})
	if _, err := bkc.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	opds, _ := bk.ListOPD(ctx)
	if len(opds) < 2 {
		t.Fatal("demo region has fewer than two OPDs")
	}
	opd, other := opds[0], opds[1]
	code, err := srv.CreateEnrollment(ctx, opd.Kode, false, time.Hour)
	if err != nil {
		t.Fatal(err)
	}

	// the OPD desktop's first run: enroll (no account yet), then the first account
	st := storetest.Open(t, "", nil)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := NewApp(nil, nil, log, &recordedEvents{})
	a.sync = newAppSync(st, log, nil, "test")
	a.auth, a.exports, a.local = authsvc.New(authsvc.Config{Repo: st, NewID: store.NewID, Params: fastHash}), st, st
	if err := a.EnrollServer("https://", protocol.FormatEnrollment(ts.URL, code.Code, "")); decode(t, err).Kind != "Permission" {
		t.Fatalf("EnrollServer without a session: %v", err)
	}
	if err := a.EnrollFirst("https://", protocol.FormatEnrollment(ts.URL, code.Code, "")); err != nil {
		t.Fatalf("enroll before the first account: %v", err)
	}
	s, err := a.CreateFirstAdmin(authsvc.NewUser{Username: "operator1", Nama: "Operator Satu", Role: domain.RoleAdmin, Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	if s.User.Role != domain.RoleOperatorOPD || s.User.OPDID != opd.ID {
		t.Fatalf("first account on an OPD desktop: %+v", s.User)
	}
	if _, err := a.SyncNow(); err != nil {
		t.Fatal(err)
	}
	if att, _ := a.ListSyncAttention(); len(att) != 0 {
		t.Fatalf("the first account was rejected: %+v", att)
	}
	if n, _ := st.PendingChanges(ctx); n != 0 {
		t.Fatalf("pending %d", n)
	}
	if err := a.Logout(); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Login("operator1", testPassword); err != nil {
		t.Fatalf("login after the sync: %v", err)
	}
	// once accounts exist, enrolling again needs PermAkun (an operator lacks it)
	if err := a.EnrollServer(ts.URL, "ABCD-EFGH-JKLM-NPQR"); decode(t, err).Kind != "Permission" {
		t.Fatalf("operator re-enrolled: %v", err)
	}
	if err := a.EnrollFirst(ts.URL, "ABCD-EFGH-JKLM-NPQR"); decode(t, err).Code != "akun.first_admin_exists" {
		t.Fatalf("EnrollFirst with accounts: %v", err)
	}

	// BKPSDM moves the user to another OPD (its admin manages accounts)
	if _, err := bkc.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	us, _ := bka.ListUsers(ctx)
	var u authsvc.User
	for _, x := range us {
		if x.Username == "operator1" {
			u = x
		}
	}
	if u.ID == "" {
		t.Fatal("the OPD's account did not reach BKPSDM")
	}
	u.OPDID = other.ID
	if _, err := bka.UpdateUser(ctx, "admin", u); err != nil {
		t.Fatal(err)
	}
	if _, err := bkc.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := client.New(st, client.Options{ServerURL: ts.URL, Token: mustMeta(t, st, store.MetaSyncToken), RetryMax: -1}).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	a.auth.Logout()
	if _, err := a.auth.Login(ctx, "operator1", testPassword); err == nil {
		t.Fatal("the moved user still logs in on the old OPD's desktop")
	}
}

func mustMeta(t *testing.T, st *store.Store, k string) string {
	t.Helper()
	v, err := st.SyncMeta(context.Background(), k)
	if err != nil || v == "" {
		t.Fatalf("meta %s: %q %v", k, v, err)
	}
	return v
}
