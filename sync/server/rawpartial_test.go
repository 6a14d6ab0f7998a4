package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// TestRawPartialMatchesEntry: on random stored images and cursors, the
// partial entry written from the image's bytes (rawPartial) is the one the
// decoding path (entry, then json.Marshal) makes, byte for byte, and it is
// taken for rows of plain values (else the pulls keep decoding them).
func TestRawPartialMatchesEntry(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	values := []any{"Budi", "A <b> & \"c\" \\ d", "line\nbreak\t", "\u2028x\u2029", "\xffbad", "\ufffd", "é 漢字", "",
		nil, true, false, 31, -7, int64(1) << 60, 1.5, -0.25, 1e-7, 1e21, 123456789012345.0, 0.0,
		map[string]any{"b": 1.0, "a": "x"}, []any{"x", 2.0}}
	plain := func(v any) bool {
		switch x := v.(type) {
		case map[string]any, []any:
			return false
		case int64:
			return x < 1e15
		case string:
			return x != "\xffbad"
		}
		return true
	}
	tables := []string{"pegawai", "unit", "jabatan", "riwayat_jabatan"}
	v := viewer{dev: Device{ID: "d", BKPSDM: true}, partial: true}
	taken, plainRows := 0, 0
	for i := range 4000 {
		td := Table(tables[r.IntN(len(tables))])
		names := td.ColNames()
		whole := int64(10 + r.IntN(20))
		seq := whole + int64(r.IntN(40))
		row := map[string]any{keyHLC: fmt.Sprintf("%015d.%010d", 1795766400000+i, r.IntN(100)), keyWhole: whole}
		part := map[string]int64{}
		allPlain := true
		for _, c := range names {
			if r.IntN(4) == 0 {
				continue
			}
			val := values[r.IntN(len(values))]
			if r.IntN(2) == 0 {
				val = values[r.IntN(8)] // strings mostly, as in real rows
			}
			row[c] = val
			if r.IntN(3) == 0 && seq > whole {
				part[c] = whole + 1 + int64(r.IntN(int(seq-whole)))
				allPlain = allPlain && plain(val)
			}
		}
		if len(part) > 0 {
			row[keyPart] = part
		}
		allPlain = allPlain && len(row) > 2 // imageParts wants a column
		data, err := marshalRow(row)
		if err != nil {
			t.Fatal(err)
		}
		it := &Item{Seq: seq, Kind: ItemRow, Table: td.Name, ID: fmt.Sprintf("row-%d", i), Scope: []string{"opd"}, Data: data}
		for _, after := range []int64{whole - 1, whole, whole + int64(r.IntN(int(seq-whole)+1)), seq - 1} {
			v.after = after
			got, ok := rawPartial(it, td, protocol.SchemaVersion, after)
			if after < whole {
				if ok {
					t.Fatalf("partial entry for a device without the row: %s", got)
				}
				continue
			}
			if allPlain {
				plainRows++
				if !ok {
					t.Fatalf("plain image not written from its bytes: %s (after %d)", data, after)
				}
			}
			if !ok {
				continue
			}
			taken++
			ent, vis, err := v.entry(it, protocol.SchemaVersion)
			if err != nil || !vis || !ent.Partial {
				t.Fatalf("entry %+v %v %v", ent, vis, err)
			}
			want, err := json.Marshal(ent)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("image %s after %d:\n got %s\nwant %s", data, after, got, want)
			}
		}
	}
	if taken < 1000 || plainRows < 1000 {
		t.Fatalf("only %d entries written from bytes (%d of plain rows)", taken, plainRows)
	}
}

// TestEachCol: the column walk takes encoding/json's compact objects and
// refuses other shapes.
func TestEachCol(t *testing.T) {
	var got []string
	ok := eachCol([]byte(`"a":"x\"}","b":{"c":[1,{"d":"]"}]},"c":null,"d":-1.5e-7}`), func(c, v []byte) bool {
		got = append(got, string(c)+"="+string(v))
		return true
	})
	if want := `[a="x\"}" b={"c":[1,{"d":"]"}]} c=null d=-1.5e-7]`; !ok || fmt.Sprint(got) != want {
		t.Fatalf("%v %v, want %s", ok, got, want)
	}
	for _, bad := range []string{`"b":1,"a":2}`, `"a":1,"a":2}`, `"a\u0062":1}`, `"a":"x}`, `"a":1`, `"a":{"b":1}`, `"a":1}x`} {
		if eachCol([]byte(bad), func(c, v []byte) bool { return true }) {
			t.Errorf("%s taken", bad)
		}
	}
}

// BenchmarkPartialEntry: one partial entry of an edited employee row, from
// the image's bytes (raw) and through the decoding path (decoded).
func BenchmarkPartialEntry(b *testing.B) {
	row := map[string]any{keyHLC: "001795766400000.0000000001", keyWhole: int64(10), keyPart: map[string]int64{"nama": 40},
		"nip": "198001012005011001", "nama": "Budi Santoso", "gelar_depan": "", "gelar_belakang": "S.Kom", "jenis_kelamin": "L",
		"tempat_lahir": "Sorong", "tanggal_lahir": "1980-01-01", "status": "PNS", "golongan": "III/b", "pendidikan": "S1",
		"jurusan": "Informatika", "opd_id": "0d6c5f1e-8d6b-4c57-9f6e-1b2a3c4d5e6f", "unit_id": "1d6c5f1e-8d6b-4c57-9f6e-1b2a3c4d5e6f",
		"jabatan_id": "2d6c5f1e-8d6b-4c57-9f6e-1b2a3c4d5e6f", "tmt_jabatan": "2020-01-01", "tmt_cpns": "2005-01-01", "tmt_pns": "2006-01-01"}
	data, _ := marshalRow(row)
	td := Table("pegawai")
	it := &Item{Seq: 41, Kind: ItemRow, Table: "pegawai", ID: "3d6c5f1e-8d6b-4c57-9f6e-1b2a3c4d5e6f", Scope: []string{"opd"}, Data: data}
	b.Run("raw", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := rawPartial(it, td, protocol.SchemaVersion, 30); !ok {
				b.Fatal("not taken")
			}
		}
	})
	b.Run("decoded", func(b *testing.B) {
		b.ReportAllocs()
		v := viewer{dev: Device{ID: "d", BKPSDM: true}, partial: true, after: 30}
		for b.Loop() {
			images.m = map[cacheKey]*cached{} // as for rows not written moments ago
			ent, _, _ := v.entry(it, protocol.SchemaVersion)
			if _, err := json.Marshal(ent); err != nil {
				b.Fatal(err)
			}
		}
	})
}
