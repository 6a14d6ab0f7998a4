package client_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
)

var ctx = context.Background()

// world is the real server (sync/server on SQLite, over httptest) and a
// BKPSDM desktop that loaded a small demo region and pushed it.
type world struct {
	t      *testing.T
	srv    *server.Server
	ss     *sqlitestore.Store
	ts     *httptest.Server
	bkpsdm *desk
	drop   atomic.Int32 // drop the next N responses after the server handled the request
}

type desk struct {
	dev  string // server device id
	name string
	st   *store.Store
	c    *client.Client
	tok  string
}

// seed is built once per test binary: the server database after the BKPSDM
// desktop pushed the demo region, and that desktop's database, both closed;
// every world starts from copies.
var seed struct {
	once sync.Once
	dir  string
	tok  string
	err  error
}

func buildSeed() error {
	dir, err := os.MkdirTemp("", "imbang-client-seed-")
	if err != nil {
		return err
	}
	seed.dir = dir
	ss, err := sqlitestore.Open(filepath.Join(dir, "server.db"))
	if err != nil {
		return err
	}
	defer ss.Close()
	srv, err := server.New(ss, server.Options{})
	if err != nil {
		return err
	}
	_, tok, err := srv.AddDevice(ctx, "", true)
	if err != nil {
		return err
	}
	seed.tok = tok
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	st, err := store.Open(ctx, store.Options{Dir: filepath.Join(dir, "bkpsdm")})
	if err != nil {
		return err
	}
	defer st.Close()
	b, err := demo.Bundle(80, 1)
	if err != nil {
		return err
	}
	if err := st.ImportBundle(ctx, "test", b); err != nil {
		return err
	}
	_, err = client.New(st, client.Options{ServerURL: ts.URL, Token: tok}).Sync(ctx)
	return err
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func newWorld(t *testing.T) *world {
	t.Helper()
	seed.once.Do(func() { seed.err = buildSeed() })
	if seed.err != nil {
		t.Fatal(seed.err)
	}
	dir := t.TempDir()
	copyFile(t, filepath.Join(seed.dir, "server.db"), filepath.Join(dir, "server.db"))
	copyFile(t, filepath.Join(seed.dir, "bkpsdm", store.FileName), filepath.Join(dir, "bkpsdm", store.FileName))
	ss, err := sqlitestore.Open(filepath.Join(dir, "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(ss, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := &world{t: t, srv: srv, ss: ss}
	h := srv.Handler()
	w.ts = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path == protocol.PathPush && w.drop.Load() > 0 {
			w.drop.Add(-1)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r) // the server commits …
			panic(http.ErrAbortHandler)
		}
		h.ServeHTTP(rw, r)
	}))
	t.Cleanup(func() { w.ts.Close(); ss.Close() })
	w.bkpsdm = w.desk("bkpsdm", storetest.Open(t, filepath.Join(dir, "bkpsdm"), nil), seed.tok)
	return w
}

func TestMain(m *testing.M) {
	code := m.Run()
	if seed.dir != "" {
		os.RemoveAll(seed.dir)
	}
	os.Exit(code)
}

func (w *world) desk(name string, st *store.Store, tok string) *desk {
	return &desk{name: name, st: st, tok: tok, c: client.New(st, client.Options{ServerURL: w.ts.URL, Token: tok, RetryMax: 2,
		Backoff: func(int) time.Duration { return time.Millisecond }, MaxPageBytes: 64 << 10})}
}

// opdDesk enrolls a new empty desktop of the OPD with code kode and pulls.
func (w *world) opdDesk(name, kode string) *desk {
	w.t.Helper()
	dev, tok, err := w.srv.AddDevice(ctx, kode, false)
	if err != nil {
		w.t.Fatal(err)
	}
	d := w.desk(name, storetest.Open(w.t, "", nil), tok)
	d.dev = dev
	w.sync(d)
	return d
}

func (w *world) sync(d *desk) client.Summary {
	w.t.Helper()
	sum, err := d.c.Sync(ctx)
	if err != nil {
		w.t.Fatalf("%s: sync: %v", d.name, err)
	}
	return sum
}

// anEmployee returns one employee of the demo region with its OPD code.
func (w *world) anEmployee() (domain.Pegawai, string) {
	w.t.Helper()
	var id, kode string
	if err := w.bkpsdm.st.DB().QueryRow(`SELECT p.id, o.kode FROM pegawai p JOIN opd o ON o.id = p.opd_id
		WHERE p.keluar_pada = '' AND p.status = 'PNS' ORDER BY p.id LIMIT 1`).Scan(&id, &kode); err != nil {
		w.t.Fatal(err)
	}
	p, err := w.bkpsdm.st.Pegawai(ctx, id)
	if err != nil {
		w.t.Fatal(err)
	}
	return p, kode
}

func (d *desk) pegawai(t *testing.T, id string) domain.Pegawai {
	t.Helper()
	p, err := d.st.Pegawai(ctx, id)
	if err != nil {
		t.Fatalf("%s: %v", d.name, err)
	}
	return p
}

func (d *desk) edit(t *testing.T, id string, f func(*domain.Pegawai)) {
	t.Helper()
	p := d.pegawai(t, id)
	f(&p)
	if err := d.st.SavePegawai(ctx, d.name, p, false, store.NewID()); err != nil {
		t.Fatalf("%s: edit: %v", d.name, err)
	}
}

// rowsOf dumps a synced table's visible rows as JSON lines, for comparing
// two desktops.
func rowsOf(t *testing.T, st *store.Store, table string, where string, args ...any) []string {
	t.Helper()
	tb := store.TableByName(table)
	rows, err := st.DB().Query("SELECT id, "+strings.Join(tb.Cols, ", ")+" FROM "+table+" "+where+" ORDER BY id", args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		vals := make([]any, len(tb.Cols)+1)
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(vals)
		out = append(out, string(b))
	}
	return out
}

func conflictsOf(t *testing.T, st *store.Store) []store.SyncConflict {
	t.Helper()
	cs, err := st.Conflicts(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func pending(t *testing.T, st *store.Store) int {
	t.Helper()
	n, err := st.PendingChanges(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBootstrapPullsTheOPDAndEmptiesTheOutbox(t *testing.T) {
	w := newWorld(t)
	if n := pending(t, w.bkpsdm.st); n != 0 {
		t.Fatalf("BKPSDM outbox holds %d after a full sync", n)
	}
	p, kode := w.anEmployee()
	a := w.opdDesk("a", kode)
	if got := a.pegawai(t, p.ID); got.Nama != p.Nama {
		t.Fatalf("employee not pulled: %+v", got)
	}
	// no personal data of other OPDs reaches an OPD device
	var other int
	if err := a.st.DB().QueryRow("SELECT count(*) FROM pegawai WHERE opd_id <> ?", p.OPDID).Scan(&other); err != nil {
		t.Fatal(err)
	}
	if other != 0 {
		t.Fatalf("%d employees of other OPDs on an OPD device", other)
	}
	// the staffing of other OPDs arrives as bezetting_agregat
	var agg int
	if err := a.st.DB().QueryRow("SELECT count(DISTINCT opd_id) FROM bezetting_agregat").Scan(&agg); err != nil {
		t.Fatal(err)
	}
	if agg < 2 {
		t.Fatalf("bezetting_agregat covers %d OPDs", agg)
	}
	if v, _ := a.st.SyncMeta(ctx, store.MetaSyncDataAsOf); v == "" {
		t.Fatal("no 'data per tanggal' after reaching the head")
	}
	// the ABK positions of the OPD device count the whole region's bezetting:
	// its own people, and the other OPDs' from bezetting_agregat
	total := func(st *store.Store) int {
		abks, err := st.ListABK(ctx)
		if err != nil || len(abks) == 0 {
			t.Fatalf("no ABK: %v", err)
		}
		ps, err := st.Positions(ctx, abks[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, p := range ps {
			n += p.Bezetting
		}
		return n
	}
	if got, want := total(a.st), total(w.bkpsdm.st); got != want || want == 0 {
		t.Fatalf("OPD device counts bezetting %d, the region has %d", got, want)
	}
}

// TestTwoDesktopsOfflineEditTheSameEmployee is the "done when": two
// desktops edit the same employee offline — one different field each, then
// the same guarded field — and sync in either order: both end with
// identical data, the guarded case is in both inboxes with both values.
func TestTwoDesktopsOfflineEditTheSameEmployee(t *testing.T) {
	for _, order := range []string{"ab", "ba"} {
		t.Run(order, func(t *testing.T) {
			w := newWorld(t)
			p, kode := w.anEmployee()
			a, b := w.opdDesk("a", kode), w.opdDesk("b", kode)
			first, second := a, b
			if order == "ba" {
				first, second = b, a
			}
			// different fields
			a.edit(t, p.ID, func(p *domain.Pegawai) { p.Nama = "Nama Dari A" })
			b.edit(t, p.ID, func(p *domain.Pegawai) { p.TempatLahir = "Tempat Dari B" })
			w.sync(first)
			w.sync(second)
			w.sync(first)
			pa := a.pegawai(t, p.ID)
			if pa.Nama != "Nama Dari A" || pa.TempatLahir != "Tempat Dari B" {
				t.Fatalf("a lost an edit: %q %q", pa.Nama, pa.TempatLahir)
			}
			if fmt.Sprint(rowsOf(t, a.st, "pegawai", "")) != fmt.Sprint(rowsOf(t, b.st, "pegawai", "")) {
				t.Fatal("desktops differ after different-field edits")
			}
			if len(conflictsOf(t, a.st)) != 0 || len(conflictsOf(t, b.st)) != 0 {
				t.Fatal("a conflict for edits of different fields")
			}
			// the same guarded field
			ga, gb := nextGolongan(p.Golongan, 1), nextGolongan(p.Golongan, 2)
			a.edit(t, p.ID, func(p *domain.Pegawai) { p.Golongan = ga })
			b.edit(t, p.ID, func(p *domain.Pegawai) { p.Golongan = gb })
			w.sync(first)
			w.sync(second)
			w.sync(first)
			if fmt.Sprint(rowsOf(t, a.st, "pegawai", "")) != fmt.Sprint(rowsOf(t, b.st, "pegawai", "")) {
				t.Fatalf("desktops differ after the guarded edit: %v vs %v", a.pegawai(t, p.ID).Golongan, b.pegawai(t, p.ID).Golongan)
			}
			for _, d := range []*desk{a, b} {
				cs := conflictsOf(t, d.st)
				if len(cs) != 1 {
					t.Fatalf("%s: %d conflicts in the inbox, want 1", d.name, len(cs))
				}
				c := cs[0]
				vals := []string{fmt.Sprint(c.Server["golongan"]), fmt.Sprint(c.Incoming["golongan"])}
				sort.Strings(vals)
				want := []string{fmt.Sprint(int(ga)), fmt.Sprint(int(gb))}
				sort.Strings(want)
				if c.Kind != protocol.ConflictGuarded || c.RowID != p.ID || fmt.Sprint(vals) != fmt.Sprint(want) {
					t.Fatalf("%s: conflict %+v, want both values %v", d.name, c.Conflict, want)
				}
				if n := pending(t, d.st); n != 0 {
					t.Fatalf("%s: %d outbox entries left", d.name, n)
				}
			}
			// the person at b resolves it, choosing a's value: a new change that syncs
			c := conflictsOf(t, b.st)[0]
			if err := b.st.ResolveConflict(ctx, "b", c.ID, protocol.ResolutionAccept, map[string]any{"golongan": int(ga)}); err != nil {
				t.Fatal(err)
			}
			w.sync(b)
			w.sync(a)
			for _, d := range []*desk{a, b} {
				if g := d.pegawai(t, p.ID).Golongan; g != ga {
					t.Fatalf("%s: golongan %v after resolution, want %v", d.name, g, ga)
				}
				if cs := conflictsOf(t, d.st); cs[0].Status != "resolved" {
					t.Fatalf("%s: conflict still %s", d.name, cs[0].Status)
				}
			}
		})
	}
}

func nextGolongan(g domain.Golongan, step int) domain.Golongan {
	ladder := []domain.Golongan{21, 22, 23, 24, 31, 32, 33, 34, 41, 42, 43, 44}
	for i, x := range ladder {
		if x == g {
			return ladder[(i+step)%len(ladder)]
		}
	}
	return ladder[step]
}

// TestForgedWriteIsRejectedAndShown: an OPD device that edits another OPD's
// employee (the row is planted locally, as a forger would) gets a rejected
// disposition; the edit leaves its outbox into the attention list and the
// visible row returns to what the server holds (nothing).
func TestForgedWriteIsRejectedAndShown(t *testing.T) {
	w := newWorld(t)
	p, kode := w.anEmployee()
	a := w.opdDesk("a", kode)
	var otherOPD, unit string
	if err := w.bkpsdm.st.DB().QueryRow(`SELECT o.id, u.id FROM opd o JOIN unit u ON u.opd_id = o.id WHERE o.kode <> ? LIMIT 1`, kode).Scan(&otherOPD, &unit); err != nil {
		t.Fatal(err)
	}
	forged := p
	forged.ID = store.NewID()
	forged.NIP = domain.NIP("19800101" + "200501" + "1" + "999")
	forged.OPDID, forged.UnitID = otherOPD, unit
	if err := a.st.SavePegawai(ctx, "a", forged, true, store.NewID()); err != nil {
		t.Fatal(err)
	}
	sum := w.sync(a)
	if sum.Rejected == 0 {
		t.Fatalf("forged insert not rejected: %+v", sum)
	}
	att, err := a.st.AttentionList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, x := range att {
		if x.Table == "pegawai" && x.RowID == forged.ID && x.Status == protocol.StatusRejected && x.Reason == protocol.ReasonForbiddenOPD {
			found = true
		}
	}
	if !found {
		t.Fatalf("attention list: %+v", att)
	}
	if _, err := a.st.Pegawai(ctx, forged.ID); err == nil {
		t.Fatal("rejected row still visible")
	}
	if n := pending(t, a.st); n != 0 {
		t.Fatalf("%d outbox entries left", n)
	}
	// and it never reaches anyone else
	w.sync(w.bkpsdm)
	if _, err := w.bkpsdm.st.Pegawai(ctx, forged.ID); err == nil {
		t.Fatal("forged row reached the BKPSDM device")
	}
}

// TestLostResponseRepushIsIdempotent: the server commits a push whose
// response never arrives; the client pushes the same changes again and gets
// the same dispositions — nothing is applied twice.
func TestLostResponseRepushIsIdempotent(t *testing.T) {
	w := newWorld(t)
	p, kode := w.anEmployee()
	a := w.opdDesk("a", kode)
	a.edit(t, p.ID, func(p *domain.Pegawai) { p.Nama = "Sekali Saja" })
	a.c = client.New(a.st, client.Options{ServerURL: w.ts.URL, Token: a.tok, RetryMax: -1})
	w.drop.Store(1)
	if _, err := a.c.Sync(ctx); err == nil {
		t.Fatal("sync succeeded with the response lost")
	}
	if n := pending(t, a.st); n != 1 {
		t.Fatalf("%d pending after a lost response, want 1", n)
	}
	w.sync(a)
	if n := pending(t, a.st); n != 0 {
		t.Fatalf("%d pending after the re-push", n)
	}
	var seqs int
	if err := a.st.DB().QueryRow("SELECT count(*) FROM sync_sent").Scan(&seqs); err != nil {
		t.Fatal(err)
	}
	if seqs != 1 {
		t.Fatalf("sent log holds %d entries, want 1", seqs)
	}
	w.sync(w.bkpsdm)
	if got := w.bkpsdm.pegawai(t, p.ID).Nama; got != "Sekali Saja" {
		t.Fatalf("BKPSDM sees %q", got)
	}
}

// TestCrashMidApplyRollsBackThePage: a fault in the middle of a page's
// transaction leaves the cursor and the data as before; the next session
// applies the page whole.
func TestCrashMidApplyRollsBackThePage(t *testing.T) {
	w := newWorld(t)
	_, kode := w.anEmployee()
	_, tok, err := w.srv.AddDevice(ctx, kode, false)
	if err != nil {
		t.Fatal(err)
	}
	st := storetest.Open(t, "", nil)
	crash := client.New(st, client.Options{ServerURL: w.ts.URL, Token: tok, Fault: func(point string) error {
		if point == "mid-apply" {
			return errors.New("crash")
		}
		return nil
	}})
	if _, err := crash.Sync(ctx); err == nil {
		t.Fatal("no crash")
	}
	var n int
	if err := st.DB().QueryRow("SELECT (SELECT count(*) FROM pegawai) + (SELECT count(*) FROM sync_base) + (SELECT count(*) FROM opd)").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if c, _ := st.SyncMeta(ctx, store.MetaPullCursor); n != 0 || c != "" {
		t.Fatalf("a crashed page left %d rows and cursor %q", n, c)
	}
	d := w.desk("a", st, tok)
	w.sync(d)
	if err := st.DB().QueryRow("SELECT count(*) FROM pegawai").Scan(&n); err != nil || n == 0 {
		t.Fatalf("nothing after the clean sync: %d %v", n, err)
	}
}

// TestServerRestoreRepushesRetainedChanges: after the server is restored
// from an older backup (new epoch), the client pulls from the start, keeps
// its outbox and pushes the acknowledged changes the backup lost.
func TestServerRestoreRepushesRetainedChanges(t *testing.T) {
	w := newWorld(t)
	p, kode := w.anEmployee()
	a := w.opdDesk("a", kode)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := w.ss.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	a.edit(t, p.ID, func(p *domain.Pegawai) { p.Nama = "Sebelum Pemulihan" })
	w.sync(a)
	// restore: a new server process on the restored file
	w.ts.Close()
	w.ss.Close()
	path := filepath.Join(t.TempDir(), "restored.db")
	if err := sqlitestore.Restore(backup, path); err != nil {
		t.Fatal(err)
	}
	ss, err := sqlitestore.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ss.Close() })
	srv, err := server.New(ss, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	a.c = client.New(a.st, client.Options{ServerURL: ts.URL, Token: a.tok, Backoff: func(int) time.Duration { return 0 }})
	a.edit(t, p.ID, func(p *domain.Pegawai) { p.TempatLahir = "Sesudah Pemulihan" })
	if _, err := a.c.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if n := pending(t, a.st); n != 0 {
		t.Fatalf("%d pending after re-push", n)
	}
	got := a.pegawai(t, p.ID)
	if got.Nama != "Sebelum Pemulihan" || got.TempatLahir != "Sesudah Pemulihan" {
		t.Fatalf("after restore: %q %q", got.Nama, got.TempatLahir)
	}
	b := w.desk("bk", w.bkpsdm.st, w.bkpsdm.tok)
	b.c = client.New(b.st, client.Options{ServerURL: ts.URL, Token: b.tok})
	if _, err := b.c.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if got := b.pegawai(t, p.ID).Nama; got != "Sebelum Pemulihan" {
		t.Fatalf("the change lost by the restore did not come back: %q", got)
	}
}

func TestUnreachableServerKeepsTheOutbox(t *testing.T) {
	st := storetest.Open(t, "", nil)
	c := client.New(st, client.Options{ServerURL: "http://127.0.0.1:38299", Token: "x", RetryMax: -1})
	_, err := c.Sync(ctx)
	var ce *client.Error
	if !errors.As(err, &ce) || !ce.Offline || !strings.Contains(ce.Message, "tidak dapat dihubungi") {
		t.Fatalf("want an offline error in Indonesian, got %v", err)
	}
	var x sql.NullString
	_ = x
}

func TestCheckRetryDoesNotRetryFinalAnswers(t *testing.T) {
	for _, code := range []int{400, 401, 403, 409, 410, 413, 426} {
		if retry, _ := client.CheckRetry(ctx, &http.Response{StatusCode: code}, nil); retry {
			t.Errorf("%d retried", code)
		}
	}
	for _, code := range []int{429, 500, 502, 503} {
		if retry, _ := client.CheckRetry(ctx, &http.Response{StatusCode: code}, nil); !retry {
			t.Errorf("%d not retried", code)
		}
	}
	for i := 0; i < 50; i++ {
		if d := client.FullJitter(time.Second, 30*time.Second, 10, nil); d < 0 || d > 30*time.Second {
			t.Fatalf("backoff %v outside the cap", d)
		}
	}
}

// TestSchemaRefusedKeepsWorkingOffline: a server that refuses this schema
// (426) gets no retries; the outbox stays and the message says to update.
func TestSchemaRefusedKeepsWorkingOffline(t *testing.T) {
	var mu sync.Mutex
	calls := map[string]int{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls[r.URL.Path]++
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUpgradeRequired)
		_ = json.NewEncoder(w).Encode(protocol.ErrorResponse{Code: protocol.ErrSchemaTooOld, Message: "skema lama", MessageEn: "schema too old"})
	}))
	defer ts.Close()
	st := storetest.Demo(t, "", 50, nil)
	before := pending(t, st)
	_, err := client.New(st, client.Options{ServerURL: ts.URL, Token: "x"}).Sync(ctx)
	var ce *client.Error
	if !errors.As(err, &ce) || ce.Status != http.StatusUpgradeRequired || !strings.Contains(ce.Message, "Perbarui Imbang") {
		t.Fatalf("got %v", err)
	}
	for path, n := range calls {
		if n != 1 {
			t.Fatalf("%s requested %d times: a 426 must not be retried", path, n)
		}
	}
	if pending(t, st) != before {
		t.Fatal("outbox changed")
	}
}
