package store

import (
	"context"
	"fmt"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/importer"
)

// The store side of the file importer (importer.Repository).

// ImportRefs reads the codes rows are checked against and the NIPs already
// stored. It writes nothing.
func (s *Store) ImportRefs(ctx context.Context) (*importer.Refs, error) {
	r := &importer.Refs{NIP: map[string]string{}}
	p, demo, _, err := s.Pemda(ctx)
	if err != nil {
		return nil, err
	}
	r.PemdaNama, r.Demo = p.Nama, demo
	rows, err := s.db.QueryContext(ctx, "SELECT id, kode, nama FROM opd ORDER BY kode")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var o importer.RefOPD
		if err := rows.Scan(&o.ID, &o.Kode, &o.Nama); err != nil {
			rows.Close()
			return nil, err
		}
		r.OPD = append(r.OPD, o)
	}
	rows.Close()
	rows, err = s.db.QueryContext(ctx, "SELECT u.id, u.opd_id, o.kode, u.kode, u.nama FROM unit u JOIN opd o ON o.id = u.opd_id ORDER BY o.kode, u.kode")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var u importer.RefUnit
		if err := rows.Scan(&u.ID, &u.OPDID, &u.OPDKode, &u.Kode, &u.Nama); err != nil {
			rows.Close()
			return nil, err
		}
		r.Unit = append(r.Unit, u)
	}
	rows.Close()
	rows, err = s.db.QueryContext(ctx, "SELECT id, kode, nama, jenis FROM jabatan ORDER BY kode")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var j importer.RefJabatan
		if err := rows.Scan(&j.ID, &j.Kode, &j.Nama, &j.Jenis); err != nil {
			rows.Close()
			return nil, err
		}
		r.Jabatan = append(r.Jabatan, j)
	}
	rows.Close()
	rows, err = s.db.QueryContext(ctx, "SELECT nip, nama, gelar_depan, gelar_belakang FROM pegawai")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var nip string
		var p domain.Pegawai
		if err := rows.Scan(&nip, &p.Nama, &p.GelarDepan, &p.GelarBelakang); err != nil {
			return nil, err
		}
		r.NIP[nip] = p.NamaLengkap()
	}
	return r, rows.Err()
}

// ImportPegawai writes imported employees, each with the open row of its
// placement history (as SavePegawai does for a new employee), in one
// transaction through Tx.Insert, so the outbox records every row. References
// and NIP uniqueness are checked again inside the transaction; any failure
// stores nothing and lists every failed line ("baris N").
func (s *Store) ImportPegawai(ctx context.Context, actor string, recs []importer.PegawaiRecord, progress func(done, total int)) error {
	if progress == nil {
		progress = func(int, int) {}
	}
	return s.Write(ctx, actor, func(t *Tx) error {
		unitOPD := map[string]string{}
		jabatan := map[string]bool{}
		nips := map[string]string{}
		load := func(q string, fn func(a, b string)) error {
			rows, err := t.tx.QueryContext(t.ctx, q)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var a, b string
				if err := rows.Scan(&a, &b); err != nil {
					return err
				}
				fn(a, b)
			}
			return rows.Err()
		}
		if err := load("SELECT id, opd_id FROM unit", func(a, b string) { unitOPD[a] = b }); err != nil {
			return err
		}
		if err := load("SELECT id, '' FROM jabatan", func(a, _ string) { jabatan[a] = true }); err != nil {
			return err
		}
		if err := load("SELECT nip, nama FROM pegawai", func(a, b string) { nips[a] = b }); err != nil {
			return err
		}
		var bad []domain.FieldError
		add := func(line int, code, msg, msgEN string) {
			bad = append(bad, domain.FieldError{Field: fmt.Sprintf("baris %d", line), Code: code, Message: msg, MessageEN: msgEN})
		}
		seen := make(map[string]int, len(recs))
		for _, r := range recs {
			p := r.Pegawai
			if opd, ok := unitOPD[p.UnitID]; !ok {
				add(r.Line, "import.unit", "Unit kerja tidak ditemukan.", "Unit not found.")
			} else if opd != p.OPDID {
				add(r.Line, "pegawai.unit_other_opd", "Unit kerja tidak berada di OPD yang dipilih.", "The unit is not in the chosen OPD.")
			}
			if !jabatan[p.JabatanID] {
				add(r.Line, "import.jabatan", "Jabatan tidak ditemukan.", "Position not found.")
			}
			if nama, ok := nips[string(p.NIP)]; ok {
				add(r.Line, "pegawai.nip_taken", fmt.Sprintf("NIP %s sudah tercatat atas nama %s.", p.NIP, nama), fmt.Sprintf("NIP %s is already recorded for %s.", p.NIP, nama))
			} else if line, ok := seen[string(p.NIP)]; ok {
				add(r.Line, "import.nip_duplicate", fmt.Sprintf("NIP %s sudah ada di baris %d berkas ini.", p.NIP, line), fmt.Sprintf("NIP %s already appears on line %d.", p.NIP, line))
			}
			seen[string(p.NIP)] = r.Line
		}
		if len(bad) > 0 {
			return &domain.Error{Kind: domain.KindInvalid, Code: "import.rows", Message: fmt.Sprintf("%d masalah pada baris berkas; tidak ada yang disimpan.", len(bad)),
				MessageEN: fmt.Sprintf("%d problems in the file's rows; nothing was stored.", len(bad)), Fields: bad}
		}
		for i, r := range recs {
			if i%500 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				progress(i, len(recs))
			}
			p := r.Pegawai
			if err := t.Insert(TablePegawai, p.ID, pegawaiVals(p)...); err != nil {
				return fmt.Errorf("baris %d: %w", r.Line, err)
			}
			if err := t.Insert(TableRiwayat, r.RiwayatID, riwayatVals(domain.RiwayatJabatan{
				PegawaiID: p.ID, OPDID: p.OPDID, UnitID: p.UnitID, JabatanID: p.JabatanID, TMT: p.TMTJabatan,
				Keterangan: "Penempatan awal dicatat saat data pegawai diimpor"})...); err != nil {
				return fmt.Errorf("baris %d: %w", r.Line, err)
			}
		}
		progress(len(recs), len(recs))
		return nil
	})
}

var _ importer.Repository = (*Store)(nil)
