package compiler

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanolambda/nl/bytecode"
)

// FuzzCompile: no source makes the compiler panic or produce an image that fails
// to encode, decode and verify. Seeds: testdata/fuzz/FuzzCompile plus every
// codegen and conformance program.
func FuzzCompile(f *testing.F) {
	for _, pattern := range []string{"testdata/codegen/*.py", "testdata/handlers/*.py", "../conformance/testdata/lang_*.py"} {
		files, _ := filepath.Glob(pattern)
		for _, path := range files {
			if src, err := os.ReadFile(path); err == nil {
				f.Add(src)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := Compile("f.py", src, Options{})
		if err != nil {
			if strings.Contains(err.Error(), "internal compiler error") {
				t.Fatalf("internal error for %q:\n%v", src, err)
			}
			return
		}
		img, err := bytecode.Encode(p)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		if _, err := bytecode.Decode(img); err != nil {
			t.Fatalf("decode of compiler output: %v", err)
		}
	})
}
