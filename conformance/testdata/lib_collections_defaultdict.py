# collections.defaultdict: missing-key factory, repr, dict behaviour.
from collections import defaultdict
import collections
import json

d = defaultdict(list)
d["a"].append(1)
d["a"].append(2)
d["b"].append(3)
print(d)
print(repr(d), len(d), d["a"], d["zz"], len(d))
print(d.default_factory, type(d).__name__, type(d))
print(isinstance(d, dict), isinstance(d, defaultdict), isinstance({}, defaultdict))
print(issubclass(defaultdict, dict))
print(collections.defaultdict is defaultdict)

c = defaultdict(int)
for w in "the cat and the hat and the bat".split():
    c[w] += 1
print(c)
print(sorted(c.items()), list(c), list(c.keys()), list(c.values()))
print("the" in c, "dog" in c, c.get("dog"), c.get("dog", 5), "dog" in c)
print(json.dumps(c), json.dumps(c, sort_keys=True))
print(dict(c), type(dict(c)).__name__)
print(c == {"the": 3, "cat": 1, "and": 2, "hat": 1, "bat": 1}, c == dict(c), c != {})

e = defaultdict()
print(e, e.default_factory)
try:
    e["x"]
except KeyError as ex:
    print("KeyError", ex)
n = defaultdict(None, {"a": 1}, b=2)
print(n)
n.default_factory = set
n["s"].add(1)
print(n)
n.default_factory = None
print(n)

k = defaultdict(dict, [("x", {"y": 1})])
k["z"]["w"] = 2
print(k)
kw = defaultdict(int, a=1, b=2)
print(kw)

cp = c.copy()
print(type(cp).__name__, cp.default_factory, cp == c, cp is c)
cp["new"] += 5
print("new" in c, cp["new"])

print(d.pop("a"), d.setdefault("q", [9]), d)
print(d.popitem(), d)
d.update({"u": [1]}, v=[2])
print(d)
d.clear()
print(d, bool(d), len(d))

m = defaultdict(list, {"a": [1]}) | {"b": [2]}
print(m, type(m).__name__)
m2 = {"b": [2]} | defaultdict(int, {"a": 1})
print(m2)
m |= {"c": [3]}
print(m)
print(d.__missing__("mm"), d)
del m["a"]
print(m)
try:
    del m["nope"]
except KeyError as ex:
    print("KeyError", ex)

for args in [(1,), ("x",), (None, 1, 2)]:
    try:
        defaultdict(*args)
    except TypeError as ex:
        print("TypeError", ex)
try:
    hash(d)
except TypeError as ex:
    print("TypeError", ex)
try:
    d.nope
except AttributeError as ex:
    print("AttributeError", ex)
try:
    d + 1
except TypeError as ex:
    print("TypeError", ex)
print(sorted(defaultdict(int, {3: 1, 1: 2})))
nested = defaultdict(lambda: defaultdict(int))
nested["a"]["b"] += 1
print(dict(nested["a"]), list(nested))
r = defaultdict(list)
r["self"] = r
print(r)
print(str(defaultdict(float, x=1.5)), f"{defaultdict(str)}")
