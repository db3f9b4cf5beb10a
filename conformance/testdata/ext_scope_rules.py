class K:
    v = [1, 2]
    try:
        w = [(x, y) for x in range(2) for y in v]
    except NameError as e:
        w = str(e)
    z = [v for _ in range(1)] if False else None
print(K.w)
class Init:
    def __init__(self):
        return 5
try:
    Init()
except TypeError as e:
    print("TypeError:", e)
def g():
    yield from range(3)
    return 9
print(max(*g()), list(zip(*[g(), g()])))
