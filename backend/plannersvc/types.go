// Package plannersvc is the rebalancing planner service ("rencana mutasi"): it
// builds the planner's input from the data — positions (unit × jabatan)
// with kebutuhan and bezetting from the current ABK analysis, employees with
// education, months in post and APS preferences, OPD locations — and screens
// every candidate pair with the same eligibility rules and case facts as the
// transfer workflow (mutasisvc.NewCase, eligibility.Screen). It solves with
// backend/planner, stores each run and scenario (device-local) with its
// input hash, weights, options and byte-identical output, compares them,
// records accept/reject per line, and turns chosen moves into draft
// transfer requests through mutasisvc.CreateUsulan, all or nothing.
package plannersvc

import (
	"context"
	"encoding/json"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/planner"
)

// SettingKey is the synced setting holding the planner's Settings.
const SettingKey = "planner"

// Kinds of stored runs.
const (
	KindRun      = "RUN"
	KindSkenario = "SKENARIO"
)

// Line decisions.
const (
	Diterima = "DITERIMA"
	Ditolak  = "DITOLAK"
)

// Settings are the planner's weights and default options (setting "planner").
type Settings struct {
	Weights planner.Weights `json:"weights"`
	Options planner.Options `json:"options"`
}

// DefaultSettings are the planner's defaults.
func DefaultSettings() Settings { return Settings{Weights: planner.DefaultWeights()} }

// Snapshot is the data a plan is built from, read in bulk.
type Snapshot struct {
	OPD     map[string]domain.OPD
	Unit    map[string]domain.Unit
	Jabatan map[string]domain.Jabatan
	Pegawai []domain.Pegawai // current staff (not left), by NIP
	SKP     map[string][]domain.SKP
	Hukdis  map[string][]domain.Hukdis
}

// RunRecord is a stored run or scenario.
type RunRecord struct {
	ID            string          `json:"id"`
	Dibuat        string          `json:"dibuat"`
	Aktor         string          `json:"aktor"`
	Nama          string          `json:"nama"`
	Jenis         string          `json:"jenis"`   // RUN | SKENARIO
	IndukID       string          `json:"indukId"` // parent run/scenario
	InputHash     string          `json:"inputHash"`
	SolverVersion string          `json:"solverVersion"`
	Weights       planner.Weights `json:"weights"`
	Options       planner.Options `json:"options"`
	Hasil         json.RawMessage `json:"-"` // the plan's JSON as stored
	Status        string          `json:"status"`
	ABKID         string          `json:"abkId"`
	DataVersion   string          `json:"dataVersion"`
	Millis        int64           `json:"millis"`
}

// Line is one proposed move of a stored run.
type Line struct {
	RunID     string `json:"runId"`
	PegawaiID string `json:"pegawaiId"`
	Urut      int    `json:"urut"`
	Dari      string `json:"dari"`
	Ke        string `json:"ke"`
	Keputusan string `json:"keputusan"` // "" | DITERIMA | DITOLAK
	UsulanID  string `json:"usulanId"`
}

// Conversion is one line turned into a draft request.
type Conversion struct {
	PegawaiID string
	UsulanID  string
}

// Repository is the storage the service needs; backend/store implements it.
type Repository interface {
	Setting(ctx context.Context, key string) (string, bool, error)
	SaveSetting(ctx context.Context, actor, id, key, value string) error
	DataVersion(ctx context.Context) (string, error)
	// PlanningSnapshot reads the organisation and current staff in bulk.
	PlanningSnapshot(ctx context.Context) (*Snapshot, error)
	// Positions are the ABK's positions with their tasks and bezetting.
	Positions(ctx context.Context, abkID string) ([]abk.Position, error)
	MutasiRecords(ctx context.Context) ([]mutasisvc.Record, error)
	// MinatAktif are the active interests employees recorded in the Portal
	// Pegawai (portal_minat), by employee id, oldest first.
	MinatAktif(ctx context.Context) (map[string][]planner.Interest, error)

	SavePlanRun(ctx context.Context, r RunRecord, lines []Line) error
	PlanRun(ctx context.Context, id string) (RunRecord, error)
	PlanRuns(ctx context.Context) ([]RunRecord, error) // newest first, without Hasil
	PlanLines(ctx context.Context, runID string) ([]Line, error)
	SetPlanDecision(ctx context.Context, runID, pegawaiID, keputusan string) error
	// ConvertPlanLines stores the draft requests' events and marks the lines
	// converted in one transaction: all or nothing.
	ConvertPlanLines(ctx context.Context, actor mutasisvc.User, appends []mutasisvc.Append, runID string, conv []Conversion) error
}
