package audit

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"
)

func chain(n int) []Entry {
	var out []Entry
	prev := Entry{}
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 123456789, time.FixedZone("WIT", 9*3600))
	for i := range n {
		e := Chain(prev, Entry{Time: t0.Add(time.Duration(i) * time.Minute), Actor: fmt.Sprintf("u-%d", i%3),
			Role: "PPK_ADMIN_BKPSDM", Action: "UPDATE", Entity: "pegawai", EntityID: fmt.Sprintf("peg-%d", i),
			Before: fmt.Sprintf(`{"unitId":"unit-%d"}`, i), After: fmt.Sprintf(`{"unitId":"unit-%d"}`, i+1)})
		out = append(out, e)
		prev = e
	}
	return out
}

func headOf(es []Entry) *Head {
	l := es[len(es)-1]
	return &Head{Seq: l.Seq, Hash: l.Hash}
}

// names reports whether some problem has the code and names seq.
func names(ps []Problem, code string, seq int64) bool {
	return slices.ContainsFunc(ps, func(p Problem) bool { return p.Code == code && p.Seq == seq })
}

func TestUntouchedChainVerifies(t *testing.T) {
	es := chain(8)
	if es[0].PrevHash != Genesis || es[0].Seq != 1 || es[7].Seq != 8 || es[3].PrevHash != es[2].Hash {
		t.Fatalf("chain %+v", es[:2])
	}
	if ps := VerifyHead(es, headOf(es)); ps != nil {
		t.Fatal(ps)
	}
	// Read back through JSON (as the CLI would) it still verifies.
	b, _ := json.Marshal(es)
	var back []Entry
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if ps := Verify(back); ps != nil {
		t.Fatal(ps)
	}
	if ps := Verify(nil); ps != nil {
		t.Fatal(ps)
	}
}

// A fixed vector, so that another implementation can check itself; the same
// values are in docs/transfer-workflow.md.
func TestCanonicalEncodingVector(t *testing.T) {
	e := Chain(Entry{}, Entry{Time: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Actor: "u-1", Role: "PPK_ADMIN_BKPSDM",
		Action: "UPDATE", Entity: "pegawai", EntityID: "peg-1", Before: `{"unitId":"a"}`, After: `{"unitId":"b"}`})
	want := "imbang-audit-v1\n1:1\n27:2026-03-02T00:00:00.000000Z\n3:u-1\n16:PPK_ADMIN_BKPSDM\n6:UPDATE\n7:pegawai\n" +
		"5:peg-1\n14:{\"unitId\":\"a\"}\n14:{\"unitId\":\"b\"}\n64:" + Genesis + "\n"
	if got := string(Canonical(e)); got != want {
		t.Fatalf("canonical:\n%q\nwant\n%q", got, want)
	}
	if e.Hash != vectorHash {
		t.Fatalf("hash %s, want %s", e.Hash, vectorHash)
	}
}

// vectorHash was checked with: printf '<the canonical text>' | sha256sum
const vectorHash = "14a67597ccad3a8124dadf4e2d1067f58c510d67ba83e45dff441623e3fee14d"

func TestEditingAnyFieldIsNamed(t *testing.T) {
	edits := map[string]func(*Entry){
		"time":     func(e *Entry) { e.Time = e.Time.Add(time.Second) },
		"actor":    func(e *Entry) { e.Actor = "u-lain" },
		"role":     func(e *Entry) { e.Role = "PIMPINAN" },
		"action":   func(e *Entry) { e.Action = "DELETE" },
		"entity":   func(e *Entry) { e.Entity = "opd" },
		"entityId": func(e *Entry) { e.EntityID = "peg-99" },
		"before":   func(e *Entry) { e.Before = `{"unitId":"unit-x"}` },
		"after":    func(e *Entry) { e.After = `{"unitId": "unit-4"}` }, // only whitespace
		"prevHash": func(e *Entry) { e.PrevHash = Genesis },
		"hash":     func(e *Entry) { e.Hash = HashOf(Entry{}) },
		"seq":      func(e *Entry) { e.Seq = 30 },
	}
	for name, edit := range edits {
		es := chain(6)
		edit(&es[3])
		ps := VerifyHead(es, headOf(chain(6)))
		if !names(ps, CodeEdited, es[3].Seq) || (name == "seq" && !names(ps, CodeMissing, 4)) {
			t.Errorf("edit %s: %v", name, ps)
		}
	}
	// An editor who also recomputes the entry's hash breaks the next link.
	es := chain(6)
	es[3].After = `{"unitId":"unit-x"}`
	es[3].Hash = HashOf(es[3])
	ps := Verify(es)
	if len(ps) != 1 || !names(ps, CodeLink, 5) {
		t.Fatalf("recomputed edit: %v", ps)
	}
	// Re-chaining everything after it is only caught by the head.
	for i := 4; i < len(es); i++ {
		es[i] = Chain(es[i-1], es[i])
	}
	if ps := Verify(es); ps != nil {
		t.Fatalf("a rewritten tail is a valid chain, got %v", ps)
	}
	if ps := VerifyHead(es, headOf(chain(6))); !names(ps, CodeHead, 6) {
		t.Fatalf("rewritten tail against the head: %v", ps)
	}
}

func TestDeletingAnEntryIsNamed(t *testing.T) {
	for del := range 6 {
		orig := chain(6)
		es := slices.Delete(slices.Clone(orig), del, del+1)
		ps := VerifyHead(es, headOf(orig))
		seq := int64(del + 1)
		code := CodeMissing
		if del == 5 {
			code = CodeHead
		}
		if !names(ps, code, seq) {
			t.Errorf("delete #%d: %v", seq, ps)
		}
	}
	// Two in a row are named as one run.
	es := chain(8)
	es = slices.Delete(es, 2, 4)
	ps := Verify(es)
	if len(ps) != 1 || !names(ps, CodeMissing, 3) || ps[0].MessageEN != "Entry #3–#4 is missing: it was deleted." {
		t.Fatalf("%v", ps)
	}
}

func TestInsertingAnEntryIsNamed(t *testing.T) {
	// A well-formed entry numbered #4, linked to #3, slipped in before the old #4.
	orig := chain(6)
	forged := Chain(orig[2], Entry{Time: orig[2].Time, Actor: "u-x", Action: "UPDATE", Entity: "pegawai", EntityID: "peg-9"})
	es := slices.Insert(slices.Clone(orig), 3, forged)
	if ps := VerifyHead(es, headOf(orig)); !names(ps, CodeDuplicate, 4) {
		t.Fatalf("inserted duplicate: %v", ps)
	}
	// A row typed in with a made-up hash.
	raw := Entry{Seq: 7, Time: orig[5].Time, Actor: "u-x", PrevHash: orig[5].Hash, Hash: orig[5].Hash}
	es = append(slices.Clone(orig), raw)
	if ps := VerifyHead(es, headOf(orig)); !names(ps, CodeEdited, 7) || !names(ps, CodeHead, 7) {
		t.Fatalf("appended raw row: %v", ps)
	}
	// A correctly chained entry appended outside the app: only the head knows.
	es = append(slices.Clone(orig), Chain(orig[5], Entry{Actor: "u-x"}))
	if ps := Verify(es); ps != nil {
		t.Fatalf("%v", ps)
	}
	if ps := VerifyHead(es, headOf(orig)); len(ps) != 1 || !names(ps, CodeHead, 7) {
		t.Fatalf("appended chained entry: %v", ps)
	}
}

func TestSwappingTwoEntriesIsNamed(t *testing.T) {
	for i := range 5 {
		es := chain(6)
		es[i], es[i+1] = es[i+1], es[i]
		ps := VerifyHead(es, headOf(chain(6)))
		if len(ps) != 1 || !names(ps, CodeOrder, int64(i+1)) {
			t.Errorf("swap #%d and #%d: %v", i+1, i+2, ps)
		}
	}
	// Swapping the contents but keeping the numbers is an edit of both.
	es := chain(6)
	es[1].After, es[2].After = es[2].After, es[1].After
	ps := Verify(es)
	if !names(ps, CodeEdited, 2) || !names(ps, CodeEdited, 3) {
		t.Fatalf("%v", ps)
	}
}

func TestProblemsHaveBothLanguages(t *testing.T) {
	es := chain(5)
	es[1].Actor = "x"
	es = slices.Delete(es, 3, 4)
	for _, p := range VerifyHead(es, &Head{Seq: 9}) {
		if p.Message == "" || p.MessageEN == "" || p.Message == p.MessageEN {
			t.Errorf("%+v", p)
		}
	}
}
