package eligibility

import (
	"encoding/json"
	"strings"
	"testing"

	d "github.com/bkpsdm-sorong/imbang/backend/domain"
)

// A BKPSDM setting replaces a rule's severity for the named type only.
func TestSeverityOverride(t *testing.T) {
	p, c := base()
	c.SKP = []d.SKP{{Tahun: 2024, Predikat: d.SKPButuhPerbaikan}, {Tahun: 2023, Predikat: d.SKPBaik}}
	r, _ := Evaluate(p, c).Result("MUT-10")
	if r.Outcome != Fail || r.Severity != Warn {
		t.Fatalf("without a setting MUT-10 inside the Pemda warns: %+v", r)
	}
	p.Severitas = map[string]map[d.JenisMutasi]Severity{"MUT-10": {d.MutasiT1: Block}}
	rep := Evaluate(p, c)
	if r, _ := rep.Result("MUT-10"); r.Severity != Block || !rep.Blocked() {
		t.Fatalf("the T1 setting BLOCK is not honoured: %+v", r)
	}
	if id, blocked := Screen(&p, &c); !blocked || id != "MUT-10" {
		t.Fatalf("the planner's screen ignores the setting: %s %v", id, blocked)
	}
	c.Jenis = d.MutasiT0
	c.OPDTujuanID = c.OPDAsalID
	if r, _ := Evaluate(p, c).Result("MUT-10"); r.Severity != Warn {
		t.Fatalf("a T1 setting changed T0: %+v", r)
	}
	// Down to INFO: the failure is shown, nothing more.
	p.Severitas = map[string]map[d.JenisMutasi]Severity{"MUT-10": {d.MutasiT0: Info}}
	rep = Evaluate(p, c)
	if len(rep.Warnings()) != 0 || len(rep.Infos()) != 1 {
		t.Fatalf("INFO setting: warnings %v infos %v", rep.Warnings(), rep.Infos())
	}
	if s, ok := p.SeverityOf("MUT-10", d.MutasiT0); !ok || s != Info {
		t.Fatalf("SeverityOf = %s %v", s, ok)
	}
	if _, ok := p.SeverityOf("MUT-10", d.MutasiT1); ok {
		t.Fatal("SeverityOf reports a setting that is not there")
	}
}

// MUT-21 is WARN in the workflow but closes the move to the planner; the
// settings widen it.
func TestLateralExcludesInThePlanner(t *testing.T) {
	p, c := base()
	c.JabatanTujuan.Jenis = d.JabatanAdministrator
	rep := Evaluate(p, c)
	if rep.Blocked() {
		t.Fatal("a kind change must not block the workflow by default")
	}
	if x, ok := rep.HardExclusion(); !ok || x.RuleID != "MUT-21" {
		t.Fatalf("HardExclusion = %+v %v, want MUT-21", x, ok)
	}
	if id, ex := Screen(&p, &c); !ex || id != "MUT-21" {
		t.Fatalf("Screen = %s %v, want MUT-21", id, ex)
	}
	p.MUT21LintasJenis = true
	if id, ex := Screen(&p, &c); ex {
		t.Fatalf("widened, still excluded by %s", id)
	}
	p.MUT21LintasJenis = false
	p.Severitas = map[string]map[d.JenisMutasi]Severity{"MUT-21": {d.MutasiT1: Block}}
	if !Evaluate(p, c).Blocked() {
		t.Fatal("MUT-21 set to BLOCK does not block the workflow")
	}
}

func TestSeverityValidate(t *testing.T) {
	for _, tc := range []struct {
		raw   string
		field string
	}{
		{`{"MUT-99":{"T0":"WARN"}}`, "severitas.MUT-99"},
		{`{"MUT-10":{"T9":"WARN"}}`, "severitas.MUT-10.T9"},
		{`{"MUT-10":{"T0":"MAYBE"}}`, "severitas.MUT-10.T0"},
		{`{"MUT-10":{"T0":""}}`, "severitas.MUT-10.T0"},
	} {
		p := DefaultParams()
		if err := json.Unmarshal([]byte(tc.raw), &p.Severitas); err != nil {
			t.Fatal(err)
		}
		err := p.Validate()
		var e *d.Error
		if err == nil || !errorsAs(err, &e) || len(e.Fields) != 1 || e.Fields[0].Field != tc.field {
			t.Fatalf("%s: %v", tc.raw, err)
		}
		if !strings.Contains(e.Fields[0].Message, "MUT-") {
			t.Errorf("%s: the message does not name the rule: %s", tc.raw, e.Fields[0].Message)
		}
	}
	p := DefaultParams()
	p.Severitas = map[string]map[d.JenisMutasi]Severity{"MUT-10": {d.MutasiT0: Block, d.MutasiT1: Info}}
	if err := p.Validate(); err != nil {
		t.Fatalf("valid settings refused: %v", err)
	}
}
