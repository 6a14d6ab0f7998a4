package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
)

// Pemda returns the installation's Pemda and whether it is the demo region;
// found is false on a fresh installation.
func (s *Store) Pemda(ctx context.Context) (p domain.Pemda, demo, found bool, err error) {
	err = s.db.QueryRowContext(ctx, "SELECT id, kode, nama, demo FROM pemda LIMIT 1").Scan(&p.ID, &p.Kode, &p.Nama, &demo)
	if errors.Is(err, sql.ErrNoRows) {
		return p, false, false, nil
	}
	return p, demo, err == nil, err
}

// PendingChanges counts outbox entries not yet acknowledged by the server.
func (s *Store) PendingChanges(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM outbox").Scan(&n)
	return n, err
}

// CountPegawai counts current employees (not those who left the Pemda).
func (s *Store) CountPegawai(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM pegawai WHERE keluar_pada = ''").Scan(&n)
	return n, err
}

func golonganGroupLabel(status string, gol, golPPPK int) string {
	if status == string(domain.StatusPPPK) {
		return domain.GolonganPPPK(golPPPK).String()
	}
	return domain.Golongan(gol).String()
}

// Dashboard computes the Beranda figures in a handful of grouped queries.
func (s *Store) Dashboard(ctx context.Context) (kepegawaian.Dashboard, error) {
	var d kepegawaian.Dashboard
	p, demo, _, err := s.Pemda(ctx)
	if err != nil {
		return d, err
	}
	d.PemdaNama, d.Demo = p.Nama, demo
	if err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM pegawai WHERE keluar_pada = ''), (SELECT count(*) FROM opd),
		(SELECT count(*) FROM unit), (SELECT count(*) FROM jabatan)`).Scan(&d.JumlahPegawai, &d.JumlahOPD, &d.JumlahUnit, &d.JumlahJabatan); err != nil {
		return d, err
	}
	counts := func(query string, label, labelEN func(string) string) ([]kepegawaian.Count, error) {
		rows, err := s.db.QueryContext(ctx, query)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		out := []kepegawaian.Count{}
		for rows.Next() {
			var c kepegawaian.Count
			if err := rows.Scan(&c.Key, &c.Count); err != nil {
				return nil, err
			}
			c.Label, c.LabelEN = label(c.Key), labelEN(c.Key)
			out = append(out, c)
		}
		return out, rows.Err()
	}
	same := func(s string) string { return s }
	if d.PerStatus, err = counts("SELECT status, count(*) FROM pegawai WHERE keluar_pada = '' GROUP BY status ORDER BY status", same, same); err != nil {
		return d, err
	}
	if d.PerGolongan, err = counts(`SELECT CASE WHEN status = 'PPPK' THEN 'PPPK' ELSE
		CASE golongan / 10 WHEN 1 THEN 'I' WHEN 2 THEN 'II' WHEN 3 THEN 'III' ELSE 'IV' END END AS g, count(*)
		FROM pegawai WHERE keluar_pada = '' GROUP BY g ORDER BY CASE g WHEN 'I' THEN 1 WHEN 'II' THEN 2 WHEN 'III' THEN 3 WHEN 'IV' THEN 4 ELSE 5 END`,
		func(k string) string {
			if k == "PPPK" {
				return "PPPK"
			}
			return "Golongan " + k
		}, func(k string) string {
			if k == "PPPK" {
				return "PPPK"
			}
			return "Grade " + k
		}); err != nil {
		return d, err
	}
	if d.PerJenis, err = counts(`SELECT j.jenis, count(*) FROM pegawai p JOIN jabatan j ON j.id = p.jabatan_id WHERE p.keluar_pada = '' GROUP BY j.jenis`, kepegawaian.JenisJabatanLabel, kepegawaian.JenisJabatanLabelEN); err != nil {
		return d, err
	}
	if d.PerOPD, err = s.ListOPD(ctx); err != nil {
		return d, err
	}
	return d, nil
}

// ListOPD returns every OPD with its headcounts, largest first.
func (s *Store) ListOPD(ctx context.Context) ([]kepegawaian.OPDHeadcount, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT o.id, o.kode, o.nama, o.singkatan, o.jenis, o.alamat,
		       (SELECT count(*) FROM unit u WHERE u.opd_id = o.id),
		       count(p.id),
		       count(CASE WHEN p.status = 'PNS' THEN 1 END),
		       count(CASE WHEN p.status = 'CPNS' THEN 1 END),
		       count(CASE WHEN p.status = 'PPPK' THEN 1 END)
		FROM opd o LEFT JOIN pegawai p ON p.opd_id = o.id AND p.keluar_pada = ''
		GROUP BY o.id ORDER BY count(p.id) DESC, o.nama`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []kepegawaian.OPDHeadcount{}
	for rows.Next() {
		var o kepegawaian.OPDHeadcount
		if err := rows.Scan(&o.ID, &o.Kode, &o.Nama, &o.Singkatan, &o.Jenis, &o.Alamat, &o.Unit, &o.Pegawai, &o.PNS, &o.CPNS, &o.PPPK); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// OPD returns one OPD.
func (s *Store) OPD(ctx context.Context, id string) (domain.OPD, error) {
	var o domain.OPD
	err := s.db.QueryRowContext(ctx, "SELECT id, pemda_id, kode, nama, singkatan, jenis, alamat FROM opd WHERE id = ?", id).
		Scan(&o.ID, &o.PemdaID, &o.Kode, &o.Nama, &o.Singkatan, &o.Jenis, &o.Alamat)
	if errors.Is(err, sql.ErrNoRows) {
		return o, notFound(TableOPD)
	}
	return o, err
}

// Units returns the units of one OPD ordered by code.
func (s *Store) Units(ctx context.Context, opdID string) ([]domain.Unit, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, opd_id, coalesce(parent_id, ''), kode, nama FROM unit WHERE opd_id = ? ORDER BY kode", opdID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Unit
	for rows.Next() {
		var u domain.Unit
		if err := rows.Scan(&u.ID, &u.OPDID, &u.ParentID, &u.Kode, &u.Nama); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// BezettingByUnit counts the employees per (unit × jabatan) of one OPD,
// keyed by unit id.
func (s *Store) BezettingByUnit(ctx context.Context, opdID string) (map[string][]kepegawaian.JabatanHeld, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.unit_id, j.id, j.nama, j.jenis, j.kelas, count(*)
		FROM pegawai p JOIN jabatan j ON j.id = p.jabatan_id WHERE p.opd_id = ? AND p.keluar_pada = ''
		GROUP BY p.unit_id, j.id ORDER BY p.unit_id, j.kelas DESC, j.nama`, opdID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]kepegawaian.JabatanHeld{}
	for rows.Next() {
		var unit string
		var h kepegawaian.JabatanHeld
		if err := rows.Scan(&unit, &h.JabatanID, &h.Nama, &h.Jenis, &h.Kelas, &h.Bezetting); err != nil {
			return nil, err
		}
		out[unit] = append(out[unit], h)
	}
	return out, rows.Err()
}

const jabatanCols = "j.id, j.kode, j.nama, j.jenis, j.jenjang, j.kelas, j.min_pendidikan, j.jurusan, j.golongan_min, j.golongan_max, j.bup"

func scanJabatan(sc interface{ Scan(...any) error }, extra ...any) (domain.Jabatan, error) {
	var j domain.Jabatan
	var jur string
	err := sc.Scan(append([]any{&j.ID, &j.Kode, &j.Nama, &j.Jenis, &j.Jenjang, &j.Kelas, &j.MinPendidikan, &jur, &j.GolonganMin, &j.GolonganMax, &j.BUP}, extra...)...)
	if err != nil {
		return j, err
	}
	if err := json.Unmarshal([]byte(jur), &j.Jurusan); err != nil {
		return j, fmt.Errorf("jabatan %s: jurusan: %w", j.Kode, err)
	}
	return j, nil
}

// ListJabatan returns the catalogue with headcounts, most senior first.
func (s *Store) ListJabatan(ctx context.Context) ([]kepegawaian.JabatanRow, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+jabatanCols+", (SELECT count(*) FROM pegawai p WHERE p.jabatan_id = j.id AND p.keluar_pada = '') FROM jabatan j ORDER BY j.kelas DESC, j.nama")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []kepegawaian.JabatanRow{}
	for rows.Next() {
		var r kepegawaian.JabatanRow
		j, err := scanJabatan(rows, &r.Pegawai)
		if err != nil {
			return nil, err
		}
		r.Jabatan = j
		out = append(out, r)
	}
	return out, rows.Err()
}

// Jabatan returns one position.
func (s *Store) Jabatan(ctx context.Context, id string) (domain.Jabatan, error) {
	j, err := scanJabatan(s.db.QueryRowContext(ctx, "SELECT "+jabatanCols+" FROM jabatan j WHERE j.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return j, notFound(TableJabatan)
	}
	return j, err
}

// Unit returns one unit.
func (s *Store) Unit(ctx context.Context, id string) (domain.Unit, error) {
	var u domain.Unit
	err := s.db.QueryRowContext(ctx, "SELECT id, opd_id, coalesce(parent_id, ''), kode, nama FROM unit WHERE id = ?", id).
		Scan(&u.ID, &u.OPDID, &u.ParentID, &u.Kode, &u.Nama)
	if errors.Is(err, sql.ErrNoRows) {
		return u, notFound(TableUnit)
	}
	return u, err
}

var pegawaiSort = map[string]string{
	"nama":       "p.nama",
	"nip":        "p.nip",
	"golongan":   "(CASE WHEN p.status = 'PPPK' THEN p.golongan_pppk ELSE p.golongan END)",
	"opd":        "o.singkatan",
	"jabatan":    "j.nama",
	"tmtJabatan": "p.tmt_jabatan",
	"umur":       "p.tanggal_lahir",
	"status":     "p.status",
}

// ListPegawai returns one filtered, sorted page of employees and the number
// that matched. Ties are broken by id so pages never overlap.
func (s *Store) ListPegawai(ctx context.Context, q kepegawaian.PegawaiQuery) (kepegawaian.PegawaiPage, error) {
	var where []string
	var args []any
	if term := strings.TrimSpace(q.Search); term != "" {
		if digits := domain.NormalizeNumber(term); digits != "" && strings.Trim(digits, "0123456789") == "" {
			// NIP prefix as a range so the unique index is used.
			where = append(where, "p.nip >= ? AND p.nip < ?")
			args = append(args, digits, digits+":")
		} else {
			where = append(where, "(p.nama LIKE ? ESCAPE '\\' OR p.gelar_depan || ' ' || p.nama LIKE ? ESCAPE '\\')")
			like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(term) + "%"
			args = append(args, like, like)
		}
	}
	if !q.TermasukKeluar {
		where = append(where, "p.keluar_pada = ''")
	}
	if q.OPDID != "" {
		where = append(where, "p.opd_id = ?")
		args = append(args, q.OPDID)
	}
	if q.UnitID != "" {
		where = append(where, "p.unit_id = ?")
		args = append(args, q.UnitID)
	}
	if q.JabatanID != "" {
		where = append(where, "p.jabatan_id = ?")
		args = append(args, q.JabatanID)
	}
	if q.Status != "" {
		where = append(where, "p.status = ?")
		args = append(args, q.Status)
	}
	if q.JenisJabatan != "" {
		where = append(where, "j.jenis = ?")
		args = append(args, q.JenisJabatan)
	}
	switch q.Golongan {
	case "":
	case "PPPK":
		where = append(where, "p.status = 'PPPK'")
	case "I", "II", "III", "IV":
		lo := map[string]int{"I": 10, "II": 20, "III": 30, "IV": 40}[q.Golongan]
		where = append(where, "p.status <> 'PPPK' AND p.golongan > ? AND p.golongan < ?")
		args = append(args, lo, lo+10)
	default:
		return kepegawaian.PegawaiPage{}, fieldErr(domain.KindInvalid, "golongan", "query.golongan", "Filter golongan tidak dikenal.", "Unknown golongan filter.")
	}
	order, ok := pegawaiSort[q.Sort]
	if q.Sort == "" {
		order, ok = pegawaiSort["nama"], true
	}
	if !ok {
		return kepegawaian.PegawaiPage{}, fieldErr(domain.KindInvalid, "sort", "query.sort", "Kolom pengurutan tidak dikenal.", "Unknown sort column.")
	}
	dir := "ASC"
	if q.Desc {
		dir = "DESC"
	}
	if q.Limit <= 0 {
		q.Limit = 100
	}
	if q.Limit > 500 {
		q.Limit = 500
	}
	if q.Offset < 0 {
		q.Offset = 0
	}
	from := " FROM pegawai p JOIN jabatan j ON j.id = p.jabatan_id JOIN opd o ON o.id = p.opd_id JOIN unit u ON u.id = p.unit_id"
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	page := kepegawaian.PegawaiPage{Offset: q.Offset, Rows: []kepegawaian.PegawaiRow{}}
	countFrom := " FROM pegawai p"
	if q.JenisJabatan != "" {
		countFrom += " JOIN jabatan j ON j.id = p.jabatan_id"
	}
	if err := s.db.QueryRowContext(ctx, "SELECT count(*)"+countFrom+cond, args...).Scan(&page.Total); err != nil {
		return page, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.nip, p.nama, p.gelar_depan, p.gelar_belakang, p.status, p.golongan, p.golongan_pppk,
		j.nama, j.jenis, p.opd_id, o.singkatan, u.nama, p.tmt_jabatan, p.jenis_kelamin, p.keluar_pada, p.instansi_tujuan`+from+cond+
		fmt.Sprintf(" ORDER BY %s %s, p.id LIMIT ? OFFSET ?", order, dir), append(args, q.Limit, q.Offset)...)
	if err != nil {
		return page, err
	}
	defer rows.Close()
	for rows.Next() {
		var r kepegawaian.PegawaiRow
		var p domain.Pegawai
		var gol, golP int
		if err := rows.Scan(&r.ID, &r.NIP, &p.Nama, &p.GelarDepan, &p.GelarBelakang, &r.Status, &gol, &golP,
			&r.JabatanNama, &r.JenisJabatan, &r.OPDID, &r.OPDSingkatan, &r.UnitNama, &r.TMTJabatan, &r.JenisKelamin, &r.KeluarPada, &r.InstansiTujuan); err != nil {
			return page, err
		}
		r.NamaLengkap = p.NamaLengkap()
		r.Golongan = golonganGroupLabel(r.Status, gol, golP)
		page.Rows = append(page.Rows, r)
	}
	return page, rows.Err()
}

// Pegawai returns one employee.
func (s *Store) Pegawai(ctx context.Context, id string) (domain.Pegawai, error) {
	var p domain.Pegawai
	var lahir, tmtJ, tmtC, tmtP, keluar string
	err := s.db.QueryRowContext(ctx, `SELECT id, nip, nama, gelar_depan, gelar_belakang, jenis_kelamin, tempat_lahir, tanggal_lahir, status,
		golongan, golongan_pppk, pendidikan, jurusan, opd_id, unit_id, jabatan_id, tmt_jabatan, tmt_cpns, tmt_pns, keluar_pada, instansi_tujuan
		FROM pegawai WHERE id = ?`, id).
		Scan(&p.ID, &p.NIP, &p.Nama, &p.GelarDepan, &p.GelarBelakang, &p.JenisKelamin, &p.TempatLahir, &lahir, &p.Status,
			&p.Golongan, &p.GolonganPPPK, &p.Pendidikan, &p.Jurusan, &p.OPDID, &p.UnitID, &p.JabatanID, &tmtJ, &tmtC, &tmtP, &keluar, &p.InstansiTujuan)
	if errors.Is(err, sql.ErrNoRows) {
		return p, notFound(TablePegawai)
	}
	if err != nil {
		return p, err
	}
	return p, parseDates(map[*domain.Date]string{&p.TanggalLahir: lahir, &p.TMTJabatan: tmtJ, &p.TMTCPNS: tmtC, &p.TMTPNS: tmtP, &p.KeluarPada: keluar})
}

func parseDates(m map[*domain.Date]string) error {
	for dst, s := range m {
		d, err := domain.ParseDate(s)
		if err != nil {
			return err
		}
		*dst = d
	}
	return nil
}

// Riwayat returns an employee's placements, newest first, with names.
func (s *Store) Riwayat(ctx context.Context, pegawaiID string) ([]kepegawaian.RiwayatRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, r.pegawai_id, r.opd_id, r.unit_id, r.jabatan_id, r.tmt, r.tanggal_selesai, r.nomor_sk, r.keterangan,
		o.nama, u.nama, j.nama FROM riwayat_jabatan r JOIN opd o ON o.id = r.opd_id JOIN unit u ON u.id = r.unit_id JOIN jabatan j ON j.id = r.jabatan_id
		WHERE r.pegawai_id = ? ORDER BY r.tmt DESC, r.id DESC`, pegawaiID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []kepegawaian.RiwayatRow{}
	for rows.Next() {
		var r kepegawaian.RiwayatRow
		var tmt, selesai string
		if err := rows.Scan(&r.ID, &r.PegawaiID, &r.OPDID, &r.UnitID, &r.JabatanID, &tmt, &selesai, &r.NomorSK, &r.Keterangan,
			&r.OPDNama, &r.UnitNama, &r.JabatanNama); err != nil {
			return nil, err
		}
		if err := parseDates(map[*domain.Date]string{&r.TMT: tmt, &r.TanggalSelesai: selesai}); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SKP returns an employee's performance verdicts, newest first.
func (s *Store) SKP(ctx context.Context, pegawaiID string) ([]domain.SKP, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, pegawai_id, tahun, predikat FROM skp WHERE pegawai_id = ? ORDER BY tahun DESC", pegawaiID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []domain.SKP{}
	for rows.Next() {
		var x domain.SKP
		if err := rows.Scan(&x.ID, &x.PegawaiID, &x.Tahun, &x.Predikat); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// Hukdis returns an employee's disciplinary records, newest first.
func (s *Store) Hukdis(ctx context.Context, pegawaiID string) ([]domain.Hukdis, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, pegawai_id, tingkat, jenis, nomor_sk, tmt, tanggal_selesai, keterangan
		FROM hukdis WHERE pegawai_id = ? ORDER BY tmt DESC`, pegawaiID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []domain.Hukdis{}
	for rows.Next() {
		var h domain.Hukdis
		var tmt, selesai string
		if err := rows.Scan(&h.ID, &h.PegawaiID, &h.Tingkat, &h.Jenis, &h.NomorSK, &tmt, &selesai, &h.Keterangan); err != nil {
			return nil, err
		}
		if err := parseDates(map[*domain.Date]string{&h.TMT: tmt, &h.TanggalSelesai: selesai}); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
