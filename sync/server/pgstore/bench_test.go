package pgstore

import (
	"context"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// queryCounter counts queries and batches (each one round trip).
type queryCounter struct{ n atomic.Int64 }

func (c *queryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}
func (c *queryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}
func (c *queryCounter) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	c.n.Add(1)
	return ctx
}
func (c *queryCounter) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}
func (c *queryCounter) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData)     {}

var counter = &queryCounter{}

// BenchmarkPush10 is one device's push of 10 changes (5 new rows, 5 edits
// of existing ones) through server.Push, without HTTP: the serialised
// write path whose rate bounds the server's push throughput.
func BenchmarkPush10(b *testing.B) {
	run := func(b *testing.B, st server.Store) {
		ctx := context.Background()
		srv, err := server.New(st, server.Options{})
		if err != nil {
			b.Fatal(err)
		}
		devID, _, err := srv.AddDevice(ctx, "", true)
		if err != nil {
			b.Fatal(err)
		}
		install, clock := uuid.NewString(), hlc.New(nil, hlc.Timestamp{})
		var seq int64
		var ids []string
		jab := func(n int) map[string]any {
			return map[string]any{"kode": fmt.Sprintf("J%d", n), "nama": fmt.Sprintf("Jabatan %d", n), "jenis": "JFU", "jenjang": "", "kelas": 7,
				"min_pendidikan": 6, "jurusan": "[]", "golongan_min": 0, "golongan_max": 0, "bup": 58}
		}
		change := func(id, op string, cols map[string]any) protocol.Change {
			seq++
			return protocol.Change{LocalSeq: seq, ChangeID: uuid.NewString(), Table: "jabatan", RowID: id, Op: op, Cols: cols,
				HLC: clock.Now().String(), SchemaVersion: protocol.SchemaVersion}
		}
		b.ResetTimer()
		for i := range b.N {
			var chs []protocol.Change
			for j := range 5 {
				id := uuid.NewString()
				ids = append(ids, id)
				chs = append(chs, change(id, protocol.OpInsert, jab(i*10+j)))
			}
			for j := range 5 {
				chs = append(chs, change(ids[(i*7+j*3)%len(ids)], protocol.OpUpdate, map[string]any{"nama": fmt.Sprintf("Jabatan %d-%d", i, j)}))
			}
			resp, herr := srv.Push(ctx, devID, protocol.PushRequest{DeviceID: install, SchemaVersion: protocol.SchemaVersion, Changes: chs})
			if herr != nil || len(resp.Dispositions) != 10 {
				b.Fatalf("push: %v %+v", herr, resp)
			}
		}
		b.ReportMetric(float64(b.N*10)/b.Elapsed().Seconds(), "changes/s")
		if n := counter.n.Load(); n > 0 {
			b.ReportMetric(float64(n)/float64(b.N), "roundtrips/op")
		}
	}
	b.Run("sqlite", func(b *testing.B) {
		st, err := sqlitestore.Open(filepath.Join(b.TempDir(), "s.db"))
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		run(b, st)
	})
	for _, mode := range []string{"postgres", "postgres-nocache"} {
		b.Run(mode, func(b *testing.B) {
			noTxCache = mode == "postgres-nocache"
			testTracer = counter
			defer func() { noTxCache, testTracer = false, nil }()
			st, err := Open(context.Background(), pgtest.NewDatabase(b))
			if err != nil {
				b.Fatal(err)
			}
			counter.n.Store(0)
			defer counter.n.Store(0)
			defer st.Close()
			run(b, st)
		})
	}
}
