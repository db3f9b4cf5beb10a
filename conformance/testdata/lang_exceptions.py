# Exceptions: try/except/else/finally, raise, raise from, bare raise, custom classes.

def divide(a, b):
    try:
        result = a / b
    except ZeroDivisionError as e:
        print("caught:", e)
        return None
    else:
        print("no error")
        return result
    finally:
        print("finally for", a, b)

print(divide(6, 3))
print(divide(1, 0))

# multiple handlers and tuples of types
def risky(kind):
    try:
        if kind == "key":
            {}["missing"]
        elif kind == "index":
            [][3]
        elif kind == "type":
            1 + "a"
        elif kind == "value":
            int("abc")
        return "ok"
    except (KeyError, IndexError) as e:
        return "lookup " + type(e).__name__ + " " + str(e)
    except TypeError as e:
        return "type " + str(e)
    except Exception as e:
        return "other " + type(e).__name__

for k in ["key", "index", "type", "value", "none"]:
    print(k, "->", risky(k))

# exception hierarchy
try:
    raise KeyError("k")
except LookupError as e:
    print("LookupError caught KeyError", repr(e))

try:
    raise ZeroDivisionError("z")
except ArithmeticError as e:
    print("ArithmeticError caught", type(e).__name__)

# custom exceptions
class AppError(Exception):
    pass

class NotFound(AppError):
    def __init__(self, what):
        super().__init__("not found: " + what)
        self.what = what

try:
    raise NotFound("sensor-7")
except AppError as e:
    print(type(e).__name__, e, e.what, e.args)

# raise from
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise AppError("bad input " + repr(s)) from e

try:
    parse("x1")
except AppError as e:
    print("AppError:", e, "| cause:", type(e.__cause__).__name__)

# bare raise re-raises
def reraiser():
    try:
        raise RuntimeError("first")
    except RuntimeError:
        print("logging and re-raising")
        raise

try:
    reraiser()
except RuntimeError as e:
    print("outer got", e)

# finally runs on return, break and exceptions
def order():
    log = []
    try:
        log.append("try")
        return log
    finally:
        log.append("finally")

print(order())

def finally_overrides():
    try:
        return "try"
    finally:
        print("finally ran")

print(finally_overrides())

# nested try blocks
try:
    try:
        raise ValueError("inner")
    except TypeError:
        print("wrong handler")
    finally:
        print("inner finally")
except ValueError as e:
    print("outer caught", e)

# exception variable is deleted after the handler
try:
    raise ValueError("v")
except ValueError as err:
    pass
try:
    err
except NameError:
    print("err was deleted")

# raising classes and instances
for exc in [ValueError, ValueError("with msg"), IndexError()]:
    try:
        raise exc
    except Exception as e:
        print(type(e).__name__, repr(str(e)))

# assert
try:
    assert 1 + 1 == 3, "math is broken"
except AssertionError as e:
    print("AssertionError:", e)

try:
    assert False
except AssertionError as e:
    print("bare assert", repr(str(e)))

# StopIteration from next()
it = iter([1])
print(next(it))
try:
    next(it)
except StopIteration:
    print("StopIteration")
print(next(it, "default"))

# exception inside except handler
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise KeyError("during handling")
except KeyError as e:
    print("KeyError", e)

# try/except in a loop with continue and break
results = []
for v in ["1", "x", "3", "stop", "5"]:
    try:
        if v == "stop":
            break
        results.append(int(v))
    except ValueError:
        results.append(None)
        continue
    finally:
        results.append("|")
print(results)

# isinstance on exceptions and args
e = ValueError("a", 2)
print(isinstance(e, Exception), e.args, len(e.args))

# the uncaught case is in lang_uncaught.py
