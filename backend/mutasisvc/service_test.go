package mutasisvc_test

import (
	"errors"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/audit"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// ctx is the context every call of the test runs with; as changes its actor.
var ctx = storetest.Ctx(storetest.Admin)

type fixture struct {
	t     *testing.T
	st    *store.Store
	abk   *abksvc.Service
	svc   *mutasisvc.Service
	clock time.Time
	// attached: requests whose checklist decide has attached and verified.
	attached map[string]bool
}

// justifikasi is a justification long enough for a decision while WARN
// rules fail (gate.go); gate_test.go checks the refusals.
const justifikasi = "Kebutuhan organisasi di OPD tujuan mendesak dan pegawai memenuhi syarat jabatan."

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, clock: time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC), attached: map[string]bool{}}
	ctx = storetest.Ctx(storetest.Admin)
	now := func() time.Time { return f.clock }
	st := storetest.Demo(t, "", 800, now)
	f.st = st
	f.abk = abksvc.New(abksvc.Config{Repo: st, Now: now, NewID: store.NewID})
	f.svc = mutasisvc.New(mutasisvc.Config{Repo: st, ABK: f.abk, Now: now, NewID: store.NewID})
	return f
}

func (f *fixture) as(u mutasisvc.User) {
	f.t.Helper()
	if u.Nama == "" {
		u.Nama = "Pengguna " + u.ID
	}
	ctx = storetest.Ctx(storetest.User(u))
}

// decide makes a decision as the current user. Before the first decision the
// documents gate checks it attaches the whole checklist, and it writes a
// justification when none is given: the gate's own tests call the service.
func (f *fixture) decide(id string, d mutasisvc.Decision) mutasisvc.UsulanDetail {
	f.t.Helper()
	f.ready(id, d.Kind)
	if d.Justifikasi == "" {
		d.Justifikasi = justifikasi
	}
	det, err := f.svc.DecideUsulan(ctx, id, d)
	if err != nil {
		f.t.Fatalf("%s: %v", d.Kind, err)
	}
	return det
}

// ready attaches and verifies the checklist of a request before a decision
// the documents gate checks (once per request), as the BKPSDM admin.
func (f *fixture) ready(id string, k mutasi.Kind) {
	f.t.Helper()
	if f.attached[id] || !slices.Contains(mutasisvc.DokumenGated, k) {
		return
	}
	f.attached[id] = true
	saved := ctx
	ctx = storetest.Ctx(storetest.Admin)
	f.attachAll(id)
	ctx = saved
}

func (f *fixture) query(q string, args ...any) [][]string {
	f.t.Helper()
	rows, err := f.st.DB().QueryContext(ctx, q, args...)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]string, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			f.t.Fatal(err)
		}
		out = append(out, vals)
	}
	return out
}

// candidate is an employee and a T1 target in another OPD (the same jabatan
// held there) that no BLOCK rule stops, found in the data.
type candidate struct {
	pegawai string
	source  mutasi.Placement
	target  mutasi.Placement
}

func (f *fixture) candidates(n int, skip ...string) []candidate {
	f.t.Helper()
	var out []candidate
	for _, p := range f.query("SELECT id, opd_id, unit_id, jabatan_id FROM pegawai WHERE status = 'PNS' ORDER BY nip") {
		if slices.Contains(skip, p[0]) {
			continue
		}
		for _, tg := range f.query("SELECT DISTINCT opd_id, unit_id FROM pegawai WHERE jabatan_id = ? AND opd_id <> ? ORDER BY unit_id LIMIT 3", p[3], p[1]) {
			target := mutasi.Placement{OPDID: tg[0], UnitID: tg[1], JabatanID: p[3]}
			r, err := f.svc.CheckMutasi(ctx, mutasisvc.CheckInput{PegawaiID: p[0], Jenis: domain.MutasiT1, Target: target})
			if err != nil {
				f.t.Fatal(err)
			}
			if !r.Blocked {
				out = append(out, candidate{p[0], mutasi.Placement{OPDID: p[1], UnitID: p[2], JabatanID: p[3]}, target})
				break
			}
		}
		if len(out) == n {
			return out
		}
	}
	f.t.Fatalf("only %d unblocked T1 candidates", len(out))
	return nil
}

func bezetting(t *testing.T, abk *abksvc.Service, opdID string) int {
	t.Helper()
	v, err := abk.Region(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range v.OPD {
		if o.ID == opdID {
			return o.Bezetting
		}
	}
	return 0
}

func code(err error) string {
	var e *domain.Error
	if errors.As(err, &e) {
		return string(e.Kind) + "/" + e.Code
	}
	return "?"
}

func TestT1FromDraftToExecutionAndBack(t *testing.T) {
	f := newFixture(t)
	c := f.candidates(1)[0]
	before, err := f.st.Pegawai(ctx, c.pegawai)
	if err != nil {
		t.Fatal(err)
	}
	srcBez, tgtBez := bezetting(t, f.abk, c.source.OPDID), bezetting(t, f.abk, c.target.OPDID)
	histBefore, _ := f.st.Riwayat(ctx, c.pegawai)

	f.as(mutasisvc.User{ID: "op", Role: domain.RoleOperatorOPD, OPDID: c.source.OPDID})
	det, err := f.svc.CreateUsulan(ctx, mutasisvc.UsulanInput{PegawaiID: c.pegawai, Jenis: domain.MutasiT1, Targets: []mutasi.Placement{c.target}})
	if err != nil {
		t.Fatal(err)
	}
	id := det.Row.ID
	if det.Row.Status != mutasi.StatusDraft || !strings.HasPrefix(det.Row.Nomor, "MUT/2026/") || !strings.HasSuffix(det.Row.Nomor, "-000001") {
		t.Fatalf("created %+v", det.Row)
	}
	if len(det.Events) != 1 || len(det.Events[0].Payload.Eligibility) != 21 || det.Events[0].ActorLabel != "Pengguna op (Operator OPD)" {
		t.Fatalf("buat event %+v", det.Events)
	}
	if !slices.Contains(det.Allowed, mutasi.KindAjukan) || len(det.Rules) != 21 || det.Targets[0].OPDSingkatan == "" {
		t.Fatalf("detail %+v", det)
	}
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindAjukan})

	f.as(mutasisvc.User{ID: "ver", Role: domain.RoleVerifikator})
	inbox, err := f.svc.ListUsulan(ctx, mutasisvc.UsulanQuery{Inbox: true})
	if err != nil || inbox.Total != 1 || inbox.Rows[0].ID != id || inbox.Rows[0].OPDTujuan == "" {
		t.Fatalf("verifier inbox %+v %v", inbox, err)
	}
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindVerifikasi, TargetIndex: 0})
	f.as(mutasisvc.User{ID: "ka", Role: domain.RoleKepalaOPD, OPDID: c.source.OPDID})
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindSetujuiAsal})
	f.as(mutasisvc.User{ID: "kt", Role: domain.RoleKepalaOPD, OPDID: c.target.OPDID})
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindSetujuiTujuan})
	f.as(mutasisvc.User{ID: "tpk", Role: domain.RoleTPK})
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindPertimbanganTPK, Note: "Direkomendasikan"})
	f.as(mutasisvc.User{ID: "adm", Role: domain.RoleAdmin})
	tmt := domain.MustDate("2026-08-01")
	f.decide(id, mutasisvc.Decision{Kind: mutasi.KindTetapkanSK, SK: &mutasi.SK{Nomor: "800/123/BKPSDM/2026", Tanggal: domain.MustDate("2026-07-10"), TMT: tmt}})
	det = f.decide(id, mutasisvc.Decision{Kind: mutasi.KindLaksanakan})
	if det.Row.Status != mutasi.StatusDilaksanakan {
		t.Fatalf("status %s", det.Row.Status)
	}

	moved, _ := f.st.Pegawai(ctx, c.pegawai)
	if moved.OPDID != c.target.OPDID || moved.UnitID != c.target.UnitID || moved.JabatanID != c.target.JabatanID || moved.TMTJabatan != tmt {
		t.Fatalf("placement not moved: %+v", moved)
	}
	hist, _ := f.st.Riwayat(ctx, c.pegawai)
	if len(hist) != len(histBefore)+1 || hist[0].UnitID != c.target.UnitID || !hist[0].TanggalSelesai.IsZero() ||
		hist[0].NomorSK != "800/123/BKPSDM/2026" || hist[1].TanggalSelesai != domain.MustDate("2026-07-31") {
		t.Fatalf("history after execution: %+v", hist)
	}
	if s, g := bezetting(t, f.abk, c.source.OPDID), bezetting(t, f.abk, c.target.OPDID); s != srcBez-1 || g != tgtBez+1 {
		t.Fatalf("bezetting %d→%d, %d→%d", srcBez, s, tgtBez, g)
	}

	// Cancelling the executed transfer reverses it, after its TMT.
	f.clock = time.Date(2026, 8, 15, 9, 0, 0, 0, time.UTC)
	det = f.decide(id, mutasisvc.Decision{Kind: mutasi.KindBatalkan, Note: "SK dicabut"})
	back, _ := f.st.Pegawai(ctx, c.pegawai)
	if back.OPDID != before.OPDID || back.UnitID != before.UnitID || back.JabatanID != before.JabatanID || back.TMTJabatan != before.TMTJabatan {
		t.Fatalf("placement not restored: %+v vs %+v", back, before)
	}
	hist, _ = f.st.Riwayat(ctx, c.pegawai)
	if len(hist) != len(histBefore)+2 || hist[0].UnitID != before.UnitID || !hist[0].TanggalSelesai.IsZero() ||
		hist[1].TanggalSelesai != domain.MustDate("2026-08-14") || hist[0].TMT != domain.MustDate("2026-08-15") {
		t.Fatalf("history after reversal: %+v", hist)
	}
	if s, g := bezetting(t, f.abk, c.source.OPDID), bezetting(t, f.abk, c.target.OPDID); s != srcBez || g != tgtBez {
		t.Fatalf("bezetting not restored: %d/%d vs %d/%d", s, g, srcBez, tgtBez)
	}
	var kinds []mutasi.Kind
	for _, e := range det.Events {
		kinds = append(kinds, e.Kind)
	}
	if det.Row.Status != mutasi.StatusDibatalkan || !slices.Contains(kinds, mutasi.KindLaksanakan) || kinds[len(kinds)-1] != mutasi.KindBatalkan ||
		det.State.Reversal == nil {
		t.Fatalf("timeline %v, status %s", kinds, det.Row.Status)
	}

	entries, head, err := f.st.AuditLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ps := audit.VerifyHead(entries, head); len(ps) != 0 {
		t.Fatalf("audit: %v", ps)
	}
	decisions := map[string]string{}
	for _, e := range entries {
		if e.Entity == "mutasi_usulan" && e.EntityID == id && e.Before == "" && !strings.HasPrefix(e.Action, "INSERT") {
			decisions[e.Action] = e.Role + " " + e.Actor
		}
	}
	want := map[string]string{"BUAT": "OPERATOR_OPD op", "AJUKAN": "OPERATOR_OPD op", "VERIFIKASI": "VERIFIKATOR_BKPSDM ver",
		"SETUJUI_OPD_ASAL": "KEPALA_OPD ka", "SETUJUI_OPD_TUJUAN": "KEPALA_OPD kt", "PERTIMBANGAN_TPK": "TIM_PENILAI_KINERJA tpk",
		"TETAPKAN_SK": "PPK_ADMIN_BKPSDM adm", "LAKSANAKAN": "PPK_ADMIN_BKPSDM adm", "BATALKAN": "PPK_ADMIN_BKPSDM adm"}
	for k, v := range want {
		if decisions[k] != v {
			t.Errorf("audit decision %s: %q, want %q", k, decisions[k], v)
		}
	}
}
