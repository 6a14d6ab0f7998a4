package demo

import (
	"math"
	"math/rand/v2"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// ABKTahun is the year of the demo ABK (final).
const ABKTahun = 2026

// TugasFormasi is one generated ABK task of a position.
type TugasFormasi struct {
	ID        domain.ID
	UnitID    domain.ID
	JabatanID domain.ID
	Urutan    int
	abk.Tugas
}

const streamABK = 0x61626b // "abk"

type tugasTemplate struct {
	uraian, satuan string
	periode        abk.Periode
	normaLo        float64
	normaHi        float64
}

// Task templates by kind of work. Norma waktu ranges are plausible minutes
// per unit of output; everything is illustrative.
var (
	tugasManajerial = []tugasTemplate{
		{"Menyusun rencana kerja dan anggaran unit", "dokumen", abk.PeriodeTahun, 1800, 3600},
		{"Memimpin rapat koordinasi", "rapat", abk.PeriodeMinggu, 60, 150},
		{"Memeriksa dan menandatangani naskah dinas", "naskah", abk.PeriodeHari, 5, 12},
		{"Mengevaluasi kinerja bawahan", "pegawai", abk.PeriodeTahun, 120, 240},
		{"Memberikan disposisi dan arahan", "disposisi", abk.PeriodeHari, 4, 10},
		{"Menyusun laporan kinerja unit", "laporan", abk.PeriodeBulan, 240, 480},
		{"Melakukan monitoring lapangan", "kegiatan", abk.PeriodeBulan, 180, 420},
	}
	tugasPelaksana = []tugasTemplate{
		{"Menerima dan mengagendakan surat masuk", "surat", abk.PeriodeHari, 4, 8},
		{"Mengarsipkan dokumen", "berkas", abk.PeriodeBulan, 5, 12},
		{"Menginput data ke aplikasi", "data", abk.PeriodeHari, 3, 8},
		{"Menyusun laporan bulanan", "laporan", abk.PeriodeBulan, 300, 600},
		{"Melayani pemohon layanan", "orang", abk.PeriodeMinggu, 10, 25},
		{"Mengelola persediaan barang", "kegiatan", abk.PeriodeBulan, 120, 300},
		{"Menyiapkan bahan rapat", "rapat", abk.PeriodeMinggu, 45, 90},
		{"Memverifikasi kelengkapan berkas", "berkas", abk.PeriodeHari, 8, 20},
	}
	tugasGuru = []tugasTemplate{
		{"Melaksanakan pembelajaran tatap muka", "jam pelajaran", abk.PeriodeMinggu, 40, 45},
		{"Menyusun modul ajar", "modul", abk.PeriodeBulan, 180, 300},
		{"Menilai hasil belajar siswa", "lembar", abk.PeriodeMinggu, 5, 10},
		{"Membimbing siswa", "sesi", abk.PeriodeMinggu, 30, 60},
		{"Menyusun laporan hasil belajar", "rapor", abk.PeriodeTahun, 30, 60},
	}
	tugasKesehatan = []tugasTemplate{
		{"Melakukan pelayanan pasien", "pasien", abk.PeriodeHari, 10, 25},
		{"Melakukan pencatatan rekam medis", "rekam medis", abk.PeriodeHari, 5, 10},
		{"Melaksanakan penyuluhan kesehatan", "kegiatan", abk.PeriodeBulan, 120, 240},
		{"Melakukan kunjungan rumah", "kunjungan", abk.PeriodeMinggu, 60, 120},
		{"Menyusun laporan pelayanan", "laporan", abk.PeriodeBulan, 180, 360},
	}
	tugasFungsional = []tugasTemplate{
		{"Menyusun kajian teknis", "dokumen", abk.PeriodeTahun, 1200, 2400},
		{"Mengolah dan menganalisis data", "paket data", abk.PeriodeBulan, 240, 600},
		{"Melaksanakan kegiatan teknis lapangan", "kegiatan", abk.PeriodeMinggu, 120, 240},
		{"Memberikan konsultasi teknis", "konsultasi", abk.PeriodeMinggu, 30, 90},
		{"Menyusun laporan pelaksanaan tugas", "laporan", abk.PeriodeBulan, 180, 420},
		{"Mengikuti rapat koordinasi teknis", "rapat", abk.PeriodeMinggu, 60, 120},
	}
)

func templatesFor(j domain.Jabatan) []tugasTemplate {
	switch {
	case j.Jenis.Manajerial():
		return tugasManajerial
	case j.Jenis == domain.JabatanPelaksana:
		return tugasPelaksana
	}
	switch name := j.Nama; {
	case len(name) >= 4 && name[:4] == "Guru":
		return tugasGuru
	case containsAny(name, "Perawat", "Bidan", "Dokter", "Apoteker", "Nutrisionis", "Sanitarian", "Kesehatan", "Laboratorium", "Radiografer"):
		return tugasKesehatan
	}
	return tugasFungsional
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		for i := 0; i+len(x) <= len(s); i++ {
			if s[i:i+len(x)] == x {
				return true
			}
		}
	}
	return false
}

// ABKTugas generates the demo ABK: for every formasi position, 4–7 tasks
// whose yearly load is the formasi kebutuhan × WKE within ±7 %, so that the
// kebutuhan the ABK computes (with the default settings) is the formasi's and
// the deliberate imbalance between formasi and bezetting shows in the ABK.
// Deterministic from the seed, on its own random stream.
func ABKTugas(ds *Dataset, seed int64) []TugasFormasi {
	st := abk.DefaultSettings()
	r := rnd{rand.New(rand.NewPCG(uint64(seed), streamABK))}
	ids := idGen{r: rand.New(rand.NewPCG(uint64(seed), streamABK+1)), n: 1 << 32}
	jab := map[domain.ID]domain.Jabatan{}
	for _, j := range ds.Jabatan {
		jab[j.ID] = j
	}
	var out []TugasFormasi
	for _, f := range ds.Formasi {
		if f.Kebutuhan <= 0 {
			continue
		}
		tpl := templatesFor(jab[f.JabatanID])
		n := min(len(tpl), 4+r.IntN(4))
		picked := r.Perm(len(tpl))[:n]
		target := float64(f.Kebutuhan) * st.WKEMenit * r.uniform(0.93, 1.07)
		weights := make([]float64, n)
		sum := 0.0
		for i := range weights {
			weights[i] = r.uniform(0.5, 1.5)
			sum += weights[i]
		}
		for i, ti := range picked {
			t := tpl[ti]
			norma := math.Round(r.uniform(t.normaLo, t.normaHi))
			share := target * weights[i] / sum
			vol := math.Max(1, math.Round(share/(st.Faktor[t.periode]*norma)))
			out = append(out, TugasFormasi{ID: ids.next(), UnitID: f.UnitID, JabatanID: f.JabatanID, Urutan: i + 1,
				Tugas: abk.Tugas{Uraian: t.uraian, SatuanHasil: t.satuan, Volume: vol, Periode: t.periode, NormaMenit: norma}})
		}
	}
	return out
}
