# slice, delattr, vars and dir.
import math


def show(f):
    try:
        print("ok", repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# slice objects
s = slice(5)
print(s, s.start, s.stop, s.step)
print(slice(1, 5), slice(1, 5, 2), slice(None), slice("a", [1]))
print(repr(slice(-1, None, -1)), str(slice(1, "a")))
print(type(s) is slice, isinstance(s, slice), type(s), slice)
xs = [10, 20, 30, 40, 50]
print(xs[slice(1, 3)], xs[slice(None, None, -1)], xs[slice(3)], xs[slice(-2, None)])
print("abcdef"[slice(None, None, 2)], (1, 2, 3)[slice(1, None)], b"bytes"[slice(1, 3)])
print(range(10)[slice(2, 8, 3)])
cut = slice(1, -1)
print([w[cut] for w in ["<a>", "[bb]", "(ccc)"]])
ys = list(range(6))
ys[slice(0, 2)] = ["x"]
print(ys)
del ys[slice(None, None, 2)]
print(ys)
print(slice.indices(slice(1, 2), 10))
print(slice.indices(slice(None, None, -1), 10))
print(slice.indices(slice(None, None, 100), 5))
print(slice.indices(slice(-100, 100), 5))
print(slice.indices(slice(-100, 100, -3), 5))
print(slice.indices(slice(None, 2, -1), 0))
print(slice.indices(slice(True, None), 3))
for n in range(4):
    print(n, [slice.indices(slice(a, b, c), n) for a in (None, -5, 1) for b in (None, 2, -1) for c in (None, -2, 3)])


class Ix:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


print(slice.indices(slice(Ix(1), Ix(-1)), Ix(5)), xs[slice(Ix(1), Ix(-1))])
show(lambda: slice())
show(lambda: slice(1, 2, 3, 4))
show(lambda: slice(stop=1))
show(lambda: hash(slice(1)))
show(lambda: slice.indices(slice(1, 2, 0), 5))
show(lambda: slice.indices(slice(1, 2), -1))
show(lambda: slice.indices(slice("a"), 5))
show(lambda: slice.indices(slice(None, None, "a"), 5))
show(lambda: slice.indices(slice(1), "a"))
show(lambda: slice.indices(slice(1)))
show(lambda: xs[slice("a", 2)])


# delattr and vars
class Base:
    kind = "base"

    def method(self):
        return 1


class Point(Base):
    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
p.label = "p"
print(vars(p))
delattr(p, "x")
print(vars(p), hasattr(p, "x"))
setattr(p, "x", 10)
print(vars(p))
show(lambda: delattr(p, "missing"))
show(lambda: delattr(p, "kind"))
show(lambda: delattr(p, 1))
show(lambda: delattr(p))
show(lambda: delattr(p, "a", "b"))
show(lambda: delattr(1, "x"))
Point.extra = 1
print(Point.extra)
delattr(Point, "extra")
show(lambda: Point.extra)
show(lambda: delattr(Point, "extra"))
show(lambda: vars(1))
show(lambda: vars("abc"))
show(lambda: vars([]))
show(lambda: vars(p, 1))
show(lambda: vars(object()))
show(lambda: vars(p=1))
print(vars(math)["pi"], "sqrt" in vars(math))
e = ValueError("bad")
print(vars(e))
e.code = 3
print(vars(e))
d = vars(Point(3, 4))
print(sorted(d.items()))


# dir
print(dir(p))
print(dir(Point))
print(dir(Base))
print([n for n in dir(p) if not n.startswith("__")])
print(dir(object()))
print("sqrt" in dir(math), "pi" in dir(math), "__name__" in dir(math))
print([n for n in dir(math) if not n.startswith("_")] == sorted(n for n in dir(math) if not n.startswith("_")))


class Custom:
    def __dir__(self):
        return ["zeta", "alpha", "mid"]


print(dir(Custom()))


class WithProps:
    __slots_like = 1

    @property
    def area(self):
        return 0

    @staticmethod
    def make():
        return WithProps()

    @classmethod
    def build(cls):
        return cls()


print([n for n in dir(WithProps) if not n.startswith("__")])
for v in ("", 1, 1.5, [], (), {}, b"", range(3), True, None, slice(1)):
    names = [n for n in dir(v) if not n.startswith("_")]
    print(type(v).__name__, "upper" in names, "append" in names, "keys" in names, "start" in names, "real" in names)
show(lambda: dir(1, 2))
show(lambda: dir(x=1))
