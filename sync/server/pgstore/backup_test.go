package pgstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
)

func TestBackupRestoreNewEpoch(t *testing.T) {
	ctx := context.Background()
	dbURL := pgtest.NewDatabase(t)
	st, err := pgstore.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	put := func(id string) {
		if err := st.Update(ctx, func(tx server.Tx) error {
			seq, _ := tx.NextSeq()
			tx.PutDevice(server.Device{ID: "d", TokenHash: "h", LastLocalSeq: 3})
			tx.AddSkew(server.Skew{DeviceID: "d", Stamp: "s", Clamped: "c", ServerTime: "t"})
			return tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "t", ID: id, Data: json.RawMessage(`{"a":"tab\tnew\nline\\"}`),
				Index: map[string]string{"k": id}})
		}); err != nil {
			t.Fatal(err)
		}
	}
	put("1")
	ep1, _ := st.Epoch(ctx)
	bk := filepath.Join(t.TempDir(), "b.pgbackup")
	if err := st.Backup(ctx, bk); err != nil {
		t.Fatal(err)
	}
	if err := st.Backup(ctx, bk); err == nil {
		t.Fatal("backup overwrote a file")
	}
	put("2")
	st.Close()
	if err := pgstore.Restore(ctx, bk, dbURL); err != nil {
		t.Fatal(err)
	}
	st, err = pgstore.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ep2, _ := st.Epoch(ctx)
	if ep2 == ep1 || ep2 == "" {
		t.Fatal("restore kept the epoch")
	}
	if h, _ := st.Head(ctx); h != 1 {
		t.Fatalf("head after restore = %d", h)
	}
	items, _ := st.Scan(ctx, 0, 10)
	if len(items) != 1 || string(items[0].Data) != `{"a":"tab\tnew\nline\\"}` {
		t.Fatalf("items after restore = %+v", items)
	}
	// The scope index is rebuilt from the restored items (it is not in the backup).
	if sc, err := st.ScanScoped(ctx, 0, 10, server.ScanScope{All: true, Device: "d"}); err != nil || len(sc) != 1 || sc[0].Seq != 1 {
		t.Fatalf("scoped scan after restore = %+v, %v", sc, err)
	}
	ds, _ := st.Devices(ctx)
	if len(ds) != 1 || !ds[0].Resync || ds[0].LastLocalSeq != 3 {
		t.Fatalf("device after restore = %+v", ds)
	}
	// The sequence and the skew log continue after the restored state.
	if err := st.Update(ctx, func(tx server.Tx) error {
		seq, _ := tx.NextSeq()
		if seq != 2 {
			t.Errorf("next seq = %d", seq)
		}
		if l, _ := tx.Lookup(server.ItemRow, "t", "k", "1"); len(l) != 1 {
			t.Errorf("index not restored: %+v", l)
		}
		return tx.AddSkew(server.Skew{DeviceID: "d", Stamp: "s2", Clamped: "c", ServerTime: "t"})
	}); err != nil {
		t.Fatal(err)
	}
	if sk, _ := st.Skews(ctx); len(sk) != 2 || sk[1].Stamp != "s2" {
		t.Fatalf("skews = %+v", sk)
	}
	// A damaged file is refused and changes nothing.
	bad := filepath.Join(t.TempDir(), "bad")
	raw, _ := os.ReadFile(bk)
	os.WriteFile(bad, raw[:len(raw)-10], 0o600)
	if err := pgstore.Restore(ctx, bad, dbURL); err == nil {
		t.Fatal("truncated backup restored")
	}
	if ep3, _ := st.Epoch(ctx); ep3 != ep2 {
		t.Fatal("failed restore changed the epoch")
	}
}

// The backup holds the portal's accounts and used activation codes and the
// published releases; a restore ends every portal session (and clears the
// login counters). A backup made before those tables existed restores.
func TestBackupRestorePortalAndReleases(t *testing.T) {
	ctx := context.Background()
	dbURL := pgtest.NewDatabase(t)
	st, err := pgstore.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	if ok, err := st.ActivatePortal(ctx, "akt-1", server.PortalAccount{PegawaiID: "peg-1", PasswordHash: "h1", Created: now, Updated: now}); err != nil || !ok {
		t.Fatalf("activate: %v %v", ok, err)
	}
	if err := st.PutPortalSession(ctx, server.PortalSession{IDHash: "s1", PegawaiID: "peg-1", CSRF: "c", Created: now, Expires: now.Add(time.Hour), LastSeen: now}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PortalAttempt(ctx, "ip:1.2.3.4", now, time.Hour); err != nil {
		t.Fatal(err)
	}
	file := bytes.Repeat([]byte("imbang"), 100_000)
	if err := st.PutRelease(ctx, server.Release{Version: "1.2.0", Platform: "linux-amd64", SHA256: "abc", Size: int64(len(file)), Signed: []byte(`{}`), Created: "2026-12-01T08:00:00Z"},
		bytes.NewReader(file)); err != nil {
		t.Fatal(err)
	}
	if err := st.AddReleaseReports(ctx, []server.ReleaseReport{{DeviceID: "d", Received: "2026-12-01T08:00:00Z"}}); err != nil {
		t.Fatal(err)
	}
	bk := filepath.Join(t.TempDir(), "b.pgbackup")
	if err := st.Backup(ctx, bk); err != nil {
		t.Fatal(err)
	}
	// after the backup: a second account
	st.ActivatePortal(ctx, "akt-2", server.PortalAccount{PegawaiID: "peg-2", PasswordHash: "h2", Created: now, Updated: now})
	st.Close()
	if err := pgstore.Restore(ctx, bk, dbURL); err != nil {
		t.Fatal(err)
	}
	st, err = pgstore.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if a, err := st.PortalAccount(ctx, "peg-1"); err != nil || a.PasswordHash != "h1" {
		t.Fatalf("account after restore: %+v %v", a, err)
	}
	if _, err := st.PortalAccount(ctx, "peg-2"); err == nil {
		t.Fatal("an account made after the backup survived the restore")
	}
	// the used code stays used
	if ok, err := st.ActivatePortal(ctx, "akt-1", server.PortalAccount{PegawaiID: "peg-1", PasswordHash: "h3", Created: now, Updated: now}); err != nil || ok {
		t.Fatalf("a used activation code worked again after the restore: %v %v", ok, err)
	}
	if ps, err := st.PortalSession(ctx, "s1"); err == nil && ps.PegawaiID != "" {
		t.Fatal("a portal session survived the restore")
	}
	if n, _ := st.PortalAttempts(ctx, "ip:1.2.3.4", now, time.Hour); n != 0 {
		t.Fatalf("login attempts after restore: %d", n)
	}
	rs, err := st.Releases(ctx)
	if err != nil || len(rs) != 1 || rs[0].Size != int64(len(file)) {
		t.Fatalf("releases after restore: %+v %v", rs, err)
	}
	got := make([]byte, len(file))
	if n, err := st.ReadRelease(ctx, "abc", got, 0); err != nil || n != len(file) || !bytes.Equal(got, file) {
		t.Fatalf("release file after restore: %d %v", n, err)
	}
	if err := st.AddReleaseReports(ctx, []server.ReleaseReport{{DeviceID: "d", Received: "2026-12-02T08:00:00Z"}}); err != nil {
		t.Fatalf("report numbering after restore: %v", err)
	}

	// an older backup: the sections end after the attachment files
	raw, _ := os.ReadFile(bk)
	cut := bytes.Index(raw, []byte("table portal_account\n"))
	old := filepath.Join(t.TempDir(), "old.pgbackup")
	os.WriteFile(old, append(raw[:cut:cut], []byte("end\n")...), 0o600)
	st.Close()
	if err := pgstore.Restore(ctx, old, dbURL); err != nil {
		t.Fatalf("an older backup: %v", err)
	}
}
