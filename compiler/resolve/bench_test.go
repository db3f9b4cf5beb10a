package resolve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanolambda/nl/compiler/syntax"
)

// BenchmarkResolve10k resolves the 10,000-line benchmark text of the
// syntax package (its valid test programs, repeated).
func BenchmarkResolve10k(b *testing.B) {
	files, _ := filepath.Glob("../syntax/testdata/parse/*.py")
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
	for strings.Count(all.String(), "\n") < 10000 {
		all.WriteString(one.String())
	}
	f, err := syntax.Parse("bench.py", []byte(all.String()))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// Resolving the same tree again overwrites every annotation.
		if _, err := File(f); err != nil {
			b.Fatal(err)
		}
	}
}
