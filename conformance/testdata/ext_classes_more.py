class A:
    shared = []

    def __init__(self, x):
        self.x = x

    def hello(self):
        return "A" + str(self.x)


class B(A):
    def __init__(self, x):
        super(B, self).__init__(x * 2)

    def hello(self):
        return "B" + super(B, self).hello()


b = B(1)
print(b.hello(), b.x)
a1, a2 = A(1), A(2)
a1.shared.append(1)
print(a2.shared, A.shared is a1.shared)
a1.shared = ["own"]
print(a1.shared, a2.shared, A.shared)


def bad_default(x, acc=[]):
    acc.append(x)
    return acc


print(bad_default(1), bad_default(2))
print(A.hello(b), B.__bases__[0].__name__, B.__mro__[-1].__name__ if hasattr(B, "__mro__") else "object")
l = [1]
l.append(l)
print(l)
d = {"a": 1}
d["self"] = d
print(d)
import json
try:
    json.dumps(l)
except ValueError as e:
    print("ValueError:", e)
print(l == l)
