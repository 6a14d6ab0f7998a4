package server

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

func domainID(s string) domain.ID { return domain.ID(s) }

// An upcaster turns a change written at schema version v into version v+1,
// in place.
type upcaster func(tbl, op string, cols map[string]any)

// upcasters[v] upcasts from v to v+1.
var upcasters = map[int]upcaster{
	// v1 → v2: pegawai gained keluar_pada and instansi_tujuan (migration
	// 0004, employees leaving the Pemda). A v1 insert is a whole row without
	// them: the employee has not left.
	1: func(tbl, op string, cols map[string]any) {
		if tbl == "pegawai" && op == "insert" {
			for _, c := range []string{"keluar_pada", "instansi_tujuan"} {
				if _, ok := cols[c]; !ok {
					cols[c] = ""
				}
			}
		}
	},
	// v3 → v4: workflow event kinds are UPPER_SNAKE like every other wire
	// enum ("SETUJUI_OPD_ASAL", was "setujui_opd_asal").
	3: func(tbl, op string, cols map[string]any) {
		if k, ok := cols["kind"].(string); ok && tbl == "mutasi_event" {
			cols["kind"] = strings.ToUpper(k)
		}
	},
}

// A downcaster turns a pulled row image of schema version v into what a
// client at v-1 stores, in place (the values it knows; new columns are kept
// out by split).
type downcaster func(tbl string, row map[string]any)

// downcasters[v] downcasts from v to v-1.
var downcasters = map[int]downcaster{
	4: func(tbl string, row map[string]any) {
		if k, ok := row["kind"].(string); ok && tbl == "mutasi_event" {
			row["kind"] = strings.ToLower(k)
		}
	},
}

// downcastTables are the tables whose values a downcaster rewrites, with
// the newest version that does: a client below it is served through the
// decoding path.
var downcastTables = map[string]int{"mutasi_event": 4}

// Downcast brings a pulled row image from schema version from down to to.
func Downcast(tbl string, row map[string]any, from, to int) {
	for v := from; v > to; v-- {
		if d := downcasters[v]; d != nil {
			d(tbl, row)
		}
	}
}

// needsDowncast reports whether rows of tbl pulled at schema have values
// that differ from the stored (current) ones.
func needsDowncast(tbl string, schema int) bool { return downcastTables[tbl] > schema }

// UpcastStoredTables are the tables whose stored row images UpcastStored
// may rewrite.
var UpcastStoredTables = []string{"mutasi_event"}

// UpcastStored rewrites a stored row image of tbl written before the
// current schema (a server database from an older version) into the
// current one; ok=false when nothing changes. Stores run it once over their
// rows at open, so reads need no translation.
func UpcastStored(tbl string, data []byte) ([]byte, bool, error) {
	if tbl != "mutasi_event" {
		return nil, false, nil
	}
	var row map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // numbers come back as written
	if err := dec.Decode(&row); err != nil {
		return nil, false, err
	}
	k, ok := row["kind"].(string)
	if !ok || k == strings.ToUpper(k) {
		return nil, false, nil
	}
	row["kind"] = strings.ToUpper(k)
	out, err := json.Marshal(row)
	return out, err == nil, err
}

// Upcast brings a change's columns from schema version from to version to.
func Upcast(tbl, op string, cols map[string]any, from, to int) {
	for v := from; v < to; v++ {
		if u := upcasters[v]; u != nil {
			u(tbl, op, cols)
		}
	}
}
