package resolve

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanolambda/nl/compiler/syntax"
)

// Error chunks (testdata/errors/*.py) are programs that parse but that
// CPython's symbol table or compiler rejects. Chunks are separated by
// "---" lines and start with "### L:C: Kind: message", the first error
// nl reports; CPython must report the same (a "~" prefix compares only
// the line). -update rewrites the expectations with nl's answers.

type errorChunk struct {
	file, header, want, src string
	index                   int
	loose                   bool
}

func readErrorChunks(t *testing.T) []*errorChunk {
	t.Helper()
	files, _ := filepath.Glob("testdata/errors/*.py")
	if len(files) == 0 {
		t.Fatal("no error files")
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
			c := &errorChunk{file: path, index: i, header: header, src: src, want: strings.TrimPrefix(header, "### ")}
			if strings.HasPrefix(c.want, "~") {
				c.loose, c.want = true, c.want[1:]
			}
			chunks = append(chunks, c)
		}
	}
	return chunks
}

// frontEndError runs the parser and the resolver and renders the first
// error as "L:C: Kind: msg".
func frontEndError(src string) string {
	f, err := syntax.Parse("h.py", []byte(src))
	if err == nil {
		_, err = File(f)
	}
	if err == nil {
		return "no error"
	}
	e := err.(syntax.ErrorList)[0]
	return fmt.Sprintf("%d:%d: %s: %s", e.Pos.Line, e.Pos.Col, e.Kind, e.Msg)
}

func TestResolveErrors(t *testing.T) {
	chunks := readErrorChunks(t)
	byFile := map[string][]*errorChunk{}
	for _, c := range chunks {
		got := frontEndError(c.src)
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

func TestResolveErrorsMatchCPython(t *testing.T) {
	chunks := readErrorChunks(t)
	srcs := make([]string, len(chunks))
	for i, c := range chunks {
		srcs[i] = c.src
	}
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
	for i, py := range res {
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
