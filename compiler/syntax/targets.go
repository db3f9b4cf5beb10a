package syntax

// exprName names an expression the way CPython's error messages do.
func exprName(x Expr) string {
	switch x := x.(type) {
	case *Ident:
		return "name"
	case *AttrExpr:
		return "attribute"
	case *IndexExpr:
		return "subscript"
	case *StarredExpr:
		return "starred"
	case *ListExpr:
		return "list"
	case *TupleExpr:
		return "tuple"
	case *LambdaExpr:
		return "lambda"
	case *CallExpr:
		return "function call"
	case *BinaryExpr, *UnaryExpr, *BoolExpr:
		return "expression"
	case *GeneratorExp:
		return "generator expression"
	case *YieldExpr, *YieldFromExpr:
		return "yield expression"
	case *AwaitExpr:
		return "await expression"
	case *ListComp:
		return "list comprehension"
	case *SetComp:
		return "set comprehension"
	case *DictComp:
		return "dict comprehension"
	case *DictExpr:
		return "dict literal"
	case *SetExpr:
		return "set display"
	case *FStringExpr, *FormattedValue:
		return "f-string expression"
	case *NoneLit:
		return "None"
	case *BoolLit:
		if x.Value {
			return "True"
		}
		return "False"
	case *EllipsisLit:
		return "ellipsis"
	case *CompareExpr:
		return "comparison"
	case *CondExpr:
		return "conditional expression"
	case *NamedExpr:
		return "named expression"
	}
	return "literal"
}

// checkAssignTarget reports an invalid assignment target. first selects
// CPython's longer message for the first target of a plain "=".
func (p *parser) checkAssignTarget(x Expr, first bool) {
	p.checkTarget(x, first, true)
	p.checkStarred(x)
}

func (p *parser) checkTarget(x Expr, first, top bool) {
	switch x := x.(type) {
	case *Ident, *AttrExpr, *IndexExpr:
		return
	case *StarredExpr:
		if top {
			p.errorAt(x.Star, "starred assignment target must be in a list or tuple")
		}
		p.checkTarget(x.X, false, false)
		return
	case *TupleExpr:
		for _, e := range x.Elts {
			p.checkTarget(e, false, false)
		}
		return
	case *ListExpr:
		for _, e := range x.Elts {
			p.checkTarget(e, false, false)
		}
		return
	case *YieldExpr, *YieldFromExpr:
		p.errorAt(x.Pos(), "assignment to yield expression not possible")
	case *NamedExpr:
		p.errorAt(x.Pos(), "cannot assign to named expression")
	}
	name := exprName(x)
	if first {
		switch x.(type) {
		case *CallExpr, *IntLit, *FloatLit, *ImagLit, *StrLit, *BytesLit, *FStringExpr,
			*BinaryExpr, *UnaryExpr, *BoolExpr, *ListComp, *SetComp, *DictComp,
			*GeneratorExp, *DictExpr, *SetExpr, *AwaitExpr:
			p.errorAt(x.Pos(), "cannot assign to %s here. Maybe you meant '==' instead of '='?", name)
		}
	}
	p.errorAt(x.Pos(), "cannot assign to %s", name)
}

// checkStarred reports more than one starred target in one sequence.
func (p *parser) checkStarred(x Expr) {
	var elts []Expr
	switch x := x.(type) {
	case *TupleExpr:
		elts = x.Elts
	case *ListExpr:
		elts = x.Elts
	case *StarredExpr:
		p.checkStarred(x.X)
		return
	default:
		return
	}
	n := 0
	for _, e := range elts {
		if _, ok := e.(*StarredExpr); ok {
			n++
		}
		p.checkStarred(e)
	}
	if n > 1 {
		p.errorAt(x.Pos(), "multiple starred expressions in assignment")
	}
}

func (p *parser) checkDelTarget(x Expr) {
	switch x := x.(type) {
	case *Ident, *AttrExpr, *IndexExpr:
		return
	case *TupleExpr:
		for _, e := range x.Elts {
			p.checkDelTarget(e)
		}
		return
	case *ListExpr:
		for _, e := range x.Elts {
			p.checkDelTarget(e)
		}
		return
	}
	p.errorAt(x.Pos(), "cannot delete %s", exprName(x))
}
