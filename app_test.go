package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

type recordedEvents struct {
	names []string
	data  [][]any // each event's payload, beside names
}

func (r *recordedEvents) Emit(name string, data ...any) {
	r.names = append(r.names, name)
	r.data = append(r.data, data)
}

func newTestApp(t *testing.T) (*App, *recordedEvents) {
	t.Helper()
	st, err := store.Open(context.Background(), store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ev := &recordedEvents{}
	svc := kepegawaian.New(kepegawaian.Config{Repo: st, NewID: store.NewID, Demo: demo.BundleProgress,
		Now: func() time.Time { return time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC) }})
	abk := abksvc.New(abksvc.Config{Repo: st, NewID: store.NewID})
	a := NewApp(svc, abk, slog.New(slog.NewTextHandler(io.Discard, nil)), ev)
	attachAccounts(t, a, st) // logged in as the first admin (app_auth_test.go)
	return a, ev
}

type wireErr struct {
	Kind    string              `json:"kind"`
	Code    string              `json:"code"`
	Message string              `json:"message"`
	Fields  []domain.FieldError `json:"fields"`
}

func decode(t *testing.T, err error) wireErr {
	t.Helper()
	if err == nil {
		t.Fatal("want an error")
	}
	var w wireErr
	if json.Unmarshal([]byte(err.Error()), &w) != nil {
		t.Fatalf("error is not the JSON contract: %q", err.Error())
	}
	return w
}

func TestBoundErrorsAreCodedJSON(t *testing.T) {
	a, _ := newTestApp(t)
	_, err := a.SavePegawai(domain.Pegawai{NIP: "123"})
	w := decode(t, err)
	if w.Kind != "Invalid" || w.Code != "validation" || len(w.Fields) == 0 {
		t.Fatalf("got %+v", w)
	}
	_, err = a.GetPegawai("missing")
	if w := decode(t, err); w.Kind != "NotFound" {
		t.Fatalf("got %+v", w)
	}
}

func TestInternalErrorsHideDetail(t *testing.T) {
	a, _ := newTestApp(t)
	err := a.bindErr("x", io.ErrUnexpectedEOF)
	w := decode(t, err)
	if w.Kind != "Internal" || w.Code != "internal" || w.Message == "" {
		t.Fatalf("got %+v", w)
	}
}

func TestStartErrorReachesEveryCall(t *testing.T) {
	a := &App{log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		startErr: domain.E(domain.KindUnavailable, "store.schema_newer", "Basis data lebih baru.", "Newer database.")}
	if _, err := a.Status(); decode(t, err).Code != "store.schema_newer" {
		t.Fatal("Status did not report the start error")
	}
	if err := a.DeleteOPD("x"); decode(t, err).Code != "store.schema_newer" {
		t.Fatal("DeleteOPD did not report the start error")
	}
}

// The window shows before the store is open: a call made meanwhile waits
// for the opening and answers with what it found, here a start error.
func TestCallsWaitForTheStoreOpening(t *testing.T) {
	opened := make(chan struct{})
	a := &App{log: slog.New(slog.NewTextHandler(io.Discard, nil)), opened: opened}
	status := make(chan error, 1)
	recovery := make(chan error, 1)
	go func() { _, err := a.Status(); status <- err }()
	go func() { _, err := a.RecoveryStatus(); recovery <- err }()
	a.startErr = domain.E(domain.KindUnavailable, "store.schema_newer", "Basis data lebih baru.", "Newer database.")
	close(opened)
	if code := decode(t, <-status).Code; code != "store.schema_newer" {
		t.Fatalf("Status made while the store opened answered %q", code)
	}
	if err := <-recovery; err != nil {
		t.Fatal(err)
	}
	if _, err := a.Status(); decode(t, err).Code != "store.schema_newer" {
		t.Fatal("Status after the opening did not report the start error")
	}
}

func TestDemoThenDashboardAndEvents(t *testing.T) {
	a, ev := newTestApp(t)
	st, err := a.Status()
	if err != nil || !st.FirstRun {
		t.Fatalf("fresh install: %+v %v", st, err)
	}
	r, err := a.LoadDemo(300, 7)
	if err != nil {
		t.Fatal(err)
	}
	// Progress events while loading, then one data:changed.
	if r.Pegawai != 300 || len(ev.names) < 3 || ev.names[len(ev.names)-1] != "data:changed" {
		t.Fatalf("demo %+v events %v", r, ev.names)
	}
	last := -1
	for i, name := range ev.names[:len(ev.names)-1] {
		if name != EventDemoProgress || len(ev.data[i]) != 1 {
			t.Fatalf("event %d: %s %v", i, name, ev.data[i])
		}
		p, ok := ev.data[i][0].(kepegawaian.DemoProgress)
		if !ok || p.Percent < last || p.Stage == "" {
			t.Fatalf("event %d payload %#v after %d%%", i, ev.data[i][0], last)
		}
		last = p.Percent
	}
	if last != 100 {
		t.Fatalf("progress ended at %d%%", last)
	}
	ev.names, ev.data = nil, nil
	d, err := a.Dashboard()
	if err != nil || d.JumlahPegawai != 300 || !d.Demo || len(d.PerOPD) != d.JumlahOPD {
		t.Fatalf("dashboard %+v %v", d, err)
	}
	if _, err := a.LoadDemo(300, 7); decode(t, err).Code != "store.not_empty" {
		t.Fatal("demo loaded twice")
	}
	if slices.Contains(ev.names, "data:changed") {
		t.Fatalf("a refused load announced a change: %v", ev.names)
	}
	for _, d := range ev.data {
		if p, ok := d[0].(kepegawaian.DemoProgress); !ok || p.Percent == 100 {
			t.Fatalf("a refused load reported %#v", d)
		}
	}
}

func TestDataDirArg(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--data-dir", "/x"}, "/x"},
		{[]string{"-devserver", "127.0.0.1:1", "--data-dir=/y"}, "/y"},
		{[]string{"-assetdir", "d"}, ""},
	} {
		if got := dataDirArg(c.args); got != c.want {
			t.Errorf("%v: got %q", c.args, got)
		}
	}
}

func TestEligibilityParamsThroughTheFacade(t *testing.T) {
	a, ev := newTestApp(t)
	p, err := a.EligibilityParams()
	if err != nil || p.MUT03MinTahun != 2 {
		t.Fatalf("defaults: %+v %v", p, err)
	}
	if _, err := a.SaveEligibilityParams(map[string]any{"mut10JumlahTahun": 3}); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.EligibilityParams(); got.MUT10JumlahTahun != 3 || len(ev.names) != 1 {
		t.Fatalf("saved %+v, events %v", got, ev.names)
	}
	if _, err := a.SaveEligibilityParams(map[string]any{"mut03MinTahun": 99}); decode(t, err).Kind != "Invalid" {
		t.Fatal("out-of-range parameter accepted")
	}
	rules, _ := a.EligibilityRules()
	if len(rules) != 21 || rules[0].ID != "MUT-01" {
		t.Fatalf("%d rules", len(rules))
	}
}

// BKPSDM's rule severity per transfer type is saved with the parameters by
// the admin, validated, and refused to a role without the aturan permission.
func TestRuleSeverityThroughTheFacade(t *testing.T) {
	a, _ := newTestApp(t)
	p, err := a.SaveEligibilityParams(map[string]any{"severitas": map[string]any{"MUT-10": map[string]any{"T0": "BLOCK", "T1": "INFO"}}})
	if err != nil || p.Severitas["MUT-10"]["T0"] != "BLOCK" || p.Severitas["MUT-10"]["T1"] != "INFO" {
		t.Fatalf("saved %+v %v", p.Severitas, err)
	}
	// Clearing one rule's row keeps the others.
	if _, err := a.SaveEligibilityParams(map[string]any{"severitas": map[string]any{"MUT-13": map[string]any{"T1": "BLOCK"}, "MUT-10": map[string]any{}}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.EligibilityParams(); len(got.Severitas["MUT-10"]) != 0 || got.Severitas["MUT-13"]["T1"] != "BLOCK" {
		t.Fatalf("after clearing MUT-10: %+v", got.Severitas)
	}
	before, _ := a.EligibilityParams()
	if _, err := a.SaveEligibilityParams(map[string]any{"severitas": map[string]any{"MUT-10": map[string]any{"T1": "KADANG"}}}); decode(t, err).Kind != "Invalid" {
		t.Fatalf("an unknown severity accepted: %v", err)
	}
	for _, role := range []domain.Role{domain.RoleVerifikator, domain.RoleTPK} {
		loginAs(t, a, role, "")
		if _, err := a.SaveEligibilityParams(map[string]any{"severitas": map[string]any{"MUT-10": map[string]any{"T1": "INFO"}}}); decode(t, err).Kind != "Permission" {
			t.Fatalf("%s saved rule severity: %v", role, err)
		}
	}
	loginAs(t, a, domain.RoleAdmin, "")
	if got, _ := a.EligibilityParams(); !reflect.DeepEqual(got, before) {
		t.Fatalf("a refused save changed the settings: %+v", got.Severitas)
	}
}

// The settings forms send only the fields the user changed: a field left out
// keeps its stored value, so saving one setting never resets another (nor
// undoes a change made elsewhere since the form was opened). A refused patch
// changes nothing.
func TestSavingOneSettingKeepsTheOthers(t *testing.T) {
	a, _ := newTestApp(t)
	if _, err := a.SaveStagnationLimit(7); err != nil {
		t.Fatal(err)
	}
	p, err := a.SaveEligibilityParams(map[string]any{"mut03MinTahun": 1, "mut19Pelantikan": "2025-02-20"})
	if err != nil {
		t.Fatal(err)
	}
	if p.MUT04MaxTahun != 7 || p.MUT03MinTahun != 1 || p.MUT05KohortMulai != 2021 || p.MUT10MinPredikat != "BAIK" {
		t.Fatalf("after a one-field save: %+v", p)
	}
	if p, _ = a.SaveEligibilityParams(map[string]any{"mut20Tahun": 3}); p.MUT19Pelantikan.String() != "2025-02-20" || p.MUT03MinTahun != 1 || p.MUT04MaxTahun != 7 {
		t.Fatalf("the election date or MUT-03 was reset: %+v", p)
	}
	before, _ := a.EligibilityParams()
	for _, bad := range []map[string]any{{"mut03Tahun": 1}, {"mut04MaxTahun": "tujuh"}, {"mut03MinTahun": 9}} {
		if _, err := a.SaveEligibilityParams(bad); decode(t, err).Kind != "Invalid" {
			t.Fatalf("%v accepted", bad)
		}
		if got, _ := a.EligibilityParams(); !reflect.DeepEqual(got, before) {
			t.Fatalf("%v changed the parameters: %+v", bad, got)
		}
	}

	s, err := a.SaveABKSettings(map[string]any{"wkeMenit": 72000})
	if err != nil {
		t.Fatal(err)
	}
	if s.WKEMenit != 72000 || s.Faktor["HARI"] != 250 || s.Bands.A != 1 || s.Rounding == "" {
		t.Fatalf("after wkeMenit only: %+v", s)
	}
	s, err = a.SaveABKSettings(map[string]any{"faktor": map[string]any{"HARI": 240}, "bands": map[string]any{"d": 0.4}})
	if err != nil {
		t.Fatal(err)
	}
	if s.WKEMenit != 72000 || s.Faktor["HARI"] != 240 || s.Faktor["BULAN"] != 12 || s.Bands.D != 0.4 || s.Bands.C != 0.7 {
		t.Fatalf("nested merge: %+v", s)
	}
	if got, _ := a.StagnationLimit(); got != 7 {
		t.Fatalf("MUT-04 limit %d after ABK saves", got)
	}
}

// The ready line carries the milliseconds since the process started (what
// make bench-desktop and the smoke check read), and it closes uiReady once.
func TestLogUIReadyLineHasItsMilliseconds(t *testing.T) {
	var buf bytes.Buffer
	a := &App{log: slog.New(slog.NewTextHandler(&buf, nil)), uiReady: make(chan struct{}), started: time.Now().Add(-1500 * time.Millisecond)}
	if err := a.LogUI("ready", "login"); err != nil {
		t.Fatal(err)
	}
	if err := a.LogUI("ready", "login"); err != nil { // a second report must not close the channel again
		t.Fatal(err)
	}
	select {
	case <-a.uiReady:
	default:
		t.Fatal("uiReady not closed")
	}
	m := regexp.MustCompile(`msg=IMBANG_UI_READY message=login ms=(\d+)`).FindStringSubmatch(buf.String())
	if m == nil {
		t.Fatalf("no ready line with ms in %q", buf.String())
	}
	if ms, _ := strconv.Atoi(m[1]); ms < 1500 {
		t.Fatalf("ms = %d, want at least 1500", ms)
	}
}
