package vm

import "github.com/nanolambda/nl/bytecode"

// Method-call fusion. The compiler emits o.m(a, b) as
//
//	<o> attr m; <a>; <b>; call 2
//
// and the attr would allocate a bound method that the call consumes at
// once. When the arguments are simple loads (no jumps, no jump targets,
// nothing that could observe the stack), the decoder rewrites the pair:
// attr becomes opMethodRecv (leave the receiver in the callee slot) and
// call becomes opCallMethod (look m up on the receiver and call it with
// the receiver as self). Both instructions are still counted as steps and
// keep their code offsets, so line numbers and budgets are unchanged.
const (
	opMethodRecv bytecode.Opcode = 250 + iota // operand: the attr's string index
	opCallMethod                              // operand: npos | name<<8
)

// fuseMethodCalls rewrites attr … call pairs in decoded code (jump
// operands and the exception table already hold instruction indices).
func fuseMethodCalls(fc *funcode) {
	targets := map[int]bool{}
	for _, in := range fc.code {
		if in.op.IsJump() {
			targets[int(in.arg)] = true
		}
	}
	for _, e := range fc.exc {
		targets[e.handler] = true
		targets[e.start] = true
		targets[e.end] = true
	}
	for i, in := range fc.code {
		if in.op != bytecode.ATTR || in.arg >= 1<<24 {
			continue
		}
		j := i + 1
		for j < len(fc.code) && simplePush(fc.code[j].op) && !targets[j] {
			j++
		}
		if j >= len(fc.code) || targets[j] {
			continue
		}
		call := fc.code[j]
		npos := int(call.arg & 0xff)
		if call.op != bytecode.CALL || call.arg>>8 != 0 || npos != j-i-1 {
			continue
		}
		fc.code[i].op = opMethodRecv
		fc.code[j] = insn{op: opCallMethod, arg: uint32(npos) | in.arg<<8}
	}
}

// simplePush reports whether op pushes one value without side effects
// beyond a possible NameError/UnboundLocalError.
func simplePush(op bytecode.Opcode) bool {
	switch op {
	case bytecode.LOAD_LOCAL, bytecode.LOAD_GLOBAL, bytecode.LOAD_CELL, bytecode.LOAD_BUILTIN,
		bytecode.CONSTANT, bytecode.INT, bytecode.LOAD_NONE, bytecode.LOAD_TRUE, bytecode.LOAD_FALSE:
		return true
	}
	return false
}

// methodTable returns the native method table of a built-in value.
func methodTable(v Value) map[string]*NativeMethod {
	switch v.(type) {
	case *List:
		return listMethods
	case *Dict:
		return dictMethods
	case String:
		return strMethods
	case *Set:
		return setMethods
	case Tuple:
		return tupleMethods
	case Bytes:
		return bytesMethods
	}
	return nil
}

// callNativeMethod calls a built-in type's method without binding it.
func (th *Thread) callNativeMethod(m *NativeMethod, recv Value, args []Value) (Value, error) {
	saved := th.inNative
	th.setNative(true)
	r, err := m.Fn(th, recv, args, nil)
	th.setNative(saved)
	if !saved {
		th.nativeBytes = 0
	}
	if err != nil {
		return nil, err
	}
	if r == nil {
		r = None
	}
	return r, nil
}
