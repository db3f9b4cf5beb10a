# Argument-binding errors raised by direct calls and method calls are
# ordinary TypeErrors: the caller catches them and carries on.
def g(*, a):
    return a

def f(w, x=1):
    return w + x

class C:
    def m(self, x):
        return x

    def n(self, *, k):
        return k

calls = [
    lambda: g(1),
    lambda: f(),
    lambda: f(1, 2, 3),
    lambda: f(1, y=2),
    lambda: C().m(),
    lambda: C().m(1, 2),
    lambda: C().n(1),
    lambda: C.m(C()),
]
for i, call in enumerate(calls):
    try:
        call()
        print(i, "no error")
    except TypeError as e:
        print(i, "TypeError:", e)

# The stack is intact afterwards: nested calls keep working.
total = 0
for i in range(5):
    try:
        f()
    except TypeError:
        total += f(i, i)
print("total", total, [f(k) for k in range(3)])
