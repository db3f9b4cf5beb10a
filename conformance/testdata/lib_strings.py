# str methods: splitting, joining, searching, case, padding, predicates.

def show(label, value):
    print(label, repr(value))


def attempt(f, *args):
    """Call f, or describe the exception it raises."""
    try:
        return f(*args)
    except Exception as e:
        return type(e).__name__ + ": " + str(e)

s = "  Hello, World!  "
show("strip", s.strip())
show("lstrip", s.lstrip())
show("rstrip", s.rstrip())
show("strip chars", "xxhixyx".strip("xy"))
show("lstrip chars", "aabcaa".lstrip("a"))
show("rstrip chars", "aabcaa".rstrip("a"))
show("strip none", "\t\n x \r\v\f".strip(None))

show("split ws", " a  b\tc\nd ".split())
show("split sep", "a,b,,c,".split(","))
show("split maxsplit", "a b c d".split(" ", 2))
show("split ws maxsplit", "  a b  c d ".split(None, 1))
show("split multi", "a--b--c".split("--"))
show("split empty", "".split())
show("split empty sep", "".split(","))
show("rsplit", "a b c d".rsplit(" ", 1))
show("rsplit ws", "  a b  c d ".rsplit(None, 2))
show("rsplit sep", "a,b,c".rsplit(","))
show("rsplit kw", "1.2.3.4".rsplit(sep=".", maxsplit=2))
show("splitlines", "one\ntwo\r\nthree\rfour\n".splitlines())
show("splitlines keep", "one\ntwo\r\nthree".splitlines(True))
show("splitlines empty", "".splitlines())

show("join", "-".join(["a", "b", "c"]))
show("join empty", ", ".join([]))
show("join gen", "".join(str(i) for i in range(5)))
show("join chars", "|".join("abc"))

show("find", "hello".find("l"))
show("find missing", "hello".find("z"))
show("find start", "hello".find("l", 3))
show("find range", "hello".find("l", 0, 2))
show("find neg", "hello".find("o", -2))
show("find empty", "abc".find(""))
show("find empty end", "abc".find("", 3))
show("find empty past", "abc".find("", 4))
show("rfind", "hello".rfind("l"))
show("rfind range", "hello".rfind("l", 0, 3))
show("index", "hello".index("e"))
show("rindex", "a-b-c".rindex("-"))
show("count", "banana".count("a"))
show("count sub", "banana".count("an"))
show("count range", "banana".count("a", 2, 5))
show("count empty", "abc".count(""))
show("find unicode", "héllo wörld".find("w"))
show("rfind unicode", "日本語日本".rfind("日"))

print(attempt("abc".index, "z"))
print(attempt("abc".split, ""))
print(attempt("abc".center, 5, "ab"))
print(attempt("abc".startswith, 1))
print(attempt("-".join, ["a", 1]))

show("startswith", "hello".startswith("he"))
show("startswith tuple", "hello".startswith(("x", "h")))
show("startswith start", "hello".startswith("ll", 2))
show("endswith", "hello.py".endswith(".py"))
show("endswith tuple", "hello.py".endswith((".txt", ".md")))
show("endswith range", "hello".endswith("ell", 0, 4))

show("replace", "aaa".replace("a", "b"))
show("replace count", "aaa".replace("a", "b", 2))
show("replace empty", "abc".replace("", "-"))
show("replace missing", "abc".replace("x", "y"))

show("upper", "Hello World 123".upper())
show("lower", "Hello World 123".lower())
show("title", "hello wORLD, it's 3am".title())
show("capitalize", "hELLO wORLD".capitalize())
show("swapcase", "Hello World".swapcase())
show("casefold", "HeLLo".casefold())
show("upper unicode", "straße café".upper())

for t in ["123", "12a", "", "abc", "aBc", "ABC", "abc1", "   ", " a ", "Hello World", "Hello world", "½", "٣", "x_1"]:
    print(repr(t), t.isdigit(), t.isalpha(), t.isalnum(), t.isspace(), t.isupper(),
          t.islower(), t.isdecimal(), t.isnumeric(), t.istitle(), t.isidentifier(), t.isascii())

show("center", "abc".center(9))
show("center fill", "abc".center(8, "*"))
show("center odd", "ab".center(5, "-"))
show("center even", "abc".center(6, "-"))
show("ljust", "abc".ljust(6, "."))
show("rjust", "abc".rjust(6))
show("rjust short", "abcdef".rjust(3))
show("zfill", "42".zfill(5))
show("zfill neg", "-42".zfill(6))
show("zfill plus", "+7".zfill(4))
show("zfill long", "12345".zfill(3))

show("partition", "key=value=x".partition("="))
show("partition missing", "keyvalue".partition("="))
show("rpartition", "a.b.c".rpartition("."))
show("rpartition missing", "abc".rpartition("."))
show("removeprefix", "test_name".removeprefix("test_"))
show("removeprefix no", "name".removeprefix("test_"))
show("removesuffix", "file.txt".removesuffix(".txt"))
show("expandtabs", "a\tbc\td".expandtabs())
show("expandtabs 4", "a\tbc\td\nx\ty".expandtabs(4))
show("encode", "héllo".encode())
show("encode ascii", "abc".encode("ascii"))
show("decode", b"caf\xc3\xa9".decode("utf-8"))
show("encode replace", "héllo".encode("ascii", "replace"))

print(attempt("héllo".encode, "ascii"))
print(attempt(b"\xff".decode))
print(attempt("x".encode, "klingon"))

# operators and indexing on strings
w = "Python"
print(w[0], w[-1], w[1:4], w[::-1], w[::2], len(w), "th" in w, w * 2, w + "!")
print("é" * 3, len("日本語"), "日本語"[1], "日本語"[::-1])
print(sorted("hello"), list("abc"), "a" < "b", "abc" < "abd", "Z" < "a")
print(ord("A"), ord("é"), chr(65), chr(0x263A), ord("日"))
print(str(123), str(1.5), str(None), str(True), str([1, "a"]), repr("it's"), repr('say "hi"'))
print(repr("tab\there"), repr("new\nline"), repr("\x00\x7f"), repr("back\\slash"))

# full Unicode case mappings (one character to several, final sigma)
for t in ["straße", "ﬁne ﬂow", "İstanbul", "ŉ", "ǰ", "ΐ", "եւ", "ΣΊΣΥΦΟΣ", "Σίσυφος", "ÀÉÎ", "ǅ"]:
    print(repr(t.upper()), repr(t.lower()), repr(t.casefold()), repr(t.swapcase()), t.isupper(), t.islower())
print(int("١٢٣"), int("𝟗𝟖"), float("١.٥"), int(" \u00a0 7 "))
