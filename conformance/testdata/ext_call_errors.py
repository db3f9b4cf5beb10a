# Argument-binding errors of direct calls are ordinary, catchable TypeErrors.
def kwonly(*, a, b=2):
    return a + b


def one(x):
    return x


class C:
    def m(self, x, *, k=1):
        return x


for label, f in [("kwonly", lambda: kwonly(1)), ("missing", lambda: one()), ("extra", lambda: one(1, 2)),
                 ("unexpected", lambda: one(y=1)), ("method", lambda: C().m()), ("method kw", lambda: C().m(1, z=2)),
                 ("multiple", lambda: one(1, x=2))]:
    try:
        f()
    except TypeError as e:
        print(label, "->", e)
total = 0
for i in range(3):
    try:
        total += one(i, i)
    except TypeError:
        total += 10
print(total)
# The OSError family that network code catches.
for exc in [ConnectionResetError("reset"), BrokenPipeError("pipe"), FileNotFoundError("nf"), PermissionError("perm")]:
    try:
        raise exc
    except ConnectionError as e:
        print("connection:", type(e).__name__, e)
    except OSError as e:
        print("os:", type(e).__name__, e)
print(IOError is OSError, issubclass(TimeoutError, OSError), issubclass(ConnectionRefusedError, ConnectionError))


# A generator's return value reaches the StopIteration that ends it.
def averager():
    total, n = 0, 0
    while True:
        v = yield
        if v is None:
            return total / n if n else None
        total += v
        n += 1


a = averager()
next(a)
for v in [10, 20, 60]:
    a.send(v)
try:
    a.send(None)
except StopIteration as e:
    print("average", e.value, e.args)
