rows = [("a", 2), ("b", 1), ("c", 2), ("d", 1), ("e", 3), ("f", 2)]
print(sorted(rows, key=lambda r: r[1], reverse=True))
print(sorted(rows, key=lambda r: r[1]))
l = rows[:]
l.sort(key=lambda r: -r[1])
print(l)
print(sorted([3, 1, 2], key=lambda x: 0), sorted("bAcB", key=str.lower), sorted("bAcB", key=str.lower, reverse=True))
print(sorted([1.5, 1, True, 0.5, False]), sorted([-0.0, 0.0, 0]), max([1, 1.0]), min([1.0, 1]))
print(sorted([(1, "b"), (1, "a"), (0, "z")], reverse=True), sorted([[3], [1, 2], [1]]))
data = [{"n": "x", "v": None}, {"n": "y", "v": 3}, {"n": "z", "v": 1}]
print([d["n"] for d in sorted(data, key=lambda d: (d["v"] is None, d["v"] or 0))])
