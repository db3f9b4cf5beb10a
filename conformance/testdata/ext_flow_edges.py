

def pack(*a):
    return *a, len(a)


def gen_pairs():
    x = yield 1
    y = yield x * 2
    return (yield x + y)


print(pack(1, 2), pack())
g = gen_pairs()
print(next(g), g.send(10), g.send(5))
try:
    g.send(0)
except StopIteration as e:
    print("stop")


def finally_continue():
    out = []
    for i in range(4):
        try:
            if i % 2:
                raise ValueError(i)
            out.append(i)
        except ValueError:
            out.append(-i)
            continue
        finally:
            out.append("f")
            if i == 3:
                break
    else:
        out.append("else")
    return out


print(finally_continue())


def finally_overrides():
    try:
        return "try"
    finally:
        return "finally"


def finally_swallows():
    for _ in range(1):
        try:
            raise KeyError("lost")
        finally:
            break
    return "swallowed"


print(finally_overrides(), finally_swallows())


def while_true():
    n = 0
    while True:
        n += 1
        try:
            if n > 3:
                break
        finally:
            pass
    return n


print(while_true())
items = [(1, "a"), (2, "b")]
for n, (ch,) in [(k, (v,)) for k, v in items]:
    print(n, ch, end="; ")
print()
res = []
for i in range(3):
    for j in range(3):
        if j == i:
            continue
        if j > i:
            break
        res.append((i, j))
print(res)


def deep_nonlocal():
    a = 0

    def l1():
        def l2():
            def l3():
                nonlocal a
                a += 1
                return a
            return l3()
        return l2()
    return [l1() for _ in range(3)], a


print(deep_nonlocal())


def del_global():
    global tmp
    tmp = 1
    del tmp


del_global()
try:
    tmp
except NameError as e:
    print("NameError:", e)


class WithLambda:
    factor = 3
    scale = staticmethod(lambda v: v * 2)


print(WithLambda.scale(4), WithLambda().scale(5))
x = 10
fs = []
for x in range(3):
    fs.append(lambda: x)
print([f() for f in fs], x)
t = a, b = 1, 2
print(t, a, b)
(c, d), e = "xy", 3
print(c, d, e)
first, *middle, last = range(6)
middle[0] = -1
print(first, middle, last)
nested = [[1, [2, 3]], [4, [5, 6]]]
print([a + b + c for a, (b, c) in nested])
s = 0
for i in range(10):
    if i % 3 == 0:
        continue
    elif i == 8:
        break
    s += i
else:
    s = -1
print(s)
print([i for i in range(20) if i % 2 if i % 3], [(i, j) for i in range(3) for j in range(i)])
val = 5
print("big" if val > 10 else "mid" if val > 3 else "small", (lambda: "inner")() if val else None)
assert val == 5
try:
    assert val < 0, f"val is {val}"
except AssertionError as err:
    print("AssertionError:", err)
try:
    assert False
except AssertionError as err:
    print("bare assert:", repr(err))
