# Set iteration order follows CPython's hash table for ints, floats and
# tuples of them (str hashes are salted per process, so str sets are not
# printed here). Sets are built by add, comprehension and set(list).
s = set()
for i in range(40):
    s.add(i * 7 % 23 - 11)
print(s)

t = set(range(100))
for x in range(90):
    t.discard(x)
print(t)

print(set([(i, i * i) for i in range(12)]))
print({x * 0.5 for x in range(10)})
print({-x for x in range(6)}, {x - 3 for x in range(7)})
print(set([1000, 8, 37, 5, 100]))
print({x * 1000 for x in range(9)})

pts = set()
for x in range(3):
    for y in range(3):
        pts.add((x - 1, y - 1))
print(pts)

big = set()
for i in range(2000):
    big.add(i * 7919 % 10007)
print(list(big)[:12], len(big))

w = set()
w.update([29, 37, 3, 2**40, -2**61, 7])
print(w)
w.clear()
w.add(17)
w.add(1)
print(w)
print({2.5, 2, 1.5, 1, 0.5}, {True, 2, 3.0})
print(hash(1.5), hash((1, 2)), hash(-1), hash(2.0), hash((1, (2.5, -3))))
try:
    hash([1])
except TypeError as e:
    print(e)
