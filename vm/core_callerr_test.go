package vm_test

import (
	"testing"

	"github.com/nanolambda/nl/vm"
)

// TestCallBindErrorCaught: a TypeError from binding the arguments of a
// Python function (or bound method) called on the inline fast path is an
// ordinary Python exception: it can be caught, and the caller's operand
// stack is intact afterwards (it used to be popped twice, which ended in an
// internal error).
func TestCallBindErrorCaught(t *testing.T) {
	src := `
def kwonly(*, a):
    return a
def one(x):
    return x
class C:
    def m(self, x, *, k=1):
        return x
out = []
for name, f in [("kwonly", lambda: kwonly(1)), ("missing", lambda: one()), ("extra", lambda: one(1, 2)),
                ("unexpected", lambda: one(y=1)), ("method", lambda: C().m()), ("method kw", lambda: C().m(1, z=2))]:
    try:
        f()
        out.append(name + ": no error")
    except TypeError as e:
        out.append(name + ": " + str(e))
# the caller's stack must be intact after a caught binding error
total = [1, 2, 3][0] + (lambda: (one(1, 2) if False else 5))()
try:
    total += one(1, 2)
except TypeError:
    total += 100
print("|".join(out), total)
`
	got, _, err := runPy(t, src, vm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "kwonly: kwonly() takes 0 positional arguments but 1 was given|" +
		"missing: one() missing 1 required positional argument: 'x'|" +
		"extra: one() takes 1 positional argument but 2 were given|" +
		"unexpected: one() got an unexpected keyword argument 'y'|" +
		"method: C.m() missing 1 required positional argument: 'x'|" +
		"method kw: C.m() got an unexpected keyword argument 'z'" +
		" 106\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
