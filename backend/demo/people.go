package demo

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
)

// Status shares (docs/domain.md §5).
const (
	sharePPPK = 0.16
	shareCPNS = 0.04
)

func monthIndex(d domain.Date) int { return d.Y*12 + int(d.M) - 1 }

// fromMonth is the given day (clamped to the month's length) of month index m.
func fromMonth(m, day int) domain.Date {
	y, mo := m/12, time.Month(m%12+1)
	for day > 28 {
		if d, ok := domain.NewDate(y, mo, day); ok {
			return d
		}
		day--
	}
	return domain.Date{Y: y, M: mo, D: day}
}

var streets = []string{"Jl. Jenderal Sudirman", "Jl. Ahmad Yani", "Jl. Basuki Rahmat", "Jl. Pramuka", "Jl. Sungai Maruni",
	"Jl. Kurana", "Jl. Selat Sele", "Jl. Frans Kaisiepo", "Jl. Sam Ratulangi", "Jl. Yos Sudarso", "Jl. Pendidikan",
	"Jl. Danau Ayamaru", "Jl. Kalibobo", "Jl. Arfak", "Jl. Merpati", "Jl. Cenderawasih", "Jl. Pattimura", "Jl. Victory"}

// alamat is an invented address.
func (g *gen) alamat() string {
	d := g.r.IntN(len(distrikNames))
	return fmt.Sprintf("%s No. %d, Kelurahan %s, Distrik %s, Kota Sorong", g.r.pick(streets), g.r.between(1, 180),
		kelurahanNames[g.r.IntN(len(kelurahanNames))], distrikNames[d])
}

// entryGol is the starting golongan of a PNS by education (PP 99/2000).
func entryGol(p domain.Pendidikan, j *jabDef) domain.Golongan {
	switch p {
	case pSD:
		return 11
	case pSLTP:
		return 13
	case pSLTA, pSMK:
		return 21
	case pD3:
		return 23
	case pD4, pS1:
		return 31
	case pProfesi:
		if j != nil && (j.family == "dokter" || j.family == "doktergigi") {
			return 32
		}
		return 31
	case pS2:
		return 32
	case pSpesialis, pS3:
		return 33
	}
	return 21
}

// capGol is the highest golongan a pelaksana reaches by regular promotion.
func capGol(p domain.Pendidikan) domain.Golongan {
	switch p {
	case pSD:
		return 22
	case pSLTP:
		return 24
	case pSLTA, pSMK:
		return 32
	case pD3:
		return 33
	case pD4, pS1:
		return 34
	}
	return 41
}

// entryGolPPPK is the PPPK grade by education.
func entryGolPPPK(p domain.Pendidikan) domain.GolonganPPPK {
	switch p {
	case pSD:
		return 1
	case pSLTP:
		return 4
	case pSLTA, pSMK:
		return 5
	case pD3:
		return 7
	case pD4, pS1, pProfesi:
		return 9
	case pS2:
		return 10
	}
	return 11
}

var ladder = domain.Golongans()

func golAt(rank int) domain.Golongan { return ladder[min(max(rank, 1), len(ladder))-1] }

// entryAgeYears is the usual age range at appointment by education.
func entryAgeYears(p domain.Pendidikan) (int, int) {
	switch p {
	case pSD, pSLTP, pSLTA, pSMK:
		return 20, 31
	case pD3:
		return 22, 33
	case pProfesi:
		return 25, 35
	case pSpesialis, pS3:
		return 28, 35
	}
	return 23, 35
}

// entryAgeForGol is the age range at appointment for a starting golongan.
func entryAgeForGol(start domain.Golongan) (int, int) {
	switch {
	case start.Rank() <= domain.Golongan(22).Rank():
		return 20, 31
	case start == 23:
		return 22, 33
	case start == 31:
		return 23, 35
	}
	return 26, 35
}

// minServiceYears is the least service a holder of a managerial post has.
func minServiceYears(j domain.JenisJabatan) int {
	switch j {
	case domain.JabatanJPTUtama, domain.JabatanJPTMadya, domain.JabatanJPTPratama:
		return 18
	case domain.JabatanAdministrator:
		return 12
	case domain.JabatanPengawas:
		return 6
	}
	return 0
}

type eduW struct {
	p domain.Pendidikan
	w float64
}

func (g *gen) education(j *jabDef, u *unitInfo, status domain.StatusASN) (domain.Pendidikan, string) {
	var opts []eduW
	switch {
	case j.minPend == pSD:
		opts = []eduW{{pSD, .35}, {pSLTP, .3}, {pSLTA, .35}}
	case j.minPend == pSLTA && (j.family == "polpp" || j.family == "damkar" || j.key == "pengemudi" || j.key == "keamanan"):
		opts = []eduW{{pSLTA, .55}, {pSMK, .3}, {pD3, .05}, {pS1, .1}}
	case j.minPend == pSLTA:
		opts = []eduW{{pSLTA, .3}, {pSMK, .2}, {pD3, .12}, {pS1, .35}, {pS2, .03}}
	case j.minPend == pD3 && j.jenis == domain.JabatanPengawas:
		opts = []eduW{{pD3, .08}, {pS1, .72}, {pS2, .2}}
	case j.minPend == pD3 && j.cat == catNakes:
		opts = []eduW{{pD3, .85}, {pD4, .08}, {pS1, .07}}
	case j.minPend == pD3:
		opts = []eduW{{pD3, .55}, {pS1, .42}, {pS2, .03}}
	case j.minPend == pProfesi && j.key == "direktur":
		opts = []eduW{{pProfesi, .3}, {pS2, .6}, {pSpesialis, .1}}
	case j.minPend == pProfesi && j.family == "dokter" && j.jenjang == jMad:
		opts = []eduW{{pProfesi, .5}, {pSpesialis, .5}}
	case j.minPend == pProfesi:
		opts = []eduW{{pProfesi, .9}, {pS2, .1}}
	case j.jenis == domain.JabatanJPTPratama:
		opts = []eduW{{pS1, .2}, {pS2, .72}, {pS3, .08}}
	case j.jenis == domain.JabatanAdministrator:
		opts = []eduW{{pS1, .45}, {pS2, .55}}
	case j.cat == catGuru:
		opts = []eduW{{pS1, .9}, {pS2, .1}}
	default:
		opts = []eduW{{pS1, .82}, {pS2, .18}}
	}
	if status != domain.StatusPNS { // new appointees: no S-2 beyond the requirement
		opts = slices.DeleteFunc(slices.Clone(opts), func(e eduW) bool {
			return e.p.Rank() > j.minPend.Rank() && e.p.Rank() > pS1.Rank()
		})
	}
	ws := make([]float64, len(opts))
	for i, o := range opts {
		ws[i] = o.w
	}
	edu := opts[g.r.weighted(ws)].p
	return edu, g.jurusan(j, u, edu)
}

func (g *gen) jurusan(j *jabDef, u *unitInfo, edu domain.Pendidikan) string {
	switch edu {
	case pSD, pSLTP:
		return ""
	case pSLTA:
		return g.r.pick(poolSLTA)
	case pSMK:
		return g.r.pick(poolSMK)
	}
	if j.cat == catGuru {
		switch u.kind {
		case ukSD:
			if g.r.chance(0.8) {
				return majorsGuruSD[0]
			}
		case ukSMP:
			if g.r.chance(0.85) {
				return g.r.pick(majorsGuruSMP)
			}
		case ukTK:
			return majorsGuruTK[0]
		default:
			return g.r.pick(j.jurusan)
		}
		return g.r.pick(majorsGuruUmum)
	}
	if len(j.jurusan) > 0 {
		if j.cat != catNakes && j.jenis != domain.JabatanJPTPratama && g.r.chance(0.06) {
			return g.r.pick(poolS1) // a mismatch, as real data has (MUT-11)
		}
		return g.r.pick(j.jurusan)
	}
	switch {
	case edu == pD3:
		return g.r.pick(poolD3)
	case edu.Rank() >= pS2.Rank():
		return g.r.pick(poolS2)
	}
	return g.r.pick(poolS1)
}

func (g *gen) female(j *jabDef) bool { return g.r.chance(j.female) }

// assignStatus picks exactly the PPPK and CPNS shares among entry-level
// posts (weighted reservoir sampling), the rest are PNS.
func (g *gen) assignStatus(slots []int) []domain.StatusASN {
	st := make([]domain.StatusASN, len(slots))
	for i := range st {
		st[i] = domain.StatusPNS
	}
	entry := func(j *jabDef) bool {
		return j.jenis == domain.JabatanPelaksana || j.jenjang == jPem || j.jenjang == jTer || j.jenjang == jAP
	}
	pppkW := func(p *post) float64 {
		j := &g.jabs[p.jab]
		switch {
		case p.head:
			return 0
		case j.key == "pramubakti":
			return 0.2
		case j.jenis == domain.JabatanPelaksana:
			return 1.5
		case j.cat == catGuru && j.jenjang == jAP:
			return 6
		case j.cat == catNakes && (j.jenjang == jTer || j.jenjang == jMah || j.jenjang == jAP):
			return 4
		case j.jenis == domain.JabatanFungsional && entry(j):
			return 1
		}
		return 0
	}
	cpnsW := func(p *post) float64 {
		j := &g.jabs[p.jab]
		if p.head || !entry(j) || j.key == "pramubakti" {
			return 0
		}
		if e := entryGol(j.minPend, j); j.gmin != 0 && (e.Rank() < j.gmin.Rank() || e.Rank() > j.gmax.Rank()) {
			return 0
		}
		if j.cat == catGuru {
			return 2
		}
		return 1
	}
	pick := func(n int, status domain.StatusASN, w func(*post) float64) {
		type key struct {
			i int
			k float64
		}
		var keys []key
		for i, pi := range slots {
			if st[i] != domain.StatusPNS {
				continue
			}
			if x := w(&g.posts[pi]); x > 0 {
				keys = append(keys, key{i, math.Log(1-g.r.Float64()) / x})
			}
		}
		slices.SortStableFunc(keys, func(a, b key) int { return cmp.Compare(b.k, a.k) })
		for _, k := range keys[:min(n, len(keys))] {
			st[k.i] = status
		}
	}
	pick(int(math.Round(sharePPPK*float64(g.cfg.Size))), domain.StatusPPPK, pppkW)
	pick(int(math.Round(shareCPNS*float64(g.cfg.Size))), domain.StatusCPNS, cpnsW)
	return st
}

func (g *gen) people() error {
	var slots []int
	for pi, p := range g.posts {
		for b := 0; b < p.bez; b++ {
			slots = append(slots, pi)
		}
	}
	status := g.assignStatus(slots)
	g.ds.Pegawai = make([]domain.Pegawai, 0, len(slots))
	step := max(len(slots)/50, 1)
	for i, pi := range slots {
		if err := g.person(pi, status[i]); err != nil {
			return err
		}
		if (i+1)%step == 0 {
			g.report(kepegawaian.DemoStagePegawai, i+1, len(slots))
		}
	}
	g.report(kepegawaian.DemoStagePegawai, len(slots), len(slots))
	return nil
}

// person makes one employee in post pi with the given status, with history,
// SKP and (rarely) a discipline record.
func (g *gen) person(pi int, status domain.StatusASN) error {
	p := &g.posts[pi]
	u := &g.units[p.unit]
	j := &g.jabs[p.jab]
	r := g.r
	asOf := g.cfg.AsOf
	female := g.female(j)
	edu, jur := g.education(j, u, status)
	bup := g.ds.Jabatan[p.jab].BUP

	var (
		gol      domain.Golongan
		golPPPK  domain.GolonganPPPK
		serviceM int
		ageLo    int
		ageHi    int
	)
	ageLo, ageHi = entryAgeYears(edu)
	switch status {
	case domain.StatusCPNS:
		gol = entryGol(edu, j)
		serviceM = r.IntN(12)
	case domain.StatusPPPK:
		golPPPK = entryGolPPPK(edu)
		serviceM = r.between(6, 54)
		ageLo, ageHi = max(ageLo, 24), 50
	default:
		lo, hi := j.gmin, j.gmax
		if lo == 0 {
			lo, hi = entryGol(edu, j), capGol(edu)
		}
		rank := r.between(lo.Rank(), hi.Rank())
		if r.chance(0.1) { // slightly outside the jabatan's range, as real data is
			rank += []int{-1, 1}[r.IntN(2)]
		}
		if j.jenis == domain.JabatanPelaksana {
			rank = min(rank, capGol(edu).Rank())
		}
		gol = golAt(rank)
		start := entryGol(edu, j)
		if gol.Rank() < start.Rank() { // got the degree after appointment
			for _, e := range []domain.Golongan{33, 32, 31, 23, 21, 13, 11} {
				if e.Rank() <= gol.Rank() {
					start = e
					break
				}
			}
			ageLo, ageHi = entryAgeForGol(start)
		}
		years := 4*(gol.Rank()-start.Rank()) + r.between(0, 3)
		if r.chance(0.25) {
			years += r.between(1, 8)
		}
		years = max(years, minServiceYears(j.jenis)+r.between(0, 4))
		serviceM = max(years*12+r.IntN(12), 13+r.IntN(24))
	}
	entryAgeM := r.between(ageLo*12, ageHi*12)
	if maxAgeM := bup*12 - 3; serviceM+entryAgeM > maxAgeM {
		entryAgeM = max(ageLo*12, maxAgeM-serviceM)
		if serviceM+entryAgeM > maxAgeM {
			serviceM = maxAgeM - entryAgeM
		}
	}
	tmtCPNS := fromMonth(g.asOfM-serviceM, 1)
	birth := tmtCPNS.AddMonths(-entryAgeM).AddDays(-r.IntN(28))

	gender := domain.GenderLaki
	if female {
		gender = domain.GenderPerempuan
	}
	nama, tempat := g.personName(female)
	depan, belakang := g.gelar(edu, jur, birth.Y, female)
	nip := g.nip(&birth, tmtCPNS, gender, status)

	pg := domain.Pegawai{
		ID: g.ids.next(), NIP: nip, Nama: nama, GelarDepan: depan, GelarBelakang: belakang, JenisKelamin: gender,
		TempatLahir: tempat, TanggalLahir: birth, Status: status, Golongan: gol, GolonganPPPK: golPPPK,
		Pendidikan: edu, Jurusan: jur, OPDID: g.opdID[u.opd], UnitID: g.unitID[p.unit], JabatanID: g.ds.Jabatan[p.jab].ID,
		TMTCPNS: tmtCPNS,
	}
	if status == domain.StatusPNS {
		pg.TMTPNS = tmtCPNS.AddYears(1)
	}
	pg.TMTJabatan = g.history(&pg, pi, serviceM, status)
	if err := pg.Validate(asOf); err != nil {
		return fmt.Errorf("demo: pegawai %s (%s): %w", pg.NIP, j.nama, err)
	}
	g.ds.Pegawai = append(g.ds.Pegawai, pg)
	g.skp(&pg)
	g.hukdis(&pg)
	return nil
}

// nip builds a unique NIP (or NI PPPK); on the rare exhausted sequence the
// birth date moves by a day.
func (g *gen) nip(birth *domain.Date, tmt domain.Date, gender domain.Gender, status domain.StatusASN) domain.NIP {
	gd := "1"
	if gender == domain.GenderPerempuan {
		gd = "2"
	}
	for {
		var prefix string
		if status == domain.StatusPPPK {
			prefix = fmt.Sprintf("%04d%02d%02d%04d21%s", birth.Y, int(birth.M), birth.D, tmt.Y, gd)
		} else {
			prefix = fmt.Sprintf("%04d%02d%02d%04d%02d%s", birth.Y, int(birth.M), birth.D, tmt.Y, int(tmt.M), gd)
		}
		seq := g.nipSeen[prefix] + 1
		if seq <= 999 {
			g.nipSeen[prefix] = seq
			return domain.NIP(fmt.Sprintf("%s%03d", prefix, seq))
		}
		*birth = birth.AddDays(-1)
	}
}
