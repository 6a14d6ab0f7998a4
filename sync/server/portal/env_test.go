package portal_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
	"github.com/bkpsdm-sorong/imbang/sync/server/portal"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
	"github.com/google/uuid"
)

var ctx = context.Background()

// env is a sync server with the portal on one store, a BKPSDM desktop
// (pushes) and a test clock.
type env struct {
	t      *testing.T
	now    time.Time
	st     server.Store
	srv    *server.Server
	portal *portal.Portal
	ts     *httptest.Server
	dev    string // BKPSDM device id
	seq    int64
	clock  *hlc.Clock
	r      fixture
}

type fixture struct {
	pemda, opdA, opdB, unitA, unitB, jab, jab2, pegA, pegB, abk string
	nipA, nipB                                                  string
}

func eachStore(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Run("sqlite", func(t *testing.T) {
		st, err := sqlitestore.Open(t.TempDir() + "/server.db")
		if err != nil {
			t.Fatal(err)
		}
		fn(t, newEnv(t, st, portal.Config{}))
	})
	t.Run("postgres", func(t *testing.T) {
		st, err := pgstore.Open(ctx, pgtest.NewDatabase(t))
		if err != nil {
			t.Fatal(err)
		}
		fn(t, newEnv(t, st, portal.Config{}))
	})
}

func newEnv(t *testing.T, st server.Store, cfg portal.Config) *env {
	t.Helper()
	e := &env{t: t, now: time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC), st: st}
	srv, err := server.New(st, server.Options{Now: func() time.Time { return e.now }})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Now = func() time.Time { return e.now }
	p, err := portal.New(srv, cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv.Mount(portal.Prefix, p)
	e.srv, e.portal = srv, p
	e.ts = httptest.NewServer(srv.Handler())
	t.Cleanup(func() { e.ts.Close(); st.Close() })
	e.dev, _, err = srv.AddDevice(ctx, "", true)
	if err != nil {
		t.Fatal(err)
	}
	e.clock = hlc.New(func() time.Time { return e.now }, hlc.Timestamp{})
	e.seed()
	return e
}

// push sends changes as the BKPSDM desktop; every one must apply.
func (e *env) push(chs ...protocol.Change) {
	e.t.Helper()
	for i := range chs {
		e.seq++
		chs[i].LocalSeq, chs[i].ChangeID, chs[i].HLC, chs[i].SchemaVersion = e.seq, uuid.NewString(), e.clock.Now().String(), protocol.SchemaVersion
	}
	resp, herr := e.srv.Push(ctx, e.dev, protocol.PushRequest{DeviceID: "bkpsdm-install", SchemaVersion: protocol.SchemaVersion, Changes: chs})
	if herr != nil {
		e.t.Fatalf("push: %v", herr)
	}
	for _, d := range resp.Dispositions {
		if d.Status != protocol.StatusApplied {
			e.t.Fatalf("push: %+v", d)
		}
	}
}

func ins(tbl, id string, cols map[string]any) protocol.Change {
	return protocol.Change{Table: tbl, RowID: id, Op: protocol.OpInsert, Cols: cols}
}

func pegawai(nip, nama, opd, unit, jab string) map[string]any {
	return map[string]any{"nip": nip, "nama": nama, "gelar_depan": "", "gelar_belakang": "", "jenis_kelamin": "L", "tempat_lahir": "Sorong",
		"tanggal_lahir": nip[0:4] + "-" + nip[4:6] + "-" + nip[6:8], "status": "PNS", "golongan": 32, "golongan_pppk": 0, "pendidikan": 40,
		"jurusan": "Manajemen", "opd_id": opd, "unit_id": unit, "jabatan_id": jab, "tmt_jabatan": "2020-01-01", "tmt_cpns": nip[8:12] + "-" + nip[12:14] + "-01",
		"tmt_pns": fmt.Sprintf("%d-%s-01", atoi(nip[8:12])+1, nip[12:14]), "keluar_pada": "", "instansi_tujuan": ""}
}

func (e *env) seed() {
	n := func() string { return uuid.NewString() }
	r := fixture{pemda: n(), opdA: n(), opdB: n(), unitA: n(), unitB: n(), jab: n(), jab2: n(), pegA: n(), pegB: n(), abk: n(),
		nipA: "198001012005011001", nipB: "198102022006041002"}
	e.push(
		ins("pemda", r.pemda, map[string]any{"kode": "9171", "nama": "Kota Sorong", "demo": 1}),
		ins("opd", r.opdA, map[string]any{"pemda_id": r.pemda, "kode": "OPD-A", "nama": "Dinas Arsip", "singkatan": "A", "jenis": "DINAS", "alamat": ""}),
		ins("opd", r.opdB, map[string]any{"pemda_id": r.pemda, "kode": "OPD-B", "nama": "Dinas Bahari", "singkatan": "B", "jenis": "DINAS", "alamat": ""}),
		ins("unit", r.unitA, map[string]any{"opd_id": r.opdA, "parent_id": nil, "kode": "U1", "nama": "Sekretariat Arsip"}),
		ins("unit", r.unitB, map[string]any{"opd_id": r.opdB, "parent_id": nil, "kode": "U1", "nama": "Bidang Pesisir"}),
		ins("jabatan", r.jab, map[string]any{"kode": "J1", "nama": "Analis Kebijakan", "jenis": "PELAKSANA", "jenjang": "", "kelas": 7, "min_pendidikan": 40,
			"jurusan": "[]", "golongan_min": 0, "golongan_max": 0, "bup": 58}),
		ins("jabatan", r.jab2, map[string]any{"kode": "J2", "nama": "Pengelola Data Pesisir", "jenis": "PELAKSANA", "jenjang": "", "kelas": 7, "min_pendidikan": 40,
			"jurusan": "[]", "golongan_min": 0, "golongan_max": 0, "bup": 58}),
		ins("pegawai", r.pegA, pegawai(r.nipA, "Andi Arsipa", r.opdA, r.unitA, r.jab)),
		ins("pegawai", r.pegB, pegawai(r.nipB, "Budi Baharia", r.opdB, r.unitB, r.jab2)),
		ins("riwayat_jabatan", n(), map[string]any{"pegawai_id": r.pegA, "opd_id": r.opdA, "unit_id": r.unitA, "jabatan_id": r.jab,
			"tmt": "2020-01-01", "tanggal_selesai": "", "nomor_sk": "SK-1", "keterangan": ""}),
		ins("skp", n(), map[string]any{"pegawai_id": r.pegA, "tahun": 2025, "predikat": "BAIK"}),
		ins("skp", n(), map[string]any{"pegawai_id": r.pegA, "tahun": 2024, "predikat": "SANGAT_BAIK"}),
		ins("abk", r.abk, map[string]any{"tahun": 2026, "status": "FINAL", "catatan": "", "difinalkan_pada": "2026-02-01T00:00:00Z"}),
		// Bidang Pesisir needs 3 Pengelola Data Pesisir (1 in post): a deficit of 2
		ins("abk_tugas", n(), map[string]any{"abk_id": r.abk, "unit_id": r.unitB, "jabatan_id": r.jab2, "urutan": 1, "uraian": "Mengolah data pesisir",
			"satuan_hasil": "laporan", "volume": 3 * 1250 * 60, "periode": "TAHUN", "norma_menit": 1}),
		ins("abk_tugas", n(), map[string]any{"abk_id": r.abk, "unit_id": r.unitA, "jabatan_id": r.jab, "urutan": 1, "uraian": "Analisis",
			"satuan_hasil": "dokumen", "volume": 1250 * 60, "periode": "TAHUN", "norma_menit": 1}),
	)
	e.r = r
}

// letter issues an activation letter for the NIP and returns its code.
func (e *env) letter(nip string) string {
	e.t.Helper()
	ls, err := portal.IssueLetters(ctx, e.srv, []string{nip}, "", "BKPSDM", e.ts.URL+"/portal/", e.now, 0)
	if err != nil || len(ls) != 1 {
		e.t.Fatalf("letters: %v %v", ls, err)
	}
	return ls[0].Kode
}

// browser is one person's browser: a cookie jar, no redirects followed
// automatically so each answer can be checked.
type browser struct {
	e    *env
	c    *http.Client
	last string // the last page's body
}

func (e *env) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{e: e, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browser) get(path string) (int, string) {
	b.e.t.Helper()
	res, err := b.c.Get(b.e.ts.URL + path)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	b.last = string(body)
	if res.StatusCode == http.StatusSeeOther {
		return res.StatusCode, res.Header.Get("Location")
	}
	return res.StatusCode, b.last
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf is the token of the last page (fetching page when given).
func (b *browser) csrf(page string) string {
	b.e.t.Helper()
	if page != "" {
		b.get(page)
	}
	m := csrfRe.FindStringSubmatch(b.last)
	if m == nil {
		b.e.t.Fatalf("no csrf token on the page:\n%.500s", b.last)
	}
	return m[1]
}

// post sends a form (with the token of page, fetched first) and returns the
// status and the body, or the redirect target.
func (b *browser) post(page, path string, form url.Values) (int, string) {
	b.e.t.Helper()
	if page != "" {
		form.Set("csrf", b.csrf(page))
	}
	res, err := b.c.PostForm(b.e.ts.URL+path, form)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	b.last = string(body)
	if res.StatusCode == http.StatusSeeOther {
		return res.StatusCode, res.Header.Get("Location")
	}
	return res.StatusCode, b.last
}

// multipart posts a form with files (field → content).
func (b *browser) multipart(page, path string, form url.Values, files map[string][]byte) (int, string) {
	b.e.t.Helper()
	form.Set("csrf", b.csrf(page))
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for k, data := range files {
		w, _ := mw.CreateFormFile(k, k+".pdf")
		w.Write(data)
	}
	mw.Close()
	res, err := b.c.Post(b.e.ts.URL+path, mw.FormDataContentType(), &buf)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	b.last = string(body)
	if res.StatusCode == http.StatusSeeOther {
		return res.StatusCode, res.Header.Get("Location")
	}
	return res.StatusCode, b.last
}

const goodPassword = "Sorong2026aman"

// activate activates nip's account with a fresh letter and is logged in.
func (b *browser) activate(nip string) {
	b.e.t.Helper()
	code := b.e.letter(nip)
	st, loc := b.post("/portal/aktivasi", "/portal/aktivasi", url.Values{"nip": {nip}, "kode": {code}, "password": {goodPassword}, "password2": {goodPassword}})
	if st != http.StatusSeeOther || !strings.HasPrefix(loc, "/portal/data") {
		b.e.t.Fatalf("activation: %d %.300s", st, loc)
	}
}

func (b *browser) login(nip, password string) (int, string) {
	return b.post("/portal/masuk", "/portal/masuk", url.Values{"nip": {nip}, "password": {password}})
}

var pdf = []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

func must(t *testing.T, ok bool, format string, args ...any) {
	t.Helper()
	if !ok {
		t.Fatalf(format, args...)
	}
}

func atoi(s string) int { n := 0; fmt.Sscan(s, &n); return n }
