package mutasi

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Scope is the OPD condition on an OPD-bound actor (Operator OPD, Kepala
// OPD). BKPSDM roles act for the whole Pemda and ignore it.
type Scope string

const (
	ScopeAny    Scope = ""       // no OPD condition
	ScopeSource Scope = "ASAL"   // actor's OPD is the source OPD
	ScopeTarget Scope = "TUJUAN" // actor's OPD is the (chosen) target OPD
	ScopeEither Scope = "ASAL_ATAU_TUJUAN"
	// ScopeSubject: the actor is the employee a self-requested (APS)
	// request is about (the Portal Pegawai's RolePegawai), and no one else.
	ScopeSubject Scope = "SUBJEK"
)

// Transition is one row of the workflow table: from a status, an event kind
// made by one of Roles (within Scope) takes a request of one of Types to To.
type Transition struct {
	From  Status               `json:"from"`
	Kind  Kind                 `json:"kind"`
	To    Status               `json:"to"`
	Roles []domain.Role        `json:"roles"`
	Types []domain.JenisMutasi `json:"types"` // empty: every type
	Scope Scope                `json:"scope"`
	// Reason: the note is mandatory.
	Reason bool `json:"reason"`
	// NotSubject: the actor may not be the employee the request is about.
	NotSubject bool `json:"notSubject"`
	// NotProposer: the actor may not be one of the request's proposers
	// (creator, editors, submitters). With NotSubject this is the
	// "no one approves their own request" rule.
	NotProposer bool `json:"notProposer"`
	// Eligibility: refused with NotEligible while a BLOCK rule fails.
	Eligibility bool `json:"eligibility"`
}

var (
	allTypes      []domain.JenisMutasi
	t0            = []domain.JenisMutasi{domain.MutasiT0}
	t0t1          = []domain.JenisMutasi{domain.MutasiT0, domain.MutasiT1}
	t1to4         = []domain.JenisMutasi{domain.MutasiT1, domain.MutasiT2, domain.MutasiT3, domain.MutasiT4}
	interRegional = []domain.JenisMutasi{domain.MutasiT2, domain.MutasiT3, domain.MutasiT4}

	opdRoles  = []domain.Role{domain.RoleOperatorOPD, domain.RoleKepalaOPD, domain.RoleAdmin}
	kepala    = []domain.Role{domain.RoleKepalaOPD}
	admin     = []domain.Role{domain.RoleAdmin}
	verifAdm  = []domain.Role{domain.RoleVerifikator, domain.RoleAdmin}
	tpkVerAdm = []domain.Role{domain.RoleTPK, domain.RoleVerifikator, domain.RoleAdmin}
	tpkAdm    = []domain.Role{domain.RoleTPK, domain.RoleAdmin}
	pegawai   = []domain.Role{domain.RolePegawai}
)

// Transitions is the workflow, as data. A (From, Kind, Type) may have several
// rows for different roles; the first row whose role and scope fit the actor
// applies. docs/transfer-workflow.md is this table (a test keeps them equal).
var Transitions = buildTransitions()

func buildTransitions() []Transition {
	approval := func(from Status, k Kind, to Status, types []domain.JenisMutasi, roles []domain.Role, sc Scope, reason bool) Transition {
		return Transition{From: from, Kind: k, To: to, Roles: roles, Types: types, Scope: sc, Reason: reason,
			NotSubject: true, NotProposer: true}
	}
	ts := []Transition{
		{From: StatusNone, Kind: KindBuat, To: StatusDraft, Roles: opdRoles, Scope: ScopeEither},
		{From: StatusDraft, Kind: KindUbah, To: StatusDraft, Roles: opdRoles, Scope: ScopeEither},
		{From: StatusDraft, Kind: KindAjukan, To: StatusDiajukan, Roles: opdRoles, Scope: ScopeEither},
		{From: StatusDiajukan, Kind: KindVerifikasi, To: StatusDiverifikasi, Roles: []domain.Role{domain.RoleVerifikator},
			NotSubject: true, NotProposer: true, Eligibility: true},

		// T0: the one OPD's head suffices, under either name.
		approval(StatusDiverifikasi, KindSetujuiAsal, StatusDisetujuiOPD, t0, kepala, ScopeSource, false),
		approval(StatusDiverifikasi, KindSetujuiTujuan, StatusDisetujuiOPD, t0, kepala, ScopeTarget, false),
		// T1–T4: both heads, in either order. For T2–T4 the far side is
		// outside this Pemda, so BKPSDM records its letter (note mandatory).
		approval(StatusDiverifikasi, KindSetujuiAsal, StatusDisetujuiAsal, t1to4, kepala, ScopeSource, false),
		approval(StatusDiverifikasi, KindSetujuiAsal, StatusDisetujuiAsal, interRegional, admin, ScopeAny, true),
		approval(StatusDiverifikasi, KindSetujuiTujuan, StatusDisetujuiTujuan, t1to4, kepala, ScopeTarget, false),
		approval(StatusDiverifikasi, KindSetujuiTujuan, StatusDisetujuiTujuan, interRegional, admin, ScopeAny, true),
		approval(StatusDisetujuiTujuan, KindSetujuiAsal, StatusDisetujuiOPD, t1to4, kepala, ScopeSource, false),
		approval(StatusDisetujuiTujuan, KindSetujuiAsal, StatusDisetujuiOPD, interRegional, admin, ScopeAny, true),
		approval(StatusDisetujuiAsal, KindSetujuiTujuan, StatusDisetujuiOPD, t1to4, kepala, ScopeTarget, false),
		approval(StatusDisetujuiAsal, KindSetujuiTujuan, StatusDisetujuiOPD, interRegional, admin, ScopeAny, true),

		approval(StatusDisetujuiOPD, KindPertimbanganTPK, StatusDipertimbangkan, allTypes, []domain.Role{domain.RoleTPK}, ScopeAny, false),
		approval(StatusDipertimbangkan, KindSetujuiPPKAsal, StatusDisetujuiPPKAsal, interRegional, admin, ScopeAny, true),
		{From: StatusDisetujuiPPKAsal, Kind: KindPertek, To: StatusPertek, Roles: admin, Types: interRegional,
			NotSubject: true},
		{From: StatusDipertimbangkan, Kind: KindTetapkanSK, To: StatusSKDitetapkan, Roles: admin, Types: t0t1,
			NotSubject: true, Eligibility: true},
		{From: StatusPertek, Kind: KindTetapkanSK, To: StatusSKDitetapkan, Roles: admin, Types: interRegional,
			NotSubject: true, Eligibility: true},
		{From: StatusSKDitetapkan, Kind: KindLaksanakan, To: StatusDilaksanakan, Roles: admin, NotSubject: true},
	}
	back := func(from Status, k Kind, to Status, roles []domain.Role, sc Scope) Transition {
		return Transition{From: from, Kind: k, To: to, Roles: roles, Scope: sc, Reason: true, NotSubject: true}
	}
	for _, k := range []Kind{KindKembalikan, KindTolak} {
		to := StatusDraft
		if k == KindTolak {
			to = StatusDitolak
		}
		ts = append(ts, back(StatusDiajukan, k, to, verifAdm, ScopeAny))
		for _, from := range []Status{StatusDiverifikasi, StatusDisetujuiAsal, StatusDisetujuiTujuan} {
			ts = append(ts, back(from, k, to, kepala, ScopeEither), back(from, k, to, verifAdm, ScopeAny))
		}
		if k == KindKembalikan {
			ts = append(ts, back(StatusDisetujuiOPD, k, to, tpkVerAdm, ScopeAny))
		} else {
			ts = append(ts, back(StatusDisetujuiOPD, k, to, tpkAdm, ScopeAny))
		}
		for _, from := range []Status{StatusDipertimbangkan, StatusDisetujuiPPKAsal, StatusPertek} {
			ts = append(ts, back(from, k, to, admin, ScopeAny))
		}
	}
	// The employee, through the portal, proposes for themself: create, edit
	// (answer a correction), submit; the APS condition is sync/rules'.
	ts = append(ts,
		Transition{From: StatusNone, Kind: KindBuat, To: StatusDraft, Roles: pegawai, Scope: ScopeSubject},
		Transition{From: StatusDraft, Kind: KindUbah, To: StatusDraft, Roles: pegawai, Scope: ScopeSubject},
		Transition{From: StatusDraft, Kind: KindAjukan, To: StatusDiajukan, Roles: pegawai, Scope: ScopeSubject})
	// A proposer (or the employee) may withdraw before verification;
	// afterwards only BKPSDM cancels, and cancelling an executed transfer
	// reverses it.
	for _, from := range []Status{StatusDraft, StatusDiajukan} {
		ts = append(ts, Transition{From: from, Kind: KindBatalkan, To: StatusDibatalkan, Roles: opdRoles,
			Scope: ScopeEither, Reason: true},
			Transition{From: from, Kind: KindBatalkan, To: StatusDibatalkan, Roles: pegawai, Scope: ScopeSubject, Reason: true})
	}
	for _, from := range []Status{StatusDiverifikasi, StatusDisetujuiAsal, StatusDisetujuiTujuan, StatusDisetujuiOPD,
		StatusDipertimbangkan, StatusDisetujuiPPKAsal, StatusPertek, StatusSKDitetapkan, StatusDilaksanakan} {
		ts = append(ts, back(from, KindBatalkan, StatusDibatalkan, admin, ScopeAny))
	}
	// Rows from a status that only some types pass through name those types.
	for i, t := range ts {
		if len(t.Types) == 0 {
			ts[i].Types = statusTypes[t.From]
		}
	}
	return ts
}

// statusTypes are the types that pass through a status, where not all do.
var statusTypes = map[Status][]domain.JenisMutasi{
	StatusDisetujuiAsal:    t1to4,
	StatusDisetujuiTujuan:  t1to4,
	StatusDisetujuiPPKAsal: interRegional,
	StatusPertek:           interRegional,
}

// NeedsEligibility reports whether kind from st is a step the rules
// engine's BLOCK rules can refuse (Transition.Eligibility): verification
// and the SK. Other steps record a rule snapshot when the deciding device
// can compute one, and keep the last one otherwise.
func NeedsEligibility(st State, kind Kind) bool {
	for _, t := range Transitions {
		if t.From == st.Status && t.Kind == kind && t.forType(st.Request.Type) && t.Eligibility {
			return true
		}
	}
	return false
}

func (t Transition) forType(ty domain.JenisMutasi) bool {
	return len(t.Types) == 0 || slices.Contains(t.Types, ty)
}

// Command is what a user asks for; Decide turns it into an event.
type Command struct {
	Kind          Kind           `json:"kind"`
	Note          string         `json:"note"`
	Request       *Request       `json:"request,omitempty"` // buat, ubah
	TargetIndex   int            `json:"targetIndex"`       // verifikasi
	Eligibility   []RuleSnapshot `json:"eligibility,omitempty"`
	Blocked       bool           `json:"blocked"`
	SK            *SK            `json:"sk,omitempty"`
	Pertek        *Letter        `json:"pertek,omitempty"`
	EffectiveDate domain.Date    `json:"effectiveDate" ts_type:"string"` // batalkan after dilaksanakan; default: the date of at
	Justifikasi   string         `json:"justifikasi,omitempty"`          // the decider's written justification of a WARN
}

// Decide builds the event that c by actor at time at would append to the
// request in state st, and returns it if Apply accepts it, or the coded
// refusal. For laksanakan and for batalkan after dilaksanakan it fills the
// placement change. st is not modified.
func Decide(st State, c Command, actor Actor, at time.Time, eventID string) (Event, error) {
	ev := Event{ID: eventID, RequestID: st.RequestID, Seq: st.Seq + 1, Kind: c.Kind, Actor: actor, Time: at,
		Note: strings.TrimSpace(c.Note), Payload: Payload{Request: c.Request, TargetIndex: c.TargetIndex,
			Eligibility: c.Eligibility, Blocked: c.Blocked, SK: c.SK, Pertek: c.Pertek, EffectiveDate: c.EffectiveDate,
			Justifikasi: strings.Join(strings.Fields(c.Justifikasi), " ")}}
	if c.Kind == KindBuat && c.Request != nil {
		ev.RequestID = c.Request.ID
	}
	switch {
	case c.Kind == KindLaksanakan && st.Status == StatusSKDitetapkan && st.SK != nil:
		ch := executionChange(st)
		ev.Payload.Change = &ch
	case c.Kind == KindBatalkan && st.Status == StatusDilaksanakan && st.Executed != nil:
		if ev.Payload.EffectiveDate.IsZero() {
			ev.Payload.EffectiveDate = domain.DateOf(at)
		}
		ch := reversalChange(st, ev.Payload.EffectiveDate)
		ev.Payload.Change = &ch
	}
	if _, err := Apply(st, ev); err != nil {
		return Event{}, err
	}
	return ev, nil
}

// Apply is the state machine: it returns the state after ev, or the coded
// refusal (and st unchanged). It checks the sequence, the transition table
// (state, type, role, OPD, self-approval), the note, the payload and the
// eligibility flag.
func Apply(st State, ev Event) (State, error) {
	if ev.Seq != st.Seq+1 || (st.Status != StatusNone && ev.RequestID != st.RequestID) {
		return st, errSequence(st, ev)
	}
	req := st.Request
	if ev.Kind == KindBuat || ev.Kind == KindUbah {
		if ev.Payload.Request == nil {
			return st, errInvalid("transfer.request_missing", "Data usulan mutasi tidak ada.", "The request data is missing.")
		}
		req = *ev.Payload.Request
	}
	t, err := check(st, ev.Actor, ev.Kind, &req)
	if err != nil {
		return st, err
	}
	if ev.Kind == KindUbah {
		// An edit must be within the actor's scope before and after.
		if _, err := check(st, ev.Actor, ev.Kind, &st.Request); err != nil {
			return st, err
		}
	}
	if t.Reason && strings.TrimSpace(ev.Note) == "" {
		return st, errInvalid("transfer.reason_required", "Alasan wajib diisi.", "A reason is required.")
	}
	if err := checkPayload(st, t, ev); err != nil {
		return st, err
	}
	if t.Eligibility && ev.Payload.Blocked {
		return st, domain.E(domain.KindNotEligible, "transfer.blocked",
			"Usulan melanggar aturan BLOCK; tidak dapat dilanjutkan sebelum diperbaiki.",
			"The request breaks a BLOCK rule; it cannot go on until that is fixed.")
	}
	return next(st, t, ev), nil
}

// Replay rebuilds a request's state from its events in order. On a refused
// event it returns the state before it and the refusal.
func Replay(events []Event) (State, error) {
	var st State
	for _, ev := range events {
		n, err := Apply(st, ev)
		if err != nil {
			return st, err
		}
		st = n
	}
	return st, nil
}

// Allowed lists the kinds actor may make on st — the UI's action buttons. It
// checks state, type, role, OPD and the self-approval rule; the payload
// (reason, SK, eligibility) is checked when the event is made.
func Allowed(st State, actor Actor) []Kind {
	var out []Kind
	for _, k := range Kinds {
		var req *Request
		if st.Status != StatusNone {
			req = &st.Request
		}
		if _, err := check(st, actor, k, req); err == nil {
			out = append(out, k)
		}
	}
	return out
}

// check finds the transition actor may make with kind from st. req is the
// request the scope and subject rules are checked against (nil: skip the
// scope rule — Allowed before the request exists).
func check(st State, actor Actor, kind Kind, req *Request) (Transition, error) {
	if !slices.Contains(Kinds, kind) {
		return Transition{}, errInvalid("transfer.kind", "Jenis tindakan tidak dikenal.", "Unknown action.")
	}
	switch {
	case actor.Role == domain.RolePimpinan:
		return Transition{}, domain.E(domain.KindPermission, "transfer.read_only",
			"Pimpinan hanya dapat melihat; tindakan ini tidak tersedia.", "Pimpinan may only read; this action is not available.")
	case !actor.Role.Valid() && actor.Role != domain.RolePegawai:
		return Transition{}, domain.E(domain.KindPermission, "transfer.role",
			"Peran pengguna tidak dikenal.", "Unknown user role.")
	}
	if st.Status.Terminal() {
		return Transition{}, domain.E(domain.KindConflict, "transfer.terminal",
			fmt.Sprintf("Usulan sudah berstatus %s; tidak ada tindakan lagi.", st.Status),
			fmt.Sprintf("The request is %s; nothing more can be done.", st.Status))
	}
	ty := st.Request.Type
	if st.Status == StatusNone && req != nil {
		ty = req.Type
	}
	var rows []Transition
	for _, t := range Transitions {
		if t.From == st.Status && t.Kind == kind && (st.Status == StatusNone || t.forType(ty)) {
			rows = append(rows, t)
		}
	}
	if len(rows) == 0 {
		return Transition{}, domain.E(domain.KindConflict, "transfer.state",
			fmt.Sprintf("Tindakan %s tidak dapat dilakukan pada usulan %s berstatus %s.", kind, ty, displayStatus(st.Status)),
			fmt.Sprintf("%s is not allowed on a %s request in status %s.", kind, ty, displayStatus(st.Status)))
	}
	var roleRows []Transition
	for _, t := range rows {
		if slices.Contains(t.Roles, actor.Role) {
			roleRows = append(roleRows, t)
		}
	}
	if len(roleRows) == 0 {
		return Transition{}, domain.E(domain.KindPermission, "transfer.role",
			fmt.Sprintf("Peran %s tidak berwenang melakukan %s pada tahap ini.", actor.Role, kind),
			fmt.Sprintf("Role %s may not make %s at this stage.", actor.Role, kind))
	}
	t, ok := Transition{}, false
	for _, r := range roleRows {
		if req == nil || inScope(r.Scope, actor, st, *req) {
			t, ok = r, true
			break
		}
	}
	if !ok && roleRows[0].Scope == ScopeSubject {
		return Transition{}, domain.E(domain.KindPermission, "transfer.self_service",
			"Lewat portal, pegawai hanya dapat membuat, memperbaiki, mengajukan dan menarik permohonan mutasi atas permintaan sendiri (APS) untuk dirinya.",
			"Through the portal an employee may only create, correct, submit and withdraw their own self-requested (APS) transfer.")
	}
	if !ok {
		return Transition{}, domain.E(domain.KindPermission, "transfer.opd",
			"Tindakan ini hanya dapat dilakukan oleh pejabat OPD yang bersangkutan.",
			"Only an official of the OPD concerned may do this.")
	}
	subject := st.Request.PegawaiID
	if req != nil {
		subject = req.PegawaiID
	}
	if t.NotSubject && actor.PegawaiID != "" && actor.PegawaiID == subject {
		return Transition{}, domain.E(domain.KindPermission, "transfer.self",
			"Anda tidak dapat memutuskan usulan mutasi atas diri sendiri.",
			"You cannot decide on a transfer request about yourself.")
	}
	if t.NotProposer && slices.Contains(st.Proposers, actor.UserID) {
		return Transition{}, domain.E(domain.KindPermission, "transfer.own_request",
			"Pengusul tidak dapat memverifikasi atau menyetujui usulannya sendiri.",
			"Whoever proposed a request cannot verify or approve it.")
	}
	return t, nil
}

func inScope(sc Scope, a Actor, st State, req Request) bool {
	if sc == ScopeSubject || a.Role == domain.RolePegawai {
		return sc == ScopeSubject && a.Role == domain.RolePegawai && a.PegawaiID != "" && a.PegawaiID == req.PegawaiID && req.APS
	}
	if !a.Role.OPDBound() || sc == ScopeAny {
		return true
	}
	if a.OPDID == "" {
		return false
	}
	src := a.OPDID == req.Source.OPDID
	tgt := false
	if st.Status == StatusNone || st.Status == StatusDraft || st.Status == StatusDiajukan {
		for _, p := range req.Targets {
			tgt = tgt || a.OPDID == p.OPDID
		}
	} else {
		tgt = a.OPDID == st.Target().OPDID
	}
	switch sc {
	case ScopeSource:
		return src
	case ScopeTarget:
		return tgt
	default:
		return src || tgt
	}
}

func checkPayload(st State, t Transition, ev Event) error {
	p := ev.Payload
	wantChange := (*PlacementChange)(nil)
	switch ev.Kind {
	case KindBuat, KindUbah:
		if err := ValidateRequest(*p.Request); err != nil {
			return err
		}
		if ev.Kind == KindBuat && p.Request.ID != ev.RequestID {
			return errInvalid("transfer.request_id", "Nomor usulan pada data tidak sama dengan peristiwanya.",
				"The request id in the data differs from the event's.")
		}
		if ev.Kind == KindUbah && (p.Request.ID != st.Request.ID || p.Request.PegawaiID != st.Request.PegawaiID) {
			return errInvalid("transfer.request_identity", "Nomor usulan dan pegawai tidak dapat diubah.",
				"The request id and the employee cannot be changed.")
		}
	case KindVerifikasi:
		if p.TargetIndex < 0 || p.TargetIndex >= len(st.Request.Targets) {
			return errInvalid("transfer.target_index", "Tujuan yang dipilih tidak ada dalam usulan.",
				"The chosen target is not one of the request's targets.")
		}
	case KindPertek:
		var v domain.Validation
		if p.Pertek == nil || strings.TrimSpace(p.Pertek.Nomor) == "" {
			v.Add("pertek.nomor", "required", "Nomor pertek wajib diisi.", "The pertek number is required.")
		}
		if p.Pertek == nil || p.Pertek.Tanggal.IsZero() {
			v.Add("pertek.tanggal", "required", "Tanggal pertek wajib diisi.", "The pertek date is required.")
		}
		if err := v.Err(); err != nil {
			return recode(err, "transfer.pertek_missing")
		}
	case KindTetapkanSK:
		var v domain.Validation
		if p.SK == nil || strings.TrimSpace(p.SK.Nomor) == "" {
			v.Add("sk.nomor", "required", "Nomor SK wajib diisi.", "The SK number is required.")
		}
		if p.SK == nil || p.SK.Tanggal.IsZero() {
			v.Add("sk.tanggal", "required", "Tanggal SK wajib diisi.", "The SK date is required.")
		}
		if p.SK == nil || p.SK.TMT.IsZero() {
			v.Add("sk.tmt", "required", "TMT wajib diisi.", "The TMT is required.")
		}
		if err := v.Err(); err != nil {
			return recode(err, "transfer.sk_missing")
		}
	case KindLaksanakan:
		ch := executionChange(st)
		wantChange = &ch
	case KindBatalkan:
		if st.Status == StatusDilaksanakan {
			if p.EffectiveDate.IsZero() || p.EffectiveDate.Before(st.Executed.TMT) {
				return errInvalid("transfer.effective_date",
					"Tanggal berlaku pembatalan wajib diisi dan tidak boleh sebelum TMT mutasi.",
					"The cancellation's effective date is required and may not be before the transfer's TMT.")
			}
			ch := reversalChange(st, p.EffectiveDate)
			wantChange = &ch
		}
	}
	if !equalChange(p.Change, wantChange) {
		return errInvalid("transfer.change_mismatch", "Perubahan penempatan pada peristiwa tidak sesuai dengan usulan.",
			"The event's placement change does not match the request.")
	}
	return nil
}

func equalChange(a, b *PlacementChange) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// next is the state after an accepted event.
func next(st State, t Transition, ev Event) State {
	n := st
	n.Seq = ev.Seq
	n.Status = t.To
	n.Proposers = slices.Clone(st.Proposers)
	if len(ev.Payload.Eligibility) > 0 || ev.Payload.Blocked {
		n.Eligibility = slices.Clone(ev.Payload.Eligibility)
		n.Blocked = ev.Payload.Blocked
	}
	propose := func() {
		if !slices.Contains(n.Proposers, ev.Actor.UserID) {
			n.Proposers = append(n.Proposers, ev.Actor.UserID)
		}
	}
	switch ev.Kind {
	case KindBuat:
		n.RequestID = ev.RequestID
		n.CreatedBy = ev.Actor.UserID
		n.Request = cloneRequest(*ev.Payload.Request)
		propose()
	case KindUbah:
		n.Request = cloneRequest(*ev.Payload.Request)
		propose()
	case KindAjukan:
		propose()
	case KindVerifikasi:
		n.TargetIndex = ev.Payload.TargetIndex
	case KindPertek:
		l := *ev.Payload.Pertek
		n.Pertek = &l
	case KindTetapkanSK:
		sk := *ev.Payload.SK
		n.SK = &sk
	case KindLaksanakan:
		ch := *ev.Payload.Change
		n.Executed = &ch
	case KindKembalikan:
		n.Returns++
		n.LastReason = ev.Note
		n.TargetIndex, n.SK, n.Pertek = 0, nil, nil
	case KindTolak:
		n.LastReason = ev.Note
	case KindBatalkan:
		n.LastReason = ev.Note
		if ev.Payload.Change != nil {
			ch := *ev.Payload.Change
			n.Reversal = &ch
		}
	}
	return n
}

func cloneRequest(r Request) Request {
	r.Targets = slices.Clone(r.Targets)
	return r
}

// executionChange is the move an SK makes: from the source to the chosen
// target from the TMT; the old riwayat row ends the day before.
// For a target outside the Pemda (Placement.Instansi) the employee leaves:
// Keterangan "Pindah ke <instansi> (SK …)" is the closed row's note.
func executionChange(st State) PlacementChange {
	sk := SK{}
	if st.SK != nil {
		sk = *st.SK
	}
	ket := fmt.Sprintf("Mutasi %s berdasarkan SK %s", st.Request.Type, sk.Nomor)
	if to := st.Target(); to.Keluar() {
		// An outgoing move appends no row: the note goes on the closed one.
		ket = fmt.Sprintf("Pindah ke %s (SK %s)", to.Instansi, sk.Nomor)
	}
	return PlacementChange{Kind: ChangeMutasi, RequestID: st.RequestID, PegawaiID: st.Request.PegawaiID,
		From: st.Request.Source, To: st.Target(), TMT: sk.TMT, CloseOn: dayBefore(sk.TMT), TMTJabatan: sk.TMT,
		NomorSK: sk.Nomor, Keterangan: ket}
}

// reversalChange undoes the executed move from date: back to the source, the
// employee's TMT jabatan restored to the one before the move (or date when it
// was not known).
func reversalChange(st State, date domain.Date) PlacementChange {
	ex := PlacementChange{}
	if st.Executed != nil {
		ex = *st.Executed
	}
	tmtJab := st.Request.SourceTMT
	if tmtJab.IsZero() {
		tmtJab = date
	}
	return PlacementChange{Kind: ChangePembatalan, RequestID: st.RequestID, PegawaiID: ex.PegawaiID,
		From: ex.To, To: ex.From, TMT: date, CloseOn: dayBefore(date), TMTJabatan: tmtJab, NomorSK: ex.NomorSK,
		Keterangan: fmt.Sprintf("Pembatalan mutasi SK %s", ex.NomorSK)}
}

func dayBefore(d domain.Date) domain.Date {
	if d.IsZero() {
		return d
	}
	return d.AddDays(-1)
}

// ValidateRequest checks a request on its own: type, employee, source, 1–3
// targets (exactly one unless APS), a reason for APS, and targets that fit the
// type (T0 inside the source OPD, T1–T4 to another OPD).
func ValidateRequest(r Request) error {
	var v domain.Validation
	if strings.TrimSpace(r.ID) == "" {
		v.Add("id", "required", "Nomor usulan wajib ada.", "The request id is required.")
	}
	if strings.TrimSpace(r.PegawaiID) == "" {
		v.Add("pegawaiId", "required", "Pegawai wajib dipilih.", "Choose the employee.")
	}
	if !r.Type.Valid() {
		v.Add("type", "transfer.type", "Jenis mutasi harus T0–T4.", "The transfer type must be T0–T4.")
	}
	if r.Source.OPDID == "" || r.Source.UnitID == "" || r.Source.JabatanID == "" {
		v.Add("source", "required", "Penempatan asal (OPD, unit, jabatan) wajib lengkap.",
			"The source placement (OPD, unit, position) must be complete.")
	}
	switch {
	case len(r.Targets) == 0:
		v.Add("targets", "required", "Tujuan mutasi wajib diisi.", "A target is required.")
	case r.APS && len(r.Targets) > MaxTargets:
		v.Add("targets", "transfer.targets_max", fmt.Sprintf("Paling banyak %d tujuan pilihan.", MaxTargets),
			fmt.Sprintf("At most %d preferred targets.", MaxTargets))
	case !r.APS && len(r.Targets) > 1:
		v.Add("targets", "transfer.targets_one", "Mutasi karena kebutuhan organisasi hanya satu tujuan.",
			"A transfer for organisational need has exactly one target.")
	}
	if r.APS && strings.TrimSpace(r.Reason) == "" {
		v.Add("reason", "required", "Alasan permohonan wajib diisi untuk mutasi atas permintaan sendiri.",
			"A self-requested transfer needs a reason.")
	}
	for i, p := range r.Targets {
		f := fmt.Sprintf("targets[%d]", i)
		switch {
		case p.OPDID == "":
			v.Add(f, "required", "OPD tujuan wajib diisi.", "The target OPD is required.")
		case !r.Type.AntarInstansi() && (p.UnitID == "" || p.JabatanID == ""):
			v.Add(f, "required", "Unit dan jabatan tujuan wajib diisi.", "The target unit and position are required.")
		case r.Type == domain.MutasiT0 && p.OPDID != r.Source.OPDID:
			v.Add(f, "transfer.t0_opd", "Mutasi T0 hanya antarunit di dalam OPD asal.",
				"A T0 transfer stays inside the source OPD.")
		case r.Type != domain.MutasiT0 && r.Type.Valid() && p.OPDID == r.Source.OPDID:
			v.Add(f, "transfer.same_opd", "Tujuan di OPD yang sama: gunakan jenis T0.",
				"The target is in the same OPD: use type T0.")
		case p.Instansi != "" && !r.Type.AntarInstansi():
			v.Add(f, "transfer.instansi_t0_t1", "Instansi tujuan hanya untuk mutasi T2–T4.",
				"A destination agency applies only to T2–T4 transfers.")
		case p == r.Source:
			v.Add(f, "transfer.same_placement", "Tujuan sama dengan penempatan asal.",
				"The target is the current placement.")
		}
	}
	return v.Err()
}

func displayStatus(s Status) string {
	if s == StatusNone {
		return "(belum ada)"
	}
	return string(s)
}

func errInvalid(code, id, en string) error { return domain.E(domain.KindInvalid, code, id, en) }

// recode gives a validation error a specific code, keeping its fields.
func recode(err error, code string) error {
	e, ok := err.(*domain.Error)
	if !ok {
		return err
	}
	c := *e
	c.Code = code
	return &c
}

func errSequence(st State, ev Event) error {
	return domain.E(domain.KindConflict, "transfer.sequence",
		fmt.Sprintf("Urutan peristiwa tidak sesuai: diharapkan #%d untuk usulan %s, diterima #%d untuk %s.",
			st.Seq+1, st.RequestID, ev.Seq, ev.RequestID),
		fmt.Sprintf("Event out of order: expected #%d for request %s, got #%d for %s.",
			st.Seq+1, st.RequestID, ev.Seq, ev.RequestID))
}
