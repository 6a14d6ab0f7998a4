package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
	"github.com/google/uuid"
)

// TestEnrollOnBothStores: `imbang-server enroll` makes a code in either
// store; it is exchanged once; `device revoke` then refuses the credential.
func TestEnrollOnBothStores(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			db := filepath.Join(t.TempDir(), "s.db")
			if backend == "postgres" {
				db = pgtest.NewDatabase(t)
			}
			out, errs, code := cli(t, "--db", db, "enroll", "--bkpsdm", "--tls-dir", t.TempDir())
			if code != 0 || field(out, "code") == "" {
				t.Fatalf("enroll: %d %s %s", code, out, errs)
			}
			st, srv, err := openServer(db, server.Options{})
			if err != nil {
				t.Fatal(err)
			}
			r, err := srv.Enroll(ctx, field(out, "code"), uuid.NewString())
			if err != nil || !r.BKPSDM {
				t.Fatalf("exchange: %+v %v", r, err)
			}
			if _, err := srv.Enroll(ctx, field(out, "code"), uuid.NewString()); err == nil {
				t.Fatal("code used twice")
			}
			if _, err := st.DeviceByToken(ctx, server.HashToken(r.Token)); err != nil {
				t.Fatalf("credential not stored as its hash: %v", err)
			}
			st.Close()
			if _, errs, code := cli(t, "--db", db, "device", "revoke", r.DeviceID); code != 0 {
				t.Fatal(errs)
			}
			out, _, _ = cli(t, "--db", db, "device", "list")
			if !strings.Contains(out, "dicabut") {
				t.Fatalf("device list after revoke: %s", out)
			}
		})
	}
}

// TestEnrollUnknownOPD: `enroll --opd` for an OPD the server does not hold
// fails (exit 1, in Indonesian) and makes no code; the OPD may be named by
// its singkatan, and the code is then for its kode.
func TestEnrollUnknownOPD(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "s.db")
	out, errs, code := cli(t, "--db", db, "enroll", "--opd", "DINKES", "--tls-dir", t.TempDir())
	if code != 1 || field(out, "code") != "" || !strings.Contains(errs, "tidak ada di server") {
		t.Fatalf("enroll for an unknown OPD: %d %s %s", code, out, errs)
	}
	st, srv, err := openServer(db, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv.AddDevice(ctx, "", true)
	dev, _ := st.Devices(ctx)
	pemda, opd := uuid.NewString(), uuid.NewString()
	resp, herr := srv.Push(ctx, dev[0].ID, protocol.PushRequest{DeviceID: uuid.NewString(), SchemaVersion: protocol.SchemaVersion, Changes: []protocol.Change{
		{LocalSeq: 1, ChangeID: uuid.NewString(), Table: "pemda", RowID: pemda, Op: "insert", Cols: map[string]any{"kode": "9171", "nama": "Kota Sorong", "demo": 1}, HLC: "001795766400000.0000000001", SchemaVersion: protocol.SchemaVersion},
		{LocalSeq: 2, ChangeID: uuid.NewString(), Table: "opd", RowID: opd, Op: "insert", Cols: map[string]any{"pemda_id": pemda, "kode": "1.02.01", "nama": "Dinas Kesehatan", "singkatan": "DINKES", "jenis": "DINAS", "alamat": ""}, HLC: "001795766400000.0000000002", SchemaVersion: protocol.SchemaVersion},
	}})
	if herr != nil || len(resp.Dispositions) != 2 || resp.Dispositions[1].Status != protocol.StatusApplied {
		t.Fatalf("region: %+v %v", resp, herr)
	}
	st.Close()
	out, errs, code = cli(t, "--db", db, "enroll", "--opd", "dinkes", "--tls-dir", t.TempDir())
	if code != 0 || field(out, "opd_kode") != "1.02.01" {
		t.Fatalf("enroll by singkatan: %d %s %s", code, out, errs)
	}
	st, srv, err = openServer(db, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if r, err := srv.Enroll(ctx, field(out, "code"), uuid.NewString()); err != nil || r.OPDKode != "1.02.01" {
		t.Fatalf("exchange: %+v %v", r, err)
	}
}
