// Command imbang-desktop is the Imbang desktop application: it opens the local
// store, builds the services and binds the App facade to the Wails window.
// It wires; it does not decide.
package main

import (
	"context"
	"embed"
	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/authsvc"
	"github.com/bkpsdm-sorong/imbang/backend/backup"
	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/backend/dokumen"
	"github.com/bkpsdm-sorong/imbang/backend/evaluasi"
	"github.com/bkpsdm-sorong/imbang/backend/importer"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/plannersvc"
	"github.com/bkpsdm-sorong/imbang/backend/portaldesk"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

//go:embed all:frontend/dist
var assets embed.FS

// generatingBindings is set by bindings.go when Wails generates bindings.
var generatingBindings bool

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// dataDirArg reads --data-dir DIR or --data-dir=DIR from the arguments. Wails
// parses its own dev flags from os.Args, so the app does not use package flag.
func dataDirArg(args []string) string {
	for i, a := range args {
		if a == "--data-dir" || a == "-data-dir" {
			if i+1 < len(args) {
				return args[i+1]
			}
		}
		if v, ok := strings.CutPrefix(a, "--data-dir="); ok {
			return v
		}
	}
	return ""
}

// wailsEvents emits to the window once Wails has handed over its context.
type wailsEvents struct{ ctx context.Context }

func (w *wailsEvents) Emit(name string, data ...any) {
	if w.ctx != nil {
		runtime.EventsEmit(w.ctx, name, data...)
	}
}

// wailsDialogs opens native file dialogs with the context Wails handed over
// in OnStartup (the runtime log.Fatal's on any other context).
type wailsDialogs struct{ ctx context.Context }

func wailsFilters(fs []FileFilter) []runtime.FileFilter {
	out := make([]runtime.FileFilter, len(fs))
	for i, f := range fs {
		out[i] = runtime.FileFilter{DisplayName: f.DisplayName, Pattern: f.Pattern}
	}
	return out
}

func (d *wailsDialogs) SaveFile(title, defaultName string, filters ...FileFilter) (string, error) {
	if d.ctx == nil {
		return "", nil
	}
	return runtime.SaveFileDialog(d.ctx, runtime.SaveDialogOptions{Title: title, DefaultFilename: defaultName, Filters: wailsFilters(filters),
		CanCreateDirectories: true})
}

func (d *wailsDialogs) OpenFile(title string, filters ...FileFilter) (string, error) {
	if d.ctx == nil {
		return "", nil
	}
	return runtime.OpenFileDialog(d.ctx, runtime.OpenDialogOptions{Title: title, Filters: wailsFilters(filters)})
}

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	slog.SetDefault(log) // the services' masked internal errors log here too (domain.Mask)
	started := time.Now()
	events := &wailsEvents{}
	dialogs := &wailsDialogs{}
	app := &App{log: log, events: events, io: &AppIO{Dialogs: dialogs}}

	// wire builds the services on an open store; a restore from the UI calls
	// it again on the reopened store (app_backup.go).
	wire := func(st *store.Store) {
		app.kepegawaian = kepegawaian.New(kepegawaian.Config{Repo: st, NewID: store.NewID, Demo: demo.Bundle, AppVersion: version})
		app.abk = abksvc.New(abksvc.Config{Repo: st, NewID: store.NewID})
		app.auth, app.exports, app.local = authsvc.New(authsvc.Config{Repo: st, NewID: store.NewID}), st, st
		// The session user reaches the services in the context of each call
		// (App.call); nothing here knows who is logged in.
		app.mutasi = mutasisvc.New(mutasisvc.Config{Repo: st, ABK: app.abk, NewID: store.NewID})
		app.dokumen = dokumen.New(dokumen.Config{Repo: st, Dir: st.Dir(), NewID: store.NewID})
		app.evaluasi = evaluasi.New(evaluasi.Config{Repo: st, ABK: app.abk, NewID: store.NewID})
		app.io.Importer = importer.New(importer.Config{Repo: st, ABK: app.abk, NewID: store.NewID})
		app.planner = plannersvc.New(plannersvc.Config{Repo: st, ABK: app.abk, Mutasi: st, NewID: store.NewID})
		app.portal = portaldesk.New(portaldesk.Config{Repo: st, NewID: store.NewID})
		// The sync scheduler (periodic, on link return, on demand) follows the
		// store: a restore rewires onto the reopened one.
		if app.sync != nil {
			app.sync.stop()
		}
		app.sync = startSync(st, log, events, version)
	}

	var st *store.Store
	var err error
	if !generatingBindings {
		dir := dataDirArg(os.Args[1:])
		if dir == "" {
			dir, err = store.DefaultDir()
		}
		var rec backup.Recovery
		if err == nil {
			// A damaged file is moved aside and the newest good backup restored
			// (app_backup.go); the UI then shows what happened.
			st, rec, err = openStore(context.Background(), dir, log)
		}
		app.backup = newBackupState(dir, st, rec, wire, log)
	}
	switch {
	case generatingBindings:
	case err != nil:
		// Start anyway: the window shows the coded error (e.g. a database from a
		// newer version) instead of the program vanishing.
		log.Error("store not opened", "err", err)
		app.startErr = err
	default:
		defer func() {
			if app.backup.st != nil {
				app.backup.st.Close()
			}
		}()
		log.Info("store opened", "path", st.Path(), "schema", st.SchemaVersion())
		wire(st)
		// The daily backup: at start when the last is older than a day, then
		// checked every hour while the app runs.
		go app.backup.svc.RunDaily(actor.With(context.Background(), actor.System("backup", "")), time.Hour)
	}

	err = wails.Run(&options.App{
		Title:            "Imbang — Mutasi ASN Seimbang",
		Width:            1360,
		Height:           860,
		MinWidth:         1024,
		MinHeight:        680,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 248, G: 249, B: 250, A: 1},
		OnStartup: func(ctx context.Context) {
			events.ctx = ctx
			dialogs.ctx = ctx
		},
		OnDomReady: func(ctx context.Context) {
			// The desktop smoke check waits for this line.
			log.Info("IMBANG_DOM_READY", "ms", time.Since(started).Milliseconds())
		},
		Bind: []any{app},
	})
	if err != nil {
		log.Error("window failed", "err", err)
		os.Exit(1)
	}
}
