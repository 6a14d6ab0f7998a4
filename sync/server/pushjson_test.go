package server

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

var pushJSONSeeds = []string{
	`{"device_id":"d","schema_version":4,"app_version":"1.2","client_time":"2026-12-06T10:00:00Z","changes":[` +
		`{"local_seq":1,"change_id":"550e8400-e29b-41d4-a716-446655440000","tbl":"pegawai","row_id":"550e8400-e29b-41d4-a716-446655440001","op":"insert",` +
		`"cols":{"nip":"198001012005011001","nama":"Siti Émilie","golongan":32,"aktif":true,"x":null,"real":-1.5e3,"esc":"a\"b\\c\u00e9\n","json":"{\"a\":1}"},` +
		`"hlc":"000001234567890-0000-abcdef","base_seq":0,"actor":"import","schema_version":4}]}`,
	`{"device_id":"d","changes":[]}`,
	` { "device_id" : "d" , "changes" : [ { "local_seq" : 2 , "cols" : { } } ] } `,
	`{"device_id":"d","changes":null}`,
	`{"Device_ID":"d"}`,
	`{"device_id":"d","device_id":"e"}`,
	`{"device_id":"d","changes":[{"cols":{"a":1,"a":2}}]}`,
	`{"device_id":"d","changes":[{"cols":{"a":[1]}}]}`,
	`{"device_id":"d","changes":[{"cols":{"a":{"b":1}}}]}`,
	`{"device_id":"d","changes":[{"local_seq":1.0}]}`,
	`{"device_id":"d","changes":[{"local_seq":1e3}]}`,
	`{"device_id":"d","changes":[{"local_seq":99999999999999999999}]}`,
	`{"device_id":"d","changes":[{"cols":{"n":1e999}}]}`,
	`{"device_id":"d","changes":[{"cols":{"n":01}}]}`,
	`{"device_id":"d","changes":[{"cols":{"n":-}}]}`,
	`{"device_id":"d","changes":[{"cols":{"s":"bad \xff"}}]}`,
	`{"device_id":"d","changes":[{"cols":{"s":"ctl ` + "\x01" + `"}}]}`,
	`{"device_id":"d","changes":[{"cols":{"s":"\ud800"}}]}`,
	`{"device_id":"d","changes":[{"tbl":null}]}`,
	`{"device_id":"d","changes":[{"cols":null}]}`,
	`{"device_id":"d","changes":[{"op":"insert","unknown":1}]}`,
	`{"device_id":"d"} x`,
	`{"device_id":"d",}`,
	`{"device_id":"d","changes":[{},]}`,
	`null`,
	`{"device_id":"d","changes":[{"cols":{"t":truex}}]}`,
	`{"device_id":"d","schema_version":-0}`,
	`{"device_id":"\u0064"}`,
}

// checkDecodePush: when the fast decoder takes a body, it gives exactly
// what encoding/json gives; it never takes a body encoding/json refuses.
func checkDecodePush(t *testing.T, body []byte) bool {
	var fast, slow protocol.PushRequest
	ok := decodePush(body, &fast)
	err := json.Unmarshal(body, &slow)
	if ok && err != nil {
		t.Fatalf("fast path took %q, encoding/json refuses it: %v", body, err)
	}
	if ok && !reflect.DeepEqual(fast, slow) {
		t.Fatalf("%q:\nfast %#v\nslow %#v", body, fast, slow)
	}
	return ok
}

func TestDecodePushMatchesEncodingJSON(t *testing.T) {
	took := 0
	for _, s := range pushJSONSeeds {
		if checkDecodePush(t, []byte(s)) {
			took++
		}
	}
	if took < 3 {
		t.Fatalf("the fast path took only %d of the seeds", took)
	}
	// Every cut and every one-byte change of the full seed.
	r := rand.New(rand.NewPCG(3, 4))
	full := []byte(pushJSONSeeds[0])
	for i := range full {
		checkDecodePush(t, full[:i])
		for _, c := range []byte{'"', '\\', ',', ':', '}', ']', '0', '-', 'e', '.', ' ', 'x', 0xff} {
			b := []byte(strings.Clone(string(full)))
			b[i] = c
			checkDecodePush(t, b)
		}
		b := []byte(strings.Clone(string(full)))
		b[i] = byte(r.IntN(256))
		checkDecodePush(t, b)
	}
}

func FuzzDecodePush(f *testing.F) {
	for _, s := range pushJSONSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) { checkDecodePush(t, body) })
}
