# Core: the exception hierarchy, args/str/repr, handlers, finally, chaining.

def show(e):
    print(type(e).__name__, "|", str(e), "|", repr(e), "|", e.args)

# built-in exceptions raised by the VM, caught by their base classes
nothing = None
actions = [
    lambda: 1 // 0,
    lambda: 1.0 / 0,
    lambda: 7 % 0,
    lambda: [1, 2, 3][10],
    lambda: (1,)[-2],
    lambda: "abc"[5],
    lambda: {"a": 1}["b"],
    lambda: {(1, 2): 3}[(2, 1)],
    lambda: undefined_variable,
    lambda: int.missing_attr,
    lambda: (5).missing_attr,
    lambda: "x" + 5,
    lambda: 5 + "x",
    lambda: [] < 5,
    lambda: {[1]: 2},
    lambda: nothing(),
    lambda: len(5),
    lambda: [x for x in 10],
    lambda: (lambda a, b: a)(1),
    lambda: (lambda a: a)(1, 2),
    lambda: (lambda a: a)(b=2),
    lambda: (lambda *, k: k)(),
    lambda: 1 << -3,
    lambda: 0 ** -2,
]
for act in actions:
    try:
        act()
        print("no error")
    except ArithmeticError as e:
        print("arith", end=" ")
        show(e)
    except LookupError as e:
        print("lookup", end=" ")
        show(e)
    except Exception as e:
        print("other", end=" ")
        show(e)

# constructing exceptions directly
for e in [ValueError(), ValueError("one"), ValueError("a", 2), KeyError("k"), KeyError(3),
          KeyError(), IndexError("i"), RuntimeError("r"), NotImplementedError("todo"),
          AssertionError(), StopIteration(5), ZeroDivisionError("z")]:
    show(e)

# hierarchy
pairs = [(ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError),
         (KeyError, LookupError), (IndexError, LookupError), (UnboundLocalError, NameError),
         (RecursionError, RuntimeError), (NotImplementedError, RuntimeError),
         (ModuleNotFoundError, ImportError), (Exception, BaseException),
         (KeyboardInterrupt, Exception), (KeyboardInterrupt, BaseException),
         (ValueError, LookupError), (MemoryError, Exception), (StopIteration, Exception)]
print([issubclass(a, b) for a, b in pairs])

# user exception classes
class AppError(Exception):
    pass

class InputError(AppError):
    def __init__(self, field, reason):
        super().__init__(field + ": " + reason)
        self.field = field
        self.reason = reason

class Quiet(AppError):
    def __str__(self):
        return "quiet!"

for exc in [AppError("plain"), InputError("age", "negative"), Quiet("x", "y")]:
    try:
        raise exc
    except AppError as e:
        show(e)
        print(isinstance(e, InputError), getattr(e, "field", None) if False else type(e) is InputError)

try:
    raise InputError("name", "empty")
except (ValueError, InputError) as e:
    print("tuple match", e.field, e.reason)

try:
    raise AppError
except AppError as e:
    print("class raised", repr(e), e.args)

# else / finally ordering, return and break through finally
log = []

def attempt(n):
    try:
        log.append("try %d" % n)
        if n == 1:
            raise ValueError("one")
        if n == 2:
            return "returned"
    except ValueError:
        log.append("except")
        return "handled"
    else:
        log.append("else")
    finally:
        log.append("finally %d" % n)
    return "fell through"

print([attempt(n) for n in range(3)])
print(log)

def loop_with_finally():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f%d" % i)
    return out

print(loop_with_finally())

def finally_overrides():
    try:
        return 1
    finally:
        print("finally runs before the return value is used")

print(finally_overrides())

def nested():
    try:
        try:
            raise KeyError("inner")
        finally:
            print("inner finally")
    except KeyError as e:
        print("outer caught", e)
        return "done"

print(nested())

# re-raise and chaining
def reraiser():
    try:
        {}["missing"]
    except KeyError:
        print("logging, then re-raising")
        raise

try:
    reraiser()
except KeyError as e:
    print("got", repr(e))

try:
    try:
        int("x") if False else [][0]
    except IndexError as e:
        raise ValueError("converted") from e
except ValueError as e:
    print(e, "caused by", type(e.__cause__).__name__, e.__cause__)

try:
    try:
        raise TypeError("first")
    except TypeError:
        raise ValueError("second")
except ValueError as e:
    print(e, "context:", type(e.__context__).__name__, e.__cause__)

try:
    raise ValueError("no cause") from None
except ValueError as e:
    print(e, e.__cause__)

# the exception variable is unbound after the handler
try:
    raise ValueError("temp")
except ValueError as err:
    pass
try:
    print(err)
except NameError as e:
    print("NameError:", e)

# exceptions across function frames
def level3(x):
    return 10 / x

def level2(x):
    return level3(x) + 1

def level1(x):
    try:
        return level2(x)
    except ZeroDivisionError:
        return "zero"

print(level1(2), level1(0))

# StopIteration from a user iterator ends a for loop
class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n

print(list(Countdown(4)), sum(Countdown(5)))

# assert
for cond in [True, False]:
    try:
        assert cond, "condition failed"
        print("assert passed")
    except AssertionError as e:
        print("AssertionError:", e)

# exceptions inside comprehensions and generators propagate
def gen_fail():
    yield 1
    raise RuntimeError("generator failed")

try:
    print([x for x in gen_fail()])
except RuntimeError as e:
    print("RuntimeError:", e)

# bare except and BaseException
try:
    raise KeyboardInterrupt("stop")
except Exception:
    print("not here")
except BaseException as e:
    print("BaseException caught", type(e).__name__, e)

try:
    raise 42
except TypeError as e:
    print("TypeError:", e)
