package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/portaldesk"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// code is the stable code of a bound method's refusal.
func code(err error) string {
	_, c := errCode(err)
	return c
}

// The portal methods through the facade: an operator saves the letter of
// one of their employees; a cancelled dialog issues nothing; another OPD's
// employee and roles without the portal permission are refused.
func TestPortalThroughTheFacade(t *testing.T) {
	a, _, d, st := newIOApp(t)
	a.portal = portaldesk.New(portaldesk.Config{Repo: st, NewID: store.NewID})
	var peg, opd, other string
	st.DB().QueryRow("SELECT id, opd_id FROM pegawai ORDER BY nip LIMIT 1").Scan(&peg, &opd)
	st.DB().QueryRow("SELECT id FROM pegawai WHERE opd_id <> ? ORDER BY nip LIMIT 1", opd).Scan(&other)
	count := func() (n int) {
		st.DB().QueryRow("SELECT count(*) FROM portal_aktivasi").Scan(&n)
		return
	}

	loginAs(t, a, domain.RoleOperatorOPD, opd)
	if p, err := a.SuratAktivasiPortal(peg, ""); err != nil || p != "" || count() != 0 {
		t.Fatalf("cancelled dialog: %q %v, %d rows", p, err, count())
	}
	d.save = t.TempDir()
	p, err := a.SuratAktivasiPortal(peg, "")
	if err != nil || p == "" || count() != 1 {
		t.Fatalf("letter: %q %v", p, err)
	}
	if b, _ := os.ReadFile(p); !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatal("not a PDF")
	}
	if _, err := a.SuratAktivasiPortal(other, ""); code(err) != "auth.scope" || count() != 1 {
		t.Fatalf("another OPD's employee: %v", err)
	}
	if n, err := a.JumlahLaporanPortal(); err != nil || n != 0 {
		t.Fatalf("badge %d %v", n, err)
	}
	if _, err := a.SavePortalURL("https://x.example/portal/"); code(err) != "auth.forbidden" {
		t.Fatalf("operator set the portal address: %v", err)
	}
	loginAs(t, a, domain.RoleVerifikator, "")
	if _, err := a.SuratAktivasiPortal(peg, ""); code(err) != "auth.forbidden" {
		t.Fatalf("verifikator: %v", err)
	}
	if _, err := a.LaporanPortal(portaldesk.LaporanQuery{}); code(err) != "auth.forbidden" {
		t.Fatalf("verifikator reports: %v", err)
	}
	loginAs(t, a, domain.RoleAdmin, "")
	if u, err := a.SavePortalURL("https://bkpsdm.example/portal/"); err != nil || u != "https://bkpsdm.example/portal/" {
		t.Fatalf("admin: %q %v", u, err)
	}
	if p, err := a.SuratAktivasiPortal("", opd); err != nil || p == "" || count() < 2 {
		t.Fatalf("OPD batch: %q %v", p, err)
	}
}
