package simtest

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// compared are the tables the workload writes; their rows are compared
// between every device and the observer.
var compared = []*store.Table{store.TablePemda, store.TableOPD, store.TableUnit, store.TableJabatan, store.TablePegawai, store.TableUsulan, store.TableEvent}

// placement is the guarded merge group of pegawai; guarded are the other
// guarded pegawai columns.
var (
	placement = map[string]bool{"opd_id": true, "unit_id": true, "jabatan_id": true, "tmt_jabatan": true}
	guarded   = map[string]bool{"nip": true, "status": true, "golongan": true, "keluar_pada": true, "instansi_tujuan": true}
)

type tableRows map[string]map[string]any // id → column → value

func readRows(ctx context.Context, d *Device, t *store.Table) (tableRows, error) {
	rows, err := d.st.DB().QueryContext(ctx, "SELECT id, "+strings.Join(t.Cols, ", ")+" FROM "+t.Name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := tableRows{}
	for rows.Next() {
		vals := make([]any, len(t.Cols)+1)
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		m := map[string]any{}
		for i, c := range t.Cols {
			m[c] = norm(vals[i+1])
		}
		out[fmt.Sprint(vals[0])] = m
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Rows the client keeps only in its base because a local UNIQUE key
	// refuses them (two records with one NIP while the duplicate-nip
	// conflict is open): held, by design, so counted as held.
	base, err := d.st.DB().QueryContext(ctx, "SELECT row_id, row FROM sync_base WHERE tbl = ?", t.Name)
	if err != nil {
		return nil, err
	}
	defer base.Close()
	for base.Next() {
		var id, raw string
		if err := base.Scan(&id, &raw); err != nil {
			return nil, err
		}
		if _, ok := out[id]; ok {
			continue
		}
		var m map[string]any
		if json.Unmarshal([]byte(raw), &m) != nil || m == nil {
			continue
		}
		if d.heldOK(t.Name, id, m) {
			r := map[string]any{}
			for _, c := range t.Cols {
				r[c] = norm(m[c])
			}
			out[id] = r
		}
	}
	return out, base.Err()
}

// heldOK reports whether a row present in the base but not in the visible
// table is one the client holds back on purpose: a pegawai named by a
// duplicate-nip conflict, or a workflow event whose (usulan_id, seq) another
// event holds while an incompatible-decision conflict names the request.
func (d *Device) heldOK(tbl, id string, row map[string]any) bool {
	switch tbl {
	case "pegawai":
		for _, c := range d.w.oracle.conflict[id] {
			if c.Kind == protocol.ConflictDuplicateNIP {
				return true
			}
		}
	case "mutasi_event":
		u, _ := row["usulan_id"].(string)
		for _, c := range append(d.w.oracle.conflict[u], d.w.oracle.conflict[id]...) {
			if c.Kind == protocol.ConflictIncompatible {
				return true
			}
		}
	}
	return false
}

// rejectionOK: a rejection of an allowed write that concurrency explains — an
// insert whose parent (the employee of a request, the request of an event)
// was deleted, or whose parent insert was itself refused.
func (w *World) rejectionOK(c *Change, f seenDisp, epoch string) bool {
	if f.Reason != protocol.ReasonParentMissing {
		return false
	}
	parent, _ := c.Cols["pegawai_id"].(string)
	if c.Table == "mutasi_event" {
		parent, _ = c.Cols["usulan_id"].(string)
	}
	for _, p := range w.oracle.changes {
		if p.RowID != parent {
			continue
		}
		pf, ok := p.final(epoch)
		if !ok {
			continue
		}
		// a delete always takes effect; racing an edit it also opens a
		// row-deleted conflict (disposition "conflict")
		if p.Op == protocol.OpDelete && (pf.Status == protocol.StatusApplied || pf.Status == protocol.StatusConflict) {
			return true
		}
		if p.Op == protocol.OpInsert && (pf.Status == protocol.StatusRejected || pf.Status == protocol.StatusConflict) {
			return true
		}
	}
	return false
}

// norm makes values from SQLite and from JSON comparable.
func norm(v any) any {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case int64:
		return float64(x)
	case int:
		return float64(x)
	case bool:
		if x {
			return float64(1)
		}
		return float64(0)
	}
	return v
}

func same(a, b any) bool { return fmt.Sprint(norm(a)) == fmt.Sprint(norm(b)) }

// visibleTo filters the observer's rows of t to what device d may hold.
func (w *World) visibleTo(d *Device, t *store.Table, all map[string]tableRows) tableRows {
	if d.BKPSDM {
		return all[t.Name]
	}
	out := tableRows{}
	usulanIn := func(id string) bool {
		u := all["mutasi_usulan"][id]
		if u == nil {
			return false
		}
		var req struct {
			Source  struct{ OPDID string } `json:"source"`
			Targets []struct {
				OPDID string `json:"opdId"`
			} `json:"targets"`
		}
		json.Unmarshal([]byte(fmt.Sprint(u["data"])), &req)
		var src struct {
			Source struct {
				OPDID string `json:"opdId"`
			} `json:"source"`
		}
		json.Unmarshal([]byte(fmt.Sprint(u["data"])), &src)
		if src.Source.OPDID == d.OPD {
			return true
		}
		for _, t := range req.Targets {
			if t.OPDID == d.OPD {
				return true
			}
		}
		return false
	}
	for id, r := range all[t.Name] {
		keep := true
		switch t.Name {
		case "pegawai":
			keep = r["opd_id"] == d.OPD
		case "mutasi_usulan":
			keep = usulanIn(id)
		case "mutasi_event":
			keep = usulanIn(fmt.Sprint(r["usulan_id"]))
		}
		if keep {
			out[id] = r
		}
	}
	return out
}

func (w *World) check(ctx context.Context) error {
	o := w.oracle
	// The observer: a fresh BKPSDM desktop that bootstraps from cursor 0
	// after quiescence; what it pulls is the server's state.
	w.faultsOn = false
	obs, err := w.addDevice(ctx, "observer", 0, true)
	if err != nil {
		return err
	}
	obs.observer = true
	if err := w.syncUntilQuiet(ctx, obs, 6); err != nil {
		o.violate("observer bootstrap did not finish: %v", err)
	}
	all := map[string]tableRows{}
	for _, t := range compared {
		if all[t.Name], err = readRows(ctx, obs, t); err != nil {
			return err
		}
	}
	epoch, err := w.srvSt.Epoch(ctx)
	if err != nil {
		return err
	}

	// 1. Convergence per scope (and authorization of what is held).
	for _, d := range w.devs {
		if d.observer {
			continue
		}
		for _, t := range compared {
			got, err := readRows(ctx, d, t)
			if err != nil {
				return err
			}
			want := w.visibleTo(d, t, all)
			for id, r := range got {
				wr, ok := want[id]
				if !ok {
					if t.Name == "pegawai" && !d.BKPSDM && r["opd_id"] != d.OPD {
						o.violate("authorization: %s (OPD %s) holds pegawai %s of OPD %v", d.Name, d.Kode, short(id), r["opd_id"])
					} else {
						o.violate("divergence: %s holds %s %s that the server does not give it %v", d.Name, t.Name, short(id), compact(r))
					}
					continue
				}
				for _, c := range t.Cols {
					if d.Behind && contains(behindColumns(t.Name), c) {
						continue
					}
					if !same(r[c], wr[c]) {
						o.violate("divergence: %s %s %s.%s = %v, server %v", d.Name, t.Name, short(id), c, r[c], wr[c])
					}
				}
			}
			for id := range want {
				if _, ok := got[id]; !ok {
					o.violate("divergence: %s lacks %s %s", d.Name, t.Name, short(id))
				}
			}
		}
	}

	// Nothing invalid is stored anywhere; no OPD desktop holds a row of
	// another OPD or a forged value (the malicious device's above all).
	if err := w.checkStoredRows(ctx, all); err != nil {
		return err
	}

	// 2. Exactly one disposition per change, in the final epoch too; forged
	// writes rejected; no phantom rows.
	inserted := map[string]bool{}
	for _, c := range o.changes {
		if c.Op == protocol.OpInsert && !c.Forbidden {
			inserted[c.Table+"/"+c.RowID] = true
		}
		f, ok := c.final(epoch)
		switch {
		case len(c.Disp) == 0:
			o.violate("change %s of %s (#%d %s %s %s) never got a disposition", short(c.ChangeID), c.Dev.Name, c.LocalSeq, c.Op, c.Table, short(c.RowID))
		case !ok:
			o.violate("change %s of %s (#%d) has no disposition from the current server epoch (re-push after restore missing)", short(c.ChangeID), c.Dev.Name, c.LocalSeq)
		case c.Forbidden && f.Status != protocol.StatusRejected:
			o.violate("authorization: forged change %s of %s (#%d %s %s %s) got %s/%s, want rejected", short(c.ChangeID), c.Dev.Name, c.LocalSeq, c.Op, c.Table, short(c.RowID), f.Status, f.Reason)
		case !c.Forbidden && f.Status == protocol.StatusRejected && !w.rejectionOK(c, f, epoch):
			o.violate("change %s of %s (#%d %s %s %s %s) was rejected (%s: %s) though allowed", short(c.ChangeID), c.Dev.Name, c.LocalSeq, c.Op, c.Table, short(c.RowID), compact(c.Cols), f.Reason, f.Detail)
		}
	}
	for _, t := range compared {
		for _, id := range sortedKeys(all[t.Name]) {
			if !inserted[t.Name+"/"+id] {
				o.violate("phantom row: server holds %s %s that no allowed insert made", t.Name, short(id))
			}
		}
	}

	// 3. HLC strictly increasing per device (across crashes and restarts).
	last := map[*Device]string{}
	for _, c := range o.changes {
		if c.HLC <= last[c.Dev] {
			o.violate("HLC not monotonic on %s: #%d stamped %s after %s", c.Dev.Name, c.LocalSeq, c.HLC, last[c.Dev])
		}
		last[c.Dev] = c.HLC
	}

	// 4. No lost acknowledged write: the final value of every (row, column)
	// is the LWW winner among the changes that reached the server.
	w.checkLWW(epoch, all)

	if w.restores == 0 {
		// 5. A sequential overwrite is never superseded; 6. concurrent writes
		// of a guarded column surface a conflict.
		w.checkCausal(epoch)
	}

	// Every change the server did not take as it was (rejected, or in
	// conflict) is in its device's "needs attention" list, so a person sees
	// why the edit went away.
	attn := map[string]bool{}
	for _, d := range w.devs {
		for _, id := range d.localIDs(ctx, "SELECT change_id FROM sync_attention") {
			attn[id] = true
		}
	}
	for _, c := range o.changes {
		if f, ok := c.final(epoch); ok && (f.Status == protocol.StatusRejected || f.Status == protocol.StatusConflict) && !attn[c.ChangeID] {
			o.violate("not surfaced: %s's change #%d (%s %s %s) got %s/%s but is not in its attention list", c.Dev.Name, c.LocalSeq, c.Op, c.Table, short(c.RowID), f.Status, f.Reason)
		}
	}

	// Liveness (the outboxes are empty) and the forbidden rows are gone.
	for _, d := range w.devs {
		var n int
		d.st.DB().QueryRowContext(ctx, "SELECT count(*) FROM outbox").Scan(&n)
		if n > 0 {
			o.violate("liveness: %s still has %d outbox entries after healing", d.Name, n)
		}
	}
	return nil
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func (c *Change) live(epoch string) (seenDisp, bool) {
	f, ok := c.final(epoch)
	if !ok || c.Forbidden || f.Status == protocol.StatusRejected || c.PushedHLC == "" {
		return f, false
	}
	return f, true
}

func (w *World) clamped(c *Change) bool {
	ts, err := hlc.Parse(c.PushedHLC)
	return err != nil || ts.WallMS > c.PushedAt.Add(w.maxSkew).UnixMilli()
}

func (w *World) checkLWW(epoch string, all map[string]tableRows) {
	o := w.oracle
	type cell struct{ row, col string }
	cands := map[cell][]*Change{}
	deleted := map[string]bool{}
	for _, c := range o.changes {
		if c.Table != "pegawai" {
			continue
		}
		if _, ok := c.live(epoch); !ok {
			continue
		}
		if c.Op == protocol.OpDelete {
			deleted[c.RowID] = true
			continue
		}
		for col := range c.Cols {
			if placement[col] || contains(v2Columns["pegawai"], col) {
				continue
			}
			cands[cell{c.RowID, col}] = append(cands[cell{c.RowID, col}], c)
		}
	}
	rows := all["pegawai"]
	gone := map[string]bool{}
	keys := make([]cell, 0, len(cands))
	for k := range cands {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].row+keys[i].col < keys[j].row+keys[j].col })
	for _, k := range keys {
		cs := cands[k]
		r, ok := rows[k.row]
		if !ok {
			if !deleted[k.row] && !gone[k.row] {
				gone[k.row] = true
				o.violate("lost write: pegawai %s is gone from the server but no delete of it was accepted", short(k.row))
			}
			continue
		}
		var win *Change
		skip := false
		for _, c := range cs {
			if w.clamped(c) {
				skip = true
				break
			}
			if win == nil || (lwwKey{win.PushedHLC, win.Dev.ID}).less(lwwKey{c.PushedHLC, c.Dev.ID}) {
				win = c
			}
		}
		if skip || win == nil {
			continue
		}
		if !same(r[k.col], win.Cols[k.col]) {
			o.violate("lost write: pegawai %s.%s = %v on the server; the last writer by (HLC, device) was %s #%d (%s) with %v",
				short(k.row), k.col, r[k.col], win.Dev.Name, win.LocalSeq, win.PushedHLC, win.Cols[k.col])
		}
	}
}

// seen reports whether device of c had pulled (or made) c2 before making c.
func seen(c2, c *Change, epoch string) bool {
	if c2.Dev == c.Dev {
		return c2.LocalSeq < c.LocalSeq
	}
	f, ok := c2.final(epoch)
	return ok && f.Status == protocol.StatusApplied && f.AckSeq > 0 && f.AckSeq <= c.Cursor
}

func overlap(a, b map[string]any, in func(string) bool) bool {
	for k := range a {
		if _, ok := b[k]; ok && in(k) {
			return true
		}
	}
	return false
}

func (w *World) checkCausal(epoch string) {
	o := w.oracle
	byRow := map[string][]*Change{}
	for _, c := range o.changes {
		if _, ok := c.live(epoch); ok && c.Table == "pegawai" && c.Op == protocol.OpUpdate {
			byRow[c.RowID] = append(byRow[c.RowID], c)
		}
	}
	for _, row := range sortedKeys(byRow) {
		cs := byRow[row]
		for _, c := range cs {
			f, _ := c.final(epoch)
			if f.Status == protocol.StatusSuperseded && (f.Reason == protocol.ReasonLWW || f.Reason == "") && !w.clamped(c) {
				competitor := false
				for _, c2 := range cs {
					if c2 != c && overlap(c.Cols, c2.Cols, func(string) bool { return true }) && !seen(c2, c, epoch) {
						competitor = true
					}
				}
				if !competitor {
					o.violate("sequential overwrite lost: %s #%d %v on pegawai %s (made after pulling every earlier write) was superseded",
						c.Dev.Name, c.LocalSeq, compact(c.Cols), short(row))
				}
			}
		}
		for i, a := range cs {
			for _, b := range cs[i+1:] {
				if a.Dev == b.Dev || seen(a, b, epoch) || seen(b, a, epoch) {
					continue
				}
				// A disagreement: a guarded column both wrote, with different
				// values (two people writing the same value do not conflict).
				differ := func(c string) bool { return (guarded[c] || placement[c]) && !same(a.Cols[c], b.Cols[c]) }
				if !overlap(a.Cols, b.Cols, differ) {
					continue
				}
				fa, _ := a.final(epoch)
				fb, _ := b.final(epoch)
				if fa.Status == protocol.StatusConflict || fb.Status == protocol.StatusConflict || len(o.conflict[row]) > 0 {
					continue
				}
				o.violate("conflict not surfaced: %s #%d %v and %s #%d %v wrote guarded columns of pegawai %s concurrently",
					a.Dev.Name, a.LocalSeq, compact(a.Cols), b.Dev.Name, b.LocalSeq, compact(b.Cols), short(row))
			}
		}
	}
}
