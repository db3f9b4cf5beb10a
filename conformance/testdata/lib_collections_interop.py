# collections types with builtins, json, unpacking and type objects.
from collections import deque, defaultdict, Counter, OrderedDict
import json
d = deque([3, 1, 2])
a, b, c = d
print(a, b, c, [*d], sum(d), max(d), min(d), sorted(d), str(d), *d)
print(deque.__name__, defaultdict.__name__, Counter.__name__, OrderedDict.__name__)
print(next(enumerate(d)), list(zip(d, d)), set(d) == {1, 2, 3}, dict.fromkeys(d))
for f in [lambda: json.dumps(d), lambda: json.dumps(defaultdict(int, a=1)), lambda: json.dumps(Counter("ab")),
          lambda: json.dumps(OrderedDict(a=1))]:
    try: print(f())
    except TypeError as e: print(e)
try:
    for x in d:
        d.pop()
except RuntimeError as e: print(e)
dd = defaultdict(list)
print(dd.__class__, dd.__class__.__name__, type(dd) is defaultdict, type(Counter()) is Counter)
print(isinstance(deque(), object), callable(deque), repr(deque))
print(list(map(str, d)), any(d), all(deque()))
print(deque([deque([1])]), deque([[1]]) == deque([[1]]))
print(isinstance(Counter(), defaultdict), issubclass(Counter, dict), issubclass(OrderedDict, dict))
from collections import namedtuple
Pt = namedtuple("Pt", "x y")
print(Pt.__module__, deque.__module__, Counter.__module__, defaultdict.__module__, OrderedDict.__module__)

# More interplay with builtins and dict machinery.
from collections import Counter, OrderedDict, defaultdict, deque, namedtuple
P = namedtuple("P", "x y")
p = P(1, 2)
def tryit(f):
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
tryit(lambda: "{0.x}-{0[1]}".format(p))
tryit(lambda: Counter(a=1) & {"a": 1})
tryit(lambda: Counter(a=1) <= Counter(a=2))
tryit(lambda: defaultdict(int).fromkeys("ab"))
tryit(lambda: type(Counter("ab"))("cd"))
tryit(lambda: dict.get(Counter(a=1), "a"))
tryit(lambda: [k for k in reversed(OrderedDict(a=1, b=2))])
tryit(lambda: OrderedDict(a=1).keys())
tryit(lambda: Counter(a=1).items())
tryit(lambda: max(Counter("aab").items(), key=lambda kv: kv[1]))
tryit(lambda: sorted(Counter("abcab"), key=Counter("abcab").get))
tryit(lambda: {**Counter(a=1), **defaultdict(int, b=2)})
tryit(lambda: dict(**OrderedDict(a=1)))
tryit(lambda: list(deque([1,2,3]))[::-1])
tryit(lambda: len(Counter(a=1).keys()))
tryit(lambda: print(*deque([1, 2]), sep="-"))
tryit(lambda: "%d-%d" % P(3, 4))
tryit(lambda: sum(Counter(a=2, b=3).values()))
tryit(lambda: isinstance(OrderedDict(), dict))
tryit(lambda: dict(Counter(a=1)) == Counter(a=1))
tryit(lambda: Counter(a=0) == {})
tryit(lambda: Counter() == Counter(a=0))
tryit(lambda: type(p)._fields)
for x in [Counter(), defaultdict(), OrderedDict(), deque()]:
    print(type(x).__name__, [n for n in dir(x) if not n.startswith("_")])
