package archtest

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// pure lists the packages that must stay testable without a UI, a database or
// a network (ARCHITECTURE.md §2). Later pure packages are added here.
var pure = []string{
	"github.com/bkpsdm-sorong/imbang/backend/domain",
	"github.com/bkpsdm-sorong/imbang/backend/demo",
	"github.com/bkpsdm-sorong/imbang/sync/hlc",
	"github.com/bkpsdm-sorong/imbang/backend/workload",
	"github.com/bkpsdm-sorong/imbang/backend/transfer",
	"github.com/bkpsdm-sorong/imbang/backend/auth",
	"github.com/bkpsdm-sorong/imbang/backend/audit",
	"github.com/bkpsdm-sorong/imbang/backend/eligibility",
	"github.com/bkpsdm-sorong/imbang/backend/planner",
}

var forbidden = []string{"github.com/wailsapp/", "database/sql", "net/http", "modernc.org/sqlite"}

type pkg struct {
	ImportPath string
	Doc        string
	Deps       []string
	Standard   bool
	Name       string
}

func list(t *testing.T, args ...string) []pkg {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-json"}, args...)...)
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func TestPurePackagesImportNoWailsSQLOrHTTP(t *testing.T) {
	for _, p := range list(t, pure...) {
		for _, d := range p.Deps {
			for _, f := range forbidden {
				if strings.HasPrefix(d, f) {
					t.Errorf("%s depends on %s; pure packages must not", p.ImportPath, d)
				}
			}
		}
	}
}

func TestEveryPackageHasADocComment(t *testing.T) {
	for _, p := range list(t, "./...") {
		if p.Doc == "" {
			t.Errorf("%s has no package doc comment", p.ImportPath)
		}
	}
}
