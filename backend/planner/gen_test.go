package planner

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// genSpec sizes a generated region.
type genSpec struct {
	positions      int
	perPosition    int // average kebutuhan
	surplusPct     int // share of positions over kebutuhan
	deficitPct     int // share of positions short
	blockPct       int // share of (employee, target) pairs a pseudo-rule blocks
	opds, jabatans int
}

// realistic is the benchmark density of the brief: ~10 % of positions in
// surplus, ~15 % short, ~40 % of pairs blocked.
func realistic(employees int) genSpec {
	return genSpec{positions: employees / 5, perPosition: 5, surplusPct: 10, deficitPct: 15, blockPct: 40, opds: 40, jabatans: 60}
}

var genRules = []string{"MUT-03", "MUT-11", "MUT-12", "MUT-06"}

// generate builds a deterministic region from seed.
func generate(s genSpec, seed uint64) Input {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	in := Input{Weights: DefaultWeights()}
	jurusan := []string{"Hukum", "Ekonomi", "Teknik Sipil", "Kesehatan Masyarakat", "Pendidikan", "Administrasi Negara"}
	levels := []int{20, 30, 40, 40, 40, 45}
	for i := 0; i < s.positions; i++ {
		u := i / 5 // five jabatan per unit
		opd := u % s.opds
		unit := fmt.Sprintf("u%04d", u)
		jab := fmt.Sprintf("j%03d", (u*7+i%5*13)%s.jabatans)
		k := 1 + rng.IntN(2*s.perPosition-1)
		b := k
		r := rng.IntN(100)
		switch {
		case r < s.surplusPct:
			b = k + 1 + rng.IntN(4)
		case r < s.surplusPct+s.deficitPct:
			b = k - 1 - rng.IntN(3)
			if b < 0 {
				b = 0
			}
		}
		p := Position{
			Key: unit + "/" + jab, OPDID: fmt.Sprintf("o%03d", opd), UnitID: unit, JabatanID: jab,
			OPDNama: fmt.Sprintf("Dinas %d", opd), UnitNama: "Bidang " + unit, JabatanNama: "Jabatan " + jab,
			Lokasi: fmt.Sprintf("D%d", opd%6), Kebutuhan: k, Bezetting: b,
		}
		p.MinPendidikan = pend(levels[rng.IntN(3)])
		if rng.IntN(2) == 0 {
			p.Jurusan = []string{jurusan[rng.IntN(len(jurusan))]}
		}
		in.Positions = append(in.Positions, p)
	}
	n := 0
	for _, p := range in.Positions {
		for j := 0; j < p.Bezetting; j++ {
			e := Employee{
				ID: fmt.Sprintf("e%06d", n), NIP: fmt.Sprintf("19%02d%06d", 60+rng.IntN(40), rng.IntN(1000000)),
				Nama: fmt.Sprintf("Pegawai %d", n), From: p.Key,
				Pendidikan: pend(levels[rng.IntN(len(levels))]), Jurusan: jurusan[rng.IntN(len(jurusan))],
				MonthsInPost: rng.IntN(120),
			}
			if rng.IntN(10) == 0 {
				for r := 1; r <= 1+rng.IntN(3); r++ {
					t := in.Positions[rng.IntN(len(in.Positions))]
					e.Requests = append(e.Requests, Request{OPDID: t.OPDID, Rank: r})
				}
			}
			// ~8 % record an interest in the portal (an OPD, a jabatan or a
			// kind); drawn from the id's hash so the other draws stay as they were.
			if h := fnv.New64a(); true {
				h.Write([]byte("minat" + e.ID))
				if v := h.Sum64(); v%12 == 0 {
					t := in.Positions[int(v/12)%len(in.Positions)]
					switch (v / 1000) % 3 {
					case 0:
						e.Interests = []Interest{{OPDID: t.OPDID}}
					case 1:
						e.Interests = []Interest{{JabatanID: t.JabatanID}}
					default:
						e.Interests = []Interest{{OPDID: t.OPDID, JabatanID: t.JabatanID, Catatan: "minat"}}
					}
				}
			}
			in.Employees = append(in.Employees, e)
			n++
		}
	}
	block := s.blockPct
	in.Screen = func(e *Employee, p *Position) (string, bool) {
		h := fnv.New64a()
		h.Write([]byte(e.ID))
		h.Write([]byte{0})
		h.Write([]byte(p.Key))
		v := h.Sum64()
		if e.ID[len(e.ID)-1] == '7' && e.ID[len(e.ID)-2] == '7' { // 1 % blocked everywhere (MUT-06)
			return "MUT-06", false
		}
		if int(v%100) < block {
			return genRules[(v/100)%3], false
		}
		return "", true
	}
	in.ScreenDigest = fmt.Sprintf("pseudo-rule block=%d", block)
	return in
}

func pend(code int) domain.Pendidikan { return domain.Pendidikan(code) }
