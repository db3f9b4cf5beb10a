package vm

import (
	"math"
	"testing"
)

// FuzzRECompile: any pattern compiles or raises a Python exception, and
// every operation on a compiled pattern gives a result or a Python
// exception — never a Go panic.
func FuzzRECompile(f *testing.F) {
	for _, s := range []string{`a+b*`, `(?P<x>\w+)\s*=\s*(\d+)$`, `[^\W\d]`, `x*`, `(?x) a # c`, `(a)|b$`, `[]-a\]]{,3}`, `\bé\Z`, `(?i:ß)+?`, `$|\n`} {
		f.Add(s, "ab=12\né x\n", int64(0))
	}
	f.Fuzz(func(t *testing.T, pat, subject string, flags int64) {
		th := detachedThread()
		p, err := th.reCompileValue(String(pat), flags&0x17f)
		if err != nil {
			if _, ok := err.(*Exception); !ok {
				t.Fatalf("pattern %q: non-Python error %T: %v", pat, err, err)
			}
			return
		}
		for _, kind := range []string{"search", "match", "fullmatch", "findall", "finditer"} {
			for _, pos := range [][2]int{{0, math.MaxInt}, {1, 3}, {2, 1}} {
				if _, err := th.reDispatch(p, kind, String(subject), pos[0], pos[1]); err != nil {
					if _, ok := err.(*Exception); !ok {
						t.Fatalf("%s %q on %q: non-Python error %T: %v", kind, pat, subject, err, err)
					}
				}
			}
		}
		if _, err := th.reSub(p, "sub", String(`[\g<0>]`), String(subject), nil); err != nil {
			if _, ok := err.(*Exception); !ok {
				t.Fatalf("sub %q: %T: %v", pat, err, err)
			}
		}
		if _, err := th.reSplit(p, String(subject), nil); err != nil {
			if _, ok := err.(*Exception); !ok {
				t.Fatalf("split %q: %T: %v", pat, err, err)
			}
		}
	})
}
