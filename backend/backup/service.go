package backup

import (
	"context"
	"database/sql"
	"log/slog"
	"time"
)

// Config wires a Service.
type Config struct {
	Dir string // the data directory
	// Acquire returns the open database and a release function; the caller
	// holds the store open until release (the app closes and reopens it
	// around a restore). An error means there is no open database now.
	Acquire func() (*sql.DB, func(), error)
	Now     func() time.Time // nil: time.Now
	Log     *slog.Logger     // nil: discard
}

// Service makes backups of the open database: on request, before a snapshot
// bootstrap, and daily.
type Service struct {
	cfg Config
}

// New builds a Service.
func New(cfg Config) *Service {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	return &Service{cfg: cfg}
}

// Dir is the data directory.
func (s *Service) Dir() string { return s.cfg.Dir }

// Create makes a backup now.
func (s *Service) Create(ctx context.Context, reason Reason) (Info, error) {
	db, release, err := s.cfg.Acquire()
	if err != nil {
		return Info{}, err
	}
	defer release()
	in, err := Create(ctx, db, s.cfg.Dir, CreateOptions{Reason: reason, Now: s.cfg.Now()})
	if err != nil {
		s.cfg.Log.Error("backup failed", "reason", reason, "err", err)
		return in, err
	}
	s.cfg.Log.Info("backup made", "file", in.File, "reason", reason, "bytes", in.Size, "ms", in.Millis)
	return in, nil
}

// Before makes a backup before something replaces much of the data (the sync
// client calls it with ReasonBootstrap before applying a snapshot). If the
// copy fails the caller must not go on.
func (s *Service) Before(ctx context.Context, reason Reason) error {
	_, err := s.Create(ctx, reason)
	return err
}

// Daily makes the daily backup if none was made in the last 24 hours.
func (s *Service) Daily(ctx context.Context) (bool, error) {
	due, err := Due(s.cfg.Dir, s.cfg.Now())
	if err != nil || !due {
		return false, err
	}
	// An installation with no data yet (first run) has nothing worth a copy.
	db, release, err := s.cfg.Acquire()
	if err != nil {
		return false, err
	}
	var any bool
	err = db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM outbox)").Scan(&any)
	release()
	if err == nil && !any {
		return false, nil
	}
	_, err = s.Create(ctx, ReasonHarian)
	return err == nil, err
}

// RunDaily checks at once and then every interval whether the daily backup
// is due, until ctx ends.
func (s *Service) RunDaily(ctx context.Context, interval time.Duration) {
	if _, err := s.Daily(ctx); err != nil {
		s.cfg.Log.Warn("daily backup", "err", err)
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := s.Daily(ctx); err != nil {
				s.cfg.Log.Warn("daily backup", "err", err)
			}
		}
	}
}
