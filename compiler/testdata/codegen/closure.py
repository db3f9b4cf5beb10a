def outer(n):
    def inner():
        nonlocal n
        n += 1
        return n
    return inner
