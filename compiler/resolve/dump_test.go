package resolve

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nanolambda/nl/compiler/syntax"
)

// dumpModule renders the resolver's output compactly: the module's
// globals and builtins, then every scope (pre-order) with its locals
// (cells marked *), free variables and flags, then every annotated
// identifier as name@line:col=scope:index.
func dumpModule(f *syntax.File, m *Module) string {
	var b strings.Builder
	names := func(list []*Binding) string {
		var s []string
		for _, x := range list {
			n := x.Name
			if x.Scope == Cell {
				n += "*"
			}
			s = append(s, n)
		}
		return strings.Join(s, " ")
	}
	fmt.Fprintf(&b, "globals=[%s] builtins=[%s]\n", names(m.Globals), names(m.Builtins))
	var walk func(fn *Function, depth int)
	walk = func(fn *Function, depth int) {
		fmt.Fprintf(&b, "%s%s %s", strings.Repeat("  ", depth), fn.Kind, fn.Name)
		if fn.Kind != ModuleScope {
			fmt.Fprintf(&b, " locals=[%s]", names(fn.Locals))
		}
		if len(fn.FreeVars) > 0 {
			var s []string
			for _, fv := range fn.FreeVars {
				s = append(s, fmt.Sprintf("%s<-%s:%d", fv.Name, fv.Scope, fv.Index))
			}
			fmt.Fprintf(&b, " free=[%s]", strings.Join(s, " "))
		}
		if fn.Generator {
			b.WriteString(" generator")
		}
		if fn.ClassCell >= 0 {
			fmt.Fprintf(&b, " classcell=%d", fn.ClassCell)
		}
		if fn.Kind == DefScope || fn.Kind == LambdaScope {
			fmt.Fprintf(&b, " params=%d/%d", fn.NumPosOnly, fn.NumParams)
			if fn.HasVarargs {
				b.WriteString(" *args")
			}
			if fn.NumKwonly > 0 {
				fmt.Fprintf(&b, " kwonly=%d", fn.NumKwonly)
			}
			if fn.HasKwargs {
				b.WriteString(" **kwargs")
			}
		}
		b.WriteByte('\n')
		for _, c := range fn.Children {
			walk(c, depth+1)
		}
	}
	walk(m.Function, 0)
	var ids []string
	syntax.Walk(f, func(n syntax.Node) bool {
		if id, ok := n.(*syntax.Ident); ok && id.Binding != nil {
			bd := id.Binding.(*Binding)
			ids = append(ids, fmt.Sprintf("%s@%d:%d=%s:%d", id.Name, id.NamePos.Line, id.NamePos.Col, bd.Scope, bd.Index))
		}
		return true
	})
	sort.SliceStable(ids, func(i, j int) bool { return false })
	b.WriteString(strings.Join(ids, " "))
	b.WriteByte('\n')
	return b.String()
}
