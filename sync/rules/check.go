package rules

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// MaxRowBytes bounds a change's columns as JSON: no single write can make
// the server or a desktop do work far beyond a normal row.
const MaxRowBytes = 256 << 10

// CheckChange checks one change of table t: unknown columns, every value
// against its column's rule, the required columns of an insert, and the
// domain's row rules on the row the change would leave (cur, the stored
// row or nil, with cols applied). Only problems of the columns the change
// writes are reported for an update, so a row stored before a rule existed
// can still be edited in its other columns. today is the checker's date
// (dates after it are refused where the domain says so).
func CheckChange(t *Table, op string, cols, cur map[string]any, today domain.Date) []Problem {
	var out []Problem
	keys := make([]string, 0, len(cols))
	for k := range cols {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		col := t.Column(k)
		if col == nil {
			out = append(out, Problem{Col: clip(k), Code: protocol.ReasonUnknownColumn, Msg: fmt.Sprintf("Kolom %q tidak dikenal pada tabel %s.", clip(k), t.Name),
				MsgEn: fmt.Sprintf("Unknown column %q of table %s.", clip(k), t.Name)})
			continue
		}
		if p := CheckValue(col, cols[k]); p != nil {
			out = append(out, *p)
		}
	}
	if op == protocol.OpDelete || len(out) > 0 {
		return out
	}
	if approxSize(cols) > MaxRowBytes {
		return append(out, Problem{Code: "value.too_long", Msg: fmt.Sprintf("Perubahan melebihi %d KiB.", MaxRowBytes>>10),
			MsgEn: fmt.Sprintf("The change exceeds %d KiB.", MaxRowBytes>>10)})
	}
	if op == protocol.OpInsert {
		for i := range t.Cols {
			col := &t.Cols[i]
			if _, ok := cols[col.Name]; !ok && col.Rule.Must {
				out = append(out, Problem{Col: col.Name, Code: "required", Msg: "Wajib diisi.", MsgEn: "Required."})
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	row := make(map[string]any, len(cur)+len(cols))
	for k, v := range cur {
		row[k] = v
	}
	for k, v := range cols {
		row[k] = v
	}
	// A change must not make the row break a rule it kept before: a row
	// stored before a rule existed can still be edited in other columns.
	ps := rowRules(t.Name, row, today)
	had := map[string]bool{}
	if len(ps) > 0 && op != protocol.OpInsert && len(cur) > 0 {
		for _, p := range rowRules(t.Name, cur, today) {
			had[p.Col+"|"+p.Code] = true
		}
	}
	for _, p := range ps {
		_, mine := cols[p.Col]
		switch {
		case op == protocol.OpInsert, mine:
			out = append(out, p)
		case len(cur) == 0:
			// a partial change of a row the checker does not hold yet:
			// only its own columns can be judged
		case !had[p.Col+"|"+p.Code]:
			out = append(out, p)
		}
	}
	return out
}

// approxSize is the size of cols as JSON, within a few bytes per value
// (every text is already bounded by its column; this bounds their sum
// without marshalling each change).
func approxSize(cols map[string]any) int {
	n := 2
	for k, v := range cols {
		n += len(k) + 4
		switch x := v.(type) {
		case string:
			n += len(x) + 2
		default:
			n += 24
		}
	}
	return n
}

// CheckRow checks a whole row image as a desktop receives it (a pull or a
// bundle): every present column's rule and the row rules that do not depend
// on the date. A row that fails is never applied.
func CheckRow(t *Table, row map[string]any) []Problem {
	var out []Problem
	for k, v := range row {
		if col := t.Column(k); col != nil {
			if p := CheckValue(col, v); p != nil {
				out = append(out, *p)
			}
		}
	}
	if len(out) == 0 && t.Name == "pengguna" {
		out = append(out, penggunaRules(row)...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Col < out[j].Col })
	return out
}

func rowRules(table string, row map[string]any, today domain.Date) []Problem {
	switch table {
	case "pegawai":
		return pegawaiRules(row, today)
	case "jabatan":
		return jabatanRules(row)
	case "pengguna":
		return penggunaRules(row)
	case "unit":
		if s(row["parent_id"]) != "" && s(row["parent_id"]) == s(row["id"]) {
			return []Problem{{Col: "parent_id", Code: "unit.self_parent", Msg: "Unit tidak boleh menjadi induk dirinya sendiri.", MsgEn: "A unit cannot be its own parent."}}
		}
	}
	return nil
}

func s(v any) string { x, _ := v.(string); return x }

func n(v any) int64 { x, _ := asInt(v); return x }

func date(v any) domain.Date {
	d, _ := parseDate(s(v))
	return d
}

// parseDate is domain.ParseDate, without its scanner for the common shape
// (ten characters, digits around the dashes: the scanner reads those as
// the same three numbers); a row has several dates and every change is
// checked.
func parseDate(s string) (domain.Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return domain.ParseDate(s)
	}
	num := func(t string) (int, bool) {
		n := 0
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return 0, false
			}
			n = n*10 + int(t[i]-'0')
		}
		return n, true
	}
	y, ok1 := num(s[:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:])
	if !ok1 || !ok2 || !ok3 {
		return domain.ParseDate(s)
	}
	if dt, ok := domain.NewDate(y, time.Month(m), d); ok {
		return dt, nil
	}
	return domain.ParseDate(s) // its error
}

// pegawaiRules runs the domain's own employee validation on the row.
func pegawaiRules(row map[string]any, today domain.Date) []Problem {
	p := domain.Pegawai{NIP: domain.NIP(s(row["nip"])), Nama: s(row["nama"]), GelarDepan: s(row["gelar_depan"]), GelarBelakang: s(row["gelar_belakang"]),
		JenisKelamin: domain.Gender(s(row["jenis_kelamin"])), TempatLahir: s(row["tempat_lahir"]), TanggalLahir: date(row["tanggal_lahir"]),
		Status: domain.StatusASN(s(row["status"])), Golongan: domain.Golongan(n(row["golongan"])), GolonganPPPK: domain.GolonganPPPK(n(row["golongan_pppk"])),
		Pendidikan: domain.Pendidikan(n(row["pendidikan"])), Jurusan: s(row["jurusan"]), OPDID: s(row["opd_id"]), UnitID: s(row["unit_id"]),
		JabatanID: s(row["jabatan_id"]), TMTJabatan: date(row["tmt_jabatan"]), TMTCPNS: date(row["tmt_cpns"]), TMTPNS: date(row["tmt_pns"]),
		KeluarPada: date(row["keluar_pada"]), InstansiTujuan: s(row["instansi_tujuan"])}
	gol, golPPPK := p.Golongan, p.GolonganPPPK
	out := fromDomain(p.Validate(today))
	// A PNS/CPNS carries no PPPK grade and a PPPK no golongan (the form
	// clears the other; a change must not set both).
	p.Golongan, p.GolonganPPPK = gol, golPPPK
	if p.Status == domain.StatusPPPK && p.Golongan != 0 {
		out = append(out, Problem{Col: "golongan", Code: "golongan.pppk", Msg: "PPPK tidak memiliki golongan PNS.", MsgEn: "A PPPK has no PNS golongan."})
	}
	if p.Status != domain.StatusPPPK && p.GolonganPPPK != 0 {
		out = append(out, Problem{Col: "golongan_pppk", Code: "golongan_pppk.pns", Msg: "PNS/CPNS tidak memiliki golongan PPPK.", MsgEn: "A PNS/CPNS has no PPPK grade."})
	}
	return out
}

func jabatanRules(row map[string]any) []Problem {
	var jur []string
	_ = json.Unmarshal([]byte(s(row["jurusan"])), &jur)
	j := domain.Jabatan{Kode: s(row["kode"]), Nama: s(row["nama"]), Jenis: domain.JenisJabatan(s(row["jenis"])), Jenjang: domain.Jenjang(s(row["jenjang"])),
		Kelas: int(n(row["kelas"])), MinPendidikan: domain.Pendidikan(n(row["min_pendidikan"])), Jurusan: jur,
		GolonganMin: domain.Golongan(n(row["golongan_min"])), GolonganMax: domain.Golongan(n(row["golongan_max"])), BUP: int(n(row["bup"]))}
	return fromDomain(j.Validate())
}

// penggunaRules: an OPD-bound role belongs to one OPD; any other role to
// none (a BKPSDM account). A row that breaks this could be read as a
// region-wide account.
func penggunaRules(row map[string]any) []Problem {
	role := domain.Role(s(row["role"]))
	switch {
	case role.OPDBound() && s(row["opd_id"]) == "":
		return []Problem{{Col: "opd_id", Code: "pengguna.opd_required", Msg: "Peran OPD wajib terikat pada satu OPD.", MsgEn: "An OPD role must belong to one OPD."}}
	case !role.OPDBound() && s(row["opd_id"]) != "":
		return []Problem{{Col: "opd_id", Code: "pengguna.opd_forbidden", Msg: "Peran BKPSDM tidak terikat pada OPD.", MsgEn: "A BKPSDM role belongs to no OPD."}}
	}
	return nil
}

// fromDomain turns the domain's field errors (camelCase fields) into
// problems on columns (snake_case).
func fromDomain(err error) []Problem {
	e, ok := err.(*domain.Error)
	if !ok || e == nil {
		return nil
	}
	if len(e.Fields) == 0 {
		return []Problem{{Code: e.Code, Msg: e.Message, MsgEn: e.MessageEN}}
	}
	out := make([]Problem, 0, len(e.Fields))
	for _, f := range e.Fields {
		out = append(out, Problem{Col: snake(f.Field), Code: f.Code, Msg: f.Message, MsgEn: f.MessageEN})
	}
	return out
}

func snake(field string) string {
	var b strings.Builder
	for i, r := range field {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Summary is one line naming the first problem (and how many more), for a
// disposition's detail or a notice.
func Summary(ps []Problem) (id, en string) {
	if len(ps) == 0 {
		return "", ""
	}
	id, en = ps[0].Error(), ps[0].Col+": "+ps[0].MsgEn
	if ps[0].Col == "" {
		en = ps[0].MsgEn
	}
	if len(ps) > 1 {
		id += fmt.Sprintf(" (dan %d masalah lain)", len(ps)-1)
		en += fmt.Sprintf(" (and %d more)", len(ps)-1)
	}
	return id, en
}
