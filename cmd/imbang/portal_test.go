package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// portal surat writes the letters (one employee, then a whole OPD) and
// stores only the codes' hashes; portal laporan lists the reports; bad
// usage is refused with nothing written.
func TestPortalCommands(t *testing.T) {
	dir := demoDir(t)
	st, err := store.Open(context.Background(), store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var nip, kode string
	var staff int
	st.DB().QueryRow("SELECT p.nip, o.kode FROM pegawai p JOIN opd o ON o.id = p.opd_id ORDER BY p.nip LIMIT 1").Scan(&nip, &kode)
	st.DB().QueryRow("SELECT count(*) FROM pegawai p JOIN opd o ON o.id = p.opd_id WHERE o.kode = ? AND p.keluar_pada = ''", kode).Scan(&staff)
	st.Close()

	out := filepath.Join(t.TempDir(), "surat.pdf")
	for _, bad := range [][]string{{"portal"}, {"portal", "surat", "--nip", nip}, {"portal", "surat", "--nip", nip, "--opd", kode, "--out", out},
		{"portal", "surat", "--nip", "199901012020011999", "--out", out}} {
		if _, _, code := runCLI(t, append([]string{"--data-dir", dir}, bad...)...); code == 0 {
			t.Fatalf("%v accepted", bad)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a refused command wrote the PDF")
	}
	o, e, code := runCLI(t, "--data-dir", dir, "portal", "surat", "--nip", nip, "--out", out)
	if code != 0 || !strings.HasPrefix(o, "1 surat aktivasi") {
		t.Fatalf("%s %s", o, e)
	}
	if b, _ := os.ReadFile(out); !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatal("not a PDF")
	}
	o, e, code = runCLI(t, "--data-dir", dir, "portal", "surat", "--opd", kode, "--out", out)
	if code != 0 || !strings.Contains(o, " surat aktivasi") {
		t.Fatalf("%s %s", o, e)
	}
	st, err = store.Open(context.Background(), store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var live, revoked int
	st.DB().QueryRow("SELECT count(*) FROM portal_aktivasi WHERE dicabut = 0").Scan(&live)
	st.DB().QueryRow("SELECT count(*) FROM portal_aktivasi WHERE dicabut = 1").Scan(&revoked)
	st.Close()
	if live != staff || revoked != 1 {
		t.Fatalf("%d letters in force (want %d), %d revoked (want 1)", live, staff, revoked)
	}
	o, e, code = runCLI(t, "--data-dir", dir, "portal", "laporan", "--opd", kode, "--json")
	var ls []any
	if code != 0 || json.Unmarshal([]byte(o), &ls) != nil || len(ls) != 0 {
		t.Fatalf("laporan: %s %s", o, e)
	}
	if _, _, code := runCLI(t, "--data-dir", dir, "portal", "laporan", "--status", "LAIN"); code == 0 {
		t.Fatal("unknown status accepted")
	}
}
