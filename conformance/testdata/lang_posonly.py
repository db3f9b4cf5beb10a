# Positional-only parameters (before "/"): bound only by position; a keyword
# with their name goes to **kwargs or is a TypeError naming every such keyword.


def f(a, b, /, c=1):
    return (a, b, c)


def g(a, /, **kw):
    return (a, sorted(kw.items()))


def h(a, /, b, *, c):
    return a + b + c


class Vec:
    def __init__(self, x, y, /):
        self.x, self.y = x, y

    def scaled(self, k, /, *, offset=0):
        return Vec(self.x * k + offset, self.y * k + offset)


def attempt(label, fn, *args, **kwargs):
    try:
        print(label, fn(*args, **kwargs))
    except TypeError as e:
        print(label, "TypeError:", e)


attempt("positional", f, 1, 2)
attempt("keyword c", f, 1, 2, c=3)
attempt("b by keyword", f, 1, b=2)
attempt("a and b by keyword", f, a=1, b=2)
attempt("missing", f, 1)
attempt("into kwargs", g, 1, a=2, z=3)
attempt("a only by kwargs", g, a=2)
attempt("b by keyword ok", h, 1, b=2, c=3)
attempt("a by keyword", h, a=1, b=2, c=3)
attempt("unexpected", f, 1, 2, d=4)
v = Vec(1, 2).scaled(3, offset=1)
print(v.x, v.y)
attempt("method posonly kw", Vec(1, 2).scaled, k=3)
attempt("init posonly kw", Vec, 1, y=2)
lam = lambda x, /, y=2: x * y
print(lam(3), lam(3, 4), lam(3, y=5))
attempt("lambda", lam, x=3)
