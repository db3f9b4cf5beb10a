package compiler

import (
	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler/resolve"
	"github.com/nanolambda/nl/compiler/syntax"
)

// implicitClassCell reports whether b is the resolver's implicit "__class__" cell.
// nl finds the class for zero-argument super() through the SUPER opcode instead
// (the VM records each method's defining class), so these cells are dropped.
func implicitClassCell(b *resolve.Binding) bool {
	return b != nil && b.Name == "__class__" && b.First == nil
}

func (pc *progComp) compileModule(f *syntax.File, mod *resolve.Module) *bytecode.Program {
	for _, g := range mod.Globals {
		pc.prog.Globals = append(pc.prog.Globals, g.Name)
	}
	fc := pc.newFcomp(mod.Function, "<module>", 0)
	fc.stmts(f.Body)
	if fc.live {
		fc.emit(bytecode.LOAD_NONE)
		fc.emit(bytecode.RETURN)
	}
	fc.finish()
	pc.layoutConstants()
	for _, f := range pc.finished {
		f.assemble()
	}
	return pc.prog
}

// newFcomp allocates a Funcode for fn and lays out its frame.
func (pc *progComp) newFcomp(fn *resolve.Function, name string, flags uint8) *fcomp {
	index := len(pc.prog.Functions)
	f := &bytecode.Funcode{Name: name, Line: fn.Pos.Line, Col: fn.Pos.Col, Flags: flags}
	if pc.opts.Strip {
		f.Col = 0
	}
	pc.prog.Functions = append(pc.prog.Functions, f)
	pc.str(name)
	fc := &fcomp{pc: pc, fn: fn, f: f, findex: index, live: true}
	if fn.HasVarargs {
		f.Flags |= bytecode.FlagVarargs
	}
	if fn.HasKwargs {
		f.Flags |= bytecode.FlagKwargs
	}
	if fn.Generator && fn.Kind != resolve.ModuleScope && fn.Kind != resolve.ClassScope {
		f.Flags |= bytecode.FlagGenerator
	}
	f.NumParams = fn.NumParams
	f.NumPosonly = fn.NumPosOnly
	f.NumKwonly = fn.NumKwonly
	nparams := f.NumParamSlots()

	// Local slots: parameters keep their positions (arguments arrive there);
	// other locals get a slot unless they live in a cell.
	fc.localSlot = make([]int, len(fn.Locals))
	fc.cellSlot = make([]int, len(fn.Locals))
	var cellNames []string
	// The resolver orders parameters as Params.All (positional, *args, keyword-only,
	// **kwargs); frames put *args after the keyword-only ones (docs/bytecode.md).
	paramSlot := func(i int) int {
		if fn.HasVarargs && i >= fn.NumParams {
			switch {
			case i == fn.NumParams:
				return fn.NumParams + fn.NumKwonly
			case i <= fn.NumParams+fn.NumKwonly:
				return i - 1
			}
		}
		return i
	}
	localNames := make([]string, min(nparams, len(fn.Locals)))
	for i, b := range fn.Locals {
		fc.localSlot[i], fc.cellSlot[i] = -1, -1
		if implicitClassCell(b) {
			continue
		}
		if i < nparams {
			fc.localSlot[i] = paramSlot(i)
			localNames[fc.localSlot[i]] = b.Name
		} else if b.Scope != resolve.Cell {
			fc.localSlot[i] = len(localNames)
			localNames = append(localNames, b.Name)
		}
		if b.Scope == resolve.Cell {
			fc.cellSlot[i] = len(cellNames)
			cellNames = append(cellNames, b.Name)
		}
	}
	f.NumCells = len(cellNames)
	fc.freeSlot = make([]int, len(fn.FreeVars))
	for i, b := range fn.FreeVars {
		fc.freeSlot[i] = -1
		if implicitClassCell(b) {
			continue
		}
		fc.freeSlot[i] = len(cellNames)
		cellNames = append(cellNames, b.Name)
	}
	f.NumFree = len(cellNames) - f.NumCells
	f.NumLocals = len(localNames)
	f.LocalNames = localNames
	f.CellNames = cellNames
	if pc.opts.Strip {
		f.LocalNames = localNames[:nparams]
		f.CellNames = nil
	}
	for _, n := range f.LocalNames {
		pc.str(n)
	}
	for _, n := range f.CellNames {
		pc.str(n)
	}
	fc.setPos(fn.Pos)
	// Captured parameters move into their cells before the body runs.
	for i := 0; i < nparams && i < len(fn.Locals); i++ {
		if fc.cellSlot[i] >= 0 {
			fc.emit1(bytecode.LOAD_LOCAL, uint32(fc.localSlot[i]))
			fc.emit1(bytecode.STORE_CELL, uint32(fc.cellSlot[i]))
		}
	}
	return fc
}

// closure pushes the cells that the function inner captures (a tuple), if any,
// and returns whether it did.
func (fc *fcomp) closure(inner *resolve.Function) bool {
	n := 0
	for _, b := range inner.FreeVars {
		if implicitClassCell(b) {
			continue
		}
		fc.emit1(bytecode.LOAD_CLOSURE, fc.cellOf(b))
		n++
	}
	if n > 0 {
		fc.emit1(bytecode.BUILD_TUPLE, uint32(n))
	}
	return n > 0
}

// cellOf returns the cell index, in this function, of b (a Cell or Free binding
// of this function).
func (fc *fcomp) cellOf(b *resolve.Binding) uint32 {
	switch b.Scope {
	case resolve.Cell:
		if b.Index >= 0 && b.Index < len(fc.cellSlot) && fc.cellSlot[b.Index] >= 0 {
			return uint32(fc.cellSlot[b.Index])
		}
	case resolve.Free:
		if b.Index >= 0 && b.Index < len(fc.freeSlot) && fc.freeSlot[b.Index] >= 0 {
			return uint32(fc.freeSlot[b.Index])
		}
	}
	panic("closure over a variable that is not a cell: " + b.Name)
}

// makeFunction emits the code that creates a function object for fn (compiled by
// body) with the given parameters' defaults, leaving it on the stack.
func (fc *fcomp) makeFunction(fn *resolve.Function, name string, params *syntax.Params, body func(inner *fcomp)) {
	var flags uint32
	// Defaults are evaluated in the enclosing scope, when the def runs.
	if params != nil {
		var defs []syntax.Expr
		for _, p := range append(append([]*syntax.Param{}, params.PosOnly...), params.Args...) {
			if p.Default != nil {
				defs = append(defs, p.Default)
			}
		}
		if len(defs) > 0 {
			fc.tupleOf(defs)
			flags |= 1
		}
		var kws []*syntax.Param
		for _, p := range params.KwOnly {
			if p.Default != nil {
				kws = append(kws, p)
			}
		}
		if len(kws) > 0 {
			for _, p := range kws {
				fc.emitConst(bytecode.Constant{Kind: bytecode.ConstStr, Str: p.Name.Name})
				fc.expr(p.Default)
			}
			fc.emit1(bytecode.BUILD_DICT, uint32(len(kws)))
			flags |= 2
		}
	}
	inner := fc.pc.newFcomp(fn, name, 0)
	body(inner)
	inner.finish()
	fc.setPos(fn.Pos)
	fc.closure(fn)
	fc.emit1(bytecode.MAKE_FUNCTION, uint32(inner.findex)<<2|flags)
}

// defStmt compiles "def".
func (fc *fcomp) defStmt(s *syntax.DefStmt) {
	fn, _ := s.Scope.(*resolve.Function)
	if fn == nil {
		panic("unresolved def")
	}
	if s.Async {
		fc.pc.unsupported(s.Def, "'async def'")
		return
	}
	for _, d := range s.Decorators {
		fc.expr(d.X)
	}
	fc.setPos(s.Def)
	fc.makeFunction(fn, fc.pc.nameOf(s.Name), s.Params, func(inner *fcomp) {
		inner.stmts(s.Body)
		if inner.live {
			inner.emit(bytecode.LOAD_NONE)
			inner.emit(bytecode.RETURN)
		}
	})
	for range s.Decorators {
		fc.emit1(bytecode.CALL, 1)
	}
	fc.store(s.Name)
}

func (fc *fcomp) lambda(x *syntax.LambdaExpr) {
	fn, _ := x.Scope.(*resolve.Function)
	if fn == nil {
		panic("unresolved lambda")
	}
	fc.makeFunction(fn, "<lambda>", x.Params, func(inner *fcomp) {
		inner.setPos(x.Body.Pos())
		inner.expr(x.Body)
		inner.emit(bytecode.RETURN)
	})
}

// classDef compiles "class": the body becomes a FlagClassBody function that
// MAKE_CLASS runs with a fresh namespace.
func (fc *fcomp) classDef(s *syntax.ClassDef) {
	fn, _ := s.Scope.(*resolve.Function)
	if fn == nil {
		panic("unresolved class")
	}
	if len(s.Keywords) > 0 {
		fc.pc.unsupported(s.Keywords[0].Pos(), "a class keyword argument (such as metaclass=)")
		return
	}
	if len(s.Bases) > 1 {
		fc.pc.unsupported(s.Bases[1].Pos(), "multiple inheritance")
		return
	}
	for _, b := range s.Bases {
		if st, ok := b.(*syntax.StarredExpr); ok {
			fc.pc.unsupported(st.Star, "a starred base class")
			return
		}
	}
	for _, d := range s.Decorators {
		fc.expr(d.X)
	}
	fc.setPos(s.Class)
	inner := fc.pc.newFcomp(fn, fc.pc.nameOf(s.Name), bytecode.FlagClassBody)
	inner.stmts(s.Body)
	if inner.live {
		inner.emit(bytecode.LOAD_NONE)
		inner.emit(bytecode.RETURN)
	}
	inner.finish()
	fc.setPos(s.Class)
	fc.closure(fn)
	fc.emit1(bytecode.MAKE_FUNCTION, uint32(inner.findex)<<2)
	fc.emitConst(bytecode.Constant{Kind: bytecode.ConstStr, Str: fc.pc.nameOf(s.Name)})
	for _, b := range s.Bases {
		fc.expr(b)
	}
	fc.setPos(s.Class)
	fc.emit1(bytecode.MAKE_CLASS, uint32(len(s.Bases)))
	for range s.Decorators {
		fc.emit1(bytecode.CALL, 1)
	}
	fc.store(s.Name)
}

// comprehension compiles a list/set/dict comprehension or generator expression as
// a nested function called with the iterator of its first "for".
func (fc *fcomp) comprehension(scope any, pos syntax.Position, name string, fors []*syntax.Comprehension, body func(inner *fcomp, depth uint32)) {
	fn, _ := scope.(*resolve.Function)
	if fn == nil {
		panic("unresolved comprehension")
	}
	for _, c := range fors {
		if c.Async {
			fc.pc.unsupported(c.For, "an async comprehension")
			return
		}
	}
	inner := fc.pc.newFcomp(fn, name, 0)
	if name == "<genexpr>" {
		inner.f.Flags |= bytecode.FlagGenerator
	}
	inner.setPos(pos)
	switch name {
	case "<listcomp>":
		inner.emit1(bytecode.BUILD_LIST, 0)
	case "<setcomp>":
		inner.emit1(bytecode.BUILD_SET, 0)
	case "<dictcomp>":
		inner.emit1(bytecode.BUILD_DICT, 0)
	}
	inner.compFor(fors, 0, body)
	if name == "<genexpr>" {
		inner.emit(bytecode.LOAD_NONE)
	}
	inner.emit(bytecode.RETURN)
	inner.finish()

	fc.setPos(pos)
	fc.closure(fn)
	fc.emit1(bytecode.MAKE_FUNCTION, uint32(inner.findex)<<2)
	fc.expr(fors[0].Iter)
	fc.emit(bytecode.GET_ITER)
	fc.setPos(pos)
	fc.emit1(bytecode.CALL, 1)
}

// compFor emits clause i of a comprehension and, innermost, the element.
func (fc *fcomp) compFor(fors []*syntax.Comprehension, i int, body func(inner *fcomp, depth uint32)) {
	c := fors[i]
	fc.setPos(c.For)
	if i == 0 {
		fc.emit1(bytecode.LOAD_LOCAL, 0) // the ".0" parameter: an iterator
	} else {
		fc.expr(c.Iter)
		fc.emit(bytecode.GET_ITER)
	}
	top, end := fc.newLabel(), fc.newLabel()
	fc.bind(top)
	fc.jump(bytecode.FOR_ITER, end)
	fc.store(c.Target)
	for _, cond := range c.Ifs {
		fc.condJump(cond, false, top)
	}
	if i+1 < len(fors) {
		fc.compFor(fors, i+1, body)
	} else {
		body(fc, uint32(len(fors)+1))
	}
	fc.jump(bytecode.JUMP, top)
	fc.bind(end)
}
