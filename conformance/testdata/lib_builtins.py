# Built-in functions and type constructors, with their error messages.


def attempt(f, *args, **kwargs):
    """Call f, or describe the exception it raises."""
    try:
        return f(*args, **kwargs)
    except Exception as e:
        return type(e).__name__ + ": " + str(e)


print("a", "b", 3, sep="-", end="!\n")
print("no newline", end="")
print()
print(*[1, 2, 3], sep=", ")
print("x", None, True, 1.0, sep=None, end=None)
print(attempt(print, "a", sep=1), attempt(print, bad=1))

print(len("héllo"), len([1, 2]), len((1,)), len({}), len({1, 2}), len(range(10)), len(b"ab"))
print(attempt(len, 5), attempt(len, None), attempt(len))

print(list(range(5)), list(range(2, 8, 3)), list(range(10, 0, -3)), list(range(0)), range(1, 5))
print(list(enumerate("abc")), list(enumerate(["x", "y"], start=10)), list(enumerate([], 5)))
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1], [2], [3])), dict(zip("xy", (1, 2))))
print(attempt(lambda: list(zip([1, 2], [3], strict=True))), attempt(lambda: list(zip([1], [2, 3], strict=True))))
print(list(zip([1, 2], [3, 4], strict=True)))
print(list(map(abs, [-1, 2, -3])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(str.upper, "ab")))
print(list(filter(lambda x: x % 2, range(10))), list(filter(None, [0, "", None, 1, "a", [], [0]])))

print(min(3, 1, 2), max(3, 1, 2), min([4, 2, 8]), max("hello"), min("b", "a", "c"))
print(max([1, 5, 3], key=lambda x: -x), min(["aaa", "b", "cc"], key=len), max(["aaa", "b", "cc"], key=len))
print(max([], default="empty"), min([], default=None), max([2, 2.5, 1]), min([(2, "b"), (1, "z"), (1, "a")]))
print(max([1, 3, 3.0], key=lambda x: x), max([3.0, 3, 1]))
print(attempt(max, []), attempt(min), attempt(max, 1, 2, default=0), attempt(max, [1, "a"]))

print(sum([1, 2, 3]), sum([0.1] * 10), sum([1, 2.5]), sum([], 10), sum(range(101)), sum([[1], [2]], []))
print(sum(x * x for x in range(10)), sum([True, True, False]), sum((1.5, 2.5), start=1))
print(attempt(sum, ["a", "b"]), attempt(sum, [1], "x"))

print(abs(-5), abs(3.5), abs(-0.0), abs(True), abs(-2 ** 62))
print(round(3.14159, 2), round(2.5), round(-1.5), round(1e15), round(5, -1), round(15, -1), round(0.5 + 1e-16))
print(round(123.456, -1), round(-0.0, 1), type(round(2.7)), type(round(2.7, 0)), round(2.7, None))
print(attempt(round, float("nan")), attempt(round, float("inf")), attempt(round, "x"))

print(divmod(7, 2), divmod(-7, 2), divmod(7, -2), divmod(7.5, 2), divmod(-7.5, 2))
print(attempt(divmod, 1, 0), attempt(divmod, 1.0, 0.0), attempt(divmod, "a", 1))
print(pow(2, 10), pow(2, -1), pow(2.0, 0.5), pow(3, 4, 5), pow(-3, 3, 7), pow(3, -1, 7), pow(5, 2, -7))
print(attempt(pow, 2, 3, 0), attempt(pow, 2, -1, 4), attempt(pow, 2.0, 3, 5))

print(hex(255), hex(-255), hex(0), oct(8), oct(-8), bin(5), bin(-5), bin(0))
print(attempt(hex, 1.5), attempt(bin, "1"))
print(ord("a"), ord("€"), chr(97), chr(8364), attempt(ord, "ab"), attempt(ord, 5), attempt(chr, -1))

print(any([0, "", 1]), any([]), all([1, "a"]), all([]), all([1, 0]), any(x > 3 for x in range(5)))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(4))), list(reversed((1, 2))))
print(attempt(reversed, {1, 2}), attempt(reversed, 5))
print(sorted([3, 1, 2]), sorted((3, 1, 2), reverse=True), sorted("cba"), sorted([1, 2], key=None))

# int()
for v in ["42", " -17 ", "+5", "1_000", "0", "007"]:
    print(repr(v), int(v))
print(int("ff", 16), int("0xff", 16), int("0o17", 0), int("0b101", 0), int("z", 36), int("11", 2), int(" 12 ", 0))
print(int(3.99), int(-3.99), int(True), int(), int(1e18), int("-0"))
for v, base in [("abc", 10), ("", 10), ("1.5", 10), ("0x", 16), ("12", 2), ("1__0", 10), ("08", 0), ("9", 40)]:
    print(attempt(int, v, base))
print(attempt(int, [1]), attempt(int, None), attempt(int, 1.5, 10), attempt(int, float("nan")), attempt(int, float("inf")))

# float()
for v in ["1.5", " -2.25e3 ", "inf", "-Infinity", "nan", "1_0.5", ".5", "5.", "1e-3"]:
    print(repr(v), float(v))
print(float(3), float(True), float(), float(-0.0), float("  7  "))
print(attempt(float, "abc"), attempt(float, ""), attempt(float, "1.2.3"), attempt(float, [1]))

# str(), bool(), list(), tuple(), set(), dict()
print(str(), str(42), str(-0.5), str([1, "a", None]), str((1,)), str({"k": [1]}), str(b"bytes"), str(b"caf\xc3\xa9", "utf-8"))
print(bool(), bool(0), bool(0.0), bool(""), bool([]), bool({}), bool(set()), bool(None), bool(1), bool("0"), bool([0]))
print(list(), list("ab"), list((1, 2)), list({"a": 1}), list(range(3)), list({3: 0}.items()))
print(tuple([1]), set(), set("aa"), frozenset("ab") == frozenset("ba"))
print(dict(), dict(a=1), dict([(1, 2)]), attempt(dict, 1, 2))
print(repr(1), repr("x"), repr([1, "x"]), repr(None), repr(1.0), repr((1, "a")), ascii("ü"), repr(b"\x00a"))

# bytes
b = bytes([104, 105])
print(b, bytes(3), bytes("é", "utf-8"), b.hex(), bytes.fromhex("6869 21"), b.decode(), len(b), b[0], b[0:1])
print(b"a,b".split(b","), b"-".join([b"x", b"y"]), b"abc".startswith(b"ab"), b"abc".find(b"c"), b"  x ".strip())
print(b"abc".upper(), b"ABC".lower(), b"aaa".replace(b"a", b"b", 2), b"abca".count(b"a"), b"x" in b"xyz", list(b"ab"))
print(attempt(bytes, [256]), attempt(bytes, "x"), attempt(bytes.fromhex, "zz"))

# format() builtin and hash/id/callable-style helpers
print(format(3.14159, ".2f"), format(42, "08b"), format("x", "^5"), format(1234, ","), format(0.5, "%"))
print(isinstance(1, int), isinstance(True, int), isinstance(1.0, (int, float)), isinstance("s", str))
print(type(1).__name__, type(1.0).__name__, type("").__name__, type([]).__name__, type(None).__name__)
print(callable(len), callable(1), getattr("abc", "upper")(), hasattr([], "append"), getattr(1, "nope", "dflt"))
it = iter([1, 2])
print(next(it), next(it), next(it, "end"), attempt(next, it), attempt(next, [1]), attempt(iter, 5))
gen = (x * 2 for x in range(2))
print(next(gen), next(gen), next(gen, None), list(iter([3, 4])), hash(7) == hash(7.0), attempt(hash, []))
print(getattr([], "nope", 5), attempt(getattr, 1, "x"), attempt(getattr, 1, 2), attempt(setattr, 1, "x", 2))
