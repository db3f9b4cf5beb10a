a, b = 1, 2
del (a, b)
x, y = [1], [2]
del [x, y]
try:
    print(a)
except NameError as e:
    print(e)
l = list(range(10))
del l[1:3], l[::3]
print(l)


class O:
    pass


o = O()
o.p = 1
o.q = 2
del o.p
print(hasattr(o, "p"), o.q)


def cell():
    v = 1

    def r():
        return v
    del v
    try:
        return r()
    except NameError as e:
        return str(e)


print(cell())
d = {"a": {"b": 1, "c": 2}}
del d["a"]["b"]
print(d)
try:
    del d["zz"]
except KeyError as e:
    print("KeyError", e)
try:
    del o.nope
except AttributeError as e:
    print("AttributeError", e)


def local_del():
    z = 5
    del z
    try:
        return z
    except UnboundLocalError as e:
        return str(e)


print(local_del())
