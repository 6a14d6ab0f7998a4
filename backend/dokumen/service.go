package dokumen

import (
	"context"
	"fmt"
	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
)

// Repository is the storage the service needs; backend/store implements it.
type Repository interface {
	Setting(ctx context.Context, key string) (value string, found bool, err error)
	SaveSetting(ctx context.Context, actor, id, key, value string) error
	Pemda(ctx context.Context) (p domain.Pemda, demo, found bool, err error)
	// UsulanDokumen reads a request with its names (NotFound when missing).
	UsulanDokumen(ctx context.Context, id string) (Usulan, error)
	LampiranOf(ctx context.Context, usulanID string) ([]Lampiran, error)
	LampiranByID(ctx context.Context, id string) (Lampiran, error)
	// InsertLampiran stores a row; Conflict dokumen.duplikat when the same
	// content is already attached as the same document of the request.
	InsertLampiran(ctx context.Context, actor string, l Lampiran) error
	VerifyLampiran(ctx context.Context, actor, id string, status Status, catatan string) error
	// DeleteLampiran removes a row and reports how many rows still use its hash.
	DeleteLampiran(ctx context.Context, actor, id string) (sha string, stillUsed int, err error)
}

// Service is the document service.
type Service struct {
	repo  Repository
	files files
	now   func() time.Time
	newID func() string
}

// Config wires a Service. Dir is the data directory; files go to Dir/lampiran.
type Config struct {
	Repo  Repository
	Dir   string
	Now   func() time.Time
	NewID func() string
}

// New builds a Service.
// who is the acting user's account id (a system process's name), read from
// ctx, for the audit log and the "by whom" fields; "" when ctx carries no
// actor, and the store then refuses the write.
func (s *Service) who(ctx context.Context) string {
	a, _ := actor.From(ctx)
	return a.ID
}

func New(c Config) *Service {
	if c.Now == nil {
		c.Now = time.Now
	}
	return &Service{repo: c.Repo, files: files{root: filepath.Join(c.Dir, "lampiran")}, now: c.Now, newID: c.NewID}
}

// MaxBytes is the attachment size limit (setting dokumen.max_bytes, default 5 MB).
func (s *Service) MaxBytes(ctx context.Context) (int64, error) {
	v, found, err := s.repo.Setting(ctx, KeyMaxBytes)
	if err != nil {
		return DefaultMaxBytes, err
	}
	return domain.LampiranMaxBytes(v, found), nil
}

// SaveMaxBytes sets the attachment size limit (100 KB … 50 MB).
func (s *Service) SaveMaxBytes(ctx context.Context, n int64) (int64, error) {
	if n < domain.LampiranMinBytes || n > domain.LampiranCeilingBytes {
		return n, &domain.Error{Kind: domain.KindInvalid, Code: "dokumen.batas_ukuran",
			Message: "Batas ukuran lampiran harus antara 100 KB dan 50 MB.", MessageEN: "The attachment size limit must be between 100 KB and 50 MB.",
			Fields: []domain.FieldError{{Field: "maxBytes", Code: "dokumen.batas_ukuran", Message: "Antara 100 KB dan 50 MB.", MessageEN: "Between 100 KB and 50 MB."}}}
	}
	return n, s.repo.SaveSetting(ctx, s.who(ctx), s.newID(), KeyMaxBytes, strconv.FormatInt(n, 10))
}

// Checklist lists the documents a request needs (by its type and APS flag,
// eligibility.RouteOf(jenis).Required(aps)) with their attachments, each
// file checked against its hash.
func (s *Service) Checklist(ctx context.Context, usulanID string) ([]Item, error) {
	u, err := s.repo.UsulanDokumen(ctx, usulanID)
	if err != nil {
		return nil, err
	}
	lamp, err := s.repo.LampiranOf(ctx, usulanID)
	if err != nil {
		return nil, err
	}
	return s.checklist(u, lamp), nil
}

func (s *Service) checklist(u Usulan, lamp []Lampiran) []Item {
	route, _ := eligibility.RouteOf(u.Jenis)
	byJenis := map[eligibility.Dokumen][]Lampiran{}
	for _, l := range lamp {
		l.Berkas = s.files.state(l.SHA256, l.Menunggu)
		byJenis[l.Jenis] = append(byJenis[l.Jenis], l)
	}
	items := []Item{}
	for _, d := range route.Required(u.APS) {
		info, _ := eligibility.InfoDokumen(d)
		it := Item{Kode: d, Nama: info.Nama, NamaEN: info.NamaEN, Wajib: route.DokumenWajib, HanyaAPS: info.HanyaAPS, Lampiran: byJenis[d]}
		if it.Lampiran == nil {
			it.Lampiran = []Lampiran{}
		}
		for _, l := range it.Lampiran {
			if l.Berkas != BerkasAda {
				continue
			}
			if l.Status != TidakSesuai {
				it.Ada = true
			}
			if l.Status == Sesuai {
				it.Sesuai = true
			}
		}
		items = append(items, it)
	}
	return items
}

// Verified lists the checklist documents with an intact attachment verified
// SESUAI: eligibility.Case.Dokumen for MUT-18.
func (s *Service) Verified(ctx context.Context, usulanID string) ([]eligibility.Dokumen, error) {
	items, err := s.Checklist(ctx, usulanID)
	if err != nil {
		return nil, err
	}
	out := []eligibility.Dokumen{}
	for _, it := range items {
		if it.Sesuai {
			out = append(out, it.Kode)
		}
	}
	return out, nil
}

// Attach checks the file at path (type by content, size against the
// setting), stores it content-addressed and records the attachment as
// document jenis of the request.
func (s *Service) Attach(ctx context.Context, usulanID, jenis, path string) (Lampiran, error) {
	u, err := s.repo.UsulanDokumen(ctx, usulanID)
	if err != nil {
		return Lampiran{}, err
	}
	if u.Status.Terminal() {
		return Lampiran{}, domain.E(domain.KindConflict, "dokumen.usulan_selesai",
			"Usulan ini sudah ditolak atau dibatalkan; lampiran tidak dapat ditambah.", "This request was rejected or cancelled; no attachments can be added.")
	}
	d := eligibility.Dokumen(jenis)
	route, _ := eligibility.RouteOf(u.Jenis)
	listed := false
	for _, x := range route.Required(u.APS) {
		listed = listed || x == d
	}
	if !listed {
		return Lampiran{}, &domain.Error{Kind: domain.KindInvalid, Code: "dokumen.bukan_daftar",
			Message:   fmt.Sprintf("Dokumen %q tidak termasuk daftar periksa mutasi %s%s.", jenis, u.Jenis, apsSuffix(u.APS)),
			MessageEN: fmt.Sprintf("Document %q is not on the checklist of a %s transfer%s.", jenis, u.Jenis, apsSuffixEN(u.APS)),
			Fields:    []domain.FieldError{{Field: "jenis", Code: "dokumen.bukan_daftar", Message: "Bukan dokumen daftar periksa.", MessageEN: "Not a checklist document."}}}
	}
	if strings.TrimSpace(path) == "" {
		return Lampiran{}, domain.E(domain.KindInvalid, "dokumen.tanpa_berkas", "Pilih berkas yang akan dilampirkan.", "Choose a file to attach.")
	}
	max, err := s.MaxBytes(ctx)
	if err != nil {
		return Lampiran{}, err
	}
	sum, size, mime, err := s.files.put(path, max)
	if err != nil {
		return Lampiran{}, err
	}
	l := Lampiran{ID: s.newID(), UsulanID: usulanID, Jenis: d, NamaBerkas: filepath.Base(path), SHA256: sum, Ukuran: size, MIME: mime,
		Status: BelumDiperiksa, DiunggahOleh: s.who(ctx), DiunggahPada: s.now().UTC().Format(time.RFC3339), Berkas: BerkasAda}
	if err := s.repo.InsertLampiran(ctx, s.who(ctx), l); err != nil {
		return Lampiran{}, err
	}
	return l, nil
}

func apsSuffix(aps bool) string {
	if aps {
		return " atas permintaan sendiri"
	}
	return ""
}

func apsSuffixEN(aps bool) string {
	if aps {
		return " at own request"
	}
	return ""
}

// Verify records the verification of an attachment: SESUAI, TIDAK_SESUAI
// (with a note saying what is wrong) or BELUM_DIPERIKSA (reset).
func (s *Service) Verify(ctx context.Context, lampiranID, status, catatan string) (Lampiran, error) {
	st := Status(strings.ToUpper(strings.TrimSpace(status)))
	catatan = strings.TrimSpace(catatan)
	switch st {
	case Sesuai, BelumDiperiksa:
	case TidakSesuai:
		if catatan == "" {
			return Lampiran{}, &domain.Error{Kind: domain.KindInvalid, Code: "dokumen.catatan_wajib",
				Message: "Tuliskan catatan: apa yang tidak sesuai pada dokumen ini.", MessageEN: "Write a note: what is wrong with this document.",
				Fields: []domain.FieldError{{Field: "catatan", Code: "dokumen.catatan_wajib", Message: "Catatan wajib diisi untuk TIDAK SESUAI.", MessageEN: "A note is required for TIDAK_SESUAI."}}}
		}
	default:
		return Lampiran{}, &domain.Error{Kind: domain.KindInvalid, Code: "dokumen.status",
			Message: "Status verifikasi harus SESUAI, TIDAK_SESUAI atau BELUM_DIPERIKSA.", MessageEN: "The status must be SESUAI, TIDAK_SESUAI or BELUM_DIPERIKSA.",
			Fields: []domain.FieldError{{Field: "status", Code: "dokumen.status", Message: "Status tidak dikenal.", MessageEN: "Unknown status."}}}
	}
	l, err := s.repo.LampiranByID(ctx, lampiranID)
	if err != nil {
		return Lampiran{}, err
	}
	l.Berkas = s.files.state(l.SHA256, l.Menunggu)
	if st == Sesuai && l.Berkas != BerkasAda {
		switch l.Berkas {
		case BerkasHilang:
			return l, errMissing()
		case BerkasBelumDiterima:
			return l, errBelumDiterima()
		}
		return l, errRusak()
	}
	if err := s.repo.VerifyLampiran(ctx, s.who(ctx), lampiranID, st, catatan); err != nil {
		return Lampiran{}, err
	}
	l.Status, l.Catatan = st, catatan
	return l, nil
}

// Remove deletes an attachment; its file goes too when no other attachment
// uses the same content.
func (s *Service) Remove(ctx context.Context, lampiranID string) error {
	sum, used, err := s.repo.DeleteLampiran(ctx, s.who(ctx), lampiranID)
	if err != nil {
		return err
	}
	if used == 0 {
		return s.files.remove(sum)
	}
	return nil
}

// Content returns an attachment with its bytes, checked against the hash: a
// damaged file is an error (dokumen.rusak), never served.
func (s *Service) Content(ctx context.Context, lampiranID string) (Lampiran, []byte, error) {
	l, err := s.repo.LampiranByID(ctx, lampiranID)
	if err != nil {
		return Lampiran{}, nil, err
	}
	b, err := s.files.read(l.SHA256)
	if err != nil {
		if l.Menunggu && domain.KindOf(err) == domain.KindNotFound {
			return l, nil, errBelumDiterima()
		}
		return l, nil, err
	}
	l.Berkas = BerkasAda
	return l, b, nil
}

func parseTime(s string) (time.Time, error) { return time.Parse(time.RFC3339Nano, s) }
