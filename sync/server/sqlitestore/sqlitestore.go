// Package sqlitestore is the embedded SQLite implementation of the sync
// server's Store (sync/server): one file, WAL, synchronous=FULL, one writer
// at a time so the server sequence follows commit order.
package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/rowjson"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/itemtail"
	"github.com/google/uuid"
	_ "modernc.org/sqlite" // driver "sqlite"
)

const schema = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    seq     INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL,
    tbl     TEXT NOT NULL,
    id      TEXT NOT NULL,
    device  TEXT NOT NULL DEFAULT '',
    scope   TEXT NOT NULL DEFAULT '[]',
    former  TEXT NOT NULL DEFAULT '[]',
    deleted INTEGER NOT NULL DEFAULT 0,
    data    TEXT NOT NULL DEFAULT '',
    meta    TEXT NOT NULL DEFAULT '',
    idx     TEXT NOT NULL DEFAULT '{}',
    UNIQUE (kind, tbl, id)
);
CREATE TABLE IF NOT EXISTS item_index (
    kind  TEXT NOT NULL,
    tbl   TEXT NOT NULL,
    name  TEXT NOT NULL,
    value TEXT NOT NULL,
    id    TEXT NOT NULL,
    PRIMARY KEY (kind, tbl, name, value, id)
) WITHOUT ROWID;
-- One entry per scope key of an item (server.ScopeKeys) at its current seq:
-- a pull reads its device's keys by (key, seq) instead of the whole log.
CREATE TABLE IF NOT EXISTS item_scope (
    key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (key, seq)
) WITHOUT ROWID;
-- Entries are deleted by their primary keys, worked out from the stored
-- item (its idx, its scope keys at its seq): the indexes by id and by seq
-- that once served those deletes cost every written item two more index
-- entries. An older server creates them again; they are dropped again here.
DROP INDEX IF EXISTS item_index_id;
DROP INDEX IF EXISTS item_scope_seq;
CREATE TABLE IF NOT EXISTS devices (
    id             TEXT PRIMARY KEY,
    opd_kode       TEXT NOT NULL DEFAULT '',
    bkpsdm         INTEGER NOT NULL DEFAULT 0,
    token_hash     TEXT NOT NULL UNIQUE,
    install_id     TEXT NOT NULL DEFAULT '',
    last_local_seq INTEGER NOT NULL DEFAULT 0,
    resync         INTEGER NOT NULL DEFAULT 0,
    revoked        INTEGER NOT NULL DEFAULT 0,
    created        TEXT NOT NULL DEFAULT '',
    sign_key       TEXT NOT NULL DEFAULT '',
    box_key        TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS skew (
    n           INTEGER PRIMARY KEY,
    device      TEXT NOT NULL,
    stamp       TEXT NOT NULL,
    clamped     TEXT NOT NULL,
    server_time TEXT NOT NULL
);
`

// Store is a server.Store on one SQLite file.
type Store struct {
	db    *sql.DB
	path  string
	wmu   sync.Mutex // held by the one writer
	qmu   sync.Mutex // guards queue
	queue []*update  // Updates waiting for the writer (group commit)
	smu   sync.Mutex
	stmts map[string]*sql.Stmt // prepared once, bound to each transaction
	epoch atomic.Value         // string, read once (Epoch)
	tail  itemtail.Tail        // the items committed last, for ScanScoped
	ckpt  checkpointer
	// w is the writer's own connection (Update's groups; guarded by wmu):
	// its page cache stays valid from one group to the next, where on a
	// pooled connection the pulls' reads in between made it start again,
	// and the readers' connections never hold the writer's pages (a read
	// transaction after a commit frees every page its connection cached,
	// ~8 % of the server's CPU in the load test, mostly unmapping them).
	w *sql.Conn
}

var (
	_ server.Store      = (*Store)(nil)
	_ server.Prefetcher = (*tx)(nil)
)

func dsn(path string) string { return dsnBusy(path, 10000) }

// dsnBusy is dsn with another busy timeout (milliseconds).
func dsnBusy(path string, busyMS int) string {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(" + strconv.Itoa(busyMS) + ")", "journal_mode(WAL)", "synchronous(FULL)", "cache_size(-32000)", "mmap_size(268435456)",
		// Statement and savepoint journals in memory, not temp files (a
		// group commit opens a savepoint per push).
		"temp_store(MEMORY)",
		// Checkpoints run on the checkpointer's connection (checkpoint.go);
		// the writer's own automatic one only if that fell far behind.
		"wal_autocheckpoint(16000)", "journal_size_limit(67108864)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if needed) the server database at path. A new
// database gets a new epoch.
func Open(path string) (*Store, error) {
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(8) // one writer, the rest for parallel pulls (WAL)
	// Keep them all open: database/sql keeps 2 idle by default, so under
	// parallel pulls it closed and reopened connections all the time (a
	// quarter of the CPU went to closing page caches in a load test).
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(0)
	if _, err := db.Exec(schema + releaseSchema); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlitestore: create schema: %w", err)
	}
	if _, err := db.Exec(blobSchema); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlitestore: create blob tables: %w", err)
	}
	if err := addDeviceKeys(db); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlitestore: add device keys: %w", err)
	}
	s := &Store{db: db, path: path, stmts: map[string]*sql.Stmt{}}
	if err := s.portalInit(); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlitestore: portal schema: %w", err)
	}
	if _, err := db.Exec(`INSERT OR IGNORE INTO meta(key, value) VALUES ('epoch', ?)`, uuid.NewString()); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.indexScopes(); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlitestore: index scopes: %w", err)
	}
	if err := s.upcastStored(); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlitestore: upcast stored rows: %w", err)
	}
	head, err := s.Head(context.Background())
	if err != nil {
		db.Close()
		return nil, err
	}
	s.tail.Reset(head)
	if err := s.ckpt.start(path); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlitestore: checkpointer: %w", err)
	}
	return s, nil
}

// upcastStored rewrites the row images an older server wrote into the
// current sync schema (server.UpcastStored), in place and keeping their
// sequence numbers: current devices rewrite their own copies the same way
// (a local migration) and older ones are served a downcast. meta
// stored_schema records the version reached, so it runs once per version
// (and again on a database put back from an older backup).
func (s *Store) upcastStored() error {
	ctx := context.Background()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRow(`SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'stored_schema'`).Scan(&v); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if v >= protocol.SchemaVersion {
		return nil
	}
	type upd struct {
		seq  int64
		data []byte
	}
	var ups []upd
	for _, tbl := range server.UpcastStoredTables {
		rows, err := tx.Query(`SELECT seq, data FROM items WHERE kind = ? AND tbl = ?`, server.ItemRow, tbl)
		if err != nil {
			return err
		}
		for rows.Next() {
			var seq int64
			var data []byte
			if err := rows.Scan(&seq, &data); err != nil {
				rows.Close()
				return err
			}
			if len(data) == 0 {
				continue
			}
			out, ok, err := server.UpcastStored(tbl, data)
			if err != nil {
				rows.Close()
				return fmt.Errorf("item %d: %w", seq, err)
			}
			if ok {
				ups = append(ups, upd{seq, out})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for _, u := range ups {
		if _, err := tx.Exec(`UPDATE items SET data = ? WHERE seq = ?`, string(u.data), u.seq); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(`INSERT INTO meta(key, value) VALUES ('stored_schema', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, protocol.SchemaVersion); err != nil {
		return err
	}
	return tx.Commit()
}

// addDeviceKeys adds the bundle key columns to a devices table made before
// they existed (CREATE TABLE IF NOT EXISTS leaves an old table as it was).
func addDeviceKeys(db *sql.DB) error {
	have := map[string]bool{}
	rows, err := db.Query(`SELECT name FROM pragma_table_info('devices')`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		have[n] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range []string{"sign_key", "box_key"} {
		if !have[c] {
			if _, err := db.Exec(`ALTER TABLE devices ADD COLUMN ` + c + ` TEXT NOT NULL DEFAULT ''`); err != nil {
				return err
			}
		}
	}
	return nil
}

// indexScopes fills item_scope once for a database made before it existed
// (meta scope_index marks it done; a new database is marked at once).
func (s *Store) indexScopes() error {
	ctx := context.Background()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var done string
	if err := tx.QueryRow(`SELECT value FROM meta WHERE key = 'scope_index'`).Scan(&done); err == nil {
		return nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	rows, err := tx.Query(`SELECT ` + itemCols + ` FROM items`)
	if err != nil {
		return err
	}
	var items []*server.Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			rows.Close()
			return err
		}
		it.Data, it.Meta = nil, nil
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err := tx.Exec(`DELETE FROM item_scope`); err != nil {
		return err
	}
	for _, it := range items {
		for _, k := range server.ScopeKeys(it) {
			if _, err := tx.Exec(`INSERT OR IGNORE INTO item_scope(key, seq) VALUES (?, ?)`, k, it.Seq); err != nil {
				return err
			}
		}
	}
	if _, err := tx.Exec(`INSERT INTO meta(key, value) VALUES ('scope_index', '1')`); err != nil {
		return err
	}
	return tx.Commit()
}

// Close closes the database.
func (s *Store) Close() error {
	s.smu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = map[string]*sql.Stmt{}
	s.smu.Unlock()
	s.ckpt.stop()
	s.wmu.Lock()
	if s.w != nil {
		s.w.Close()
		s.w = nil
	}
	s.wmu.Unlock()
	return s.db.Close()
}

func (s *Store) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	s.smu.Lock()
	defer s.smu.Unlock()
	if st, ok := s.stmts[q]; ok {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	s.stmts[q] = st
	return st, nil
}

// Backup writes a consistent copy of the database to destPath (VACUUM INTO).
func (s *Store) Backup(ctx context.Context, destPath string) error {
	if _, err := os.Stat(destPath); err == nil {
		return fmt.Errorf("sqlitestore: %s already exists", destPath)
	}
	_, err := s.db.ExecContext(ctx, "VACUUM INTO ?", destPath)
	return err
}

// Restore replaces the database at dbPath by the backup at backupPath and
// gives it a NEW epoch, so every client's cursor is refused (410) and each
// device may re-push what the backup lost (one forward jump in local_seq).
// The server must not be running on dbPath.
func Restore(backupPath, dbPath string) error {
	src, err := os.ReadFile(backupPath)
	if err != nil {
		return err
	}
	tmp := dbPath + ".restore-tmp"
	if err := os.WriteFile(tmp, src, 0o600); err != nil {
		return err
	}
	st, err := Open(tmp)
	if err != nil {
		os.Remove(tmp)
		return err
	}
	_, err = st.db.Exec(`UPDATE meta SET value = ? WHERE key = 'epoch'`, uuid.NewString())
	if err == nil {
		_, err = st.db.Exec(`UPDATE devices SET resync = 1`)
	}
	if err == nil {
		_, err = st.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	st.Close()
	if err != nil {
		os.Remove(tmp)
		return err
	}
	for _, suf := range []string{"-wal", "-shm"} {
		os.Remove(dbPath + suf)
		os.Remove(tmp + suf)
	}
	return os.Rename(tmp, dbPath)
}

// Epoch implements server.Store.
//
// The epoch changes only by Restore, which needs the server stopped, so it
// is read once: every push and pull reports it, and a read transaction each
// time cost a page-cache reset under load.
func (s *Store) Epoch(ctx context.Context) (string, error) {
	if e, ok := s.epoch.Load().(string); ok {
		return e, nil
	}
	var e string
	if err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'epoch'`).Scan(&e); err != nil {
		return "", err
	}
	s.epoch.Store(e)
	return e, nil
}

// Head implements server.Store.
func (s *Store) Head(ctx context.Context) (int64, error) {
	st, err := s.prepared(ctx, `SELECT value FROM meta WHERE key = 'seq'`)
	if err != nil {
		return 0, err
	}
	var v sql.NullString
	if err := st.QueryRowContext(ctx).Scan(&v); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	if !v.Valid {
		return 0, nil
	}
	return strconv.ParseInt(v.String, 10, 64)
}

// maxGroup bounds the Updates committed together.
const maxGroup = 64

// update is one queued Update call.
type update struct {
	ctx  context.Context
	fn   func(server.Tx) error
	err  error
	done chan struct{}
}

// Update implements server.Store with group commit: calls that arrive while
// another transaction is committing queue up, and the next writer runs the
// queued functions one after another in ONE SQLite transaction, each inside
// its own SAVEPOINT (a function that fails is rolled back alone, sequence
// numbers included), then commits once: one WAL sync for the group instead
// of one per call. Every caller returns after the commit that holds its
// work, so "durable when Update returns nil" holds for each; the functions
// still run one at a time, in arrival order.
func (s *Store) Update(ctx context.Context, fn func(server.Tx) error) error {
	u := &update{ctx: ctx, fn: fn, done: make(chan struct{})}
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
	if i := slices.Index(group, u); i < 0 {
		// Not in the first maxGroup: run the group anyway, then ours.
		s.runGroup(group)
		s.qmu.Lock()
		s.queue = slices.DeleteFunc(s.queue, func(x *update) bool { return x == u })
		s.qmu.Unlock()
		group = []*update{u}
	}
	s.runGroup(group)
	return u.err
}

// runGroup runs the group in one transaction and releases its callers.
func (s *Store) runGroup(group []*update) {
	defer func() {
		for _, u := range group {
			close(u.done)
		}
	}()
	fail := func(err error) {
		for _, u := range group {
			if u.err == nil {
				u.err = err
			}
		}
	}
	bg := context.WithoutCancel(group[0].ctx)
	s.ckpt.restartIfLong(bg)
	if s.w == nil {
		w, err := s.db.Conn(bg)
		if err != nil {
			fail(err)
			return
		}
		s.w = w
	}
	sqlTx, err := s.w.BeginTx(bg, nil)
	if err != nil {
		s.w.Close() // the next group takes a fresh connection
		s.w = nil
		fail(err)
		return
	}
	t := &tx{ctx: bg, tx: sqlTx, s: s, bound: map[string]*sql.Stmt{}}
	defer func() {
		for _, st := range t.bound {
			st.Close()
		}
	}()
	single := len(group) == 1
	t.grouped = !single
	ok := 0
	for _, u := range group {
		if err := u.ctx.Err(); err != nil {
			u.err = err
			continue
		}
		t.ctx = u.ctx
		seq, seqRead, seqDirty, nPuts := t.seq, t.seqRead, t.seqDirty, len(t.puts)
		t.inFn, t.sp = true, false
		u.err = u.fn(t)
		t.inFn = false
		t.ctx = bg
		if u.err == nil {
			// Outside any savepoint (and not cancelled with the caller):
			// a write that fails here fails the whole group.
			if err := t.flush(); err != nil {
				fail(err)
				sqlTx.Rollback()
				return
			}
		}
		if single {
			if u.err != nil {
				sqlTx.Rollback()
				return
			}
			ok++
			continue
		}
		if u.err == nil {
			ok++
		} else {
			t.seq, t.seqRead, t.seqDirty, t.puts = seq, seqRead, seqDirty, t.puts[:nPuts]
			// What the rolled-back function read, wrote or buffered no longer holds.
			t.forget()
			if t.sp {
				if _, err := sqlTx.ExecContext(bg, `ROLLBACK TO g`); err != nil {
					fail(err)
					sqlTx.Rollback()
					return
				}
			}
		}
		if t.sp {
			if _, err := sqlTx.ExecContext(bg, `RELEASE g`); err != nil {
				fail(err)
				sqlTx.Rollback()
				return
			}
		}
	}
	if ok == 0 {
		sqlTx.Rollback()
		return
	}
	if t.seqDirty {
		if _, err := sqlTx.ExecContext(bg, `INSERT INTO meta(key, value) VALUES ('seq', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
			strconv.FormatInt(t.seq, 10)); err != nil {
			fail(err)
			sqlTx.Rollback()
			return
		}
	}
	if err := sqlTx.Commit(); err != nil {
		fail(err)
		return
	}
	s.ckpt.poke()
	if t.seqDirty {
		s.tail.Commit(t.puts, t.seq)
	}
}

const itemCols = `seq, kind, tbl, id, device, scope, former, deleted, data, meta, idx`

func scanItem(sc interface{ Scan(...any) error }) (*server.Item, error) {
	var it server.Item
	var scope, former, data, meta, idx string
	var del int
	if err := sc.Scan(&it.Seq, &it.Kind, &it.Table, &it.ID, &it.Device, &scope, &former, &del, &data, &meta, &idx); err != nil {
		return nil, err
	}
	it.Deleted = del != 0
	var err error
	if it.Scope, err = parseList(scope); err != nil {
		return nil, err
	}
	if it.Former, err = parseList(former); err != nil {
		return nil, err
	}
	if data != "" {
		it.Data = json.RawMessage(data)
	}
	if meta != "" {
		it.Meta = json.RawMessage(meta)
	}
	if idx != "{}" && idx != "" {
		if err := json.Unmarshal([]byte(idx), &it.Index); err != nil {
			return nil, err
		}
	}
	return &it, nil
}

// Scan implements server.Store.
func (s *Store) Scan(ctx context.Context, after int64, limit int) ([]server.Item, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, kind, tbl, id, device, scope, former, deleted, data, '', '{}'
		FROM items WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []server.Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *it)
	}
	return out, rows.Err()
}

// scopedQuery is the ScanScoped query for n keys: each key's first limit
// seqs by the (key, seq) index, then those items in seq order.
func scopedQuery(n int) string {
	var b strings.Builder
	b.WriteString(`SELECT seq, kind, tbl, id, device, scope, former, deleted, data, '', '{}' FROM items WHERE seq IN (`)
	for i := range n {
		if i > 0 {
			b.WriteString(" UNION ALL ")
		}
		b.WriteString(`SELECT seq FROM (SELECT seq FROM item_scope WHERE key = ? AND seq > ? ORDER BY seq LIMIT ?)`)
	}
	b.WriteString(`) AND seq > ? ORDER BY seq LIMIT ?`)
	return b.String()
}

// ScanScoped implements server.Store.
//
// Near the head it answers from the tail (package itemtail) after one small read of
// the committed head; the items it returns share their slices with the
// tail and must not be changed.
func (s *Store) ScanScoped(ctx context.Context, after int64, limit int, sc server.ScanScope) ([]server.Item, error) {
	keys := sc.Keys()
	if head, err := s.Head(ctx); err != nil {
		return nil, err
	} else if items, ok := s.tail.Scan(after, limit, keys, head); ok {
		return items, nil
	}
	st, err := s.prepared(ctx, scopedQuery(len(keys)))
	if err != nil {
		return nil, err
	}
	args := make([]any, 0, 3*len(keys)+1)
	for _, k := range keys {
		args = append(args, k, after, limit)
	}
	rows, err := st.QueryContext(ctx, append(args, after, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []server.Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *it)
	}
	return out, rows.Err()
}

const deviceCols = `id, opd_kode, bkpsdm, token_hash, install_id, last_local_seq, resync, revoked, created, sign_key, box_key`

func scanDevice(sc interface{ Scan(...any) error }) (server.Device, error) {
	var d server.Device
	var bk, rs, rv int
	err := sc.Scan(&d.ID, &d.OPDKode, &bk, &d.TokenHash, &d.InstallID, &d.LastLocalSeq, &rs, &rv, &d.Created, &d.SignKey, &d.BoxKey)
	if errors.Is(err, sql.ErrNoRows) {
		return d, server.ErrNotFound
	}
	d.BKPSDM, d.Resync, d.Revoked = bk != 0, rs != 0, rv != 0
	return d, err
}

// DeviceByToken implements server.Store.
func (s *Store) DeviceByToken(ctx context.Context, tokenHash string) (server.Device, error) {
	return scanDevice(s.db.QueryRowContext(ctx, `SELECT `+deviceCols+` FROM devices WHERE token_hash = ?`, tokenHash))
}

// DeviceByID implements server.Store.
func (s *Store) DeviceByID(ctx context.Context, id string) (server.Device, error) {
	return scanDevice(s.db.QueryRowContext(ctx, `SELECT `+deviceCols+` FROM devices WHERE id = ?`, id))
}

// Devices implements server.Store.
func (s *Store) Devices(ctx context.Context) ([]server.Device, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+deviceCols+` FROM devices ORDER BY created, id`)
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
	rows, err := s.db.QueryContext(ctx, `SELECT device, stamp, clamped, server_time FROM skew ORDER BY n`)
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

// itemKey names a stored item (kind, table, id); with id empty, a kind and
// table (lookups).
type itemKey struct{ kind, tbl, id string }

type tx struct {
	ctx      context.Context
	tx       *sql.Tx
	s        *Store
	bound    map[string]*sql.Stmt
	seq      int64
	seqRead  bool
	seqDirty bool
	puts     []server.Item // what this transaction Put, for the tail after commit
	bases    map[itemKey]stored
	// items holds every item this transaction read or wrote, as stored now
	// (nil: absent), so Get answers from memory after the first read.
	items map[itemKey]*server.Item
	// pending and order: the items Put buffered and flush has not written
	// yet, in the order they were first put.
	pending map[itemKey]bool
	order   []itemKey
	// lookups remembers Lookup's answers by kind and table (itemKey without
	// id), then name and value; a Put of that kind and table forgets them.
	lookups map[itemKey]map[[2]string][]*server.Item
	// grouped: several functions share the transaction, so one that fails
	// must be rolled back alone. Their writes are buffered and written
	// after each function returns; only a function that writes during its
	// run (a full buffer, a skew record, a device read after a device
	// write) opens a savepoint first (sp): one per push, as before, walked
	// an in-memory journal with every page each statement touched.
	grouped, inFn, sp bool
	// devs: the devices PutDevice buffered; meta: the meta values read or
	// set (metaDirty: set and not yet written), so a group's pushes read
	// the same few keys once.
	devs      map[string]server.Device
	devOrder  []string
	meta      map[string]string
	metaDirty []string
}

// forget drops what the transaction remembered and buffered since its
// last flush: the function that read or wrote it was rolled back.
func (t *tx) forget() {
	t.bases, t.items, t.pending, t.order, t.lookups = nil, nil, nil, nil, nil
	t.devs, t.devOrder, t.meta, t.metaDirty = nil, nil, nil, nil
}

// writing readies the transaction for a statement that writes while a
// grouped function runs: its first such statement opens its savepoint.
func (t *tx) writing() error {
	if !t.grouped || !t.inFn || t.sp {
		return nil
	}
	if _, err := t.tx.ExecContext(context.WithoutCancel(t.ctx), `SAVEPOINT g`); err != nil {
		return err
	}
	t.sp = true
	return nil
}

// stmt returns the prepared statement q bound to this transaction.
func (t *tx) stmt(q string) (*sql.Stmt, error) {
	if st, ok := t.bound[q]; ok {
		return st, nil
	}
	p, err := t.s.prepared(t.ctx, q)
	if err != nil {
		return nil, err
	}
	st := t.tx.StmtContext(t.ctx, p)
	t.bound[q] = st
	return st, nil
}

func (t *tx) exec(q string, args ...any) error {
	st, err := t.stmt(q)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(t.ctx, args...)
	return err
}

func (t *tx) queryRow(q string, args ...any) *sql.Row {
	st, err := t.stmt(q)
	if err != nil {
		return t.tx.QueryRowContext(t.ctx, q, args...) // reports the same error
	}
	return st.QueryRowContext(t.ctx, args...)
}

func (t *tx) NextSeq() (int64, error) {
	if !t.seqRead {
		var v sql.NullString
		if err := t.tx.QueryRowContext(t.ctx, `SELECT value FROM meta WHERE key = 'seq'`).Scan(&v); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
		if v.Valid {
			n, err := strconv.ParseInt(v.String, 10, 64)
			if err != nil {
				return 0, err
			}
			t.seq = n
		}
		t.seqRead = true
		if known, _ := t.s.tail.Known(); t.seq != known {
			t.s.tail.Reset(t.seq) // another process committed since: start the tail again here
		}
	}
	t.seq++
	t.seqDirty = true
	return t.seq, nil
}

func (t *tx) Get(kind, table, id string) (*server.Item, error) {
	k := itemKey{kind, table, id}
	if it, ok := t.items[k]; ok {
		return cloneItem(it), nil
	}
	it, err := scanItem(t.queryRow(`SELECT `+itemCols+` FROM items WHERE kind = ? AND tbl = ? AND id = ?`, kind, table, id))
	if errors.Is(err, sql.ErrNoRows) {
		t.remember(k, nil)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	t.remember(k, it)
	return cloneItem(it), nil
}

// remember records an item as stored now (nil: absent), read by Get or
// Prefetch: later Gets of the transaction answer from memory (a push reads
// the same parents, OPDs and units over and over) and Put knows the stored
// version.
func (t *tx) remember(k itemKey, it *server.Item) {
	if t.items == nil {
		t.items = map[itemKey]*server.Item{}
	}
	t.items[k] = it
	t.setBase(k, it)
}

// cloneItem is a copy the caller may change (nil stays nil); Data and Meta
// are shared, as callers replace them rather than write into them.
func cloneItem(it *server.Item) *server.Item {
	if it == nil {
		return nil
	}
	c := *it
	c.Scope = slices.Clone(it.Scope)
	c.Former = slices.Clone(it.Former)
	if it.Index != nil {
		c.Index = make(map[string]string, len(it.Index))
		for k, v := range it.Index {
			c.Index[k] = v
		}
	}
	return &c
}

// Prefetch implements server.Prefetcher: the items a push will Get are read
// with one statement per (kind, table) instead of one each, and remembered
// for the transaction.
func (t *tx) Prefetch(set server.PrefetchSet) error {
	type group struct{ kind, table string }
	ids := map[group][]string{}
	var order []group
	for _, k := range set.Items {
		if _, ok := t.items[itemKey{k.Kind, k.Table, k.ID}]; ok {
			continue
		}
		g := group{k.Kind, k.Table}
		if _, ok := ids[g]; !ok {
			order = append(order, g)
		}
		ids[g] = append(ids[g], k.ID)
	}
	for _, g := range order {
		list, _ := json.Marshal(ids[g])
		st, err := t.stmt(`SELECT ` + itemCols + ` FROM items WHERE kind = ? AND tbl = ? AND id IN (SELECT value FROM json_each(?))`)
		if err != nil {
			return err
		}
		rows, err := st.QueryContext(t.ctx, g.kind, g.table, string(list))
		if err != nil {
			return err
		}
		found := map[string]bool{}
		for rows.Next() {
			it, err := scanItem(rows)
			if err != nil {
				rows.Close()
				return err
			}
			found[it.ID] = true
			t.remember(itemKey{it.Kind, it.Table, it.ID}, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range ids[g] {
			if !found[id] {
				t.remember(itemKey{g.kind, g.table, id}, nil)
			}
		}
	}
	return t.prefetchLookups(set.Lookups)
}

// prefetchLookups answers the set's lookups with one statement per (kind,
// table, name), and remembers the answers as Lookup would.
func (t *tx) prefetchLookups(keys []server.LookupKey) error {
	type group struct{ kind, table, name string }
	values := map[group][]string{}
	var order []group
	for _, l := range keys {
		if _, ok := t.lookups[itemKey{kind: l.Kind, tbl: l.Table}][[2]string{l.Name, l.Value}]; ok {
			continue
		}
		g := group{l.Kind, l.Table, l.Name}
		if _, ok := values[g]; !ok {
			order = append(order, g)
		}
		values[g] = append(values[g], l.Value)
	}
	for _, g := range order {
		vals := values[g]
		list, _ := json.Marshal(vals)
		st, err := t.stmt(`SELECT x.value, ` + prefixed("i.", itemCols) + ` FROM item_index x JOIN items i ON i.kind = x.kind AND i.tbl = x.tbl AND i.id = x.id
			WHERE x.kind = ? AND x.tbl = ? AND x.name = ? AND x.value IN (SELECT value FROM json_each(?)) ORDER BY x.value, x.id`)
		if err != nil {
			return err
		}
		rows, err := st.QueryContext(t.ctx, g.kind, g.table, g.name, string(list))
		if err != nil {
			return err
		}
		found := map[string][]*server.Item{}
		for rows.Next() {
			var v string
			var it *server.Item
			it, err = scanItem(valueFirst{rows, &v})
			if err != nil {
				break
			}
			found[v] = append(found[v], it)
		}
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
		if err != nil {
			return err
		}
		kt := itemKey{kind: g.kind, tbl: g.table}
		if t.lookups == nil {
			t.lookups = map[itemKey]map[[2]string][]*server.Item{}
		}
		if t.lookups[kt] == nil {
			t.lookups[kt] = map[[2]string][]*server.Item{}
		}
		for _, v := range vals {
			t.lookups[kt][[2]string{g.name, v}] = t.overlay(g.kind, g.table, g.name, v, found[v])
		}
	}
	return nil
}

// valueFirst scans a row whose first column is the looked-up value and the
// rest an item (scanItem's columns).
type valueFirst struct {
	rows  *sql.Rows
	value *string
}

func (r valueFirst) Scan(dest ...any) error {
	return r.rows.Scan(append([]any{r.value}, dest...)...)
}

// stored is what Put needs of an item's stored version.
type stored struct {
	exists                     bool
	seq                        int64
	scope, former, device, idx string
}

// setBase records the stored version of an item (nil: absent), read by
// Get or written by Put, so Put need not read it again.
func (t *tx) setBase(k itemKey, it *server.Item) {
	if t.bases == nil {
		t.bases = map[itemKey]stored{}
	}
	if it == nil {
		t.bases[k] = stored{}
		return
	}
	t.bases[k] = stored{exists: true, seq: it.Seq, scope: jsonList(it.Scope), former: jsonList(it.Former), device: it.Device, idx: server.IndexJSON(it.Index)}
}

// parseList reads a JSON list of ids; the common shapes without the
// decoder (a pull reads one per item).
func parseList(s string) ([]string, error) {
	switch {
	case s == "[]" || s == "":
		return nil, nil
	case len(s) > 4 && s[0] == '[' && s[1] == '"' && s[len(s)-2] == '"' && s[len(s)-1] == ']' && !strings.ContainsAny(s[2:len(s)-2], `"\`):
		return []string{s[2 : len(s)-2]}, nil
	}
	var l []string
	err := json.Unmarshal([]byte(s), &l)
	return l, err
}

// jsonList is json.Marshal(l) ("[]" for none) without its reflection.
func jsonList(l []string) string {
	if len(l) == 0 {
		return "[]"
	}
	b := make([]byte, 0, 40*len(l))
	b = append(b, '[')
	for i, s := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = rowjson.AppendString(b, s)
	}
	return string(append(b, ']'))
}

// Put implements server.Tx. The write is buffered: flush writes the
// buffered items set-wise (a few multi-row statements for many items
// instead of three statements each) at the end of each Update function and
// when the buffer is full. Get answers from the transaction's memory and
// Lookup merges the buffered items, so both see them.
func (t *tx) Put(it *server.Item) error {
	if it.Seq <= 0 {
		return fmt.Errorf("sqlitestore: Put without a seq")
	}
	k := itemKey{it.Kind, it.Table, it.ID}
	if _, known := t.bases[k]; !known {
		// The stored version decides what else changes (index and scope
		// entries); known when this transaction read or wrote the item.
		var o server.Item
		var scope, former, idx string
		err := t.queryRow(`SELECT seq, scope, former, device, idx FROM items WHERE kind = ? AND tbl = ? AND id = ?`,
			it.Kind, it.Table, it.ID).Scan(&o.Seq, &scope, &former, &o.Device, &idx)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if t.bases == nil {
			t.bases = map[itemKey]stored{}
		}
		if errors.Is(err, sql.ErrNoRows) {
			t.bases[k] = stored{}
		} else {
			if o.Scope, err = parseList(scope); err != nil {
				return err
			}
			if o.Former, err = parseList(former); err != nil {
				return err
			}
			t.bases[k] = stored{exists: true, seq: o.Seq, scope: jsonList(o.Scope), former: jsonList(o.Former), device: o.Device, idx: idx}
		}
	}
	// The tail's copy, as the database path of ScanScoped reads it back
	// (empty lists and data as nil, no Meta or Index).
	c := server.Item{Seq: it.Seq, Kind: it.Kind, Table: it.Table, ID: it.ID, Device: it.Device, Deleted: it.Deleted}
	if len(it.Scope) > 0 {
		c.Scope = slices.Clone(it.Scope)
	}
	if len(it.Former) > 0 {
		c.Former = slices.Clone(it.Former)
	}
	if len(it.Data) > 0 {
		c.Data = slices.Clone(it.Data)
	}
	t.puts = append(t.puts, c)
	// As Get would read it back: empty lists, index and texts as nil.
	m := cloneItem(it)
	m.Data, m.Meta = c.Data, nil
	if len(it.Meta) > 0 {
		m.Meta = slices.Clone(it.Meta)
	}
	if len(m.Scope) == 0 {
		m.Scope = nil
	}
	if len(m.Former) == 0 {
		m.Former = nil
	}
	if len(m.Index) == 0 {
		m.Index = nil
	}
	if t.items == nil {
		t.items = map[itemKey]*server.Item{}
	}
	prev, known := t.items[k]
	if !known && t.bases[k].exists {
		// The stored version's index is not at hand: which remembered
		// answers held it is not known, so none of its table's are kept.
		delete(t.lookups, itemKey{kind: it.Kind, tbl: it.Table})
	} else {
		t.relook(k, prev, m)
	}
	t.items[k] = m
	if t.pending == nil {
		t.pending = map[itemKey]bool{}
	}
	if !t.pending[k] {
		t.pending[k] = true
		t.order = append(t.order, k)
	}
	if len(t.order) >= maxPending {
		return t.flush()
	}
	return nil
}

// maxPending bounds the items Put buffers before it writes them.
const maxPending = 512

// rowsPerStmt is how many rows one multi-row statement of flush writes
// (11 columns × 64 rows stays far below SQLite's variable limit).
const rowsPerStmt = 64

// flush writes the buffered items: for each, its index entries when they
// changed, its scope entries at its new seq, and its row, each kind of
// write as multi-row statements. The buffer holds each item's latest
// version once, and bases its stored one, so the outcome is the same as
// writing the Puts one by one.
func (t *tx) flush() error {
	if len(t.order) == 0 && len(t.devOrder) == 0 && len(t.metaDirty) == 0 {
		return nil
	}
	if err := t.writing(); err != nil {
		return err
	}
	if err := t.flushDevices(); err != nil {
		return err
	}
	for _, k := range t.metaDirty {
		if err := t.exec(`INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, k, t.meta[k]); err != nil {
			return err
		}
	}
	t.metaDirty = t.metaDirty[:0]
	if len(t.order) == 0 {
		return nil
	}
	var delIndex, insIndex, delScope, insScope, rows []any
	for _, k := range t.order {
		it := t.items[k]
		old := t.bases[k]
		idx := server.IndexJSON(it.Index)
		scope, former := jsonList(it.Scope), jsonList(it.Former)
		if !old.exists || old.idx != idx {
			if old.exists && old.idx != "{}" && old.idx != "" {
				// The entries the stored version wrote, by their keys.
				var was map[string]string
				if err := json.Unmarshal([]byte(old.idx), &was); err != nil {
					return fmt.Errorf("sqlitestore: stored index of %s/%s/%s: %w", it.Kind, it.Table, it.ID, err)
				}
				for n, v := range was {
					delIndex = append(delIndex, it.Kind, it.Table, n, v, it.ID)
				}
			}
			names := make([]string, 0, len(it.Index))
			for n := range it.Index {
				names = append(names, n)
			}
			slices.Sort(names)
			for _, n := range names {
				insIndex = append(insIndex, it.Kind, it.Table, n, it.Index[n], it.ID)
			}
		}
		// The scope entries move to the new seq: the old seq's go, the
		// item's keys come at its seq (the same keys when kind, scope,
		// former and device are unchanged).
		if old.exists {
			was := server.Item{Kind: it.Kind, Device: old.device}
			var err error
			if was.Scope, err = parseList(old.scope); err != nil {
				return err
			}
			if was.Former, err = parseList(old.former); err != nil {
				return err
			}
			for _, key := range server.ScopeKeys(&was) {
				delScope = append(delScope, key, old.seq)
			}
		}
		for _, key := range server.ScopeKeys(it) {
			insScope = append(insScope, key, it.Seq)
		}
		del := 0
		if it.Deleted {
			del = 1
		}
		rows = append(rows, it.Seq, it.Kind, it.Table, it.ID, it.Device, scope, former, del, string(it.Data), string(it.Meta), idx)
		t.bases[k] = stored{exists: true, seq: it.Seq, scope: scope, former: former, device: it.Device, idx: idx}
	}
	t.order, t.pending = t.order[:0], nil
	if err := t.execRows(`DELETE FROM item_index WHERE (kind, tbl, name, value, id) IN (VALUES `, `)`, 5, delIndex); err != nil {
		return err
	}
	if err := t.execRows(`INSERT OR IGNORE INTO item_index(kind, tbl, name, value, id) VALUES `, ``, 5, insIndex); err != nil {
		return err
	}
	if err := t.execRows(`DELETE FROM item_scope WHERE (key, seq) IN (VALUES `, `)`, 2, delScope); err != nil {
		return err
	}
	if err := t.execRows(`INSERT OR IGNORE INTO item_scope(key, seq) VALUES `, ``, 2, insScope); err != nil {
		return err
	}
	// REPLACE removes the old row by (kind, tbl, id).
	return t.execRows(`INSERT OR REPLACE INTO items(`+itemCols+`) VALUES `, ``, 11, rows)
}

// execRows runs head + "(?,…),(?,…)…" + end over args, cols values a row,
// rowsPerStmt rows a statement (each statement text prepared once).
func (t *tx) execRows(head, end string, cols int, args []any) error {
	for len(args) > 0 {
		n := min(len(args)/cols, rowsPerStmt)
		if err := t.exec(rowsQuery(head, end, cols, n), args[:n*cols]...); err != nil {
			return err
		}
		args = args[n*cols:]
	}
	return nil
}

func rowsQuery(head, end string, cols, n int) string {
	var b strings.Builder
	b.WriteString(head)
	row := "(?" + strings.Repeat(",?", cols-1) + ")"
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(row)
	}
	b.WriteString(end)
	return b.String()
}

// relook brings the remembered Lookup answers up to date with a Put of k
// from version prev (nil: absent) to cur. A push's duplicate-NIP checks
// then answer from its prefetch even after the pegawai rows they look at
// were written.
func (t *tx) relook(k itemKey, prev, cur *server.Item) {
	byValue := t.lookups[itemKey{kind: k.kind, tbl: k.tbl}]
	if len(byValue) == 0 {
		return
	}
	server.PutTouches(prev, cur, func(name, value string) {
		nv := [2]string{name, value}
		if l, ok := byValue[nv]; ok {
			byValue[nv] = server.FollowPut(l, cur, name, value, cloneItem)
		}
	})
}

// Lookup implements server.Tx. Its answers are remembered for the
// transaction and kept up to date by Put (relook): every change of a push
// looks its actor up, and each new pegawai its NIP.
func (t *tx) Lookup(kind, table, name, value string) ([]*server.Item, error) {
	kt, nv := itemKey{kind: kind, tbl: table}, [2]string{name, value}
	if l, ok := t.lookups[kt][nv]; ok {
		out := make([]*server.Item, len(l))
		for i, it := range l {
			out[i] = cloneItem(it)
		}
		return out, nil
	}
	out, err := t.lookup(kind, table, name, value)
	if err != nil {
		return nil, err
	}
	if t.lookups == nil {
		t.lookups = map[itemKey]map[[2]string][]*server.Item{}
	}
	if t.lookups[kt] == nil {
		t.lookups[kt] = map[[2]string][]*server.Item{}
	}
	l := make([]*server.Item, len(out))
	for i, it := range out {
		l[i] = cloneItem(it)
	}
	t.lookups[kt][nv] = l
	return out, nil
}

func (t *tx) lookup(kind, table, name, value string) ([]*server.Item, error) {
	st, err := t.stmt(`SELECT ` + prefixed("i.", itemCols) + ` FROM item_index x JOIN items i ON i.kind = x.kind AND i.tbl = x.tbl AND i.id = x.id
		WHERE x.kind = ? AND x.tbl = ? AND x.name = ? AND x.value = ? ORDER BY x.id`)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(t.ctx, kind, table, name, value)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*server.Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return t.overlay(kind, table, name, value, out), nil
}

// overlay puts the buffered Puts over a Lookup's answer from the database:
// a buffered item replaces its stored version (matching or not), as the
// buffered items are not in the index yet.
func (t *tx) overlay(kind, table, name, value string, stored []*server.Item) []*server.Item {
	out := stored[:0]
	for _, it := range stored {
		if !t.pending[itemKey{it.Kind, it.Table, it.ID}] {
			out = append(out, it)
		}
	}
	n := len(out)
	for _, k := range t.order {
		if k.kind != kind || k.tbl != table {
			continue
		}
		it := t.items[k]
		if v, ok := it.Index[name]; ok && v == value {
			out = append(out, cloneItem(it))
		}
	}
	if len(out) > n {
		slices.SortFunc(out, func(a, b *server.Item) int { return strings.Compare(a.ID, b.ID) })
	}
	return out
}

func prefixed(p, cols string) string {
	out := ""
	start := 0
	for i := 0; i <= len(cols); i++ {
		if i == len(cols) || cols[i] == ',' {
			c := cols[start:i]
			for len(c) > 0 && c[0] == ' ' {
				c = c[1:]
			}
			if out != "" {
				out += ", "
			}
			out += p + c
			start = i + 1
		}
	}
	return out
}

func (t *tx) Device(id string) (server.Device, error) {
	if d, ok := t.devs[id]; ok {
		return d, nil
	}
	// A buffered device may have replaced this one (same token): write
	// them first, so the read sees what the writes left.
	if len(t.devOrder) > 0 {
		if err := t.writing(); err != nil {
			return server.Device{}, err
		}
		if err := t.flushDevices(); err != nil {
			return server.Device{}, err
		}
	}
	return scanDevice(t.queryRow(`SELECT `+deviceCols+` FROM devices WHERE id = ?`, id))
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// PutDevice buffers the device; flush writes it (every push writes its
// device once, at its end).
func (t *tx) PutDevice(d server.Device) error {
	if t.devs == nil {
		t.devs = map[string]server.Device{}
	}
	if _, ok := t.devs[d.ID]; !ok {
		t.devOrder = append(t.devOrder, d.ID)
	}
	t.devs[d.ID] = d
	return nil
}

// flushDevices writes the buffered devices in the order they were first put.
func (t *tx) flushDevices() error {
	for _, id := range t.devOrder {
		d := t.devs[id]
		if err := t.exec(`INSERT OR REPLACE INTO devices(`+deviceCols+`) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
			d.ID, d.OPDKode, b2i(d.BKPSDM), d.TokenHash, d.InstallID, d.LastLocalSeq, b2i(d.Resync), b2i(d.Revoked), d.Created, d.SignKey, d.BoxKey); err != nil {
			return err
		}
	}
	t.devs, t.devOrder = nil, t.devOrder[:0]
	return nil
}

// Meta reads a meta value once per transaction (this transaction is the
// only writer while it runs).
func (t *tx) Meta(key string) (string, error) {
	if v, ok := t.meta[key]; ok {
		return v, nil
	}
	var v string
	err := t.queryRow(`SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		v, err = "", nil
	}
	if err != nil {
		return "", err
	}
	if t.meta == nil {
		t.meta = map[string]string{}
	}
	t.meta[key] = v
	return v, nil
}

// SetMeta buffers the value; flush writes it.
func (t *tx) SetMeta(key, value string) error {
	if key == "seq" || key == "epoch" {
		return fmt.Errorf("sqlitestore: meta key %q is reserved", key)
	}
	if t.meta == nil {
		t.meta = map[string]string{}
	}
	if !slices.Contains(t.metaDirty, key) {
		t.metaDirty = append(t.metaDirty, key)
	}
	t.meta[key] = value
	return nil
}

func (t *tx) AddSkew(k server.Skew) error {
	if err := t.writing(); err != nil {
		return err
	}
	_, err := t.tx.ExecContext(t.ctx, `INSERT INTO skew(device, stamp, clamped, server_time) VALUES (?,?,?,?)`, k.DeviceID, k.Stamp, k.Clamped, k.ServerTime)
	return err
}
