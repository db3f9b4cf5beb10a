package vm

import (
	"math/rand"
	"testing"
)

// bArg is an argument of a bytes method in an oracle case. Bytes travel
// as latin-1 text so that any byte value survives JSON.
type bArg struct {
	Kind string // bytes, str, int, bool, none
	S    string
	I    int64
}

func latin1(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	return string(b)
}

func (a bArg) value() Value {
	switch a.Kind {
	case "bytes":
		return Bytes(latin1(a.S))
	case "str":
		return String(a.S)
	case "int":
		return MakeInt(a.I)
	case "bool":
		return Bool(a.I != 0)
	}
	return None
}

// TestBytesMethodsAgainstCPython calls the bytes methods with generated
// receivers and arguments and compares repr(result) (or the exception)
// with CPython's.
func TestBytesMethodsAgainstCPython(t *testing.T) {
	type bcase struct {
		Recv   string
		Method string
		Args   []bArg
	}
	r := rand.New(rand.NewSource(11))
	recvs := []string{"", "a", "abc", "  a b  c  ", "a,b,,c,", "hello world", "Hello World", "ababab", "x\ty\tz",
		"line1\nline2\r\nline3\rend", "h\u00e9llo \u00ff", "MiXeD cAsE 123", "--a--b--", "  ", "tab\there\n",
		"a\x1cb\u0085c\x0bd\x0ce", "1,234.5", "007", "-12", "+3", "ABC", "abc1", "They're Bill's", "\t\n\r\x0b\x0c "}
	subs := []string{"", "a", "b", "ab", ",", " ", "--", "l", "\u00e9", "xyz", "\n", "o w", "-"}
	idx := []int64{-100, -3, -1, 0, 1, 2, 5, 100}
	sub := func() bArg {
		switch r.Intn(10) {
		case 0:
			return bArg{Kind: "int", I: []int64{97, 0, 300, -1, 44}[r.Intn(5)]}
		case 1:
			return bArg{Kind: "str", S: "a"}
		case 2:
			return bArg{Kind: "none"}
		}
		return bArg{Kind: "bytes", S: subs[r.Intn(len(subs))]}
	}
	num := func() bArg { return bArg{Kind: "int", I: idx[r.Intn(len(idx))]} }
	upTo := func(n int, gen func() bArg) []bArg {
		var a []bArg
		for i := r.Intn(n + 1); i > 0; i-- {
			a = append(a, gen())
		}
		return a
	}
	gens := map[string]func() []bArg{
		"find":  func() []bArg { return append([]bArg{sub()}, upTo(2, num)...) },
		"split": func() []bArg { return upTo(2, func() bArg { return []bArg{sub(), num()}[r.Intn(2)] }) },
		"strip": func() []bArg { return upTo(1, sub) },
		"one":   func() []bArg { return []bArg{sub()} },
		"pad": func() []bArg {
			w := bArg{Kind: "int", I: int64(r.Intn(14) - 2)}
			fill := []bArg{{Kind: "bytes", S: "*"}, {Kind: "bytes", S: "ab"}, {Kind: "str", S: "*"}}[r.Intn(3)]
			return append([]bArg{w}, []bArg{fill}[:r.Intn(2)]...)
		},
		"width": func() []bArg { return []bArg{{Kind: "int", I: int64(r.Intn(14) - 2)}} },
		"lines": func() []bArg { return []bArg{{Kind: "bool", I: int64(r.Intn(2))}}[:r.Intn(2)] },
		"tabs":  func() []bArg { return []bArg{{Kind: "int", I: int64(r.Intn(10) - 1)}}[:r.Intn(2)] },
		"none":  func() []bArg { return nil },
	}
	methods := map[string]string{
		"rfind": "find", "rindex": "find", "rsplit": "split", "lstrip": "strip", "rstrip": "strip",
		"partition": "one", "rpartition": "one", "removeprefix": "one", "removesuffix": "one",
		"splitlines": "lines", "zfill": "width", "ljust": "pad", "rjust": "pad", "center": "pad",
		"expandtabs": "tabs", "isdigit": "none", "isalpha": "none", "isalnum": "none", "isspace": "none",
		"isupper": "none", "islower": "none", "isascii": "none", "istitle": "none", "capitalize": "none",
		"title": "none", "swapcase": "none", "translate": "strip",
	}
	var cases []bcase
	for _, m := range sortedKeys(methods) {
		for _, recv := range recvs {
			for k := 0; k < 4; k++ {
				cases = append(cases, bcase{recv, m, gens[methods[m]]()})
			}
		}
	}
	want := runPython(t, `
import json, sys
def build(a):
    k = a["Kind"]
    if k == "bytes": return a["S"].encode("latin-1")
    if k == "str": return a["S"]
    if k == "int": return a["I"]
    if k == "bool": return bool(a["I"])
    return None
out = []
for c in json.load(sys.stdin):
    try:
        recv = c["Recv"].encode("latin-1")
        out.append(repr(getattr(recv, c["Method"])(*[build(a) for a in c["Args"] or []])))
    except Exception as e:
        out.append(type(e).__name__ + ": " + str(e))
print(json.dumps(out))
`, cases)
	th := detachedThread()
	fails := 0
	for i, c := range cases {
		args := make([]Value, len(c.Args))
		for j, a := range c.Args {
			args[j] = a.value()
		}
		var got string
		v, err := bytesMethods[c.Method].Fn(th, Bytes(latin1(c.Recv)), args, nil)
		if err != nil {
			got = pyErrText(th, err)
		} else if got, err = th.Repr(v); err != nil {
			t.Fatal(err)
		}
		if got != want[i] {
			if fails++; fails <= 30 {
				t.Errorf("%q.%s(%s):\n got %s\nwant %s", c.Recv, c.Method, argsRepr(th, args), got, want[i])
			}
		}
	}
}
