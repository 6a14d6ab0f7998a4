package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/evaluasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
)

// The store side of the evaluations (evaluasi.Repository): the questions
// and the answers, written through the write path, and the executed
// transfers read from mutasi_status and their laksanakan events.

func questionVals(q evaluasi.Question) []any {
	return []any{q.Kode, string(q.Untuk), q.Teks, q.TeksEN, string(q.Jenis), q.Urutan, q.Aktif}
}

// Questions lists the evaluation questions.
func (s *Store) Questions(ctx context.Context) ([]evaluasi.Question, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, kode, untuk, teks, teks_en, jenis, urutan, aktif FROM evaluasi_pertanyaan ORDER BY untuk DESC, urutan, kode")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []evaluasi.Question{}
	for rows.Next() {
		var q evaluasi.Question
		if err := rows.Scan(&q.ID, &q.Kode, &q.Untuk, &q.Teks, &q.TeksEN, &q.Jenis, &q.Urutan, &q.Aktif); err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// SeedQuestions inserts the default questions when none exist (checked in
// the same transaction, so two first uses do not seed twice).
func (s *Store) SeedQuestions(ctx context.Context, actor string, qs []evaluasi.Question) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		n, err := t.count("SELECT count(*) FROM evaluasi_pertanyaan")
		if err != nil || n > 0 {
			return err
		}
		for _, q := range qs {
			if err := t.Insert(TablePertanyaan, q.ID, questionVals(q)...); err != nil {
				return err
			}
		}
		return nil
	})
}

// SaveQuestion inserts or updates one question.
func (s *Store) SaveQuestion(ctx context.Context, actor string, q evaluasi.Question, create bool) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		if create {
			return t.Insert(TablePertanyaan, q.ID, questionVals(q)...)
		}
		_, err := t.Update(TablePertanyaan, q.ID, questionVals(q)...)
		return err
	})
}

// Executed lists the requests whose current status is dilaksanakan, with the
// TMT and placements of their (last) laksanakan event. A transfer out of the
// Pemda (the employee has left) is evaluated by the receiving agency, not here.
func (s *Store) Executed(ctx context.Context) ([]evaluasi.Executed, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT u.id, u.nomor, u.pegawai_id, p.nip, p.nama, u.jenis,
		(SELECT e.payload FROM mutasi_event e WHERE e.usulan_id = u.id AND e.kind = 'LAKSANAKAN' ORDER BY e.seq DESC LIMIT 1)
		FROM mutasi_status ms JOIN mutasi_usulan u ON u.id = ms.usulan_id JOIN pegawai p ON p.id = u.pegawai_id
		WHERE ms.status = ? AND p.keluar_pada = '' ORDER BY u.nomor`, string(mutasi.StatusDilaksanakan))
	if err != nil {
		return nil, err
	}
	var out []evaluasi.Executed
	for rows.Next() {
		var e evaluasi.Executed
		var payload sql.NullString
		if err := rows.Scan(&e.UsulanID, &e.Nomor, &e.PegawaiID, &e.NIP, &e.NamaPegawai, &e.Jenis, &payload); err != nil {
			rows.Close()
			return nil, err
		}
		var pl mutasi.Payload
		if payload.Valid && json.Unmarshal([]byte(payload.String), &pl) == nil && pl.Change != nil {
			c := pl.Change
			e.TMT = c.TMT
			e.OPDAsalID, e.UnitAsalID, e.JabatanAsalID = string(c.From.OPDID), string(c.From.UnitID), string(c.From.JabatanID)
			e.OPDTujuanID, e.UnitTujuanID, e.JabatanID = string(c.To.OPDID), string(c.To.UnitID), string(c.To.JabatanID)
		}
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		e := &out[i]
		s.db.QueryRowContext(ctx, "SELECT nama FROM opd WHERE id = ?", e.OPDAsalID).Scan(&e.OPDAsal)
		s.db.QueryRowContext(ctx, "SELECT nama FROM opd WHERE id = ?", e.OPDTujuanID).Scan(&e.OPDTujuan)
		s.db.QueryRowContext(ctx, "SELECT nama FROM unit WHERE id = ?", e.UnitTujuanID).Scan(&e.UnitTujuan)
		s.db.QueryRowContext(ctx, "SELECT nama FROM jabatan WHERE id = ?", e.JabatanID).Scan(&e.Jabatan)
	}
	return out, nil
}

// Records lists every stored evaluation.
func (s *Store) Records(ctx context.Context) ([]evaluasi.Record, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, usulan_id, bulan, responden, jatuh_tempo, jawaban, diisi_pada, diisi_oleh FROM evaluasi")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []evaluasi.Record
	for rows.Next() {
		var r evaluasi.Record
		var due, jaw string
		var err error
		if err = rows.Scan(&r.ID, &r.UsulanID, &r.Bulan, &r.Responden, &due, &jaw, &r.DiisiPada, &r.DiisiOleh); err != nil {
			return nil, err
		}
		r.JatuhTempo, _ = domain.ParseDate(due)
		if r.Jawaban, err = decodeJawaban(jaw); err != nil {
			return nil, fmt.Errorf("evaluasi %s jawaban: %w", r.ID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SaveRecord inserts the evaluation (usulan, bulan, responden) or updates
// the existing one (its id is kept).
func (s *Store) SaveRecord(ctx context.Context, actor string, r evaluasi.Record) error {
	b, err := json.Marshal(r.Jawaban) // keys sorted: a stable encoding
	if err != nil {
		return err
	}
	vals := []any{r.UsulanID, r.Bulan, string(r.Responden), r.JatuhTempo.String(), string(b), r.DiisiPada, r.DiisiOleh}
	return s.Write(ctx, actor, func(t *Tx) error {
		if ok, err := t.Exists(TableUsulan, r.UsulanID); err != nil {
			return err
		} else if !ok {
			return errUsulanNotFound
		}
		var id string
		err := t.QueryRow("SELECT id FROM evaluasi WHERE usulan_id = ? AND bulan = ? AND responden = ?", r.UsulanID, r.Bulan, string(r.Responden)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return t.Insert(TableEvaluasi, r.ID, vals...)
		}
		if err != nil {
			return err
		}
		_, err = t.Update(TableEvaluasi, id, vals...)
		return err
	})
}

// scheduleEvaluasi stores the evaluations an executed transfer owes
// (evaluasi.Schedule: 6 and 12 months after TMT, employee and supervisor),
// inside the execution's transaction. It is idempotent: an evaluation that
// exists already (by its name-based id or by usulan, bulan and responden)
// is left alone, except that an unanswered one follows a changed TMT. Two
// devices executing the same request derive the same ids, so their rows
// merge at sync.
func scheduleEvaluasi(t *Tx, usulanID string, tmt domain.Date) error {
	for _, r := range evaluasi.Schedule(usulanID, tmt) {
		var id, due, diisi string
		err := t.QueryRow("SELECT id, jatuh_tempo, diisi_pada FROM evaluasi WHERE id = ? OR (usulan_id = ? AND bulan = ? AND responden = ?) ORDER BY id = ? DESC LIMIT 1",
			r.ID, usulanID, r.Bulan, string(r.Responden), r.ID).Scan(&id, &due, &diisi)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if err := t.Insert(TableEvaluasi, r.ID, usulanID, r.Bulan, string(r.Responden), r.JatuhTempo.String(), "{}", "", ""); err != nil {
				return err
			}
		case err != nil:
			return err
		case diisi == "" && due != r.JatuhTempo.String():
			cur, err := rowVals(t, TableEvaluasi, id)
			if err != nil {
				return err
			}
			cur[colIndex(TableEvaluasi, "jatuh_tempo")] = r.JatuhTempo.String()
			if _, err := t.Update(TableEvaluasi, id, cur...); err != nil {
				return err
			}
		}
	}
	return nil
}

// decodeJawaban reads an evaluasi.jawaban: an object of answer code to
// text. A Likert answer may arrive as a JSON number (a row written by
// another client); it is read as its decimal text. Empty is no answers.
func decodeJawaban(s string) (map[string]string, error) {
	out := map[string]string{}
	if s == "" {
		return out, nil
	}
	var raw map[string]any
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	if err := d.Decode(&raw); err != nil {
		return nil, err
	}
	for k, v := range raw {
		switch x := v.(type) {
		case string:
			out[k] = x
		case json.Number:
			out[k] = x.String()
		case nil:
		default:
			return nil, fmt.Errorf("answer %s is neither text nor a number", k)
		}
	}
	return out, nil
}
