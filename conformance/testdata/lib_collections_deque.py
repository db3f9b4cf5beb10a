# collections.deque: both-ended queue with optional maxlen.
from collections import deque
import collections

d = deque([1, 2, 3])
print(d, len(d), bool(d), bool(deque()), deque(), repr(deque()))
d.append(4)
d.appendleft(0)
print(d, d[0], d[-1], d[2])
print(d.pop(), d.popleft(), d)
d.extend([7, 8])
d.extendleft("ab")
print(d)
d.rotate()
print(d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.rotate(0)
d.rotate(100)
print(d, d.count(7), d.count("z"), d.index(7), d.index(8, 1, -1), d.index(2, -7))
d.remove("a")
print(d)
d.reverse()
print(d)
d.insert(1, "i")
d.insert(-1, "j")
d.insert(100, "k")
d.insert(-100, "l")
print(d)
d[0] = "first"
d[-1] = "last"
print(d, d[1])
del d[1]
del d[-1]
print(d)
c = d.copy()
print(c == d, c is d, type(c).__name__)
c.clear()
print(c, d != c)
print(list(d), tuple(d), list(reversed(d)), sorted(deque([3, 1, 2])))
print(2 in deque([1, 2]), 5 in deque([1, 2]), 5 not in deque([1, 2]))
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) == [1, 2], deque([1]) < deque([2]), deque([1, 2]) >= deque([1]))
print(type(d), type(d).__name__, isinstance(d, deque), collections.deque is deque)
print(deque("abc") + deque("de"), deque([1, 2]) * 2, 2 * deque([0]))

m = deque(maxlen=3)
print(m, m.maxlen, deque().maxlen)
for i in range(5):
    m.append(i)
print(m)
m.appendleft(-1)
print(m)
m.extend([10, 11])
print(m)
m.extendleft([20, 21])
print(m)
print(deque(range(10), maxlen=4), deque(range(10), 2), deque(iterable=[1], maxlen=0))
z = deque([1, 2], maxlen=0)
z.append(1)
print(z, len(z))
mm = deque([1, 2], maxlen=2)
mm += [3]
print(mm)
mm *= 2
print(mm)
q = deque()
q += "xy"
print(q)

window = deque(maxlen=3)
total = []
for x in [5, 1, 4, 2, 8]:
    window.append(x)
    total.append(sum(window))
print(total, window)

bfs = deque([("root", 0)])
seen = []
while bfs:
    node, depth = bfs.popleft()
    seen.append((node, depth))
    if depth < 2:
        bfs.extend([(node + ".l", depth + 1), (node + ".r", depth + 1)])
print(seen)

r = deque([1])
r.append(r)
print(r)
big = deque()
for i in range(100):
    big.appendleft(i)
for i in range(50):
    big.pop()
print(len(big), big[0], big[-1], sum(big))
for i in range(60):
    big.append(i)
    big.popleft()
print(len(big), big[0], big[-1])

def err(f):
    try:
        r = f()
        print("ok", r)
    except (IndexError, ValueError, TypeError, RuntimeError, AttributeError) as ex:
        print(type(ex).__name__, ex)

e = deque()
err(lambda: e.pop())
err(lambda: e.popleft())
err(lambda: e[0])
err(lambda: deque([1])[5])
err(lambda: deque([1])["a"])
err(lambda: deque([1, 2])[0:1])
err(lambda: deque([1]).remove(9))
err(lambda: deque([1]).index(9))
err(lambda: deque([1], maxlen=1).insert(0, 2))
err(lambda: deque(maxlen=-1))
err(lambda: deque(maxlen="x"))
err(lambda: deque(1))
err(lambda: deque([], 1, 2))
err(lambda: hash(deque()))
err(lambda: deque().nope)
err(lambda: deque() + [1])
err(lambda: deque([1]).rotate("x"))
def mutate():
    dd = deque([1, 2, 3])
    for x in dd:
        dd.append(x)
err(mutate)
def setmax():
    dd = deque()
    dd.maxlen = 3
err(setmax)
