// Package conformance runs the differential tests of nl against CPython: every
// testdata/*.py program runs under python3 and under nl (compile → encode → decode
// → vm.Load, the same path as `nl exec`), and their stdout must match exactly. A
// program that dies of an uncaught exception under CPython must die under nl too,
// with the same last traceback line ("ValueError: msg").
package conformance

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/vm"
)

// cpython is the result of running a program under python3.
type cpython struct {
	stdout   string
	lastErr  string   // last non-empty line of stderr
	frames   []string // traceback frames as "file:line:func"
	exitCode int
}

var tracebackFrame = regexp.MustCompile(`(?m)^  File "([^"]+)", line (\d+), in (\S+)$`)

func runCPython(t *testing.T, dir, name string) cpython {
	t.Helper()
	cmd := exec.Command("python3", "-X", "utf8", name)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PYTHONHASHSEED=0", "PYTHONDONTWRITEBYTECODE=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := cpython{stdout: out.String()}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		r.exitCode = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("python3 %s: %v", name, err)
	}
	r.lastErr = lastLine(errb.String())
	for _, m := range tracebackFrame.FindAllStringSubmatch(errb.String(), -1) {
		r.frames = append(r.frames, filepath.Base(m[1])+":"+m[2]+":"+m[3])
	}
	return r
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// runNL runs src the way `nl exec` does and returns stdout and the uncaught error.
func runNL(name string, src []byte) (string, error) {
	prog, err := compiler.Compile(name, src, compiler.Options{})
	if err != nil {
		return "", err
	}
	img, err := bytecode.Encode(prog)
	if err != nil {
		return "", err
	}
	prog, err = bytecode.Decode(img)
	if err != nil {
		return "", err
	}
	var out bytes.Buffer
	_, err = vm.Load(prog, vm.Options{Stdout: &out, Timeout: 20 * time.Second, MaxDepth: 200})
	return out.String(), err
}

func TestConformance(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Fatal("python3 is required: it is the oracle for Python semantics")
	}
	dir := "testdata"
	files, err := filepath.Glob(filepath.Join(dir, "*.py"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test programs in %s: %v", dir, err)
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".py"), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want := runCPython(t, dir, name)
			got, nlErr := runNL(name, src)
			if got != want.stdout {
				t.Errorf("stdout differs from CPython (-python3 +nl):\n%s", unifiedDiff(want.stdout, got))
			}
			switch {
			case want.exitCode == 0 && nlErr != nil:
				msg := nlErr.Error()
				var ex *vm.Exception
				if errors.As(nlErr, &ex) {
					msg = ex.Traceback()
				}
				t.Errorf("nl failed where CPython succeeded:\n%s", msg)
			case want.exitCode != 0 && nlErr == nil:
				t.Errorf("CPython failed with %q but nl succeeded", want.lastErr)
			case want.exitCode != 0:
				var ex *vm.Exception
				if !errors.As(nlErr, &ex) {
					t.Errorf("CPython raised %q; nl failed differently: %v", want.lastErr, nlErr)
				} else if ex.Error() != want.lastErr {
					t.Errorf("uncaught exception differs:\n  python3: %s\n  nl:      %s", want.lastErr, ex.Error())
				} else if ex.Cause == nil {
					// Same frames, lines and function names as CPython's traceback.
					var got []string
					for _, f := range ex.Frames {
						got = append(got, filepath.Base(f.File)+":"+strconv.Itoa(f.Line)+":"+f.Func)
					}
					if strings.Join(got, " ") != strings.Join(want.frames, " ") {
						t.Errorf("traceback frames differ:\n  python3: %v\n  nl:      %v", want.frames, got)
					}
				}
			}
		})
	}
}

// unifiedDiff returns a line diff of a and b in unified style (without hunk
// headers' context limits: every line is shown, changed ones marked).
func unifiedDiff(a, b string) string {
	x := strings.SplitAfter(a, "\n")
	y := strings.SplitAfter(b, "\n")
	// Longest common subsequence table.
	n, m := len(x), len(y)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var sb strings.Builder
	sb.WriteString("--- python3\n+++ nl\n")
	line := func(prefix, s string) {
		sb.WriteString(prefix)
		sb.WriteString(strings.TrimSuffix(s, "\n"))
		sb.WriteByte('\n')
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && x[i] == y[j]:
			line(" ", x[i])
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			line("+", y[j])
			j++
		default:
			line("-", x[i])
			i++
		}
	}
	return sb.String()
}

func TestUnifiedDiff(t *testing.T) {
	d := unifiedDiff("a\nb\nc\n", "a\nB\nc\n")
	for _, want := range []string{" a\n", "-b\n", "+B\n", " c\n"} {
		if !strings.Contains(d, want) {
			t.Errorf("diff lacks %q:\n%s", want, d)
		}
	}
}
