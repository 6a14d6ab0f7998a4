package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// seedConflicts puts conflicts into a data dir's inbox as a pull would.
func seedConflicts(t *testing.T, dir string, cs ...protocol.Conflict) {
	t.Helper()
	st, err := store.Open(context.Background(), store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var es []protocol.Entry
	for i := range cs {
		es = append(es, protocol.Entry{Seq: int64(i + 1), Kind: protocol.KindConflict, Conflict: &cs[i]})
	}
	if _, err := st.ApplyPull(context.Background(), store.PullApply{Page: protocol.PullResponse{NextCursor: fmt.Sprintf("e:%d", len(es)), Entries: es}}); err != nil {
		t.Fatal(err)
	}
}

func TestSyncConflictsAndResolveCommands(t *testing.T) {
	dir := t.TempDir()
	var cs []protocol.Conflict
	for i := range 3 {
		cs = append(cs, protocol.Conflict{ID: fmt.Sprintf("g%d", i), Table: "pegawai", RowID: fmt.Sprintf("p%d", i), Kind: protocol.ConflictGuarded,
			Columns: []string{"status"}, Server: map[string]any{"status": "PNS"}, Incoming: map[string]any{"status": "PPPK"},
			DeviceA: "dev-a", DeviceB: "dev-flood", Status: "open", Winner: "server",
			IncomingSide: &protocol.ConflictSide{Op: protocol.OpUpdate, Device: "dev-flood", OPD: protocol.SideBKPSDM}})
	}
	cs = append(cs, protocol.Conflict{ID: "dup", Table: "pegawai", RowID: "p-b", OtherRow: "p-a", Kind: protocol.ConflictDuplicateNIP, Status: "open",
		Server: map[string]any{"nip": "1"}, Incoming: map[string]any{"nip": "1"}})
	seedConflicts(t, dir, cs...)

	out, errOut, code := runCLI(t, "--data-dir", dir, "sync", "conflicts", "--json")
	if code != 0 {
		t.Fatalf("conflicts: %d %s", code, errOut)
	}
	var page store.ConflictPage
	if err := json.Unmarshal([]byte(out), &page); err != nil || page.Total != 4 {
		t.Fatalf("%v %s", err, out)
	}
	out, _, code = runCLI(t, "--data-dir", dir, "sync", "conflicts", "--kind", protocol.ConflictGuarded)
	if code != 0 || !strings.Contains(out, "3 konflik") || !strings.Contains(out, "Diubah oleh BKPSDM") {
		t.Fatalf("text list: %s", out)
	}
	// bulk by device
	out, errOut, code = runCLI(t, "--data-dir", dir, "sync", "resolve", "--device", "dev-flood", "--keep", "server")
	if code != 0 || !strings.Contains(out, `"resolved": 3`) {
		t.Fatalf("bulk: %d %s %s", code, out, errOut)
	}
	// merge, field by field: survivor "other" (p-a); not in bulk
	if _, _, code = runCLI(t, "--data-dir", dir, "sync", "resolve", "--kind", protocol.ConflictDuplicateNIP, "--keep", "merge"); code == 0 {
		t.Fatal("bulk merge accepted")
	}
	if _, _, code = runCLI(t, "--data-dir", dir, "sync", "resolve", "dup", "--keep", "merge", "--survivor", "p-zzz"); code == 0 {
		t.Fatal("survivor outside the pair accepted")
	}
	out, errOut, code = runCLI(t, "--data-dir", dir, "sync", "resolve", "dup", "--keep", "merge", "--survivor", "other")
	if code != 0 || !strings.Contains(out, `"survivor": "p-a"`) {
		t.Fatalf("merge: %d %s %s", code, out, errOut)
	}
	out, _, _ = runCLI(t, "--data-dir", dir, "sync", "status")
	if !strings.Contains(out, `"conflicts": 0`) {
		t.Fatalf("status after resolving: %s", out)
	}
}

// A mistyped sync sub-command is an error, never a silent sync.
func TestUnknownSyncSubcommandIsAnError(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"sync", "conflict"}, {"sync", "--timeout", "1s", "extra"}} {
		out, errOut, code := runCLI(t, append([]string{"--data-dir", dir}, args...)...)
		if code == 0 || !strings.Contains(errOut, "Penggunaan") || strings.Contains(out, "pushed") {
			t.Fatalf("%v: exit %d\n%s\n%s", args, code, out, errOut)
		}
	}
}
