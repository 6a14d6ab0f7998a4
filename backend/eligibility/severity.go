package eligibility

import (
	"fmt"
	"sort"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Valid reports a known severity.
func (s Severity) Valid() bool { return s == Block || s == Warn || s == Info }

// override replaces the severity a rule's check chose with BKPSDM's setting
// for the case's transfer type, when there is one. The setting replaces the
// whole rule's severity for that type, its split cases included.
func (p *Params) override(ruleID string, jenis domain.JenisMutasi, r *rec) {
	if len(p.Severitas) == 0 {
		return
	}
	if s, ok := p.Severitas[ruleID][jenis]; ok && s.Valid() {
		r.sev = s
	}
}

// SeverityOf is the severity a rule takes for a type under p when it fails:
// BKPSDM's setting, else ok=false (the rule's own table applies).
func (p Params) SeverityOf(ruleID string, jenis domain.JenisMutasi) (Severity, bool) {
	s, ok := p.Severitas[ruleID][jenis]
	return s, ok && s.Valid()
}

func validateSeveritas(v *domain.Validation, m map[string]map[domain.JenisMutasi]Severity) {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if _, ok := RuleByID(id); !ok {
			v.Add("severitas."+id, "eligibility.severitas_rule",
				fmt.Sprintf("Tingkat aturan: aturan %q tidak dikenal.", id),
				fmt.Sprintf("Rule severity: unknown rule %q.", id))
			continue
		}
		js := make([]string, 0, len(m[id]))
		for j := range m[id] {
			js = append(js, string(j))
		}
		sort.Strings(js)
		for _, j := range js {
			field := "severitas." + id + "." + j
			if !domain.JenisMutasi(j).Valid() {
				v.Add(field, "eligibility.severitas_jenis",
					fmt.Sprintf("Tingkat aturan %s: jenis mutasi %q tidak dikenal (T0–T4).", id, j),
					fmt.Sprintf("Severity of %s: unknown transfer type %q (T0–T4).", id, j))
				continue
			}
			if s := m[id][domain.JenisMutasi(j)]; !s.Valid() {
				v.Add(field, "eligibility.severitas_nilai",
					fmt.Sprintf("Tingkat aturan %s untuk %s harus BLOCK, WARN atau INFO, bukan %q.", id, j, s),
					fmt.Sprintf("The severity of %s for %s must be BLOCK, WARN or INFO, not %q.", id, j, s))
			}
		}
	}
}
