package vm_test

import (
	"testing"

	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/vm"
)

// Dispatch-loop benchmarks of the core (the cross-VM comparison with
// starlark-go and CPython lives in bench/, owned by the library half).
var coreBenchPrograms = []struct{ name, src string }{
	{"fib25", `
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
def main():
    return fib(25)
`},
	{"intloop", `
def main():
    s = 0
    i = 0
    while i < 1000000:
        s += i * 3 % 7
        i += 1
    return s
`},
	{"forrange", `
def main():
    s = 0
    for i in range(1000000):
        s += i
    return s
`},
	{"dictchurn", `
def main():
    d = {}
    for i in range(100000):
        d[i % 1000] = d.get(i % 1000, 0) + i
    return len(d)
`},
	{"strbuild", `
def main():
    parts = []
    for i in range(50000):
        parts.append(str(i))
    return len("".join(parts))
`},
	{"methods", `
class Acc:
    def __init__(self):
        self.total = 0
    def add(self, x):
        self.total += x
def main():
    a = Acc()
    for i in range(200000):
        a.add(i)
    return a.total
`},
}

func BenchmarkCore(b *testing.B) {
	for _, bp := range coreBenchPrograms {
		b.Run(bp.name, func(b *testing.B) {
			p, err := compiler.Compile("bench.py", []byte(bp.src), compiler.Options{})
			if err != nil {
				b.Fatal(err)
			}
			in, err := vm.Load(p, vm.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := in.Call("main"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
