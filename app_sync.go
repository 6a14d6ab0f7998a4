package main

import (
	"context"
	"errors"
	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/client"
)

// Sync (docs/sync.md): status indicator, "Sinkronkan sekarang", settings,
// the conflict inbox, the needs-attention list and offline bundles. The
// scheduler emits "sync:status" with a client.Status on every change.

// appSync holds the sync client's scheduler for the facade.
type appSync struct {
	st     *store.Store
	sched  *client.Scheduler
	cancel context.CancelFunc
	// published is closed once the scheduler has published its first status
	// (main.go hands back the start-up's memory after that read).
	published chan struct{}
}

// startSync builds the scheduler and starts its loop (periodic, on link
// return, on demand) once start is closed (nil: at once); main.go passes the
// first screen's ready, so the loop's first status read does not compete
// with the window. The returned value is stored in App.sync.
func startSync(st *store.Store, log *slog.Logger, events Events, appVersion string, start <-chan struct{}) *appSync {
	s := newAppSync(st, log, events, appVersion)
	// A non-bound startup helper: the scheduler's own root context, naming the
	// sync process as its actor (it acts for no logged-in user).
	ctx, cancel := context.WithCancel(actor.With(context.Background(), actor.System("sync", "")))
	s.cancel = cancel
	go func() {
		if start != nil {
			select {
			case <-start:
			case <-ctx.Done():
				return
			}
		}
		s.sched.Run(ctx)
	}()
	return s
}

// stop ends the scheduler (before its store is closed or replaced).
func (s *appSync) stop() {
	if s.cancel != nil {
		s.cancel()
	}
}

func newAppSync(st *store.Store, log *slog.Logger, events Events, appVersion string) *appSync {
	var mu sync.Mutex
	var announced *client.Summary
	var first sync.Once
	published := make(chan struct{})
	sched := client.NewScheduler(st, client.Options{Log: log, AppVersion: appVersion}, func(s client.Status) {
		first.Do(func() { close(published) })
		if events == nil {
			return
		}
		events.Emit("sync:status", s)
		// once per finished session that moved data: screens reload (pending
		// counts after a push, rows after a pull)
		mu.Lock()
		fresh := s.Last != nil && !s.Syncing && s.Last != announced && (s.Last.Pulled > 0 || s.Last.Pushed > 0 || (s.Last.Files != nil && s.Last.Files.Received > 0))
		if fresh {
			announced = s.Last
		}
		mu.Unlock()
		if fresh {
			events.Emit("data:changed", "all")
		}
	})
	return &appSync{st: st, sched: sched, published: published}
}

// syncCall is call for the methods that need the sync set up.
func syncCall[T any](a *App, op string, fn func(ctx context.Context) (T, error)) (T, error) {
	return call(a, op, func(ctx context.Context) (T, error) {
		if err := a.syncReady(); err != nil {
			var zero T
			return zero, err
		}
		return fn(ctx)
	})
}

func (a *App) syncReady() error {
	if a.sync == nil {
		return domain.E(domain.KindUnavailable, "sync.unavailable", "Sinkronisasi belum siap; coba lagi sebentar.", "Sync is not ready; try again shortly.")
	}
	return nil
}

// syncErr turns a client error into a coded domain error.
func syncErr(err error) error {
	var ce *client.Error
	if errors.As(err, &ce) {
		return domain.Wrap(err, domain.KindUnavailable, "sync."+ce.Code, ce.Message, ce.MessageEn)
	}
	return err
}

// SyncStatus returns what the header indicator shows.
func (a *App) SyncStatus() (client.Status, error) {
	return syncCall(a, "SyncStatus", func(ctx context.Context) (client.Status, error) {
		return a.sync.sched.Status(ctx), nil
	})
}

// SyncNow runs one session now ("Sinkronkan sekarang").
func (a *App) SyncNow() (client.Summary, error) {
	return syncCall(a, "SyncNow", func(ctx context.Context) (client.Summary, error) {
		sum, err := a.sync.sched.SyncNow(ctx)
		return sum, syncErr(err)
	})
}

// SyncSettingsDTO are the sync settings of this installation. Token is
// write-only: SyncSettings never returns it, only whether one is stored.
type SyncSettingsDTO struct {
	ServerURL       string `json:"serverUrl"`
	Token           string `json:"token,omitempty"`
	TokenSet        bool   `json:"tokenSet"`
	IntervalMinutes int    `json:"intervalMinutes"` // 0 = only by hand
	RetainDays      int    `json:"retainDays"`      // acknowledged changes kept for a server restore
	DeviceID        string `json:"deviceId"`
	// The credential from enrollment (app_enroll.go): the server's device
	// id, the OPD it is for ("BKPSDM" for a BKPSDM device), when it expires
	// and the pinned CA fingerprint.
	ServerDevice  string `json:"serverDevice"`
	EnrolledOPD   string `json:"enrolledOpd"`
	TokenExpires  string `json:"tokenExpires"`
	CAFingerprint string `json:"caFingerprint"`
}

// SyncSettings returns the sync settings (without the token).
func (a *App) SyncSettings() (SyncSettingsDTO, error) {
	return syncCall(a, "SyncSettings", func(ctx context.Context) (SyncSettingsDTO, error) {
		return a.sync.settings(ctx)
	})
}

func (s *appSync) settings(ctx context.Context) (SyncSettingsDTO, error) {
	var d SyncSettingsDTO
	var err error
	if d.ServerURL, err = s.st.SyncMeta(ctx, store.MetaSyncServerURL); err != nil {
		return d, err
	}
	tok, _ := s.st.SyncMeta(ctx, store.MetaSyncToken)
	d.TokenSet = tok != ""
	d.IntervalMinutes = 15
	if v, _ := s.st.SyncMeta(ctx, store.MetaSyncInterval); v != "" {
		d.IntervalMinutes, _ = strconv.Atoi(v)
	}
	d.RetainDays = 30
	if v, _ := s.st.SyncMeta(ctx, store.MetaSyncRetainDays); v != "" {
		d.RetainDays, _ = strconv.Atoi(v)
	}
	d.DeviceID = s.st.DeviceID()
	d.ServerDevice, _ = s.st.SyncMeta(ctx, client.MetaServerDevice)
	d.EnrolledOPD, _ = s.st.SyncMeta(ctx, client.MetaEnrolledOPD)
	d.TokenExpires, _ = s.st.SyncMeta(ctx, client.MetaTokenExpires)
	d.CAFingerprint, _ = s.st.SyncMeta(ctx, client.MetaCAFingerprint)
	return d, nil
}

// SaveSyncSettings validates and stores the settings; an empty token keeps
// the stored one.
func (a *App) SaveSyncSettings(in SyncSettingsDTO) (SyncSettingsDTO, error) {
	return syncCall(a, "SaveSyncSettings", func(ctx context.Context) (SyncSettingsDTO, error) {
		var fields []domain.FieldError
		in.ServerURL = strings.TrimSpace(in.ServerURL)
		if in.ServerURL != "" {
			u, err := url.Parse(in.ServerURL)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				fields = append(fields, domain.FieldError{Field: "serverUrl", Message: "Alamat server harus berupa http:// atau https:// diikuti nama server."})
			}
		}
		if in.IntervalMinutes < 0 || in.IntervalMinutes > 24*60 {
			fields = append(fields, domain.FieldError{Field: "intervalMinutes", Message: "Selang sinkronisasi 0 (hanya manual) sampai 1440 menit."})
		}
		if in.RetainDays < 1 || in.RetainDays > 3650 {
			fields = append(fields, domain.FieldError{Field: "retainDays", Message: "Masa simpan 1 sampai 3650 hari."})
		}
		if len(fields) > 0 {
			e := domain.E(domain.KindInvalid, "validation", "Periksa isian pengaturan sinkronisasi.", "Check the sync settings.")
			e.Fields = fields
			return SyncSettingsDTO{}, e
		}
		kv := map[string]string{
			store.MetaSyncServerURL:  in.ServerURL,
			store.MetaSyncInterval:   strconv.Itoa(in.IntervalMinutes),
			store.MetaSyncRetainDays: strconv.Itoa(in.RetainDays),
		}
		if t := strings.TrimSpace(in.Token); t != "" {
			kv[store.MetaSyncToken] = t
		}
		if err := a.sync.st.SetSyncMeta(ctx, kv); err != nil {
			return SyncSettingsDTO{}, err
		}
		a.sync.sched.Refresh(ctx)
		a.sync.sched.Trigger()
		return a.sync.settings(ctx)
	})
}

// ListConflicts returns the conflict inbox (open first; resolved ones too
// when all is true), each with both values and the row as shown now.
func (a *App) ListConflicts(all bool) ([]store.SyncConflict, error) {
	return syncCall(a, "ListConflicts", func(ctx context.Context) ([]store.SyncConflict, error) {
		out, err := a.sync.st.Conflicts(ctx, all)
		if out == nil {
			out = []store.SyncConflict{}
		}
		return out, err
	})
}

// ResolveConflict records a person's decision: resolution "accept" (with
// values: the chosen value of each column; none = keep what the row holds
// now), or for a duplicate NIP "merge" / "keep-both". The decision is a new
// change that syncs like any other; a session is started at once.
func (a *App) ResolveConflict(id, resolution string, values map[string]any) ([]store.SyncConflict, error) {
	r, err := syncCall(a, "ResolveConflict", func(ctx context.Context) ([]store.SyncConflict, error) {
		if err := a.sync.st.ResolveConflict(ctx, accountID(ctx), id, resolution, values); err != nil {
			return nil, err
		}
		a.sync.sched.Refresh(ctx)
		a.sync.sched.Trigger()
		return a.sync.st.Conflicts(ctx, false)
	})
	if err == nil {
		a.changed("all")
	}
	return r, err
}

// ConflictPage returns one page of the conflict inbox selected by q (status,
// kind, device, table, offset, limit), with the total that matches.
func (a *App) ConflictPage(q store.ConflictQuery) (store.ConflictPage, error) {
	return syncCall(a, "ConflictPage", func(ctx context.Context) (store.ConflictPage, error) {
		return a.sync.st.ConflictPage(ctx, q)
	})
}

// ConflictFacets counts the open conflicts by kind, table and device (the
// inbox's bulk filters).
func (a *App) ConflictFacets() (store.ConflictFacets, error) {
	return syncCall(a, "ConflictFacets", func(ctx context.Context) (store.ConflictFacets, error) {
		return a.sync.st.ConflictFacets(ctx)
	})
}

// ResolveConflicts resolves every open conflict q selects by one side:
// keep "server" (as the server holds it), "mine" (this device's side) or
// "both" (duplicate NIPs). Conflicts the choice does not fit stay open.
func (a *App) ResolveConflicts(q store.ConflictQuery, keep string) (store.BulkResult, error) {
	r, err := syncCall(a, "ResolveConflicts", func(ctx context.Context) (store.BulkResult, error) {
		res, err := a.sync.st.ResolveConflicts(ctx, accountID(ctx), q, keep)
		if err != nil {
			return res, err
		}
		a.sync.sched.Refresh(ctx)
		a.sync.sched.Trigger()
		return res, nil
	})
	if err == nil {
		a.changed("all")
	}
	return r, err
}

// MergeDuplicate resolves a duplicate NIP: survivor is the record kept
// (one of the two), values the fields chosen from either record.
func (a *App) MergeDuplicate(id, survivor string, values map[string]any) ([]store.SyncConflict, error) {
	r, err := syncCall(a, "MergeDuplicate", func(ctx context.Context) ([]store.SyncConflict, error) {
		if err := a.sync.st.MergeDuplicate(ctx, accountID(ctx), id, survivor, values); err != nil {
			return nil, err
		}
		a.sync.sched.Refresh(ctx)
		a.sync.sched.Trigger()
		return a.sync.st.Conflicts(ctx, false)
	})
	if err == nil {
		a.changed("all")
	}
	return r, err
}

// ListSyncAttention returns local edits the server rejected or put in
// conflict, with the reason, so a person sees why an edit went away.
func (a *App) ListSyncAttention() ([]store.Attention, error) {
	return syncCall(a, "ListSyncAttention", func(ctx context.Context) ([]store.Attention, error) {
		return a.sync.st.AttentionList(ctx)
	})
}

// DismissSyncAttention marks one of them read.
func (a *App) DismissSyncAttention(changeID string) ([]store.Attention, error) {
	return syncCall(a, "DismissSyncAttention", func(ctx context.Context) ([]store.Attention, error) {
		if err := a.sync.st.DismissAttention(ctx, changeID); err != nil {
			return nil, err
		}
		a.sync.sched.Refresh(ctx)
		return a.sync.st.AttentionList(ctx)
	})
}

var bundleFilter = FileFilter{"Bundel sinkronisasi Imbang (*.imbang-sync)", "*.imbang-sync;*.json"}

// ExportBundle writes the changes not yet sent to a file (USB stick) for the
// server; "" path in the result = cancelled.
func (a *App) ExportBundle() (client.BundleResult, error) {
	return syncCall(a, "ExportBundle", func(ctx context.Context) (client.BundleResult, error) {
		name := "kiriman-" + a.sync.st.DeviceID()[:8] + "-" + a.now().UTC().Format("20060102-1504") + ".imbang-sync"
		path, err := a.savePath("Simpan bundel kiriman sinkronisasi", name, bundleFilter)
		if err != nil || path == "" {
			return client.BundleResult{}, err
		}
		return client.ExportBundle(ctx, a.sync.st, path, a.now())
	})
}

// ImportBundle applies a data bundle the server made for this device.
func (a *App) ImportBundle() (client.BundleResult, error) {
	r, err := syncCall(a, "ImportBundle", func(ctx context.Context) (client.BundleResult, error) {
		if a.io == nil || a.io.Dialogs == nil {
			return client.BundleResult{}, domain.E(domain.KindUnavailable, "io.no_dialog", "Dialog berkas tidak tersedia.", "The file dialog is not available.")
		}
		path, err := a.io.Dialogs.OpenFile("Buka bundel data sinkronisasi", bundleFilter)
		if err != nil || path == "" {
			return client.BundleResult{}, err
		}
		return a.importBundle(ctx, path)
	})
	if err == nil && r.Path != "" {
		a.changed("all")
	}
	return r, err
}

func (a *App) importBundle(ctx context.Context, path string) (client.BundleResult, error) {
	r, err := client.ImportBundle(ctx, a.sync.st, path)
	if err == nil {
		a.sync.sched.Refresh(ctx)
		a.stageBundleRelease(&r) // app_update.go
	}
	return r, err
}

// ListQuarantine lists the rows from the server this desktop refused
// because a value broke a column rule (newest first).
func (a *App) ListQuarantine() ([]store.Quarantined, error) {
	return syncCall(a, "ListQuarantine", func(ctx context.Context) ([]store.Quarantined, error) {
		return a.sync.st.ListQuarantine(ctx)
	})
}

// DismissQuarantine forgets a refused row once seen, and lists the rest.
func (a *App) DismissQuarantine(id int64) ([]store.Quarantined, error) {
	return syncCall(a, "DismissQuarantine", func(ctx context.Context) ([]store.Quarantined, error) {
		if err := a.sync.st.DismissQuarantine(ctx, id); err != nil {
			return nil, err
		}
		a.sync.sched.Refresh(ctx)
		return a.sync.st.ListQuarantine(ctx)
	})
}
