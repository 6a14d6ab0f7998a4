package server

// Conflict bookkeeping: who did what on each side of a conflict, the
// per-device cap on open conflicts, delete-vs-update independent of arrival
// order, and the field-by-field duplicate-NIP merge (docs/sync-protocol.md,
// "Conflicts and their resolution").

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// DefaultMaxOpenConflicts is the default of Options.MaxOpenConflicts.
const DefaultMaxOpenConflicts = 100

// indexOpener indexes an open conflict by the server device whose change
// opened it (dropped when it is resolved), so the cap is one Lookup.
const indexOpener = "opener"

func deviceLabel(d Device) string {
	if d.BKPSDM {
		return protocol.SideBKPSDM
	}
	return d.OPDKode
}

// labelOf names the OPD of the device that wrote with install id inst.
func (p *pushCtx) labelOf(inst string) string {
	if inst == "" || inst == serverWriter {
		return ""
	}
	if inst == p.writer {
		return deviceLabel(p.dev)
	}
	if v, ok := p.s.installLabels.Load(inst); ok {
		return v.(string)
	}
	devs, err := p.s.st.Devices(context.Background())
	if err != nil {
		return "" // a label is a courtesy; never fail the push for it
	}
	label := ""
	for _, d := range devs {
		if d.InstallID == inst {
			label = deviceLabel(d)
			break
		}
	}
	p.s.installLabels.Store(inst, label)
	return label
}

// storedSide describes a write already on the server.
func (p *pushCtx) storedSide(op string, s stamp) *protocol.ConflictSide {
	return &protocol.ConflictSide{Op: op, Device: s.D, OPD: p.labelOf(s.D), At: s.H}
}

// incomingSide describes the change being processed.
func (p *pushCtx) incomingSide(op string, st stamp) *protocol.ConflictSide {
	side := &protocol.ConflictSide{Op: op, Device: p.writer, OPD: deviceLabel(p.dev), At: st.H}
	if p.cur != nil {
		side.Actor = p.cur.Actor
	}
	return side
}

// beforeMerge runs once the change is authorised, before it is merged: it
// remembers the change (for the conflict's sides) and refuses, with
// conflict-limit, a change that would open one more conflict when its
// device already has the maximum open. Refused there, it stores nothing.
func (p *pushCtx) beforeMerge(td *TableDef, ch *protocol.Change, cur *Item) (string, error) {
	p.cur = ch
	max := p.s.opts.MaxOpenConflicts
	if max < 0 {
		return "", nil
	}
	if max == 0 {
		max = DefaultMaxOpenConflicts
	}
	// Below the cap (the common case) nothing is predicted: the count is
	// read once per push and follows the conflicts this push opens; at the
	// cap it is read again (a resolution in the push may have lowered it).
	if p.openConflicts < 0 {
		if err := p.countOpenConflicts(); err != nil {
			return "", err
		}
	}
	if p.openConflicts < max {
		return "", nil
	}
	if err := p.countOpenConflicts(); err != nil || p.openConflicts < max {
		return "", err
	}
	would, err := p.wouldConflict(td, ch, cur)
	if err != nil || !would {
		return "", err
	}
	p.s.log.Warn("conflict limit reached: change refused", "device", p.dev.ID, "open", p.openConflicts, "tbl", td.Name)
	return protocol.ReasonConflictLimit, nil
}

// countOpenConflicts reads how many open conflicts the device's changes hold.
func (p *pushCtx) countOpenConflicts() error {
	open, err := p.tx.Lookup(ItemConflict, "", indexOpener, p.dev.ID)
	p.openConflicts = len(open)
	return err
}

// wouldConflict predicts whether merging the change opens a conflict, by
// the same rules update, updateDeleted, delete, checkDuplicateNIP and
// checkEvents apply (incompatible decisions found only by the replay are
// not predicted).
func (p *pushCtx) wouldConflict(td *TableDef, ch *protocol.Change, cur *Item) (bool, error) {
	switch {
	case cur != nil && cur.Deleted:
		return ch.Op == protocol.OpUpdate, nil
	case cur != nil && ch.Op == protocol.OpDelete:
		meta, err := rowMetaOf(cur)
		if err != nil {
			return false, err
		}
		cols, _ := concurrentCols(meta, ch.BaseSeq, p.writer)
		return len(cols) > 0, nil
	}
	var row map[string]any
	if cur != nil {
		var err error
		if row, err = p.rowData(cur); err != nil {
			return false, err
		}
	}
	if td.Name == "pegawai" {
		if nip := str(ch.Cols["nip"]); nip != "" && (cur == nil || str(row["nip"]) != nip) {
			others, err := p.tx.Lookup(ItemRow, "pegawai", "nip", nip)
			if err != nil {
				return false, err
			}
			for _, o := range others {
				if o.ID != ch.RowID && !o.Deleted {
					return true, nil
				}
			}
		}
	}
	if td.Name == "mutasi_event" && cur == nil {
		its, err := p.tx.Lookup(ItemRow, "mutasi_event", "usulan_id", str(ch.Cols["usulan_id"]))
		if err != nil {
			return false, err
		}
		for _, it := range its {
			if it.Deleted || it.ID == ch.RowID {
				continue
			}
			r, err := rowData(it)
			if err != nil {
				return false, err
			}
			if str(r["seq"]) == str(ch.Cols["seq"]) {
				return true, nil
			}
		}
	}
	if cur == nil || ch.Op != protocol.OpUpdate {
		return false, nil
	}
	meta, err := rowMetaOf(cur)
	if err != nil {
		return false, err
	}
	for c, v := range ch.Cols {
		cols := []string{c}
		if g := td.GroupOf(c); g != "" {
			cols = td.Groups[g]
		}
		var stored stamp
		guarded := false
		for _, gc := range cols {
			if s := meta.Stamps[gc]; stored.less(s) || (s.H == stored.H && s.S > stored.S) {
				stored = s
			}
			guarded = guarded || td.IsGuarded(gc)
		}
		if guarded && stored.S > ch.BaseSeq && stored.D != p.writer && stored.D != "" && str(v) != str(row[c]) {
			return true, nil
		}
	}
	return false, nil
}

// concurrentCols lists the columns another writer updated after baseSeq
// (the image the change was made on), and the newest of those stamps: a
// delete made without seeing them is concurrent with that update. The
// insert's own stamps (the row's first seq) are not updates.
func concurrentCols(meta rowMeta, baseSeq int64, writer string) ([]string, stamp) {
	var cols []string
	var latest stamp
	first := int64(-1)
	for _, s := range meta.Stamps {
		if first < 0 || s.S < first {
			first = s.S
		}
	}
	for c, s := range meta.Stamps {
		if s.S > baseSeq && s.S > first && s.D != writer && s.D != "" && s.D != serverWriter {
			cols = append(cols, c)
			if latest.less(s) {
				latest = s
			}
		}
	}
	sort.Strings(cols)
	return cols, latest
}

// image is a row image without the server's private keys.
func image(row map[string]any) map[string]any {
	out := make(map[string]any, len(row))
	for k, v := range row {
		if !strings.HasPrefix(k, "_") {
			out[k] = v
		}
	}
	return out
}

// resolutionStamp is the LWW stamp of the values a resolution writes: the
// change's own HLC (clamped like any change's when it is from the future).
func (p *pushCtx) resolutionStamp(ch *protocol.Change) (stamp, bool) {
	ts, err := hlc.Parse(ch.HLC)
	if err != nil {
		return stamp{}, false
	}
	if ts.WallMS > p.now.Add(p.s.opts.MaxClockSkew).UnixMilli() {
		ts = p.s.clock.Now()
	} else {
		p.s.clock.Observe(ts)
	}
	return stamp{H: ts.String(), D: p.writer}, true
}

// mergeChoice reads a merge resolution's survivor and values and checks
// them: the survivor is one of the two records, the values are declared
// columns of pegawai, and the device may write both records and the
// survivor with those values. It returns a rejection reason, if any.
func (p *pushCtx) mergeChoice(c protocol.Conflict, ch *protocol.Change) (survivor string, values map[string]any, reason string, err error) {
	survivor = str(ch.Cols[protocol.ResolutionSurvivor])
	if survivor == "" {
		survivor = min(c.RowID, c.OtherRow)
	}
	if survivor != c.RowID && survivor != c.OtherRow {
		return "", nil, protocol.ReasonInvalid, nil
	}
	values = map[string]any{}
	switch v := ch.Cols[protocol.ResolutionValues].(type) {
	case nil:
	case map[string]any:
		values = v
	default:
		return "", nil, protocol.ReasonInvalid, nil
	}
	td := Table("pegawai")
	for k := range values {
		if !td.Known(k) || k == "id" || strings.HasPrefix(k, "_") {
			return "", nil, protocol.ReasonInvalid, nil
		}
	}
	if p.dev.BKPSDM {
		return survivor, values, "", nil
	}
	// An OPD device merges only two records of its own OPD.
	for _, id := range []string{c.RowID, c.OtherRow} {
		it, err := p.tx.Get(ItemRow, "pegawai", id)
		if err != nil {
			return "", nil, "", err
		}
		if it != nil && !contains(it.Scope, p.opdID) {
			return "", nil, protocol.ReasonForbiddenOPD, nil
		}
	}
	sit, err := p.tx.Get(ItemRow, "pegawai", survivor)
	if err != nil || sit == nil {
		return survivor, values, "", err
	}
	r, err := p.authorize(td, &protocol.Change{Table: "pegawai", RowID: survivor, Op: protocol.OpUpdate, Cols: values}, sit)
	return survivor, values, r, err
}

// writeValues writes the chosen values to a row as ordinary stamped column
// writes (each where st is newer than the stored stamp).
func (p *pushCtx) writeValues(td *TableDef, it *Item, values map[string]any, st stamp) error {
	if len(values) == 0 || it == nil || it.Deleted {
		return nil
	}
	row, err := rowData(it)
	if err != nil {
		return err
	}
	meta, err := rowMetaOf(it)
	if err != nil {
		return err
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	changed := false
	for _, k := range keys {
		cols := []string{k}
		if g := td.GroupOf(k); g != "" {
			cols = td.Groups[g]
		}
		if !meta.Stamps[k].less(st) {
			continue
		}
		row[k] = values[k]
		for _, gc := range cols {
			meta.Stamps[gc] = stamp{H: st.H, D: st.D}
		}
		changed = true
	}
	if !changed {
		return nil
	}
	_, err = p.put(td, it.ID, row, meta, false, it)
	return err
}
