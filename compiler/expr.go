package compiler

import (
	"math"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler/resolve"
	"github.com/nanolambda/nl/compiler/syntax"
)

func (fc *fcomp) binding(id *syntax.Ident) *resolve.Binding {
	b, _ := id.Binding.(*resolve.Binding)
	if b == nil {
		panic("unresolved name " + id.Name)
	}
	if id.Name == "__class__" {
		fc.pc.unsupported(id.NamePos, "'__class__'")
		return nil
	}
	return b
}

func (fc *fcomp) local(b *resolve.Binding) uint32 {
	if b.Index < 0 || b.Index >= len(fc.localSlot) || fc.localSlot[b.Index] < 0 {
		panic("bad local " + b.Name)
	}
	return uint32(fc.localSlot[b.Index])
}

// scopeOps are the instructions that load, store or delete a name, one per
// scope the resolver can give it; only a load reaches a Builtin.
type scopeOps struct {
	local, cell, global, name bytecode.Opcode
	builtin                   bytecode.Opcode
	hasBuiltin                bool
	verb                      string // for the internal-error panic
}

var (
	loadOps = scopeOps{bytecode.LOAD_LOCAL, bytecode.LOAD_CELL, bytecode.LOAD_GLOBAL, bytecode.LOAD_NAME,
		bytecode.LOAD_BUILTIN, true, "load of"}
	storeOps = scopeOps{local: bytecode.STORE_LOCAL, cell: bytecode.STORE_CELL, global: bytecode.STORE_GLOBAL,
		name: bytecode.STORE_NAME, verb: "store to"}
	delOps = scopeOps{local: bytecode.DEL_LOCAL, cell: bytecode.DEL_CELL, global: bytecode.DEL_GLOBAL,
		name: bytecode.DEL_NAME, verb: "del of"}
)

// nameOp emits the instruction of ops for binding b.
func (fc *fcomp) nameOp(b *resolve.Binding, ops scopeOps) {
	switch {
	case b.Scope == resolve.Local:
		fc.emit1(ops.local, fc.local(b))
	case b.Scope == resolve.Cell || b.Scope == resolve.Free:
		fc.emit1(ops.cell, fc.cellOf(b))
	case b.Scope == resolve.Global:
		fc.emit1(ops.global, uint32(b.Index))
	case b.Scope == resolve.Builtin && ops.hasBuiltin:
		fc.emit1(ops.builtin, fc.pc.str(b.Name))
	case b.Scope == resolve.Name:
		fc.emit1(ops.name, fc.pc.str(b.Name))
	default:
		panic(ops.verb + " " + b.Scope.String() + " " + b.Name)
	}
}

func (fc *fcomp) load(id *syntax.Ident) {
	b := fc.binding(id)
	if b == nil {
		fc.emit(bytecode.LOAD_NONE)
		return
	}
	fc.setPos(id.NamePos)
	fc.nameOp(b, loadOps)
}

func (fc *fcomp) emitConst(c bytecode.Constant) {
	fc.emit1(bytecode.CONSTANT, fc.pc.constant(c))
}

// emitInt pushes an int: small ones inline (INT), others from the pool.
func (fc *fcomp) emitInt(v int64) {
	// Operands are at most 2**31 (ReadInstr's bound), so INT holds |v| < 2**30.
	if v >= -1<<30 && v < 1<<30 {
		fc.emit1(bytecode.INT, uint32(bytecode.Zigzag(v)))
		return
	}
	fc.emitConst(bytecode.Constant{Kind: bytecode.ConstInt, Int: v})
}

// constOf returns the constant that x denotes, if x is a literal (or a tuple of
// literals, or a negated number).
func (fc *fcomp) constOf(x syntax.Expr) (bytecode.Constant, bool) {
	switch x := x.(type) {
	case *syntax.IntLit:
		if x.Big == nil {
			return bytecode.Constant{Kind: bytecode.ConstInt, Int: x.Value}, true
		}
	case *syntax.FloatLit:
		return bytecode.Constant{Kind: bytecode.ConstFloat, Float: x.Value}, true
	case *syntax.StrLit:
		return bytecode.Constant{Kind: bytecode.ConstStr, Str: x.Value}, true
	case *syntax.BytesLit:
		return bytecode.Constant{Kind: bytecode.ConstBytes, Str: x.Value}, true
	case *syntax.UnaryExpr:
		if x.Op == syntax.MINUS {
			switch y := x.X.(type) {
			case *syntax.IntLit:
				if y.Big == nil {
					return bytecode.Constant{Kind: bytecode.ConstInt, Int: -y.Value}, true
				}
				if y.Big.String() == "9223372036854775808" {
					return bytecode.Constant{Kind: bytecode.ConstInt, Int: math.MinInt64}, true
				}
			case *syntax.FloatLit:
				return bytecode.Constant{Kind: bytecode.ConstFloat, Float: -y.Value}, true
			}
		}
	case *syntax.BinaryExpr:
		return fc.foldBinary(x)
	case *syntax.TupleExpr:
		if len(x.Elts) == 0 || len(x.Elts) > 255 {
			return bytecode.Constant{}, false
		}
		var idx []int
		for _, e := range x.Elts {
			c, ok := fc.constOf(e)
			if !ok {
				return bytecode.Constant{}, false
			}
			idx = append(idx, int(fc.pc.constant(c)))
		}
		return bytecode.Constant{Kind: bytecode.ConstTuple, Tuple: idx}, true
	}
	return bytecode.Constant{}, false
}

func (fc *fcomp) expr(x syntax.Expr) {
	fc.setPos(x.Pos())
	switch x := x.(type) {
	case *syntax.Ident:
		fc.load(x)
	case *syntax.IntLit:
		if x.Big != nil {
			fc.pc.errorf(x.ValuePos, KindNotSupported, "integer literal %s does not fit in 64 bits (nl ints are 64-bit; larger values raise OverflowError)", x.Raw)
			fc.emit(bytecode.LOAD_NONE)
			return
		}
		fc.emitInt(x.Value)
	case *syntax.FloatLit, *syntax.StrLit, *syntax.BytesLit:
		c, _ := fc.constOf(x)
		fc.emitConst(c)
	case *syntax.ImagLit:
		fc.pc.unsupported(x.ValuePos, "complex numbers")
		fc.emit(bytecode.LOAD_NONE)
	case *syntax.NoneLit:
		fc.emit(bytecode.LOAD_NONE)
	case *syntax.BoolLit:
		if x.Value {
			fc.emit(bytecode.LOAD_TRUE)
		} else {
			fc.emit(bytecode.LOAD_FALSE)
		}
	case *syntax.EllipsisLit:
		fc.pc.unsupported(x.ValuePos, "Ellipsis ('...')")
		fc.emit(bytecode.LOAD_NONE)
	case *syntax.FStringExpr:
		fc.fstring(x)
	case *syntax.FormattedValue:
		fc.formatted(x)
	case *syntax.UnaryExpr:
		if c, ok := fc.constOf(x); ok {
			if c.Kind == bytecode.ConstInt {
				fc.emitInt(c.Int)
			} else {
				fc.emitConst(c)
			}
			return
		}
		fc.expr(x.X)
		fc.setPos(x.OpPos)
		switch x.Op {
		case syntax.PLUS:
			fc.emit(bytecode.UPLUS)
		case syntax.MINUS:
			fc.emit(bytecode.UMINUS)
		case syntax.TILDE:
			fc.emit(bytecode.INVERT)
		case syntax.NOT:
			fc.emit(bytecode.NOT)
		}
	case *syntax.BinaryExpr:
		if c, ok := fc.foldBinary(x); ok {
			fc.emitInt(c.Int)
			return
		}
		op, ok := binaryOps[x.Op]
		if !ok {
			fc.pc.unsupported(x.OpPos, "the '"+x.Op.String()+"' operator")
			fc.emit(bytecode.LOAD_NONE)
			return
		}
		fc.expr(x.X)
		fc.expr(x.Y)
		fc.setPos(x.Pos())
		fc.emit(op)
	case *syntax.BoolExpr:
		end := fc.newLabel()
		fc.expr(x.X)
		if x.Op == syntax.AND {
			fc.jump(bytecode.JUMP_IF_FALSE_OR_POP, end)
		} else {
			fc.jump(bytecode.JUMP_IF_TRUE_OR_POP, end)
		}
		fc.expr(x.Y)
		fc.bind(end)
	case *syntax.CompareExpr:
		fc.compare(x)
	case *syntax.CondExpr:
		els, end := fc.newLabel(), fc.newLabel()
		fc.condJump(x.Test, false, els)
		fc.expr(x.True)
		fc.jump(bytecode.JUMP, end)
		fc.bind(els)
		fc.expr(x.False)
		fc.bind(end)
	case *syntax.LambdaExpr:
		fc.lambda(x)
	case *syntax.CallExpr:
		fc.call(x)
	case *syntax.AttrExpr:
		fc.expr(x.X)
		fc.setPos(x.Pos())
		fc.emit1(bytecode.ATTR, fc.pc.str(x.Name.Name))
	case *syntax.IndexExpr:
		fc.expr(x.X)
		fc.subscript(x.Index)
		fc.setPos(x.Pos())
		fc.emit(bytecode.INDEX)
	case *syntax.SliceExpr:
		fc.pc.errorf(x.Start, KindSyntax, "invalid syntax")
		fc.emit(bytecode.LOAD_NONE)
	case *syntax.StarredExpr:
		fc.pc.errorf(x.Star, KindSyntax, "can't use starred expression here")
		fc.emit(bytecode.LOAD_NONE)
	case *syntax.TupleExpr:
		if c, ok := fc.constOf(x); ok {
			fc.emitConst(c)
			return
		}
		if hasStarred(x.Elts) {
			fc.sequence(x.Elts, bytecode.BUILD_LIST, bytecode.LIST_APPEND, bytecode.LIST_EXTEND)
			fc.emit(bytecode.LIST_TO_TUPLE)
			return
		}
		fc.tupleOf(x.Elts)
	case *syntax.ListExpr:
		fc.sequence(x.Elts, bytecode.BUILD_LIST, bytecode.LIST_APPEND, bytecode.LIST_EXTEND)
	case *syntax.SetExpr:
		fc.sequence(x.Elts, bytecode.BUILD_SET, bytecode.SET_ADD, bytecode.SET_UPDATE)
	case *syntax.DictExpr:
		fc.dict(x)
	case *syntax.ListComp:
		fc.comprehension(x.Scope, x.Lbrack, "<listcomp>", x.For, func(inner *fcomp, depth uint32) {
			inner.expr(x.Elt)
			inner.emit1(bytecode.LIST_APPEND, depth)
		})
	case *syntax.SetComp:
		fc.comprehension(x.Scope, x.Lbrace, "<setcomp>", x.For, func(inner *fcomp, depth uint32) {
			inner.expr(x.Elt)
			inner.emit1(bytecode.SET_ADD, depth)
		})
	case *syntax.DictComp:
		fc.comprehension(x.Scope, x.Lbrace, "<dictcomp>", x.For, func(inner *fcomp, depth uint32) {
			inner.expr(x.Key)
			inner.expr(x.Value)
			inner.emit1(bytecode.MAP_ADD, depth)
		})
	case *syntax.GeneratorExp:
		fc.comprehension(x.Scope, x.Lparen, "<genexpr>", x.For, func(inner *fcomp, depth uint32) {
			inner.expr(x.Elt)
			inner.emit(bytecode.YIELD)
			inner.emit(bytecode.POP)
		})
	case *syntax.YieldExpr:
		if x.Value != nil {
			fc.expr(x.Value)
		} else {
			fc.emit(bytecode.LOAD_NONE)
		}
		fc.setPos(x.Yield)
		fc.emit(bytecode.YIELD)
	case *syntax.YieldFromExpr:
		fc.expr(x.Value)
		fc.setPos(x.Yield)
		fc.emit(bytecode.GET_ITER)
		fc.emit(bytecode.YIELD_FROM)
	case *syntax.AwaitExpr:
		fc.pc.unsupported(x.Await, "'await'")
		fc.emit(bytecode.LOAD_NONE)
	case *syntax.NamedExpr:
		fc.pc.unsupported(x.Walrus, "the assignment expression ':='")
		fc.emit(bytecode.LOAD_NONE)
	default:
		fc.pc.unsupported(x.Pos(), "this expression")
		fc.emit(bytecode.LOAD_NONE)
	}
}

// tupleOf pushes a tuple of the given (unstarred) expressions.
func (fc *fcomp) tupleOf(xs []syntax.Expr) {
	if len(xs) > 0 {
		if c, ok := fc.constOf(&syntax.TupleExpr{Elts: xs}); ok {
			fc.emitConst(c)
			return
		}
	}
	for _, e := range xs {
		fc.expr(e)
	}
	fc.emit1(bytecode.BUILD_TUPLE, uint32(len(xs)))
}

// sequence builds a list or set display, with *x elements spliced in.
func (fc *fcomp) sequence(elts []syntax.Expr, build, add, extend bytecode.Opcode) {
	n := 0
	for n < len(elts) {
		if _, ok := elts[n].(*syntax.StarredExpr); ok {
			break
		}
		fc.expr(elts[n])
		n++
	}
	fc.emit1(build, uint32(n))
	for _, e := range elts[n:] {
		if s, ok := e.(*syntax.StarredExpr); ok {
			fc.expr(s.X)
			fc.emit1(extend, 1)
		} else {
			fc.expr(e)
			fc.emit1(add, 1)
		}
	}
}

func (fc *fcomp) dict(x *syntax.DictExpr) {
	n := 0
	for n < len(x.Items) && x.Items[n].Key != nil {
		fc.expr(x.Items[n].Key)
		fc.expr(x.Items[n].Value)
		n++
	}
	fc.emit1(bytecode.BUILD_DICT, uint32(n))
	for _, it := range x.Items[n:] {
		if it.Key == nil {
			fc.expr(it.Value)
			fc.emit1(bytecode.DICT_UPDATE, 1)
		} else {
			fc.expr(it.Key)
			fc.expr(it.Value)
			fc.emit1(bytecode.MAP_ADD, 1)
		}
	}
}

// index pushes a subscript: a value, a slice, or a tuple that may hold slices.
func (fc *fcomp) subscript(x syntax.Expr) {
	switch x := x.(type) {
	case *syntax.SliceExpr:
		fc.slice(x)
	case *syntax.TupleExpr:
		has := false
		for _, e := range x.Elts {
			if _, ok := e.(*syntax.SliceExpr); ok {
				has = true
			}
		}
		if !has {
			fc.expr(x)
			return
		}
		for _, e := range x.Elts {
			fc.subscript(e)
		}
		fc.emit1(bytecode.BUILD_TUPLE, uint32(len(x.Elts)))
	default:
		fc.expr(x)
	}
}

func (fc *fcomp) slice(x *syntax.SliceExpr) {
	for _, e := range []syntax.Expr{x.Lo, x.Hi} {
		if e == nil {
			fc.emit(bytecode.LOAD_NONE)
		} else {
			fc.expr(e)
		}
	}
	if x.Step != nil {
		fc.expr(x.Step)
		fc.emit1(bytecode.BUILD_SLICE, 3)
	} else {
		fc.emit1(bytecode.BUILD_SLICE, 2)
	}
}

var compareOps = map[syntax.Token]bytecode.Opcode{
	syntax.LT: bytecode.LT, syntax.GT: bytecode.GT, syntax.LE: bytecode.LE, syntax.GE: bytecode.GE,
	syntax.EQL: bytecode.EQ, syntax.NEQ: bytecode.NE, syntax.IN: bytecode.IN, syntax.NOT_IN: bytecode.NOT_IN,
	syntax.IS: bytecode.IS, syntax.IS_NOT: bytecode.IS_NOT,
}

// compare compiles a comparison chain: a < b < c evaluates b once and stops at
// the first false link.
func (fc *fcomp) compare(x *syntax.CompareExpr) {
	fc.expr(x.X)
	if len(x.Ops) == 1 {
		fc.expr(x.Ys[0])
		fc.setPos(x.OpsPos[0])
		fc.emit(compareOps[x.Ops[0]])
		return
	}
	cleanup, end := fc.newLabel(), fc.newLabel()
	for i, op := range x.Ops {
		fc.expr(x.Ys[i])
		if i < len(x.Ops)-1 {
			fc.emit(bytecode.DUP)  // a b b
			fc.emit(bytecode.ROT3) // b a b
			fc.setPos(x.OpsPos[i])
			fc.emit(compareOps[op]) // b r
			fc.jump(bytecode.JUMP_IF_FALSE_OR_POP, cleanup)
		} else {
			fc.setPos(x.OpsPos[i])
			fc.emit(compareOps[op])
		}
	}
	fc.jump(bytecode.JUMP, end)
	fc.bind(cleanup) // b r(false)
	fc.emit(bytecode.ROT2)
	fc.emit(bytecode.POP)
	fc.bind(end)
}

// call compiles a call; f(*a, **k) forms use CALL_VAR.
func (fc *fcomp) call(x *syntax.CallExpr) {
	// Zero-argument super() uses the method's defining class and first argument.
	if id, ok := x.Fn.(*syntax.Ident); ok && id.Name == "super" && len(x.Args) == 0 && len(x.Keywords) == 0 {
		if b, _ := id.Binding.(*resolve.Binding); b != nil && b.Scope == resolve.Builtin {
			fc.setPos(x.Pos())
			fc.emit(bytecode.SUPER)
			return
		}
	}
	fc.expr(x.Fn)
	varForm := hasStarred(x.Args)
	for _, k := range x.Keywords {
		if k.Name == nil {
			varForm = true
		}
	}
	if varForm {
		fc.sequence(x.Args, bytecode.BUILD_LIST, bytecode.LIST_APPEND, bytecode.LIST_EXTEND)
		fc.emit(bytecode.LIST_TO_TUPLE)
		if len(x.Keywords) > 0 {
			fc.emit1(bytecode.BUILD_DICT, 0)
			for _, k := range x.Keywords {
				if k.Name != nil {
					fc.emitConst(bytecode.Constant{Kind: bytecode.ConstStr, Str: k.Name.Name})
					fc.expr(k.Value)
					fc.emit1(bytecode.BUILD_DICT, 1)
				} else {
					fc.expr(k.Value)
				}
				fc.setPos(k.Start)
				fc.emit1(bytecode.DICT_MERGE, 1)
			}
			fc.setPos(x.Pos())
			fc.emit1(bytecode.CALL_VAR, 1)
		} else {
			fc.setPos(x.Pos())
			fc.emit1(bytecode.CALL_VAR, 0)
		}
		return
	}
	if len(x.Args) > 255 || len(x.Keywords) > 255 {
		fc.pc.unsupported(x.Lparen, "a call with more than 255 positional or keyword arguments")
		return
	}
	for _, a := range x.Args {
		fc.expr(a)
	}
	for _, k := range x.Keywords {
		fc.expr(k.Value)
	}
	if len(x.Keywords) > 0 {
		var idx []int
		for _, k := range x.Keywords {
			idx = append(idx, int(fc.pc.constant(bytecode.Constant{Kind: bytecode.ConstStr, Str: k.Name.Name})))
		}
		fc.emitConst(bytecode.Constant{Kind: bytecode.ConstTuple, Tuple: idx})
	}
	fc.setPos(x.Pos())
	fc.emit1(bytecode.CALL, uint32(len(x.Args)|len(x.Keywords)<<8))
}

// fstring builds an f-string from its literal and formatted parts.
func (fc *fcomp) fstring(x *syntax.FStringExpr) {
	if len(x.Parts) == 0 {
		fc.emitConst(bytecode.Constant{Kind: bytecode.ConstStr, Str: ""})
		return
	}
	if len(x.Parts) == 1 {
		if s, ok := x.Parts[0].(*syntax.StrLit); ok {
			fc.emitConst(bytecode.Constant{Kind: bytecode.ConstStr, Str: s.Value})
			return
		}
	}
	for _, p := range x.Parts {
		fc.expr(p)
	}
	if len(x.Parts) > 1 {
		fc.setPos(x.ValuePos)
		fc.emit1(bytecode.BUILD_STRING, uint32(len(x.Parts)))
	}
}

func (fc *fcomp) formatted(x *syntax.FormattedValue) {
	fc.expr(x.Value)
	var flags uint32
	switch x.Conversion {
	case 's':
		flags = 1
	case 'r':
		flags = 2
	case 'a':
		flags = 3
	}
	if x.Spec != nil {
		fc.fstring(x.Spec)
		flags |= 4
	}
	fc.setPos(x.Lbrace)
	fc.emit1(bytecode.FORMAT_VALUE, flags)
}

// foldBinary evaluates an operation on two int constants at compile time when the
// result is exact in 64 bits and Python's semantics are certain (so 60*60*24 is one
// constant); anything that would raise at run time is left to the VM.
func (fc *fcomp) foldBinary(x *syntax.BinaryExpr) (bytecode.Constant, bool) {
	cx, ok1 := fc.constOf(x.X)
	cy, ok2 := fc.constOf(x.Y)
	if !ok1 || !ok2 || cx.Kind != bytecode.ConstInt || cy.Kind != bytecode.ConstInt {
		return bytecode.Constant{}, false
	}
	a, b := cx.Int, cy.Int
	var r int64
	switch x.Op {
	case syntax.PLUS:
		r = a + b
		if (r > a) != (b > 0) {
			return bytecode.Constant{}, false
		}
	case syntax.MINUS:
		r = a - b
		if (r < a) != (b > 0) {
			return bytecode.Constant{}, false
		}
	case syntax.STAR:
		if a != 0 && b != 0 {
			r = a * b
			if r/b != a || (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
				return bytecode.Constant{}, false
			}
		}
	case syntax.SLASHSLASH, syntax.PERCENT:
		if b == 0 || (a == math.MinInt64 && b == -1) {
			return bytecode.Constant{}, false
		}
		q, m := a/b, a%b
		if m != 0 && (m < 0) != (b < 0) { // Python rounds toward -inf
			q--
			m += b
		}
		if x.Op == syntax.SLASHSLASH {
			r = q
		} else {
			r = m
		}
	case syntax.LTLT:
		if b < 0 || b > 62 || a < 0 || a > math.MaxInt64>>b {
			return bytecode.Constant{}, false
		}
		r = a << b
	case syntax.GTGT:
		if b < 0 {
			return bytecode.Constant{}, false
		}
		r = a >> min(b, 63)
	case syntax.AMP:
		r = a & b
	case syntax.PIPE:
		r = a | b
	case syntax.CIRCUMFLEX:
		r = a ^ b
	default:
		return bytecode.Constant{}, false
	}
	return bytecode.Constant{Kind: bytecode.ConstInt, Int: r}, true
}
