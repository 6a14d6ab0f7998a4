package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
	"github.com/jackc/pgx/v5"
)

// withParam is connURL with one more query parameter.
func withParam(t *testing.T, connURL, key, value string) string {
	t.Helper()
	u, err := url.Parse(connURL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

// prefetchingPut is a queued Update that prefetches its item and a lookup
// (as a push does) and writes the item.
func prefetchingPut(ctx context.Context, id, nip string) *update {
	set := &server.PrefetchSet{
		Device:  "dev-" + id,
		Items:   []server.ItemKey{{Kind: server.ItemRow, Table: "pegawai", ID: id}},
		Lookups: []server.LookupKey{{Kind: server.ItemRow, Table: "pegawai", Name: "nip", Value: nip}},
	}
	return &update{ctx: ctx, set: set, done: make(chan struct{}), fn: func(tx server.Tx) error {
		if _, err := tx.Get(server.ItemRow, "pegawai", id); err != nil {
			return err
		}
		if _, err := tx.Lookup(server.ItemRow, "pegawai", "nip", nip); err != nil {
			return err
		}
		seq, err := tx.NextSeq()
		if err != nil {
			return err
		}
		return tx.Put(&server.Item{Seq: seq, Kind: server.ItemRow, Table: "pegawai", ID: id, Scope: []string{"o"},
			Data: json.RawMessage(fmt.Sprintf(`{"nip":%q}`, nip)), Index: map[string]string{"nip": nip}})
	}}
}

// TestStatementsArePlannedWithTheirParameters: the store's connections
// never run a cached generic plan for a statement with parameters. A
// generic plan made while the tables were small kept a sequential scan of
// items for the group's prefetch after they had grown (0.3–0.4 s a group
// under load instead of milliseconds).
func TestStatementsArePlannedWithTheirParameters(t *testing.T) {
	ctx := context.Background()
	// One connection: the test's own query sees the writer's statements.
	st, err := Open(ctx, withParam(t, pgtest.NewDatabase(t), "pool_max_conns", "1"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for g := range 12 { // past the five custom plans PostgreSQL tries first
		group := []*update{prefetchingPut(ctx, fmt.Sprintf("a%d", g), "1"), prefetchingPut(ctx, fmt.Sprintf("b%d", g), "2")}
		st.runGroup(group)
		for _, u := range group {
			if u.err != nil {
				t.Fatal(u.err)
			}
		}
	}
	var generic, custom int64
	err = st.Pool().QueryRow(ctx, `SELECT coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0)
		FROM pg_prepared_statements WHERE cardinality(parameter_types) > 0`).Scan(&generic, &custom)
	if err != nil {
		t.Fatal(err)
	}
	if generic != 0 || custom < 12 {
		t.Fatalf("statements with parameters: %d generic plans, %d custom plans; want 0 generic", generic, custom)
	}
}

// sqlRecorder records the statements sent in batches.
type sqlRecorder struct {
	queryCounter
	mu  sync.Mutex
	sql []string
}

func (r *sqlRecorder) TraceBatchQuery(_ context.Context, _ *pgx.Conn, d pgx.TraceBatchQueryData) {
	r.mu.Lock()
	r.sql = append(r.sql, d.SQL)
	r.mu.Unlock()
}

// TestGroupPrefetchIsOneStatementPerRead: a group's prefetch reads its
// devices, items and each lookup (kind, table, name) in one statement each,
// whatever the number of pushes, and each push still sees what it read.
func TestGroupPrefetchIsOneStatementPerRead(t *testing.T) {
	ctx := context.Background()
	rec := &sqlRecorder{}
	st := openTraced(t, rec)
	var group []*update
	for i := range 6 {
		group = append(group, prefetchingPut(ctx, fmt.Sprintf("p%d", i), fmt.Sprint(i%2)))
	}
	rec.mu.Lock()
	rec.sql = nil
	rec.mu.Unlock()
	st.runGroup(group)
	for _, u := range group {
		if u.err != nil {
			t.Fatal(u.err)
		}
	}
	count := func(part string) int {
		n := 0
		for _, q := range rec.sql {
			if strings.Contains(q, part) {
				n++
			}
		}
		return n
	}
	for part, want := range map[string]int{
		"FROM devices WHERE":              1,
		"JOIN items i ON i.kind = k.kind": 1,
		"FROM item_index x JOIN items i":  1,
		"SELECT seq FROM seq_counter":     1,
		"INSERT INTO items(":              6, // one per push: each is written before the next one's savepoint
	} {
		if got := count(part); got != want {
			t.Errorf("%q: %d statements, want %d", part, got, want)
		}
	}
	// The six are stored, each with its own index entry.
	for i := range 6 {
		err := st.Update(ctx, func(tx server.Tx) error {
			l, err := tx.Lookup(server.ItemRow, "pegawai", "nip", fmt.Sprint(i%2))
			if err != nil {
				return err
			}
			for _, it := range l {
				if it.ID == fmt.Sprintf("p%d", i) {
					return nil
				}
			}
			return fmt.Errorf("p%d not found by its nip", i)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
