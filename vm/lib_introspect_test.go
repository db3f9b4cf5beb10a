package vm_test

import "testing"

func TestIntrospectionAgainstCPython(t *testing.T) {
	runOracleCases(t, []oracleCase{
		{"delattr", `
class C:
    k = 1
o = C()
o.a, o.b = 1, 2
delattr(o, "a")
print(vars(o), hasattr(o, "a"))
show(lambda: delattr(o, "a"))
show(lambda: delattr(o, "k"))
show(lambda: delattr(o, None))
show(lambda: delattr(o, "b", 1))
delattr(C, "k")
show(lambda: C.k)
`},
		{"vars", `
class P:
    def __init__(self):
        self.z, self.a = 1, 2
p = P()
print(vars(p), list(vars(p)))
e = KeyError("k")
e.extra = [1]
print(vars(e))
show(lambda: vars(3))
show(lambda: vars(None))
show(lambda: vars(p, p))
`},
		{"dir", `
class A:
    x = 1
    def f(self): pass
class B(A):
    y = 2
b = B()
b.z = 3
print(dir(b))
print(dir(B) == sorted(set(dir(A)) | {"y"}))
print([n for n in dir(3) if not n.startswith("_") and n not in ("as_integer_ratio", "conjugate", "is_integer")])
class D:
    def __dir__(self):
        return ("b", "a")
print(dir(D()))
show(lambda: dir(1, 2))
`},
		{"slice", `
s = slice(1, 10, 3)
print(s, s.start, s.stop, s.step, list(range(20))[s], "abcdefghijkl"[s])
print(slice.indices(s, 5), slice.indices(slice(None, None, -2), 7), slice.indices(slice(-3, None), 2))
print(type(s) is slice, isinstance(s, slice), repr(slice(None)))
show(lambda: slice())
show(lambda: slice(1, 2, 3, 4))
show(lambda: slice.indices(s, -2))
show(lambda: slice.indices(slice(0, 1, 0), 3))
show(lambda: slice.indices(slice(0.5), 3))
show(lambda: {slice(1): 0})
`},
	})
}
