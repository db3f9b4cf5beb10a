// Package syntax is nl's Python front end: a scanner, a parser producing a
// syntax tree with positions, and the checks that refuse valid Python
// outside the nl subset.
//
// The entry points are
//
//	f, err := syntax.Parse("h.py", src)   // *File, or an ErrorList of SyntaxErrors
//	err = syntax.CheckSubset(f)           // ErrorList of NotSupportedErrors, or nil
//
// followed by resolve.File(f) in package compiler/resolve, which classifies
// every name.
//
// The grammar is Python 3.11's. Every valid Python 3.11 module parses
// (constructs outside the subset become ordinary nodes such as WithStmt or
// NamedExpr, and CheckSubset reports them); an invalid one yields a SyntaxError,
// IndentationError or TabError whose message follows CPython 3.11's wording
// and whose position is CPython's (1-based line and column, the column
// counting code points). Errors are *Error values gathered in an ErrorList
// sorted by position; FormatError renders them with the source line and a
// caret the way CPython prints a SyntaxError.
//
// Walk visits a tree; Dump renders one compactly for tests and debugging.
// Tests compare the tree of every test program with CPython's ast module,
// node by node and position by position.
//
// The parser panics internally on the first syntax error and recovers at
// the package boundary, so Parse reports the first syntax error only, as
// CPython does. Errors that CPython reports after parsing (a duplicate
// argument name, a repeated keyword argument) do not stop the parser:
// when the file has no syntax error, Parse reports all of them, sorted.
// Brackets deeper than MaxNesting report "too many nested parentheses",
// blocks deeper than MaxIndent "too many levels of indentation", and
// expressions (or elif chains) more than 2,500 levels deep "expression too
// deeply nested", so that neither the parser nor the passes after it can
// exhaust the stack. No input makes Parse panic or loop.
package syntax
