package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/rules"
	"github.com/google/uuid"
)

// stamp is the LWW stamp of one column: HLC, writer (install id), and the
// server seq of the write (set_seq).
type stamp struct {
	H string `json:"h"`
	D string `json:"d"`
	S int64  `json:"s"`
}

func (a stamp) less(b stamp) bool {
	if mutantLWWFlipped() { // the comparator reversed (simulation only)
		a, b = b, a
	}
	return a.H < b.H || (a.H == b.H && a.D < b.D)
}

// rowMeta is the server-private part of a row item. W is the seq from
// which a device needs the whole row (see keyWhole); 0 for rows stored
// before partial rows.
type rowMeta struct {
	Stamps map[string]stamp `json:"s"`
	Del    *stamp           `json:"d,omitempty"`
	W      int64            `json:"w,omitempty"`
}

// serverWriter is the "device" of writes the server makes itself.
const serverWriter = "server"

// pushCtx is one push transaction.
type pushCtx struct {
	s      *Server
	tx     Tx
	dev    Device
	writer string // install id: the LWW tie-break
	opdID  string // the device OPD's row id ("" if unresolved or BKPSDM)
	now    time.Time
	schema int
	// bez accumulates bezetting deltas, written once at the end of the push.
	bez map[string]int
	// aliases: whether any alias exists (else no lookups are needed).
	aliases bool
	// orphans: whether a row ever arrived before its parent (else inserts
	// need not look for children to re-scope or kept inserts to run).
	orphans bool
	// detail says why the change being processed was rejected (its
	// disposition's Detail).
	detail string
	// decoded is the last row image decoded (the checks and the merge of
	// one change read the same stored row several times).
	decoded struct {
		it  *Item
		seq int64
		row map[string]any
	}
	// refs caches references found live in this push (table/id; unit ids
	// map to their OPD); a delete in the push removes its entry.
	refs map[[2]string]string
	// openConflicts counts the open conflicts the device's changes hold
	// (-1: not read yet in this push).
	openConflicts int
	// cur is the change being merged (the incoming side of a conflict).
	cur *protocol.Change
	// portal is the employee of a portal write (ApplyPortal), "" for a push.
	portal string
}

// Push processes a push from the device with server id deviceID, in one
// transaction, and returns one disposition per processed change.
func (s *Server) Push(ctx context.Context, deviceID string, req protocol.PushRequest) (protocol.PushResponse, *httpError) {
	return s.push(ctx, deviceID, "", req)
}

// push is Push; opdKode, when the caller knows the device's (the HTTP
// handler read the device to authenticate it), lets the store read its OPD
// row with the rest of what the push reads first.
func (s *Server) push(ctx context.Context, deviceID, opdKode string, req protocol.PushRequest) (protocol.PushResponse, *httpError) {
	if herr := s.schemaCheck(req.SchemaVersion); herr != nil {
		return protocol.PushResponse{}, herr
	}
	if strings.TrimSpace(req.DeviceID) == "" {
		return protocol.PushResponse{}, errBadRequest("device_id is required")
	}
	// Before the transaction: a malformed envelope is refused whole.
	if herr := checkEnvelope(req.Changes); herr != nil {
		return protocol.PushResponse{}, herr
	}
	var resp protocol.PushResponse
	set := pushPrefetch(deviceID, req)
	if opdKode != "" {
		set.Lookups = append(set.Lookups, LookupKey{ItemRow, "opd", "kode", opdKode}) // opdIDOf
	}
	update := s.st.Update
	if ps, ok := s.st.(PrefetchingStore); ok {
		update = func(ctx context.Context, fn func(Tx) error) error { return ps.UpdatePrefetched(ctx, &set, fn) }
	}
	err := update(ctx, func(tx Tx) error {
		// Held inside the transaction, not around Update, so a store may
		// commit several pushes together (sqlitestore's group commit).
		s.mu.Lock()
		defer s.mu.Unlock()
		resp = protocol.PushResponse{Dispositions: []protocol.Disposition{}}
		if pf, ok := tx.(Prefetcher); ok {
			if err := pf.Prefetch(set); err != nil {
				return err
			}
		}
		d, err := tx.Device(deviceID)
		if err != nil {
			if errors.Is(err, ErrNotFound) {
				return errUnauthorized
			}
			return err
		}
		if d.Revoked {
			return errUnauthorized
		}
		if d.InstallID == "" {
			d.InstallID = req.DeviceID
		} else if d.InstallID != req.DeviceID {
			return errDeviceMismatch
		}
		// Another process may have stamped past this one's clock: the stored
		// HLC (read under the store's write lock) is the global high-water mark.
		if v, err := tx.Meta("hlc"); err != nil {
			return err
		} else if v != "" {
			h, err := hlc.Parse(v)
			if err != nil {
				return fmt.Errorf("stored hlc: %w", err)
			}
			s.clock.Observe(h)
		}
		p := &pushCtx{s: s, tx: tx, dev: d, writer: req.DeviceID, now: s.opts.Now(), schema: req.SchemaVersion, bez: map[string]int{}, openConflicts: -1}
		if v, err := tx.Meta("aliases"); err != nil {
			return err
		} else {
			p.aliases = v != ""
		}
		if v, err := tx.Meta("orphans"); err != nil {
			return err
		} else {
			p.orphans = v != ""
		}
		if !d.BKPSDM {
			if p.opdID, err = opdIDOf(tx, d.OPDKode); err != nil {
				return err
			}
		}
		// After a restore the first push may skip numbers anywhere (the
		// client re-pushes what it retained; the backup lost the rest).
		resync := p.dev.Resync
		for _, ch := range req.Changes {
			disp, ok, err := p.stored(ch)
			if err != nil {
				return err
			}
			if !ok {
				if ch.LocalSeq > p.dev.LastLocalSeq+1 && !resync {
					break // a gap: the client resends from here
				}
				if disp, err = p.process(ch); err != nil {
					return fmt.Errorf("change %s: %w", ch.ChangeID, err)
				}
			}
			if ch.LocalSeq > p.dev.LastLocalSeq {
				p.dev.LastLocalSeq = ch.LocalSeq
				p.dev.Resync = false // cleared once this push commits
			}
			if !p.ackHidden(ch) {
				resp.Dispositions = append(resp.Dispositions, disp)
			}
		}
		if err := p.flushBezetting(); err != nil {
			return err
		}
		if err := tx.PutDevice(p.dev); err != nil {
			return err
		}
		resp.LastLocalSeq = p.dev.LastLocalSeq
		return tx.SetMeta("hlc", s.clock.Last().String())
	})
	if err != nil {
		// The clock may have moved past stamps of the rolled-back push;
		// that is harmless (it only ever needs to be monotonic).
		var he *httpError
		if errors.As(err, &he) {
			return protocol.PushResponse{}, he
		}
		return protocol.PushResponse{}, errInternal(err)
	}
	ep, err := s.st.Epoch(ctx)
	if err != nil {
		return protocol.PushResponse{}, errInternal(err)
	}
	resp.ServerEpoch = ep
	resp.ServerTime = s.opts.Now().UTC().Format(time.RFC3339Nano)
	resp.ServerHLC = s.clock.Last().String() // persisted with the push: never ahead of what a restart resumes from
	n := len(resp.Dispositions)
	s.log.Info("push", "device", deviceID, "changes", len(req.Changes), "processed", n, "last_local_seq", resp.LastLocalSeq)
	return resp, nil
}

// pushPrefetch is what processing the push will read first: its device,
// the meta flags, each change's disposition and row, the device's open
// conflicts and the duplicate-NIP lookups of afterWrite.
func pushPrefetch(deviceID string, req protocol.PushRequest) PrefetchSet {
	set := PrefetchSet{Device: deviceID, Meta: []string{"hlc", "aliases", "orphans"}, Items: make([]ItemKey, 0, 3*len(req.Changes))}
	// The rows the changes name (parents, references): a region push names
	// the same units and positions thousands of times, and its children's
	// parents were mostly written by an earlier request.
	named := map[ItemKey]bool{}
	if len(req.Changes) > 0 {
		// countOpenConflicts reads it once per push.
		set.Lookups = append(set.Lookups, LookupKey{ItemConflict, "", indexOpener, deviceID})
	}
	for _, ch := range req.Changes {
		set.Items = append(set.Items, ItemKey{ItemDisposition, "", ch.ChangeID}) // checkEnvelope: never empty
		td := Table(ch.Table)
		if td == nil {
			continue
		}
		if k := (ItemKey{ItemRow, ch.Table, ch.RowID}); !named[k] {
			named[k] = true
			set.Items = append(set.Items, k)
		}
		for c, v := range ch.Cols {
			col := td.Column(c)
			if col == nil || col.Rule.Kind != rules.KindRef {
				continue
			}
			if k := (ItemKey{ItemRow, col.Rule.RefTable, str(v)}); !named[k] && validID(k.ID) {
				named[k] = true
				set.Items = append(set.Items, k)
			}
		}
		if nip := str(ch.Cols["nip"]); ch.Table == "pegawai" && nip != "" {
			set.Lookups = append(set.Lookups, LookupKey{ItemRow, "pegawai", "nip", nip})
		}
	}
	return set
}

// opdIDOf finds the OPD row id of an OPD kode ("" if the OPD is not known yet).
func opdIDOf(tx Tx, kode string) (string, error) {
	if kode == "" {
		return "", nil
	}
	its, err := tx.Lookup(ItemRow, "opd", "kode", kode)
	if err != nil {
		return "", err
	}
	for _, it := range its {
		if !it.Deleted {
			return it.ID, nil
		}
	}
	return "", nil
}

// stored returns the disposition already recorded for the change, if any.
// A change id recorded for another installation refuses the whole push
// (errForeignChange): a disposition goes only to the device that made it.
// Every change carries a change id (checkEnvelope), so it is the one key:
// a change re-using a local_seq under another id (a client restored from
// its own backup) is new and processed as such, not lost.
func (p *pushCtx) stored(ch protocol.Change) (protocol.Disposition, bool, error) {
	it, err := p.tx.Get(ItemDisposition, "", ch.ChangeID)
	if err == nil && it != nil && it.Device != p.dev.ID {
		own, err := p.sameInstall(it.Device)
		if err != nil {
			return protocol.Disposition{}, false, err
		}
		if !own {
			return protocol.Disposition{}, false, errForeignChange
		}
	}
	return decodeDisp(it, err)
}

// sameInstall reports whether the device record id is this installation
// under an earlier enrollment: the same install id, OPD and kind.
func (p *pushCtx) sameInstall(id string) (bool, error) {
	d, err := p.tx.Device(id)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return d.InstallID != "" && d.InstallID == p.dev.InstallID && d.OPDKode == p.dev.OPDKode && d.BKPSDM == p.dev.BKPSDM, nil
}

func decodeDisp(it *Item, err error) (protocol.Disposition, bool, error) {
	if err != nil || it == nil {
		return protocol.Disposition{}, false, err
	}
	var d protocol.Disposition
	if err := json.Unmarshal(it.Data, &d); err != nil {
		return d, false, err
	}
	return d, true, nil
}

// process applies one new change and records its disposition.
func (p *pushCtx) process(ch protocol.Change) (protocol.Disposition, error) {
	status, reason, conflictID, err := p.apply(&ch)
	if err != nil {
		return protocol.Disposition{}, err
	}
	seq, err := p.tx.NextSeq()
	if err != nil {
		return protocol.Disposition{}, err
	}
	d := protocol.Disposition{LocalSeq: ch.LocalSeq, ChangeID: ch.ChangeID, Status: status, Reason: reason, ConflictID: conflictID, AckSeq: seq, Detail: p.detail}
	p.detail = ""
	data, _ := json.Marshal(d)
	if status == protocol.StatusRejected {
		p.s.log.Info("change rejected", "device", p.dev.ID, "tbl", ch.Table, "reason", reason)
	}
	return d, p.tx.Put(&Item{Seq: seq, Kind: ItemDisposition, ID: ch.ChangeID, Device: p.dev.ID, Data: data, Scope: p.ackScope(ch)})
}

func rejected(reason string) (string, string, string, error) {
	return protocol.StatusRejected, reason, "", nil
}

func rejectedErr(reason string, err error) (string, string, string, error) {
	if err != nil {
		return "", "", "", err
	}
	return rejected(reason)
}

// apply runs the semantic rules; it returns status, reason and conflict id.
func (p *pushCtx) apply(ch *protocol.Change) (string, string, string, error) {
	if ch.Table == protocol.TableConflict {
		return p.resolve(ch)
	}
	td := Table(ch.Table)
	if td == nil {
		return rejected(protocol.ReasonUnknownTable)
	}
	if td.Rule == ScopeDerived {
		return rejected(protocol.ReasonForbiddenTable)
	}
	if !validID(ch.RowID) || (ch.Op != protocol.OpInsert && ch.Op != protocol.OpUpdate && ch.Op != protocol.OpDelete) {
		return rejected(protocol.ReasonInvalid)
	}
	ts, err := hlc.Parse(ch.HLC)
	if err != nil {
		return rejected(protocol.ReasonInvalid)
	}
	v := ch.SchemaVersion
	if v == 0 {
		v = p.schema
	}
	if v < p.s.opts.MinSchema || v > p.s.opts.MaxSchema {
		return rejected(protocol.ReasonSchema)
	}
	if ch.Cols == nil || ch.Op == protocol.OpDelete {
		ch.Cols = map[string]any{} // a delete carries no values
	}
	Upcast(td.Name, ch.Op, ch.Cols, v, p.s.opts.MaxSchema)
	if id, ok := ch.Cols["id"]; ok && str(id) == ch.RowID {
		delete(ch.Cols, "id") // the row's own id, sent by some clients
	}
	if td.InsertOnly && ch.Op != protocol.OpInsert {
		return rejected(protocol.ReasonInsertOnly)
	}
	// Aliases: a merged record's id, as row or as a parent reference, means the survivor.
	if err := p.rewriteAliases(td, ch); err != nil {
		return "", "", "", err
	}
	cur, err := p.tx.Get(ItemRow, td.Name, ch.RowID)
	if err != nil {
		return "", "", "", err
	}
	// Who may write what, then what may be written (sync/rules): nothing
	// of a refused change is stored, and the clock does not observe it.
	if verdict, err := p.checkRole(td, ch, cur); err != nil {
		return "", "", "", err
	} else if verdict.Reason != "" {
		p.detail = verdict.Why
		return rejected(verdict.Reason)
	}
	// Clock guard.
	if limit := p.now.Add(p.s.opts.MaxClockSkew).UnixMilli(); ts.WallMS > limit {
		clamped := p.s.clock.Now()
		if err := p.tx.AddSkew(Skew{DeviceID: p.dev.ID, Stamp: ts.String(), Clamped: clamped.String(), ServerTime: p.now.UTC().Format(time.RFC3339)}); err != nil {
			return "", "", "", err
		}
		p.s.log.Warn("clock skew: stamp from the future clamped", "device", p.dev.ID, "stamp", ts.String(), "ahead", time.Duration(ts.WallMS-p.now.UnixMilli())*time.Millisecond)
		ts = clamped
	} else {
		p.s.clock.Observe(ts)
	}
	st := stamp{H: ts.String(), D: p.writer}

	if cur == nil && ch.Op != protocol.OpInsert {
		// The insert has not arrived (after a restore another device may
		// re-push it later): keep the change, authorise and merge it then.
		if reason, err := p.validate(td, ch, cur); err != nil || reason != "" {
			return rejectedErr(reason, err)
		}
		return p.pending(td, ch, st)
	}
	authorize := p.authorize
	if p.portal != "" {
		authorize = func(td *TableDef, ch *protocol.Change, _ *Item) (string, error) { return p.authorizePortal(td, ch) }
	}
	if reason, err := authorize(td, ch, cur); err != nil || reason != "" {
		if err != nil {
			return "", "", "", err
		}
		if reason == protocol.ReasonParentMissing && ch.Op == protocol.OpInsert {
			// A parent the server never had (not a deleted one) may still
			// come: after a restore another device re-pushes it later.
			if absent, err := p.parentAbsent(td, ch.Cols); err != nil {
				return "", "", "", err
			} else if absent {
				// kept until its parent comes: its values are checked now
				if reason, err := p.validate(td, ch, cur); err != nil || reason != "" {
					return rejectedErr(reason, err)
				}
				return p.pendingInsert(td, ch, st)
			}
		}
		return rejected(reason)
	}
	// Values last: a device learns nothing about rows outside its scope.
	if reason, err := p.validate(td, ch, cur); err != nil || reason != "" {
		return rejectedErr(reason, err)
	}
	if reason, err := p.beforeMerge(td, ch, cur); err != nil || reason != "" {
		return rejectedErr(reason, err)
	}
	switch ch.Op {
	case protocol.OpInsert:
		if cur == nil {
			return p.insert(td, ch, st)
		}
		if td.InsertOnly {
			return protocol.StatusSuperseded, protocol.ReasonDuplicate, "", nil
		}
		if cur.Deleted {
			return protocol.StatusSuperseded, protocol.ReasonExists, "", nil
		}
		return p.update(td, ch, st, cur, false)
	case protocol.OpUpdate:
		if cur.Deleted {
			return p.updateDeleted(td, ch, st, cur)
		}
		return p.update(td, ch, st, cur, true)
	default:
		if cur.Deleted {
			return protocol.StatusSuperseded, protocol.ReasonRowMissing, "", nil
		}
		return p.delete(td, ch, st, cur)
	}
}

// rewriteAliases maps alias ids (duplicate-NIP merges) to their survivor.
func (p *pushCtx) rewriteAliases(td *TableDef, ch *protocol.Change) error {
	if a, err := p.aliasOf(td.Name, ch.RowID); err != nil {
		return err
	} else if a != "" {
		ch.RowID = a
	}
	if td.Parent != "" {
		if v, ok := ch.Cols[td.Parent].(string); ok && v != "" {
			a, err := p.aliasOf(td.ParentTable, v)
			if err != nil {
				return err
			}
			if a != "" {
				ch.Cols[td.Parent] = a
			}
		}
	}
	return nil
}

func (p *pushCtx) aliasOf(tbl, id string) (string, error) {
	if !p.aliases {
		return "", nil
	}
	it, err := p.tx.Get(ItemAlias, tbl, id)
	if err != nil || it == nil {
		return "", err
	}
	var m map[string]any
	if err := json.Unmarshal(it.Data, &m); err != nil {
		return "", err
	}
	s, _ := m["alias_of"].(string)
	return s, nil
}

// rowData is the package's rowData for the stored row a change is checked
// and merged against: decoded once, a fresh copy for each caller.
func (p *pushCtx) rowData(it *Item) (map[string]any, error) {
	if it != nil && p.decoded.it == it && p.decoded.seq == it.Seq {
		return maps(nil, p.decoded.row), nil
	}
	row, err := rowData(it)
	if err != nil || it == nil {
		return row, err
	}
	p.decoded.it, p.decoded.seq, p.decoded.row = it, it.Seq, row
	return maps(nil, row), nil
}

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}

func contains(scope []string, opd string) bool {
	return slices.Contains(scope, ScopeAll) || (opd != "" && slices.Contains(scope, opd))
}

// parentScope returns the scope of the parent row named by the column value.
func (p *pushCtx) parentItem(td *TableDef, row map[string]any) (*Item, error) {
	id := str(row[td.Parent])
	if id == "" {
		return nil, nil
	}
	it, err := p.tx.Get(ItemRow, td.ParentTable, id)
	if it != nil && it.Deleted {
		return nil, err
	}
	return it, err
}

// authorize checks the change against the device's OPD, using the row's
// current scope on the server and, for inserts, its parents.
func (p *pushCtx) authorize(td *TableDef, ch *protocol.Change, cur *Item) (string, error) {
	if p.dev.BKPSDM {
		return "", nil
	}
	opd := p.opdID
	if opd == "" {
		return protocol.ReasonForbiddenOPD, nil
	}
	switch td.Rule {
	case ScopeRegion, ScopeDerived:
		return protocol.ReasonForbiddenTable, nil
	case ScopeRegionOPDWrite:
		// The row's OPD before and after must be the device's.
		check := func(row map[string]any) (bool, error) {
			if td.OPDCol != "" {
				return str(row[td.OPDCol]) == opd, nil
			}
			par, err := p.parentItem(td, row)
			if err != nil || par == nil {
				return false, err
			}
			pd, err := rowData(par)
			if err != nil {
				return false, err
			}
			return str(pd["opd_id"]) == opd, nil
		}
		if cur != nil {
			old, err := p.rowData(cur)
			if err != nil {
				return "", err
			}
			ok, err := check(old)
			if err != nil || !ok {
				return protocol.ReasonForbiddenOPD, err
			}
			merged := maps(old, ch.Cols)
			ok, err = check(merged)
			if err != nil || !ok {
				return protocol.ReasonForbiddenOPD, err
			}
			return "", nil
		}
		ok, err := check(ch.Cols)
		if err != nil || !ok {
			return protocol.ReasonForbiddenOPD, err
		}
		return "", nil
	}
	if cur != nil && !contains(cur.Scope, opd) {
		return protocol.ReasonForbiddenOPD, nil
	}
	switch td.Rule {
	case ScopeOPD:
		if v, ok := ch.Cols[td.OPDCol]; (ok || cur == nil) && ch.Op != protocol.OpDelete && str(v) != opd {
			// An OPD device neither creates rows for another OPD nor moves
			// its people out (that is a mutasi carried out by BKPSDM).
			return protocol.ReasonForbiddenOPD, nil
		}
	case ScopeViaParent, ScopeUsulan:
		if _, ok := ch.Cols[td.Parent]; ok || cur == nil {
			if ch.Op == protocol.OpDelete {
				break
			}
			par, err := p.parentItem(td, ch.Cols)
			if err != nil {
				return "", err
			}
			if par == nil {
				if cur == nil {
					return protocol.ReasonParentMissing, nil
				}
				return protocol.ReasonForbiddenOPD, nil
			}
			if !contains(par.Scope, opd) {
				return protocol.ReasonForbiddenOPD, nil
			}
		}
	}
	return "", nil
}

// maps is b overlaid on a, in a new map.
var maps = rules.Merged

// scopeOf computes the read scope of a row from its data (and parents).
func (p *pushCtx) scopeOf(td *TableDef, row map[string]any) ([]string, error) {
	switch td.Rule {
	case ScopeRegion, ScopeRegionOPDWrite, ScopeDerived:
		return []string{ScopeAll}, nil
	case ScopeOPD:
		if v := str(row[td.OPDCol]); v != "" {
			return []string{v}, nil
		}
		return nil, nil
	case ScopeViaParent:
		par, err := p.tx.Get(ItemRow, td.ParentTable, str(row[td.Parent]))
		if err != nil || par == nil {
			return nil, err
		}
		return slices.Clone(par.Scope), nil
	case ScopeUsulan:
		var sc []string
		if par, err := p.tx.Get(ItemRow, td.ParentTable, str(row[td.Parent])); err != nil {
			return nil, err
		} else if par != nil {
			sc = append(sc, par.Scope...)
		}
		var req mutasi.Request
		if s := str(row["data"]); s != "" && json.Unmarshal([]byte(s), &req) == nil {
			if req.Source.OPDID != "" {
				sc = append(sc, string(req.Source.OPDID))
			}
			for _, t := range req.Targets {
				if t.OPDID != "" && !t.Keluar() {
					sc = append(sc, string(t.OPDID))
				}
			}
		}
		slices.Sort(sc)
		return slices.Compact(sc), nil
	}
	return nil, nil
}

func indexOf(td *TableDef, row map[string]any) map[string]string {
	if len(td.Index) == 0 {
		return nil
	}
	m := map[string]string{}
	for _, c := range td.Index {
		if v := str(row[c]); v != "" {
			m[c] = v
		}
	}
	return m
}

// put writes a row item with a new seq, keeping Former up to date, and
// re-scopes its children when its scope changed. It returns the new seq.
func (p *pushCtx) put(td *TableDef, id string, row map[string]any, meta rowMeta, deleted bool, old *Item) (int64, error) {
	seq, err := p.tx.NextSeq()
	if err != nil {
		return 0, err
	}
	for c, s := range meta.Stamps {
		if s.S == 0 {
			s.S = seq
			meta.Stamps[c] = s
		}
	}
	if meta.Del != nil && meta.Del.S == 0 {
		meta.Del.S = seq
	}
	maxH := ""
	for _, s := range meta.Stamps {
		if s.H > maxH {
			maxH = s.H
		}
	}
	if meta.Del != nil && meta.Del.H > maxH {
		maxH = meta.Del.H
	}
	row[keyHLC] = maxH
	scope, err := p.scopeOf(td, row)
	if err != nil {
		return 0, err
	}
	var former []string
	if old != nil {
		former = append(slices.Clone(old.Former), old.Scope...)
		former = slices.DeleteFunc(former, func(s string) bool { return s == ScopeAll || slices.Contains(scope, s) })
		slices.Sort(former)
		former = slices.Compact(former)
	}
	// A device that pulled before now may not hold the row as it is now:
	// new, revived, moved into or out of its scope, or stored before the
	// change info existed.
	if old == nil || meta.W == 0 || (old.Deleted && !deleted) || !slices.Equal(old.Scope, scope) {
		meta.W = seq
	}
	var part map[string]int64
	for c, s := range meta.Stamps {
		if s.S > meta.W {
			if part == nil {
				part = map[string]int64{}
			}
			part[c] = s.S
		}
	}
	row[keyWhole] = meta.W
	if part != nil {
		row[keyPart] = part
	}
	data, err := marshalRow(row)
	delete(row, keyWhole)
	delete(row, keyPart)
	if err != nil {
		return 0, err
	}
	mb := marshalMeta(meta)
	it := &Item{Seq: seq, Kind: ItemRow, Table: td.Name, ID: id, Scope: scope, Former: former, Deleted: deleted, Data: data, Meta: mb, Index: indexOf(td, row)}
	if err := p.tx.Put(it); err != nil {
		return 0, err
	}
	if old != nil {
		// An existing row edited now is the one likely to be edited again
		// (a new one is rarely read again soon: not worth the cache).
		images.putRow(it, row, true)
		images.putMeta(it, meta, true)
	}
	if td.Name == "pegawai" {
		if err := p.bezetting(old, it, row); err != nil {
			return 0, err
		}
	}
	if p.refs != nil {
		delete(p.refs, [2]string{td.Name, id}) // a deleted row or a unit moved to another OPD
	}
	if td.Name == "pengguna" && !deleted {
		if err := markAccountScope(p.tx, row); err != nil {
			return 0, err
		}
	}
	if old != nil && !slices.Equal(old.Scope, scope) {
		if err := p.rescopeChildren(td.Name, id); err != nil {
			return 0, err
		}
	}
	return seq, nil
}

// rescopeChildren re-logs the rows whose scope follows the row (tbl, id).
func (p *pushCtx) rescopeChildren(tbl, id string) error {
	for _, ct := range children(tbl) {
		kids, err := p.tx.Lookup(ItemRow, ct.Name, ct.Parent, id)
		if err != nil {
			return err
		}
		for _, k := range kids {
			row, err := rowData(k)
			if err != nil {
				return err
			}
			sc, err := p.scopeOf(ct, row)
			if err != nil {
				return err
			}
			if slices.Equal(sc, k.Scope) {
				continue
			}
			meta, err := rowMetaOf(k)
			if err != nil {
				return err
			}
			// Re-log without new stamps; put keeps set_seq of the columns.
			if _, err := p.put(ct, k.ID, row, meta, k.Deleted, k); err != nil {
				return err
			}
		}
	}
	return nil
}

func newMeta(cols map[string]any, st stamp) rowMeta {
	m := rowMeta{Stamps: make(map[string]stamp, len(cols))}
	for c := range cols {
		m.Stamps[c] = st
	}
	return m
}

func (p *pushCtx) insert(td *TableDef, ch *protocol.Change, st stamp) (string, string, string, error) {
	row := maps(nil, ch.Cols)
	delete(row, "id")
	for k := range row {
		if strings.HasPrefix(k, "_") {
			delete(row, k)
		}
	}
	meta := newMeta(row, st)
	if _, err := p.put(td, ch.RowID, row, meta, false, nil); err != nil {
		return "", "", "", err
	}
	if p.orphans {
		if err := p.mergePending(td, ch.RowID); err != nil {
			return "", "", "", err
		}
	}
	status, reason, cid, err := p.afterWrite(td, ch.RowID, row, nil, protocol.StatusApplied, "", "")
	if err != nil {
		return "", "", "", err
	}
	if td.Parent != "" && !p.orphans {
		if absent, err := p.parentAbsent(td, row); err != nil {
			return "", "", "", err
		} else if absent {
			if err := p.markOrphans(); err != nil {
				return "", "", "", err
			}
		}
	}
	// Children that arrived first (a BKPSDM push in any order, or re-pushes
	// after a restore) now take this row's scope, and kept child inserts run.
	if p.orphans {
		if err := p.rescopeChildren(td.Name, ch.RowID); err != nil {
			return "", "", "", err
		}
		if err := p.runPendingInserts(td.Name, ch.RowID); err != nil {
			return "", "", "", err
		}
	}
	return status, reason, cid, nil
}

func (p *pushCtx) markOrphans() error {
	p.orphans = true
	return p.tx.SetMeta("orphans", "1")
}

// parentAbsent reports whether the parent named by the row is unknown to
// the server (rather than deleted).
func (p *pushCtx) parentAbsent(td *TableDef, row map[string]any) (bool, error) {
	id := str(row[td.Parent])
	if id == "" || td.ParentTable == "" {
		return false, nil
	}
	it, err := p.tx.Get(ItemRow, td.ParentTable, id)
	return it == nil && err == nil, err
}

// pendingInsert keeps an insert whose parent has not arrived; it runs as its
// device when the parent is inserted.
func (p *pushCtx) pendingInsert(td *TableDef, ch *protocol.Change, st stamp) (string, string, string, error) {
	c := *ch
	c.HLC = st.H
	data, err := json.Marshal(c)
	if err != nil {
		return "", "", "", err
	}
	meta, _ := json.Marshal(map[string]string{"writer": p.writer})
	scope := []string{ScopeAll}
	if !p.dev.BKPSDM {
		scope = []string{p.opdID}
	}
	if err := p.markOrphans(); err != nil {
		return "", "", "", err
	}
	seq, err := p.tx.NextSeq()
	if err != nil {
		return "", "", "", err
	}
	return protocol.StatusApplied, protocol.ReasonRowPending, "", p.tx.Put(&Item{Seq: seq, Kind: ItemPending, Table: td.Name,
		ID: ch.RowID + "|" + p.dev.ID + "|insert", Device: p.dev.ID, Scope: scope, Data: data, Meta: meta,
		Index: map[string]string{"parent": td.ParentTable + "/" + str(ch.Cols[td.Parent])}})
}

// runPendingInserts applies the kept inserts of children of (tbl, id).
func (p *pushCtx) runPendingInserts(tbl, id string) error {
	for _, ct := range Tables {
		if ct.ParentTable != tbl {
			continue
		}
		pends, err := p.tx.Lookup(ItemPending, ct.Name, "parent", tbl+"/"+id)
		if err != nil {
			return err
		}
		for _, pend := range pends {
			if pend.Deleted {
				continue
			}
			seq, err := p.tx.NextSeq()
			if err != nil {
				return err
			}
			done := *pend
			done.Seq, done.Deleted, done.Index = seq, true, nil
			if err := p.tx.Put(&done); err != nil {
				return err
			}
			var ch protocol.Change
			if err := json.Unmarshal(pend.Data, &ch); err != nil {
				return err
			}
			var m map[string]string
			json.Unmarshal(pend.Meta, &m)
			q := *p
			q.dev = Device{ID: pend.Device, BKPSDM: slices.Contains(pend.Scope, ScopeAll)}
			q.opdID, q.writer, q.openConflicts = "", m["writer"], -1
			if !q.dev.BKPSDM && len(pend.Scope) > 0 {
				q.opdID = pend.Scope[0]
			}
			status, reason, _, err := q.apply(&ch)
			if err != nil {
				return err
			}
			if status == protocol.StatusRejected {
				p.s.log.Info("kept insert refused when its parent arrived", "device", pend.Device, "tbl", ct.Name, "reason", reason)
			}
		}
	}
	return nil
}

// pending keeps an update or delete of a row the server does not have (yet),
// one item per (row, device), merged by LWW.
func (p *pushCtx) pending(td *TableDef, ch *protocol.Change, st stamp) (string, string, string, error) {
	pid := ch.RowID + "|" + p.dev.ID
	it, err := p.tx.Get(ItemPending, td.Name, pid)
	if err != nil {
		return "", "", "", err
	}
	data, err := rowData(it)
	if err != nil {
		return "", "", "", err
	}
	meta, err := rowMetaOf(it)
	if err != nil {
		return "", "", "", err
	}
	for c, v := range ch.Cols {
		if c == "id" || strings.HasPrefix(c, "_") {
			continue
		}
		if meta.Stamps[c].less(st) {
			data[c] = v
			meta.Stamps[c] = st
		}
	}
	if ch.Op == protocol.OpDelete && (meta.Del == nil || meta.Del.less(st)) {
		meta.Del = &stamp{H: st.H, D: st.D}
	}
	scope := []string{ScopeAll} // BKPSDM
	if !p.dev.BKPSDM {
		scope = []string{p.opdID}
	}
	if err := p.markOrphans(); err != nil {
		return "", "", "", err
	}
	seq, err := p.tx.NextSeq()
	if err != nil {
		return "", "", "", err
	}
	db, _ := json.Marshal(data)
	mb, _ := json.Marshal(meta)
	return protocol.StatusApplied, protocol.ReasonRowPending, "", p.tx.Put(&Item{Seq: seq, Kind: ItemPending, Table: td.Name, ID: pid,
		Device: p.dev.ID, Scope: scope, Data: db, Meta: mb, Index: map[string]string{"row": ch.RowID}})
}

// mergePending merges the kept updates/deletes of a row that was just
// inserted, each authorised now as its device would have been.
func (p *pushCtx) mergePending(td *TableDef, id string) error {
	pends, err := p.tx.Lookup(ItemPending, td.Name, "row", id)
	if err != nil || len(pends) == 0 {
		return err
	}
	cur, err := p.tx.Get(ItemRow, td.Name, id)
	if err != nil || cur == nil {
		return err
	}
	row, err := rowData(cur)
	if err != nil {
		return err
	}
	meta, err := rowMetaOf(cur)
	if err != nil {
		return err
	}
	changed, deleted := false, cur.Deleted
	for _, pend := range pends {
		if pend.Deleted {
			continue // already merged
		}
		data, err := rowData(pend)
		if err != nil {
			return err
		}
		pm, err := rowMetaOf(pend)
		if err != nil {
			return err
		}
		q := *p
		q.dev = Device{ID: pend.Device, BKPSDM: slices.Contains(pend.Scope, ScopeAll)}
		q.opdID = ""
		if !q.dev.BKPSDM && len(pend.Scope) > 0 {
			q.opdID = pend.Scope[0]
		}
		reason, err := q.authorize(td, &protocol.Change{Op: protocol.OpUpdate, Cols: data}, cur)
		if err != nil {
			return err
		}
		if reason == "" {
			for c, v := range data {
				if s := pm.Stamps[c]; meta.Stamps[c].less(s) {
					row[c] = v
					meta.Stamps[c] = stamp{H: s.H, D: s.D}
					changed = true
				}
			}
			if pm.Del != nil {
				newest := stamp{}
				for _, s := range meta.Stamps {
					if newest.less(s) {
						newest = s
					}
				}
				if newest.less(*pm.Del) {
					meta.Del = &stamp{H: pm.Del.H, D: pm.Del.D}
					deleted, changed = true, true
				}
			}
		} else {
			p.s.log.Info("pending change dropped", "device", pend.Device, "tbl", td.Name, "reason", reason)
		}
		seq, err := p.tx.NextSeq()
		if err != nil {
			return err
		}
		done := *pend
		done.Seq, done.Deleted, done.Index = seq, true, nil
		if err := p.tx.Put(&done); err != nil {
			return err
		}
	}
	if !changed {
		return nil
	}
	_, err = p.put(td, id, row, meta, deleted, cur)
	return err
}

// afterWrite runs the domain validators that may open a conflict.
func (p *pushCtx) afterWrite(td *TableDef, id string, row, old map[string]any, status, reason, cid string) (string, string, string, error) {
	switch td.Name {
	case "pegawai":
		if nip := str(row["nip"]); nip != "" && (old == nil || str(old["nip"]) != nip) {
			c, err := p.checkDuplicateNIP(id, nip)
			if err != nil || c != "" {
				return protocol.StatusConflict, protocol.ConflictDuplicateNIP, c, err
			}
		}
	case "mutasi_event":
		c, err := p.checkEvents(id, str(row["usulan_id"]))
		if err != nil || c != "" {
			return protocol.StatusConflict, protocol.ConflictIncompatible, c, err
		}
	}
	return status, reason, cid, nil
}

// unit is a column or a merge group of an update.
type unit struct {
	name string
	cols []string // the group's columns (or the column)
}

func (p *pushCtx) update(td *TableDef, ch *protocol.Change, st stamp, cur *Item, guard bool) (string, string, string, error) {
	row, err := p.rowData(cur)
	if err != nil {
		return "", "", "", err
	}
	old := maps(nil, row)
	meta, err := rowMetaOf(cur)
	if err != nil {
		return "", "", "", err
	}
	var units []unit
	seen := map[string]bool{}
	keys := make([]string, 0, len(ch.Cols))
	for c := range ch.Cols {
		if c != "id" && !strings.HasPrefix(c, "_") {
			keys = append(keys, c)
		}
	}
	sort.Strings(keys)
	for _, c := range keys {
		if g := td.GroupOf(c); g != "" {
			if !seen[g] {
				seen[g] = true
				units = append(units, unit{g, td.Groups[g]})
			}
			continue
		}
		units = append(units, unit{c, []string{c}})
	}
	var applied bool
	var conflictCols []string
	serverVals, incomingVals := map[string]any{}, map[string]any{}
	won := true
	for _, u := range units {
		var stored stamp
		isGuarded := false
		for _, c := range u.cols {
			if s := meta.Stamps[c]; stored.less(s) || (s.H == stored.H && s.S > stored.S) {
				stored = s
			}
			if td.IsGuarded(c) {
				isGuarded = true
			}
		}
		wins := stored.less(st)
		// Concurrent: written by another device after the image the edit was made on.
		if guard && isGuarded && stored.S > ch.BaseSeq && stored.D != st.D && stored.D != "" {
			differs := false
			for _, c := range u.cols {
				if v, ok := ch.Cols[c]; ok && str(v) != str(row[c]) {
					differs = true
				}
			}
			if differs {
				for _, c := range u.cols {
					if v, ok := ch.Cols[c]; ok {
						conflictCols = append(conflictCols, c)
						serverVals[c] = row[c]
						incomingVals[c] = v
					}
				}
				if !wins {
					won = false
				}
			}
		}
		if !wins {
			continue
		}
		for _, c := range u.cols {
			if v, ok := ch.Cols[c]; ok {
				row[c] = v
			}
			meta.Stamps[c] = stamp{H: st.H, D: st.D} // S = the new seq, set by put
		}
		applied = true
	}
	if !applied && len(conflictCols) == 0 {
		if guard {
			return protocol.StatusSuperseded, protocol.ReasonLWW, "", nil
		}
		return protocol.StatusSuperseded, protocol.ReasonExists, "", nil
	}
	if applied {
		if _, err := p.put(td, cur.ID, row, meta, false, cur); err != nil {
			return "", "", "", err
		}
	}
	status, reason, cid := protocol.StatusApplied, "", ""
	if len(conflictCols) > 0 {
		winner := "server"
		if won {
			winner = "incoming"
		}
		prev := writerOf(conflictCols, cur)
		c := protocol.Conflict{ID: uuid.NewString(), Table: td.Name, RowID: cur.ID, Kind: protocol.ConflictGuarded, Columns: conflictCols,
			Server: serverVals, Incoming: incomingVals, DeviceA: prev, DeviceB: st.D, Winner: winner}
		if cid, err = p.openConflict(c, cur.Scope); err != nil {
			return "", "", "", err
		}
		status, reason = protocol.StatusConflict, protocol.ConflictGuarded
	}
	return p.afterWrite(td, cur.ID, row, old, status, reason, cid)
}

// writerOf names who wrote the stored values of cols before this change.
func writerOf(cols []string, cur *Item) string {
	m, _ := rowMetaOf(cur)
	for _, c := range cols {
		if s, ok := m.Stamps[c]; ok {
			return s.D
		}
	}
	return ""
}

// updateDeleted: an update that meets a delete. The delete wins; the
// update's values are kept in a row-deleted conflict (Server = the row as it
// was deleted, Incoming = the update). delete opens the same conflict when
// the two arrive the other way round.
func (p *pushCtx) updateDeleted(td *TableDef, ch *protocol.Change, st stamp, cur *Item) (string, string, string, error) {
	row, err := rowData(cur)
	if err != nil {
		return "", "", "", err
	}
	var colsList []string
	for c := range ch.Cols {
		colsList = append(colsList, c)
	}
	sort.Strings(colsList)
	meta, _ := rowMetaOf(cur)
	prev := ""
	var srvSide *protocol.ConflictSide
	if meta.Del != nil {
		prev = meta.Del.D
		srvSide = p.storedSide(protocol.OpDelete, *meta.Del)
	}
	c := protocol.Conflict{ID: uuid.NewString(), Table: td.Name, RowID: cur.ID, Kind: protocol.ConflictRowDeleted, Columns: colsList,
		Server: image(row), Incoming: maps(nil, ch.Cols), DeviceA: prev, DeviceB: st.D, Winner: "server",
		ServerSide: srvSide, IncomingSide: p.incomingSide(protocol.OpUpdate, st)}
	cid, err := p.openConflict(c, cur.Scope)
	return protocol.StatusConflict, protocol.ConflictRowDeleted, cid, err
}

// delete tombstones the row. A delete made without seeing another device's
// later update of the row (a column stamp's set_seq above its base_seq) is
// concurrent with it: the delete still wins, as when the update arrives
// second, and the same row-deleted conflict keeps the updated values
// (Server = the row with the update, Incoming = the delete), so the outcome
// does not depend on which of the two reached the server first.
func (p *pushCtx) delete(td *TableDef, ch *protocol.Change, st stamp, cur *Item) (string, string, string, error) {
	row, err := rowData(cur)
	if err != nil {
		return "", "", "", err
	}
	meta, err := rowMetaOf(cur)
	if err != nil {
		return "", "", "", err
	}
	cols, latest := concurrentCols(meta, ch.BaseSeq, st.D)
	kept := image(row)
	meta.Del = &stamp{H: st.H, D: st.D}
	if _, err := p.put(td, cur.ID, row, meta, true, cur); err != nil {
		return "", "", "", err
	}
	if len(cols) == 0 {
		return protocol.StatusApplied, "", "", nil
	}
	c := protocol.Conflict{ID: uuid.NewString(), Table: td.Name, RowID: cur.ID, Kind: protocol.ConflictRowDeleted, Columns: cols,
		Server: kept, DeviceA: latest.D, DeviceB: st.D, Winner: "incoming",
		ServerSide: p.storedSide(protocol.OpUpdate, latest), IncomingSide: p.incomingSide(protocol.OpDelete, st)}
	cid, err := p.openConflict(c, cur.Scope)
	return protocol.StatusConflict, protocol.ConflictRowDeleted, cid, err
}

// openConflict stores a conflict visible to the row's scope (and the device).
func (p *pushCtx) openConflict(c protocol.Conflict, scope []string) (string, error) {
	if existing, err := p.tx.Get(ItemConflict, "", c.ID); err != nil {
		return "", err
	} else if existing != nil {
		return c.ID, nil // deterministic ids: already open
	}
	c.Status = "open"
	c.CreatedAt = p.now.UTC().Format(time.RFC3339)
	if c.IncomingSide == nil && p.cur != nil {
		c.IncomingSide = p.incomingSide(p.cur.Op, stamp{H: p.cur.HLC, D: p.writer})
	}
	if c.ServerSide == nil && c.DeviceA != "" {
		c.ServerSide = &protocol.ConflictSide{Op: protocol.OpUpdate, Device: c.DeviceA, OPD: p.labelOf(c.DeviceA)}
	}
	sc := slices.Clone(scope)
	if p.opdID != "" && !slices.Contains(sc, p.opdID) {
		sc = append(sc, p.opdID)
	}
	if p.openConflicts >= 0 {
		p.openConflicts++
	}
	return c.ID, p.putConflict(c, sc, p.dev.ID)
}

// putConflict stores the conflict; an open one is indexed by the device
// that opened it (opener), which the per-device cap counts.
func (p *pushCtx) putConflict(c protocol.Conflict, scope []string, opener string) error {
	seq, err := p.tx.NextSeq()
	if err != nil {
		return err
	}
	data, _ := json.Marshal(c)
	p.s.log.Info("conflict", "id", c.ID, "kind", c.Kind, "tbl", c.Table, "status", c.Status)
	index := map[string]string{"row": c.Table + ":" + c.RowID}
	if c.Status == "open" && opener != "" {
		index[indexOpener] = opener
	}
	return p.tx.Put(&Item{Seq: seq, Kind: ItemConflict, ID: c.ID, Scope: scope, Data: data, Index: index})
}

var nsImbang = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://imbang.invalid/sync"))

// checkDuplicateNIP opens a duplicate-nip conflict when another live
// pegawai row holds the NIP.
func (p *pushCtx) checkDuplicateNIP(id, nip string) (string, error) {
	others, err := p.tx.Lookup(ItemRow, "pegawai", "nip", nip)
	if err != nil {
		return "", err
	}
	for _, o := range others {
		if o.ID == id || o.Deleted {
			continue
		}
		a, b := min(id, o.ID), max(id, o.ID)
		cid := uuid.NewSHA1(nsImbang, []byte("duplicate-nip|"+a+"|"+b)).String()
		cur, err := p.tx.Get(ItemRow, "pegawai", id)
		if err != nil {
			return "", err
		}
		inc, _ := rowData(cur)
		srv, _ := rowData(o)
		delete(inc, keyHLC)
		delete(srv, keyHLC)
		if !slices.Equal(o.Scope, cur.Scope) {
			// Two OPDs see this conflict: carry no personal data of either
			// record beyond the clashing NIP and where each is placed
			// (BKPSDM, who resolves it, pulls both rows anyway).
			inc, srv = placementOnly(inc), placementOnly(srv)
		}
		scope := append(slices.Clone(o.Scope), cur.Scope...)
		slices.Sort(scope)
		c := protocol.Conflict{ID: cid, Table: "pegawai", RowID: id, OtherRow: o.ID, Kind: protocol.ConflictDuplicateNIP,
			Columns: []string{"nip"}, Server: srv, Incoming: inc, DeviceB: p.writer}
		if om, err := rowMetaOf(o); err == nil {
			if ns, ok := om.Stamps["nip"]; ok {
				op := protocol.OpInsert
				if ns.S != om.Stamps["nama"].S {
					op = protocol.OpUpdate
				}
				c.DeviceA, c.ServerSide = ns.D, p.storedSide(op, ns)
			}
		}
		return p.openConflict(c, slices.Compact(scope))
	}
	return "", nil
}

// checkEvents replays the request's events; two events at one seq or a
// replay error open an incompatible-decision conflict (both events stay).
func (p *pushCtx) checkEvents(id, usulanID string) (string, error) {
	its, err := p.tx.Lookup(ItemRow, "mutasi_event", "usulan_id", usulanID)
	if err != nil {
		return "", err
	}
	type ev struct {
		it  *Item
		row map[string]any
		seq int
		h   string
	}
	var evs []ev
	for _, it := range its {
		if it.Deleted {
			continue
		}
		row, err := rowData(it)
		if err != nil {
			return "", err
		}
		var n int
		json.Unmarshal([]byte(str(row["seq"])), &n)
		evs = append(evs, ev{it, row, n, str(row[keyHLC])})
	}
	sort.Slice(evs, func(i, j int) bool {
		if evs[i].seq != evs[j].seq {
			return evs[i].seq < evs[j].seq
		}
		if evs[i].h != evs[j].h {
			return evs[i].h < evs[j].h
		}
		return evs[i].it.ID < evs[j].it.ID
	})
	var mine *ev
	for i := range evs {
		if evs[i].it.ID == id {
			mine = &evs[i]
		}
	}
	if mine == nil {
		return "", nil
	}
	var other *ev
	for i := range evs {
		if evs[i].it.ID != id && evs[i].seq == mine.seq {
			other = &evs[i]
		}
	}
	var replayErr error
	if other == nil {
		list := make([]mutasi.Event, 0, len(evs))
		for _, e := range evs {
			te, err := toEvent(e.it.ID, e.row)
			if err != nil {
				replayErr = err
				break
			}
			list = append(list, te)
		}
		if replayErr == nil {
			_, replayErr = mutasi.Replay(list)
		}
		if replayErr == nil {
			return "", nil
		}
	}
	otherID := ""
	srv := map[string]any{}
	if other != nil {
		otherID = other.it.ID
		srv = maps(nil, other.row)
		delete(srv, keyHLC)
	}
	inc := maps(nil, mine.row)
	delete(inc, keyHLC)
	if replayErr != nil {
		srv["replay_error"] = replayErr.Error()
	}
	a, b := min(id, otherID), max(id, otherID)
	cid := uuid.NewSHA1(nsImbang, []byte("incompatible|"+usulanID+"|"+a+"|"+b)).String()
	c := protocol.Conflict{ID: cid, Table: "mutasi_event", RowID: id, OtherRow: otherID, Kind: protocol.ConflictIncompatible,
		Columns: []string{"seq", "kind"}, Server: srv, Incoming: inc, DeviceB: p.writer}
	return p.openConflict(c, mine.it.Scope)
}

func placementOnly(row map[string]any) map[string]any {
	out := map[string]any{}
	for _, c := range []string{"nip", "opd_id", "unit_id", "jabatan_id"} {
		out[c] = row[c]
	}
	return out
}

func toEvent(id string, row map[string]any) (mutasi.Event, error) {
	ev := mutasi.Event{ID: id}
	ev.RequestID = domainID(str(row["usulan_id"]))
	if err := json.Unmarshal([]byte(str(row["seq"])), &ev.Seq); err != nil {
		return ev, fmt.Errorf("event seq: %w", err)
	}
	ev.Kind = mutasi.Kind(str(row["kind"]))
	if err := json.Unmarshal([]byte(str(row["aktor"])), &ev.Actor); err != nil {
		return ev, fmt.Errorf("event aktor: %w", err)
	}
	t, err := time.Parse(time.RFC3339Nano, str(row["waktu"]))
	if err != nil {
		return ev, fmt.Errorf("event waktu: %w", err)
	}
	ev.Time = t
	ev.Note = str(row["catatan"])
	if s := str(row["payload"]); s != "" {
		if err := json.Unmarshal([]byte(s), &ev.Payload); err != nil {
			return ev, fmt.Errorf("event payload: %w", err)
		}
	}
	return ev, nil
}

// bezetting keeps the aggregate staffing rows in step with a pegawai write.
// row is cur's image, at hand (not decoded again).
func (p *pushCtx) bezetting(old, cur *Item, row map[string]any) error {
	key := func(it *Item, row map[string]any) string {
		if it == nil || it.Deleted {
			return ""
		}
		if row == nil {
			var err error
			if row, err = rowData(it); err != nil {
				return ""
			}
		}
		if str(row["keluar_pada"]) != "" {
			return ""
		}
		return str(row["opd_id"]) + "|" + str(row["unit_id"]) + "|" + str(row["jabatan_id"])
	}
	a, b := key(old, nil), key(cur, row)
	if a == b {
		return nil
	}
	if a != "" {
		p.bez[a]--
	}
	if b != "" {
		p.bez[b]++
	}
	return nil
}

func (p *pushCtx) flushBezetting() error {
	keys := make([]string, 0, len(p.bez))
	for k, d := range p.bez {
		if d != 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	if pf, ok := p.tx.(Prefetcher); ok && len(keys) > 1 {
		set := PrefetchSet{Items: make([]ItemKey, 0, len(keys))}
		for _, k := range keys {
			set.Items = append(set.Items, ItemKey{ItemRow, TableBezetting, bezettingIDOf(k)})
		}
		if err := pf.Prefetch(set); err != nil {
			return err
		}
	}
	for _, k := range keys {
		if err := p.bump(k, p.bez[k]); err != nil {
			return err
		}
	}
	clear(p.bez)
	return nil
}

// BezettingID is the row id of the aggregate of one position.
func BezettingID(opdID, unitID, jabatanID string) string {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("imbang:bezetting:"+opdID+"|"+unitID+"|"+jabatanID)).String()
}

// bezettingIDOf is BezettingID of a key "opd|unit|jabatan".
func bezettingIDOf(key string) string {
	parts := strings.SplitN(key, "|", 3)
	return BezettingID(parts[0], parts[1], parts[2])
}

func (p *pushCtx) bump(key string, delta int) error {
	parts := strings.SplitN(key, "|", 3)
	id := BezettingID(parts[0], parts[1], parts[2])
	cur, err := p.tx.Get(ItemRow, TableBezetting, id)
	if err != nil {
		return err
	}
	n := 0
	if cur != nil {
		row, err := rowData(cur)
		if err != nil {
			return err
		}
		if f, ok := row["jumlah"].(float64); ok {
			n = int(f)
		}
	}
	seq, err := p.tx.NextSeq()
	if err != nil {
		return err
	}
	row := map[string]any{"opd_id": parts[0], "unit_id": parts[1], "jabatan_id": parts[2], "jumlah": n + delta, keyHLC: p.s.clock.Now().String()}
	data, _ := json.Marshal(row)
	return p.tx.Put(&Item{Seq: seq, Kind: ItemRow, Table: TableBezetting, ID: id, Scope: []string{ScopeAll}, Data: data})
}

// resolve handles a person's resolution pushed through the sync_conflict
// pseudo-table. A merge names the surviving record and the values chosen
// field by field (protocol.ResolutionSurvivor, ResolutionValues).
func (p *pushCtx) resolve(ch *protocol.Change) (string, string, string, error) {
	p.cur = ch
	it, err := p.tx.Get(ItemConflict, "", ch.RowID)
	if err != nil {
		return "", "", "", err
	}
	if it == nil {
		return protocol.StatusSuperseded, protocol.ReasonRowMissing, "", nil
	}
	if !p.dev.BKPSDM && !contains(it.Scope, p.opdID) {
		return rejected(protocol.ReasonForbiddenOPD)
	}
	if ch.Op != protocol.OpUpdate || str(ch.Cols["status"]) != "resolved" {
		return rejected(protocol.ReasonInvalid)
	}
	var c protocol.Conflict
	if err := json.Unmarshal(it.Data, &c); err != nil {
		return "", "", "", err
	}
	// Resolving is a decision about the row: the actor must be one who may
	// write the conflict's table (a reading role may not).
	if td := Table(c.Table); td != nil {
		as := protocol.Change{Table: td.Name, RowID: c.RowID, Op: protocol.OpUpdate, Actor: ch.Actor, Cols: map[string]any{}}
		if v, err := p.checkRole(td, &as, nil); err != nil {
			return "", "", "", err
		} else if v.Reason != "" {
			p.detail = v.Why
			return rejected(v.Reason)
		}
	}
	if c.Status == "resolved" {
		return protocol.StatusSuperseded, protocol.ReasonDuplicate, "", nil
	}
	res := str(ch.Cols["resolution"])
	if res == "" {
		res = protocol.ResolutionAccept
	}
	switch res {
	case protocol.ResolutionAccept, protocol.ResolutionKeep:
	case protocol.ResolutionMerge:
		if c.Kind != protocol.ConflictDuplicateNIP {
			return rejected(protocol.ReasonInvalid)
		}
		st, ok := p.resolutionStamp(ch)
		if !ok {
			return rejected(protocol.ReasonInvalid)
		}
		survivor, values, reason, err := p.mergeChoice(c, ch)
		if err != nil {
			return "", "", "", err
		}
		if reason != "" {
			return rejected(reason)
		}
		if err := p.merge(c, survivor, values, st); err != nil {
			return "", "", "", err
		}
		c.Survivor = survivor
	default:
		return rejected(protocol.ReasonInvalid)
	}
	c.Status, c.Resolution = "resolved", res
	c.ResolvedBy = ch.Actor
	if c.ResolvedBy == "" {
		c.ResolvedBy = p.dev.ID
	}
	return protocol.StatusApplied, "", c.ID, p.putConflict(c, it.Scope, "")
}

// merge keeps survivor (one of the conflict's two records), writes the
// chosen values to it as stamped column writes, and makes the other record
// an alias of it: a tombstone (reason merged) whose children move to the
// survivor.
func (p *pushCtx) merge(c protocol.Conflict, survivor string, values map[string]any, st stamp) error {
	other := c.RowID
	if survivor == c.RowID {
		other = c.OtherRow
	}
	td := Table("pegawai")
	oit, err := p.tx.Get(ItemRow, "pegawai", other)
	if err != nil || oit == nil {
		return err
	}
	sit, err := p.tx.Get(ItemRow, "pegawai", survivor)
	if err != nil || sit == nil {
		return err
	}
	srvStamp := stamp{H: p.s.clock.Now().String(), D: serverWriter}
	if !oit.Deleted {
		row, err := rowData(oit)
		if err != nil {
			return err
		}
		meta, _ := rowMetaOf(oit)
		meta.Del = &stamp{H: srvStamp.H, D: srvStamp.D}
		row[keyReason] = protocol.ReasonMerged
		if _, err := p.put(td, other, row, meta, true, oit); err != nil {
			return err
		}
	}
	// The chosen values, after the alias is gone (its NIP no longer clashes).
	if err := p.writeValues(td, sit, values, st); err != nil {
		return err
	}
	if sit, err = p.tx.Get(ItemRow, "pegawai", survivor); err != nil {
		return err
	}
	// Children of the alias now belong to the survivor.
	for _, ct := range Tables {
		if ct.ParentTable != "pegawai" || ct.Parent != "pegawai_id" {
			continue
		}
		kids, err := p.tx.Lookup(ItemRow, ct.Name, "pegawai_id", other)
		if err != nil {
			return err
		}
		for _, k := range kids {
			row, err := rowData(k)
			if err != nil {
				return err
			}
			meta, _ := rowMetaOf(k)
			row["pegawai_id"] = survivor
			meta.Stamps["pegawai_id"] = stamp{H: srvStamp.H, D: srvStamp.D}
			if _, err := p.put(ct, k.ID, row, meta, k.Deleted, k); err != nil {
				return err
			}
		}
	}
	if err := p.tx.SetMeta("aliases", "1"); err != nil {
		return err
	}
	p.aliases = true
	seq, err := p.tx.NextSeq()
	if err != nil {
		return err
	}
	scope := append(slices.Clone(sit.Scope), oit.Scope...)
	scope = append(scope, oit.Former...)
	slices.Sort(scope)
	data, _ := json.Marshal(map[string]any{"alias_of": survivor})
	return p.tx.Put(&Item{Seq: seq, Kind: ItemAlias, Table: "pegawai", ID: other, Scope: slices.Compact(scope), Data: data})
}
