package archtest

import (
	"encoding/json"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/bkpsdm-sorong/imbang/"

// The layout says which packages are pure (docs/architecture.md, "Pure
// packages and adapters"): every package under backend/ and sync/ is pure
// unless it is an adapter, and an adapter is named for the outside thing it
// reaches. A package is an adapter when a folder of its path, below backend/
// or sync/, is called store, backup, client or server, ends in "store" (a
// server store: sqlitestore, pgstore) or ends in "test" (a harness that
// drives adapters: simtest, loadtest, storetest, pgtest). A new package is
// pure by default; naming it as an adapter is a visible decision.
var (
	adapterNames    = []string{"store", "backup", "client", "server"}
	adapterSuffixes = []string{"store", "test"}
)

// forbidden are what a pure package may not reach: the UI runtime, SQL and
// its drivers, HTTP.
var forbidden = []string{"github.com/wailsapp/", "database/sql", "net/http", "modernc.org/sqlite", "github.com/jackc/"}

// adapter reports whether the module package at path is an adapter; ok is
// false for a package outside backend/ and sync/ (the rule does not cover it).
func adapter(path string) (isAdapter, ok bool) {
	rel, found := strings.CutPrefix(path, module)
	if !found {
		return false, false
	}
	parts := strings.Split(rel, "/")
	if parts[0] != "backend" && parts[0] != "sync" {
		return false, false
	}
	for _, p := range parts[1:] {
		if slices.Contains(adapterNames, p) {
			return true, true
		}
		for _, s := range adapterSuffixes {
			if strings.HasSuffix(p, s) {
				return true, true
			}
		}
	}
	return false, true
}

type pkg struct {
	ImportPath string
	Doc        string
	Imports    []string
	Deps       []string
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

// violations checks every pure package: neither it nor any module package it
// depends on may import a forbidden package, and it may depend on no
// adapter. A third-party library's own imports are its business (excelize
// imports net/http for no request we make); our code's imports are ours.
func violations(pkgs []pkg) []string {
	byPath := map[string]pkg{}
	for _, p := range pkgs {
		byPath[p.ImportPath] = p
	}
	var out []string
	for _, p := range pkgs {
		if isAdapter, ok := adapter(p.ImportPath); !ok || isAdapter {
			continue
		}
		for _, d := range append([]string{p.ImportPath}, p.Deps...) {
			dp, ours := byPath[d]
			if !ours {
				continue
			}
			if isAdapter, _ := adapter(d); isAdapter {
				out = append(out, p.ImportPath+" depends on the adapter "+d)
			}
			for _, imp := range dp.Imports {
				for _, f := range forbidden {
					if strings.HasPrefix(imp, f) {
						out = append(out, p.ImportPath+" reaches "+imp+" (imported by "+d+")")
					}
				}
			}
		}
	}
	return out
}

func TestPurePackagesImportNoStoreWailsSQLOrHTTP(t *testing.T) {
	pkgs := list(t, "./...")
	for _, v := range violations(pkgs) {
		t.Error(v)
	}
	// The rule must keep covering the core: these are pure, these adapters.
	for path, want := range map[string]bool{"backend/domain": false, "backend/eligibility": false, "backend/planner": false,
		"backend/mutasisvc": false, "sync/rules": false, "sync/hlc": false, "backend/store": true, "backend/backup": true,
		"sync/client": true, "sync/server/pgstore": true, "sync/simtest": true} {
		if got, ok := adapter(module + path); !ok || got != want {
			t.Errorf("%s: adapter = %v, want %v", path, got, want)
		}
	}
}

// The check itself fails for a pure package that imports the store, SQL or
// HTTP directly or through another of the module's packages.
func TestViolationsAreFound(t *testing.T) {
	m := func(s string) string { return module + s }
	pkgs := []pkg{
		{ImportPath: m("backend/store"), Imports: []string{"database/sql"}},
		{ImportPath: m("backend/helper"), Imports: []string{"net/http"}},
		{ImportPath: m("backend/ok"), Imports: []string{"strings", "github.com/xuri/excelize/v2"}, Deps: []string{"github.com/xuri/excelize/v2", "net/http"}},
		{ImportPath: m("backend/bad"), Deps: []string{m("backend/store"), m("backend/helper"), "database/sql"}},
	}
	got := strings.Join(violations(pkgs), "\n")
	for _, want := range []string{"backend/bad depends on the adapter " + m("backend/store"),
		"backend/bad reaches net/http (imported by " + m("backend/helper"), "backend/helper reaches net/http"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "backend/ok") {
		t.Errorf("a library's own imports counted:\n%s", got)
	}
}

func TestEveryPackageHasADocComment(t *testing.T) {
	for _, p := range list(t, "./...") {
		if p.Doc == "" {
			t.Errorf("%s has no package doc comment", p.ImportPath)
		}
	}
}
