# Core: classes, instances, attributes, inheritance, dunder protocols.

class Vector:
    """A 2-d vector with the arithmetic dunders."""
    dims = 2
    created = 0

    def __init__(self, x=0, y=0):
        self.x = x
        self.y = y
        Vector.created += 1

    def __repr__(self):
        return "Vector(%r, %r)" % (self.x, self.y)

    def __add__(self, other):
        if not isinstance(other, Vector):
            return NotImplemented
        return Vector(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vector(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k)

    def __rmul__(self, k):
        return self * k

    def __neg__(self):
        return Vector(-self.x, -self.y)

    def __eq__(self, other):
        return isinstance(other, Vector) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y)) if False else self.x * 1000003 + self.y

    def __bool__(self):
        return self.x != 0 or self.y != 0

    def __len__(self):
        return 2

    def __getitem__(self, i):
        if i == 0:
            return self.x
        if i == 1:
            return self.y
        raise IndexError("Vector index out of range")

    def __lt__(self, other):
        return self.norm2() < other.norm2()

    def __le__(self, other):
        return self.norm2() <= other.norm2()

    def norm2(self):
        return self.x * self.x + self.y * self.y


a = Vector(1, 2)
b = Vector(3, -1)
print(a, b, a + b, a - b, a * 3, 2 * a, -a)
print(a == Vector(1, 2), a != b, a == (1, 2), bool(Vector()), bool(a))
print(len(a), a[0], a[1], list(a), tuple(b), [c * 2 for c in a])
print(a < b, a <= b, a > b, a >= b, sorted([b, a, Vector(0, 1)]))
print(max([a, b]), min([a, b]))
print({a: "a", b: "b"}[Vector(1, 2)], a in [b, Vector(1, 2)], a in {b})
print(Vector.created, Vector.dims, a.dims, type(a).__name__, type(a) is Vector)
try:
    a + 1
except TypeError as e:
    print("TypeError:", e)
try:
    a[5]
except IndexError as e:
    print("IndexError:", e)

# attribute shadowing and class attributes
class Counter:
    total = 0

    def __init__(self):
        self.count = 0

    def bump(self):
        self.count += 1
        Counter.total += 1
        return self

c1 = Counter()
c2 = Counter()
c1.bump().bump()
c2.bump()
print(c1.count, c2.count, Counter.total, c1.total)
c1.total = 100
print(c1.total, c2.total, Counter.total)
del c1.total
print(c1.total)

# inheritance chains and super()
class Base:
    kind = "base"

    def __init__(self, name):
        self.name = name
        self.log = ["Base.__init__"]

    def describe(self):
        return "%s(%s)" % (self.kind, self.name)

    def greet(self):
        return "hello from " + self.describe()


class Middle(Base):
    kind = "middle"

    def __init__(self, name, level):
        super().__init__(name)
        self.level = level
        self.log.append("Middle.__init__")

    def describe(self):
        return super().describe() + "@" + str(self.level)


class Leaf(Middle):
    def __init__(self, name):
        super().__init__(name, 3)
        self.log.append("Leaf.__init__")

    def greet(self):
        return super().greet().upper()


leaf = Leaf("x")
print(leaf.describe(), leaf.greet(), leaf.log, leaf.kind)
print(isinstance(leaf, Base), isinstance(leaf, Middle), isinstance(Base("y"), Leaf))
print(issubclass(Leaf, Base), issubclass(Base, Leaf), issubclass(Leaf, (int, Middle)))
print(isinstance(3, int), isinstance(True, int), isinstance(3, (str, float)), isinstance("s", str))
print(isinstance([], list), isinstance({}, dict), isinstance((), tuple), isinstance(None, object))

# methods are bound on access
m = leaf.describe
print(m(), Leaf.describe(leaf))
fns = [leaf.greet, Base("z").greet]
print([f() for f in fns])

# __str__ versus __repr__
class Both:
    def __str__(self):
        return "str-form"

    def __repr__(self):
        return "repr-form"

class ReprOnly:
    def __repr__(self):
        return "<ReprOnly>"

print(Both(), str(Both()), repr(Both()), [Both()], ReprOnly(), str(ReprOnly()), f"{Both()} {Both()!r}")

# containers protocol
class Bag:
    def __init__(self):
        self.items = {}

    def __setitem__(self, key, value):
        self.items[key] = value

    def __getitem__(self, key):
        return self.items[key]

    def __delitem__(self, key):
        del self.items[key]

    def __contains__(self, key):
        return key in self.items

    def __len__(self):
        return len(self.items)

    def __iter__(self):
        return BagIter(sorted(self.items))


class BagIter:
    def __init__(self, keys):
        self.keys = keys
        self.pos = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.pos == len(self.keys):
            raise StopIteration
        self.pos += 1
        return self.keys[self.pos - 1]


bag = Bag()
bag["b"] = 2
bag["a"] = 1
bag["c"] = 3
del bag["c"]
print(len(bag), "a" in bag, "c" in bag, bag["b"], list(bag), [k + "!" for k in bag])
for key in bag:
    print("key", key, bag[key])
try:
    bag["zz"]
except KeyError as e:
    print("KeyError", e)

# callable objects
class Multiplier:
    def __init__(self, k):
        self.k = k

    def __call__(self, x, y=1):
        return self.k * x * y

double = Multiplier(2)
print(double(5), double(5, y=3), list(map(double, [1, 2, 3])))

# class attributes holding functions and data, modified after creation
class Config:
    defaults = {"retries": 3}
    names = []

Config.names.append("first")
Config.timeout = 30
cfg = Config()
print(cfg.defaults["retries"], cfg.names, cfg.timeout, Config.timeout)

# objects compared by identity by default
class Plain:
    pass

p1 = Plain()
p2 = Plain()
print(p1 == p1, p1 == p2, p1 != p2, p1 is p1, p1 is p2, p1 in [p2, p1])
p1.value = 10
print(p1.value)
try:
    p2.value
except AttributeError as e:
    print("AttributeError:", e)
try:
    Plain.missing
except AttributeError as e:
    print("AttributeError:", e)

# __eq__ without __hash__ makes instances unhashable
class OnlyEq:
    def __eq__(self, other):
        return True

try:
    {OnlyEq(): 1}
except TypeError as e:
    print("TypeError:", e)
print(OnlyEq() == 5, OnlyEq() != 5)

# reflected comparisons
class Num:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return self.v < (other.v if isinstance(other, Num) else other)

    def __gt__(self, other):
        return self.v > (other.v if isinstance(other, Num) else other)

print(Num(1) < Num(2), Num(3) < 2, 5 > Num(4), 0 > Num(1), Num(2) > Num(1))
print(sorted([Num(3), Num(1), Num(2)], key=lambda n: n.v)[0].v)

# Descriptors: property (with setter), staticmethod, classmethod.
class Temp:
    unit = "C"
    count = 0
    def __init__(self, c):
        self._c = c
        Temp.count += 1
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @staticmethod
    def parse(s):
        return Temp(float(s.rstrip("C")))
    @classmethod
    def zero(cls):
        return cls(0)
    @classmethod
    def made(cls):
        return cls.count
class Sub(Temp):
    unit = "K"
t = Temp.parse("21.5C")
print(t.celsius, t.fahrenheit, Temp.zero().celsius, Sub.zero().unit, type(Sub.zero()).__name__, t.made(), Temp.made())
t.celsius = 30
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -500
except ValueError as e:
    print("ValueError:", e)
try:
    t.fahrenheit = 1
except AttributeError as e:
    print("AttributeError:", e)
print(t.parse("1C").celsius, Sub.parse("2C").celsius)
