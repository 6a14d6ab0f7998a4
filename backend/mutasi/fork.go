package mutasi

import (
	"cmp"
	"errors"
	"slices"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Rejection is an event a replay did not accept: kept in the log and shown
// ("ditolak oleh alur kerja"), but without effect on the state.
type Rejection struct {
	Event     Event  `json:"event"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	MessageEN string `json:"messageEn"`
	// Winner is the accepted event that took the same step (seq), when
	// another one did; "" when the event was refused for another reason
	// (e.g. it followed a step that lost).
	Winner string `json:"winner,omitempty"`
}

// Log is a request's log as a replay leaves it: the state of the accepted
// events, and the events that were not accepted.
type Log struct {
	State    State       `json:"state"`
	Rejected []Rejection `json:"rejected"`
	// Forked: two or more events claim one step (seq). Two devices, or the
	// portal and a desktop, decided on the same state while apart; the
	// server keeps both (incompatible-decision conflict).
	Forked bool `json:"forked"`
}

// ReplayLog replays a log that may hold concurrent events: ordered by seq,
// then by event id (UUIDv7: the time the event was made), each event is
// applied if the machine accepts it on the state so far and rejected
// otherwise, and the replay goes on. So every device that holds the same
// events reaches the same state whichever arrived first: at a fork the
// earlier-made event takes the step, the later one is rejected, and so is
// whatever was built on the rejected one and no longer fits.
func ReplayLog(events []Event) Log {
	evs := slices.Clone(events)
	slices.SortStableFunc(evs, func(a, b Event) int {
		return cmp.Or(cmp.Compare(a.Seq, b.Seq), cmp.Compare(a.ID, b.ID))
	})
	var l Log
	bySeq := map[int]string{}
	for i, ev := range evs {
		if i > 0 && evs[i-1].Seq == ev.Seq {
			l.Forked = true
		}
		n, err := Apply(l.State, ev)
		if err == nil {
			l.State = n
			bySeq[ev.Seq] = ev.ID
			continue
		}
		r := Rejection{Event: ev, Code: domain.CodeOf(err), Winner: bySeq[ev.Seq]}
		if e := (*domain.Error)(nil); errors.As(err, &e) {
			r.Message, r.MessageEN = e.Message, e.MessageEN
		} else {
			r.Message, r.MessageEN = err.Error(), err.Error()
		}
		l.Rejected = append(l.Rejected, r)
	}
	return l
}
