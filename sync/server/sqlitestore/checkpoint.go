package sqlitestore

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"time"
)

// checkpointer copies the WAL back into the database file on its own
// connection, off the writer's path: SQLite's automatic checkpoint runs in
// the committing connection, so the one writer copied pages and synced the
// database file while every push queued behind it.
//
// Copying alone does not bound the WAL. SQLite starts the WAL over only
// when a write transaction begins with every frame copied back and no
// reader inside the WAL, which a writer that never pauses, under constant
// pulls, almost never finds (a load test grew it to 830 MB in 30 s). So
// when the WAL has grown past walRestartFrames the writer, between two
// groups, runs a RESTART checkpoint: it copies the few frames the
// checkpointer has not, waits for the readers still in the WAL to finish,
// and the next transaction writes from the WAL's beginning again.
type checkpointer struct {
	db     *sql.DB
	sig    chan struct{}
	done   chan struct{}
	wg     sync.WaitGroup
	frames atomic.Int64 // frames in the WAL at the last checkpoint
	// mu: one checkpoint at a time (SQLite refuses a second one at once,
	// so the writer's RESTART waits for the checkpointer's run).
	mu sync.Mutex
}

// ckptEvery bounds how often the checkpointer runs (each run that copies
// syncs the WAL and the database file). The WAL's length is learned from
// these runs, so the WAL may outgrow walRestartFrames by what the writer
// commits in one interval before the writer's RESTART is due.
var ckptEvery = 500 * time.Millisecond

// walRestartFrames: the writer restarts the WAL past 16 MB (4 KB pages).
var walRestartFrames int64 = 4000

func (c *checkpointer) start(path string) error {
	// A RESTART waits for the readers still in the WAL at most this long
	// (then the next group tries again), not the writer's 10 s.
	db, err := sql.Open("sqlite", dsnBusy(path, 50))
	if err != nil {
		return err
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxIdleTime(0)
	c.db, c.sig, c.done = db, make(chan struct{}, 1), make(chan struct{})
	c.wg.Add(1)
	go c.run()
	return nil
}

// poke tells the checkpointer that a commit added frames.
func (c *checkpointer) poke() {
	select {
	case c.sig <- struct{}{}:
	default:
	}
}

func (c *checkpointer) run() {
	defer c.wg.Done()
	for {
		select {
		case <-c.done:
			return
		case <-c.sig:
		}
		// PASSIVE copies what no reader still needs and never waits for
		// the writer or the readers; an error (busy) waits for the next.
		if c.frames.Load() >= walRestartFrames {
			continue // the writer's RESTART is due; it copies the rest
		}
		var busy, frames, copied int64
		c.mu.Lock()
		if err := c.db.QueryRow(`PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &frames, &copied); err == nil {
			c.frames.Store(frames)
		}
		c.mu.Unlock()
		select {
		case <-c.done:
			return
		case <-time.After(ckptEvery):
		}
	}
}

// restartIfLong runs a RESTART checkpoint when the WAL is long. The
// writer calls it between groups (holding the write lock of the store).
func (c *checkpointer) restartIfLong(ctx context.Context) {
	if c.frames.Load() < walRestartFrames {
		return
	}
	var busy, frames, copied int64
	c.mu.Lock()
	defer c.mu.Unlock()
	err := c.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(RESTART)`).Scan(&busy, &frames, &copied)
	if err == nil && busy == 0 {
		c.frames.Store(0)
	}
}

func (c *checkpointer) stop() {
	if c.db == nil {
		return
	}
	close(c.done)
	c.wg.Wait()
	c.db.Close()
	c.db = nil
}
