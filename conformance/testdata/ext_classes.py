class Reading:
    count = 0

    def __init__(self, sensor, value, unit="C"):
        self.sensor = sensor
        self.value = value
        self.unit = unit
        Reading.count += 1

    def __repr__(self):
        return f"Reading({self.sensor!r}, {self.value!r})"

    def __str__(self):
        return f"{self.sensor}={self.value}{self.unit}"

    def __eq__(self, other):
        return isinstance(other, Reading) and (self.sensor, self.value) == (other.sensor, other.value)

    def __lt__(self, other):
        return self.value < other.value

    def __hash__(self):
        return hash((self.sensor, self.value))


class Humidity(Reading):
    def __init__(self, sensor, value):
        super().__init__(sensor, value, "%")

    def __str__(self):
        return "H:" + super().__str__()


class Window:
    def __init__(self, items):
        self._items = list(items)

    def __len__(self):
        return len(self._items)

    def __getitem__(self, i):
        return self._items[i]

    def __iter__(self):
        return iter(self._items)

    def __contains__(self, x):
        return x in self._items

    def __bool__(self):
        return bool(self._items)


rs = [Reading("t1", 21.5), Reading("t2", 19.0), Humidity("h1", 55), Reading("t1", 21.5)]
print(rs)
print([str(r) for r in rs])
print(sorted(rs), min(rs), max(rs))
print(rs[0] == rs[3], rs[0] == rs[1], rs[0] != rs[1], rs[0] is rs[3])
print(Reading.count, isinstance(rs[2], Reading), isinstance(rs[0], Humidity), type(rs[2]).__name__)
print(issubclass(Humidity, Reading), hasattr(rs[0], "unit"), getattr(rs[0], "nope", "dflt"))
w = Window(rs)
print(len(w), w[1], rs[2] in w, Reading("zz", 0) in w, bool(w), bool(Window([])))
print([str(r) for r in w], list(w)[:2])
print(len({rs[0], rs[3], rs[1]}))
setattr(rs[0], "extra", 5)
print(rs[0].extra, rs[0].__class__.__name__)


class Counter:
    def __init__(self):
        self.n = 0

    def inc(self, by=1):
        self.n += by
        return self

    @staticmethod
    def zero():
        return 0

    @classmethod
    def make(cls):
        return cls()

    @property
    def double(self):
        return self.n * 2


c = Counter().inc().inc(5)
print(c.n, c.double, Counter.zero(), type(Counter.make()).__name__)


class Node:
    def __init__(self, v, nxt=None):
        self.v, self.nxt = v, nxt


head = None
for i in range(5):
    head = Node(i, head)
vals = []
while head:
    vals.append(head.v)
    head = head.nxt
print(vals)


class StateMachine:
    transitions = {("idle", "start"): "running", ("running", "stop"): "idle", ("running", "fail"): "error"}

    def __init__(self):
        self.state = "idle"
        self.history = []

    def fire(self, ev):
        key = (self.state, ev)
        if key not in self.transitions:
            raise ValueError(f"bad transition {ev!r} from {self.state}")
        self.history.append(self.state)
        self.state = self.transitions[key]


sm = StateMachine()
for ev in ["start", "stop", "start", "fail", "start"]:
    try:
        sm.fire(ev)
    except ValueError as e:
        print("error:", e)
print(sm.state, sm.history)
print(str(ValueError("x")), repr(ValueError("x")), repr(KeyError("k")), str(KeyError("k")))
