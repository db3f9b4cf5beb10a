# Dict churn: inserts, lookups with get, iteration and deletion.
def bench():
    d = {}
    for i in range(5000):
        k = "k" + str(i % 1000)
        d[k] = d.get(k, 0) + i
    total = 0
    for k in d:
        total += d[k]
    for i in range(0, 1000, 2):
        d.pop("k" + str(i))
    ints = {}
    for i in range(3000):
        ints[i * 7 % 1024] = i
    return total + len(d) + len(ints)
