package dokumen

import (
	"context"
	"fmt"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/report"
)

// The data of the generated PDFs, gathered from the request and labelled;
// backend/report lays them out.

var statusLabel = map[mutasi.Status]string{
	mutasi.StatusDraft: "Draf", mutasi.StatusDiajukan: "Diajukan", mutasi.StatusDiverifikasi: "Diverifikasi BKPSDM",
	mutasi.StatusDisetujuiAsal: "Disetujui OPD asal", mutasi.StatusDisetujuiTujuan: "Disetujui OPD tujuan",
	mutasi.StatusDisetujuiOPD: "Disetujui OPD asal dan tujuan", mutasi.StatusDipertimbangkan: "Dipertimbangkan Tim Penilai Kinerja",
	mutasi.StatusDisetujuiPPKAsal: "Disetujui PPK asal", mutasi.StatusPertek: "Pertek BKN diterima",
	mutasi.StatusSKDitetapkan: "SK ditetapkan", mutasi.StatusDilaksanakan: "Dilaksanakan", mutasi.StatusDitolak: "Ditolak",
	mutasi.StatusDibatalkan: "Dibatalkan",
}

// StatusLabel is a request status in Indonesian.
func StatusLabel(s mutasi.Status) string {
	if l, ok := statusLabel[s]; ok {
		return l
	}
	return string(s)
}

func jenisLabel(j domain.JenisMutasi) string {
	if r, ok := eligibility.RouteOf(j); ok {
		return string(j) + " — " + r.Nama
	}
	return string(j)
}

func (s *Service) doc(ctx context.Context) (report.MutasiDoc, error) {
	p, demo, _, err := s.repo.Pemda(ctx)
	if err != nil {
		return report.MutasiDoc{}, err
	}
	nama := strings.TrimSpace(strings.Replace(p.Nama, "(DATA CONTOH FIKTIF)", "", 1))
	if nama == "" {
		nama = "Pemerintah Daerah"
	}
	return report.MutasiDoc{PemdaNama: nama, Demo: demo, Dibuat: s.now()}, nil
}

// Pejabat is the title of the PPK signing the SK, from the Pemda's name:
// "Pemerintah Kota Sorong" → "WALI KOTA SORONG", "… Kabupaten X" → "BUPATI X",
// "… Provinsi X" → "GUBERNUR X".
func Pejabat(pemda string) string {
	n := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(pemda), "Pemerintah"))
	for _, p := range []struct{ prefix, title string }{{"Kota ", "WALI KOTA "}, {"Kabupaten ", "BUPATI "}, {"Provinsi ", "GUBERNUR "}} {
		if rest, ok := strings.CutPrefix(n, p.prefix); ok {
			return p.title + strings.ToUpper(strings.TrimSpace(rest))
		}
	}
	return "PEJABAT PEMBINA KEPEGAWAIAN " + strings.ToUpper(n)
}

func tempatOf(pemda string) string {
	n := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(pemda), "Pemerintah"))
	for _, p := range []string{"Kota ", "Kabupaten ", "Provinsi "} {
		if rest, ok := strings.CutPrefix(n, p); ok {
			return strings.TrimSpace(rest)
		}
	}
	return n
}

func pegawaiMutasi(u Usulan) report.PegawaiMutasi {
	t := u.Target()
	p := report.PegawaiMutasi{NIP: string(u.Pegawai.NIP), Nama: u.Pegawai.NamaLengkap(), Pangkat: u.Pangkat,
		JabatanLama: u.Asal.JabatanNama, UnitLama: u.Asal.UnitNama, OPDLama: u.Asal.OPDNama,
		JabatanBaru: t.JabatanNama, UnitBaru: t.UnitNama, OPDBaru: t.OPDNama}
	if u.SK != nil && !u.SK.TMT.IsZero() {
		p.TMT = report.Tanggal(u.SK.TMT.Time())
	}
	return p
}

func tujuanText(t Penempatan) string {
	parts := []string{}
	for _, x := range []string{t.JabatanNama, t.UnitNama, t.OPDNama} {
		if strings.TrimSpace(x) != "" {
			parts = append(parts, x)
		}
	}
	if len(parts) == 0 {
		return string(t.OPDID)
	}
	return strings.Join(parts, ", ")
}

var langkahLabel = map[mutasi.Kind]string{
	mutasi.KindVerifikasi: "Verifikasi BKPSDM", mutasi.KindSetujuiAsal: "Persetujuan kepala OPD asal",
	mutasi.KindSetujuiTujuan: "Persetujuan kepala OPD tujuan", mutasi.KindPertimbanganTPK: "Pertimbangan Tim Penilai Kinerja",
	mutasi.KindSetujuiPPKAsal: "Persetujuan PPK asal", mutasi.KindTetapkanSK: "Penetapan SK",
}

// LangkahLabel names a workflow decision in Indonesian, for the documents.
func LangkahLabel(k mutasi.Kind) string {
	if l, ok := langkahLabel[k]; ok {
		return l
	}
	return string(k)
}

// NotaUsulan gathers the nota usulan of a request.
func (s *Service) NotaUsulan(ctx context.Context, usulanID string) (report.NotaUsulan, error) {
	u, err := s.repo.UsulanDokumen(ctx, usulanID)
	if err != nil {
		return report.NotaUsulan{}, err
	}
	d, err := s.doc(ctx)
	if err != nil {
		return report.NotaUsulan{}, err
	}
	n := report.NotaUsulan{MutasiDoc: d, Nomor: u.Nomor, Tanggal: report.Tanggal(u.DibuatPada), Jenis: jenisLabel(u.Jenis), APS: u.APS,
		Alasan: u.Alasan, Status: StatusLabel(u.Status), Pegawai: pegawaiMutasi(u)}
	verified := u.Status != mutasi.StatusDraft && u.Status != mutasi.StatusDiajukan
	for i, t := range u.Tujuan {
		l := tujuanText(t)
		if verified && i == u.TargetIndex && len(u.Tujuan) > 1 {
			l += " (dipilih verifikator)"
		}
		n.Tujuan = append(n.Tujuan, l)
	}
	for _, r := range u.Rules {
		n.Aturan = append(n.Aturan, report.RuleLine{RuleID: r.RuleID, Severity: r.Severity, Outcome: r.Outcome, Pesan: r.Message})
	}
	for _, j := range u.Justifikasi {
		n.Justifikasi = append(n.Justifikasi, report.JustifikasiLine{Langkah: LangkahLabel(j.Kind), Oleh: j.Oleh,
			Tanggal: report.Tanggal(j.Waktu.In(s.now().Location())), Teks: j.Teks})
	}
	if len(n.Aturan) > 0 {
		n.AturanAsal = "Hasil pemeriksaan aturan MUT-01 … MUT-21 sebagaimana tercatat pada langkah terakhir usulan ini."
	}
	return n, nil
}

// DraftSK gathers one draft SK for the given requests, in the given order.
// Requests must have a target (an APS request before verification takes its
// first preference) and not be rejected or cancelled.
func (s *Service) DraftSK(ctx context.Context, ids []string) (report.DraftSK, error) {
	if len(ids) == 0 {
		return report.DraftSK{}, domain.E(domain.KindInvalid, "dokumen.sk_kosong", "Pilih sedikitnya satu usulan untuk draf SK.", "Choose at least one request for the draft SK.")
	}
	d, err := s.doc(ctx)
	if err != nil {
		return report.DraftSK{}, err
	}
	sk := report.DraftSK{MutasiDoc: d, Pejabat: Pejabat(d.PemdaNama), Tempat: tempatOf(d.PemdaNama)}
	seen := map[string]bool{}
	var nomor string
	intern, antar := false, false
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		u, err := s.repo.UsulanDokumen(ctx, id)
		if err != nil {
			return report.DraftSK{}, err
		}
		if u.Status.Terminal() {
			return report.DraftSK{}, domain.E(domain.KindConflict, "dokumen.sk_usulan_selesai",
				fmt.Sprintf("Usulan %s sudah %s; tidak dapat dimasukkan ke draf SK.", u.Nomor, strings.ToLower(StatusLabel(u.Status))),
				fmt.Sprintf("Request %s is %s; it cannot go into a draft SK.", u.Nomor, u.Status))
		}
		sk.Pegawai = append(sk.Pegawai, pegawaiMutasi(u))
		sk.Usulan = append(sk.Usulan, u.Nomor)
		if u.SK != nil && nomor == "" {
			nomor = u.SK.Nomor
			sk.Tanggal = report.Tanggal(u.SK.Tanggal.Time())
		}
		if u.Jenis == domain.MutasiT0 {
			intern = true
		} else {
			antar = true
		}
	}
	sk.Nomor = nomor
	switch {
	case intern && !antar:
		sk.JenisSK = "antar unit kerja dalam perangkat daerah"
	case antar && !intern:
		sk.JenisSK = "antar perangkat daerah"
	default:
		sk.JenisSK = "antar unit kerja dan antar perangkat daerah"
	}
	return sk, nil
}

var verifLabel = map[Status]string{BelumDiperiksa: "Belum diperiksa", Sesuai: "Sesuai", TidakSesuai: "Tidak sesuai"}

// TandaTerima gathers the receipt of a request with the documents received.
func (s *Service) TandaTerima(ctx context.Context, usulanID string) (report.TandaTerima, error) {
	u, err := s.repo.UsulanDokumen(ctx, usulanID)
	if err != nil {
		return report.TandaTerima{}, err
	}
	d, err := s.doc(ctx)
	if err != nil {
		return report.TandaTerima{}, err
	}
	lamp, err := s.repo.LampiranOf(ctx, usulanID)
	if err != nil {
		return report.TandaTerima{}, err
	}
	tgl := u.DibuatPada
	if !u.Diajukan.IsZero() {
		tgl = u.Diajukan
	}
	t := report.TandaTerima{MutasiDoc: d, Nomor: u.Nomor, Tanggal: report.Tanggal(tgl), Jenis: jenisLabel(u.Jenis), Status: StatusLabel(u.Status),
		Pegawai: pegawaiMutasi(u), Tujuan: tujuanText(u.Target())}
	for _, it := range s.checklist(u, lamp) {
		got := false
		for _, l := range it.Lampiran {
			st := verifLabel[l.Status]
			if l.Status == TidakSesuai && l.Catatan != "" {
				st += ": " + l.Catatan
			}
			switch l.Berkas {
			case BerkasRusak:
				st = "BERKAS RUSAK (tidak cocok dengan SHA-256)"
			case BerkasHilang:
				st = "BERKAS HILANG"
			case BerkasBelumDiterima:
				st = "BERKAS BELUM DITERIMA"
			default:
				got = true
			}
			diterima := l.DiunggahPada
			if tm, err := parseTime(l.DiunggahPada); err == nil {
				diterima = report.Tanggal(tm.In(s.now().Location()))
			}
			t.Dokumen = append(t.Dokumen, report.DokumenDiterima{Nama: it.Nama, NamaBerkas: l.NamaBerkas, Ukuran: Ukuran(l.Ukuran), Diterima: diterima, Status: st})
		}
		if !got {
			t.Kurang = append(t.Kurang, it.Nama)
		}
	}
	return t, nil
}
