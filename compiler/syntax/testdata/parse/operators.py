# Operators, precedence, comparisons, boolean logic, conditionals.
a = 1 + 2 * 3 - 4 / 5 // 6 % 7 ** 8
b = -2 ** -1
c = (1 | 2) ^ 3 & 4 << 5 >> 6
d = a < b <= c > a >= b == c != a
e = a in b, a not in b, a is b, a is not b
f = not a and b or not c
g = a if b else c if d else e
h = x[1], x[1:2], x[::2], x[1:2:3], x[:], x[a, b], x[1:, :2]
i = x.y.z(1)(2)[3].w
j = lambda: 0
k = lambda x, y=1, *a, z, **kw: x
l = (1,), (), (1, 2), [], [1, *b, 2], {1, *b}, {}, {1: 2, **d}
m = a @ b
def n(): return (yield)
o = [*a, *b]
p = f(*a, *b, c=1, **d, e=2, **f)
q = f(a)(b)
r = a if (b := 1) else c
s = not not a
t = a < b < c
u = (a
     + b)
v = x[1,]
