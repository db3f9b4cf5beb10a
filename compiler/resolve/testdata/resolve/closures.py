# Free variables, cells, and pass-through free variables.
def outer(n):
    total = 0
    def middle():
        def inner(k):
            nonlocal total
            total += k * n
            return total
        return inner
    return middle
def counter():
    count = 0
    def inc():
        nonlocal count
        count = count + 1
        return count
    return inc
adder = lambda a: lambda b: a + b
