package compiler

import (
	"bytes"
	"errors"
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
			checkErrorPositions(t, src, err)
			return
		}
		img, err := bytecode.Encode(p)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		// Deterministic: compiling the same source again gives the same bytes.
		if p2, err := Compile("f.py", src, Options{}); err != nil {
			t.Fatalf("second compile failed: %v", err)
		} else if img2, err := bytecode.Encode(p2); err != nil || !bytes.Equal(img, img2) {
			t.Fatalf("compiling %q twice gave different images (%v)", src, err)
		}
		if _, err := bytecode.Decode(img); err != nil {
			t.Fatalf("decode of compiler output: %v", err)
		}
	})
}

// checkErrorPositions fails unless err is a non-empty ErrorList whose every
// error names the file and a line and column inside src (a column may sit one
// past the end of its line, and the line one past the last, as CPython's do for
// errors at end of input).
func checkErrorPositions(t *testing.T, src []byte, err error) {
	t.Helper()
	var list ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("compile error is %T, not a non-empty ErrorList: %v", err, err)
	}
	// \r\n, \r and \n all end a line, as in CPython.
	text := strings.ReplaceAll(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(text, "\n")
	for _, e := range list {
		if e.Pos.File != "f.py" || e.Pos.Line < 1 || e.Pos.Line > len(lines)+1 || e.Pos.Col < 1 {
			t.Fatalf("error with an invalid position %s (source has %d lines): %v", e.Pos, len(lines), e)
		}
	}
}
