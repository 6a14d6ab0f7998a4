package rules

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

var today = domain.MustDate("2026-12-06")

func TestEveryTableIsDeclaredWell(t *testing.T) {
	seen := map[string]bool{}
	for _, tb := range Tables {
		if seen[tb.Name] {
			t.Fatalf("table %s twice", tb.Name)
		}
		seen[tb.Name] = true
		if ByName(tb.Name) != tb {
			t.Fatalf("ByName(%s)", tb.Name)
		}
		if _, ok := TablePerms[tb.Name]; !ok && tb.Rule != ScopeDerived {
			t.Fatalf("table %s has no write permission in TablePerms", tb.Name)
		}
		cols := map[string]bool{}
		for _, c := range tb.Cols {
			if cols[c.Name] || c.Name == "id" {
				t.Fatalf("%s.%s declared twice or reserved", tb.Name, c.Name)
			}
			cols[c.Name] = true
			if c.Rule.Kind == KindRef && ByName(c.Rule.RefTable) == nil {
				t.Fatalf("%s.%s refers to unknown table %s", tb.Name, c.Name, c.Rule.RefTable)
			}
			if (c.Rule.Kind == KindText || c.Rule.Kind == KindJSON) && c.Rule.MaxLen == 0 {
				t.Fatalf("%s.%s has no length limit", tb.Name, c.Name)
			}
		}
		for _, g := range append(append([]string{}, tb.Guarded...), tb.Index...) {
			if !cols[g] {
				t.Fatalf("%s: guarded/index column %s not declared", tb.Name, g)
			}
		}
		for _, c := range []string{tb.OPDCol, tb.Parent} {
			if c != "" && !cols[c] {
				t.Fatalf("%s: scope column %s not declared", tb.Name, c)
			}
		}
	}
}

func TestValueRules(t *testing.T) {
	peg := ByName("pegawai")
	cases := []struct {
		col string
		v   any
		ok  bool
	}{
		{"golongan", float64(31), true}, {"golongan", json.Number("45"), true}, {"golongan", 0, true},
		{"golongan", 1e308, false}, {"golongan", "abc", false}, {"golongan", 1.5, false}, {"golongan", 35, false}, {"golongan", math.NaN(), false},
		{"golongan_pppk", 17, true}, {"golongan_pppk", 18, false},
		{"pendidikan", 40, true}, {"pendidikan", 9, false}, {"pendidikan", "S9", false}, {"pendidikan", nil, false},
		{"tanggal_lahir", "1990-02-28", true}, {"tanggal_lahir", "1990-02-30", false}, {"tanggal_lahir", "not-a-date", false}, {"tanggal_lahir", "", false},
		{"tmt_pns", "", true}, {"tmt_pns", nil, true},
		{"nip", "198001012005011001", true}, {"nip", "abc", false}, {"nip", "19800101200501100", false},
		{"status", "PPPK", true}, {"status", "XYZ", false},
		{"unit_id", "0190f3a2-7b1c-7000-8000-000000000001", true}, {"unit_id", "insert", false}, {"unit_id", "", false},
		{"nama", strings.Repeat("é", domain.MaxNamaPegawai), true}, {"nama", strings.Repeat("é", domain.MaxNamaPegawai+1), false},
		{"nama", "a\x00b", false}, {"nama", string([]byte{0xe9}), false}, {"nama", 5, false},
		{"jenis_kelamin", "P", true}, {"jenis_kelamin", "p", false},
	}
	for _, c := range cases {
		p := CheckValue(peg.Column(c.col), c.v)
		if (p == nil) != c.ok {
			t.Errorf("%s = %#v: problem %v, want ok=%v", c.col, c.v, p, c.ok)
		}
		if p != nil && (p.Msg == "" || p.MsgEn == "" || p.Code == "" || p.Col != c.col) {
			t.Errorf("%s: incomplete problem %+v", c.col, p)
		}
	}
	other := []struct {
		tbl, col string
		v        any
		ok       bool
	}{
		{"evaluasi", "bulan", 6, true}, {"evaluasi", "bulan", 7, false},
		{"mutasi_usulan", "data", `{"a":1}`, true}, {"mutasi_usulan", "data", `{"a":`, false},
		{"mutasi_usulan", "aps", true, true}, {"mutasi_usulan", "aps", 2, false},
		{"mutasi_event", "waktu", "2026-11-27T08:00:00.123Z", true}, {"mutasi_event", "waktu", "kemarin", false},
		{"dokumen_lampiran", "sha256", strings.Repeat("a", 64), true}, {"dokumen_lampiran", "sha256", strings.Repeat("g", 64), false},
		{"abk_tugas", "volume", 1200.5, true}, {"abk_tugas", "volume", -1, false}, {"abk_tugas", "volume", math.Inf(1), false},
		{"pengguna", "password_hash", "$argon2id$v=19$m=1,t=1,p=1$c2FsdA$aGFzaA", true}, {"pengguna", "password_hash", "plain", false},
		{"pengguna", "username", "admin", true}, {"pengguna", "username", "Admin Jahat", false},
		{"pengguna", "role", "PPK_ADMIN_BKPSDM", true}, {"pengguna", "role", "ROOT", false},
	}
	for _, c := range other {
		p := CheckValue(ByName(c.tbl).Column(c.col), c.v)
		if (p == nil) != c.ok {
			t.Errorf("%s.%s = %#v: problem %v, want ok=%v", c.tbl, c.col, c.v, p, c.ok)
		}
	}
}

func validPegawai() map[string]any {
	return map[string]any{"nip": "198001012005011001", "nama": "Andreas", "gelar_depan": "", "gelar_belakang": "", "jenis_kelamin": "L",
		"tempat_lahir": "Sorong", "tanggal_lahir": "1980-01-01", "status": "PNS", "golongan": 31, "golongan_pppk": 0, "pendidikan": 40,
		"jurusan": "", "opd_id": "0190f3a2-7b1c-7000-8000-000000000001", "unit_id": "0190f3a2-7b1c-7000-8000-000000000002",
		"jabatan_id": "0190f3a2-7b1c-7000-8000-000000000003", "tmt_jabatan": "2020-01-01", "tmt_cpns": "", "tmt_pns": "2006-01-01",
		"keluar_pada": "", "instansi_tujuan": ""}
}

func TestCheckChange(t *testing.T) {
	peg := ByName("pegawai")
	if ps := CheckChange(peg, protocol.OpInsert, validPegawai(), map[string]any{"id": "x"}, today); len(ps) != 0 {
		t.Fatalf("valid insert refused: %+v", ps)
	}
	ins := validPegawai()
	delete(ins, "nip")
	if ps := CheckChange(peg, protocol.OpInsert, ins, nil, today); len(ps) == 0 || ps[0].Col != "nip" {
		t.Fatalf("missing nip: %+v", ps)
	}
	// a row rule: the birth date must agree with the NIP
	if ps := CheckChange(peg, protocol.OpUpdate, map[string]any{"tanggal_lahir": "1981-01-01"}, validPegawai(), today); len(ps) == 0 {
		t.Fatal("birth date disagreeing with the NIP accepted")
	}
	// an update of another column of a row stored before a rule existed is fine
	old := validPegawai()
	old["tanggal_lahir"] = "1981-01-01"
	if ps := CheckChange(peg, protocol.OpUpdate, map[string]any{"nama": "Nama Baru"}, old, today); len(ps) != 0 {
		t.Fatalf("unrelated edit refused: %+v", ps)
	}
	if ps := CheckChange(peg, protocol.OpUpdate, map[string]any{"kolom": 1}, validPegawai(), today); len(ps) != 1 || ps[0].Code != protocol.ReasonUnknownColumn {
		t.Fatalf("unknown column: %+v", ps)
	}
	if ps := CheckChange(peg, protocol.OpUpdate, map[string]any{"golongan": 41, "status": "PPPK"}, validPegawai(), today); len(ps) == 0 {
		t.Fatal("PPPK with a PNS golongan accepted")
	}
	pg := ByName("pengguna")
	if ps := CheckChange(pg, protocol.OpInsert, map[string]any{"username": "op", "nama": "Op", "role": "OPERATOR_OPD", "opd_id": ""}, nil, today); len(ps) == 0 {
		t.Fatal("an OPD role without an OPD accepted")
	}
	if ps := CheckRow(pg, map[string]any{"username": "adm", "nama": "Adm", "role": "PPK_ADMIN_BKPSDM", "opd_id": "0190f3a2-7b1c-7000-8000-000000000001"}); len(ps) == 0 {
		t.Fatal("a BKPSDM role bound to an OPD accepted")
	}
}

// parseDate answers as domain.ParseDate for every date-shaped text and the
// odd ones around it.
func TestParseDateMatchesDomain(t *testing.T) {
	cases := []string{"", "2026-12-06", "2024-02-29", "2023-02-29", "0000-01-01", "9999-12-31", "2026-13-01", "2026-00-10",
		"2026-12-32", "2026-1-061", "+026-12-06", "-026-12-06", "2026-+1-06", "2026-12- 6", " 026-12-06", "2026/12/06", "２０２６-1-1", "20261206xx"}
	for y := 1990; y < 2031; y += 7 {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d += 3 {
				cases = append(cases, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
		}
	}
	for _, c := range cases {
		got, gerr := parseDate(c)
		want, werr := domain.ParseDate(c)
		if got != want || (gerr == nil) != (werr == nil) {
			t.Fatalf("%q: %v %v, domain says %v %v", c, got, gerr, want, werr)
		}
	}
}
