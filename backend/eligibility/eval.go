package eligibility

import (
	"strconv"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Evaluate applies every rule to c under p and returns one result per rule,
// in rule order, each with the values it used and its filled messages. It is
// pure and deterministic.
func Evaluate(p Params, c Case) Report {
	rep := Report{Tanggal: c.Tanggal, Results: make([]Result, len(rules))}
	var r rec
	r.kv = make([]kv, 0, 16)
	for i := range rules {
		rule := &rules[i]
		r.reset(rule.Severity, false)
		rule.check(&p, &c, &r)
		p.override(rule.ID, c.Jenis, &r)
		rep.Results[i] = r.result(rule)
	}
	return rep
}

// Screen is Evaluate reduced to the planner's question: the first failing
// BLOCK rule or rule the planner always excludes on, if any. It formats no values and allocates once, and agrees
// with Evaluate(p, *c).HardExclusion() (a property test checks this).
func Screen(p *Params, c *Case) (ruleID string, blocked bool) {
	var r rec
	for i := range rules {
		rule := &rules[i]
		r.reset(rule.Severity, true)
		rule.check(p, c, &r)
		p.override(rule.ID, c.Jenis, &r)
		if r.outcome == Fail && (r.sev == Block || rule.PlannerExcludes) {
			return rule.ID, true
		}
	}
	return "", false
}

// kv is one value a rule used, rendered in both languages.
type kv struct{ k, id, en, raw string }

// rec collects one rule's verdict. In quiet mode (Screen) the value helpers
// return at once, so nothing is formatted.
type rec struct {
	quiet   bool
	outcome Outcome
	sev     Severity
	variant string
	kv      []kv
}

func (r *rec) reset(sev Severity, quiet bool) {
	r.quiet, r.outcome, r.sev, r.variant, r.kv = quiet, "", sev, "", r.kv[:0]
}

func (r *rec) pass(variant string) { r.outcome, r.variant = Pass, variant }
func (r *rec) fail(variant string) { r.outcome, r.variant = Fail, variant }
func (r *rec) na(variant string)   { r.outcome, r.variant = NotApplicable, variant }

// failAs fails with a severity that depends on the case.
func (r *rec) failAs(sev Severity, variant string) { r.sev = sev; r.fail(variant) }

func (r *rec) put(k, id, en string) { r.kv = append(r.kv, kv{k: k, id: id, en: en}) }

func (r *rec) str(k, v string) {
	if !r.quiet {
		r.put(k, v, v)
	}
}

func (r *rec) str2(k, id, en string) {
	if !r.quiet {
		r.put(k, id, en)
	}
}

func (r *rec) num(k string, n int) {
	if !r.quiet {
		s := strconv.Itoa(n)
		r.put(k, s, s)
	}
}

func (r *rec) dec(k string, x float64) {
	if !r.quiet {
		en := strconv.FormatFloat(x, 'f', 2, 64)
		r.put(k, strings.Replace(en, ".", ",", 1), en)
	}
}

func (r *rec) date(k string, d domain.Date) {
	if !r.quiet {
		if d.IsZero() {
			r.put(k, "tidak tercatat", "not recorded")
			return
		}
		r.kv = append(r.kv, kv{k, d.Indonesian(), d.English(), d.String()})
	}
}

func (r *rec) yesno(k string, b bool) {
	if !r.quiet {
		if b {
			r.put(k, "ya", "yes")
		} else {
			r.put(k, "tidak", "no")
		}
	}
}

// dur records the time from from to to as "1 tahun 11 bulan 30 hari".
func (r *rec) dur(k string, from, to domain.Date) {
	if !r.quiet {
		id, en := durasi(from, to)
		r.put(k, id, en)
	}
}

func (r *rec) lookup(k string, en bool) (string, bool) {
	for i := range r.kv {
		if r.kv[i].k == k {
			if en {
				return r.kv[i].en, true
			}
			return r.kv[i].id, true
		}
	}
	return "", false
}

func (r *rec) result(rule *Rule) Result {
	res := Result{RuleID: rule.ID, Severity: r.sev, Outcome: r.outcome, Source: rule.Source,
		Values: make(map[string]string, len(r.kv))}
	for _, x := range r.kv {
		res.Values[x.k] = x.id
		if x.raw != "" {
			res.Values[x.k] = x.raw // dates stay YYYY-MM-DD for programs
		}
	}
	t := rule.template(r.outcome, r.variant)
	res.Message, res.MessageEN = r.fill(t.ID, false), r.fill(t.EN, true)
	return res
}

// fill replaces each {key} in t by the value recorded under key; an unknown
// key is left as it is (the tests look for leftovers).
func (r *rec) fill(t string, en bool) string {
	if strings.IndexByte(t, '{') < 0 {
		return t
	}
	var b strings.Builder
	b.Grow(len(t) + 32)
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			return b.String()
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			b.WriteString(t)
			return b.String()
		}
		b.WriteString(t[:i])
		if v, ok := r.lookup(t[i+1:i+j], en); ok {
			b.WriteString(v)
		} else {
			b.WriteString(t[i : i+j+1])
		}
		t = t[i+j+1:]
	}
}

// durasi renders the whole years, months and days from from to to (0 days
// when to is not after from).
func durasi(from, to domain.Date) (id, en string) {
	if from.IsZero() || to.IsZero() || !to.After(from) {
		return "0 hari", "0 days"
	}
	months := from.MonthsUntil(to)
	anchor := from.AddMonths(months)
	days := int(to.Time().Sub(anchor.Time()).Hours()+0.5) / 24
	y, m := months/12, months%12
	var bi, be strings.Builder
	part := func(n int, id, en, ens string) {
		if n == 0 {
			return
		}
		if bi.Len() > 0 {
			bi.WriteByte(' ')
			be.WriteByte(' ')
		}
		bi.WriteString(strconv.Itoa(n) + " " + id)
		be.WriteString(strconv.Itoa(n) + " " + en)
		if n != 1 {
			be.WriteString(ens)
		}
	}
	part(y, "tahun", "year", "s")
	part(m, "bulan", "month", "s")
	part(days, "hari", "day", "s")
	return bi.String(), be.String()
}
