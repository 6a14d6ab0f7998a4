//go:build !simmutants

package simtest

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestMutants needs the deliberately broken variants, which only a build
// with -tags simmutants contains (mutants_test.go).
func TestMutants(t *testing.T) {
	t.Skip("the broken variants are built only with -tags simmutants: go test -tags simmutants ./sync/simtest -run TestMutants")
}

// TestNoMutantsInDefaultBuild keeps the broken variants out of production:
// no file the default build compiles in the server or the store declares a
// mutant switch.
func TestNoMutantsInDefaultBuild(t *testing.T) {
	for _, dir := range []string{"../server", "../../backend/store"} {
		pkg, err := build.Default.ImportDir(dir, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range pkg.GoFiles {
			file, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, f), nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range file.Decls {
				g, ok := d.(*ast.GenDecl)
				if !ok || g.Tok != token.VAR {
					continue
				}
				for _, s := range g.Specs {
					for _, n := range s.(*ast.ValueSpec).Names {
						if strings.HasPrefix(n.Name, "Mutant") {
							t.Errorf("%s/%s declares %s in the default build (it belongs behind -tags simmutants)", dir, f, n.Name)
						}
					}
				}
			}
		}
	}
}
