package vm

import (
	"math/rand"
	"testing"
)

// TestStrMethodsAgainstCPython calls str methods with generated receivers
// and arguments and compares repr(result) (or the exception) with CPython.
func TestStrMethodsAgainstCPython(t *testing.T) {
	type mcase struct {
		Recv   string
		Method string
		Args   []*jsonNode
	}
	r := rand.New(rand.NewSource(6))
	recvs := []string{"", "a", "abc", "  a b  c  ", "a,b,,c,", "hello world", "Hello World", "ababab", "x\ty\tz",
		"line1\nline2\r\nline3\rend", "héllo wörld", "日本語テキスト", "MiXeD cAsE 123", "--a--b--", "  ", "tab\there\n",
		"a\x1cb\u0085c\u2028d", "ǅemo title", "1,234.5", "007", "-12", "+3", "éé"}
	subs := []string{"", "a", "b", "ab", ",", " ", "--", "l", "é", "日本", "xyz", "\n", "o w"}
	idx := []int64{-100, -3, -1, 0, 1, 2, 5, 100}
	str := func() *jsonNode { return strNode(subs[r.Intn(len(subs))]) }
	num := func() *jsonNode { return intNode(idx[r.Intn(len(idx))]) }
	gens := map[string]func() []*jsonNode{
		"split": func() []*jsonNode {
			switch r.Intn(4) {
			case 0:
				return nil
			case 1:
				return []*jsonNode{str()}
			case 2:
				return []*jsonNode{{Kind: "none"}, num()}
			}
			return []*jsonNode{str(), num()}
		},
		"find":       func() []*jsonNode { return append([]*jsonNode{str()}, []*jsonNode{num(), num()}[:r.Intn(3)]...) },
		"startswith": func() []*jsonNode { return append([]*jsonNode{str()}, []*jsonNode{num(), num()}[:r.Intn(3)]...) },
		"strip": func() []*jsonNode {
			if r.Intn(2) == 0 {
				return nil
			}
			return []*jsonNode{str()}
		},
		"replace": func() []*jsonNode { return append([]*jsonNode{str(), str()}, []*jsonNode{num()}[:r.Intn(2)]...) },
		"center": func() []*jsonNode {
			return append([]*jsonNode{intNode(int64(r.Intn(20)))}, []*jsonNode{strNode([]string{"*", "é", "ab"}[r.Intn(3)])}[:r.Intn(2)]...)
		},
		"zfill":      func() []*jsonNode { return []*jsonNode{intNode(int64(r.Intn(12)))} },
		"partition":  func() []*jsonNode { return []*jsonNode{str()} },
		"splitlines": func() []*jsonNode { return []*jsonNode{{Kind: "bool", Bool: r.Intn(2) == 0}}[:r.Intn(2)] },
		"expandtabs": func() []*jsonNode { return []*jsonNode{intNode(int64(r.Intn(10)))}[:r.Intn(2)] },
		"none":       func() []*jsonNode { return nil },
	}
	methods := map[string]string{
		"split": "split", "rsplit": "split", "find": "find", "rfind": "find", "index": "find", "rindex": "find",
		"count": "find", "startswith": "startswith", "endswith": "startswith", "strip": "strip", "lstrip": "strip",
		"rstrip": "strip", "replace": "replace", "center": "center", "ljust": "center", "rjust": "center",
		"zfill": "zfill", "partition": "partition", "rpartition": "partition", "splitlines": "splitlines",
		"expandtabs": "expandtabs", "upper": "none", "lower": "none", "title": "none", "capitalize": "none",
		"swapcase": "none", "isdigit": "none", "isalpha": "none", "isalnum": "none", "isspace": "none",
		"isupper": "none", "islower": "none", "istitle": "none", "isdecimal": "none", "isnumeric": "none",
		"removeprefix": "partition", "removesuffix": "partition", "join": "partition",
	}
	var cases []mcase
	for _, m := range sortedKeys(methods) {
		g := methods[m]
		for _, recv := range recvs {
			for k := 0; k < 4; k++ {
				cases = append(cases, mcase{recv, m, gens[g]()})
			}
		}
	}
	want := runPython(t, nodeDecoder+`
import json, sys
out = []
for c in json.load(sys.stdin):
    try:
        out.append(repr(getattr(c["Recv"], c["Method"])(*[build(a) for a in c["Args"] or []])))
    except Exception as e:
        out.append(type(e).__name__ + ": " + str(e))
print(json.dumps(out))
`, cases)
	th := detachedThread()
	fails := 0
	for i, c := range cases {
		args := make([]Value, len(c.Args))
		for j, a := range c.Args {
			args[j] = a.value(t, th)
		}
		m := strMethods[c.Method]
		var got string
		v, err := m.Fn(th, String(c.Recv), args, nil)
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

func argsRepr(th *Thread, args []Value) string {
	s, _ := th.Repr(Tuple(args))
	return s
}
