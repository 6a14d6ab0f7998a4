package server_test

import (
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/google/uuid"
)

// TestServersShareTheStoredClock: two servers on one store (two processes
// on one database), the second one's wall clock an hour behind. Each push
// observes the stored HLC first, so the slow server's stamps (here its
// bezetting aggregates) are ordered after the fast one's and the stored HLC
// never moves backwards.
func TestServersShareTheStoredClock(t *testing.T) {
	e := newEnv(t)
	admin := e.device("", true)
	r := e.region(admin) // server A (e.now) stamps the aggregates and stores its HLC
	stored := func() hlc.Timestamp {
		t.Helper()
		var v string
		if err := e.st.Update(ctx, func(tx server.Tx) error {
			var err error
			v, err = tx.Meta("hlc")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		h, err := hlc.Parse(v)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	afterA := stored()
	if afterA.WallMS != e.now.UnixMilli() {
		t.Fatalf("stored hlc %v, want server A's wall clock", afterA)
	}
	slow := e.opts
	slow.Now = func() time.Time { return e.now.Add(-time.Hour) }
	b, err := server.New(e.st, slow)
	if err != nil {
		t.Fatal(err)
	}
	// Server A moves on after B started: B's in-memory clock is behind.
	e.now = e.now.Add(time.Minute)
	wantStatus(t, admin.push1("pegawai", uuid.NewString(), "insert", pegawaiCols("198001012005011098", r.opdA, r.unitA, r.jab)), protocol.StatusApplied, "")
	afterA2 := stored()
	if !afterA.Less(afterA2) {
		t.Fatalf("stored hlc did not advance: %v then %v", afterA, afterA2)
	}
	// A pegawai insert through B changes the bezetting aggregate: B stamps it.
	d := admin
	ch := d.change("pegawai", uuid.NewString(), "insert", pegawaiCols("198001012005011099", r.opdA, r.unitA, r.jab))
	resp, herr := b.Push(ctx, d.id, d.req([]protocol.Change{ch}))
	if herr != nil {
		t.Fatalf("push through B: %v", herr)
	}
	if len(resp.Dispositions) != 1 || resp.Dispositions[0].Status != protocol.StatusApplied {
		t.Fatalf("push through B: %+v", resp)
	}
	h, err := hlc.Parse(resp.ServerHLC)
	if err != nil {
		t.Fatal(err)
	}
	if !afterA2.Less(h) {
		t.Fatalf("server B answered hlc %v, not past the stored %v", h, afterA2)
	}
	if got := stored(); got.Less(afterA2) || got != h {
		t.Fatalf("stored hlc after B = %v, want %v (never below %v)", got, h, afterA2)
	}
}
