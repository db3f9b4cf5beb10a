package syntax

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// TestParseGolden parses each testdata/parse/*.py and compares Dump of the
// tree, followed by what CheckSubset refuses, with the .golden file.
func TestParseGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/parse/*.py")
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
			f, err := Parse(filepath.Base(path), src)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got := Dump(f)
			if err := CheckSubset(f); err != nil {
				for _, e := range err.(ErrorList) {
					got += "refused: " + e.Error() + "\n"
				}
			}
			checkGolden(t, strings.TrimSuffix(path, ".py")+".golden", got)
		})
	}
}

func checkGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s:\n%s", golden, lineDiff(string(want), got))
	}
}

// lineDiff lists the lines that differ between want and got.
func lineDiff(want, got string) string {
	w := strings.Split(want, "\n")
	g := strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl + "\n")
		}
	}
	return b.String()
}

func itoa(i int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + func() string {
		s := ""
		if i == 0 {
			return "0"
		}
		for ; i > 0; i /= 10 {
			s = string(rune('0'+i%10)) + s
		}
		return s
	}())
}

// TestCPythonAcceptsCorpus checks that CPython compiles every valid test
// program, so the corpus is real Python.
func TestCPythonAcceptsCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/parse/*.py")
	script := `
import sys, warnings
warnings.simplefilter("ignore")
bad = 0
for p in sys.argv[1:]:
    try:
        compile(open(p, encoding="utf-8").read(), p, "exec")
    except SyntaxError as e:
        print(p, e); bad += 1
sys.exit(bad)
`
	out, err := exec.Command("python3", append([]string{"-c", script}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("python3 rejects part of the corpus: %v\n%s", err, out)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestParseReportsAllLateErrors checks that errors CPython reports after
// parsing are all collected, in position order.
func TestParseReportsAllLateErrors(t *testing.T) {
	src := "def f(a, b, a): pass\nf(x=1, x=2)\nlambda q, q: 0\n"
	_, err := Parse("h.py", []byte(src))
	list, ok := err.(ErrorList)
	if !ok {
		t.Fatalf("Parse error = %v, want an ErrorList", err)
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Pos.String()+" "+e.Msg)
	}
	want := []string{
		"h.py:1:13 duplicate argument 'a' in function definition",
		"h.py:2:8 keyword argument repeated: x",
		"h.py:3:11 duplicate argument 'q' in function definition",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A syntax error anywhere wins, as in CPython.
	_, err = Parse("h.py", []byte(src+"x = = 1\n"))
	if list := err.(ErrorList); len(list) != 1 || list[0].Pos.Line != 4 {
		t.Errorf("with a syntax error, Parse error = %v, want only the syntax error on line 4", err)
	}
}
