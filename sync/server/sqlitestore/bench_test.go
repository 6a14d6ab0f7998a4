package sqlitestore_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
	"github.com/google/uuid"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkGroupedPush: 32 devices push 10 changes each (5 new rows, 5
// edits) at once through server.Push, so the writer commits them in groups
// as under the load test; reports the process CPU per change.
func BenchmarkGroupedPush(b *testing.B) {
	ctx := context.Background()
	st, err := sqlitestore.Open(filepath.Join(b.TempDir(), "s.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	srv, err := server.New(st, server.Options{})
	if err != nil {
		b.Fatal(err)
	}
	const devices = 32
	type device struct {
		id, install string
		clock       *hlc.Clock
		seq         int64
		ids         []string
	}
	devs := make([]*device, devices)
	for i := range devs {
		id, _, err := srv.AddDevice(ctx, "", true)
		if err != nil {
			b.Fatal(err)
		}
		devs[i] = &device{id: id, install: uuid.NewString(), clock: hlc.New(nil, hlc.Timestamp{})}
	}
	var n atomic.Int64
	push := func(d *device, i int) {
		change := func(id, op string, cols map[string]any) protocol.Change {
			d.seq++
			return protocol.Change{LocalSeq: d.seq, ChangeID: uuid.NewString(), Table: "jabatan", RowID: id, Op: op, Cols: cols,
				HLC: d.clock.Now().String(), SchemaVersion: protocol.SchemaVersion}
		}
		var chs []protocol.Change
		for range 5 {
			id := uuid.NewString()
			d.ids = append(d.ids, id)
			chs = append(chs, change(id, protocol.OpInsert, map[string]any{"kode": fmt.Sprintf("J%s", id[:8]), "nama": "Jabatan", "jenis": "JFU",
				"jenjang": "", "kelas": 7, "min_pendidikan": 6, "jurusan": "[]", "golongan_min": 0, "golongan_max": 0, "bup": 58}))
		}
		for j := range 5 {
			chs = append(chs, change(d.ids[(i*7+j*3)%len(d.ids)], protocol.OpUpdate, map[string]any{"nama": fmt.Sprintf("Jabatan %d-%d", i, j)}))
		}
		resp, herr := srv.Push(ctx, d.id, protocol.PushRequest{DeviceID: d.install, SchemaVersion: protocol.SchemaVersion, Changes: chs})
		if herr != nil || len(resp.Dispositions) != 10 {
			b.Errorf("push: %v %+v", herr, resp)
			return
		}
		n.Add(10)
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	var wg sync.WaitGroup
	for k, d := range devs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := k; i < b.N; i += devices {
				push(d, i)
			}
		}()
	}
	wg.Wait()
	cpu := cpuTime() - cpu0
	if n.Load() == 0 {
		b.Fatal("no change pushed")
	}
	b.ReportMetric(float64(cpu.Microseconds())/float64(n.Load()), "cpu-µs/change")
	b.ReportMetric(float64(n.Load())/b.Elapsed().Seconds(), "changes/s")
}
