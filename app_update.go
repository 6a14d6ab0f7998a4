package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"sync/atomic"

	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/release"
)

// Updates (docs/panduan-admin.md, docs/sync-protocol.md §Releases): after
// each successful sync the updater asks the server for a newer release and
// downloads it in the background (client.Updater); when it is verified and
// staged the UI offers "Perbarui sekarang / nanti". "Sekarang" closes the
// window and the launcher (sync/release) starts the new version; "nanti"
// leaves it for the next start. The event "update:status" carries a
// client.UpdateStatus on every change.

// appUpdate holds the updater for the facade.
type appUpdate struct {
	u       *client.Updater
	restart atomic.Bool
	quit    func() // closes the window (Wails runtime.Quit)
	log     *slog.Logger
}

func newAppUpdate(dataDir, running string, log *slog.Logger, events Events) *appUpdate {
	key, _ := release.Builtin() // nil: every offer is refused with update.no_key
	u := &client.Updater{Local: release.NewLocal(dataDir, key), Running: running, Log: log}
	u.OnStatus = func(s client.UpdateStatus) {
		if events != nil {
			events.Emit("update:status", s)
		}
	}
	return &appUpdate{u: u, log: log}
}

// afterSync starts one update check in the background; the sync that
// called it goes on at once.
func (p *appUpdate) afterSync(c *client.Client) {
	go func() {
		ctx := actor.With(context.Background(), actor.System("update", ""))
		_ = p.u.Run(ctx, c)
	}()
}

// UpdateStatus returns the updater's state for the update banner.
func (a *App) UpdateStatus() (client.UpdateStatus, error) {
	return call(a, "UpdateStatus", func(ctx context.Context) (client.UpdateStatus, error) {
		if a.update == nil {
			return client.UpdateStatus{State: client.UpdateNone}, nil
		}
		s := a.update.u.Status()
		if v := a.update.u.Staged(); v != "" && s.State != client.UpdateReady {
			s.State, s.Version = client.UpdateReady, v
		}
		return s, nil
	})
}

// UpdateNow ("Perbarui sekarang") closes the window so the launcher starts
// the staged version; the data stays where it is.
func (a *App) UpdateNow() error {
	_, err := call(a, "UpdateNow", func(ctx context.Context) (struct{}, error) {
		if a.update == nil || a.update.u.Staged() == "" {
			return struct{}{}, domain.E(domain.KindInvalid, "update.none_ready", "Belum ada pembaruan yang siap dipasang.", "No update is ready to install.")
		}
		a.update.restart.Store(true)
		a.log.Info("update: restart requested", "version", a.update.u.Staged())
		if a.update.quit != nil {
			a.update.quit()
		}
		return struct{}{}, nil
	})
	return err
}

// restartAfterExit runs when the window has closed and the store is
// closed: under the launcher it exits with RestartCode (the launcher starts
// the newest version); the installed program runs the launcher itself.
func (p *appUpdate) restartAfterExit(l *release.Launcher) {
	if p == nil || !p.restart.Load() {
		return
	}
	if os.Getenv(release.EnvLaunched) != "" {
		os.Exit(release.RestartCode)
	}
	if l == nil {
		return // a build without a release key never stages anything
	}
	if handled, code := l.Run(); handled {
		os.Exit(code)
	}
}

// stageBundleRelease stages the release a USB bundle carried; the data of
// the bundle is imported whatever becomes of it, and the result says which.
func (a *App) stageBundleRelease(r *client.BundleResult) {
	if r.Release == nil {
		return
	}
	if a.update == nil {
		r.UpdateNotice = "Pembaruan di bundel tidak dapat dipasang di sini."
		return
	}
	m, err := a.update.u.StageBundle(r.Release)
	r.Release = nil
	if err != nil {
		a.log.Warn("update from bundle refused", "err", err)
		var de *domain.Error
		if errors.As(err, &de) {
			r.UpdateNotice = de.Message
		} else {
			r.UpdateNotice = "Pembaruan di bundel tidak dapat dipasang; detail ada di log."
		}
		return
	}
	r.UpdateVersion = m.Version
	r.UpdateNotice = "Pembaruan versi " + m.Version + " dari bundel siap dipasang: pilih \"Perbarui sekarang\" atau mulai ulang aplikasi nanti."
}

// DeviceVersions lists, on a BKPSDM desktop, every device of the server
// with the app version it last reported and its last rollback (the server
// refuses OPD devices).
func (a *App) DeviceVersions() ([]protocol.DeviceInfo, error) {
	return syncCall(a, "DeviceVersions", func(ctx context.Context) ([]protocol.DeviceInfo, error) {
		c, err := client.FromStore(ctx, a.sync.st, client.Options{AppVersion: version, RetryMax: 1})
		if err != nil {
			return nil, err
		}
		infos, err := c.Devices(ctx)
		return infos, syncErr(err)
	})
}
