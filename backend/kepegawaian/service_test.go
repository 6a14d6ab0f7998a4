package kepegawaian_test

import (
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

var ctx = storetest.Ctx(storetest.Admin) // services write and decide only for an actor

type env struct {
	svc  *kepegawaian.Service
	st   *store.Store
	opd  domain.OPD
	unit domain.Unit
	jab  domain.Jabatan
}

func setup(t *testing.T) env {
	t.Helper()
	now := func() time.Time { return time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC) }
	st, err := store.Open(ctx, store.Options{Dir: t.TempDir(), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	svc := kepegawaian.New(kepegawaian.Config{Repo: st, Now: now, NewID: store.NewID})
	if _, err := svc.CreatePemda(ctx, domain.Pemda{Kode: "9171", Nama: "Pemkot Uji"}); err != nil {
		t.Fatal(err)
	}
	e := env{svc: svc, st: st}
	if e.opd, err = svc.SaveOPD(ctx, domain.OPD{Kode: "D1", Nama: "Dinas Uji", Singkatan: "DU", Jenis: domain.OPDDinas}); err != nil {
		t.Fatal(err)
	}
	if e.unit, err = svc.SaveUnit(ctx, domain.Unit{OPDID: e.opd.ID, Kode: "D1.1", Nama: "Sekretariat"}); err != nil {
		t.Fatal(err)
	}
	if e.jab, err = svc.SaveJabatan(ctx, domain.Jabatan{Kode: "AK", Nama: "Analis Kebijakan Ahli Pertama", Jenis: domain.JabatanFungsional,
		Jenjang: domain.JenjangPertama, Kelas: 8, MinPendidikan: 40}); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e env) pegawai() domain.Pegawai {
	return domain.Pegawai{NIP: "199203142018012002", Nama: "Maria Rumbiak", GelarBelakang: "S.E.", JenisKelamin: domain.GenderPerempuan,
		TanggalLahir: domain.MustDate("1992-03-14"), Status: domain.StatusPNS, Golongan: 32, Pendidikan: 40,
		OPDID: e.opd.ID, UnitID: e.unit.ID, JabatanID: e.jab.ID, TMTJabatan: domain.MustDate("2021-04-01"), TMTPNS: domain.MustDate("2019-01-01")}
}

func TestSaveAndDetail(t *testing.T) {
	e := setup(t)
	d, err := e.svc.SavePegawai(ctx, e.pegawai())
	if err != nil {
		t.Fatal(err)
	}
	if d.NamaLengkap != "Maria Rumbiak, S.E." || d.Umur != 34 || d.MasaJabatan != 5 || d.GolonganLabel != "III/b" || d.Pangkat != "Penata Muda Tingkat I" {
		t.Fatalf("detail: %+v", d)
	}
	if d.BUP != 58 || d.TanggalPensiun != "2050-04-01" {
		t.Fatalf("retirement: BUP %d on %s", d.BUP, d.TanggalPensiun)
	}
	if len(d.Riwayat) != 1 || d.Riwayat[0].UnitNama != "Sekretariat" {
		t.Fatalf("history: %+v", d.Riwayat)
	}
}

// The acceptance cases: each refused with a precise Indonesian
// message, and nothing stored.
func TestBadNIPsRefusedAndNothingStored(t *testing.T) {
	e := setup(t)
	cases := map[string]struct {
		edit  func(*domain.Pegawai)
		field string
		msg   string
	}{
		"impossible birth date": {func(p *domain.Pegawai) { p.NIP = "199202302018012002" }, "nip", "Digit 1–8 NIP (19920230) bukan tanggal lahir yang valid (format TTTTBBHH)."},
		"gender digit 3":        {func(p *domain.Pegawai) { p.NIP = "199203142018013002" }, "nip", "Digit ke-15 NIP adalah jenis kelamin dan harus 1 (laki-laki) atau 2 (perempuan), bukan 3."},
		"17 digits":             {func(p *domain.Pegawai) { p.NIP = "19920314201801200" }, "nip", "NIP harus 18 digit; yang diisi 17 digit."},
		"birth date differs":    {func(p *domain.Pegawai) { p.TanggalLahir = domain.MustDate("1992-03-15") }, "nip", "Tanggal lahir pada NIP (14 Maret 1992) tidak sama dengan tanggal lahir yang diisi (15 Maret 1992)."},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			p := e.pegawai()
			c.edit(&p)
			_, err := e.svc.SavePegawai(ctx, p)
			var de *domain.Error
			if !asErr(err, &de) || de.Kind != domain.KindInvalid {
				t.Fatalf("want Invalid, got %v", err)
			}
			found := false
			for _, f := range de.Fields {
				found = found || (f.Field == c.field && f.Message == c.msg)
			}
			if !found {
				t.Fatalf("want %s: %q, got %+v", c.field, c.msg, de.Fields)
			}
			if n, _ := e.st.CountPegawai(ctx); n != 0 {
				t.Fatalf("%d employees stored", n)
			}
			if n, _ := e.st.PendingChanges(ctx); n != 4 { // pemda, opd, unit, jabatan only
				t.Fatalf("outbox has %d entries", n)
			}
		})
	}
}

func TestOPDTree(t *testing.T) {
	e := setup(t)
	child, err := e.svc.SaveUnit(ctx, domain.Unit{OPDID: e.opd.ID, ParentID: e.unit.ID, Kode: "D1.1.1", Nama: "Subbagian Umum"})
	if err != nil {
		t.Fatal(err)
	}
	p := e.pegawai()
	p.UnitID = child.ID
	if _, err := e.svc.SavePegawai(ctx, p); err != nil {
		t.Fatal(err)
	}
	tree, err := e.svc.OPDTree(ctx, e.opd.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(tree.Units) != 1 || tree.Units[0].Total != 1 || tree.Units[0].Pegawai != 0 || len(tree.Units[0].Children) != 1 {
		t.Fatalf("tree: %+v", tree.Units)
	}
	if c := tree.Units[0].Children[0]; c.Pegawai != 1 || c.Jabatan[0].Bezetting != 1 {
		t.Fatalf("child: %+v", c)
	}
	if _, err := e.svc.OPDTree(ctx, "nope"); domain.KindOf(err) != domain.KindNotFound {
		t.Fatalf("unknown OPD: %v", err)
	}
}

func TestLoadDemoRefusesNonEmptyAndBadSize(t *testing.T) {
	e := setup(t)
	if _, err := e.svc.LoadDemo(ctx, 10, 1); domain.CodeOf(err) != "demo.size" {
		t.Fatalf("size 10: %v", err)
	}
}

func TestReferenceComesFromTheLadders(t *testing.T) {
	r := kepegawaian.New(kepegawaian.Config{}).Reference()
	if len(r.Golongan) != 17 || r.Golongan[8].Value != "31" || len(r.GolonganPPPK) != 17 || len(r.Pendidikan) != len(domain.PendidikanLevels()) {
		t.Fatalf("reference: %+v", r)
	}
}

func asErr(err error, target **domain.Error) bool {
	e, ok := err.(*domain.Error)
	if ok {
		*target = e
	}
	return ok
}
