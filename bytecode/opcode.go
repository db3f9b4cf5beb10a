package bytecode

// Changes (append-only; the VM engineer re-reads this list):
//   - v1 (initial): the opcode set below.
//   - 17:15 UTC: wire-level compaction, no opcode changed. Bytes >= 0x80 are compact
//     forms (one-byte LOAD_LOCAL/STORE_LOCAL/CONSTANT/LOAD_GLOBAL/STORE_GLOBAL/CALL/
//     INT/LOAD_BUILTIN/ATTR, jumps with a 1-byte target); ReadInstr expands them to
//     the canonical (opcode, operand), so decode with ReadInstr only. Program.Strings
//     now starts with WellKnown (wellknown.go) in compiled programs. MaxStack is no
//     longer stored in images: Decode computes it (Program.MaxStackDepth).
//   - 17:20 UTC: EXC_MATCH's stack effect is 0 (exc type → exc bool), as documented.

import "fmt"

// Opcode is one bytecode instruction's operation byte.
//
// Encoding: an instruction is one opcode byte, followed, for opcodes >= OpcodeArgMin,
// by one operand. Jump opcodes (OpcodeArgMin <= op <= OpcodeJumpMax) have a
// 2-byte little-endian operand: the absolute byte offset of the target within the
// function's code. Every other operand opcode has one unsigned LEB128 varint operand.
// Bytes >= 0x80 are compact one-byte forms of frequent instructions (shortform.go);
// ReadInstr decodes every form to the canonical opcode and operand.
//
// In the comments "stack before → after" the rightmost item is the top of stack.
type Opcode uint8

// The opcodes. Their numbers are part of the image format: a change that renumbers
// opcodes bumps Version. Code outside this package uses the names and HasArg/IsJump,
// never the numbers, so a new opcode is added in the group it belongs to.
const (
	NOP  Opcode = iota //            - → -        does nothing
	POP                //            x → -        discards the top of stack
	DUP                //            x → x x      duplicates the top of stack
	DUP2               //          x y → x y x y  duplicates the top two items
	ROT2               //          x y → y x      swaps the top two items
	ROT3               //        x y z → z x y    moves the top item down two places

	LOAD_NONE  //   - → None
	LOAD_TRUE  //   - → True
	LOAD_FALSE //   - → False

	UPLUS  //   x → +x
	UMINUS //   x → -x      (OverflowError on -(-2**63))
	INVERT //   x → ~x
	NOT    //   x → not x  (always a bool, by truth value)

	ADD      // x y → x + y     (int overflow beyond 64 bits: OverflowError)
	SUB      // x y → x - y
	MUL      // x y → x * y     (also str/list/tuple/bytes repetition)
	TRUEDIV  // x y → x / y     (int/int gives float; ZeroDivisionError)
	FLOORDIV // x y → x // y    (rounds toward -inf; ZeroDivisionError)
	MOD      // x y → x % y     (sign of y; str % args formats)
	POW      // x y → x ** y    (int**negative int gives float)
	LSHIFT   // x y → x << y    (OverflowError when bits are lost; ValueError on negative count)
	RSHIFT   // x y → x >> y
	BITAND   // x y → x & y     (also set intersection)
	BITOR    // x y → x | y     (also set union, dict merge)
	BITXOR   // x y → x ^ y     (also set symmetric difference)

	EQ     // x y → x == y
	NE     // x y → x != y
	LT     // x y → x < y
	LE     // x y → x <= y
	GT     // x y → x > y
	GE     // x y → x >= y
	IN     // x y → x in y
	NOT_IN // x y → x not in y
	IS     // x y → x is y
	IS_NOT // x y → x is not y

	INDEX       //     x i → x[i]      (i may be a slice object from BUILD_SLICE)
	STORE_INDEX //   v x i → -         x[i] = v
	DEL_INDEX   //     x i → -         del x[i]

	GET_ITER      //    x → iter(x)       (TypeError: 'T' object is not iterable)
	LIST_TO_TUPLE // list → tuple(list)

	RETURN     //      x → (returns)  returns x from the frame; the rest of the stack is discarded
	YIELD      //      x → sent       suspends a generator, producing x; resumes with the sent value (None for next())
	YIELD_FROM //   iter → value      yields every item of iter out of the generator, then pushes iter's return value

	PUSH_EXC   //         exc → prev exc   makes exc the "handled exception"; prev is the one it replaces (None if none)
	POP_EXCEPT //        prev → -          restores the handled exception to prev
	EXC_MATCH  //    exc type → exc bool   isinstance(exc, type); type is a class or a tuple of classes (TypeError otherwise)
	RERAISE    //         exc → (raises)   raises exc again, keeping its traceback

	SUPER // - → super   zero-argument super(): the current function's defining class and the frame's local 0

	// OpcodeArgMin: opcodes from here on take an operand.
	// Jump opcodes (up to OpcodeJumpMax) take a 2-byte little-endian absolute target.

	JUMP                 //      - → -          goto target
	POP_JUMP_IF_FALSE    //      x → -          goto target if not truth(x)
	POP_JUMP_IF_TRUE     //      x → -          goto target if truth(x)
	JUMP_IF_FALSE_OR_POP //      x → x / -      if not truth(x): goto target keeping x; else pop x
	JUMP_IF_TRUE_OR_POP  //      x → x / -      if truth(x): goto target keeping x; else pop x
	FOR_ITER             //   iter → iter x / - next item x; when exhausted pop iter and goto target

	// Varint operand opcodes.

	INT      //         - → int      operand is a zigzag-encoded int (the compiler uses it for -2**30..2**30-1)
	CONSTANT //         - → const    operand indexes Program.Constants

	LOAD_LOCAL  //      - → x        operand: local slot (UnboundLocalError if unset)
	STORE_LOCAL //      x → -
	DEL_LOCAL   //      - → -        unsets the slot (UnboundLocalError if already unset)

	LOAD_CELL    //     - → x        operand: cell index (cellvars then freevars); NameError
	STORE_CELL   //     x → -        (free variable 'x' referenced before assignment...)
	DEL_CELL     //     - → -
	LOAD_CLOSURE //     - → cell     pushes the cell object itself (for MAKE_FUNCTION's closure tuple)

	LOAD_GLOBAL  //     - → x        operand: global slot (Program.Globals); unset → builtin of that name → NameError
	STORE_GLOBAL //     x → -
	DEL_GLOBAL   //     - → -        NameError if unset

	LOAD_NAME  //       - → x        operand: string; class namespace, then global, then builtin; NameError
	STORE_NAME //       x → -        stores into the class namespace
	DEL_NAME   //       - → -

	LOAD_BUILTIN //     - → x        operand: string; the builtin of that name (ignores globals)

	ATTR     //         x → x.name   operand: string (AttributeError)
	SET_ATTR //       v x → -        x.name = v
	DEL_ATTR //         x → -        del x.name

	IMPORT_NAME //      - → module   operand: string; ModuleNotFoundError: No module named 'm'
	IMPORT_FROM // module → module x operand: string; ImportError: cannot import name 'x' from 'm'

	BUILD_LIST   //  x1 … xn → list
	BUILD_TUPLE  //  x1 … xn → tuple
	BUILD_SET    //  x1 … xn → set
	BUILD_DICT   //  k1 v1 … kn vn → dict       (n is the number of pairs)
	BUILD_SLICE  //  lo hi → slice  (n=2) | lo hi step → slice (n=3); missing parts are None
	BUILD_STRING //  s1 … sn → s1+…+sn          (all str)

	LIST_APPEND // list x1…x(n-1) v → list x1…x(n-1)       appends v to the list n deep (after popping v)
	SET_ADD     // set  x1…x(n-1) v → set x1…x(n-1)        adds v
	MAP_ADD     // dict x1…x(n-1) k v → dict x1…x(n-1)     dict[k] = v, the dict n deep after popping k and v
	LIST_EXTEND // list x1…x(n-1) it → list x1…x(n-1)      list.extend(it)
	SET_UPDATE  // set  x1…x(n-1) it → set x1…x(n-1)       set.update(it)
	DICT_UPDATE // dict x1…x(n-1) m → dict x1…x(n-1)       dict.update(m) ({**m} in displays)
	DICT_MERGE  // dict x1…x(n-1) m → dict x1…x(n-1)       like DICT_UPDATE but a repeated key is a TypeError
	//                                                        ("f() got multiple values for keyword argument 'k'"; the callable is below the dict)

	UNPACK //  seq → xn … x1      n items, x1 on top (ValueError: not enough values to unpack (expected n, got m) /
	//                              too many values to unpack (expected n))
	UNPACK_EX //  seq → after… list before…  operand = before | after<<8; before items on top, first on top,
	//                              then a list of the middle, then the after items (last deepest)

	INPLACE // x y → x op= y   operand: the binary Opcode (ADD…BITXOR); mutates lists (+=, *=), sets (|= &= -= ^=)
	//                          and dicts (|=) in place, otherwise same as the binary opcode

	FORMAT_VALUE // x → str | x spec → str   operand: bits 0-1 conversion (0 none, 1 !s, 2 !r, 3 !a); bit 2: a spec str is on top
	//                                         result is format(conv(x), spec)

	CALL // fn a1…an → result | fn a1…an v1…vm names → result
	//          operand = n | m<<8: n positional args, m keyword args; when m > 0 a tuple of m str (the keyword
	//          names, a constant) is on top, naming v1…vm in order
	CALL_VAR // fn args → result | fn args kwargs → result
	//          operand bit 0: a kwargs dict is on top; args is a tuple (f(*a, **k) and mixed forms)

	MAKE_FUNCTION // [defaults] [kwdefaults] [cells] → fn
	//               operand = funcIndex<<2 | flags; bit 0: a tuple of positional defaults is present (for the last
	//               len(defaults) positional params); bit 1: a dict of keyword-only defaults (name → value) is present;
	//               cells: a tuple of cells (from LOAD_CLOSURE) is present iff Functions[funcIndex].NumFree > 0
	MAKE_CLASS // body name → class | body name base → class
	//            operand: number of bases (0 or 1). body is a function (a FlagClassBody Funcode); the VM calls it with a
	//            fresh namespace dict used by LOAD_NAME/STORE_NAME/DEL_NAME, then builds the class from name, base and the
	//            namespace and records the class as the defining class of every function in the namespace (for SUPER)

	RAISE // - → (raises)  operand 0: re-raise the handled exception (RuntimeError: No active exception to reraise)
	//       exc → (raises)  operand 1: raise exc (a class is instantiated with no args; TypeError if not an exception)
	//       exc cause → (raises)  operand 2: raise exc from cause (cause None or an exception)

	opcodeEnd // marker: one past the last opcode; new opcodes go immediately above this line
)

// Operand layout markers.
const (
	OpcodeArgMin  = JUMP     // first opcode that has an operand
	OpcodeJumpMax = FOR_ITER // last opcode with a 2-byte jump operand
	OpcodeMax     = opcodeEnd - 1
)

var opcodeNames = [...]string{
	NOP: "nop", POP: "pop", DUP: "dup", DUP2: "dup2", ROT2: "rot2", ROT3: "rot3",
	LOAD_NONE: "load_none", LOAD_TRUE: "load_true", LOAD_FALSE: "load_false",
	UPLUS: "uplus", UMINUS: "uminus", INVERT: "invert", NOT: "not",
	ADD: "add", SUB: "sub", MUL: "mul", TRUEDIV: "truediv", FLOORDIV: "floordiv", MOD: "mod",
	POW: "pow", LSHIFT: "lshift", RSHIFT: "rshift", BITAND: "bitand", BITOR: "bitor", BITXOR: "bitxor",
	EQ: "eq", NE: "ne", LT: "lt", LE: "le", GT: "gt", GE: "ge", IN: "in", NOT_IN: "not_in",
	IS: "is", IS_NOT: "is_not",
	INDEX: "index", STORE_INDEX: "store_index", DEL_INDEX: "del_index",
	GET_ITER: "get_iter", LIST_TO_TUPLE: "list_to_tuple",
	RETURN: "return", YIELD: "yield", YIELD_FROM: "yield_from",
	PUSH_EXC: "push_exc", POP_EXCEPT: "pop_except", EXC_MATCH: "exc_match", RERAISE: "reraise",
	SUPER: "super",
	JUMP:  "jump", POP_JUMP_IF_FALSE: "pop_jump_if_false", POP_JUMP_IF_TRUE: "pop_jump_if_true",
	JUMP_IF_FALSE_OR_POP: "jump_if_false_or_pop", JUMP_IF_TRUE_OR_POP: "jump_if_true_or_pop",
	FOR_ITER: "for_iter",
	INT:      "int", CONSTANT: "constant",
	LOAD_LOCAL: "load_local", STORE_LOCAL: "store_local", DEL_LOCAL: "del_local",
	LOAD_CELL: "load_cell", STORE_CELL: "store_cell", DEL_CELL: "del_cell", LOAD_CLOSURE: "load_closure",
	LOAD_GLOBAL: "load_global", STORE_GLOBAL: "store_global", DEL_GLOBAL: "del_global",
	LOAD_NAME: "load_name", STORE_NAME: "store_name", DEL_NAME: "del_name",
	LOAD_BUILTIN: "load_builtin",
	ATTR:         "attr", SET_ATTR: "set_attr", DEL_ATTR: "del_attr",
	IMPORT_NAME: "import_name", IMPORT_FROM: "import_from",
	BUILD_LIST: "build_list", BUILD_TUPLE: "build_tuple", BUILD_SET: "build_set",
	BUILD_DICT: "build_dict", BUILD_SLICE: "build_slice", BUILD_STRING: "build_string",
	LIST_APPEND: "list_append", SET_ADD: "set_add", MAP_ADD: "map_add",
	LIST_EXTEND: "list_extend", SET_UPDATE: "set_update", DICT_UPDATE: "dict_update", DICT_MERGE: "dict_merge",
	UNPACK: "unpack", UNPACK_EX: "unpack_ex",
	INPLACE: "inplace", FORMAT_VALUE: "format_value",
	CALL: "call", CALL_VAR: "call_var",
	MAKE_FUNCTION: "make_function", MAKE_CLASS: "make_class",
	RAISE: "raise",
}

// variable is the stackEffect entry of an opcode whose effect depends on its operand;
// use StackEffect.
const variable = 127

// stackEffect is the net change in stack depth on the fall-through path.
var stackEffect = [...]int8{
	NOP: 0, POP: -1, DUP: +1, DUP2: +2, ROT2: 0, ROT3: 0,
	LOAD_NONE: +1, LOAD_TRUE: +1, LOAD_FALSE: +1,
	UPLUS: 0, UMINUS: 0, INVERT: 0, NOT: 0,
	ADD: -1, SUB: -1, MUL: -1, TRUEDIV: -1, FLOORDIV: -1, MOD: -1,
	POW: -1, LSHIFT: -1, RSHIFT: -1, BITAND: -1, BITOR: -1, BITXOR: -1,
	EQ: -1, NE: -1, LT: -1, LE: -1, GT: -1, GE: -1, IN: -1, NOT_IN: -1, IS: -1, IS_NOT: -1,
	INDEX: -1, STORE_INDEX: -3, DEL_INDEX: -2,
	GET_ITER: 0, LIST_TO_TUPLE: 0,
	RETURN: -1, YIELD: 0, YIELD_FROM: 0,
	PUSH_EXC: +1, POP_EXCEPT: -1, EXC_MATCH: 0, RERAISE: -1,
	SUPER: +1,
	JUMP:  0, POP_JUMP_IF_FALSE: -1, POP_JUMP_IF_TRUE: -1,
	JUMP_IF_FALSE_OR_POP: -1, JUMP_IF_TRUE_OR_POP: -1, FOR_ITER: +1,
	INT: +1, CONSTANT: +1,
	LOAD_LOCAL: +1, STORE_LOCAL: -1, DEL_LOCAL: 0,
	LOAD_CELL: +1, STORE_CELL: -1, DEL_CELL: 0, LOAD_CLOSURE: +1,
	LOAD_GLOBAL: +1, STORE_GLOBAL: -1, DEL_GLOBAL: 0,
	LOAD_NAME: +1, STORE_NAME: -1, DEL_NAME: 0,
	LOAD_BUILTIN: +1,
	ATTR:         0, SET_ATTR: -2, DEL_ATTR: -1,
	IMPORT_NAME: +1, IMPORT_FROM: +1,
	BUILD_LIST: variable, BUILD_TUPLE: variable, BUILD_SET: variable,
	BUILD_DICT: variable, BUILD_SLICE: variable, BUILD_STRING: variable,
	LIST_APPEND: -1, SET_ADD: -1, MAP_ADD: -2,
	LIST_EXTEND: -1, SET_UPDATE: -1, DICT_UPDATE: -1, DICT_MERGE: -1,
	UNPACK: variable, UNPACK_EX: variable,
	INPLACE: -1, FORMAT_VALUE: variable,
	CALL: variable, CALL_VAR: variable,
	MAKE_FUNCTION: variable, MAKE_CLASS: variable,
	RAISE: variable,
}

// String returns the opcode's disassembly name (lower case).
func (op Opcode) String() string {
	if op < opcodeEnd {
		if name := opcodeNames[op]; name != "" {
			return name
		}
	}
	return fmt.Sprintf("illegal op (%d)", uint8(op))
}

// Valid reports whether op is a defined opcode.
func (op Opcode) Valid() bool { return op < opcodeEnd }

// HasArg reports whether op is followed by an operand.
func (op Opcode) HasArg() bool { return op >= OpcodeArgMin }

// IsJump reports whether op's operand is a 2-byte jump target.
func (op Opcode) IsJump() bool { return op >= OpcodeArgMin && op <= OpcodeJumpMax }

// Terminal reports whether control never falls through to the next instruction.
func (op Opcode) Terminal() bool {
	return op == JUMP || op == RETURN || op == RERAISE || op == RAISE
}

// OpcodeByName returns the opcode with the given disassembly name.
func OpcodeByName(name string) (Opcode, bool) {
	for i, n := range opcodeNames {
		if n == name {
			return Opcode(i), true
		}
	}
	return 0, false
}

// StackEffect returns the net change of the stack depth when op with operand arg
// falls through to the next instruction. For MAKE_FUNCTION it leaves out the
// closure tuple: subtract one more when the callee has free variables. It returns
// ok=false for an invalid opcode or operand.
func StackEffect(op Opcode, arg uint32) (effect int, ok bool) {
	if !op.Valid() {
		return 0, false
	}
	if e := stackEffect[op]; e != variable {
		return int(e), true
	}
	n := int(arg)
	switch op {
	case BUILD_LIST, BUILD_TUPLE, BUILD_SET, BUILD_STRING:
		return 1 - n, true
	case BUILD_DICT:
		return 1 - 2*n, true
	case BUILD_SLICE:
		if n != 2 && n != 3 {
			return 0, false
		}
		return 1 - n, true
	case UNPACK:
		return n - 1, true
	case UNPACK_EX:
		before, after := n&0xff, n>>8
		return before + after, true // seq → before + list + after
	case FORMAT_VALUE:
		if n > 7 {
			return 0, false
		}
		if n&4 != 0 {
			return -1, true
		}
		return 0, true
	case CALL:
		pos, kw := n&0xff, n>>8
		if kw > 0xff {
			return 0, false
		}
		if kw > 0 {
			return -(pos + kw + 1), true // fn a… v… names → result
		}
		return -pos, true
	case CALL_VAR:
		if n > 1 {
			return 0, false
		}
		return -1 - n, true
	case MAKE_FUNCTION:
		// Without the cells tuple; the verifier adds -1 when the callee has free vars.
		return 1 - (n & 1) - (n >> 1 & 1), true
	case MAKE_CLASS:
		if n > 1 {
			return 0, false
		}
		return -1 - n, true
	case RAISE:
		if n > 2 {
			return 0, false
		}
		return -n, true
	}
	return 0, false
}

// JumpStackEffect returns the change of stack depth on the taken branch of a jump opcode.
func JumpStackEffect(op Opcode) int {
	switch op {
	case JUMP:
		return 0
	case POP_JUMP_IF_FALSE, POP_JUMP_IF_TRUE:
		return -1
	case JUMP_IF_FALSE_OR_POP, JUMP_IF_TRUE_OR_POP:
		return 0
	case FOR_ITER:
		return -1
	}
	return 0
}
