// Command imbang-desktop is the Imbang desktop application: it opens the local
// store, builds the services and binds the App facade to the Wails window.
// It wires; it does not decide.
package main

import (
	"context"
	"database/sql"
	"embed"
	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"log/slog"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
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
	"github.com/bkpsdm-sorong/imbang/sync/release"
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

func (d *wailsDialogs) OpenDirectory(title string) (string, error) {
	if d.ctx == nil {
		return "", nil
	}
	return runtime.OpenDirectoryDialog(d.ctx, runtime.OpenDialogOptions{Title: title, CanCreateDirectories: true})
}

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	slog.SetDefault(log) // the services' masked internal errors log here too (domain.Mask)
	started := time.Now()
	events := &wailsEvents{}
	dialogs := &wailsDialogs{}
	app := &App{log: log, events: events, io: &AppIO{Dialogs: dialogs}, uiReady: make(chan struct{}), started: started}
	// afterUI runs start-up work the first screen does not need once the UI
	// has drawn it (or after uiReadyWait, when it never says so), so the
	// window's start is not competing with it for the CPU and the disk.
	afterUI := func(f func()) {
		go func() {
			t := time.NewTimer(uiReadyWait)
			defer t.Stop()
			select {
			case <-app.uiReady:
			case <-t.C:
			}
			f()
		}()
	}
	uiShown := make(chan struct{}) // closed by afterUI: the sync loop starts then
	afterUI(func() { close(uiShown) })
	var closeOnce, placeOnce sync.Once
	closeStore := func() {
		closeOnce.Do(func() {
			if app.backup != nil && app.backup.st != nil {
				app.backup.st.Close()
			}
		})
	}

	// wire builds the services on an open store; a restore from the UI calls
	// it again on the reopened store (app_backup.go).
	wire := func(st *store.Store) {
		app.kepegawaian = kepegawaian.New(kepegawaian.Config{Repo: st, NewID: store.NewID, Demo: demo.BundleProgress, AppVersion: version})
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
		app.sync = startSync(st, log, events, version, uiShown)
		if app.update != nil {
			app.sync.sched.OnSynced(app.update.afterSync)
		}
	}

	var err error
	var dir string
	var launcher *release.Launcher
	if !generatingBindings {
		dir = dataDirArg(os.Args[1:])
		if dir == "" {
			dir, err = store.DefaultDir()
		}
		if err == nil {
			// The installed program is the launcher: a verified newer version
			// in DATA/pembaruan runs instead of it (and a version that never
			// shows its UI is rolled back), before this one opens the store.
			launcher = newLauncher(dir, log)
			if launcher != nil && os.Getenv(release.EnvLaunched) == "" {
				if handled, code := launcher.Run(); handled {
					os.Exit(code)
				}
			}
			app.update = newAppUpdate(dir, version, log, events)
		}
	}
	// The store opens (integrity check, migrations, recovery) while the window
	// comes up: the bound calls wait for it (App.waitOpened), so the window
	// is not delayed by the database and the first screen's calls are answered
	// as soon as it is open.
	opened := make(chan struct{})
	app.opened = opened
	openErr := err
	go func() {
		defer close(opened)
		if generatingBindings {
			return
		}
		var st *store.Store
		var rec backup.Recovery
		err := openErr
		if err == nil {
			// A damaged file is moved aside and the newest good backup restored
			// (app_backup.go); the UI then shows what happened.
			st, rec, err = openStore(context.Background(), dir, log)
		}
		app.backup = newBackupState(dir, st, rec, wire, log)
		if err != nil {
			// Start anyway: the window shows the coded error (e.g. a database from
			// a newer version) instead of the program vanishing.
			log.Error("store not opened", "err", err)
			app.startErr = err
			return
		}
		log.Info("store opened", "path", st.Path(), "schema", st.SchemaVersion(), "ms", time.Since(started).Milliseconds())
		wire(st)
		// Once the first screen is drawn and the sync loop has read its first
		// status, the memory those start-up reads left behind goes back.
		atStart := app.sync
		afterUI(func() {
			select {
			case <-atStart.published:
			case <-time.After(uiReadyWait):
			}
			releaseStartMemory(st)
		})
		// The daily backup: once the first screen is drawn when the last is
		// older than a day (copying the file would slow the start), then
		// checked every hour while the app runs.
		afterUI(func() {
			app.backup.svc.RunDaily(actor.With(context.Background(), actor.System("backup", "")), time.Hour)
		})
	}()
	defer func() {
		<-opened
		closeStore()
	}()

	err = wails.Run(&options.App{
		Title:            "Imbang — Mutasi ASN Seimbang",
		Width:            windowWidth,
		Height:           windowHeight,
		MinWidth:         windowMinWidth,
		MinHeight:        windowMinHeight,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 248, G: 249, B: 250, A: 1},
		OnStartup: func(ctx context.Context) {
			events.ctx = ctx
			dialogs.ctx = ctx
			if app.update != nil {
				app.update.quit = func() { runtime.Quit(ctx) }
			}
		},
		OnDomReady: func(ctx context.Context) {
			placeOnce.Do(func() { placeWindow(ctx, dir) }) // not again when the page reloads
			// The desktop smoke check waits for this line.
			log.Info("IMBANG_DOM_READY", "ms", time.Since(started).Milliseconds(), "version", version)
			// scripts/desktop-smoke.sh opens one page of the real WebKitGTK
			// window this way (the window has no address bar); the login
			// still comes first.
			if route := os.Getenv("IMBANG_SMOKE_ROUTE"); route != "" {
				runtime.WindowExecJS(ctx, "window.location.hash = "+strconv.Quote(route))
			}
		},
		OnBeforeClose: func(ctx context.Context) bool {
			rememberWindow(ctx, dir)
			return false
		},
		Bind: []any{app},
	})
	if err != nil {
		log.Error("window failed", "err", err)
		os.Exit(1)
	}
	// "Perbarui sekarang": the store is closed first, then the launcher
	// starts the staged version.
	if app.update != nil && app.update.restart.Load() {
		<-opened
		if app.sync != nil {
			app.sync.stop()
		}
		closeStore()
		app.update.restartAfterExit(launcher)
	}
}

// releaseStartMemory hands back what the start-up's reads left in memory and
// the first screen does not use: the idle connections' page caches (the
// sync status counts the whole outbox; the next reads fill the caches again)
// and the Go heap's free pages.
func releaseStartMemory(st *store.Store) {
	ctx := context.Background()
	db := st.DB()
	var held []*sql.Conn
	for range db.Stats().Idle {
		c, err := db.Conn(ctx)
		if err != nil {
			break
		}
		held = append(held, c) // held, so the next Conn is another connection
		_, _ = c.ExecContext(ctx, "PRAGMA shrink_memory")
	}
	for _, c := range held {
		c.Close()
	}
	debug.FreeOSMemory()
}

// uiReadyWait bounds how long work deferred until the first screen waits for
// it (a start error screen does not report ready).
const uiReadyWait = 10 * time.Second

// newLauncher is the launcher of this installation, or nil when this build
// trusts no release key (a development build never runs other versions).
func newLauncher(dataDir string, log *slog.Logger) *release.Launcher {
	key, err := release.Builtin()
	if err != nil {
		return nil
	}
	return &release.Launcher{Local: release.NewLocal(dataDir, key), Self: version, Args: os.Args[1:],
		Stdout: os.Stdout, Stderr: os.Stderr, Log: log, Timeout: 2 * time.Minute}
}
