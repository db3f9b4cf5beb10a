# functools (reduce, partial, wraps, lru_cache, cache) and function attributes.
import functools
from functools import reduce, partial, wraps, lru_cache, cache

print(reduce(lambda a, b: a * b, range(1, 6)), reduce(lambda a, b: a + b, [], 10), reduce(max, [3, 9, 2]))
try:
    reduce(lambda a, b: a, [])
except TypeError as e:
    print(e)
pow2 = partial(pow, 2)
print(pow2(10), pow2.args, pow2.keywords, pow2.func is pow)
def greet(greeting, name, punct="!"):
    return f"{greeting}, {name}{punct}"
hello = partial(greet, "Hello", punct="?")
print(hello("Ann"), hello("Bob", punct="."), partial(hello, "Cy")())

def logged(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        """wrapper doc"""
        print("calling", fn.__name__)
        return fn(*args, **kwargs)
    return wrapper

@logged
def add(a, b):
    """Add two numbers."""
    return a + b

print(add(2, 3), add.__name__, add.__wrapped__(1, 1))

@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info().hits, fib.cache_info().misses, fib.__name__)

@cache
def sq(x):
    print("computing", x)
    return x * x
print(sq(4), sq(4), sq(x=4), sq(x=4))

@lru_cache(maxsize=2)
def ident(x):
    print("miss", x)
    return x
for v in [1, 2, 1, 3, 2, 1]:
    ident(v)
info = ident.cache_info()
print(info.hits, info.misses, info.maxsize, info.currsize)
ident.cache_clear()
print(ident.cache_info().currsize)

@lru_cache
def plain(x):
    return -x
print(plain(3), plain(3), plain.cache_info().hits)

def tagged(f):
    f.tag = "yes"
    return f
@tagged
def t():
    pass
print(t.tag, t.__dict__, getattr(t, "missing", None))
t.__name__ = "renamed"
print(t.__name__)
del t.tag
print(hasattr(t, "tag"))
try:
    t.__name__ = 5
except TypeError as e:
    print(e)
