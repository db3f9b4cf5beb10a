package vm

import "testing"

// TestSliceIndicesAgainstCPython compares slice.indices over a grid of
// bounds, steps and lengths with CPython's.
func TestSliceIndicesAgainstCPython(t *testing.T) {
	type icase struct {
		Start, Stop, Step *int64
		N                 int64
	}
	vals := []*int64{nil}
	for _, v := range []int64{-12, -5, -1, 0, 1, 3, 7, 12} {
		vals = append(vals, &v)
	}
	steps := []*int64{nil}
	for _, v := range []int64{-9, -2, -1, 1, 2, 9} {
		steps = append(steps, &v)
	}
	var cases []icase
	for _, a := range vals {
		for _, b := range vals {
			for _, c := range steps {
				for _, n := range []int64{0, 1, 5, 8} {
					cases = append(cases, icase{a, b, c, n})
				}
			}
		}
	}
	want := runPython(t, `
import json, sys
print(json.dumps([repr(slice(c["Start"], c["Stop"], c["Step"]).indices(c["N"])) for c in json.load(sys.stdin)]))
`, cases)
	th := detachedThread()
	opt := func(p *int64) Value {
		if p == nil {
			return None
		}
		return MakeInt(*p)
	}
	for i, c := range cases {
		s := &Slice{start: opt(c.Start), stop: opt(c.Stop), step: opt(c.Step)}
		v, err := sliceIndicesMethod(th, s, []Value{MakeInt(c.N)}, nil)
		if err != nil {
			t.Fatalf("%v.indices(%d): %v", s, c.N, err)
		}
		got, _ := th.Repr(v)
		if got != want[i] {
			r, _ := th.Repr(s)
			t.Errorf("%s.indices(%d) = %s, want %s", r, c.N, got, want[i])
		}
	}
}
