package plannersvc

import (
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/planner"
)

func TestAlasanIsAFormalReason(t *testing.T) {
	l := LineView{
		Move: planner.Move{FromGapBefore: -2, FromGapAfter: 0, ToGapBefore: 3, ToGapAfter: 1,
			Cost: planner.CostTerms{RequestBonus: -150, Move: 200, Total: -1234}},
		FromLabel: PosLabel{JabatanNama: "Pengadministrasi Umum", UnitNama: "Bidang SD", OPDNama: "Dinas Pendidikan"},
		ToLabel:   PosLabel{JabatanNama: "Pengadministrasi Umum", UnitNama: "Puskesmas Remu", OPDNama: "Dinas Kesehatan"},
	}
	p := domain.Pegawai{Nama: "Budi Santoso", GelarBelakang: "S.AP", NIP: "198501012010011001", Status: domain.StatusPNS,
		Golongan: 32, Pendidikan: 40, Jurusan: "Administrasi Negara", TMTJabatan: domain.Date{Y: 2020, M: 3, D: 1}}
	got := Alasan(l, p, domain.Date{Y: 2026, M: 5, D: 15})
	for _, s := range []string{
		"berdasarkan hasil Analisis Beban Kerja (ABK)",
		"Sdr. Budi Santoso, S.AP (NIP 198501012010011001) dari jabatan Pengadministrasi Umum pada Bidang SD, Dinas Pendidikan ke jabatan Pengadministrasi Umum pada Puskesmas Remu, Dinas Kesehatan",
		"Pada jabatan tujuan terdapat kekurangan 3 orang pegawai", "jabatan asal terdapat kelebihan 2 orang pegawai",
		"jabatan tujuan masih kekurangan 1 orang dan jabatan asal sesuai kebutuhan",
		"berpendidikan S-1 Administrasi Negara, sesuai dengan syarat pendidikan jabatan tujuan",
		"selama 6 tahun 2 bulan", "berpangkat", "(III/b)", "sesuai dengan permohonan yang bersangkutan",
		"tanpa menimbulkan kekurangan pegawai pada unit kerja asal.",
	} {
		if !strings.Contains(got, s) {
			t.Errorf("lacks %q:\n%s", s, got)
		}
	}
	for _, s := range []string{"1234", "1.234", "200", "biaya", "poin", "/"} {
		if strings.Contains(strings.ReplaceAll(got, "III/b", ""), s) {
			t.Errorf("carries %q:\n%s", s, got)
		}
	}
	// a fit that is not complete is said, a deficit left at the source is not hidden
	l.Cost, l.FromGapAfter = planner.CostTerms{Competence: 80}, 1
	p.Status, p.GolonganPPPK = domain.StatusPPPK, 9
	got = Alasan(l, p, domain.Date{Y: 2026, M: 5, D: 15})
	if !strings.Contains(got, "belum sepenuhnya sesuai") || strings.Contains(got, "tanpa menimbulkan") || !strings.Contains(got, "golongan PPPK") ||
		strings.Contains(got, "permohonan") || !strings.Contains(got, "jabatan asal masih kekurangan 1 orang") {
		t.Errorf("second case:\n%s", got)
	}
}
