package eligibility

import (
	"fmt"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// SettingKey is the key of the synced settings row that stores Params.
const SettingKey = "eligibility"

// Params are the thresholds of the rules that a BKPSDM admin may change
// (docs/domain.md §4: everything marked S or U is a setting). Defaults come from
// DefaultParams; Validate checks an edited value before it is stored.
type Params struct {
	MUT03MinTahun int `json:"mut03MinTahun"` // minimum whole years in the current jabatan (2)
	MUT04MaxTahun int `json:"mut04MaxTahun"` // more than this many years in post → rotation flag (5)

	MUT05Tahun       int `json:"mut05Tahun"`       // no self-requested move to another agency within this many years of TMT PNS (10)
	MUT05KohortMulai int `json:"mut05KohortMulai"` // applies to employees whose TMT CPNS is in this year or later (2021)

	// MUT-06: when a sanction record has no end date, it is taken to last this
	// many months from its TMT. Ringan sanctions (teguran, pernyataan tidak
	// puas) have no serving period in PP 94/2021: 0 means they never block.
	MUT06RinganBulan int `json:"mut06RinganBulan"` // 0
	MUT06SedangBulan int `json:"mut06SedangBulan"` // 12 (the longest of 6/9/12)
	MUT06BeratBulan  int `json:"mut06BeratBulan"`  // 12

	MUT10JumlahTahun int                `json:"mut10JumlahTahun"` // the last N years' SKP (2)
	MUT10MinPredikat domain.SKPPredikat `json:"mut10MinPredikat"` // lowest acceptable predicate (BAIK)

	// MUT-21 (lateral move): the allowed change of kelas jabatan, ± (0). The
	// key keeps its older MUT-12 name so a value stored before still applies.
	MUT12KelasDelta int `json:"mut12KelasDelta"`
	// MUT21LintasJenis lets a move cross between structural posts (JPT,
	// administrator, pengawas) and pelaksana/fungsional posts (false).
	MUT21LintasJenis bool `json:"mut21LintasJenis"`

	// MUT13EJMin, when above 0, also accepts a target whose EJ exceeds it even
	// without a whole-person deficit (the "or EJ > 1.00" alternative, docs/eligibility.md). 0 = off.
	MUT13EJMin float64 `json:"mut13EjMin"`

	MUT15MinTahun int `json:"mut15MinTahun"` // minimum years left before BUP (1)
	MUT16Derajat  int `json:"mut16Derajat"`  // blood or in-law relations up to this degree conflict (2)

	// MUT-19 election freeze. The dates are the region's election calendar;
	// zero dates switch that part of the window off. PenetapanPaslon and
	// AkhirMasaJabatan are set together.
	MUT19JendelaBulan     int         `json:"mut19JendelaBulan"`                      // 6
	MUT19Pelantikan       domain.Date `json:"mut19Pelantikan" ts_type:"string"`       // inauguration of the kepala daerah
	MUT19PenetapanPaslon  domain.Date `json:"mut19PenetapanPaslon" ts_type:"string"`  // determination of the candidate pairs
	MUT19AkhirMasaJabatan domain.Date `json:"mut19AkhirMasaJabatan" ts_type:"string"` // end of the kepala daerah's term

	MUT20Tahun int `json:"mut20Tahun"` // a JPT is not replaced within this many years of inauguration (2)

	// Severitas is BKPSDM's choice of a rule's severity per transfer type
	// (rule id → jenis → BLOCK/WARN/INFO); a rule or type left out keeps the
	// severity of the rule's own table (docs/eligibility.md). See override.
	Severitas map[string]map[domain.JenisMutasi]Severity `json:"severitas"`
}

// DefaultParams are the defaults of docs/domain.md §4.
func DefaultParams() Params {
	return Params{
		MUT03MinTahun:     2,
		MUT04MaxTahun:     5,
		MUT05Tahun:        10,
		MUT05KohortMulai:  2021,
		MUT06RinganBulan:  0,
		MUT06SedangBulan:  12,
		MUT06BeratBulan:   12,
		MUT10JumlahTahun:  2,
		MUT10MinPredikat:  domain.SKPBaik,
		MUT12KelasDelta:   0,
		MUT13EJMin:        0,
		MUT15MinTahun:     1,
		MUT16Derajat:      2,
		MUT19JendelaBulan: 6,
		MUT20Tahun:        2,
	}
}

// Validate reports every out-of-range parameter as a field error of one
// Invalid error (messages in Indonesian and English), nil when all are fine.
func (p Params) Validate() error {
	var v domain.Validation
	rng := func(field string, x, lo, hi int, labelID, labelEN string) {
		if x < lo || x > hi {
			v.Add(field, "eligibility.range",
				fmt.Sprintf("%s harus antara %d dan %d.", labelID, lo, hi),
				fmt.Sprintf("%s must be between %d and %d.", labelEN, lo, hi))
		}
	}
	rng("mut03MinTahun", p.MUT03MinTahun, 0, 10, "MUT-03: masa jabatan minimal (tahun)", "MUT-03: minimum years in post")
	rng("mut04MaxTahun", p.MUT04MaxTahun, 1, 40, "MUT-04: batas lama menjabat (tahun)", "MUT-04: years in post before the rotation flag")
	if p.MUT04MaxTahun < p.MUT03MinTahun {
		v.Add("mut04MaxTahun", "eligibility.mut04_below_mut03",
			"MUT-04: batas lama menjabat tidak boleh kurang dari masa jabatan minimal MUT-03.",
			"MUT-04: the rotation limit may not be below the MUT-03 minimum.")
	}
	rng("mut05Tahun", p.MUT05Tahun, 0, 40, "MUT-05: masa larangan pindah instansi (tahun)", "MUT-05: years before a move to another agency")
	rng("mut05KohortMulai", p.MUT05KohortMulai, 1950, 2100, "MUT-05: tahun angkatan awal", "MUT-05: first cohort year")
	rng("mut06RinganBulan", p.MUT06RinganBulan, 0, 60, "MUT-06: lama hukdis ringan (bulan)", "MUT-06: months of a light sanction")
	rng("mut06SedangBulan", p.MUT06SedangBulan, 1, 60, "MUT-06: lama hukdis sedang tanpa tanggal selesai (bulan)", "MUT-06: months of a moderate sanction without an end date")
	rng("mut06BeratBulan", p.MUT06BeratBulan, 1, 60, "MUT-06: lama hukdis berat tanpa tanggal selesai (bulan)", "MUT-06: months of a severe sanction without an end date")
	rng("mut10JumlahTahun", p.MUT10JumlahTahun, 1, 10, "MUT-10: jumlah tahun SKP", "MUT-10: number of SKP years")
	if !p.MUT10MinPredikat.Valid() {
		v.Add("mut10MinPredikat", "eligibility.predikat", "MUT-10: predikat SKP minimal tidak dikenal.", "MUT-10: unknown minimum SKP predicate.")
	}
	rng("mut12KelasDelta", p.MUT12KelasDelta, 0, 16, "MUT-21: selisih kelas jabatan", "MUT-21: kelas jabatan delta")
	if !(p.MUT13EJMin >= 0 && p.MUT13EJMin <= 10) {
		v.Add("mut13EjMin", "eligibility.range", "MUT-13: ambang EJ harus antara 0 dan 10 (0 = tidak dipakai).", "MUT-13: the EJ threshold must be between 0 and 10 (0 = off).")
	}
	rng("mut15MinTahun", p.MUT15MinTahun, 0, 20, "MUT-15: sisa masa kerja minimal sampai BUP (tahun)", "MUT-15: minimum years before BUP")
	rng("mut16Derajat", p.MUT16Derajat, 1, 4, "MUT-16: derajat hubungan keluarga", "MUT-16: degree of family relation")
	rng("mut19JendelaBulan", p.MUT19JendelaBulan, 1, 24, "MUT-19: jendela larangan (bulan)", "MUT-19: freeze window (months)")
	if p.MUT19PenetapanPaslon.IsZero() != p.MUT19AkhirMasaJabatan.IsZero() {
		v.Add("mut19AkhirMasaJabatan", "eligibility.mut19_pair",
			"MUT-19: tanggal penetapan paslon dan akhir masa jabatan diisi bersama.",
			"MUT-19: the candidate determination date and the end of term are set together.")
	} else if !p.MUT19PenetapanPaslon.IsZero() && p.MUT19AkhirMasaJabatan.Before(p.MUT19PenetapanPaslon) {
		v.Add("mut19AkhirMasaJabatan", "eligibility.mut19_order",
			"MUT-19: akhir masa jabatan tidak boleh sebelum penetapan paslon.",
			"MUT-19: the end of term may not be before the candidate determination.")
	}
	rng("mut20Tahun", p.MUT20Tahun, 0, 10, "MUT-20: masa perlindungan JPT (tahun)", "MUT-20: JPT protection (years)")
	validateSeveritas(&v, p.Severitas)
	return v.Err()
}
