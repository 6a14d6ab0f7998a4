package server

import (
	"fmt"
	"net/http"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"strings"
)

// Envelope checks of a push: what every change must carry for the server to
// order and deduplicate it at all. A change that fails them cannot be given
// a disposition (a disposition is found again by change_id and local_seq),
// so the whole request is refused with 400 and nothing is processed. What a
// change says (table, columns, values) is judged per change later and ends
// in a disposition.

// errEnvelope is a 400 for a malformed change envelope.
func errEnvelope(i int, ch protocol.Change, id, en string) *httpError {
	return &httpError{http.StatusBadRequest, protocol.ErrBadRequest,
		fmt.Sprintf("Perubahan ke-%d (local_seq %d) tidak sah: %s. Tidak ada perubahan yang diproses.", i+1, ch.LocalSeq, id),
		fmt.Sprintf("change %d (local_seq %d) is malformed: %s; nothing was processed", i+1, ch.LocalSeq, en), nil}
}

// checkEnvelope refuses a push whose changes cannot be ordered or
// deduplicated: local_seq must be ≥ 1 and strictly increasing, change_id a
// UUID used once in the request.
func checkEnvelope(chs []protocol.Change) *httpError {
	seen := make(map[string]bool, len(chs))
	var prev int64
	for i, ch := range chs {
		switch {
		case ch.LocalSeq < 1:
			return errEnvelope(i, ch, "local_seq harus 1 atau lebih", "local_seq must be 1 or more")
		case i > 0 && ch.LocalSeq <= prev:
			return errEnvelope(i, ch, "local_seq harus naik berurutan", "local_seq must increase")
		case !isUUID(ch.ChangeID):
			return errEnvelope(i, ch, "change_id harus UUID", "change_id must be a UUID")
		case seen[ch.ChangeID]:
			return errEnvelope(i, ch, "change_id dipakai dua kali", "change_id used twice")
		}
		seen[ch.ChangeID] = true
		prev = ch.LocalSeq
	}
	return nil
}

// isUUID accepts the canonical 36-character form only (what clients make),
// so one change has one spelling of its id.
func isUUID(s string) bool { return validID(s) && strings.ToLower(s) == s }

// errForeignChange refuses a push naming a change id another installation
// made: its disposition is that device's, and answering would also move
// this device's local_seq past changes it never sent.
var errForeignChange = &httpError{http.StatusForbidden, protocol.ErrForbidden,
	"Kiriman memuat perubahan milik perangkat lain; tidak ada yang diproses.",
	"The push names a change made by another device; nothing was processed.", nil}
