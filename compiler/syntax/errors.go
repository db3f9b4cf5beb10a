package syntax

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Error kinds, printed after the position the way CPython names the
// exception class.
const (
	KindSyntax       = "SyntaxError"
	KindIndentation  = "IndentationError"
	KindTab          = "TabError"
	KindNotSupported = "NotSupportedError" // valid Python outside the nl subset
)

// Error is one compile-time error at a source position. Kind is one of the
// Kind constants; Msg follows CPython 3.11's wording where CPython has the
// same error. Line is the text of the offending source line (without its
// newline), kept so that the error can be shown with a caret without the
// source at hand; it may be empty.
type Error struct {
	Pos  Position
	Kind string
	Msg  string
	Line string
}

// Error returns "file:line:col: Kind: msg".
func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s: %s", e.Pos, e.Kind, e.Msg)
}

// Detail returns Error() followed by the source line and a caret line under
// Pos.Col, like CPython's traceback of a SyntaxError. Leading whitespace of
// the source line is dropped and the caret is shifted to match.
func (e *Error) Detail() string {
	var b strings.Builder
	b.WriteString(e.Error())
	if e.Line == "" || e.Pos.Col <= 0 {
		return b.String()
	}
	line := strings.TrimRight(e.Line, "\r\n")
	trimmed := strings.TrimLeft(line, " \t\f")
	cut := len([]rune(line)) - len([]rune(trimmed))
	b.WriteString("\n    ")
	b.WriteString(trimmed)
	b.WriteString("\n    ")
	rs := []rune(trimmed)
	col := e.Pos.Col - 1 - cut
	if col < 0 {
		col = 0
	}
	for i := 0; i < col; i++ {
		// Keep tabs as tabs so the caret lines up whatever the tab width.
		if i < len(rs) && rs[i] == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteByte('^')
	return b.String()
}

// ErrorList is a list of errors sorted by position. A non-empty ErrorList
// is what Parse, CheckSubset and resolve.File return as their error.
type ErrorList []*Error

// Error renders every error with its source line and caret (see
// Error.Detail), one after another.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Detail()
	}
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = e.Detail()
	}
	return strings.Join(parts, "\n")
}

// Sort orders the list by position; errors at the same position keep their
// order.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool { return l[i].Pos.Before(l[j].Pos) })
}

// Err returns nil for an empty list and the list itself otherwise, so that
// a function can end with "return errs.Err()".
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Unwrap lets errors.As find an individual *Error.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// FormatError renders err for a user: every *Error (alone or in an
// ErrorList) as "file:line:col: Kind: msg" followed by its source line and a
// caret. When an error has no saved line, it is taken from src. Other errors
// are returned as err.Error().
func FormatError(err error, src []byte) string {
	if err == nil {
		return ""
	}
	var list ErrorList
	var one *Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = ErrorList{one}
	default:
		return err.Error()
	}
	parts := make([]string, len(list))
	for i, e := range list {
		if e.Line == "" && src != nil {
			c := *e
			c.Line = sourceLine(src, e.Pos.Line)
			e = &c
		}
		parts[i] = e.Detail()
	}
	return strings.Join(parts, "\n")
}

// sourceLine returns line n (1-based) of src without its newline, or "".
func sourceLine(src []byte, n int) string {
	if n <= 0 {
		return ""
	}
	for line := 1; len(src) > 0; line++ {
		i := bytes.IndexByte(src, '\n')
		var text []byte
		if i < 0 {
			text, src = src, nil
		} else {
			text, src = src[:i], src[i+1:]
		}
		if line == n {
			return strings.TrimRight(string(text), "\r")
		}
	}
	return ""
}
