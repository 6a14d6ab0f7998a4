package evaluasi_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/evaluasi"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// Answers an employee gave in the Portal Pegawai arrive as an evaluasi row
// of a pull (responden PEGAWAI, diisi_oleh "portal"): they count in the
// report per OPD and per type like answers typed on a desktop, and the
// evaluation says where they were given.
func TestPortalAnswersCountInTheReport(t *testing.T) {
	f := newFixture(t)
	id := f.execute(0, "2025-08-31")
	f.clock = time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)
	if _, err := f.svc.Questions(ctx); err != nil { // seed the questions
		t.Fatal(err)
	}
	before, err := f.svc.Report(ctx, "opd")
	if err != nil {
		t.Fatal(err)
	}
	jaw, _ := json.Marshal(map[string]string{"P1": "4", "P2": "5", "P3": "3", "P4": "4", "P5": "5", "P6": "Terima kasih"})
	row := map[string]any{"usulan_id": id, "bulan": float64(6), "responden": "PEGAWAI", "jatuh_tempo": "2026-02-28",
		"jawaban": string(jaw), "diisi_pada": "2026-06-20T10:00:00Z", "diisi_oleh": evaluasi.DiisiOlehPortal}
	res, err := f.st.ApplyPull(ctx, store.PullApply{From: "", Page: protocol.PullResponse{NextCursor: "e:1",
		Entries: []protocol.Entry{{Seq: 1, Kind: protocol.KindRow, Table: "evaluasi", RowID: store.NewID(), Row: row}}}})
	if err != nil || res.Quarantined != 0 {
		t.Fatalf("pull %+v %v", res, err)
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
	if other, err := f.svc.Form(ctx, id, 6, "ATASAN"); err != nil || other.Item.DiisiDiPortal {
		t.Fatalf("atasan %+v %v", other.Item, err)
	}
}
