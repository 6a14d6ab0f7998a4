package dokumen_test

import (
	"bytes"
	"errors"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/dokumen"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/report"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// ctx is the context every call of the test runs with; usulan makes the
// operator who creates the request its actor.
var ctx = storetest.Ctx(storetest.Admin)

type fixture struct {
	t     *testing.T
	st    *store.Store
	mut   *mutasisvc.Service
	svc   *dokumen.Service
	dir   string
	clock time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx = storetest.Ctx(storetest.Admin)
	f := &fixture{t: t, clock: time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC), dir: t.TempDir()}
	now := func() time.Time { return f.clock }
	st := storetest.Demo(t, f.dir, 600, now)
	f.st = st
	abk := abksvc.New(abksvc.Config{Repo: st, Now: now, NewID: store.NewID})
	f.mut = mutasisvc.New(mutasisvc.Config{Repo: st, ABK: abk, Now: now, NewID: store.NewID})
	f.svc = dokumen.New(dokumen.Config{Repo: st, Dir: st.Dir(), Now: now, NewID: store.NewID})
	return f
}

func (f *fixture) one(q string, args ...any) string {
	f.t.Helper()
	var v string
	if err := f.st.DB().QueryRowContext(ctx, q, args...).Scan(&v); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
	return v
}

// usulan creates a draft T1 request (APS or not) for the n-th PNS of the demo
// region, to a unit of another OPD with the same jabatan.
func (f *fixture) usulan(n int, aps bool) mutasisvc.UsulanDetail {
	f.t.Helper()
	rows, err := f.st.DB().QueryContext(ctx, `SELECT p.id, p.opd_id, p.jabatan_id,
		(SELECT q.unit_id FROM pegawai q WHERE q.jabatan_id = p.jabatan_id AND q.opd_id <> p.opd_id LIMIT 1),
		(SELECT q.opd_id FROM pegawai q WHERE q.jabatan_id = p.jabatan_id AND q.opd_id <> p.opd_id LIMIT 1)
		FROM pegawai p WHERE p.status = 'PNS' ORDER BY p.nip`)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for rows.Next() {
		var id, opd, jab string
		var unitT, opdT *string
		if err := rows.Scan(&id, &opd, &jab, &unitT, &opdT); err != nil {
			f.t.Fatal(err)
		}
		if unitT == nil {
			continue
		}
		if i++; i <= n {
			continue
		}
		rows.Close()
		ctx = storetest.Ctx(storetest.User(mutasisvc.User{ID: "op", Nama: "Operator", Role: domain.RoleOperatorOPD, OPDID: opd}))
		in := mutasisvc.UsulanInput{PegawaiID: id, Jenis: domain.MutasiT1, APS: aps, Targets: []mutasi.Placement{{OPDID: *opdT, UnitID: *unitT, JabatanID: jab}}}
		if aps {
			in.Alasan = "Mengikuti pasangan yang pindah tugas ke OPD tujuan."
		}
		det, err := f.mut.CreateUsulan(ctx, in)
		if err != nil {
			f.t.Fatal(err)
		}
		return det
	}
	f.t.Fatal("no candidate")
	return mutasisvc.UsulanDetail{}
}

func write(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func pdfBytes(extra string) []byte {
	return []byte("%PDF-1.4\n% contoh\n" + extra + "\n%%EOF\n")
}

var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR-contoh")

func code(err error) string {
	var e *domain.Error
	if errors.As(err, &e) {
		return string(e.Kind) + "/" + e.Code
	}
	return "?"
}

func message(err error) string {
	var e *domain.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return ""
}

// storedFiles lists the files under <data dir>/lampiran.
func (f *fixture) storedFiles() []string {
	var out []string
	filepath.Walk(filepath.Join(f.dir, "lampiran"), func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			rel, _ := filepath.Rel(f.dir, p)
			out = append(out, rel)
		}
		return nil
	})
	return out
}

func TestChecklistFollowsTheRoute(t *testing.T) {
	f := newFixture(t)
	org := f.usulan(0, false)
	items, err := f.svc.Checklist(ctx, org.Row.ID)
	if err != nil {
		t.Fatal(err)
	}
	route, _ := eligibility.RouteOf(domain.MutasiT1)
	want := route.Required(false)
	if len(items) != len(want) || len(items) != 5 {
		t.Fatalf("T1 non-APS: %d items, want %d", len(items), len(want))
	}
	for i, it := range items {
		if it.Kode != want[i] || it.Nama == "" || it.NamaEN == "" || it.Wajib || it.Ada || len(it.Lampiran) != 0 {
			t.Fatalf("item %d: %+v", i, it)
		}
	}
	aps := f.usulan(1, true)
	items, _ = f.svc.Checklist(ctx, aps.Row.ID)
	if len(items) != 6 || items[0].Kode != eligibility.DokSuratPermohonan || !items[0].HanyaAPS {
		t.Fatalf("T1 APS checklist: %+v", items)
	}
	// A document that is not on the checklist is refused.
	p := write(t, t.TempDir(), "sk-cpns.pdf", pdfBytes("x"))
	if _, err := f.svc.Attach(ctx, org.Row.ID, string(eligibility.DokSKCPNS), p); code(err) != "Invalid/dokumen.bukan_daftar" {
		t.Fatalf("off-list document: %v", err)
	}
	if _, err := f.svc.Checklist(ctx, "tidak-ada"); code(err) != "NotFound/mutasi_usulan.not_found" {
		t.Fatalf("missing request: %v", err)
	}
}

func TestAttachStoresContentOnceByHash(t *testing.T) {
	f := newFixture(t)
	u := f.usulan(0, false)
	src := t.TempDir()
	content := pdfBytes("sk pangkat dan jabatan dalam satu pindaian")
	a := write(t, src, "SK Pangkat.pdf", content)
	b := write(t, src, "salinan.PDF", content)
	outboxBefore := f.one("SELECT count(*) FROM outbox WHERE tbl = 'dokumen_lampiran'")

	l1, err := f.svc.Attach(ctx, u.Row.ID, string(eligibility.DokSKPangkat), a)
	if err != nil {
		t.Fatal(err)
	}
	l2, err := f.svc.Attach(ctx, u.Row.ID, string(eligibility.DokSKJabatan), b)
	if err != nil {
		t.Fatal(err)
	}
	if l1.SHA256 != l2.SHA256 || len(l1.SHA256) != 64 || l1.MIME != "application/pdf" || l1.Ukuran != int64(len(content)) ||
		l1.NamaBerkas != "SK Pangkat.pdf" || l1.Status != dokumen.BelumDiperiksa || l1.DiunggahOleh != "op" { // the acting user uploads
		t.Fatalf("attachments %+v %+v", l1, l2)
	}
	files := f.storedFiles()
	want := filepath.Join("lampiran", l1.SHA256[:2], l1.SHA256)
	if len(files) != 1 || files[0] != want {
		t.Fatalf("stored files %v, want only %s", files, want)
	}
	if got, _ := os.ReadFile(filepath.Join(f.dir, want)); !bytes.Equal(got, content) {
		t.Fatal("stored content differs")
	}
	// Through the write path: one outbox and one audit entry per row.
	if n := f.one("SELECT count(*) FROM outbox WHERE tbl = 'dokumen_lampiran'"); n != bump(outboxBefore, 2) {
		t.Fatalf("outbox entries %s → %s", outboxBefore, n)
	}
	if n := f.one("SELECT count(*) FROM audit_log WHERE entitas = 'dokumen_lampiran' AND aksi = 'INSERT'"); n != "2" {
		t.Fatalf("audit entries %s", n)
	}
	// The same content again as the same document is a duplicate.
	if _, err := f.svc.Attach(ctx, u.Row.ID, string(eligibility.DokSKPangkat), b); code(err) != "Conflict/dokumen.duplikat" {
		t.Fatalf("duplicate: %v", err)
	}
	// Removing one row keeps the file the other still uses; removing both removes it.
	if err := f.svc.Remove(ctx, l1.ID); err != nil {
		t.Fatal(err)
	}
	if len(f.storedFiles()) != 1 {
		t.Fatal("file removed while still used")
	}
	if err := f.svc.Remove(ctx, l2.ID); err != nil {
		t.Fatal(err)
	}
	if files := f.storedFiles(); len(files) != 0 {
		t.Fatalf("files left %v", files)
	}
	if err := f.svc.Remove(ctx, l2.ID); code(err) != "NotFound/dokumen_lampiran.not_found" {
		t.Fatalf("remove twice: %v", err)
	}
}

func bump(s string, n int) string {
	x, _ := strconv.Atoi(s)
	return strconv.Itoa(x + n)
}

func TestAttachRefusesBadTypeAndOversizeStoringNothing(t *testing.T) {
	f := newFixture(t)
	u := f.usulan(0, false)
	src := t.TempDir()
	cases := []struct {
		name    string
		content []byte
		code    string
		msg     string
	}{
		{"bukan-pdf.pdf", []byte("ini hanya teks biasa, bukan PDF"), "Invalid/dokumen.jenis_berkas", "bukan PDF, JPG atau PNG yang sah"},
		{"gambar.pdf", pngBytes, "Invalid/dokumen.jenis_berkas", "isi berkas diperiksa"},
		{"dokumen.exe", pdfBytes("x"), "Invalid/dokumen.jenis_berkas", "bukan PDF"},
		{"kosong.pdf", nil, "Invalid/dokumen.jenis_berkas", "bukan PDF"},
	}
	for _, c := range cases {
		p := write(t, src, c.name, c.content)
		_, err := f.svc.Attach(ctx, u.Row.ID, string(eligibility.DokSKPangkat), p)
		if code(err) != c.code || !strings.Contains(message(err), c.msg) || !strings.Contains(message(err), "Tidak ada yang disimpan") {
			t.Fatalf("%s: %v", c.name, err)
		}
	}
	// Size: a 200 KB PDF under a 100 KB limit.
	if _, err := f.svc.SaveMaxBytes(ctx, 100*1024); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.svc.MaxBytes(ctx); n != 100*1024 {
		t.Fatalf("limit %d", n)
	}
	if v := f.one("SELECT nilai FROM setting WHERE kunci = ?", dokumen.KeyMaxBytes); v != "102400" {
		t.Fatalf("setting %q", v)
	}
	big := write(t, src, "besar.pdf", pdfBytes(strings.Repeat("x", 200*1024)))
	_, err := f.svc.Attach(ctx, u.Row.ID, string(eligibility.DokSKPangkat), big)
	if code(err) != "Invalid/dokumen.terlalu_besar" || !strings.Contains(message(err), "melebihi batas 100 KB") {
		t.Fatalf("oversize: %v (%s)", err, message(err))
	}
	if _, err := f.svc.SaveMaxBytes(ctx, 10); code(err) != "Invalid/dokumen.batas_ukuran" {
		t.Fatalf("limit too small: %v", err)
	}
	if files := f.storedFiles(); len(files) != 0 {
		t.Fatalf("refused files left behind: %v", files)
	}
	if n := f.one("SELECT count(*) FROM dokumen_lampiran"); n != "0" {
		t.Fatalf("%s rows stored", n)
	}
	// A real JPEG and PNG pass.
	if _, err := f.svc.Attach(ctx, u.Row.ID, string(eligibility.DokSKPangkat), write(t, src, "scan.JPEG", []byte("\xff\xd8\xff\xe0JFIF-contoh"))); err != nil {
		t.Fatal(err)
	}
	if l, err := f.svc.Attach(ctx, u.Row.ID, string(eligibility.DokSKJabatan), write(t, src, "scan.png", pngBytes)); err != nil || l.MIME != "image/png" {
		t.Fatal(l, err)
	}
}

func TestVerifyAndHashMismatch(t *testing.T) {
	f := newFixture(t)
	u := f.usulan(0, false)
	src := t.TempDir()
	l, err := f.svc.Attach(ctx, u.Row.ID, string(eligibility.DokSKP2Tahun), write(t, src, "skp.pdf", pdfBytes("skp 2024 2025")))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Verify(ctx, l.ID, "TIDAK_SESUAI", "  "); code(err) != "Invalid/dokumen.catatan_wajib" {
		t.Fatalf("TIDAK_SESUAI without a note: %v", err)
	}
	if _, err := f.svc.Verify(ctx, l.ID, "OK", ""); code(err) != "Invalid/dokumen.status" {
		t.Fatalf("unknown status: %v", err)
	}
	v, err := f.svc.Verify(ctx, l.ID, "TIDAK_SESUAI", "SKP 2024 belum ditandatangani atasan")
	if err != nil || v.Status != dokumen.TidakSesuai {
		t.Fatal(v, err)
	}
	items, _ := f.svc.Checklist(ctx, u.Row.ID)
	for _, it := range items {
		if it.Kode == eligibility.DokSKP2Tahun && (it.Ada || it.Sesuai || it.Lampiran[0].Catatan != "SKP 2024 belum ditandatangani atasan") {
			t.Fatalf("after TIDAK_SESUAI: %+v", it)
		}
	}
	if _, err := f.svc.Verify(ctx, l.ID, "sesuai", ""); err != nil {
		t.Fatal(err)
	}
	got, _ := f.svc.Verified(ctx, u.Row.ID)
	if len(got) != 1 || got[0] != eligibility.DokSKP2Tahun {
		t.Fatalf("verified %v", got)
	}
	if n := f.one("SELECT count(*) FROM audit_log WHERE entitas = 'dokumen_lampiran' AND aksi = 'UPDATE'"); n != "2" {
		t.Fatalf("verification audit entries %s", n)
	}

	// Damage the stored file: listed as RUSAK, never served, not verifiable.
	path := filepath.Join(f.dir, "lampiran", l.SHA256[:2], l.SHA256)
	if err := os.WriteFile(path, pdfBytes("skp yang diubah di luar aplikasi"), 0o600); err != nil {
		t.Fatal(err)
	}
	items, _ = f.svc.Checklist(ctx, u.Row.ID)
	for _, it := range items {
		if it.Kode == eligibility.DokSKP2Tahun && (it.Lampiran[0].Berkas != dokumen.BerkasRusak || it.Sesuai || it.Ada) {
			t.Fatalf("damaged file not reported: %+v", it)
		}
	}
	if _, _, err := f.svc.Content(ctx, l.ID); code(err) != "Conflict/dokumen.rusak" || !strings.Contains(message(err), "tidak lagi cocok") {
		t.Fatalf("damaged content served: %v", err)
	}
	if _, err := f.svc.Verify(ctx, l.ID, "SESUAI", ""); code(err) != "Conflict/dokumen.rusak" {
		t.Fatalf("damaged file verified: %v", err)
	}
	if got, _ := f.svc.Verified(ctx, u.Row.ID); len(got) != 0 {
		t.Fatalf("a damaged file still counts: %v", got)
	}
	tt, err := f.svc.TandaTerima(ctx, u.Row.ID)
	if err != nil || len(tt.Dokumen) != 1 || !strings.Contains(tt.Dokumen[0].Status, "RUSAK") {
		t.Fatalf("tanda terima %+v %v", tt.Dokumen, err)
	}
	// Attaching the original again repairs the stored file.
	if _, err := f.svc.Attach(ctx, u.Row.ID, string(eligibility.DokSKPangkat), write(t, src, "skp-lagi.pdf", pdfBytes("skp 2024 2025"))); err != nil {
		t.Fatal(err)
	}
	if _, b, err := f.svc.Content(ctx, l.ID); err != nil || !bytes.Equal(b, pdfBytes("skp 2024 2025")) {
		t.Fatalf("repaired content: %v", err)
	}
	// A missing file is HILANG.
	os.Remove(path)
	if _, _, err := f.svc.Content(ctx, l.ID); code(err) != "NotFound/dokumen.hilang" {
		t.Fatalf("missing file: %v", err)
	}
}

func pdftotext(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	p := filepath.Join(t.TempDir(), "x.pdf")
	os.WriteFile(p, pdf, 0o600)
	out, err := exec.Command("pdftotext", "-layout", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestGeneratedPDFsFromRequests(t *testing.T) {
	f := newFixture(t)
	a := f.usulan(0, true)
	b := f.usulan(1, false)
	if _, err := f.svc.Attach(ctx, a.Row.ID, string(eligibility.DokSuratPermohonan), write(t, t.TempDir(), "permohonan.pdf", pdfBytes("surat"))); err != nil {
		t.Fatal(err)
	}

	n, err := f.svc.NotaUsulan(ctx, a.Row.ID)
	if err != nil {
		t.Fatal(err)
	}
	if n.Nomor != a.Row.Nomor || !n.Demo || n.PemdaNama != "Pemerintah Kota Sorong" || len(n.Aturan) != 21 || n.Pegawai.OPDLama == "" || len(n.Tujuan) != 1 {
		t.Fatalf("nota %+v", n)
	}
	var buf bytes.Buffer
	if err := report.NotaUsulanPDF(&buf, n); err != nil {
		t.Fatal(err)
	}
	txt := pdftotext(t, buf.Bytes())
	for _, want := range []string{"NOTA USULAN MUTASI PEGAWAI", a.Row.Nomor, a.Row.NIP, "MUT-01", "Mengikuti pasangan", "DATA CONTOH FIKTIF"} {
		if !strings.Contains(txt, want) {
			t.Errorf("nota usulan lacks %q", want)
		}
	}

	sk, err := f.svc.DraftSK(ctx, []string{a.Row.ID, b.Row.ID, a.Row.ID})
	if err != nil {
		t.Fatal(err)
	}
	if sk.Pejabat != "WALI KOTA SORONG" || len(sk.Pegawai) != 2 || sk.JenisSK != "antar perangkat daerah" {
		t.Fatalf("draft SK %+v", sk)
	}
	buf.Reset()
	if err := report.DraftSKPDF(&buf, sk); err != nil {
		t.Fatal(err)
	}
	txt = pdftotext(t, buf.Bytes())
	for _, want := range []string{"KEPUTUSAN WALI KOTA SORONG", "Menimbang", "Mengingat", "MEMUTUSKAN", "DRAF", "LAMPIRAN KEPUTUSAN", a.Row.NIP, b.Row.NIP} {
		if !strings.Contains(txt, want) {
			t.Errorf("draft SK lacks %q", want)
		}
	}
	if _, err := f.svc.DraftSK(ctx, nil); code(err) != "Invalid/dokumen.sk_kosong" {
		t.Fatalf("empty SK: %v", err)
	}

	tt, err := f.svc.TandaTerima(ctx, a.Row.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(tt.Dokumen) != 1 || len(tt.Kurang) != 5 {
		t.Fatalf("tanda terima %+v", tt)
	}
	buf.Reset()
	if err := report.TandaTerimaPDF(&buf, tt); err != nil {
		t.Fatal(err)
	}
	txt = pdftotext(t, buf.Bytes())
	for _, want := range []string{"TANDA TERIMA USULAN MUTASI", a.Row.Nomor, "permohonan.pdf", "Surat permohonan pindah", "Dokumen yang belum diterima"} {
		if !strings.Contains(txt, want) {
			t.Errorf("tanda terima lacks %q", want)
		}
	}
}

func TestPejabat(t *testing.T) {
	for in, want := range map[string]string{
		"Pemerintah Kota Sorong":               "WALI KOTA SORONG",
		"Pemerintah Kabupaten Maybrat":         "BUPATI MAYBRAT",
		"Pemerintah Provinsi Papua Barat Daya": "GUBERNUR PAPUA BARAT DAYA",
	} {
		if got := dokumen.Pejabat(in); got != want {
			t.Errorf("%s → %s, want %s", in, got, want)
		}
	}
}
