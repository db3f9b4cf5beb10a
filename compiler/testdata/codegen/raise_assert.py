def f(x):
    assert x, "msg"
    try:
        pass
    except E:
        raise
    raise V("a") from None
