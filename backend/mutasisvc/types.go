// Package mutasisvc is the transfer (mutasi) workflow service: it builds the
// eligibility case of a proposed transfer from the data, evaluates the rules,
// turns the current user's decisions into transfer events (backend/mutasi)
// and has the Repository — the SQLite store — append each event, its derived
// status and, for laksanakan and the cancellation of an executed transfer,
// the placement change in one transaction. Its read models are what the
// desktop UI and the CLI show.
package mutasisvc

import (
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
)

// User is the acting user as the workflow sees them (CurrentUser reads it
// from the context).
type User struct {
	ID        string      `json:"id"`
	Nama      string      `json:"nama"`
	Role      domain.Role `json:"role"`
	OPDID     string      `json:"opdId"`     // required for the OPD-bound roles
	PegawaiID string      `json:"pegawaiId"` // the user's own employee record, if any
}

// Actor is the user as the state machine sees them.
func (u User) Actor() mutasi.Actor {
	return mutasi.Actor{UserID: u.ID, PegawaiID: u.PegawaiID, Name: u.Nama, Role: u.Role, OPDID: u.OPDID}
}

// CheckInput is one proposed transfer to check against the rules.
type CheckInput struct {
	PegawaiID string             `json:"pegawaiId"`
	Jenis     domain.JenisMutasi `json:"jenis"`
	APS       bool               `json:"aps"`
	Target    mutasi.Placement   `json:"target"`
	Tanggal   string             `json:"tanggal"` // YYYY-MM-DD, "" = today
}

// CheckResult is every rule's result for one proposed transfer.
type CheckResult struct {
	Rules       []eligibility.Result   `json:"rules"`
	Blocked     bool                   `json:"blocked"`  // a BLOCK rule fails
	Warnings    int                    `json:"warnings"` // failing WARN rules
	Pegawai     kepegawaian.PegawaiRow `json:"pegawai"`
	TargetLabel PlacementLabel         `json:"targetLabel"`
}

// PlacementLabel is a placement with its names (empty for a far side outside
// this Pemda).
type PlacementLabel struct {
	mutasi.Placement
	OPDNama      string `json:"opdNama"`
	OPDSingkatan string `json:"opdSingkatan"`
	UnitNama     string `json:"unitNama"`
	JabatanNama  string `json:"jabatanNama"`
}

// UsulanInput is what the create/edit wizard sends.
type UsulanInput struct {
	PegawaiID string             `json:"pegawaiId"`
	Jenis     domain.JenisMutasi `json:"jenis"`
	APS       bool               `json:"aps"`
	Alasan    string             `json:"alasan"`
	Targets   []mutasi.Placement `json:"targets"`
}

// UsulanQuery filters and pages the request list.
type UsulanQuery struct {
	Status string `json:"status"` // "" = all
	Jenis  string `json:"jenis"`  // "" = all
	OPDID  string `json:"opdId"`  // source or any target OPD
	Search string `json:"search"` // nomor, NIP or part of the name
	Inbox  bool   `json:"inbox"`  // only requests the current user can move forward
	Offset int    `json:"offset"`
	Limit  int    `json:"limit"` // 1..500, default 100
}

// UsulanRow is one line of the request list.
type UsulanRow struct {
	ID             string             `json:"id"`
	Nomor          string             `json:"nomor"`
	PegawaiID      string             `json:"pegawaiId"`
	NIP            string             `json:"nip"`
	NamaPegawai    string             `json:"namaPegawai"`
	Jenis          domain.JenisMutasi `json:"jenis"`
	APS            bool               `json:"aps"`
	Status         mutasi.Status      `json:"status"`
	OPDAsal        string             `json:"opdAsal"`   // singkatan
	OPDTujuan      string             `json:"opdTujuan"` // singkatan of the chosen (before verification: first) target
	DiperbaruiPada string             `json:"diperbaruiPada"`
	Blocked        bool               `json:"blocked"` // a BLOCK rule failed at the last evaluated event
	// Konflik: two events claim one step and no verifier has closed it yet
	// (a workflow conflict, konflik.go).
	Konflik bool `json:"konflik"`
}

// UsulanPage is one page of requests and the total that matched.
type UsulanPage struct {
	Total int         `json:"total"`
	Rows  []UsulanRow `json:"rows"`
}

// EventView is one timeline entry.
type EventView struct {
	mutasi.Event
	ActorLabel string `json:"actorLabel"` // "Nama (Peran)"
	// Ditolak: kept in the log but not accepted by the workflow (a
	// workflow conflict: another event took the step, Pemenang).
	Ditolak       bool   `json:"ditolak"`
	Pemenang      string `json:"pemenang,omitempty"`
	AlasanTolak   string `json:"alasanTolak,omitempty"`
	AlasanTolakEN string `json:"alasanTolakEn,omitempty"`
}

// UsulanDetail is everything the request page shows.
type UsulanDetail struct {
	Row     UsulanRow            `json:"row"`
	State   mutasi.State         `json:"state"`
	Events  []EventView          `json:"events"`  // oldest first
	Allowed []mutasi.Kind        `json:"allowed"` // what the current user may do now
	Rules   []eligibility.Result `json:"rules"`   // evaluated now for the chosen target; empty once executed or closed
	Source  PlacementLabel       `json:"source"`
	Targets []PlacementLabel     `json:"targets"`
	// Konflik is the workflow conflict when two events claim one step
	// (nil otherwise); its rejected events are in Events too.
	Konflik *KonflikAlur `json:"konflik"`
	// Gate is what the allowed decisions need besides the state machine:
	// the documents and a written justification (gate.go).
	Gate GateView `json:"gate"`
}

// Decision is what the current user decides on a request; it maps onto
// mutasi.Command.
type Decision struct {
	Kind        mutasi.Kind    `json:"kind"`
	Note        string         `json:"note"`
	TargetIndex int            `json:"targetIndex"` // verifikasi
	SK          *mutasi.SK     `json:"sk,omitempty"`
	Pertek      *mutasi.Letter `json:"pertek,omitempty"`
	// Justifikasi is the decider's written justification; required (at least
	// MinJustifikasi characters) while a WARN rule fails (gate.go).
	Justifikasi string `json:"justifikasi,omitempty"`
}

// BulkItem is the outcome of a bulk decision for one request.
type BulkItem struct {
	ID        string `json:"id"`
	OK        bool   `json:"ok"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	MessageEN string `json:"messageEn"`
}

// Record is a stored request as the Repository returns it.
type Record struct {
	ID         string
	Nomor      string
	PegawaiID  string
	NIP        string
	Nama       string // with titles
	Jenis      domain.JenisMutasi
	APS        bool
	Request    mutasi.Request // mutasi_usulan.data
	Status     mutasi.Status  // mutasi_status
	Diperbarui string
}

// Append is one event to store in one transaction.
type Append struct {
	Actor User
	// New is set on buat: the request row to insert. Its Nomor is
	// NomorPrefix followed by the next number of that prefix.
	New         *Record
	NomorPrefix string
	// Edited is set on ubah: the request replaces mutasi_usulan.data.
	Edited *mutasi.Request
	Event  mutasi.Event
	After  mutasi.State // the state after Event (status and seq are stored)
	// Summary is the decision as one audit entry.
	Summary map[string]any
}
