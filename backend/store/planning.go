package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/plannersvc"
)

// The rebalancing planner's storage (plannersvc.Repository): a bulk read of
// the organisation and current staff, and the device-local runs, scenarios
// and their lines (migration 0005).

// PlanningSnapshot reads every OPD, unit, jabatan, current employee (by NIP),
// SKP and disciplinary record in one read transaction.
func (s *Store) PlanningSnapshot(ctx context.Context) (*plannersvc.Snapshot, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	snap := &plannersvc.Snapshot{OPD: map[string]domain.OPD{}, Unit: map[string]domain.Unit{}, Jabatan: map[string]domain.Jabatan{},
		SKP: map[string][]domain.SKP{}, Hukdis: map[string][]domain.Hukdis{}}
	each := func(q string, scan func(*sql.Rows) error) error {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	if err := each("SELECT id, pemda_id, kode, nama, singkatan, jenis, alamat FROM opd", func(r *sql.Rows) error {
		var o domain.OPD
		err := r.Scan(&o.ID, &o.PemdaID, &o.Kode, &o.Nama, &o.Singkatan, &o.Jenis, &o.Alamat)
		snap.OPD[o.ID] = o
		return err
	}); err != nil {
		return nil, err
	}
	if err := each("SELECT id, opd_id, coalesce(parent_id, ''), kode, nama FROM unit", func(r *sql.Rows) error {
		var u domain.Unit
		err := r.Scan(&u.ID, &u.OPDID, &u.ParentID, &u.Kode, &u.Nama)
		snap.Unit[u.ID] = u
		return err
	}); err != nil {
		return nil, err
	}
	if err := each("SELECT "+jabatanCols+" FROM jabatan j", func(r *sql.Rows) error {
		j, err := scanJabatan(r)
		snap.Jabatan[j.ID] = j
		return err
	}); err != nil {
		return nil, err
	}
	if err := each(`SELECT id, nip, nama, gelar_depan, gelar_belakang, jenis_kelamin, tempat_lahir, tanggal_lahir, status,
		golongan, golongan_pppk, pendidikan, jurusan, opd_id, unit_id, jabatan_id, tmt_jabatan, tmt_cpns, tmt_pns, keluar_pada, instansi_tujuan
		FROM pegawai WHERE keluar_pada = '' ORDER BY nip`, func(r *sql.Rows) error {
		var p domain.Pegawai
		var lahir, tmtJ, tmtC, tmtP, keluar string
		if err := r.Scan(&p.ID, &p.NIP, &p.Nama, &p.GelarDepan, &p.GelarBelakang, &p.JenisKelamin, &p.TempatLahir, &lahir, &p.Status,
			&p.Golongan, &p.GolonganPPPK, &p.Pendidikan, &p.Jurusan, &p.OPDID, &p.UnitID, &p.JabatanID, &tmtJ, &tmtC, &tmtP, &keluar, &p.InstansiTujuan); err != nil {
			return err
		}
		if err := parseDates(map[*domain.Date]string{&p.TanggalLahir: lahir, &p.TMTJabatan: tmtJ, &p.TMTCPNS: tmtC, &p.TMTPNS: tmtP, &p.KeluarPada: keluar}); err != nil {
			return err
		}
		snap.Pegawai = append(snap.Pegawai, p)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := each("SELECT id, pegawai_id, tahun, predikat FROM skp ORDER BY pegawai_id, tahun DESC", func(r *sql.Rows) error {
		var x domain.SKP
		err := r.Scan(&x.ID, &x.PegawaiID, &x.Tahun, &x.Predikat)
		snap.SKP[x.PegawaiID] = append(snap.SKP[x.PegawaiID], x)
		return err
	}); err != nil {
		return nil, err
	}
	if err := each(`SELECT id, pegawai_id, tingkat, jenis, nomor_sk, tmt, tanggal_selesai, keterangan FROM hukdis
		ORDER BY pegawai_id, tmt DESC`, func(r *sql.Rows) error {
		var h domain.Hukdis
		var tmt, selesai string
		if err := r.Scan(&h.ID, &h.PegawaiID, &h.Tingkat, &h.Jenis, &h.NomorSK, &tmt, &selesai, &h.Keterangan); err != nil {
			return err
		}
		if err := parseDates(map[*domain.Date]string{&h.TMT: tmt, &h.TanggalSelesai: selesai}); err != nil {
			return err
		}
		snap.Hukdis[h.PegawaiID] = append(snap.Hukdis[h.PegawaiID], h)
		return nil
	}); err != nil {
		return nil, err
	}
	return snap, nil
}

const runCols = "id, dibuat, aktor, nama, jenis, induk_id, input_hash, solver_version, bobot, opsi, status, abk_id, data_version, milidetik"

func scanRun(sc interface{ Scan(...any) error }, extra ...any) (plannersvc.RunRecord, error) {
	var r plannersvc.RunRecord
	var bobot, opsi string
	if err := sc.Scan(append([]any{&r.ID, &r.Dibuat, &r.Aktor, &r.Nama, &r.Jenis, &r.IndukID, &r.InputHash, &r.SolverVersion,
		&bobot, &opsi, &r.Status, &r.ABKID, &r.DataVersion, &r.Millis}, extra...)...); err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(bobot), &r.Weights); err != nil {
		return r, err
	}
	return r, json.Unmarshal([]byte(opsi), &r.Options)
}

// SavePlanRun stores a run (or scenario) and its lines in one transaction.
func (s *Store) SavePlanRun(ctx context.Context, r plannersvc.RunRecord, lines []plannersvc.Line) error {
	bobot, err := json.Marshal(r.Weights)
	if err != nil {
		return err
	}
	opsi, err := json.Marshal(r.Options)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "INSERT INTO rencana_run("+runCols+", hasil) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
		r.ID, r.Dibuat, r.Aktor, r.Nama, r.Jenis, r.IndukID, r.InputHash, r.SolverVersion, string(bobot), string(opsi),
		r.Status, r.ABKID, r.DataVersion, r.Millis, string(r.Hasil)); err != nil {
		return classify(err)
	}
	for _, l := range lines {
		if _, err := tx.ExecContext(ctx, "INSERT INTO rencana_baris(run_id, pegawai_id, urut, dari, ke) VALUES (?,?,?,?,?)",
			r.ID, l.PegawaiID, l.Urut, l.Dari, l.Ke); err != nil {
			return classify(err)
		}
	}
	return classify(tx.Commit())
}

// PlanRun reads one stored run with its output.
func (s *Store) PlanRun(ctx context.Context, id string) (plannersvc.RunRecord, error) {
	var hasil string
	r, err := scanRun(s.db.QueryRowContext(ctx, "SELECT "+runCols+", hasil FROM rencana_run WHERE id = ?", id), &hasil)
	if errors.Is(err, sql.ErrNoRows) {
		return r, domain.E(domain.KindNotFound, "rencana.not_found", "Rencana mutasi tidak ditemukan.", "Plan not found.")
	}
	r.Hasil = json.RawMessage(hasil)
	return r, err
}

// PlanRuns lists the stored runs and scenarios, newest first, without output.
func (s *Store) PlanRuns(ctx context.Context) ([]plannersvc.RunRecord, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+runCols+" FROM rencana_run ORDER BY dibuat DESC, id DESC")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []plannersvc.RunRecord{}
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// PlanLines lists a run's lines in plan order.
func (s *Store) PlanLines(ctx context.Context, runID string) ([]plannersvc.Line, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT run_id, pegawai_id, urut, dari, ke, keputusan, usulan_id FROM rencana_baris
		WHERE run_id = ? ORDER BY urut`, runID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []plannersvc.Line{}
	for rows.Next() {
		var l plannersvc.Line
		if err := rows.Scan(&l.RunID, &l.PegawaiID, &l.Urut, &l.Dari, &l.Ke, &l.Keputusan, &l.UsulanID); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

var errLineMissing = domain.E(domain.KindNotFound, "rencana.baris_not_found", "Baris rencana tidak ditemukan.", "Plan line not found.")

// SetPlanDecision records accept/reject ("" clears) on a line not yet converted.
func (s *Store) SetPlanDecision(ctx context.Context, runID, pegawaiID, keputusan string) error {
	var usulan string
	err := s.db.QueryRowContext(ctx, "SELECT usulan_id FROM rencana_baris WHERE run_id = ? AND pegawai_id = ?", runID, pegawaiID).Scan(&usulan)
	if errors.Is(err, sql.ErrNoRows) {
		return errLineMissing
	}
	if err != nil {
		return err
	}
	if usulan != "" {
		return domain.E(domain.KindConflict, "rencana.sudah_usulan", "Baris ini sudah menjadi usulan mutasi; keputusannya tidak dapat diubah.",
			"This line is already a transfer request; its decision cannot change.")
	}
	_, err = s.db.ExecContext(ctx, "UPDATE rencana_baris SET keputusan = ? WHERE run_id = ? AND pegawai_id = ?", keputusan, runID, pegawaiID)
	return classify(err)
}

// ConvertPlanLines stores every draft request's buat event (through the
// synced, audited write path) and marks the lines converted and accepted,
// in one transaction: if any part fails, nothing is kept.
func (s *Store) ConvertPlanLines(ctx context.Context, actor mutasisvc.User, appends []mutasisvc.Append, runID string, conv []plannersvc.Conversion) error {
	return s.Write(ctx, actor.ID, func(t *Tx) error {
		for _, a := range appends {
			if _, err := t.appendMutasi(a); err != nil {
				return err
			}
		}
		for _, c := range conv {
			res, err := t.tx.ExecContext(t.ctx, `UPDATE rencana_baris SET usulan_id = ?, keputusan = ?
				WHERE run_id = ? AND pegawai_id = ? AND usulan_id = ''`, c.UsulanID, plannersvc.Diterima, runID, c.PegawaiID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return domain.E(domain.KindConflict, "rencana.sudah_usulan", "Salah satu baris sudah menjadi usulan mutasi atau tidak ada; tidak ada yang disimpan.",
					"One of the lines is already a transfer request or does not exist; nothing was saved.")
			}
		}
		return nil
	})
}
