package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/bkpsdm-sorong/imbang/backend/plannersvc"
	"io"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/auth"
	"github.com/bkpsdm-sorong/imbang/backend/authsvc"
	"github.com/bkpsdm-sorong/imbang/backend/dokumen"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/evaluasi"
	"github.com/bkpsdm-sorong/imbang/backend/importer"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
)

// fastHash keeps logins in tests cheap; the encoding is the production one.
var fastHash = auth.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

const testPassword = "Sorong2026"

// attachAccounts gives the facade an account service on st and logs in a
// first administrator (what the first-run wizard does).
func attachAccounts(t testing.TB, a *App, st *store.Store) {
	t.Helper()
	a.auth, a.exports, a.local = authsvc.New(authsvc.Config{Repo: st, NewID: store.NewID, Params: fastHash}), st, st
	if _, err := a.auth.CreateFirstAdmin(context.Background(), authsvc.NewUser{Username: "admin", Nama: "Admin BKPSDM", Password: testPassword}); err != nil {
		t.Fatal(err)
	}
}

// loginAs logs in as a user with role (and OPD for the OPD-bound roles),
// created by the admin the first time.
func loginAs(t testing.TB, a *App, role domain.Role, opdID string) authsvc.User {
	t.Helper()
	ctx := context.Background()
	name := strings.ToLower(strings.ReplaceAll(string(role), "_", "-"))
	if opdID != "" {
		name += "-" + opdID[len(opdID)-6:]
	}
	if role == domain.RoleAdmin && opdID == "" {
		name = "admin"
	}
	a.auth.Logout()
	if _, err := a.auth.Login(ctx, name, testPassword); err != nil {
		if _, err := a.auth.CreateUser(ctx, "test", authsvc.NewUser{Username: name, Nama: "Uji " + string(role), Role: role, OPDID: opdID, Password: testPassword}); err != nil {
			t.Fatalf("create %s: %v", name, err)
		}
		if _, err := a.auth.Login(ctx, name, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	u, _, err := a.auth.Current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// newFullApp is the facade as main.go wires it, on a demo store.
func newFullApp(t *testing.T) (*App, *store.Store) {
	t.Helper()
	st := storetest.Demo(t, "", 300, nil)
	a := NewApp(kepegawaian.New(kepegawaian.Config{Repo: st, NewID: store.NewID, Demo: demoBundle}), analisisFor(st),
		slog.New(slog.NewTextHandler(io.Discard, nil)), &recordedEvents{})
	attachAccounts(t, a, st)
	a.mutasi = mutasisvc.New(mutasisvc.Config{Repo: st, ABK: a.abk, NewID: store.NewID})
	a.dokumen = dokumen.New(dokumen.Config{Repo: st, Dir: st.Dir(), NewID: store.NewID})
	a.evaluasi = evaluasi.New(evaluasi.Config{Repo: st, ABK: a.abk, NewID: store.NewID})
	a.io = &AppIO{Dialogs: &fakeDialogs{}, Importer: importer.New(importer.Config{Repo: st, ABK: a.abk, NewID: store.NewID})}
	a.planner = plannersvc.New(plannersvc.Config{Repo: st, ABK: a.abk, Mutasi: st, NewID: store.NewID})
	t.Setenv(ExportDirEnv, t.TempDir())
	return a, st
}

func errCode(err error) (string, string) {
	if err == nil {
		return "", ""
	}
	var w struct{ Kind, Code string }
	if e := (&domain.Error{}); errors.As(err, &e) {
		return string(e.Kind), e.Code
	}
	if jsonErr := jsonUnmarshal(err.Error(), &w); jsonErr != nil {
		return "?", err.Error()
	}
	return w.Kind, w.Code
}

// TestEveryBoundMethodHasAPermission enumerates every exported method of
// *App (the bound methods) by reflection: each must have an entry in
// opPerms (app_perm.go), and calling it with each role (zero-value
// arguments) is allowed or refused with the coded Permission error exactly
// as the matrix says.
func TestEveryBoundMethodHasAPermission(t *testing.T) {
	typ := reflect.TypeOf(&App{})
	var missing []string
	for i := 0; i < typ.NumMethod(); i++ {
		if _, ok := opPerms[typ.Method(i).Name]; !ok {
			missing = append(missing, typ.Method(i).Name)
		}
	}
	if len(missing) > 0 {
		t.Fatalf("bound methods without an entry in the permission table opPerms (app_perm.go): %s — add each with its auth.Perm",
			strings.Join(missing, ", "))
	}
	for op := range opPerms {
		if _, ok := typ.MethodByName(op); !ok {
			t.Errorf("opPerms has %q, which is not a bound method", op)
		}
	}

	a, st := newFullApp(t)
	var opdID string
	st.DB().QueryRow("SELECT id FROM opd ORDER BY kode LIMIT 1").Scan(&opdID)
	calls := 0
	for _, role := range domain.Roles {
		opd := ""
		if role.OPDBound() {
			opd = opdID
		}
		for i := 0; i < typ.NumMethod(); i++ {
			m := typ.Method(i)
			perm := opPerms[m.Name]
			loginAs(t, a, role, opd)
			args := []reflect.Value{reflect.ValueOf(a)}
			for j := 1; j < m.Type.NumIn(); j++ {
				args = append(args, reflect.Zero(m.Type.In(j)))
			}
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s as %s panicked: %v", m.Name, role, r)
					}
				}()
				out := m.Func.Call(args)
				if e, ok := out[len(out)-1].Interface().(error); ok {
					err = e
				}
			}()
			calls++
			kind, code := errCode(err)
			want := auth.Allowed(role, perm)
			if !want && (kind != "Permission" || code != "auth.forbidden") {
				t.Errorf("%s as %s (needs %s): want the coded Permission error auth.forbidden, got %s/%s", m.Name, role, perm, kind, code)
			}
			if !want && err != nil && strings.Contains(err.Error(), m.Name) {
				t.Errorf("%s as %s: the refusal names the method: %v", m.Name, role, err)
			}
			if want && code == "auth.forbidden" {
				t.Errorf("%s as %s (needs %s): refused, want allowed", m.Name, role, perm)
			}
		}
	}
	t.Logf("%d bound methods × %d roles = %d calls", typ.NumMethod(), len(domain.Roles), calls)
}

func TestNoSessionRefusesEverythingButOpenMethods(t *testing.T) {
	a, _ := newFullApp(t)
	a.auth.Logout()
	typ := reflect.TypeOf(a)
	for i := 0; i < typ.NumMethod(); i++ {
		m := typ.Method(i)
		if opPerms[m.Name] == auth.PermOpen {
			continue
		}
		args := []reflect.Value{reflect.ValueOf(a)}
		for j := 1; j < m.Type.NumIn(); j++ {
			args = append(args, reflect.Zero(m.Type.In(j)))
		}
		out := m.Func.Call(args)
		err, _ := out[len(out)-1].Interface().(error)
		if kind, code := errCode(err); kind != "Permission" || code != "auth.login_required" {
			t.Errorf("%s without a session: got %s/%s", m.Name, kind, code)
		}
	}
}

func TestPimpinanCannotEditWhateverTheUI(t *testing.T) {
	a, _ := newFullApp(t)
	loginAs(t, a, domain.RolePimpinan, "")
	page, err := a.ListPegawai(kepegawaian.PegawaiQuery{Limit: 1})
	if err != nil || page.Total == 0 {
		t.Fatalf("pimpinan reads: %v", err)
	}
	d, err := a.GetPegawai(page.Rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Pegawai.TanggalLahir.IsZero() || d.Pegawai.TempatLahir != "" {
		t.Fatal("personal fields shown to Pimpinan")
	}
	_, err = a.SavePegawai(d.Pegawai)
	if kind, code := errCode(err); kind != "Permission" || code != "auth.forbidden" {
		t.Fatalf("pimpinan edit: %s/%s", kind, code)
	}
	if !strings.Contains(decode(t, err).Message, "Pimpinan") {
		t.Fatalf("message: %s", decode(t, err).Message)
	}
}

func TestOperatorSeesOnlyItsOPD(t *testing.T) {
	a, st := newFullApp(t)
	var opd, other string
	st.DB().QueryRow("SELECT id FROM opd ORDER BY kode LIMIT 1").Scan(&opd)
	st.DB().QueryRow("SELECT id FROM opd WHERE id <> ? AND id IN (SELECT opd_id FROM pegawai) ORDER BY kode LIMIT 1", opd).Scan(&other)
	op := loginAs(t, a, domain.RoleOperatorOPD, opd)
	page, err := a.ListPegawai(kepegawaian.PegawaiQuery{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range page.Rows {
		if r.OPDID != opd {
			t.Fatalf("operator sees %s of OPD %s", r.NIP, r.OPDID)
		}
	}
	if _, err := a.ListPegawai(kepegawaian.PegawaiQuery{OPDID: other}); decode(t, err).Code != "auth.scope" {
		t.Fatal("other OPD's list not refused")
	}
	var otherPeg string
	st.DB().QueryRow("SELECT id FROM pegawai WHERE opd_id = ? LIMIT 1", other).Scan(&otherPeg)
	if _, err := a.GetPegawai(otherPeg); decode(t, err).Code != "auth.scope" {
		t.Fatal("other OPD's employee not refused")
	}
	if err := a.DeletePegawai(otherPeg); decode(t, err).Code != "auth.scope" {
		t.Fatal("other OPD's employee deleted")
	}
	d, err := a.GetPegawai(page.Rows[0].ID)
	if err != nil || d.Pegawai.TanggalLahir.IsZero() {
		t.Fatalf("own OPD employee with personal fields: %v", err)
	}
	// Aggregates of every OPD stay visible.
	if opds, err := a.ListOPD(); err != nil || len(opds) < 2 {
		t.Fatal("aggregates")
	}
	// Moved to another OPD (e.g. by a sync): the old OPD's data is gone at once.
	rec, _ := st.User(context.Background(), op.ID)
	rec.OPDID = other
	if err := st.SaveUser(context.Background(), "sync", rec, false, "AKUN_UBAH"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.GetPegawai(page.Rows[0].ID); decode(t, err).Code != "auth.scope" {
		t.Fatal("moved user still reads the old OPD")
	}
	if _, err := a.GetPegawai(otherPeg); err != nil {
		t.Fatalf("moved user reads the new OPD: %v", err)
	}
}

func TestExportOfPersonalDataIsAudited(t *testing.T) {
	a, st := newFullApp(t)
	loginAs(t, a, domain.RoleVerifikator, "")
	p, err := a.ExportPegawai(kepegawaian.PegawaiQuery{Status: "PNS"})
	if err != nil || p == "" {
		t.Fatal(p, err)
	}
	var aktor, peran, sesudah string
	err = st.DB().QueryRow("SELECT aktor, peran, sesudah FROM audit_log WHERE aksi = 'EKSPOR' AND entitas = 'pegawai'").Scan(&aktor, &peran, &sesudah)
	if err != nil || aktor != "verifikator-bkpsdm" || peran != "VERIFIKATOR_BKPSDM" || !strings.Contains(sesudah, `"status":"PNS"`) {
		t.Fatalf("audit: %q %q %q %v", aktor, peran, sesudah, err)
	}
}

func TestWorkflowActorIsTheSessionUser(t *testing.T) {
	a, _ := newFullApp(t)
	u := loginAs(t, a, domain.RoleTPK, "")
	cu, err := a.CurrentUser()
	if err != nil || cu.ID != u.ID || cu.Role != domain.RoleTPK {
		t.Fatalf("current user %+v %v", cu, err)
	}
	a.auth.Logout()
	if _, err := a.CurrentUser(); !strings.Contains(fmt.Sprint(err), "auth.login_required") {
		t.Fatalf("no session, yet the facade names a user: %v", err)
	}
	// Below the facade there is no default user either: a context without an
	// actor is refused by the workflow and by the store, and nothing is written.
	if _, err := a.mutasi.CurrentUser(context.Background()); domain.CodeOf(err) != "auth.no_actor" {
		t.Fatalf("no actor, yet the workflow has one: %v", err)
	}
	before, _ := a.kepegawaian.Dashboard(context.Background())
	if _, err := a.kepegawaian.SaveOPD(context.Background(), domain.OPD{Kode: "9.99", Nama: "Dinas Tanpa Pelaku", Singkatan: "DTP", Jenis: domain.OPDDinas}); domain.CodeOf(err) != "auth.no_actor" {
		t.Fatalf("a write without an actor: %v", err)
	}
	if after, _ := a.kepegawaian.Dashboard(context.Background()); after.JumlahOPD != before.JumlahOPD {
		t.Fatalf("a refused write changed the OPD count: %d → %d", before.JumlahOPD, after.JumlahOPD)
	}
}

func TestMustChangeAndLockAtTheFacade(t *testing.T) {
	a, _ := newFullApp(t)
	u := loginAs(t, a, domain.RoleVerifikator, "")
	loginAs(t, a, domain.RoleAdmin, "")
	if _, err := a.ResetUserPassword(u.ID, "Reset2026x"); err != nil {
		t.Fatal(err)
	}
	a.Logout()
	if _, err := a.Login(u.Username, "Reset2026x"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Dashboard(); decode(t, err).Code != "auth.must_change" {
		t.Fatal("must change not enforced")
	}
	if _, err := a.ChangePassword("Reset2026x", "Baru2026xy"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Dashboard(); err != nil {
		t.Fatal(err)
	}
	a.Lock()
	if _, err := a.ListPegawai(kepegawaian.PegawaiQuery{}); decode(t, err).Code != "auth.locked" {
		t.Fatal("locked session reads personal data")
	}
	if s, err := a.AuthSession(); err != nil || !s.Locked {
		t.Fatalf("session %+v %v", s, err)
	}
	if _, err := a.Unlock("Baru2026xy"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ListPegawai(kepegawaian.PegawaiQuery{}); err != nil {
		t.Fatal(err)
	}
}

var _ = fmt.Sprint

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

func TestFirstRunCreatesTheAdminAndEnrolls(t *testing.T) {
	st := storetest.Open(t, "", nil)
	a := NewApp(kepegawaian.New(kepegawaian.Config{Repo: st, NewID: store.NewID, Demo: demoBundle}), analisisFor(st),
		slog.New(slog.NewTextHandler(io.Discard, nil)), &recordedEvents{})
	a.auth, a.exports, a.local = authsvc.New(authsvc.Config{Repo: st, NewID: store.NewID, Params: fastHash}), st, st
	if s, err := a.AuthSession(); err != nil || s.HasUsers || s.LoggedIn {
		t.Fatalf("fresh: %+v %v", s, err)
	}
	if _, err := a.Dashboard(); decode(t, err).Code != "auth.login_required" {
		t.Fatal("no session yet")
	}
	s, err := a.CreateFirstAdmin(authsvc.NewUser{Username: "admin", Nama: "Admin", Role: domain.RolePimpinan, Password: testPassword})
	if err != nil || !s.LoggedIn || s.User.Role != domain.RoleAdmin || len(s.Perms) != len(auth.Matrix[domain.RoleAdmin]) {
		t.Fatalf("first admin: %+v %v", s, err)
	}
	if _, err := a.CreateFirstAdmin(authsvc.NewUser{Username: "kedua", Nama: "X", Password: testPassword}); decode(t, err).Code != "akun.first_admin_exists" {
		t.Fatal("a second first admin")
	}
	if err := a.EnrollServer("ftp://x", "12"); len(decode(t, err).Fields) != 2 {
		t.Fatal("bad enrollment accepted")
	}
	// the real exchange needs the server (app_enroll_test.go); unreachable: nothing stored
	if err := a.EnrollServer(" https://127.0.0.1:38599 ", "KODE-1234-ABCD-EFGH"); err == nil || decode(t, err).Kind != "Unavailable" {
		t.Fatalf("enrollment without a server: %v", err)
	}
	if tok, _, _ := st.LocalValue(context.Background(), KeySyncToken); tok != "" {
		t.Fatalf("a token was stored without an exchange: %q", tok)
	}
	if _, err := a.CreatePemda(domain.Pemda{Kode: "92.71", Nama: "Kota Sorong"}); err != nil {
		t.Fatal(err)
	}
}

func TestWritesNameTheLoggedInUser(t *testing.T) {
	a, st := newFullApp(t)
	loginAs(t, a, domain.RoleAdmin, "")
	o, err := a.SaveOPD(domain.OPD{Kode: "9.99.99", Nama: "Badan Uji Akun", Singkatan: "BUA", Jenis: domain.OPDBadan})
	if err != nil {
		t.Fatal(err)
	}
	var aktor, peran string
	st.DB().QueryRow("SELECT aktor, peran FROM audit_log WHERE entitas = 'opd' AND entitas_id = ?", o.ID).Scan(&aktor, &peran)
	if aktor != "admin" || peran != "PPK_ADMIN_BKPSDM" {
		t.Fatalf("audit names %q %q, want the logged-in admin", aktor, peran)
	}
	var outboxActor string
	st.DB().QueryRow("SELECT actor FROM outbox WHERE row_id = ?", o.ID).Scan(&outboxActor)
	if outboxActor != "admin" {
		t.Fatalf("outbox actor %q", outboxActor)
	}
}

// A refusal is a sentence naming the action in words, in both languages.
func TestRefusalNamesTheActionInWords(t *testing.T) {
	for op, want := range map[string]string{
		"CreateABK":           "Peran Kepala OPD tidak berwenang membuat ABK baru.",
		"SaveStagnationLimit": "Peran Kepala OPD tidak berwenang mengubah batas masa jabatan (stagnasi).",
		"SaveABKTugas":        "Peran Kepala OPD tidak berwenang mengubah tugas ABK.",
		"ImportCommit":        "Peran Kepala OPD tidak berwenang mengimpor data.",
	} {
		var e *domain.Error
		if !errors.As(auth.Forbidden(domain.RoleKepalaOPD, actionOf(op)), &e) || e.Message != want || strings.Contains(e.MessageEN, op) {
			t.Errorf("%s: %+v", op, e)
		}
	}
	for op := range opPerms {
		if a := actionOf(op); a.ID == "" || a.EN == "" {
			t.Errorf("%s has no action in words", op)
		}
	}
}
