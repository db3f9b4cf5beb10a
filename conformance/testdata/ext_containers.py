inventory = {"apple": 3, "pear": 0, "fig": 12}
inventory["kiwi"] = 7
del inventory["pear"]
print(inventory, list(inventory), list(inventory.values()), list(inventory.items()))
print(inventory.get("x"), inventory.get("x", 0), "fig" in inventory, len(inventory))
print(sorted(inventory, key=inventory.get), sorted(inventory.items(), key=lambda kv: (-kv[1], kv[0])))
d2 = dict(inventory)
d2.update({"apple": 1}, plum=4)
print(d2, d2.pop("plum"), d2.pop("zz", None), d2.popitem(), d2)
print({**inventory, "new": 1}, dict(zip("ab", [1, 2])), dict([("x", 1)]), dict.fromkeys("abc", 0))
print({k: v * 2 for k, v in inventory.items() if v > 3})
d3 = {}
for w in "the cat and the hat and the bat".split():
    d3[w] = d3.get(w, 0) + 1
print(d3, max(d3, key=d3.get), sorted(d3.items(), key=lambda x: x[1], reverse=True)[:2])
print(d3.keys() - {"the"} == {"cat", "and", "hat", "bat"}, "cat" in d3.keys())
d3.clear()
print(d3, {1: "a", True: "b"}, {(1, 2): "t"}[(1, 2)], {1.0: "x"}[1])
print(inventory.setdefault("fig", 0), inventory.setdefault("date", 5), inventory)
s = {3, 1, 2}
s.add(4)
s.discard(10)
s.remove(1)
print(sorted(s), {1, 2} | {3}, {1, 2} & {2, 3}, {1, 2} - {2}, {1, 2} ^ {2, 3}, {1} <= {1, 2}, {1, 2} > {1})
print(sorted({x % 3 for x in range(10)}), set(), len(set([1, 1, 2])), frozenset([1, 2]) == {1, 2})
a = {1, 2, 3}
a |= {4}
a -= {1}
a &= {2, 3, 4, 5}
print(sorted(a), a.issubset({2, 3, 4}), a.isdisjoint({9}), sorted(a.union([7], (8,))), sorted(a.intersection({2})))
lst = [5, 3, 8, 1]
lst.append(9)
lst.extend([2, 2])
lst.insert(0, 0)
print(lst, lst.pop(), lst.pop(0), lst.index(8), lst.count(2))
lst.remove(3)
lst.sort()
print(lst, lst[::-1], lst[1:4], lst[::2], lst[-1], lst[-3:-1])
lst.reverse()
print(lst, sorted(lst), lst.copy() == lst, lst.copy() is lst)
lst[1:3] = ["a", "b", "c"]
print(lst)
del lst[0]
del lst[::2]
print(lst, [1, 2] * 2, [[0] * 2 for _ in range(2)], [1, 2] + [3], [1, [2]] == [1, [2]], [1, 2] < [1, 3])
t = (1, "a", 3.5)
print(t, t[1:], t.index("a"), t.count(1), len(t), (1,), tuple([1, 2]), t + (4,), (1, 2) < (1, 2, 0))
a, *rest = [1, 2, 3, 4]
*init, last = "abc"
x, (y, z) = 1, (2, 3)
first, *mid, end = range(5)
print(a, rest, init, last, x, y, z, first, mid, end)
m = [[1, 2, 3], [4, 5, 6]]
print([list(r) for r in zip(*m)], [x for row in m for x in row if x % 2], [[r[i] for r in m] for i in range(3)])
print(sorted(["b", "A", "c"], key=str.lower), sorted([3, 1, 2], reverse=True), sorted([(2, "b"), (1, "z"), (2, "a")]))
people = [{"name": "Ann", "age": 31}, {"name": "bob", "age": 25}, {"name": "Cy", "age": 31}]
print([p["name"] for p in sorted(people, key=lambda p: (-p["age"], p["name"]))])
print(min(people, key=lambda p: p["age"])["name"], max([1, 5, 3]), min(4, 2, 8), max("abc"), min([], default=0), sum([0.1] * 10), sum([[1], [2]], []))
stack, queue = [], []
for i in range(3):
    stack.append(i)
    queue.append(i)
print(stack.pop(), queue.pop(0), stack, queue)
nested = {"a": {"b": {"c": [1, 2, {"d": "deep"}]}}}
print(nested["a"]["b"]["c"][2]["d"], nested.get("a", {}).get("x", {}).get("y"))
print(list(range(3)) == [0, 1, 2], [i for i in range(3)] is not None, 2 in [1, 2], "a" not in {"b": 1})
print(repr([1, "a", None, True, 2.0, (1,), {}, set()]), str({"k": [1, {"n": None}]}))
print(abs(-3), abs(-2.5), round(2.5), round(3.5), round(2.675, 2), round(-0.5), round(1234, -2), divmod(-7, 2), pow(2, 10), pow(2, 10, 1000), 7 // -2, -7 % 3, 2 ** 0.5)
print(hex(255), bin(5), oct(8), int("ff", 16), int("0b101", 0), bool([]), bool("0"), 1 < 2 < 3, 3 > 2 > 2, 1 == 1.0, True + True)
print(10 / 4, 10 // 4, 10 % 4, -10 // 4, 2 ** 62 - 1 + 2 ** 62, -(2 ** 62) * 2, 1e3, 5 / 2.0, 7.5 // 2, 7.5 % 2, float("inf") > 1e308)
