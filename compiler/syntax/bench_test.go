package syntax

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// benchSource returns the valid test programs concatenated, repeated until
// the text has at least minLines lines.
func benchSource(b *testing.B, minLines int) []byte {
	b.Helper()
	files, _ := filepath.Glob("testdata/parse/*.py")
	var one strings.Builder
	for _, path := range files {
		if strings.HasSuffix(path, "unsupported.py") {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		one.Write(data)
		one.WriteByte('\n')
	}
	var all strings.Builder
	for strings.Count(all.String(), "\n") < minLines {
		all.WriteString(one.String())
	}
	return []byte(all.String())
}

func benchmarkParse(b *testing.B, minLines int) {
	src := benchSource(b, minLines)
	if _, err := Parse("bench.py", src); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := Parse("bench.py", src); err != nil {
			b.Fatal(err)
		}
	}
	// On a shared machine wall time includes waiting for a core; the
	// process CPU time (all threads, GC included) is the steadier figure.
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(strings.Count(string(src), "\n")), "lines")
}

// BenchmarkParse parses a few hundred lines covering every construct.
func BenchmarkParse(b *testing.B) { benchmarkParse(b, 300) }

// BenchmarkParse10k parses 10,000 lines (target: well under 100 ms).
func BenchmarkParse10k(b *testing.B) { benchmarkParse(b, 10000) }

// cpuTime returns the user+system CPU time of the process in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
