package syntax

import "fmt"

// CheckSubset reports every construct of f that is valid Python but
// outside the subset nl compiles, as NotSupportedError errors reading
// "<construct> is not supported by nl", sorted by position. It returns nil
// when f is inside the subset. docs/python-subset-syntax.md lists the
// constructs.
func CheckSubset(f *File) error {
	var errs ErrorList
	refuse := func(pos Position, construct string, args ...any) {
		errs = append(errs, f.NewError(pos, KindNotSupported, "%s is not supported by nl", fmt.Sprintf(construct, args...)))
	}
	Walk(f, func(n Node) bool {
		switch n := n.(type) {
		case *WithStmt:
			if n.Async {
				refuse(n.With, "'async with' statement")
			} else {
				refuse(n.With, "'with' statement")
			}
		case *ForStmt:
			if n.Async {
				refuse(n.For, "'async for' statement")
			}
		case *DefStmt:
			if n.Async {
				refuse(n.Def, "'async def' function")
			}
		case *AwaitExpr:
			refuse(n.Await, "'await' expression")
		case *MatchStmt:
			refuse(n.Match, "'match' statement")
			// Patterns are not real expressions: report nothing inside.
			return false
		case *NamedExpr:
			refuse(n.Walrus, "assignment expression ':='")
		case *ImagLit:
			refuse(n.ValuePos, "complex number literal")
		case *BinaryExpr:
			if n.Op == AT {
				refuse(n.OpPos, "matrix multiplication operator '@'")
			}
		case *AugAssignStmt:
			if n.Op == AT_EQ {
				refuse(n.OpPos, "matrix multiplication operator '@='")
			}
		case *ImportStmt:
			for _, a := range n.Names {
				// `import a.b` binds a, which would need package objects; with
				// `as` it binds the named module itself, which the VM can look up.
				if containsDot(a.Name) && a.AsName == nil {
					refuse(a.NamePos, "'import %s' without 'as'", a.Name)
				}
			}
		case *ImportFromStmt:
			switch {
			case n.Level > 0:
				refuse(n.From, "relative import")
			case n.Star:
				refuse(n.From, "'from %s import *'", n.Module)
			}
		case *ClassDef:
			for _, d := range n.Decorators {
				refuse(d.At, "class decorator")
			}
			for _, k := range n.Keywords {
				if k.Name != nil {
					refuse(k.Start, "class keyword argument '%s='", k.Name.Name)
				} else {
					refuse(k.Start, "'**' in a class header")
				}
			}
			for i, b := range n.Bases {
				if st, ok := b.(*StarredExpr); ok {
					refuse(st.Star, "starred base class")
				} else if i == 1 {
					refuse(b.Pos(), "multiple inheritance")
				}
			}
		case *TryStmt:
			if n.Star {
				refuse(n.Try, "'except*'")
			}
		case *IndexExpr:
			if st, ok := n.Index.(*StarredExpr); ok {
				refuse(st.Star, "starred expression in a subscript")
			}
			if t, ok := n.Index.(*TupleExpr); ok && !t.Parens {
				for _, e := range t.Elts {
					if st, ok := e.(*StarredExpr); ok {
						refuse(st.Star, "starred expression in a subscript")
					}
				}
			}
		case *Comprehension:
			if n.Async {
				refuse(n.For, "'async for' comprehension")
			}
		}
		return true
	})
	errs.Sort()
	return errs.Err()
}

func containsDot(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			return true
		}
	}
	return false
}
