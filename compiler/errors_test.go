package compiler

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompileErrors checks the compile errors of testdata/errors/*.py. Each file
// holds chunks separated by "---" lines; a chunk starts with "### line:col: Kind:
// msg", the first error compiling the chunk must give. -update rewrites the
// expectations from the compiler's output (review the diff before committing).
func TestCompileErrors(t *testing.T) {
	files, _ := filepath.Glob("testdata/errors/*.py")
	if len(files) == 0 {
		t.Fatal("no error test files")
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		chunks := strings.Split(string(data), "\n---\n")
		changed := false
		for i, chunk := range chunks {
			header, src, _ := strings.Cut(chunk, "\n")
			if !strings.HasPrefix(header, "###") {
				t.Fatalf("%s chunk %d: first line must be ### expectation", path, i+1)
			}
			want := strings.TrimSpace(strings.TrimPrefix(header, "###"))
			// Line numbers count from the chunk's first source line.
			_, err := Compile("e.py", []byte(src+"\n"), Options{})
			got := "no error"
			var list ErrorList
			if errors.As(err, &list) && len(list) > 0 {
				e := list[0]
				got = strings.TrimPrefix(e.Error(), "e.py:")
				if !strings.Contains(err.Error(), "^") {
					t.Errorf("%s chunk %d: error has no caret line:\n%s", path, i+1, err)
				}
			} else if err != nil {
				got = "non-list error: " + err.Error()
			}
			if *update {
				if got != want {
					chunks[i] = "### " + got + "\n" + src
					changed = true
				}
				continue
			}
			if got != want {
				t.Errorf("%s chunk %d:\n%s\n got: %s\nwant: %s", path, i+1, src, got, want)
			}
			if got == "no error" {
				t.Errorf("%s chunk %d compiled without error", path, i+1)
			}
		}
		if changed {
			if err := os.WriteFile(path, []byte(strings.Join(chunks, "\n---\n")), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
