package loadtest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/google/uuid"
)

// Config is one load run.
type Config struct {
	BaseURL  string
	HTTP     *http.Client
	Devices  int           // simulated OPD desktops
	OPDs     int           // they are spread over this many OPDs
	Rate     float64       // changes per second per device
	Interval time.Duration // each device syncs (push, then pull to the head) this often
	Duration time.Duration // measured phase
	Rows     int           // employees each device keeps editing (inserted first)
	// PullEvery: a device pulls after every PullEvery-th push (default 1;
	// negative: never, to measure the push path alone).
	PullEvery int
	// Register creates a device on the server and returns its token
	// (opdKode "" = BKPSDM; the OPDs are OPDKode(0…OPDs-1)).
	Register func(ctx context.Context, opdKode string) (string, error)
	// Phase, if set, is called as the measured phase starts (true) and ends.
	Phase func(measuring bool)
}

// pushBatch is the most changes one push carries (sync/client's default).
const pushBatch = 500

// OPDKode is the kode of the i-th OPD of a run (0-based).
func OPDKode(i int) string { return fmt.Sprintf("LT-%03d", i+1) }

// Result are the figures of a run.
type Result struct {
	Devices, OPDs    int
	Offered          float64 // changes/s asked for (Devices × Rate)
	Elapsed          time.Duration
	Syncs            int64 // completed push+pull sessions
	Changes          int64 // changes with a disposition
	Pushes, Pulls    int64 // requests
	PulledEntries    int64
	Errors           int64
	FirstError       string
	Late             int64   // sync slots skipped because the previous sync was still running
	Generated        int64   // changes the simulated users made and pushed (with or without success)
	Backlog          int64   // changes made after each device's last sync, still in its outbox at the end
	Throughput       float64 // changes/s disposed
	PushP50, PushP99 time.Duration
	PushMax          time.Duration
	// PushP99Windows is the push p99 of each timelineWindow of the run.
	PushP99Windows   []time.Duration
	PullP50, PullP99 time.Duration
	SyncP50, SyncP99 time.Duration
	// CPU is the user+system CPU time of this process (server and clients
	// together when the server runs in process) during the measured phase.
	CPU time.Duration
	// ServerCPU is the server process's, when it runs in its own (0 if not).
	ServerCPU time.Duration
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func pct(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	i := int(float64(len(d)-1) * p)
	return d[i]
}

// nipFor is the n-th distinct valid NIP (birth date, TMT CPNS 2010-01,
// male, sequence) and its birth date.
func nipFor(n int64) (nip, birth string) {
	seq := 1 + n%999
	day := 1 + (n/999)%28
	month := 1 + (n/(999*28))%12
	year := 1970 + (n/(999*28*12))%20
	birth = fmt.Sprintf("%04d-%02d-%02d", year, month, day)
	return fmt.Sprintf("%04d%02d%02d2010011%03d", year, month, day, seq), birth
}

func pegawai(n int64, opd, unit, jab string) map[string]any {
	nip, birth := nipFor(n)
	return map[string]any{"nip": nip, "nama": fmt.Sprintf("Pegawai Uji %d", n), "gelar_depan": "", "gelar_belakang": "", "jenis_kelamin": "L",
		"tempat_lahir": "Sorong", "tanggal_lahir": birth, "status": "PNS", "golongan": 31, "golongan_pppk": 0, "pendidikan": 40,
		"jurusan": "", "opd_id": opd, "unit_id": unit, "jabatan_id": jab, "tmt_jabatan": "2020-01-01", "tmt_cpns": "", "tmt_pns": "2011-01-01",
		"keluar_pada": "", "instansi_tujuan": ""}
}

type opdRef struct{ kode, id, unit string }

// seed loads the reference data the devices write under: a Pemda, the
// OPDs with a unit each, one jabatan.
func seed(ctx context.Context, cfg Config) ([]opdRef, string, error) {
	tok, err := cfg.Register(ctx, "")
	if err != nil {
		return nil, "", err
	}
	admin := NewClient(cfg.BaseURL, tok, cfg.HTTP)
	pemda, jab := uuid.NewString(), uuid.NewString()
	chs := []protocol.Change{
		admin.Change("pemda", pemda, protocol.OpInsert, map[string]any{"kode": "9171", "nama": "Kota Uji", "demo": 1}, 0),
		admin.Change("jabatan", jab, protocol.OpInsert, map[string]any{"kode": "J1", "nama": "Analis", "jenis": "PELAKSANA", "jenjang": "", "kelas": 7,
			"min_pendidikan": 40, "jurusan": "[]", "golongan_min": 0, "golongan_max": 0, "bup": 58}, 0),
	}
	var opds []opdRef
	for i := range cfg.OPDs {
		o := opdRef{kode: OPDKode(i), id: uuid.NewString(), unit: uuid.NewString()}
		opds = append(opds, o)
		chs = append(chs,
			admin.Change("opd", o.id, protocol.OpInsert, map[string]any{"pemda_id": pemda, "kode": o.kode, "nama": "Dinas Uji " + o.kode,
				"singkatan": o.kode, "jenis": "DINAS", "alamat": ""}, 0),
			admin.Change("unit", o.unit, protocol.OpInsert, map[string]any{"opd_id": o.id, "parent_id": nil, "kode": "U1", "nama": "Sekretariat"}, 0))
	}
	resp, err := admin.Push(ctx, chs)
	if err != nil {
		return nil, "", fmt.Errorf("seed: %w", err)
	}
	for _, d := range resp.Dispositions {
		if d.Status != protocol.StatusApplied {
			return nil, "", fmt.Errorf("seed: %+v", d)
		}
	}
	return opds, jab, nil
}

// Run seeds the server, registers the devices, lets each pull the region,
// then runs the measured phase: every device, every Interval (random
// phase), pushes Rate×Interval changes (inserts of its own employees first,
// then edits of them) and pulls to the head.
func Run(ctx context.Context, cfg Config) (Result, error) {
	if cfg.HTTP == nil {
		cfg.HTTP = http.DefaultClient
	}
	if cfg.OPDs <= 0 {
		cfg.OPDs = 1
	}
	if cfg.Rows <= 0 {
		cfg.Rows = 20
	}
	if cfg.PullEvery == 0 {
		cfg.PullEvery = 1
	}
	res := Result{Devices: cfg.Devices, OPDs: cfg.OPDs, Offered: float64(cfg.Devices) * cfg.Rate}
	opds, jab, err := seed(ctx, cfg)
	if err != nil {
		return res, err
	}
	type device struct {
		c    *Client
		opd  opdRef
		rows []string
	}
	devs := make([]*device, cfg.Devices)
	for i := range devs {
		o := opds[i%len(opds)]
		tok, err := cfg.Register(ctx, o.kode)
		if err != nil {
			return res, err
		}
		devs[i] = &device{c: NewClient(cfg.BaseURL, tok, cfg.HTTP), opd: o}
	}
	// Bootstrap: each device pulls the region (not measured).
	var bw sync.WaitGroup
	sem := make(chan struct{}, 16)
	var bootErr atomic.Value
	for _, d := range devs {
		bw.Add(1)
		sem <- struct{}{}
		go func() {
			defer bw.Done()
			defer func() { <-sem }()
			if _, err := d.c.PullAll(ctx, 256<<10, nil); err != nil {
				bootErr.Store(err)
			}
		}()
	}
	bw.Wait()
	if e, ok := bootErr.Load().(error); ok {
		return res, fmt.Errorf("bootstrap pull: %w", e)
	}

	per := max(1, int(cfg.Rate*cfg.Interval.Seconds()+0.5))
	var mu sync.Mutex
	var pullLat, syncLat []time.Duration
	var pushAt []timedLatency // each push's latency and when it started
	var nip atomic.Int64
	var syncs, changes, pushes, pulls, entries, errs, late, generated, backlog atomic.Int64
	var firstErr atomic.Value
	fail := func(err error) {
		errs.Add(1)
		firstErr.CompareAndSwap(nil, err.Error())
	}
	runCtx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	if cfg.Phase != nil {
		cfg.Phase(true)
	}
	start, cpu0 := time.Now(), cpuTime()
	var wg sync.WaitGroup
	for di, d := range devs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(di), 99))
			phase := time.Duration(r.Int64N(int64(cfg.Interval)))
			select {
			case <-time.After(phase):
			case <-runCtx.Done():
				return
			}
			next := time.Now()
			// The device's outbox: its user makes Rate changes per second
			// whatever the network does; each sync pushes what is waiting
			// (up to pushBatch, as the real client), so a slow sync makes
			// the next push larger instead of losing the changes.
			began, made := next, 0
			defer func() {
				// what the user made since the last sync: still in the outbox
				backlog.Add(int64(max(0, int(cfg.Rate*time.Since(began).Seconds())+per-made)))
			}()
			for tick := 1; runCtx.Err() == nil; tick++ {
				t0 := time.Now()
				n := int(cfg.Rate*t0.Sub(began).Seconds()) + per - made
				n = min(max(n, 0), pushBatch)
				made += n
				generated.Add(int64(n))
				chs := make([]protocol.Change, 0, n)
				for range n {
					if len(d.rows) < cfg.Rows {
						id := uuid.NewString()
						d.rows = append(d.rows, id)
						n := nip.Add(1)
						chs = append(chs, d.c.Change("pegawai", id, protocol.OpInsert,
							pegawai(n, d.opd.id, d.opd.unit, jab), 0))
					} else {
						id := d.rows[r.IntN(len(d.rows))]
						chs = append(chs, d.c.Change("pegawai", id, protocol.OpUpdate,
							map[string]any{"tempat_lahir": fmt.Sprintf("Kota %d", r.IntN(1e6))}, 0))
					}
				}
				var resp protocol.PushResponse
				var err error
				if len(chs) > 0 {
					resp, err = d.c.Push(ctx, chs)
					pushes.Add(1)
				}
				tPush := time.Since(t0)
				if err != nil {
					fail(fmt.Errorf("push: %w", err))
				} else {
					ok := len(resp.Dispositions) == len(chs)
					for _, disp := range resp.Dispositions {
						if disp.Status != protocol.StatusApplied && disp.Status != protocol.StatusSuperseded {
							ok = false
						}
					}
					if !ok {
						fail(fmt.Errorf("push: dispositions %+v", resp.Dispositions))
					}
					changes.Add(int64(len(resp.Dispositions)))
				}
				var tPull []time.Duration
				for cfg.PullEvery > 0 && tick%cfg.PullEvery == 0 {
					t1 := time.Now()
					n, more, err := d.c.PullCount(ctx, 256<<10)
					tPull = append(tPull, time.Since(t1))
					pulls.Add(1)
					if err != nil {
						fail(fmt.Errorf("pull: %w", err))
						break
					}
					entries.Add(int64(n))
					if !more {
						break
					}
				}
				tSync := time.Since(t0)
				syncs.Add(1)
				mu.Lock()
				pushAt = append(pushAt, timedLatency{t0.Sub(start), tPush})
				pullLat = append(pullLat, tPull...)
				syncLat = append(syncLat, tSync)
				mu.Unlock()
				next = next.Add(cfg.Interval)
				for time.Until(next) < 0 {
					late.Add(1) // a sync slot passed while the previous sync ran
					next = next.Add(cfg.Interval)
				}
				select {
				case <-time.After(time.Until(next)):
				case <-runCtx.Done():
				}
			}
		}()
	}
	wg.Wait()
	res.Elapsed, res.CPU = time.Since(start), cpuTime()-cpu0
	if cfg.Phase != nil {
		cfg.Phase(false)
	}
	pushLat := make([]time.Duration, len(pushAt))
	for i, x := range pushAt {
		pushLat[i] = x.lat
	}
	for _, l := range [][]time.Duration{pushLat, pullLat, syncLat} {
		sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
	}
	res.Syncs, res.Changes, res.Pushes, res.Pulls = syncs.Load(), changes.Load(), pushes.Load(), pulls.Load()
	res.PulledEntries, res.Errors, res.Late = entries.Load(), errs.Load(), late.Load()
	res.Generated, res.Backlog = generated.Load(), backlog.Load()
	if s, ok := firstErr.Load().(string); ok {
		res.FirstError = s
	}
	res.Throughput = float64(res.Changes) / res.Elapsed.Seconds()
	res.PushP50, res.PushP99 = pct(pushLat, 0.5), pct(pushLat, 0.99)
	if len(pushLat) > 0 {
		res.PushMax = pushLat[len(pushLat)-1]
	}
	res.PushP99Windows = windowP99(pushAt, timelineWindow)
	res.PullP50, res.PullP99 = pct(pullLat, 0.5), pct(pullLat, 0.99)
	res.SyncP50, res.SyncP99 = pct(syncLat, 0.5), pct(syncLat, 0.99)
	if res.Syncs == 0 {
		return res, errors.New("loadtest: no sync completed")
	}
	return res, nil
}

// timedLatency is one push's latency and when it started (from the
// measured phase's start).
type timedLatency struct{ at, lat time.Duration }

// timelineWindow is the width of Result.PushP99Windows' windows.
const timelineWindow = 5 * time.Second

// windowP99 is the p99 of the latencies of the pushes started in each
// window of width w: a p99 made by one stall looks different from a
// queue that never drains.
func windowP99(l []timedLatency, w time.Duration) []time.Duration {
	var buckets [][]time.Duration
	for _, x := range l {
		i := int(x.at / w)
		for len(buckets) <= i {
			buckets = append(buckets, nil)
		}
		buckets[i] = append(buckets[i], x.lat)
	}
	out := make([]time.Duration, len(buckets))
	for i, b := range buckets {
		slices.Sort(b)
		out[i] = pct(b, 0.99)
	}
	return out
}

// String is the one-paragraph report of a run.
func (r Result) String() string {
	return fmt.Sprintf("%d devices in %d OPDs, offered %.0f changes/s for %v: %d changes made and pushed, %d disposed (%.0f changes/s), %d left in the outboxes at the end, %d syncs, %d pushes, %d pull requests (%d entries), %d errors, %d late ticks\n"+
		"  push p50 %v p99 %v max %v | pull request p50 %v p99 %v | whole sync p50 %v p99 %v\n"+
		"  CPU %v of %v wall (%.0f%% of one core); %.2f ms CPU per disposed change (server and clients)",
		r.Devices, r.OPDs, r.Offered, r.Elapsed.Round(time.Second), r.Generated, r.Changes, r.Throughput, r.Backlog, r.Syncs, r.Pushes, r.Pulls, r.PulledEntries, r.Errors, r.Late,
		r.PushP50.Round(time.Millisecond/10), r.PushP99.Round(time.Millisecond/10), r.PushMax.Round(time.Millisecond),
		r.PullP50.Round(time.Millisecond/10), r.PullP99.Round(time.Millisecond/10), r.SyncP50.Round(time.Millisecond/10), r.SyncP99.Round(time.Millisecond/10),
		r.CPU.Round(time.Millisecond), r.Elapsed.Round(time.Millisecond), 100*r.CPU.Seconds()/r.Elapsed.Seconds(),
		1000*r.CPU.Seconds()/max(1, float64(r.Changes))) + r.serverLine() + r.timelineLine()
}

func (r Result) timelineLine() string {
	if len(r.PushP99Windows) == 0 {
		return ""
	}
	parts := make([]string, len(r.PushP99Windows))
	for i, d := range r.PushP99Windows {
		parts[i] = d.Round(time.Millisecond).String()
	}
	return fmt.Sprintf("\n  push p99 per %v of the run: %s", timelineWindow, strings.Join(parts, " "))
}

func (r Result) serverLine() string {
	if r.ServerCPU == 0 {
		return ""
	}
	return fmt.Sprintf("\n  of which the server process: CPU %v (%.0f%% of one core), %.2f ms per disposed change; the devices' process: %v",
		r.ServerCPU.Round(time.Millisecond), 100*r.ServerCPU.Seconds()/r.Elapsed.Seconds(), 1000*r.ServerCPU.Seconds()/max(1, float64(r.Changes)),
		r.CPU.Round(time.Millisecond))
}
