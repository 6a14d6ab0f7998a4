package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestPlanCommand(t *testing.T) {
	dir := t.TempDir()
	if _, e, code := runCLI(t, "--data-dir", dir, "demo", "--size", "600", "--seed", "1"); code != 0 {
		t.Fatal(e)
	}
	out, errOut, code := runCLI(t, "--data-dir", dir, "plan", "--format", "json", "--max-moves", "5", "--seed", "7")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var p planOutput
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Moves) == 0 || len(p.Moves) > 5 || !(p.BalanceAfter < p.BalanceBefore) || p.InputHash == "" || p.RunID != "" {
		t.Fatalf("plan %+v", p)
	}
	for _, m := range p.Moves {
		if m.NIP == "" || m.From.OPDSingkatan == "" || m.To.JabatanNama == "" || m.Explanation == "" {
			t.Fatalf("move %+v", m)
		}
	}
	// The seed changes nothing: the planner has no randomness.
	again, _, _ := runCLI(t, "--data-dir", dir, "plan", "--format", "json", "--max-moves", "5", "--seed", "8")
	var q planOutput
	json.Unmarshal([]byte(again), &q)
	if q.InputHash != p.InputHash || len(q.Moves) != len(p.Moves) || q.Objective != p.Objective {
		t.Fatalf("seed changed the plan: %d vs %d moves", len(q.Moves), len(p.Moves))
	}

	out, _, code = runCLI(t, "--data-dir", dir, "plan", "--max-moves", "3", "--save")
	if code != 0 || !strings.Contains(out, "indeks keseimbangan") || !strings.Contains(out, "disimpan sebagai rencana") {
		t.Fatalf("text: %d %q", code, out)
	}
	if _, errOut, code := runCLI(t, "--data-dir", dir, "plan", "--format", "xml"); code != 2 || !strings.Contains(errOut, "cli.format") {
		t.Fatalf("bad format: %d %q", code, errOut)
	}
}
