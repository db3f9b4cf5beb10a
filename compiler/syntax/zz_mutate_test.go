package syntax

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestZZMutants(t *testing.T) {
	if os.Getenv("NLMUT") == "" {
		t.Skip()
	}
	files, _ := filepath.Glob("testdata/parse/*.py")
	var srcs []string
	for _, f := range files {
		if strings.HasSuffix(f, "unsupported.py") {
			continue
		}
		data, _ := os.ReadFile(f)
		srcs = append(srcs, string(data))
	}
	rng := rand.New(rand.NewSource(1))
	pieces := []string{"(", ")", "[", "]", ":", ",", "=", " ", "\n", "    ", "\t", "'", "\"", "x", "1", "if ", "else", "*", "**", ".", "#", "\\", "lambda", "f'{", "}", "{", "0x", "_", "not ", "in ", "is ", "yield ", "return ", "def ", "class ", "for ", "while ", "try:", "except", "pass", "@", ";", "global x", "nonlocal x", "break", "continue", "async ", "await "}
	var muts []string
	for len(muts) < 3000 {
		src := srcs[rng.Intn(len(srcs))]
		lines := strings.Split(src, "\n")
		// take a window of lines
		i := rng.Intn(len(lines))
		j := i + 1 + rng.Intn(8)
		if j > len(lines) {
			j = len(lines)
		}
		w := strings.Join(lines[i:j], "\n")
		// dedent-ish: keep as is
		for k := 0; k < 1+rng.Intn(2); k++ {
			if len(w) == 0 {
				break
			}
			p := rng.Intn(len(w))
			switch rng.Intn(3) {
			case 0:
				w = w[:p] + pieces[rng.Intn(len(pieces))] + w[p:]
			case 1:
				q := p + 1 + rng.Intn(4)
				if q > len(w) {
					q = len(w)
				}
				w = w[:p] + w[q:]
			case 2:
				w = w[:p] + pieces[rng.Intn(len(pieces))] + w[min(len(w), p+1):]
			}
		}
		muts = append(muts, w)
	}
	script := `
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
        out.append("other " + type(e).__name__)
json.dump(out, sys.stdout)
`
	in, _ := json.Marshal(muts)
	cmd := exec.Command("python3", "-c", script)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var py []string
	json.Unmarshal(out, &py)
	same, sameLine, acceptDiff := 0, 0, 0
	var report []string
	for i, m := range muts {
		got := frontEnd(m)
		if got == py[i] {
			same++
			continue
		}
		gl, _, _ := strings.Cut(got, ":")
		pl, _, _ := strings.Cut(py[i], ":")
		if (got == "no error") != (py[i] == "no error") {
			acceptDiff++
			report = append(report, fmt.Sprintf("ACCEPT %q\n  nl: %s\n  py: %s", m, got, py[i]))
			continue
		}
		if gl == pl {
			sameLine++
		}
		report = append(report, fmt.Sprintf("DIFF %q\n  nl: %s\n  py: %s", m, got, py[i]))
	}
	fmt.Printf("exact %d, same line %d, accept/reject differs %d of %d\n", same, sameLine, acceptDiff, len(muts))
	os.WriteFile("/tmp/syn/mutants.txt", []byte(strings.Join(report, "\n")), 0o644)
}

// frontEnd: parse + resolve-level checks are not available here; parse only.
func frontEnd(src string) string {
	_, err := Parse("h.py", []byte(src))
	if err == nil {
		return "no error"
	}
	e := err.(ErrorList)[0]
	return fmt.Sprintf("%d:%d: %s: %s", e.Pos.Line, e.Pos.Col, e.Kind, e.Msg)
}
