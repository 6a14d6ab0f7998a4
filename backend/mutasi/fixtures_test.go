package mutasi

import (
	"fmt"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// The fictitious cast: the employee peg-1 moves from OPD A to OPD B (T1), to
// another unit of OPD A (T0) or out of the Pemda (T2–T4, OPD "luar").
const (
	opdA    = "opd-a"
	opdB    = "opd-b"
	opdX    = "opd-x"
	opdLuar = "pemkab-opd-1"
	subject = "peg-1"
)

var (
	opA    = Actor{UserID: "u-op-a", PegawaiID: "p-op-a", Name: "Operator A", Role: domain.RoleOperatorOPD, OPDID: opdA}
	opB    = Actor{UserID: "u-op-b", PegawaiID: "p-op-b", Name: "Operator B", Role: domain.RoleOperatorOPD, OPDID: opdB}
	kepA   = Actor{UserID: "u-kep-a", PegawaiID: "p-kep-a", Name: "Kepala A", Role: domain.RoleKepalaOPD, OPDID: opdA}
	kepB   = Actor{UserID: "u-kep-b", PegawaiID: "p-kep-b", Name: "Kepala B", Role: domain.RoleKepalaOPD, OPDID: opdB}
	kepX   = Actor{UserID: "u-kep-x", PegawaiID: "p-kep-x", Name: "Kepala X", Role: domain.RoleKepalaOPD, OPDID: opdX}
	verif  = Actor{UserID: "u-ver", PegawaiID: "p-ver", Name: "Verifikator", Role: domain.RoleVerifikator}
	tpk    = Actor{UserID: "u-tpk", PegawaiID: "p-tpk", Name: "Ketua TPK", Role: domain.RoleTPK}
	adm    = Actor{UserID: "u-adm", PegawaiID: "p-adm", Name: "Admin BKPSDM", Role: domain.RoleAdmin}
	pimp   = Actor{UserID: "u-pim", PegawaiID: "p-pim", Name: "Sekda", Role: domain.RolePimpinan}
	self   = Actor{UserID: "portal:" + subject, PegawaiID: subject, Name: "Pegawai", Role: domain.RolePegawai}
	actors = []Actor{opA, opB, kepA, kepB, kepX, verif, tpk, adm, pimp, self}
)

var (
	srcPlacement = Placement{OPDID: opdA, UnitID: "unit-a1", JabatanID: "jab-1"}
	t0Target     = Placement{OPDID: opdA, UnitID: "unit-a2", JabatanID: "jab-1"}
	t1Target     = Placement{OPDID: opdB, UnitID: "unit-b1", JabatanID: "jab-2"}
	luarTarget   = Placement{OPDID: opdLuar, UnitID: "", JabatanID: "jab-luar"}
	day0         = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
)

func targetFor(ty domain.JenisMutasi) Placement {
	switch ty {
	case domain.MutasiT0:
		return t0Target
	case domain.MutasiT1:
		return t1Target
	}
	return luarTarget
}

func newRequest(ty domain.JenisMutasi) Request {
	return Request{ID: "req-" + string(ty), PegawaiID: subject, Type: ty, APS: true, Reason: "dekat keluarga", Source: srcPlacement,
		SourceTMT: domain.MustDate("2019-01-01"), Targets: []Placement{targetFor(ty)}}
}

var testSK = SK{Nomor: "800/123/BKPSDM/2026", Tanggal: domain.MustDate("2026-04-01"), TMT: domain.MustDate("2026-05-01")}

// fullCommand is a command for kind with every payload a kind may need.
func fullCommand(kind Kind, ty domain.JenisMutasi) Command {
	r := newRequest(ty)
	sk, pt := testSK, Letter{Nomor: "PT-XIV/01", Tanggal: domain.MustDate("2026-03-20")}
	return Command{Kind: kind, Note: "alasan " + string(kind), Request: &r, SK: &sk, Pertek: &pt,
		EffectiveDate: domain.MustDate("2026-06-01"),
		Eligibility:   []RuleSnapshot{{RuleID: "MUT-01", Severity: "BLOCK", Outcome: "PASS", Message: "ok"}}}
}

// approverFor is an actor that fits a transition row for a request of type ty.
func approverFor(t Transition, ty domain.JenisMutasi) Actor {
	role := t.Roles[0]
	switch role {
	case domain.RoleOperatorOPD:
		return opA
	case domain.RoleKepalaOPD:
		if t.Scope == ScopeTarget {
			a := kepB
			a.OPDID = targetFor(ty).OPDID
			return a
		}
		return kepA
	case domain.RoleVerifikator:
		return verif
	case domain.RoleTPK:
		return tpk
	case domain.RolePegawai:
		return self
	}
	return adm
}

type step struct {
	kind  Kind
	actor Actor
}

// pathTo is a sequence of steps that brings a request of type ty to status
// to, or ok=false when that status cannot occur for the type.
func pathTo(ty domain.JenisMutasi, to Status) ([]step, bool) {
	tujuan := kepB
	tujuan.OPDID = targetFor(ty).OPDID
	if ty.AntarInstansi() {
		tujuan = adm
	}
	if ty == domain.MutasiT0 {
		tujuan = kepA
	}
	base := []step{{KindBuat, opA}, {KindAjukan, opA}, {KindVerifikasi, verif}}
	main := append(base, step{KindSetujuiAsal, kepA})
	if ty != domain.MutasiT0 {
		main = append(main, step{KindSetujuiTujuan, tujuan})
	}
	main = append(main, step{KindPertimbanganTPK, tpk})
	if ty.AntarInstansi() {
		main = append(main, step{KindSetujuiPPKAsal, adm}, step{KindPertek, adm})
	}
	main = append(main, step{KindTetapkanSK, adm}, step{KindLaksanakan, adm})
	switch to {
	case StatusNone:
		return nil, true
	case StatusDisetujuiAsal:
		if ty == domain.MutasiT0 {
			return nil, false
		}
		return append(base, step{KindSetujuiAsal, kepA}), true
	case StatusDisetujuiTujuan:
		if ty == domain.MutasiT0 {
			return nil, false
		}
		return append(base, step{KindSetujuiTujuan, tujuan}), true
	case StatusDitolak:
		return append(base[:2:2], step{KindTolak, verif}), true
	case StatusDibatalkan:
		return []step{{KindBuat, opA}, {KindBatalkan, opA}}, true
	case StatusDisetujuiPPKAsal, StatusPertek:
		if !ty.AntarInstansi() {
			return nil, false
		}
	}
	for i := range main {
		st := statusAfter(ty, main[:i+1])
		if st == to {
			return main[:i+1], true
		}
	}
	return nil, false
}

// statusAfter runs steps (for pathTo's search) without a *testing.T.
func statusAfter(ty domain.JenisMutasi, steps []step) Status {
	st, _, err := run(ty, State{}, steps)
	if err != nil {
		panic(err)
	}
	return st.Status
}

// run applies steps with full commands, returning the state and events.
func run(ty domain.JenisMutasi, st State, steps []step) (State, []Event, error) {
	var evs []Event
	for _, s := range steps {
		c := fullCommand(s.kind, ty)
		ev, err := Decide(st, c, s.actor, day0.Add(time.Duration(st.Seq)*time.Hour), fmt.Sprintf("ev-%d", st.Seq+1))
		if err != nil {
			return st, evs, fmt.Errorf("%s by %s from %s: %w", s.kind, s.actor.Role, st.Status, err)
		}
		if st, err = Apply(st, ev); err != nil {
			return st, evs, err
		}
		evs = append(evs, ev)
	}
	return st, evs, nil
}

func reach(t *testing.T, ty domain.JenisMutasi, to Status) (State, []Event) {
	t.Helper()
	steps, ok := pathTo(ty, to)
	if !ok {
		t.Fatalf("no path to %s for %s", to, ty)
	}
	st, evs, err := run(ty, State{}, steps)
	if err != nil {
		t.Fatal(err)
	}
	if st.Status != to {
		t.Fatalf("reached %s, want %s", st.Status, to)
	}
	return st, evs
}

func wantErr(t *testing.T, err error, kind domain.Kind, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("accepted, want %s %s", kind, code)
	}
	if domain.KindOf(err) != kind || domain.CodeOf(err) != code {
		t.Fatalf("got %s %s (%v), want %s %s", domain.KindOf(err), domain.CodeOf(err), err, kind, code)
	}
}
