def f(xs):
    return [x * 2 for x in xs if x], {k: v for k, v in xs}, sum(x for x in xs)
