// Package resolve classifies every name in a parsed nl module, Python's way.
//
// File(f) walks a *syntax.File produced by syntax.Parse and
//
//   - sets f.Scope to the *Module it returns;
//   - sets the Scope field of every *syntax.DefStmt, *syntax.LambdaExpr,
//     *syntax.ClassDef, *syntax.ListComp, *syntax.SetComp,
//     *syntax.DictComp and *syntax.GeneratorExp to its *Function;
//   - sets the Binding field of every *syntax.Ident that names a variable
//     (uses, assignment/for/del/import/except targets, parameters, def and
//     class names, global/nonlocal names) to a *Binding. Identifiers that are
//     attribute names or keyword-argument names keep a nil Binding.
//
// # Scopes
//
// A Binding's Scope says how the code generator reaches the variable:
//
//	Local    Index is a slot in Function.Locals of the function being compiled.
//	Cell     Index is a slot in Function.Locals, but the slot holds a cell
//	         because an inner function captures the variable. The VM creates
//	         the cell on entry (for a parameter: moving the argument into it).
//	         Loads and stores go through the cell.
//	Free     Index is a slot in Function.FreeVars: the cell comes from the
//	         closure. FreeVars[i] is the *Binding of the same variable in the
//	         enclosing function (Scope Cell or Free there), so when the code
//	         generator makes the closure it loads, for each free variable of
//	         the inner function, the enclosing function's cell.
//	Global   a module-level variable. Index is its position in
//	         Module.Globals (first binding order). At module level every
//	         name is Global.
//	Builtin  a name bound nowhere in the module (print, len, ValueError).
//	         Index is its position in Module.Builtins. At run time it is
//	         looked up as global first, then builtin, so emitting it exactly
//	         like a Global (by name) is correct.
//	Name     only in a class body: a name bound in that class body. It lives
//	         in the class namespace and is loaded and stored by name (Index
//	         is -1). A load that misses the namespace falls back to global
//	         then builtin, as CPython's LOAD_NAME does.
//
// Python's rules apply: a name bound anywhere in a function (assignment,
// augmented assignment, annotated name, for target, del, import, except
// ... as, def, class, parameter) is local to the whole function, so a read
// before the first store raises UnboundLocalError at run time (the VM's job;
// the binding is simply Local). "global x" makes x Global in that function;
// "nonlocal x" makes it Free, bound in the nearest enclosing function that
// binds it. Class bodies are a scope whose names are not visible from
// methods defined inside them. Lambdas and comprehensions (list, set, dict
// and generator expressions) are function scopes.
//
// # Functions
//
// Every scope has a *Function: the module (Kind Module), each def, lambda,
// class body and comprehension. Locals lists the parameters first, in
// syntax.Params.All order (positional-only, positional, *args,
// keyword-only, **kwargs), then the other local variables in order of first
// appearance. A comprehension's Function has exactly one parameter named
// ".0": the iterator of its first "for" clause, whose iterable expression
// is evaluated in the enclosing scope (its names are resolved there) and
// passed in, as in CPython.
//
// A method that uses "super" or "__class__" gets an implicit free variable
// "__class__" whose cell belongs to the enclosing class body
// (Function.ClassCell is its slot in the class Function's Locals); the code
// generator stores the new class object into that cell once the class is
// built, so that zero-argument super() can find it.
//
// # Errors
//
// File reports, in an syntax.ErrorList sorted by position, the errors
// CPython's symbol table and compiler report with CPython 3.11's wording:
// "'return' outside function", "'break' outside loop", "'continue' not
// properly in loop", "'yield' outside function", "nonlocal declaration not
// allowed at module level", "no binding for nonlocal 'x' found", "name 'x'
// is used prior to global declaration", "name 'x' is assigned to before
// global declaration", "name 'x' is parameter and global", "'await'
// outside function", and so on.
//
// Annotations (of parameters, returns and annotated assignments) are never
// evaluated by nl, so their identifiers are not resolved and keep a nil
// Binding; the code generator must not compile them. They are only checked
// for the errors CPython reports in them.
package resolve

import "github.com/nanolambda/nl/compiler/syntax"

// Scope is the kind of a Binding; see the package comment.
type Scope uint8

// The scopes of a binding.
const (
	Undefined Scope = iota
	Local
	Cell
	Free
	Global
	Builtin
	Name
)

var scopeNames = [...]string{
	Undefined: "undefined",
	Local:     "local",
	Cell:      "cell",
	Free:      "free",
	Global:    "global",
	Builtin:   "builtin",
	Name:      "name",
}

// String returns the lower-case scope name used in dumps.
func (s Scope) String() string {
	if int(s) < len(scopeNames) {
		return scopeNames[s]
	}
	return "scope(?)"
}

// Binding is one variable of one scope. Every *syntax.Ident that refers to
// the variable points to the same *Binding.
type Binding struct {
	Scope Scope
	Index int    // see Scope; -1 for Name
	Name  string // the variable name
	// First is the first binding occurrence in source order, or nil for
	// builtins and implicit variables (".0", "__class__").
	First *syntax.Ident
}

// Kind is the kind of a Function's scope.
type Kind uint8

// The kinds of scope.
const (
	ModuleScope Kind = iota
	DefScope
	LambdaScope
	ClassScope
	ComprehensionScope // list, set and dict comprehensions and generator expressions
)

var kindNames = [...]string{"module", "def", "lambda", "class", "comprehension"}

// String returns the lower-case kind name used in dumps.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(?)"
}

// Function is the resolved form of one scope.
type Function struct {
	Kind   Kind
	Name   string // "<module>", the def or class name, "<lambda>", "<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>"
	Pos    syntax.Position
	Node   syntax.Node // *syntax.File, *DefStmt, *LambdaExpr, *ClassDef, *ListComp, *SetComp, *DictComp or *GeneratorExp
	Parent *Function   // enclosing scope; nil for the module

	// Parameter shape (Def and Lambda; comprehensions have NumParams 1).
	NumPosOnly int  // positional-only parameters (before "/")
	NumParams  int  // positional parameters, including NumPosOnly
	HasVarargs bool // *args is Locals[NumParams]
	NumKwonly  int  // keyword-only parameters, after *args if any
	HasKwargs  bool // **kwargs follows the keyword-only parameters

	// Locals are the slots of the frame: parameters first, then other
	// locals in order of first appearance. Scope is Local or Cell.
	Locals []*Binding
	// FreeVars are the cells this function's closure carries; each is the
	// Binding in Parent (Cell or Free there).
	FreeVars []*Binding

	// Generator is true when the body contains yield or yield from (and
	// for every generator expression).
	Generator bool
	// ClassCell is, for a class body, the index in Locals of the implicit
	// "__class__" cell, or -1 when no method needs it.
	ClassCell int

	// Children are the scopes nested directly inside this one, in source order.
	Children []*Function

	names map[string]*Binding // every name used or bound here (for tests)
}

// NumCells returns how many of Locals are cells.
func (fn *Function) NumCells() int {
	n := 0
	for _, b := range fn.Locals {
		if b.Scope == Cell {
			n++
		}
	}
	return n
}

// Module is the resolved form of a file.
type Module struct {
	*Function // the module's top-level scope (Kind ModuleScope)

	// Globals are the module-level variables, in order of first binding
	// (including names bound only through "global" in a function).
	Globals []*Binding
	// Builtins are the names bound nowhere in the module, in order of
	// first use.
	Builtins []*Binding
}

// File resolves every name of f, as described in the package comment. On
// error it returns a syntax.ErrorList (Kind SyntaxError) of every error it
// found, and the partly resolved module.
func File(f *syntax.File) (*Module, error) {
	r := newResolver(f)
	return r.run()
}
