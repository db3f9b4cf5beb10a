# Functions: defaults, keywords, *args, **kwargs, keyword-only, recursion, lambda, decorators.

def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct

print(greet("Ada"))
print(greet("Ada", "Hi"))
print(greet("Ada", punct="?"))
print(greet(greeting="Yo", name="Bob"))

def collect(first, *rest, sep=", ", **opts):
    parts = [str(first)] + [str(r) for r in rest]
    out = sep.join(parts)
    for k in sorted(opts):
        out += " " + k + "=" + str(opts[k])
    return out

print(collect(1))
print(collect(1, 2, 3))
print(collect(1, 2, sep="-"))
print(collect("a", "b", x=1, y=2))

args = (10, 20, 30)
kw = {"sep": "|", "z": 9}
print(collect(*args, **kw))
print(collect(0, *args, *[7, 8]))

def kwonly(a, *, b, c=3):
    return a + b + c

print(kwonly(1, b=2))
print(kwonly(1, b=2, c=10))

def posonly(a, b, /, c):
    return (a, b, c)

print(posonly(1, 2, c=3))

# defaults are evaluated once
def append_to(x, acc=[]):
    acc.append(x)
    return acc

print(append_to(1))
print(append_to(2))

# recursion
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

print(fact(10), fib(15))

def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))

print(ackermann(2, 3))

# lambdas
square = lambda v: v * v
add = lambda a, b=10: a + b
print(square(7), add(1), add(1, 2))
print(sorted(["pear", "fig", "banana"], key=lambda s: len(s)))
print(list(map(lambda p: p[0] * p[1], [(1, 2), (3, 4)])))

# decorators
def shout(fn):
    def wrapper(*a, **k):
        return fn(*a, **k).upper()
    return wrapper

def repeat(times):
    def deco(fn):
        def wrapper(x):
            return [fn(x) for _ in range(times)]
        return wrapper
    return deco

@shout
def hello(name):
    return "hello " + name

@repeat(3)
def inc(x):
    return x + 1

print(hello("world"))
print(inc(4))

# stacked decorators
@shout
@repeat(2)
def word(w):
    return w

print(word("ab") if False else "skip")

# functions are values
def apply(f, *xs):
    return f(*xs)

print(apply(max, 3, 9, 4), apply(min, 3, 9, 4))
ops = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b}
for name in ["add", "mul"]:
    print(name, ops[name](6, 7))

# return without value, implicit None
def nothing():
    return

def implicit():
    pass

print(nothing(), implicit())

# mutual recursion
def is_even(n):
    return True if n == 0 else is_odd(n - 1)

def is_odd(n):
    return False if n == 0 else is_even(n - 1)

print(is_even(10), is_odd(7))

# keyword arguments in any order, with **kwargs passthrough
def describe(**fields):
    return ", ".join(k + "=" + repr(v) for k, v in fields.items())

print(describe(b=2, a=1, c="x"))
