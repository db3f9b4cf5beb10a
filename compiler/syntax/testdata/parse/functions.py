# Definitions: parameters of every kind, decorators, annotations, closures.
def f(): pass
def g(a, b): return a + b
def h(a, b=1, *args, c, d=2, **kwargs): pass
def p(a, b, /, c, *, d): pass
def q(a=1, /, b=2): pass
def r(*args): pass
def s(**kwargs): pass
def t(*, a, b=1): pass
def u(a: int, b: "str" = "x", *c: int, d: float, **e: dict) -> bool:
    return True
@decorator
def v(): pass
@decorator(arg=1)
@module.attr
@(lambda fn: fn)
def w(): pass
def outer():
    n = 0
    def inner():
        nonlocal n
        n += 1
        return n
    return inner
def gen(n):
    for i in range(n):
        yield i
def trailing(a, b,): pass
def kwtrail(*, a,): pass
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
call(a, b, *c, d=1, **e)
call(x for x in y)
call(a,)
