package evaluasi

import (
	"context"
	"fmt"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// The context beside a questionnaire: SKP before and after the move, and the
// new position's EJ (with the unit's EU) in the ABK before and after.

var predikatLabel = map[domain.SKPPredikat]string{
	domain.SKPSangatBaik: "Sangat baik", domain.SKPBaik: "Baik", domain.SKPButuhPerbaikan: "Butuh perbaikan",
	domain.SKPKurang: "Kurang", domain.SKPSangatKurang: "Sangat kurang",
}

// skpPick returns the newest SKP with from ≤ tahun ≤ to.
func skpPick(list []domain.SKP, from, to int, ket string) SKPTahun {
	best := SKPTahun{Label: "Belum ada SKP tercatat", Keterangan: ket}
	for _, x := range list {
		if x.Tahun < from || x.Tahun > to || x.Tahun < best.Tahun {
			continue
		}
		best.Tahun, best.Predikat, best.Label = x.Tahun, string(x.Predikat), predikatLabel[x.Predikat]
		if best.Label == "" {
			best.Label = string(x.Predikat)
		}
	}
	return best
}

func (s *Service) konteks(ctx context.Context, it DueItem) (Konteks, error) {
	var k Konteks
	skp, err := s.repo.SKP(ctx, it.PegawaiID)
	if err != nil {
		return k, err
	}
	y := it.TMT.Y
	due := it.JatuhTempo.Y
	k.SKPSebelum = skpPick(skp, 0, y-1, fmt.Sprintf("SKP terbaru sebelum tahun mutasi (≤ %d)", y-1))
	k.SKPSesudah = skpPick(skp, y, due, fmt.Sprintf("SKP terbaru sejak tahun mutasi (%d–%d)", y, due))
	k.Catatan = "EJ = efektivitas jabatan yang ditempati di unit baru; EU = efisiensi unit. Sebelum: ABK terbaru dengan tahun sebelum tahun TMT; " +
		"sesudah: ABK terbaru dari tahun TMT sampai tahun jatuh tempo. Bezetting dihitung dari penempatan pegawai saat ini, sehingga keduanya memakai jumlah pegawai sekarang; yang berbeda adalah tugas dan volume ABK tiap tahun."
	if s.abk == nil {
		none := EJTahun{Keterangan: "Analisis beban kerja tidak tersedia."}
		k.EJSebelum, k.EJSesudah = none, none
		return k, nil
	}
	list, err := s.abk.ListABK(ctx)
	if err != nil {
		return k, err
	}
	if k.EJSebelum, err = s.ej(ctx, list, it, 0, y-1, fmt.Sprintf("Tidak ada ABK untuk tahun sebelum mutasi (≤ %d); EJ sebelum tidak dapat ditampilkan.", y-1)); err != nil {
		return k, err
	}
	if k.EJSesudah, err = s.ej(ctx, list, it, y, due, fmt.Sprintf("Tidak ada ABK untuk tahun %d–%d; EJ sesudah tidak dapat ditampilkan.", y, due)); err != nil {
		return k, err
	}
	return k, nil
}

// ej reads the newest ABK with from ≤ tahun ≤ to (a final one before a draft
// of the same year).
func (s *Service) ej(ctx context.Context, list []abksvc.ABK, it DueItem, from, to int, none string) (EJTahun, error) {
	var pick *abksvc.ABK
	for i := range list {
		a := &list[i]
		if a.Tahun < from || a.Tahun > to {
			continue
		}
		if pick == nil || a.Tahun > pick.Tahun || (a.Tahun == pick.Tahun && a.Status == abksvc.ABKFinal && pick.Status != abksvc.ABKFinal) {
			pick = a
		}
	}
	if pick == nil {
		return EJTahun{Keterangan: none}, nil
	}
	an, err := s.abk.Analyse(ctx, pick.ID)
	if err != nil {
		return EJTahun{}, err
	}
	e := EJTahun{ABKTahun: pick.Tahun, ABKStatus: string(pick.Status)}
	if u, ok := an.Result.Units[it.UnitTujuanID]; ok && u != nil {
		e.UnitAda, e.UnitEU = true, u.EU
	}
	for _, p := range an.Result.Positions {
		if p.UnitID == it.UnitTujuanID && p.JabatanID == it.JabatanID {
			e.EJAda = !p.TanpaABK
			e.EJ, e.Grade = p.EJ, string(p.Grade)
			break
		}
	}
	var notes []string
	if pick.Status != abksvc.ABKFinal {
		notes = append(notes, fmt.Sprintf("ABK %d masih draf.", pick.Tahun))
	}
	if !e.EJAda {
		notes = append(notes, fmt.Sprintf("Jabatan ini di unit tujuan tidak memiliki uraian tugas pada ABK %d.", pick.Tahun))
	}
	if !e.UnitAda {
		notes = append(notes, fmt.Sprintf("Unit tujuan tidak tercakup ABK %d.", pick.Tahun))
	}
	e.Keterangan = strings.Join(notes, " ")
	return e, nil
}
