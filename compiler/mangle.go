package compiler

import (
	"strings"

	"github.com/nanolambda/nl/compiler/syntax"
)

// mangle applies CPython's private name mangling to f in place, before scope
// resolution: inside a class body, and in every function, lambda and
// comprehension nested in it (up to the next class), an identifier spelt
// __name (not ending in __) becomes _Class__name, where Class is the class
// name without its leading underscores. It covers variables, parameters, def
// and class names, attribute names (self.__x), global/nonlocal names,
// except-as names and the variables imports bind, as CPython does; keyword
// argument names in calls and imported module and member names are kept, as
// CPython keeps them. Because the tree then holds the mangled names, the
// resolver, the code generator, tracebacks and error messages all agree with
// CPython ("'Sub' object has no attribute '_Sub__owner'").
//
// A def or class keeps its written name as its __name__ and __qualname__
// (C.__helper is stored as _C__helper): mangle returns those written names,
// keyed by the name's Ident, for the code generator.
func mangle(f *syntax.File) map[*syntax.Ident]string {
	m := &mangler{written: map[*syntax.Ident]string{}}
	for _, s := range f.Body {
		m.in(s, "")
	}
	return m.written
}

type mangler struct {
	written map[*syntax.Ident]string // def/class name Ident → name as written, when mangled
}

// rename mangles a def or class name, remembering how it was written.
func (m *mangler) rename(id *syntax.Ident, private string) {
	if n := mangledName(private, id.Name); n != id.Name {
		m.written[id] = id.Name
		id.Name = n
	}
}

// in mangles the names under n, with private the name of the innermost
// enclosing class ("" outside any class).
func (m *mangler) in(n syntax.Node, private string) {
	syntax.Walk(n, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Ident:
			n.Name = mangledName(private, n.Name)
		case *syntax.DefStmt:
			// Decorators are visited by Walk; the name is renamed here so
			// that its written spelling is kept.
			m.rename(n.Name, private)
		case *syntax.Keyword:
			// The argument name is passed as written; only the value is code.
			if n.Value != nil {
				m.in(n.Value, private)
			}
			return false
		case *syntax.ClassDef:
			// Decorators, the name and the bases belong to the enclosing
			// scope; the body is private to this class.
			for _, d := range n.Decorators {
				m.in(d, private)
			}
			own := n.Name.Name // the body's private name is the unmangled one
			m.rename(n.Name, private)
			for _, b := range n.Bases {
				m.in(b, private)
			}
			for _, k := range n.Keywords {
				m.in(k, private)
			}
			for _, s := range n.Body {
				m.in(s, own)
			}
			return false
		}
		return true
	})
}

// mangledName is CPython's _Py_Mangle: name as seen inside class private.
func mangledName(private, name string) string {
	if private == "" || !strings.HasPrefix(name, "__") || strings.HasSuffix(name, "__") || strings.Contains(name, ".") {
		return name
	}
	stripped := strings.TrimLeft(private, "_")
	if stripped == "" {
		return name
	}
	return "_" + stripped + name
}
