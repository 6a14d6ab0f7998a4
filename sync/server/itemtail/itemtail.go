// Package itemtail keeps in memory the items a store process committed
// last, so that a pull near the head (almost every pull of a device that
// syncs every few seconds) is answered without reading the items from the
// database. Both server stores use it: on SQLite each read transaction that
// starts after a commit re-reads and re-initialises every b-tree page it
// touches (a quarter of the server's CPU under the load test), on
// PostgreSQL a pull's scan read its items' rows again on every pull.
//
// A Tail is exact, not a best effort: it holds every item committed with
// seq > floor, and a scan uses it only when the database's committed head
// equals its head. Another process on the same database (a second server,
// `imbang-server bundle import`) may have committed items it never saw;
// then scans read the database, and the store's next writing transaction,
// which reads the stored head, starts the tail again from there (Reset).
package itemtail

import (
	"sort"
	"sync"
	"sync/atomic"

	"github.com/bkpsdm-sorong/imbang/sync/server"
)

// Tail is the in-memory copy of the items committed last. The zero value
// answers no scan until Reset is called.
type Tail struct {
	mu    sync.RWMutex
	floor int64 // every item committed with seq > floor is in the ring
	head  int64 // the last committed seq this tail knows of
	// ring holds the n entries from position base on, the one at base at
	// ring[first] (len(ring) a power of two): dropping the oldest and
	// appending copy nothing. A slice shifted at each commit moved the
	// whole tail (≈ 13 MB at its bound) in every group of an upload.
	ring  []entry
	first int
	n     int
	base  int // the position of the oldest entry (positions only grow)
	// latest: the position of each item's current version; byKey: the
	// positions of the entries with each scope key, ascending.
	latest map[key]int
	byKey  map[string][]int
	bytes  int
}

type key struct{ kind, tbl, id string }

type entry struct {
	it         server.Item // as ScanScoped returns it: without Meta and Index
	keys       []string    // server.ScopeKeys(it)
	superseded bool        // a later entry holds the item's current version
}

// off makes every scan read the database (tests check the stored scope
// index that way).
var off atomic.Bool

// DisableForTest makes every Tail's scans decline (so the stores read the
// database) while disabled is true, and returns the function that restores the
// previous setting. Tests only.
func DisableForTest(disabled bool) (restore func()) {
	old := off.Swap(disabled)
	return func() { off.Store(old) }
}

// Bounds of the tail: the oldest items go first.
const (
	MaxItems = 1 << 16
	MaxBytes = 64 << 20
)

// Reset empties the tail at head (the writer found the stored head
// elsewhere than the tail's, or the store just opened).
func (t *Tail) Reset(head int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.floor, t.head, t.bytes = head, head, 0
	t.ring, t.first, t.n = nil, 0, 0
	t.latest, t.byKey = map[key]int{}, map[string][]int{}
}

// at is the entry at position pos (base <= pos < base+n).
func (t *Tail) at(pos int) *entry {
	return &t.ring[(t.first+pos-t.base)&(len(t.ring)-1)]
}

// push appends e at position base+n, doubling the ring when it is full.
func (t *Tail) push(e entry) {
	if t.n == len(t.ring) {
		grown := make([]entry, max(1024, 2*len(t.ring)))
		for i := range t.n {
			grown[i] = *t.at(t.base + i)
		}
		t.ring, t.first = grown, 0
	}
	t.ring[(t.first+t.n)&(len(t.ring)-1)] = e
	t.n++
}

// Known reports the tail's head (the writer compares it with the stored
// one) and whether the tail was started at all.
func (t *Tail) Known() (head int64, started bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.head, t.latest != nil
}

func itemBytes(it *server.Item) int { return len(it.Data) + len(it.ID) + 64 }

// Commit appends a committed group's items (in the order they were Put, as
// ScanScoped returns them: without Meta and Index) and moves the head to
// head.
func (t *Tail) Commit(puts []server.Item, head int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.latest == nil {
		t.latest, t.byKey = map[key]int{}, map[string][]int{}
	}
	for _, it := range puts {
		if it.Seq <= t.head {
			continue // not after what the tail holds: cannot happen with one writer
		}
		pos := t.base + t.n
		k := key{it.Kind, it.Table, it.ID}
		if old, ok := t.latest[k]; ok {
			t.at(old).superseded = true
		}
		t.latest[k] = pos
		e := entry{it: it, keys: server.ScopeKeys(&it)}
		for _, sk := range e.keys {
			t.byKey[sk] = append(t.byKey[sk], pos)
		}
		t.push(e)
		t.bytes += itemBytes(&it)
	}
	t.head = max(t.head, head)
	// Drop the oldest beyond the bounds; the floor follows.
	for t.n > 0 && (t.n > MaxItems || t.bytes > MaxBytes) {
		pos := t.base
		e := t.at(pos)
		t.bytes -= itemBytes(&e.it)
		for _, sk := range e.keys {
			if l := t.byKey[sk]; len(l) > 0 && l[0] == pos {
				if len(l) == 1 {
					delete(t.byKey, sk)
				} else {
					t.byKey[sk] = l[1:]
				}
			}
		}
		if k := (key{e.it.Kind, e.it.Table, e.it.ID}); t.latest[k] == pos {
			delete(t.latest, k)
		}
		t.floor = e.it.Seq
		*e = entry{} // its item's data is not kept alive
		t.first = (t.first + 1) & (len(t.ring) - 1)
		t.base++
		t.n--
	}
}

// Scan is ScanScoped from the tail for the scope keys keys: ok=false when
// the tail cannot answer (after is before its floor, or its head is not
// dbHead, the head the caller just read from the database). It merges the
// position lists of the keys, so its cost follows what it returns, not
// the other OPDs' traffic.
func (t *Tail) Scan(after int64, limit int, keys []string, dbHead int64) ([]server.Item, bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	if off.Load() || t.latest == nil || after < t.floor || dbHead != t.head {
		return nil, false
	}
	lists := make([][]int, 0, len(keys))
	for _, k := range keys {
		l := t.byKey[k]
		i := sort.Search(len(l), func(i int) bool { return t.at(l[i]).it.Seq > after })
		if i < len(l) {
			lists = append(lists, l[i:])
		}
	}
	var out []server.Item
	last := -1
	for len(out) < limit {
		m := -1 // the list with the smallest next position
		for j, l := range lists {
			if len(l) > 0 && (m < 0 || l[0] < lists[m][0]) {
				m = j
			}
		}
		if m < 0 {
			break
		}
		pos := lists[m][0]
		lists[m] = lists[m][1:]
		if pos == last {
			continue // the entry has several of the keys
		}
		last = pos
		if e := t.at(pos); !e.superseded {
			out = append(out, e.it)
		}
	}
	return out, true
}
