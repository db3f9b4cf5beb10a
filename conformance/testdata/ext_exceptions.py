class AppError(Exception):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code


class NotFound(AppError):
    pass


def lookup(db, key):
    try:
        return db[key]
    except KeyError as e:
        raise NotFound(404, f"no item {key!r}") from e


def handler(event, context):
    db = {"a": 1}
    try:
        v = lookup(db, event["key"])
    except NotFound as e:
        return {"statusCode": e.code, "body": str(e), "cause": type(e.__cause__).__name__}
    except AppError:
        return {"statusCode": 500}
    else:
        return {"statusCode": 200, "body": v}
    finally:
        print("finally for", event["key"])


print(handler({"key": "a"}, None))
print(handler({"key": "b"}, None))

for f in [lambda: 1 / 0, lambda: [][1], lambda: {}["x"], lambda: int("x"), lambda: None.foo, lambda: undefined_name,
          lambda: "a" + 1, lambda: [1].index(5), lambda: 2 ** -1 // 0, lambda: float("abc"), lambda: {}.pop("k"),
          lambda: [].pop(), lambda: tuple()[0], lambda: "abc".index("z"), lambda: int(None), lambda: len(5),
          lambda: 1 % 0, lambda: divmod(1, 0), lambda: "x" * "y", lambda: sorted([1, "a"])]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, "|", e)


def validate(x):
    assert x > 0, "must be positive"
    return x


try:
    validate(-1)
except AssertionError as e:
    print("assert:", e)

try:
    raise NotImplementedError
except RuntimeError as e:
    print("caught as RuntimeError", repr(e))

try:
    try:
        raise ValueError("inner")
    finally:
        print("inner finally")
except ValueError as e:
    print("outer", e.args)


def retry(n):
    attempts = 0
    while True:
        attempts += 1
        try:
            if attempts < n:
                raise TimeoutError("slow")
            return attempts
        except (TimeoutError, OSError) as e:
            print("retry after", type(e).__name__)
            continue


print(retry(3))
try:
    raise KeyError("missing")
except LookupError as e:
    print("lookup", repr(e), e.args)
try:
    raise ValueError("a", 2)
except ValueError as e:
    print(e, e.args)
e = Exception()
print(repr(e), str(e) == "")
try:
    x = 1
    x.foo = 2
except AttributeError as e:
    print("attr", e)


def f():
    try:
        return "try"
    finally:
        print("finally runs")


print(f())


def g():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
        finally:
            print("fin", i)
    return i


print(g())
try:
    raise ValueError("bad")
except ValueError:
    try:
        raise TypeError("worse")
    except TypeError as e2:
        print(type(e2.__context__).__name__)
