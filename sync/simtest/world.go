package simtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
	"github.com/google/uuid"
)

// Config shapes one run. Zero values take the defaults of a CI seed.
type Config struct {
	Steps int // workload/fault steps before healing (default 40)
	// TraceLen is how many trace lines are kept for a failure report.
	TraceLen int
	// NoFaults turns every fault off (a smoke run).
	NoFaults bool
	// Malicious: 0 or 1 every seed has a malicious device, -1 none, 2 the
	// seed decides (one seed in two).
	Malicious int
}

// Device is one simulated desktop installation.
type Device struct {
	Name   string
	ID     string // install UUID (meta device_id)
	OPD    string // OPD id; "" for BKPSDM
	Kode   string
	BKPSDM bool
	Behind bool // speaks schema version protocol.SchemaVersion-1 on the wire
	V1     bool // a protocol v1 client: pulls JSON pages only, never chunks
	V2     bool // a protocol v2 client: chunks, but every pulled row whole (no partial rows)
	Skew   time.Duration

	w         *World
	dir       string
	st        *store.Store
	cl        *client.Client
	token     string
	online    bool
	crashNext bool
	lastLocal int64
	observer  bool
}

func (d *Device) now() time.Time { return d.w.now.Add(d.Skew) }

// cursor reads the server seq the device has pulled to (meta pull_seq).
func (d *Device) cursor(ctx context.Context) int64 {
	var v string
	d.st.DB().QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'pull_seq'").Scan(&v)
	n, _ := strconv.ParseInt(v, 10, 64)
	return n
}

// World is one simulation run.
type World struct {
	Seed   uint64
	seedLo uint32
	cfg    Config

	now     time.Time
	maxSkew time.Duration
	dir     string
	region  *region

	sched, work, faultRng *rand.Rand
	net                   *Net
	faults                Faults
	crashP                float64
	pageBytes             int
	faultsOn              bool

	srvPath  string
	srvSt    *sqlitestore.Store
	srv      *server.Server
	backup   string
	restores int

	devs []*Device
	evil *attacker // the malicious device, if the seed has one
	// uuidSrc feeds uuid from the seed (the attacker borrows its own).
	uuidSrc byteReader
	oracle  *Oracle
	step    int

	forged         map[string]bool // device/row ids written by a forgery
	nipN           int
	nips           []string
	initialPegawai [][2]string

	trace []string
	Stats Stats
}

// Stats counts what a run did (for the test log and the docs).
type Stats struct {
	Writes, Syncs, SyncErrors, Crashes, ServerRestarts, Restores, Delayed int
	Rounds                                                                int
	// The malicious device: pushes, forged changes, and how they ended
	// (rejected, refused whole with a 4xx, answered with the replayed
	// change's own disposition).
	EvilPushes, EvilChanges, EvilRejected, EvilRefused int
	Setup, Steps, Heal, Check                          time.Duration
}

var errCrash = errors.New("simtest: simulated crash")

func (w *World) tracef(format string, args ...any) {
	line := fmt.Sprintf("[%3d %s] ", w.step, w.now.Format("01-02 15:04")) + fmt.Sprintf(format, args...)
	w.trace = append(w.trace, line)
	if n := w.cfg.TraceLen; n > 0 && len(w.trace) > 2*n {
		w.trace = append(w.trace[:0:0], w.trace[len(w.trace)-n:]...)
	}
}

// Trace returns the kept trace lines.
func (w *World) Trace() []string {
	if n := w.cfg.TraceLen; n > 0 && len(w.trace) > n {
		return w.trace[len(w.trace)-n:]
	}
	return w.trace
}

var discard = slog.New(slog.DiscardHandler)

// tempRoot prefers a RAM disk: fsync on every commit is the point of the
// real store, not of the simulation's speed.
func tempRoot() string {
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		return "/dev/shm"
	}
	return ""
}

// Run simulates one seed and returns the invariant violations (empty when
// it passed) and an error when the harness itself failed.
func Run(ctx context.Context, seed uint64, cfg Config) (*World, []string, error) {
	if cfg.Steps == 0 {
		cfg.Steps = 40
	}
	w := &World{Seed: seed, seedLo: uint32(seed), cfg: cfg, maxSkew: 5 * time.Minute,
		now:    time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC),
		forged: map[string]bool{},
		sched:  stream(seed, "sched"), work: stream(seed, "work"), faultRng: stream(seed, "fault"), region: newRegion()}
	w.uuidSrc = byteReader{stream(seed, "uuid")}
	uuid.SetRand(w.uuidSrc)
	defer uuid.SetRand(nil)
	w.oracle = newOracle(w)
	dir, err := os.MkdirTemp(tempRoot(), fmt.Sprintf("simtest-%d-", seed))
	if err != nil {
		return w, nil, err
	}
	w.dir = dir
	defer os.RemoveAll(dir)
	defer w.closeAll()
	t0 := time.Now()
	if err := w.setup(ctx); err != nil {
		return w, nil, fmt.Errorf("setup: %w", err)
	}
	t1 := time.Now()
	for w.step = 1; w.step <= cfg.Steps; w.step++ {
		if err := w.stepOnce(ctx); err != nil {
			return w, w.oracle.viol, fmt.Errorf("step %d: %w", w.step, err)
		}
	}
	t2 := time.Now()
	if err := w.heal(ctx); err != nil {
		return w, w.oracle.viol, fmt.Errorf("heal: %w", err)
	}
	t3 := time.Now()
	if err := w.check(ctx); err != nil {
		return w, w.oracle.viol, fmt.Errorf("check: %w", err)
	}
	w.Stats.Setup, w.Stats.Steps, w.Stats.Heal, w.Stats.Check = t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), time.Since(t3)
	if a := w.evil; a != nil {
		w.Stats.EvilPushes, w.Stats.EvilChanges, w.Stats.EvilRejected, w.Stats.EvilRefused = a.Pushes, a.Changes, a.Rejected, a.Refused
	}
	return w, w.oracle.viol, nil
}

func (w *World) closeAll() {
	for _, d := range w.devs {
		if d.st != nil {
			d.st.Close()
		}
	}
	if w.srvSt != nil {
		w.srvSt.Close()
	}
}

func (w *World) startServer() error {
	st, err := sqlitestore.Open(w.srvPath)
	if err != nil {
		return err
	}
	srv, err := server.New(st, server.Options{Now: func() time.Time { return w.now }, MaxClockSkew: w.maxSkew,
		MinSchema: 1, MaxSchema: protocol.SchemaVersion, Log: discard})
	if err != nil {
		st.Close()
		return err
	}
	w.srvSt, w.srv = st, srv
	w.net.handler = srv.Handler()
	return nil
}

func (w *World) stopServer() {
	w.net.handler = nil
	if w.srvSt != nil {
		w.srvSt.Close()
		w.srvSt, w.srv = nil, nil
	}
}

// openDevice opens (or reopens after a crash) the device's store and client.
func (w *World) openDevice(ctx context.Context, d *Device) error {
	st, err := store.Open(ctx, store.Options{Dir: d.dir, Now: d.now, Log: discard})
	if err != nil {
		return err
	}
	d.st = st
	w.newClient(d)
	return nil
}

// newClient (re)makes the device's client over its open store.
func (w *World) newClient(d *Device) {
	rt := w.net.Link(d)
	if d.Behind {
		rt = behindShim{rt}
	}
	d.cl = client.New(d.st, client.Options{
		ServerURL:  "http://imbang-server.sim",
		Token:      d.token,
		HTTPClient: &http.Client{Transport: rt},
		Now:        d.now,
		RetryMax:   2,
		// Small pages, so a pull of a few dozen entries takes several;
		// chunks as small, so a first sync is cut between chunks too.
		MaxPageBytes:  w.pageBytes,
		MaxChunkBytes: w.pageBytes,
		// An emulated older schema reads JSON pages only: the shim rewrites
		// their values (behind.go); chunks at an older schema are built by the
		// same entry path and tested in sync/server.
		NoChunks:  d.V1 || d.Behind,
		WholeRows: d.V1 || d.V2,
		Sleep:     func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
		Log:       discard,
		Fault: func(point string) error {
			if w.faultsOn && chance(w.faultRng, w.crashP) {
				d.crashNext = true
				w.tracef("%s crashes at %s", d.Name, point)
				return errCrash
			}
			return nil
		},
	})
}

// setDeviceID gives a fresh device a deterministic install UUID.
func setDeviceID(path, id string) error {
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec("UPDATE meta SET value = ? WHERE key = 'device_id'", id)
	return err
}

func (w *World) addDevice(ctx context.Context, name string, opd int, bkpsdm bool) (*Device, error) {
	d := &Device{Name: name, BKPSDM: bkpsdm, w: w, online: true, dir: filepath.Join(w.dir, name)}
	d.ID = fmt.Sprintf("0190%04x-%04x-7000-8000-%012x", len(w.devs)+1, w.seedLo&0xffff, w.sched.Uint64()&0xffffffffffff)
	if !bkpsdm {
		d.OPD, d.Kode = w.region.opds[opd], w.region.kodes[opd]
	}
	_, tok, err := w.srv.AddDevice(ctx, d.Kode, bkpsdm)
	if err != nil {
		return nil, err
	}
	d.token = tok
	if err := copyTemplate(d.dir); err != nil {
		return nil, err
	}
	if err := setDeviceID(filepath.Join(d.dir, store.FileName), d.ID); err != nil {
		return nil, err
	}
	if err := w.openDevice(ctx, d); err != nil {
		return nil, err
	}
	w.devs = append(w.devs, d)
	return d, nil
}

func (w *World) setup(ctx context.Context) error {
	w.net = &Net{rng: stream(w.Seed, "net")}
	w.pageBytes = 1 << 20 // the setup pulls in one page
	w.net.sniff = w.oracle.sniff
	w.srvPath = filepath.Join(w.dir, "server.db")
	if err := w.startServer(); err != nil {
		return err
	}
	// Topology: one BKPSDM desktop, two desktops of OPD1 (so the same
	// employee is edited concurrently), one of OPD2, sometimes one of OPD3.
	bk, err := w.addDevice(ctx, "bkpsdm", 0, true)
	if err != nil {
		return err
	}
	specs := []int{0, 0, 1}
	if w.sched.IntN(2) == 0 {
		specs = append(specs, 2)
	}
	for i, o := range specs {
		if _, err := w.addDevice(ctx, fmt.Sprintf("opd%d-%c", o+1, 'a'+rune(i)), o, false); err != nil {
			return err
		}
	}
	if err := w.seedRegion(ctx, bk); err != nil {
		return err
	}
	for _, d := range append(w.devs, bk) { // bkpsdm again: the acks of the seed
		if sum, err := w.syncOnce(ctx, d); err != nil || sum.Pending > 0 {
			return fmt.Errorf("%s: %+v %v", d.Name, sum, err)
		}
	}
	w.pageBytes = 1024 + stream(w.Seed, "page").IntN(8192)
	for _, d := range w.devs {
		w.newClient(d)
	}
	// The run's character.
	if !w.cfg.NoFaults {
		r := w.faultRng
		w.faults = Faults{DropRequest: r.Float64() * 0.15, DropResponse: r.Float64() * 0.15, Duplicate: r.Float64() * 0.1, Delay: r.Float64() * 0.1}
		w.crashP = r.Float64() * 0.08
		for _, d := range w.devs {
			switch x := r.Float64(); {
			case x < 0.15:
				d.Skew = -between(r, time.Hour, 30*24*time.Hour)
			case x < 0.30:
				d.Skew = between(r, time.Hour, 365*24*time.Hour)
			case x < 0.45:
				d.Skew = between(r, -4*time.Minute, 4*time.Minute)
			}
		}
		if r.IntN(4) == 0 {
			d := w.devs[1+r.IntN(len(w.devs)-1)]
			d.Behind = true
			w.newClient(d)
		}
		w.faultsOn = true
		w.net.faults = w.faults
	}
	// Some desktops speak protocol v1 (JSON pages only), from their own
	// random stream so the other draws of a seed stay as they were.
	v1 := stream(w.Seed, "protocol-v1")
	for _, d := range w.devs {
		if v1.IntN(3) == 0 {
			d.V1 = true
			w.newClient(d)
		}
	}
	// Some of the others speak protocol v2 (whole rows, no partial rows).
	v2 := stream(w.Seed, "protocol-v2")
	for _, d := range w.devs {
		if v2.IntN(3) == 0 && !d.V1 {
			d.V2 = true
			w.newClient(d)
		}
	}
	for _, d := range w.devs {
		w.tracef("device %s id %s opd %s skew %v behind %v v1 %v v2 %v", d.Name, short(d.ID), d.Kode, d.Skew, d.Behind, d.V1, d.V2)
	}
	if m := w.cfg.Malicious; m == 0 || m == 1 || (m == 2 && stream(w.Seed, "evil-on").IntN(2) == 0) {
		if err := w.addAttacker(ctx); err != nil {
			return err
		}
	}
	w.tracef("faults %+v crash %.3f", w.faults, w.crashP)
	return nil
}

// syncOnce runs one client session and handles a simulated crash.
func (w *World) syncOnce(ctx context.Context, d *Device) (client.Summary, error) {
	w.Stats.Syncs++
	sum, err := d.cl.Sync(ctx)
	if err != nil {
		w.Stats.SyncErrors++
		w.tracef("%s sync: %v", d.Name, err)
	}
	if d.crashNext {
		return sum, w.crash(ctx, d)
	}
	return sum, err
}

func (w *World) crash(ctx context.Context, d *Device) error {
	w.Stats.Crashes++
	d.crashNext = false
	d.st.Close()
	return w.openDevice(ctx, d)
}

// syncUntilQuiet syncs d until a session moves nothing and nothing is pending.
func (w *World) syncUntilQuiet(ctx context.Context, d *Device, max int) error {
	var last error
	for i := 0; i < max; i++ {
		sum, err := w.syncOnce(ctx, d)
		last = err
		if err == nil && sum.Pending == 0 && sum.Pushed == 0 && sum.Pulled == 0 {
			return nil
		}
	}
	if last == nil {
		last = errors.New("still moving data")
	}
	return last
}

func (w *World) stepOnce(ctx context.Context) error {
	w.now = w.now.Add(between(w.sched, time.Second, 30*time.Minute))
	if w.evil != nil && w.evil.rng.Float64() < 0.3 {
		w.evil.step(ctx)
	}
	r := w.sched.Float64()
	d := w.devs[w.sched.IntN(len(w.devs))]
	switch {
	case r < 0.42:
		w.Stats.Writes++
		w.localOp(ctx, d)
	case r < 0.78:
		if !d.online {
			d.online = true // someone plugged the cable back in
		}
		switch x := w.sched.IntN(6); {
		case x < 4:
			_, err := w.syncOnce(ctx, d)
			if errors.Is(err, errHarness) {
				return err
			}
		case x == 4:
			if _, err := d.cl.Push(ctx); err != nil {
				w.tracef("%s push: %v", d.Name, err)
			}
			if d.crashNext {
				return w.crash(ctx, d)
			}
		default:
			if _, _, err := d.cl.PullPage(ctx); err != nil {
				w.tracef("%s pull page: %v", d.Name, err)
			}
			if d.crashNext {
				return w.crash(ctx, d)
			}
		}
	case r < 0.84:
		if w.faultsOn {
			d.online = !d.online
			w.tracef("%s online=%v", d.Name, d.online)
		}
	case r < 0.87:
		if w.faultsOn {
			w.tracef("%s killed and restarted", d.Name)
			return w.crash(ctx, d)
		}
	case r < 0.90:
		if w.faultsOn {
			w.Stats.ServerRestarts++
			w.tracef("server restart")
			w.stopServer()
			return w.startServer()
		}
	case r < 0.93:
		if w.net.DeliverDelayed() {
			w.Stats.Delayed++
			w.tracef("a delayed message arrived")
		}
	case r < 0.95:
		if w.faultsOn {
			return w.backupOrRestore(ctx)
		}
	default:
		w.now = w.now.Add(between(w.sched, time.Hour, 10*24*time.Hour))
		w.tracef("time passes")
	}
	return nil
}

var errHarness = errors.New("harness")

// backupOrRestore takes the server's backup the first time and restores
// it (a new epoch, the history since the backup lost) the second time.
func (w *World) backupOrRestore(ctx context.Context) error {
	if w.backup == "" {
		w.backup = filepath.Join(w.dir, "server-backup.db")
		w.tracef("server backup")
		return w.srvSt.Backup(ctx, w.backup)
	}
	if w.restores > 0 {
		return nil
	}
	w.restores++
	w.Stats.Restores++
	w.tracef("server restored from the older backup")
	w.stopServer()
	if err := sqlitestore.Restore(w.backup, w.srvPath); err != nil {
		return err
	}
	return w.startServer()
}

// heal ends the faults and syncs every device until all are quiet.
func (w *World) heal(ctx context.Context) error {
	w.step = w.cfg.Steps + 1
	w.tracef("heal")
	w.faultsOn = false
	w.net.faults = Faults{}
	for w.net.DeliverDelayed() {
	}
	for _, d := range w.devs {
		d.online = true
	}
	const maxRounds = 8
	for round := 1; round <= maxRounds; round++ {
		w.Stats.Rounds = round
		quiet := true
		for _, d := range w.devs {
			w.now = w.now.Add(time.Minute)
			sum, err := w.syncOnce(ctx, d)
			if err != nil || sum.Pending > 0 || sum.Pushed > 0 || sum.Pulled > 0 {
				quiet = false
			}
		}
		if quiet {
			return nil
		}
	}
	for _, d := range w.devs {
		sum, err := w.syncOnce(ctx, d)
		w.oracle.violate("liveness: %s not quiet after %d rounds: pending %d pushed %d pulled %d err %v", d.Name, maxRounds, sum.Pending, sum.Pushed, sum.Pulled, err)
	}
	return nil
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

var templateDB string

// copyTemplate puts a migrated empty database into dir (migrating once per
// process instead of once per device).
func copyTemplate(dir string) error {
	if templateDB == "" {
		tdir, err := os.MkdirTemp(tempRoot(), "simtest-template-")
		if err != nil {
			return err
		}
		st, err := store.Open(context.Background(), store.Options{Dir: tdir, Log: discard})
		if err != nil {
			return err
		}
		if err := st.Close(); err != nil {
			return err
		}
		templateDB = filepath.Join(tdir, store.FileName)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return copyFile(filepath.Join(dir, store.FileName), templateDB)
}

func (w *World) restamped(c *Change) bool { return strings.HasPrefix(c.HLC, "") && w.restores > 0 }
