// Package kepegawaian is the personnel administration service: the region's
// organisation (Pemda, OPD, unit kerja, jabatan) and its employees. It
// validates input with the domain rules, gives new rows their ids and calls
// the Repository, which the SQLite store implements. Its read models (views.go)
// are what the desktop UI and the CLI show.
package kepegawaian

import (
	"context"
	"fmt"
	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Bundle is a whole region's data written at once (the demo region).
type Bundle struct {
	Pemda   domain.Pemda
	Demo    bool
	OPD     []domain.OPD
	Unit    []domain.Unit
	Jabatan []domain.Jabatan
	Pegawai []domain.Pegawai
	Riwayat []domain.RiwayatJabatan
	SKP     []domain.SKP
	Hukdis  []domain.Hukdis
	ABK     *BundleABK // optional: a year's ABK with its tasks
}

// BundleABK is an ABK written with a Bundle.
type BundleABK struct {
	ID     string
	Tahun  int
	Status string // DRAFT or FINAL
	Tugas  []BundleTugas
}

// BundleTugas is one ABK task of a position.
type BundleTugas struct {
	ID        string
	UnitID    string
	JabatanID string
	Urutan    int
	abk.Tugas
}

// Repository is the storage the service needs; backend/store implements it
// on SQLite.
type Repository interface {
	Dir() string
	DeviceID() string
	SchemaVersion() int
	Pemda(ctx context.Context) (p domain.Pemda, demo, found bool, err error)
	PendingChanges(ctx context.Context) (int, error)
	CountPegawai(ctx context.Context) (int, error)
	Checksum(ctx context.Context) (string, error)
	// ImportBundleProgress writes b into an empty database in one
	// transaction, calling report (when not nil) as rows are written.
	ImportBundleProgress(ctx context.Context, actor string, b *Bundle, report func(done, total int)) error
	CreatePemda(ctx context.Context, actor string, p domain.Pemda) error

	Dashboard(ctx context.Context) (Dashboard, error)
	ListOPD(ctx context.Context) ([]OPDHeadcount, error)
	OPD(ctx context.Context, id string) (domain.OPD, error)
	Units(ctx context.Context, opdID string) ([]domain.Unit, error)
	Unit(ctx context.Context, id string) (domain.Unit, error)
	BezettingByUnit(ctx context.Context, opdID string) (map[string][]JabatanHeld, error)
	ListJabatan(ctx context.Context) ([]JabatanRow, error)
	Jabatan(ctx context.Context, id string) (domain.Jabatan, error)
	ListPegawai(ctx context.Context, q PegawaiQuery) (PegawaiPage, error)
	Pegawai(ctx context.Context, id string) (domain.Pegawai, error)
	Riwayat(ctx context.Context, pegawaiID string) ([]RiwayatRow, error)
	SKP(ctx context.Context, pegawaiID string) ([]domain.SKP, error)
	Hukdis(ctx context.Context, pegawaiID string) ([]domain.Hukdis, error)

	SaveOPD(ctx context.Context, actor string, o domain.OPD, create bool) error
	DeleteOPD(ctx context.Context, actor, id string) error
	SaveUnit(ctx context.Context, actor string, u domain.Unit, create bool) error
	DeleteUnit(ctx context.Context, actor, id string) error
	SaveJabatan(ctx context.Context, actor string, j domain.Jabatan, create bool) error
	DeleteJabatan(ctx context.Context, actor, id string) error
	SavePegawai(ctx context.Context, actor string, p domain.Pegawai, create bool, newHistoryID string) error
	DeletePegawai(ctx context.Context, actor, id string) error
}

// Service is the personnel administration service.
type Service struct {
	repo    Repository
	demo    func(size int, seed int64, report DemoReport) (*Bundle, error)
	now     func() time.Time
	newID   func() string
	version string
}

// Config wires a Service.
type Config struct {
	Repo       Repository
	Now        func() time.Time // injectable clock
	NewID      func() string    // row ids (UUIDv7)
	AppVersion string
	// Demo generates the fictitious demo region (backend/demo), reporting its
	// stages to report (which may be nil); nil disables LoadDemo.
	Demo func(size int, seed int64, report DemoReport) (*Bundle, error)
}

// New builds a Service.
func New(c Config) *Service {
	if c.Now == nil {
		c.Now = time.Now
	}
	return &Service{repo: c.Repo, demo: c.Demo, now: c.Now, newID: c.NewID, version: c.AppVersion}
}

func (s *Service) today() domain.Date { return domain.DateOf(s.now()) }

// Status describes the installation.
func (s *Service) Status(ctx context.Context) (Status, error) {
	st := Status{DataDir: s.repo.Dir(), SchemaVersion: s.repo.SchemaVersion(), DeviceID: s.repo.DeviceID(), AppVersion: s.version}
	p, demo, found, err := s.repo.Pemda(ctx)
	if err != nil {
		return st, err
	}
	st.FirstRun, st.PemdaNama, st.Demo = !found, p.Nama, demo
	if st.JumlahPegawai, err = s.repo.CountPegawai(ctx); err != nil {
		return st, err
	}
	st.PendingChanges, err = s.repo.PendingChanges(ctx)
	return st, err
}

// Demo size limits: the UI offers 5,000; benchmarks use 20,000.
const (
	DemoMinSize = 50
	DemoMaxSize = 100000
)

// LoadDemo generates the fictitious demo region and writes it into an empty
// installation in one transaction.
func (s *Service) LoadDemo(ctx context.Context, size int, seed int64) (DemoResult, error) {
	return s.LoadDemoProgress(ctx, size, seed, nil)
}

// LoadDemoProgress is LoadDemo reporting its stage and percentage to progress
// (nil for none): monotonic, ending at 100 when the load succeeded. progress
// runs on the caller's goroutine, inside the import transaction for the
// "simpan" stage, so it must be quick.
func (s *Service) LoadDemoProgress(ctx context.Context, size int, seed int64, progress func(DemoProgress)) (DemoResult, error) {
	start := s.now()
	if size < DemoMinSize || size > DemoMaxSize {
		return DemoResult{}, &domain.Error{Kind: domain.KindInvalid, Code: "demo.size",
			Message:   fmt.Sprintf("Jumlah pegawai data contoh harus %d sampai %d.", DemoMinSize, DemoMaxSize),
			MessageEN: fmt.Sprintf("The demo size must be %d to %d.", DemoMinSize, DemoMaxSize),
			Fields: []domain.FieldError{{Field: "size", Code: "demo.size",
				Message: fmt.Sprintf("Harus %d sampai %d.", DemoMinSize, DemoMaxSize), MessageEN: fmt.Sprintf("Must be %d to %d.", DemoMinSize, DemoMaxSize)}}}
	}
	if s.demo == nil {
		return DemoResult{}, domain.E(domain.KindUnavailable, "demo.unavailable", "Data contoh tidak tersedia di program ini.", "The demo region is not available in this program.")
	}
	p := &demoProgress{sink: progress}
	p.report(DemoStageStruktur, 0, 1)
	b, err := s.demo(size, seed, p.report)
	if err != nil {
		return DemoResult{}, err
	}
	b.Demo = true
	if err := s.repo.ImportBundleProgress(ctx, actor.Name(ctx), b, func(done, total int) { p.report(DemoStageSimpan, done, total) }); err != nil {
		return DemoResult{}, err
	}
	p.report(DemoStagePeriksa, 0, 1)
	sum, err := s.repo.Checksum(ctx)
	if err != nil {
		return DemoResult{}, err
	}
	p.report(DemoStagePeriksa, 1, 1)
	return DemoResult{Pegawai: len(b.Pegawai), OPD: len(b.OPD), Unit: len(b.Unit), Jabatan: len(b.Jabatan),
		Checksum: sum, Millis: s.now().Sub(start).Milliseconds()}, nil
}

// CreatePemda starts an empty installation.
func (s *Service) CreatePemda(ctx context.Context, p domain.Pemda) (domain.Pemda, error) {
	p.Kode, p.Nama = strings.TrimSpace(p.Kode), strings.TrimSpace(p.Nama)
	var v domain.Validation
	if p.Kode == "" {
		v.Add("kode", "required", "Kode Pemda wajib diisi (mis. 9171).", "The Pemda code is required (e.g. 9171).")
	}
	if p.Nama == "" {
		v.Add("nama", "required", "Nama Pemda wajib diisi.", "The Pemda name is required.")
	}
	if err := v.Err(); err != nil {
		return p, err
	}
	p.ID = s.newID()
	return p, s.repo.CreatePemda(ctx, actor.Name(ctx), p)
}

// Dashboard returns the Beranda figures.
func (s *Service) Dashboard(ctx context.Context) (Dashboard, error) { return s.repo.Dashboard(ctx) }

// ListOPD returns the OPDs with headcounts.
func (s *Service) ListOPD(ctx context.Context) ([]OPDHeadcount, error) { return s.repo.ListOPD(ctx) }

// ListPegawai returns one page of employees.
func (s *Service) ListPegawai(ctx context.Context, q PegawaiQuery) (PegawaiPage, error) {
	return s.repo.ListPegawai(ctx, q)
}

// GetPegawai returns one employee with computed figures and history.
func (s *Service) GetPegawai(ctx context.Context, id string) (PegawaiDetail, error) {
	var d PegawaiDetail
	p, err := s.repo.Pegawai(ctx, id)
	if err != nil {
		return d, err
	}
	opd, err := s.repo.OPD(ctx, p.OPDID)
	if err != nil {
		return d, err
	}
	unit, err := s.repo.Unit(ctx, p.UnitID)
	if err != nil {
		return d, err
	}
	jab, err := s.repo.Jabatan(ctx, p.JabatanID)
	if err != nil {
		return d, err
	}
	today := s.today()
	d = PegawaiDetail{Pegawai: p, NamaLengkap: p.NamaLengkap(), OPDNama: opd.Nama, UnitNama: unit.Nama, JabatanNama: jab.Nama,
		JenisJabatan: JenisJabatanLabel(string(jab.Jenis)), PendidikanLabel: p.Pendidikan.String(),
		Umur: p.TanggalLahir.FullYearsUntil(today), MasaJabatan: p.TMTJabatan.FullYearsUntil(today), BUP: jab.BUP}
	if p.Status == domain.StatusPPPK {
		d.GolonganLabel = "PPPK " + p.GolonganPPPK.String()
	} else {
		d.GolonganLabel, d.Pangkat = p.Golongan.String(), p.Golongan.Pangkat()
	}
	// Retirement: the first day of the month after the BUP birthday (UU ASN practice).
	bup := p.TanggalLahir.AddYears(jab.BUP)
	pensiun, _ := domain.NewDate(bup.Y, bup.M, 1)
	d.TanggalPensiun = domain.DateOf(pensiun.Time().AddDate(0, 1, 0)).String()
	if d.Riwayat, err = s.repo.Riwayat(ctx, id); err != nil {
		return d, err
	}
	if d.SKP, err = s.repo.SKP(ctx, id); err != nil {
		return d, err
	}
	d.Hukdis, err = s.repo.Hukdis(ctx, id)
	return d, err
}

// SavePegawai validates and writes an employee (empty ID creates one).
func (s *Service) SavePegawai(ctx context.Context, p domain.Pegawai) (PegawaiDetail, error) {
	if err := p.Validate(s.today()); err != nil {
		return PegawaiDetail{}, err
	}
	create := p.ID == ""
	if create {
		p.ID = s.newID()
	}
	if err := s.repo.SavePegawai(ctx, actor.Name(ctx), p, create, s.newID()); err != nil {
		return PegawaiDetail{}, err
	}
	return s.GetPegawai(ctx, p.ID)
}

// DeletePegawai removes an employee and their history.
func (s *Service) DeletePegawai(ctx context.Context, id string) error {
	return s.repo.DeletePegawai(ctx, actor.Name(ctx), id)
}

// SaveOPD validates and writes an OPD of this installation's Pemda.
func (s *Service) SaveOPD(ctx context.Context, o domain.OPD) (domain.OPD, error) {
	if err := o.Validate(); err != nil {
		return o, err
	}
	p, _, found, err := s.repo.Pemda(ctx)
	if err != nil {
		return o, err
	}
	if !found {
		return o, domain.E(domain.KindInvalid, "pemda.missing", "Buat Pemda terlebih dahulu.", "Create the Pemda first.")
	}
	o.PemdaID = p.ID
	create := o.ID == ""
	if create {
		o.ID = s.newID()
	}
	return o, s.repo.SaveOPD(ctx, actor.Name(ctx), o, create)
}

// DeleteOPD removes an empty OPD.
func (s *Service) DeleteOPD(ctx context.Context, id string) error {
	return s.repo.DeleteOPD(ctx, actor.Name(ctx), id)
}

// SaveUnit validates and writes a unit.
func (s *Service) SaveUnit(ctx context.Context, u domain.Unit) (domain.Unit, error) {
	if err := u.Validate(); err != nil {
		return u, err
	}
	create := u.ID == ""
	if create {
		u.ID = s.newID()
	}
	return u, s.repo.SaveUnit(ctx, actor.Name(ctx), u, create)
}

// DeleteUnit removes an empty unit.
func (s *Service) DeleteUnit(ctx context.Context, id string) error {
	return s.repo.DeleteUnit(ctx, actor.Name(ctx), id)
}

// ListJabatan returns the catalogue with labels.
func (s *Service) ListJabatan(ctx context.Context) ([]JabatanRow, error) {
	rows, err := s.repo.ListJabatan(ctx)
	for i := range rows {
		rows[i].PendidikanLabel = rows[i].MinPendidikan.String()
		if rows[i].GolonganMin != 0 {
			rows[i].GolonganRange = rows[i].GolonganMin.String() + " – " + rows[i].GolonganMax.String()
		}
	}
	return rows, err
}

// SaveJabatan validates and writes a position.
func (s *Service) SaveJabatan(ctx context.Context, j domain.Jabatan) (domain.Jabatan, error) {
	if err := j.Validate(); err != nil {
		return j, err
	}
	create := j.ID == ""
	if create {
		j.ID = s.newID()
	}
	return j, s.repo.SaveJabatan(ctx, actor.Name(ctx), j, create)
}

// DeleteJabatan removes an unused position.
func (s *Service) DeleteJabatan(ctx context.Context, id string) error {
	return s.repo.DeleteJabatan(ctx, actor.Name(ctx), id)
}

// OPDTree returns an OPD's unit tree with the positions held and headcounts.
func (s *Service) OPDTree(ctx context.Context, opdID string) (OPDTree, error) {
	var t OPDTree
	all, err := s.repo.ListOPD(ctx)
	if err != nil {
		return t, err
	}
	found := false
	for _, o := range all {
		if o.ID == opdID {
			t.OPD, found = o, true
		}
	}
	if !found {
		return t, domain.E(domain.KindNotFound, "opd.not_found", "OPD tidak ditemukan.", "OPD not found.")
	}
	units, err := s.repo.Units(ctx, opdID)
	if err != nil {
		return t, err
	}
	held, err := s.repo.BezettingByUnit(ctx, opdID)
	if err != nil {
		return t, err
	}
	t.Units = BuildUnitTree(units, held)
	return t, nil
}

// BuildUnitTree nests units under their parents (ordered by code) and sums
// headcounts upward. A unit whose parent is missing is shown at the top level.
func BuildUnitTree(units []domain.Unit, held map[string][]JabatanHeld) []UnitNode {
	byParent := map[string][]domain.Unit{}
	ids := map[string]bool{}
	for _, u := range units {
		ids[u.ID] = true
	}
	for _, u := range units {
		p := u.ParentID
		if !ids[p] {
			p = ""
		}
		byParent[p] = append(byParent[p], u)
	}
	var build func(parent string, depth int) []UnitNode
	build = func(parent string, depth int) []UnitNode {
		out := []UnitNode{}
		if depth > len(units) { // a cycle in bad data must not recurse forever
			return out
		}
		for _, u := range byParent[parent] {
			n := UnitNode{Unit: u, Jabatan: held[u.ID], Children: build(u.ID, depth+1)}
			if n.Jabatan == nil {
				n.Jabatan = []JabatanHeld{}
			}
			for _, j := range n.Jabatan {
				n.Pegawai += j.Bezetting
			}
			n.Total = n.Pegawai
			for _, c := range n.Children {
				n.Total += c.Total
			}
			out = append(out, n)
		}
		return out
	}
	return build("", 0)
}
