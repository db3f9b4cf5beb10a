package vm_test

import (
	"testing"

	"github.com/nanolambda/nl/vm"
)

// TestRangeLenOverflow: a range with more than 2**63-1 elements has no int
// length; len() raises OverflowError as CPython does instead of wrapping.
func TestRangeLenOverflow(t *testing.T) {
	src := `
M = 9223372036854775807
try:
    print(len(range(-M - 1, M)))
except OverflowError as e:
    print("OverflowError:", e)
print(len(range(0, M)), len(range(-M - 1, M, 4)), len(range(M, -M - 1, -3)))
`
	got, _, err := runPy(t, src, vm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "OverflowError: Python int too large to convert to C ssize_t\n9223372036854775807 4611686018427387904 6148914691236517205\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
