package demo

import (
	"fmt"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

var (
	adminPrev     = []string{"sekdin", "sekban", "kabid", "kabag", "kadistrik", "irban", "sekinsp", "sekdistrik"}
	pengawasPrev  = []string{"kasi", "kasubag", "kasubbid", "lurah"}
	pelaksanaPrev = []string{"penata", "plo", "pengadm", "pengumum", "opr"}
	kapusPrev     = []string{"dokter:5", "perawat:5", "bidan:5", "admkes:5"}
)

// prevJab is a plausible earlier position for someone now in cur: one step
// down the career ladder, or the same position elsewhere.
func (g *gen) prevJab(cur int) int {
	j := &g.jabs[cur]
	r := g.r
	pick := func(keys []string) int { return g.jabIdx[r.pick(keys)] }
	switch j.jenis {
	case domain.JabatanJPTPratama:
		if r.chance(0.75) {
			return pick(adminPrev)
		}
	case domain.JabatanAdministrator:
		if r.chance(0.65) {
			return pick(pengawasPrev)
		}
	case domain.JabatanPengawas:
		if j.key == "kapus" {
			if r.chance(0.7) {
				return pick(kapusPrev)
			}
		} else if r.chance(0.6) {
			return pick(pelaksanaPrev)
		}
	case domain.JabatanFungsional:
		f := family(j.family)
		i := 0
		for i < len(f.levels) && f.levels[i] != j.jenjang {
			i++
		}
		switch {
		case i > 0 && r.chance(0.65):
			return g.jabIdx[jfKey(f.key, f.levels[i-1])]
		case i == 0 && j.cat == catTeknis && r.chance(0.3):
			return pick(pelaksanaPrev)
		}
	case domain.JabatanPelaksana:
		if r.chance(0.3) {
			return pick(pelaksanaPrev[2:])
		}
	}
	return cur
}

// entryJab is the entry-level counterpart of a position: a pelaksana post
// for a managerial one, the lowest level of a JF family.
func (g *gen) entryJab(jab int) int {
	j := &g.jabs[jab]
	switch {
	case j.jenis.Manajerial():
		return g.jabIdx[g.r.pick(pelaksanaPrev)]
	case j.jenis == domain.JabatanFungsional:
		return g.jabIdx[jfKey(j.family, family(j.family).levels[0])]
	}
	return jab
}

// isEntry reports whether a CPNS can be appointed into jab.
func (g *gen) isEntry(jab int) bool {
	j := &g.jabs[jab]
	switch {
	case j.jenis.Manajerial():
		return false
	case j.jenis == domain.JabatanFungsional:
		return family(j.family).levels[0] == j.jenjang
	}
	return true
}

// unitFor picks a unit whose formasi has jab, preferring the given OPD.
func (g *gen) unitFor(jab, opd, near int) int {
	key := g.jabs[jab].key
	var cands []int
	if g.r.chance(0.65) {
		cands = g.unitsByJab[fmt.Sprintf("%s#%d", key, opd)]
	}
	if len(cands) == 0 {
		cands = g.unitsByJab[key]
	}
	if len(cands) == 0 {
		return near
	}
	u := cands[g.r.IntN(len(cands))]
	if u == near && len(cands) > 1 {
		u = cands[g.r.IntN(len(cands))]
	}
	return u
}

// skNomor is an invented SK number in the local style.
func (g *gen) skNomor(kind string, year int) string {
	agency := "BKPSDM"
	if year < 2017 {
		agency = "BKD"
	}
	var code string
	switch kind {
	case "cpns":
		code = "813.3"
		if year >= 2023 {
			code = "800.1.2.2"
		}
	case "pppk":
		code = "813.3"
		if year >= 2023 {
			code = "800.1.2.5"
		}
	case "jabatan":
		code = "821.2"
		if year >= 2023 {
			code = "800.1.3.1"
		}
	case "hukdis":
		code = "862.3"
		if year >= 2023 {
			code = "800.1.6.4"
		}
	default:
		code = "824"
		if year >= 2023 {
			code = "800.1.3.3"
		}
	}
	return fmt.Sprintf("%s/%d/%s/%d", code, g.r.between(1, 1500), agency, year)
}

type seg struct {
	jab, unit int
	start     domain.Date
}

// history writes the placement history of pg (now in post pi, appointed
// serviceM months before AsOf) and returns the TMT of the current placement.
func (g *gen) history(pg *domain.Pegawai, pi, serviceM int, status domain.StatusASN) domain.Date {
	p := &g.posts[pi]
	r := g.r
	tmtM0 := g.asOfM - serviceM
	segs := []seg{{p.jab, p.unit, pg.TMTCPNS}}
	switch status {
	case domain.StatusCPNS:
	case domain.StatusPPPK:
		if serviceM >= 18 && r.chance(0.15) {
			other := g.unitFor(p.jab, g.units[p.unit].opd, p.unit)
			segs = []seg{{p.jab, other, pg.TMTCPNS}, {p.jab, p.unit, fromMonth(tmtM0+r.between(6, serviceM-3), r.between(1, 28))}}
		}
	default:
		var ypM int // months in the current post
		switch x := r.Float64(); {
		case x < 0.25:
			ypM = r.between(3, 23)
		case x < 0.7:
			ypM = r.between(24, 60)
		default:
			ypM = r.between(61, 150)
		}
		if !g.isEntry(p.jab) && serviceM >= 18 {
			ypM = min(ypM, serviceM-12)
		}
		if ypM < serviceM-6 {
			curM := g.asOfM - ypM
			span := curM - tmtM0
			m := min(max(int(float64(span)/float64(r.between(48, 96))+0.5), 1), 4, span/6)
			months := []int{tmtM0}
			for i := 1; i < m; i++ {
				x := tmtM0 + span*i/m + r.between(-2, 2)
				if x <= months[len(months)-1] || x >= curM {
					continue
				}
				months = append(months, x)
			}
			months = append(months, curM)
			segs = make([]seg, len(months))
			segs[len(segs)-1] = seg{p.jab, p.unit, fromMonth(curM, r.between(1, 28))}
			for i := len(segs) - 2; i >= 0; i-- {
				next := segs[i+1]
				jab := g.prevJab(next.jab)
				unit := g.unitFor(jab, g.units[next.unit].opd, next.unit)
				start := fromMonth(months[i], r.between(1, 28))
				if i == 0 {
					start = pg.TMTCPNS
				}
				segs[i] = seg{jab, unit, start}
			}
		}
	}
	// Nobody is appointed CPNS straight into a managerial post or a senior JF level.
	if status == domain.StatusPNS && len(segs) > 1 && !g.isEntry(segs[0].jab) {
		e := g.entryJab(segs[0].jab)
		segs[0] = seg{e, g.unitFor(e, g.units[segs[1].unit].opd, segs[1].unit), segs[0].start}
	}
	// Merge neighbours that ended up identical.
	merged := segs[:1]
	for _, s := range segs[1:] {
		if last := merged[len(merged)-1]; last.jab == s.jab && last.unit == s.unit {
			continue
		}
		merged = append(merged, s)
	}
	for i, s := range merged {
		rw := domain.RiwayatJabatan{ID: g.ids.next(), PegawaiID: pg.ID, OPDID: g.opdID[g.units[s.unit].opd],
			UnitID: g.unitID[s.unit], JabatanID: g.ds.Jabatan[s.jab].ID, TMT: s.start}
		if i+1 < len(merged) {
			rw.TanggalSelesai = merged[i+1].start.AddDays(-1)
		}
		cj := &g.jabs[s.jab]
		switch {
		case i == 0 && status == domain.StatusPPPK:
			rw.Keterangan, rw.NomorSK = "Pengangkatan PPPK", g.skNomor("pppk", s.start.Y)
		case i == 0:
			rw.Keterangan, rw.NomorSK = "Pengangkatan CPNS", g.skNomor("cpns", s.start.Y)
		default:
			prev := merged[i-1]
			pj := &g.jabs[prev.jab]
			kind := "jabatan"
			switch {
			case prev.jab != s.jab && cj.jenis.Manajerial():
				rw.Keterangan = "Pelantikan dalam jabatan " + cj.nama
			case prev.jab != s.jab && cj.jenis == domain.JabatanFungsional && pj.family == cj.family:
				rw.Keterangan = "Kenaikan jenjang jabatan fungsional"
			case prev.jab != s.jab && cj.jenis == domain.JabatanFungsional:
				rw.Keterangan = "Pengangkatan dalam jabatan fungsional"
			case prev.jab != s.jab:
				rw.Keterangan, kind = "Mutasi jabatan pelaksana", "mutasi"
			case g.units[prev.unit].opd != g.units[s.unit].opd:
				rw.Keterangan, kind = "Mutasi antar-OPD", "mutasi"
			default:
				rw.Keterangan, kind = "Rotasi dalam OPD", "mutasi"
			}
			rw.NomorSK = g.skNomor(kind, s.start.Y)
		}
		g.ds.Riwayat = append(g.ds.Riwayat, rw)
	}
	return merged[len(merged)-1].start
}

var skpQuality = [][]float64{
	// Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang
	{.5, .5, 0, 0, 0},
	{.07, .9, .03, 0, 0},
	{0, .45, .4, .12, .03},
}

var predikats = []domain.SKPPredikat{domain.SKPSangatBaik, domain.SKPBaik, domain.SKPButuhPerbaikan, domain.SKPKurang, domain.SKPSangatKurang}

// skp writes one verdict per year for the last 3–5 years, not before the
// appointment year (nor that year when appointed in its second half).
func (g *gen) skp(pg *domain.Pegawai) {
	first := g.cfg.AsOf.Y - g.r.between(3, 5)
	start := pg.TMTCPNS.Y
	if pg.TMTCPNS.M > 6 {
		start++
	}
	q := skpQuality[g.r.weighted([]float64{.2, .74, .06})]
	for y := max(first, start); y < g.cfg.AsOf.Y; y++ {
		g.ds.SKP = append(g.ds.SKP, domain.SKP{ID: g.ids.next(), PegawaiID: pg.ID, Tahun: y, Predikat: predikats[g.r.weighted(q)]})
	}
}

var (
	hukdisRingan = []string{"Teguran lisan", "Teguran tertulis", "Pernyataan tidak puas secara tertulis"}
	hukdisBerat  = []string{"Penurunan jabatan setingkat lebih rendah selama 12 bulan",
		"Pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan"}
	pelanggaran = []string{"Tidak masuk kerja tanpa alasan yang sah", "Tidak menaati ketentuan jam kerja",
		"Tidak mencapai target kinerja", "Tidak menjaga netralitas ASN", "Menyalahgunakan wewenang",
		"Tidak melaksanakan tugas kedinasan yang dipercayakan"}
)

// hukdis gives about 1.5 % of employees with at least 18 months of service a
// sanction (PP 94/2021) within the last four years; some still run at AsOf.
func (g *gen) hukdis(pg *domain.Pegawai) {
	r := g.r
	if monthIndex(pg.TMTCPNS) > g.asOfM-18 || !r.chance(0.015) {
		return
	}
	earliest := max(monthIndex(pg.TMTCPNS)+12, g.asOfM-48)
	h := domain.Hukdis{ID: g.ids.next(), PegawaiID: pg.ID}
	months := 0
	switch r.weighted([]float64{.5, .35, .15}) {
	case 0:
		h.Tingkat, h.Jenis = domain.HukdisRingan, r.pick(hukdisRingan)
	case 1:
		months = []int{6, 9, 12}[r.IntN(3)]
		h.Tingkat, h.Jenis = domain.HukdisSedang, fmt.Sprintf("Pemotongan tunjangan kinerja sebesar 25%% selama %d bulan", months)
	default:
		months = 12
		h.Tingkat, h.Jenis = domain.HukdisBerat, r.pick(hukdisBerat)
	}
	tmtM := r.between(earliest, g.asOfM-1)
	if months > 0 && r.chance(0.4) {
		tmtM = r.between(max(earliest, g.asOfM-months+1), g.asOfM-1)
	}
	h.TMT = fromMonth(tmtM, r.between(1, 28))
	h.TanggalSelesai = h.TMT
	if months > 0 {
		h.TanggalSelesai = h.TMT.AddMonths(months).AddDays(-1)
	}
	h.NomorSK = g.skNomor("hukdis", h.TMT.Y)
	v := r.pick(pelanggaran)
	if v == pelanggaran[0] {
		v = fmt.Sprintf("%s selama %d hari kerja", v, r.between(3, 28))
	}
	h.Keterangan = v
	g.ds.Hukdis = append(g.ds.Hukdis, h)
}
