package bytecode

import "testing"

// TestOpcodeTables: every opcode has a name, a stack effect and a round trip
// through OpcodeByName.
func TestOpcodeTables(t *testing.T) {
	for op := Opcode(0); op < opcodeEnd; op++ {
		if int(op) >= len(opcodeNames) || opcodeNames[op] == "" {
			t.Errorf("opcode %d has no name", op)
			continue
		}
		if int(op) >= len(stackEffect) {
			t.Errorf("opcode %s has no stack effect", op)
			continue
		}
		if _, ok := StackEffect(op, 0|0); !ok && op != BUILD_SLICE {
			t.Errorf("opcode %s: StackEffect(op, 0) not defined", op)
		}
		if got, ok := OpcodeByName(op.String()); !ok || got != op {
			t.Errorf("OpcodeByName(%q) = %v, %v", op.String(), got, ok)
		}
	}
	// Every opcode except NOP is documented in stackEffect explicitly; entries
	// beyond the table would panic, so lengths must match the opcode count.
	if len(opcodeNames) != int(opcodeEnd) || len(stackEffect) != int(opcodeEnd) {
		t.Errorf("tables have %d names and %d stack effects for %d opcodes", len(opcodeNames), len(stackEffect), opcodeEnd)
	}
	if Opcode(255).String() != "illegal op (255)" {
		t.Errorf("invalid opcode string: %q", Opcode(255))
	}
}
