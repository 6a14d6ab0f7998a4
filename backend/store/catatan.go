package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// AddHukdis records a disciplinary sanction (checked by Hukdis.Validate)
// through the write path: audited and queued for sync.
func (s *Store) AddHukdis(ctx context.Context, actor string, h domain.Hukdis) error {
	if err := h.Validate(); err != nil {
		return err
	}
	return s.Write(ctx, actor, func(t *Tx) error {
		if err := t.Require(TablePegawai, h.PegawaiID, domain.E(domain.KindNotFound, "pegawai.not_found", "Pegawai tidak ditemukan.", "Employee not found.")); err != nil {
			return err
		}
		return t.Insert(TableHukdis, h.ID, hukdisVals(h)...)
	})
}

// SaveSKP records an SKP verdict; a year already recorded for the employee
// is replaced (one verdict per year).
func (s *Store) SaveSKP(ctx context.Context, actor string, x domain.SKP) (domain.SKP, error) {
	if x.Predikat.Score() == 0 || x.Tahun < 1990 || x.Tahun > 2100 {
		return x, domain.E(domain.KindInvalid, "skp.invalid", "Tahun atau predikat SKP tidak valid (predikat: SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG).",
			"Invalid SKP year or verdict (SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG).")
	}
	err := s.Write(ctx, actor, func(t *Tx) error {
		if err := t.Require(TablePegawai, x.PegawaiID, domain.E(domain.KindNotFound, "pegawai.not_found", "Pegawai tidak ditemukan.", "Employee not found.")); err != nil {
			return err
		}
		var cur string
		err := t.QueryRow("SELECT id FROM skp WHERE pegawai_id = ? AND tahun = ?", x.PegawaiID, x.Tahun).Scan(&cur)
		if errors.Is(err, sql.ErrNoRows) {
			return t.Insert(TableSKP, x.ID, skpVals(x)...)
		} else if err != nil {
			return err
		}
		x.ID = cur
		_, err = t.Update(TableSKP, cur, skpVals(x)...)
		return err
	})
	return x, err
}
