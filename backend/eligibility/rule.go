package eligibility

// Rule is one eligibility rule as data: what it says, how severe a failure is,
// which parameters it reads, its messages and its source. The check itself is
// unexported; Evaluate runs it.
type Rule struct {
	ID          string         `json:"id"`
	Judul       string         `json:"judul"`
	JudulEN     string         `json:"judulEn"`
	Pernyataan  string         `json:"pernyataan"` // the rule in one sentence
	StatementEN string         `json:"statementEn"`
	Severity    Severity       `json:"severity"` // the usual severity
	Split       []SeverityCase `json:"split"`    // when the severity depends on the case
	Params      []string       `json:"params"`   // JSON names of the Params fields it reads
	Messages    []Template     `json:"messages"` // one per outcome and variant
	Source      string         `json:"source"`
	Confidence  string         `json:"confidence"` // V verified, S secondary sources, U uncertain (docs/domain.md)
	// PlannerExcludes: the planner never proposes a move this rule fails,
	// whatever its severity in the workflow (MUT-21: a workload move is a
	// lateral move). The rule's parameters may widen what passes.
	PlannerExcludes bool `json:"plannerExcludes"`

	check func(p *Params, c *Case, r *rec)
}

// SeverityCase says when a rule takes a severity other than its usual one.
type SeverityCase struct {
	Severity Severity `json:"severity"`
	When     string   `json:"when"`
	WhenEN   string   `json:"whenEn"`
}

// Template is a message for one outcome (and variant) of a rule; {key} is
// replaced by the value the rule recorded under key.
type Template struct {
	Outcome Outcome `json:"outcome"`
	Variant string  `json:"variant"`
	ID      string  `json:"id"`
	EN      string  `json:"en"`
}

// Rules returns the rules in order, MUT-01 … MUT-21.
func Rules() []Rule {
	out := make([]Rule, len(rules))
	copy(out, rules)
	return out
}

// RuleByID returns one rule.
func RuleByID(id string) (Rule, bool) {
	for i := range rules {
		if rules[i].ID == id {
			return rules[i], true
		}
	}
	return Rule{}, false
}

func (r *Rule) template(o Outcome, variant string) Template {
	for _, t := range r.Messages {
		if t.Outcome == o && t.Variant == variant {
			return t
		}
	}
	return Template{Outcome: o, Variant: variant, ID: r.ID + ": " + string(o), EN: r.ID + ": " + string(o)}
}
