package compiler

import (
	"strings"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler/syntax"
)

func (fc *fcomp) stmts(list []syntax.Stmt) {
	for _, s := range list {
		fc.stmt(s)
	}
}

func (fc *fcomp) stmt(s syntax.Stmt) {
	fc.setPos(s.Pos())
	switch s := s.(type) {
	case *syntax.ExprStmt:
		if isConstExpr(s.X) {
			return // docstrings and other constant statements have no effect
		}
		fc.expr(s.X)
		fc.emit(bytecode.POP)
	case *syntax.AssignStmt:
		fc.assign(s)
	case *syntax.AugAssignStmt:
		fc.augAssign(s)
	case *syntax.AnnAssignStmt:
		if s.Value != nil {
			fc.expr(s.Value)
			fc.store(s.Target)
		}
	case *syntax.DelStmt:
		for _, t := range s.Targets {
			fc.del(t)
		}
	case *syntax.PassStmt, *syntax.GlobalStmt, *syntax.NonlocalStmt:
	case *syntax.BreakStmt:
		fc.breakContinue(s.Break, true)
	case *syntax.ContinueStmt:
		fc.breakContinue(s.Continue, false)
	case *syntax.ReturnStmt:
		if s.Value != nil {
			fc.expr(s.Value)
		} else {
			fc.emit(bytecode.LOAD_NONE)
		}
		fc.setPos(s.Return)
		fc.exitBlocks(0, true)
		fc.emit(bytecode.RETURN)
	case *syntax.RaiseStmt:
		switch {
		case s.Exc == nil:
			fc.emit1(bytecode.RAISE, 0)
		case s.Cause == nil:
			fc.expr(s.Exc)
			fc.setPos(s.Raise)
			fc.emit1(bytecode.RAISE, 1)
		default:
			fc.expr(s.Exc)
			fc.expr(s.Cause)
			fc.setPos(s.Raise)
			fc.emit1(bytecode.RAISE, 2)
		}
	case *syntax.AssertStmt:
		ok := fc.newLabel()
		fc.condJump(s.Test, true, ok)
		fc.setPos(s.Assert)
		fc.emit1(bytecode.LOAD_BUILTIN, fc.pc.str("AssertionError"))
		if s.Msg != nil {
			fc.expr(s.Msg)
			fc.setPos(s.Assert)
			fc.emit1(bytecode.CALL, 1)
		}
		fc.emit1(bytecode.RAISE, 1)
		fc.bind(ok)
	case *syntax.ImportStmt:
		for _, a := range s.Names {
			if strings.Contains(a.Name, ".") && a.AsName == nil {
				fc.pc.unsupported(a.NamePos, "importing a dotted module name without 'as'")
				continue
			}
			fc.setPos(a.NamePos)
			fc.emit1(bytecode.IMPORT_NAME, fc.pc.str(a.Name))
			fc.store(a.Bound)
		}
	case *syntax.ImportFromStmt:
		if s.Level > 0 {
			fc.pc.unsupported(s.From, "relative import")
			return
		}
		if s.Star {
			fc.pc.unsupported(s.From, "'from ... import *'")
			return
		}
		fc.emit1(bytecode.IMPORT_NAME, fc.pc.str(s.Module))
		for _, a := range s.Names {
			fc.setPos(a.NamePos)
			fc.emit1(bytecode.IMPORT_FROM, fc.pc.str(a.Name))
			fc.store(a.Bound)
		}
		fc.emit(bytecode.POP)
	case *syntax.IfStmt:
		fc.ifStmt(s)
	case *syntax.WhileStmt:
		fc.whileStmt(s)
	case *syntax.ForStmt:
		fc.forStmt(s)
	case *syntax.TryStmt:
		fc.tryStmt(s)
	case *syntax.DefStmt:
		fc.defStmt(s)
	case *syntax.ClassDef:
		fc.classDef(s)
	case *syntax.WithStmt:
		if s.Async {
			fc.pc.unsupported(s.With, "'async with'")
		} else {
			fc.pc.unsupported(s.With, "the 'with' statement")
		}
	case *syntax.MatchStmt:
		fc.pc.unsupported(s.Match, "the 'match' statement")
	default:
		fc.pc.unsupported(s.Pos(), "this statement")
	}
}

func isConstExpr(x syntax.Expr) bool {
	switch x.(type) {
	case *syntax.StrLit, *syntax.IntLit, *syntax.FloatLit, *syntax.NoneLit, *syntax.BoolLit, *syntax.BytesLit, *syntax.EllipsisLit:
		return true
	}
	return false
}

func (fc *fcomp) assign(s *syntax.AssignStmt) {
	// a, b = b, a (two or three plain names): rotate instead of building a tuple.
	if len(s.Targets) == 1 {
		if lt, ok := s.Targets[0].(*syntax.TupleExpr); ok {
			if rt, ok := s.Value.(*syntax.TupleExpr); ok && len(lt.Elts) == len(rt.Elts) &&
				(len(lt.Elts) == 2 || len(lt.Elts) == 3) && !hasStarred(lt.Elts) && !hasStarred(rt.Elts) {
				for _, v := range rt.Elts {
					fc.expr(v)
				}
				if len(lt.Elts) == 3 {
					fc.emit(bytecode.ROT3)
				}
				fc.emit(bytecode.ROT2)
				for _, t := range lt.Elts {
					fc.store(t)
				}
				return
			}
		}
	}
	fc.expr(s.Value)
	for i, t := range s.Targets {
		if i < len(s.Targets)-1 {
			fc.emit(bytecode.DUP)
		}
		fc.store(t)
	}
}

func hasStarred(xs []syntax.Expr) bool {
	for _, x := range xs {
		if _, ok := x.(*syntax.StarredExpr); ok {
			return true
		}
	}
	return false
}

var binaryOps = map[syntax.Token]bytecode.Opcode{
	syntax.PLUS: bytecode.ADD, syntax.MINUS: bytecode.SUB, syntax.STAR: bytecode.MUL,
	syntax.SLASH: bytecode.TRUEDIV, syntax.SLASHSLASH: bytecode.FLOORDIV, syntax.PERCENT: bytecode.MOD,
	syntax.STARSTAR: bytecode.POW, syntax.LTLT: bytecode.LSHIFT, syntax.GTGT: bytecode.RSHIFT,
	syntax.AMP: bytecode.BITAND, syntax.PIPE: bytecode.BITOR, syntax.CIRCUMFLEX: bytecode.BITXOR,
}

func (fc *fcomp) augAssign(s *syntax.AugAssignStmt) {
	bop := s.Op.BinaryOp()
	op, ok := binaryOps[bop]
	if !ok {
		fc.pc.unsupported(s.OpPos, "the '"+s.Op.String()+"' operator")
		return
	}
	switch t := s.Target.(type) {
	case *syntax.Ident:
		fc.load(t)
		fc.expr(s.Value)
		fc.setPos(s.OpPos)
		fc.emit1(bytecode.INPLACE, uint32(op))
		fc.store(t)
	case *syntax.AttrExpr:
		fc.expr(t.X)
		fc.emit(bytecode.DUP)
		fc.setPos(t.Dot)
		fc.emit1(bytecode.ATTR, fc.pc.str(t.Name.Name))
		fc.expr(s.Value)
		fc.setPos(s.OpPos)
		fc.emit1(bytecode.INPLACE, uint32(op))
		fc.emit(bytecode.ROT2)
		fc.emit1(bytecode.SET_ATTR, fc.pc.str(t.Name.Name))
	case *syntax.IndexExpr:
		fc.expr(t.X)
		fc.subscript(t.Index)
		fc.emit(bytecode.DUP2)
		fc.setPos(t.Lbrack)
		fc.emit(bytecode.INDEX)
		fc.expr(s.Value)
		fc.setPos(s.OpPos)
		fc.emit1(bytecode.INPLACE, uint32(op))
		fc.emit(bytecode.ROT3)
		fc.emit(bytecode.STORE_INDEX)
	default:
		fc.pc.errorf(s.Target.Pos(), KindSyntax, "'%s' is an illegal expression for augmented assignment", describe(s.Target))
	}
}

// store pops the top of stack into the target t.
func (fc *fcomp) store(t syntax.Expr) {
	switch t := t.(type) {
	case *syntax.Ident:
		b := fc.binding(t)
		if b == nil {
			return
		}
		fc.nameOp(b, storeOps)
	case *syntax.AttrExpr:
		fc.expr(t.X)
		fc.setPos(t.Dot)
		fc.emit1(bytecode.SET_ATTR, fc.pc.str(t.Name.Name))
	case *syntax.IndexExpr:
		fc.expr(t.X)
		fc.subscript(t.Index)
		fc.setPos(t.Lbrack)
		fc.emit(bytecode.STORE_INDEX)
	case *syntax.TupleExpr:
		fc.unpack(t.Pos(), t.Elts)
	case *syntax.ListExpr:
		fc.unpack(t.Pos(), t.Elts)
	case *syntax.StarredExpr:
		fc.pc.errorf(t.Star, KindSyntax, "starred assignment target must be in a list or tuple")
	default:
		fc.pc.errorf(t.Pos(), KindSyntax, "cannot assign to %s", describe(t))
	}
}

func (fc *fcomp) unpack(pos syntax.Position, elts []syntax.Expr) {
	fc.setPos(pos)
	star := -1
	for i, e := range elts {
		if _, ok := e.(*syntax.StarredExpr); ok {
			if star >= 0 {
				fc.pc.errorf(e.Pos(), KindSyntax, "multiple starred expressions in assignment")
				return
			}
			star = i
		}
	}
	if star < 0 {
		if len(elts) > 0xffff {
			fc.pc.errorf(pos, KindSyntax, "too many expressions in star-unpacking assignment")
			return
		}
		fc.emit1(bytecode.UNPACK, uint32(len(elts)))
	} else {
		before, after := star, len(elts)-star-1
		if before > 0xff || after > 0xff {
			fc.pc.errorf(pos, KindSyntax, "too many expressions in star-unpacking assignment")
			return
		}
		fc.emit1(bytecode.UNPACK_EX, uint32(before|after<<8))
	}
	for _, e := range elts {
		if s, ok := e.(*syntax.StarredExpr); ok {
			e = s.X
		}
		fc.store(e)
	}
}

func (fc *fcomp) del(t syntax.Expr) {
	switch t := t.(type) {
	case *syntax.Ident:
		b := fc.binding(t)
		if b == nil {
			return
		}
		fc.setPos(t.NamePos)
		fc.nameOp(b, delOps)
	case *syntax.AttrExpr:
		fc.expr(t.X)
		fc.setPos(t.Dot)
		fc.emit1(bytecode.DEL_ATTR, fc.pc.str(t.Name.Name))
	case *syntax.IndexExpr:
		fc.expr(t.X)
		fc.subscript(t.Index)
		fc.setPos(t.Lbrack)
		fc.emit(bytecode.DEL_INDEX)
	case *syntax.TupleExpr:
		for _, e := range t.Elts {
			fc.del(e)
		}
	case *syntax.ListExpr:
		for _, e := range t.Elts {
			fc.del(e)
		}
	default:
		fc.pc.errorf(t.Pos(), KindSyntax, "cannot delete %s", describe(t))
	}
}

// condJump evaluates cond and jumps to target when its truth equals when.
func (fc *fcomp) condJump(cond syntax.Expr, when bool, target *label) {
	if u, ok := cond.(*syntax.UnaryExpr); ok && u.Op == syntax.NOT {
		fc.condJump(u.X, !when, target)
		return
	}
	if b, ok := cond.(*syntax.BoolExpr); ok {
		// a and b: jump-if-false on either; jump-if-true needs both.
		if (b.Op == syntax.AND) != when {
			fc.condJump(b.X, when, target)
			fc.condJump(b.Y, when, target)
		} else {
			skip := fc.newLabel()
			fc.condJump(b.X, !when, skip)
			fc.condJump(b.Y, when, target)
			fc.bind(skip)
		}
		return
	}
	fc.expr(cond)
	if when {
		fc.jump(bytecode.POP_JUMP_IF_TRUE, target)
	} else {
		fc.jump(bytecode.POP_JUMP_IF_FALSE, target)
	}
}

// constTruth reports whether x is a literal with a known truth value.
func constTruth(x syntax.Expr) (truth, ok bool) {
	switch x := x.(type) {
	case *syntax.BoolLit:
		return x.Value, true
	case *syntax.IntLit:
		return x.Big != nil || x.Value != 0, true
	case *syntax.NoneLit:
		return false, true
	}
	return false, false
}

func (fc *fcomp) ifStmt(s *syntax.IfStmt) {
	end := fc.newLabel()
	if t, ok := constTruth(s.Test); ok {
		if t {
			fc.stmts(s.Body)
		} else {
			fc.stmts(s.Else)
		}
		return
	}
	els := fc.newLabel()
	fc.condJump(s.Test, false, els)
	fc.stmts(s.Body)
	if len(s.Else) > 0 {
		if fc.live {
			fc.jump(bytecode.JUMP, end)
		}
		fc.bind(els)
		fc.stmts(s.Else)
	} else {
		fc.bind(els)
	}
	fc.bind(end)
}

func (fc *fcomp) whileStmt(s *syntax.WhileStmt) {
	top, els, end := fc.newLabel(), fc.newLabel(), fc.newLabel()
	fc.bind(top)
	t, isConst := constTruth(s.Test)
	if !isConst {
		fc.condJump(s.Test, false, els)
	} else if !t {
		fc.jump(bytecode.JUMP, els)
	}
	fc.blocks = append(fc.blocks, &block{kind: loopBlock, brk: end, cont: top, depth: fc.depth, handlerLevel: len(fc.handlers)})
	fc.stmts(s.Body)
	fc.blocks = fc.blocks[:len(fc.blocks)-1]
	if fc.live {
		fc.jump(bytecode.JUMP, top)
	}
	fc.bind(els)
	fc.stmts(s.Else)
	fc.bind(end)
}

func (fc *fcomp) forStmt(s *syntax.ForStmt) {
	if s.Async {
		fc.pc.unsupported(s.For, "'async for'")
		return
	}
	fc.expr(s.Iter)
	fc.setPos(s.For)
	fc.emit(bytecode.GET_ITER)
	top, els, end := fc.newLabel(), fc.newLabel(), fc.newLabel()
	fc.bind(top)
	fc.jump(bytecode.FOR_ITER, els)
	fc.store(s.Target)
	fc.blocks = append(fc.blocks, &block{kind: loopBlock, forLoop: true, brk: end, cont: top, depth: fc.depth, handlerLevel: len(fc.handlers)})
	fc.stmts(s.Body)
	fc.blocks = fc.blocks[:len(fc.blocks)-1]
	if fc.live {
		fc.jump(bytecode.JUMP, top)
	}
	fc.bind(els)
	fc.stmts(s.Else)
	fc.bind(end)
}

func (fc *fcomp) breakContinue(pos syntax.Position, isBreak bool) {
	// Find the innermost loop.
	i := len(fc.blocks) - 1
	for ; i >= 0 && fc.blocks[i].kind != loopBlock; i-- {
	}
	if i < 0 {
		if isBreak {
			fc.pc.errorf(pos, KindSyntax, "'break' outside loop")
		} else {
			fc.pc.errorf(pos, KindSyntax, "'continue' not properly in loop")
		}
		return
	}
	fc.exitBlocks(i+1, false)
	loop := fc.blocks[i]
	saved := fc.handlers
	fc.handlers = fc.handlers[:loop.handlerLevel:loop.handlerLevel]
	fc.popTo(loop.depth)
	if isBreak {
		if loop.forLoop {
			fc.emit(bytecode.POP)
		}
		fc.jump(bytecode.JUMP, loop.brk)
	} else {
		fc.jump(bytecode.JUMP, loop.cont)
	}
	fc.handlers = saved
	fc.live = false
}

// popTo pops stack items down to depth d.
func (fc *fcomp) popTo(d int) {
	for fc.depth > d {
		fc.emit(bytecode.POP)
	}
}

// exitBlocks emits what leaving every block from the innermost down to
// blocks[downTo] needs: finally bodies, restoring the handled exception. For a
// return (keepTop) the return value stays on top and except blocks need nothing:
// the VM restores the handled exception when the frame returns.
func (fc *fcomp) exitBlocks(downTo int, keepTop bool) {
	savedHandlers := fc.handlers
	savedBlocks := fc.blocks
	savedDepth := fc.depth
	for i := len(savedBlocks) - 1; i >= downTo; i-- {
		b := savedBlocks[i]
		switch b.kind {
		case finallyBlock:
			// Three-index slices: the inlined body pushes handlers and blocks of
			// its own, which must not overwrite the saved stacks.
			fc.handlers = savedHandlers[:b.handlerLevel:b.handlerLevel]
			fc.blocks = savedBlocks[:i:i]
			fc.stmts(b.finally)
		case exceptBlock:
			if !keepTop {
				// Handlers of try statements inside the block no longer apply.
				fc.handlers = savedHandlers[:b.innerLevel:b.innerLevel]
				fc.popTo(b.depth)
				fc.emit(bytecode.POP_EXCEPT)
			}
		case finallyHandlerBlock:
			if !keepTop {
				fc.handlers = savedHandlers[:b.innerLevel:b.innerLevel]
				fc.popTo(b.depth)
				fc.emit(bytecode.POP)
				fc.emit(bytecode.POP_EXCEPT)
			}
		}
		fc.handlers = savedHandlers[:b.handlerLevel:b.handlerLevel]
	}
	fc.handlers = savedHandlers
	fc.blocks = savedBlocks
	if keepTop {
		fc.depth = savedDepth
	}
}

func (fc *fcomp) tryStmt(s *syntax.TryStmt) {
	if s.Star {
		fc.pc.unsupported(s.Try, "'except*'")
		return
	}
	if len(s.Finally) == 0 {
		fc.tryExcept(s)
		return
	}
	d := fc.depth
	fin := fc.newLabel()
	level := len(fc.handlers)
	fc.pushHandler(fin, d)
	fc.blocks = append(fc.blocks, &block{kind: finallyBlock, finally: s.Finally, depth: d, handlerLevel: level})
	if len(s.Handlers) > 0 {
		fc.tryExcept(s)
	} else {
		fc.stmts(s.Body)
	}
	fc.blocks = fc.blocks[:len(fc.blocks)-1]
	fc.popHandler()
	end := fc.newLabel()
	if fc.live {
		fc.stmts(s.Finally)
		if fc.live {
			fc.jump(bytecode.JUMP, end)
		}
	}
	// The exceptional path: run the finally body, then re-raise.
	fc.bindHandler(fin, d+1)
	fc.setPos(s.Finally[0].Pos())
	fc.emit(bytecode.PUSH_EXC)
	cleanup := fc.newLabel()
	fc.pushHandler(cleanup, d+1)
	fc.blocks = append(fc.blocks, &block{kind: finallyHandlerBlock, depth: d + 2, handlerLevel: level, innerLevel: len(fc.handlers)})
	fc.stmts(s.Finally)
	fc.blocks = fc.blocks[:len(fc.blocks)-1]
	fc.popHandler()
	if fc.live {
		fc.emit(bytecode.ROT2)
		fc.emit(bytecode.POP_EXCEPT)
		fc.emit(bytecode.RERAISE)
	}
	fc.bindHandler(cleanup, d+2)
	fc.emit(bytecode.ROT2)
	fc.emit(bytecode.POP_EXCEPT)
	fc.emit(bytecode.RERAISE)
	fc.bind(end)
}

// tryExcept compiles the try body, except clauses and else clause of s.
func (fc *fcomp) tryExcept(s *syntax.TryStmt) {
	d := fc.depth
	h := fc.newLabel()
	level := len(fc.handlers)
	fc.pushHandler(h, d)
	fc.stmts(s.Body)
	fc.popHandler()
	els, end := fc.newLabel(), fc.newLabel()
	if fc.live {
		fc.jump(bytecode.JUMP, els)
	}
	fc.bindHandler(h, d+1)
	fc.setPos(s.Handlers[0].Except)
	fc.emit(bytecode.PUSH_EXC) // [prev exc]
	cleanup := fc.newLabel()
	fc.pushHandler(cleanup, d+1)
	type namedCleanup struct {
		l    *label
		name *syntax.Ident
	}
	var namedCleanups []namedCleanup
	for i, hd := range s.Handlers {
		fc.setPos(hd.Except)
		next := fc.newLabel()
		if hd.Type != nil {
			fc.expr(hd.Type)
			fc.setPos(hd.Except)
			fc.emit(bytecode.EXC_MATCH)
			fc.jump(bytecode.POP_JUMP_IF_FALSE, next)
		} else if i != len(s.Handlers)-1 {
			fc.pc.errorf(hd.Except, KindSyntax, "default 'except:' must be last")
		}
		var named *label
		if hd.Name != nil {
			fc.store(hd.Name)
			// An exception leaving the body must unbind the name too.
			named = fc.newLabel()
			fc.popHandler()
			fc.pushHandler(named, d+1)
		} else {
			fc.emit(bytecode.POP)
		}
		fc.blocks = append(fc.blocks, &block{kind: exceptBlock, depth: d + 1, handlerLevel: level, innerLevel: len(fc.handlers)})
		fc.stmts(hd.Body)
		fc.blocks = fc.blocks[:len(fc.blocks)-1]
		fc.popHandler()
		if named != nil {
			namedCleanups = append(namedCleanups, namedCleanup{named, hd.Name})
		}
		if fc.live {
			fc.emit(bytecode.POP_EXCEPT)
			if hd.Name != nil {
				fc.emit(bytecode.LOAD_NONE)
				fc.store(hd.Name)
				fc.del(hd.Name)
			}
			fc.jump(bytecode.JUMP, end)
		}
		fc.pushHandler(cleanup, d+1)
		if hd.Type != nil {
			fc.bind(next)
		}
	}
	if fc.live {
		fc.emit(bytecode.RERAISE) // no clause matched
	}
	fc.popHandler()
	// [prev exc2]: unbind "as" names, restore the handled exception, propagate.
	for _, nc := range namedCleanups {
		fc.bindHandler(nc.l, d+2)
		fc.setPos(nc.name.NamePos)
		fc.emit(bytecode.LOAD_NONE)
		fc.store(nc.name)
		fc.del(nc.name)
		fc.emit(bytecode.ROT2)
		fc.emit(bytecode.POP_EXCEPT)
		fc.emit(bytecode.RERAISE)
	}
	fc.bindHandler(cleanup, d+2)
	fc.emit(bytecode.ROT2)
	fc.emit(bytecode.POP_EXCEPT)
	fc.emit(bytecode.RERAISE)
	fc.bind(els)
	fc.stmts(s.Else)
	fc.bind(end)
}

// describe names an expression kind the way CPython's messages do.
func describe(x syntax.Expr) string {
	switch x := x.(type) {
	case *syntax.CallExpr:
		return "function call"
	case *syntax.IntLit, *syntax.FloatLit, *syntax.StrLit, *syntax.BytesLit, *syntax.BoolLit, *syntax.NoneLit, *syntax.EllipsisLit:
		return "literal"
	case *syntax.BinaryExpr, *syntax.UnaryExpr:
		return "expression"
	case *syntax.CompareExpr:
		return "comparison"
	case *syntax.LambdaExpr:
		return "lambda"
	case *syntax.Ident:
		return "name '" + x.Name + "'"
	}
	return "expression"
}
