# Mixed constructs: delegating generators, handlers in generators, closures, nested try.
def walk(tree):
    if isinstance(tree, list):
        for sub in tree:
            yield from walk(sub)
    else:
        yield tree
print(list(walk([1, [2, [3, 4]], 5])))

def safe_div(pairs):
    for a, b in pairs:
        try:
            yield a // b
        except ZeroDivisionError:
            yield None
            continue
        finally:
            pass
print(list(safe_div([(4, 2), (1, 0), (9, 3)])))

def first_even(xs):
    for x in xs:
        try:
            if x % 2 == 0:
                return x
        finally:
            print("checked", x)
    return None
print(first_even([1, 3, 4, 5]))

def chain(*fs):
    def run(v):
        for f in fs:
            v = f(v)
        return v
    return run
print(chain(lambda v: v + 1, lambda v: v * 10, str)(4))

def kwonly_closure(*, scale=2):
    return lambda v: v * scale
print(kwonly_closure()(5), kwonly_closure(scale=3)(5))

class Stack:
    def __init__(self):
        self.items = []
    def push(self, *vals):
        for v in vals:
            self.items.append(v)
        return self
    def __len__(self):
        return len(self.items)
    def __repr__(self):
        return "Stack(%r)" % (self.items,)
st = Stack().push(1, 2).push(3)
print(st, len(st), bool(st), bool(Stack()))

try:
    raise ValueError("outer") from KeyError("inner")
except ValueError as e:
    print(repr(e), repr(e.__cause__))

def nested_try():
    r = []
    for i in range(3):
        try:
            try:
                if i == 0:
                    raise KeyError("k")
                if i == 1:
                    raise IndexError("i")
                r.append("none")
            except KeyError:
                r.append("key")
                raise IndexError("from key")
        except IndexError as e:
            r.append("index:" + str(e))
    return r
print(nested_try())

t = (1, 2, 3)
x, y, z = t
print(x + y + z, t[::-1], t.index(2), t.count(3))
print(1 if [] else 2, [] or None, (0, 0) and "t")
n = 5
while n:
    n -= 1
    if n == 2:
        break
print(n)
print(abs(-3), divmod(17, 5), pow(2, 10), round(2.675, 2), min(3, 1, 2), max([4, 9]))
