package compiler

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanolambda/nl/bytecode"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// listing renders every function of p as "name: one-line disassembly".
func listing(p *bytecode.Program) string {
	var sb strings.Builder
	for _, f := range p.Functions {
		fmt.Fprintf(&sb, "%s: %s\n", f.Name, bytecode.Listing(p, f))
	}
	return sb.String()
}

// TestCodegen compares the one-line disassembly of each testdata/codegen/*.py
// with its .golden file (rewritten with -update).
func TestCodegen(t *testing.T) {
	files, _ := filepath.Glob("testdata/codegen/*.py")
	if len(files) == 0 {
		t.Fatal("no codegen test files")
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".py")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Compile(filepath.Base(path), src, Options{})
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			got := listing(p)
			golden := strings.TrimSuffix(path, ".py") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./compiler -run TestCodegen -update)", err)
			}
			if got != string(want) {
				t.Errorf("codegen differs from %s:\n got: %s\nwant: %s", golden, got, want)
			}
		})
	}
}

// TestDeterministic compiles the same source twice, and with a fresh map
// iteration order, and requires byte-identical images.
func TestDeterministic(t *testing.T) {
	files, _ := filepath.Glob("testdata/codegen/*.py")
	more, _ := filepath.Glob("testdata/handlers/*.py")
	conf, _ := filepath.Glob("../conformance/testdata/*.py")
	for _, path := range append(append(files, more...), conf...) {
		src, _ := os.ReadFile(path)
		for _, strip := range []bool{false, true} {
			var first []byte
			for i := 0; i < 3; i++ {
				p, err := Compile("x.py", src, Options{Strip: strip})
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				img, err := bytecode.Encode(p)
				if err != nil {
					t.Fatalf("%s: encode: %v", path, err)
				}
				if first == nil {
					first = img
				} else if !bytes.Equal(first, img) {
					t.Fatalf("%s (strip=%v): two compilations differ", path, strip)
				}
			}
		}
	}
}

func TestStripSmaller(t *testing.T) {
	src := []byte("def f(a, b):\n    c = a + b\n    return c\nprint(f(1, 2))\n")
	full, err := Compile("s.py", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	stripped, err := Compile("s.py", src, Options{Strip: true})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := bytecode.Encode(full)
	b, _ := bytecode.Encode(stripped)
	if len(b) >= len(a) {
		t.Fatalf("stripped %d bytes, full %d", len(b), len(a))
	}
	f := stripped.Functions[1]
	if f.LineTable != nil || len(f.LocalNames) != 2 || stripped.Filename != "" {
		t.Fatalf("stripped function keeps %v %v %q", f.LineTable, f.LocalNames, stripped.Filename)
	}
	if line, _ := full.Functions[1].Position(0); line != 2 {
		t.Fatalf("line of first instruction = %d, want 2", line)
	}
}

func TestErrorListType(t *testing.T) {
	_, err := Compile("e.py", []byte("x = (1,\n"), Options{})
	var list ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error %T %v is not an ErrorList", err, err)
	}
	if list[0].Pos.File != "e.py" || list[0].Kind != KindSyntax {
		t.Fatalf("unexpected error %+v", list[0])
	}
}
