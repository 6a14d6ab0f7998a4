package demo

import (
	"math"
	"math/rand/v2"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/workload"
)

// ABKTahun is the year of the demo ABK (final).
const ABKTahun = 2026

// TugasFormasi is one generated ABK task of a position.
type TugasFormasi struct {
	ID        domain.ID
	UnitID    domain.ID
	JabatanID domain.ID
	Urutan    int
	workload.Tugas
}

const streamABK = 0x61626b // "abk"

type tugasTemplate struct {
	uraian, satuan string
	periode        workload.Periode
	normaLo        float64
	normaHi        float64
}

// Task templates by kind of work. Norma waktu ranges are plausible minutes
// per unit of output; everything is illustrative.
var (
	tugasManajerial = []tugasTemplate{
		{"Menyusun rencana kerja dan anggaran unit", "dokumen", workload.PeriodeTahun, 1800, 3600},
		{"Memimpin rapat koordinasi", "rapat", workload.PeriodeMinggu, 60, 150},
		{"Memeriksa dan menandatangani naskah dinas", "naskah", workload.PeriodeHari, 5, 12},
		{"Mengevaluasi kinerja bawahan", "pegawai", workload.PeriodeTahun, 120, 240},
		{"Memberikan disposisi dan arahan", "disposisi", workload.PeriodeHari, 4, 10},
		{"Menyusun laporan kinerja unit", "laporan", workload.PeriodeBulan, 240, 480},
		{"Melakukan monitoring lapangan", "kegiatan", workload.PeriodeBulan, 180, 420},
	}
	tugasPelaksana = []tugasTemplate{
		{"Menerima dan mengagendakan surat masuk", "surat", workload.PeriodeHari, 4, 8},
		{"Mengarsipkan dokumen", "berkas", workload.PeriodeBulan, 5, 12},
		{"Menginput data ke aplikasi", "data", workload.PeriodeHari, 3, 8},
		{"Menyusun laporan bulanan", "laporan", workload.PeriodeBulan, 300, 600},
		{"Melayani pemohon layanan", "orang", workload.PeriodeMinggu, 10, 25},
		{"Mengelola persediaan barang", "kegiatan", workload.PeriodeBulan, 120, 300},
		{"Menyiapkan bahan rapat", "rapat", workload.PeriodeMinggu, 45, 90},
		{"Memverifikasi kelengkapan berkas", "berkas", workload.PeriodeHari, 8, 20},
	}
	tugasGuru = []tugasTemplate{
		{"Melaksanakan pembelajaran tatap muka", "jam pelajaran", workload.PeriodeMinggu, 40, 45},
		{"Menyusun modul ajar", "modul", workload.PeriodeBulan, 180, 300},
		{"Menilai hasil belajar siswa", "lembar", workload.PeriodeMinggu, 5, 10},
		{"Membimbing siswa", "sesi", workload.PeriodeMinggu, 30, 60},
		{"Menyusun laporan hasil belajar", "rapor", workload.PeriodeTahun, 30, 60},
	}
	tugasKesehatan = []tugasTemplate{
		{"Melakukan pelayanan pasien", "pasien", workload.PeriodeHari, 10, 25},
		{"Melakukan pencatatan rekam medis", "rekam medis", workload.PeriodeHari, 5, 10},
		{"Melaksanakan penyuluhan kesehatan", "kegiatan", workload.PeriodeBulan, 120, 240},
		{"Melakukan kunjungan rumah", "kunjungan", workload.PeriodeMinggu, 60, 120},
		{"Menyusun laporan pelayanan", "laporan", workload.PeriodeBulan, 180, 360},
	}
	tugasFungsional = []tugasTemplate{
		{"Menyusun kajian teknis", "dokumen", workload.PeriodeTahun, 1200, 2400},
		{"Mengolah dan menganalisis data", "paket data", workload.PeriodeBulan, 240, 600},
		{"Melaksanakan kegiatan teknis lapangan", "kegiatan", workload.PeriodeMinggu, 120, 240},
		{"Memberikan konsultasi teknis", "konsultasi", workload.PeriodeMinggu, 30, 90},
		{"Menyusun laporan pelaksanaan tugas", "laporan", workload.PeriodeBulan, 180, 420},
		{"Mengikuti rapat koordinasi teknis", "rapat", workload.PeriodeMinggu, 60, 120},
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
	st := workload.DefaultSettings()
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
				Tugas: workload.Tugas{Uraian: t.uraian, SatuanHasil: t.satuan, Volume: vol, Periode: t.periode, NormaMenit: norma}})
		}
	}
	return out
}
