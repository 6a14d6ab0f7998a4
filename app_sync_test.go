package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/seal"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
)

// newSyncApp is an App with the sync facade over st (no scheduler loop).
func newSyncApp(t *testing.T, st *store.Store) (*App, *recordedEvents) {
	t.Helper()
	ev := &recordedEvents{}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := NewApp(nil, nil, log, ev)
	a.sync = newAppSync(st, log, ev, "test")
	attachAccounts(t, a, st) // logged in as the first admin
	a.io = &AppIO{}
	return a, ev
}

// syncServer is the real sync server over httptest, with one BKPSDM token.
func syncServer(t *testing.T) (url, token string) {
	t.Helper()
	ss, err := sqlitestore.Open(filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(ss, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, tok, err := srv.AddDevice(context.Background(), "", true)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); ss.Close() })
	return ts.URL, tok
}

func TestSyncSettingsValidateAndHideTheToken(t *testing.T) {
	a, _ := newSyncApp(t, storetest.Open(t, "", nil))
	st, err := a.SyncStatus()
	if err != nil || st.Configured {
		t.Fatalf("fresh install: %+v %v", st, err)
	}
	_, err = a.SaveSyncSettings(SyncSettingsDTO{ServerURL: "ftp://x", IntervalMinutes: -1, RetainDays: 0})
	w := decode(t, err)
	if w.Kind != "Invalid" || len(w.Fields) != 3 {
		t.Fatalf("got %+v", w)
	}
	got, err := a.SaveSyncSettings(SyncSettingsDTO{ServerURL: "https://sinkron.example", Token: "rahasia", IntervalMinutes: 30, RetainDays: 60})
	if err != nil {
		t.Fatal(err)
	}
	if got.Token != "" || !got.TokenSet || got.IntervalMinutes != 30 || got.RetainDays != 60 || got.DeviceID == "" {
		t.Fatalf("settings %+v", got)
	}
	// an empty token keeps the stored one
	got, err = a.SaveSyncSettings(SyncSettingsDTO{ServerURL: "https://sinkron.example", IntervalMinutes: 0, RetainDays: 60})
	if err != nil || !got.TokenSet {
		t.Fatalf("token lost: %+v %v", got, err)
	}
	if st, _ := a.SyncStatus(); !st.Configured {
		t.Fatal("not configured after saving URL and token")
	}
}

func TestSyncNowAgainstTheServer(t *testing.T) {
	url, tok := syncServer(t)
	st := storetest.Demo(t, "", 50, nil)
	a, ev := newSyncApp(t, st)
	if _, err := a.SaveSyncSettings(SyncSettingsDTO{ServerURL: url, Token: tok, IntervalMinutes: 15, RetainDays: 30}); err != nil {
		t.Fatal(err)
	}
	sum, err := a.SyncNow()
	if err != nil {
		t.Fatal(err)
	}
	if sum.Pushed == 0 || sum.Pending != 0 || sum.Cursor == "" {
		t.Fatalf("summary %+v", sum)
	}
	s, err := a.SyncStatus()
	if err != nil || !s.Online || s.LastSuccess == "" || s.DataAsOf == "" || s.Pending != 0 || s.Error != nil {
		t.Fatalf("status %+v %v", s, err)
	}
	if !slices.Contains(ev.names, "sync:status") || !slices.Contains(ev.names, "data:changed") {
		t.Fatalf("no sync:status event: %v", ev.names)
	}
	cs, err := a.ListConflicts(false)
	if err != nil || cs == nil || len(cs) != 0 {
		t.Fatalf("conflicts %v %v", cs, err)
	}
	att, err := a.ListSyncAttention()
	if err != nil || len(att) != 0 {
		t.Fatalf("attention %v %v", att, err)
	}
}

func TestSyncNowOfflineSaysSoInIndonesian(t *testing.T) {
	a, _ := newSyncApp(t, storetest.Open(t, "", nil))
	_, err := a.SyncNow()
	if w := decode(t, err); w.Code != "sync.not-set-up" {
		t.Fatalf("unconfigured: %+v", w)
	}
	if _, err := a.SaveSyncSettings(SyncSettingsDTO{ServerURL: "http://127.0.0.1:38298", Token: "x", IntervalMinutes: 15, RetainDays: 30}); err != nil {
		t.Fatal(err)
	}
	a.sync.sched = nil
	a.sync = newAppSync(a.sync.st, a.log, a.events, "test")
	_, err = a.SyncNow()
	w := decode(t, err)
	if w.Kind != "Unavailable" || w.Code != "sync.offline" || !strings.Contains(w.Message, "tidak dapat dihubungi") {
		t.Fatalf("offline: %+v", w)
	}
	s, _ := a.SyncStatus()
	if s.Error == nil || !s.Error.Offline || s.Online {
		t.Fatalf("status after offline: %+v", s)
	}
}

func TestResolveUnknownConflictAndBundleExport(t *testing.T) {
	st := storetest.Demo(t, "", 50, nil)
	a, _ := newSyncApp(t, st)
	_, err := a.ResolveConflict("tidak-ada", "accept", nil)
	if w := decode(t, err); w.Kind != "NotFound" {
		t.Fatalf("got %+v", w)
	}
	dir := t.TempDir()
	t.Setenv(ExportDirEnv, dir)
	// a device never enrolled, then one enrolled without bundle keys, is told what to do
	if _, err := a.ExportBundle(); err == nil || !strings.Contains(err.Error(), "not enrolled") {
		t.Fatalf("export before enrollment: %v", err)
	}
	if err := st.SetSyncMeta(context.Background(), map[string]string{store.MetaSyncToken: "imb1.token"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ExportBundle(); err == nil || !strings.Contains(err.Error(), "bundle keys") {
		t.Fatalf("export without keys: %v", err)
	}
	// as after enrollment: its own keys, the server's pinned
	mine, _ := seal.Generate()
	srv, _ := seal.Generate()
	ms, mb := mine.Strings()
	ss, sb := srv.Public().Strings()
	if err := st.SetSyncMeta(context.Background(), map[string]string{client.MetaBundleSignKey: ms, client.MetaBundleBoxKey: mb,
		client.MetaServerSignKey: ss, client.MetaServerBoxKey: sb, client.MetaServerDevice: "dev-1"}); err != nil {
		t.Fatal(err)
	}
	// carrying bundles is a permission of the role
	loginAs(t, a, domain.RolePimpinan, "")
	if _, err := a.ExportBundle(); err == nil || decode(t, err).Kind != "Permission" {
		t.Fatalf("export by a read-only role: %v", err)
	}
	var opdID string
	if err := st.DB().QueryRow(`SELECT id FROM opd ORDER BY kode LIMIT 1`).Scan(&opdID); err != nil {
		t.Fatal(err)
	}
	loginAs(t, a, domain.RoleOperatorOPD, opdID)
	r, err := a.ExportBundle()
	if err != nil {
		t.Fatal(err)
	}
	if raw, _ := os.ReadFile(r.Path); strings.Contains(string(raw), ms) || strings.Contains(string(raw), mb) {
		t.Fatal("the bundle holds a private key")
	}
	n, _ := st.PendingChanges(context.Background())
	if r.Changes != n || r.Changes == 0 || filepath.Dir(r.Path) != dir {
		t.Fatalf("bundle %+v, %d pending", r, n)
	}
	if _, err := os.Stat(r.Path); err != nil {
		t.Fatal(err)
	}
	// a push bundle is not for this device
	_, err = a.importBundle(context.Background(), r.Path)
	if err == nil || !strings.Contains(err.Error(), "push bundle") {
		t.Fatalf("own push bundle imported: %v", err)
	}
}
