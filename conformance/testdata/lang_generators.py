# Generators: yield, yield from, return values, lazy pipelines.

def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1

print(list(count_up(5)))

def evens(xs):
    for x in xs:
        if x % 2 == 0:
            yield x

print(list(evens(range(11))))

def pipeline():
    for v in evens(count_up(10)):
        yield v * v

print(sum(pipeline()), list(pipeline()))

g = count_up(3)
print(next(g), next(g), next(g))
try:
    next(g)
except StopIteration:
    print("exhausted")
print(next(g, "done"))

def delegate():
    yield "start"
    yield from count_up(3)
    yield from ["x", "y"]
    yield "end"

print(list(delegate()))

def with_return():
    yield 1
    return "result"

def outer():
    r = yield from with_return()
    yield "inner returned " + r

print(list(outer()))

def fib_gen():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

out = []
for f in fib_gen():
    if f > 100:
        break
    out.append(f)
print(out)

# generator with try/finally
def guarded():
    try:
        yield 1
        yield 2
    finally:
        print("guarded cleanup")

for v in guarded():
    print("got", v)

# send
def accumulator():
    total = 0
    while True:
        v = yield total
        if v is None:
            break
        total += v

acc = accumulator()
print(next(acc))
print(acc.send(5), acc.send(10))

# windows over a stream
def windows(xs, size):
    buf = []
    for x in xs:
        buf.append(x)
        if len(buf) == size:
            yield list(buf)
            buf.pop(0)

print(list(windows([1, 2, 3, 4, 5], 3)))

# zip/enumerate over generators
print(list(zip(count_up(3), "abc")))
print(list(enumerate(count_up(2), start=1)))

# generator state is independent per call
g1, g2 = count_up(2), count_up(2)
print(next(g1), next(g1), next(g2))

# generator expression vs generator function equivalence
print(list(x * 2 for x in count_up(4)) == [x * 2 for x in range(4)])

# iterating a class that returns a generator from __iter__
class Bag:
    def __init__(self, *items):
        self.items = items

    def __iter__(self):
        for it in self.items:
            yield it

print(sorted(Bag(3, 1, 2)), list(Bag()))

# exceptions propagate out of generators
def failing():
    yield 1
    raise ValueError("gen failed")

try:
    for v in failing():
        print("value", v)
except ValueError as e:
    print("caught", e)
