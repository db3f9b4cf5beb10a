package syntax

// Walk calls f for n and, when f returns true, for each node inside n,
// depth first in source order. It visits the nodes that hold code or
// names: statements, expressions, parameters, decorators, handlers,
// aliases, keywords, dict items and comprehension clauses. Annotations are
// visited too (they are ordinary expressions).
func Walk(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	walkStmts := func(list []Stmt) {
		for _, s := range list {
			Walk(s, f)
		}
	}
	walkExprs := func(list []Expr) {
		for _, x := range list {
			Walk(x, f)
		}
	}
	opt := func(x Expr) {
		if x != nil {
			Walk(x, f)
		}
	}
	params := func(ps *Params) {
		for _, p := range ps.All() {
			Walk(p, f)
		}
	}
	switch n := n.(type) {
	case *File:
		walkStmts(n.Body)
	case *ExprStmt:
		Walk(n.X, f)
	case *AssignStmt:
		walkExprs(n.Targets)
		Walk(n.Value, f)
	case *AugAssignStmt:
		Walk(n.Target, f)
		Walk(n.Value, f)
	case *AnnAssignStmt:
		Walk(n.Target, f)
		Walk(n.Annotation, f)
		opt(n.Value)
	case *DelStmt:
		walkExprs(n.Targets)
	case *ReturnStmt:
		opt(n.Value)
	case *RaiseStmt:
		opt(n.Exc)
		opt(n.Cause)
	case *AssertStmt:
		Walk(n.Test, f)
		opt(n.Msg)
	case *GlobalStmt:
		for _, id := range n.Names {
			Walk(id, f)
		}
	case *NonlocalStmt:
		for _, id := range n.Names {
			Walk(id, f)
		}
	case *ImportStmt:
		for _, a := range n.Names {
			Walk(a, f)
		}
	case *ImportFromStmt:
		for _, a := range n.Names {
			Walk(a, f)
		}
	case *IfStmt:
		Walk(n.Test, f)
		walkStmts(n.Body)
		walkStmts(n.Else)
	case *WhileStmt:
		Walk(n.Test, f)
		walkStmts(n.Body)
		walkStmts(n.Else)
	case *ForStmt:
		Walk(n.Target, f)
		Walk(n.Iter, f)
		walkStmts(n.Body)
		walkStmts(n.Else)
	case *TryStmt:
		walkStmts(n.Body)
		for _, h := range n.Handlers {
			Walk(h, f)
		}
		walkStmts(n.Else)
		walkStmts(n.Finally)
	case *ExceptHandler:
		opt(n.Type)
		if n.Name != nil {
			Walk(n.Name, f)
		}
		walkStmts(n.Body)
	case *WithStmt:
		for _, it := range n.Items {
			Walk(it, f)
		}
		walkStmts(n.Body)
	case *WithItem:
		Walk(n.Context, f)
		opt(n.Target)
	case *MatchStmt:
		Walk(n.Subject, f)
		for _, c := range n.Cases {
			Walk(c, f)
		}
	case *MatchCase:
		Walk(n.Pattern, f)
		opt(n.Guard)
		walkStmts(n.Body)
	case *DefStmt:
		for _, d := range n.Decorators {
			Walk(d, f)
		}
		Walk(n.Name, f)
		params(n.Params)
		opt(n.Returns)
		walkStmts(n.Body)
	case *Decorator:
		Walk(n.X, f)
	case *Param:
		Walk(n.Name, f)
		opt(n.Annotation)
		opt(n.Default)
	case *ClassDef:
		for _, d := range n.Decorators {
			Walk(d, f)
		}
		Walk(n.Name, f)
		walkExprs(n.Bases)
		for _, k := range n.Keywords {
			Walk(k, f)
		}
		walkStmts(n.Body)
	case *Alias:
		// Bound is the variable the import stores (AsName when present).
		if n.Bound != nil {
			Walk(n.Bound, f)
		}
	case *FStringExpr:
		walkExprs(n.Parts)
	case *FormattedValue:
		Walk(n.Value, f)
		if n.Spec != nil {
			Walk(n.Spec, f)
		}
	case *UnaryExpr:
		Walk(n.X, f)
	case *BinaryExpr:
		Walk(n.X, f)
		Walk(n.Y, f)
	case *BoolExpr:
		Walk(n.X, f)
		Walk(n.Y, f)
	case *CompareExpr:
		Walk(n.X, f)
		walkExprs(n.Ys)
	case *CondExpr:
		Walk(n.True, f)
		Walk(n.Test, f)
		Walk(n.False, f)
	case *LambdaExpr:
		params(n.Params)
		Walk(n.Body, f)
	case *CallExpr:
		Walk(n.Fn, f)
		walkExprs(n.Args)
		for _, k := range n.Keywords {
			Walk(k, f)
		}
	case *Keyword:
		if n.Name != nil {
			Walk(n.Name, f)
		}
		Walk(n.Value, f)
	case *AttrExpr:
		Walk(n.X, f)
		Walk(n.Name, f)
	case *IndexExpr:
		Walk(n.X, f)
		Walk(n.Index, f)
	case *SliceExpr:
		opt(n.Lo)
		opt(n.Hi)
		opt(n.Step)
	case *StarredExpr:
		Walk(n.X, f)
	case *TupleExpr:
		walkExprs(n.Elts)
	case *ListExpr:
		walkExprs(n.Elts)
	case *SetExpr:
		walkExprs(n.Elts)
	case *DictExpr:
		for _, it := range n.Items {
			Walk(it, f)
		}
	case *DictItem:
		opt(n.Key)
		Walk(n.Value, f)
	case *ListComp:
		Walk(n.Elt, f)
		for _, c := range n.For {
			Walk(c, f)
		}
	case *SetComp:
		Walk(n.Elt, f)
		for _, c := range n.For {
			Walk(c, f)
		}
	case *DictComp:
		Walk(n.Key, f)
		Walk(n.Value, f)
		for _, c := range n.For {
			Walk(c, f)
		}
	case *GeneratorExp:
		Walk(n.Elt, f)
		for _, c := range n.For {
			Walk(c, f)
		}
	case *Comprehension:
		Walk(n.Target, f)
		Walk(n.Iter, f)
		walkExprs(n.Ifs)
	case *YieldExpr:
		opt(n.Value)
	case *YieldFromExpr:
		Walk(n.Value, f)
	case *AwaitExpr:
		Walk(n.X, f)
	case *NamedExpr:
		Walk(n.Target, f)
		Walk(n.Value, f)
	}
}
