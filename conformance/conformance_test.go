// Package conformance runs the differential tests of nl against CPython:
//
//   - TestConformance: every testdata/*.py program runs under python3 and under nl
//     (compile → encode → decode → vm.Load, the same path as `nl exec`) and their
//     stdout must match exactly (a failure prints a unified diff). A program that
//     dies of an uncaught exception under CPython must die under nl too, with the
//     same last traceback line ("ValueError: msg") and the same frames (file,
//     line, function). Files: lang_*.py (compiler), core_*.py (VM core),
//     lib_*.py (VM library).
//   - TestHandlers: the handler corpus of compiler/testdata/handlers, called with
//     a sample event; the JSON results must match.
//   - TestRandomControlFlow: generated programs mixing loops, break/continue,
//     try/except/else/finally, raise, return and generators.
//
// Run: go test ./conformance (python3 is required).
package conformance

import (
	"bytes"
	"errors"
	"fmt"
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
	chained  bool     // several tracebacks (exception context or cause)
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
	r.chained = strings.Count(errb.String(), "Traceback (most recent call last)") > 1
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
			if msg := compareRun(want, got, nlErr); msg != "" {
				t.Error(msg)
			}
		})
	}
}

// compareRun compares a CPython run with nl's stdout and error, and describes
// every difference ("" when they agree): stdout, success or failure, the
// uncaught exception's last traceback line and, when CPython printed a single
// traceback, its frames (file, line, function).
func compareRun(want cpython, got string, nlErr error) string {
	var msgs []string
	if got != want.stdout {
		msgs = append(msgs, "stdout differs from CPython (-python3 +nl):\n"+unifiedDiff(want.stdout, got))
	}
	var ex *vm.Exception
	switch {
	case want.exitCode == 0 && nlErr != nil:
		msg := nlErr.Error()
		if errors.As(nlErr, &ex) {
			msg = ex.Traceback()
		}
		msgs = append(msgs, "nl failed where CPython succeeded:\n"+msg)
	case want.exitCode != 0 && nlErr == nil:
		msgs = append(msgs, fmt.Sprintf("CPython failed with %q but nl succeeded", want.lastErr))
	case want.exitCode != 0 && !errors.As(nlErr, &ex):
		msgs = append(msgs, fmt.Sprintf("CPython raised %q; nl failed differently: %v", want.lastErr, nlErr))
	case want.exitCode != 0 && ex.Error() != want.lastErr:
		msgs = append(msgs, fmt.Sprintf("uncaught exception differs:\n  python3: %s\n  nl:      %s", want.lastErr, ex.Error()))
	case want.exitCode != 0 && ex.Cause == nil && !want.chained:
		var frames []string
		for _, f := range ex.Frames {
			frames = append(frames, filepath.Base(f.File)+":"+strconv.Itoa(f.Line)+":"+f.Func)
		}
		if strings.Join(frames, " ") != strings.Join(want.frames, " ") {
			msgs = append(msgs, fmt.Sprintf("traceback frames differ:\n  python3: %v\n  nl:      %v", want.frames, frames))
		}
	}
	return strings.Join(msgs, "\n")
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
