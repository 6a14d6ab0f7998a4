package server

import (
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/rules"
)

// validID: row ids are UUIDs in canonical text form; anything else is a
// forged or broken change.
var validID = rules.ValidID

// validate checks the change's values with sync/rules (the same rules the
// desktop's write path runs) and its references against the stored rows.
// It returns a rejection reason ("" when valid) and sets p.detail.
func (p *pushCtx) validate(td *TableDef, ch *protocol.Change, cur *Item) (string, error) {
	var stored map[string]any
	if cur != nil {
		// A deleted row keeps its image: an edit of it is judged against
		// it too (it may come back when a person resolves the conflict).
		row, err := p.rowData(cur)
		if err != nil {
			return "", err
		}
		stored = row
		stored["id"] = cur.ID
	} else if ch.Op == protocol.OpInsert {
		stored = map[string]any{"id": ch.RowID}
	}
	op := ch.Op
	if op == protocol.OpInsert && stored != nil && len(stored) > 1 {
		op = protocol.OpUpdate // an insert of an existing row merges as an update
	}
	// Dates the domain refuses "after today" are judged on the region's
	// calendar (UTC+9) with a day's grace for a device's clock.
	today := domain.DateOf(p.now.UTC().Add(33 * 60 * 60 * 1e9))
	if ps := rules.CheckChange(td, op, ch.Cols, stored, today); len(ps) > 0 {
		p.detail, _ = rules.Summary(ps)
		if ps[0].Code == protocol.ReasonUnknownColumn {
			return protocol.ReasonUnknownColumn, nil
		}
		return protocol.ReasonInvalidValue, nil
	}
	return p.checkRefs(td, ch, stored)
}

// checkRefs: every reference the change writes names a live row of its
// table; an employee's unit belongs to the employee's OPD. A parent
// reference is the scope check's (authorize: parent-missing, kept inserts).
func (p *pushCtx) checkRefs(td *TableDef, ch *protocol.Change, stored map[string]any) (string, error) {
	for _, name := range td.ColNames() {
		col := td.Column(name)
		v, ok := ch.Cols[name]
		if !ok || col.Rule.Kind != rules.KindRef || name == td.Parent {
			continue
		}
		id := str(v)
		if id == "" || (col.Rule.RefTable == td.Name && id == ch.RowID) {
			continue
		}
		if _, ok, err := p.liveRef(col.Rule.RefTable, id); err != nil {
			return "", err
		} else if !ok {
			p.detail = name + ": rujukan ke " + col.Rule.RefTable + " " + id + " tidak ada di server."
			return protocol.ReasonInvalidReference, nil
		}
	}
	if td.Name == "pegawai" || td.Name == "riwayat_jabatan" {
		_, u := ch.Cols["unit_id"]
		_, o := ch.Cols["opd_id"]
		if !u && !o {
			return "", nil
		}
		row := maps(stored, ch.Cols)
		if str(row["opd_id"]) == "" {
			return "", nil // an edit kept before its row's insert: checked when merged
		}
		unitOPD, ok, err := p.liveRef("unit", str(row["unit_id"]))
		if err != nil || !ok {
			return "", err
		}
		if unitOPD != str(row["opd_id"]) {
			p.detail = "unit_id: unit kerja " + str(row["unit_id"]) + " bukan bagian dari OPD " + str(row["opd_id"]) + "."
			return protocol.ReasonInvalidReference, nil
		}
	}
	return "", nil
}

// liveRef reports whether tbl/id is a live row; for a unit it also returns
// the unit's OPD. Found rows are remembered for the rest of the push (a
// region push names the same units and positions thousands of times).
func (p *pushCtx) liveRef(tbl, id string) (string, bool, error) {
	key := [2]string{tbl, id}
	if v, ok := p.refs[key]; ok {
		return v, true, nil
	}
	it, err := p.tx.Get(ItemRow, tbl, id)
	if err != nil || it == nil || it.Deleted {
		return "", false, err
	}
	v := ""
	if tbl == "unit" {
		row, err := rowData(it)
		if err != nil {
			return "", false, err
		}
		v = str(row["opd_id"])
	}
	if p.refs == nil {
		p.refs = map[[2]string]string{}
	}
	p.refs[key] = v
	return v, true, nil
}
