calls = []


def trace(v):
    calls.append(v)
    return v


# chained comparison evaluates the middle once, short-circuits
print(trace(1) < trace(2) < trace(0) < trace(9), calls)
calls.clear()
# augmented assignment on a subscript evaluates container and index once
d = {"k": [0, 0]}
trace(d)["k"][trace(1)] += 5
print(d, calls)
calls.clear()
# evaluation order of call arguments, dict displays, and assignment
print(trace("a") + trace("b"), {trace("k1"): trace("v1"), trace("k2"): trace("v2")}, calls)
calls.clear()
x = [0, 0, 0]
i = 0
i, x[i] = 1, 9
print(i, x)


def scopes():
    n = 0
    fns = []
    for k in range(3):
        def f(k=k):
            return k + n
        fns.append(f)
    n = 100
    return [f() for f in fns]


print(scopes())


class K:
    base = 10
    items = [base + i for i in range(3)] if False else None
    doubled = base * 2

    def get(self):
        return self.base, K.doubled


print(K().get(), K.items)
G = "global"


class Shadow:
    G = "class"

    def m(self):
        return G


print(Shadow().m(), Shadow.G)


def outer():
    a = 1

    def mid():
        nonlocal a
        a += 1

        def inner():
            nonlocal a
            a *= 10
            return a
        return inner()
    r = mid()
    return a, r


print(outer())


def loop_finally():
    out = []
    for i in range(4):
        try:
            if i == 1:
                continue
            if i == 3:
                return out
            out.append(i)
        finally:
            out.append(-i)
    return "unreachable"


print(loop_finally())


def nested_try():
    try:
        try:
            1 / 0
        except ZeroDivisionError:
            raise KeyError("k")
        finally:
            print("inner finally")
    except KeyError as e:
        return "caught " + repr(e)


print(nested_try())


def gen_in_try():
    try:
        yield 1
        raise ValueError("in gen")
    except ValueError as e:
        yield str(e)
    finally:
        yield "fin"


print(list(gen_in_try()))
vals = [1, 2, 3]
del vals[1]
a = b = 1
del a
try:
    a
except NameError as e:
    print(e)


def unbound():
    if False:
        z = 1
    return z


try:
    unbound()
except UnboundLocalError as e:
    print(type(e).__name__, e)
print([y for y in range(3)], [(a, b) for a in range(2) for b in "xy" if a or b == "x"])
print({k: [v for v in range(k)] for k in range(3)}, [[c for c in w] for w in ["ab", "c"]])
y = 10
print([y for y in range(2)], y)
print(sum(i for i in range(5) if i % 2), list(x for x in (1, 2)), max((v for v in [3, 1]), default=None))
f = lambda *a, k=1, **kw: (a, k, kw)
print(f(1, 2, k=3, z=4), f())


def deco_factory(tag):
    def deco(fn):
        def w(*a, **k):
            return f"<{tag}>{fn(*a, **k)}</{tag}>"
        return w
    return deco


@deco_factory("b")
@deco_factory("i")
def greet(name):
    return "hi " + name


print(greet("x"))
args = [1, 2]
kw = {"sep": "-"}
print(*args, 3, *args, **kw)
print(*"abc", sep="")
first, *_ = "hello"
print(first, _)
w = 0
while w < 3:
    w += 1
print(w)
t = ([],)
t[0].append(1)
print(t)
try:
    t[0] += [2]
except TypeError as e:
    print("TypeError", t)
print(not 1 == 2, (1, 2) == (1, 2) == (1, 2), 1 in [1] in [[1]], None is None is not False)
cond = True
r = "a" if cond else "b" if False else "c"
print(r, [1, 2][cond], {True: "t"}[1 == 1])
n = 0
for n in range(3):
    pass
print(n)
for q in []:
    pass
try:
    q
except NameError:
    print("q unbound")
print(type(print).__name__, type(lambda: 0).__name__, type(K).__name__, type(K()).__name__, type(None).__name__)
