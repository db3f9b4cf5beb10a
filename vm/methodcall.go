package vm

import "github.com/nanolambda/nl/bytecode"

// Method-call fusion. The compiler emits o.m(a, b) as
//
//	<o> attr m; <a>; <b>; call 2
//
// and the attr would allocate a bound method that the call consumes at
// once. When the argument code is straight-line (no jumps, no jump or
// handler targets, only expression opcodes that never reach below the
// callee slot), the decoder rewrites the pair:
// attr becomes opMethodRecv (leave the receiver in the callee slot) and
// call becomes opCallMethod (look m up on the receiver and call it with
// the receiver as self). Both instructions are still counted as steps and
// keep their code offsets, so line numbers and budgets are unchanged. One
// observable difference from CPython: the method is looked up after the
// arguments are evaluated, which matters only if evaluating them changes
// the attribute (or raises while the attribute is also missing).
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
		// Walk the argument code, tracking how many values sit above the
		// callee slot (r); it must never be consumed before the call.
		r := 0
		for j := i + 1; j < len(fc.code) && j <= i+64 && !targets[j]; j++ {
			op, arg := fc.code[j].op, fc.code[j].arg
			if op == bytecode.CALL && arg>>8 == 0 && int(arg&0xff) == r {
				fc.code[i].op = opMethodRecv
				if fc.methCache == nil {
					fc.methCache = make([]methCacheEntry, len(fc.code))
				}
				fc.code[j] = insn{op: opCallMethod, arg: arg&0xff | in.arg<<8}
				break
			}
			n, ok := argInputs(op, arg)
			if !ok || n > r {
				break
			}
			eff, ok := bytecode.StackEffect(op, arg)
			if !ok {
				break
			}
			r += eff
		}
	}
}

// argInputs returns how many stack values op reads, for the opcodes that
// may appear in fused call arguments (ok=false for any other).
func argInputs(op bytecode.Opcode, arg uint32) (int, bool) {
	switch {
	case simplePush(op):
		return 0, true
	case op >= bytecode.UPLUS && op <= bytecode.NOT, op == bytecode.ATTR, op == bytecode.LIST_TO_TUPLE,
		op == opMethodRecv:
		return 1, true
	case op >= bytecode.ADD && op <= bytecode.IS_NOT, op == bytecode.INDEX, op == bytecode.INPLACE:
		return 2, true
	}
	switch op {
	case bytecode.BUILD_LIST, bytecode.BUILD_TUPLE, bytecode.BUILD_SET, bytecode.BUILD_STRING, bytecode.BUILD_SLICE:
		return int(arg), true
	case bytecode.BUILD_DICT:
		return 2 * int(arg), true
	case bytecode.FORMAT_VALUE:
		if arg&4 != 0 {
			return 2, true
		}
		return 1, true
	case bytecode.CALL:
		n := int(arg&0xff) + 1
		if kw := int(arg >> 8); kw > 0 {
			n += kw + 1
		}
		return n, true
	}
	return 0, false
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

// methCacheEntry remembers, for one opCallMethod instruction, the built-in
// method its receiver's type resolved to (kind is methodKind of the
// receiver; 0 = nothing cached). The method tables never change after
// init, so the entry stays valid.
type methCacheEntry struct {
	kind uint8
	m    *NativeMethod
}

// methodKind numbers the types that have a method table (0: none).
func methodKind(v Value) uint8 {
	switch x := v.(type) {
	case *List:
		return 1
	case *Dict:
		if x.sub != nil { // collections subclass: methods resolve through getAttr
			return 0
		}
		return 2
	case String:
		return 3
	case *Set:
		return 4
	case Tuple:
		return 5
	case Bytes:
		return 6
	}
	return 0
}

// nativeMethod returns the built-in method name of recv (of kind k) for
// the opCallMethod at instruction i, or nil.
func (fc *funcode) nativeMethod(i int, k uint8, recv Value, name string) *NativeMethod {
	c := &fc.methCache[i]
	if c.kind != k {
		*c = methCacheEntry{kind: k, m: methodTable(recv)[name]}
	}
	return c.m
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
