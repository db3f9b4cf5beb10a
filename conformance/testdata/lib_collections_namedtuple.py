# collections.namedtuple: tuple instances with named fields.
from collections import namedtuple
import json

Point = namedtuple("Point", ["x", "y"])
p = Point(1, 2)
print(p, repr(p), str(p), p.x, p.y, p[0], p[-1], p[:1], len(p))
x, y = p
print(x, y, list(p), tuple(p), [*p], sum(p), max(p))
print(p == (1, 2), (1, 2) == p, p == Point(1, 2), p != Point(2, 1), p == [1, 2])
print(p < Point(1, 3), (0, 5) < p, sorted([Point(2, 1), Point(1, 5), Point(1, 2)]))
print(hash(p) == hash((1, 2)), {p: "a"}[(1, 2)], {(1, 2): "b"}[p], 2 in p, 3 in p)
print(isinstance(p, tuple), isinstance(p, Point), type(p).__name__, type(p), Point)
print(Point._fields, p._fields, Point._field_defaults, p._asdict(), Point.__name__)
print(p._replace(x=10), p, Point._make([5, 6]), Point._make(range(2)), p._make("ab"))
print(Point(x=3, y=4), Point(3, y=4), p + (3,), (0,) + p, p * 2, 2 * p, type(p + p).__name__)
print(p.count(1), p.index(2), bool(p), json.dumps(p), json.dumps({"p": p}))
print("%s and %s" % p, "{} {}".format(*p), f"{p}", list(reversed(p)))

P3 = namedtuple("P3", "a b, c")
print(P3(1, 2, 3), P3._fields)
D = namedtuple("D", "host port proto", defaults=[80, "tcp"])
print(D("h"), D("h", 8080), D("h", proto="udp"), D._field_defaults)
R = namedtuple("R", ["a", "def", "_x", "a", "1"], rename=True)
print(R._fields, R(1, 2, 3, 4, 5))
E = namedtuple("E", [])
print(E(), len(E()), E._fields)
Nested = namedtuple("Nested", "inner items")
n = Nested(Point(0, 0), [Point(1, 1)])
print(n, n.inner.x, n.items[0].y)
rows = [Point(i, i * i) for i in range(3)]
print(rows, [r.y for r in rows], dict(rows), {r.x: r for r in rows}[2])

def err(f):
    try:
        print("ok", f())
    except (TypeError, ValueError, AttributeError, IndexError) as ex:
        print(type(ex).__name__, ex)

err(lambda: Point(1, 2, 3))
err(lambda: Point(1))
err(lambda: Point())
err(lambda: P3())
err(lambda: D())
err(lambda: D(1, 2, 3, 4))
err(lambda: Point(1, x=2))
err(lambda: Point(1, 2, z=3))
err(lambda: Point._make([1]))
err(lambda: p._replace(z=1))
err(lambda: p._replace(1))
err(lambda: p[5])
err(lambda: namedtuple("P", "x def"))
err(lambda: namedtuple("1P", "x"))
err(lambda: namedtuple("P", "x _y"))
err(lambda: namedtuple("P", "x x"))
err(lambda: namedtuple("P", "x", defaults=[1, 2]))
err(lambda: namedtuple("P", 5))
err(lambda: namedtuple("P", [1, 2]))
err(lambda: namedtuple("P"))
err(lambda: p.z)
def setx():
    p.x = 5
err(setx)
def setz():
    p.z = 5
err(setz)
def setitem():
    p[0] = 5
err(setitem)
err(lambda: p + [1])
