package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/dokumen"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
)

// The store side of the documents (dokumen.Repository): the dokumen_lampiran
// rows, written through the write path, and a read of a request with its
// names for the checklist and the PDFs. The request's state is the replay of
// its mutasi_event rows (never written here).

var errUsulanNotFound = domain.E(domain.KindNotFound, "mutasi_usulan.not_found", "Usulan mutasi tidak ditemukan.", "Transfer request not found.")

// placementNames labels a placement (missing ids stay unnamed).
func (s *Store) placementNames(ctx context.Context, p mutasi.Placement) dokumen.Penempatan {
	out := dokumen.Penempatan{Placement: p}
	s.db.QueryRowContext(ctx, "SELECT nama, singkatan FROM opd WHERE id = ?", p.OPDID).Scan(&out.OPDNama, &out.OPDSingkatan)
	s.db.QueryRowContext(ctx, "SELECT nama FROM unit WHERE id = ?", p.UnitID).Scan(&out.UnitNama)
	s.db.QueryRowContext(ctx, "SELECT nama FROM jabatan WHERE id = ?", p.JabatanID).Scan(&out.JabatanNama)
	return out
}

// UsulanDokumen reads a request with the employee and placement names, its
// state replayed from its events.
func (s *Store) UsulanDokumen(ctx context.Context, id string) (dokumen.Usulan, error) {
	var u dokumen.Usulan
	var aps bool
	var data, pegID, dibuat string
	err := s.db.QueryRowContext(ctx, "SELECT id, nomor, pegawai_id, jenis, aps, data, dibuat_pada FROM mutasi_usulan WHERE id = ?", id).
		Scan(&u.ID, &u.Nomor, &pegID, &u.Jenis, &aps, &data, &dibuat)
	if errors.Is(err, sql.ErrNoRows) {
		return u, errUsulanNotFound
	}
	if err != nil {
		return u, err
	}
	u.APS = aps
	u.DibuatPada, _ = time.Parse(time.RFC3339Nano, dibuat)
	var req mutasi.Request
	if err := json.Unmarshal([]byte(data), &req); err != nil {
		return u, fmt.Errorf("mutasi_usulan %s data: %w", id, err)
	}
	events, err := s.MutasiEvents(ctx, id)
	if err != nil {
		return u, err
	}
	l := mutasi.ReplayLog(events)
	if (l.Forked || len(l.Rejected) == 0) && l.State.Seq > 0 {
		st := l.State
		req = st.Request
		u.Status, u.TargetIndex, u.SK, u.Rules = st.Status, st.TargetIndex, st.SK, st.Eligibility
	} else {
		// A log that does not replay still shows what it asks for; the status
		// comes from the derived table.
		s.db.QueryRowContext(ctx, "SELECT status FROM mutasi_status WHERE usulan_id = ?", id).Scan(&u.Status)
	}
	rejected := map[string]bool{}
	for _, r := range l.Rejected {
		rejected[r.Event.ID] = true
	}
	for _, ev := range events {
		if ev.Kind == mutasi.KindAjukan {
			u.Diajukan = ev.Time
		}
		if ev.Payload.Justifikasi != "" && !rejected[ev.ID] {
			id, _ := domain.RoleLabel(ev.Actor.Role)
			u.Justifikasi = append(u.Justifikasi, dokumen.Justifikasi{Kind: ev.Kind, Oleh: strings.TrimSpace(ev.Actor.Name + " (" + id + ")"),
				Waktu: ev.Time, Teks: ev.Payload.Justifikasi})
		}
	}
	if u.DibuatPada.IsZero() && len(events) > 0 {
		u.DibuatPada = events[0].Time
	}
	u.Alasan = req.Reason
	if u.Pegawai, err = s.Pegawai(ctx, pegID); err != nil {
		return u, err
	}
	if g := u.Pegawai.Golongan; g.Valid() {
		u.Pangkat = g.Pangkat() + " / " + g.String()
	} else if gp := u.Pegawai.GolonganPPPK; gp.Valid() {
		u.Pangkat = "PPPK " + gp.String()
	}
	u.Asal = s.placementNames(ctx, req.Source)
	for _, t := range req.Targets {
		u.Tujuan = append(u.Tujuan, s.placementNames(ctx, t))
	}
	return u, nil
}

const lampiranCols = "id, usulan_id, jenis, nama_berkas, sha256, ukuran, mime, status, catatan, diunggah_oleh, diunggah_pada"

// lampiranWait is the column that says a row's file is expected from the
// sync server (lampiran_berkas, migration 0011).
const lampiranWait = ", coalesce((SELECT b.unduh = 'MENUNGGU' FROM lampiran_berkas b WHERE b.sha256 = dokumen_lampiran.sha256), 0)"

func scanLampiranWait(sc interface{ Scan(...any) error }) (dokumen.Lampiran, error) {
	var l dokumen.Lampiran
	err := sc.Scan(&l.ID, &l.UsulanID, &l.Jenis, &l.NamaBerkas, &l.SHA256, &l.Ukuran, &l.MIME, &l.Status, &l.Catatan, &l.DiunggahOleh, &l.DiunggahPada, &l.Menunggu)
	return l, err
}

func scanLampiran(sc interface{ Scan(...any) error }) (dokumen.Lampiran, error) {
	var l dokumen.Lampiran
	err := sc.Scan(&l.ID, &l.UsulanID, &l.Jenis, &l.NamaBerkas, &l.SHA256, &l.Ukuran, &l.MIME, &l.Status, &l.Catatan, &l.DiunggahOleh, &l.DiunggahPada)
	return l, err
}

// LampiranOf lists a request's attachments, oldest first.
func (s *Store) LampiranOf(ctx context.Context, usulanID string) ([]dokumen.Lampiran, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+lampiranCols+lampiranWait+" FROM dokumen_lampiran WHERE usulan_id = ? ORDER BY diunggah_pada, id", usulanID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []dokumen.Lampiran{}
	for rows.Next() {
		l, err := scanLampiranWait(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// LampiranByID reads one attachment.
func (s *Store) LampiranByID(ctx context.Context, id string) (dokumen.Lampiran, error) {
	l, err := scanLampiranWait(s.db.QueryRowContext(ctx, "SELECT "+lampiranCols+lampiranWait+" FROM dokumen_lampiran WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return l, domain.E(domain.KindNotFound, "dokumen_lampiran.not_found", "Lampiran tidak ditemukan; mungkin sudah dihapus.", "Attachment not found; it may have been deleted.")
	}
	return l, err
}

func lampiranVals(l dokumen.Lampiran) []any {
	return []any{l.UsulanID, string(l.Jenis), l.NamaBerkas, l.SHA256, l.Ukuran, l.MIME, string(l.Status), l.Catatan, l.DiunggahOleh, l.DiunggahPada}
}

// InsertLampiran records an attachment; the same content attached twice as
// the same document of a request is refused.
func (s *Store) InsertLampiran(ctx context.Context, actor string, l dokumen.Lampiran) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		if ok, err := t.Exists(TableUsulan, l.UsulanID); err != nil {
			return err
		} else if !ok {
			return errUsulanNotFound
		}
		n, err := t.count("SELECT count(*) FROM dokumen_lampiran WHERE usulan_id = ? AND jenis = ? AND sha256 = ?", l.UsulanID, string(l.Jenis), l.SHA256)
		if err != nil {
			return err
		}
		if n > 0 {
			return domain.E(domain.KindConflict, "dokumen.duplikat", "Berkas yang sama sudah dilampirkan untuk dokumen ini.", "The same file is already attached for this document.")
		}
		return t.Insert(TableLampiran, l.ID, lampiranVals(l)...)
	})
}

// VerifyLampiran sets an attachment's verification status and note.
func (s *Store) VerifyLampiran(ctx context.Context, actor, id string, status dokumen.Status, catatan string) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		l, err := scanLampiran(t.QueryRow("SELECT "+lampiranCols+" FROM dokumen_lampiran WHERE id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound(TableLampiran)
		}
		if err != nil {
			return err
		}
		l.Status, l.Catatan = status, catatan
		_, err = t.Update(TableLampiran, id, lampiranVals(l)...)
		return err
	})
}

// DeleteLampiran removes an attachment row and reports its hash and how many
// rows still use that content.
func (s *Store) DeleteLampiran(ctx context.Context, actor, id string) (sha string, stillUsed int, err error) {
	err = s.Write(ctx, actor, func(t *Tx) error {
		if err := t.QueryRow("SELECT sha256 FROM dokumen_lampiran WHERE id = ?", id).Scan(&sha); errors.Is(err, sql.ErrNoRows) {
			return notFound(TableLampiran)
		} else if err != nil {
			return err
		}
		if err := t.Delete(TableLampiran, id); err != nil {
			return err
		}
		stillUsed, err = t.count("SELECT count(*) FROM dokumen_lampiran WHERE sha256 = ?", sha)
		return err
	})
	return sha, stillUsed, err
}
