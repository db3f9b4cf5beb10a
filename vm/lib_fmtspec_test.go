package vm

import (
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"
)

// fmtCase is one format(value, spec) call; Kind is int, float or str.
type fmtCase struct {
	Kind  string
	Int   int64
	Float string // repr-able text; python evaluates float(Float)
	Str   string
	Spec  string
}

func (c fmtCase) run() string {
	var s string
	var err error
	switch c.Kind {
	case "int":
		s, err = formatIntSpec(c.Int, c.Spec, "int")
	case "float":
		var f float64
		fmt.Sscan(c.Float, &f)
		switch c.Float {
		case "inf":
			f = math.Inf(1)
		case "-inf":
			f = math.Inf(-1)
		case "nan":
			f = math.NaN()
		}
		s, err = formatFloatSpec(f, c.Spec)
	case "str":
		s, err = formatStrSpec(c.Str, c.Spec)
	}
	if err != nil {
		return errText(err)
	}
	return s
}

const fmtOracle = `
import json, sys
out = []
for c in json.load(sys.stdin):
    v = {"int": lambda: c["Int"], "float": lambda: float(c["Float"]), "str": lambda: c["Str"]}[c["Kind"]]()
    try:
        out.append(format(v, c["Spec"]))
    except Exception as e:
        out.append(type(e).__name__ + ": " + str(e))
print(json.dumps(out))
`

func randSpec(r *rand.Rand, types string) string {
	var sb strings.Builder
	pick := func(p float64) bool { return r.Float64() < p }
	if pick(0.3) {
		if pick(0.5) {
			sb.WriteString([]string{"*", "0", "x", "é", "="}[r.Intn(5)])
		}
		sb.WriteByte("<>^="[r.Intn(4)])
	}
	if pick(0.3) {
		sb.WriteByte("+- "[r.Intn(3)])
	}
	if pick(0.1) {
		sb.WriteByte('z')
	}
	if pick(0.2) {
		sb.WriteByte('#')
	}
	if pick(0.2) {
		sb.WriteByte('0')
	}
	if pick(0.5) {
		fmt.Fprint(&sb, r.Intn(16))
	}
	if pick(0.2) {
		sb.WriteByte(",_"[r.Intn(2)])
	}
	if pick(0.4) {
		fmt.Fprintf(&sb, ".%d", r.Intn(12))
	}
	if pick(0.8) {
		sb.WriteByte(types[r.Intn(len(types))])
	}
	return sb.String()
}

func TestFormatSpecAgainstCPython(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	var cases []fmtCase
	ints := []int64{0, 1, -1, 7, 42, -42, 255, 1000, -1234567, 1 << 40, math.MaxInt64, math.MinInt64, 65, 0x10ffff}
	floats := []string{"0.0", "-0.0", "1.0", "-1.5", "0.5", "2.5", "3.14159", "1e16", "1e15", "123456.789",
		"1e-5", "0.0001", "1e300", "-1e-300", "5e-324", "1.7976931348623157e308", "inf", "-inf", "nan",
		"0.1", "100.0", "99.99", "-0.0004", "1234567.891", "12345678901234567890.0"}
	strs := []string{"", "a", "abc", "héllo", "日本語", "x y z"}
	// hand-picked specs that probe specific rules
	fixed := []string{"", "5", "<5", ">5", "^6", "=8", "+", "-", " ", "05", "010,", "04,", "_x", "#b", "#o", "#x", "#X",
		"#010x", ",", "_", ",d", ".2f", ".0f", "#.0f", ".3e", "#.0e", "g", ".3g", "#g", "#.3g", ".0g", "%", ".1%", "n", "c",
		"z.1f", "z", "..", ".", "%5q", ",x", ",_", "__", ".2d", "+c", "#c", "=^,5", "x<5", "*^12.3f", "0=+12,.2f",
		"1234567890123456789012", ".3s", "s", "d", "E", "G", "F", ".20", "#", ".2", "12.3", "-^9", "012_b"}
	for _, s := range fixed {
		for _, i := range ints[:8] {
			cases = append(cases, fmtCase{Kind: "int", Int: i, Spec: s})
		}
		for _, f := range floats {
			cases = append(cases, fmtCase{Kind: "float", Float: f, Spec: s})
		}
		for _, x := range strs {
			cases = append(cases, fmtCase{Kind: "str", Str: x, Spec: s})
		}
	}
	for i := 0; i < 3000; i++ {
		cases = append(cases, fmtCase{Kind: "int", Int: ints[r.Intn(len(ints))], Spec: randSpec(r, "bcdoxXneEfFgG%")})
		cases = append(cases, fmtCase{Kind: "float", Float: floats[r.Intn(len(floats))], Spec: randSpec(r, "eEfFgGn%")})
		f := math.Float64frombits(r.Uint64())
		if math.IsNaN(f) {
			f = 1.5
		}
		cases = append(cases, fmtCase{Kind: "float", Float: pyFloatRepr(f), Spec: randSpec(r, "eEfFgGn%")})
		cases = append(cases, fmtCase{Kind: "str", Str: strs[r.Intn(len(strs))], Spec: randSpec(r, "s")})
	}
	want := runPython(t, fmtOracle, cases)
	fails := 0
	for i, c := range cases {
		if got := c.run(); got != want[i] {
			fails++
			if fails <= 40 {
				t.Errorf("format(%s %v%q%q, %q) = %q, CPython %q", c.Kind, c.Int, c.Float, c.Str, c.Spec, got, want[i])
			}
		}
	}
	if fails > 0 {
		t.Errorf("%d of %d cases differ", fails, len(cases))
	}
}

func TestFloatReprAgainstCPython(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	fs := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1e16, 1e15, 9999999999999998, 1e-4, 1e-5, 1.5e-5, 123.456,
		math.Inf(1), math.Inf(-1), math.NaN(), 5e-324, math.MaxFloat64, 1e22, 1e21, 2.5, 100, 1.0 / 3}
	for i := 0; i < 2000; i++ {
		f := math.Float64frombits(r.Uint64())
		if i%2 == 0 {
			f = r.NormFloat64() * math.Pow(10, float64(r.Intn(40)-20))
		}
		fs = append(fs, f)
	}
	bits := make([]uint64, len(fs))
	for i, f := range fs {
		bits[i] = math.Float64bits(f)
	}
	want := runPython(t, `
import json, sys, struct
print(json.dumps([repr(struct.unpack('<d', struct.pack('<Q', b))[0]) for b in json.load(sys.stdin)]))
`, bits)
	for i, f := range fs {
		if got := pyFloatRepr(f); got != want[i] {
			t.Errorf("pyFloatRepr(%b) = %q, CPython %q", f, got, want[i])
		}
	}
}
