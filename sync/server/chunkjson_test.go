package server

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

var entryJSONSeeds = []string{
	`{"seq":17,"kind":"row","tbl":"pegawai","row_id":"0193a1b2-0000-7000-8000-000000000001","row":{"aktif":true,"gol":32,"id":"0193a1b2-0000-7000-8000-000000000001","nama":"Siti Émilie","nip":"198001012005011001","real":-1.5e3,"x":null,"esc":"a\"b\\c\u00e9\n","html":"\u003cb\u003e"},"hlc":"000001234567890-0000-abcdef"}`,
	`{"seq":1,"kind":"row","tbl":"t","row_id":"r","row":{},"hlc":"h"}`,
	` { "seq" : 2 , "kind" : "row" , "row" : { "a" : 1 } } `,
	`{"seq":3,"kind":"row","deleted":true,"reason":"out-of-scope"}`,
	`{"seq":4,"kind":"disposition","disposition":{"local_seq":1,"change_id":"c","status":"applied"}}`,
	`{"SEQ":5,"kind":"row"}`,
	`{"seq":6,"seq":7}`,
	`{"seq":8,"row":{"a":1,"a":2}}`,
	`{"seq":9,"row":{"a":[1]}}`,
	`{"seq":10,"row":{"a":{"b":1}}}`,
	`{"seq":1.0}`,
	`{"seq":1e3}`,
	`{"seq":99999999999999999999}`,
	`{"seq":11,"row":{"n":1e999}}`,
	`{"seq":12,"row":{"n":01}}`,
	`{"seq":13,"row":{"n":-}}`,
	`{"seq":14,"row":{"n":-0.5E+2}}`,
	`{"seq":15,"row":{"s":"bad \xff"}}`,
	`{"seq":16,"row":{"s":"ctl ` + "\x01" + `"}}`,
	`{"seq":17,"row":{"s":"\ud800"}}`,
	`{"seq":18,"tbl":null,"row":null}`,
	`{"seq":19,"row":{"t":truex}}`,
	`{"seq":20} x`,
	`{"seq":21,}`,
	`{"se\u0071":22}`,
	`null`,
	`{"seq":23,"partial":true,"base":4,"row":{"a":"b"}}`,
}

// checkDecodeEntries: decodeEntries gives exactly what encoding/json gives
// for the page the entries make (as chunkPage decoded it before), and
// fails exactly when that fails.
func checkDecodeEntries(t *testing.T, raw ...[]byte) {
	var page []byte
	msgs := make([]json.RawMessage, len(raw))
	page = append(page, '[')
	for i, e := range raw {
		if i > 0 {
			page = append(page, ',')
		}
		page = append(page, e...)
		msgs[i] = e
	}
	page = append(page, ']')
	want, werr := decodeEntriesJSON(page)
	if werr == nil && len(want) != len(raw) {
		return // not one JSON value per entry: the pull never writes such
	}
	got, gerr := decodeEntries(msgs)
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("%q: encoding/json error %v, decodeEntries error %v", page, werr, gerr)
	}
	if werr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\nfast %#v\nslow %#v", page, got, want)
	}
}

func TestDecodeEntriesMatchesEncodingJSON(t *testing.T) {
	took := 0
	for _, s := range entryJSONSeeds {
		checkDecodeEntries(t, []byte(s))
		if decodeRowEntry([]byte(s), new(protocol.Entry)) {
			took++
		}
	}
	if took < 3 {
		t.Fatalf("the fast path took only %d of the seeds", took)
	}
	// Whole pages: a few entries of every kind together.
	checkDecodeEntries(t, []byte(entryJSONSeeds[0]), []byte(entryJSONSeeds[3]), []byte(entryJSONSeeds[4]), []byte(entryJSONSeeds[1]))
	// Every cut and every one-byte change of the full seed.
	r := rand.New(rand.NewPCG(5, 6))
	full := []byte(entryJSONSeeds[0])
	for i := range full {
		checkDecodeEntries(t, full[:i])
		for _, c := range []byte{'"', '\\', ',', ':', '{', '}', '[', ']', '0', '-', 'e', '.', ' ', 'x', 0xff} {
			b := []byte(strings.Clone(string(full)))
			b[i] = c
			checkDecodeEntries(t, b)
			checkDecodeEntries(t, []byte(entryJSONSeeds[1]), b)
		}
		b := []byte(strings.Clone(string(full)))
		b[i] = byte(r.IntN(256))
		checkDecodeEntries(t, b)
	}
}

// TestRawRowEntriesTakeTheFastPath: the entries rawRow writes for stored
// images are the ones the fast reader takes (else it saves nothing).
func TestRawRowEntriesTakeTheFastPath(t *testing.T) {
	img := []byte(`{"_hlc":"001733500000000.0000000001","aktif":true,"gol":32,"id":"x","nama":"Siti \u003cÉ\u003e","tmt":"2020-01-01","x":null}`)
	it := &Item{Seq: 42, Kind: ItemRow, Table: "pegawai", ID: "x", Data: img}
	enc, ok := rawRow(it, Table("pegawai"), 1<<20)
	if !ok {
		t.Fatalf("rawRow does not take the image %s", img)
	}
	checkDecodeEntries(t, enc)
	if !decodeRowEntry(enc, new(protocol.Entry)) {
		t.Fatalf("the fast reader refused rawRow's entry %s", enc)
	}
}

func FuzzDecodeEntries(f *testing.F) {
	for _, s := range entryJSONSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, e []byte) { checkDecodeEntries(t, e) })
}
