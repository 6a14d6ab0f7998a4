package report

import (
	"context"
	"io"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
)

// tugasCols are the ABK import template's columns (so the file re-imports
// unchanged into a draft ABK), with the names beside the codes and each
// task's yearly load. Volume and norma are plain numbers: the importer reads
// a numeric cell as it is, whatever the locale.
var tugasCols = []column{{"Kode OPD", 12, text}, {"Nama OPD (singkatan)", 14, text}, {"Kode Unit", 16, text}, {"Nama Unit Kerja", 36, text},
	{"Kode Jabatan", 14, text}, {"Nama Jabatan", 36, text}, {"Uraian Tugas", 60, text}, {"Satuan Hasil", 16, text}, {"Volume", 10, plain},
	{"Periode", 9, text}, {"Norma Waktu (menit)", 12, plain}, {"Beban (menit/tahun)", 14, whole}}

// TugasExport is one ABK task with its position's codes and names.
type TugasExport struct {
	abksvc.PositionRow
	abk.Tugas
	Beban float64 // minutes a year, with the ABK settings in force
}

// LoadTugasExport reads every task of every position of an ABK ("" = the
// one the dashboard shows), positions in code order and tasks in their order.
func LoadTugasExport(ctx context.Context, positions func(context.Context, string) (*abksvc.Analysis, []abksvc.PositionRow, error),
	tugas func(ctx context.Context, abkID, unitID, jabatanID string) ([]abksvc.TugasRow, error), abkID string) (abksvc.ABK, []TugasExport, error) {
	an, rows, err := positions(ctx, abkID)
	if err != nil {
		return abksvc.ABK{}, nil, err
	}
	var out []TugasExport
	for _, p := range rows {
		ts, err := tugas(ctx, an.ABK.ID, p.UnitID, p.JabatanID)
		if err != nil {
			return an.ABK, nil, err
		}
		for _, t := range ts {
			out = append(out, TugasExport{PositionRow: p, Tugas: t.Tugas, Beban: an.Settings.Beban(t.Tugas)})
		}
	}
	return an.ABK, out, nil
}

// TugasXLSX writes the ABK tasks in the ABK import template's layout.
func TugasXLSX(w io.Writer, rows []TugasExport) error {
	b := newBook()
	if err := b.sheet("Tugas", tugasCols, rowsOf(rows, func(r TugasExport) []any {
		return []any{r.OPDKode, r.OPDSingkatan, r.UnitKode, r.UnitNama, r.JabatanKode, r.JabatanNama, r.Uraian, r.SatuanHasil, r.Volume,
			string(r.Periode), r.NormaMenit, int64(round(r.Beban, 0))}
	})); err != nil {
		return err
	}
	return b.write(w)
}
