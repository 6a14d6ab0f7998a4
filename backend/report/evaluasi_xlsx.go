package report

import (
	"io"

	"github.com/bkpsdm-sorong/imbang/backend/evaluasi"
)

// EvaluasiXLSX writes the evaluation report: one row per group (OPD or
// transfer type) with the evaluations due and done and the mean of each
// Likert item (empty where nobody answered), a total row, and a second sheet
// with the questions behind the codes.
func EvaluasiXLSX(w io.Writer, r evaluasi.Report) error {
	b := newBook()
	kel := "OPD tujuan"
	if r.GroupBy == "jenis" {
		kel = "Jenis mutasi"
	}
	cols := []column{{kel, 44, text}, {"Jatuh tempo", 12, whole}, {"Selesai", 10, whole}, {"Persen selesai", 12, ratio}}
	for _, q := range r.Questions {
		cols = append(cols, column{"Rerata " + q.Kode, 11, ratio})
	}
	row := func(g evaluasi.GroupRow) []any {
		v := []any{g.Nama, g.Due, g.Done, nil}
		if g.Due > 0 {
			v[3] = round(float64(g.Done)/float64(g.Due)*100, 1)
		}
		for _, q := range r.Questions {
			if g.N[q.Kode] > 0 {
				v = append(v, g.Rerata[q.Kode])
			} else {
				v = append(v, nil)
			}
		}
		return v
	}
	rows := append(append([]evaluasi.GroupRow{}, r.Rows...), r.Total)
	if r.Total.Nama == "" {
		rows[len(rows)-1].Nama = "Semua"
	}
	rows[len(rows)-1].Nama = "JUMLAH / RERATA " + rows[len(rows)-1].Nama
	if err := b.sheet("Evaluasi", cols, rowsOf(rows, row)); err != nil {
		return err
	}
	qcols := []column{{"Kode", 8, text}, {"Responden", 12, text}, {"Pertanyaan", 80, text}, {"Question (EN)", 60, text}, {"Aktif", 8, text}}
	if err := b.sheet("Pertanyaan", qcols, rowsOf(r.Questions, func(q evaluasi.Question) []any {
		aktif := "Ya"
		if !q.Aktif {
			aktif = "Tidak"
		}
		return []any{q.Kode, string(q.Untuk), q.Teks, q.TeksEN, aktif}
	})); err != nil {
		return err
	}
	return b.write(w)
}
