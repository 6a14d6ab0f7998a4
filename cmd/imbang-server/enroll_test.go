package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

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
