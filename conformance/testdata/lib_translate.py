# str.maketrans / str.translate and bytes.maketrans / bytes.translate.


def show(f):
    try:
        print("ok", repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# the three forms of str.maketrans
print(str.maketrans({"a": 1, 98: None, "c": "xyz", True: "t"}))
print(str.maketrans("abc", "xyz"))
print(str.maketrans("abc", "xyz", "dq"))
print(str.maketrans("aa", "xy"))
print(str.maketrans("ab", "xy", "a"))
print("abc".maketrans("a", "b"))
print(str.maketrans("é→", "e>"))
print(str.maketrans("", ""))

# translate with int, str and None values
print("abcd".translate({97: "xyz", 98: None, 99: 100}))
print("héllo wörld".translate({ord("é"): "e", ord("ö"): "oe"}))
print("abcabc".translate(str.maketrans("ab", "ba")))
print("hello, world!".translate(str.maketrans("", "", ",!")))
print("a-b_c d".translate(str.maketrans("-_", "  ", " ")))
print("".translate({97: "b"}))
print("abc".translate({}))
print(repr("a".translate({97: True})))
print("tab\tsep\nline".translate({9: "\\t", 10: "\\n"}))
rot13 = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "NOPQRSTUVWXYZABCDEFGHIJKLMnopqrstuvwxyzabcdefghijklm",
)
print("Hello, World!".translate(rot13))
print("Hello, World!".translate(rot13).translate(rot13))
print("snake_case_name".translate({ord("_"): "-"}).upper())
print("x" * 3 + "é".translate({233: 0x1F600}))

# any object with __getitem__; a LookupError leaves the character as is
print("abc".translate(["x", "y"]))
print("\x00\x01\x02z".translate(["A", None, "CC"]))


class Table:
    def __getitem__(self, k):
        if k == 97:
            return "A"
        if k == 98:
            raise KeyError(k)
        if k == 99:
            raise IndexError(k)
        raise ValueError("no mapping for %d" % k)


print("abc".translate(Table()))
show(lambda: "abcd".translate(Table()))


# errors
show(lambda: str.maketrans())
show(lambda: str.maketrans(1))
show(lambda: str.maketrans("ab"))
show(lambda: str.maketrans({1.5: "a"}))
show(lambda: str.maketrans({"ab": "a"}))
show(lambda: str.maketrans({"": "a"}))
show(lambda: str.maketrans("abc", "xy"))
show(lambda: str.maketrans("abc", 1))
show(lambda: str.maketrans(1, "a"))
show(lambda: str.maketrans(1, 2))
show(lambda: str.maketrans("a", "b", 1))
show(lambda: str.maketrans("a", "b", None))
show(lambda: str.maketrans("a", "b", "c", "d"))
show(lambda: str.maketrans(x=1))
show(lambda: str.maketrans({"a": 2.5}))
show(lambda: "abc".translate({97: 1.5}))
show(lambda: "abc".translate({97: -1}))
show(lambda: "abc".translate({97: 0x110000}))
show(lambda: "abc".translate({97: b"x"}))
show(lambda: "abc".translate(5))
show(lambda: "abc".translate(None))
show(lambda: "abc".translate())
show(lambda: "abc".translate({}, 1))
show(lambda: "abc".translate(table={}))
show(lambda: "".translate(5))

# bytes
t = bytes.maketrans(b"abc", b"xyz")
print(len(t), t[97:100], t[:4])
print(b"aabbcc".translate(t))
print(b"abc".translate(None, b"b"))
print(b"abc".translate(None, delete=b"ac"))
print(b"abc".translate(t, b"b"))
print(b"abc".maketrans(b"a", b"b")[97])
print(b"".translate(None))
show(lambda: bytes.maketrans(b"ab", b"c"))
show(lambda: bytes.maketrans(b"ab"))
show(lambda: bytes.maketrans(b"ab", "cd"))
show(lambda: bytes.maketrans("ab", b"cd"))
show(lambda: bytes.maketrans(b"ab", b"cd", b"x"))
show(lambda: bytes.maketrans(x=1))
show(lambda: b"abc".translate(b"x"))
show(lambda: b"abc".translate())
show(lambda: b"abc".translate(None, b"a", b"c"))
show(lambda: b"abc".translate(table=None))
show(lambda: b"abc".translate(None, foo=1))
show(lambda: b"abc".translate(None, b"a", delete=b"c"))
show(lambda: b"abc".translate(None, "a"))
show(lambda: b"abc".translate("x" * 256))
show(lambda: b"abc".translate(1))
