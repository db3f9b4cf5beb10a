package syntax

// AST changes (append-only log; the code generator codes against this file):
//   - 2026-11-25 first version.
//   - 2026-11-25 added File.Src, File.SourceLine and File.NewError (additive).
//   - 2026-11-25 added ImportFromStmt.StarPos (additive).
//   - 2026-11-25 ExprStmt, AssignStmt, AugAssignStmt and AnnAssignStmt
//     positions are their first token even when it is a "(" (as CPython);
//     no field changed.

import (
	"fmt"
	"math/big"
)

// Node is any node of the syntax tree.
type Node interface {
	// Pos is the position of the first character of the node: CPython's
	// (lineno, col_offset) for the same node, with the column counted in
	// characters from 1. One difference: nl drops parentheses, so an
	// expression that starts with a parenthesised operand, such as
	// (a + b) * c, starts at that operand ("a") where CPython starts it at
	// the "(". Tests compare every position with CPython's ast module.
	Pos() Position
}

// Stmt is a statement node.
type Stmt interface {
	Node
	stmt()
}

// Expr is an expression node.
type Expr interface {
	Node
	expr()
}

// File is a parsed module.
type File struct {
	Path string // file name as given to Parse, used in every Position
	Body []Stmt
	Src  []byte // the source, newlines normalised to \n (for error lines)

	// Scope is set by package resolve to the module's *resolve.Module.
	Scope any
}

// Pos returns the start of the file.
func (f *File) Pos() Position { return Position{File: f.Path, Line: 1, Col: 1} }

// SourceLine returns line n (1-based) of the source without its newline,
// or "" when out of range.
func (f *File) SourceLine(n int) string { return sourceLine(f.Src, n) }

// NewError returns an *Error of the given kind at pos with the source line
// filled in, for later passes (resolver, code generator) to report.
func (f *File) NewError(pos Position, kind, format string, args ...any) *Error {
	return &Error{Pos: pos, Kind: kind, Msg: fmt.Sprintf(format, args...), Line: f.SourceLine(pos.Line)}
}

// ---- Statements ----

// ExprStmt is an expression evaluated for its effect (a call, a docstring,
// a yield).
type ExprStmt struct {
	X Expr

	start Position // first token, which may be a "(" before X
}

// AssignStmt is "t1 = t2 = ... = value". Targets holds every target left to
// right; each is an *Ident, *AttrExpr, *IndexExpr, *TupleExpr, *ListExpr
// (whose elements are targets, at most one a *StarredExpr) or a
// parenthesised one of those. CPython assigns targets left to right.
type AssignStmt struct {
	Targets []Expr
	EqPos   Position // position of the first '='
	Value   Expr

	start Position // first token, which may be a "(" before Targets[0]
}

// AugAssignStmt is "target op= value". Op is the augmented token (PLUS_EQ,
// SLASHSLASH_EQ, ...); Op.BinaryOp() gives the plain operator. Target is an
// *Ident, *AttrExpr or *IndexExpr.
type AugAssignStmt struct {
	Target Expr
	OpPos  Position
	Op     Token
	Value  Expr

	start Position // first token, which may be a "(" before Target
}

// AnnAssignStmt is "target: annotation [= value]". Value may be nil, in
// which case nothing is assigned at run time (but in a function the name is
// still local, as in CPython). Simple is true when the target is a bare
// unparenthesised name. The annotation is kept but never evaluated by nl.
type AnnAssignStmt struct {
	Target     Expr
	Annotation Expr
	Value      Expr // or nil
	Simple     bool

	start Position // first token, which may be a "(" before Target
}

// DelStmt is "del t1, t2". Each target is an *Ident, *AttrExpr, *IndexExpr
// or a *TupleExpr/*ListExpr of targets.
type DelStmt struct {
	Del     Position
	Targets []Expr
}

// PassStmt is "pass".
type PassStmt struct {
	Pass Position
}

// BreakStmt is "break".
type BreakStmt struct {
	Break Position
}

// ContinueStmt is "continue".
type ContinueStmt struct {
	Continue Position
}

// ReturnStmt is "return [value]".
type ReturnStmt struct {
	Return Position
	Value  Expr // or nil
}

// RaiseStmt is "raise [exc [from cause]]".
type RaiseStmt struct {
	Raise Position
	Exc   Expr // or nil (re-raise)
	Cause Expr // or nil
}

// AssertStmt is "assert test [, msg]".
type AssertStmt struct {
	Assert Position
	Test   Expr
	Msg    Expr // or nil
}

// GlobalStmt is "global a, b".
type GlobalStmt struct {
	Global Position
	Names  []*Ident
}

// NonlocalStmt is "nonlocal a, b".
type NonlocalStmt struct {
	Nonlocal Position
	Names    []*Ident
}

// Alias is one "name [as asname]" of an import. Name is dotted for
// "import a.b" ("a.b"); AsName is nil when there is no "as".
type Alias struct {
	NamePos Position
	Name    string
	AsName  *Ident // or nil

	// Bound is the variable the import binds: AsName if present, otherwise
	// for "import a.b" an Ident for "a", for "from m import x" an Ident for
	// "x". The resolver annotates it; the code generator stores into it.
	Bound *Ident
}

// Pos returns the position of the imported name.
func (a *Alias) Pos() Position { return a.NamePos }

// ImportStmt is "import a, b.c as d".
type ImportStmt struct {
	Import Position
	Names  []*Alias
}

// ImportFromStmt is "from module import names". Level counts leading dots
// (relative import); Module is "" for "from . import x". Star is true for
// "from m import *" (Names is then empty).
type ImportFromStmt struct {
	From    Position
	Level   int
	Module  string
	Names   []*Alias
	Star    bool
	StarPos Position // position of "*" when Star
}

// IfStmt is "if test: body [elif ...] [else: orelse]". An elif chain is an
// Else holding exactly one *IfStmt with Elif set.
type IfStmt struct {
	If   Position // position of "if" or "elif"
	Elif bool     // this IfStmt came from an "elif"
	Test Expr
	Body []Stmt
	Else []Stmt // or nil
}

// WhileStmt is "while test: body [else: orelse]".
type WhileStmt struct {
	While Position
	Test  Expr
	Body  []Stmt
	Else  []Stmt // or nil; runs when the loop ends without break
}

// ForStmt is "[async] for target in iter: body [else: orelse]". Target is
// a target expression as in AssignStmt; Iter may be an unparenthesised
// *TupleExpr ("for x in a, b:").
type ForStmt struct {
	For    Position // position of "for" ("async" if Async)
	Async  bool     // outside the subset
	Target Expr
	Iter   Expr
	Body   []Stmt
	Else   []Stmt // or nil
}

// TryStmt is "try: body except...: ... [else: ...] [finally: ...]".
// Star is true for "except*" handlers (outside the subset).
type TryStmt struct {
	Try      Position
	Body     []Stmt
	Handlers []*ExceptHandler
	Else     []Stmt // or nil
	Finally  []Stmt // or nil
	Star     bool
}

// ExceptHandler is "except [type [as name]]: body". Type is nil for a bare
// except and may be a *TupleExpr of types. Name is nil without "as".
type ExceptHandler struct {
	Except Position
	Type   Expr   // or nil
	Name   *Ident // or nil; a binding, deleted at the end of the handler
	Body   []Stmt
}

// Pos returns the position of "except".
func (h *ExceptHandler) Pos() Position { return h.Except }

// WithStmt is "[async] with item, ...: body" (outside the subset).
type WithStmt struct {
	With  Position
	Async bool
	Items []*WithItem
	Body  []Stmt
}

// WithItem is "context [as target]" of a with statement.
type WithItem struct {
	Context Expr
	Target  Expr // or nil
}

// Pos returns the position of the context expression.
func (w *WithItem) Pos() Position { return w.Context.Pos() }

// MatchStmt is "match subject: case ..." (outside the subset). Patterns are
// parsed leniently as expressions and are never compiled.
type MatchStmt struct {
	Match   Position
	Subject Expr
	Cases   []*MatchCase
}

// MatchCase is "case pattern [if guard]: body".
type MatchCase struct {
	Case    Position
	Pattern Expr
	Guard   Expr // or nil
	Body    []Stmt
}

// Pos returns the position of "case".
func (c *MatchCase) Pos() Position { return c.Case }

// DefStmt is a function definition:
//
//	@decorators
//	[async] def name(params) [-> returns]: body
//
// Def is the position of "def" (or of "async"). As in CPython 3.8+, Pos()
// is that position even when decorators precede it.
type DefStmt struct {
	Decorators []*Decorator
	Def        Position
	Async      bool // outside the subset
	Name       *Ident
	Params     *Params
	Returns    Expr // return annotation, or nil; never evaluated
	Body       []Stmt

	// Scope is set by package resolve to the function's *resolve.Function.
	Scope any
}

// Decorator is "@expr" before a def or class.
type Decorator struct {
	At Position
	X  Expr
}

// Pos returns the position of "@".
func (d *Decorator) Pos() Position { return d.At }

// Params is a parameter list, in CPython's order:
//
//	def f(posonly..., /, args..., *vararg, kwonly..., **kwarg)
//
// A bare "*" gives StarPos but a nil Vararg. Defaults are on each Param;
// positional parameters with defaults are always a suffix of
// PosOnly+Args (the parser enforces it).
type Params struct {
	PosOnly []*Param // before "/"
	Args    []*Param
	Vararg  *Param   // *args, or nil
	StarPos Position // position of "*" (valid also for a bare "*")
	KwOnly  []*Param
	Kwarg   *Param // **kwargs, or nil
}

// All returns every parameter in the order they become locals:
// PosOnly, Args, Vararg, KwOnly, Kwarg (nil ones skipped). This is the
// order of the first resolve.Function.Locals.
func (p *Params) All() []*Param {
	if p == nil {
		return nil
	}
	out := make([]*Param, 0, len(p.PosOnly)+len(p.Args)+len(p.KwOnly)+2)
	out = append(out, p.PosOnly...)
	out = append(out, p.Args...)
	if p.Vararg != nil {
		out = append(out, p.Vararg)
	}
	out = append(out, p.KwOnly...)
	if p.Kwarg != nil {
		out = append(out, p.Kwarg)
	}
	return out
}

// Param is one parameter: name [: annotation] [= default].
type Param struct {
	Name       *Ident
	Annotation Expr // or nil; never evaluated
	Default    Expr // or nil; evaluated once, when the def runs
}

// Pos returns the position of the parameter name.
func (p *Param) Pos() Position { return p.Name.NamePos }

// ClassDef is a class definition:
//
//	@decorators
//	class Name(bases, keywords): body
//
// Keywords (e.g. metaclass=) are outside the subset.
type ClassDef struct {
	Decorators []*Decorator
	Class      Position
	Name       *Ident
	Bases      []Expr // may contain *StarredExpr
	Keywords   []*Keyword
	Body       []Stmt

	// Scope is set by package resolve to the class body's *resolve.Function.
	Scope any
}

// ---- Expressions ----

// Ident is a name: a variable use or binding, a parameter name, an
// attribute name (AttrExpr.Name) or a keyword-argument name (Keyword.Name).
// For variables the resolver sets Binding to a *resolve.Binding; it stays
// nil for attribute and keyword names.
type Ident struct {
	NamePos Position
	Name    string
	Binding any
}

// IntLit is an integer literal. Value holds it when it fits in an int64;
// otherwise Big is non-nil and holds the exact value. Raw is the source
// spelling ("0x_FF").
type IntLit struct {
	ValuePos Position
	Raw      string
	Value    int64
	Big      *big.Int // nil unless the value overflows int64
}

// FloatLit is a floating-point literal, parsed like CPython's float().
type FloatLit struct {
	ValuePos Position
	Raw      string
	Value    float64
}

// ImagLit is an imaginary literal such as 3j (outside the subset).
type ImagLit struct {
	ValuePos Position
	Raw      string
	Value    float64 // the imaginary part
}

// StrLit is a str literal after escape processing and after implicit
// concatenation of adjacent plain string literals ("a" 'b' -> "ab").
// Value is UTF-8; lone surrogates from \ud800-style escapes are encoded as
// U+FFFD (nl strings are UTF-8).
type StrLit struct {
	ValuePos Position
	Value    string
}

// BytesLit is a bytes literal (after concatenation of adjacent ones). Value
// holds raw bytes, not necessarily valid UTF-8.
type BytesLit struct {
	ValuePos Position
	Value    string
}

// FStringExpr is an f-string, or a concatenation of adjacent literals at
// least one of which is an f-string (CPython's JoinedStr). Parts alternate
// freely between *StrLit (literal text, never empty) and *FormattedValue.
type FStringExpr struct {
	ValuePos Position
	Parts    []Expr
}

// FormattedValue is one "{value!conv:spec}" field of an f-string.
// Conversion is 0, 'r', 's' or 'a'. Spec is nil or an *FStringExpr (a spec
// may itself contain fields: f"{x:{width}}"). A self-documenting field
// "{x=}" is expanded by the parser as CPython does: a *StrLit "x=" followed
// by this node, with Conversion 'r' when neither conversion nor spec was
// given.
type FormattedValue struct {
	Lbrace     Position
	Value      Expr
	Conversion byte
	Spec       *FStringExpr // or nil
}

// NoneLit is None.
type NoneLit struct {
	ValuePos Position
}

// BoolLit is True or False.
type BoolLit struct {
	ValuePos Position
	Value    bool
}

// EllipsisLit is "...".
type EllipsisLit struct {
	ValuePos Position
}

// UnaryExpr is "op x" with Op one of PLUS, MINUS, TILDE, NOT.
type UnaryExpr struct {
	OpPos Position
	Op    Token
	X     Expr
}

// BinaryExpr is "x op y" for the arithmetic and bitwise operators: PLUS,
// MINUS, STAR, SLASH, SLASHSLASH, PERCENT, STARSTAR, AT (outside the
// subset), AMP, PIPE, CIRCUMFLEX, LTLT, GTGT. Comparisons are CompareExpr
// and and/or are BoolExpr.
type BinaryExpr struct {
	X     Expr
	OpPos Position
	Op    Token
	Y     Expr
}

// BoolExpr is "x and y" or "x or y" (Op AND or OR), short-circuit, with
// the value of the last operand evaluated. "a or b or c" nests to the
// left: ((a or b) or c).
type BoolExpr struct {
	X     Expr
	OpPos Position
	Op    Token
	Y     Expr
}

// CompareExpr is a comparison chain "x op1 y1 op2 y2 ...": each operand is
// evaluated at most once and the chain stops at the first false link.
// Ops[i] is one of LT, GT, LE, GE, EQL, NEQ, IN, NOT_IN, IS, IS_NOT and
// compares the previous operand with Ys[i].
type CompareExpr struct {
	X      Expr
	Ops    []Token
	OpsPos []Position
	Ys     []Expr
}

// CondExpr is "t if test else f".
type CondExpr struct {
	True  Expr
	If    Position
	Test  Expr
	False Expr
}

// LambdaExpr is "lambda params: body".
type LambdaExpr struct {
	Lambda Position
	Params *Params
	Body   Expr

	// Scope is set by package resolve to the lambda's *resolve.Function.
	Scope any
}

// CallExpr is "fn(args, keywords)". Args holds the positional arguments in
// order, any of which may be a *StarredExpr (*xs); Keywords holds name=value
// arguments and **mapping arguments (Keyword.Name nil), in source order.
// As in CPython, all of Args are evaluated before any of Keywords.
type CallExpr struct {
	Fn       Expr
	Lparen   Position
	Args     []Expr
	Keywords []*Keyword
	Rparen   Position
}

// Keyword is "name=value" in a call or class header, or "**value" when
// Name is nil.
type Keyword struct {
	Start Position // position of the name, or of "**"
	Name  *Ident   // or nil for **value
	Value Expr
}

// Pos returns the position of the name or "**".
func (k *Keyword) Pos() Position { return k.Start }

// AttrExpr is "x.name". Name.Binding stays nil.
type AttrExpr struct {
	X    Expr
	Dot  Position
	Name *Ident
}

// IndexExpr is "x[index]" (CPython's Subscript). Index is any expression,
// a *SliceExpr for x[a:b:c], or a *TupleExpr for x[a, b] (whose elements
// may be slices).
type IndexExpr struct {
	X      Expr
	Lbrack Position
	Index  Expr
	Rbrack Position
}

// SliceExpr is "lo:hi:step" inside a subscript; absent parts are nil.
type SliceExpr struct {
	Start Position // position of lo, or of the first ':'
	Lo    Expr
	Hi    Expr
	Step  Expr
}

// StarredExpr is "*x": an unpacking in a list/tuple/set display or call,
// or a starred assignment target ("a, *rest = xs").
type StarredExpr struct {
	Star Position
	X    Expr
}

// TupleExpr is a tuple display "(a, b)" or "a, b". Parens reports whether
// it was written in parentheses; Lparen is the "(" or the first element.
// Elts may contain *StarredExpr.
type TupleExpr struct {
	Lparen Position
	Elts   []Expr
	Parens bool
}

// ListExpr is a list display "[a, b]". Elts may contain *StarredExpr.
type ListExpr struct {
	Lbrack Position
	Elts   []Expr
}

// SetExpr is a set display "{a, b}" (never empty). Elts may contain
// *StarredExpr.
type SetExpr struct {
	Lbrace Position
	Elts   []Expr
}

// DictExpr is a dict display "{k: v, **m}". Items are evaluated in order.
type DictExpr struct {
	Lbrace Position
	Items  []*DictItem
}

// DictItem is "key: value" or, with Key nil, "**value".
type DictItem struct {
	Start Position // position of key or "**"
	Key   Expr     // or nil for **value
	Value Expr
}

// Pos returns the position of the key or "**".
func (d *DictItem) Pos() Position { return d.Start }

// Comprehension is one "for target in iter if cond..." clause of a
// comprehension or generator expression.
type Comprehension struct {
	For    Position // "for" (or "async")
	Async  bool     // outside the subset
	Target Expr
	Iter   Expr
	Ifs    []Expr
}

// Pos returns the position of "for".
func (c *Comprehension) Pos() Position { return c.For }

// ListComp is "[elt for ... if ...]".
type ListComp struct {
	Lbrack Position
	Elt    Expr
	For    []*Comprehension
	Scope  any // *resolve.Function, set by the resolver
}

// SetComp is "{elt for ... if ...}".
type SetComp struct {
	Lbrace Position
	Elt    Expr
	For    []*Comprehension
	Scope  any // *resolve.Function, set by the resolver
}

// DictComp is "{key: value for ... if ...}".
type DictComp struct {
	Lbrace Position
	Key    Expr
	Value  Expr
	For    []*Comprehension
	Scope  any // *resolve.Function, set by the resolver
}

// GeneratorExp is "(elt for ... if ...)", or the bare form as the sole
// argument of a call: sum(x for x in xs). Lparen is the "(" (of the call
// for the bare form).
type GeneratorExp struct {
	Lparen Position
	Elt    Expr
	For    []*Comprehension
	Scope  any // *resolve.Function, set by the resolver
}

// YieldExpr is "yield [value]"; Value may be an unparenthesised tuple.
type YieldExpr struct {
	Yield Position
	Value Expr // or nil
}

// YieldFromExpr is "yield from value".
type YieldFromExpr struct {
	Yield Position
	Value Expr
}

// AwaitExpr is "await x" (outside the subset).
type AwaitExpr struct {
	Await Position
	X     Expr
}

// NamedExpr is the walrus "target := value" (outside the subset).
type NamedExpr struct {
	Target *Ident
	Walrus Position
	Value  Expr
}

// ---- Pos methods ----

// The position of a statement is that of its first token, as in CPython,
// even when it is an opening parenthesis.

func (s *ExprStmt) Pos() Position      { return startOr(s.start, s.X) }
func (s *AssignStmt) Pos() Position    { return startOr(s.start, s.Targets[0]) }
func (s *AugAssignStmt) Pos() Position { return startOr(s.start, s.Target) }
func (s *AnnAssignStmt) Pos() Position { return startOr(s.start, s.Target) }

func startOr(start Position, first Node) Position {
	if start.IsValid() {
		return start
	}
	return first.Pos()
}

func (s *DelStmt) Pos() Position        { return s.Del }
func (s *PassStmt) Pos() Position       { return s.Pass }
func (s *BreakStmt) Pos() Position      { return s.Break }
func (s *ContinueStmt) Pos() Position   { return s.Continue }
func (s *ReturnStmt) Pos() Position     { return s.Return }
func (s *RaiseStmt) Pos() Position      { return s.Raise }
func (s *AssertStmt) Pos() Position     { return s.Assert }
func (s *GlobalStmt) Pos() Position     { return s.Global }
func (s *NonlocalStmt) Pos() Position   { return s.Nonlocal }
func (s *ImportStmt) Pos() Position     { return s.Import }
func (s *ImportFromStmt) Pos() Position { return s.From }
func (s *IfStmt) Pos() Position         { return s.If }
func (s *WhileStmt) Pos() Position      { return s.While }
func (s *ForStmt) Pos() Position        { return s.For }
func (s *TryStmt) Pos() Position        { return s.Try }
func (s *WithStmt) Pos() Position       { return s.With }
func (s *MatchStmt) Pos() Position      { return s.Match }
func (s *DefStmt) Pos() Position        { return s.Def }
func (s *ClassDef) Pos() Position       { return s.Class }

func (x *Ident) Pos() Position          { return x.NamePos }
func (x *IntLit) Pos() Position         { return x.ValuePos }
func (x *FloatLit) Pos() Position       { return x.ValuePos }
func (x *ImagLit) Pos() Position        { return x.ValuePos }
func (x *StrLit) Pos() Position         { return x.ValuePos }
func (x *BytesLit) Pos() Position       { return x.ValuePos }
func (x *FStringExpr) Pos() Position    { return x.ValuePos }
func (x *FormattedValue) Pos() Position { return x.Lbrace }
func (x *NoneLit) Pos() Position        { return x.ValuePos }
func (x *BoolLit) Pos() Position        { return x.ValuePos }
func (x *EllipsisLit) Pos() Position    { return x.ValuePos }
func (x *UnaryExpr) Pos() Position      { return x.OpPos }
func (x *BinaryExpr) Pos() Position     { return x.X.Pos() }
func (x *BoolExpr) Pos() Position       { return x.X.Pos() }
func (x *CompareExpr) Pos() Position    { return x.X.Pos() }
func (x *CondExpr) Pos() Position       { return x.True.Pos() }
func (x *LambdaExpr) Pos() Position     { return x.Lambda }
func (x *CallExpr) Pos() Position       { return x.Fn.Pos() }
func (x *AttrExpr) Pos() Position       { return x.X.Pos() }
func (x *IndexExpr) Pos() Position      { return x.X.Pos() }
func (x *SliceExpr) Pos() Position      { return x.Start }
func (x *StarredExpr) Pos() Position    { return x.Star }
func (x *TupleExpr) Pos() Position      { return x.Lparen }
func (x *ListExpr) Pos() Position       { return x.Lbrack }
func (x *SetExpr) Pos() Position        { return x.Lbrace }
func (x *DictExpr) Pos() Position       { return x.Lbrace }
func (x *ListComp) Pos() Position       { return x.Lbrack }
func (x *SetComp) Pos() Position        { return x.Lbrace }
func (x *DictComp) Pos() Position       { return x.Lbrace }
func (x *GeneratorExp) Pos() Position   { return x.Lparen }
func (x *YieldExpr) Pos() Position      { return x.Yield }
func (x *YieldFromExpr) Pos() Position  { return x.Yield }
func (x *AwaitExpr) Pos() Position      { return x.Await }
func (x *NamedExpr) Pos() Position      { return x.Target.NamePos }

func (*ExprStmt) stmt()       {}
func (*AssignStmt) stmt()     {}
func (*AugAssignStmt) stmt()  {}
func (*AnnAssignStmt) stmt()  {}
func (*DelStmt) stmt()        {}
func (*PassStmt) stmt()       {}
func (*BreakStmt) stmt()      {}
func (*ContinueStmt) stmt()   {}
func (*ReturnStmt) stmt()     {}
func (*RaiseStmt) stmt()      {}
func (*AssertStmt) stmt()     {}
func (*GlobalStmt) stmt()     {}
func (*NonlocalStmt) stmt()   {}
func (*ImportStmt) stmt()     {}
func (*ImportFromStmt) stmt() {}
func (*IfStmt) stmt()         {}
func (*WhileStmt) stmt()      {}
func (*ForStmt) stmt()        {}
func (*TryStmt) stmt()        {}
func (*WithStmt) stmt()       {}
func (*MatchStmt) stmt()      {}
func (*DefStmt) stmt()        {}
func (*ClassDef) stmt()       {}

func (*Ident) expr()          {}
func (*IntLit) expr()         {}
func (*FloatLit) expr()       {}
func (*ImagLit) expr()        {}
func (*StrLit) expr()         {}
func (*BytesLit) expr()       {}
func (*FStringExpr) expr()    {}
func (*FormattedValue) expr() {}
func (*NoneLit) expr()        {}
func (*BoolLit) expr()        {}
func (*EllipsisLit) expr()    {}
func (*UnaryExpr) expr()      {}
func (*BinaryExpr) expr()     {}
func (*BoolExpr) expr()       {}
func (*CompareExpr) expr()    {}
func (*CondExpr) expr()       {}
func (*LambdaExpr) expr()     {}
func (*CallExpr) expr()       {}
func (*AttrExpr) expr()       {}
func (*IndexExpr) expr()      {}
func (*SliceExpr) expr()      {}
func (*StarredExpr) expr()    {}
func (*TupleExpr) expr()      {}
func (*ListExpr) expr()       {}
func (*SetExpr) expr()        {}
func (*DictExpr) expr()       {}
func (*ListComp) expr()       {}
func (*SetComp) expr()        {}
func (*DictComp) expr()       {}
func (*GeneratorExp) expr()   {}
func (*YieldExpr) expr()      {}
func (*YieldFromExpr) expr()  {}
func (*AwaitExpr) expr()      {}
func (*NamedExpr) expr()      {}
