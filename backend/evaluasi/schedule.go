package evaluasi

import (
	"strconv"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/google/uuid"
)

// scheduleNS is the namespace of the evaluation rows' name-based ids.
var scheduleNS = uuid.MustParse("3f6c0a52-1d0e-4c1b-9b7e-6a2f4e8d5c11")

// ScheduleID is the id of the evaluation (usulan, bulan, responden): a
// name-based UUID (version 5) of the three, so every device that executes
// the same request derives the same rows, and their sync merges them into
// one instead of colliding on (usulan_id, bulan, responden).
func ScheduleID(usulanID string, bulan int, r Responden) string {
	return uuid.NewSHA1(scheduleNS, []byte(usulanID+"/"+strconv.Itoa(bulan)+"/"+string(r))).String()
}

// Schedule is the evaluations an executed transfer owes: for every point
// of Bulan and both respondents one unanswered row, due that many months
// after the TMT (domain.Date.AddMonths: 31 August + 6 months = 28 February).
// A zero TMT owes nothing.
func Schedule(usulanID string, tmt domain.Date) []Record {
	if tmt.IsZero() || usulanID == "" {
		return nil
	}
	var out []Record
	for _, b := range Bulan {
		for _, r := range []Responden{Pegawai, Atasan} {
			out = append(out, Record{ID: ScheduleID(usulanID, b, r), UsulanID: usulanID, Bulan: b, Responden: r,
				JatuhTempo: tmt.AddMonths(b), Jawaban: map[string]string{}})
		}
	}
	return out
}
