package syntax

import "fmt"

// Position is a location in a source file. Line and Col are 1-based; Col
// counts Unicode code points (not bytes) from the start of the line, the way
// CPython's SyntaxError.offset does, so a caret printed under Col lines up
// with the character in a terminal. The zero Position means "unknown".
type Position struct {
	File string
	Line int
	Col  int
}

// MakePosition returns the position file:line:col.
func MakePosition(file string, line, col int) Position {
	return Position{File: file, Line: line, Col: col}
}

// IsValid reports whether the position has a line number.
func (p Position) IsValid() bool { return p.Line > 0 }

// String returns "file:line:col", omitting the parts that are unknown.
func (p Position) String() string {
	file := p.File
	if file == "" {
		file = "<unknown>"
	}
	switch {
	case p.Line <= 0:
		return file
	case p.Col <= 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// Before reports whether p comes strictly before q in the same file
// (ordering by line, then column). Positions in different files are ordered
// by file name so that sorting is total.
func (p Position) Before(q Position) bool {
	if p.File != q.File {
		return p.File < q.File
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}
