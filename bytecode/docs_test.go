package bytecode

import (
	"os"
	"strings"
	"testing"
)

// TestDocsListEveryOpcode keeps docs/bytecode.md in step with the opcode table.
func TestDocsListEveryOpcode(t *testing.T) {
	data, err := os.ReadFile("../docs/bytecode.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for op := Opcode(0); op < opcodeEnd; op++ {
		if !strings.Contains(doc, "`"+strings.ToUpper(op.String())+"`") {
			t.Errorf("docs/bytecode.md does not document %s", strings.ToUpper(op.String()))
		}
	}
	for _, s := range WellKnown {
		if !strings.Contains(doc, "`"+s+"`") {
			t.Errorf("docs/bytecode.md does not list well-known string %q", s)
		}
	}
}
