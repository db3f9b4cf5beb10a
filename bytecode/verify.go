package bytecode

import (
	"encoding/binary"
	"fmt"
)

// ReadInstr decodes the instruction at code[pc], in any of its encodings (see
// shortform.go). It returns the canonical opcode, its operand (0 when it has none;
// the absolute target for jumps) and the offset of the next instruction; err is
// non-nil for an unknown opcode or a truncated or oversized operand.
func ReadInstr(code []byte, pc int) (op Opcode, arg uint32, next int, err error) {
	if pc < 0 || pc >= len(code) {
		return 0, 0, pc, fmt.Errorf("offset %d outside code (%d bytes)", pc, len(code))
	}
	if b := code[pc]; b >= 0x80 {
		e := shortDecode[b-0x80]
		if !e.ok {
			return 0, 0, pc, fmt.Errorf("offset %d: unknown opcode %d", pc, b)
		}
		if e.op.IsJump() {
			if pc+2 > len(code) {
				return e.op, 0, pc, fmt.Errorf("offset %d: %s: truncated jump operand", pc, e.op)
			}
			return e.op, uint32(code[pc+1]), pc + 2, nil
		}
		return e.op, e.arg, pc + 1, nil
	}
	if b := code[pc]; b >= firstEmptyForm {
		return emptyForms[0x7f-b], 0, pc + 1, nil
	}
	op = Opcode(code[pc])
	if !op.Valid() {
		return op, 0, pc, fmt.Errorf("offset %d: unknown opcode %d", pc, code[pc])
	}
	pc++
	switch {
	case !op.HasArg():
		return op, 0, pc, nil
	case op.IsJump():
		if pc+2 > len(code) {
			return op, 0, pc, fmt.Errorf("offset %d: %s: truncated jump operand", pc-1, op)
		}
		return op, uint32(binary.LittleEndian.Uint16(code[pc:])), pc + 2, nil
	}
	x, n := uvarint(code[pc:])
	if n <= 0 {
		return op, 0, pc, fmt.Errorf("offset %d: %s: truncated or overlong operand", pc-1, op)
	}
	if x > 1<<31 {
		return op, 0, pc, fmt.Errorf("offset %d: %s: operand %d out of range", pc-1, op, x)
	}
	return op, uint32(x), pc + n, nil
}

// inputs is the number of stack items op reads (the stack must hold at least this
// many before it runs).
func inputs(op Opcode, arg uint32) int {
	n := int(arg)
	switch op {
	case POP, DUP, UPLUS, UMINUS, INVERT, NOT, GET_ITER, LIST_TO_TUPLE, RETURN, YIELD,
		YIELD_FROM, PUSH_EXC, POP_EXCEPT, RERAISE, POP_JUMP_IF_FALSE, POP_JUMP_IF_TRUE,
		JUMP_IF_FALSE_OR_POP, JUMP_IF_TRUE_OR_POP, FOR_ITER, STORE_LOCAL, STORE_CELL,
		STORE_GLOBAL, STORE_NAME, ATTR, DEL_ATTR, IMPORT_FROM, UNPACK, UNPACK_EX:
		return 1
	case DUP2, ROT2, DEL_INDEX, SET_ATTR, EXC_MATCH, INPLACE:
		return 2
	case ROT3, STORE_INDEX:
		return 3
	case BUILD_LIST, BUILD_TUPLE, BUILD_SET, BUILD_STRING, BUILD_SLICE:
		return n
	case BUILD_DICT:
		return 2 * n
	case LIST_APPEND, SET_ADD, LIST_EXTEND, SET_UPDATE, DICT_UPDATE, DICT_MERGE:
		return n + 1
	case MAP_ADD:
		return n + 2
	case FORMAT_VALUE:
		if n&4 != 0 {
			return 2
		}
		return 1
	case CALL:
		pos, kw := n&0xff, n>>8
		if kw > 0 {
			return 1 + pos + kw + 1
		}
		return 1 + pos
	case CALL_VAR:
		return 2 + n
	case MAKE_FUNCTION:
		return n&1 + n>>1&1
	case MAKE_CLASS:
		return 2 + n
	case RAISE:
		return n
	}
	if op >= ADD && op <= IS_NOT || op == INDEX {
		return 2
	}
	return 0
}

// Verify checks that p is safe to run: every operand indexes an existing pool entry,
// local, cell, global or function; every jump and exception handler lands on an
// instruction boundary inside the code; the operand stack depth is the same on
// every path to an instruction, never negative and never above MaxStack; and
// control never runs off the end of a function. Decode calls it; the compiler's
// output always passes.
func (p *Program) Verify() error {
	if len(p.Functions) == 0 {
		return fmt.Errorf("%w: no top-level function", ErrVerify)
	}
	for i, c := range p.Constants {
		if c.Kind > ConstTuple {
			return fmt.Errorf("%w: constant %d has invalid kind %d", ErrVerify, i, c.Kind)
		}
		for _, j := range c.Tuple {
			if j < 0 || j >= i {
				return fmt.Errorf("%w: constant %d: tuple element %d is not an earlier constant", ErrVerify, i, j)
			}
		}
	}
	for i, f := range p.Functions {
		if f == nil {
			return fmt.Errorf("%w: function %d is missing", ErrVerify, i)
		}
		if _, err := p.verifyFunc(i, f); err != nil {
			return fmt.Errorf("%w: function %d (%s): %v", ErrVerify, i, f.Name, err)
		}
	}
	return nil
}

// MaxStackDepth checks function i of p as Verify does, ignoring its MaxStack, and
// returns the greatest operand stack depth any path reaches. The compiler uses it
// to set MaxStack.
func (p *Program) MaxStackDepth(i int) (int, error) {
	if i < 0 || i >= len(p.Functions) || p.Functions[i] == nil {
		return 0, fmt.Errorf("no function %d", i)
	}
	f := p.Functions[i]
	saved := f.MaxStack
	f.MaxStack = 1 << 16
	d, err := p.verifyFunc(i, f)
	f.MaxStack = saved
	return d, err
}

func (p *Program) verifyFunc(index int, f *Funcode) (maxDepth int, err error) {
	defer func() {
		if err != nil {
			maxDepth = 0
		}
	}()
	code := f.Code
	if len(code) == 0 {
		return 0, fmt.Errorf("empty code")
	}
	if f.NumParamSlots() > f.NumLocals {
		return 0, fmt.Errorf("%d parameters but %d locals", f.NumParamSlots(), f.NumLocals)
	}
	if len(f.LocalNames) < f.NumParamSlots() {
		return 0, fmt.Errorf("%d parameter names for %d parameters", len(f.LocalNames), f.NumParamSlots())
	}
	if f.MaxStack < 0 || f.MaxStack > 1<<16 {
		return 0, fmt.Errorf("max stack %d out of range", f.MaxStack)
	}
	if index == 0 && f.Flags&(FlagGenerator|FlagClassBody) != 0 {
		return 0, fmt.Errorf("module top level may not be a generator or class body")
	}
	// Pass 1: decode every instruction and check operands.
	type instr struct {
		op   Opcode
		arg  uint32
		next int // 0: no instruction starts here
	}
	at := make([]instr, len(code))
	order := make([]int, 0, len(code)/2)
	for pc := 0; pc < len(code); {
		op, arg, next, err := ReadInstr(code, pc)
		if err != nil {
			return 0, err
		}
		if err := p.checkOperand(f, op, arg); err != nil {
			return 0, fmt.Errorf("offset %d: %s %d: %v", pc, op, arg, err)
		}
		at[pc] = instr{op, arg, next}
		order = append(order, pc)
		pc = next
	}
	isInstr := func(pc int) bool { return pc >= 0 && pc < len(code) && at[pc].next != 0 }
	for _, pc := range order {
		in := at[pc]
		if in.op.IsJump() && !isInstr(int(in.arg)) {
			return 0, fmt.Errorf("offset %d: %s target %d is not an instruction boundary", pc, in.op, in.arg)
		}
	}
	for i, x := range f.ExcTable {
		if x.Start >= x.End || !isInstr(x.Start) || (x.End != len(code) && !isInstr(x.End)) {
			return 0, fmt.Errorf("exception entry %d: range [%d,%d) is not a range of instructions", i, x.Start, x.End)
		}
		if !isInstr(x.Handler) {
			return 0, fmt.Errorf("exception entry %d: handler %d is not an instruction boundary", i, x.Handler)
		}
		maxDepth = max(maxDepth, x.Depth+1)
		if x.Depth+1 > f.MaxStack {
			return 0, fmt.Errorf("exception entry %d: depth %d exceeds max stack %d", i, x.Depth, f.MaxStack)
		}
	}

	// Pass 2: propagate stack depths over the control-flow graph.
	depth := make([]int32, len(code))
	for i := range depth {
		depth[i] = -1
	}
	work := []int{}
	visit := func(from, pc, d int) error {
		if d < 0 {
			return fmt.Errorf("offset %d: stack underflow", from)
		}
		maxDepth = max(maxDepth, d)
		if d > f.MaxStack {
			return fmt.Errorf("offset %d: stack depth %d exceeds max stack %d", from, d, f.MaxStack)
		}
		if pc >= len(code) {
			return fmt.Errorf("offset %d: control runs off the end of the code", from)
		}
		if old := depth[pc]; old >= 0 {
			if int(old) != d {
				return fmt.Errorf("offset %d: inconsistent stack depth (%d and %d)", pc, old, d)
			}
			return nil
		}
		depth[pc] = int32(d)
		work = append(work, pc)
		return nil
	}
	if err := visit(0, 0, 0); err != nil {
		return 0, err
	}
	handlerSeen := make([]bool, len(f.ExcTable))
	for len(work) > 0 {
		pc := work[len(work)-1]
		work = work[:len(work)-1]
		d := int(depth[pc])
		in := at[pc]
		if d < inputs(in.op, in.arg) {
			return 0, fmt.Errorf("offset %d: %s needs %d stack items, has %d", pc, in.op, inputs(in.op, in.arg), d)
		}
		// Any instruction covered by a handler may transfer to it.
		for i, x := range f.ExcTable {
			if pc >= x.Start && pc < x.End {
				if d < x.Depth {
					return 0, fmt.Errorf("offset %d: stack depth %d below exception entry %d depth %d", pc, d, i, x.Depth)
				}
				if !handlerSeen[i] {
					handlerSeen[i] = true
					if err := visit(pc, x.Handler, x.Depth+1); err != nil {
						return 0, err
					}
				}
				break
			}
		}
		eff, ok := StackEffect(in.op, in.arg)
		if !ok {
			return 0, fmt.Errorf("offset %d: %s: invalid operand %d", pc, in.op, in.arg)
		}
		if in.op == MAKE_FUNCTION {
			if p.Functions[in.arg>>2].NumFree > 0 {
				eff--
				if d < inputs(in.op, in.arg)+1 {
					return 0, fmt.Errorf("offset %d: %s needs a closure tuple", pc, in.op)
				}
			}
		}
		if in.op.IsJump() {
			if err := visit(pc, int(in.arg), d+JumpStackEffect(in.op)); err != nil {
				return 0, err
			}
		}
		if !in.op.Terminal() {
			if err := visit(pc, in.next, d+eff); err != nil {
				return 0, err
			}
		}
	}
	return maxDepth, nil
}

func (p *Program) checkOperand(f *Funcode, op Opcode, arg uint32) error {
	n := int(arg)
	inRange := func(what string, limit int) error {
		if n >= limit {
			return fmt.Errorf("%s index out of range (%d available)", what, limit)
		}
		return nil
	}
	switch op {
	case CONSTANT:
		return inRange("constant", len(p.Constants))
	case LOAD_LOCAL, STORE_LOCAL, DEL_LOCAL:
		return inRange("local", f.NumLocals)
	case LOAD_CELL, STORE_CELL, DEL_CELL, LOAD_CLOSURE:
		return inRange("cell", f.NumCells+f.NumFree)
	case LOAD_GLOBAL, STORE_GLOBAL, DEL_GLOBAL:
		return inRange("global", len(p.Globals))
	case STORE_NAME, DEL_NAME:
		if f.Flags&FlagClassBody == 0 {
			return fmt.Errorf("only allowed in a class body")
		}
		return inRange("string", len(p.Strings))
	case LOAD_NAME, LOAD_BUILTIN, ATTR, SET_ATTR, DEL_ATTR, IMPORT_NAME, IMPORT_FROM:
		return inRange("string", len(p.Strings))
	case YIELD, YIELD_FROM:
		if f.Flags&FlagGenerator == 0 {
			return fmt.Errorf("yield outside a generator function")
		}
	case INPLACE:
		if Opcode(n) < ADD || Opcode(n) > BITXOR {
			return fmt.Errorf("not a binary operator")
		}
	case LIST_APPEND, SET_ADD, MAP_ADD, LIST_EXTEND, SET_UPDATE, DICT_UPDATE, DICT_MERGE:
		if n < 1 {
			return fmt.Errorf("depth must be at least 1")
		}
	case UNPACK_EX:
		if n>>8 > 0xff {
			return fmt.Errorf("too many targets")
		}
	case MAKE_FUNCTION:
		fi := n >> 2
		if fi == 0 || fi >= len(p.Functions) {
			return fmt.Errorf("function index %d out of range", fi)
		}
	}
	if _, ok := StackEffect(op, arg); !ok {
		return fmt.Errorf("invalid operand")
	}
	return nil
}
