package resolve

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanolambda/nl/compiler/syntax"
)

var update = flag.Bool("update", false, "rewrite testdata/resolve/*.golden")

func resolveSrc(t *testing.T, name, src string) (*syntax.File, *Module, error) {
	t.Helper()
	f, err := syntax.Parse(name, []byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	m, err := File(f)
	return f, m, err
}

// TestResolveGolden resolves each testdata/resolve/*.py and compares the
// dump (see dumpModule) with the .golden file next to it.
func TestResolveGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/resolve/*.py")
	if len(files) == 0 {
		t.Fatal("no test files")
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".py")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, m, err := resolveSrc(t, path, string(src))
			if err != nil {
				t.Fatalf("resolve: %v", err)
			}
			got := dumpModule(f, m)
			golden := strings.TrimSuffix(path, ".py") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if got != string(want) {
				t.Errorf("resolve(%s) =\n%s\nwant\n%s", path, got, want)
			}
		})
	}
}
