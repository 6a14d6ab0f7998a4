package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
)

// The mutasi workflow's storage (mutasisvc.Repository): requests, their
// append-only events, the derived status, and the placement change of a
// carried-out (or reversed) transfer — all of one event in one transaction.

// LocalValue reads a device-local value from meta (not synced).
func (s *Store) LocalValue(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return v, err == nil, err
}

// SaveLocalValue stores a device-local value in meta (not synced).
func (s *Store) SaveLocalValue(ctx context.Context, key, value string) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	_, err := s.db.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
	return classify(err)
}

// VerifiedDokumen lists the checklist codes of a request's attachments whose
// verification status is SESUAI.
func (s *Store) VerifiedDokumen(ctx context.Context, usulanID string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT DISTINCT jenis FROM dokumen_lampiran WHERE usulan_id = ? AND status = 'SESUAI' ORDER BY jenis", usulanID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var j string
		if err := rows.Scan(&j); err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

const usulanSelect = `SELECT u.id, u.nomor, u.pegawai_id, coalesce(p.nip, ''), coalesce(p.nama, ''), coalesce(p.gelar_depan, ''),
	coalesce(p.gelar_belakang, ''), u.jenis, u.aps, u.data, coalesce(s.status, ''), coalesce(s.diperbarui, u.dibuat_pada)
	FROM mutasi_usulan u LEFT JOIN pegawai p ON p.id = u.pegawai_id LEFT JOIN mutasi_status s ON s.usulan_id = u.id`

func scanUsulan(sc interface{ Scan(...any) error }) (mutasisvc.Record, error) {
	var r mutasisvc.Record
	var p domain.Pegawai
	var data string
	if err := sc.Scan(&r.ID, &r.Nomor, &r.PegawaiID, &r.NIP, &p.Nama, &p.GelarDepan, &p.GelarBelakang, &r.Jenis, &r.APS, &data,
		&r.Status, &r.Diperbarui); err != nil {
		return r, err
	}
	r.Nama = p.NamaLengkap()
	if err := json.Unmarshal([]byte(data), &r.Request); err != nil {
		return r, fmt.Errorf("mutasi_usulan %s: data: %w", r.ID, err)
	}
	return r, nil
}

// MutasiRecord returns one request.
func (s *Store) MutasiRecord(ctx context.Context, id string) (mutasisvc.Record, error) {
	r, err := scanUsulan(s.db.QueryRowContext(ctx, usulanSelect+" WHERE u.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, domain.E(domain.KindNotFound, "mutasi.not_found", "Usulan mutasi tidak ditemukan.", "Transfer request not found.")
	}
	return r, err
}

// MutasiRecords returns every request, most recently updated first.
func (s *Store) MutasiRecords(ctx context.Context) ([]mutasisvc.Record, error) {
	rows, err := s.db.QueryContext(ctx, usulanSelect+" ORDER BY coalesce(s.diperbarui, u.dibuat_pada) DESC, u.id DESC")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []mutasisvc.Record{}
	for rows.Next() {
		r, err := scanUsulan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// MutasiEvents returns a request's events in replay order.
func (s *Store) MutasiEvents(ctx context.Context, usulanID string) ([]mutasi.Event, error) {
	return readEvents(ctx, s.db, usulanID)
}

// rowsQueryer is a *sql.DB or a *sql.Tx.
type rowsQueryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// readEvents is the one reader of a request's workflow events, for the
// workflow, its documents and the sync apply path alike: ordered by seq and
// then id, so decisions made concurrently on two desktops (the same seq,
// both kept by the server) replay in the same order on every device; an
// event whose actor, payload or time does not decode is an error, never a
// silently emptied field.
func readEvents(ctx context.Context, q rowsQueryer, usulanID string) ([]mutasi.Event, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, usulan_id, seq, kind, aktor, waktu, catatan, payload FROM mutasi_event WHERE usulan_id = ? ORDER BY seq, id", usulanID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []mutasi.Event
	for rows.Next() {
		var ev mutasi.Event
		var aktor, waktu, payload string
		if err := rows.Scan(&ev.ID, &ev.RequestID, &ev.Seq, &ev.Kind, &aktor, &waktu, &ev.Note, &payload); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(aktor), &ev.Actor); err != nil {
			return nil, fmt.Errorf("mutasi_event %s: aktor: %w", ev.ID, err)
		}
		if err := json.Unmarshal([]byte(payload), &ev.Payload); err != nil {
			return nil, fmt.Errorf("mutasi_event %s: payload: %w", ev.ID, err)
		}
		if ev.Time, err = time.Parse(time.RFC3339Nano, waktu); err != nil {
			return nil, fmt.Errorf("mutasi_event %s: waktu: %w", ev.ID, err)
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}

// OpenMutasi returns the id of an employee's request that is in progress
// (neither closed nor carried out), "" when there is none.
func (s *Store) OpenMutasi(ctx context.Context, pegawaiID string) (string, error) {
	var id string
	err := s.db.QueryRowContext(ctx, `SELECT u.id FROM mutasi_usulan u JOIN mutasi_status s ON s.usulan_id = u.id
		WHERE u.pegawai_id = ? AND s.status NOT IN (?, ?, ?) LIMIT 1`, pegawaiID,
		string(mutasi.StatusDitolak), string(mutasi.StatusDibatalkan), string(mutasi.StatusDilaksanakan)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return id, err
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// AppendMutasi stores one workflow event in one transaction: on buat the
// request row with its next number, on ubah the edited request, the event,
// the derived status, the placement change it carries, and one audit entry
// summarising the decision (next to the per-row entries the write path makes).
func (s *Store) AppendMutasi(ctx context.Context, a mutasisvc.Append) (string, error) {
	var nomor string
	err := s.Write(ctx, a.Actor.ID, func(t *Tx) (err error) {
		nomor, err = t.appendMutasi(a)
		return err
	})
	return nomor, err
}

// appendMutasi is AppendMutasi inside a transaction, so that several events
// (the planner's drafts) can be stored all or nothing.
func (t *Tx) appendMutasi(a mutasisvc.Append) (nomor string, err error) {
	ev := a.Event
	err = func() error {
		if a.New != nil {
			n, err := nextNomor(t, a.NomorPrefix)
			if err != nil {
				return err
			}
			nomor = n
			data, _ := json.Marshal(a.New.Request)
			if err := t.Insert(TableUsulan, a.New.ID, nomor, a.New.PegawaiID, string(a.New.Jenis), b2i(a.New.APS), string(data),
				a.Actor.ID, ev.Time.UTC().Format(time.RFC3339Nano)); err != nil {
				return err
			}
		} else {
			cur, err := rowVals(t, TableUsulan, ev.RequestID)
			if err != nil {
				return err
			}
			nomor, _ = cur[0].(string)
			// The log as it stands in this transaction must still end where the
			// decision was made (another event may have arrived meanwhile;
			// events of a lost fork do not count: mutasi.ReplayLog).
			evs, err := readEvents(t.ctx, t.tx, ev.RequestID)
			if err != nil {
				return err
			}
			if mutasi.ReplayLog(evs).State.Seq != ev.Seq-1 {
				return domain.E(domain.KindConflict, "mutasi.stale",
					"Usulan ini baru saja diubah oleh orang lain; muat ulang lalu coba lagi.",
					"This request was just changed by someone else; reload and try again.")
			}
			if r := a.Edited; r != nil {
				data, _ := json.Marshal(r)
				cur[2], cur[3], cur[4] = string(r.Type), b2i(r.APS), string(data)
				if _, err := t.Update(TableUsulan, ev.RequestID, cur...); err != nil {
					return err
				}
			}
		}
		aktor, _ := json.Marshal(ev.Actor)
		payload, _ := json.Marshal(ev.Payload)
		if err := t.Insert(TableEvent, ev.ID, ev.RequestID, ev.Seq, string(ev.Kind), string(aktor),
			ev.Time.UTC().Format(time.RFC3339Nano), ev.Note, string(payload)); err != nil {
			return err
		}
		if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO mutasi_status(usulan_id, status, seq, diperbarui) VALUES (?, ?, ?, ?)
			ON CONFLICT(usulan_id) DO UPDATE SET status = excluded.status, seq = excluded.seq, diperbarui = excluded.diperbarui`,
			ev.RequestID, string(a.After.Status), a.After.Seq, ev.Time.UTC().Format(time.RFC3339Nano)); err != nil {
			return err
		}
		if ev.Payload.Change != nil {
			if err := applyPlacement(t, *ev.Payload.Change); err != nil {
				return err
			}
		}
		if ch := ev.Payload.Change; ev.Kind == mutasi.KindLaksanakan && a.After.Status == mutasi.StatusDilaksanakan && ch != nil && !ch.To.Keluar() {
			if err := scheduleEvaluasi(t, ev.RequestID, ch.TMT); err != nil {
				return err
			}
		}
		sum := map[string]any{"nomor": nomor}
		for k, v := range a.Summary {
			sum[k] = v
		}
		return t.AuditEvent(string(ev.Kind), TableUsulan.Name, ev.RequestID, nil, sum)
	}()
	return nomor, err
}

// nextNomor is prefix followed by the next six-digit number of that prefix
// (the prefix names the year and the device, so devices never collide).
func nextNomor(t *Tx, prefix string) (string, error) {
	var last sql.NullString
	if err := t.QueryRow("SELECT max(nomor) FROM mutasi_usulan WHERE substr(nomor, 1, ?) = ?", len(prefix), prefix).Scan(&last); err != nil {
		return "", err
	}
	n := 0
	if last.Valid {
		n, _ = strconv.Atoi(strings.TrimPrefix(last.String, prefix))
	}
	return fmt.Sprintf("%s%06d", prefix, n+1), nil
}

// rowVals reads a row's values in the order of table.Cols.
func rowVals(t *Tx, table *Table, id string) ([]any, error) {
	cur := make([]any, len(table.Cols))
	ptrs := make([]any, len(cur))
	for i := range cur {
		ptrs[i] = &cur[i]
	}
	err := t.QueryRow(fmt.Sprintf("SELECT %s FROM %s WHERE id = ?", strings.Join(table.Cols, ", "), table.Name), id).Scan(ptrs...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound(table)
	}
	return cur, err
}

func colIndex(table *Table, col string) int {
	for i, c := range table.Cols {
		if c == col {
			return i
		}
	}
	panic("store: no column " + col + " in " + table.Name)
}

// applyPlacement carries out a transfer or its reversal (transfer.
// PlacementChange): the employee must still be where the change starts; the
// open riwayat_jabatan row is closed on CloseOn (the only edit ever made to a
// history row), a new open row is appended for To from TMT with the SK
// number, and the employee's current OPD, unit, jabatan and TMT jabatan
// become To and TMTJabatan.
//
// An outgoing move (To names another agency, Placement.Instansi) appends no
// row: the open row is closed with the change's note ("Pindah ke …") added to
// its keterangan, and the employee gets keluar_pada = TMT and
// instansi_tujuan; the last placement here is kept. Its reversal (From names
// the agency) requires the employee to be out with that agency and still
// holding To, clears both columns and re-appends To as a new open row.
func applyPlacement(t *Tx, ch mutasi.PlacementChange) error {
	p, err := rowVals(t, TablePegawai, ch.PegawaiID)
	if err != nil {
		return err
	}
	iOPD, iUnit, iJab, iTMT := colIndex(TablePegawai, "opd_id"), colIndex(TablePegawai, "unit_id"), colIndex(TablePegawai, "jabatan_id"),
		colIndex(TablePegawai, "tmt_jabatan")
	iKeluar, iInstansi := colIndex(TablePegawai, "keluar_pada"), colIndex(TablePegawai, "instansi_tujuan")
	keluar, _ := p[iKeluar].(string)
	at := ch.From // where the employee's row must stand now
	if ch.From.Keluar() {
		at = ch.To // a returning employee kept the last placement here
	}
	out := ch.From.Keluar()
	if p[iOPD] != at.OPDID || p[iUnit] != at.UnitID || p[iJab] != at.JabatanID || (keluar != "") != out ||
		(out && p[iInstansi] != ch.From.Instansi) {
		return domain.E(domain.KindConflict, "mutasi.placement_changed",
			"Penempatan pegawai sudah berubah sejak usulan dibuat; periksa data pegawai sebelum melanjutkan.",
			"The employee's placement changed since the request was made; check the employee's data before going on.")
	}
	var openID string
	err = t.QueryRow("SELECT id FROM riwayat_jabatan WHERE pegawai_id = ? AND tanggal_selesai = '' ORDER BY tmt DESC, id DESC LIMIT 1", ch.PegawaiID).Scan(&openID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return err
	default:
		r, err := rowVals(t, TableRiwayat, openID)
		if err != nil {
			return err
		}
		r[colIndex(TableRiwayat, "tanggal_selesai")] = ch.CloseOn.String()
		if ch.To.Keluar() {
			iKet := colIndex(TableRiwayat, "keterangan")
			if ket, _ := r[iKet].(string); ket != "" {
				r[iKet] = ket + "; " + ch.Keterangan
			} else {
				r[iKet] = ch.Keterangan
			}
		}
		if _, err := t.Update(TableRiwayat, openID, r...); err != nil {
			return err
		}
	}
	if ch.To.Keluar() {
		p[iKeluar], p[iInstansi] = ch.TMT.String(), ch.To.Instansi
		_, err = t.Update(TablePegawai, ch.PegawaiID, p...)
		return err
	}
	if err := t.Insert(TableRiwayat, NewID(), riwayatVals(domain.RiwayatJabatan{PegawaiID: ch.PegawaiID, OPDID: ch.To.OPDID,
		UnitID: ch.To.UnitID, JabatanID: ch.To.JabatanID, TMT: ch.TMT, NomorSK: ch.NomorSK, Keterangan: ch.Keterangan})...); err != nil {
		return err
	}
	p[iOPD], p[iUnit], p[iJab], p[iTMT] = ch.To.OPDID, ch.To.UnitID, ch.To.JabatanID, ch.TMTJabatan.String()
	p[iKeluar], p[iInstansi] = "", ""
	_, err = t.Update(TablePegawai, ch.PegawaiID, p...)
	return err
}

var _ mutasisvc.Repository = (*Store)(nil)
