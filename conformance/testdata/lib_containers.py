# list, tuple, dict and set methods.


def attempt(f, *args):
    """Call f, or describe the exception it raises."""
    try:
        return f(*args)
    except Exception as e:
        return type(e).__name__ + ": " + str(e)


# ---- list ----
xs = [5, 3, 8]
xs.append(1)
xs.extend([9, 2])
xs.extend((7,))
xs.extend(range(2))
xs.insert(0, 100)
xs.insert(-1, 50)
xs.insert(99, 99)
print(xs, len(xs))
print(xs.pop(), xs.pop(0), xs.pop(-2), xs)
xs.remove(8)
print(xs, xs.index(9), xs.count(3), xs.index(1, 2))
ys = xs.copy()
ys.reverse()
print(ys, xs is ys, ys == list(reversed(xs)))
xs.sort()
print(xs)
xs.sort(reverse=True)
print(xs)
words = ["banana", "Apple", "cherry", "date", "Elder", "fig"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=len, reverse=True))
pairs = [(1, "b"), (0, "a"), (1, "a"), (0, "b")]
print(sorted(pairs), sorted(pairs, key=lambda p: p[1]), sorted(pairs, key=lambda p: p[0], reverse=True))
records = [{"n": "x", "v": 3}, {"n": "y", "v": 1}, {"n": "z", "v": 3}, {"n": "w", "v": 2}]
records.sort(key=lambda r: r["v"])
print([r["n"] for r in records])
records.sort(key=lambda r: r["v"], reverse=True)
print([r["n"] for r in records])
print(sorted([3.5, 1, 2.25, -1]), sorted([[2, 1], [1, 9], [1, 2]]), sorted("bca"), sorted({3: 1, 1: 2}))
print(sorted([True, 0, 2, False]), sorted([], reverse=True))
zs = [1, 2, 3]
zs.clear()
print(zs, [0] * 3, [1, 2] + [3], [1, 2, 3][::-1], [1, 2, 3, 4, 5][1:4:2])
print(attempt([].pop), attempt([1].pop, 5), attempt([1, 2].remove, 3), attempt([1, 2].index, 7))
print(attempt(sorted, [1, "a"]), attempt([3, 1].sort, 1))
nested = [[1, 2], [3]]
flat = []
for part in nested:
    flat.extend(part)
print(flat, sum(nested, []))

# ---- tuple ----
t = (1, 2, 3, 2, 1)
print(t.count(2), t.index(3), t.index(1, 1), t[1:3], t + (4,), t * 2, len(t), 2 in t)
print(attempt(t.index, 9), tuple([1, 2]), tuple("ab"), tuple(), (1,), sorted(t))

# ---- dict ----
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, len(d), d.get("a"), d.get("z"), d.get("z", 0), "a" in d, "z" not in d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.keys(), d.values(), d.items())
print(len(d.keys()), "b" in d.keys(), 2 in d.values(), ("a", 1) in d.items(), ("a", 2) in d.items())
for k, v in d.items():
    print(k, v, end="; ")
print()
print(d.pop("b"), d.pop("zz", "default"), d)
print(attempt(d.pop, "zz"))
print(d.setdefault("a", 100), d.setdefault("new", []), d)
d.update({"x": 1}, y=2)
d.update([("p", 0), ("q", 9)])
print(d)
print(d.popitem(), d.popitem(), d)
e = d.copy()
e["a"] = "changed"
print(d["a"], e["a"])
e.clear()
print(e, dict.fromkeys(["u", "v"]), dict.fromkeys("ab", 0))
print(dict(a=1, b=2), dict([("k", "v")]), dict({"z": 26}, y=25), dict(zip("abc", range(3))))
print(attempt(dict, [("a", 1, 2)]), attempt(dict, [1]), attempt({}.popitem), attempt(lambda: {}["missing"]))
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
groups = {}
for w in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups.setdefault(w[0], []).append(w)
print(groups)
merged = {**{"a": 1}, **{"b": 2, "a": 3}}
print(merged, {k: v * 2 for k, v in merged.items()}, list(reversed(merged)))
keys = d.keys()
d["late"] = True
print(keys, list(reversed(d.keys())))
print({1: "int", 1.0: "float", True: "bool"})
print({(1, 2): "tuple key"}[(1, 2)], {(1, "a"), (1, "a")})

# ---- set ----
s = {3, 1, 2}
s.add(4)
s.add(1)
s.discard(10)
s.remove(3)
print(s, len(s), 1 in s, 3 in s)
a, b = {1, 2, 3, 4}, {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print(a.union([9], (8,)), a.intersection(range(3)), a.difference([1], [2]))
print({1, 2}.issubset(a), a.issuperset({1, 5}), a.isdisjoint({7, 8}), a.isdisjoint([4]))
print({1, 2} <= a, {1, 2} < {1, 2}, a >= {1}, {1} == {1.0})
c = set()
c.update([5, 6], {7})
c.intersection_update({5, 6, 8})
print(c)
c.difference_update([5])
c.symmetric_difference_update({6, 9})
print(c, c.copy(), set("aab") == {"a", "b"}, sorted(set("hello")))
popped = {42}.pop()
print(popped, attempt(set().pop), attempt({1}.remove, 2))
f = frozenset([1, 2, 2, 3])
print(f, len(f), f | {4}, f & {2, 9}, frozenset(), 2 in f, f.union([7]))
print(sorted({x % 3 for x in range(10)}), {n * n for n in range(5)})
print(set(), set([0, 10, 5, 100]), {0, 1, 2, 3} - {2})
inv = {"a": 1, "b": 2, "c": 3}
print(sorted(inv.keys() & {"a", "c", "z"}), sorted(inv.keys() - {"a"}), sorted(inv.keys() ^ {"a", "q"}), sorted(inv.items() & {("a", 1)}))
view = inv.values()
inv["d"] = 4
print(view, len(view), 4 in view, list(view) == list(inv.values()), list(reversed(inv.items())))
keep = {True, 2}
keep.intersection_update([1, 2])
print(sorted(map(repr, keep)), {True, 2}.intersection([1]), {True}.intersection({1, 5}), {1, 5}.intersection({True}))
