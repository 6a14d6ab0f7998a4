package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// The store side of the workload analysis (abksvc.Repository).

// Setting reads one setting's JSON value.
func (s *Store) Setting(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT nilai FROM setting WHERE kunci = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return v, err == nil, err
}

// SaveSetting writes one setting (id is used only when the key is new).
func (s *Store) SaveSetting(ctx context.Context, actor, id, key, value string) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		var cur string
		err := t.QueryRow("SELECT id FROM setting WHERE kunci = ?", key).Scan(&cur)
		if errors.Is(err, sql.ErrNoRows) {
			return t.Insert(TableSetting, id, key, value)
		} else if err != nil {
			return err
		}
		_, err = t.Update(TableSetting, cur, key, value)
		return err
	})
}

// ListABK returns every ABK, newest year first, with counts.
func (s *Store) ListABK(ctx context.Context) ([]abksvc.ABK, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.tahun, a.status, a.catatan, a.difinalkan_pada,
		(SELECT count(*) FROM abk_tugas t WHERE t.abk_id = a.id),
		(SELECT count(*) FROM (SELECT DISTINCT unit_id, jabatan_id FROM abk_tugas t WHERE t.abk_id = a.id))
		FROM abk a ORDER BY a.tahun DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []abksvc.ABK{}
	for rows.Next() {
		var a abksvc.ABK
		if err := rows.Scan(&a.ID, &a.Tahun, &a.Status, &a.Catatan, &a.DifinalkanPada, &a.JumlahTugas, &a.JumlahPosisi); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// ABKHeaders lists the ABKs without counting their tasks (the cheap form the
// dashboard uses to pick one).
func (s *Store) ABKHeaders(ctx context.Context) ([]abksvc.ABK, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, tahun, status, catatan, difinalkan_pada FROM abk ORDER BY tahun DESC")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []abksvc.ABK{}
	for rows.Next() {
		var a abksvc.ABK
		if err := rows.Scan(&a.ID, &a.Tahun, &a.Status, &a.Catatan, &a.DifinalkanPada); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// DataVersion changes whenever any synced row changes: it is the outbox's
// last local sequence (every local write passes through it) and the sync
// cursor (every pulled change moves it; the sync client updates meta
// 'pull_cursor' in the transaction that applies a page).
func (s *Store) DataVersion(ctx context.Context) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0) || ':' ||
		coalesce((SELECT value FROM meta WHERE key = 'pull_cursor'), '')`).Scan(&v)
	return v, err
}

func abkStatus(t *Tx, id string) (abksvc.StatusABK, error) {
	var st abksvc.StatusABK
	err := t.QueryRow("SELECT status FROM abk WHERE id = ?", id).Scan(&st)
	if errors.Is(err, sql.ErrNoRows) {
		return "", domain.E(domain.KindNotFound, "abk.not_found", "ABK tidak ditemukan.", "ABK not found.")
	}
	return st, err
}

func requireDraft(t *Tx, id string) error {
	st, err := abkStatus(t, id)
	if err != nil {
		return err
	}
	if st != abksvc.ABKDraft {
		return domain.E(domain.KindConflict, "abk.final", "ABK ini sudah final dan tidak dapat diubah; buat ABK tahun berikutnya untuk perubahan.",
			"This ABK is final and cannot be changed; start next year's ABK for changes.")
	}
	return nil
}

func tugasVals(abkID, unitID, jabatanID string, r abksvc.TugasRow) []any {
	return []any{abkID, unitID, jabatanID, r.Urutan, r.Uraian, r.SatuanHasil, r.Volume, string(r.Periode), r.NormaMenit}
}

// CreateABK writes a new draft ABK, copying every task of copyFrom if given.
func (s *Store) CreateABK(ctx context.Context, actor string, a abksvc.ABK, copyFrom string, newID func() string) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		var n int
		if err := t.QueryRow("SELECT count(*) FROM abk WHERE tahun = ?", a.Tahun).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fieldErr(domain.KindConflict, "tahun", "abk.tahun_exists", fmt.Sprintf("ABK tahun %d sudah ada.", a.Tahun), fmt.Sprintf("The %d ABK exists.", a.Tahun))
		}
		if err := t.Insert(TableABK, a.ID, a.Tahun, string(a.Status), a.Catatan, a.DifinalkanPada); err != nil {
			return err
		}
		if copyFrom == "" {
			return nil
		}
		if _, err := abkStatus(t, copyFrom); err != nil {
			return err
		}
		rows, err := t.tx.QueryContext(t.ctx, `SELECT unit_id, jabatan_id, urutan, uraian, satuan_hasil, volume, periode, norma_menit
			FROM abk_tugas WHERE abk_id = ? ORDER BY unit_id, jabatan_id, urutan`, copyFrom)
		if err != nil {
			return err
		}
		type row struct {
			unit, jab string
			r         abksvc.TugasRow
		}
		var all []row
		for rows.Next() {
			var x row
			if err := rows.Scan(&x.unit, &x.jab, &x.r.Urutan, &x.r.Uraian, &x.r.SatuanHasil, &x.r.Volume, &x.r.Periode, &x.r.NormaMenit); err != nil {
				rows.Close()
				return err
			}
			all = append(all, x)
		}
		rows.Close()
		for _, x := range all {
			if err := t.Insert(TableTugas, newID(), tugasVals(a.ID, x.unit, x.jab, x.r)...); err != nil {
				return err
			}
		}
		return nil
	})
}

// FinalizeABK turns a draft final.
func (s *Store) FinalizeABK(ctx context.Context, actor, id, at string) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		if err := requireDraft(t, id); err != nil {
			return err
		}
		var tahun int
		var catatan string
		if err := t.QueryRow("SELECT tahun, catatan FROM abk WHERE id = ?", id).Scan(&tahun, &catatan); err != nil {
			return err
		}
		_, err := t.Update(TableABK, id, tahun, string(abksvc.ABKFinal), catatan, at)
		return err
	})
}

// Positions gathers every position of an ABK: the (unit × jabatan) pairs that
// have tasks or people, with their load per period and bezetting (the
// planner's summary reads them; the dashboard reads AnalysisInputs).
func (s *Store) Positions(ctx context.Context, abkID string) ([]abk.Position, error) {
	units := map[string]string{}
	rows, err := s.db.QueryContext(ctx, "SELECT id, opd_id FROM unit")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id, o string
		if err := rows.Scan(&id, &o); err != nil {
			rows.Close()
			return nil, err
		}
		units[id] = o
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	c, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	pos, _, err := positions(ctx, c, abkID, func(unit string) string { return units[unit] })
	return pos, err
}

// AnalysisInputs reads what one ABK analysis needs on one connection: the
// labels (whose units give each position its OPD), every position's inputs
// and the ABK's task count.
func (s *Store) AnalysisInputs(ctx context.Context, abkID string) (abksvc.Inputs, error) {
	var in abksvc.Inputs
	c, err := s.db.Conn(ctx)
	if err != nil {
		return in, err
	}
	defer c.Close()
	if in.Labels, err = labels(ctx, c); err != nil {
		return in, err
	}
	in.Positions, in.JumlahTugas, err = positions(ctx, c, abkID, func(unit string) string { return in.Labels.Unit[unit].OPDID })
	return in, err
}

// positions reads one row per position of the ABK from abk_posisi, kept by
// triggers in the write path (migration 0016): the tasks' volume × norma
// summed per period, their count and the bezetting. The formula gets one
// task per period (norma 1): abk.Settings.Beban then applies the period
// factor, which gives the same beban as task by task
// (TestDashboardEqualsTaskByTask), and the rows equal a grouping of the tasks
// and people done now (TestPositionAggregatesEqualGrouping). It also returns
// the number of tasks.
func positions(ctx context.Context, c *sql.Conn, abkID string, opdOf func(unit string) string) ([]abk.Position, int, error) {
	var out []abk.Position
	var tugas []abk.Tugas // one backing array for many positions' tasks
	jumlahTugas := 0
	err := rawRows(ctx, c, `SELECT unit_id, jabatan_id, tahun, bulan, minggu, hari, tugas, bezetting
		FROM abk_posisi WHERE abk_id = ?`, []any{abkID}, func(v []driver.Value) error {
		var p abk.Position
		var sums [4]float64
		var n int
		err := errors.Join(rawString(v[0], &p.UnitID), rawString(v[1], &p.JabatanID),
			rawFloat(v[2], &sums[0]), rawFloat(v[3], &sums[1]), rawFloat(v[4], &sums[2]), rawFloat(v[5], &sums[3]),
			rawInt(v[6], &n), rawInt(v[7], &p.Bezetting))
		if err != nil {
			return err
		}
		jumlahTugas += n
		if len(tugas)+len(sums) > cap(tugas) {
			tugas = make([]abk.Tugas, 0, 4096)
		}
		start := len(tugas)
		for i, per := range abk.Periodes {
			if sums[i] != 0 {
				tugas = append(tugas, abk.Tugas{Volume: sums[i], Periode: per, NormaMenit: 1})
			}
		}
		if len(tugas) > start {
			p.Tugas = tugas[start:len(tugas):len(tugas)]
		}
		p.OPDID = opdOf(p.UnitID)
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	// For OPDs whose people this device does not hold (an OPD device sees
	// only its own), the bezetting is the staffing the sync server derives
	// for every OPD (bezetting_agregat, docs/sync.md).
	var idx map[[2]string]int
	err = rawRows(ctx, c, `SELECT b.unit_id, b.jabatan_id, b.jumlah FROM bezetting_agregat b
		WHERE b.unit_id IS NOT NULL AND b.jabatan_id IS NOT NULL AND b.jumlah > 0
		AND NOT EXISTS (SELECT 1 FROM pegawai p WHERE p.opd_id = b.opd_id AND p.keluar_pada = '')`, nil, func(v []driver.Value) error {
		var unit, jab string
		var n int
		if err := errors.Join(rawString(v[0], &unit), rawString(v[1], &jab), rawInt(v[2], &n)); err != nil {
			return err
		}
		if idx == nil {
			idx = make(map[[2]string]int, len(out))
			for i := range out {
				idx[[2]string{out[i].UnitID, out[i].JabatanID}] = i
			}
		}
		k := [2]string{unit, jab}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, abk.Position{UnitID: unit, JabatanID: jab, OPDID: opdOf(unit)})
		}
		out[i].Bezetting = n
		return nil
	})
	return out, jumlahTugas, err
}

// rawRows runs a read on c and hands each row's values, as the driver gives
// them, to row (valid only during the call). The dashboard reads ~7,000 rows
// this way: database/sql's Rows.Next and Scan would lock, convert and copy
// every value once more, a third of the read's time. rawString, rawFloat and
// rawInt convert as Scan would for the column types read here.
func rawRows(ctx context.Context, c *sql.Conn, query string, args []any, row func([]driver.Value) error) error {
	return c.Raw(func(dc any) error {
		q, ok := dc.(driver.QueryerContext)
		if !ok {
			return fmt.Errorf("store: driver connection %T cannot query", dc)
		}
		named := make([]driver.NamedValue, len(args))
		for i, a := range args {
			named[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
		}
		rows, err := q.QueryContext(ctx, query, named)
		if err != nil {
			return err
		}
		defer rows.Close()
		dest := make([]driver.Value, len(rows.Columns()))
		for {
			if err := rows.Next(dest); err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
			if err := row(dest); err != nil {
				return err
			}
		}
	})
}

func rawString(v driver.Value, dst *string) error {
	switch x := v.(type) {
	case string:
		*dst = x
	case []byte:
		*dst = string(x)
	case int64:
		*dst = strconv.FormatInt(x, 10)
	case float64:
		*dst = strconv.FormatFloat(x, 'g', -1, 64)
	default:
		return fmt.Errorf("store: cannot read %T as text", v)
	}
	return nil
}

func rawFloat(v driver.Value, dst *float64) error {
	switch x := v.(type) {
	case float64:
		*dst = x
	case int64:
		*dst = float64(x)
	default:
		var s string
		if err := rawString(v, &s); err != nil {
			return err
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("store: cannot read %q as a number", s)
		}
		*dst = f
	}
	return nil
}

func rawInt(v driver.Value, dst *int) error {
	if x, ok := v.(int64); ok {
		*dst = int(x)
		return nil
	}
	var s string
	if err := rawString(v, &s); err != nil {
		return err
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("store: cannot read %q as an integer", s)
	}
	*dst = n
	return nil
}

// Tugas returns one position's tasks.
func (s *Store) Tugas(ctx context.Context, abkID, unitID, jabatanID string) ([]abksvc.TugasRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, urutan, uraian, satuan_hasil, volume, periode, norma_menit FROM abk_tugas
		WHERE abk_id = ? AND unit_id = ? AND jabatan_id = ? ORDER BY urutan`, abkID, unitID, jabatanID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []abksvc.TugasRow{}
	for rows.Next() {
		var r abksvc.TugasRow
		if err := rows.Scan(&r.ID, &r.Urutan, &r.Uraian, &r.SatuanHasil, &r.Volume, &r.Periode, &r.NormaMenit); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (t *Tx) deleteTugas(abkID, unitID, jabatanID string) error {
	rows, err := t.tx.QueryContext(t.ctx, "SELECT id FROM abk_tugas WHERE abk_id = ? AND unit_id = ? AND jabatan_id = ?", abkID, unitID, jabatanID)
	if err != nil {
		return err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		if err := t.Delete(TableTugas, id); err != nil {
			return err
		}
	}
	return nil
}

// ReplaceTugas replaces one position's tasks in a draft ABK.
func (s *Store) ReplaceTugas(ctx context.Context, actor, abkID, unitID, jabatanID string, tugas []abksvc.TugasRow) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		if err := requireDraft(t, abkID); err != nil {
			return err
		}
		if err := t.Require(TableUnit, unitID, fieldErr(domain.KindInvalid, "unitId", "unit.not_found", "Unit kerja tidak ditemukan.", "Unit not found.")); err != nil {
			return err
		}
		if err := t.Require(TableJabatan, jabatanID, fieldErr(domain.KindInvalid, "jabatanId", "jabatan.not_found", "Jabatan tidak ditemukan.", "Position not found.")); err != nil {
			return err
		}
		if err := t.deleteTugas(abkID, unitID, jabatanID); err != nil {
			return err
		}
		for _, r := range tugas {
			if err := t.Insert(TableTugas, r.ID, tugasVals(abkID, unitID, jabatanID, r)...); err != nil {
				return err
			}
		}
		return nil
	})
}

// ImportTugas resolves codes and replaces the tasks of every position the
// rows name, all in one transaction; unknown codes fail the whole import with
// every bad line listed.
func (s *Store) ImportTugas(ctx context.Context, actor, abkID string, rows []abksvc.TugasImport, newID func() string) error {
	return s.Write(ctx, actor, func(t *Tx) error {
		if err := requireDraft(t, abkID); err != nil {
			return err
		}
		units, jabs := map[string]string{}, map[string]string{}
		q, err := t.tx.QueryContext(t.ctx, "SELECT o.kode || '|' || u.kode, u.id FROM unit u JOIN opd o ON o.id = u.opd_id")
		if err != nil {
			return err
		}
		for q.Next() {
			var k, id string
			if err := q.Scan(&k, &id); err != nil {
				q.Close()
				return err
			}
			units[k] = id
		}
		q.Close()
		q, err = t.tx.QueryContext(t.ctx, "SELECT kode, id FROM jabatan")
		if err != nil {
			return err
		}
		for q.Next() {
			var k, id string
			if err := q.Scan(&k, &id); err != nil {
				q.Close()
				return err
			}
			jabs[k] = id
		}
		q.Close()
		var bad []domain.FieldError
		type pos struct{ unit, jab string }
		seen := map[pos]int{}
		for _, r := range rows {
			line := fmt.Sprintf("baris %d", r.Baris)
			u, okU := units[r.OPDKode+"|"+r.UnitKode]
			j, okJ := jabs[r.JabatanKode]
			if !okU {
				bad = append(bad, domain.FieldError{Field: line, Code: "import.unit", Message: fmt.Sprintf("Unit %s pada OPD %s tidak ditemukan.", r.UnitKode, r.OPDKode),
					MessageEN: fmt.Sprintf("Unit %s of OPD %s not found.", r.UnitKode, r.OPDKode)})
			}
			if !okJ {
				bad = append(bad, domain.FieldError{Field: line, Code: "import.jabatan", Message: fmt.Sprintf("Kode jabatan %s tidak ditemukan.", r.JabatanKode),
					MessageEN: fmt.Sprintf("Position code %s not found.", r.JabatanKode)})
			}
			if okU && okJ {
				if _, ok := seen[pos{u, j}]; !ok {
					if err := t.deleteTugas(abkID, u, j); err != nil {
						return err
					}
				}
				seen[pos{u, j}]++
				if err := t.Insert(TableTugas, newID(), tugasVals(abkID, u, j, abksvc.TugasRow{Urutan: seen[pos{u, j}], Tugas: r.Tugas})...); err != nil {
					return err
				}
			}
		}
		if len(bad) > 0 {
			return &domain.Error{Kind: domain.KindInvalid, Code: "import.rows", Message: fmt.Sprintf("%d baris tidak valid; tidak ada yang disimpan.", len(bad)),
				MessageEN: fmt.Sprintf("%d rows are invalid; nothing was stored.", len(bad)), Fields: bad}
		}
		return nil
	})
}

// Labels loads the names of every OPD, unit and jabatan.
func (s *Store) Labels(ctx context.Context) (abksvc.Labels, error) {
	c, err := s.db.Conn(ctx)
	if err != nil {
		return abksvc.Labels{}, err
	}
	defer c.Close()
	return labels(ctx, c)
}

func labels(ctx context.Context, c *sql.Conn) (abksvc.Labels, error) {
	l := abksvc.Labels{OPD: map[string]abksvc.Label{}, Unit: map[string]abksvc.Label{}, Jabatan: map[string]abksvc.Label{}}
	err := rawRows(ctx, c, "SELECT id, kode, nama, singkatan, jenis FROM opd", nil, func(v []driver.Value) error {
		var id string
		var x abksvc.Label
		err := errors.Join(rawString(v[0], &id), rawString(v[1], &x.Kode), rawString(v[2], &x.Nama), rawString(v[3], &x.Singkatan), rawString(v[4], &x.Jenis))
		l.OPD[id] = x
		return err
	})
	if err != nil {
		return l, err
	}
	err = rawRows(ctx, c, "SELECT id, kode, nama, opd_id, coalesce(parent_id, '') FROM unit", nil, func(v []driver.Value) error {
		var id string
		var x abksvc.Label
		err := errors.Join(rawString(v[0], &id), rawString(v[1], &x.Kode), rawString(v[2], &x.Nama), rawString(v[3], &x.OPDID), rawString(v[4], &x.ParentID))
		l.Unit[id] = x
		return err
	})
	if err != nil {
		return l, err
	}
	err = rawRows(ctx, c, "SELECT id, kode, nama, jenis, bup, kelas FROM jabatan", nil, func(v []driver.Value) error {
		var id string
		var x abksvc.Label
		err := errors.Join(rawString(v[0], &id), rawString(v[1], &x.Kode), rawString(v[2], &x.Nama), rawString(v[3], &x.Jenis), rawInt(v[4], &x.BUP), rawInt(v[5], &x.Kelas))
		l.Jabatan[id] = x
		return err
	})
	return l, err
}

// RecordBalance stores the day's balance index (local, not synced).
func (s *Store) RecordBalance(ctx context.Context, tanggal, abkID string, b abk.Balance) error {
	// Most dashboard views repeat the day's figure: skip the write (and its fsync) then.
	var idx, share float64
	var mis, keb, pos int
	err := s.db.QueryRowContext(ctx, "SELECT indeks, share_b, misplaced, kebutuhan, posisi FROM indeks_keseimbangan WHERE tanggal = ? AND abk_id = ?",
		tanggal, abkID).Scan(&idx, &share, &mis, &keb, &pos)
	if err == nil && idx == b.Index && share == b.ShareB && mis == b.MisplacedSum && keb == b.KebutuhanSum && pos == b.PositionCount {
		return nil
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO indeks_keseimbangan(tanggal, abk_id, indeks, share_b, misplaced, kebutuhan, posisi)
		VALUES (?,?,?,?,?,?,?) ON CONFLICT(tanggal, abk_id) DO UPDATE SET indeks = excluded.indeks, share_b = excluded.share_b,
		misplaced = excluded.misplaced, kebutuhan = excluded.kebutuhan, posisi = excluded.posisi`,
		tanggal, abkID, b.Index, b.ShareB, b.MisplacedSum, b.KebutuhanSum, b.PositionCount)
	return classify(err)
}

// BalanceTrend returns the recorded balance index of an ABK by date.
func (s *Store) BalanceTrend(ctx context.Context, abkID string) ([]abksvc.BalancePoint, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT tanggal, indeks, share_b FROM indeks_keseimbangan WHERE abk_id = ? ORDER BY tanggal", abkID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []abksvc.BalancePoint{}
	for rows.Next() {
		var p abksvc.BalancePoint
		if err := rows.Scan(&p.Tanggal, &p.Index, &p.ShareB); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Stagnan lists employees whose TMT jabatan is on or before a date, longest
// in post first, with the total.
func (s *Store) Stagnan(ctx context.Context, tmtOnOrBefore string, limit int) ([]abksvc.StagnanRow, int, error) {
	var total int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM pegawai WHERE tmt_jabatan <= ? AND keluar_pada = ''", tmtOnOrBefore).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.nip, p.nama, p.gelar_depan, p.gelar_belakang, o.singkatan, u.nama, j.nama, p.tmt_jabatan
		FROM pegawai p JOIN opd o ON o.id = p.opd_id JOIN unit u ON u.id = p.unit_id JOIN jabatan j ON j.id = p.jabatan_id
		WHERE p.tmt_jabatan <= ? AND p.keluar_pada = '' ORDER BY p.tmt_jabatan, p.nama LIMIT ?`, tmtOnOrBefore, limit)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []abksvc.StagnanRow{}
	for rows.Next() {
		var r abksvc.StagnanRow
		var p domain.Pegawai
		if err := rows.Scan(&r.PegawaiID, &r.NIP, &p.Nama, &p.GelarDepan, &p.GelarBelakang, &r.OPDSingkatan, &r.UnitNama, &r.JabatanNama, &r.TMTJabatan); err != nil {
			return nil, 0, err
		}
		r.Nama = p.NamaLengkap()
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// Retirees lists every current employee with the BUP of their jabatan.
func (s *Store) Retirees(ctx context.Context) ([]abksvc.Retiree, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT p.opd_id, p.unit_id, p.jabatan_id, p.tanggal_lahir, j.bup FROM pegawai p JOIN jabatan j ON j.id = p.jabatan_id WHERE p.keluar_pada = ''")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []abksvc.Retiree
	for rows.Next() {
		var r abksvc.Retiree
		if err := rows.Scan(&r.OPDID, &r.UnitID, &r.JabatanID, &r.TanggalLahir, &r.BUP); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

var _ abksvc.Repository = (*Store)(nil)
