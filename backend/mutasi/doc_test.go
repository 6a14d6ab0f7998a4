package mutasi

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// markdownTable renders Transitions as the table in docs/transfer-workflow.md.
func markdownTable() string {
	var b strings.Builder
	b.WriteString("| # | from | event | to | roles | types | OPD of actor | conditions |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	for i, t := range Transitions {
		roles := make([]string, len(t.Roles))
		for j, r := range t.Roles {
			roles[j] = string(r)
		}
		types := "all"
		if len(t.Types) > 0 {
			ts := make([]string, len(t.Types))
			for j, x := range t.Types {
				ts[j] = string(x)
			}
			types = strings.Join(ts, ", ")
		}
		scope := "—"
		switch t.Scope {
		case ScopeSource:
			scope = "source"
		case ScopeTarget:
			scope = "target"
		case ScopeEither:
			scope = "source or target"
		case ScopeSubject:
			scope = "the employee, own APS request"
		}
		var cond []string
		if t.Reason {
			cond = append(cond, "reason")
		}
		if t.NotSubject {
			cond = append(cond, "not the employee")
		}
		if t.NotProposer {
			cond = append(cond, "not a proposer")
		}
		if t.Eligibility {
			cond = append(cond, "no failing BLOCK rule")
		}
		switch t.Kind {
		case KindBuat, KindUbah:
			cond = append(cond, "valid request")
		case KindVerifikasi:
			cond = append(cond, "target chosen")
		case KindPertek:
			cond = append(cond, "pertek number and date")
		case KindTetapkanSK:
			cond = append(cond, "SK number, date, TMT")
		case KindLaksanakan:
			cond = append(cond, "→ placement change")
		}
		if t.Kind == KindBatalkan && t.From == StatusDilaksanakan {
			cond = append(cond, "effective date ≥ TMT", "→ reversal")
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s | %s | %s |\n", i+1, displayStatus(t.From), t.Kind, t.To,
			strings.Join(roles, ", "), types, scope, strings.Join(cond, "; "))
	}
	return b.String()
}

func TestDocsShowTheTable(t *testing.T) {
	doc, err := os.ReadFile("../../docs/transfer-workflow.md")
	if err != nil {
		t.Fatal(err)
	}
	if table := markdownTable(); !strings.Contains(string(doc), table) {
		if os.Getenv("PRINT_TABLE") != "" {
			fmt.Print(table)
		}
		t.Fatal("docs/transfer-workflow.md does not contain the current transition table; run with PRINT_TABLE=1 and paste it")
	}
}
