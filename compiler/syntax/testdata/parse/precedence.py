# Precedence and associativity corner cases.
a = not x == y
b = -x ** y
c = x ** -y ** z
d = 2 ** 3 ** 2
e = x - y - z
f = x / y * z // w % v
g = x << y >> z
h = x | y ^ z & w
i = x or y and z or not w
j = x if y else z if w else v
k = lambda: x if y else z
l = [lambda: 1, lambda a: a]
m = x < y == z != w
n = x in y not in z
o = -x.y[z](w)
p = ~-+x
q = (x, y) == (1, 2)
r = x[1:2, ::3, ...]
s = x[y][z]
t = x.y.z
u = (x)(y)
v = a and (b or c)
w = (a and b) or c
y = not (a and b)
z = -(-x)
aa = x * (y + z)
bb = [*a, *b] + [c]
cc = {**a, **b}
dd = f(*a)(**b)
ee = x if (y if z else w) else v
ff = 1 < 2 < 3 < 4
gx = x is not None and y is None
hh = a @ b if x else c
ii = not not not x
jj = x[::]
kk = x[-1:]
ll = (yield_ := 1)
mm = (
    1
    + 2
)
nn = f(a)[b].c(d)
oo = 'a' 'b' 'c'
pp = x if y else (lambda: z)
