# gen.throw and gen.close: the exception is raised where the generator is
# suspended; handlers and finally blocks inside it run.


def counter(log):
    n = 0
    try:
        while True:
            try:
                x = yield n
                log.append(("sent", x))
                n += 1
            except ValueError as e:
                log.append(("caught", str(e)))
                n = 100
    finally:
        log.append("finally")


log = []
g = counter(log)
print(next(g))
print(g.send("a"))
print(g.throw(ValueError("boom")))
print(g.throw(ValueError, "again"))
print(g.throw(ValueError, ("tuple-arg",)))
print(next(g))
g.close()
print(log)
g.close()  # closing twice is fine
try:
    next(g)
except StopIteration:
    print("closed generator is exhausted")


def no_handler():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup ran")


g = no_handler()
next(g)
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))
try:
    next(g)
except StopIteration:
    print("done after throw")

# throw into a generator that has not started: none of its code runs
g = no_handler()
try:
    g.throw(RuntimeError("early"))
except RuntimeError as e:
    print("not started:", e)
print(list(g))


def returns_on_throw():
    try:
        yield 1
    except ZeroDivisionError:
        return "recovered"


g = returns_on_throw()
next(g)
try:
    g.throw(ZeroDivisionError)
except StopIteration as e:
    print("StopIteration value", e.value)


def ignores_exit():
    try:
        yield 1
    except GeneratorExit:
        print("ignoring exit")
    yield 2


g = ignores_exit()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("RuntimeError:", e)


def closer():
    try:
        yield "a"
    except GeneratorExit:
        print("got GeneratorExit")
        raise


g = closer()
next(g)
print(g.close())


def inner():
    try:
        yield "inner-1"
        yield "inner-2"
    except IndexError:
        yield "inner-caught"
    return "inner-result"


def outer():
    r = yield from inner()
    print("inner returned", r)
    yield "outer-after"


g = outer()
print(next(g))
print(g.throw(IndexError))
print(next(g))
print(next(g, "exhausted"))

g = outer()
next(g)
try:
    g.throw(TypeError("through both"))
except TypeError as e:
    print("through both:", e)

try:
    counter([]).throw(42)
except TypeError as e:
    print(e)
try:
    counter([]).throw(ValueError("x"), "y")
except TypeError as e:
    print(e)


# send() while delegating goes to the delegate
def echo():
    got = []
    while len(got) < 3:
        x = yield len(got)
        got.append(x)
    return got


def wrapper():
    r = yield from echo()
    yield ("echo returned", r)


g = wrapper()
print(next(g), g.send("a"), g.send("b"), g.send("c"))


def over_list():
    yield from [1, 2]


g = over_list()
next(g)
try:
    g.send("x")
except AttributeError as e:
    print(e)
