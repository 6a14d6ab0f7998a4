package portal_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/google/uuid"
)

// The desktops walk the employee's request to execution (their events
// reach the server by push); the portal shows each step, and when the
// 6-month evaluation is due (test clock) the employee answers it; the
// answer is a row the desktops pull.
func TestStepsAndFeedbackAfterExecution(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		a := e.browser()
		a.activate(e.r.nipA)
		id := a.submit("Ingin pindah ke bidang pesisir.")
		actors := map[mutasi.Kind]mutasi.Actor{
			mutasi.KindVerifikasi:      {UserID: uuid.NewString(), Name: "V", Role: domain.RoleVerifikator},
			mutasi.KindSetujuiAsal:     {UserID: uuid.NewString(), Name: "KA", Role: domain.RoleKepalaOPD, OPDID: e.r.opdA},
			mutasi.KindSetujuiTujuan:   {UserID: uuid.NewString(), Name: "KB", Role: domain.RoleKepalaOPD, OPDID: e.r.opdB},
			mutasi.KindPertimbanganTPK: {UserID: uuid.NewString(), Name: "T", Role: domain.RoleTPK},
			mutasi.KindTetapkanSK:      {UserID: uuid.NewString(), Name: "A", Role: domain.RoleAdmin},
			mutasi.KindLaksanakan:      {UserID: uuid.NewString(), Name: "A", Role: domain.RoleAdmin},
		}
		sk := &mutasi.SK{Nomor: "800/77/BKPSDM/2026", Tanggal: domain.MustDate("2026-12-01"), TMT: domain.MustDate("2027-01-01")}
		for _, k := range []mutasi.Kind{mutasi.KindVerifikasi, mutasi.KindSetujuiAsal, mutasi.KindSetujuiTujuan, mutasi.KindPertimbanganTPK,
			mutasi.KindTetapkanSK, mutasi.KindLaksanakan} {
			st, _ := server.RequestState(e.lookup(), id)
			ev, err := mutasi.Decide(st, mutasi.Command{Kind: k, SK: sk}, actors[k], e.now, uuid.NewString())
			must(t, err == nil, "%s: %v", k, err)
			e.push(eventChange(ev))
		}
		st, body := a.get("/portal/status/" + id)
		must(t, st == 200, "status: %d", st)
		for _, want := range []string{"Diverifikasi BKPSDM", "Disetujui OPD asal", "Disetujui OPD tujuan", "Pertimbangan Tim Penilai Kinerja",
			"SK 800/77/BKPSDM/2026", "Mutasi dilaksanakan", "Verifikator BKPSDM"} {
			must(t, strings.Contains(body, want), "status lacks %q", want)
		}
		must(t, !strings.Contains(body, "Tarik usulan"), "an executed request offered withdrawal")

		// the evaluation module's rows (made by the desktop at execution)
		q1, q2, ev6 := uuid.NewString(), uuid.NewString(), uuid.NewString()
		e.push(
			ins("evaluasi_pertanyaan", q1, map[string]any{"kode": "P1", "untuk": "PEGAWAI", "teks": "Saya puas dengan penempatan baru.", "teks_en": "", "jenis": "LIKERT", "urutan": 1, "aktif": 1}),
			ins("evaluasi_pertanyaan", q2, map[string]any{"kode": "P2", "untuk": "PEGAWAI", "teks": "Saran Anda", "teks_en": "", "jenis": "TEKS", "urutan": 2, "aktif": 1}),
			ins("evaluasi", ev6, map[string]any{"usulan_id": id, "bulan": 6, "responden": "PEGAWAI", "jatuh_tempo": "2027-07-01", "jawaban": "", "diisi_pada": "", "diisi_oleh": ""}),
			ins("evaluasi", uuid.NewString(), map[string]any{"usulan_id": id, "bulan": 6, "responden": "ATASAN", "jatuh_tempo": "2027-07-01", "jawaban": "", "diisi_pada": "", "diisi_oleh": ""}),
		)
		_, body = a.get("/portal/umpan-balik")
		must(t, strings.Contains(body, "Tidak ada kuesioner"), "a questionnaire before it is due")
		// eight months on (the test clock); the session has ended meanwhile
		e.now = e.now.Add(8 * 30 * 24 * time.Hour)
		a.login(e.r.nipA, goodPassword)
		_, body = a.get("/portal/umpan-balik")
		must(t, strings.Contains(body, "Saya puas dengan penempatan baru.") && strings.Count(body, `name="evaluasi"`) == 1, "questionnaire not shown once: %.1500s", body)
		st, _ = a.post("/portal/umpan-balik", "/portal/umpan-balik", url.Values{"evaluasi": {ev6}, "q_P1": {"9"}})
		must(t, st == http.StatusBadRequest, "an answer out of the scale: %d", st)
		st, body = a.post("/portal/umpan-balik", "/portal/umpan-balik", url.Values{"evaluasi": {ev6}, "q_P1": {"4"}, "q_P2": {"<b>Lebih banyak pelatihan</b>"}})
		must(t, st == 200 && strings.Contains(body, "Terima kasih"), "answer: %d %.800s", st, body)
		row := e.lookupRows("evaluasi", "usulan_id", id)
		answered := 0
		for _, r := range row {
			if r["responden"] == "PEGAWAI" {
				must(t, strings.Contains(r["jawaban"].(string), `"P1":"4"`) && r["diisi_pada"] != "", "answer not stored: %v", r)
				answered++
			} else {
				must(t, r["jawaban"] == "", "the superior's questionnaire was written")
			}
		}
		must(t, answered == 1, "answers: %d", answered)
		// answered: not offered again
		_, body = a.get("/portal/umpan-balik")
		must(t, strings.Contains(body, "Tidak ada kuesioner"), "the answered questionnaire is offered again")
	})
}
