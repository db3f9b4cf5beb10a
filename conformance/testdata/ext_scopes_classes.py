def make_class(prefix):
    class Tagged:
        tag = prefix + "!"

        def show(self, x):
            return f"{prefix}:{self.tag}:{x}"
    return Tagged


T = make_class("p")
print(T().show(1), T.tag)


class Cls:
    vals = [1, 2, 3]
    total = sum(vals)
    try:
        doubled = [v * 2 for v in vals]
    except NameError:
        doubled = None
    names = {"a": 1}
    keys = list(names)


print(Cls.total, Cls.doubled, Cls.keys)


def outer():
    x = 1

    def reader():
        return x

    def writer(v):
        nonlocal x
        x = v
    writer(5)
    r1 = reader()
    del x
    try:
        reader()
    except NameError as e:
        return r1, str(e)


print(outer())


def g():
    global NEWG
    NEWG = "set"


g()
print(NEWG)
if len(NEWG) > 2:
    def cond():
        return "A"
else:
    def cond():
        return "B"
print(cond())


def order(*a, **k):
    return a, k


seen = []
print(order(seen.append(1) or 1, y=seen.append(2) or 2, *[seen.append(3) or 3], **{"z": seen.append(4) or 4}), seen)
print(f"{'a' if True else 'b'}{f'{1 + 1}'}{'{'}{{}}{'x'!r:>5}")
gen_of_lists = [[y for y in range(x)] for x in range(3) if x]
print(gen_of_lists, [x for x in [y for y in range(5)] if x % 2 if x > 1])
fs = {k: (lambda v=k: v * 2) for k in range(3)}
print({k: f() for k, f in fs.items()})
matrix = [[i * 3 + j for j in range(3)] for i in range(3)]
print([row[i] for i, row in enumerate(matrix)], sum(map(sum, matrix)), max(map(max, matrix)))


class A:
    def __init__(self):
        self.items = []

    def add(self, *xs):
        self.items.extend(xs)
        return self


print(A().add(1, 2).add(*range(3)).items)


def kw_mixed(a, /, b, *, c):
    return a, b, c


print(kw_mixed(1, b=2, c=3), kw_mixed(1, 2, c=3))
x = 0


def shadow():
    x = 1

    def inner():
        return [x for _ in range(1)]
    return inner()


print(shadow(), x)
