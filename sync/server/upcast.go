package server

import "github.com/bkpsdm-sorong/imbang/backend/domain"

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
}

// Upcast brings a change's columns from schema version from to version to.
func Upcast(tbl, op string, cols map[string]any, from, to int) {
	for v := from; v < to; v++ {
		if u := upcasters[v]; u != nil {
			u(tbl, op, cols)
		}
	}
}
