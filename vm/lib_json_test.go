package vm

import (
	"errors"
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"
)

// jsonNode describes a Python value for both sides of a CPython oracle
// test: it becomes a Value here and a Python object in the script (dicts
// keep order as pair lists; floats travel as repr text to stay exact).
type jsonNode struct {
	Kind  string // none, bool, int, float, str, list, tuple, dict
	Bool  bool
	Int   int64
	Float string
	Str   string
	Elems []*jsonNode
	Keys  []*jsonNode // dict keys, parallel to Elems
}

func (n *jsonNode) value(t *testing.T, th *Thread) Value {
	switch n.Kind {
	case "none":
		return None
	case "bool":
		return Bool(n.Bool)
	case "int":
		return MakeInt(n.Int)
	case "float":
		f, ok := parsePyFloat(n.Float)
		if !ok {
			t.Fatalf("bad float %q", n.Float)
		}
		return Float64(f)
	case "str":
		return String(n.Str)
	case "list", "tuple":
		elems := make([]Value, len(n.Elems))
		for i, e := range n.Elems {
			elems[i] = e.value(t, th)
		}
		if n.Kind == "tuple" {
			return Tuple(elems)
		}
		return NewList(elems)
	case "dict":
		d := NewDict()
		for i, k := range n.Keys {
			if err := d.Set(th, k.value(t, th), n.Elems[i].value(t, th)); err != nil {
				t.Fatal(err)
			}
		}
		return d
	}
	t.Fatalf("bad kind %q", n.Kind)
	return nil
}

const nodeDecoder = `
def build(n):
    k = n["Kind"]
    if k == "none": return None
    if k == "bool": return n["Bool"]
    if k == "int": return n["Int"]
    if k == "float": return float(n["Float"])
    if k == "str": return n["Str"]
    if k == "list": return [build(e) for e in n["Elems"] or []]
    if k == "tuple": return tuple(build(e) for e in n["Elems"] or [])
    return {build(kk): build(v) for kk, v in zip(n["Keys"] or [], n["Elems"] or [])}
`

var jsonStrings = []string{"", "a", "key", "é", "日本語", "\U0001F600", "tab\there", "quote\"", "back\\slash",
	"ctl\x01\x1f", "del\x7f", "line\nbreak", "\u2028", "mixed é \U0001F680 z", "/slash/"}

func randNode(r *rand.Rand, depth int, keys bool) *jsonNode {
	max := 9
	if depth > 3 || keys {
		max = 5
	}
	switch k := r.Intn(max); k {
	case 0:
		return &jsonNode{Kind: "none"}
	case 1:
		return &jsonNode{Kind: "bool", Bool: r.Intn(2) == 0}
	case 2:
		ints := []int64{0, 1, -1, 42, math.MaxInt64, math.MinInt64, 1 << 40}
		return &jsonNode{Kind: "int", Int: ints[r.Intn(len(ints))]}
	case 3:
		fs := []float64{0, math.Copysign(0, -1), 1.5, -2.25, 1e16, 1e-7, 0.1, 1.0 / 3, 1e300, 5e-324, 100}
		return &jsonNode{Kind: "float", Float: pyFloatRepr(fs[r.Intn(len(fs))])}
	case 4:
		return &jsonNode{Kind: "str", Str: jsonStrings[r.Intn(len(jsonStrings))]}
	case 5, 6:
		n := &jsonNode{Kind: []string{"list", "tuple"}[k-5]}
		for i := r.Intn(4); i > 0; i-- {
			n.Elems = append(n.Elems, randNode(r, depth+1, false))
		}
		return n
	default:
		n := &jsonNode{Kind: "dict"}
		seen := map[string]bool{}
		for i := r.Intn(4); i > 0; i-- {
			kn := randNode(r, depth+1, true)
			// keep keys distinct under Python equality (0 == False == 0.0 ...)
			id := kn.Str
			if kn.Kind != "str" {
				id = "\x00nonstr"
			}
			if seen[id] {
				continue
			}
			seen[id] = true
			n.Keys = append(n.Keys, kn)
			n.Elems = append(n.Elems, randNode(r, depth+1, false))
		}
		return n
	}
}

// dumpsOpts is one combination of json.dumps keyword arguments.
type dumpsOpts struct {
	Indent      any // nil, int or string
	SortKeys    bool
	Separators  []string
	EnsureASCII bool
}

func (o dumpsOpts) kwargs() []KeywordArg {
	kw := []KeywordArg{{"sort_keys", Bool(o.SortKeys)}, {"ensure_ascii", Bool(o.EnsureASCII)}}
	switch x := o.Indent.(type) {
	case int:
		kw = append(kw, KeywordArg{"indent", MakeInt(int64(x))})
	case string:
		kw = append(kw, KeywordArg{"indent", String(x)})
	}
	if o.Separators != nil {
		kw = append(kw, KeywordArg{"separators", Tuple{String(o.Separators[0]), String(o.Separators[1])}})
	}
	return kw
}

func TestDumpsAgainstCPython(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	opts := []dumpsOpts{
		{EnsureASCII: true},
		{EnsureASCII: false},
		{Indent: 2, EnsureASCII: true},
		{Indent: 0, EnsureASCII: true},
		{Indent: "\t", SortKeys: true, EnsureASCII: true},
		{Separators: []string{",", ":"}, EnsureASCII: true},
		{Indent: 3, Separators: []string{";", " = "}, EnsureASCII: false},
	}
	type tcase struct {
		Node *jsonNode
		Opts dumpsOpts
	}
	var cases []tcase
	for i := 0; i < 400; i++ {
		n := randNode(r, 0, false)
		o := opts[i%len(opts)]
		if o.SortKeys {
			n = &jsonNode{Kind: "dict", Keys: []*jsonNode{{Kind: "str", Str: "b"}, {Kind: "str", Str: "a"}}, Elems: []*jsonNode{n, n}}
		}
		cases = append(cases, tcase{n, o})
	}
	want := runPython(t, nodeDecoder+`
import json, sys
out = []
for c in json.load(sys.stdin):
    o = c["Opts"]
    kw = {"sort_keys": o["SortKeys"], "ensure_ascii": o["EnsureASCII"], "indent": o["Indent"]}
    if o["Separators"]:
        kw["separators"] = tuple(o["Separators"])
    try:
        out.append(json.dumps(build(c["Node"]), **kw))
    except Exception as e:
        out.append(type(e).__name__ + ": " + str(e))
print(json.dumps(out))
`, cases)
	th := detachedThread()
	for i, c := range cases {
		v := c.Node.value(t, th)
		got, err := jsonDumps(th, []Value{v}, c.Opts.kwargs())
		var gs string
		if err != nil {
			gs = err.Error()
		} else {
			gs = string(got.(String))
		}
		if gs != want[i] {
			t.Errorf("case %d dumps(%+v):\n got %q\nwant %q", i, c.Opts, gs, want[i])
		}
	}
}

func TestLoadsAgainstCPython(t *testing.T) {
	docs := []string{`{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "d"}}`, `[]`, `{}`, `""`, ` 42 `, `-0`, `-0.0`,
		`1E400`, `"\u00e9\ud83d\ude00\n\t\"\\\/"`, `"\ud800"`, `NaN`, `[Infinity, -Infinity]`, `{"a": 1, "a": 2, "b": 3}`,
		`123456789012345678`, `0.1`, `1e-7`, `[1,2 , 3 ]`, "\t\n\r [ 1 ]", `"日本語"`, `{"é": "ü"}`,
		``, `[1,]`, `{"a":1,}`, `{"a" 1}`, `{1:2}`, `[1 2]`, `"abc`, "\"a\x01\"", `"\q"`, `"\u12"`, `[1] x`, `tru`,
		`-`, `01`, `1.`, `1e`, `[`, `{`, `{"a"`, `{"a":`, `{"a":1`, `[1,`, "\n\n  ]", `{"é": x}`, `"\`, `nul`, `[-]`,
		`"\u00e9\u`, "[\n1,\n2,\n]", `{"a": [1, {"b": }]}`, `.5`, `+1`, `0x10`, `[1.5e+3, 2E-2]`, `"tab	char"`}
	want := runPython(t, `
import json, sys
out = []
for d in json.load(sys.stdin):
    try:
        out.append(repr(json.loads(d)))
    except json.JSONDecodeError as e:
        out.append("JSONDecodeError: " + str(e))
print(json.dumps(out))
`, docs)
	th := detachedThread()
	for i, d := range docs {
		if d == `"\ud800"` {
			continue // nl strings are UTF-8: a lone surrogate becomes U+FFFD (documented)
		}
		var got string
		v, err := jsonLoads(th, []Value{String(d)}, nil)
		if err != nil {
			var e *Exception
			if !errors.As(err, &e) {
				t.Fatalf("loads(%q): non-Python error %v", d, err)
			}
			got = e.Type + ": " + e.Msg
		} else if got, err = th.Repr(v); err != nil {
			t.Fatal(err)
		}
		if got != want[i] {
			t.Errorf("loads(%q):\n got %s\nwant %s", d, got, want[i])
		}
	}
}

func TestMarshalJSON(t *testing.T) {
	th := detachedThread()
	d := NewDict()
	for _, kv := range []struct {
		k string
		v Value
	}{{"z", MakeInt(1)}, {"a", NewList([]Value{Float64(2.5), None, True, String("é\n")})}, {"m", NewDict()}} {
		if err := d.Set(th, String(kv.k), kv.v); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		in   Value
		want string
		err  string
	}{
		{"dict keeps insertion order", d, `{"z":1,"a":[2.5,null,true,"é\n"],"m":{}}`, ""},
		{"float repr", NewList([]Value{Float64(1e16), Float64(0.1), Float64(math.Copysign(0, -1)), Float64(3)}), `[1e+16,0.1,-0.0,3.0]`, ""},
		{"tuple is array", Tuple{MakeInt(1), String("x")}, `[1,"x"]`, ""},
		{"nan refused", Float64(math.NaN()), "", "ValueError: Out of range float values are not JSON compliant"},
		{"set refused", NewSet(), "", "TypeError: Object of type set is not JSON serializable"},
		{"scalar", String("plain"), `"plain"`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := MarshalJSON(tc.in)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("MarshalJSON error = %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil || string(got) != tc.want {
				t.Fatalf("MarshalJSON = %s, %v; want %s", got, err, tc.want)
			}
		})
	}
}

func TestUnmarshalJSON(t *testing.T) {
	tests := []struct {
		name, in, repr, err string
	}{
		{"event", `{"b": 1, "a": [1.5, "x", null, false], "c": {}}`, `{'b': 1, 'a': [1.5, 'x', None, False], 'c': {}}`, ""},
		{"duplicate keys keep first position", `{"a": 1, "b": 2, "a": 3}`, `{'a': 3, 'b': 2}`, ""},
		{"big int", `99999999999999999999`, "", "OverflowError: int too large: JSON number 99999999999999999999 does not fit in 64 bits"},
		{"syntax error position", "{\n  \"a\": tru\n}", "", "JSONDecodeError: Expecting value: line 2 column 8 (char 9)"},
		{"empty", ``, "", "JSONDecodeError: Expecting value: line 1 column 1 (char 0)"},
		{"deep nesting", strings.Repeat("[", 300) + strings.Repeat("]", 300), "",
			"RecursionError: maximum recursion depth exceeded while decoding a JSON array from a unicode string"},
	}
	th := detachedThread()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := UnmarshalJSON([]byte(tc.in))
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("UnmarshalJSON error = %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			r, err := th.Repr(v)
			if err != nil || r != tc.repr {
				t.Fatalf("UnmarshalJSON = %s, %v; want %s", r, err, tc.repr)
			}
		})
	}
}

// FuzzUnmarshalJSON: any input gives a value or an error, never a panic,
// and a value marshals back to JSON that decodes to the same text again.
func FuzzUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`{"a": [1, 2.5, "x", null, true]}`, `[]`, `"\u00e9"`, `-0.0`, `[[[[]]]]`, `{"a":`, `1e999`, `"\ud83d\ude00"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := UnmarshalJSON(data)
		if err != nil {
			return
		}
		out, err := MarshalJSON(v)
		if err != nil {
			// NaN and infinities decode but are not JSON
			if strings.Contains(err.Error(), "Out of range float") {
				return
			}
			t.Fatalf("MarshalJSON of decoded %q: %v", data, err)
		}
		v2, err := UnmarshalJSON(out)
		if err != nil {
			t.Fatalf("re-decoding %q (from %q): %v", out, data, err)
		}
		out2, err := MarshalJSON(v2)
		if err != nil || string(out2) != string(out) {
			t.Fatalf("round trip unstable: %q then %q (%v)", out, out2, err)
		}
	})
}

func ExampleMarshalJSON() {
	v, _ := UnmarshalJSON([]byte(`{"temp": 21.5, "ok": true, "tags": ["a", "b"]}`))
	out, _ := MarshalJSON(v)
	fmt.Println(string(out))
	// Output: {"temp":21.5,"ok":true,"tags":["a","b"]}
}
