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

// FuzzRun feeds random programs to the VM under small budgets: the input
// is Python source when it compiles, else an image for bytecode.Decode.
// Every run must end — with a result, a Python exception or a budget
// error — and never panic, hang or report an internal error. Seeds are in
// testdata/fuzz/FuzzRun.
func FuzzRun(f *testing.F) {
	for _, src := range fuzzSeeds {
		f.Add([]byte(src))
		if p, err := compiler.Compile("seed.py", []byte(src), compiler.Options{}); err == nil {
			if img, err := bytecode.Encode(p); err == nil {
				f.Add(img)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var prog *bytecode.Program
		if p, err := compiler.Compile("fuzz.py", data, compiler.Options{}); err == nil {
			prog = p
		} else if p, err := bytecode.Decode(data); err == nil {
			prog = p
		} else {
			return
		}
		opts := vm.Options{HeapLimit: 32 << 10, MaxDepth: 30, MaxSteps: 20000, Timeout: 5 * time.Second}
		start := time.Now()
		in, err := vm.Load(prog, opts)
		checkRunError(t, err)
		if in != nil {
			// Call every global function with a few arguments too.
			for _, name := range []string{"f", "handler", "main"} {
				if _, ok := in.Global(name); ok {
					_, err := in.Call(name, vm.Int(3), vm.Str("x"))
					checkRunError(t, err)
				}
			}
		}
		if el := time.Since(start); el > 20*time.Second {
			t.Fatalf("run took %v", el)
		}
	})
}

func checkRunError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var e *vm.Exception
	var te *vm.TimeoutError
	switch {
	case errors.As(err, &e), errors.As(err, &te):
	case strings.HasPrefix(err.Error(), "load: "):
	default:
		t.Fatalf("run ended with %T: %v", err, err)
	}
}

var fuzzSeeds = []string{
	"x = 1\nprint(x + 2)\n",
	"def f(n, s):\n    return [i * n for i in range(10)] + [s]\n",
	"def f(n, s):\n    while True:\n        n += 1\n",
	"def f(n, s):\n    return f(n, s)\n",
	"def main(a, b):\n    xs = []\n    while True:\n        xs.append(str(a) * 10)\n",
	"class A:\n    def __init__(self, v):\n        self.v = v\n    def __repr__(self):\n        return 'A(%r)' % self.v\ndef f(n, s):\n    return repr([A(i) for i in range(n)])\n",
	"def gen(n):\n    for i in range(n):\n        yield i\ndef f(n, s):\n    try:\n        return sum(gen(n)) / 0\n    except ZeroDivisionError as e:\n        raise ValueError(s) from e\n",
	"def handler(e, c):\n    d = {}\n    for k in 'abcdef':\n        d[k] = d.get(k, 0) + e\n    return {k: v for k, v in sorted(d.items())}\n",
	"import math\ndef f(x, y):\n    return math.sqrt(x) + len(y) + (1 << 62) * 4\n",
}
