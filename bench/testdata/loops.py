# Integer loops: while and for over range with arithmetic.
def bench():
    total = 0
    i = 0
    while i < 100000:
        total += i * i % 7
        i += 1
    for j in range(100000):
        total ^= j
        if j % 3 == 0:
            total -= 1
    return total
