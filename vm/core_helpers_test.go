package vm_test

import (
	"bytes"
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/vm"
)

// runPy compiles src and runs its top level, returning what it printed.
func runPy(t testing.TB, src string, opts vm.Options) (string, *vm.Instance, error) {
	t.Helper()
	p, err := compiler.Compile("t.py", []byte(src), compiler.Options{})
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	var out strings.Builder
	opts.Stdout = &out
	in, err := vm.Load(p, opts)
	return out.String(), in, err
}

// cpython runs src under python3 and returns stdout and the last line of
// stderr (the exception line of an uncaught exception, or "").
func cpython(t testing.TB, src string) (string, string) {
	t.Helper()
	cmd := exec.Command("python3", "-c", src)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if err == nil {
		return out.String(), ""
	}
	if !errors.As(err, &ee) {
		t.Fatalf("python3: %v", err)
	}
	lines := strings.Split(strings.TrimRight(errb.String(), "\n"), "\n")
	last := lines[len(lines)-1]
	// CPython-only decorations nl does not reproduce: name suggestions and
	// the file a C extension module was loaded from.
	if i := strings.Index(last, ". Did you mean: "); i >= 0 {
		last = last[:i]
	}
	if i := strings.Index(last, " (/"); i >= 0 && strings.HasSuffix(last, ")") {
		last = last[:i] + " (unknown location)"
	}
	return out.String(), last
}
