def chunks(xs, n):
    for i in range(0, len(xs), n):
        yield xs[i:i + n]


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def take(n, it):
    out = []
    for x in it:
        if len(out) >= n:
            break
        out.append(x)
    return out


def moving_avg(xs, k):
    window = []
    total = 0
    for x in xs:
        window.append(x)
        total += x
        if len(window) > k:
            total -= window.pop(0)
        yield round(total / len(window), 2)


def gen_with_return():
    yield 1
    yield 2
    return "done"


def delegating():
    r = yield from gen_with_return()
    yield r


def flatten(xs):
    for x in xs:
        if isinstance(x, list):
            yield from flatten(x)
        else:
            yield x


print(list(chunks(list(range(10)), 3)))
print(take(10, fib()))
print(list(moving_avg([1, 2, 3, 4, 5, 6], 3)))
print(list(delegating()))
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
g = fib()
print(next(g), next(g), next(g), next(g))
it = iter([1, 2])
print(next(it), next(it), next(it, "end"))
try:
    next(it)
except StopIteration:
    print("stop")
print(sum(x * x for x in range(10)), max(len(w) for w in ["a", "abc", "ab"]), any(x > 3 for x in [1, 5]), all(x for x in []))
print(sorted((x for x in range(10) if x % 3), reverse=True))
print(dict((k, v) for k, v in zip("abc", range(3))))
print(list(enumerate("xyz", start=1)), list(zip([1, 2, 3], "ab")), list(map(str, [1, 2])), list(filter(None, [0, 1, "", "a"])))
print(list(reversed(range(5))), list(range(10, 0, -3)), range(5)[2], len(range(0, 10, 3)), 3 in range(5))
print(list(map(lambda a, b: a + b, [1, 2], [10, 20])))


def counter():
    n = 0
    while True:
        cmd = yield n
        if cmd == "reset":
            n = 0
        else:
            n += 1


c = counter()
print(next(c), c.send(None), c.send(None), c.send("reset"), next(c))

def gen_finally():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")

for v in gen_finally():
    print("got", v)
gx = (i * 2 for i in range(3))
print(list(gx), list(gx))
