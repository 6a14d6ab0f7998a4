package main

import (
	"context"
	"fmt"
	"io"

	"github.com/bkpsdm-sorong/imbang/backend/audit"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

func init() { commands["audit"] = cmdAudit }

// cmdAudit verifies the hash-chained audit log: `imbang audit verify`
// names every edited, inserted, deleted or reordered entry and exits 1.
func cmdAudit(ctx context.Context, e *env, args []string, w io.Writer) error {
	if len(args) != 1 || args[0] != "verify" {
		return domain.E(domain.KindInvalid, "cli.usage", "Penggunaan: imbang audit verify", "Usage: imbang audit verify")
	}
	entries, head, err := e.st.AuditLog(ctx)
	if err != nil {
		return err
	}
	problems := audit.VerifyHead(entries, head)
	if len(problems) == 0 {
		fmt.Fprintf(w, "Log audit utuh: %d entri, kepala #%d %s.\n", len(entries), head.Seq, head.Hash)
		return nil
	}
	for _, p := range problems {
		fmt.Fprintf(w, "entri #%d [%s]: %s\n", p.Seq, p.Code, p.Message)
	}
	return domain.E(domain.KindConflict, "audit.broken",
		fmt.Sprintf("Log audit tidak utuh: %d masalah.", len(problems)), fmt.Sprintf("The audit log is broken: %d problems.", len(problems)))
}
