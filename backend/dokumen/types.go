// Package dokumen is the document side of a mutasi request:
// the checklist per transfer type (MUT-18, from the eligibility routes), the
// attachments stored content-addressed by SHA-256 under <data dir>/lampiran
// with a verification status each, and the data behind the generated PDFs
// (nota usulan, draft SK with its lampiran, tanda terima). Rows go through
// the store's write path (outbox and audit); the files travel after them
// (sync/client, through Files).
package dokumen

import (
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
)

// Status is the verification status of one attachment.
type Status string

const (
	BelumDiperiksa Status = "BELUM_DIPERIKSA"
	Sesuai         Status = "SESUAI"
	TidakSesuai    Status = "TIDAK_SESUAI"
)

// Berkas is the state of an attachment's stored file, checked against its
// hash whenever it is listed or read.
type Berkas string

const (
	BerkasAda    Berkas = "ADA"    // present and its SHA-256 matches
	BerkasHilang Berkas = "HILANG" // missing from <data dir>/lampiran
	BerkasRusak  Berkas = "RUSAK"  // present but its content no longer matches the hash
	// BerkasBelumDiterima: missing here, and expected from the sync server
	// (its row was pulled; the file travels after the rows).
	BerkasBelumDiterima Berkas = "BELUM_DITERIMA"
)

// Setting key of the attachment size limit (bytes, a JSON number); the
// limits are backend/domain's, which the sync server enforces too.
const KeyMaxBytes = domain.KeyLampiranMaxBytes

// DefaultMaxBytes is the limit when none is set: 5 MB.
const DefaultMaxBytes = domain.LampiranDefaultMaxBytes

// Lampiran is one attached file.
type Lampiran struct {
	ID           string              `json:"id"`
	UsulanID     string              `json:"usulanId"`
	Jenis        eligibility.Dokumen `json:"jenis"`
	NamaBerkas   string              `json:"namaBerkas"` // the file name as chosen, without folders
	SHA256       string              `json:"sha256"`
	Ukuran       int64               `json:"ukuran"`
	MIME         string              `json:"mime"` // application/pdf, image/jpeg, image/png
	Status       Status              `json:"status"`
	Catatan      string              `json:"catatan"`
	DiunggahOleh string              `json:"diunggahOleh"`
	DiunggahPada string              `json:"diunggahPada"` // RFC 3339
	Berkas       Berkas              `json:"berkas"`       // filled on read: ADA, HILANG, RUSAK or BELUM_DITERIMA
	// Menunggu: the file is expected from the sync server (the store's
	// lampiran_berkas bookkeeping); a missing file is then BELUM_DITERIMA.
	Menunggu bool `json:"-"`
}

// Item is one document of a request's checklist with its attachments.
type Item struct {
	Kode     eligibility.Dokumen `json:"kode"`
	Nama     string              `json:"nama"`
	NamaEN   string              `json:"namaEn"`
	Wajib    bool                `json:"wajib"`    // required by regulation (T2–T4: MUT-18 blocks); false = BKPSDM practice (MUT-18 warns)
	HanyaAPS bool                `json:"hanyaAps"` // on the list because the request is APS
	Lampiran []Lampiran          `json:"lampiran"`
	// Ada: at least one attachment with an intact file not marked TIDAK_SESUAI.
	Ada bool `json:"ada"`
	// Sesuai: at least one intact attachment verified SESUAI (what MUT-18 counts).
	Sesuai bool `json:"sesuai"`
}

// Penempatan is a placement with its names.
type Penempatan struct {
	mutasi.Placement
	OPDNama      string `json:"opdNama"`
	OPDSingkatan string `json:"opdSingkatan"`
	UnitNama     string `json:"unitNama"`
	JabatanNama  string `json:"jabatanNama"`
}

// Usulan is what the checklist and the PDFs read about a request.
type Usulan struct {
	ID          string
	Nomor       string
	Jenis       domain.JenisMutasi
	APS         bool
	Alasan      string
	Status      mutasi.Status
	DibuatPada  time.Time
	Pegawai     domain.Pegawai
	Pangkat     string // "Penata Muda (III/a)", "" if unknown
	Asal        Penempatan
	Tujuan      []Penempatan
	TargetIndex int // the chosen target (0 before verification)
	SK          *mutasi.SK
	Rules       []mutasi.RuleSnapshot // the eligibility results last recorded on an event
	Diajukan    time.Time             // time of the last ajukan event, zero if never submitted
	// Justifikasi are the written justifications of the accepted decisions
	// taken while WARN rules failed, oldest first.
	Justifikasi []Justifikasi
}

// Justifikasi is one decision's written justification.
type Justifikasi struct {
	Kind  mutasi.Kind
	Oleh  string // the decider's name and role
	Waktu time.Time
	Teks  string
}

// Target is the chosen target placement.
func (u Usulan) Target() Penempatan {
	if u.TargetIndex >= 0 && u.TargetIndex < len(u.Tujuan) {
		return u.Tujuan[u.TargetIndex]
	}
	return Penempatan{}
}
