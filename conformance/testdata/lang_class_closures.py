# Classes defined in functions (closures through class bodies), dunder ordering.
def factory(prefix):
    class Greeter:
        tag = prefix.upper()
        def greet(self, name):
            return prefix + " " + name + " " + self.tag
    return Greeter

G = factory("hi")
print(G().greet("bob"), G.tag)

def counter_class():
    count = 0
    class K:
        def bump(self):
            nonlocal count
            count += 1
            return count
    return K()

k = counter_class()
k.bump()
print(k.bump())

class Base:
    registry = []
    def __init__(self, v):
        self.v = v
        Base.registry.append(v)
    def __eq__(self, other):
        return type(self) is type(other) and self.v == other.v
    def __lt__(self, other):
        return self.v < other.v
    def __str__(self):
        return "<%s %s>" % (type(self).__name__, self.v)

class Derived(Base):
    def __init__(self, v, w=0):
        super().__init__(v * 2)
        self.w = w

items = [Derived(3), Base(1), Derived(1, w=5)]
print([str(i) for i in sorted(items)], Base.registry, Derived(1) == Derived(1), Derived(1) == Base(2))
print(isinstance(items[0], Base), type(items[1]).__name__)
