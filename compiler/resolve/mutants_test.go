package resolve

import (
	"encoding/json"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMutantsMatchCPython damages windows of the valid test programs at
// random (fixed seed: inserting, deleting or replacing a few characters
// with Python-ish fragments) and runs each mutant through nl's front end
// (Parse, then File) and through CPython's compile(). Both must agree on
// whether the mutant is valid, and most of the time on the exact first
// error (line, column, exception and message).
func TestMutantsMatchCPython(t *testing.T) {
	files, _ := filepath.Glob("../syntax/testdata/parse/*.py")
	more, _ := filepath.Glob("testdata/resolve/*.py")
	files = append(files, more...)
	var srcs []string
	for _, f := range files {
		if strings.HasSuffix(f, "unsupported.py") {
			continue // match statements: nl's patterns are lenient
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, string(data))
	}
	if len(srcs) == 0 {
		t.Fatal("no corpus")
	}
	muts := mutants(srcs, 1500, 1)
	srcJSON, _ := json.Marshal(muts)
	cmd := exec.Command("python3", "-c", `
import json, sys, warnings
warnings.simplefilter("ignore")
out = []
for src in json.load(sys.stdin):
    try:
        compile(src, "h.py", "exec", dont_inherit=True)
        out.append("no error")
    except SyntaxError as e:
        out.append("%s:%s: %s: %s" % (e.lineno, e.offset, type(e).__name__, e.msg))
    except Exception as e:
        out.append(type(e).__name__)
json.dump(out, sys.stdout)
`)
	cmd.Stdin = strings.NewReader(string(srcJSON))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var py []string
	if err := json.Unmarshal(out, &py); err != nil {
		t.Fatal(err)
	}
	exact := 0
	for i, m := range muts {
		got := frontEndError(m)
		if got == py[i] {
			exact++
			continue
		}
		if (got == "no error") != (py[i] == "no error") {
			t.Errorf("mutant %d %q:\n  nl:      %s\n  CPython: %s", i, m, got, py[i])
		}
	}
	rate := float64(exact) / float64(len(muts))
	t.Logf("%d of %d mutants (%.1f%%) give exactly CPython's first error", exact, len(muts), 100*rate)
	// Measured 2026-11-25: 97% (and no validity disagreement in 100,000
	// mutants over ten seeds). The rest differ mostly in which of two
	// errors CPython's two-pass PEG parser prefers.
	if rate < 0.93 {
		t.Errorf("only %.1f%% of mutants match CPython exactly; want at least 93%%", 100*rate)
	}
}

// mutants returns n damaged windows of srcs, deterministically for seed.
func mutants(srcs []string, n int, seed int64) []string {
	rng := rand.New(rand.NewSource(seed))
	pieces := []string{"(", ")", "[", "]", "{", "}", ":", ",", "=", " ", "\n", "    ", "\t",
		"'", "\"", "x", "1", "if ", "else", "*", "**", ".", "#", "\\", "lambda", "f'{",
		"0x", "_", "not ", "in ", "is ", "yield ", "return ", "def ", "class ", "for ",
		"while ", "try:", "except", "pass", "@", ";", "global x", "nonlocal x", "break",
		"continue", "async ", "await ", ":=", "->", "...", "del "}
	var out []string
	for len(out) < n {
		lines := strings.Split(srcs[rng.Intn(len(srcs))], "\n")
		i := rng.Intn(len(lines))
		j := min(len(lines), i+1+rng.Intn(8))
		w := strings.Join(lines[i:j], "\n")
		for k := 0; k < 1+rng.Intn(2) && len(w) > 0; k++ {
			p := rng.Intn(len(w))
			switch rng.Intn(3) {
			case 0:
				w = w[:p] + pieces[rng.Intn(len(pieces))] + w[p:]
			case 1:
				w = w[:p] + w[min(len(w), p+1+rng.Intn(4)):]
			default:
				w = w[:p] + pieces[rng.Intn(len(pieces))] + w[min(len(w), p+1):]
			}
		}
		out = append(out, w)
	}
	return out
}
