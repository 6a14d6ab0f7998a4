// Package portaldesk is what a desktop does for the Portal Pegawai
// (docs/portal.md, "On the desktop"): an OPD operator or the BKPSDM admin
// issues activation letters (a one-time code per employee, its salted hash
// in a synced portal_aktivasi row, the printable PDF), and handles the
// data-error reports employees send from the portal (portal_laporan) as
// tasks. It is its own package because both concern the portal account of
// an employee, which neither the people service (kepegawaian) nor the
// desktop accounts (akun) know. Scope is checked here, against the actor
// the context carries: an OPD-bound user acts for their own OPD's employees
// only, whatever the caller asked.
package portaldesk

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"github.com/bkpsdm-sorong/imbang/backend/aktivasi"
	"github.com/bkpsdm-sorong/imbang/backend/auth"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/report"
)

// KeyPortalURL is the setting holding the portal's public address, printed
// on every letter; BKPSDM edits it in the settings screen.
const KeyPortalURL = "portal.url"

// DefaultPortalURL is printed until BKPSDM sets the address.
const DefaultPortalURL = "https://bkpsdm.example/portal/"

// Repository is the storage the service needs; backend/store implements it.
type Repository interface {
	Pemda(ctx context.Context) (p domain.Pemda, demo, found bool, err error)
	Pegawai(ctx context.Context, id string) (domain.Pegawai, error)
	OPD(ctx context.Context, id string) (domain.OPD, error)
	// PegawaiOfOPD lists an OPD's current staff.
	PegawaiOfOPD(ctx context.Context, opdID string) ([]domain.Pegawai, error)
	Setting(ctx context.Context, key string) (value string, found bool, err error)
	SaveSetting(ctx context.Context, actor, id, key, value string) error
	// IssueAktivasi stores the letters in one transaction: each one's
	// employee's older letters still in force are revoked (dicabut), the new
	// row inserted, the issue audited.
	IssueAktivasi(ctx context.Context, who string, rows []Aktivasi) error
	// Laporan lists the reports about employees of opdID ("" = all), newest first.
	Laporan(ctx context.Context, opdID string) ([]Laporan, error)
	LaporanByID(ctx context.Context, id string) (Laporan, error)
	// CloseLaporan writes the report's status, tanggapan, ditangani_oleh and
	// ditangani_pada; refused when it is no longer BARU in the transaction.
	CloseLaporan(ctx context.Context, who string, l Laporan) error
}

// Service is the desktop side of the Portal Pegawai.
type Service struct {
	repo    Repository
	now     func() time.Time
	newID   func() string
	newCode func() string
}

// Config wires a Service.
type Config struct {
	Repo    Repository
	Now     func() time.Time // injectable clock
	NewID   func() string    // row ids (UUIDv7)
	NewCode func() string    // default aktivasi.NewCode
}

// New builds a Service.
func New(c Config) *Service {
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.NewCode == nil {
		c.NewCode = aktivasi.NewCode
	}
	return &Service{repo: c.Repo, now: c.Now, newID: c.NewID, newCode: c.NewCode}
}

// scope is the OPD the acting user is limited to ("" = every OPD), refusing
// a user without the portal permission.
func scope(ctx context.Context) (actor.Actor, string, error) {
	u, err := actor.Required(ctx)
	if err != nil {
		return u, "", err
	}
	if !auth.Allowed(u.Role, auth.PermPortal) {
		return u, "", auth.Forbidden(u.Role, auth.PermAction(auth.PermPortal))
	}
	if auth.OPDBound(u.Role) {
		if u.OPDID == "" {
			return u, "", auth.ErrScope()
		}
		return u, u.OPDID, nil
	}
	return u, "", nil
}

// PortalURL is the address printed on the letters.
func (s *Service) PortalURL(ctx context.Context) (string, error) {
	v, found, err := s.repo.Setting(ctx, KeyPortalURL)
	if err != nil || !found || strings.TrimSpace(v) == "" {
		return DefaultPortalURL, err
	}
	return v, nil
}

// SavePortalURL sets the portal's address: an absolute http(s) URL.
func (s *Service) SavePortalURL(ctx context.Context, raw string) (string, error) {
	v := strings.TrimSpace(raw)
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(v) > 200 {
		var val domain.Validation
		val.Add("url", "portal.url", "Alamat portal harus berupa alamat web lengkap, misalnya https://bkpsdm.sorongkota.go.id/portal/.",
			"The portal address must be a full web address, e.g. https://bkpsdm.sorongkota.go.id/portal/.")
		return "", val.Err()
	}
	return v, s.repo.SaveSetting(ctx, actor.Name(ctx), s.newID(), KeyPortalURL, v)
}

// Sasaran says whom the letters are for: one employee, or every current
// employee of an OPD.
type Sasaran struct {
	PegawaiID string `json:"pegawaiId"`
	OPDID     string `json:"opdId"`
}

// Surat is a batch of issued letters: the PDF (one page per employee) and
// a file name for it. The codes are in the PDF only.
type Surat struct {
	Jumlah      int       `json:"jumlah"`
	NamaBerkas  string    `json:"namaBerkas"`
	Kedaluwarsa time.Time `json:"kedaluwarsa"`
	PDF         []byte    `json:"-"`
}

// SuratAktivasi issues a letter for each employee of the target: a fresh
// code, its hash in a portal_aktivasi row valid for aktivasi.Validity, the
// employee's older letters revoked, all in one transaction. The PDF is laid
// out before the transaction commits, so a failure leaves no row behind
// and a code is never stored without its letter.
func (s *Service) SuratAktivasi(ctx context.Context, t Sasaran) (Surat, error) {
	u, opd, err := scope(ctx)
	if err != nil {
		return Surat{}, err
	}
	var ps []domain.Pegawai
	var name string
	switch {
	case t.PegawaiID != "" && t.OPDID == "":
		p, err := s.repo.Pegawai(ctx, t.PegawaiID)
		if err != nil {
			return Surat{}, err
		}
		if opd != "" && p.OPDID != opd {
			return Surat{}, auth.ErrScope()
		}
		if !p.KeluarPada.IsZero() {
			return Surat{}, domain.E(domain.KindInvalid, "portal.pegawai_keluar",
				"Pegawai ini sudah pindah ke instansi lain; surat aktivasi tidak dapat diterbitkan.",
				"This employee has moved to another agency; no activation letter can be issued.")
		}
		ps, name = []domain.Pegawai{p}, "surat-aktivasi-"+string(p.NIP)
	case t.OPDID != "" && t.PegawaiID == "":
		if opd != "" && t.OPDID != opd {
			return Surat{}, auth.ErrScope()
		}
		o, err := s.repo.OPD(ctx, t.OPDID)
		if err != nil {
			return Surat{}, err
		}
		if ps, err = s.repo.PegawaiOfOPD(ctx, t.OPDID); err != nil {
			return Surat{}, err
		}
		if len(ps) == 0 {
			return Surat{}, domain.E(domain.KindInvalid, "portal.opd_kosong", "OPD ini tidak memiliki pegawai.", "This OPD has no employees.")
		}
		name = "surat-aktivasi-" + strings.ToLower(o.Singkatan)
	default:
		return Surat{}, domain.E(domain.KindInvalid, "portal.sasaran", "Pilih satu pegawai atau satu OPD.", "Choose one employee or one OPD.")
	}
	pemda, demo, _, err := s.repo.Pemda(ctx)
	if err != nil {
		return Surat{}, err
	}
	portal, err := s.PortalURL(ctx)
	if err != nil {
		return Surat{}, err
	}
	now := s.now()
	exp := now.Add(aktivasi.Validity)
	opdNama := map[string]string{}
	rows := make([]Aktivasi, 0, len(ps))
	letters := make([]report.SuratAktivasi, 0, len(ps))
	for _, p := range ps {
		if _, ok := opdNama[p.OPDID]; !ok {
			o, err := s.repo.OPD(ctx, p.OPDID)
			if err != nil {
				return Surat{}, err
			}
			opdNama[p.OPDID] = o.Nama
		}
		code := s.newCode()
		rows = append(rows, Aktivasi{ID: s.newID(), PegawaiID: p.ID, KodeHash: aktivasi.Hash(p.ID, code), Kedaluwarsa: exp,
			DibuatOleh: u.Username, DibuatPada: now})
		letters = append(letters, report.SuratAktivasi{NIP: string(p.NIP), Nama: p.NamaLengkap(), OPD: opdNama[p.OPDID], Kode: code,
			PortalURL: portal, Kedaluwarsa: exp, Penerbit: u.Nama})
	}
	nama := strings.TrimSpace(strings.Replace(pemda.Nama, "(DATA CONTOH FIKTIF)", "", 1))
	if nama == "" {
		nama = "Pemerintah Daerah"
	}
	var buf bytes.Buffer
	if err := report.WriteSuratAktivasi(&buf, report.MutasiDoc{PemdaNama: nama, Demo: demo, Dibuat: now}, letters); err != nil {
		return Surat{}, err
	}
	if err := s.repo.IssueAktivasi(ctx, actor.Name(ctx), rows); err != nil {
		return Surat{}, err
	}
	return Surat{Jumlah: len(rows), NamaBerkas: name + "-" + report.FileDate(now) + ".pdf", Kedaluwarsa: exp, PDF: buf.Bytes()}, nil
}

// LaporanQuery filters the data-error reports.
type LaporanQuery struct {
	OPDID  string `json:"opdId"`  // "" = every OPD the user may see
	Status string `json:"status"` // "" = all, BARU, SELESAI, DITOLAK
}

// DaftarLaporan lists the reports about employees in the user's scope, the
// new ones (BARU) first, then newest first.
func (s *Service) DaftarLaporan(ctx context.Context, q LaporanQuery) ([]Laporan, error) {
	_, opd, err := scope(ctx)
	if err != nil {
		return nil, err
	}
	if opd != "" {
		if q.OPDID != "" && q.OPDID != opd {
			return nil, auth.ErrScope()
		}
		q.OPDID = opd
	}
	if q.Status != "" && !slices.Contains(Statuses, q.Status) {
		return nil, domain.E(domain.KindInvalid, "portal.laporan_status", "Status laporan tidak dikenal.", "Unknown report status.")
	}
	all, err := s.repo.Laporan(ctx, q.OPDID)
	if err != nil {
		return nil, err
	}
	out := make([]Laporan, 0, len(all))
	for _, l := range all {
		if q.Status == "" || l.Status == q.Status {
			out = append(out, l)
		}
	}
	slices.SortStableFunc(out, func(a, b Laporan) int {
		if (a.Status == StatusBaru) != (b.Status == StatusBaru) {
			if a.Status == StatusBaru {
				return -1
			}
			return 1
		}
		return strings.Compare(b.DibuatPada, a.DibuatPada)
	})
	return out, nil
}

// JumlahLaporanBaru is the sidebar badge: new reports in the user's scope.
func (s *Service) JumlahLaporanBaru(ctx context.Context) (int, error) {
	ls, err := s.DaftarLaporan(ctx, LaporanQuery{Status: StatusBaru})
	return len(ls), err
}

// TutupLaporan closes a new report as SELESAI (the data was corrected, or
// checked) or DITOLAK (the data is right; a tanggapan saying why is
// required). The change syncs back and the portal shows it to the employee.
func (s *Service) TutupLaporan(ctx context.Context, id, status, tanggapan string) (Laporan, error) {
	u, opd, err := scope(ctx)
	if err != nil {
		return Laporan{}, err
	}
	l, err := s.repo.LaporanByID(ctx, id)
	if err != nil {
		return Laporan{}, err
	}
	if opd != "" && l.OPDID != opd {
		return Laporan{}, auth.ErrScope()
	}
	tanggapan = strings.TrimSpace(tanggapan)
	var v domain.Validation
	switch status {
	case StatusSelesai:
	case StatusDitolak:
		if tanggapan == "" {
			v.Add("tanggapan", "required", "Tuliskan tanggapan: mengapa laporan ini ditolak.", "Write a response: why the report is rejected.")
		}
	default:
		v.Add("status", "portal.laporan_status", "Laporan ditutup sebagai SELESAI atau DITOLAK.", "A report is closed as SELESAI or DITOLAK.")
	}
	if len([]rune(tanggapan)) > 2000 {
		v.Add("tanggapan", "too_long", "Tanggapan paling banyak 2.000 karakter.", "The response has at most 2,000 characters.")
	}
	if err := v.Err(); err != nil {
		return Laporan{}, err
	}
	if l.Status != StatusBaru {
		return Laporan{}, domain.E(domain.KindConflict, "portal.laporan_ditutup",
			fmt.Sprintf("Laporan ini sudah ditutup (%s).", l.Status), fmt.Sprintf("This report is already closed (%s).", l.Status))
	}
	l.Status, l.Tanggapan, l.DitanganiOleh, l.DitanganiPada = status, tanggapan, u.Nama, s.now().UTC().Format(time.RFC3339Nano)
	if err := s.repo.CloseLaporan(ctx, actor.Name(ctx), l); err != nil {
		return Laporan{}, err
	}
	return s.repo.LaporanByID(ctx, id)
}
