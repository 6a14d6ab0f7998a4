package client

import (
	"context"
	"errors"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// FromStore fills the server address and token from the store's meta
// (sync_server_url, sync_token) where base leaves them empty.
func FromStore(ctx context.Context, st *store.Store, base Options) (*Client, error) {
	if base.ServerURL == "" {
		v, err := st.SyncMeta(ctx, store.MetaSyncServerURL)
		if err != nil {
			return nil, err
		}
		base.ServerURL = v
	}
	if base.Token == "" {
		v, err := st.SyncMeta(ctx, store.MetaSyncToken)
		if err != nil {
			return nil, err
		}
		base.Token = v
	}
	if base.HTTPClient == nil {
		fp, err := st.SyncMeta(ctx, MetaCAFingerprint)
		if err != nil {
			return nil, err
		}
		base.HTTPClient = HTTPClientFor(base.ServerURL, fp)
	}
	return New(st, base), nil
}

// Status is what the desktop's indicator shows (event "sync:status").
type Status struct {
	Configured  bool `json:"configured"`
	Online      bool `json:"online"`
	Syncing     bool `json:"syncing"`
	Pending     int  `json:"pending"`
	Unsent      int  `json:"unsent"`
	Conflicts   int  `json:"conflicts"`
	Attention   int  `json:"attention"`
	Quarantined int  `json:"quarantined"` // rows from the server refused by this desktop (sync/rules)
	// FilesWaiting: attachment files expected from the server, not received yet.
	FilesWaiting int      `json:"filesWaiting"`
	LastSuccess  string   `json:"lastSuccess,omitempty"` // local time of the last successful session
	DataAsOf     string   `json:"dataAsOf,omitempty"`    // server time of the last pull that reached the head
	NextAttempt  string   `json:"nextAttempt,omitempty"`
	Error        *Error   `json:"error,omitempty"`
	Last         *Summary `json:"last,omitempty"`
}

// Scheduler runs sessions periodically (meta sync_interval_minutes, default
// 15, 0 = only by hand), as soon as the link comes back (a probe while
// offline), and on SyncNow; failed sessions back off exponentially with
// jitter up to a cap. Sessions never overlap.
type Scheduler struct {
	st       *store.Store
	base     Options
	onStatus func(Status)

	run     sync.Mutex // one session at a time
	mu      sync.Mutex
	status  Status
	fails   int
	trigger chan struct{}
	// ProbeEvery is how often the link is checked while offline (default 30 s).
	ProbeEvery time.Duration
	// MaxBackoff caps the wait after failed sessions (default 15 min).
	MaxBackoff time.Duration
	afterSync  func(c *Client) // OnSynced; guarded by mu
}

// OnSynced sets a function called after each successful session with its
// client (the desktop starts its update check there, in the background:
// it must not block).
func (s *Scheduler) OnSynced(fn func(c *Client)) {
	s.mu.Lock()
	s.afterSync = fn
	s.mu.Unlock()
}

// NewScheduler makes a scheduler; onStatus (may be nil) gets every change
// of the status.
func NewScheduler(st *store.Store, base Options, onStatus func(Status)) *Scheduler {
	return &Scheduler{st: st, base: base, onStatus: onStatus, trigger: make(chan struct{}, 1), ProbeEvery: 30 * time.Second, MaxBackoff: 15 * time.Minute}
}

func (s *Scheduler) interval(ctx context.Context) time.Duration {
	v, _ := s.st.SyncMeta(ctx, store.MetaSyncInterval)
	if v == "" {
		return 15 * time.Minute
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 15 * time.Minute
	}
	return time.Duration(n) * time.Minute
}

// Status returns the current status with fresh counters.
func (s *Scheduler) Status(ctx context.Context) Status {
	s.mu.Lock()
	st := s.status
	s.mu.Unlock()
	s.fill(ctx, &st)
	return st
}

func (s *Scheduler) fill(ctx context.Context, st *Status) {
	if n, err := s.st.SyncCounts(ctx); err == nil {
		st.Pending, st.Unsent, st.Conflicts, st.Attention, st.Quarantined = n.Pending, n.Unsent, n.Conflicts, n.Attention, n.Quarantined
	}
	if n, err := s.st.BerkasWaiting(ctx); err == nil {
		st.FilesWaiting = n
	}
	url, _ := s.st.SyncMeta(ctx, store.MetaSyncServerURL)
	tok, _ := s.st.SyncMeta(ctx, store.MetaSyncToken)
	st.Configured = (url != "" || s.base.ServerURL != "") && (tok != "" || s.base.Token != "")
	st.LastSuccess, _ = s.st.SyncMeta(ctx, store.MetaSyncLastOK)
	st.DataAsOf, _ = s.st.SyncMeta(ctx, store.MetaSyncDataAsOf)
}

func (s *Scheduler) publish(ctx context.Context, change func(*Status)) {
	s.mu.Lock()
	change(&s.status)
	st := s.status
	s.mu.Unlock()
	s.fill(ctx, &st)
	if s.onStatus != nil {
		s.onStatus(st)
	}
}

// Refresh publishes the status again (after a local edit or a setting).
func (s *Scheduler) Refresh(ctx context.Context) { s.publish(ctx, func(*Status) {}) }

// Trigger asks the loop for a session now (non-blocking).
func (s *Scheduler) Trigger() {
	select {
	case s.trigger <- struct{}{}:
	default:
	}
}

// SyncNow runs one session now and returns its summary.
func (s *Scheduler) SyncNow(ctx context.Context) (Summary, error) {
	s.run.Lock()
	defer s.run.Unlock()
	c, err := FromStore(ctx, s.st, s.base)
	if err != nil {
		return Summary{}, err
	}
	s.publish(ctx, func(st *Status) { st.Syncing = true })
	sum, err := c.Sync(ctx)
	now := time.Now().UTC().Format(time.RFC3339)
	if err != nil {
		var ce *Error
		if !errors.As(err, &ce) {
			ce = &Error{Code: "internal", Message: "Sinkronisasi gagal karena galat di komputer ini; detail ada di log.", MessageEn: "Sync failed locally: " + err.Error(), Err: err}
		}
		s.mu.Lock()
		s.fails++
		s.mu.Unlock()
		_ = s.st.SetSyncMeta(ctx, map[string]string{store.MetaSyncLastError: ce.Message + " (" + now + ")"})
		s.publish(ctx, func(st *Status) {
			st.Syncing, st.Error, st.Last = false, ce, &sum
			st.Online = !ce.Offline && ce.Code != CodeNotSetUp
		})
		return sum, ce
	}
	s.mu.Lock()
	s.fails = 0
	s.mu.Unlock()
	_ = s.st.SetSyncMeta(ctx, map[string]string{store.MetaSyncLastOK: now, store.MetaSyncLastError: ""})
	s.publish(ctx, func(st *Status) { st.Syncing, st.Error, st.Online, st.Last = false, nil, true, &sum })
	s.mu.Lock()
	after := s.afterSync
	s.mu.Unlock()
	if after != nil {
		after(c)
	}
	return sum, nil
}

// backoff is the wait after n failed sessions: capped exponential with full
// jitter (at least 5 s).
func (s *Scheduler) backoff(n int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < n && d < s.MaxBackoff; i++ {
		d *= 2
	}
	if d > s.MaxBackoff {
		d = s.MaxBackoff
	}
	return 5*time.Second + time.Duration(rand.Int64N(int64(d)))
}

// Run loops until ctx ends.
func (s *Scheduler) Run(ctx context.Context) {
	s.Refresh(ctx)
	next := time.Now().Add(5 * time.Second) // first session soon after start
	for {
		s.mu.Lock()
		st := s.status
		fails := s.fails
		s.mu.Unlock()
		wait := time.Until(next)
		offline := st.Error != nil && st.Error.Offline
		if offline && wait > s.ProbeEvery {
			wait = s.ProbeEvery
		}
		timer := time.NewTimer(max(wait, 0))
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-s.trigger:
			timer.Stop()
		case <-timer.C:
			if time.Now().Before(next) { // a probe tick while offline
				c, err := FromStore(ctx, s.st, s.base)
				if err != nil || c.Probe(ctx) != nil {
					continue
				}
				// the link is back: sync now
			} else if s.interval(ctx) == 0 && fails == 0 {
				next = time.Now().Add(time.Hour)
				continue
			}
		}
		if !s.Status(ctx).Configured {
			next = time.Now().Add(time.Hour) // nothing to do until settings are saved (they Trigger)
			continue
		}
		_, err := s.SyncNow(ctx)
		if err != nil {
			s.mu.Lock()
			n := s.fails
			s.mu.Unlock()
			next = time.Now().Add(s.backoff(n))
		} else if iv := s.interval(ctx); iv > 0 {
			next = time.Now().Add(iv)
		} else {
			next = time.Now().Add(time.Hour)
		}
		s.publish(ctx, func(st *Status) { st.NextAttempt = next.UTC().Format(time.RFC3339) })
	}
}
