package compiler

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nanolambda/nl/bytecode"
)

// pycSize returns the size of the .pyc CPython writes for src: the 16-byte header
// plus the marshalled code object (what py_compile produces).
func pycSize(tb testing.TB, path string) int {
	tb.Helper()
	// Compile by base name, as `python3 -m py_compile handler.py` in its directory.
	script := "import marshal,sys\nf=sys.argv[1]\nprint(16+len(marshal.dumps(compile(open(f).read(), f, 'exec'))))"
	cmd := exec.Command("python3", "-c", script, filepath.Base(path))
	cmd.Dir = filepath.Dir(path)
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("python3 compile %s: %v", path, err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		tb.Fatalf("python3 output %q", out)
	}
	return n
}

// imageSize compiles path stripped and returns the image size.
func imageSize(tb testing.TB, path string) int {
	tb.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := Compile(filepath.Base(path), src, Options{Strip: true})
	if err != nil {
		tb.Fatalf("compile %s: %v", path, err)
	}
	img, err := bytecode.Encode(p)
	if err != nil {
		tb.Fatal(err)
	}
	return len(img)
}

// BenchmarkImageSize reports, for every realistic handler in testdata/handlers,
// the stripped image size as a fraction of CPython's .pyc ("ratio" metrics; target
// ≤ 0.21, MicroPython's .mpy is about 0.25), and the ratio over the whole corpus.
//
//	go test ./compiler -run '^$' -bench ImageSize -benchtime 1x
func BenchmarkImageSize(b *testing.B) {
	files, _ := filepath.Glob("testdata/handlers/*.py")
	if len(files) == 0 {
		b.Fatal("no handlers")
	}
	var totalNL, totalPyc int
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".py")
		pyc := pycSize(b, f)
		var nl int
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				nl = imageSize(b, f)
			}
			b.ReportMetric(float64(nl), "nlb-bytes")
			b.ReportMetric(float64(pyc), "pyc-bytes")
			b.ReportMetric(float64(nl)/float64(pyc), "ratio")
		})
		totalNL += nl
		totalPyc += pyc
	}
	b.Run("total", func(b *testing.B) {
		b.ReportMetric(float64(totalNL), "nlb-bytes")
		b.ReportMetric(float64(totalPyc), "pyc-bytes")
		b.ReportMetric(float64(totalNL)/float64(totalPyc), "ratio")
	})
}

// BenchmarkCompile measures compiling the whole handler corpus (parse, resolve,
// generate, encode).
func BenchmarkCompile(b *testing.B) {
	files, _ := filepath.Glob("testdata/handlers/*.py")
	var srcs [][]byte
	lines := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, src)
		lines += strings.Count(string(src), "\n")
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, src := range srcs {
			p, err := Compile("h.py", src, Options{Strip: true})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := bytecode.Encode(p); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}
