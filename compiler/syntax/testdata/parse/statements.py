# Simple and compound statements.
x = y = 1
a, b = b, a
[c, d] = 1, 2
a, *rest = range(5)
(e, f), g = (1, 2), 3
x += 1; x -= 1; x *= 2; x /= 2; x //= 2; x %= 2; x **= 2
x &= 1; x |= 1; x ^= 1; x <<= 1; x >>= 1
obj.attr = 1
obj[0] = 2
obj.attr += 1
del x, obj[0], obj.attr
del (a, b), [c]
n: int = 3
m: "str"
obj.field: int = 4
pass
if x:
    pass
elif y:
    pass
elif z:
    pass
else:
    pass
while x:
    break
else:
    pass
for i in range(10):
    if i: continue
    break
else:
    pass
for k, v in d.items(): pass
for i, in pairs: pass
try:
    pass
except ValueError:
    pass
except (TypeError, KeyError) as err:
    raise
except:
    raise RuntimeError("x") from err
else:
    pass
finally:
    pass
try:
    pass
finally:
    pass
assert x
assert x, "message"
raise
raise ValueError
if x: a = 1; b = 2
while False: pass
global gg
def f():
    global g1, g2
    yield
    yield 1
    yield 1, 2
    x = yield
    yield from g()
    return
