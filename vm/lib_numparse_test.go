package vm

import (
	"fmt"
	"math"
	"math/rand"
	"strconv"
	"testing"
)

func TestParsePyIntAgainstCPython(t *testing.T) {
	type c struct {
		S    string
		Base int
	}
	strs := []string{"0", "42", " 42 ", "-7", "+7", "0x1f", "0X1F", "1f", "0o17", "0b101", "010", "0_0", "00", "1_000",
		"1__0", "_1", "1_", "0x_1f", "0x", "", " ", "-", "9223372036854775807", "9223372036854775808",
		"-9223372036854775808", "-9223372036854775809", "99999999999999999999999", "z", "Z", "zz", "1.5", "\t12\n",
		"0b", "0b2", "12a", "٣", "+-1", "1 2", "١٢٣", "𝟗𝟖", " \u00a0 7 ", "٣x"}
	var cases []c
	for _, s := range strs {
		for _, b := range []int{10, 0, 2, 8, 16, 36} {
			cases = append(cases, c{s, b})
		}
	}
	want := runPython(t, `
import json, sys
out = []
for c in json.load(sys.stdin):
    try:
        v = int(c["S"], c["Base"])
        out.append(str(v) if -2**63 <= v < 2**63 else "overflow")
    except ValueError:
        out.append("invalid")
print(json.dumps(out))
`, cases)
	for i, tc := range cases {
		v, e := parsePyInt(tc.S, tc.Base)
		got := strconv.FormatInt(v, 10)
		switch e {
		case numInvalid:
			got = "invalid"
		case numOverflow:
			got = "overflow"
		}
		if got != want[i] {
			t.Errorf("int(%q, %d) = %s, CPython %s", tc.S, tc.Base, got, want[i])
		}
	}
}

func TestParsePyFloatAgainstCPython(t *testing.T) {
	strs := []string{"1", "1.5", " 1e3 ", "-2.5E-3", ".5", "5.", ".", "e5", "1e", "1e+", "inf", "-Infinity", "NaN", "+nan",
		"infinit", "1_000.5", "1__0", "_1", "1_.5", "1._5", "0x10", "1e400", "-1e400", "1e-400", "", " ", "abc", "1.5.5",
		"1_0e1_0", "00012", "\n3.25\t", "١.٥", "\u20031e3\u2003"}
	want := runPython(t, `
import json, sys
out = []
for s in json.load(sys.stdin):
    try:
        out.append(repr(float(s)))
    except ValueError:
        out.append("invalid")
print(json.dumps(out))
`, strs)
	for i, s := range strs {
		f, ok := parsePyFloat(s)
		got := pyFloatRepr(f)
		if !ok {
			got = "invalid"
		}
		if got != want[i] {
			t.Errorf("float(%q) = %s, CPython %s", s, got, want[i])
		}
	}
}

func TestRoundAgainstCPython(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	type c struct {
		X string
		N int64
	}
	xs := []float64{0.5, 1.5, 2.5, -0.5, 2.675, 0.125, 0.375, 1234.5, -1250, 1e300, 5e-324, 0.1, 1.0 / 3, -0.4, 1e22}
	for i := 0; i < 300; i++ {
		xs = append(xs, r.NormFloat64()*math.Pow(10, float64(r.Intn(20)-8)))
	}
	var cases []c
	for _, x := range xs {
		for _, n := range []int64{0, 1, 2, 3, 5, 10, -1, -2, -5, 400, -400} {
			cases = append(cases, c{pyFloatRepr(x), n})
		}
	}
	want := runPython(t, `
import json, sys
print(json.dumps([repr(round(float(c["X"]), c["N"])) for c in json.load(sys.stdin)]))
`, cases)
	for i, tc := range cases {
		x, _ := parsePyFloat(tc.X)
		f, _ := roundFloat(x, tc.N)
		if got := pyFloatRepr(f); got != want[i] {
			t.Errorf("round(%s, %d) = %s, CPython %s", tc.X, tc.N, got, want[i])
		}
	}
}

func TestRoundInt(t *testing.T) {
	tests := []struct {
		x, n, want int64
		ok         bool
	}{
		{1234, -2, 1200, true},
		{1250, -2, 1200, true},
		{1350, -2, 1400, true},
		{-1250, -2, -1200, true},
		{-1251, -2, -1300, true},
		{5, -1, 0, true},
		{15, -1, 20, true},
		{42, 3, 42, true},
		{math.MaxInt64, -1, 0, false},
		{math.MaxInt64, -20, 0, true},
		{math.MinInt64, -18, -9000000000000000000, true},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%d,%d", tc.x, tc.n), func(t *testing.T) {
			got, ok := roundInt(tc.x, tc.n)
			if got != tc.want || ok != tc.ok {
				t.Errorf("roundInt(%d, %d) = %d, %v; want %d, %v", tc.x, tc.n, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestRoundToInt(t *testing.T) {
	tests := []struct {
		x    float64
		want int64
		err  numParseErr
	}{
		{0.5, 0, numOK}, {1.5, 2, numOK}, {2.5, 2, numOK}, {-2.5, -2, numOK}, {2.6, 3, numOK},
		{math.NaN(), 0, numInvalid}, {math.Inf(1), 0, numOverflow}, {1e19, 0, numOverflow},
		{-9.223372036854775808e18, math.MinInt64, numOK},
	}
	for _, tc := range tests {
		got, err := roundToInt(tc.x)
		if got != tc.want || err != tc.err {
			t.Errorf("roundToInt(%v) = %d, %v; want %d, %v", tc.x, got, err, tc.want, tc.err)
		}
	}
}
