package vm

import (
	"math"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// TestPyHashMatchesCPython compares pyHashOf with python3's hash() on
// ints at the modulus edges, floats of every magnitude and nested tuples.
func TestPyHashMatchesCPython(t *testing.T) {
	cases := []struct {
		py string
		v  Value
	}{
		{"0", Int64(0)}, {"1", Int64(1)}, {"-1", Int64(-1)}, {"-2", Int64(-2)},
		{"2**61-2", Int64(1<<61 - 2)}, {"2**61-1", Int64(1<<61 - 1)}, {"2**61", Int64(1 << 61)},
		{"-(2**61)", Int64(-(1 << 61))}, {"2**63-1", Int64(math.MaxInt64)}, {"-2**63", Int64(math.MinInt64)},
		{"True", Boolean(true)}, {"False", Boolean(false)},
		{"0.5", Float64(0.5)}, {"-0.5", Float64(-0.5)}, {"1.5", Float64(1.5)}, {"3.14159", Float64(3.14159)},
		{"-2.75", Float64(-2.75)}, {"1e300", Float64(1e300)}, {"1e-300", Float64(1e-300)},
		{"5e-324", Float64(5e-324)}, {"123456.789", Float64(123456.789)}, {"2.0**70", Float64(math.Pow(2, 70))},
		{"-0.0", Float64(math.Copysign(0, -1))}, {"float('inf')", Float64(math.Inf(1))}, {"float('-inf')", Float64(math.Inf(-1))},
		{"()", Tuple{}}, {"(1,)", Tuple{Int64(1)}}, {"(1, 2)", Tuple{Int64(1), Int64(2)}},
		{"(1, (2, 3.5))", Tuple{Int64(1), Tuple{Int64(2), Float64(3.5)}}}, {"(-1, -2)", Tuple{Int64(-1), Int64(-2)}},
		{"(True, 0.0, (), 7)", Tuple{Boolean(true), Float64(0), Tuple{}, Int64(7)}},
	}
	exprs := make([]string, len(cases))
	for i, c := range cases {
		exprs[i] = c.py
	}
	out, err := exec.Command("python3", "-c", "for v in ["+strings.Join(exprs, ", ")+"]: print(hash(v))").Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	lines := strings.Fields(string(out))
	if len(lines) != len(cases) {
		t.Fatalf("python3 printed %d hashes for %d values", len(lines), len(cases))
	}
	for i, c := range cases {
		want, _ := strconv.ParseInt(lines[i], 10, 64)
		got, ok := pyHashOf(c.v)
		if !ok || got != want {
			t.Errorf("hash(%s) = %d (ok %v), CPython %d", c.py, got, ok, want)
		}
	}
	if _, ok := pyHashOf(Float64(math.NaN())); ok {
		t.Error("NaN's CPython hash is address-based; pyHashOf must not claim it")
	}
	if _, ok := pyHashOf(String("x")); ok {
		t.Error("str hashes are salted per process in CPython; pyHashOf must not claim them")
	}
}
