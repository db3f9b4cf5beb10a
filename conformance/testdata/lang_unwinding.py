# Generators with finally, nested comprehensions, super() chains, unwinding.
def gen():
    try:
        yield 1
        try:
            yield 2
        except ValueError:
            yield "caught"
        yield 3
    finally:
        print("gen finally")

for x in gen():
    print(x)

def matrix(n):
    return [[(i, j) for j in range(i)] for i in range(n)]
print(matrix(3))

def outer():
    fs = [lambda y, x=x: (x, y) for x in range(3)]
    return [f(10) for f in fs]
print(outer())

class A:
    def __init__(self):
        self.log = ["A"]
    def who(self):
        return "A"
class B(A):
    def __init__(self):
        super().__init__()
        self.log.append("B")
    def who(self):
        return "B>" + super().who()
class C(B):
    def __init__(self):
        super().__init__()
        self.log.append("C")
    def who(self):
        return "C>" + super().who()
c = C()
print(c.log, c.who())

def deep(n):
    if n == 0:
        raise RuntimeError("bottom")
    try:
        deep(n - 1)
    finally:
        print("unwind", n)
try:
    deep(3)
except RuntimeError as e:
    print("got", e)

x = 10
def g():
    return [x + i for i in range(3)]
print(g())

def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc, lambda: n
inc, get = counter()
inc(); inc()
print(get())

s = 0
for i in range(10):
    if i == 7:
        break
    if i % 2:
        continue
    s += i
else:
    s = -1
print(s)

d = {"a": 1}
d.update(b=2)
print(sorted(d.items()), {**d, "c": 3})
a, *b = range(5)
print(a, b)
print([*range(3), *"ab"])
print(f"{'x':*^9}|{3.14159:.3}|{42:+d}|{-0.5:.0f}")
