package mutasi

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// The property test: random sequences of commands by
// random actors, each accepted or refused by the machine; after every
// accepted event the log must satisfy the invariants below, checked by an
// oracle that reads the log and does not use the transition table, and
// replaying the log must rebuild the same state. Seeds are fixed.

const (
	propRuns  = 400
	propSteps = 60
)

func TestPropertyRandomWalksStayInsideTheMachine(t *testing.T) {
	reached := map[string]int{}
	accepted, refused := 0, 0
	for seed := uint64(1); seed <= propRuns; seed++ {
		rng := rand.New(rand.NewPCG(seed, 0x1bba))
		var st State
		var log []Event
		for step := 0; step < propSteps; step++ {
			var actor Actor
			var c Command
			if rng.IntN(2) == 0 {
				actor, c = guidedCommand(rng, st)
			} else {
				actor = randomActor(rng)
				c = randomCommand(rng, st, actor, "")
			}
			at := day0.Add(time.Duration(step) * time.Hour)
			before := st
			ev, err := Decide(st, c, actor, at, fmt.Sprintf("s%d-e%d", seed, step))
			if err != nil {
				refused++
				switch domain.KindOf(err) {
				case domain.KindInvalid, domain.KindConflict, domain.KindPermission, domain.KindNotEligible:
				default:
					t.Fatalf("seed %d: refusal of kind %s: %v", seed, domain.KindOf(err), err)
				}
				if !reflect.DeepEqual(st, before) {
					t.Fatalf("seed %d: a refused command changed the state", seed)
				}
				continue
			}
			next, err := Apply(st, ev)
			if err != nil {
				t.Fatalf("seed %d: Decide made an event Apply refuses: %v", seed, err)
			}
			// A forged copy of the accepted event is refused.
			if forged, ok := forge(rng, ev); ok {
				if _, err := Apply(st, forged); err == nil {
					t.Fatalf("seed %d: forged event accepted: %+v", seed, forged)
				}
			}
			st = next
			log = append(log, ev)
			accepted++
			if err := checkLog(log, st); err != nil {
				t.Fatalf("seed %d, event %d (%s by %s): %v\nlog: %s", seed, len(log), ev.Kind, ev.Actor.Role, err, kinds(log))
			}
			replayed, err := Replay(log)
			if err != nil || !reflect.DeepEqual(replayed, st) {
				t.Fatalf("seed %d: replay differs (%v)", seed, err)
			}
			reached[string(st.Request.Type)+" "+string(st.Status)]++
			if st.Reversal != nil {
				reached["reversal"]++
			}
		}
		// The whole log also replays after a JSON round trip.
		b, _ := json.Marshal(log)
		var back []Event
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if got, err := Replay(back); err != nil || !reflect.DeepEqual(got, st) {
			t.Fatalf("seed %d: JSON replay differs (%v)", seed, err)
		}
	}
	// The walk must actually explore: the deep states of each route.
	for _, k := range []string{"T1 DILAKSANAKAN", "T0 DILAKSANAKAN", "T2 PERTEK_BKN", "T3 SK_DITETAPKAN",
		"T4 DILAKSANAKAN", "T1 DITOLAK", "T1 DIBATALKAN", "reversal"} {
		if reached[k] == 0 {
			t.Errorf("no walk reached %q; reached: %v", k, reached)
		}
	}
	t.Logf("%d runs × %d steps: %d accepted, %d refused; reached %v", propRuns, propSteps, accepted, refused, reached)
}

var (
	propUsers    = []string{"u-op-a", "u-op-b", "u-kep-a", "u-kep-b", "u-ver", "u-tpk", "u-adm", "u-rand"}
	propOPDs     = []domain.ID{opdA, opdB, opdX, opdLuar, ""}
	propPegawais = []domain.ID{"", subject, "p-other"}
)

// randomActor is half the time one of the cast, half the time any role in
// any OPD with any user id and employee record (including the subject's).
func randomActor(rng *rand.Rand) Actor {
	if rng.IntN(10) < 7 {
		a := actors[rng.IntN(len(actors))]
		if rng.IntN(10) == 0 {
			a.PegawaiID = subject
		}
		return a
	}
	role := domain.Roles[rng.IntN(len(domain.Roles))]
	if rng.IntN(8) == 0 {
		role = domain.RolePegawai
	}
	if rng.IntN(20) == 0 {
		role = "TAMU"
	}
	return Actor{UserID: propUsers[rng.IntN(len(propUsers))], PegawaiID: propPegawais[rng.IntN(len(propPegawais))],
		Role: role, OPDID: propOPDs[rng.IntN(len(propOPDs))], Name: "acak"}
}

// guidedCommand picks, among the cast, an actor and a kind the machine
// offers them (mostly forward), so that walks reach the deep states; the
// payload is still random and may be refused.
func guidedCommand(rng *rand.Rand, st State) (Actor, Command) {
	type pair struct {
		a Actor
		k Kind
	}
	var fwd, back []pair
	for _, a := range actors {
		for _, k := range Allowed(st, a) {
			if k == KindTolak || k == KindBatalkan || k == KindKembalikan {
				back = append(back, pair{a, k})
			} else {
				fwd = append(fwd, pair{a, k})
			}
		}
	}
	pick := fwd
	if len(fwd) == 0 || len(back) > 0 && rng.IntN(10) == 0 {
		pick = back
	}
	if len(pick) == 0 {
		a := randomActor(rng)
		return a, randomCommand(rng, st, a, "")
	}
	p := pick[rng.IntN(len(pick))]
	return p.a, randomCommand(rng, st, p.a, p.k)
}

func randomCommand(rng *rand.Rand, st State, a Actor, kind Kind) Command {
	if kind != "" {
		// chosen by the caller
	} else if allowed := Allowed(st, a); len(allowed) > 0 && rng.IntN(10) < 7 {
		kind = allowed[rng.IntN(len(allowed))]
		// Mostly forward, so that walks get deep before they end.
		for tries := 0; tries < 3 && (kind == KindTolak || kind == KindBatalkan || kind == KindKembalikan) &&
			rng.IntN(10) < 8; tries++ {
			kind = allowed[rng.IntN(len(allowed))]
		}
	} else {
		kind = Kinds[rng.IntN(len(Kinds))]
	}
	ty := st.Request.Type
	if st.Status == StatusNone || rng.IntN(8) == 0 {
		ty = domain.JenisMutasiAll[rng.IntN(len(domain.JenisMutasiAll))]
	}
	c := fullCommand(kind, ty)
	r := *c.Request
	if st.Status != StatusNone {
		r.ID = st.RequestID
	}
	if rng.IntN(3) == 0 {
		r.APS, r.Reason = true, "alasan keluarga"
		if ty == domain.MutasiT1 {
			r.Targets = append(r.Targets, Placement{OPDID: opdX, UnitID: "unit-x1", JabatanID: "jab-3"})
		}
	}
	if rng.IntN(10) == 0 {
		r.Targets = nil // invalid
	}
	if rng.IntN(15) == 0 {
		r.PegawaiID = "peg-2"
	}
	c.Request = &r
	c.TargetIndex = rng.IntN(len(st.Request.Targets) + 1)
	if rng.IntN(5) == 0 {
		c.Note = ""
	}
	c.Blocked = rng.IntN(7) == 0
	if rng.IntN(5) == 0 {
		c.SK = &SK{Nomor: "", TMT: testSK.TMT}
	}
	if rng.IntN(5) == 0 {
		c.Pertek = nil
	}
	switch rng.IntN(4) {
	case 0:
		c.EffectiveDate = domain.Date{}
	case 1:
		c.EffectiveDate = domain.MustDate("2026-01-01") // before the TMT
	}
	return c
}

// forge alters an accepted event in a way Apply must refuse.
func forge(rng *rand.Rand, ev Event) (Event, bool) {
	f := ev
	switch rng.IntN(6) {
	case 0:
		f.Seq += 1 + rng.IntN(3)
	case 1:
		if ev.Kind == KindBuat {
			return f, false
		}
		f.RequestID = "req-lain"
	case 2:
		if ev.Payload.Change == nil {
			return f, false
		}
		ch := *ev.Payload.Change
		ch.TMT = ch.TMT.AddDays(1)
		f.Payload.Change = &ch
	case 3:
		f.Actor.Role = domain.RolePimpinan
	default:
		return f, false
	}
	return f, true
}

func kinds(log []Event) string {
	var s []string
	for _, e := range log {
		s = append(s, string(e.Kind))
	}
	return strings.Join(s, " ")
}

// round is what has happened since the request was created or last returned.
type round struct {
	submitted, verified, asal, tujuan, tpk, ppk, pertek, sk, executed bool
	target                                                            Placement
}

// checkLog is the oracle: it reads the accepted log on its own terms and
// reports the first violated invariant, then checks the machine's status
// against the status the log implies.
func checkLog(log []Event, st State) error {
	var req Request
	var proposers []string
	var r round
	var sk SK
	var executed *PlacementChange
	terminal := Status("")
	for i, e := range log {
		if terminal != "" {
			return fmt.Errorf("event %d (%s) after terminal %s", i+1, e.Kind, terminal)
		}
		if e.Seq != i+1 || (i > 0 && e.RequestID != log[0].RequestID) {
			return fmt.Errorf("event %d has seq %d / request %s", i+1, e.Seq, e.RequestID)
		}
		if (i == 0) != (e.Kind == KindBuat) {
			return fmt.Errorf("buat must be first and only first; event %d is %s", i+1, e.Kind)
		}
		a := e.Actor
		if a.Role == domain.RolePegawai {
			// the employee (portal): only their own request, only proposing or withdrawing before verification
			subj := req.PegawaiID
			if e.Kind == KindBuat || e.Kind == KindUbah {
				subj = e.Payload.Request.PegawaiID
			}
			own := e.Kind == KindBuat || e.Kind == KindUbah || e.Kind == KindAjukan || (e.Kind == KindBatalkan && !r.verified)
			if !own || a.PegawaiID == "" || a.PegawaiID != subj || (e.Kind == KindUbah && subj != req.PegawaiID) {
				return fmt.Errorf("event %d (%s) by the employee of %q on a request about %q", i+1, e.Kind, a.PegawaiID, subj)
			}
		} else if a.Role == domain.RolePimpinan || !a.Role.Valid() {
			return fmt.Errorf("event %d by role %q", i+1, a.Role)
		}
		// The portal actor: only the employee concerned, only on their own
		// APS request, only create, correct, submit and withdraw before
		// verification.
		if a.Role == domain.RolePegawai {
			r0 := req
			if e.Kind == KindBuat || e.Kind == KindUbah {
				r0 = *e.Payload.Request
			}
			selfKind := e.Kind == KindBuat || e.Kind == KindUbah || e.Kind == KindAjukan || (e.Kind == KindBatalkan && !r.verified)
			if !selfKind || a.PegawaiID == "" || a.PegawaiID != r0.PegawaiID || !r0.APS || (e.Kind == KindUbah && !req.APS) {
				return fmt.Errorf("%s by the portal actor %q on %q's request (aps %v)", e.Kind, a.PegawaiID, r0.PegawaiID, r0.APS)
			}
		}
		needsReason := e.Kind == KindKembalikan || e.Kind == KindTolak || e.Kind == KindBatalkan
		if needsReason && strings.TrimSpace(e.Note) == "" {
			return fmt.Errorf("%s without a reason", e.Kind)
		}
		deciding := e.Kind != KindBuat && e.Kind != KindUbah && e.Kind != KindAjukan &&
			!(e.Kind == KindBatalkan && !r.verified) // withdrawing before verification is not deciding
		if deciding && a.PegawaiID != "" && a.PegawaiID == req.PegawaiID {
			return fmt.Errorf("%s made by the employee concerned", e.Kind)
		}
		approval := e.Kind == KindVerifikasi || e.Kind == KindSetujuiAsal || e.Kind == KindSetujuiTujuan ||
			e.Kind == KindPertimbanganTPK || e.Kind == KindSetujuiPPKAsal
		if approval && slices.Contains(proposers, a.UserID) {
			return fmt.Errorf("%s made by a proposer", e.Kind)
		}
		if a.Role.OPDBound() && a.OPDID != req.Source.OPDID && !(r.verified && a.OPDID == r.target.OPDID) &&
			!(!r.verified && targetsContain(req, a.OPDID)) && e.Kind != KindBuat {
			return fmt.Errorf("%s by %s of unrelated OPD %q", e.Kind, a.Role, a.OPDID)
		}
		if e.Payload.Change != nil && e.Kind != KindLaksanakan && e.Kind != KindBatalkan {
			return fmt.Errorf("%s carries a placement change", e.Kind)
		}
		inter := req.Type.AntarInstansi()
		switch e.Kind {
		case KindBuat, KindUbah:
			if r.submitted {
				return fmt.Errorf("%s after submission", e.Kind)
			}
			if err := ValidateRequest(*e.Payload.Request); err != nil {
				return fmt.Errorf("%s with an invalid request: %v", e.Kind, err)
			}
			if e.Kind == KindUbah && e.Payload.Request.PegawaiID != req.PegawaiID {
				return fmt.Errorf("ubah changed the employee")
			}
			req = *e.Payload.Request
			proposers = appendUnique(proposers, a.UserID)
		case KindAjukan:
			if r.submitted {
				return fmt.Errorf("ajukan twice")
			}
			r.submitted = true
			proposers = appendUnique(proposers, a.UserID)
		case KindVerifikasi:
			if !r.submitted || r.verified || a.Role != domain.RoleVerifikator || e.Payload.Blocked {
				return fmt.Errorf("verifikasi out of place (%+v, role %s, blocked %v)", r, a.Role, e.Payload.Blocked)
			}
			r.verified, r.target = true, req.Targets[e.Payload.TargetIndex]
		case KindSetujuiAsal, KindSetujuiTujuan:
			asal := e.Kind == KindSetujuiAsal
			if !r.verified || r.tpk || r.asal && asal || r.tujuan && !asal || (req.Type == domain.MutasiT0 && (r.asal || r.tujuan)) {
				return fmt.Errorf("%s out of place (%+v)", e.Kind, r)
			}
			want := r.target.OPDID
			if asal {
				want = req.Source.OPDID
			}
			switch {
			case a.Role == domain.RoleKepalaOPD && a.OPDID == want:
			case a.Role == domain.RoleAdmin && inter && e.Note != "":
			default:
				return fmt.Errorf("%s by %s of %q (want kepala of %q)", e.Kind, a.Role, a.OPDID, want)
			}
			if asal {
				r.asal = true
			} else {
				r.tujuan = true
			}
		case KindPertimbanganTPK:
			both := r.asal && r.tujuan || req.Type == domain.MutasiT0 && (r.asal || r.tujuan)
			if !both || r.tpk || a.Role != domain.RoleTPK {
				return fmt.Errorf("TPK before the OPD approvals (%+v)", r)
			}
			r.tpk = true
		case KindSetujuiPPKAsal:
			if !inter || !r.tpk || r.ppk || a.Role != domain.RoleAdmin {
				return fmt.Errorf("PPK asal out of place (%+v, %s)", r, req.Type)
			}
			r.ppk = true
		case KindPertek:
			if !inter || !r.ppk || r.pertek || e.Payload.Pertek == nil || e.Payload.Pertek.Nomor == "" {
				return fmt.Errorf("pertek out of place (%+v, %s)", r, req.Type)
			}
			r.pertek = true
		case KindTetapkanSK:
			if !r.tpk || r.sk || inter && !r.pertek || e.Payload.Blocked || a.Role != domain.RoleAdmin {
				return fmt.Errorf("SK out of place (%+v, %s, blocked %v)", r, req.Type, e.Payload.Blocked)
			}
			if s := e.Payload.SK; s == nil || s.Nomor == "" || s.Tanggal.IsZero() || s.TMT.IsZero() {
				return fmt.Errorf("SK incomplete: %+v", e.Payload.SK)
			}
			r.sk, sk = true, *e.Payload.SK
		case KindLaksanakan:
			ch := e.Payload.Change
			if !r.sk || r.executed || ch == nil || ch.Kind != ChangeMutasi || ch.From != req.Source || ch.To != r.target ||
				ch.TMT != sk.TMT || ch.PegawaiID != req.PegawaiID {
				return fmt.Errorf("laksanakan out of place or wrong change (%+v, %+v)", r, ch)
			}
			r.executed, executed = true, ch
		case KindKembalikan:
			if !r.submitted || r.sk {
				return fmt.Errorf("kembalikan out of place (%+v)", r)
			}
			r = round{}
		case KindTolak:
			if !r.submitted || r.sk {
				return fmt.Errorf("tolak out of place (%+v)", r)
			}
			terminal = StatusDitolak
		case KindBatalkan:
			ch := e.Payload.Change
			if r.executed {
				if ch == nil || ch.Kind != ChangePembatalan || ch.From != executed.To || ch.To != executed.From ||
					ch.TMT.Before(executed.TMT) {
					return fmt.Errorf("cancelling an executed transfer without its reversal: %+v", ch)
				}
			} else if ch != nil {
				return fmt.Errorf("cancellation before execution carries a change")
			}
			if r.verified && a.Role != domain.RoleAdmin {
				return fmt.Errorf("batalkan after verification by %s", a.Role)
			}
			terminal = StatusDibatalkan
		default:
			return fmt.Errorf("unknown kind %q accepted", e.Kind)
		}
	}
	want := terminal
	if want == "" {
		want = impliedStatus(r, req.Type)
	}
	if st.Status != want {
		return fmt.Errorf("machine status %s, the log implies %s", st.Status, want)
	}
	if (st.SK != nil) != r.sk || (st.Pertek != nil) != r.pertek || (st.Executed != nil) != r.executed {
		return fmt.Errorf("state keeps SK %v, pertek %v, executed %v; the log implies %+v", st.SK, st.Pertek, st.Executed, r)
	}
	if r.verified && st.Target() != r.target {
		return fmt.Errorf("state target %+v, verified target %+v", st.Target(), r.target)
	}
	if (st.Reversal != nil) != (terminal == StatusDibatalkan && r.executed) {
		return fmt.Errorf("reversal %+v without (or missing after) cancelling an executed transfer", st.Reversal)
	}
	return nil
}

func impliedStatus(r round, ty domain.JenisMutasi) Status {
	switch {
	case r.executed:
		return StatusDilaksanakan
	case r.sk:
		return StatusSKDitetapkan
	case r.pertek:
		return StatusPertek
	case r.ppk:
		return StatusDisetujuiPPKAsal
	case r.tpk:
		return StatusDipertimbangkan
	case r.asal && r.tujuan, ty == domain.MutasiT0 && (r.asal || r.tujuan):
		return StatusDisetujuiOPD
	case r.asal:
		return StatusDisetujuiAsal
	case r.tujuan:
		return StatusDisetujuiTujuan
	case r.verified:
		return StatusDiverifikasi
	case r.submitted:
		return StatusDiajukan
	}
	return StatusDraft
}

func targetsContain(r Request, opd domain.ID) bool {
	for _, p := range r.Targets {
		if p.OPDID == opd {
			return true
		}
	}
	return false
}

func appendUnique(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}
