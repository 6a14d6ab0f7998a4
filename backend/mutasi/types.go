// Package mutasi is the mutasi workflow as data: a transfer request of type
// T0–T4, its append-only event log, the state machine that accepts or refuses
// each event (who may do what, from which state, with which payload), and the
// placement change a carried-out transfer makes — and its reversal when an
// executed transfer is cancelled.
//
// The package is pure (standard library and backend/domain only). The store
// appends the events Decide returns, in the same transaction as the audit
// entry and, for laksanakan and a cancellation after it, the placement change.
// The state of a request is never stored on its own: it is Replay of its
// events. The transition table is Transitions (machine.go); docs/
// transfer-workflow.md shows it as a table and a diagram. Routing per type is
// docs/domain.md §3 (PP 11/2017 Pasal 190–193; Peraturan BKN 5/2019; SE BKN
// 3/SE/VIII/2019).
package mutasi

import (
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Actor is who makes a transition: the user, the employee record of that user
// (empty when the user is not an employee in the data), the role and, for the
// OPD-bound roles, the OPD.
type Actor struct {
	UserID    string      `json:"userId"`
	PegawaiID domain.ID   `json:"pegawaiId"`
	Name      string      `json:"name"`
	Role      domain.Role `json:"role"`
	OPDID     domain.ID   `json:"opdId"`
}

// Placement is a position held: OPD, unit kerja and jabatan. For T2–T4 the
// far side's ids may name records outside this Pemda; only OPDID is required
// there.
type Placement struct {
	OPDID     domain.ID `json:"opdId"`
	UnitID    domain.ID `json:"unitId"`
	JabatanID domain.ID `json:"jabatanId"`
	// Instansi names the other agency (Pemda, province or central agency) of
	// a T2–T4 target outside this Pemda, e.g. "Pemerintah Kabupaten Sorong
	// Selatan". Set, it makes carrying out the transfer an outgoing move: the
	// employee leaves the Pemda (pegawai.keluar_pada/instansi_tujuan) instead
	// of taking a new post here. Empty for T0/T1 and every source.
	Instansi string `json:"instansi,omitempty"`
}

// Keluar reports whether the placement is another agency's (outgoing).
func (p Placement) Keluar() bool { return p.Instansi != "" }

// MaxTargets is how many preferred targets an APS request may name.
const MaxTargets = 3

// Request is what is proposed: who moves, of which type, why, from where and
// to where. An APS (atas permintaan sendiri) request names 1–3 preferred
// targets and must give a reason; a request for organisational need names
// exactly one target. The verifikator picks the target (TargetIndex) when
// verifying.
type Request struct {
	ID        domain.ID          `json:"id"`
	PegawaiID domain.ID          `json:"pegawaiId"`
	Type      domain.JenisMutasi `json:"type"`
	APS       bool               `json:"aps"`
	Reason    string             `json:"reason"`
	Source    Placement          `json:"source"`
	SourceTMT domain.Date        `json:"sourceTmt" ts_type:"string"` // TMT of the current post, restored on reversal
	Targets   []Placement        `json:"targets"`
}

// SK is the decree (Keputusan) that makes the transfer.
type SK struct {
	Nomor   string      `json:"nomor"`
	Tanggal domain.Date `json:"tanggal" ts_type:"string"`
	TMT     domain.Date `json:"tmt" ts_type:"string"`
}

// Letter is an incoming letter recorded in the workflow (the BKN pertek).
type Letter struct {
	Nomor   string      `json:"nomor"`
	Tanggal domain.Date `json:"tanggal" ts_type:"string"`
}

// RuleSnapshot is one eligibility rule's result as it stood when an event was
// made. It is opaque to this package: the caller copies it from the
// eligibility evaluation so the timeline can show which rule said what.
type RuleSnapshot struct {
	RuleID    string            `json:"ruleId"`
	Severity  string            `json:"severity"` // BLOCK, WARN, INFO
	Outcome   string            `json:"outcome"`  // PASS, FAIL, NOT_APPLICABLE
	Message   string            `json:"message"`
	MessageEN string            `json:"messageEn,omitempty"`
	Source    string            `json:"source,omitempty"` // the regulation the rule comes from
	Values    map[string]string `json:"values,omitempty"` // the values used, as the evaluator printed them
}

// Kind is the kind of an event: the transition a user asks for. Synced in
// mutasi_event.kind; UPPER_SNAKE like every other wire enum since sync schema
// 4 (older devices' lower-case kinds are translated at the server, see
// docs/sync-protocol.md "Schema versions").
type Kind string

const (
	KindBuat            Kind = "BUAT"               // create (draft)
	KindUbah            Kind = "UBAH"               // edit the draft
	KindAjukan          Kind = "AJUKAN"             // submit
	KindVerifikasi      Kind = "VERIFIKASI"         // BKPSDM verifies eligibility and documents
	KindSetujuiAsal     Kind = "SETUJUI_OPD_ASAL"   // source OPD releases
	KindSetujuiTujuan   Kind = "SETUJUI_OPD_TUJUAN" // target OPD accepts
	KindPertimbanganTPK Kind = "PERTIMBANGAN_TPK"   // Tim Penilai Kinerja recommends
	KindSetujuiPPKAsal  Kind = "SETUJUI_PPK_ASAL"   // origin PPK consents (T2–T4)
	KindPertek          Kind = "CATAT_PERTEK"       // BKN pertek recorded (T2–T4)
	KindTetapkanSK      Kind = "TETAPKAN_SK"        // SK signed: number, date, TMT
	KindLaksanakan      Kind = "LAKSANAKAN"         // carried out: placement changes
	KindKembalikan      Kind = "KEMBALIKAN"         // back to draft for correction
	KindTolak           Kind = "TOLAK"              // rejected (terminal)
	KindBatalkan        Kind = "BATALKAN"           // cancelled (terminal); reverses an executed transfer
)

// Kinds lists the event kinds in workflow order.
var Kinds = []Kind{KindBuat, KindUbah, KindAjukan, KindVerifikasi, KindSetujuiAsal, KindSetujuiTujuan,
	KindPertimbanganTPK, KindSetujuiPPKAsal, KindPertek, KindTetapkanSK, KindLaksanakan, KindKembalikan,
	KindTolak, KindBatalkan}

// Status is where a request stands; it is derived from the events only and
// never synced (each device keeps it in mutasi_status). UPPER_SNAKE like the
// other enums the UI receives; stores made before say "diajukan" … and
// migration 0013 rewrites them.
type Status string

const (
	StatusNone             Status = ""                     // before the first event
	StatusDraft            Status = "DRAFT"                // being prepared or corrected
	StatusDiajukan         Status = "DIAJUKAN"             // submitted, awaiting verification
	StatusDiverifikasi     Status = "DIVERIFIKASI"         // verified, awaiting both OPDs
	StatusDisetujuiAsal    Status = "DISETUJUI_OPD_ASAL"   // source OPD agreed, awaiting target OPD
	StatusDisetujuiTujuan  Status = "DISETUJUI_OPD_TUJUAN" // target OPD agreed, awaiting source OPD
	StatusDisetujuiOPD     Status = "DISETUJUI_OPD"        // both OPDs (T0: the one OPD) agreed
	StatusDipertimbangkan  Status = "DIPERTIMBANGKAN_TPK"  // Tim Penilai Kinerja recommended
	StatusDisetujuiPPKAsal Status = "DISETUJUI_PPK_ASAL"   // origin PPK consented (T2–T4)
	StatusPertek           Status = "PERTEK_BKN"           // BKN pertek received (T2–T4)
	StatusSKDitetapkan     Status = "SK_DITETAPKAN"        // SK signed
	StatusDilaksanakan     Status = "DILAKSANAKAN"         // carried out
	StatusDitolak          Status = "DITOLAK"              // rejected (terminal)
	StatusDibatalkan       Status = "DIBATALKAN"           // cancelled (terminal)
)

// Terminal reports whether no event is accepted after s.
func (s Status) Terminal() bool { return s == StatusDitolak || s == StatusDibatalkan }

// Payload is the data an event carries besides who, when and why.
type Payload struct {
	// Request is the whole request on buat and ubah.
	Request *Request `json:"request,omitempty"`
	// TargetIndex is the target chosen on verifikasi (index into Targets).
	TargetIndex int `json:"targetIndex"`
	// Eligibility is the rule results at the moment of the event, and Blocked
	// whether a BLOCK rule failed then. The caller evaluates and sets both.
	Eligibility []RuleSnapshot `json:"eligibility,omitempty"`
	Blocked     bool           `json:"blocked"`
	// SK is the decree on tetapkan_sk.
	SK *SK `json:"sk,omitempty"`
	// Pertek is the BKN pertek on catat_pertek.
	Pertek *Letter `json:"pertek,omitempty"`
	// EffectiveDate is the date a cancellation of an executed transfer takes
	// effect (the reversal's TMT).
	EffectiveDate domain.Date `json:"effectiveDate" ts_type:"string"`
	// Justifikasi is the decider's written justification, given while a WARN
	// rule fails (the workflow service requires it; the machine only carries
	// it, so logs written before it existed replay unchanged).
	Justifikasi string `json:"justifikasi,omitempty"`
	// Change is the placement change the store applies: on laksanakan the
	// move, on batalkan after dilaksanakan its reversal. Decide fills it; Apply
	// checks it equals what the state implies.
	Change *PlacementChange `json:"change,omitempty"`
}

// Event is one entry of a request's append-only log.
type Event struct {
	ID        string    `json:"id"`
	RequestID domain.ID `json:"requestId"`
	Seq       int       `json:"seq"` // 1, 2, 3 … per request, without gaps
	Kind      Kind      `json:"kind"`
	Actor     Actor     `json:"actor"`
	Time      time.Time `json:"time"`
	Note      string    `json:"note"` // the reason, mandatory for kembalikan, tolak and batalkan
	Payload   Payload   `json:"payload"`
}

// ChangeKind says whether a placement change is a move or its reversal.
type ChangeKind string

const (
	ChangeMutasi     ChangeKind = "MUTASI"
	ChangePembatalan ChangeKind = "PEMBATALAN"
)

// PlacementChange is what carrying out (or reversing) a transfer does to the
// employee's data, as a description the store applies in one transaction:
//
//  1. close the open riwayat_jabatan row (TanggalSelesai = CloseOn);
//  2. append a riwayat_jabatan row {To, TMT = TMT, NomorSK, Keterangan};
//  3. set the pegawai's current OPD, unit and jabatan to To and its
//     TMTJabatan to TMTJabatan.
//
// A reversal is a new change in the other direction; nothing is deleted.
// When To names another agency (Placement.Instansi, an outgoing T2–T4) step 2
// is skipped, Keterangan ("Pindah ke …") goes on the closed row and the
// employee is marked as having left on TMT; its reversal (From names the
// agency) clears that mark and appends To as in step 2.
type PlacementChange struct {
	Kind       ChangeKind  `json:"kind"`
	RequestID  domain.ID   `json:"requestId"`
	PegawaiID  domain.ID   `json:"pegawaiId"`
	From       Placement   `json:"from"`
	To         Placement   `json:"to"`
	TMT        domain.Date `json:"tmt" ts_type:"string"`
	CloseOn    domain.Date `json:"closeOn" ts_type:"string"`
	TMTJabatan domain.Date `json:"tmtJabatan" ts_type:"string"`
	NomorSK    string      `json:"nomorSk"`
	Keterangan string      `json:"keterangan"`
}

// State is a request as its events leave it. The zero State is "no events
// yet"; only buat is accepted there.
type State struct {
	RequestID domain.ID `json:"requestId"`
	Status    Status    `json:"status"`
	Seq       int       `json:"seq"` // of the last accepted event
	Request   Request   `json:"request"`
	CreatedBy string    `json:"createdBy"` // user id of buat
	// Proposers are the users who created, edited or submitted the request;
	// none of them may verify or approve it.
	Proposers   []string         `json:"proposers"`
	TargetIndex int              `json:"targetIndex"` // chosen on verifikasi
	Eligibility []RuleSnapshot   `json:"eligibility,omitempty"`
	Blocked     bool             `json:"blocked"`
	SK          *SK              `json:"sk,omitempty"`
	Pertek      *Letter          `json:"pertek,omitempty"`
	Executed    *PlacementChange `json:"executed,omitempty"` // the move, once dilaksanakan
	Reversal    *PlacementChange `json:"reversal,omitempty"` // its reversal, once cancelled after execution
	Returns     int              `json:"returns"`            // how often it went back to draft
	LastReason  string           `json:"lastReason"`         // note of the last kembalikan, tolak or batalkan
}

// Target is the chosen target placement (the first one before verification).
func (s State) Target() Placement {
	if s.TargetIndex >= 0 && s.TargetIndex < len(s.Request.Targets) {
		return s.Request.Targets[s.TargetIndex]
	}
	return Placement{}
}
