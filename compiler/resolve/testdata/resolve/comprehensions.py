# Comprehensions are function scopes; the first iterable is evaluated outside.
def f(xs, k):
    a = [x * k for x in xs if x]
    b = {x: y for x in xs for y in range(x)}
    c = sum(x for x in xs)
    d = [[x + y for y in xs] for x in xs]
    return a, b, c, d
class C:
    vals = [1, 2]
    doubled = [v * 2 for v in vals]
top = {n for n in range(3)}
