package syntax

import (
	"strings"
	"testing"
)

// TestNestingLimits checks that deep but reasonable nesting parses and
// that going past the limits is a clear error, not a crash.
func TestNestingLimits(t *testing.T) {
	tests := []struct {
		name, src, wantErr string
	}{
		{"1000-term sum", "x = 1" + strings.Repeat("+1", 1000), ""},
		{"199 brackets", "x = " + strings.Repeat("(", 199) + "1" + strings.Repeat(")", 199), ""},
		{"99 blocks", nestedBlocks(99), ""},
		{"201 brackets", "x = " + strings.Repeat("(", 201) + "1" + strings.Repeat(")", 201), "too many nested parentheses"},
		{"101 blocks", nestedBlocks(101), "too many levels of indentation"},
		{"5000-term sum", "x = 1" + strings.Repeat("+1", 5000), "expression too deeply nested"},
		{"5000 minus signs", "x = " + strings.Repeat("-", 5000) + "1", "expression too deeply nested"},
		{"5000 attributes", "x = a" + strings.Repeat(".b", 5000), "expression too deeply nested"},
		{"5000 powers", "x = 2" + strings.Repeat("**2", 5000), "expression too deeply nested"},
		{"1000 elifs", "if x:\n    pass\n" + strings.Repeat("elif x:\n    pass\n", 1000), ""},
		{"5000 elifs", "if x:\n    pass\n" + strings.Repeat("elif x:\n    pass\n", 5000), "expression too deeply nested"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("t.py", []byte(tc.src))
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("Parse: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("Parse error = %v, want %q", err, tc.wantErr)
			}
		})
	}
}

func nestedBlocks(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i) + "if x:\n")
	}
	b.WriteString(strings.Repeat(" ", n) + "pass\n")
	return b.String()
}
