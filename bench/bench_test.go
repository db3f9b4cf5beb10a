package bench

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.starlark.net/lib/json"
	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/vm"
)

// programs are the benchmark names: testdata/NAME.py and testdata/NAME.star.
var programs = []string{"fib", "loops", "strings", "dicts", "sorting", "jsonrt"}

var report = flag.Bool("report", false, "TestReport: time nl, starlark-go and CPython and print the comparison table")

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// loadNL compiles a program through the image format (encode, decode,
// verify) as a deployed handler would be, and runs its top level.
func loadNL(t testing.TB, name string) *vm.Instance {
	t.Helper()
	file := name + ".py"
	prog, err := compiler.Compile(file, readFile(t, file), compiler.Options{})
	if err != nil {
		t.Fatalf("compile %s: %v", file, err)
	}
	img, err := bytecode.Encode(prog)
	if err != nil {
		t.Fatalf("encode %s: %v", file, err)
	}
	prog, err = bytecode.Decode(img)
	if err != nil {
		t.Fatalf("decode %s: %v", file, err)
	}
	in, err := vm.Load(prog, vm.Options{})
	if err != nil {
		t.Fatalf("load %s: %v", file, err)
	}
	return in
}

// loadStarlark runs a Starlark program's top level and returns its bench
// function and a thread to call it on.
func loadStarlark(t testing.TB, name string) (*starlark.Thread, starlark.Value) {
	t.Helper()
	file := name + ".star"
	thread := &starlark.Thread{
		Name: name,
		Load: func(_ *starlark.Thread, module string) (starlark.StringDict, error) {
			if module == "json.star" {
				return starlark.StringDict{"json": json.Module}, nil
			}
			return nil, fmt.Errorf("no module %q", module)
		},
	}
	opts := &syntax.FileOptions{While: true, Recursion: true, GlobalReassign: true, TopLevelControl: true, Set: true}
	globals, err := starlark.ExecFileOptions(opts, thread, file, readFile(t, file), nil)
	if err != nil {
		t.Fatalf("starlark %s: %v", file, err)
	}
	return thread, globals["bench"]
}

func runNL(t testing.TB, in *vm.Instance) string {
	v, err := in.Call("bench")
	if err != nil {
		t.Fatalf("nl bench(): %v", err)
	}
	s, err := vm.MarshalJSON(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(s)
}

func runStarlark(t testing.TB, thread *starlark.Thread, fn starlark.Value) string {
	v, err := starlark.Call(thread, fn, nil, nil)
	if err != nil {
		t.Fatalf("starlark bench(): %v", err)
	}
	return v.String()
}

// pythonTimer runs bench() n times under CPython after one warm-up call
// and prints the result and the mean seconds per call.
const pythonTimer = `
import sys, time
src = open(sys.argv[1]).read()
g = {"__name__": "bench"}
exec(compile(src, sys.argv[1], "exec"), g)
n = int(sys.argv[2])
r = g["bench"]()
t = time.perf_counter()
for _ in range(n):
    g["bench"]()
dt = time.perf_counter() - t
print(r, dt / n)
`

// timePython returns CPython's result and its time per bench() call.
func timePython(t testing.TB, name string, n int) (string, time.Duration) {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("testdata", name+".py"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("python3", "-c", pythonTimer, path, strconv.Itoa(n))
	cmd.Dir = os.TempDir() // so testdata/jsonrt.py cannot shadow a module
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3 %s: %v\n%s", name, err, stderr.String())
	}
	f := strings.Fields(string(out))
	if len(f) != 2 {
		t.Fatalf("python3 %s: unexpected output %q", name, out)
	}
	sec, err := strconv.ParseFloat(f[1], 64)
	if err != nil {
		t.Fatal(err)
	}
	return f[0], time.Duration(sec * float64(time.Second))
}

// TestProgramsAgree checks that every benchmark computes the same result
// under nl, starlark-go and CPython, so the timings compare equal work.
func TestProgramsAgree(t *testing.T) {
	for _, name := range programs {
		t.Run(name, func(t *testing.T) {
			nl := runNL(t, loadNL(t, name))
			thread, fn := loadStarlark(t, name)
			star := runStarlark(t, thread, fn)
			py, _ := timePython(t, name, 1)
			if nl != py || star != py {
				t.Errorf("results differ: nl %s, starlark %s, CPython %s", nl, star, py)
			}
		})
	}
}

func BenchmarkNL(b *testing.B) {
	for _, name := range programs {
		b.Run(name, func(b *testing.B) {
			in := loadNL(b, name)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := in.Call("bench"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkStarlark(b *testing.B) {
	for _, name := range programs {
		b.Run(name, func(b *testing.B) {
			thread, fn := loadStarlark(b, name)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := starlark.Call(thread, fn, nil, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCPython reports CPython's own per-call time (measured inside
// python3, excluding interpreter start-up) as ns/op.
func BenchmarkCPython(b *testing.B) {
	for _, name := range programs {
		b.Run(name, func(b *testing.B) {
			_, d := timePython(b, name, b.N)
			b.ReportMetric(float64(d.Nanoseconds()), "ns/op")
		})
	}
}

var rounds = flag.Int("rounds", 3, "TestReport: measurement rounds; each figure is the fastest round")

// TestReport times the three implementations and prints the table kept in
// docs/performance/vm.md. It runs only with -report (it takes a while).
// The three are measured in turn, round after round, and each keeps its
// fastest round, so that load from other processes on a shared machine
// penalizes none of them more than the others.
func TestReport(t *testing.T) {
	if !*report {
		t.Skip("timing run; enable with -report")
	}
	var sb strings.Builder
	sb.WriteString("| program | nl | starlark-go | CPython 3.11 | nl speed-up over starlark-go | nl time / CPython time |\n")
	sb.WriteString("|---|---:|---:|---:|---:|---:|\n")
	for _, name := range programs {
		in := loadNL(t, name)
		thread, fn := loadStarlark(t, name)
		_, one := timePython(t, name, 1)
		n := int(time.Second / (one + 1))
		if n < 1 {
			n = 1
		}
		best := [3]float64{math.Inf(1), math.Inf(1), math.Inf(1)}
		for r := 0; r < *rounds; r++ {
			nl := testing.Benchmark(func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, err := in.Call("bench"); err != nil {
						b.Fatal(err)
					}
				}
			})
			star := testing.Benchmark(func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, err := starlark.Call(thread, fn, nil, nil); err != nil {
						b.Fatal(err)
					}
				}
			})
			_, py := timePython(t, name, n)
			best[0] = math.Min(best[0], float64(nl.NsPerOp()))
			best[1] = math.Min(best[1], float64(star.NsPerOp()))
			best[2] = math.Min(best[2], float64(py.Nanoseconds()))
		}
		fmt.Fprintf(&sb, "| %s | %s | %s | %s | %.2f× | %.2f× |\n", name, fmtDur(best[0]), fmtDur(best[1]),
			fmtDur(best[2]), best[1]/best[0], best[0]/best[2])
	}
	fmt.Print(sb.String())
}

func fmtDur(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}
