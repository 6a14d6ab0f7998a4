package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/authsvc"
	"github.com/bkpsdm-sorong/imbang/backend/dokumen"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/evaluasi"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/plannersvc"
	"github.com/bkpsdm-sorong/imbang/backend/portaldesk"
)

// App is the facade bound to the frontend. Each method calls one service and
// returns a DTO or a coded error; it holds no business rules.
type App struct {
	kepegawaian *kepegawaian.Service
	abk         *abksvc.Service
	mutasi      *mutasisvc.Service  // the transfer workflow (app_mutasi.go)
	dokumen     *dokumen.Service    // request documents and generated PDFs (app_dokumen.go)
	evaluasi    *evaluasi.Service   // evaluations 6 and 12 months after a transfer (app_dokumen.go)
	planner     *plannersvc.Service // the rebalancing planner (app_planner.go)
	portal      *portaldesk.Service // Portal Pegawai letters and reports (app_portal.go)
	log         *slog.Logger
	events      Events
	io          *AppIO           // import/export: file dialogs and the importer (app_io.go)
	startErr    error            // the store could not be opened; every call reports it
	opened      <-chan struct{}  // closed once the store is open (or failed to open); nil: open already
	auth        *authsvc.Service // accounts and the session (app_auth.go); nil = nobody may call
	exports     ExportAuditor    // records exports of personal data (app_auth.go)
	local       localStore       // device-local meta values (enrollment)
	backup      *backupState     // backups, restore, recovery at start (app_backup.go)
	sync        *appSync         // sync client and scheduler (app_sync.go)
	update      *appUpdate       // background updater (app_update.go)
	uiReady     chan struct{}    // closed when the UI reports its first screen drawn (LogUI "ready"); nil: not watched
	uiReadyOnce sync.Once
	started     time.Time // the process start, for the milliseconds of the ready line; zero: not logged
}

// Events is the part of the Wails runtime the app uses, behind an interface
// so tests never call the runtime with a context Wails did not create.
type Events interface {
	Emit(name string, data ...any)
}

// NewApp builds the facade.
func NewApp(svc *kepegawaian.Service, abk *abksvc.Service, log *slog.Logger, events Events) *App {
	return &App{kepegawaian: svc, abk: abk, log: log, events: events}
}

// bindErr turns an error into the JSON the frontend adapter decodes: Wails
// rejects the promise with the error's text, so the text is the contract.
func (a *App) bindErr(op string, err error) error {
	if err == nil {
		return nil
	}
	e := domain.Mask(a.log, op, err)
	b, _ := json.Marshal(struct {
		Kind      domain.Kind         `json:"kind"`
		Code      string              `json:"code"`
		Message   string              `json:"message"`
		MessageEN string              `json:"messageEn"`
		Fields    []domain.FieldError `json:"fields,omitempty"`
	}{e.Kind, e.Code, e.Message, e.MessageEN, e.Fields})
	return errors.New(string(b))
}

// call is every bound method's one way in: it waits out a restore, checks
// op's permission for the session (app_perm.go) and runs f with a context
// carrying the session user (backend/actor), which the services and the
// store read as the actor of every write and decision. The context starts
// here: a bound method has no other.
func call[T any](a *App, op string, f func(ctx context.Context) (T, error)) (T, error) {
	a.waitOpened()
	release, err := a.hold() // app_backup.go: no call runs while a restore swaps the store
	defer release()
	if err != nil {
		var zero T
		return zero, a.bindErr(op, err)
	}
	if a.startErr != nil {
		var zero T
		return zero, a.bindErr(op, a.startErr)
	}
	ctx, err := a.authorize(context.Background(), op) // app_perm.go: the permission table
	if err != nil {
		var zero T
		return zero, a.bindErr(op, err)
	}
	v, err := f(ctx)
	return v, a.bindErr(op, err)
}

// waitOpened waits until the store opened at start is open (or failed): the
// window shows while the database is still being checked and migrated
// (main.go), and a call made meanwhile waits for it instead of failing.
func (a *App) waitOpened() {
	if a.opened != nil {
		<-a.opened
	}
}

func (a *App) changed(what string) {
	if a.events != nil {
		a.events.Emit("data:changed", what)
	}
}

// Status describes the installation (first run, data dir, counts).
func (a *App) Status() (kepegawaian.Status, error) {
	return call(a, "Status", func(ctx context.Context) (kepegawaian.Status, error) { return a.kepegawaian.Status(ctx) })
}

// EventDemoProgress carries the demo load's progress
// ({stage, percent}, kepegawaian.DemoProgress) while LoadDemo runs.
const EventDemoProgress = "demo:progress"

// LoadDemo fills an empty installation with the fictitious demo region,
// emitting its stage and percentage as EventDemoProgress.
func (a *App) LoadDemo(size int, seed int64) (kepegawaian.DemoResult, error) {
	r, err := call(a, "LoadDemo", func(ctx context.Context) (kepegawaian.DemoResult, error) {
		return a.kepegawaian.LoadDemoProgress(ctx, size, seed, func(p kepegawaian.DemoProgress) {
			if a.events != nil {
				a.events.Emit(EventDemoProgress, p)
			}
		})
	})
	if err == nil {
		a.changed("all")
	}
	return r, err
}

// CreatePemda starts an empty installation for one regional government.
func (a *App) CreatePemda(p domain.Pemda) (domain.Pemda, error) {
	r, err := call(a, "CreatePemda", func(ctx context.Context) (domain.Pemda, error) { return a.kepegawaian.CreatePemda(ctx, p) })
	if err == nil {
		a.changed("all")
	}
	return r, err
}

// Reference lists ladders and enumerations for forms.
func (a *App) Reference() (kepegawaian.Reference, error) {
	return call(a, "Reference", func(ctx context.Context) (kepegawaian.Reference, error) { return a.kepegawaian.Reference(), nil })
}

// Dashboard returns the Beranda figures.
func (a *App) Dashboard() (kepegawaian.Dashboard, error) {
	return call(a, "Dashboard", func(ctx context.Context) (kepegawaian.Dashboard, error) { return a.kepegawaian.Dashboard(ctx) })
}

// ListPegawai returns one filtered, sorted page of employees.
func (a *App) ListPegawai(q kepegawaian.PegawaiQuery) (kepegawaian.PegawaiPage, error) {
	return call(a, "ListPegawai", func(ctx context.Context) (kepegawaian.PegawaiPage, error) {
		if err := a.scopeQuery(ctx, &q); err != nil { // OPD-bound roles: their OPD only (app_auth.go)
			return kepegawaian.PegawaiPage{}, err
		}
		return a.kepegawaian.ListPegawai(ctx, q)
	})
}

// GetPegawai returns one employee with history.
func (a *App) GetPegawai(id string) (kepegawaian.PegawaiDetail, error) {
	return call(a, "GetPegawai", func(ctx context.Context) (kepegawaian.PegawaiDetail, error) {
		d, err := a.kepegawaian.GetPegawai(ctx, id)
		if err != nil {
			return d, err
		}
		return d, a.scopeDetail(ctx, &d) // OPD scope and personal fields (app_auth.go)
	})
}

// SavePegawai creates (empty ID) or updates an employee.
func (a *App) SavePegawai(p domain.Pegawai) (kepegawaian.PegawaiDetail, error) {
	r, err := call(a, "SavePegawai", func(ctx context.Context) (kepegawaian.PegawaiDetail, error) {
		if err := a.scopePegawaiWrite(ctx, p.ID, p.OPDID); err != nil {
			return kepegawaian.PegawaiDetail{}, err
		}
		d, err := a.kepegawaian.SavePegawai(ctx, p)
		if err != nil {
			return d, err
		}
		return d, a.scopeDetail(ctx, &d)
	})
	if err == nil {
		a.changed("pegawai")
	}
	return r, err
}

// LogUI records what the UI reports about itself: "ready" once its first
// screen is shown, "error" for an uncaught error. The desktop smoke check reads
// these lines.
func (a *App) LogUI(level, message string) error {
	if level == "error" {
		a.log.Error("IMBANG_UI_ERROR", "message", message)
	} else if level == "ready" && !a.started.IsZero() {
		a.log.Info("IMBANG_UI_READY", "message", message, "ms", time.Since(a.started).Milliseconds())
	} else {
		a.log.Info("IMBANG_UI_"+strings.ToUpper(level), "message", message)
	}
	if level == "ready" && a.uiReady != nil {
		a.uiReadyOnce.Do(func() { close(a.uiReady) })
	}
	return nil
}

// DeletePegawai removes an employee with their history.
func (a *App) DeletePegawai(id string) error {
	_, err := call(a, "DeletePegawai", func(ctx context.Context) (struct{}, error) {
		if err := a.scopePegawaiWrite(ctx, id, ""); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, a.kepegawaian.DeletePegawai(ctx, id)
	})
	if err == nil {
		a.changed("pegawai")
	}
	return err
}

// ListOPD returns every OPD with headcounts.
func (a *App) ListOPD() ([]kepegawaian.OPDHeadcount, error) {
	return call(a, "ListOPD", func(ctx context.Context) ([]kepegawaian.OPDHeadcount, error) { return a.kepegawaian.ListOPD(ctx) })
}

// OPDTree returns one OPD's unit tree with positions and headcounts.
func (a *App) OPDTree(opdID string) (kepegawaian.OPDTree, error) {
	return call(a, "OPDTree", func(ctx context.Context) (kepegawaian.OPDTree, error) { return a.kepegawaian.OPDTree(ctx, opdID) })
}

// SaveOPD creates (empty ID) or updates an OPD.
func (a *App) SaveOPD(o domain.OPD) (domain.OPD, error) {
	r, err := call(a, "SaveOPD", func(ctx context.Context) (domain.OPD, error) { return a.kepegawaian.SaveOPD(ctx, o) })
	if err == nil {
		a.changed("opd")
	}
	return r, err
}

// DeleteOPD removes an OPD that has no units and no employees.
func (a *App) DeleteOPD(id string) error {
	_, err := call(a, "DeleteOPD", func(ctx context.Context) (struct{}, error) { return struct{}{}, a.kepegawaian.DeleteOPD(ctx, id) })
	if err == nil {
		a.changed("opd")
	}
	return err
}

// SaveUnit creates (empty ID) or updates a unit.
func (a *App) SaveUnit(u domain.Unit) (domain.Unit, error) {
	r, err := call(a, "SaveUnit", func(ctx context.Context) (domain.Unit, error) { return a.kepegawaian.SaveUnit(ctx, u) })
	if err == nil {
		a.changed("unit")
	}
	return r, err
}

// DeleteUnit removes a unit that has no sub-units and no employees.
func (a *App) DeleteUnit(id string) error {
	_, err := call(a, "DeleteUnit", func(ctx context.Context) (struct{}, error) { return struct{}{}, a.kepegawaian.DeleteUnit(ctx, id) })
	if err == nil {
		a.changed("unit")
	}
	return err
}

// ListJabatan returns the position catalogue with headcounts.
func (a *App) ListJabatan() ([]kepegawaian.JabatanRow, error) {
	return call(a, "ListJabatan", func(ctx context.Context) ([]kepegawaian.JabatanRow, error) { return a.kepegawaian.ListJabatan(ctx) })
}

// SaveJabatan creates (empty ID) or updates a position.
func (a *App) SaveJabatan(j domain.Jabatan) (domain.Jabatan, error) {
	r, err := call(a, "SaveJabatan", func(ctx context.Context) (domain.Jabatan, error) { return a.kepegawaian.SaveJabatan(ctx, j) })
	if err == nil {
		a.changed("jabatan")
	}
	return r, err
}

// DeleteJabatan removes a position nobody holds.
func (a *App) DeleteJabatan(id string) error {
	_, err := call(a, "DeleteJabatan", func(ctx context.Context) (struct{}, error) { return struct{}{}, a.kepegawaian.DeleteJabatan(ctx, id) })
	if err == nil {
		a.changed("jabatan")
	}
	return err
}
