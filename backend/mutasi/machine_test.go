package mutasi

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Every row of the table, for every type it names, is accepted from a state
// reached the ordinary way, by an actor that fits the row, and leads to To.
func TestEveryTransitionIsAccepted(t *testing.T) {
	n := 0
	for _, row := range Transitions {
		types := row.Types
		if len(types) == 0 {
			types = domain.JenisMutasiAll
		}
		for _, ty := range types {
			steps, ok := pathTo(ty, row.From)
			if !ok {
				t.Errorf("%s %s → %s: status %s cannot occur for %s", row.From, row.Kind, row.To, row.From, ty)
				continue
			}
			for _, role := range row.Roles {
				r := row
				r.Roles = []domain.Role{role}
				name := fmt.Sprintf("%s/%s/%s/%s", ty, displayStatus(row.From), row.Kind, role)
				t.Run(name, func(t *testing.T) {
					st, _, err := run(ty, State{}, steps)
					if err != nil {
						t.Fatal(err)
					}
					ev, err := Decide(st, fullCommand(row.Kind, ty), approverFor(r, ty), day0, "ev-x")
					if err != nil {
						t.Fatalf("refused: %v", err)
					}
					got, err := Apply(st, ev)
					if err != nil || got.Status != row.To {
						t.Fatalf("status %s, %v; want %s", got.Status, err, row.To)
					}
				})
				n++
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d accepted transitions exercised", n)
	}
}

func TestRefusedTransitions(t *testing.T) {
	outsider := Actor{UserID: "u-subj", PegawaiID: subject, Name: "Yang dimutasi", Role: domain.RoleVerifikator}
	cases := []struct {
		name  string
		ty    domain.JenisMutasi
		from  Status
		actor Actor
		edit  func(*Command)
		kind  Kind
		ek    domain.Kind
		code  string
	}{
		{"submit twice", domain.MutasiT1, StatusDiajukan, opA, nil, KindAjukan, domain.KindConflict, "transfer.state"},
		{"verify a draft", domain.MutasiT1, StatusDraft, verif, nil, KindVerifikasi, domain.KindConflict, "transfer.state"},
		{"TPK before both OPDs", domain.MutasiT1, StatusDisetujuiAsal, tpk, nil, KindPertimbanganTPK, domain.KindConflict, "transfer.state"},
		{"SK before pertek (T2)", domain.MutasiT2, StatusDipertimbangkan, adm, nil, KindTetapkanSK, domain.KindConflict, "transfer.state"},
		{"pertek on T1", domain.MutasiT1, StatusDipertimbangkan, adm, nil, KindPertek, domain.KindConflict, "transfer.state"},
		{"PPK asal on T1", domain.MutasiT1, StatusDipertimbangkan, adm, nil, KindSetujuiPPKAsal, domain.KindConflict, "transfer.state"},
		{"execute before SK", domain.MutasiT1, StatusDipertimbangkan, adm, nil, KindLaksanakan, domain.KindConflict, "transfer.state"},
		{"return after SK", domain.MutasiT1, StatusSKDitetapkan, adm, nil, KindKembalikan, domain.KindConflict, "transfer.state"},
		{"create twice", domain.MutasiT1, StatusDraft, opA, nil, KindBuat, domain.KindConflict, "transfer.state"},
		{"anything after ditolak", domain.MutasiT1, StatusDitolak, adm, nil, KindBatalkan, domain.KindConflict, "transfer.terminal"},
		{"anything after dibatalkan", domain.MutasiT1, StatusDibatalkan, opA, nil, KindUbah, domain.KindConflict, "transfer.terminal"},
		{"operator verifies", domain.MutasiT1, StatusDiajukan, opA, nil, KindVerifikasi, domain.KindPermission, "transfer.role"},
		{"kepala does TPK", domain.MutasiT1, StatusDisetujuiOPD, kepA, nil, KindPertimbanganTPK, domain.KindPermission, "transfer.role"},
		{"verifikator signs SK", domain.MutasiT1, StatusDipertimbangkan, verif, nil, KindTetapkanSK, domain.KindPermission, "transfer.role"},
		{"admin approves T1 OPD asal", domain.MutasiT1, StatusDiverifikasi, adm, nil, KindSetujuiAsal, domain.KindPermission, "transfer.role"},
		{"operator cancels after verification", domain.MutasiT1, StatusDiverifikasi, opA, nil, KindBatalkan, domain.KindPermission, "transfer.role"},
		{"pimpinan reads only", domain.MutasiT1, StatusDiajukan, pimp, nil, KindVerifikasi, domain.KindPermission, "transfer.read_only"},
		{"unknown role", domain.MutasiT1, StatusDiajukan, Actor{UserID: "u-?", Role: "SUPERUSER"}, nil, KindVerifikasi, domain.KindPermission, "transfer.role"},
		{"target head approves release", domain.MutasiT1, StatusDiverifikasi, kepB, nil, KindSetujuiAsal, domain.KindPermission, "transfer.opd"},
		{"other OPD head approves release", domain.MutasiT1, StatusDiverifikasi, kepX, nil, KindSetujuiAsal, domain.KindPermission, "transfer.opd"},
		{"source head approves acceptance", domain.MutasiT1, StatusDisetujuiAsal, kepA, nil, KindSetujuiTujuan, domain.KindPermission, "transfer.opd"},
		{"operator of another OPD submits", domain.MutasiT1, StatusDraft, Actor{UserID: "u-op-x", Role: domain.RoleOperatorOPD, OPDID: opdX}, nil, KindAjukan, domain.KindPermission, "transfer.opd"},
		{"kepala without OPD", domain.MutasiT1, StatusDiverifikasi, Actor{UserID: "u-k", Role: domain.RoleKepalaOPD}, nil, KindSetujuiAsal, domain.KindPermission, "transfer.opd"},
		{"employee verifies own transfer", domain.MutasiT1, StatusDiajukan, outsider, nil, KindVerifikasi, domain.KindPermission, "transfer.self"},
		{"return without reason", domain.MutasiT1, StatusDiajukan, verif, func(c *Command) { c.Note = "  " }, KindKembalikan, domain.KindInvalid, "transfer.reason_required"},
		{"reject without reason", domain.MutasiT1, StatusDisetujuiOPD, tpk, func(c *Command) { c.Note = "" }, KindTolak, domain.KindInvalid, "transfer.reason_required"},
		{"cancel without reason", domain.MutasiT1, StatusDraft, opA, func(c *Command) { c.Note = "" }, KindBatalkan, domain.KindInvalid, "transfer.reason_required"},
		{"SK without TMT", domain.MutasiT1, StatusDipertimbangkan, adm, func(c *Command) { c.SK = &SK{Nomor: "1", Tanggal: testSK.Tanggal} }, KindTetapkanSK, domain.KindInvalid, "transfer.sk_missing"},
		{"SK missing", domain.MutasiT1, StatusDipertimbangkan, adm, func(c *Command) { c.SK = nil }, KindTetapkanSK, domain.KindInvalid, "transfer.sk_missing"},
		{"pertek without number", domain.MutasiT2, StatusDisetujuiPPKAsal, adm, func(c *Command) { c.Pertek.Nomor = "" }, KindPertek, domain.KindInvalid, "transfer.pertek_missing"},
		{"PPK asal without letter", domain.MutasiT2, StatusDipertimbangkan, adm, func(c *Command) { c.Note = "" }, KindSetujuiPPKAsal, domain.KindInvalid, "transfer.reason_required"},
		{"verify a target not offered", domain.MutasiT1, StatusDiajukan, verif, func(c *Command) { c.TargetIndex = 1 }, KindVerifikasi, domain.KindInvalid, "transfer.target_index"},
		{"verify while blocked", domain.MutasiT1, StatusDiajukan, verif, func(c *Command) { c.Blocked = true }, KindVerifikasi, domain.KindNotEligible, "transfer.blocked"},
		{"SK while blocked", domain.MutasiT1, StatusDipertimbangkan, adm, func(c *Command) { c.Blocked = true }, KindTetapkanSK, domain.KindNotEligible, "transfer.blocked"},
		{"reversal before TMT", domain.MutasiT1, StatusDilaksanakan, adm, func(c *Command) { c.EffectiveDate = domain.MustDate("2026-04-30") }, KindBatalkan, domain.KindInvalid, "transfer.effective_date"},
		{"edit changes the employee", domain.MutasiT1, StatusDraft, opA, func(c *Command) { c.Request.PegawaiID = "peg-2" }, KindUbah, domain.KindInvalid, "transfer.request_identity"},
		{"edit to an invalid request", domain.MutasiT1, StatusDraft, opA, func(c *Command) { c.Request.Targets = nil }, KindUbah, domain.KindInvalid, "validation"},
		{"unknown kind", domain.MutasiT1, StatusDraft, opA, nil, Kind("hapus"), domain.KindInvalid, "transfer.kind"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, _ := reach(t, c.ty, c.from)
			cmd := fullCommand(c.kind, c.ty)
			if c.edit != nil {
				c.edit(&cmd)
			}
			before := st
			_, err := Decide(st, cmd, c.actor, day0, "ev-x")
			wantErr(t, err, c.ek, c.code)
			if !reflect.DeepEqual(st, before) {
				t.Fatal("a refused command changed the state")
			}
		})
	}
}

func TestT1HappyPath(t *testing.T) {
	st, evs := reach(t, domain.MutasiT1, StatusDilaksanakan)
	if len(evs) != 8 {
		t.Fatalf("%d events", len(evs))
	}
	want := PlacementChange{Kind: ChangeMutasi, RequestID: "req-T1", PegawaiID: subject, From: srcPlacement,
		To: t1Target, TMT: testSK.TMT, CloseOn: domain.MustDate("2026-04-30"), TMTJabatan: testSK.TMT,
		NomorSK: testSK.Nomor, Keterangan: "Mutasi T1 berdasarkan SK " + testSK.Nomor}
	if st.Executed == nil || *st.Executed != want || *evs[7].Payload.Change != want {
		t.Fatalf("executed %+v, want %+v", st.Executed, want)
	}
	if st.SK == nil || *st.SK != testSK || st.Pertek != nil {
		t.Fatalf("SK %+v pertek %+v", st.SK, st.Pertek)
	}
	if got := Allowed(st, adm); !slices.Equal(got, []Kind{KindBatalkan}) {
		t.Fatalf("admin may %v after execution", got)
	}
	replayed, err := Replay(evs)
	if err != nil || !reflect.DeepEqual(replayed, st) {
		t.Fatalf("replay %v:\n%+v\n%+v", err, replayed, st)
	}
}

func TestT1ApprovalsInEitherOrder(t *testing.T) {
	st, _ := reach(t, domain.MutasiT1, StatusDisetujuiTujuan)
	if got := Allowed(st, kepA); !slices.Contains(got, KindSetujuiAsal) {
		t.Fatalf("source head may %v", got)
	}
	st, _, err := run(domain.MutasiT1, st, []step{{KindSetujuiAsal, kepA}, {KindPertimbanganTPK, tpk}})
	if err != nil || st.Status != StatusDipertimbangkan {
		t.Fatal(st.Status, err)
	}
}

func TestT2PathWithPPKAsalAndPertek(t *testing.T) {
	st, evs := reach(t, domain.MutasiT2, StatusDilaksanakan)
	kinds := make([]Kind, len(evs))
	for i, e := range evs {
		kinds[i] = e.Kind
	}
	want := []Kind{KindBuat, KindAjukan, KindVerifikasi, KindSetujuiAsal, KindSetujuiTujuan, KindPertimbanganTPK,
		KindSetujuiPPKAsal, KindPertek, KindTetapkanSK, KindLaksanakan}
	if !slices.Equal(kinds, want) {
		t.Fatalf("kinds %v", kinds)
	}
	if st.Pertek == nil || st.Pertek.Nomor != "PT-XIV/01" || st.Executed.To != luarTarget {
		t.Fatalf("%+v", st)
	}
	// The target side is outside the Pemda: BKPSDM recorded its letter.
	if evs[4].Actor.Role != domain.RoleAdmin || evs[4].Note == "" {
		t.Fatalf("tujuan approval %+v", evs[4])
	}
}

func TestT0NeedsOneOPD(t *testing.T) {
	st, _ := reach(t, domain.MutasiT0, StatusDiverifikasi)
	st, _, err := run(domain.MutasiT0, st, []step{{KindSetujuiTujuan, kepA}})
	if err != nil || st.Status != StatusDisetujuiOPD {
		t.Fatal(st.Status, err)
	}
	st, _ = reach(t, domain.MutasiT0, StatusDilaksanakan)
	if st.Executed.To != t0Target || st.Executed.From.OPDID != st.Executed.To.OPDID {
		t.Fatalf("%+v", st.Executed)
	}
}

func TestReturnedRequestIsCorrectedAndResubmitted(t *testing.T) {
	st, _ := reach(t, domain.MutasiT1, StatusDisetujuiAsal)
	ev, err := Decide(st, Command{Kind: KindKembalikan, Note: "SKP tahun lalu belum dilampirkan"}, kepB, day0, "ev-r")
	if err != nil {
		t.Fatal(err)
	}
	st, _ = Apply(st, ev)
	if st.Status != StatusDraft || st.Returns != 1 || st.LastReason != "SKP tahun lalu belum dilampirkan" {
		t.Fatalf("%+v", st)
	}
	// Corrected by the target OPD's operator, who thereby becomes a proposer.
	fixed := newRequest(domain.MutasiT1)
	fixed.Targets = []Placement{{OPDID: opdB, UnitID: "unit-b2", JabatanID: "jab-2"}}
	ev, err = Decide(st, Command{Kind: KindUbah, Request: &fixed}, opB, day0, "ev-u")
	if err != nil {
		t.Fatal(err)
	}
	st, _ = Apply(st, ev)
	st, _, err = run(domain.MutasiT1, st, []step{{KindAjukan, opB}, {KindVerifikasi, verif}})
	if err != nil || st.Status != StatusDiverifikasi || st.Target().UnitID != "unit-b2" {
		t.Fatal(st.Status, err)
	}
	// The earlier approval does not survive the return: both are needed again.
	if _, err := Decide(st, fullCommand(KindPertimbanganTPK, domain.MutasiT1), tpk, day0, "x"); err == nil {
		t.Fatal("TPK accepted without fresh OPD approvals")
	}
	if !slices.Equal(st.Proposers, []string{"u-op-a", "u-op-b"}) {
		t.Fatalf("proposers %v", st.Proposers)
	}
}

func TestCancellingAnExecutedTransferReversesIt(t *testing.T) {
	st, evs := reach(t, domain.MutasiT1, StatusDilaksanakan)
	ev, err := Decide(st, Command{Kind: KindBatalkan, Note: "SK dibatalkan oleh PPK",
		EffectiveDate: domain.MustDate("2026-07-01")}, adm, day0, "ev-b")
	if err != nil {
		t.Fatal(err)
	}
	st2, err := Apply(st, ev)
	if err != nil {
		t.Fatal(err)
	}
	rv := st2.Reversal
	want := PlacementChange{Kind: ChangePembatalan, RequestID: "req-T1", PegawaiID: subject, From: t1Target,
		To: srcPlacement, TMT: domain.MustDate("2026-07-01"), CloseOn: domain.MustDate("2026-06-30"),
		TMTJabatan: domain.MustDate("2019-01-01"), NomorSK: testSK.Nomor, Keterangan: "Pembatalan mutasi SK " + testSK.Nomor}
	if st2.Status != StatusDibatalkan || rv == nil || *rv != want || *ev.Payload.Change != want {
		t.Fatalf("reversal %+v", rv)
	}
	// History is appended, not edited: the execution event and change stay.
	if st2.Executed == nil || *st2.Executed != *st.Executed || len(Allowed(st2, adm)) != 0 {
		t.Fatalf("%+v", st2)
	}
	if _, err := Replay(append(evs, ev)); err != nil {
		t.Fatal(err)
	}
	// Cancelling without a date takes the date of the event.
	ev, err = Decide(st, Command{Kind: KindBatalkan, Note: "x"}, adm, day0.AddDate(0, 3, 0), "ev-b2")
	if err != nil || ev.Payload.EffectiveDate != domain.MustDate("2026-06-02") {
		t.Fatal(ev.Payload.EffectiveDate, err)
	}
}

func TestTamperedEventsAreRefused(t *testing.T) {
	st, _ := reach(t, domain.MutasiT1, StatusSKDitetapkan)
	ev, err := Decide(st, Command{Kind: KindLaksanakan}, adm, day0, "ev-l")
	if err != nil {
		t.Fatal(err)
	}
	bad := ev
	ch := *ev.Payload.Change
	ch.To.UnitID = "unit-lain"
	bad.Payload.Change = &ch
	_, err = Apply(st, bad)
	wantErr(t, err, domain.KindInvalid, "transfer.change_mismatch")
	bad = ev
	bad.Seq = ev.Seq + 1
	_, err = Apply(st, bad)
	wantErr(t, err, domain.KindConflict, "transfer.sequence")
	bad = ev
	bad.RequestID = "req-lain"
	_, err = Apply(st, bad)
	wantErr(t, err, domain.KindConflict, "transfer.sequence")
	// A change smuggled onto an event that makes none.
	st, _ = reach(t, domain.MutasiT1, StatusDiajukan)
	ev, _ = Decide(st, Command{Kind: KindVerifikasi}, verif, day0, "ev-v")
	ev.Payload.Change = &ch
	_, err = Apply(st, ev)
	wantErr(t, err, domain.KindInvalid, "transfer.change_mismatch")
}

func TestNoOneApprovesTheirOwnRequest(t *testing.T) {
	// A BKPSDM admin creates and submits; the same user acting as verifikator
	// or TPK is refused, as is the employee concerned in any deciding role.
	r := newRequest(domain.MutasiT1)
	self := Actor{UserID: "u-adm", PegawaiID: "p-adm", Role: domain.RoleAdmin}
	st, _, err := run(domain.MutasiT1, State{}, []step{{KindBuat, self}, {KindAjukan, self}})
	if err != nil {
		t.Fatal(err)
	}
	asVerif := self
	asVerif.Role = domain.RoleVerifikator
	_, err = Decide(st, fullCommand(KindVerifikasi, domain.MutasiT1), asVerif, day0, "x")
	wantErr(t, err, domain.KindPermission, "transfer.own_request")
	if slices.Contains(Allowed(st, asVerif), KindVerifikasi) {
		t.Fatal("Allowed offers verification to the proposer")
	}
	st, _, _ = run(domain.MutasiT1, st, []step{{KindVerifikasi, verif}})
	// The employee is head of the source OPD.
	kepSelf := kepA
	kepSelf.PegawaiID = r.PegawaiID
	_, err = Decide(st, fullCommand(KindSetujuiAsal, domain.MutasiT1), kepSelf, day0, "x")
	wantErr(t, err, domain.KindPermission, "transfer.self")
	// The proposing admin may not be the TPK either.
	st, _, _ = run(domain.MutasiT1, st, []step{{KindSetujuiAsal, kepA}, {KindSetujuiTujuan, kepB}})
	asTPK := self
	asTPK.Role = domain.RoleTPK
	_, err = Decide(st, fullCommand(KindPertimbanganTPK, domain.MutasiT1), asTPK, day0, "x")
	wantErr(t, err, domain.KindPermission, "transfer.own_request")
	// The employee cannot sign the SK on their own transfer.
	st, _, _ = run(domain.MutasiT1, st, []step{{KindPertimbanganTPK, tpk}})
	admSelf := adm
	admSelf.PegawaiID = subject
	_, err = Decide(st, fullCommand(KindTetapkanSK, domain.MutasiT1), admSelf, day0, "x")
	wantErr(t, err, domain.KindPermission, "transfer.self")
}

func TestWrongOPDIsRefused(t *testing.T) {
	st, _ := reach(t, domain.MutasiT1, StatusDiverifikasi)
	for _, a := range []Actor{kepB, kepX} {
		_, err := Decide(st, fullCommand(KindSetujuiAsal, domain.MutasiT1), a, day0, "x")
		wantErr(t, err, domain.KindPermission, "transfer.opd")
	}
	for _, a := range []Actor{kepA, kepX} {
		_, err := Decide(st, fullCommand(KindSetujuiTujuan, domain.MutasiT1), a, day0, "x")
		wantErr(t, err, domain.KindPermission, "transfer.opd")
	}
	// After verification the chosen target counts, not the other preferences.
	r := newRequest(domain.MutasiT1)
	r.APS, r.Reason = true, "ikut suami"
	r.Targets = []Placement{t1Target, {OPDID: opdX, UnitID: "unit-x1", JabatanID: "jab-3"}}
	st, _, err := run(domain.MutasiT1, State{}, []step{{KindBuat, opA}})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := Decide(st, Command{Kind: KindUbah, Request: &r}, opA, day0, "u")
	if err != nil {
		t.Fatal(err)
	}
	st, _ = Apply(st, ev)
	st, _, _ = run(domain.MutasiT1, st, []step{{KindAjukan, opA}})
	ev, err = Decide(st, Command{Kind: KindVerifikasi, TargetIndex: 1}, verif, day0, "v")
	if err != nil {
		t.Fatal(err)
	}
	st, _ = Apply(st, ev)
	_, err = Decide(st, fullCommand(KindSetujuiTujuan, domain.MutasiT1), kepB, day0, "x")
	wantErr(t, err, domain.KindPermission, "transfer.opd")
	if _, err = Decide(st, fullCommand(KindSetujuiTujuan, domain.MutasiT1), kepX, day0, "x"); err != nil {
		t.Fatal(err)
	}
}

func TestAllowedPerRole(t *testing.T) {
	st, _ := reach(t, domain.MutasiT1, StatusDiverifikasi)
	want := map[string][]Kind{
		"Operator A":   nil,
		"Operator B":   nil,
		"Kepala A":     {KindSetujuiAsal, KindKembalikan, KindTolak},
		"Kepala B":     {KindSetujuiTujuan, KindKembalikan, KindTolak},
		"Kepala X":     nil,
		"Verifikator":  {KindKembalikan, KindTolak},
		"Ketua TPK":    nil,
		"Admin BKPSDM": {KindKembalikan, KindTolak, KindBatalkan},
		"Sekda":        nil,
	}
	for _, a := range actors {
		if got := Allowed(st, a); !slices.Equal(got, want[a.Name]) {
			t.Errorf("%s: %v, want %v", a.Name, got, want[a.Name])
		}
	}
	if got := Allowed(State{}, opA); !slices.Equal(got, []Kind{KindBuat}) {
		t.Errorf("new request: %v", got)
	}
	if got := Allowed(State{}, tpk); len(got) != 0 {
		t.Errorf("TPK on a new request: %v", got)
	}
}

func TestValidateRequest(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*Request)
		field string
		code  string
	}{
		{"ok", func(*Request) {}, "", ""},
		{"no employee", func(r *Request) { r.PegawaiID = "" }, "pegawaiId", "required"},
		{"bad type", func(r *Request) { r.Type = "T9" }, "type", "transfer.type"},
		{"no source unit", func(r *Request) { r.Source.UnitID = "" }, "source", "required"},
		{"no target", func(r *Request) { r.Targets = nil }, "targets", "required"},
		{"two targets for need", func(r *Request) { r.Targets = append(r.Targets, t0Target) }, "targets", "transfer.targets_one"},
		{"APS four targets", func(r *Request) {
			r.APS, r.Reason = true, "x"
			r.Targets = []Placement{t1Target, t1Target, t1Target, t1Target}
		}, "targets", "transfer.targets_max"},
		{"APS without reason", func(r *Request) { r.APS = true }, "reason", "required"},
		{"T1 inside one OPD", func(r *Request) { r.Targets = []Placement{t0Target} }, "targets[0]", "transfer.same_opd"},
		{"T0 to another OPD", func(r *Request) { r.Type = domain.MutasiT0 }, "targets[0]", "transfer.t0_opd"},
		{"T0 to the same place", func(r *Request) { r.Type, r.Targets = domain.MutasiT0, []Placement{srcPlacement} }, "targets[0]", "transfer.same_placement"},
		{"T1 target without jabatan", func(r *Request) { r.Targets[0].JabatanID = "" }, "targets[0]", "required"},
		{"T2 target only OPD", func(r *Request) { r.Type, r.Targets = domain.MutasiT2, []Placement{{OPDID: opdLuar}} }, "", ""},
		{"T2 target naming the agency", func(r *Request) {
			r.Type, r.Targets = domain.MutasiT2, []Placement{{OPDID: opdLuar, Instansi: "Pemkab Sorong Selatan"}}
		}, "", ""},
		{"T1 target naming an agency", func(r *Request) { r.Targets[0].Instansi = "Pemkab Sorong Selatan" }, "targets[0]", "transfer.instansi_t0_t1"},
	}
	for _, c := range cases {
		r := newRequest(domain.MutasiT1)
		r.APS, r.Reason = false, "" // the cases start from a request for organisational need
		c.edit(&r)
		err := ValidateRequest(r)
		if c.code == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		var e *domain.Error
		if err == nil || !asError(err, &e) || len(e.Fields) == 0 || e.Fields[0].Field != c.field || e.Fields[0].Code != c.code {
			t.Errorf("%s: %v, want %s %s", c.name, err, c.field, c.code)
		}
	}
}

func asError(err error, e **domain.Error) bool {
	x, ok := err.(*domain.Error)
	*e = x
	return ok
}

// Events survive a JSON round trip (the store keeps them as JSON) and replay
// to the same state.
func TestEventsReplayAfterJSON(t *testing.T) {
	for _, ty := range domain.JenisMutasiAll {
		st, evs := reach(t, ty, StatusDilaksanakan)
		ev, err := Decide(st, Command{Kind: KindBatalkan, Note: "x"}, adm, day0.AddDate(1, 0, 0), "last")
		if err != nil {
			t.Fatal(err)
		}
		st, _ = Apply(st, ev)
		evs = append(evs, ev)
		b, err := json.Marshal(evs)
		if err != nil {
			t.Fatal(err)
		}
		var back []Event
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		got, err := Replay(back)
		if err != nil || !reflect.DeepEqual(got, st) {
			t.Fatalf("%s: %v\n%+v\n%+v", ty, err, got, st)
		}
	}
}

// The employee (portal) proposes, submits and withdraws their own request
// and nothing else: not another employee's, not a decision.
func TestTheEmployeeActsOnlyOnTheirOwnRequest(t *testing.T) {
	other := self
	other.PegawaiID, other.UserID = "peg-2", "portal:peg-2"
	st, _, err := run(domain.MutasiT1, State{}, []step{{KindBuat, self}, {KindAjukan, self}})
	if err != nil || st.Status != StatusDiajukan {
		t.Fatalf("own request: %v %s", err, st.Status)
	}
	if _, err := Decide(st, Command{Kind: KindBatalkan, Note: "x"}, other, day0, "e"); domain.KindOf(err) != domain.KindPermission {
		t.Fatalf("another employee withdrew it: %v", err)
	}
	if _, err := Decide(st, Command{Kind: KindVerifikasi}, self, day0, "e"); domain.KindOf(err) != domain.KindPermission {
		t.Fatalf("the employee verified: %v", err)
	}
	req := newRequest(domain.MutasiT1)
	req.PegawaiID = "peg-2"
	if _, err := Decide(State{}, Command{Kind: KindBuat, Request: &req}, self, day0, "e"); domain.KindOf(err) != domain.KindPermission {
		t.Fatalf("the employee created a request about someone else: %v", err)
	}
	if _, err := Decide(st, Command{Kind: KindBatalkan, Note: "tidak jadi"}, self, day0, "e"); err != nil {
		t.Fatalf("own withdrawal refused: %v", err)
	}
}

// Verification and the SK are the steps BLOCK rules refuse; approvals and
// execution are not.
func TestNeedsEligibility(t *testing.T) {
	t1 := Request{Type: domain.MutasiT1}
	cases := []struct {
		st   Status
		kind Kind
		want bool
	}{
		{StatusDiajukan, KindVerifikasi, true},
		{StatusDipertimbangkan, KindTetapkanSK, true},
		{StatusDiverifikasi, KindSetujuiTujuan, false},
		{StatusDiverifikasi, KindSetujuiAsal, false},
		{StatusDisetujuiOPD, KindPertimbanganTPK, false},
		{StatusSKDitetapkan, KindLaksanakan, false},
		{StatusDiverifikasi, KindTetapkanSK, false}, // no such step from there
	}
	for _, c := range cases {
		if got := NeedsEligibility(State{Status: c.st, Request: t1}, c.kind); got != c.want {
			t.Errorf("%s from %s: %v", c.kind, c.st, got)
		}
	}
}
