package resolve

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nanolambda/nl/compiler/syntax"
)

// TestSymtableDifferential resolves every valid program of the test
// corpora and checks each scope against CPython's symtable module: the same
// scopes in the same order, and the same class (local, cell, free, global)
// for every name. Module-level names are all global in nl and are checked
// only for that.
func TestSymtableDifferential(t *testing.T) {
	files, _ := filepath.Glob("testdata/resolve/*.py")
	more, _ := filepath.Glob("../syntax/testdata/parse/*.py")
	files = append(files, more...)
	if len(files) == 0 {
		t.Fatal("no corpus")
	}
	out, err := exec.Command("python3", append([]string{"testdata/pysymtable_dump.py"}, files...)...).Output()
	if err != nil {
		t.Fatalf("python3 symtable: %v", err)
	}
	type pyScope struct {
		Type, Name string
		Line       int
		Syms       map[string]string
	}
	var want map[string][]pyScope
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := syntax.Parse(path, src)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			// match patterns are parsed leniently (as expressions), so their
			// names are not CPython's; annotations are never evaluated by nl,
			// so names used only there are not resolved.
			hasMatch := false
			inAnnotation := map[string]bool{}
			markAnn := func(x syntax.Expr) {
				if x == nil {
					return
				}
				syntax.Walk(x, func(n syntax.Node) bool {
					if id, ok := n.(*syntax.Ident); ok {
						inAnnotation[id.Name] = true
					}
					return true
				})
			}
			syntax.Walk(f, func(n syntax.Node) bool {
				switch n := n.(type) {
				case *syntax.MatchStmt:
					hasMatch = true
				case *syntax.AnnAssignStmt:
					markAnn(n.Annotation)
				case *syntax.Param:
					markAnn(n.Annotation)
				case *syntax.DefStmt:
					markAnn(n.Returns)
				}
				return true
			})
			if hasMatch {
				t.Skip("match statement")
			}
			m, err := File(f)
			if err != nil {
				t.Fatalf("resolve: %v", err)
			}
			var got []*Function
			var walk func(fn *Function)
			walk = func(fn *Function) {
				got = append(got, fn)
				for _, c := range fn.Children {
					walk(c)
				}
			}
			walk(m.Function)
			py := want[path]
			if len(py) != len(got) {
				t.Fatalf("%d scopes, CPython has %d", len(got), len(py))
			}
			for i, fn := range got {
				ps := py[i]
				name := fn.Name
				if fn.Kind == ModuleScope {
					name = "top"
				} else if fn.Kind == LambdaScope || fn.Kind == ComprehensionScope {
					name = strings.Trim(name, "<>")
				}
				if name != ps.Name || fn.Kind != ModuleScope && fn.Pos.Line != ps.Line {
					t.Fatalf("scope %d is %s at line %d, CPython has %s at line %d", i, name, fn.Pos.Line, ps.Name, ps.Line)
				}
				mine := map[string]string{}
				for n, b := range fn.names {
					mine[n] = scopeClass(b)
				}
				for _, b := range fn.Locals {
					mine[b.Name] = scopeClass(b)
				}
				for j, b := range fn.FreeVars {
					_ = b
					mine[fn.FreeVars[j].Name] = "free"
				}
				if fn.Kind == ClassScope {
					delete(mine, "__class__")
				}
				var diffs []string
				for n, cls := range ps.Syms {
					if _, ok := mine[n]; !ok && inAnnotation[n] {
						continue
					}
					if fn.Kind == ModuleScope {
						// CPython also lists names declared global in
						// functions; nl's module scope lists what it uses.
						if _, ok := mine[n]; !ok {
							continue
						}
						cls = "global"
					}
					if mine[n] != cls {
						diffs = append(diffs, n+": nl "+mine[n]+", CPython "+cls)
					}
				}
				for n := range mine {
					if _, ok := ps.Syms[n]; !ok && n != "__class__" {
						diffs = append(diffs, n+": nl "+mine[n]+", CPython none")
					}
				}
				sort.Strings(diffs)
				if len(diffs) > 0 {
					t.Errorf("scope %s (line %d):\n  %s", name, ps.Line, strings.Join(diffs, "\n  "))
				}
			}
		})
	}
}

func scopeClass(b *Binding) string {
	switch b.Scope {
	case Local, Name:
		return "local"
	case Cell:
		return "cell"
	case Free:
		return "free"
	}
	return "global"
}
