// Package compiler turns Python source into an nl bytecode Program.
//
// Compile runs the whole pipeline: syntax.Parse (scanner and parser),
// syntax.CheckSubset (constructs outside nl's Python subset), resolve.File
// (scopes) and the code generator of this package, which walks the resolved
// syntax tree and emits the instructions described in docs/bytecode.md.
//
// The output is deterministic: the same source and options always give the same
// Program, and so (through bytecode.Encode) a byte-identical image.
package compiler

import (
	"fmt"
	"sort"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler/resolve"
	"github.com/nanolambda/nl/compiler/syntax"
)

// Options control compilation.
type Options struct {
	// Strip drops the filename, the line tables and the names of local variables
	// other than parameters: a smaller image whose tracebacks say "line ?".
	Strip bool
}

// Error is one compile-time error: a SyntaxError, or a NotSupportedError for valid
// Python outside nl's subset ("NotSupportedError: <construct> is not supported by nl").
type Error = syntax.Error

// ErrorList is the error type Compile returns: every error found, sorted by
// position. Its Error method renders each error with the source line and a caret.
type ErrorList = syntax.ErrorList

// Error kinds (Error.Kind).
const (
	KindSyntax       = syntax.KindSyntax
	KindNotSupported = syntax.KindNotSupported
)

// Compile compiles a module. On failure the error is an ErrorList.
func Compile(filename string, src []byte, opts Options) (prog *bytecode.Program, err error) {
	f, err := syntax.Parse(filename, src)
	if err != nil {
		return nil, withLines(err, src)
	}
	if err := checkSubset(f); err != nil {
		return nil, withLines(err, src)
	}
	written := mangle(f)
	mod, err := resolve.File(f)
	if err != nil {
		return nil, withLines(err, src)
	}
	pc := newProgComp(filename, opts, src)
	pc.written = written
	defer func() {
		if r := recover(); r != nil {
			prog = nil
			err = ErrorList{{Pos: syntax.MakePosition(filename, pc.lastPos.Line, pc.lastPos.Col), Kind: KindSyntax,
				Msg: fmt.Sprintf("internal compiler error: %v", r)}}
		}
	}()
	prog = pc.compileModule(f, mod)
	if len(pc.errs) > 0 {
		pc.errs.Sort()
		return nil, withLines(pc.errs, src)
	}
	if verr := prog.Verify(); verr != nil {
		return nil, ErrorList{{Pos: syntax.MakePosition(filename, 1, 1), Kind: KindSyntax,
			Msg: fmt.Sprintf("internal compiler error: %v", verr)}}
	}
	return prog, nil
}

// withLines fills in the source line of every error that lacks one, so that
// Error() can show it with a caret.
func withLines(err error, src []byte) error {
	list, ok := err.(syntax.ErrorList)
	if !ok {
		if e, ok := err.(*syntax.Error); ok {
			list = syntax.ErrorList{e}
		} else {
			return err
		}
	}
	lines := splitLines(src)
	out := make(syntax.ErrorList, len(list))
	for i, e := range list {
		c := *e
		if c.Line == "" && c.Pos.Line >= 1 && c.Pos.Line <= len(lines) {
			c.Line = lines[c.Pos.Line-1]
		}
		out[i] = &c
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pos.Before(out[j].Pos) })
	return out
}

func splitLines(src []byte) []string {
	var lines []string
	start := 0
	for i, c := range src {
		if c == '\n' {
			lines = append(lines, string(src[start:i]))
			start = i + 1
		}
	}
	if start < len(src) {
		lines = append(lines, string(src[start:]))
	}
	return lines
}
