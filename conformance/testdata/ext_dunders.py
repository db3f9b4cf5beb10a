class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    def __rmul__(self, k):
        return self * k

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5

    def __eq__(self, o):
        return (self.x, self.y) == (o.x, o.y)

    def __repr__(self):
        return "Vec(%r, %r)" % (self.x, self.y)

    def __bool__(self):
        return bool(self.x or self.y)


a, b = Vec(1, 2), Vec(3, 4)
print(a + b, a - b, a * 3, 2 * a, -a, abs(b), a == Vec(1, 2), a != b, bool(Vec(0, 0)))
acc = Vec(0, 0)
for v in [a, b, a]:
    acc += v
print(acc)


class Ring:
    def __init__(self, n):
        self.buf = [None] * n
        self.i = 0
        self.full = False

    def push(self, v):
        self.buf[self.i] = v
        self.i = (self.i + 1) % len(self.buf)
        self.full = self.full or self.i == 0

    def __iter__(self):
        if self.full:
            yield from self.buf[self.i:]
        yield from self.buf[:self.i]

    def __len__(self):
        return len(self.buf) if self.full else self.i

    def __getitem__(self, k):
        return list(self)[k]

    def __contains__(self, v):
        return v in list(self)

    def __str__(self):
        return "Ring<" + ",".join(map(str, self)) + ">"


r = Ring(3)
for i in range(5):
    r.push(i)
print(list(r), len(r), r[0], r[-1], 4 in r, 1 in r, str(r), f"{r}", [x * 2 for x in r], sum(r), sorted(r, reverse=True))


class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10


print(list(Seq()), 20 in Seq())


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __lt__(self, o):
        return self.cents < o.cents

    def __le__(self, o):
        return self.cents <= o.cents

    def __eq__(self, o):
        return isinstance(o, Money) and self.cents == o.cents

    def __hash__(self):
        return hash(self.cents)

    def __str__(self):
        return f"${self.cents / 100:,.2f}"

    def __repr__(self):
        return f"Money({self.cents})"

    def __format__(self, spec):
        return format(str(self), spec)


ms = [Money(500), Money(123456), Money(99)]
print(sorted(ms), max(ms), min(ms), Money(1) <= Money(1), Money(2) > Money(1), str(ms[1]), f"[{ms[0]:>10}]")
print({Money(1): "a"}[Money(1)], Money(1) in [Money(1)], ms.index(Money(99)))


class Base:
    kind = "base"

    def describe(self):
        return f"{self.kind}:{self.name()}"

    def name(self):
        return "B"


class Mid(Base):
    def name(self):
        return "M" + super().name()


class Leaf(Mid):
    kind = "leaf"

    def name(self):
        return "L" + super().name()


print(Leaf().describe(), Mid().describe(), Base.kind, Leaf.kind, isinstance(Leaf(), Base), type(Leaf()) is Leaf)


class MyErr(ValueError):
    def __str__(self):
        return "custom message"


try:
    raise MyErr("ignored")
except ValueError as e:
    print(e, repr(e.args), isinstance(e, Exception))


class Cfg:
    def __init__(self, **kw):
        self.d = kw

    def __getattr__(self, k):
        try:
            return self.d[k]
        except KeyError:
            raise AttributeError(k)


c = Cfg(a=1)
print(c.a, c.d["a"], hasattr(c, "zz"))


class WithDefaultEq:
    pass


p = WithDefaultEq()
print(p == p, p == WithDefaultEq(), len({p, p}))
