package importer

import (
	"context"
	"fmt"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// tugasField maps the ABK service's task codes to import fields.
var tugasField = map[string]string{"tugas.uraian": "uraian", "tugas.volume": "volume", "tugas.norma": "normaMenit", "tugas.periode": "periode",
	"import.unit": "unitKode", "import.jabatan": "jabatanKode"}

// targetABK picks the draft ABK an import writes into: the one named, else the
// newest draft. A final ABK is refused.
func (s *Service) targetABK(ctx context.Context, abkID string) (abksvc.ABK, error) {
	list, err := s.c.ABK.ListABK(ctx)
	if err != nil {
		return abksvc.ABK{}, err
	}
	for _, a := range list {
		if (abkID != "" && a.ID == abkID) || (abkID == "" && a.Status == abksvc.ABKDraft) {
			if a.Status != abksvc.ABKDraft {
				return a, domain.E(domain.KindConflict, "abk.final", fmt.Sprintf("ABK %d sudah final dan tidak dapat diubah; impor ke ABK draf.", a.Tahun),
					fmt.Sprintf("The %d ABK is final and cannot be changed; import into a draft ABK.", a.Tahun))
			}
			return a, nil
		}
	}
	if abkID != "" {
		return abksvc.ABK{}, domain.E(domain.KindNotFound, "abk.not_found", "ABK tidak ditemukan.", "ABK not found.")
	}
	return abksvc.ABK{}, domain.E(domain.KindInvalid, "import.abk_required", "Belum ada ABK draf; buat ABK tahun ini terlebih dahulu, lalu impor ke sana.",
		"There is no draft ABK; create this year's ABK first, then import into it.")
}

func (s *Service) abk(ctx context.Context, t *table, m Mapping, abkID string, commit bool, progress Progress, rep *Report) error {
	target, err := s.targetABK(ctx, abkID)
	if err != nil {
		return err
	}
	refs, err := s.c.Repo.ImportRefs(ctx)
	if err != nil {
		return err
	}
	x := newIndex(refs)
	loc, err := ParseLocale(m.Locale)
	if err != nil {
		return err
	}
	defer t.close()
	rows := make([]abksvc.TugasImport, 0, len(t.Rows))
	type pos struct{ unit, jab string }
	positions := map[pos]bool{}
	total := len(t.Rows)
	for i, r := range t.Rows {
		if i%progressEvery == 0 {
			progress(PhaseCheck, i, total)
		}
		rr := &rowReader{r: r, m: m, headers: t.Headers}
		o, u, j := x.codes(rr, true)
		tg := abk.Tugas{Uraian: rr.get("uraian"), SatuanHasil: rr.get("satuanHasil")}
		num := func(field, labelID, labelEN string) float64 {
			v := rr.get(field)
			if v == "" {
				return 0 // the task rules report it
			}
			col := rr.m.Columns[field]
			f, why := parseNumber(v, loc, strings.ContainsAny(v, ".,") && t.numericCell(r.Line, col))
			if why != nil {
				rr.add(field, why.code, labelID+": "+why.id, labelEN+": "+why.en)
			}
			return f
		}
		tg.Volume = num("volume", "Volume", "Volume")
		tg.NormaMenit = num("normaMenit", "Norma waktu", "Time norm")
		if v := rr.get("periode"); v != "" {
			var rt *reasonText
			tg.Periode, rt = parsePeriode(v)
			rr.addText("periode", rt)
		}
		for _, f := range abksvc.CheckTugas(tg, "") {
			if field := tugasField[f.Code]; !rr.failed[field] {
				rr.add(field, f.Code, f.Message, f.MessageEN)
			}
		}
		if len(rr.reasons) > 0 {
			rep.Errors = append(rep.Errors, RowError{Line: r.Line, Reasons: rr.reasons})
			continue
		}
		positions[pos{u.ID, j.ID}] = true
		rows = append(rows, abksvc.TugasImport{Baris: r.Line, OPDKode: o.Kode, UnitKode: u.Kode, JabatanKode: j.Kode, Tugas: tg})
	}
	progress(PhaseCheck, total, total)
	rep.Positions = len(positions)
	if !commit || len(rep.Errors) > 0 {
		return nil
	}
	progress(PhaseWrite, 0, len(rows))
	if err := s.c.ABK.ImportTugas(ctx, target.ID, rows); err != nil {
		bad, err := rowsFromError(err, tugasField)
		if err != nil {
			return err
		}
		rep.Errors = bad
		return nil
	}
	progress(PhaseWrite, len(rows), len(rows))
	rep.Committed, rep.Stored = true, len(rows)
	return nil
}
