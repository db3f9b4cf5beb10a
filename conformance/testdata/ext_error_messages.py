cases = [
    lambda: None["k"],
    lambda: None.get("k"),
    lambda: "a" + 1,
    lambda: 1 + "a",
    lambda: [1] + (2,),
    lambda: len(5),
    lambda: {}.foo,
    lambda: [1][5],
    lambda: "abc"["x"],
    lambda: 1 in 5,
    lambda: {[1]: 2},
    lambda: set([[1]]),
    lambda: "%d" % "x",
    lambda: "%s %s" % ("a",),
    lambda: "%s" % ("a", "b"),
    lambda: int("12a"),
    lambda: int(""),
    lambda: float("x1"),
    lambda: int([1]),
    lambda: {"a": 1}["b"],
    lambda: [].pop(),
    lambda: {}.popitem(),
    lambda: [1, 2].remove(3),
    lambda: "a,b".split(",")[2],
    lambda: (1, 2)[3],
    lambda: 1 / 0,
    lambda: 1 // 0,
    lambda: 1.0 / 0,
    lambda: 5 % 0,
    lambda: None(),
    lambda: "x"(),
    lambda: sorted([1, None]),
    lambda: max([]),
    lambda: min(1),
    lambda: sum(["a"]),
    lambda: "x".join([1]),
    lambda: abs("x"),
    lambda: round("x"),
    lambda: chr(-1),
    lambda: ord("ab"),
    lambda: range(1.5),
    lambda: [1, 2, 3][1:2:0],
    lambda: next(iter([])),
    lambda: iter(5),
    lambda: dict([1, 2]),
    lambda: list(1),
    lambda: tuple(None),
    lambda: 2 ** "x",
    lambda: -"x",
    lambda: ~1.5,
    lambda: [1] * 1.5,
    lambda: "abc".index("z"),
    lambda: [3].index(4),
    lambda: "{} {}".format(1),
    lambda: "{x}".format(y=1),
    lambda: "{:d}".format("s"),
    lambda: f"{1.5:d}",
    lambda: format("s", ".2f"),
    lambda: getattr(1, "nope"),
    lambda: setattr(1, "x", 2),
    lambda: isinstance(1, 2),
    lambda: hash([]),
    lambda: divmod(1, 0),
    lambda: pow(0, -1),
]
for i, f in enumerate(cases):
    try:
        r = f()
        print(i, "no error", r)
    except Exception as e:
        print(i, type(e).__name__ + ":", e)


def unpack():
    a, b = [1, 2, 3]


def unpack2():
    a, b, c = "ab"


def unpack3():
    a, *b, c = [1]


for f in [unpack, unpack2, unpack3]:
    try:
        f()
    except ValueError as e:
        print("ValueError:", e)


class P:
    def __init__(self, x):
        self.x = x


for f in [lambda: P(), lambda: P(1, 2), lambda: P(y=1), lambda: P(1).y, lambda: P(1) < P(2), lambda: len(P(1)), lambda: P(1)[0], lambda: [x for x in P(1)]]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)
