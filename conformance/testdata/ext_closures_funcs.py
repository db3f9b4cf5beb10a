import math
import time


def make_counter(start=0):
    count = start

    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc


c = make_counter(10)
print(c(), c(5), c())
TOTAL = 0


def add_total(x):
    global TOTAL
    TOTAL += x


for i in range(4):
    add_total(i)
print(TOTAL)


def log_calls(fn):
    def wrapper(*args, **kwargs):
        print("call", fn.__name__, args, sorted(kwargs.items()))
        return fn(*args, **kwargs)
    return wrapper


def retry(times):
    def deco(fn):
        def wrapped(*a):
            for k in range(times):
                try:
                    return fn(*a)
                except ValueError as e:
                    print("attempt", k, "failed:", e)
            return None
        return wrapped
    return deco


@log_calls
def area(w, h=1, *, unit="m"):
    return f"{w * h}{unit}2"


state = {"n": 0}


@retry(3)
def flaky(x):
    state["n"] += 1
    if state["n"] < 3:
        raise ValueError("not yet")
    return x * 2


print(area(3, 4, unit="cm"), area(2))
print(flaky(21))


def varargs(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)


print(varargs(1, c=3), varargs(1, 2, 3, 4, c=5, e=6), varargs(*[1, 2], **{"c": 0, "z": 1}))
adders = [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in adders])
late = [lambda: i for i in range(3)]
print([f() for f in late])
compose = lambda f, g: lambda x: f(g(x))
print(compose(str, abs)(-5), (lambda *a, **k: (a, k))(1, x=2))


def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


def hanoi(n, a="A", b="B", c="C", moves=None):
    if moves is None:
        moves = []
    if n:
        hanoi(n - 1, a, c, b, moves)
        moves.append(a + c)
        hanoi(n - 1, b, a, c, moves)
    return moves


print(fact(20), len(hanoi(6)), hanoi(2))
print(math.pi, math.e, math.sqrt(2), math.floor(-2.5), math.ceil(2.1), math.fabs(-1), math.pow(2, 8), math.log(100, 10), math.log10(1000), math.log2(8), math.exp(1))
print(math.sin(0), math.cos(0), round(math.atan2(1, 1), 6), math.hypot(3, 4), math.isnan(float("nan")), math.isinf(math.inf), math.trunc(-3.7), math.gcd(12, 18), math.factorial(10), math.radians(180), math.degrees(math.pi))
print(math.isclose(0.1 + 0.2, 0.3), math.copysign(3, -0.0), math.fsum([0.1] * 10), math.floor(7), type(math.floor(2.5)).__name__, math.inf, -math.inf, math.nan)
t0 = time.time()
m0 = time.monotonic()
time.sleep(0.01)
print(time.time() >= t0, time.monotonic() >= m0, type(time.time()).__name__)


def outer():
    x = "outer"

    def mid():
        def inner():
            return x
        return inner()
    x = "changed"
    return mid()


print(outer())


def kwonly(*, a, b=2):
    return a + b


print(kwonly(a=1), kwonly(b=3, a=1))
try:
    kwonly(*[1])
except TypeError as e:
    print("TypeError:", e)
try:
    area(*())
except TypeError as e:
    print("TypeError:", e)
print((lambda: None)() is None, callable(len), callable(1))
