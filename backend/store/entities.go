package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
)

// Row values in Table column order. One function per table so that the
// column order lives next to the table definition.

func pemdaVals(p domain.Pemda, demo bool) []any { return []any{p.Kode, p.Nama, demo} }

func opdVals(o domain.OPD) []any {
	return []any{o.PemdaID, o.Kode, o.Nama, o.Singkatan, string(o.Jenis), o.Alamat}
}

func nullable(id string) any {
	if id == "" {
		return nil
	}
	return id
}

func unitVals(u domain.Unit) []any { return []any{u.OPDID, nullable(u.ParentID), u.Kode, u.Nama} }

func jabatanVals(j domain.Jabatan) []any {
	jur := j.Jurusan
	if jur == nil {
		jur = []string{}
	}
	b, _ := json.Marshal(jur)
	return []any{j.Kode, j.Nama, string(j.Jenis), string(j.Jenjang), j.Kelas, int(j.MinPendidikan), string(b),
		int(j.GolonganMin), int(j.GolonganMax), j.BUP}
}

func pegawaiVals(p domain.Pegawai) []any {
	return []any{string(p.NIP), p.Nama, p.GelarDepan, p.GelarBelakang, string(p.JenisKelamin), p.TempatLahir, p.TanggalLahir.String(),
		string(p.Status), int(p.Golongan), int(p.GolonganPPPK), int(p.Pendidikan), p.Jurusan, p.OPDID, p.UnitID, p.JabatanID,
		p.TMTJabatan.String(), p.TMTCPNS.String(), p.TMTPNS.String(), p.KeluarPada.String(), p.InstansiTujuan}
}

func riwayatVals(r domain.RiwayatJabatan) []any {
	return []any{r.PegawaiID, r.OPDID, r.UnitID, r.JabatanID, r.TMT.String(), r.TanggalSelesai.String(), r.NomorSK, r.Keterangan}
}

func skpVals(s domain.SKP) []any { return []any{s.PegawaiID, s.Tahun, string(s.Predikat)} }

func hukdisVals(h domain.Hukdis) []any {
	return []any{h.PegawaiID, string(h.Tingkat), h.Jenis, h.NomorSK, h.TMT.String(), h.TanggalSelesai.String(), h.Keterangan}
}

// ImportBundle writes b into an empty database in one transaction: all of it
// or, on any error, none of it.
func (s *Store) ImportBundle(ctx context.Context, actor string, b *kepegawaian.Bundle) error {
	return s.ImportBundleProgress(ctx, actor, b, nil)
}

// importReportEvery is how many rows ImportBundleProgress writes between two
// progress reports (besides one at the end of every table).
const importReportEvery = 1000

// ImportBundleProgress is ImportBundle calling report (when not nil) from
// inside the transaction with the rows written so far and the total: after
// every importReportEvery rows, at the end of every table, and once with
// done == total when every row is written (before the commit).
func (s *Store) ImportBundleProgress(ctx context.Context, actor string, b *kepegawaian.Bundle, report func(done, total int)) error {
	total := 1 + len(b.OPD) + len(b.Unit) + len(b.Jabatan) + len(b.Pegawai) + len(b.Riwayat) + len(b.SKP) + len(b.Hukdis)
	if b.ABK != nil {
		total += 1 + len(b.ABK.Tugas)
	}
	done := 0
	row := func() { // one row written
		if done++; report != nil && done%importReportEvery == 0 {
			report(done, total)
		}
	}
	tableDone := func() {
		if report != nil && done%importReportEvery != 0 {
			report(done, total)
		}
	}
	return s.Write(ctx, actor, func(t *Tx) error {
		done = 0
		var n int
		if err := t.QueryRow("SELECT (SELECT count(*) FROM pemda) + (SELECT count(*) FROM pegawai)").Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return domain.E(domain.KindConflict, "store.not_empty",
				"Basis data sudah berisi data; data contoh hanya dapat dimuat ke instalasi yang kosong.",
				"The database already holds data; the demo region loads only into an empty installation.")
		}
		t.SuspendAudit()
		if err := t.AuditEvent("IMPORT_WILAYAH", "pemda", b.Pemda.ID, nil, map[string]any{"nama": b.Pemda.Nama, "demo": b.Demo,
			"opd": len(b.OPD), "unit": len(b.Unit), "jabatan": len(b.Jabatan), "pegawai": len(b.Pegawai), "riwayat": len(b.Riwayat)}); err != nil {
			return err
		}
		if err := t.Insert(TablePemda, b.Pemda.ID, pemdaVals(b.Pemda, b.Demo)...); err != nil {
			return err
		}
		row()
		tableDone()
		for _, o := range b.OPD {
			if err := t.Insert(TableOPD, o.ID, opdVals(o)...); err != nil {
				return fmt.Errorf("opd %s: %w", o.Kode, err)
			}
			row()
		}
		tableDone()
		for _, u := range b.Unit {
			if err := t.Insert(TableUnit, u.ID, unitVals(u)...); err != nil {
				return fmt.Errorf("unit %s: %w", u.Kode, err)
			}
			row()
		}
		tableDone()
		for _, j := range b.Jabatan {
			if err := t.Insert(TableJabatan, j.ID, jabatanVals(j)...); err != nil {
				return fmt.Errorf("jabatan %s: %w", j.Kode, err)
			}
			row()
		}
		tableDone()
		for _, p := range b.Pegawai {
			if err := t.Insert(TablePegawai, p.ID, pegawaiVals(p)...); err != nil {
				return fmt.Errorf("pegawai %s: %w", p.NIP, err)
			}
			row()
		}
		tableDone()
		for _, r := range b.Riwayat {
			if err := t.Insert(TableRiwayat, r.ID, riwayatVals(r)...); err != nil {
				return err
			}
			row()
		}
		tableDone()
		for _, x := range b.SKP {
			if err := t.Insert(TableSKP, x.ID, skpVals(x)...); err != nil {
				return err
			}
			row()
		}
		tableDone()
		for _, h := range b.Hukdis {
			if err := t.Insert(TableHukdis, h.ID, hukdisVals(h)...); err != nil {
				return err
			}
			row()
		}
		tableDone()
		if a := b.ABK; a != nil {
			if err := t.Insert(TableABK, a.ID, a.Tahun, a.Status, "", ""); err != nil {
				return err
			}
			row()
			for _, x := range a.Tugas {
				if err := t.Insert(TableTugas, x.ID, tugasVals(a.ID, x.UnitID, x.JabatanID, abksvc.TugasRow{Urutan: x.Urutan, Tugas: x.Tugas})...); err != nil {
					return err
				}
				row()
			}
			tableDone()
		}
		return nil
	})
}
