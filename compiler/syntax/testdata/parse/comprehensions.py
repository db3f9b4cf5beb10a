# Comprehensions and generator expressions.
a = [x for x in xs]
b = [x * y for x in xs if x for y in ys if y if x != y]
c = {x for x in xs}
d = {k: v for k, v in items}
e = (x for x in xs)
f = sum(x * x for x in xs)
g = [[y for y in row] for row in grid]
h = [x for x, in pairs]
i = [(x, y) for x in range(3) for y in range(x)]
k = [x for x in (1, 2) if x if not x]
l = [lambda: x for x in xs]
