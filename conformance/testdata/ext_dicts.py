d = {"a": 1, "b": 2, "c": 3}
del d["a"]
d["a"] = 4
print(d, list(d)[0], d.popitem(), d)
print({"x": 1, "y": 2} == {"y": 2, "x": 1}, {"a": 1} | {"a": 2, "b": 3}, {**{"a": 1}, **{"a": 2}})
e = {"k": 1}
e |= {"j": 2}
print(e, list(reversed(e.items())), list(reversed(e.keys())), list(reversed(e.values())))
fs = {frozenset({1, 2}): "pair", frozenset(): "empty"}
print(fs[frozenset([2, 1])], fs[frozenset()], len(fs))
print(sorted({(1, 2), (0, 5), (1, 1)}), {1: "a"}.get(1.0), {True: "t"}.get(1))
cnt = {}
for ch in "abracadabra":
    cnt[ch] = cnt.get(ch, 0) + 1
print(cnt, sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0])), max(cnt.values()))
inv = {v: k for k, v in cnt.items()}
print(inv, dict(sorted(cnt.items())), list(zip(cnt, cnt.values())))
nested = {}
for path, val in [("a.b.c", 1), ("a.b.d", 2), ("a.e", 3), ("f", 4)]:
    node = nested
    *parents, leaf = path.split(".")
    for p in parents:
        node = node.setdefault(p, {})
    node[leaf] = val
print(nested)


def flatten(d, prefix=""):
    out = {}
    for k, v in d.items():
        key = f"{prefix}.{k}" if prefix else k
        if isinstance(v, dict):
            out.update(flatten(v, key))
        else:
            out[key] = v
    return out


print(flatten(nested), len(flatten({})))
