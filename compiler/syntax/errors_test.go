package syntax

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// An error chunk is one erroneous program from a testdata/errors/*.py
// file. Chunks are separated by "---" lines; each starts with a line
//
//	### L:C: Kind: message     nl reports exactly this, and so does CPython
//	### ~L:C: Kind: message    nl reports exactly this; CPython reports a
//	                           SyntaxError (or subclass) on line L
//
// TestErrorGolden checks nl (-update rewrites the expectations with nl's
// answers, keeping "~"); TestErrorsMatchCPython checks CPython.
type errorChunk struct {
	file   string
	index  int
	want   string // expectation without "~"
	loose  bool   // "~": compare only the line with CPython
	src    string
	header string
}

func readErrorChunks(t testing.TB, pattern string) []*errorChunk {
	t.Helper()
	files, _ := filepath.Glob(pattern)
	if len(files) == 0 {
		t.Fatalf("no files match %s", pattern)
	}
	var chunks []*errorChunk
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for i, part := range strings.Split(string(data), "\n---\n") {
			header, src, _ := strings.Cut(part, "\n")
			if !strings.HasPrefix(header, "### ") {
				t.Fatalf("%s chunk %d: first line must start with ###", path, i+1)
			}
			c := &errorChunk{file: path, index: i, src: src, header: header}
			c.want = strings.TrimPrefix(header, "### ")
			if strings.HasPrefix(c.want, "~") {
				c.loose = true
				c.want = c.want[1:]
			}
			chunks = append(chunks, c)
		}
	}
	return chunks
}

// firstError renders the first error Parse reports for src as
// "L:C: Kind: msg", or "no error".
func firstError(src string) string {
	_, err := Parse("h.py", []byte(src))
	if err == nil {
		return "no error"
	}
	e := err.(ErrorList)[0]
	return fmt.Sprintf("%d:%d: %s: %s", e.Pos.Line, e.Pos.Col, e.Kind, e.Msg)
}

func TestErrorGolden(t *testing.T) {
	chunks := readErrorChunks(t, "testdata/errors/*.py")
	if len(chunks) < 40 {
		t.Errorf("only %d error cases; want at least 40", len(chunks))
	}
	byFile := map[string][]*errorChunk{}
	for _, c := range chunks {
		got := firstError(c.src)
		if *update {
			prefix := "### "
			if c.loose {
				prefix += "~"
			}
			c.header = prefix + got
		} else if got != c.want {
			t.Errorf("%s chunk %d:\n%s\ngot  %s\nwant %s", c.file, c.index+1, c.src, got, c.want)
		}
		byFile[c.file] = append(byFile[c.file], c)
	}
	if *update {
		for path, cs := range byFile {
			parts := make([]string, len(cs))
			for i, c := range cs {
				parts[i] = c.header + "\n" + c.src
			}
			if err := os.WriteFile(path, []byte(strings.Join(parts, "\n---\n")), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// cpythonErrors compiles each source with python3 and returns, for each,
// "L:C: Kind: msg" of the SyntaxError, or "no error".
func cpythonErrors(t testing.TB, srcs []string) []string {
	t.Helper()
	script := `
import json, sys, warnings
warnings.simplefilter("ignore")
out = []
for src in json.load(sys.stdin):
    try:
        compile(src, "h.py", "exec")
        out.append("no error")
    except SyntaxError as e:
        out.append("%s:%s: %s: %s" % (e.lineno, e.offset, type(e).__name__, e.msg))
json.dump(out, sys.stdout)
`
	in, _ := json.Marshal(srcs)
	cmd := exec.Command("python3", "-c", script)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var res []string
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatal(err)
	}
	return res
}

func TestErrorsMatchCPython(t *testing.T) {
	chunks := readErrorChunks(t, "testdata/errors/*.py")
	srcs := make([]string, len(chunks))
	for i, c := range chunks {
		srcs[i] = c.src
	}
	for i, py := range cpythonErrors(t, srcs) {
		c := chunks[i]
		if c.loose {
			line, _, _ := strings.Cut(c.want, ":")
			pyLine, _, _ := strings.Cut(py, ":")
			if py == "no error" || line != pyLine {
				t.Errorf("%s chunk %d: CPython says %q, want an error on line %s", c.file, c.index+1, py, line)
			}
			continue
		}
		if py != c.want {
			t.Errorf("%s chunk %d:\n%s\nCPython %s\nwant    %s", c.file, c.index+1, c.src, py, c.want)
		}
	}
}
