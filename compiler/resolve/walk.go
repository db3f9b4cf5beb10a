package resolve

import (
	"fmt"

	"github.com/nanolambda/nl/compiler/syntax"
)

// The resolver works in two passes, like CPython's symbol table. Pass 1
// (this file) builds the scope tree, records in each scope which names it
// binds and declares, and lists every identifier to annotate, checking
// the declaration and context errors on the way. Pass 2 (lookup.go) gives
// each identifier its Binding, creating free variables and cells as inner
// scopes reach outward.

type scope struct {
	fn     *Function
	parent *scope

	locals    map[string]*Binding // Local/Cell (functions) or Name (class) bindings
	free      map[string]*Binding // free variables of this scope
	globals   map[string]syntax.Position
	nonlocals map[string]syntax.Position
	params    map[string]bool
	seen      map[string]seenKind // names used or assigned so far, for declaration errors

	idents    []*syntax.Ident // every identifier to annotate, in source order
	usesSuper bool            // reads "super": needs the implicit __class__ cell
	children  []*scope
}

type seenKind uint8

// seenKind bits, checked in CPython's order of precedence.
const (
	seenUse seenKind = 1 << iota
	seenAssign
	seenAnnot
)

type resolver struct {
	file   *syntax.File
	module *Module
	errs   syntax.ErrorList

	globals  map[string]*Binding // module-level and global-declared names
	builtins map[string]*Binding
	// declaredGlobal lists names bound through "global" in some function
	// or class, in order, so that they become Module.Globals.
	scopes []*scope

	cur   *scope
	loops int // enclosing loops in the current function (for break/continue)
}

func newResolver(f *syntax.File) *resolver {
	return &resolver{file: f, globals: map[string]*Binding{}, builtins: map[string]*Binding{}}
}

func (r *resolver) errorf(pos syntax.Position, format string, args ...any) {
	r.errs = append(r.errs, r.file.NewError(pos, syntax.KindSyntax, format, args...))
}

func (r *resolver) run() (*Module, error) {
	m := &Module{Function: &Function{Kind: ModuleScope, Name: "<module>", Pos: r.file.Pos(), Node: r.file, ClassCell: -1}}
	r.module = m
	r.file.Scope = m
	root := r.newScope(m.Function, nil)
	r.cur = root
	r.stmts(r.file.Body)
	r.lookupAll(root)
	r.errs.Sort()
	return m, r.errs.Err()
}

func (r *resolver) newScope(fn *Function, parent *scope) *scope {
	s := &scope{fn: fn, parent: parent,
		locals: map[string]*Binding{}, free: map[string]*Binding{},
		globals: map[string]syntax.Position{}, nonlocals: map[string]syntax.Position{},
		params: map[string]bool{}, seen: map[string]seenKind{}}
	if parent != nil {
		fn.Parent = parent.fn
		parent.fn.Children = append(parent.fn.Children, fn)
		parent.children = append(parent.children, s)
	}
	r.scopes = append(r.scopes, s)
	return s
}

// global returns the module-level binding of name, creating it.
func (r *resolver) global(name string, first *syntax.Ident) *Binding {
	b := r.globals[name]
	if b == nil {
		b = &Binding{Scope: Global, Index: len(r.module.Globals), Name: name, First: first}
		r.globals[name] = b
		r.module.Globals = append(r.module.Globals, b)
	}
	return b
}

// bind records a binding occurrence of id in the current scope.
func (r *resolver) bind(id *syntax.Ident) {
	r.bindIn(r.cur, id)
	r.cur.idents = append(r.cur.idents, id)
}

func (r *resolver) bindIn(s *scope, id *syntax.Ident) {
	name := id.Name
	s.seen[name] |= seenAssign
	if _, ok := s.globals[name]; ok {
		r.global(name, id)
		return
	}
	if _, ok := s.nonlocals[name]; ok {
		return
	}
	switch s.fn.Kind {
	case ModuleScope:
		r.global(name, id)
	case ClassScope:
		if s.locals[name] == nil {
			s.locals[name] = &Binding{Scope: Name, Index: -1, Name: name, First: id}
		}
	default:
		if s.locals[name] == nil {
			b := &Binding{Scope: Local, Index: len(s.fn.Locals), Name: name, First: id}
			s.locals[name] = b
			s.fn.Locals = append(s.fn.Locals, b)
		}
	}
}

// use records a load of id in the current scope.
func (r *resolver) use(id *syntax.Ident) {
	r.cur.seen[id.Name] |= seenUse
	if id.Name == "super" {
		r.cur.usesSuper = true
	}
	r.cur.idents = append(r.cur.idents, id)
}

// ---- statements ----

func (r *resolver) stmts(list []syntax.Stmt) {
	for _, s := range list {
		r.stmt(s)
	}
}

func (r *resolver) inFunction() bool {
	k := r.cur.fn.Kind
	return k == DefScope || k == LambdaScope
}

func (r *resolver) stmt(s syntax.Stmt) {
	switch s := s.(type) {
	case *syntax.ExprStmt:
		r.expr(s.X)
	case *syntax.AssignStmt:
		r.expr(s.Value)
		for _, t := range s.Targets {
			r.target(t)
		}
	case *syntax.AugAssignStmt:
		r.expr(s.Value)
		if id, ok := s.Target.(*syntax.Ident); ok {
			r.use(id)
			r.bindIn(r.cur, id)
		} else {
			r.expr(s.Target)
		}
	case *syntax.AnnAssignStmt:
		if s.Value != nil {
			r.expr(s.Value)
		}
		// The annotation is never evaluated by nl, so it is not resolved.
		r.annotation(s.Annotation)
		if id, ok := s.Target.(*syntax.Ident); ok {
			r.cur.seen[id.Name] |= seenAnnot
			if s.Value != nil || r.inFunction() {
				r.bind(id)
			} else {
				r.bindIn(r.cur, id)
			}
			if _, ok := r.cur.globals[id.Name]; ok && r.cur.fn.Kind != ModuleScope {
				r.errorf(id.NamePos, "annotated name '%s' can't be global", id.Name)
			}
		} else {
			r.expr(s.Target)
		}
	case *syntax.DelStmt:
		for _, t := range s.Targets {
			r.target(t)
		}
	case *syntax.PassStmt:
	case *syntax.BreakStmt:
		if r.loops == 0 {
			r.errorf(s.Break, "'break' outside loop")
		}
	case *syntax.ContinueStmt:
		if r.loops == 0 {
			r.errorf(s.Continue, "'continue' not properly in loop")
		}
	case *syntax.ReturnStmt:
		if !r.inFunction() {
			r.errorf(s.Return, "'return' outside function")
		}
		if s.Value != nil {
			r.expr(s.Value)
		}
	case *syntax.RaiseStmt:
		if s.Exc != nil {
			r.expr(s.Exc)
		}
		if s.Cause != nil {
			r.expr(s.Cause)
		}
	case *syntax.AssertStmt:
		r.expr(s.Test)
		if s.Msg != nil {
			r.expr(s.Msg)
		}
	case *syntax.GlobalStmt:
		r.declare(s.Global, s.Names, true)
	case *syntax.NonlocalStmt:
		r.declare(s.Nonlocal, s.Names, false)
	case *syntax.ImportStmt:
		for _, a := range s.Names {
			r.bind(a.Bound)
		}
	case *syntax.ImportFromStmt:
		for _, a := range s.Names {
			r.bind(a.Bound)
		}
	case *syntax.IfStmt:
		r.expr(s.Test)
		r.stmts(s.Body)
		r.stmts(s.Else)
	case *syntax.WhileStmt:
		r.expr(s.Test)
		r.loop(s.Body)
		r.stmts(s.Else)
	case *syntax.ForStmt:
		if s.Async && !r.inAsync() {
			r.errorf(s.For, "'async for' outside async function")
		}
		r.expr(s.Iter)
		r.target(s.Target)
		r.loop(s.Body)
		r.stmts(s.Else)
	case *syntax.TryStmt:
		r.stmts(s.Body)
		for _, h := range s.Handlers {
			if h.Type != nil {
				r.expr(h.Type)
			}
			if h.Name != nil {
				r.bind(h.Name)
			}
			r.stmts(h.Body)
		}
		r.stmts(s.Else)
		r.stmts(s.Finally)
	case *syntax.WithStmt:
		if s.Async && !r.inAsync() {
			r.errorf(s.With, "'async with' outside async function")
		}
		for _, it := range s.Items {
			r.expr(it.Context)
			if it.Target != nil {
				r.target(it.Target)
			}
		}
		r.stmts(s.Body)
	case *syntax.MatchStmt:
		r.expr(s.Subject)
		for _, c := range s.Cases {
			r.pattern(c.Pattern)
			if c.Guard != nil {
				r.expr(c.Guard)
			}
			r.stmts(c.Body)
		}
	case *syntax.DefStmt:
		for _, d := range s.Decorators {
			r.expr(d.X)
		}
		r.defaults(s.Params)
		for _, p := range s.Params.All() {
			r.annotation(p.Annotation)
		}
		r.annotation(s.Returns)
		fn := &Function{Kind: DefScope, Name: s.Name.Name, Pos: s.Def, Node: s, ClassCell: -1}
		s.Scope = fn
		r.function(fn, s.Params, func() { r.stmts(s.Body) })
		r.bind(s.Name)
	case *syntax.ClassDef:
		for _, d := range s.Decorators {
			r.expr(d.X)
		}
		for _, b := range s.Bases {
			r.expr(b)
		}
		for _, k := range s.Keywords {
			r.expr(k.Value)
		}
		fn := &Function{Kind: ClassScope, Name: s.Name.Name, Pos: s.Class, Node: s, ClassCell: -1}
		s.Scope = fn
		outer, loops := r.cur, r.loops
		r.cur, r.loops = r.newScope(fn, outer), 0
		r.stmts(s.Body)
		r.cur, r.loops = outer, loops
		r.bind(s.Name)
	default:
		panic(fmt.Sprintf("resolve: unexpected statement %T", s))
	}
}

func (r *resolver) loop(body []syntax.Stmt) {
	r.loops++
	r.stmts(body)
	r.loops--
}

// declare handles "global" (isGlobal) and "nonlocal" statements.
func (r *resolver) declare(pos syntax.Position, names []*syntax.Ident, isGlobal bool) {
	s := r.cur
	kw := "global"
	if !isGlobal {
		kw = "nonlocal"
		if s.fn.Kind == ModuleScope {
			r.errorf(pos, "nonlocal declaration not allowed at module level")
			return
		}
	}
	for _, id := range names {
		name := id.Name
		seen := s.seen[name]
		switch {
		case s.params[name]:
			r.errorf(pos, "name '%s' is parameter and %s", name, kw)
			continue
		case seen&seenUse != 0:
			r.errorf(pos, "name '%s' is used prior to %s declaration", name, kw)
			continue
		case seen&seenAnnot != 0:
			r.errorf(pos, "annotated name '%s' can't be %s", name, kw)
			continue
		case seen&seenAssign != 0:
			r.errorf(pos, "name '%s' is assigned to before %s declaration", name, kw)
			continue
		}
		if gpos, ok := s.globals[name]; ok && !isGlobal {
			r.errorf(gpos, "name '%s' is nonlocal and global", name)
			continue
		}
		if _, ok := s.nonlocals[name]; ok && isGlobal {
			r.errorf(pos, "name '%s' is nonlocal and global", name)
			continue
		}
		if isGlobal {
			s.globals[name] = pos
			if s.fn.Kind != ModuleScope {
				r.global(name, nil)
			}
		} else {
			s.nonlocals[name] = pos
		}
		r.cur.idents = append(r.cur.idents, id)
	}
}

// defaults resolves the default values of params in the current scope.
// Annotations are not evaluated by nl and are left unresolved.
func (r *resolver) defaults(ps *syntax.Params) {
	for _, p := range ps.All() {
		if p.Default != nil {
			r.expr(p.Default)
		}
	}
}

// function resolves a def or lambda: a new scope whose first locals are
// the parameters.
func (r *resolver) function(fn *Function, ps *syntax.Params, body func()) {
	fn.NumPosOnly = len(ps.PosOnly)
	fn.NumParams = len(ps.PosOnly) + len(ps.Args)
	fn.HasVarargs = ps.Vararg != nil
	fn.NumKwonly = len(ps.KwOnly)
	fn.HasKwargs = ps.Kwarg != nil
	outer, loops := r.cur, r.loops
	r.cur, r.loops = r.newScope(fn, outer), 0
	for _, p := range ps.All() {
		r.bind(p.Name)
		r.cur.params[p.Name.Name] = true
	}
	// Parameters do not count as "assigned before global declaration";
	// the params check gives the better message.
	r.cur.seen = map[string]seenKind{}
	body()
	r.cur, r.loops = outer, loops
}

// target resolves an assignment, for, with or del target.
func (r *resolver) target(x syntax.Expr) {
	switch x := x.(type) {
	case *syntax.Ident:
		r.bind(x)
	case *syntax.TupleExpr:
		for _, e := range x.Elts {
			r.target(e)
		}
	case *syntax.ListExpr:
		for _, e := range x.Elts {
			r.target(e)
		}
	case *syntax.StarredExpr:
		r.target(x.X)
	default:
		// Attribute and subscript targets evaluate their operands.
		r.expr(x)
	}
}

// pattern resolves a match-statement pattern leniently: capture names
// ("as" targets) bind, everything else is an expression.
func (r *resolver) pattern(x syntax.Expr) {
	switch x := x.(type) {
	case *syntax.NamedExpr:
		r.pattern(x.Value)
		r.bind(x.Target)
	case *syntax.TupleExpr:
		for _, e := range x.Elts {
			r.pattern(e)
		}
	default:
		r.expr(x)
	}
}

// ---- expressions ----

func (r *resolver) exprs(list []syntax.Expr) {
	for _, x := range list {
		r.expr(x)
	}
}

func (r *resolver) expr(x syntax.Expr) {
	switch x := x.(type) {
	case *syntax.Ident:
		r.use(x)
	case *syntax.IntLit, *syntax.FloatLit, *syntax.ImagLit, *syntax.StrLit, *syntax.BytesLit,
		*syntax.NoneLit, *syntax.BoolLit, *syntax.EllipsisLit:
	case *syntax.FStringExpr:
		r.exprs(x.Parts)
	case *syntax.FormattedValue:
		r.expr(x.Value)
		if x.Spec != nil {
			r.expr(x.Spec)
		}
	case *syntax.UnaryExpr:
		r.expr(x.X)
	case *syntax.BinaryExpr:
		r.expr(x.X)
		r.expr(x.Y)
	case *syntax.BoolExpr:
		r.expr(x.X)
		r.expr(x.Y)
	case *syntax.CompareExpr:
		r.expr(x.X)
		r.exprs(x.Ys)
	case *syntax.CondExpr:
		r.expr(x.Test)
		r.expr(x.True)
		r.expr(x.False)
	case *syntax.LambdaExpr:
		r.defaults(x.Params)
		fn := &Function{Kind: LambdaScope, Name: "<lambda>", Pos: x.Lambda, Node: x, ClassCell: -1}
		x.Scope = fn
		r.function(fn, x.Params, func() { r.expr(x.Body) })
	case *syntax.CallExpr:
		r.expr(x.Fn)
		r.exprs(x.Args)
		for _, k := range x.Keywords {
			r.expr(k.Value)
		}
	case *syntax.AttrExpr:
		r.expr(x.X)
	case *syntax.IndexExpr:
		r.expr(x.X)
		r.expr(x.Index)
	case *syntax.SliceExpr:
		for _, e := range []syntax.Expr{x.Lo, x.Hi, x.Step} {
			if e != nil {
				r.expr(e)
			}
		}
	case *syntax.StarredExpr:
		r.expr(x.X)
	case *syntax.TupleExpr:
		r.exprs(x.Elts)
	case *syntax.ListExpr:
		r.exprs(x.Elts)
	case *syntax.SetExpr:
		r.exprs(x.Elts)
	case *syntax.DictExpr:
		for _, it := range x.Items {
			if it.Key != nil {
				r.expr(it.Key)
			}
			r.expr(it.Value)
		}
	case *syntax.ListComp:
		x.Scope = r.comprehension(x, "<listcomp>", x.Lbrack, x.For, x.Elt)
	case *syntax.SetComp:
		x.Scope = r.comprehension(x, "<setcomp>", x.Lbrace, x.For, x.Elt)
	case *syntax.DictComp:
		x.Scope = r.comprehension(x, "<dictcomp>", x.Lbrace, x.For, x.Key, x.Value)
	case *syntax.GeneratorExp:
		x.Scope = r.comprehension(x, "<genexpr>", x.Lparen, x.For, x.Elt)
	case *syntax.YieldExpr:
		r.yield(x.Yield)
		if x.Value != nil {
			r.expr(x.Value)
		}
	case *syntax.YieldFromExpr:
		r.yield(x.Yield)
		r.expr(x.Value)
	case *syntax.AwaitExpr:
		r.await(x)
		r.expr(x.X)
	case *syntax.NamedExpr:
		r.expr(x.Value)
		// The walrus binds in the nearest enclosing non-comprehension scope.
		s := r.cur
		for s.fn.Kind == ComprehensionScope {
			s = s.parent
		}
		if s == r.cur {
			r.bind(x.Target)
		} else {
			r.bindIn(s, x.Target)
			r.cur.idents = append(r.cur.idents, x.Target)
		}
	default:
		panic(fmt.Sprintf("resolve: unexpected expression %T", x))
	}
}

// annotation checks an annotation, which nl never evaluates, only for the
// errors CPython reports in it ('await' or 'yield' outside a function).
func (r *resolver) annotation(x syntax.Expr) {
	if x == nil {
		return
	}
	syntax.Walk(x, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.AwaitExpr:
			r.await(n)
		case *syntax.YieldExpr:
			if !r.inFunction() {
				r.errorf(n.Yield, "'yield' outside function")
			}
		case *syntax.YieldFromExpr:
			if !r.inFunction() {
				r.errorf(n.Yield, "'yield' outside function")
			}
		case *syntax.LambdaExpr, *syntax.ListComp, *syntax.SetComp, *syntax.DictComp, *syntax.GeneratorExp:
			return false
		}
		return true
	})
}

// inAsync reports whether the current scope is an async def (statements
// only: comprehensions are handled where they occur).
func (r *resolver) inAsync() bool {
	if r.cur.fn.Kind != DefScope {
		return false
	}
	return r.cur.fn.Node.(*syntax.DefStmt).Async
}

// inAsyncComprehension reports whether an async comprehension may appear
// here: inside an async def, possibly within other comprehensions.
func (r *resolver) inAsyncComprehension() bool {
	s := r.cur
	for s.fn.Kind == ComprehensionScope {
		s = s.parent
	}
	return s.fn.Kind == DefScope && s.fn.Node.(*syntax.DefStmt).Async
}

// await checks that an await expression is inside an async function (a
// comprehension counts as the function around it).
func (r *resolver) await(x *syntax.AwaitExpr) {
	s := r.cur
	var comp *scope // innermost enclosing comprehension
	for s.fn.Kind == ComprehensionScope {
		if s.fn.Name == "<genexpr>" {
			return // an await makes it an async generator expression
		}
		if comp == nil {
			comp = s
		}
		s = s.parent
	}
	async := s.fn.Kind == DefScope && s.fn.Node.(*syntax.DefStmt).Async
	switch {
	case async:
	case comp != nil:
		r.errorf(comp.fn.Pos, "asynchronous comprehension outside of an asynchronous function")
	case s.fn.Kind == ModuleScope || s.fn.Kind == ClassScope:
		r.errorf(x.Await, "'await' outside function")
	default:
		r.errorf(x.Await, "'await' outside async function")
	}
}

func (r *resolver) yield(pos syntax.Position) {
	switch r.cur.fn.Kind {
	case DefScope, LambdaScope:
		r.cur.fn.Generator = true
	case ComprehensionScope:
		what := map[string]string{"<listcomp>": "list comprehension", "<setcomp>": "set comprehension",
			"<dictcomp>": "dict comprehension", "<genexpr>": "generator expression"}[r.cur.fn.Name]
		r.errorf(pos, "'yield' inside %s", what)
	default:
		r.errorf(pos, "'yield' outside function")
	}
}

// comprehension resolves a comprehension: the first iterable in the
// current scope, the rest in a new function scope whose parameter ".0" is
// the first iterator.
func (r *resolver) comprehension(node syntax.Node, name string, pos syntax.Position, clauses []*syntax.Comprehension, elts ...syntax.Expr) *Function {
	r.expr(clauses[0].Iter)
	for _, c := range clauses {
		if c.Async && !r.inAsyncComprehension() {
			r.errorf(pos, "asynchronous comprehension outside of an asynchronous function")
			break
		}
	}
	fn := &Function{Kind: ComprehensionScope, Name: name, Pos: pos, Node: node, ClassCell: -1,
		NumParams: 1, Generator: name == "<genexpr>"}
	outer, loops := r.cur, r.loops
	r.cur, r.loops = r.newScope(fn, outer), 0
	dot0 := &Binding{Scope: Local, Index: 0, Name: ".0"}
	r.cur.locals[".0"] = dot0
	fn.Locals = append(fn.Locals, dot0)
	for i, c := range clauses {
		if i > 0 {
			r.expr(c.Iter)
		}
		r.target(c.Target)
		r.exprs(c.Ifs)
	}
	r.exprs(elts)
	r.cur, r.loops = outer, loops
	return fn
}
