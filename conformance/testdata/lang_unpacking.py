# Unpacking, starred targets, slicing with steps, augmented assignment, del.

a, b = 1, 2
a, b = b, a
print(a, b)

x, y, z = "xyz"
print(x, y, z)

x, y, z = z, x, y
print(x, y, z)

first, *middle, last = [1, 2, 3, 4, 5]
print(first, middle, last)

*init, tail = (10, 20, 30)
print(init, tail)

head, *rest = "hello"
print(head, rest)

(p, q), r = (1, 2), 3
print(p, q, r)

[m, n] = [7, 8]
print(m, n)

for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print(i, k, v)

one, *empty, two = [1, 2]
print(one, empty, two)

try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)

try:
    a, b, c = [1, 2]
except ValueError as e:
    print("ValueError:", e)

try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError:", e)

# chained assignment
u = v = w = [0]
u.append(1)
print(u, v, w, u is w)

# slicing
s = list(range(10))
print(s[2:5], s[:3], s[7:], s[-3:], s[::2], s[::-1], s[1:8:3], s[8:1:-2])
print("abcdef"[1:4], "abcdef"[::-1], "abcdef"[-2:], (1, 2, 3, 4)[1::2])
print(s[100:], s[-100:2], s[5:2])

# slice assignment and deletion
t = [0, 1, 2, 3, 4, 5]
t[1:3] = ["a", "b", "c"]
print(t)
del t[::2]
print(t)
t[:] = []
print(t)

# augmented assignment on names, attributes and subscripts
n = 5
n += 3
n -= 1
n *= 4
n //= 3
n %= 5
n **= 3
n <<= 2
n >>= 1
n |= 1
n &= 0xFF
n ^= 0b1010
print(n)

f = 7.5
f /= 2
print(f)

lst = [1, 2]
alias = lst
lst += [3]
print(lst, alias, lst is alias)

tup = (1, 2)
tup2 = tup
tup += (3,)
print(tup, tup2)

d = {"k": 1}
d["k"] += 10
d.setdefault("m", []).append(5)
print(d)

class Box:
    pass

bx = Box()
bx.val = 3
bx.val *= 7
print(bx.val)

grid = [[0] * 3 for _ in range(2)]
grid[1][2] += 9
print(grid)

# del of names, items, attributes
name = 1
del name
try:
    print(name)
except NameError as e:
    print("NameError:", e)

dd = {"a": 1, "b": 2}
del dd["a"]
print(dd)
del bx.val
print(hasattr(bx, "val"))

# starred in displays
nums = [1, 2]
print([*nums, 3, *nums], (*nums,), {**{"a": 1}, "b": 2, **{"a": 3}})

# string multiplication and list repetition
print("ab" * 3, [0, 1] * 2, 3 * (1,))

# nested unpacking in for
for (a, b), c in [((1, 2), 3), ((4, 5), 6)]:
    print(a + b + c)
