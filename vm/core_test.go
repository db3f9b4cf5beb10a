package vm_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/vm"
)

// TestOracleOutput runs small programs under nl and under CPython (the
// oracle) and requires the same stdout.
func TestOracleOutput(t *testing.T) {
	cases := []struct{ name, src string }{
		{"arith", `
print(7 // 2, -7 // 2, 7 % -3, -7 % 3, 2 ** 10, 2 ** -1, 7 / 2, 1 << 10, -1 >> 3)
print(-7.5 // 2, -7.5 % 2, 7.0 // -2, 2 ** 0.5, 10 / 4, 3 * 1.5, 1 - 0.1)
print(True + True, 3 * "ab", [0] * 3, (1, 2) + (3,), -(-3), +4, ~5, ~-1)
print(9223372036854775807, -9223372036854775808, 2 ** 62, 3 & 5, 3 | 5, 3 ^ 5)
print(1 < 2 < 3, 1 < 3 < 2, 0.1 + 0.2, 1e16, 1.5e-7, -0.0, 1 == 1.0, True == 1)
`},
		{"compare", `
print([1, 2] < [1, 3], (1, 2) < (1, 2, 0), "abc" < "abd", [1] == [1.0], (1, [2]) == (1, [2]))
print({1, 2} < {1, 2, 3}, {1, 2} <= {1, 2}, {1: 2} == {1: 2}, None is None, 1 is not None)
print(2 in [1, 2], 3 not in (1, 2), "b" in "abc", 1 in {1: 0}, 5 in range(0, 10, 5), 4 in range(0, 10, 5))
`},
		{"slicing", `
x = [5, 3, 8, 1, 9]
print(x[1:3], x[::-1], x[-2:], x[:-2], x[::2], x[10:], x[-10:2], "hello"[1:4], "hello"[::-2])
x[1:3] = [0, 0, 0]
print(x)
del x[0]
del x[::2]
print(x, (1, 2, 3)[1:], range(10)[2:8:2], list(range(10)[::-3]))
`},
		{"unpacking", `
a, b = 1, 2
a, b = b, a
print(a, b)
a, *b, c = range(6)
print(a, b, c)
*a, b = "xyz"
print(a, b)
(a, b), c = [1, 2], 3
print(a, b, c)
for i, (k, v) in enumerate({"p": 1, "q": 2}.items()):
    print(i, k, v)
`},
		{"closures", `
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter()
c(); c()
print(c())
adders = [lambda x, i=i: x + i for i in range(3)]
print([a(10) for a in adders])
def outer():
    xs = []
    def add(v):
        xs.append(v)
        return len(xs)
    add(1); add(2)
    return xs
print(outer())
g = 10
def read_global():
    return g * 2
def write_global():
    global g
    g = 5
write_global()
print(read_global())
if __name__ == "__main__":
    print("run as main", __name__)
`},
		{"calls", `
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))
print(f(1, c=3))
print(f(1, 5, 6, 7, c=8, e=9, f=10))
args = (1, 2, 3)
kw = {"c": 0, "z": 1}
print(f(*args, **kw))
print(f(0, *[1, 2], c=3, **{"d": 5}))
def deco(fn):
    def wrapper(*a, **k):
        return ("wrapped", fn(*a, **k))
    return wrapper
@deco
def add(x, y):
    return x + y
print(add(2, y=3))
def defaults(x=[]):
    x.append(1)
    return len(x)
print(defaults(), defaults(), defaults([5]))
`},
		{"classes", `
class Point:
    count = 0
    def __init__(self, x, y):
        self.x = x
        self.y = y
        Point.count += 1
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def __eq__(self, other):
        return isinstance(other, Point) and self.x == other.x and self.y == other.y
    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)
    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __hash__(self):
        return self.x * 31 + self.y
    def __bool__(self):
        return self.x != 0
p = Point(1, 2)
q = Point(3, 4)
print(p, q, p + q, p == Point(1, 2), p != q, p < q, q > p, len(p), p[0], p[-1])
print(Point.count, sorted([q, p]), list(p), {p: 1}[Point(1, 2)], bool(Point(0, 1)), str(p))
print(type(p).__name__, type(p) is Point, isinstance(p, object), isinstance(p, (int, Point)))
class Animal:
    sound = "..."
    def speak(self):
        return self.name() + " says " + self.sound
    def name(self):
        return "animal"
class Dog(Animal):
    sound = "woof"
    def name(self):
        return "dog"
class Puppy(Dog):
    def speak(self):
        return super().speak() + "!"
print(Puppy().speak(), issubclass(Puppy, Animal), issubclass(Animal, Dog), Puppy.sound)
class Box:
    def __init__(self, items):
        self.items = items
    def __iter__(self):
        return iter(self.items) if False else BoxIter(self.items)
    def __contains__(self, x):
        return x in self.items
    def __setitem__(self, k, v):
        self.items[k] = v
    def __call__(self, n):
        return self.items[n]
class BoxIter:
    def __init__(self, items):
        self.items = items
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= len(self.items):
            raise StopIteration
        self.i += 1
        return self.items[self.i - 1]
b = Box([1, 2, 3])
b[0] = 10
print(list(b), 2 in b, 5 in b, b(1), [x * 2 for x in b])
class A:
    def __init__(self, n):
        self.n = n
    def gen(self, k):
        for i in range(self.n):
            yield i * k
    def m(self, a, b=2, *c, **d):
        return (self.n, a, b, c, sorted(d))
a = A(3)
print(list(a.gen(2)), a.m(1), a.m(1, 5, 6, x=1), a.m(b=4, a=0))
`},
		{"generators", `
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
print([v for _, v in zip(range(10), fib())])
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], (3,), "ab")))
def squares(n):
    for i in range(n):
        yield i * i
    return "done"
def wrap():
    r = yield from squares(3)
    yield r
print(list(wrap()), sum(x for x in range(10)), max(x % 7 for x in range(20)))
`},
		{"exceptions", `
class MyError(ValueError):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code
def risky(n):
    if n == 0:
        raise MyError(42)
    if n == 1:
        raise KeyError("k")
    return n
for n in [0, 1, 2]:
    try:
        print("ok", risky(n))
    except MyError as e:
        print("MyError", e, e.code, e.args, repr(e))
    except LookupError as e:
        print("lookup", type(e).__name__, e, repr(e))
    else:
        print("else")
    finally:
        print("finally", n)
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError as e:
    print(e, type(e.__cause__).__name__, e.__cause__)
def f():
    try:
        return "try"
    finally:
        print("cleanup")
print(f())
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args)
try:
    x = undefined_name
except NameError as e:
    print(e)
def g():
    y = y + 1
try:
    g()
except UnboundLocalError as e:
    print(e)
try:
    try:
        raise TypeError("inner")
    except TypeError:
        raise
except TypeError as e:
    print("reraised", e)
`},
		{"native_args_not_retained", `
def foo(a, b, c):
    return a + b + c
z = zip([1, 2], "ab")
m = map(lambda a, b: a * b, [1, 2], [3, 4])
e = enumerate("xyz", 5)
f = filter(None, [0, 1, 2])
r = reversed([1, 2, 3])
x = foo(10, 20, 30) + foo(1, 2, 3)
print(list(z), list(m), list(e), list(f), list(r), x)
def g(*args, **kw):
    return args, kw
t = g(1, 2, k=3)
y = foo(7, 8, 9)
print(t, y, max([3, 1, 2], key=lambda v: -v), min(4, 2, 8), sorted("bca", reverse=True))
print(sum(x * 2 for x in range(5)), any(x > 3 for x in [1, 5]), dict(zip("ab", [1, 2])))
`},
		{"method_calls", `
def f(x):
    return x * 2
xs = []
xs.append(f(1) + len([f(2), 3]))
xs.append(xs[0] if xs else 0)
xs.extend((f(3), -xs[-1], not xs, "%d" % 5, f"{xs[0]:>4}"))
d = {}
d[1] = d.get(1, f(5)) + d.get(2, 0)
s = " ".join([str(x) for x in xs])
print(xs, d, s.upper().split(" ")[:2], "a,b".split(",", 1), d.items().__class__.__name__ if False else 0)
class C:
    def __init__(self):
        self.log = []
    def add(self, *vals, **kw):
        self.log.append((vals, sorted(kw.items())))
        return self
    def one(self, v):
        self.log.append(v)
        return len(self.log)
c = C()
c.add(1, 2).add(f(3), k=4)
print(c.one(c.one(1) + 10), c.log)
try:
    xs.nope(f(1))
except AttributeError as e:
    print("AttributeError:", e)
c.one = lambda v: "instance attr wins"
print(c.one(5))
`},
		{"dicts_sets", `
d = {"x": 1, "y": 2}
d["z"] = 3
del d["x"]
d["x"] = 4
print(d, list(d), len(d), "y" in d)
for k in d:
    print(k, d[k])
s = {3, 1, 2}
s2 = {x % 3 for x in range(10)}
print(s, s2, s | {5}, s & {1, 9}, s - {1}, s ^ {1, 7}, {10, 3, 7, 1}, set(), {1: 1, True: 2, 1.0: 3})
d2 = {i: i * i for i in range(5)}
d2 |= {9: 81}
print(d2, {**d2, "a": 1} == dict(d2, a=1))
`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want, wantErr := cpython(t, tc.src)
			if wantErr != "" {
				t.Fatalf("CPython failed: %s", wantErr)
			}
			got, _, err := runPy(t, tc.src, vm.Options{})
			if err != nil {
				var e *vm.Exception
				if errors.As(err, &e) {
					t.Fatalf("nl: %s\noutput so far:\n%s", e.Traceback(), got)
				}
				t.Fatalf("nl: %v", err)
			}
			if got != want {
				t.Errorf("stdout differs\n--- nl\n%s--- cpython\n%s", got, want)
			}
		})
	}
}

// TestOracleErrors runs programs that end in an uncaught exception and
// requires nl's "Type: message" to equal CPython's last traceback line.
func TestOracleErrors(t *testing.T) {
	cases := []struct{ name, src string }{
		{"missing_arg", "def f(x): pass\nf()"},
		{"missing_args3", "def f(a, b, c): pass\nf()"},
		{"missing_kwonly", "def f(*, k): pass\nf()"},
		{"too_many", "def f(a, b): pass\nf(1, 2, 3)"},
		{"too_many_one", "def f(a): pass\nf(1, 2)"},
		{"too_many_zero", "def f(): pass\nf(1)"},
		{"too_many_defaults", "def f(a, b=1): pass\nf(1, 2, 3)"},
		{"unexpected_kw", "def f(a): pass\nf(1, z=2)"},
		{"multiple_values", "def f(x): pass\nf(1, x=2)"},
		{"method_missing", "class A:\n    def m(self, x): pass\nA().m()"},
		{"name_error", "print(nope)"},
		{"unbound_local", "def f():\n    print(x)\n    x = 1\nf()"},
		{"zero_div", "1 / 0"},
		{"int_zero_div", "1 // 0"},
		{"mod_zero", "5 % 0"},
		{"float_zero_div", "1.5 / 0"},
		{"key_error", "{}['k']"},
		{"key_error_int", "{1: 2}[3]"},
		{"index_error", "[1, 2][5]"},
		{"tuple_index", "(1,)[3]"},
		{"str_index", "'ab'[9]"},
		{"type_concat", "'a' + 1"},
		{"type_add", "1 + 'a'"},
		{"list_concat", "[1] + (2,)"},
		{"unhashable", "{[1]: 2}"},
		{"not_callable", "x = 5\nx()"},
		{"not_iterable", "for x in 5: pass"},
		{"no_attr", "(1).foo"},
		{"no_attr_obj", "class A: pass\nA().foo"},
		{"no_attr_cls", "class A: pass\nA.foo"},
		{"unpack_many", "a, b = 1, 2, 3"},
		{"unpack_few", "a, b, c = [1, 2]"},
		{"unpack_star", "a, *b, c = [1]"},
		{"compare", "1 < 'a'"},
		{"compare_none", "None < None"},
		{"value_error_user", "raise ValueError('bad value')"},
		{"user_exc", "class E(Exception): pass\nraise E('x', 1)"},
		{"assert", "assert 1 == 2, 'nope'"},
		{"assert_bare", "assert False"},
		{"import", "import nosuchmodule"},
		{"import_from", "from math import nosuchname"},
		{"neg_shift", "1 << -1"},
		{"neg_pow_zero", "0 ** -1"},
		{"list_assign", "x = [1]\nx[3] = 0"},
		{"tuple_assign", "x = (1,)\nx[0] = 0"},
		{"init_return", "class A:\n    def __init__(self): return 1\nA()"},
		{"no_args_class", "class A: pass\nA(1)"},
		{"raise_non_exc", "raise 5"},
		{"unary", "-'a'"},
		{"seq_mul", "'a' * 'b'"},
		{"str_in", "1 in 'abc'"},
		{"len_int", "class A: pass\nlen(A())"},
		{"recursion", "def f(n): return f(n + 1)\nf(0)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, want := cpython(t, tc.src)
			if want == "" {
				t.Fatalf("CPython raised nothing")
			}
			_, _, err := runPy(t, tc.src, vm.Options{MaxDepth: 1000})
			var e *vm.Exception
			if !errors.As(err, &e) {
				t.Fatalf("nl: got %v, want exception %q", err, want)
			}
			got := e.Error()
			if tc.name == "recursion" {
				// CPython adds " while calling a Python object" in some paths.
				want = strings.TrimSuffix(want, " while calling a Python object")
			}
			if got != want {
				t.Errorf("nl raised %q\nCPython   %q", got, want)
			}
		})
	}
}

// TestIntOverflow checks nl's decided int semantics: exactly 64-bit, and
// OverflowError beyond (where CPython would grow the int).
func TestIntOverflow(t *testing.T) {
	for _, src := range []string{
		"x = 2 ** 64",
		"x = 9223372036854775807 + 1",
		"x = -9223372036854775807 - 2",
		"x = 3037000500 * 3037000500",
		"x = 1 << 63",
		"x = -(-9223372036854775807 - 1)",
		"x = 9223372036854775807\nx += 1",
	} {
		_, _, err := runPy(t, src, vm.Options{})
		var e *vm.Exception
		if !errors.As(err, &e) || e.Type != "OverflowError" {
			t.Errorf("%q: got %v, want OverflowError", src, err)
		}
	}
	out, _, err := runPy(t, "print((2 ** 62 - 1) * 2 + 1, -2 ** 62 * 2, (1 << 62) - 1 + (1 << 62))", vm.Options{})
	if err != nil || out != "9223372036854775807 -9223372036854775808 9223372036854775807\n" {
		t.Errorf("boundary ints: %q, %v", out, err)
	}
}

// TestTraceback checks the CPython-style traceback of an uncaught
// exception: file, line and function of every frame, outermost first.
func TestTraceback(t *testing.T) {
	src := "def inner(x):\n    return 10 // x\n\ndef handler(event):\n    return inner(event)\n\nhandler(0)\n"
	_, _, err := runPy(t, src, vm.Options{})
	var e *vm.Exception
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want *vm.Exception", err)
	}
	want := "Traceback (most recent call last):\n" +
		"  File \"t.py\", line 7, in <module>\n" +
		"  File \"t.py\", line 5, in handler\n" +
		"  File \"t.py\", line 2, in inner\n" +
		"ZeroDivisionError: integer division or modulo by zero\n"
	if got := e.Traceback(); got != want {
		t.Errorf("traceback:\n%s\nwant:\n%s", got, want)
	}
	if len(e.Frames) != 3 || e.Frames[2].Func != "inner" || e.Frames[2].Line != 2 || e.Frames[0].Func != "<module>" {
		t.Errorf("frames = %+v", e.Frames)
	}

	// raise ... from ...: the cause is printed first.
	src = "try:\n    {}['k']\nexcept KeyError as e:\n    raise ValueError('bad') from e\n"
	_, _, err = runPy(t, src, vm.Options{})
	if !errors.As(err, &e) {
		t.Fatalf("got %v", err)
	}
	tb := e.Traceback()
	if e.Cause == nil || e.Cause.Type != "KeyError" || e.Cause.Msg != "'k'" ||
		!strings.Contains(tb, "KeyError: 'k'\n\nThe above exception was the direct cause of the following exception:\n\nTraceback") ||
		!strings.HasSuffix(tb, "ValueError: bad\n") {
		t.Errorf("chained traceback:\n%s", tb)
	}
}

// TestMemoryErrorAtLimit: under a 64 KB heap, a list of 20,000 ints does
// not fit; the run ends in a MemoryError with the limit and the frame.
func TestMemoryErrorAtLimit(t *testing.T) {
	src := "def build(n):\n    xs = []\n    for i in range(n):\n        xs.append(i)\n    return xs\n"
	_, in, err := runPy(t, src, vm.Options{HeapLimit: 64 << 10})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Call("build", vm.Int(1000)); err != nil {
		t.Fatalf("1,000 ints should fit: %v", err)
	}
	_, err = in.Call("build", vm.Int(20000))
	var e *vm.Exception
	if !errors.As(err, &e) || e.Type != "MemoryError" {
		t.Fatalf("got %v, want MemoryError", err)
	}
	if e.HeapLimit != 64<<10 || e.Requested <= 0 {
		t.Errorf("HeapLimit=%d Requested=%d", e.HeapLimit, e.Requested)
	}
	if n := len(e.Frames); n == 0 || e.Frames[n-1].Func != "build" || e.Frames[n-1].Line != 4 {
		t.Errorf("frames = %+v, want the append in build at line 4", e.Frames)
	}
	st := in.Stats()
	if st.PeakHeap > 64<<10 {
		t.Errorf("peak heap %d exceeds the limit", st.PeakHeap)
	}
	// The instance is still usable and the garbage was reclaimed.
	if _, err := in.Call("build", vm.Int(100)); err != nil {
		t.Errorf("after MemoryError: %v", err)
	}
	if h := in.Stats().Heap; h > 4<<10 {
		t.Errorf("heap after the failed call = %d, want the garbage collected", h)
	}
}

// TestMemoryErrorCatchable: MemoryError is an ordinary Python exception.
func TestMemoryErrorCatchable(t *testing.T) {
	src := `
def grow():
    xs = []
    try:
        while True:
            xs.append("item %d" % len(xs))
    except MemoryError:
        n = len(xs)
        xs = None
        return n
`
	_, in, err := runPy(t, src, vm.Options{HeapLimit: 16 << 10})
	if err != nil {
		t.Fatal(err)
	}
	v, err := in.Call("grow")
	if err != nil {
		t.Fatal(err)
	}
	n, _ := vm.AsInt(v)
	if n < 100 || n > 1000 {
		t.Errorf("grew to %d items under 16 KB", n)
	}
}

// TestSensorWindowPeak: a realistic handler over a 32-sample window runs
// under a 64 KB budget and peaks below 8 KB.
func TestSensorWindowPeak(t *testing.T) {
	src := `
import math

THRESHOLD_HIGH = 30.0
THRESHOLD_LOW = 5.0

def stats(samples):
    n = len(samples)
    mean = sum(samples) / n
    var = 0.0
    for s in samples:
        var += (s - mean) ** 2
    std = math.sqrt(var / n)
    return mean, std

def handler(event, context):
    samples = event["samples"]
    mean, std = stats(samples)
    high = [i for i, s in enumerate(samples) if s > THRESHOLD_HIGH]
    low = 0
    for s in samples:
        if s < THRESHOLD_LOW:
            low += 1
    status = "ok"
    if high:
        status = "alert"
    return {"device": event["device"], "mean": round(mean, 2), "std": round(std, 3),
            "min": min(samples), "max": max(samples), "high": high, "low": low, "status": status}
`
	_, in, err := runPy(t, src, vm.Options{HeapLimit: 64 << 10})
	if err != nil {
		t.Fatal(err)
	}
	samples := make([]any, 32)
	for i := range samples {
		samples[i] = 20.0 + float64(i%7)*2.5
	}
	event, err := vm.FromGo(map[string]any{"device": "s1", "samples": samples})
	if err != nil {
		t.Fatal(err)
	}
	in.ResetStats()
	r, err := in.Call("handler", event, vm.None)
	if err != nil {
		if e, ok := err.(*vm.Exception); ok {
			t.Fatal(e.Traceback())
		}
		t.Fatal(err)
	}
	g, err := vm.ToGo(r)
	if err != nil {
		t.Fatal(err)
	}
	m := g.(map[string]any)
	if m["status"] != "alert" || m["low"] != int64(0) || m["min"] != 20.0 || m["max"] != 35.0 {
		t.Errorf("result = %v", m)
	}
	st := in.Stats()
	t.Logf("steps=%d peak=%d heap=%d depth=%d", st.Steps, st.PeakHeap, st.Heap, st.PeakDepth)
	if st.PeakHeap >= 8<<10 {
		t.Errorf("peak heap %d bytes, want < 8192", st.PeakHeap)
	}
	if st.PeakHeap <= 0 || st.Steps == 0 || st.PeakDepth < 2 {
		t.Errorf("stats not counted: %+v", st)
	}
}

// TestRecursionLimit: exceeding MaxDepth raises RecursionError.
func TestRecursionLimit(t *testing.T) {
	src := "def f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\n"
	_, in, err := runPy(t, src, vm.Options{MaxDepth: 50})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := in.Call("f", vm.Int(40)); err != nil || v != vm.Int(40) {
		t.Fatalf("f(40) = %v, %v", v, err)
	}
	_, err = in.Call("f", vm.Int(60))
	var e *vm.Exception
	if !errors.As(err, &e) || e.Type != "RecursionError" || e.Msg != "maximum recursion depth exceeded" {
		t.Fatalf("got %v, want RecursionError", err)
	}
	if in.Stats().PeakDepth != 50 {
		t.Errorf("PeakDepth = %d, want 50", in.Stats().PeakDepth)
	}
	// Default depth is 100.
	_, in, _ = runPy(t, src, vm.Options{})
	if _, err := in.Call("f", vm.Int(98)); err != nil {
		t.Errorf("f(98) under default depth: %v", err)
	}
	if _, err := in.Call("f", vm.Int(150)); !errors.As(err, &e) || e.Type != "RecursionError" {
		t.Errorf("f(150) under default depth: %v", err)
	}
}

// TestStepBudget: an infinite loop ends with *TimeoutError at MaxSteps.
func TestStepBudget(t *testing.T) {
	src := "def spin():\n    while True:\n        pass\ndef short():\n    return 1\n"
	_, in, err := runPy(t, src, vm.Options{MaxSteps: 10000})
	if err != nil {
		t.Fatal(err)
	}
	_, err = in.Call("spin")
	var te *vm.TimeoutError
	if !errors.As(err, &te) || te.Limit != "steps" || te.Steps < 10000 || te.Steps > 10010 {
		t.Fatalf("got %v (%+v), want a step TimeoutError at 10000", err, te)
	}
	if !strings.Contains(te.Error(), "10000") {
		t.Errorf("message %q does not name the budget", te.Error())
	}
	// The error says where the time went: spin's loop, lines 2-3.
	if n := len(te.Frames); n != 1 || te.Frames[0].Func != "spin" || te.Frames[0].Line < 2 || te.Frames[0].Line > 3 {
		t.Errorf("Frames = %+v, want one frame in spin at line 2 or 3", te.Frames)
	}
	// The budget is per call: the instance remains usable.
	if v, err := in.Call("short"); err != nil || v != vm.Int(1) {
		t.Errorf("short() = %v, %v", v, err)
	}
	// Python code cannot catch the budget error.
	src = "def f():\n    try:\n        while True:\n            pass\n    except BaseException:\n        return 'caught'\n"
	_, in, _ = runPy(t, src, vm.Options{MaxSteps: 5000})
	if _, err := in.Call("f"); !errors.As(err, &te) {
		t.Errorf("budget error was caught by Python: %v", err)
	}
}

// TestTimeout: a wall-clock deadline stops a long run.
func TestTimeout(t *testing.T) {
	src := "def spin():\n    n = 0\n    while True:\n        n += 1\n"
	_, in, err := runPy(t, src, vm.Options{Timeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = in.Call("spin")
	var te *vm.TimeoutError
	if !errors.As(err, &te) || te.Limit != "timeout" {
		t.Fatalf("got %v, want a timeout", err)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("took %v to stop", el)
	}
	if te.Error() != "Task timed out after 0.05 seconds" {
		t.Errorf("message = %q", te.Error())
	}
}

// TestBudgetInsideDeepCalls: a budget error deep in nested Python calls
// unwinds every frame, so the next call starts clean.
func TestBudgetInsideDeepCalls(t *testing.T) {
	src := `
def down(n):
    if n == 0:
        while True:
            pass
    return down(n - 1)
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
`
	_, in, err := runPy(t, src, vm.Options{MaxSteps: 50000, MaxDepth: 60})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		_, err = in.Call("down", vm.Int(40))
		var te *vm.TimeoutError
		if !errors.As(err, &te) {
			t.Fatalf("down(40) = %v, want a step TimeoutError", err)
		}
		// 55 levels fit only if the 41 frames of down were unwound.
		if v, err := in.Call("depth", vm.Int(55)); err != nil || v != vm.Int(55) {
			t.Fatalf("depth(55) after the budget error = %v, %v", v, err)
		}
	}
	if h := in.Stats().Heap; h > 2048 {
		t.Errorf("heap after unwinding = %d bytes, frames leaked", h)
	}
}

// TestExceptionThroughFrames: an exception crosses several Python frames,
// each with a finally block, and is handled by the outermost.
func TestExceptionThroughFrames(t *testing.T) {
	src := `
log = []
def a(n):
    try:
        return b(n) + 1
    finally:
        log.append("a")
def b(n):
    try:
        return c(n) * 2
    finally:
        log.append("b")
def c(n):
    if n < 0:
        raise ValueError("negative: %d" % n)
    return n
def run(n):
    try:
        return a(n)
    except ValueError as e:
        return str(e)
    finally:
        log.append("run")
def gen(n):
    for i in range(n):
        yield c(i - 2)
def drain():
    out = []
    try:
        for v in gen(5):
            out.append(v)
    except ValueError as e:
        out.append(str(e))
    return out
`
	_, in, err := runPy(t, src, vm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		arg  int64
		want any
	}{{3, int64(7)}, {-4, "negative: -4"}} {
		v, err := in.Call("run", vm.Int(tc.arg))
		if err != nil {
			t.Fatal(err)
		}
		if g, _ := vm.ToGo(v); g != tc.want {
			t.Errorf("run(%d) = %v, want %v", tc.arg, g, tc.want)
		}
	}
	logv, _ := in.Global("log")
	if g, _ := vm.ToGo(logv); fmtGo(g) != "['b' 'a' 'run' 'b' 'a' 'run']" {
		t.Errorf("log = %v", fmtGo(g))
	}
	v, err := in.Call("drain")
	if err != nil {
		t.Fatal(err)
	}
	if g, _ := vm.ToGo(v); fmtGo(g) != "['negative: -2']" {
		t.Errorf("drain() = %v", fmtGo(g))
	}
}

// TestCallbackGarbage: garbage made by Python callbacks of a native
// function (sorted's key) is collected while the native call runs.
func TestCallbackGarbage(t *testing.T) {
	src := `
def key(x):
    tmp = [x] * 50
    return len(tmp) - x
def run():
    return sorted(range(300), key=key)[:3]
`
	_, in, err := runPy(t, src, vm.Options{HeapLimit: 24 << 10})
	if err != nil {
		t.Fatal(err)
	}
	v, err := in.Call("run")
	if err != nil {
		t.Fatalf("run() = %v; the key function's garbage (300 × 216 bytes) should not count as live", err)
	}
	if g, _ := vm.ToGo(v); fmtGo(g) != "[299 298 297]" {
		t.Errorf("run() = %v", fmtGo(g))
	}
}

// TestStrippedImage: a stripped image has no line table or file name; the
// traceback names Options.Filename and says "line ?".
func TestStrippedImage(t *testing.T) {
	src := "def handler(e):\n    return 1 // e\n"
	p, err := compiler.Compile("h.py", []byte(src), compiler.Options{Strip: true})
	if err != nil {
		t.Fatal(err)
	}
	img, err := bytecode.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	if p, err = bytecode.Decode(img); err != nil {
		t.Fatal(err)
	}
	in, err := vm.Load(p, vm.Options{Filename: "deployed.nlb"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = in.Call("handler", vm.Int(0))
	var e *vm.Exception
	if !errors.As(err, &e) {
		t.Fatalf("got %v", err)
	}
	want := "Traceback (most recent call last):\n  File \"deployed.nlb\", line ?, in handler\nZeroDivisionError: integer division or modulo by zero\n"
	if got := e.Traceback(); got != want {
		t.Errorf("traceback:\n%s\nwant:\n%s", got, want)
	}
}

// TestImplicitContext: an exception raised while handling another prints
// both, as CPython does; "from None" suppresses the context.
func TestImplicitContext(t *testing.T) {
	src := "def parse(s):\n    try:\n        return int(s)\n    except ValueError:\n        raise KeyError(s)\nparse('x')\n"
	_, _, err := runPy(t, src, vm.Options{})
	var e *vm.Exception
	if !errors.As(err, &e) || e.Context == nil || e.Context.Type != "ValueError" || e.Cause != nil {
		t.Fatalf("got %v (%+v)", err, e)
	}
	want := "Traceback (most recent call last):\n" +
		"  File \"t.py\", line 3, in parse\n" +
		"ValueError: invalid literal for int() with base 10: 'x'\n" +
		"\nDuring handling of the above exception, another exception occurred:\n\n" +
		"Traceback (most recent call last):\n" +
		"  File \"t.py\", line 6, in <module>\n" +
		"  File \"t.py\", line 5, in parse\n" +
		"KeyError: 'x'\n"
	if got := e.Traceback(); got != want {
		t.Errorf("traceback:\n%s\nwant:\n%s", got, want)
	}
	src = "try:\n    {}['k']\nexcept KeyError:\n    raise ValueError('clean') from None\n"
	_, _, err = runPy(t, src, vm.Options{})
	if !errors.As(err, &e) || e.Context != nil || e.Cause != nil || strings.Contains(e.Traceback(), "During handling") {
		t.Errorf("from None: %v\n%s", err, e.Traceback())
	}
}
