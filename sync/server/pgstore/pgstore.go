// Package pgstore is the PostgreSQL implementation of the sync server's
// Store (sync/server), for several stateless imbang-server processes on one
// database (managed, replicated, or a Postgres-compatible distributed
// database). Migrations are embedded and run with goose under an advisory
// lock, so processes may start together.
//
// The server sequence follows commit order: every Update first locks the one
// row of seq_counter (SELECT … FOR UPDATE) and holds it until commit, so
// update transactions are serialised across all processes, exactly like the
// single SQLite writer, and sequence n+1 is allocated only after n is
// committed and visible. A bigserial would hand out numbers to transactions
// that commit out of order, and a puller whose cursor passed a number still in
// flight would skip it forever.
package pgstore

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/itemtail"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a server.Store on a PostgreSQL database.
type Store struct {
	pool *pgxpool.Pool
	// wmu lets one Update of this process at a time take a connection: the
	// others would only hold pool connections while waiting for the counter
	// lock, and starve the pulls. They queue instead (group commit).
	wmu   sync.Mutex
	qmu   sync.Mutex
	queue []*update
	// trap switches to a lock-free bigserial-style allocation. Only the
	// package's own test sets it, to show the concurrency test catches the
	// skipped sequence it causes.
	trap bool
	// tail: the items this process committed last, for ScanScoped (only
	// the writer holding wmu changes it).
	tail itemtail.Tail

	emu     sync.Mutex
	epoch   string // cached (Epoch)
	epochAt time.Time
}

var _ server.Store = (*Store)(nil)

// IsURL reports whether db names a PostgreSQL database (postgres:// or
// postgresql://) rather than a SQLite file.
func IsURL(db string) bool {
	for _, p := range []string{"postgres://", "postgresql://"} {
		if len(db) >= len(p) && db[:len(p)] == p {
			return true
		}
	}
	return false
}

// Open connects to the database at connURL (postgres://user@host:port/db?…;
// pool_max_conns=N sets the pool size, default 8), runs the pending
// migrations and creates the epoch if the database is new.
func Open(ctx context.Context, connURL string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(connURL)
	if err != nil {
		return nil, fmt.Errorf("pgstore: %w", err)
	}
	if testTracer != nil {
		cfg.ConnConfig.Tracer = testTracer
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = 10 * time.Second
	}
	// Every statement is planned with its parameters (docs/server-scale.md,
	// "Plans"): pgx prepares each statement once per connection, and a
	// generic plan PostgreSQL caches while the tables are still small (a
	// new server, its first pushes) keeps a sequential scan when they
	// have grown: a group's prefetch then took 0.3–0.4 s instead of ms.
	if _, set := cfg.ConnConfig.RuntimeParams["plan_cache_mode"]; !set {
		cfg.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("pgstore: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("pgstore: connect %s@%s:%d/%s: %w", cfg.ConnConfig.User, cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database, err)
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, err
	}
	if _, err := pool.Exec(ctx, `INSERT INTO meta(key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING`, uuid.NewString()); err != nil {
		pool.Close()
		return nil, fmt.Errorf("pgstore: epoch: %w", err)
	}
	st := &Store{pool: pool}
	if err := st.indexScopes(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("pgstore: index scopes: %w", err)
	}
	if err := st.upcastStored(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("pgstore: upcast stored rows: %w", err)
	}
	return st, nil
}

// upcastStored rewrites the row images an older server wrote into the
// current sync schema (server.UpcastStored), in place and keeping their
// sequence numbers: current devices rewrite their own copies the same way
// (a local migration) and older ones are served a downcast. meta
// stored_schema records the version reached; the counter lock keeps
// writers and other opening processes out meanwhile.
func (s *Store) upcastStored(ctx context.Context) error {
	var v int
	if err := s.pool.QueryRow(ctx, `SELECT coalesce(max(value::int), 0) FROM meta WHERE key = 'stored_schema'`).Scan(&v); err != nil || v >= protocol.SchemaVersion {
		return err
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, `SELECT seq FROM seq_counter WHERE id = 1 FOR UPDATE`); err != nil {
		return err
	}
	if err := upcastStoredTx(ctx, tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// upcastStoredTx is upcastStored inside tx (also run after a restore).
func upcastStoredTx(ctx context.Context, tx pgx.Tx) error {
	var seqs []int64
	var datas []string
	for _, tbl := range server.UpcastStoredTables {
		rows, err := tx.Query(ctx, `SELECT seq, data FROM items WHERE kind = $1 AND tbl = $2`, server.ItemRow, tbl)
		if err != nil {
			return err
		}
		for rows.Next() {
			var seq int64
			var data string
			if err := rows.Scan(&seq, &data); err != nil {
				rows.Close()
				return err
			}
			if data == "" {
				continue
			}
			out, ok, err := server.UpcastStored(tbl, []byte(data))
			if err != nil {
				rows.Close()
				return fmt.Errorf("item %d: %w", seq, err)
			}
			if ok {
				seqs = append(seqs, seq)
				datas = append(datas, string(out))
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	if len(seqs) > 0 {
		if _, err := tx.Exec(ctx, `UPDATE items SET data = u.data FROM unnest($1::bigint[], $2::text[]) AS u(seq, data) WHERE items.seq = u.seq`, seqs, datas); err != nil {
			return err
		}
	}
	_, err := tx.Exec(ctx, `INSERT INTO meta(key, value) VALUES ('stored_schema', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, fmt.Sprint(protocol.SchemaVersion))
	return err
}

// indexScopes fills item_scope once for a database made before it existed
// (meta scope_index marks it done), under the counter lock so no Update
// runs meanwhile and several processes may open at once.
func (s *Store) indexScopes(ctx context.Context) error {
	var done int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM meta WHERE key = 'scope_index'`).Scan(&done); err != nil || done > 0 {
		return err
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, `SELECT seq FROM seq_counter WHERE id = 1 FOR UPDATE`); err != nil {
		return err
	}
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM meta WHERE key = 'scope_index'`).Scan(&done); err != nil || done > 0 {
		return err
	}
	if err := reindexScopes(ctx, tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// reindexScopes rebuilds item_scope from items (opening an older database,
// restoring a backup) and marks it done in meta.
func reindexScopes(ctx context.Context, tx pgx.Tx) error {
	if _, err := tx.Exec(ctx, `DELETE FROM item_scope`); err != nil {
		return err
	}
	rows, err := tx.Query(ctx, `SELECT seq, kind, device, scope, former FROM items`)
	if err != nil {
		return err
	}
	var keys []string
	var seqs []int64
	for rows.Next() {
		var it server.Item
		var scope, former string
		if err := rows.Scan(&it.Seq, &it.Kind, &it.Device, &scope, &former); err != nil {
			rows.Close()
			return err
		}
		if err := json.Unmarshal([]byte(scope), &it.Scope); err != nil {
			rows.Close()
			return err
		}
		if err := json.Unmarshal([]byte(former), &it.Former); err != nil {
			rows.Close()
			return err
		}
		for _, k := range server.ScopeKeys(&it) {
			keys = append(keys, k)
			seqs = append(seqs, it.Seq)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO item_scope(key, seq) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING`, keys, seqs); err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO meta(key, value) VALUES ('scope_index', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
	return err
}

// migrate applies the embedded migrations under a session advisory lock
// (several processes may start at once).
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	db := stdlib.OpenDBFromPool(pool)
	defer db.Close()
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 120))
	if err != nil {
		return err
	}
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, fsys,
		goose.WithSessionLocker(locker), goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return fmt.Errorf("pgstore: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("pgstore: migrate: %w", err)
	}
	return nil
}

// Pool is the connection pool (backup, tests).
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Close closes the pool.
func (s *Store) Close() error { s.pool.Close(); return nil }

// Epoch implements server.Store.
//
// The epoch changes only by Restore, with the servers stopped; every push
// and pull reports it, so it is re-read at most every epochTTL (a round trip
// per request saved, and a process someone forgot to stop still notices a
// restore within seconds).
func (s *Store) Epoch(ctx context.Context) (string, error) {
	s.emu.Lock()
	e, at := s.epoch, s.epochAt
	s.emu.Unlock()
	if e != "" && time.Since(at) < epochTTL {
		return e, nil
	}
	if err := s.pool.QueryRow(ctx, `SELECT value FROM meta WHERE key = 'epoch'`).Scan(&e); err != nil {
		return "", err
	}
	s.emu.Lock()
	s.epoch, s.epochAt = e, time.Now()
	s.emu.Unlock()
	return e, nil
}

const epochTTL = 5 * time.Second

// Head implements server.Store.
func (s *Store) Head(ctx context.Context) (int64, error) {
	if s.trap {
		var h int64
		err := s.pool.QueryRow(ctx, `SELECT coalesce(max(seq), 0) FROM items`).Scan(&h)
		return h, err
	}
	var h int64
	err := s.pool.QueryRow(ctx, `SELECT seq FROM seq_counter WHERE id = 1`).Scan(&h)
	return h, err
}

// Update implements server.Store: one READ COMMITTED transaction that first
// locks the counter row, so it runs after every earlier Update has committed
// and its reads see their writes.
func (s *Store) Update(ctx context.Context, fn func(server.Tx) error) error {
	return s.UpdatePrefetched(ctx, nil, fn)
}

// UpdatePrefetched implements server.PrefetchingStore: Update, with the
// reads of set (if not nil) sent with the transaction's first round trip,
// for every push of a group at once (the group then needs no round trip
// per push: its savepoints and writes go with the commit).
func (s *Store) UpdatePrefetched(ctx context.Context, set *server.PrefetchSet, fn func(server.Tx) error) error {
	if s.trap {
		return s.update(ctx, nil, fn)
	}
	u := &update{ctx: ctx, fn: fn, set: set, done: make(chan struct{})}
	s.qmu.Lock()
	s.queue = append(s.queue, u)
	s.qmu.Unlock()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	select {
	case <-u.done: // an earlier writer committed it in its group
		return u.err
	default:
	}
	s.qmu.Lock()
	n := min(len(s.queue), maxGroup)
	group := s.queue[:n:n]
	s.queue = append([]*update(nil), s.queue[n:]...)
	s.qmu.Unlock()
	if !slices.Contains(group, u) {
		s.runGroup(group)
		s.qmu.Lock()
		s.queue = slices.DeleteFunc(s.queue, func(x *update) bool { return x == u })
		s.qmu.Unlock()
		group = []*update{u}
	}
	s.runGroup(group)
	return u.err
}

// lockAndPrefetch locks the counter (reading the last seq) and reads the
// prefetch sets, in one round trip.
func (t *tx) lockAndPrefetch(sets ...*server.PrefetchSet) error {
	var b pgx.Batch
	b.Queue(`SELECT seq FROM seq_counter WHERE id = 1 FOR UPDATE`).QueryRow(func(row pgx.Row) error {
		if err := row.Scan(&t.seq); err != nil {
			return fmt.Errorf("pgstore: lock counter: %w", err)
		}
		return nil
	})
	if t.caching() {
		t.queuePrefetch(&b, mergeSets(sets))
	}
	return t.tx.SendBatch(t.ctx, &b).Close()
}

// mergeSets is the union of a group's prefetch sets, so that the group
// reads its devices, items, lookups and meta values in one statement each
// instead of one per push.
func mergeSets(sets []*server.PrefetchSet) prefetchSet {
	var m prefetchSet
	seenItem := map[server.ItemKey]bool{}
	seenLookup := map[server.LookupKey]bool{}
	seenMeta := map[string]bool{}
	for _, set := range sets {
		if set == nil {
			continue
		}
		if set.Device != "" && !slices.Contains(m.Devices, set.Device) {
			m.Devices = append(m.Devices, set.Device)
		}
		for _, k := range set.Meta {
			if !seenMeta[k] {
				seenMeta[k] = true
				m.Meta = append(m.Meta, k)
			}
		}
		for _, k := range set.Items {
			if !seenItem[k] {
				seenItem[k] = true
				m.Items = append(m.Items, k)
			}
		}
		for _, k := range set.Lookups {
			if !seenLookup[k] {
				seenLookup[k] = true
				m.Lookups = append(m.Lookups, k)
			}
		}
	}
	return m
}

// maxGroup bounds the Updates committed together (each holds a nested
// savepoint, and PostgreSQL caches 64 subtransactions per backend).
const maxGroup = 32

// update is one queued Update call.
type update struct {
	ctx  context.Context
	set  *server.PrefetchSet
	fn   func(server.Tx) error
	err  error
	done chan struct{}
}

// runGroup is group commit, as in the SQLite store: the queued functions
// run one after another in one transaction (under the counter lock), each
// after a SAVEPOINT (one that fails is rolled back alone, with its sequence
// numbers and the transaction cache), then one commit for all. Each one's
// Puts are flushed before the next one's savepoint.
func (s *Store) runGroup(group []*update) {
	defer func() {
		for _, u := range group {
			close(u.done)
		}
	}()
	if len(group) == 1 {
		group[0].err = s.update(group[0].ctx, group[0].set, group[0].fn)
		return
	}
	fail := func(err error) {
		for _, u := range group {
			if u.err == nil {
				u.err = err
			}
		}
	}
	bg := context.WithoutCancel(group[0].ctx)
	ptx, err := s.pool.BeginTx(bg, pgx.TxOptions{})
	if err != nil {
		fail(err)
		return
	}
	defer ptx.Rollback(bg) // after Commit: no-op
	t := &tx{ctx: bg, tx: ptx, cache: map[itemKey]*server.Item{}}
	var sets []*server.PrefetchSet
	for _, u := range group {
		sets = append(sets, u.set)
	}
	if err := t.lockAndPrefetch(sets...); err != nil {
		fail(err)
		return
	}
	s.startTail(t)
	ok := 0
	for _, u := range group {
		if err := u.ctx.Err(); err != nil {
			u.err = err
			continue
		}
		// The previous push's writes and this savepoint go with this
		// push's first read (one round trip).
		t.stage(`SAVEPOINT g`)
		seq, seqDirty, puts := t.seq, t.seqDirty, len(t.puts)
		t.ctx = u.ctx
		u.err = u.fn(t)
		t.ctx = bg
		if u.err == nil {
			ok++
			continue
		}
		t.seq, t.seqDirty, t.puts = seq, seqDirty, t.puts[:puts]
		t.pending = t.pending[:0] // this push's writes; the staged ones (up to its savepoint) still go
		clear(t.dirty)
		clear(t.devDirty)
		clear(t.metaDirty)
		if err := t.sendStaged(); err != nil {
			fail(err)
			return
		}
		t.forget()
		if _, err := ptx.Exec(bg, `ROLLBACK TO SAVEPOINT g`); err != nil {
			fail(err)
			return
		}
	}
	if ok == 0 {
		return
	}
	if err := t.flush(); err != nil {
		fail(err)
		return
	}
	if t.seqDirty {
		if _, err := ptx.Exec(bg, `UPDATE seq_counter SET seq = $1 WHERE id = 1`, t.seq); err != nil {
			fail(err)
			return
		}
	}
	if err := ptx.Commit(bg); err != nil {
		fail(err)
		return
	}
	s.commitTail(t)
}

// startTail starts the tail again at the head the transaction read under
// the counter lock when that is not the tail's (another process committed
// since, or nothing was committed yet).
func (s *Store) startTail(t *tx) {
	t.keepPuts = true
	if known, started := s.tail.Known(); t.seq != known || !started {
		s.tail.Reset(t.seq)
	}
}

// commitTail adds a committed transaction's items to the tail.
func (s *Store) commitTail(t *tx) {
	if t.keepPuts && t.seqDirty {
		s.tail.Commit(t.puts, t.seq)
	}
}

// update runs one function in its own transaction.
func (s *Store) update(ctx context.Context, set *server.PrefetchSet, fn func(server.Tx) error) (err error) {
	ptx, err := s.pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			ptx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	t := &tx{ctx: ctx, tx: ptx, trap: s.trap, cache: map[itemKey]*server.Item{}}
	if !s.trap {
		if err := t.lockAndPrefetch(set); err != nil {
			return err
		}
		s.startTail(t)
	}
	if err := fn(t); err != nil {
		return err
	}
	if err := t.flush(); err != nil {
		return err
	}
	if t.seqDirty {
		if _, err := ptx.Exec(ctx, `UPDATE seq_counter SET seq = $1 WHERE id = 1`, t.seq); err != nil {
			return err
		}
	}
	if err := ptx.Commit(ctx); err != nil {
		return err
	}
	s.commitTail(t)
	return nil
}

const (
	itemCols     = `seq, kind, tbl, id, device, scope, former, deleted, data, meta, idx`
	prefixedCols = `i.seq, i.kind, i.tbl, i.id, i.device, i.scope, i.former, i.deleted, i.data, i.meta, i.idx`
)

func scanItem(sc pgx.Row) (*server.Item, error) {
	var it server.Item
	var scope, former, idx string
	var data, meta []byte // scanned as bytes: one copy, not two
	if err := sc.Scan(&it.Seq, &it.Kind, &it.Table, &it.ID, &it.Device, &scope, &former, &it.Deleted, &data, &meta, &idx); err != nil {
		return nil, err
	}
	if err := fillItemBytes(&it, scope, former, data, meta, idx); err != nil {
		return nil, err
	}
	return &it, nil
}

// fillItem decodes an item's text columns.
func fillItem(it *server.Item, scope, former, data, meta, idx string) error {
	return fillItemBytes(it, scope, former, []byte(data), []byte(meta), idx)
}

func fillItemBytes(it *server.Item, scope, former string, data, meta []byte, idx string) error {
	var err error
	if it.Scope, err = decodeList(scope); err != nil {
		return err
	}
	if it.Former, err = decodeList(former); err != nil {
		return err
	}
	if len(data) > 0 {
		it.Data = json.RawMessage(data)
	}
	if len(meta) > 0 {
		it.Meta = json.RawMessage(meta)
	}
	if idx != "{}" && idx != "" {
		if err := json.Unmarshal([]byte(idx), &it.Index); err != nil {
			return err
		}
	}
	return nil
}

// decodeList is json.Unmarshal of a stored list of strings (jsonList's
// text) without its reflection for the plain ones (every scan reads two per
// item: a pull's scan spent half its CPU there).
func decodeList(s string) ([]string, error) {
	if len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']' && !strings.Contains(s, `\`) {
		body := s[1 : len(s)-1]
		if body == "" {
			return []string{}, nil
		}
		n := strings.Count(body, ",") + 1
		out := make([]string, 0, n)
		ok := true
		for part := range strings.SplitSeq(body, ",") {
			if len(part) < 2 || part[0] != '"' || part[len(part)-1] != '"' || strings.IndexByte(part[1:len(part)-1], '"') >= 0 || !plainText(part[1:len(part)-1]) {
				ok = false
				break
			}
			out = append(out, part[1:len(part)-1])
		}
		if ok {
			return out, nil
		}
	}
	var out []string
	err := json.Unmarshal([]byte(s), &out)
	return out, err
}

// plainText says whether a JSON string's body is its own value (no control
// character, valid UTF-8; escapes are excluded by the caller).
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 {
			return false
		}
	}
	return utf8.ValidString(s)
}

func scanItems(rows pgx.Rows) ([]*server.Item, error) {
	defer rows.Close()
	var out []*server.Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// Scan implements server.Store.
func (s *Store) Scan(ctx context.Context, after int64, limit int) ([]server.Item, error) {
	rows, err := s.pool.Query(ctx, `SELECT seq, kind, tbl, id, device, scope, former, deleted, data, '', '{}'
		FROM items WHERE seq > $1 ORDER BY seq LIMIT $2`, after, limit)
	if err != nil {
		return nil, err
	}
	items, err := scanItems(rows)
	if err != nil {
		return nil, err
	}
	out := make([]server.Item, len(items))
	for i, it := range items {
		out[i] = *it
	}
	return out, nil
}

// ScanScoped implements server.Store: each key's first limit seqs by the
// (key, seq) index, then those items in seq order.
//
// Near the head it answers from the tail (package itemtail) after one small read of
// the committed head; the items it returns share their slices with the
// tail and must not be changed.
func (s *Store) ScanScoped(ctx context.Context, after int64, limit int, sc server.ScanScope) ([]server.Item, error) {
	if !s.trap {
		if head, err := s.Head(ctx); err != nil {
			return nil, err
		} else if items, ok := s.tail.Scan(after, limit, sc.Keys(), head); ok {
			if items == nil {
				items = []server.Item{} // as the database path answers
			}
			return items, nil
		}
	}
	// The small set of seqs first, then the items by primary key (with
	// "items WHERE seq IN (…)" the planner may walk items from the start).
	rows, err := s.pool.Query(ctx, `SELECT i.seq, i.kind, i.tbl, i.id, i.device, i.scope, i.former, i.deleted, i.data, '', '{}'
		FROM (SELECT DISTINCT s.seq FROM unnest($1::text[]) AS k(key)
			CROSS JOIN LATERAL (SELECT seq FROM item_scope WHERE item_scope.key = k.key AND seq > $2 ORDER BY seq LIMIT $3) s
			ORDER BY s.seq LIMIT $3) q
		JOIN items i ON i.seq = q.seq
		ORDER BY i.seq`, sc.Keys(), after, limit)
	if err != nil {
		return nil, err
	}
	items, err := scanItems(rows)
	if err != nil {
		return nil, err
	}
	out := make([]server.Item, len(items))
	for i, it := range items {
		out[i] = *it
	}
	return out, nil
}

const deviceCols = `id, opd_kode, bkpsdm, token_hash, install_id, last_local_seq, resync, revoked, created, sign_key, box_key`

func scanDevice(sc pgx.Row) (server.Device, error) {
	var d server.Device
	err := sc.Scan(&d.ID, &d.OPDKode, &d.BKPSDM, &d.TokenHash, &d.InstallID, &d.LastLocalSeq, &d.Resync, &d.Revoked, &d.Created, &d.SignKey, &d.BoxKey)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, server.ErrNotFound
	}
	return d, err
}

// DeviceByToken implements server.Store.
func (s *Store) DeviceByToken(ctx context.Context, tokenHash string) (server.Device, error) {
	return scanDevice(s.pool.QueryRow(ctx, `SELECT `+deviceCols+` FROM devices WHERE token_hash = $1`, tokenHash))
}

// DeviceByID implements server.Store.
func (s *Store) DeviceByID(ctx context.Context, id string) (server.Device, error) {
	return scanDevice(s.pool.QueryRow(ctx, `SELECT `+deviceCols+` FROM devices WHERE id = $1`, id))
}

// Devices implements server.Store.
func (s *Store) Devices(ctx context.Context) ([]server.Device, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+deviceCols+` FROM devices ORDER BY created, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []server.Device
	for rows.Next() {
		d, err := scanDevice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Skews implements server.Store.
func (s *Store) Skews(ctx context.Context) ([]server.Skew, error) {
	rows, err := s.pool.Query(ctx, `SELECT device, stamp, clamped, server_time FROM skew ORDER BY n`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []server.Skew
	for rows.Next() {
		var k server.Skew
		if err := rows.Scan(&k.DeviceID, &k.Stamp, &k.Clamped, &k.ServerTime); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// tx is one Update. Because every Update holds the counter lock, nothing
// but this transaction changes items while it runs, so it keeps what it read
// and wrote in cache (Get answers from it, absent items included) and sends
// its Puts in one batch (before a Lookup, which reads the index in SQL, and
// before commit): a push makes far fewer round trips.
type tx struct {
	ctx      context.Context
	tx       pgx.Tx
	seq      int64
	seqDirty bool
	trap     bool
	cache    map[itemKey]*server.Item // nil value: known to be absent
	pending  []*server.Item           // Puts not yet sent, in order
	dirty    map[itemKey]*server.Item // the latest pending Put of each item
	// Meta values, devices and Lookup answers read or written in this
	// transaction (nothing else can change them under the counter lock);
	// meta and device writes wait for the next flush like Puts.
	meta      map[string]string
	metaDirty map[string]string
	devs      map[string]server.Device
	devDirty  map[string]server.Device
	lookups   map[lookupKey][]*server.Item
	// base: the version the database holds as this transaction sees it
	// (nil: absent), for the items it read or wrote; flush writes less
	// when it knows it.
	base map[itemKey]*server.Item
	// staged: writes and statements built but not yet sent; they go with
	// the next round trip (a push's reads carry the previous push's writes
	// and its own savepoint).
	staged *pgx.Batch
	// puts: every Put, as ScanScoped reads it back, for the tail after
	// commit (kept when keepPuts).
	puts     []server.Item
	keepPuts bool
}

func (t *tx) setBase(k itemKey, it *server.Item) {
	if t.base == nil {
		t.base = map[itemKey]*server.Item{}
	}
	t.base[k] = it
}

type lookupKey struct{ kind, tbl, name, value string }

// caching: whether this transaction keeps what it read (not in the trap
// mode nor the round-trip benchmark's baseline).
func (t *tx) caching() bool { return !t.trap && !noTxCache }

// forget drops everything the transaction cached or has not yet sent (a
// push rolled back to its savepoint).
func (t *tx) forget() {
	t.pending = t.pending[:0]
	clear(t.dirty)
	t.cache = map[itemKey]*server.Item{}
	t.meta, t.metaDirty, t.devs, t.devDirty, t.lookups, t.base = nil, nil, nil, nil, nil, nil
}

type itemKey struct{ kind, tbl, id string }

// maxPending bounds the Puts held before a flush.
const maxPending = 256

// noTxCache turns the cache and the batching off, and testTracer sees every
// query (the benchmark counts round trips with and without).
var (
	noTxCache  = false
	testTracer pgx.QueryTracer
)

func clone(it *server.Item) *server.Item {
	if it == nil {
		return nil
	}
	c := *it
	c.Scope = slices.Clone(it.Scope)
	c.Former = slices.Clone(it.Former)
	c.Data = bytes.Clone(it.Data)
	c.Meta = bytes.Clone(it.Meta)
	if it.Index != nil {
		c.Index = maps.Clone(it.Index)
	}
	return &c
}

func (t *tx) NextSeq() (int64, error) {
	if t.trap {
		// The bigserial trap: a number from a sequence, without the lock.
		var n int64
		if err := t.sendStaged(); err != nil {
			return 0, err
		}
		err := t.tx.QueryRow(t.ctx, `SELECT nextval('pgstore_trap_seq')`).Scan(&n)
		return n, err
	}
	t.seq++
	t.seqDirty = true
	return t.seq, nil
}

func (t *tx) Get(kind, table, id string) (*server.Item, error) {
	k := itemKey{kind, table, id}
	if it, ok := t.cache[k]; ok && !t.trap && !noTxCache {
		return clone(it), nil
	}
	if t.caching() {
		// As a prefetch: the staged writes and the read in one round trip.
		if err := t.Prefetch(server.PrefetchSet{Items: []server.ItemKey{{Kind: kind, Table: table, ID: id}}}); err != nil {
			return nil, err
		}
		if it, ok := t.cache[k]; ok {
			return clone(it), nil
		}
	}
	if err := t.sendStaged(); err != nil {
		return nil, err
	}
	it, err := scanItem(t.tx.QueryRow(t.ctx, `SELECT `+itemCols+` FROM items WHERE kind = $1 AND tbl = $2 AND id = $3`, kind, table, id))
	if errors.Is(err, pgx.ErrNoRows) {
		it, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	t.cache[k] = clone(it)
	t.setBase(k, clone(it))
	return it, nil
}

func jsonList(l []string) string {
	if len(l) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(l)
	return string(b)
}

// Put records the item; it is written by the next flush.
func (t *tx) Put(it *server.Item) error {
	if it.Seq <= 0 {
		return fmt.Errorf("pgstore: Put without a seq")
	}
	c := clone(it)
	k := itemKey{it.Kind, it.Table, it.ID}
	// Cached Lookup answers of this kind and table follow the Put (as
	// overlay does for the pending ones), so prefetched ones stay usable.
	// Only the answers for the index entries of the version replaced and
	// of this one can change; when the version replaced is not known, all
	// of the table's are walked.
	if prev, known := t.cache[k]; known {
		server.PutTouches(prev, it, func(name, value string) {
			lk := lookupKey{it.Kind, it.Table, name, value}
			if l, ok := t.lookups[lk]; ok {
				t.lookups[lk] = server.FollowPut(l, it, name, value, clone)
			}
		})
	} else {
		for lk, l := range t.lookups {
			if lk.kind == it.Kind && lk.tbl == it.Table {
				t.lookups[lk] = server.FollowPut(l, it, lk.name, lk.value, clone)
			}
		}
	}
	t.cache[k] = c
	t.pending = append(t.pending, c)
	if t.keepPuts {
		// As ScanScoped reads it back: lists never nil, no Meta or Index
		// (c is never changed: Get hands out clones).
		e := server.Item{Seq: c.Seq, Kind: c.Kind, Table: c.Table, ID: c.ID, Device: c.Device, Deleted: c.Deleted, Scope: c.Scope, Former: c.Former}
		if e.Scope == nil {
			e.Scope = []string{}
		}
		if e.Former == nil {
			e.Former = []string{}
		}
		if len(c.Data) > 0 {
			e.Data = c.Data
		}
		t.puts = append(t.puts, e)
	}
	if t.dirty == nil {
		t.dirty = map[itemKey]*server.Item{}
	}
	t.dirty[k] = c
	if len(t.pending) >= maxPending || t.trap || noTxCache {
		return t.flush()
	}
	return nil
}

// flush writes the pending Puts in one batch (one round trip); of several
// Puts of one item only the last is written.
func (t *tx) flush() error { return t.flushWith("") }

// flushWith is flush with one more statement (if not "") sent in the same
// batch, after the writes.
func (t *tx) flushWith(after string) error {
	t.stage(after)
	return t.sendStaged()
}

// sendStaged sends what is staged, if anything, in one round trip. Every
// query of the transaction calls it first, so statements keep their order.
func (t *tx) sendStaged() error {
	b := t.staged
	t.staged = nil
	if b == nil || b.Len() == 0 {
		return nil
	}
	return t.tx.SendBatch(t.ctx, b).Close()
}

// stage moves the pending writes, then the statement after (if not ""),
// into the staged batch without sending them.
func (t *tx) stage(after string) {
	if t.staged == nil {
		t.staged = &pgx.Batch{}
	}
	b := t.staged
	if after != "" {
		defer b.Queue(after)
	}
	if len(t.pending) == 0 && len(t.metaDirty) == 0 && len(t.devDirty) == 0 {
		return
	}
	last := make(map[itemKey]int, len(t.pending))
	for i, it := range t.pending {
		last[itemKey{it.Kind, it.Table, it.ID}] = i
	}
	// Inserts are set-based: one statement over arrays for all the pending
	// items (a push of 10 changes was ~50 statements, each a bind and
	// execute in PostgreSQL; now ~13). The order matters:
	// old index and scope entries go first (the unknown ones found by the
	// stored seq, before the items are replaced), then items, then the new
	// entries.
	var (
		ixDelKind, ixDelTbl, ixDelID         []string // index entries to drop
		scUnknownKind, scUnknownTbl, scUnkID []string // scope entries to drop, by the stored seq
		scDelSeq                             []int64  // scope entries to drop, seq known
		scMoveOld, scMoveNew                 []int64  // scope entries kept, moved to the new seq
		iSeq                                 []int64
		iKind, iTbl, iID, iDev, iScope       []string
		iFormer, iData, iMeta, iIdx          []string
		iDel                                 []bool
		ixKind, ixTbl, ixName, ixValue       []string // index entries to add
		ixID                                 []string
		scKey                                []string // scope entries to add
		scSeq                                []int64
	)
	for i, it := range t.pending {
		if last[itemKey{it.Kind, it.Table, it.ID}] != i {
			continue
		}
		k := itemKey{it.Kind, it.Table, it.ID}
		idx := server.IndexJSON(it.Index)
		// What the database holds now, when this transaction knows it:
		// then only what changed is written.
		base, known := t.base[k]
		known = known && t.caching()
		newIndex := !known || base == nil || server.IndexJSON(base.Index) != idx
		if !known || (base != nil && newIndex) {
			ixDelKind, ixDelTbl, ixDelID = append(ixDelKind, it.Kind), append(ixDelTbl, it.Table), append(ixDelID, it.ID)
		}
		keys := server.ScopeKeys(it)
		scopeMoved := false
		switch {
		case !known:
			scUnknownKind, scUnknownTbl, scUnkID = append(scUnknownKind, it.Kind), append(scUnknownTbl, it.Table), append(scUnkID, it.ID)
		case base != nil && slices.Equal(server.ScopeKeys(base), keys):
			if len(keys) > 0 {
				scMoveOld, scMoveNew = append(scMoveOld, base.Seq), append(scMoveNew, it.Seq)
			}
			scopeMoved = true
		case base != nil:
			scDelSeq = append(scDelSeq, base.Seq)
		}
		iSeq, iKind, iTbl, iID, iDev = append(iSeq, it.Seq), append(iKind, it.Kind), append(iTbl, it.Table), append(iID, it.ID), append(iDev, it.Device)
		iScope, iFormer, iDel = append(iScope, jsonList(it.Scope)), append(iFormer, jsonList(it.Former)), append(iDel, it.Deleted)
		iData, iMeta, iIdx = append(iData, string(it.Data)), append(iMeta, string(it.Meta)), append(iIdx, idx)
		if len(it.Index) > 0 && newIndex {
			for n, v := range it.Index {
				ixKind, ixTbl, ixName, ixValue, ixID = append(ixKind, it.Kind), append(ixTbl, it.Table), append(ixName, n), append(ixValue, v), append(ixID, it.ID)
			}
		}
		if !scopeMoved {
			for _, key := range keys {
				scKey, scSeq = append(scKey, key), append(scSeq, it.Seq)
			}
		}
		if t.caching() {
			t.setBase(k, it)
		}
	}
	// Deletes and moves stay one statement per item: equality on an indexed
	// column is an index scan whatever the statistics say, where a join
	// with unnest() got a sequential-scan plan cached while the tables were
	// small (a load test ran slower with them set-based).
	for i := range ixDelID {
		b.Queue(`DELETE FROM item_index WHERE kind = $1 AND tbl = $2 AND id = $3`, ixDelKind[i], ixDelTbl[i], ixDelID[i])
	}
	for i := range scUnkID {
		b.Queue(`DELETE FROM item_scope WHERE seq = (SELECT seq FROM items WHERE kind = $1 AND tbl = $2 AND id = $3)`, scUnknownKind[i], scUnknownTbl[i], scUnkID[i])
	}
	for _, seq := range scDelSeq {
		b.Queue(`DELETE FROM item_scope WHERE seq = $1`, seq)
	}
	for i := range scMoveOld {
		b.Queue(`UPDATE item_scope SET seq = $1 WHERE seq = $2`, scMoveNew[i], scMoveOld[i])
	}
	if len(iSeq) > 0 {
		b.Queue(`INSERT INTO items(`+itemCols+`)
			SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[], $9::text[], $10::text[], $11::text[])
			ON CONFLICT (kind, tbl, id) DO UPDATE SET seq = excluded.seq, device = excluded.device, scope = excluded.scope,
			former = excluded.former, deleted = excluded.deleted, data = excluded.data, meta = excluded.meta, idx = excluded.idx`,
			iSeq, iKind, iTbl, iID, iDev, iScope, iFormer, iDel, iData, iMeta, iIdx)
	}
	if len(ixID) > 0 {
		b.Queue(`INSERT INTO item_index(kind, tbl, name, value, id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
			ON CONFLICT DO NOTHING`, ixKind, ixTbl, ixName, ixValue, ixID)
	}
	if len(scKey) > 0 {
		b.Queue(`INSERT INTO item_scope(key, seq) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING`, scKey, scSeq)
	}
	for _, d := range t.devDirty {
		b.Queue(upsertDevice, d.ID, d.OPDKode, d.BKPSDM, d.TokenHash, d.InstallID, d.LastLocalSeq, d.Resync, d.Revoked, d.Created, d.SignKey, d.BoxKey)
	}
	for k, v := range t.metaDirty {
		b.Queue(upsertMeta, k, v)
	}
	t.pending = t.pending[:0]
	clear(t.dirty)
	clear(t.devDirty)
	clear(t.metaDirty)
}

// Prefetch implements server.Prefetcher: the device, the meta values and
// the items not yet known to the transaction, in one round trip together
// with whatever is staged; absent items are remembered as absent.
func (t *tx) Prefetch(p server.PrefetchSet) error {
	if !t.caching() {
		return nil
	}
	b := t.staged
	t.staged = nil
	if b == nil {
		b = &pgx.Batch{}
	}
	if t.queuePrefetch(b, prefetchSet{PrefetchSet: p}) == 0 {
		t.staged = b // everything known: the staged writes wait for a real read
		return nil
	}
	return t.tx.SendBatch(t.ctx, b).Close()
}

// prefetchSet is a server.PrefetchSet for several devices (a group's).
type prefetchSet struct {
	server.PrefetchSet
	Devices []string
}

// queuePrefetch queues the reads of p not yet known to the transaction
// into b (their answers fill the caches when b is sent) and returns how
// many it queued.
func (t *tx) queuePrefetch(b *pgx.Batch, p prefetchSet) int {
	n0 := b.Len()
	var devs []string
	for _, id := range append(slices.Clip(p.Devices), p.Device) { // Clip: never writes into p.Devices
		if _, ok := t.devs[id]; !ok && id != "" && !slices.Contains(devs, id) {
			devs = append(devs, id)
		}
	}
	if len(devs) > 0 {
		// A device not found is left out: Device asks again and reports it.
		b.Queue(`SELECT `+deviceCols+` FROM devices WHERE id = ANY($1)`, devs).Query(func(rows pgx.Rows) error {
			for rows.Next() {
				d, err := scanDevice(rows)
				if err != nil {
					return err
				}
				if t.devs == nil {
					t.devs = map[string]server.Device{}
				}
				t.devs[d.ID] = d
			}
			return rows.Err()
		})
	}
	var keys []string
	for _, k := range p.Meta {
		if _, ok := t.meta[k]; !ok {
			keys = append(keys, k)
		}
	}
	if len(keys) > 0 {
		b.Queue(`SELECT key, value FROM meta WHERE key = ANY($1)`, keys).Query(func(rows pgx.Rows) error {
			if t.meta == nil {
				t.meta = map[string]string{}
			}
			for _, k := range keys {
				t.meta[k] = ""
			}
			for rows.Next() {
				var k, v string
				if err := rows.Scan(&k, &v); err != nil {
					return err
				}
				t.meta[k] = v
			}
			return rows.Err()
		})
	}
	var kinds, tbls, ids []string
	for _, k := range p.Items {
		if _, ok := t.cache[itemKey{k.Kind, k.Table, k.ID}]; !ok {
			kinds, tbls, ids = append(kinds, k.Kind), append(tbls, k.Table), append(ids, k.ID)
		}
	}
	if len(ids) > 0 {
		b.Queue(`SELECT `+prefixedCols+` FROM unnest($1::text[], $2::text[], $3::text[]) AS k(kind, tbl, id)
		JOIN items i ON i.kind = k.kind AND i.tbl = k.tbl AND i.id = k.id`, kinds, tbls, ids).Query(func(rows pgx.Rows) error {
			found, err := scanItems(rows)
			if err != nil {
				return err
			}
			for i := range ids {
				t.cache[itemKey{kinds[i], tbls[i], ids[i]}] = nil
				t.setBase(itemKey{kinds[i], tbls[i], ids[i]}, nil)
			}
			for _, it := range found {
				t.cache[itemKey{it.Kind, it.Table, it.ID}] = it
				t.setBase(itemKey{it.Kind, it.Table, it.ID}, clone(it))
			}
			return nil
		})
	}
	// Lookups: one query per (kind, table, name) over all their values.
	type group struct{ kind, tbl, name string }
	values := map[group][]string{}
	for _, l := range p.Lookups {
		if _, ok := t.lookups[lookupKey{l.Kind, l.Table, l.Name, l.Value}]; !ok {
			g := group{l.Kind, l.Table, l.Name}
			if !slices.Contains(values[g], l.Value) {
				values[g] = append(values[g], l.Value)
			}
		}
	}
	for g, vals := range values {
		b.Queue(`SELECT x.value, `+prefixedCols+` FROM item_index x JOIN items i ON i.kind = x.kind AND i.tbl = x.tbl AND i.id = x.id
			WHERE x.kind = $1 AND x.tbl = $2 AND x.name = $3 AND x.value = ANY($4::text[]) ORDER BY x.value, x.id`,
			g.kind, g.tbl, g.name, vals).Query(func(rows pgx.Rows) error {
			found := map[string][]*server.Item{}
			for rows.Next() {
				var v string
				var it server.Item
				var scope, former, data, meta, idx string
				if err := rows.Scan(&v, &it.Seq, &it.Kind, &it.Table, &it.ID, &it.Device, &scope, &former, &it.Deleted, &data, &meta, &idx); err != nil {
					return err
				}
				if err := fillItem(&it, scope, former, data, meta, idx); err != nil {
					return err
				}
				found[v] = append(found[v], &it)
			}
			if err := rows.Err(); err != nil {
				return err
			}
			if t.lookups == nil {
				t.lookups = map[lookupKey][]*server.Item{}
			}
			for _, v := range vals {
				t.lookups[lookupKey{g.kind, g.tbl, g.name, v}] = t.overlay(g.kind, g.tbl, g.name, v, found[v])
			}
			return nil
		})
	}
	return b.Len() - n0
}

// Lookup reads the index as committed plus this transaction's flushed Puts,
// and overlays the pending ones: a pending item replaces its stored version
// (matching or not), so no flush is needed.
func (t *tx) Lookup(kind, table, name, value string) ([]*server.Item, error) {
	lk := lookupKey{kind, table, name, value}
	if l, ok := t.lookups[lk]; ok && t.caching() {
		out := make([]*server.Item, len(l))
		for i, it := range l {
			out[i] = clone(it)
		}
		return out, nil
	}
	if t.caching() {
		// As a prefetch: the staged writes and the read in one round trip.
		if err := t.Prefetch(server.PrefetchSet{Lookups: []server.LookupKey{{Kind: kind, Table: table, Name: name, Value: value}}}); err != nil {
			return nil, err
		}
		if l, ok := t.lookups[lk]; ok {
			out := make([]*server.Item, len(l))
			for i, it := range l {
				out[i] = clone(it)
			}
			return out, nil
		}
	}
	out, err := t.lookup(kind, table, name, value)
	if err == nil && t.caching() {
		if t.lookups == nil {
			t.lookups = map[lookupKey][]*server.Item{}
		}
		kept := make([]*server.Item, len(out))
		for i, it := range out {
			kept[i] = clone(it)
		}
		t.lookups[lk] = kept
	}
	return out, err
}

func (t *tx) lookup(kind, table, name, value string) ([]*server.Item, error) {
	if err := t.sendStaged(); err != nil {
		return nil, err
	}
	rows, err := t.tx.Query(t.ctx, `SELECT i.seq, i.kind, i.tbl, i.id, i.device, i.scope, i.former, i.deleted, i.data, i.meta, i.idx
		FROM item_index x JOIN items i ON i.kind = x.kind AND i.tbl = x.tbl AND i.id = x.id
		WHERE x.kind = $1 AND x.tbl = $2 AND x.name = $3 AND x.value = $4 ORDER BY x.id`, kind, table, name, value)
	if err != nil {
		return nil, err
	}
	stored, err := scanItems(rows)
	if err != nil {
		return nil, err
	}
	return t.overlay(kind, table, name, value, stored), nil
}

// overlay puts the pending Puts over a Lookup's stored answer: a pending
// item replaces its stored version (matching or not).
func (t *tx) overlay(kind, table, name, value string, stored []*server.Item) []*server.Item {
	if len(t.dirty) == 0 {
		return stored
	}
	out := stored[:0]
	for _, it := range stored {
		if _, ok := t.dirty[itemKey{it.Kind, it.Table, it.ID}]; !ok {
			out = append(out, it)
		}
	}
	for k, it := range t.dirty {
		if k.kind == kind && k.tbl == table {
			if v, ok := it.Index[name]; ok && v == value {
				out = append(out, clone(it))
			}
		}
	}
	slices.SortFunc(out, func(a, b *server.Item) int { return strings.Compare(a.ID, b.ID) })
	return out
}

const (
	upsertDevice = `INSERT INTO devices(` + deviceCols + `) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
		ON CONFLICT (id) DO UPDATE SET opd_kode = excluded.opd_kode, bkpsdm = excluded.bkpsdm, token_hash = excluded.token_hash,
		install_id = excluded.install_id, last_local_seq = excluded.last_local_seq, resync = excluded.resync,
		revoked = excluded.revoked, created = excluded.created, sign_key = excluded.sign_key, box_key = excluded.box_key`
	upsertMeta = `INSERT INTO meta(key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`
)

func (t *tx) Device(id string) (server.Device, error) {
	if d, ok := t.devs[id]; ok && t.caching() {
		return d, nil
	}
	if err := t.sendStaged(); err != nil {
		return server.Device{}, err
	}
	d, err := scanDevice(t.tx.QueryRow(t.ctx, `SELECT `+deviceCols+` FROM devices WHERE id = $1`, id))
	if err == nil && t.caching() {
		if t.devs == nil {
			t.devs = map[string]server.Device{}
		}
		t.devs[id] = d
	}
	return d, err
}

// PutDevice is written by the next flush (at the latest, before commit).
func (t *tx) PutDevice(d server.Device) error {
	if !t.caching() {
		if err := t.sendStaged(); err != nil {
			return err
		}
		_, err := t.tx.Exec(t.ctx, upsertDevice, d.ID, d.OPDKode, d.BKPSDM, d.TokenHash, d.InstallID, d.LastLocalSeq, d.Resync, d.Revoked, d.Created, d.SignKey, d.BoxKey)
		return err
	}
	if t.devs == nil {
		t.devs = map[string]server.Device{}
	}
	if t.devDirty == nil {
		t.devDirty = map[string]server.Device{}
	}
	t.devs[d.ID], t.devDirty[d.ID] = d, d
	return nil
}

func (t *tx) Meta(key string) (string, error) {
	if v, ok := t.meta[key]; ok && t.caching() {
		return v, nil
	}
	var v string
	if err := t.sendStaged(); err != nil {
		return "", err
	}
	err := t.tx.QueryRow(t.ctx, `SELECT value FROM meta WHERE key = $1`, key).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		v, err = "", nil
	}
	if err == nil && t.caching() {
		if t.meta == nil {
			t.meta = map[string]string{}
		}
		t.meta[key] = v
	}
	return v, err
}

// SetMeta is written by the next flush (at the latest, before commit).
func (t *tx) SetMeta(key, value string) error {
	if key == "seq" || key == "epoch" {
		return fmt.Errorf("pgstore: meta key %q is reserved", key)
	}
	if !t.caching() {
		if err := t.sendStaged(); err != nil {
			return err
		}
		_, err := t.tx.Exec(t.ctx, upsertMeta, key, value)
		return err
	}
	if t.meta == nil {
		t.meta = map[string]string{}
	}
	if t.metaDirty == nil {
		t.metaDirty = map[string]string{}
	}
	t.meta[key], t.metaDirty[key] = value, value
	return nil
}

func (t *tx) AddSkew(k server.Skew) error {
	if err := t.sendStaged(); err != nil {
		return err
	}
	_, err := t.tx.Exec(t.ctx, `INSERT INTO skew(device, stamp, clamped, server_time) VALUES ($1,$2,$3,$4)`, k.DeviceID, k.Stamp, k.Clamped, k.ServerTime)
	return err
}
