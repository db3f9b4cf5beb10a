package vm

import (
	"errors"
	"math/rand"
	"testing"
)

// pyErrText renders an error as "Type: str(exception)", as the oracle
// scripts print CPython's.
func pyErrText(th *Thread, err error) string {
	var e *Exception
	if !errors.As(err, &e) {
		return "Go error: " + err.Error()
	}
	if ex, ok := asException(e); ok && ex.value != nil {
		if s, err := th.Str(ex.value); err == nil {
			return e.Type + ": " + s
		}
	}
	return e.Type + ": " + e.Msg
}

func intNode(i int64) *jsonNode    { return &jsonNode{Kind: "int", Int: i} }
func floatNode(f string) *jsonNode { return &jsonNode{Kind: "float", Float: f} }
func strNode(s string) *jsonNode   { return &jsonNode{Kind: "str", Str: s} }
func tupleNode(e ...*jsonNode) *jsonNode {
	return &jsonNode{Kind: "tuple", Elems: e}
}

func TestPercentAgainstCPython(t *testing.T) {
	type pcase struct {
		Fmt string
		Arg *jsonNode
	}
	one := []*jsonNode{intNode(42), intNode(-7), intNode(0), intNode(255), floatNode("3.14159"), floatNode("-0.5"),
		floatNode("1e+16"), floatNode("inf"), floatNode("nan"), floatNode("2.5"), strNode("str"), strNode("é"),
		{Kind: "bool", Bool: true}, {Kind: "none"}, tupleNode()}
	fmts := []string{"%s", "%r", "%a", "%d", "%i", "%u", "%x", "%X", "%o", "%#x", "%#X", "%#o", "%e", "%E", "%f", "%F",
		"%g", "%G", "%c", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%5.1f", "%-8.3e|", "%08.2f", "%+.0f", "%#.0f",
		"%#g", "%.0e", "%10s|", "%-10r|", "%.2s", "%%", "%5%", "x%sy", "%q", "%", "%(a)s", "%ld", "%10.4g", "% 08.3f"}
	var cases []pcase
	for _, f := range fmts {
		for _, a := range one {
			cases = append(cases, pcase{f, a})
		}
	}
	multi := []pcase{
		{"%s %s", tupleNode(intNode(1), strNode("a"))},
		{"%s %s", tupleNode(intNode(1))},
		{"%s", tupleNode(intNode(1), intNode(2))},
		{"%d%%", tupleNode(intNode(5))},
		{"%*d|%-*d|%.*f", tupleNode(intNode(5), intNode(1), intNode(5), intNode(2), intNode(2), floatNode("3.14159"))},
		{"%(a)s-%(b)05.1f", &jsonNode{Kind: "dict", Keys: []*jsonNode{strNode("a"), strNode("b")}, Elems: []*jsonNode{strNode("x"), floatNode("2.25")}}},
		{"%(missing)s", &jsonNode{Kind: "dict"}},
		{"%s %(a)s", &jsonNode{Kind: "dict", Keys: []*jsonNode{strNode("a")}, Elems: []*jsonNode{intNode(1)}}},
		{"no args", &jsonNode{Kind: "dict"}},
		{"%c%c", tupleNode(intNode(72), strNode("i"))},
		{"%c", tupleNode(strNode("ab"))},
		{"%c", tupleNode(intNode(-1))},
		{"%(a", &jsonNode{Kind: "dict"}},
		{"%s", &jsonNode{Kind: "list", Elems: []*jsonNode{intNode(1)}}},
	}
	cases = append(cases, multi...)
	r := rand.New(rand.NewSource(5))
	for i := 0; i < 500; i++ {
		f := "%"
		for _, part := range []string{"-", "+", " ", "#", "0"} {
			if r.Intn(4) == 0 {
				f += part
			}
		}
		if r.Intn(2) == 0 {
			f += []string{"1", "7", "12"}[r.Intn(3)]
		}
		if r.Intn(2) == 0 {
			f += []string{".0", ".2", ".9"}[r.Intn(3)]
		}
		f += string("dixXoeEfFgGsr"[r.Intn(13)])
		cases = append(cases, pcase{f + "|", one[r.Intn(10)]})
	}
	want := runPython(t, nodeDecoder+`
import json, sys
out = []
for c in json.load(sys.stdin):
    try:
        out.append(c["Fmt"] % build(c["Arg"]))
    except Exception as e:
        out.append(type(e).__name__ + ": " + str(e))
print(json.dumps(out))
`, cases)
	th := detachedThread()
	for i, c := range cases {
		var got string
		v, err := percentFormat(th, c.Fmt, c.Arg.value(t, th))
		if err != nil {
			got = pyErrText(th, err)
		} else {
			got = string(v.(String))
		}
		if got != want[i] {
			t.Errorf("%q %% %+v:\n got %q\nwant %q", c.Fmt, *c.Arg, got, want[i])
		}
	}
}

func TestStrFormatAgainstCPython(t *testing.T) {
	type scase struct {
		Tmpl string
		Args []*jsonNode
		Kw   *jsonNode // dict of keyword arguments
	}
	kw := &jsonNode{Kind: "dict", Keys: []*jsonNode{strNode("name"), strNode("n"), strNode("w")},
		Elems: []*jsonNode{strNode("nl"), floatNode("2.5"), intNode(8)}}
	lst := &jsonNode{Kind: "list", Elems: []*jsonNode{intNode(10), strNode("x")}}
	dct := &jsonNode{Kind: "dict", Keys: []*jsonNode{strNode("k"), strNode("0")}, Elems: []*jsonNode{strNode("v"), strNode("zero")}}
	args := []*jsonNode{intNode(7), floatNode("3.14159"), strNode("s"), lst, dct}
	tmpls := []string{"{}", "{} {}", "{0} {1} {0}", "{name}", "{name!r:>{w}}", "{n:.{w}f}", "{0:{1}}", "{:{}{}}",
		"{3[0]} {3[1]}", "{4[k]} {4[0]}", "{{}} {{{0}}}", "{", "}", "{0", "{0!}", "{0!x}", "{0!r", "{0:", "{0.}",
		"{0[}", "{0[0]x}", "{} {0}", "{0} {}", "{9}", "{missing}", "{:d}", "{2:d}", "{1:q}", "{0:,}", "{1:_}",
		"{name:^10}|", "{n:e} {n:%}", "{0:{w}}", "{:{:{}}}", "{0:>{w}.{w}}", "a{0}b{1:>3}c", "{!s:>5}", "{!a}",
		"{3!r:20}", "{2:.0}", "{0:c}", "{0:#b} {0:#o} {0:#x}", "{1:=+10.2f}", "{name[0]}", "{3[5]}", "{0[0]}"}
	var cases []scase
	for _, tm := range tmpls {
		cases = append(cases, scase{tm, args, kw})
	}
	want := runPython(t, nodeDecoder+`
import json, sys
out = []
for c in json.load(sys.stdin):
    try:
        out.append(c["Tmpl"].format(*[build(a) for a in c["Args"]], **build(c["Kw"])))
    except Exception as e:
        out.append(type(e).__name__ + ": " + str(e))
print(json.dumps(out))
`, cases)
	th := detachedThread()
	for i, c := range cases {
		vals := make([]Value, len(c.Args))
		for j, a := range c.Args {
			vals[j] = a.value(t, th)
		}
		var kws []KeywordArg
		for j, k := range c.Kw.Keys {
			kws = append(kws, KeywordArg{k.Str, c.Kw.Elems[j].value(t, th)})
		}
		var got string
		v, err := strFormat(th, String(c.Tmpl), vals, kws)
		if err != nil {
			got = pyErrText(th, err)
		} else {
			got = string(v.(String))
		}
		if got != want[i] {
			t.Errorf("%q.format(...):\n got %q\nwant %q", c.Tmpl, got, want[i])
		}
	}
}
