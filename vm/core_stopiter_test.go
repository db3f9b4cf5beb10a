package vm_test

import (
	"testing"

	"github.com/nanolambda/nl/vm"
)

// TestStopIterationValue: the StopIteration that ends a generator carries its
// return value (args and .value) for send() and next(), once, as in CPython.
func TestStopIterationValue(t *testing.T) {
	src := `
def g():
    x = yield 1
    return x * 2
def h():
    yield 1
    return 42
def n():
    yield 1
out = []
it = g()
next(it)
try:
    it.send(21)
except StopIteration as e:
    out.append((e.value, e.args))
it = h()
next(it)
for _ in range(2):
    try:
        next(it)
    except StopIteration as e:
        out.append((e.value, e.args))
it = n()
next(it)
try:
    next(it)
except StopIteration as e:
    out.append((e.value, e.args, repr(e)))
try:
    next(iter([]))
except StopIteration as e:
    out.append((e.value, e.args))
print(out)
`
	got, _, err := runPy(t, src, vm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "[(42, (42,)), (42, (42,)), (None, ()), (None, (), 'StopIteration()'), (None, ())]\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
