package planner

// API contract (published first for backend/planning, the CLI and the UI).
// Changes after the first commit are additive only; each is listed here:
//   - Input.ScreenDigest (caller's digest of what Screen decides on; part of InputHash)
//   - Plan.Digest() (hash of the plan with Stats.Millis left out: the byte-identity check)
//   - Move.Forced (the move was forced by Options.Forced), Stats as a named type
//   - CandidatesPerEmployee 0 (the default) means exact: only provably useless arcs are
//     dropped; k > 0 is an optional, inexact speed-up
//   - Employee.Interests, Position.JenisJabatan, Weights.InterestBonus, CostTerms.InterestBonus:
//     an interest recorded in the Portal Pegawai as a soft preference (absent: the plan is unchanged)

import (
	"context"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// SolverVersion names the algorithm and its cost model; it is bumped whenever
// the same input could give a different plan.
const SolverVersion = "ssp-1"

// Position is one (unit × jabatan) cell of the latest final ABK.
type Position struct {
	Key           string            `json:"key"` // canonical key "<unit_id>/<jabatan_id>"; sort order = canonical order
	OPDID         string            `json:"opdId"`
	UnitID        string            `json:"unitId"`
	JabatanID     string            `json:"jabatanId"`
	OPDNama       string            `json:"opdNama"`
	UnitNama      string            `json:"unitNama"`
	JabatanNama   string            `json:"jabatanNama"`
	Lokasi        string            `json:"lokasi"`    // OPD location code (e.g. distrik); a move between two codes costs Relocation
	Kebutuhan     int               `json:"kebutuhan"` // required staff (kebutuhan bulat of the ABK)
	Bezetting     int               `json:"bezetting"` // existing staff
	MinPendidikan domain.Pendidikan `json:"minPendidikan"`
	Jurusan       []string          `json:"jurusan"`                // accepted majors; empty = any
	Locked        bool              `json:"locked"`                 // neither gives nor receives
	JenisJabatan  string            `json:"jenisJabatan,omitempty"` // the jabatan's kind (domain.JenisJabatan), matched by interests
}

// Request is one APS preference of an employee. Empty fields match anything;
// Rank 1 is the first choice.
type Request struct {
	OPDID     string `json:"opdId"`
	UnitID    string `json:"unitId"`
	JabatanID string `json:"jabatanId"`
	Rank      int    `json:"rank"`
}

// Interest is what an employee recorded in the Portal Pegawai without a
// formal request: an OPD, a jabatan or a kind of jabatan they would like.
// Empty fields match anything; an interest with no field set matches
// nothing. Catatan is the employee's own note, quoted in the explanation.
type Interest struct {
	OPDID        string `json:"opdId,omitempty"`
	JabatanID    string `json:"jabatanId,omitempty"`
	JenisJabatan string `json:"jenisJabatan,omitempty"`
	Catatan      string `json:"catatan,omitempty"`
}

// Employee is one civil servant who could move.
type Employee struct {
	ID           string            `json:"id"`
	NIP          string            `json:"nip"`
	Nama         string            `json:"nama"`
	From         string            `json:"from"` // Position.Key of the current post
	Pendidikan   domain.Pendidikan `json:"pendidikan"`
	Jurusan      string            `json:"jurusan"`
	MonthsInPost int               `json:"monthsInPost"` // months in the current jabatan (stagnation)
	Requests     []Request         `json:"requests"`
	Locked       bool              `json:"locked"`
	Interests    []Interest        `json:"interests,omitempty"` // soft preferences from the portal
}

// Weights are the integer cost weights; they are saved with every run.
type Weights struct {
	Competence       int64 `json:"competence"`              // per mismatch point (major not accepted 2, each education rung below the minimum 3)
	Preference       int64 `json:"preference"`              // per rank step away from the first choice; a target outside the requests costs len(requests) steps
	RequestBonus     int64 `json:"requestBonus"`            // subtracted when the target matches one of the employee's requests
	InterestBonus    int64 `json:"interestBonus,omitempty"` // subtracted when the target matches an interest recorded in the portal (weaker than RequestBonus)
	Stagnation       int64 `json:"stagnation"`              // subtracted per started year in post beyond StagnationMonths
	Relocation       int64 `json:"relocation"`              // when the OPD location codes differ
	Move             int64 `json:"move"`                    // fixed cost of every move
	Deficit          int64 `json:"deficit"`                 // β: the m-th fill of a deficit d is worth β + β·(d−m+1)/kebutuhan
	Surplus          int64 `json:"surplus"`                 // α: the m-th giver of an excess x is worth α + α·(x−m+1)/max(kebutuhan,1)
	StagnationMonths int   `json:"stagnationMonths"`
}

// Pair names one employee and one target position.
type Pair struct {
	EmployeeID  string `json:"employeeId"`
	PositionKey string `json:"positionKey"`
}

// Options shape one run; they are saved with it.
type Options struct {
	MaxMoves              int      `json:"maxMoves"`        // 0 = no limit (forced moves count)
	MinFloorPercent       int      `json:"minFloorPercent"` // a source keeps at least max(kebutuhan, ⌈kebutuhan·p/100⌉); 0 = only "never create a deficit"
	LockedEmployees       []string `json:"lockedEmployees"` // employee ids
	LockedPositions       []string `json:"lockedPositions"` // position keys
	Forced                []Pair   `json:"forced"`
	Forbidden             []Pair   `json:"forbidden"`
	CandidatesPerEmployee int      `json:"candidatesPerEmployee"` // 0 = exact (default); k > 0 keeps about k targets per employee (faster, not exact)
}

// ScreenFunc is the hard-rule check, supplied by the caller (backend/planning
// builds it on eligibility.Screen — the same rules as the workflow). ok=false
// excludes the pair; ruleID says why. It is called from one goroutine.
type ScreenFunc func(e *Employee, p *Position) (ruleID string, ok bool)

// Input is everything one run depends on.
type Input struct {
	Positions    []Position `json:"positions"`
	Employees    []Employee `json:"employees"`
	Weights      Weights    `json:"weights"`
	Options      Options    `json:"options"`
	Screen       ScreenFunc `json:"-"`            // nil = every pair allowed
	ScreenDigest string     `json:"screenDigest"` // caller's digest of the rule parameters and facts Screen uses (hashed into InputHash)
}

// Progress reports work done out of total; it is called at most ~100 times.
type Progress func(done, total int)

// CostTerms is the cost of one move split by term. Values are benefits
// (positive = the move helps); Total = the cost terms − DeficitValue − SurplusValue.
type CostTerms struct {
	Competence   int64 `json:"competence"`
	Preference   int64 `json:"preference"`
	RequestBonus int64 `json:"requestBonus"` // ≤ 0
	// InterestBonus is −Weights.InterestBonus when the target matches an
	// interest the employee recorded in the portal, else 0.
	InterestBonus int64 `json:"interestBonus,omitempty"`
	Stagnation    int64 `json:"stagnation"` // ≤ 0
	Relocation    int64 `json:"relocation"`
	Move          int64 `json:"move"`
	DeficitValue  int64 `json:"deficitValue"` // value of the fill at the target
	SurplusValue  int64 `json:"surplusValue"` // value of the person leaving the source
	Total         int64 `json:"total"`
}

// Candidate is the best employee for a target that the plan did not send there.
type Candidate struct {
	EmployeeID string `json:"employeeId"`
	NIP        string `json:"nip"`
	Nama       string `json:"nama"`
	Cost       int64  `json:"cost"` // the objective would rise by at least this much (reduced cost)
	Reason     string `json:"reason"`
	ReasonEn   string `json:"reasonEn"`
}

// Move is one proposed transfer.
type Move struct {
	EmployeeID    string     `json:"employeeId"`
	NIP           string     `json:"nip"`
	Nama          string     `json:"nama"`
	From          string     `json:"from"`
	To            string     `json:"to"`
	Cost          CostTerms  `json:"cost"`
	FromGapBefore int        `json:"fromGapBefore"` // gap = kebutuhan − bezetting, before and after the whole plan
	FromGapAfter  int        `json:"fromGapAfter"`
	ToGapBefore   int        `json:"toGapBefore"`
	ToGapAfter    int        `json:"toGapAfter"`
	ShadowPrice   int64      `json:"shadowPrice"` // value of one more person at To (from the dual potentials)
	NextBest      *Candidate `json:"nextBest"`
	Forced        bool       `json:"forced"`
	Explanation   string     `json:"explanation"`
	ExplanationEn string     `json:"explanationEn"`
}

// Exclusion is an employee who could have helped a deficit but whom a hard
// rule kept from every useful target.
type Exclusion struct {
	EmployeeID    string `json:"employeeId"`
	NIP           string `json:"nip"`
	Nama          string `json:"nama"`
	RuleID        string `json:"ruleId"`
	PositionKey   string `json:"positionKey"` // the most short target the rule blocked
	Explanation   string `json:"explanation"`
	ExplanationEn string `json:"explanationEn"`
}

// Stats describe the size of a run.
type Stats struct {
	Employees     int   `json:"employees"`
	Positions     int   `json:"positions"`
	Arcs          int   `json:"arcs"`
	Augmentations int   `json:"augmentations"`
	Millis        int64 `json:"millis"` // wall time; the only field that differs between identical runs
}

// Plan is the result of one run.
type Plan struct {
	SolverVersion string      `json:"solverVersion"`
	InputHash     string      `json:"inputHash"`
	Weights       Weights     `json:"weights"`
	Options       Options     `json:"options"`
	Moves         []Move      `json:"moves"` // canonical order: target key, then NIP
	Objective     int64       `json:"objective"`
	BalanceBefore float64     `json:"balanceBefore"` // Σ|selisih| / Σ kebutuhan (workload balance index)
	BalanceAfter  float64     `json:"balanceAfter"`
	Excluded      []Exclusion `json:"excluded"`
	Stats         Stats       `json:"stats"`
}

// WhatIf is the answer to "why not this employee there?".
type WhatIf struct {
	Forced         Pair   `json:"forced"`
	Feasible       bool   `json:"feasible"`
	Reason         string `json:"reason"`
	ReasonEn       string `json:"reasonEn"`
	ObjectiveDelta int64  `json:"objectiveDelta"`
	Plan           *Plan  `json:"plan"`
	Added          []Move `json:"added"`
	Removed        []Move `json:"removed"`
}

// DefaultWeights are the weights of a first run (docs/planner.md).
func DefaultWeights() Weights {
	return Weights{
		Competence: 40, Preference: 20, RequestBonus: 150, InterestBonus: 60, Stagnation: 30,
		Relocation: 80, Move: 200, Deficit: 1000, Surplus: 400, StagnationMonths: 60,
	}
}

// Solve computes the optimal plan. It returns ctx.Err() when ctx is cancelled.
func Solve(ctx context.Context, in Input, progress Progress) (*Plan, error) {
	return solve(ctx, in, progress)
}

// WhyNot re-solves in with pair forced and reports the difference to base.
func WhyNot(ctx context.Context, in Input, base *Plan, pair Pair) (*WhatIf, error) {
	return whyNot(ctx, in, base, pair)
}

// InputHash is the sha256 (hex) of the canonical encoding of the positions,
// employees, weights, options and the screen digest: input order does not matter.
func InputHash(in Input) string { return inputHash(in) }
