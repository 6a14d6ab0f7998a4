package portal_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/google/uuid"
)

// The employee's journey: activate, see their data and the eligible posts
// with reasons, submit an APS request with two documents, follow it; the
// rows reach the store a desktop pulls from, written as the employee.
func TestJourney(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		b := e.browser()
		b.activate(e.r.nipA)
		st, body := b.get("/portal/data")
		must(t, st == 200 && strings.Contains(body, "Andi Arsipa") && strings.Contains(body, "Analis Kebijakan") && strings.Contains(body, "SANGAT_BAIK"),
			"data page: %d %.400s", st, body)
		must(t, !strings.Contains(body, "Budi"), "another employee's name on the data page")

		st, body = b.get("/portal/formasi")
		must(t, st == 200 && strings.Contains(body, "Pengelola Data Pesisir") && strings.Contains(body, "Kurang 2"), "formasi: %d %.2000s", st, body)
		must(t, strings.Contains(body, "MUT-03") || strings.Contains(body, "Memenuhi"), "formasi without rule results: %.2000s", body)
		must(t, !strings.Contains(body, "Budi") && !strings.Contains(body, e.r.nipB), "formasi shows who is in post")

		// check the rules, then submit with two documents
		target := e.r.unitB + "|" + e.r.jab2
		form := url.Values{"jenis": {"T1"}, "tujuan": {target}, "alasan": {"Ingin mengembangkan keahlian data pesisir."}, "aksi": {"periksa"}}
		st, body = b.post("/portal/ajukan", "/portal/ajukan", form)
		must(t, st == 200 && strings.Contains(body, "MUT-"), "rule check: %d %.1500s", st, body)
		form.Set("aksi", "ajukan")
		st, loc := b.multipart("/portal/ajukan", "/portal/ajukan", form, map[string][]byte{"dok_SURAT_PERMOHONAN": pdf, "dok_SK_JABATAN_TERAKHIR": append(append([]byte{}, pdf...), 'x')})
		must(t, st == http.StatusSeeOther && strings.HasPrefix(loc, "/portal/status/"), "submit: %d %.2000s", st, loc)
		id := strings.TrimSuffix(strings.TrimPrefix(loc, "/portal/status/"), "?baru=1")

		// the store holds the request, its events and documents, as a pull gives them
		reqIt := e.item("mutasi_usulan", id)
		must(t, reqIt != nil && len(reqIt.Scope) > 0, "request not stored or unscoped: %+v", reqIt)
		evs, err := server.RequestEvents(e.lookup(), id)
		must(t, err == nil && len(evs) == 2 && evs[1].Kind == mutasi.KindAjukan, "events: %v %+v", err, evs)
		docs := e.lookupRows("dokumen_lampiran", "usulan_id", id)
		must(t, len(docs) == 2, "documents: %d", len(docs))

		// the counters in /metrics (this client is on loopback)
		res, err := http.Get(e.ts.URL + "/metrics")
		must(t, err == nil && res.StatusCode == 200, "metrics: %v", err)
		mb, _ := io.ReadAll(res.Body)
		res.Body.Close()
		for _, want := range []string{`imbang_portal_events_total{event="activated"} 1`, `imbang_portal_events_total{event="submitted"} 1`} {
			must(t, strings.Contains(string(mb), want), "metrics lack %s", want)
		}
		must(t, !strings.Contains(string(mb), e.r.nipA), "metrics name the employee")

		st, body = b.get(loc)
		must(t, st == 200 && strings.Contains(body, "Usulan diajukan") && strings.Contains(body, "Dinas Bahari"), "status: %d %.1500s", st, body)

		// BKPSDM returns it for correction on a desktop; the portal shows it and the employee answers
		e.now = e.now.Add(10 * time.Minute)
		st0, _ := server.RequestState(e.lookup(), id)
		verif := mutasi.Actor{UserID: uuid.NewString(), Name: "Verifikator", Role: "VERIFIKATOR_BKPSDM"}
		back, err := mutasi.Decide(st0, mutasi.Command{Kind: mutasi.KindKembalikan, Note: "Lengkapi SKP dua tahun."}, verif, e.now, uuid.NewString())
		must(t, err == nil, "kembalikan: %v", err)
		e.push(eventChange(back))
		st, body = b.get("/portal/status/" + id)
		must(t, strings.Contains(body, "Lengkapi SKP dua tahun.") && strings.Contains(body, "perbaiki"), "correction not shown: %.2000s", body)
		st, loc = b.multipart("/portal/status/"+id, "/portal/status/"+id+"/perbaiki", url.Values{"alasan": {"Alasan diperbarui."}}, map[string][]byte{"dok_SKP_2_TAHUN": pdf})
		must(t, st == http.StatusSeeOther, "correction: %d %.1500s", st, b.last)
		after, _ := server.RequestState(e.lookup(), id)
		must(t, after.Status == mutasi.StatusDiajukan && after.Request.Reason == "Alasan diperbarui.", "after correction: %s %q", after.Status, after.Request.Reason)

		// withdraw while still withdrawable
		st, loc = b.post("/portal/status/"+id, "/portal/status/"+id+"/tarik", url.Values{"alasan": {"Tidak jadi."}})
		must(t, st == http.StatusSeeOther, "withdraw: %d %.500s", st, b.last)
		after, _ = server.RequestState(e.lookup(), id)
		must(t, after.Status == mutasi.StatusDibatalkan, "after withdrawal: %s", after.Status)
	})
}

func eventChange(ev mutasi.Event) protocol.Change {
	return portalEventChange(ev)
}
