package vm

import "github.com/nanolambda/nl/bytecode"

// Superinstructions for int arithmetic with a small constant. The decoder
// looks for
//
//	load_local a | <value on the stack>
//	int k | load_local b        (-2**30 ≤ k < 2**30; load_local b only
//	                            after load_local a)
//	<op>                        add sub mul mod floordiv bitand bitor bitxor,
//	                            the same as inplace, or lt le gt ge eq ne
//	[store_local b | pop_jump_if_false t | pop_jump_if_true t]
//
// and turns the first instruction (load_local or int) into opFusedInt,
// whose operand indexes funcode.fused. The other instructions stay in place,
// so a jump into the middle of a sequence runs them as before. opFusedInt
// runs the whole sequence at once only when the operand is an int, the
// result needs no error check (fastIntOp) and the step countdown has room
// for every instruction of the sequence, so step counts, limits, line
// numbers and the heap account are exactly those of the unfused code.
// Otherwise it does what its first instruction did and the rest follow.
const (
	opFusedInt bytecode.Opcode = 240 + iota
)

// noIntFusion turns the rewrite off (tests compare fused and plain runs).
var noIntFusion bool

// fusedInt describes one fused sequence.
type fusedInt struct {
	orig  insn  // the first instruction, run when the fast path does not apply
	local int32 // left operand: local slot, or -1 for the top of the stack
	k     int64 // right operand, when rlocal < 0
	// rlocal is the local slot of the right operand (load_local a;
	// load_local b; <op>), or -1 for the constant k.
	rlocal int32
	op     bytecode.Opcode
	tail   uint8  // fuseTailPush, fuseTailStore or fuseTailJump
	arg    uint32 // store_local slot, or jump target
	jtrue  bool   // pop_jump_if_true
	n      int64  // instructions covered
}

const (
	fuseTailPush uint8 = iota
	fuseTailStore
	fuseTailJump
)

func isFusableIntOp(op bytecode.Opcode) bool {
	switch op {
	case bytecode.ADD, bytecode.SUB, bytecode.MUL, bytecode.MOD, bytecode.FLOORDIV,
		bytecode.BITAND, bytecode.BITOR, bytecode.BITXOR,
		bytecode.LT, bytecode.LE, bytecode.GT, bytecode.GE, bytecode.EQ, bytecode.NE:
		return true
	}
	return false
}

func isCompareOp(op bytecode.Opcode) bool {
	switch op {
	case bytecode.LT, bytecode.LE, bytecode.GT, bytecode.GE, bytecode.EQ, bytecode.NE:
		return true
	}
	return false
}

// fuseIntOps rewrites the sequences above in decoded code (after
// fuseMethodCalls; jump operands are instruction indices).
func fuseIntOps(fc *funcode) {
	if noIntFusion {
		return
	}
	code := fc.code
	for i := 0; i < len(code); i++ {
		in := code[i]
		j := i // index of the int instruction
		local := int32(-1)
		switch in.op {
		case bytecode.LOAD_LOCAL:
			local = int32(in.arg)
			j = i + 1
		case bytecode.INT:
		default:
			continue
		}
		if j+1 >= len(code) {
			continue
		}
		var kv Int64
		rlocal := int32(-1)
		switch {
		case code[j].op == bytecode.INT:
			var ok bool
			kv, ok = fc.consts[code[j].arg].(Int64)
			if !ok || kv < -(1<<30) || kv >= 1<<30 {
				continue
			}
		case code[j].op == bytecode.LOAD_LOCAL && local >= 0:
			rlocal = int32(code[j].arg)
		default:
			continue
		}
		op := code[j+1].op
		if op == bytecode.INPLACE {
			op = bytecode.Opcode(code[j+1].arg)
		}
		if !isFusableIntOp(op) || (isCompareOp(op) && code[j+1].op == bytecode.INPLACE) {
			continue
		}
		f := fusedInt{orig: in, local: local, rlocal: rlocal, k: int64(kv), op: op, tail: fuseTailPush, n: int64(j + 2 - i)}
		if t := j + 2; t < len(code) {
			switch code[t].op {
			case bytecode.STORE_LOCAL:
				if !isCompareOp(op) {
					f.tail, f.arg, f.n = fuseTailStore, code[t].arg, f.n+1
				}
			case bytecode.POP_JUMP_IF_FALSE, bytecode.POP_JUMP_IF_TRUE:
				if isCompareOp(op) {
					f.tail, f.arg, f.n = fuseTailJump, code[t].arg, f.n+1
					f.jtrue = code[t].op == bytecode.POP_JUMP_IF_TRUE
				}
			}
		}
		fc.fused = append(fc.fused, f)
		code[i] = insn{op: opFusedInt, arg: uint32(len(fc.fused) - 1)}
	}
}

// intCompare evaluates a comparison opcode on ints.
func intCompare(op bytecode.Opcode, a, b int64) bool {
	switch op {
	case bytecode.LT:
		return a < b
	case bytecode.LE:
		return a <= b
	case bytecode.GT:
		return a > b
	case bytecode.GE:
		return a >= b
	case bytecode.EQ:
		return a == b
	}
	return a != b
}
