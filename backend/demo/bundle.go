package demo

import "github.com/bkpsdm-sorong/imbang/backend/kepegawaian"

// Bundle generates the demo region of the given size and seed in the shape
// the personnel service writes in one transaction. It is the generator the
// desktop app and the CLI inject into kepegawaian.Config.Demo.
func Bundle(size int, seed int64) (*kepegawaian.Bundle, error) {
	ds, err := Generate(Config{Size: size, Seed: seed})
	if err != nil {
		return nil, err
	}
	return &kepegawaian.Bundle{Pemda: ds.Pemda, Demo: true, OPD: ds.OPD, Unit: ds.Unit, Jabatan: ds.Jabatan,
		Pegawai: ds.Pegawai, Riwayat: ds.Riwayat, SKP: ds.SKP, Hukdis: ds.Hukdis}, nil
}
