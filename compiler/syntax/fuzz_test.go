package syntax_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nanolambda/nl/compiler/resolve"
	"github.com/nanolambda/nl/compiler/syntax"
)

// FuzzParse runs the whole front end (Parse, CheckSubset, resolve.File)
// on arbitrary input. It must not panic or hang, must not hit an internal
// parser error, and every error it reports must have a position inside the
// source (line 1..lines+1, column 1..line length+2).
//
// Seeds: testdata/fuzz/FuzzParse (Go corpus files) plus every test
// program and error chunk in testdata.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"testdata/parse/*.py", "testdata/errors/*.py"} {
		files, _ := filepath.Glob(pattern)
		for _, path := range files {
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			for _, chunk := range strings.Split(string(data), "\n---\n") {
				f.Add([]byte(chunk))
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkFrontEnd(t, src)
	})
}

func checkFrontEnd(t *testing.T, src []byte) {
	file, err := syntax.Parse("f.py", src)
	if err == nil {
		err = syntax.CheckSubset(file)
		if _, rerr := resolve.File(file); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}
	if err == nil {
		return
	}
	var list syntax.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %v (%T) is not an ErrorList", err, err)
	}
	// Positions are in the normalised source.
	norm := strings.ReplaceAll(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(norm, "\n")
	for _, e := range list {
		if strings.Contains(e.Msg, "internal parser error") {
			t.Fatalf("%v", e)
		}
		if e.Pos.Line < 1 || e.Pos.Line > len(lines)+1 {
			t.Fatalf("error %v: line out of range (%d lines)", e, len(lines))
		}
		width := 0
		if e.Pos.Line <= len(lines) {
			width = utf8.RuneCountInString(lines[e.Pos.Line-1])
		}
		if e.Pos.Col < 1 || e.Pos.Col > width+2 {
			t.Fatalf("error %v: column out of range (line has %d characters)", e, width)
		}
		_ = e.Detail()
	}
	_ = syntax.FormatError(err, src)
}

// TestFrontEndNoPanic runs checkFrontEnd on hostile inputs that the fuzzer
// may take long to find: deep nesting, long operator chains, odd bytes.
func TestFrontEndNoPanic(t *testing.T) {
	inputs := map[string]string{
		"deep parens":      strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000),
		"deep brackets":    "x = " + strings.Repeat("[", 199) + strings.Repeat("]", 199),
		"deep unary":       "x = " + strings.Repeat("-", 100000) + "1",
		"deep not":         "x = " + strings.Repeat("not ", 50000) + "x",
		"deep lambda":      "f = " + strings.Repeat("lambda: ", 20000) + "0",
		"deep ternary":     "x = " + strings.Repeat("a if b else ", 20000) + "c",
		"deep power":       "x = 2" + strings.Repeat("**2", 20000),
		"long chain":       "x = 1" + strings.Repeat(" + 1", 100000),
		"long attr chain":  "x = a" + strings.Repeat(".b", 100000),
		"long call chain":  "x = f" + strings.Repeat("()", 100000),
		"long and chain":   "x = a" + strings.Repeat(" and a", 100000),
		"deep indent":      nestedIfs(150),
		"deep fstring":     "x = f'{" + strings.Repeat("(", 300) + "1" + strings.Repeat(")", 300) + "}'",
		"deep defs":        nestedDefs(90),
		"nulls":            "x\x00\x00",
		"bad utf8":         "x = '\xff\xfe'",
		"lone bracket":     "]",
		"only backslash":   "\\",
		"only indent":      "   ",
		"tabs":             "if x:\n\t\ty\n  \tz",
		"unclosed fstring": "f'{",
		"match noise":      "match x:\n    case",
		"with noise":       "with (a as b, c:\n",
	}
	for name, src := range inputs {
		t.Run(name, func(t *testing.T) { checkFrontEnd(t, []byte(src)) })
	}
}

func nestedIfs(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i) + "if x:\n")
	}
	b.WriteString(strings.Repeat(" ", n) + "pass\n")
	return b.String()
}

func nestedDefs(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i) + "def f(a):\n")
	}
	b.WriteString(strings.Repeat(" ", n) + "return a\n")
	return b.String()
}
