package bytecode

import "encoding/binary"

// Compact instruction forms.
//
// Bytes 0x00..0x7f are opcodes (Opcode values; 0x61..0x7d are reserved for new
// ones, 0x7e and 0x7f are the empty-container forms below). Bytes 0x80..0xff are one-byte forms of the most frequent instructions: each
// stands for a canonical opcode with a small operand, or, for the jumps, for a jump
// opcode followed by a single-byte absolute target instead of two bytes. ReadInstr
// returns the canonical (opcode, operand) for every form, so an interpreter that
// decodes with it never sees a short form. The compiler always picks the shortest
// encoding.
//
//	0x80..0x85  JUMP … FOR_ITER with a 1-byte target (0..255)
//	0x86..0x95  LOAD_LOCAL 0..15
//	0x96..0xa5  STORE_LOCAL 0..15
//	0xa6..0xb5  CONSTANT 0..15
//	0xb6..0xc5  LOAD_GLOBAL 0..15
//	0xc6..0xcd  STORE_GLOBAL 0..7
//	0xce..0xd5  CALL 0..7 (positional arguments only)
//	0xd6..0xe5  INT -1..14
//	0xe6..0xf5  LOAD_BUILTIN 0..15 (WellKnown[0..15])
//	0xf6..0xff  ATTR 16..25 (WellKnown[16..25])
//
// and, counting down from 0x7f (new opcodes count up from 0x61):
//
//	0x7f        BUILD_LIST 0 ([] — the start of every list comprehension)
//	0x7e        BUILD_DICT 0 ({})
type shortGroup struct {
	first byte   // first byte of the group
	n     int    // number of forms
	op    Opcode // canonical opcode
	base  int64  // operand of the first form (INT: the value, not zigzag)
}

const shortJumpBase = 0x80

// emptyForms are the compact forms below 0x80, from 0x7f down.
var emptyForms = [...]Opcode{BUILD_LIST, BUILD_DICT}

// firstEmptyForm is the lowest byte of emptyForms.
const firstEmptyForm byte = 0x80 - byte(len(emptyForms))

// emptyForm returns the one-byte form of op with operand 0, if it has one.
func emptyForm(op Opcode) (byte, bool) {
	for i, o := range emptyForms {
		if o == op {
			return byte(0x7f - i), true
		}
	}
	return 0, false
}

var shortGroups = [...]shortGroup{
	{0x86, 16, LOAD_LOCAL, 0},
	{0x96, 16, STORE_LOCAL, 0},
	{0xa6, 16, CONSTANT, 0},
	{0xb6, 16, LOAD_GLOBAL, 0},
	{0xc6, 8, STORE_GLOBAL, 0},
	{0xce, 8, CALL, 0},
	{0xd6, 16, INT, -1},
	{0xe6, 16, LOAD_BUILTIN, 0},
	{0xf6, 10, ATTR, 16},
}

// shortByOp maps a canonical opcode to its short group, if any.
var shortByOp = func() map[Opcode]shortGroup {
	m := map[Opcode]shortGroup{}
	for _, g := range shortGroups {
		m[g.op] = g
	}
	return m
}()

// shortDecode maps each byte >= 0x80 to its canonical instruction.
var shortDecode = func() (t [128]struct {
	op  Opcode
	arg uint32
	ok  bool
}) {
	for i := JUMP; i <= FOR_ITER; i++ {
		t[shortJumpBase+byte(i-JUMP)-0x80].op = i
		t[shortJumpBase+byte(i-JUMP)-0x80].ok = true
	}
	for _, g := range shortGroups {
		for k := 0; k < g.n; k++ {
			e := &t[int(g.first)+k-0x80]
			e.op, e.ok = g.op, true
			v := g.base + int64(k)
			if g.op == INT {
				e.arg = uint32(zigzag(v))
			} else {
				e.arg = uint32(v)
			}
		}
	}
	return t
}()

// AppendInstr appends the shortest encoding of a non-jump instruction.
func AppendInstr(code []byte, op Opcode, arg uint32) []byte {
	if !op.HasArg() {
		return append(code, byte(op))
	}
	if arg == 0 {
		if b, ok := emptyForm(op); ok {
			return append(code, b)
		}
	}
	if g, ok := shortByOp[op]; ok {
		v := int64(arg)
		if op == INT {
			v = unzigzag(uint64(arg))
		}
		if k := v - g.base; k >= 0 && k < int64(g.n) {
			return append(code, g.first+byte(k))
		}
	}
	code = append(code, byte(op))
	return appendUvarint(code, uint64(arg))
}

// InstrLen is the length of AppendInstr's encoding.
func InstrLen(op Opcode, arg uint32) int {
	var buf [12]byte
	return len(AppendInstr(buf[:0], op, arg))
}

// AppendJump appends a jump to target: the 2-byte form (opcode, 1-byte target)
// when short is true and target < 256, else the 3-byte form (opcode, 2-byte
// little-endian target).
func AppendJump(code []byte, op Opcode, target int, short bool) []byte {
	if short && target < 256 {
		return append(code, shortJumpBase+byte(op-JUMP), byte(target))
	}
	code = append(code, byte(op))
	return binary.LittleEndian.AppendUint16(code, uint16(target))
}
