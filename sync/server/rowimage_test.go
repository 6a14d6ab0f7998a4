package server

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// TestImageCacheAnswersOnlyForItsBytes: a cached image is a copy the caller
// may change, and an item of the same seq with other bytes (a rolled-back
// seq written again, another server process) is decoded, never answered
// from the cache.
func TestImageCacheAnswersOnlyForItsBytes(t *testing.T) {
	it := &Item{Kind: ItemRow, Table: "pegawai", ID: "cache-test", Seq: 7,
		Data: json.RawMessage(`{"_hlc":"001795766400000.0000000001","_w":7,"nama":"Satu"}`),
		Meta: json.RawMessage(`{"s":{"nama":{"h":"001795766400000.0000000001","d":"a","s":7}},"w":7}`)}
	row, err := rowData(it)
	if err != nil || row["nama"] != "Satu" || row[keyWhole] != nil {
		t.Fatalf("decoded %v %v", row, err)
	}
	row["nama"] = "changed by the caller"
	if again, _ := rowData(it); again["nama"] != "Satu" {
		t.Fatalf("the cache handed out its own map: %v", again)
	}
	m, _ := rowMetaOf(it)
	m.Stamps["nama"] = stamp{H: "x"}
	if again, _ := rowMetaOf(it); again.Stamps["nama"].H != "001795766400000.0000000001" || again.W != 7 {
		t.Fatalf("the cache handed out its own stamps: %+v", again)
	}
	other := *it
	other.Data = json.RawMessage(`{"_hlc":"001795766400000.0000000002","_w":7,"nama":"Dua"}`)
	other.Meta = json.RawMessage(`{"s":{"nama":{"h":"001795766400000.0000000002","d":"b","s":7}},"w":7}`)
	if row, _ := rowData(&other); row["nama"] != "Dua" {
		t.Fatalf("same seq, other bytes: got %v", row)
	}
	if m, _ := rowMetaOf(&other); m.Stamps["nama"].D != "b" {
		t.Fatalf("same seq, other meta bytes: got %+v", m)
	}
	// A write of an int value is kept as decoding gives it back.
	w := &Item{Kind: ItemRow, Table: "pegawai", ID: "cache-int", Seq: 9, Data: json.RawMessage(`{"_hlc":"h","golongan":31}`)}
	images.putRow(w, map[string]any{keyHLC: "h", "golongan": 31}, true)
	if row, _ := rowData(w); row["golongan"] != float64(31) {
		t.Fatalf("cached int comes back as %T", row["golongan"])
	}
}

// TestDelta: the change info of a stored image says which columns a device
// with a given cursor lacks and the base they apply to.
func TestDelta(t *testing.T) {
	it := &Item{Data: json.RawMessage(`{"_hlc":"001795766400000.0000000001","_p":{"golongan":30,"nama":20},"_w":10,"golongan":32,"nama":"Dua","nip":"1"}`)}
	for _, c := range []struct {
		after int64
		cols  []string
		base  int64
		ok    bool
	}{
		{5, nil, 0, false},                           // before the whole-from seq: whole
		{10, []string{"golongan", "nama"}, 10, true}, // both edits after the cursor
		{25, []string{"golongan"}, 20, true},         // nama current in the image at 20
		{30, []string{}, 30, true},                   // nothing written after the cursor
	} {
		cols, base, ok := delta(it, c.after)
		if ok != c.ok || base != c.base || (ok && len(cols) != len(c.cols)) {
			t.Fatalf("after %d: %v %d %v, want %v %d %v", c.after, cols, base, ok, c.cols, c.base, c.ok)
		}
		for _, col := range c.cols {
			if !cols[col] {
				t.Fatalf("after %d: %v lacks %s", c.after, cols, col)
			}
		}
	}
	h, _, _, cols, ok := imageParts(it.Data)
	if !ok || string(h) != "001795766400000.0000000001" || string(cols) != `"golongan":32,"nama":"Dua","nip":"1"}` {
		t.Fatalf("imageParts: %s %s %v", h, cols, ok)
	}
	var row map[string]any
	if json.Unmarshal(append([]byte("{"), cols...), &row) != nil || !reflect.DeepEqual(row, map[string]any{"golongan": float64(32), "nama": "Dua", "nip": "1"}) {
		t.Fatalf("columns %s", cols)
	}
	if _, _, _, _, ok := imageParts([]byte(`{"_hlc":"001795766400000.0000000001","_reason":"merged","nama":"x"}`)); ok {
		t.Fatal("an image with _reason taken for a live row")
	}
}

// TestDecodeFlatMatchesEncodingJSON: the flat decoder gives json.Unmarshal's
// map (less _p) or declines; it is taken for the images of plain values.
func TestDecodeFlatMatchesEncodingJSON(t *testing.T) {
	for _, c := range []struct {
		in    string
		taken bool
	}{
		{`{}`, true},
		{`{"_hlc":"001795766400000.0000000001","_p":{"nama":12},"_w":10,"a":"x","b":1.5,"c":-0,"d":1e-7,"e":true,"f":false,"g":null,"h":"é 漢字"}`, true},
		{`{"a":12345678901234567890,"b":0.1,"c":1E+2}`, true},
		{`{"a":"x\"y"}`, false},
		{`{"a":"\u00e9"}`, false},
		{"{\"a\":\"\xff\"}", false},
		{"{\"a\":\"\t\"}", false},
		{`{"a":[1]}`, false},
		{`{"a":{"b":1}}`, false},
		{`{"a": 1}`, false},
		{`{"a":01}`, false},
		{`{"a":1.}`, false},
		{`{"a":-}`, false},
		{`{"a":1e400}`, false},
		{`{"a":tru}`, false},
		{`{"a":1,}`, false},
		{`{"a":1,"a":2}`, true},
		{`{"a\\b":1}`, false},
		{`["a"]`, false},
	} {
		got, ok := decodeFlat([]byte(c.in))
		if ok != c.taken {
			t.Errorf("%s: taken %v, want %v", c.in, ok, c.taken)
		}
		if !ok {
			continue
		}
		var want map[string]any
		if err := json.Unmarshal([]byte(c.in), &want); err != nil {
			t.Fatalf("%s taken, but encoding/json refuses it: %v", c.in, err)
		}
		delete(want, keyPart)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %#v, want %#v", c.in, got, want)
		}
	}
}

// FuzzDecodeFlat: whatever the bytes, a map the flat decoder returns is
// the one json.Unmarshal returns (less _p).
func FuzzDecodeFlat(f *testing.F) {
	f.Add([]byte(`{"_hlc":"001795766400000.0000000001","_p":{"nama":12},"_w":10,"a":"x","b":1.5,"e":true,"g":null}`))
	f.Add([]byte(`{"a":-0.5e+3,"b":"","c":false}`))
	f.Add([]byte(`{"a":"x","_p":{"a":[1,{"b":"]"}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, ok := decodeFlat(b)
		if !ok {
			return
		}
		var want map[string]any
		if err := json.Unmarshal(b, &want); err != nil {
			if bytes.Contains(b, []byte(`"_p":`)) {
				return // _p's value is skipped, not checked
			}
			t.Fatalf("%q taken, but encoding/json refuses it: %v", b, err)
		}
		delete(want, keyPart)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %#v, want %#v", b, got, want)
		}
	})
}

// BenchmarkDecodeImage: an employee's stored image, by the flat decoder and
// by encoding/json.
func BenchmarkDecodeImage(b *testing.B) {
	d := []byte(`{"_hlc":"001795766400000.0000000001","_p":{"nama":40},"_w":10,"gelar_belakang":"S.Kom","gelar_depan":"","golongan":"III/b","jabatan_id":"2d6c5f1e-8d6b-4c57-9f6e-1b2a3c4d5e6f","jenis_kelamin":"L","jurusan":"Informatika","nama":"Budi Santoso","nip":"198001012005011001","opd_id":"0d6c5f1e-8d6b-4c57-9f6e-1b2a3c4d5e6f","pendidikan":"S1","status":"PNS","tanggal_lahir":"1980-01-01","tempat_lahir":"Sorong","tmt_cpns":"2005-01-01","tmt_jabatan":"2020-01-01","tmt_pns":"2006-01-01","unit_id":"1d6c5f1e-8d6b-4c57-9f6e-1b2a3c4d5e6f"}`)
	b.Run("flat", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := decodeFlat(d); !ok {
				b.Fatal("not taken")
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m := map[string]any{}
			if err := json.Unmarshal(d, &m); err != nil {
				b.Fatal(err)
			}
		}
	})
}
