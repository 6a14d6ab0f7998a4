package simtest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// Change is one local write as the oracle saw it commit (read back from the
// device's outbox right after the write transaction).
type Change struct {
	Dev       *Device
	LocalSeq  int64
	ChangeID  string
	Table     string
	RowID     string
	Op        string
	Cols      map[string]any
	HLC       string
	Cursor    int64 // the device's pull cursor when it was made
	Epoch     int   // the server epoch number the device knew then
	Forbidden bool  // the workload forged it: it must be rejected
	Step      int

	// Seen on the wire.
	PushedHLC  string
	PushedAt   time.Time // sim time of the first push
	Disp       []seenDisp
	ServerDev  string // device_id of the push
	clampCheck bool
}

type seenDisp struct {
	Epoch  string
	Status string
	Reason string
	AckSeq int64
	Via    string // "push" or "pull"
	Detail string
}

// Oracle is the record kept outside the system.
type Oracle struct {
	w        *World
	changes  []*Change
	byID     map[string]*Change
	conflict map[string][]protocol.Conflict // by row id, every conflict entry seen in any pull
	epochs   map[string]int                 // server epoch string → restore number
	viol     []string
	pulled   map[*Device][]int64 // seqs of entries delivered, per device, per response (flattened)
}

func newOracle(w *World) *Oracle {
	return &Oracle{w: w, byID: map[string]*Change{}, conflict: map[string][]protocol.Conflict{}, epochs: map[string]int{}, pulled: map[*Device][]int64{}}
}

func (o *Oracle) violate(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	o.viol = append(o.viol, msg)
	o.w.tracef("VIOLATION %s", msg)
}

func (o *Oracle) add(c *Change) {
	o.changes = append(o.changes, c)
	o.byID[c.ChangeID] = c
}

// sniff decodes one request/response pair on the fake wire.
func (o *Oracle) sniff(d *Device, req *wireReq, resp *wireResp) {
	switch {
	case strings.HasSuffix(req.Path, protocol.PathPush):
		o.sniffPush(d, req, resp)
	case strings.HasSuffix(req.Path, protocol.PathPull):
		o.sniffPull(d, req, resp)
	}
}

func (o *Oracle) sniffPush(d *Device, req *wireReq, resp *wireResp) {
	var pr protocol.PushRequest
	if err := json.Unmarshal(req.Body, &pr); err != nil {
		o.w.tracef("%s push: undecodable request: %v", d.Name, err)
		return
	}
	for _, ch := range pr.Changes {
		c := o.byID[ch.ChangeID]
		if c == nil {
			o.violate("%s pushed change %s (local_seq %d) that no local write made", d.Name, ch.ChangeID, ch.LocalSeq)
			continue
		}
		if c.PushedHLC == "" {
			c.PushedHLC, c.PushedAt, c.ServerDev = ch.HLC, o.w.now, pr.DeviceID
		} else if c.PushedHLC != ch.HLC && !o.w.restamped(c) {
			o.violate("%s re-pushed change %s with another HLC: %s then %s", d.Name, ch.ChangeID, c.PushedHLC, ch.HLC)
		}
	}
	if resp.Status != 200 {
		o.w.tracef("%s push of %d changes → HTTP %d %s", d.Name, len(pr.Changes), resp.Status, trunc(resp.Body, 200))
		return
	}
	var ps protocol.PushResponse
	if err := json.Unmarshal(resp.Body, &ps); err != nil {
		o.violate("%s push: undecodable response: %v", d.Name, err)
		return
	}
	o.noteEpoch(ps.ServerEpoch)
	counts := map[string]int{}
	for _, dp := range ps.Dispositions {
		o.disposition(d, ps.ServerEpoch, dp, "push")
		counts[dp.Status+"/"+dp.Reason]++
	}
	o.w.tracef("%s push %d changes → %d dispositions %v epoch#%d", d.Name, len(pr.Changes), len(ps.Dispositions), counts, o.epochs[ps.ServerEpoch])
}

func (o *Oracle) noteEpoch(e string) {
	if _, ok := o.epochs[e]; !ok && e != "" {
		o.epochs[e] = len(o.epochs)
	}
}

func (o *Oracle) disposition(d *Device, epoch string, dp protocol.Disposition, via string) {
	c := o.byID[dp.ChangeID]
	if c == nil {
		o.violate("%s got a disposition for unknown change %s", d.Name, dp.ChangeID)
		return
	}
	if c.Dev != d {
		o.violate("disposition of %s's change %s delivered to %s", c.Dev.Name, dp.ChangeID, d.Name)
	}
	switch dp.Status {
	case protocol.StatusApplied, protocol.StatusSuperseded, protocol.StatusRejected, protocol.StatusConflict:
	default:
		o.violate("change %s: unknown disposition status %q", dp.ChangeID, dp.Status)
	}
	for _, p := range c.Disp {
		if p.Epoch == epoch && (p.Status != dp.Status || (p.AckSeq != dp.AckSeq && dp.AckSeq != 0 && p.AckSeq != 0)) {
			o.violate("change %s (%s %s %s) got two dispositions in one epoch: %s@%d (%s) then %s@%d (%s)",
				dp.ChangeID, c.Op, c.Table, short(c.RowID), p.Status, p.AckSeq, p.Via, dp.Status, dp.AckSeq, via)
			break
		}
	}
	c.Disp = append(c.Disp, seenDisp{epoch, dp.Status, dp.Reason, dp.AckSeq, via, dp.Detail})
}

func cursorOf(q string) int64 {
	for _, kv := range strings.Split(q, "&") {
		if v, ok := strings.CutPrefix(kv, "cursor="); ok {
			v, _ = url.QueryUnescape(v)
			if i := strings.LastIndexByte(v, ':'); i >= 0 {
				v = v[i+1:]
			}
			n, _ := strconv.ParseInt(v, 10, 64)
			return n
		}
	}
	return 0
}

func (o *Oracle) sniffPull(d *Device, req *wireReq, resp *wireResp) {
	if resp.Status != 200 {
		o.w.tracef("%s pull %s → HTTP %d %s", d.Name, req.Query, resp.Status, trunc(resp.Body, 200))
		return
	}
	var pr protocol.PullResponse
	if err := json.Unmarshal(resp.Body, &pr); err != nil {
		o.violate("%s pull: undecodable response: %v", d.Name, err)
		return
	}
	o.noteEpoch(pr.ServerEpoch)
	from := cursorOf(req.Query)
	last := from
	partial := 0
	maxWall := o.w.now.Add(o.w.maxSkew + time.Second).UnixMilli()
	for _, e := range pr.Entries {
		if e.Seq <= last {
			o.violate("%s pull from cursor %d: entry seq %d not after %d", d.Name, from, e.Seq, last)
		}
		last = e.Seq
		switch e.Kind {
		case protocol.KindDisposition:
			if e.Disposition != nil {
				o.disposition(d, pr.ServerEpoch, *e.Disposition, "pull")
			}
		case protocol.KindConflict:
			if e.Conflict != nil {
				o.conflict[e.Conflict.RowID] = append(o.conflict[e.Conflict.RowID], *e.Conflict)
				if e.Conflict.OtherRow != "" {
					o.conflict[e.Conflict.OtherRow] = append(o.conflict[e.Conflict.OtherRow], *e.Conflict)
				}
			}
		case protocol.KindRow:
			if e.HLC != "" {
				if ts, err := hlc.Parse(e.HLC); err == nil && ts.WallMS > maxWall {
					o.violate("%s pulled %s %s stamped %s, beyond server time + max skew", d.Name, e.Table, short(e.RowID), e.HLC)
				}
			}
			if e.Partial {
				partial++
			}
			if e.Deleted || e.Row == nil {
				continue
			}
			if !d.BKPSDM && personal[e.Table] {
				// A partial row (protocol v3) carries opd_id only when it
				// changed; one of a row the device never held is refused by
				// the client and comes again whole, and is checked then.
				if opd, ok := e.Row["opd_id"].(string); e.Table == "pegawai" && (ok || !e.Partial) && opd != d.OPD {
					o.violate("%s (OPD %s) received pegawai %s of OPD %s", d.Name, d.OPD, short(e.RowID), opd)
				}
			}
			for _, v := range e.Row {
				if s, ok := v.(string); ok && strings.Contains(s, forgedMark) {
					o.violate("%s received a forged write: %s %s %q", d.Name, e.Table, short(e.RowID), s)
				}
			}
		}
	}
	o.w.tracef("%s pull cursor %d → %d entries (%d partial) next %s more=%v epoch#%d", d.Name, from, len(pr.Entries), partial, pr.NextCursor, pr.HasMore, o.epochs[pr.ServerEpoch])
}

var personal = map[string]bool{"pegawai": true, "riwayat_jabatan": true, "skp": true, "hukdis": true}

func short(id string) string {
	if len(id) > 8 {
		return id[len(id)-8:]
	}
	return id
}

func trunc(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}

// final returns the dispositions of c in the last epoch it was answered in.
func (c *Change) final(latestEpoch string) (seenDisp, bool) {
	for i := len(c.Disp) - 1; i >= 0; i-- {
		if c.Disp[i].Epoch == latestEpoch {
			return c.Disp[i], true
		}
	}
	return seenDisp{}, false
}

// keyOf orders LWW candidates: (hlc, device id).
type lwwKey struct{ hlc, dev string }

func (a lwwKey) less(b lwwKey) bool { return a.hlc < b.hlc || (a.hlc == b.hlc && a.dev < b.dev) }

func sortedKeys[M ~map[string]V, V any](m M) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
