package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/google/uuid"
)

// seedEmployee puts one employee (with OPD, unit, jabatan) on the server.
func seedEmployee(t *testing.T, db, nip string) {
	t.Helper()
	st, srv, err := openServer(db, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	pemda, opd, unit, jab := uuid.NewString(), uuid.NewString(), uuid.NewString(), uuid.NewString()
	ins := func(tbl, id string, cols map[string]any) protocol.Change {
		return protocol.Change{Table: tbl, RowID: id, Op: protocol.OpInsert, Cols: cols}
	}
	if err := srv.ApplyServer(context.Background(), "", []protocol.Change{
		ins("pemda", pemda, map[string]any{"kode": "9171", "nama": "Kota Sorong", "demo": 1}),
		ins("opd", opd, map[string]any{"pemda_id": pemda, "kode": "OPD-A", "nama": "Dinas Arsip", "singkatan": "A", "jenis": "DINAS", "alamat": ""}),
		ins("unit", unit, map[string]any{"opd_id": opd, "parent_id": nil, "kode": "U1", "nama": "Sekretariat"}),
		ins("jabatan", jab, map[string]any{"kode": "J1", "nama": "Analis", "jenis": "PELAKSANA", "jenjang": "", "kelas": 7, "min_pendidikan": 40,
			"jurusan": "[]", "golongan_min": 0, "golongan_max": 0, "bup": 58}),
		ins("pegawai", uuid.NewString(), map[string]any{"nip": nip, "nama": "Andi Arsipa", "gelar_depan": "", "gelar_belakang": "", "jenis_kelamin": "L",
			"tempat_lahir": "", "tanggal_lahir": "1980-01-01", "status": "PNS", "golongan": 32, "golongan_pppk": 0, "pendidikan": 40, "jurusan": "",
			"opd_id": opd, "unit_id": unit, "jabatan_id": jab, "tmt_jabatan": "2020-01-01", "tmt_cpns": "2005-01-01", "tmt_pns": "2006-01-01",
			"keluar_pada": "", "instansi_tujuan": ""}),
	}); err != nil {
		t.Fatal(err)
	}
}

// portal activate writes the letters' PDF (and the synced hashes); serve
// --portal serves the portal where the code activates the account.
func TestPortalActivateAndServe(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	nip := "198001012005011001"
	seedEmployee(t, db, nip)
	pdf := filepath.Join(dir, "surat.pdf")
	out, errs, code := cli(t, "--db", db, "portal", "activate", "--nip", nip, "--out", pdf, "--url", "https://bkpsdm.example/portal/", "--print-codes")
	if code != 0 {
		t.Fatalf("activate: %d %s", code, errs)
	}
	raw, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(raw, []byte("%PDF")) {
		t.Fatalf("letters PDF: %v", err)
	}
	m := regexp.MustCompile(`code ` + nip + ` (\S+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no code printed: %q", out)
	}
	if _, _, code := cli(t, "--db", db, "portal", "activate", "--nip", "199912312020121001", "--out", pdf); code != 1 {
		t.Fatalf("an unknown NIP: %d", code)
	}

	ready := make(chan string, 1)
	done := make(chan int, 1)
	var serr bytes.Buffer
	go func() {
		done <- run([]string{"serve", "--http", "--listen", "127.0.0.1:0", "--db", db, "--portal", "--trusted-proxy", "10.0.0.0/8", "--trusted-proxy", "::1"}, &bytes.Buffer{}, &serr, ready)
	}()
	addr := <-ready
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get("http://" + addr + "/portal/aktivasi")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Security-Policy"), "default-src 'self'") {
		t.Fatalf("portal page: %d %v", res.StatusCode, res.Header)
	}
	tok := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(page)
	res, err = c.PostForm("http://"+addr+"/portal/aktivasi", url.Values{"csrf": {string(tok[1])}, "nip": {nip}, "kode": {m[1]},
		"password": {"Sorong2026aman"}, "password2": {"Sorong2026aman"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/portal/data") {
		t.Fatalf("activation through serve: %d", res.StatusCode)
	}
	syscall.Kill(os.Getpid(), syscall.SIGTERM)
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d: %s", code, serr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// A --trusted-proxy that is no address or CIDR range stops serve before it
// listens.
func TestServeRefusesABadTrustedProxy(t *testing.T) {
	db := filepath.Join(t.TempDir(), "server.db")
	var serr bytes.Buffer
	ready := make(chan string, 1)
	code := run([]string{"serve", "--http", "--listen", "127.0.0.1:0", "--db", db, "--portal", "--trusted-proxy", "10.0.0.0/33"}, &bytes.Buffer{}, &serr, ready)
	if code != 2 || !strings.Contains(serr.String(), "--trusted-proxy") {
		t.Fatalf("exit %d: %s", code, serr.String())
	}
	select {
	case addr := <-ready:
		t.Fatalf("served on %s", addr)
	default:
	}
}
