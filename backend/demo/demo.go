// Package demo generates Imbang's demo region: a synthetic, deterministic
// "Pemerintah Kota Sorong" with its OPDs, unit tree, jabatan catalogue,
// employees (ASN), placement history, SKP, discipline records and an intended
// formasi (kebutuhan per unit × jabatan).
//
// EVERYTHING IS FICTITIOUS. The OPD list follows the typical structure of a
// Kota in Papua Barat Daya (docs/domain.md §5), but every person, NIP, address,
// kelurahan name, SK number and figure is invented from a seeded random number
// generator. Any resemblance to a real person is coincidental.
//
// Generate is pure: it never reads the clock, the environment or map
// iteration order, so the same Config always yields a byte-identical Dataset
// (IDs included) and a different Seed yields different data.
//
// # Shape
//
// At Size 5,000 (seed 1): about 1,700 teachers in Dinas Pendidikan's schools
// (SD, SMP, TK; 80 of them), about 450 health staff in ten puskesmas and the
// RSUD's instalasi, about 640 managerial heads, the rest pelaksana and JF
// staff of the 31 OPDs and ten distrik (41 kelurahan). Status mix exactly
// 80 % PNS, 4 % CPNS, 16 % PPPK (PPPK mostly guru, nakes and technical
// staff). About a fifth of the people have been in post five years or
// more, about a third less than two; about 1.3 % have a discipline record.
// Size scales headcounts, formasi and the number of schools and puskesmas;
// the OPD list stays the same. Below about 1,300 not every head post can be
// filled and many more are vacant.
//
// Heads: every unit except a school (kepala sekolah is a tugas tambahan of a
// Guru, not a jabatan) and a hospital instalasi (likewise) has exactly one
// managerial jabatan in its formasi with Kebutuhan 1; a few are vacant.
//
// # The deliberate imbalance
//
// Bezetting (people placed) versus Formasi kebutuhan, for non-head posts:
//   - overstaffed (bezetting ≈ 1.4–1.7 × kebutuhan): Sekretariat Daerah,
//     BKPSDM, BPKAD, and the head office of Dinas Pendidikan (not its schools);
//   - understaffed (≈ 0.45–0.6 ×): health staff of Dinas Kesehatan's puskesmas
//     and of the RSUD, Dinas Pemadam Kebakaran, Distrik Sorong Kepulauan and
//     Distrik Maladum Mes (their heads are also vacant more often);
//   - every other OPD near balance (0.9–1.1 ×), with per-post noise so that
//     surpluses and deficits also exist inside a balanced OPD.
//
// At OPD level (heads included, which are never over- or understaffed) this
// gives bezetting/kebutuhan of about 1.4–1.5 for Setda, BKPSDM and BPKAD
// (Dinas Pendidikan's head office ≈ 1.45, the OPD as a whole ≈ 0.95 because
// of its schools) and about 0.45–0.7 for Dinas Kesehatan, RSUD, Damkar and
// the two distrik.
package demo

import (
	"encoding/hex"
	"fmt"
	"math/rand/v2"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
)

// DefaultSize is the number of ASN in the default demo region (Kota Sorong
// has about that many).
const DefaultSize = 5000

// MinSize and MaxSize bound Config.Size.
const (
	MinSize = 50
	MaxSize = 100000
)

// DefaultAsOf is the reference "today" when Config.AsOf is zero, so that the
// output never depends on the clock.
var DefaultAsOf = domain.Date{Y: 2026, M: 7, D: 1}

// PemdaNama is the name of the demo Pemda; it says the data is fictitious.
const PemdaNama = "Pemerintah Kota Sorong (DATA CONTOH FIKTIF)"

// PemdaKode is the Kemendagri code of Kota Sorong.
const PemdaKode = "9171"

// Config selects the demo region.
type Config struct {
	Size int         // number of ASN; 0 means DefaultSize; MinSize..MaxSize
	Seed int64       // random seed
	AsOf domain.Date // reference "today"; zero means DefaultAsOf
	// Progress, when not nil, hears how far generation got: the structure
	// stage once done, the employee stage every few dozen employees.
	Progress kepegawaian.DemoReport
}

// Formasi is the intended need per (unit × jabatan), the basis for the
// generated ABK.
type Formasi struct {
	UnitID    domain.ID `json:"unitId"`
	JabatanID domain.ID `json:"jabatanId"`
	Kebutuhan int       `json:"kebutuhan"`
}

// Dataset is a generated demo region. Slices are in a stable order: OPD by
// kode list, units depth-first per OPD, employees by placement, history by
// employee and date.
type Dataset struct {
	Pemda   domain.Pemda            `json:"pemda"`
	OPD     []domain.OPD            `json:"opd"`
	Unit    []domain.Unit           `json:"unit"`
	Jabatan []domain.Jabatan        `json:"jabatan"`
	Pegawai []domain.Pegawai        `json:"pegawai"`
	Riwayat []domain.RiwayatJabatan `json:"riwayat"`
	SKP     []domain.SKP            `json:"skp"`
	Hukdis  []domain.Hukdis         `json:"hukdis"`
	Formasi []Formasi               `json:"formasi"`
}

// Generate builds the demo region for cfg. It fails only for an out-of-range
// size or (a bug) a generated row that does not pass domain validation.
func Generate(cfg Config) (*Dataset, error) {
	if cfg.Size == 0 {
		cfg.Size = DefaultSize
	}
	if cfg.Size < MinSize || cfg.Size > MaxSize {
		return nil, domain.E(domain.KindInvalid, "demo.size",
			fmt.Sprintf("Jumlah ASN contoh harus %d sampai %d, bukan %d.", MinSize, MaxSize, cfg.Size),
			fmt.Sprintf("The demo size must be %d to %d, not %d.", MinSize, MaxSize, cfg.Size))
	}
	if cfg.AsOf.IsZero() {
		cfg.AsOf = DefaultAsOf
	}
	if _, ok := domain.NewDate(cfg.AsOf.Y, cfg.AsOf.M, cfg.AsOf.D); !ok || cfg.AsOf.Y < 2000 || cfg.AsOf.Y > 2200 {
		return nil, domain.E(domain.KindInvalid, "demo.as_of",
			"Tanggal acuan data contoh tidak valid.", "The demo reference date is invalid.")
	}
	g := newGen(cfg)
	if err := g.run(); err != nil {
		return nil, err
	}
	return g.ds, nil
}

// idGen makes UUIDv7-shaped IDs deterministically: a 48-bit millisecond
// timestamp counting up from a fixed base, version 7, RFC 4122 variant, and
// the remaining 74 bits from a seeded stream.
type idGen struct {
	r *rand.Rand
	n uint64
}

// idBaseMillis is 2026-01-01T00:00:00Z.
const idBaseMillis uint64 = 1767225600000

func (g *idGen) next() domain.ID {
	ms := idBaseMillis + g.n
	g.n++
	var b [16]byte
	for i := 0; i < 6; i++ {
		b[i] = byte(ms >> (40 - 8*i))
	}
	r1, r2 := g.r.Uint64(), g.r.Uint64()
	b[6] = 0x70 | byte(r1>>8)&0x0f
	b[7] = byte(r1)
	b[8] = 0x80 | byte(r2>>56)&0x3f
	for i := 9; i < 16; i++ {
		b[i] = byte(r2 >> (8 * (15 - i)))
	}
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:36], b[10:16])
	return string(s[:])
}

// rnd wraps the content stream with the few draws the generator needs.
type rnd struct{ *rand.Rand }

func (r rnd) chance(p float64) bool { return r.Float64() < p }

// between returns an int in [lo, hi].
func (r rnd) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

func (r rnd) uniform(lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

func (r rnd) pick(xs []string) string { return xs[r.IntN(len(xs))] }

// weighted returns an index drawn with the given weights.
func (r rnd) weighted(ws []float64) int {
	t := 0.0
	for _, w := range ws {
		t += w
	}
	x := r.Float64() * t
	for i, w := range ws {
		if x < w {
			return i
		}
		x -= w
	}
	return len(ws) - 1
}

// stochRound rounds x up with probability equal to its fraction.
func (r rnd) stochRound(x float64) int {
	n := int(x)
	if r.Float64() < x-float64(n) {
		n++
	}
	return n
}
