# collections types under every binary operator and builtin, against other values.
from collections import Counter, OrderedDict, defaultdict, deque, namedtuple
P = namedtuple("P", "x y")
vals = [None, 0, 1, -1, 2.5, "s", (), (1,), [], [1], {}, {"a": 1}, Counter("ab"), Counter(), defaultdict(int, a=1),
        defaultdict(), OrderedDict(a=1), OrderedDict(), deque(), deque([1, 2], maxlen=2), P(1, 2)]
ops = [lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a | b, lambda a, b: a & b, lambda a, b: a * b,
       lambda a, b: a == b, lambda a, b: a < b, lambda a, b: a <= b, lambda a, b: a in b, lambda a, b: a[b]]
for i, a in enumerate(vals):
    for j, b in enumerate(vals):
        out = []
        for op in ops:
            try:
                out.append(repr(op(a, b))[:40])
            except Exception as e:
                out.append(type(e).__name__ + ": " + str(e))
        print(i, j, " | ".join(out))
for a in vals:
    out = []
    for f in [len, bool, repr, list, lambda x: -x, lambda x: +x, lambda x: list(reversed(x)), sorted,
              lambda x: x.copy(), lambda x: type(x).__name__, lambda x: isinstance(x, (dict, tuple))]:
        try:
            out.append(repr(f(a))[:40])
        except Exception as e:
            out.append(type(e).__name__ + ": " + str(e))
    print(" | ".join(out))
