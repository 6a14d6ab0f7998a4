// Package audit is the pure part of Imbang's append-only audit log: an
// entry records who changed what, when, and the row before and
// after; entries are hash-chained, each hash covering the entry's fields and
// the previous entry's hash, so an edited, inserted, deleted or reordered
// entry is found by Verify and named by its sequence number.
//
// The canonical encoding that is hashed is specified exactly in Canonical
// (and in docs/transfer-workflow.md) so another tool can verify a log
// without this code. The store writes the entry in the same transaction as
// the change it describes and keeps the head (last Seq and Hash) beside the
// table, which is what catches a truncated tail.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Version names the canonical encoding; it is the first line of what is hashed.
const Version = "imbang-audit-v1"

// Genesis is the PrevHash of the first entry: 64 zeros.
var Genesis = strings.Repeat("0", 64)

// Entry is one audit record. Before and After are the row as JSON text
// (empty for an insert's Before and a delete's After); they are hashed as the
// exact bytes stored, never re-encoded.
type Entry struct {
	Seq      int64     `json:"seq"` // 1, 2, 3 … without gaps
	Time     time.Time `json:"time"`
	Actor    string    `json:"actor"`  // user id
	Role     string    `json:"role"`   // the actor's role at the time
	Action   string    `json:"action"` // INSERT, UPDATE, DELETE, or a workflow event kind
	Entity   string    `json:"entity"` // table or entity name, e.g. pegawai, transfer_request
	EntityID string    `json:"entityId"`
	Before   string    `json:"before"`
	After    string    `json:"after"`
	PrevHash string    `json:"prevHash"` // Hash of the entry before, Genesis for the first
	Hash     string    `json:"hash"`     // lowercase hex SHA-256 of Canonical(entry)
}

// TimeLayout is how Time enters the encoding: UTC, RFC 3339 with exactly six
// fractional digits (microseconds), e.g. 2026-03-02T09:00:00.000000Z.
const TimeLayout = "2006-01-02T15:04:05.000000Z07:00"

// Canonical is the byte string whose SHA-256 is the entry's Hash:
//
//	imbang-audit-v1\n
//	then, for each field in this order — seq, time, actor, role, action,
//	entity, entityId, before, after, prevHash — the field's UTF-8 bytes
//	preceded by their length in bytes as a decimal number and a colon, and
//	followed by a newline: "<len>:<bytes>\n".
//
// seq is written in decimal without sign or leading zeros; time in
// TimeLayout (UTC, microseconds); the other fields as they are. The length
// prefix makes the encoding unambiguous whatever the fields contain.
func Canonical(e Entry) []byte {
	var b strings.Builder
	b.WriteString(Version)
	b.WriteByte('\n')
	for _, f := range []string{strconv.FormatInt(e.Seq, 10), e.Time.UTC().Format(TimeLayout), e.Actor, e.Role,
		e.Action, e.Entity, e.EntityID, e.Before, e.After, e.PrevHash} {
		b.WriteString(strconv.Itoa(len(f)))
		b.WriteByte(':')
		b.WriteString(f)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// HashOf is the lowercase hex SHA-256 of Canonical(e); e.Hash is ignored.
func HashOf(e Entry) string {
	sum := sha256.Sum256(Canonical(e))
	return hex.EncodeToString(sum[:])
}

// Chain makes e the entry after prev (the zero Entry for the first): Seq is
// prev.Seq+1, PrevHash prev.Hash (Genesis for the first), Time is put in UTC
// at microsecond precision (what the encoding keeps), and Hash is computed.
func Chain(prev, e Entry) Entry {
	e.Seq = prev.Seq + 1
	e.PrevHash = prev.Hash
	if prev.Seq == 0 {
		e.PrevHash = Genesis
	}
	e.Time = e.Time.UTC().Truncate(time.Microsecond)
	e.Hash = HashOf(e)
	return e
}

// Head is the last entry's Seq and Hash, kept by the store outside the
// entries (updated in the same transaction), so that deleting the newest
// entries — which leaves a valid shorter chain — is still found.
type Head struct {
	Seq  int64  `json:"seq"`
	Hash string `json:"hash"`
}

// Problem codes.
const (
	CodeEdited    = "audit.edited"    // the entry's hash does not match its fields
	CodeLink      = "audit.link"      // the entry's PrevHash is not the hash of the entry before
	CodeMissing   = "audit.missing"   // sequence numbers are missing: entries deleted
	CodeDuplicate = "audit.duplicate" // a sequence number occurs twice: an entry inserted
	CodeOrder     = "audit.order"     // an entry comes after a later one: reordered
	CodeHead      = "audit.head"      // the chain does not end at the recorded head
)

// Problem is one thing wrong with the log, named by the sequence number of
// the entry it concerns, with messages in Bahasa Indonesia and English.
type Problem struct {
	Seq       int64  `json:"seq"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	MessageEN string `json:"messageEn"`
}

func (p Problem) String() string { return fmt.Sprintf("#%d %s: %s", p.Seq, p.Code, p.MessageEN) }

// Verify checks entries as read from the store in storage order and returns
// every problem found (nil when the chain is intact).
func Verify(entries []Entry) []Problem { return VerifyHead(entries, nil) }

// VerifyHead is Verify that also checks the chain ends at head.
func VerifyHead(entries []Entry, head *Head) []Problem {
	var ps []Problem
	add := func(seq int64, code, id, en string) {
		ps = append(ps, Problem{Seq: seq, Code: code, Message: id, MessageEN: en})
	}
	bySeq := map[int64][]Entry{}
	var maxSeq int64
	for i, e := range entries {
		if HashOf(e) != e.Hash {
			add(e.Seq, CodeEdited, fmt.Sprintf("Entri #%d telah diubah: hash tidak cocok dengan isinya.", e.Seq),
				fmt.Sprintf("Entry #%d was edited: its hash does not match its contents.", e.Seq))
		}
		if i > 0 && e.Seq < entries[i-1].Seq {
			p := entries[i-1].Seq
			add(e.Seq, CodeOrder, fmt.Sprintf("Entri #%d berada setelah entri #%d: urutan diubah.", e.Seq, p),
				fmt.Sprintf("Entry #%d comes after entry #%d: the order was changed.", e.Seq, p))
		}
		if len(bySeq[e.Seq]) == 1 {
			add(e.Seq, CodeDuplicate, fmt.Sprintf("Nomor entri #%d muncul lebih dari sekali: ada entri yang disisipkan.", e.Seq),
				fmt.Sprintf("Entry number #%d occurs more than once: an entry was inserted.", e.Seq))
		}
		bySeq[e.Seq] = append(bySeq[e.Seq], e)
		maxSeq = max(maxSeq, e.Seq)
	}
	// Missing numbers, in runs.
	for s := int64(1); s <= maxSeq; s++ {
		if len(bySeq[s]) > 0 {
			continue
		}
		end := s
		for end+1 <= maxSeq && len(bySeq[end+1]) == 0 {
			end++
		}
		add(s, CodeMissing, fmt.Sprintf("Entri #%s tidak ada: telah dihapus.", span(s, end)),
			fmt.Sprintf("Entry #%s is missing: it was deleted.", span(s, end)))
		s = end
	}
	// Links, by sequence number: each entry must name the hash of an entry
	// numbered one less (Genesis for #1). A missing predecessor is already
	// reported above.
	seqs := make([]int64, 0, len(bySeq))
	for s := range bySeq {
		seqs = append(seqs, s)
	}
	sort.Slice(seqs, func(i, j int) bool { return seqs[i] < seqs[j] })
	for _, s := range seqs {
		for _, e := range bySeq[s] {
			if s < 1 {
				add(s, CodeOrder, fmt.Sprintf("Nomor entri #%d tidak sah.", s), fmt.Sprintf("Entry number #%d is not valid.", s))
				continue
			}
			if s == 1 {
				if e.PrevHash != Genesis {
					add(s, CodeLink, "Entri #1 bukan awal rantai: ada entri sebelumnya yang dihapus atau diubah.",
						"Entry #1 does not start the chain: an earlier entry was deleted or it was changed.")
				}
				continue
			}
			preds := bySeq[s-1]
			if len(preds) == 0 {
				continue
			}
			linked := false
			for _, p := range preds {
				linked = linked || p.Hash == e.PrevHash
			}
			if !linked {
				add(s, CodeLink, fmt.Sprintf("Entri #%d tidak tersambung ke entri #%d: salah satunya telah diubah.", s, s-1),
					fmt.Sprintf("Entry #%d does not link to entry #%d: one of them was changed.", s, s-1))
			}
		}
	}
	if head != nil {
		switch {
		case head.Seq > maxSeq:
			add(maxSeq+1, CodeHead, fmt.Sprintf("Entri #%s tidak ada: entri terakhir telah dihapus.", span(maxSeq+1, head.Seq)),
				fmt.Sprintf("Entry #%s is missing: the newest entries were deleted.", span(maxSeq+1, head.Seq)))
		case head.Seq < maxSeq:
			add(head.Seq+1, CodeHead, fmt.Sprintf("Entri #%s ditambahkan di luar aplikasi (setelah entri terakhir yang tercatat).", span(head.Seq+1, maxSeq)),
				fmt.Sprintf("Entry #%s was added outside the application (after the recorded last entry).", span(head.Seq+1, maxSeq)))
		default:
			match := false
			for _, e := range bySeq[head.Seq] {
				match = match || e.Hash == head.Hash
			}
			if !match && head.Seq > 0 {
				add(head.Seq, CodeHead, fmt.Sprintf("Entri terakhir #%d tidak sama dengan yang tercatat.", head.Seq),
					fmt.Sprintf("The last entry #%d is not the one recorded.", head.Seq))
			}
		}
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Seq < ps[j].Seq })
	return ps
}

func span(a, b int64) string {
	if a == b {
		return strconv.FormatInt(a, 10)
	}
	return fmt.Sprintf("%d–#%d", a, b)
}
