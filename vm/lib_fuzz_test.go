package vm

import (
	"math"
	"testing"
)

// Fuzz targets for the library's parsers: format specs, str.format
// templates, printf-style formats and numeric literals. Any input must
// give a result or a Python exception, never a Go panic or a hang.

func FuzzFormatSpec(f *testing.F) {
	for _, s := range []string{"", ">10", "*^+#012,.3f", "x<5", "_x", "%", ".0e", "z.2g", "é^9s", "=+8", "1234567890123"} {
		f.Add(s, int64(-42), 3.25, "text")
	}
	f.Fuzz(func(t *testing.T, spec string, i int64, x float64, s string) {
		for _, call := range []func() (string, error){
			func() (string, error) { return formatIntSpec(i, spec, "int") },
			func() (string, error) { return formatFloatSpec(x, spec) },
			func() (string, error) { return formatFloatSpec(math.Inf(-1), spec) },
			func() (string, error) { return formatStrSpec(s, spec) },
		} {
			out, err := call()
			if err == nil && len(out) > 4*maxFormatWidth+400 {
				t.Fatalf("spec %q produced %d bytes", spec, len(out))
			}
			if err != nil {
				if _, ok := err.(*fmtError); !ok {
					t.Fatalf("spec %q: error of type %T: %v", spec, err, err)
				}
			}
		}
	})
}

func FuzzStrFormat(f *testing.F) {
	for _, s := range []string{"{} {}", "{0[1]} {name!r:>{w}}", "{{}}", "{", "}", "{0.x}", "{:{:{}}}", "{0!}", "{[", "a{0:%}b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tmpl string) {
		th := detachedThread()
		args := []Value{MakeInt(7), Float64(2.5), String("s"), NewList([]Value{MakeInt(1), String("x")})}
		kw := []KeywordArg{{"name", String("nl")}, {"w", MakeInt(6)}}
		if _, err := strFormat(th, String(tmpl), args, kw); err != nil {
			if _, ok := err.(*Exception); !ok {
				t.Fatalf("template %q: non-Python error %T: %v", tmpl, err, err)
			}
		}
	})
}

func FuzzPercent(f *testing.F) {
	for _, s := range []string{"%s %d", "%(a)s %%", "%*.*f", "%-#010x", "%c%r%a", "%", "%(", "%5%", "%.3s|%e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, format string) {
		th := detachedThread()
		d := NewDict()
		if err := d.Set(th, String("a"), MakeInt(1)); err != nil {
			t.Fatal(err)
		}
		for _, arg := range []Value{Tuple{MakeInt(3), Float64(1.5), String("x")}, d, MakeInt(65), String("s")} {
			if _, err := percentFormat(th, format, arg); err != nil {
				if _, ok := err.(*Exception); !ok {
					t.Fatalf("%q %% %v: non-Python error %T: %v", format, arg, err, err)
				}
			}
		}
	})
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"42", " -0x_1F ", "0b101", "1_000", "1e5", "-inf", "nan", ".5", "1__0", "0o", "９"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, base := range []int{0, 2, 10, 16, 36} {
			v, e := parsePyInt(s, base)
			if e != numOK && v != 0 {
				t.Fatalf("parsePyInt(%q, %d) = %d with error %v", s, base, v, e)
			}
			if e == numOK && base == 10 {
				// a decimal int literal is also a float literal
				if _, ok := parsePyFloat(s); !ok {
					t.Fatalf("int(%q) parses but float() does not", s)
				}
			}
		}
		if f, ok := parsePyFloat(s); ok && !math.IsNaN(f) {
			r := pyFloatRepr(f)
			g, ok := parsePyFloat(r)
			if !ok || g != f {
				t.Fatalf("float(%q) = %v, but repr %q reads back as %v", s, f, r, g)
			}
		}
	})
}
