package kepegawaian

import (
	"strconv"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

var jenisJabatanLabels = map[domain.JenisJabatan][2]string{
	domain.JabatanJPTUtama:      {"JPT Utama", "Senior executive (utama)"},
	domain.JabatanJPTMadya:      {"JPT Madya", "Senior executive (madya)"},
	domain.JabatanJPTPratama:    {"JPT Pratama", "Senior executive (pratama)"},
	domain.JabatanAdministrator: {"Administrator", "Administrator"},
	domain.JabatanPengawas:      {"Pengawas", "Supervisor"},
	domain.JabatanFungsional:    {"Fungsional", "Functional"},
	domain.JabatanPelaksana:     {"Pelaksana", "Executor"},
}

// JenisJabatanLabel is the Indonesian label of a position kind.
func JenisJabatanLabel(j string) string {
	if l, ok := jenisJabatanLabels[domain.JenisJabatan(j)]; ok {
		return l[0]
	}
	return j
}

// JenisJabatanLabelEN is the English label of a position kind.
func JenisJabatanLabelEN(j string) string {
	if l, ok := jenisJabatanLabels[domain.JenisJabatan(j)]; ok {
		return l[1]
	}
	return j
}

var jenjangLabels = map[domain.Jenjang][2]string{
	domain.JenjangPemula: {"Pemula", "Beginner"}, domain.JenjangTerampil: {"Terampil", "Skilled"},
	domain.JenjangMahir: {"Mahir", "Proficient"}, domain.JenjangPenyelia: {"Penyelia", "Supervisor"},
	domain.JenjangPertama: {"Ahli Pertama", "Expert, first"}, domain.JenjangMuda: {"Ahli Muda", "Expert, junior"},
	domain.JenjangMadya: {"Ahli Madya", "Expert, middle"}, domain.JenjangUtama: {"Ahli Utama", "Expert, senior"},
}

var jenisOPDLabels = map[domain.JenisOPD][2]string{
	domain.OPDSekretariat: {"Sekretariat", "Secretariat"}, domain.OPDInspektorat: {"Inspektorat", "Inspectorate"},
	domain.OPDBadan: {"Badan", "Agency"}, domain.OPDDinas: {"Dinas", "Service"}, domain.OPDRSUD: {"RSUD", "Regional hospital"},
	domain.OPDSatpol: {"Satpol PP", "Civil police"}, domain.OPDDistrik: {"Distrik", "District"},
}

// Reference lists the ladders and enumerations for forms.
func (s *Service) Reference() Reference {
	var r Reference
	for _, g := range domain.Golongans() {
		r.Golongan = append(r.Golongan, Option{strconv.Itoa(int(g)), g.String() + " – " + g.Pangkat(), g.String() + " – " + g.Pangkat()})
	}
	for i := 1; i <= 17; i++ {
		g := domain.GolonganPPPK(i)
		r.GolonganPPPK = append(r.GolonganPPPK, Option{strconv.Itoa(i), g.String(), g.String()})
	}
	for _, p := range domain.PendidikanLevels() {
		r.Pendidikan = append(r.Pendidikan, Option{strconv.Itoa(int(p)), p.String(), p.String()})
	}
	for _, j := range domain.JenisJabatans {
		l := jenisJabatanLabels[j]
		r.JenisJabatan = append(r.JenisJabatan, Option{string(j), l[0], l[1]})
	}
	for _, j := range []domain.Jenjang{domain.JenjangPemula, domain.JenjangTerampil, domain.JenjangMahir, domain.JenjangPenyelia,
		domain.JenjangPertama, domain.JenjangMuda, domain.JenjangMadya, domain.JenjangUtama} {
		l := jenjangLabels[j]
		r.Jenjang = append(r.Jenjang, Option{string(j), l[0], l[1]})
	}
	for _, j := range domain.JenisOPDs {
		l := jenisOPDLabels[j]
		r.JenisOPD = append(r.JenisOPD, Option{string(j), l[0], l[1]})
	}
	r.JenisKelamin = []Option{{"L", "Laki-laki", "Male"}, {"P", "Perempuan", "Female"}}
	r.SKPPredikat = []Option{{string(domain.SKPSangatBaik), "Sangat Baik", "Outstanding"}, {string(domain.SKPBaik), "Baik", "Good"},
		{string(domain.SKPButuhPerbaikan), "Butuh Perbaikan", "Needs improvement"}, {string(domain.SKPKurang), "Kurang", "Poor"},
		{string(domain.SKPSangatKurang), "Sangat Kurang", "Very poor"}}
	r.Hukdis = []Option{{string(domain.HukdisRingan), "Ringan", "Light"}, {string(domain.HukdisSedang), "Sedang", "Moderate"},
		{string(domain.HukdisBerat), "Berat", "Severe"}}
	r.Status = []Option{{"PNS", "PNS", "Civil servant (PNS)"}, {"CPNS", "CPNS", "Candidate (CPNS)"}, {"PPPK", "PPPK", "Contract (PPPK)"}}
	return r
}
