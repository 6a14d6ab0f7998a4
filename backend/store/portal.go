package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/planner"
	"github.com/bkpsdm-sorong/imbang/backend/portaldesk"
)

// The store side of the Portal Pegawai on the desktop (portaldesk.Repository
// and the planner's interests): activation letters, data-error reports and
// interests, all synced tables written through the write path.

// PegawaiOfOPD lists an OPD's current staff (not those who left), by name.
func (s *Store) PegawaiOfOPD(ctx context.Context, opdID string) ([]domain.Pegawai, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id FROM pegawai WHERE opd_id = ? AND keluar_pada = '' ORDER BY nama, nip", opdID)
	if err != nil {
		return nil, err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]domain.Pegawai, 0, len(ids))
	for _, id := range ids {
		p, err := s.Pegawai(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// IssueAktivasi stores a batch of letters in one transaction: for each, the
// employee's letters still in force are revoked first (a new letter replaces
// the old one), then the new row; one audit entry names the batch.
func (s *Store) IssueAktivasi(ctx context.Context, who string, rows []portaldesk.Aktivasi) error {
	return s.Write(ctx, who, func(t *Tx) error {
		ids := make([]string, 0, len(rows))
		for _, r := range rows {
			if err := t.Require(TablePegawai, r.PegawaiID, domain.E(domain.KindNotFound, "pegawai.not_found",
				"Pegawai tidak ditemukan; mungkin sudah dihapus.", "Employee not found; it may have been deleted.")); err != nil {
				return err
			}
			old, err := t.queryIDs("SELECT id FROM portal_aktivasi WHERE pegawai_id = ? AND dicabut = 0", r.PegawaiID)
			if err != nil {
				return err
			}
			for _, id := range old {
				cur, err := rowVals(t, TableAktivasi, id)
				if err != nil {
					return err
				}
				cur[colIndex(TableAktivasi, "dicabut")] = true
				if _, err := t.Update(TableAktivasi, id, cur...); err != nil {
					return err
				}
			}
			if err := t.Insert(TableAktivasi, r.ID, r.PegawaiID, r.KodeHash, r.Kedaluwarsa.UTC().Format(time.RFC3339Nano),
				r.DibuatOleh, r.DibuatPada.UTC().Format(time.RFC3339Nano), false); err != nil {
				return err
			}
			ids = append(ids, r.PegawaiID)
		}
		return t.AuditEvent("surat_aktivasi", TableAktivasi.Name, "", nil, map[string]any{"pegawai": ids, "jumlah": len(ids)})
	})
}

// queryIDs reads one column of ids inside the transaction.
func (t *Tx) queryIDs(q string, args ...any) ([]string, error) {
	rows, err := t.tx.QueryContext(t.ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

const laporanSelect = `SELECT l.id, l.pegawai_id, p.nip, p.nama, p.gelar_depan, p.gelar_belakang, p.opd_id, coalesce(o.singkatan, ''),
	l.bagian, l.uraian, l.status, l.tanggapan, l.dibuat_pada, l.ditangani_oleh, l.ditangani_pada
	FROM portal_laporan l JOIN pegawai p ON p.id = l.pegawai_id LEFT JOIN opd o ON o.id = p.opd_id`

func scanLaporan(sc interface{ Scan(...any) error }) (portaldesk.Laporan, error) {
	var l portaldesk.Laporan
	var p domain.Pegawai
	err := sc.Scan(&l.ID, &l.PegawaiID, &l.NIP, &p.Nama, &p.GelarDepan, &p.GelarBelakang, &l.OPDID, &l.OPDSingkatan,
		&l.Bagian, &l.Uraian, &l.Status, &l.Tanggapan, &l.DibuatPada, &l.DitanganiOleh, &l.DitanganiPada)
	l.NamaPegawai = p.NamaLengkap()
	return l, err
}

// Laporan lists the data-error reports about employees of opdID ("" = all),
// newest first.
func (s *Store) Laporan(ctx context.Context, opdID string) ([]portaldesk.Laporan, error) {
	q, args := laporanSelect, []any{}
	if opdID != "" {
		q += " WHERE p.opd_id = ?"
		args = append(args, opdID)
	}
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY l.dibuat_pada DESC, l.id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []portaldesk.Laporan{}
	for rows.Next() {
		l, err := scanLaporan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// LaporanByID reads one report.
func (s *Store) LaporanByID(ctx context.Context, id string) (portaldesk.Laporan, error) {
	l, err := scanLaporan(s.db.QueryRowContext(ctx, laporanSelect+" WHERE l.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return l, notFound(TableLaporan)
	}
	return l, err
}

// CloseLaporan writes the handling of a report still BARU (checked in the
// transaction: two operators closing it at once, one wins).
func (s *Store) CloseLaporan(ctx context.Context, who string, l portaldesk.Laporan) error {
	return s.Write(ctx, who, func(t *Tx) error {
		cur, err := rowVals(t, TableLaporan, l.ID)
		if err != nil {
			return err
		}
		at := func(c string) int { return colIndex(TableLaporan, c) }
		if cur[at("status")] != portaldesk.StatusBaru {
			return domain.E(domain.KindConflict, "portal.laporan_ditutup", "Laporan ini sudah ditutup.", "This report is already closed.")
		}
		cur[at("status")], cur[at("tanggapan")], cur[at("ditangani_oleh")], cur[at("ditangani_pada")] = l.Status, l.Tanggapan, l.DitanganiOleh, l.DitanganiPada
		_, err = t.Update(TableLaporan, l.ID, cur...)
		return err
	})
}

var _ portaldesk.Repository = (*Store)(nil)

// MinatAktif reads the active interests (portal_minat), by employee, oldest
// first: the planner's soft preferences.
func (s *Store) MinatAktif(ctx context.Context) (map[string][]planner.Interest, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT pegawai_id, opd_id, jabatan_id, jenis_jabatan, catatan FROM portal_minat WHERE aktif = 1 ORDER BY dibuat_pada, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]planner.Interest{}
	for rows.Next() {
		var id string
		var in planner.Interest
		if err := rows.Scan(&id, &in.OPDID, &in.JabatanID, &in.JenisJabatan, &in.Catatan); err != nil {
			return nil, err
		}
		out[id] = append(out[id], in)
	}
	return out, rows.Err()
}
