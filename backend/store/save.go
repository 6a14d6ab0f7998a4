package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// The entity writes: each checks its references inside the same transaction
// as the write, so a concurrent edit cannot slip between check and write.

func fieldErr(kind domain.Kind, field, code, msgID, msgEN string) error {
	return &domain.Error{Kind: kind, Code: code, Message: msgID, MessageEN: msgEN,
		Fields: []domain.FieldError{{Field: field, Code: code, Message: msgID, MessageEN: msgEN}}}
}

func (t *Tx) count(query string, args ...any) (int, error) {
	var n int
	err := t.QueryRow(query, args...).Scan(&n)
	return n, err
}

// CreatePemda writes the installation's Pemda; there is exactly one.
func (s *Store) CreatePemda(ctx context.Context, actor string, p domain.Pemda) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		n, err := t.count("SELECT count(*) FROM pemda")
		if err != nil {
			return err
		}
		if n > 0 {
			return domain.E(domain.KindConflict, "pemda.exists", "Instalasi ini sudah memiliki Pemda.", "This installation already has a Pemda.")
		}
		return t.Insert(TablePemda, p.ID, pemdaVals(p, false)...)
	})
}

// SaveOPD inserts (create) or updates an OPD.
func (s *Store) SaveOPD(ctx context.Context, actor string, o domain.OPD, create bool) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		if err := t.Require(TablePemda, o.PemdaID, fieldErr(domain.KindInvalid, "pemdaId", "pemda.not_found", "Pemda tidak ditemukan.", "Pemda not found.")); err != nil {
			return err
		}
		n, err := t.count("SELECT count(*) FROM opd WHERE kode = ? AND id <> ?", o.Kode, o.ID)
		if err != nil {
			return err
		}
		if n > 0 {
			return fieldErr(domain.KindConflict, "kode", "opd.kode_taken", fmt.Sprintf("Kode OPD %s sudah dipakai.", o.Kode), fmt.Sprintf("OPD code %s is taken.", o.Kode))
		}
		if create {
			return t.Insert(TableOPD, o.ID, opdVals(o)...)
		}
		_, err = t.Update(TableOPD, o.ID, opdVals(o)...)
		return err
	})
}

// DeleteOPD removes an OPD that has no units and no employees.
func (s *Store) DeleteOPD(ctx context.Context, actor, id string) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		units, err := t.count("SELECT count(*) FROM unit WHERE opd_id = ?", id)
		if err != nil {
			return err
		}
		peg, err := t.count("SELECT count(*) FROM pegawai WHERE opd_id = ?", id)
		if err != nil {
			return err
		}
		hist, err := t.count("SELECT count(*) FROM riwayat_jabatan WHERE opd_id = ?", id)
		if err != nil {
			return err
		}
		if units+peg+hist > 0 {
			return domain.E(domain.KindConflict, "opd.not_empty",
				fmt.Sprintf("OPD tidak dapat dihapus: masih memiliki %d unit, %d pegawai dan %d catatan riwayat jabatan.", units, peg, hist),
				fmt.Sprintf("The OPD cannot be deleted: it still has %d units, %d employees and %d placement records.", units, peg, hist))
		}
		return t.Delete(TableOPD, id)
	})
}

// SaveUnit inserts or updates a unit, keeping the tree inside one OPD and acyclic.
func (s *Store) SaveUnit(ctx context.Context, actor string, u domain.Unit, create bool) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		if err := t.Require(TableOPD, u.OPDID, fieldErr(domain.KindInvalid, "opdId", "opd.not_found", "OPD tidak ditemukan.", "OPD not found.")); err != nil {
			return err
		}
		if !create {
			var cur string
			if err := t.QueryRow("SELECT opd_id FROM unit WHERE id = ?", u.ID).Scan(&cur); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					return notFound(TableUnit)
				}
				return err
			}
			if cur != u.OPDID {
				return fieldErr(domain.KindInvalid, "opdId", "unit.move_opd", "Unit tidak dapat dipindah ke OPD lain.", "A unit cannot move to another OPD.")
			}
		}
		// Walk up from the new parent: it must be in the same OPD and never reach u.
		for p := u.ParentID; p != ""; {
			if p == u.ID {
				return fieldErr(domain.KindInvalid, "parentId", "unit.cycle", "Unit induk tidak boleh berada di bawah unit ini sendiri.", "The parent cannot be below this unit.")
			}
			var opd string
			var next sql.NullString
			if err := t.QueryRow("SELECT opd_id, parent_id FROM unit WHERE id = ?", p).Scan(&opd, &next); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					return fieldErr(domain.KindInvalid, "parentId", "unit.parent_not_found", "Unit induk tidak ditemukan.", "Parent unit not found.")
				}
				return err
			}
			if opd != u.OPDID {
				return fieldErr(domain.KindInvalid, "parentId", "unit.parent_other_opd", "Unit induk harus berada di OPD yang sama.", "The parent must be in the same OPD.")
			}
			p = next.String
		}
		n, err := t.count("SELECT count(*) FROM unit WHERE opd_id = ? AND kode = ? AND id <> ?", u.OPDID, u.Kode, u.ID)
		if err != nil {
			return err
		}
		if n > 0 {
			return fieldErr(domain.KindConflict, "kode", "unit.kode_taken", fmt.Sprintf("Kode unit %s sudah dipakai di OPD ini.", u.Kode), fmt.Sprintf("Unit code %s is taken in this OPD.", u.Kode))
		}
		if create {
			return t.Insert(TableUnit, u.ID, unitVals(u)...)
		}
		_, err = t.Update(TableUnit, u.ID, unitVals(u)...)
		return err
	})
}

// DeleteUnit removes a unit with no sub-units, employees or history.
func (s *Store) DeleteUnit(ctx context.Context, actor, id string) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		sub, err := t.count("SELECT count(*) FROM unit WHERE parent_id = ?", id)
		if err != nil {
			return err
		}
		peg, err := t.count("SELECT count(*) FROM pegawai WHERE unit_id = ?", id)
		if err != nil {
			return err
		}
		hist, err := t.count("SELECT count(*) FROM riwayat_jabatan WHERE unit_id = ?", id)
		if err != nil {
			return err
		}
		if sub+peg+hist > 0 {
			return domain.E(domain.KindConflict, "unit.not_empty",
				fmt.Sprintf("Unit tidak dapat dihapus: masih memiliki %d sub-unit, %d pegawai dan %d catatan riwayat jabatan.", sub, peg, hist),
				fmt.Sprintf("The unit cannot be deleted: it still has %d sub-units, %d employees and %d placement records.", sub, peg, hist))
		}
		return t.Delete(TableUnit, id)
	})
}

// SaveJabatan inserts or updates a catalogue position.
func (s *Store) SaveJabatan(ctx context.Context, actor string, j domain.Jabatan, create bool) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		n, err := t.count("SELECT count(*) FROM jabatan WHERE kode = ? AND id <> ?", j.Kode, j.ID)
		if err != nil {
			return err
		}
		if n > 0 {
			return fieldErr(domain.KindConflict, "kode", "jabatan.kode_taken", fmt.Sprintf("Kode jabatan %s sudah dipakai.", j.Kode), fmt.Sprintf("Position code %s is taken.", j.Kode))
		}
		if create {
			return t.Insert(TableJabatan, j.ID, jabatanVals(j)...)
		}
		_, err = t.Update(TableJabatan, j.ID, jabatanVals(j)...)
		return err
	})
}

// DeleteJabatan removes a position nobody holds or held.
func (s *Store) DeleteJabatan(ctx context.Context, actor, id string) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		n, err := t.count("SELECT (SELECT count(*) FROM pegawai WHERE jabatan_id = ?) + (SELECT count(*) FROM riwayat_jabatan WHERE jabatan_id = ?)", id, id)
		if err != nil {
			return err
		}
		if n > 0 {
			return domain.E(domain.KindConflict, "jabatan.in_use",
				fmt.Sprintf("Jabatan tidak dapat dihapus: masih dipakai oleh %d pegawai atau catatan riwayat.", n),
				fmt.Sprintf("The position cannot be deleted: %d employees or placement records use it.", n))
		}
		return t.Delete(TableJabatan, id)
	})
}

// SavePegawai inserts or updates an employee. The current placement is kept
// equal to the open row of the placement history: a new employee gets one, and
// an edit of the placement corrects it. Transfers (which append history) go
// through the mutasi workflow, not through this edit.
func (s *Store) SavePegawai(ctx context.Context, actor string, p domain.Pegawai, create bool, newHistoryID string) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		var unitOPD string
		if err := t.QueryRow("SELECT opd_id FROM unit WHERE id = ?", p.UnitID).Scan(&unitOPD); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fieldErr(domain.KindInvalid, "unitId", "unit.not_found", "Unit kerja tidak ditemukan.", "Unit not found.")
			}
			return err
		}
		if unitOPD != p.OPDID {
			return fieldErr(domain.KindInvalid, "unitId", "pegawai.unit_other_opd", "Unit kerja tidak berada di OPD yang dipilih.", "The unit is not in the chosen OPD.")
		}
		if err := t.Require(TableJabatan, p.JabatanID, fieldErr(domain.KindInvalid, "jabatanId", "jabatan.not_found", "Jabatan tidak ditemukan.", "Position not found.")); err != nil {
			return err
		}
		var other string
		err := t.QueryRow("SELECT nama FROM pegawai WHERE nip = ? AND id <> ?", string(p.NIP), p.ID).Scan(&other)
		if err == nil {
			return fieldErr(domain.KindConflict, "nip", "pegawai.nip_taken",
				fmt.Sprintf("NIP %s sudah tercatat atas nama %s.", p.NIP, other), fmt.Sprintf("NIP %s is already recorded for %s.", p.NIP, other))
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if create {
			if err := t.Insert(TablePegawai, p.ID, pegawaiVals(p)...); err != nil {
				return err
			}
			return t.Insert(TableRiwayat, newHistoryID, riwayatVals(domain.RiwayatJabatan{
				PegawaiID: p.ID, OPDID: p.OPDID, UnitID: p.UnitID, JabatanID: p.JabatanID, TMT: p.TMTJabatan,
				Keterangan: "Penempatan awal dicatat saat data pegawai dibuat"})...)
		}
		if p.KeluarPada.IsZero() && p.InstansiTujuan == "" {
			// The edit form does not carry the leaving date: an employee who
			// left stays out (leaving is recorded and reversed by the mutasi
			// workflow, pegawai.keluar_pada/instansi_tujuan).
			var keluar string
			if err := t.QueryRow("SELECT keluar_pada, instansi_tujuan FROM pegawai WHERE id = ?", p.ID).Scan(&keluar, &p.InstansiTujuan); err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if p.KeluarPada, err = domain.ParseDate(keluar); err != nil {
				return err
			}
		}
		if _, err := t.Update(TablePegawai, p.ID, pegawaiVals(p)...); err != nil {
			return err
		}
		if p.Keluar() {
			return nil // no open history row: the last one closed when the employee left
		}
		// Keep the open history row equal to the current placement.
		var r domain.RiwayatJabatan
		var tmt string
		err = t.QueryRow(`SELECT id, nomor_sk, keterangan, tmt FROM riwayat_jabatan WHERE pegawai_id = ? AND tanggal_selesai = '' ORDER BY tmt DESC LIMIT 1`, p.ID).
			Scan(&r.ID, &r.NomorSK, &r.Keterangan, &tmt)
		if errors.Is(err, sql.ErrNoRows) {
			return t.Insert(TableRiwayat, newHistoryID, riwayatVals(domain.RiwayatJabatan{
				PegawaiID: p.ID, OPDID: p.OPDID, UnitID: p.UnitID, JabatanID: p.JabatanID, TMT: p.TMTJabatan})...)
		} else if err != nil {
			return err
		}
		r.PegawaiID, r.OPDID, r.UnitID, r.JabatanID, r.TMT = p.ID, p.OPDID, p.UnitID, p.JabatanID, p.TMTJabatan
		_, err = t.Update(TableRiwayat, r.ID, riwayatVals(r)...)
		return err
	})
}

// DeletePegawai removes an employee with their history, SKP and discipline
// records; each removal is recorded in the outbox.
func (s *Store) DeletePegawai(ctx context.Context, actor, id string) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		if err := t.Require(TablePegawai, id, notFound(TablePegawai)); err != nil {
			return err
		}
		for _, child := range []*Table{TableRiwayat, TableSKP, TableHukdis} {
			rows, err := t.tx.QueryContext(t.ctx, "SELECT id FROM "+child.Name+" WHERE pegawai_id = ?", id)
			if err != nil {
				return err
			}
			var ids []string
			for rows.Next() {
				var cid string
				if err := rows.Scan(&cid); err != nil {
					rows.Close()
					return err
				}
				ids = append(ids, cid)
			}
			rows.Close()
			for _, cid := range ids {
				if err := t.Delete(child, cid); err != nil {
					return err
				}
			}
		}
		return t.Delete(TablePegawai, id)
	})
}
