# Parameter order: positional-only, positional, *args, keyword-only, **kwargs.
def f(a, b, /, c, d=1, *args, e, f=2, **kw):
    g = a
    return locals
def h(*, key):
    return key
def gen(n):
    i = 0
    while i < n:
        yield i
        i += 1
lam = lambda x, *r, y=0, **k: (x, r, y, k)
