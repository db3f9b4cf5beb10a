# Code-generation edge cases: finally with return/break/continue, nested handlers,
# evaluation order, defaults, class-body scoping, deletion, starred calls.

def f1():
    for i in range(3):
        try:
            try:
                if i == 1:
                    continue
                if i == 2:
                    return "returned at 2"
            finally:
                print("inner finally", i)
        finally:
            print("outer finally", i)
    return "loop done"

print(f1())

def f2():
    try:
        return "try"
    finally:
        return "finally wins"

print(f2())

def f3():
    while True:
        try:
            raise ValueError("swallowed")
        finally:
            break
    return "break swallowed the exception"

print(f3())

def f4(n):
    out = []
    for i in range(n):
        try:
            if i % 2:
                raise KeyError(i)
            out.append(i)
        except KeyError as e:
            out.append(-i)
            if i == 3:
                break
            continue
        else:
            out.append("else")
        finally:
            out.append("f")
    return out

print(f4(6))

def f5():
    try:
        try:
            raise ValueError("inner")
        except ValueError:
            raise TypeError("from handler")
        finally:
            print("f5 inner finally")
    except TypeError as e:
        return "f5 got " + str(e)

print(f5())

def f6():
    try:
        1 / 0
    except ZeroDivisionError:
        try:
            raise
        except ZeroDivisionError as inner:
            return "re-raised inside nested try: " + type(inner).__name__

print(f6())

# evaluation order
log = []
def v(name, value):
    log.append(name)
    return value

d = {}
d[v("key", "k")] = v("value", 1)
print(log)
log.clear()
v("a", [0, 0])[v("i", 1)] = v("rhs", 5)
print(log)
log.clear()
print({v("k1", 1): v("v1", 2), v("k2", 3): v("v2", 4)}, log)
log.clear()
print(v("x", 1) + v("y", 2) * v("z", 3), log)
log.clear()
print(v("l", 1) < v("m", 2) < v("n", 0) < v("o", 9), log)
log.clear()
def kw(a, b, c=0, *, d=0):
    return (a, b, c, d)
print(kw(v("p1", 1), d=v("kd", 4), *[v("star", 2)], c=v("kc", 3)), log)

# defaults bound at definition time, closures at call time
base = 10
def make(k=base):
    return lambda x: x + k + base
add = make()
base = 100
print(add(1), make()(1))

# class body scoping
class C:
    items = [1, 2, 3]
    total = sum(items)
    doubled = [x * 2 for x in items]
    name = "C"
    tmp = 5
    del tmp
    def get(self):
        return self.name

print(C.total, C.doubled, C().get(), hasattr(C, "tmp"))

# nested classes and methods calling each other
class Outer:
    class Inner:
        def hello(self):
            return "inner hello"
    def make(self):
        return self.Inner().hello()

print(Outer().make())

# global and nonlocal in the same program
g = 0
def outer_fn():
    x = 1
    def inner():
        global g
        nonlocal x
        g += 10
        x += 1
        return x
    inner()
    return inner()

print(outer_fn(), g)

# keyword-only arguments with defaults and **kwargs
def opts(a, *rest, flag=False, level=1, **extra):
    return a, rest, flag, level, sorted(extra.items())

print(opts(1))
print(opts(1, 2, 3, level=5, zeta=1, alpha=2))
print(opts(*[1, 2], **{"flag": True}))

# conditional expressions nested and in arguments
def sign(n):
    return "neg" if n < 0 else "zero" if n == 0 else "pos"

print([sign(n) for n in (-2, 0, 3)])

# not / and / or in conditions of if and while
n = 0
while not n >= 3 and (n != 10 or False):
    n += 1
print(n)
if not (n > 5 or n < 0) and not not n:
    print("branch ok")

# augmented assignment evaluates the target once
calls = 0
def idx():
    global calls
    calls += 1
    return 0
arr = [5]
arr[idx()] += 1
print(arr, calls)

# swap through tuples of three
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)

# for-else with nested loops and a flag-free search
for i in range(2, 20):
    for j in range(2, i):
        if i % j == 0:
            break
    else:
        print("prime", i)

# int edge values
print(9223372036854775807, -9223372036854775807 - 1, 2 ** 62, -(2 ** 62) * 2)
