package eligibility

import (
	"strconv"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

func itoa(n int) string { return strconv.Itoa(n) }

// hukdisLastDay is the last day a sanction is served (domain's meaning of
// TanggalSelesai): its recorded end date, else the last day of the default
// months for its level (Params, MUT-06). With 0 months (ringan by default)
// no day is served.
func hukdisLastDay(p *Params, h *domain.Hukdis) domain.Date {
	if !h.TanggalSelesai.IsZero() {
		return h.TanggalSelesai
	}
	return domain.HukdisLastDay(h.TMT, hukdisMonths(p, h.Tingkat))
}

// hukdisMonths is the default length of a sanction level without an end date.
func hukdisMonths(p *Params, t domain.TingkatHukdis) int {
	switch t {
	case domain.HukdisRingan:
		return p.MUT06RinganBulan
	case domain.HukdisSedang:
		return p.MUT06SedangBulan
	}
	return p.MUT06BeratBulan // unknown levels count as berat
}

var predikatLabels = map[domain.SKPPredikat]string{
	domain.SKPSangatBaik: "Sangat Baik", domain.SKPBaik: "Baik", domain.SKPButuhPerbaikan: "Butuh Perbaikan",
	domain.SKPKurang: "Kurang", domain.SKPSangatKurang: "Sangat Kurang",
}

func predikatLabel(p domain.SKPPredikat) string {
	if l, ok := predikatLabels[p]; ok {
		return l
	}
	if p == "" {
		return "-"
	}
	return string(p)
}

// worstSKP is the lowest predicate recorded for a year (a year recorded twice
// counts with its worse verdict).
func worstSKP(list []domain.SKP, year int) (domain.SKPPredikat, bool) {
	var best domain.SKPPredikat
	found := false
	for i := range list {
		if list[i].Tahun != year {
			continue
		}
		if !found || list[i].Predikat.Score() < best.Score() {
			best = list[i].Predikat
		}
		found = true
	}
	return best, found
}

func orDash(s string) string {
	if s == "" {
		return "tidak tercatat"
	}
	return s
}

func orDashEN(s string) string {
	if s == "" {
		return "not recorded"
	}
	return s
}

func orFree(s string) string {
	if s == "" {
		return "bebas"
	}
	return s
}

func orFreeEN(s string) string {
	if s == "" {
		return "any"
	}
	return s
}

// jurusanCocok compares majors case-insensitively, ignoring surrounding
// spaces (majors are free text until a coded reference exists).
func jurusanCocok(have string, allowed []string) bool {
	have = strings.TrimSpace(have)
	if have == "" {
		return false
	}
	for _, a := range allowed {
		if strings.EqualFold(have, strings.TrimSpace(a)) {
			return true
		}
	}
	return false
}

func rentang(lo, hi domain.Golongan, en bool) string {
	switch {
	case lo == 0 && hi == 0:
		if en {
			return "none"
		}
		return "tidak ditentukan"
	case hi == 0:
		return "≥ " + lo.String()
	case lo == 0:
		return "≤ " + hi.String()
	}
	return lo.String() + "–" + hi.String()
}

func pihakLabel(p Pihak) (string, string) {
	switch p {
	case PihakPemutus:
		return "pengambil keputusan", "the decision maker"
	case PihakAtasanLangsung:
		return "atasan langsung baru", "the new direct superior"
	}
	return string(p), string(p)
}

func hubunganLabel(h Hubungan) (string, string) {
	switch h {
	case HubSuamiIstri:
		return "suami/istri", "spouse"
	case HubDarah:
		return "sedarah", "blood"
	case HubSemenda:
		return "semenda", "in-law"
	}
	return string(h), string(h)
}

func pemutusList(ps []Pemutus) (string, string) {
	var id, en []string
	for _, p := range ps {
		a, b := p.Label()
		id, en = append(id, a), append(en, b)
	}
	return strings.Join(id, " atau "), strings.Join(en, " or ")
}

func hasPemutus(ps []Pemutus, p Pemutus) bool {
	for _, x := range ps {
		if x == p {
			return true
		}
	}
	return false
}

func hasDokumen(ds []Dokumen, d Dokumen) bool {
	for _, x := range ds {
		if x == d {
			return true
		}
	}
	return false
}

// routeMismatch says why the case's origin and target do not fit its type
// ("" when they do).
func routeMismatch(c *Case) string {
	luar := c.AsalLuar || c.TujuanLuar
	switch c.Jenis {
	case domain.MutasiT0, domain.MutasiT1:
		switch {
		case luar:
			return "luar"
		case c.OPDTujuanID == "":
			return "opd_kosong"
		case c.Jenis == domain.MutasiT0 && c.OPDAsalID != c.OPDTujuanID:
			return "opd_beda"
		case c.Jenis == domain.MutasiT0 && c.UnitAsalID == c.UnitTujuanID && c.JabatanAsal.ID == c.JabatanTujuan.ID:
			return "sama"
		case c.Jenis == domain.MutasiT1 && c.OPDAsalID == c.OPDTujuanID:
			return "opd_sama"
		}
	default:
		switch {
		case !luar:
			return "dalam"
		case c.AsalLuar && c.TujuanLuar:
			return "keduanya_luar"
		}
	}
	return ""
}

func mismatchLabel(code string) (string, string) {
	switch code {
	case "luar":
		return "asal atau tujuan di luar Pemda (gunakan T2–T4)", "origin or target is outside the Pemda (use T2–T4)"
	case "opd_kosong":
		return "OPD tujuan belum diisi", "no target OPD given"
	case "opd_beda":
		return "OPD asal dan tujuan berbeda (gunakan T1)", "origin and target OPD differ (use T1)"
	case "sama":
		return "unit dan jabatan tujuan sama dengan yang sekarang", "the target unit and position are the current ones"
	case "opd_sama":
		return "OPD asal dan tujuan sama (gunakan T0)", "origin and target OPD are the same (use T0)"
	case "dalam":
		return "asal dan tujuan dalam satu Pemda (gunakan T0 atau T1)", "origin and target are in one Pemda (use T0 or T1)"
	case "keduanya_luar":
		return "asal dan tujuan sama-sama di luar Pemda ini", "both origin and target are outside this Pemda"
	}
	return code, code
}

func freezeLabel(reason string, months int) (string, string) {
	switch reason {
	case "pasca_pelantikan":
		return itoa(months) + " bulan setelah pelantikan kepala daerah", itoa(months) + " months after the head's inauguration"
	case "pilkada":
		return "menjelang pilkada sampai akhir masa jabatan", "before the election to the end of term"
	case "penjabat":
		return "diputus oleh Pj/Plt", "decided by an acting head"
	}
	return reason, reason
}

// kelompokLabel names a position kind's group for MUT-21: structural (JPT,
// administrator, pengawas) or pelaksana/fungsional.
func kelompokLabel(j domain.JenisJabatan) (id, en string) {
	switch {
	case j == "":
		return "tidak tercatat", "not recorded"
	case j.Manajerial():
		return "jabatan struktural (" + strings.ToLower(strings.ReplaceAll(string(j), "_", " ")) + ")",
			"a structural post (" + strings.ToLower(strings.ReplaceAll(string(j), "_", " ")) + ")"
	}
	return "jabatan pelaksana/fungsional (" + strings.ToLower(string(j)) + ")",
		"a pelaksana/functional post (" + strings.ToLower(string(j)) + ")"
}
