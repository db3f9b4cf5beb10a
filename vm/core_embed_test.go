package vm_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/vm"
)

// TestEmbedCall covers Load, Call, CallValue, Global and the conversions.
func TestEmbedCall(t *testing.T) {
	src := `
greeting = "hi"
def handler(event, context):
    out = {"n": len(event["items"]), "who": event["who"], "greeting": greeting}
    out["sum"] = sum(event["items"])
    out["pairs"] = [(k, v) for k, v in sorted(event["tags"].items())]
    return out
def add(a, b=10):
    return a + b
`
	_, in, err := runPy(t, src, vm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	event, err := vm.FromGo(map[string]any{
		"items": []any{1, 2, 3.5},
		"who":   "dev",
		"tags":  map[string]any{"b": true, "a": nil},
	})
	if err != nil {
		t.Fatal(err)
	}
	r, err := in.Call("handler", event, vm.None)
	if err != nil {
		t.Fatal(err)
	}
	got, err := vm.ToGo(r)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"n": int64(3), "who": "dev", "greeting": "hi", "sum": 6.5,
		"pairs": []any{[]any{"a", nil}, []any{"b", true}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("handler = %#v\nwant %#v", got, want)
	}
	if g, ok := in.Global("greeting"); !ok || g != vm.Str("hi") {
		t.Errorf("Global(greeting) = %v, %v", g, ok)
	}
	if _, ok := in.Global("nope"); ok {
		t.Error("Global(nope) found")
	}
	fn, _ := in.Global("add")
	if v, err := in.CallValue(fn, vm.Int(1)); err != nil || v != vm.Int(11) {
		t.Errorf("add(1) = %v, %v", v, err)
	}
	if _, err := in.Call("nope"); err == nil || !strings.Contains(err.Error(), "NameError") {
		t.Errorf("Call(nope) = %v", err)
	}
	if _, err := in.Call("add"); err == nil || err.Error() != "TypeError: add() missing 1 required positional argument: 'a'" {
		t.Errorf("add() = %v", err)
	}
}

// TestFromGoToGo checks the value conversions both ways.
func TestFromGoToGo(t *testing.T) {
	cases := []struct {
		in   any
		want any
	}{
		{nil, nil},
		{true, true},
		{42, int64(42)},
		{int64(-7), int64(-7)},
		{uint8(200), int64(200)},
		{1.5, 1.5},
		{"héllo", "héllo"},
		{[]byte("ab"), []byte("ab")},
		{[]any{1, "x", []any{}}, []any{int64(1), "x", []any{}}},
		{map[string]any{"k": []any{false}}, map[string]any{"k": []any{false}}},
	}
	for _, tc := range cases {
		v, err := vm.FromGo(tc.in)
		if err != nil {
			t.Errorf("FromGo(%#v): %v", tc.in, err)
			continue
		}
		got, err := vm.ToGo(v)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ToGo(FromGo(%#v)) = %#v, %v; want %#v", tc.in, got, err, tc.want)
		}
	}
	if _, err := vm.FromGo(struct{}{}); err == nil {
		t.Error("FromGo(struct{}{}) succeeded")
	}
	if _, err := vm.FromGo(uint64(1 << 63)); err == nil {
		t.Error("FromGo(2**63) succeeded")
	}
	_, in, _ := runPy(t, "def f():\n    return {1: 2}\ndef g():\n    return {1, 2}\n", vm.Options{})
	for _, name := range []string{"f", "g"} {
		v, err := in.Call(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := vm.ToGo(v); err == nil {
			t.Errorf("ToGo(%s()) succeeded; want an error for a non-JSON value", name)
		}
	}
}

// TestNativeModule: an embedder module (like `device`) is importable and
// its functions, objects and exceptions work from Python.
func TestNativeModule(t *testing.T) {
	var logged []string
	readings := 0
	sensor := vm.NewObject("Sensor", map[string]vm.Value{
		"name": vm.Str("temp0"),
		"read": vm.NewBuiltin("read", func(th *vm.Thread, args []vm.Value, kwargs []vm.KeywordArg) (vm.Value, error) {
			readings++
			return vm.Float(21.5), nil
		}),
	})
	device := vm.NewModule("device", map[string]vm.Value{
		"sensor": sensor,
		"log": vm.NewBuiltin("log", func(th *vm.Thread, args []vm.Value, kwargs []vm.KeywordArg) (vm.Value, error) {
			var msg string
			if err := vm.UnpackArgs("log", args, kwargs, "msg", &msg); err != nil {
				return nil, err
			}
			logged = append(logged, msg)
			return vm.None, nil
		}),
		"fail": vm.NewBuiltin("fail", func(th *vm.Thread, args []vm.Value, kwargs []vm.KeywordArg) (vm.Value, error) {
			return nil, vm.NewException("ValueError", "sensor offline")
		}),
		"custom": vm.NewBuiltin("custom", func(th *vm.Thread, args []vm.Value, kwargs []vm.KeywordArg) (vm.Value, error) {
			return nil, vm.NewException("SensorError", "bus fault")
		}),
	})
	src := `
import device
from device import sensor as s
def handler():
    device.log(msg="start")
    v = s.read() + device.sensor.read()
    try:
        device.fail()
    except ValueError as e:
        device.log("caught " + str(e))
    try:
        device.custom()
    except Exception as e:
        device.log(type(e).__name__ + ": " + str(e))
    return v, s.name, type(s).__name__
`
	_, in, err := runPy(t, src, vm.Options{Modules: map[string]*vm.Module{"device": device}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := in.Call("handler")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := vm.ToGo(r)
	if !reflect.DeepEqual(got, []any{43.0, "temp0", "Sensor"}) {
		t.Errorf("handler() = %#v", got)
	}
	if want := []string{"start", "caught sensor offline", "SensorError: bus fault"}; !reflect.DeepEqual(logged, want) || readings != 2 {
		t.Errorf("logged %q, readings %d", logged, readings)
	}
	// An uncaught native exception reaches the embedder with a traceback.
	_, in, _ = runPy(t, "import device\ndef h():\n    device.fail()\n", vm.Options{Modules: map[string]*vm.Module{"device": device}})
	_, err = in.Call("h")
	var e *vm.Exception
	if !errors.As(err, &e) || e.Error() != "ValueError: sensor offline" || len(e.Frames) != 1 || e.Frames[0].Line != 3 {
		t.Errorf("h() = %v (%+v)", err, e)
	}
	// Unknown modules raise ModuleNotFoundError.
	_, _, err = runPy(t, "import device", vm.Options{})
	if !errors.As(err, &e) || e.Error() != "ModuleNotFoundError: No module named 'device'" {
		t.Errorf("import device without the module: %v", err)
	}
}

// TestNativePanicRecovered: a Go panic in native code becomes an error at
// the API boundary, and the instance keeps working.
func TestNativePanicRecovered(t *testing.T) {
	bad := vm.NewModule("bad", map[string]vm.Value{
		"boom": vm.NewBuiltin("boom", func(th *vm.Thread, args []vm.Value, kwargs []vm.KeywordArg) (vm.Value, error) {
			var m map[string]int
			m["x"] = 1 // nil map write: a Go panic
			return vm.None, nil
		}),
	})
	_, in, err := runPy(t, "import bad\ndef f():\n    return bad.boom()\ndef g(n):\n    return n + 1\n", vm.Options{Modules: map[string]*vm.Module{"bad": bad}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = in.Call("f")
	if err == nil || !strings.Contains(err.Error(), "internal error") {
		t.Fatalf("f() = %v, want an internal error", err)
	}
	if v, err := in.Call("g", vm.Int(1)); err != nil || v != vm.Int(2) {
		t.Errorf("after the panic g(1) = %v, %v", v, err)
	}
}

// TestStatsAndReset: Stats counts steps, heap and depth; ResetStats starts
// a new event's figures.
func TestStatsAndReset(t *testing.T) {
	src := "keep = []\ndef f(n):\n    keep.append([0] * n)\n    return len(keep)\ndef g(d):\n    return 0 if d == 0 else g(d - 1)\n"
	_, in, err := runPy(t, src, vm.Options{HeapLimit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	in.ResetStats()
	if st := in.Stats(); st.Steps != 0 || st.PeakHeap != st.Heap {
		t.Errorf("after reset: %+v", st)
	}
	before := in.Stats().Heap
	if _, err := in.Call("f", vm.Int(1000)); err != nil {
		t.Fatal(err)
	}
	st := in.Stats()
	// The kept list of 1000 items costs 16 + 4×1000 bytes, plus the outer list's growth.
	if grow := st.Heap - before; grow < 4000 || grow > 4200 {
		t.Errorf("heap grew by %d, want about 4016", grow)
	}
	if st.Steps == 0 || st.PeakHeap < st.Heap {
		t.Errorf("stats %+v", st)
	}
	in.ResetStats()
	if _, err := in.Call("g", vm.Int(10)); err != nil {
		t.Fatal(err)
	}
	if st := in.Stats(); st.PeakDepth != 11 {
		t.Errorf("PeakDepth = %d, want 11", st.PeakDepth)
	}
}

// TestLoadRejectsBadProgram: Load verifies the program.
func TestLoadRejectsBadProgram(t *testing.T) {
	if _, err := vm.Load(nil, vm.Options{}); err == nil {
		t.Error("Load(nil) succeeded")
	}
	bad := &bytecode.Program{Functions: []*bytecode.Funcode{{
		Name: "<module>", MaxStack: 1,
		Code: []byte{byte(bytecode.JUMP), 200, 0}, // jump outside the code
	}}}
	if _, err := vm.Load(bad, vm.Options{}); err == nil || !strings.HasPrefix(err.Error(), "load: ") {
		t.Errorf("Load(bad jump) = %v, want a load error", err)
	}
}

// TestUnpackArgs checks the argument binding helper natives use, with
// CPython's messages.
func TestUnpackArgs(t *testing.T) {
	var s string
	var n int64
	var v vm.Value
	bind := func(args []vm.Value, kw []vm.KeywordArg) error {
		s, n, v = "", 7, nil
		return vm.UnpackArgs("f", args, kw, "s", &s, "n?", &n, "$flag?", &v)
	}
	if err := bind([]vm.Value{vm.Str("a")}, []vm.KeywordArg{{Name: "flag", Value: vm.True}}); err != nil || s != "a" || n != 7 || v != vm.True {
		t.Errorf("bind = %v (%q %d %v)", err, s, n, v)
	}
	if err := bind(nil, []vm.KeywordArg{{Name: "n", Value: vm.Int(3)}, {Name: "s", Value: vm.Str("b")}}); err != nil || s != "b" || n != 3 {
		t.Errorf("bind by keyword = %v (%q %d)", err, s, n)
	}
	for _, tc := range []struct {
		args []vm.Value
		kw   []vm.KeywordArg
		want string
	}{
		{nil, nil, "TypeError: f() missing required argument 's' (pos 1)"},
		{[]vm.Value{vm.Str("a"), vm.Int(1), vm.Int(2)}, nil, "TypeError: f() takes at most 2 arguments (3 given)"},
		{[]vm.Value{vm.Str("a")}, []vm.KeywordArg{{Name: "z", Value: vm.None}}, "TypeError: f() got an unexpected keyword argument 'z'"},
		{[]vm.Value{vm.Str("a")}, []vm.KeywordArg{{Name: "s", Value: vm.Str("b")}}, "TypeError: f() got multiple values for argument 's'"},
		{[]vm.Value{vm.Int(1)}, nil, "TypeError: f() argument 's' must be str, not int"},
		{[]vm.Value{vm.Str("a"), vm.Str("x")}, nil, "TypeError: 'str' object cannot be interpreted as an integer"},
	} {
		if err := bind(tc.args, tc.kw); err == nil || err.Error() != tc.want {
			t.Errorf("bind(%v, %v) = %v, want %s", tc.args, tc.kw, err, tc.want)
		}
	}
}

// TestConcurrentInstances: separate Instances run on separate goroutines
// (run with -race).
func TestConcurrentInstances(t *testing.T) {
	src := `
class Acc:
    def __init__(self):
        self.items = {}
    def add(self, k, v):
        self.items[k] = self.items.get(k, 0) + v
def work(n):
    a = Acc()
    for i in range(n):
        a.add("k%d" % (i % 10), i * 1.5)
    try:
        ValueError.extra = 1
    except TypeError:
        pass
    return sorted(a.items.items())[0]
`
	done := make(chan error, 4)
	for g := 0; g < 4; g++ {
		go func() {
			_, in, err := runPy(t, src, vm.Options{HeapLimit: 256 << 10})
			if err == nil {
				_, err = in.Call("work", vm.Int(2000))
			}
			done <- err
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
