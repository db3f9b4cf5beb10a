# Core: scopes and closures, generators, the iteration protocol, numbers.

# closures capture variables, not values
def make_counters():
    counters = []
    for i in range(3):
        def counter(start=i):
            total = start
            def step(by=1):
                nonlocal total
                total += by
                return total
            return step
        counters.append(counter())
    return counters

cs = make_counters()
print([c() for c in cs], [c(10) for c in cs])

def late_binding():
    fns = [lambda: i for i in range(3)]
    return [f() for f in fns]

print(late_binding())

def shared_cell():
    x = 1
    def get():
        return x
    def set_(v):
        nonlocal x
        x = v
    return get, set_

get, set_ = shared_cell()
set_(42)
print(get())

def deep(a):
    def level1(b):
        def level2(c):
            def level3(d):
                return a + b + c + d
            return level3
        return level2
    return level1

print(deep(1)(2)(3)(4))

counter = 0

def bump():
    global counter
    counter += 1
    return counter

bump()
bump()
print(counter)

def shadow():
    counter = "local"
    return counter

print(shadow(), counter)

# recursion
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))

print(fact(20), ackermann(2, 3))

# generators
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1

def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x

def pipeline():
    yield from evens(count_up(10))
    yield "end"

print(list(pipeline()))
g = count_up(3)
print([x for x in g], [x for x in g])

def with_return():
    yield 1
    return "result"

def delegate():
    value = yield from with_return()
    yield value

print(list(delegate()))

def gen_with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("generator cleanup")

for v in gen_with_finally():
    print("got", v)

squares = (n * n for n in range(5))
print(sum(squares), sum(n * n for n in range(5) if n % 2), max((len(w), w) for w in ["ab", "abc", "b"]))

def fib_gen():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

out = []
for v in fib_gen():
    if v > 100:
        break
    out.append(v)
print(out)

# for/else and while/else
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, end=" ")
print()
i = 0
while i < 3:
    i += 1
else:
    print("while done", i)

# iteration over every container kind
d = {"one": 1, "two": 2, "three": 3}
d["four"] = 4
del d["two"]
d["two"] = 22
print(list(d), list(d.values()), list(d.items()))
print([c for c in "héllo"], list(b"ab"), list((1, 2)), list(range(3, -3, -2)))
print(sorted({5, 3, 9, 1}), {3, 1, 2}, {10, 2, 33, 4}, set(range(20, 0, -3)))
print(list(enumerate(["a", "b"], 1)), list(zip("abc", range(3), [True, False, None])))
print(list(reversed([1, 2, 3])), list(reversed(range(4))), list(map(lambda x: x * x, range(4))))
print(list(filter(None, [0, 1, "", "a", [], [0]])), any(x > 2 for x in range(4)), all([]))

try:
    for k in d:
        d["new"] = 1
except RuntimeError as e:
    print("RuntimeError:", e)

# numbers inside 64 bits
print(2 ** 62 + (2 ** 62 - 1), -2 ** 63 // 1 if False else -(2 ** 62) * 2)
print(7 // -2, -7 // -2, 7 % -2, -7 % -2, divmod(17, 5), divmod(-17, 5))
print(10 / 4, 10 // 4, 10.0 // 4, 10 % 4.5, -10 % 4.5, 2 ** -2, (-2) ** 3)
print(0.1 * 3, 1 / 3, 2 / 3, 1e300 * 10, -1e300 * 10, 1e-320, 123456789.0 * 10)
print(1 == 1.0, 1 < 1.5, 2 > 1.5, hash(1) == hash(1.0) if False else {1: "a", 1.0: "b", True: "c"})
print(round(2.5), round(3.5), round(-0.5), abs(-7), abs(-2.5), int(3.9), int(-3.9), float(7))
print(3 & 6, 3 | 6, 3 ^ 6, ~0, 1 << 40, (1 << 40) >> 38, -17 >> 2, True + 1, False * 5)
print(min(3, 1, 2), max([4, 9, 2]), sum([1, 2, 3], 10), sum([0.5, 0.25]))

# chained comparisons and short circuits
def noisy(v):
    print("eval", v)
    return v

print(noisy(1) < noisy(2) < noisy(0) < noisy(5))
print(noisy(0) and noisy(1), noisy(2) or noisy(3), not noisy(None))
x = 5
print(0 < x <= 5, 0 < x < 5, x == 5 != 6, 1 if x > 3 else 2, [1, 2][x > 3])
