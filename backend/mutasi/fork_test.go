package mutasi

import (
	"slices"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// The employee walks their own APS request through the portal: create,
// submit, withdraw; and after a return for correction, correct and resubmit.
func TestPortalSelfService(t *testing.T) {
	st, _, err := run(domain.MutasiT1, State{}, []step{{KindBuat, self}, {KindAjukan, self}, {KindKembalikan, verif},
		{KindUbah, self}, {KindAjukan, self}, {KindBatalkan, self}})
	if err != nil {
		t.Fatal(err)
	}
	if st.Status != StatusDibatalkan || st.Returns != 1 || !slices.Contains(st.Proposers, self.UserID) {
		t.Fatalf("state %+v", st)
	}
	// The employee is a proposer: the verification is never theirs, and an
	// operator who did not propose still may verify nothing (role).
	if _, err := Decide(mustReach(t, []step{{KindBuat, self}, {KindAjukan, self}}), fullCommand(KindVerifikasi, domain.MutasiT1), self, day0, "x"); err == nil {
		t.Fatal("the portal actor verified its own request")
	}
}

func mustReach(t *testing.T, steps []step) State {
	t.Helper()
	st, _, err := run(domain.MutasiT1, State{}, steps)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// Only the employee concerned, only their APS request, only the
// self-service kinds: everything else from the portal actor is refused.
func TestPortalActorRefusals(t *testing.T) {
	other := self
	other.PegawaiID, other.UserID = "peg-2", "portal:peg-2"
	noPeg := self
	noPeg.PegawaiID = ""
	need := newRequest(domain.MutasiT1)
	need.APS, need.Reason = false, ""

	submitted := mustReach(t, []step{{KindBuat, opA}, {KindAjukan, opA}})
	verified := mustReach(t, []step{{KindBuat, self}, {KindAjukan, self}, {KindVerifikasi, verif}})
	cases := []struct {
		name string
		st   State
		c    Command
		a    Actor
		kind domain.Kind
		code string
	}{
		{"another employee creates", State{}, fullCommand(KindBuat, domain.MutasiT1), other, domain.KindPermission, "transfer.self_service"},
		{"no employee record", State{}, fullCommand(KindBuat, domain.MutasiT1), noPeg, domain.KindPermission, "transfer.self_service"},
		{"request for organisational need", State{}, Command{Kind: KindBuat, Request: &need}, self, domain.KindPermission, "transfer.self_service"},
		{"another employee withdraws", submitted, fullCommand(KindBatalkan, domain.MutasiT1), other, domain.KindPermission, "transfer.self_service"},
		{"withdraw without a reason", submitted, Command{Kind: KindBatalkan}, self, domain.KindInvalid, "transfer.reason_required"},
		{"withdraw after verification", verified, fullCommand(KindBatalkan, domain.MutasiT1), self, domain.KindPermission, "transfer.role"},
		{"verify", submitted, fullCommand(KindVerifikasi, domain.MutasiT1), self, domain.KindPermission, "transfer.role"},
		{"return", submitted, fullCommand(KindKembalikan, domain.MutasiT1), self, domain.KindPermission, "transfer.role"},
		{"approve", verified, fullCommand(KindSetujuiAsal, domain.MutasiT1), self, domain.KindPermission, "transfer.role"},
	}
	for _, c := range cases {
		_, err := Decide(c.st, c.c, c.a, day0, "ev-x")
		if err == nil || domain.KindOf(err) != c.kind || domain.CodeOf(err) != c.code {
			t.Errorf("%s: %v, want %s %s", c.name, err, c.kind, c.code)
		}
	}
	// An edit that turns the request into one for organisational need (or
	// about someone else) is refused too.
	draft := mustReach(t, []step{{KindBuat, self}})
	for _, edit := range []func(*Request){func(r *Request) { r.APS, r.Reason = false, "" }, func(r *Request) { r.PegawaiID = "peg-2" }} {
		r := newRequest(domain.MutasiT1)
		edit(&r)
		if _, err := Decide(draft, Command{Kind: KindUbah, Request: &r}, self, day0, "ev-x"); err == nil {
			t.Errorf("edit %+v accepted", r)
		}
	}
}

// raceLog is an APS request submitted through the portal, then a
// withdrawal from the portal and a verification on an offline desktop,
// both made on the submitted state (the same seq); the desktop's Kepala OPD
// asal then approved on top of its verification.
func raceLog(t *testing.T, withdrawFirst bool) (all []Event, withdraw, verify, approve Event) {
	t.Helper()
	st, evs, err := run(domain.MutasiT1, State{}, []step{{KindBuat, self}, {KindAjukan, self}})
	if err != nil {
		t.Fatal(err)
	}
	// Event ids are UUIDv7: their order is the order they were made.
	wID, vID := "0190-b", "0190-a"
	if withdrawFirst {
		wID, vID = "0190-a", "0190-b"
	}
	withdraw, err = Decide(st, Command{Kind: KindBatalkan, Note: "ditarik: batal pindah"}, self, day0.Add(time.Hour), wID)
	if err != nil {
		t.Fatal(err)
	}
	verify, err = Decide(st, fullCommand(KindVerifikasi, domain.MutasiT1), verif, day0.Add(time.Hour), vID)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := Apply(st, verify)
	approve, err = Decide(after, fullCommand(KindSetujuiAsal, domain.MutasiT1), kepA, day0.Add(2*time.Hour), "0190-c")
	if err != nil {
		t.Fatal(err)
	}
	return append(evs, withdraw, verify, approve), withdraw, verify, approve
}

// A withdrawal racing an approval: every arrival order of the same events
// gives the same state; the step goes to the event made first, the other
// one (and what was built on it) is kept as rejected, naming the winner.
func TestWithdrawalRacingAVerificationReplaysTheSameEverywhere(t *testing.T) {
	for _, withdrawFirst := range []bool{true, false} {
		all, withdraw, verify, approve := raceLog(t, withdrawFirst)
		var want Log
		for i, order := range [][]int{{0, 1, 2, 3, 4}, {0, 1, 3, 2, 4}, {0, 1, 4, 3, 2}, {4, 3, 2, 1, 0}} {
			evs := make([]Event, len(order))
			for j, k := range order {
				evs[j] = all[k]
			}
			l := ReplayLog(evs)
			if !l.Forked {
				t.Fatal("fork not seen")
			}
			if i == 0 {
				want = l
			} else if l.State.Status != want.State.Status || l.State.Seq != want.State.Seq || len(l.Rejected) != len(want.Rejected) {
				t.Fatalf("order %v: %s/%d with %d rejected, first order %s/%d with %d", order, l.State.Status, l.State.Seq,
					len(l.Rejected), want.State.Status, want.State.Seq, len(want.Rejected))
			}
		}
		if withdrawFirst {
			// The withdrawal came first: the request is withdrawn, the
			// verification and the approval built on it are rejected.
			if want.State.Status != StatusDibatalkan || len(want.Rejected) != 2 {
				t.Fatalf("withdraw first: %s, rejected %+v", want.State.Status, want.Rejected)
			}
			r := want.Rejected[0]
			if r.Event.ID != verify.ID || r.Winner != withdraw.ID || r.Code != "transfer.sequence" {
				t.Fatalf("rejection %+v", r)
			}
			if want.Rejected[1].Event.ID != approve.ID || want.Rejected[1].Winner != "" || want.Rejected[1].Code != "transfer.terminal" {
				t.Fatalf("rejection %+v", want.Rejected[1])
			}
		} else {
			// The verification came first: it stands with the approval on
			// top; the withdrawal is rejected and names it.
			if want.State.Status != StatusDisetujuiAsal || len(want.Rejected) != 1 {
				t.Fatalf("verify first: %s, rejected %+v", want.State.Status, want.Rejected)
			}
			if r := want.Rejected[0]; r.Event.ID != withdraw.ID || r.Winner != verify.ID {
				t.Fatalf("rejection %+v", r)
			}
		}
	}
}

// Without a fork ReplayLog is Replay.
func TestReplayLogWithoutAForkIsReplay(t *testing.T) {
	_, evs := reach(t, domain.MutasiT2, StatusDilaksanakan)
	st, err := Replay(evs)
	if err != nil {
		t.Fatal(err)
	}
	l := ReplayLog(evs)
	if l.Forked || len(l.Rejected) != 0 || l.State.Status != st.Status || l.State.Seq != st.Seq || *l.State.Executed != *st.Executed {
		t.Fatalf("%+v vs %+v", l, st)
	}
}
