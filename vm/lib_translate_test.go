package vm_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/nanolambda/nl/vm"
)

// oracleCase is a program whose stdout must equal CPython's.
type oracleCase struct{ name, src string }

// runOracleCases runs each program under CPython and nl and compares
// what they print.
func runOracleCases(t *testing.T, cases []oracleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := "def show(f):\n    try:\n        print('ok', repr(f()))\n    except Exception as e:\n        print(type(e).__name__, e)\n" + tc.src
			want, wantErr := cpython(t, src)
			if wantErr != "" {
				t.Fatalf("CPython failed: %s", wantErr)
			}
			got, _, err := runPy(t, src, vm.Options{})
			if err != nil {
				var e *vm.Exception
				if errors.As(err, &e) {
					t.Fatalf("nl: %s\noutput so far:\n%s", e.Traceback(), got)
				}
				t.Fatalf("nl: %v", err)
			}
			if got != want {
				t.Errorf("stdout differs\n--- nl\n%s--- cpython\n%s", got, want)
			}
		})
	}
}

func TestTranslateAgainstCPython(t *testing.T) {
	runOracleCases(t, []oracleCase{
		{"maketrans-forms", `
print(str.maketrans({"a": 1, 98: None, "c": "xyz", False: 0}), str.maketrans("ab", "cd"), str.maketrans("ab", "cd", "ae"))
print("x".maketrans("", "", "xyz"), str.maketrans("日本", "にほ"))
`},
		{"translate-values", `
print("abcd".translate({97: "xyz", 98: None, 99: 100}), "日本語".translate({ord("本"): "-"}))
print("aaa".translate({97: ""}), "".translate({}), "abc".translate([]), "\x00\x01".translate(["z", None]))
`},
		{"translate-getitem", `
class T:
    def __getitem__(self, k):
        if k < 98:
            return chr(k).upper()
        if k == 98:
            raise LookupError(k)
        if k == 99:
            raise KeyError(k)
        raise RuntimeError("boom %d" % k)
print("abc".translate(T()))
show(lambda: "abcd".translate(T()))
`},
		{"errors", `
show(lambda: str.maketrans())
show(lambda: str.maketrans([]))
show(lambda: str.maketrans({(): 1}))
show(lambda: str.maketrans({"xy": 1}))
show(lambda: str.maketrans("a", ""))
show(lambda: str.maketrans(b"a", "b"))
show(lambda: str.maketrans("a", b"b"))
show(lambda: str.maketrans("a", "b", b"c"))
show(lambda: "a".translate({97: []}))
show(lambda: "a".translate({97: 2**21}))
show(lambda: "a".translate(1.5))
show(lambda: "a".translate({}, {}))
`},
		{"bytes", `
print(b"abc".translate(bytes.maketrans(b"ac", b"ca")), b"abc".translate(None, b"abc"))
show(lambda: b"a".translate(bytes(255)))
show(lambda: bytes.maketrans(b"a", b""))
`},
	})
}

// TestTranslateResultBounded: a translation that multiplies the text is
// refused by the heap budget or the size bound, never built unchecked.
func TestTranslateResultBounded(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{`("a" * 100).translate({97: "x" * 20000})`, "MemoryError"},
		{`("a" * 2000).translate({97: "x" * 10000})`, "MemoryError"},
	} {
		_, _, err := runPy(t, "r = "+tc.src+"\n", vm.Options{HeapLimit: 1 << 20})
		var e *vm.Exception
		if !errors.As(err, &e) || !strings.HasPrefix(e.Type, tc.want) {
			t.Errorf("%s: got %v, want %s", tc.src, err, tc.want)
		}
	}
}
