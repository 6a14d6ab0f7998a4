package portaldesk_test

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"github.com/bkpsdm-sorong/imbang/backend/aktivasi"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/portaldesk"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

type fixture struct {
	t     *testing.T
	st    *store.Store
	svc   *portaldesk.Service
	clock time.Time
	codes []string // every code made, in order
	pulls int
}

func newFixture(t *testing.T) *fixture {
	f := &fixture{t: t, clock: time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)}
	now := func() time.Time { return f.clock }
	f.st = storetest.Demo(t, "", 300, now)
	n := 0
	f.svc = portaldesk.New(portaldesk.Config{Repo: f.st, Now: now, NewID: store.NewID, NewCode: func() string {
		n++
		c := fmt.Sprintf("AAAA-BBBB-%04d", n)
		f.codes = append(f.codes, c)
		return c
	}})
	return f
}

func (f *fixture) rows(q string, args ...any) [][]string {
	f.t.Helper()
	rs, err := f.st.DB().Query(q, args...)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rs.Close()
	cols, _ := rs.Columns()
	var out [][]string
	for rs.Next() {
		v := make([]string, len(cols))
		p := make([]any, len(cols))
		for i := range v {
			p[i] = &v[i]
		}
		if err := rs.Scan(p...); err != nil {
			f.t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// opds returns two OPDs with staff and one employee of each.
func (f *fixture) opds() (a, b, pa, pb string) {
	r := f.rows("SELECT opd_id, min(id) FROM pegawai GROUP BY opd_id ORDER BY count(*) DESC LIMIT 2")
	return r[0][0], r[1][0], r[0][1], r[1][1]
}

func as(role domain.Role, opd string) context.Context {
	return storetest.Ctx(actor.Actor{ID: "u-" + string(role), Username: "u-" + strings.ToLower(string(role)), Nama: "Petugas " + string(role), Role: role, OPDID: opd})
}

func code(err error) string {
	if err == nil {
		return "nil"
	}
	return string(domain.KindOf(err)) + "/" + domain.CodeOf(err)
}

// An OPD operator issues a letter for one of their employees: the code is
// printed on the PDF and stored only as its hash, valid for the default
// period; a second letter revokes the first in the same transaction.
func TestLetterForOneEmployeeReplacesTheOlderOne(t *testing.T) {
	f := newFixture(t)
	opdA, _, pa, _ := f.opds()
	ctx := as(domain.RoleOperatorOPD, opdA)
	s, err := f.svc.SuratAktivasi(ctx, portaldesk.Sasaran{PegawaiID: pa})
	if err != nil {
		t.Fatal(err)
	}
	if s.Jumlah != 1 || !bytes.HasPrefix(s.PDF, []byte("%PDF")) || !strings.HasPrefix(s.NamaBerkas, "surat-aktivasi-") ||
		!s.Kedaluwarsa.Equal(f.clock.Add(aktivasi.Validity)) {
		t.Fatalf("surat %+v", s)
	}
	rows := f.rows("SELECT kode_hash, kedaluwarsa, dibuat_oleh, dicabut FROM portal_aktivasi WHERE pegawai_id = ?", pa)
	if len(rows) != 1 || rows[0][0] != aktivasi.Hash(pa, f.codes[0]) || rows[0][2] != "u-operator_opd" || rows[0][3] != "0" {
		t.Fatalf("stored %v", rows)
	}
	if exp, _ := time.Parse(time.RFC3339Nano, rows[0][1]); !exp.Equal(f.clock.Add(aktivasi.Validity)) {
		t.Fatalf("kedaluwarsa %s", rows[0][1])
	}
	if len(f.rows("SELECT 1 FROM outbox WHERE data LIKE ?", "%"+f.codes[0]+"%")) > 0 ||
		len(f.rows("SELECT 1 FROM audit_log WHERE sesudah LIKE ?", "%"+f.codes[0]+"%")) > 0 {
		t.Fatal("the code itself was stored")
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		cmd := exec.Command("pdftotext", "-", "-")
		cmd.Stdin = bytes.NewReader(s.PDF)
		out, err := cmd.Output()
		if err != nil || !strings.Contains(string(out), f.codes[0]) || !strings.Contains(string(out), portaldesk.DefaultPortalURL) {
			t.Fatalf("letter text lacks the code or the address: %v\n%s", err, out)
		}
	}

	f.clock = f.clock.Add(24 * time.Hour)
	if _, err := f.svc.SuratAktivasi(ctx, portaldesk.Sasaran{PegawaiID: pa}); err != nil {
		t.Fatal(err)
	}
	rows = f.rows("SELECT kode_hash, dicabut FROM portal_aktivasi WHERE pegawai_id = ? ORDER BY dibuat_pada", pa)
	if len(rows) != 2 || rows[0][1] != "1" || rows[1][1] != "0" || rows[1][0] != aktivasi.Hash(pa, f.codes[1]) {
		t.Fatalf("after the second letter %v", rows)
	}
	if n := len(f.rows("SELECT 1 FROM outbox WHERE tbl = 'portal_aktivasi'")); n != 3 {
		t.Fatalf("%d outbox entries, want insert, revoke, insert", n)
	}
	if n := len(f.rows("SELECT 1 FROM audit_log WHERE aksi = 'surat_aktivasi'")); n != 2 {
		t.Fatalf("%d audit entries for the letters", n)
	}
}

// A batch for an OPD: one letter per current employee, all or nothing.
func TestLettersForAnOPD(t *testing.T) {
	f := newFixture(t)
	opdA, _, _, _ := f.opds()
	want := len(f.rows("SELECT 1 FROM pegawai WHERE opd_id = ? AND keluar_pada = ''", opdA))
	s, err := f.svc.SuratAktivasi(as(domain.RoleAdmin, ""), portaldesk.Sasaran{OPDID: opdA})
	if err != nil {
		t.Fatal(err)
	}
	if s.Jumlah != want || len(f.rows("SELECT 1 FROM portal_aktivasi WHERE dicabut = 0")) != want {
		t.Fatalf("%d letters, want %d", s.Jumlah, want)
	}
}

// Refusals change nothing: another OPD's employee or OPD, roles without the
// portal permission, no target.
func TestLetterRefusals(t *testing.T) {
	f := newFixture(t)
	opdA, opdB, _, pb := f.opds()
	cases := []struct {
		name string
		ctx  context.Context
		s    portaldesk.Sasaran
		want string
	}{
		{"another OPD's employee", as(domain.RoleOperatorOPD, opdA), portaldesk.Sasaran{PegawaiID: pb}, "Permission/auth.scope"},
		{"another OPD", as(domain.RoleOperatorOPD, opdA), portaldesk.Sasaran{OPDID: opdB}, "Permission/auth.scope"},
		{"operator without an OPD", as(domain.RoleOperatorOPD, ""), portaldesk.Sasaran{PegawaiID: pb}, "Permission/auth.scope"},
		{"kepala OPD", as(domain.RoleKepalaOPD, opdB), portaldesk.Sasaran{PegawaiID: pb}, "Permission/auth.forbidden"},
		{"verifikator", as(domain.RoleVerifikator, ""), portaldesk.Sasaran{PegawaiID: pb}, "Permission/auth.forbidden"},
		{"pimpinan", as(domain.RolePimpinan, ""), portaldesk.Sasaran{OPDID: opdB}, "Permission/auth.forbidden"},
		{"nobody", context.Background(), portaldesk.Sasaran{PegawaiID: pb}, "Permission/auth.no_actor"},
		{"both targets", as(domain.RoleAdmin, ""), portaldesk.Sasaran{PegawaiID: pb, OPDID: opdB}, "Invalid/portal.sasaran"},
		{"unknown employee", as(domain.RoleAdmin, ""), portaldesk.Sasaran{PegawaiID: store.NewID()}, "NotFound/pegawai.not_found"},
	}
	for _, c := range cases {
		if _, err := f.svc.SuratAktivasi(c.ctx, c.s); code(err) != c.want {
			t.Errorf("%s: %s, want %s", c.name, code(err), c.want)
		}
	}
	if n := len(f.rows("SELECT 1 FROM portal_aktivasi")); n != 0 {
		t.Fatalf("%d rows written by refused calls", n)
	}
}

func TestPortalURLSetting(t *testing.T) {
	f := newFixture(t)
	ctx := as(domain.RoleAdmin, "")
	if u, _ := f.svc.PortalURL(ctx); u != portaldesk.DefaultPortalURL {
		t.Fatalf("default %q", u)
	}
	for _, bad := range []string{"", "bkpsdm.go.id/portal", "ftp://x/y", "javascript:alert(1)"} {
		if _, err := f.svc.SavePortalURL(ctx, bad); code(err) != "Invalid/validation" {
			t.Errorf("%q: %s", bad, code(err))
		}
	}
	if _, err := f.svc.SavePortalURL(ctx, " https://bkpsdm.sorongkota.go.id/portal/ "); err != nil {
		t.Fatal(err)
	}
	if u, _ := f.svc.PortalURL(ctx); u != "https://bkpsdm.sorongkota.go.id/portal/" {
		t.Fatalf("saved %q", u)
	}
}

// pull brings portal_laporan rows as the portal writes them (through the
// server), the way the sync client applies them.
func (f *fixture) pull(entries ...protocol.Entry) {
	f.t.Helper()
	from := ""
	if f.pulls > 0 {
		from = fmt.Sprintf("e:%d", f.pulls)
	}
	for i := range entries {
		f.pulls++
		entries[i].Seq = int64(f.pulls)
	}
	res, err := f.st.ApplyPull(context.Background(), store.PullApply{From: from,
		Page: protocol.PullResponse{NextCursor: fmt.Sprintf("e:%d", f.pulls), Entries: entries}})
	if err != nil || res.Quarantined > 0 {
		f.t.Fatalf("pull: %+v %v", res, err)
	}
}

func laporanEntry(id, pegawai, bagian, uraian string, at time.Time) protocol.Entry {
	return protocol.Entry{Kind: protocol.KindRow, Table: "portal_laporan", RowID: id, Row: map[string]any{
		"pegawai_id": pegawai, "bagian": bagian, "uraian": uraian, "status": "BARU", "tanggapan": "",
		"dibuat_pada": at.UTC().Format(time.RFC3339Nano), "ditangani_oleh": "", "ditangani_pada": ""}}
}

// The OPD operator's task list: their OPD's reports only, new ones first;
// closing needs a response when rejecting, happens once, and goes into the
// outbox (the portal shows it after the next sync).
func TestDataErrorReportsAsTasks(t *testing.T) {
	f := newFixture(t)
	opdA, opdB, pa, pb := f.opds()
	la1, la2, lb := store.NewID(), store.NewID(), store.NewID()
	f.pull(laporanEntry(la1, pa, "SKP", "SKP 2025 belum tercatat", f.clock.Add(-3*time.Hour)),
		laporanEntry(la2, pa, "PENDIDIKAN", "Ijazah S-2 belum ada", f.clock.Add(-2*time.Hour)),
		laporanEntry(lb, pb, "PROFIL", "Tanggal lahir salah", f.clock.Add(-time.Hour)))

	opA := as(domain.RoleOperatorOPD, opdA)
	ls, err := f.svc.DaftarLaporan(opA, portaldesk.LaporanQuery{})
	if err != nil || len(ls) != 2 || ls[0].ID != la2 || ls[0].NIP == "" || ls[0].NamaPegawai == "" || ls[0].OPDID != opdA {
		t.Fatalf("operator A's list %+v %v", ls, err)
	}
	if n, _ := f.svc.JumlahLaporanBaru(opA); n != 2 {
		t.Fatalf("badge %d", n)
	}
	if _, err := f.svc.DaftarLaporan(opA, portaldesk.LaporanQuery{OPDID: opdB}); code(err) != "Permission/auth.scope" {
		t.Fatalf("another OPD's list: %s", code(err))
	}
	if _, err := f.svc.TutupLaporan(opA, lb, portaldesk.StatusSelesai, ""); code(err) != "Permission/auth.scope" {
		t.Fatalf("closing another OPD's report: %s", code(err))
	}
	if _, err := f.svc.TutupLaporan(opA, la1, portaldesk.StatusDitolak, "  "); code(err) != "Invalid/validation" {
		t.Fatalf("rejecting without a response: %s", code(err))
	}
	if _, err := f.svc.TutupLaporan(opA, la1, "BARU", ""); code(err) != "Invalid/validation" {
		t.Fatalf("closing as BARU: %s", code(err))
	}
	if _, err := f.svc.TutupLaporan(as(domain.RoleVerifikator, ""), la1, portaldesk.StatusSelesai, ""); code(err) != "Permission/auth.forbidden" {
		t.Fatalf("verifikator: %s", code(err))
	}
	if n := len(f.rows("SELECT 1 FROM outbox WHERE tbl = 'portal_laporan'")); n != 0 {
		t.Fatalf("refusals wrote %d changes", n)
	}

	l, err := f.svc.TutupLaporan(opA, la1, portaldesk.StatusDitolak, "SKP 2025 sudah tercatat pada 3 Maret.")
	if err != nil || l.Status != portaldesk.StatusDitolak || l.DitanganiOleh != "Petugas OPERATOR_OPD" || l.DitanganiPada == "" {
		t.Fatalf("closed %+v %v", l, err)
	}
	if _, err := f.svc.TutupLaporan(opA, la1, portaldesk.StatusSelesai, ""); code(err) != "Conflict/portal.laporan_ditutup" {
		t.Fatalf("closed twice: %s", code(err))
	}
	out := f.rows("SELECT op, data FROM outbox WHERE tbl = 'portal_laporan' AND row_id = ?", la1)
	if len(out) != 1 || out[0][0] != "update" || !strings.Contains(out[0][1], `"status":"DITOLAK"`) {
		t.Fatalf("outbox %v", out)
	}
	ls, _ = f.svc.DaftarLaporan(opA, portaldesk.LaporanQuery{})
	if ls[0].ID != la2 || ls[1].ID != la1 {
		t.Fatalf("BARU first: %+v", ls)
	}
	// BKPSDM sees every OPD.
	if all, err := f.svc.DaftarLaporan(as(domain.RoleAdmin, ""), portaldesk.LaporanQuery{Status: portaldesk.StatusBaru}); err != nil || len(all) != 2 {
		t.Fatalf("admin list %+v %v", all, err)
	}
}
