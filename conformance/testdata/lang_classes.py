# Classes: __init__, methods, inheritance, super(), class attributes, dunders.

class Point:
    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(" + repr(self.x) + ", " + repr(self.y) + ")"

    def __str__(self):
        return "(" + str(self.x) + ", " + str(self.y) + ")"

    def __eq__(self, other):
        return isinstance(other, Point) and self.x == other.x and self.y == other.y

    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)

    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)

    def norm2(self):
        return self.x * self.x + self.y * self.y

p = Point(3, 4)
q = Point(1, 2)
print(p, repr(p), p.norm2(), Point.dims, p.dims)
print(p == Point(3, 4), p != q, p == 5)
print(sorted([p, q, Point(0, 9)]))
print(p + q)
print([str(pt) for pt in [p, q]])
print(f"{p} and {q!r}")

class Animal:
    sound = "..."

    def __init__(self, name):
        self.name = name

    def speak(self):
        return self.name + " says " + self.sound

    def kind(self):
        return "animal"

class Dog(Animal):
    sound = "woof"

    def __init__(self, name, tricks):
        super().__init__(name)
        self.tricks = tricks

    def kind(self):
        return "dog, an " + super().kind()

class Puppy(Dog):
    def speak(self):
        return super().speak() + " (tiny)"

d = Dog("Rex", ["sit"])
pp = Puppy("Bit", [])
print(d.speak(), "|", d.kind(), "|", d.tricks)
print(pp.speak(), "|", pp.kind())
print(isinstance(pp, Animal), isinstance(d, Puppy), type(pp).__name__)
print(issubclass(Puppy, Animal), issubclass(Animal, Dog))

# class attributes shared vs instance attributes
class Counter:
    instances = 0

    def __init__(self):
        Counter.instances += 1
        self.count = 0

    def tick(self):
        self.count += 1
        return self

c1 = Counter()
c2 = Counter()
c1.tick().tick()
print(Counter.instances, c1.count, c2.count)

# container dunders
class Window:
    def __init__(self, samples):
        self.samples = list(samples)

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, i):
        return self.samples[i]

    def __iter__(self):
        return iter(self.samples)

    def __contains__(self, v):
        return v in self.samples

w = Window([3, 1, 4, 1, 5])
print(len(w), w[2], w[-1], 4 in w, 9 in w, list(w), sum(w), max(w))
for s in w:
    if s > 3:
        print("big sample", s)

# hasattr/getattr/setattr-like behaviour
print(hasattr(w, "samples"), hasattr(w, "nope"), getattr(w, "nope", "fallback"))
try:
    w.nope
except AttributeError as e:
    print("AttributeError:", e)

# methods as bound values
tick = c2.tick
tick()
tick()
print(c2.count)

# class with __str__ only: repr falls back to default, str uses __str__
class Temp:
    def __init__(self, c):
        self.c = c

    def __str__(self):
        return f"{self.c:.1f}C"

print(str(Temp(21.456)), [str(Temp(t)) for t in (0, 100)])

# state machine as a class
class Door:
    transitions = {("closed", "open"): "opened", ("opened", "close"): "closed",
                   ("closed", "lock"): "locked", ("locked", "unlock"): "closed"}

    def __init__(self):
        self.state = "closed"
        self.history = []

    def handle(self, event):
        key = (self.state, event)
        if key not in self.transitions:
            self.history.append("ignored " + event)
            return False
        self.state = self.transitions[key]
        self.history.append(self.state)
        return True

door = Door()
for ev in ["open", "lock", "close", "lock", "open", "unlock"]:
    door.handle(ev)
print(door.state, door.history)

# __eq__ without __hash__ and classes in dicts by identity
class Key:
    pass

k1, k2 = Key(), Key()
reg = {k1: "one", k2: "two"}
print(reg[k1], reg[k2], len(reg))
