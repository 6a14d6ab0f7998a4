package plannersvc_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/planner"
	"github.com/bkpsdm-sorong/imbang/backend/plannersvc"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
)

var ctx = storetest.Ctx(storetest.Admin) // services write and decide only for an actor

type fixture struct {
	t   *testing.T
	st  *store.Store
	abk *abksvc.Service
	mut *mutasisvc.Service
	svc *plannersvc.Service
}

// demoSize keeps the package's tests to seconds while leaving deficits and
// surpluses enough for a plan of some tens of moves.
const demoSize = 1000

func newFixture(t *testing.T) *fixture {
	t.Helper()
	now := func() time.Time { return time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC) }
	st := storetest.Demo(t, "", demoSize, now)
	abk := abksvc.New(abksvc.Config{Repo: st, Now: now, NewID: store.NewID})
	return &fixture{t: t, st: st, abk: abk,
		mut: mutasisvc.New(mutasisvc.Config{Repo: st, ABK: abk, Now: now, NewID: store.NewID}),
		svc: plannersvc.New(plannersvc.Config{Repo: st, ABK: abk, Mutasi: st, Now: now, NewID: store.NewID})}
}

func (f *fixture) run(name string) plannersvc.RunView {
	f.t.Helper()
	v, err := f.svc.Run(ctx, plannersvc.RunInput{Nama: name}, nil)
	if err != nil {
		f.t.Fatalf("run: %v", err)
	}
	return v
}

// jenisOf is the type a move's request takes: T0 inside one OPD, else T1.
func jenisOf(l plannersvc.LineView) domain.JenisMutasi {
	if l.FromLabel.OPDID == l.ToLabel.OPDID {
		return domain.MutasiT0
	}
	return domain.MutasiT1
}

func code(err error) string {
	var e *domain.Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

func TestPlanLowersBalanceAndIsReproducible(t *testing.T) {
	f := newFixture(t)
	v := f.run("pertama")
	p := v.Plan
	if len(p.Moves) == 0 || !(p.BalanceAfter < p.BalanceBefore) {
		t.Fatalf("moves %d, balance %.4f → %.4f", len(p.Moves), p.BalanceBefore, p.BalanceAfter)
	}
	t.Logf("demo %d: %d moves, balance %.4f → %.4f, objective %d, %d ms", demoSize, len(p.Moves), p.BalanceBefore, p.BalanceAfter, p.Objective, v.Stats.Millis)
	for _, l := range v.Lines {
		if l.Explanation == "" || l.FromLabel.OPDSingkatan == "" || l.ToLabel.JabatanNama == "" {
			t.Fatalf("line without explanation or names: %+v", l)
		}
	}
	if len(v.Flows) == 0 || v.Summary.Moves != len(p.Moves) || len(v.Summary.OPDs) == 0 {
		t.Fatalf("flows %v summary %+v", v.Flows, v.Summary)
	}

	// The same input twice: byte-identical stored output.
	w := f.run("kedua")
	a, _ := f.st.PlanRun(ctx, v.Run.ID)
	b, _ := f.st.PlanRun(ctx, w.Run.ID)
	if string(a.Hasil) != string(b.Hasil) || a.InputHash != b.InputHash || a.InputHash == "" {
		t.Fatalf("two runs on the same input differ (hash %s vs %s)", a.InputHash, b.InputHash)
	}
	re, err := f.svc.Rerun(ctx, v.Run.ID)
	if err != nil || !re.Identical || !re.SameInput {
		t.Fatalf("rerun %+v %v", re, err)
	}
	runs, err := f.svc.Runs(ctx)
	if err != nil || len(runs) != 2 || runs[0].ID != w.Run.ID || runs[0].SolverVersion != planner.SolverVersion {
		t.Fatalf("runs %+v %v", runs, err)
	}

	// A change in the data changes the input: the re-run says so.
	l := v.Lines[0]
	if _, err := f.mut.CreateUsulan(ctx, mutasisvc.UsulanInput{PegawaiID: l.EmployeeID, Jenis: jenisOf(l), APS: true, Alasan: "ikut pasangan",
		Targets: []mutasi.Placement{l.ToLabel.Placement()}}); err != nil {
		t.Fatal(err)
	}
	re, err = f.svc.Rerun(ctx, v.Run.ID)
	if err != nil || re.SameInput || re.Identical || re.Message == "" {
		t.Fatalf("rerun after an APS request %+v %v", re, err)
	}
}

// Every proposed move passes the workflow's own evaluation: no BLOCK rule
// fails (one source of truth for the rules).
func TestEveryMoveIsEligibleInTheWorkflow(t *testing.T) {
	f := newFixture(t)
	v := f.run("")
	for _, l := range v.Lines {
		rep, err := f.mut.Evaluate(ctx, mutasisvc.CaseInput{PegawaiID: l.EmployeeID, Jenis: jenisOf(l), Target: l.ToLabel.Placement()})
		if err != nil {
			t.Fatal(err)
		}
		if r, blocked := rep.HardExclusion(); blocked {
			t.Fatalf("%s → %s is blocked by %s: %s", l.NIP, l.To, r.RuleID, r.Message)
		}
		ex, err := f.svc.Explain(ctx, v.Run.ID, l.EmployeeID)
		if err != nil || ex.Blocked || len(ex.Rules) != len(rep.Results) {
			t.Fatalf("explain %+v %v", ex.Line.Move, err)
		}
	}
	// The excluded employees name the rule that kept them out.
	for _, x := range v.Excluded {
		if x.RuleID == "" || x.Explanation == "" {
			t.Fatalf("exclusion without rule: %+v", x)
		}
	}
}

func TestDraftsFromPlanAllOrNothing(t *testing.T) {
	f := newFixture(t)
	v := f.run("")
	if len(v.Lines) < 4 {
		t.Fatalf("only %d moves", len(v.Lines))
	}
	a, b, c := v.Lines[0], v.Lines[1], v.Lines[2]

	// c already has a request in the workflow: converting a and c fails as a
	// whole and stores nothing.
	if _, err := f.mut.CreateUsulan(ctx, mutasisvc.UsulanInput{PegawaiID: c.EmployeeID, Jenis: jenisOf(c), APS: true, Alasan: "alasan keluarga",
		Targets: []mutasi.Placement{c.ToLabel.Placement()}}); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.CreateDrafts(ctx, v.Run.ID, []string{a.EmployeeID, c.EmployeeID})
	if code(err) != "mutasi.open_request" {
		t.Fatalf("want mutasi.open_request, got %v", err)
	}
	page, _ := f.mut.ListUsulan(ctx, mutasisvc.UsulanQuery{})
	if page.Total != 1 {
		t.Fatalf("a failed conversion left %d requests", page.Total)
	}
	lines, _ := f.st.PlanLines(ctx, v.Run.ID)
	for _, l := range lines {
		if l.UsulanID != "" {
			t.Fatalf("a failed conversion marked %s", l.PegawaiID)
		}
	}

	rows, err := f.svc.CreateDrafts(ctx, v.Run.ID, []string{a.EmployeeID, b.EmployeeID})
	if err != nil || len(rows) != 2 {
		t.Fatalf("drafts %+v %v", rows, err)
	}
	for i, l := range []plannersvc.LineView{a, b} {
		r := rows[i]
		if r.Status != mutasi.StatusDraft || r.PegawaiID != l.EmployeeID || r.Jenis != jenisOf(l) || r.APS || r.Nomor == "" {
			t.Fatalf("draft %+v for %+v", r, l.Move)
		}
		page, err := f.mut.ListUsulan(ctx, mutasisvc.UsulanQuery{Search: l.NIP})
		if err != nil || page.Total != 1 || page.Rows[0].ID != r.ID {
			t.Fatalf("draft of %s not found in the list: %+v %v", l.NIP, page, err)
		}
		d, err := f.mut.GetUsulan(ctx, r.ID)
		if err != nil || d.Targets[0].Placement != l.ToLabel.Placement() || d.State.Request.Reason == "" {
			t.Fatalf("detail %+v %v", d.Targets, err)
		}
		// a formal reason for the nota usulan: names and posts, no run id or cost figures
		why := d.State.Request.Reason
		for _, s := range []string{"Analisis Beban Kerja", l.Nama, l.NIP, l.ToLabel.JabatanNama, l.ToLabel.OPDNama, l.FromLabel.UnitNama, "Yang bersangkutan"} {
			if !strings.Contains(why, s) {
				t.Errorf("alasan lacks %q: %s", s, why)
			}
		}
		for _, s := range []string{v.Run.ID, v.Run.Nama, "biaya", "total", "poin", "Rencana mutasi"} {
			if strings.Contains(why, s) {
				t.Errorf("alasan carries the technical record %q: %s", s, why)
			}
		}
	}
	res, _ := f.svc.Result(ctx, v.Run.ID)
	for _, l := range res.Lines {
		converted := l.EmployeeID == a.EmployeeID || l.EmployeeID == b.EmployeeID
		if converted != (l.UsulanID != "") || (converted && l.Keputusan != plannersvc.Diterima) {
			t.Fatalf("line %s usulan %q keputusan %q", l.NIP, l.UsulanID, l.Keputusan)
		}
	}
	// Converting again is refused; so is a decision on a converted line.
	if _, err := f.svc.CreateDrafts(ctx, v.Run.ID, []string{a.EmployeeID}); code(err) != "rencana.sudah_usulan" {
		t.Fatalf("second conversion: %v", err)
	}
	if err := f.svc.SetDecision(ctx, v.Run.ID, a.EmployeeID, plannersvc.Ditolak); code(err) != "rencana.sudah_usulan" {
		t.Fatalf("decision on a converted line: %v", err)
	}
	// A new plan leaves the employees now in the workflow where they are.
	for _, l := range f.run("sesudah usulan").Lines {
		if l.EmployeeID == a.EmployeeID || l.EmployeeID == b.EmployeeID {
			t.Fatalf("%s has a request in progress yet is moved again", l.NIP)
		}
	}
	// The audit chain holds the new requests.
	if _, head, err := f.st.AuditLog(ctx); err != nil || head == nil {
		t.Fatalf("audit %v", err)
	}
}

func TestDecisionsScenariosAndCompare(t *testing.T) {
	f := newFixture(t)
	v := f.run("dasar")
	first := v.Lines[0]
	if err := f.svc.SetDecision(ctx, v.Run.ID, first.EmployeeID, plannersvc.Ditolak); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.SetDecision(ctx, v.Run.ID, first.EmployeeID, "MUNGKIN"); code(err) != "rencana.keputusan" {
		t.Fatalf("bad decision: %v", err)
	}
	if err := f.svc.SetDecision(ctx, v.Run.ID, "tidak-ada", plannersvc.Diterima); code(err) != "rencana.baris_not_found" {
		t.Fatalf("missing line: %v", err)
	}
	res, _ := f.svc.Result(ctx, v.Run.ID)
	if res.Lines[0].Keputusan != plannersvc.Ditolak {
		t.Fatalf("decision not kept: %+v", res.Lines[0])
	}

	// Forbid the first move and cap the moves: the scenario honours both.
	maxMoves := len(v.Lines) - 1
	sc, err := f.svc.CreateScenario(ctx, plannersvc.ScenarioInput{ParentID: v.Run.ID, Nama: "tanpa baris 1", MaxMoves: &maxMoves,
		Forbidden: []planner.Pair{{EmployeeID: first.EmployeeID, PositionKey: first.To}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Run.Jenis != plannersvc.KindSkenario || sc.Run.IndukID != v.Run.ID || len(sc.Lines) > maxMoves {
		t.Fatalf("scenario %+v with %d moves", sc.Run, len(sc.Lines))
	}
	for _, l := range sc.Lines {
		if l.EmployeeID == first.EmployeeID && l.To == first.To {
			t.Fatal("the forbidden move is in the scenario")
		}
	}
	runs, _ := f.svc.Runs(ctx)
	if len(runs) != 2 || runs[0].ID != sc.Run.ID || runs[0].IndukID != v.Run.ID || runs[0].Jenis != plannersvc.KindSkenario {
		t.Fatalf("stored runs %+v", runs)
	}
	cmp, err := f.svc.Compare(ctx, []string{v.Run.ID, sc.Run.ID})
	if err != nil || len(cmp) != 2 || cmp[0].Moves != len(v.Lines) || cmp[1].Moves != len(sc.Lines) || len(cmp[0].OPDs) == 0 {
		t.Fatalf("compare %+v %v", cmp, err)
	}
	for _, o := range cmp[0].OPDs {
		if o.BezettingSesudah-o.BezettingSebelum != o.Masuk-o.Keluar || o.GradeSesudah == "" {
			t.Fatalf("OPD effect %+v", o)
		}
	}

	// Why not the next-best candidate there?
	for _, l := range v.Lines {
		if l.NextBest == nil {
			continue
		}
		w, err := f.svc.WhyNot(ctx, v.Run.ID, l.NextBest.EmployeeID, l.To)
		if err != nil || w.Reason == "" || w.DataChanged {
			t.Fatalf("why not %+v %v", w, err)
		}
		break
	}
	if _, err := f.svc.WhyNot(ctx, v.Run.ID, first.EmployeeID, "tidak/ada"); code(err) != "rencana.posisi" {
		t.Fatalf("why not an unknown position: %v", err)
	}
}

func TestSettingsAndBackgroundJobs(t *testing.T) {
	f := newFixture(t)
	st, err := f.svc.Settings(ctx)
	if err != nil || st.Weights != planner.DefaultWeights() {
		t.Fatalf("defaults %+v %v", st, err)
	}
	st.Weights.Move = 500
	st.Options.MaxMoves = 5
	if _, err := f.svc.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	got, _ := f.svc.Settings(ctx)
	if got.Weights.Move != 500 || got.Options.MaxMoves != 5 {
		t.Fatalf("saved %+v", got)
	}
	bad := got
	bad.Weights.Deficit = -1
	if _, err := f.svc.SaveSettings(ctx, bad); code(err) != "rencana.bobot" {
		t.Fatalf("negative weight: %v", err)
	}

	done := make(chan plannersvc.JobStatus, 1)
	var progressed int
	tok := f.svc.Start(ctx, plannersvc.RunInput{}, nil, func(plannersvc.JobStatus) { progressed++ }, func(s plannersvc.JobStatus) { done <- s })
	s := <-done
	if s.State != plannersvc.JobSelesai || s.RunID == "" || s.Token != tok {
		t.Fatalf("job %+v", s)
	}
	if j, _ := f.svc.Job(tok); j.State != plannersvc.JobSelesai {
		t.Fatalf("job state %+v", j)
	}
	v, _ := f.svc.Result(ctx, s.RunID)
	if len(v.Lines) > 5 || v.Run.Weights.Move != 500 {
		t.Fatalf("settings not used: %d moves, weights %+v", len(v.Lines), v.Run.Weights)
	}

	// Cancelled before it can finish: the job says so and stores nothing.
	tok = f.svc.Start(ctx, plannersvc.RunInput{}, nil, nil, func(s plannersvc.JobStatus) { done <- s })
	if err := f.svc.Cancel(tok); err != nil {
		t.Fatal(err)
	}
	s = <-done
	runs, _ := f.svc.Runs(ctx)
	if s.State == plannersvc.JobDibatalkan {
		if len(runs) != 1 {
			t.Fatalf("a cancelled run was stored: %d runs", len(runs))
		}
	} else if s.State != plannersvc.JobSelesai {
		t.Fatalf("cancelled job %+v", s)
	}
	if _, err := f.svc.Job("x"); code(err) != "rencana.job_not_found" {
		t.Fatalf("unknown job: %v", err)
	}
}

// The planner's screen (one reused case, only the target changed between
// pairs of one employee) decides exactly as the workflow's own evaluation
// of a freshly built case, blocked pairs included.
func TestScreenAgreesWithTheWorkflow(t *testing.T) {
	f := newFixture(t)
	page, err := f.st.ListPegawai(ctx, kepegawaian.PegawaiQuery{Sort: "nip", Limit: 60})
	if err != nil {
		t.Fatal(err)
	}
	an, err := f.abk.Analyse(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var pairs []planner.Pair
	for i, p := range page.Rows {
		for k := 0; k < 8; k++ {
			r := an.Result.Positions[(i*37+k*211)%len(an.Result.Positions)]
			pairs = append(pairs, planner.Pair{EmployeeID: p.ID, PositionKey: plannersvc.PositionKey(r.UnitID, r.JabatanID)})
		}
	}
	got, err := f.svc.ScreenPairs(ctx, pairs)
	if err != nil {
		t.Fatal(err)
	}
	blocked := 0
	for i, pr := range pairs {
		unit, jab, _ := strings.Cut(pr.PositionKey, "/")
		u, _ := f.st.Unit(ctx, unit)
		p, _ := f.st.Pegawai(ctx, pr.EmployeeID)
		jenis := domain.MutasiT1
		if u.OPDID == p.OPDID {
			jenis = domain.MutasiT0
		}
		rep, err := f.mut.Evaluate(ctx, mutasisvc.CaseInput{PegawaiID: pr.EmployeeID, Jenis: jenis,
			Target: mutasi.Placement{OPDID: u.OPDID, UnitID: unit, JabatanID: jab}})
		if err != nil {
			t.Fatal(err)
		}
		want := ""
		if r, ok := rep.HardExclusion(); ok {
			want = r.RuleID
			blocked++
		}
		if got[i] != want {
			t.Fatalf("%s → %s: screen %q, workflow %q", p.NIP, pr.PositionKey, got[i], want)
		}
	}
	if blocked == 0 || blocked == len(pairs) {
		t.Fatalf("%d of %d pairs blocked: the sample does not exercise both outcomes", blocked, len(pairs))
	}
	t.Logf("%d pairs, %d blocked", len(pairs), blocked)
}

// brokenRepo fails the first read of a run the way a damaged disk would,
// with a text a user must not see.
type brokenRepo struct{ plannersvc.Repository }

func (brokenRepo) DataVersion(context.Context) (string, error) {
	return "", errors.New("disk I/O error reading imbang.db")
}

// A background plan that fails for an internal reason shows the one masked
// message with a reference, never the error's own text.
func TestJobFailureShowsNoInternalText(t *testing.T) {
	f := newFixture(t)
	svc := plannersvc.New(plannersvc.Config{Repo: brokenRepo{f.st}, ABK: f.abk, Mutasi: f.st, NewID: store.NewID})
	done := make(chan plannersvc.JobStatus, 1)
	svc.Start(ctx, plannersvc.RunInput{}, nil, nil, func(s plannersvc.JobStatus) { done <- s })
	s := <-done
	if s.State != plannersvc.JobGagal || s.Error == nil || s.Error.Kind != domain.KindInternal || s.Error.Code != "internal" {
		t.Fatalf("job %+v", s)
	}
	for _, m := range []string{s.Error.Message, s.Error.MessageEN} {
		if strings.Contains(m, "disk") || strings.Contains(m, "imbang.db") || !strings.Contains(strings.ToLower(m), "internal") {
			t.Fatalf("message %q", m)
		}
	}
	if !strings.Contains(s.Error.Message, "rujukan ") {
		t.Fatalf("no reference to quote: %q", s.Error.Message)
	}
}
