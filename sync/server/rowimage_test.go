package server

import (
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
