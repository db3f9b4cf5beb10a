package bench

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/vm"
)

// TestLibConformance runs the VM library's conformance programs
// (conformance/testdata/lib_*.py) under nl and under CPython and requires
// identical stdout. The conformance package runs the whole corpus; this
// keeps the library's part checked next to its benchmarks.
func TestLibConformance(t *testing.T) {
	files, err := filepath.Glob("../conformance/testdata/lib_*.py")
	if err != nil || len(files) == 0 {
		t.Fatalf("no lib_*.py conformance programs found: %v", err)
	}
	for _, path := range files {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".py"), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want := runCPython(t, path)
			got := runNLProgram(t, filepath.Base(path), src)
			if got != want {
				t.Errorf("stdout differs from CPython's:\n%s", lineDiff(want, got))
			}
		})
	}
}

func runCPython(t *testing.T, path string) string {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("python3", abs)
	cmd.Dir = t.TempDir()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3 %s: %v\n%s", path, err, stderr.String())
	}
	return string(out)
}

// runNLProgram compiles src through the image format and runs its top
// level, returning what it printed.
func runNLProgram(t *testing.T, name string, src []byte) string {
	t.Helper()
	prog, err := compiler.Compile(name, src, compiler.Options{})
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	img, err := bytecode.Encode(prog)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	if prog, err = bytecode.Decode(img); err != nil {
		t.Fatalf("decode: %v", err)
	}
	var out bytes.Buffer
	_, err = vm.Load(prog, vm.Options{Stdout: &out})
	if err != nil {
		var e *vm.Exception
		if errors.As(err, &e) {
			t.Fatalf("uncaught exception after output:\n%s\n%s", out.String(), e.Traceback())
		}
		t.Fatalf("load: %v", err)
	}
	return out.String()
}

// lineDiff shows the first differing lines with their numbers.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var sb strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl == gl {
			continue
		}
		sb.WriteString("line " + strconv.Itoa(i+1) + ":\n  CPython: " + wl + "\n  nl:      " + gl + "\n")
		if shown++; shown == 10 {
			sb.WriteString("...\n")
			break
		}
	}
	return sb.String()
}
