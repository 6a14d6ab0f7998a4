package pgstore

import (
	"slices"
	"sort"
	"sync"

	"github.com/bkpsdm-sorong/imbang/sync/server"
)

// tail is an in-memory copy of the items this process committed last, so
// that a pull near the head (almost every pull of a device that syncs every
// few seconds) is answered without reading the items from PostgreSQL: a
// pull's scan reads its items' rows again on every pull. It is the
// structure of sqlitestore's tail.
//
// It is exact, not a best effort: it holds every item committed with
// seq > floor, and a scan uses it only when the committed head (the
// counter row) equals its head. Another process on the same database
// moves the head past it; then scans read the database, and this
// process's next group, which reads the counter under the lock, starts the
// tail again from there.
type tail struct {
	mu    sync.RWMutex
	floor int64 // every item committed with seq > floor is in items
	head  int64 // the last committed seq this tail knows of
	items []tailItem
	base  int // the position of items[0] (positions only grow)
	// latest: the position of each item's current version; byKey: the
	// positions of the entries with each scope key, ascending.
	latest map[tailKey]int
	byKey  map[string][]int
	bytes  int
}

type tailKey struct{ kind, tbl, id string }

type tailItem struct {
	it         server.Item // as ScanScoped returns it: without Meta and Index
	keys       []string    // server.ScopeKeys(it)
	superseded bool        // a later entry holds the item's current version
}

// tailOff makes every scan read the database (a test checks the stored
// scope index that way).
var tailOff = false

// Bounds of the tail: the oldest items go first.
const (
	tailMaxItems = 1 << 16
	tailMaxBytes = 64 << 20
)

// reset empties the tail at head (the writer found the stored head
// elsewhere than the tail's).
func (t *tail) reset(head int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.floor, t.head, t.items, t.bytes = head, head, nil, 0
	t.latest, t.byKey = map[tailKey]int{}, map[string][]int{}
}

// known reports the tail's head (the writer compares it with the stored one).
func (t *tail) known() int64 {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.head
}

func itemBytes(it *server.Item) int { return len(it.Data) + len(it.ID) + 64 }

// commit appends a committed group's items (in the order they were Put) and
// moves the head to head.
func (t *tail) commit(puts []server.Item, head int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.latest == nil {
		t.latest, t.byKey = map[tailKey]int{}, map[string][]int{}
	}
	for _, it := range puts {
		if it.Seq <= t.head {
			continue // not after what the tail holds: cannot happen with one writer
		}
		pos := t.base + len(t.items)
		k := tailKey{it.Kind, it.Table, it.ID}
		if old, ok := t.latest[k]; ok {
			t.items[old-t.base].superseded = true
		}
		t.latest[k] = pos
		e := tailItem{it: it, keys: server.ScopeKeys(&it)}
		for _, key := range e.keys {
			t.byKey[key] = append(t.byKey[key], pos)
		}
		t.items = append(t.items, e)
		t.bytes += itemBytes(&it)
	}
	t.head = max(t.head, head)
	// Drop the oldest beyond the bounds; the floor follows.
	drop := 0
	for drop < len(t.items) && (len(t.items)-drop > tailMaxItems || t.bytes > tailMaxBytes) {
		e, pos := &t.items[drop], t.base+drop
		t.bytes -= itemBytes(&e.it)
		for _, key := range e.keys {
			if l := t.byKey[key]; len(l) > 0 && l[0] == pos {
				if len(l) == 1 {
					delete(t.byKey, key)
				} else {
					t.byKey[key] = l[1:]
				}
			}
		}
		if k := (tailKey{e.it.Kind, e.it.Table, e.it.ID}); t.latest[k] == pos {
			delete(t.latest, k)
		}
		t.floor = e.it.Seq
		drop++
	}
	if drop > 0 {
		t.items = slices.Delete(t.items, 0, drop)
		t.base += drop
	}
}

// scan is ScanScoped from the tail: ok=false when the tail cannot answer
// (after is before its floor, or its head is not dbHead). It merges the
// position lists of the keys, so its cost follows what it returns, not
// the other OPDs' traffic.
func (t *tail) scan(after int64, limit int, keys []string, dbHead int64) ([]server.Item, bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	if tailOff || t.latest == nil || after < t.floor || dbHead != t.head {
		return nil, false
	}
	lists := make([][]int, 0, len(keys))
	for _, key := range keys {
		l := t.byKey[key]
		i := sort.Search(len(l), func(i int) bool { return t.items[l[i]-t.base].it.Seq > after })
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
		if e := &t.items[pos-t.base]; !e.superseded {
			out = append(out, e.it)
		}
	}
	return out, true
}
