# collections.OrderedDict: move_to_end, popitem(last), order-sensitive ==.
from collections import OrderedDict

o = OrderedDict()
print(o, repr(o), len(o), bool(o))
o["b"] = 2
o["a"] = 1
o["c"] = 3
print(o, list(o), list(o.items()), o["a"], o.get("z"))
o.move_to_end("b")
print(o)
o.move_to_end("b", last=False)
print(o)
o.move_to_end("c", False)
print(o)
print(o.popitem(), o)
print(o.popitem(last=False), o)
print(o.popitem(False), o)
print(OrderedDict([("x", 1), ("y", 2)]), OrderedDict(a=1, b=2), OrderedDict({"k": [1, 2]}))
p = OrderedDict(a=1, b=2)
q = OrderedDict(b=2, a=1)
print(p == q, p == {"b": 2, "a": 1}, {"b": 2, "a": 1} == p, dict(p) == dict(q), p != q)
print(type(p).__name__, type(p), isinstance(p, dict), isinstance(p, OrderedDict))
cp = p.copy()
cp["z"] = 0
print(cp, type(cp).__name__, p)
print(p | {"c": 3}, {"c": 3} | p)
p |= {"d": 4}
print(p)
p.update(e=5)
print(p.pop("a"), p.setdefault("f", 6), p)
del p["b"]
print(p, "c" in p, "b" in p)
print(OrderedDict(zip("abc", range(3))), OrderedDict.fromkeys("xy") if hasattr(OrderedDict, "fromkeys") else None)
r = OrderedDict()
r["self"] = r
print(r)
lru = OrderedDict()
for k in [1, 2, 3, 1, 4, 2, 5]:
    if k in lru:
        lru.move_to_end(k)
    lru[k] = True
    if len(lru) > 3:
        lru.popitem(last=False)
print(list(lru))

def err(f):
    try:
        print("ok", f())
    except (KeyError, TypeError, AttributeError) as ex:
        print(type(ex).__name__, ex)

err(lambda: OrderedDict().popitem())
err(lambda: OrderedDict().popitem(last=False))
err(lambda: OrderedDict(a=1).move_to_end("z"))
err(lambda: OrderedDict(a=1).move_to_end())
err(lambda: OrderedDict(1, 2))
err(lambda: OrderedDict()["x"])
err(lambda: hash(OrderedDict()))
err(lambda: OrderedDict().nope)
from collections import defaultdict, Counter
print(defaultdict.fromkeys("ab", 0), OrderedDict.fromkeys([1, 2], "v"))
try:
    Counter.fromkeys("ab")
except NotImplementedError as ex:
    print("NotImplementedError", ex)
v = OrderedDict(a=1, b=2)
print(v.keys(), v.values(), v.items(), list(v.values()), list(v.items()), len(v.items()), ("a", 1) in v.items())
print(v.keys() & {"a"}, list(reversed(v)), [k for k in v.keys()], sorted(v.values()))
