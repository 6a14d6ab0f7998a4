package demo

import (
	"math/rand/v2"

	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
)

// abkID is the demo ABK's id, deterministic from the seed.
func abkID(seed int64) string {
	g := idGen{r: rand.New(rand.NewPCG(uint64(seed), streamABK+2)), n: 1 << 33}
	return g.next()
}

// Bundle generates the demo region of the given size and seed in the shape
// the personnel service writes in one transaction.
func Bundle(size int, seed int64) (*kepegawaian.Bundle, error) {
	return BundleProgress(size, seed, nil)
}

// BundleProgress is Bundle reporting its stages (structure, employees, ABK)
// to report, which may be nil. It is the generator the desktop app and the
// CLI inject into kepegawaian.Config.Demo.
func BundleProgress(size int, seed int64, report kepegawaian.DemoReport) (*kepegawaian.Bundle, error) {
	ds, err := Generate(Config{Size: size, Seed: seed, Progress: report})
	if err != nil {
		return nil, err
	}
	abk := &kepegawaian.BundleABK{ID: abkID(seed), Tahun: ABKTahun, Status: "FINAL"}
	for _, t := range ABKTugas(ds, seed) {
		abk.Tugas = append(abk.Tugas, kepegawaian.BundleTugas{ID: t.ID, UnitID: t.UnitID, JabatanID: t.JabatanID, Urutan: t.Urutan, Tugas: t.Tugas})
	}
	if report != nil {
		report(kepegawaian.DemoStageABK, 1, 1)
	}
	return &kepegawaian.Bundle{Pemda: ds.Pemda, Demo: true, OPD: ds.OPD, Unit: ds.Unit, Jabatan: ds.Jabatan,
		Pegawai: ds.Pegawai, Riwayat: ds.Riwayat, SKP: ds.SKP, Hukdis: ds.Hukdis, ABK: abk}, nil
}
