package evaluasi_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/evaluasi"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
)

// Answers an employee gives in the Portal Pegawai travel the real way: the
// desktop that executed the transfer pushes the evaluation rows it
// scheduled, the portal answers the employee's row on the server
// (ApplyPortal, as the portal's handler does), and the desktop pulls the
// answer. It counts in the report per OPD and per type like answers typed
// on a desktop, and the evaluation says where it was given.
func TestPortalAnswersCountInTheReport(t *testing.T) {
	f := newFixture(t)
	id := f.execute(0, "2025-08-31")
	if _, err := f.svc.Questions(ctx); err != nil { // seed the questions
		t.Fatal(err)
	}
	var pegawaiID string
	if err := f.st.DB().QueryRow("SELECT pegawai_id FROM mutasi_usulan WHERE id = ?", id).Scan(&pegawaiID); err != nil {
		t.Fatal(err)
	}
	ss, err := sqlitestore.Open(filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ss.Close() })
	srv, err := server.New(ss, server.Options{Now: func() time.Time { return f.clock }})
	if err != nil {
		t.Fatal(err)
	}
	_, tok, err := srv.AddDevice(context.Background(), "", true)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	c := client.New(f.st, client.Options{ServerURL: ts.URL, Token: tok, Now: func() time.Time { return f.clock }})
	if _, err := c.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}

	f.clock = time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)
	before, err := f.svc.Report(ctx, "opd")
	if err != nil {
		t.Fatal(err)
	}
	jaw, _ := json.Marshal(map[string]string{"P1": "4", "P2": "5", "P3": "3", "P4": "4", "P5": "5", "P6": "Terima kasih"})
	answer := func(responden evaluasi.Responden) error {
		return srv.ApplyPortal(context.Background(), pegawaiID, []protocol.Change{{Table: "evaluasi", RowID: evaluasi.ScheduleID(id, 6, responden),
			Op: protocol.OpUpdate, Cols: map[string]any{"jawaban": string(jaw), "diisi_pada": "2026-06-20T10:00:00Z", "diisi_oleh": server.PortalActor(pegawaiID)}}})
	}
	// The supervisor's row is not the employee's to answer.
	if err := answer(evaluasi.Atasan); err == nil {
		t.Fatal("the portal answered the supervisor's evaluation")
	}
	if err := answer(evaluasi.Pegawai); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, g := range []string{"opd", "jenis"} {
		r, err := f.svc.Report(ctx, g)
		if err != nil {
			t.Fatal(err)
		}
		if r.Total.Done != before.Total.Done+1 || r.Total.N["P1"] != before.Total.N["P1"]+1 || r.Total.Rerata["P2"] == 0 {
			t.Fatalf("%s report: done %d→%d, P1 n %d, P2 mean %v", g, before.Total.Done, r.Total.Done, r.Total.N["P1"], r.Total.Rerata["P2"])
		}
	}
	form, err := f.svc.Form(ctx, id, 6, "PEGAWAI")
	if err != nil || !form.Item.Selesai || !form.Item.DiisiDiPortal || form.Jawaban["P1"] != "4" {
		t.Fatalf("form %+v %v", form.Item, err)
	}
	// The supervisor's evaluation of the same move is the desktop's.
	if other, err := f.svc.Form(ctx, id, 6, "ATASAN"); err != nil || other.Item.DiisiDiPortal || other.Item.Selesai {
		t.Fatalf("atasan %+v %v", other.Item, err)
	}
	var n int
	f.st.DB().QueryRow("SELECT count(*) FROM evaluasi WHERE usulan_id = ?", id).Scan(&n)
	if n != 4 {
		t.Fatalf("%d evaluation rows after the round trip", n)
	}
}
