# Closures and scoping: local/global/nonlocal/free/cell variables.

counter_total = 0

def make_counter(start=0):
    count = start
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc

c1 = make_counter()
c2 = make_counter(100)
print(c1(), c1(), c1(5), c2(), c1())

def bump():
    global counter_total
    counter_total += 1

for _ in range(4):
    bump()
print("counter_total", counter_total)

# closures capture variables, not values
def make_adders():
    adders = []
    for i in range(3):
        adders.append(lambda x, i=i: x + i)
    return adders

print([f(10) for f in make_adders()])

def late_binding():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [f() for f in fs]

print(late_binding())

# nested closures three levels deep
def outer(a):
    def middle(b):
        def inner(c):
            return a + b + c
        return inner
    return middle

print(outer(1)(2)(3))

# a parameter captured by an inner function
def captured_param(x):
    def get():
        return x
    x = x * 2
    return get()

print(captured_param(21))

# nonlocal modified by several closures
def account(balance):
    def deposit(n):
        nonlocal balance
        balance += n
        return balance
    def withdraw(n):
        nonlocal balance
        if n > balance:
            return "insufficient"
        balance -= n
        return balance
    return deposit, withdraw

dep, wd = account(50)
print(dep(25), wd(100), wd(30), dep(5))

# globals read inside functions, shadowing
x = "global x"
def read_global():
    return x

def shadow():
    x = "local x"
    return x

print(read_global(), shadow(), x)

# UnboundLocalError
def unbound():
    try:
        print(y_local)
        y_local = 1
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)

unbound()

# NameError
try:
    print(undefined_name_here)
except NameError as e:
    print("NameError:", e)

# closure over loop variable in comprehension scope
mult = [lambda v, k=k: v * k for k in range(1, 4)]
print([m(2) for m in mult])

# comprehension variables do not leak
k = "outer k"
squares = [k * k for k in range(4)]
print(squares, k)

# class scope is not visible to methods
class Config:
    level = 3
    def get(self):
        return self.level
    doubled = level * 2

print(Config().get(), Config.doubled)

# memoising closure
def memo(fn):
    cache = {}
    def wrapped(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return wrapped

@memo
def slow_fib(n):
    return n if n < 2 else slow_fib(n - 1) + slow_fib(n - 2)

print(slow_fib(60))

# generator closure
def gen_counter(limit):
    state = {"n": 0}
    def step():
        state["n"] += 1
        return state["n"] <= limit
    return step

s = gen_counter(2)
print(s(), s(), s())
