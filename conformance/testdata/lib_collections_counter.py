# collections.Counter: counting, most_common, arithmetic, repr.
from collections import Counter
import json

c = Counter("abracadabra")
print(c)
print(c["a"], c["z"], "z" in c, len(c))
print(c.most_common(), c.most_common(2), c.most_common(0), c.most_common(-1), c.most_common(n=1))
print(sorted(c.elements()), list(Counter(x=2, y=0, z=-1, w=1).elements()))
print(c.total(), Counter().total())
print(Counter(), repr(Counter()), Counter({}), Counter([]))
print(Counter({"a": 3, "b": 1}), Counter(a=1, b=3, c=3, d=2))
print(Counter(["x", "y", "x", 1, 1, 1]))
print(type(c).__name__, type(c), isinstance(c, dict), isinstance(c, Counter))

u = Counter(a=1)
u.update("aab")
u.update({"b": 5, "c": -1})
u.update(d=2)
u.update(None)
print(u)
u.subtract("aa")
u.subtract({"b": 10, "e": 1})
u.subtract(d=1)
print(u)
print(+u, -u)
print(u.most_common(3))

p = Counter(a=3, b=1, c=0, d=-2)
q = Counter(a=1, b=2, e=4, d=-1)
print(p + q, p - q, p | q, p & q)
print(q + p, q - p, q | p, q & p)
print(Counter() + Counter(), Counter(a=-1) - Counter(a=1))
print(p == Counter(a=3, b=1, c=0, d=-2), Counter(a=1, b=0) == Counter(a=1), Counter(a=1) == {"a": 1}, {"a": 1} == Counter(a=1))
print(Counter(a=1, b=0) == {"a": 1}, Counter(a=1) != Counter(a=2))

x = Counter(a=1, b=2)
y = x
x += Counter(a=1, c=-1)
print(x, x is y)
x -= Counter(b=5)
print(x, x is y)
x |= Counter(z=3)
print(x)
x &= Counter(z=1, a=10)
print(x, x is y)

print(c.copy(), type(c.copy()).__name__, c.copy() == c)
print(dict(c), json.dumps(c, sort_keys=True))
d = Counter(a=1)
d["b"] += 1
d["c"] -= 1
print(d)
del d["a"]
print(d, d.get("zz"), d.pop("b"), d)
print(sorted(Counter("mississippi").items()))
print(Counter({"a": 1}) | {"b": 2}, type(Counter({"a": 1}) | {"b": 2}).__name__)
words = "one two three two three three".split()
wc = Counter()
for w in words:
    wc[w] += 1
print(wc, wc.most_common(1)[0])
print(Counter(a=1.5, b=0.5) + Counter(a=1))
print(str(Counter("aab")), f"{Counter('ba')}")

for f in [lambda: Counter(1, 2), lambda: Counter(5), lambda: Counter() + {}, lambda: Counter() - 1,
          lambda: c.most_common("x"), lambda: hash(Counter()), lambda: Counter().nope,
          lambda: Counter(a="x").total(), lambda: list(Counter(a=1.5).elements())]:
    try:
        print(f())
    except (TypeError, AttributeError) as ex:
        print(type(ex).__name__, ex)
g = Counter("aab")
del g["zz"]
del g["b"]
print(g)
for n in [1.5, 5.0]:
    try:
        print(g.most_common(n))
    except TypeError as ex:
        print("TypeError", ex)
h = Counter(["a", "b"])
h.update(Counter(a=2))
h.subtract(Counter(b=1))
print(h, Counter(h), Counter(dict(h)))
a, b = Counter(a=1, b=2), Counter(a=2, b=2, c=1)
print(a <= b, a < b, b >= a, b > a, a >= b, a > b, a <= a, a < a)
print(Counter(a=1, x=0) <= Counter(a=1), Counter(a=1, x=0) < Counter(a=1), Counter(a=2) <= Counter(b=5))
try:
    Counter() < {}
except TypeError as ex:
    print("TypeError", ex)
print(Counter(iterable=[1]), Counter(a="x", b=[1]))
k = Counter("ab")
k.update(a=2)
k.subtract(b="x" if False else 1)
print(k)
try:
    Counter("a").update(a="x")
except TypeError as ex:
    print("TypeError", ex)
