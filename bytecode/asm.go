package bytecode

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// Assemble translates a small textual assembly language into code bytes. It is meant
// for tests that hand-build programs (the compiler emits code directly). Instructions
// are separated by newlines or ';'. Each is an opcode name as printed by the
// disassembler, optionally followed by an integer operand; a word ending in ':'
// defines a label, and a jump's operand may name a label. "int" takes a signed
// value (it is zigzag-encoded here); "inplace" takes a binary opcode name.
//
//	load_local 0; int 1; add; return
//	top: load_local 0; pop_jump_if_false end; jump top; end: load_none; return
func Assemble(src string) ([]byte, error) {
	code, _, err := AssembleLabels(src)
	return code, err
}

// AssembleLabels is Assemble that also returns the offset of every label.
// Operands of call and unpack_ex may be written "n/m" (n | m<<8), and that of
// make_function "index/flags" (index<<2 | flags).
func AssembleLabels(src string) ([]byte, map[string]int, error) {
	type fixup struct {
		at    int
		label string
	}
	var code []byte
	labels := map[string]int{}
	var fixups []fixup
	var fields []string
	for _, line := range strings.Split(src, "\n") {
		for _, stmt := range strings.Split(line, ";") {
			fields = append(fields, strings.Fields(stmt)...)
			fields = append(fields, ";")
		}
	}
	for i := 0; i < len(fields); i++ {
		w := fields[i]
		if w == ";" {
			continue
		}
		if strings.HasSuffix(w, ":") {
			labels[strings.TrimSuffix(w, ":")] = len(code)
			continue
		}
		op, ok := OpcodeByName(w)
		if !ok {
			return nil, nil, fmt.Errorf("assemble: unknown opcode %q", w)
		}
		code = append(code, byte(op))
		if !op.HasArg() {
			continue
		}
		if i+1 >= len(fields) || fields[i+1] == ";" {
			return nil, nil, fmt.Errorf("assemble: %s needs an operand", op)
		}
		i++
		a := fields[i]
		switch {
		case op.IsJump():
			if n, err := strconv.ParseUint(a, 10, 16); err == nil {
				code = binary.LittleEndian.AppendUint16(code, uint16(n))
			} else {
				fixups = append(fixups, fixup{len(code), a})
				code = append(code, 0, 0)
			}
		case op == INT:
			n, err := strconv.ParseInt(a, 10, 64)
			if err != nil {
				return nil, nil, fmt.Errorf("assemble: int operand %q: %v", a, err)
			}
			code = appendUvarint(code, zigzag(n))
		case op == INPLACE:
			bop, ok := OpcodeByName(a)
			if n, err := strconv.ParseUint(a, 10, 8); err == nil {
				bop, ok = Opcode(n), true
			}
			if !ok {
				return nil, nil, fmt.Errorf("assemble: inplace operator %q", a)
			}
			code = appendUvarint(code, uint64(bop))
		case strings.Contains(a, "/"):
			x, y, _ := strings.Cut(a, "/")
			n, err1 := strconv.ParseUint(x, 10, 32)
			m, err2 := strconv.ParseUint(y, 10, 32)
			if err1 != nil || err2 != nil {
				return nil, nil, fmt.Errorf("assemble: %s operand %q", op, a)
			}
			if op == MAKE_FUNCTION {
				code = appendUvarint(code, n<<2|m)
			} else {
				code = appendUvarint(code, n|m<<8)
			}
		default:
			n, err := strconv.ParseUint(a, 10, 32)
			if err != nil {
				return nil, nil, fmt.Errorf("assemble: %s operand %q: %v", op, a, err)
			}
			code = appendUvarint(code, n)
		}
	}
	for _, f := range fixups {
		pc, ok := labels[f.label]
		if !ok {
			return nil, nil, fmt.Errorf("assemble: undefined label %q", f.label)
		}
		binary.LittleEndian.PutUint16(code[f.at:], uint16(pc))
	}
	return code, labels, nil
}

// MustAssemble is Assemble for tests; it panics on error.
func MustAssemble(src string) []byte {
	code, err := Assemble(src)
	if err != nil {
		panic(err)
	}
	return code
}
