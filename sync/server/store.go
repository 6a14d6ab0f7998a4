package server

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"github.com/bkpsdm-sorong/imbang/sync/rowjson"
)

// Kinds of items in the server's log (protocol.Kind* plus server-private ones).
const (
	ItemRow         = "row"
	ItemDisposition = "disposition"
	ItemConflict    = "conflict"
	ItemAlias       = "alias"
	// ItemPending holds an update or delete that arrived before its row's
	// insert (possible after a restore); never pulled, merged at the insert.
	ItemPending = "pending"
)

// ScopeAll is the scope of rows every device may read.
const ScopeAll = "*"

// Item is one element of the server state: a row, a disposition, a conflict
// or an alias, identified by (Kind, Table, ID). Every write of an item gives
// it a new Seq from the one server sequence, so reading the items with
// Seq > cursor in order is the pull stream (each item at its latest state).
type Item struct {
	Seq    int64
	Kind   string
	Table  string
	ID     string
	Device string   // dispositions: the server device record they are addressed to
	Scope  []string // OPD ids that may read it; ScopeAll for everyone; BKPSDM reads all
	Former []string // OPD ids that could read it before (they receive removals)
	// Deleted marks a tombstone.
	Deleted bool
	// Data is the row image (rows, aliases), the Disposition or the Conflict as JSON.
	Data json.RawMessage
	// Meta is server-private bookkeeping (per-column stamps of a row); Scan
	// may leave it nil.
	Meta json.RawMessage
	// Index holds secondary keys (name → value) that Lookup finds, e.g.
	// "nip", "pegawai_id", "local_seq".
	Index map[string]string
}

// Device is a registered device: one OPD's desktop or a BKPSDM desktop.
type Device struct {
	ID           string // server device id (printed by `device add`)
	OPDKode      string // the OPD's kode; empty for BKPSDM
	BKPSDM       bool
	TokenHash    string // hex SHA-256 of the token; the token itself is never stored
	InstallID    string // the client's install UUID, bound on its first push
	LastLocalSeq int64
	// Resync lets the next push jump forward in local_seq once (set on restore).
	Resync  bool
	Revoked bool
	Created string
	// SignKey and BoxKey are the device's public bundle keys (hex Ed25519
	// and X25519, sync/seal), given at enrollment or registered once later;
	// empty for a device enrolled before bundle keys existed.
	SignKey string
	BoxKey  string
}

// Skew is one clamped clock stamp.
type Skew struct {
	DeviceID   string
	Stamp      string
	Clamped    string
	ServerTime string
}

// ErrNotFound is returned by stores for an unknown device.
var ErrNotFound = errors.New("not found")

// Store is the server's persistence, backend-neutral (SQLite today,
// PostgreSQL later). sync/server/storetest is the contract every
// implementation must pass.
type Store interface {
	// Epoch is the database's epoch UUID (new on creation and on restore).
	Epoch(ctx context.Context) (string, error)
	// Update runs fn in one serialised, durable transaction: nothing fn did
	// is kept if it returns an error; its commit is durable when Update
	// returns nil. Sequence numbers are allocated in commit order.
	Update(ctx context.Context, fn func(Tx) error) error
	// Scan returns up to limit items with Seq > after, in Seq order (Meta may be nil).
	Scan(ctx context.Context, after int64, limit int) ([]Item, error)
	// ScanScoped is Scan restricted, with an index, to the items some key of
	// ScopeKeys(item) is among sc.Keys(): up to limit of them with Seq >
	// after, in Seq order. It is what a pull reads, so its cost follows what
	// the device may see, not the whole log.
	ScanScoped(ctx context.Context, after int64, limit int, sc ScanScope) ([]Item, error)
	// Head is the highest committed Seq (0 when empty).
	Head(ctx context.Context) (int64, error)
	// DeviceByToken finds a device by token hash; ErrNotFound if none.
	DeviceByToken(ctx context.Context, tokenHash string) (Device, error)
	// DeviceByID finds a device by its server id; ErrNotFound if none.
	DeviceByID(ctx context.Context, id string) (Device, error)
	// Devices lists the registered devices.
	Devices(ctx context.Context) ([]Device, error)
	// Skews lists the skew log, oldest first.
	Skews(ctx context.Context) ([]Skew, error)
	Close() error
}

// Tx is one Update transaction.
type Tx interface {
	// NextSeq allocates the next server sequence number.
	NextSeq() (int64, error)
	// Get returns the item or nil.
	Get(kind, table, id string) (*Item, error)
	// Put inserts or replaces the item (by Kind, Table, ID) with it.Seq,
	// which the caller allocated with NextSeq. Its Index replaces the old one.
	Put(it *Item) error
	// Lookup returns the items of kind/table whose Index[name] == value, by ID.
	Lookup(kind, table, name, value string) ([]*Item, error)
	// Device returns a device by id; ErrNotFound if none.
	Device(id string) (Device, error)
	// PutDevice inserts or replaces a device.
	PutDevice(d Device) error
	// Meta reads a server setting ("" if unset); SetMeta writes one.
	Meta(key string) (string, error)
	SetMeta(key, value string) error
	// AddSkew appends to the skew log.
	AddSkew(s Skew) error
}

// IndexJSON is how the stores keep an item's Index: "{}" when empty, else
// its JSON (keys sorted), so two indexes are equal when their texts are.
func IndexJSON(ix map[string]string) string {
	if len(ix) == 0 {
		return "{}"
	}
	// json.Marshal's bytes (sorted keys, its escaping) without its
	// reflection: written for every stored item.
	keys := make([]string, 0, len(ix))
	for k := range ix {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b := make([]byte, 0, 48*len(ix))
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = rowjson.AppendString(b, k)
		b = append(b, ':')
		b = rowjson.AppendString(b, ix[k])
	}
	return string(append(b, '}'))
}

// ItemKey names an item (what Get takes).
type ItemKey struct{ Kind, Table, ID string }

// Prefetcher is a Tx that can load many things in one go: Push hands it
// its device, the meta keys it reads and every item its changes will Get
// (their dispositions and rows) before it processes them, so a store across
// a network (PostgreSQL) reads them in one round trip instead of two per
// change. It is only a hint: Get, Device and Meta must answer the same
// whether or not Prefetch ran.
type Prefetcher interface {
	Prefetch(p PrefetchSet) error
}

// PrefetchingStore is a Store whose Update can read, with its first round
// trip, what fn will read (set may be nil): several queued pushes then
// share one round trip for their reads.
type PrefetchingStore interface {
	UpdatePrefetched(ctx context.Context, set *PrefetchSet, fn func(Tx) error) error
}

// PrefetchSet is what a Prefetch loads.
type PrefetchSet struct {
	Device  string
	Meta    []string
	Items   []ItemKey
	Lookups []LookupKey
}

// LookupKey is what Lookup takes.
type LookupKey struct{ Kind, Table, Name, Value string }

// PutTouches calls fn once for each index entry of prev (the version a Put
// replaces; nil: absent) and of cur (the one it writes): the only Lookup
// answers of their kind and table that the Put can change. A store that
// remembers Lookup answers within a transaction brings those up to date
// (FollowPut) instead of walking or forgetting all of them.
func PutTouches(prev, cur *Item, fn func(name, value string)) {
	if prev != nil {
		for n, v := range prev.Index {
			fn(n, v)
		}
	}
	for n, v := range cur.Index {
		if prev == nil || prev.Index[n] != v {
			fn(n, v)
		}
	}
}

// FollowPut is a remembered Lookup answer l for (name, value) after a Put
// of cur of its kind and table: cur's old version leaves it, and a copy of
// cur (made by clone) joins when cur's index holds the value; the answer
// stays ordered by id, as Lookup returns it.
func FollowPut(l []*Item, cur *Item, name, value string, clone func(*Item) *Item) []*Item {
	l = slices.DeleteFunc(l, func(x *Item) bool { return x.ID == cur.ID })
	if v, ok := cur.Index[name]; ok && v == value {
		i, _ := slices.BinarySearchFunc(l, cur.ID, func(x *Item, id string) int { return strings.Compare(x.ID, id) })
		l = slices.Insert(l, i, clone(cur))
	}
	return l
}

// ScanScope is whose view a scoped scan reads: a BKPSDM device (All) or an
// OPD device (its OPD row id), plus the dispositions addressed to Device.
// The scan is a pre-filter by index: it returns every item the pull may
// show (and removals the device must receive), and the pull still applies
// its exact visibility rules to each item.
type ScanScope struct {
	All    bool   // every row, conflict and alias (BKPSDM)
	OPD    string // the device's OPD row id ("" when not known yet)
	Device string // the server device id: its dispositions
}

// Scope keys: how an item is indexed for ScanScoped. Stores keep one
// (key, seq) entry per key of ScopeKeys(item), indexed by (key, seq).
const (
	scopeKeyAll    = "a"  // any row, conflict or alias: the BKPSDM view
	scopeKeyOPD    = "o:" // + OPD id: in the item's Scope or Former
	scopeKeyDevice = "d:" // + device id: a disposition addressed to it
)

// Keys are the scope keys a scan with this scope reads.
func (sc ScanScope) Keys() []string {
	k := []string{scopeKeyDevice + sc.Device}
	if sc.All {
		return append(k, scopeKeyAll)
	}
	k = append(k, ScopeAll)
	if sc.OPD != "" {
		k = append(k, scopeKeyOPD+sc.OPD)
	}
	return k
}

// ScopeKeys are the scope keys of an item (none for pending items, which
// are never pulled): a disposition is read by its device; any other item by
// BKPSDM, by everyone when its Scope or Former holds ScopeAll, and by each
// OPD in its Scope (it may read it) or Former (it receives the removal).
func ScopeKeys(it *Item) []string {
	switch it.Kind {
	case ItemPending:
		return nil
	case ItemDisposition:
		return []string{scopeKeyDevice + it.Device}
	}
	keys := make([]string, 0, 1+len(it.Scope)+len(it.Former))
	keys = append(keys, scopeKeyAll)
	for _, l := range [][]string{it.Scope, it.Former} {
		for _, o := range l {
			k := scopeKeyOPD + o
			if o == ScopeAll {
				k = ScopeAll
			}
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return keys
}
