def g(xs):
    yield 1
    x = yield
    yield from xs
    return x
