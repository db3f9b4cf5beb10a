# Sorting: ints, reverse, strings, and a key function.
def bench():
    xs = []
    seed = 12345
    for i in range(5000):
        seed = (seed * 75 + 74) % 65537
        xs.append(seed)
    a = sorted(xs)
    b = sorted(xs, reverse=True)
    c = sorted([str(x) for x in xs[:1000]])
    d = sorted(xs[:2000], key=lambda x: -x)
    return a[0] + b[0] + len(c) + d[0]
