# bytes methods beyond split/strip/find/decode: searching from the right,
# splitting, stripping one side, partitioning, predicates, case mapping,
# padding, tabs and affixes.


def show(f):
    try:
        print("ok", repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


data = b"key=value; other=thing; key=last"
print(data.rfind(b"key"), data.rfind(b"zz"), data.rfind(ord("=")), data.rindex(b";"))
print(data.rfind(b"key", 0, 20), data.rfind(b"key", 5), data.rfind(b"key", -4), data.rfind(b"", 3, 1))
print(b"abc".rfind(b""), b"abc".rfind(b"", 10), b"abc".rfind(b"c", None, None), b"aaa".rindex(b"a", 0, 2))
print(data.rsplit(b"; "), data.rsplit(b"; ", 1), data.rsplit(b"=", maxsplit=2), data.rsplit(sep=b"=", maxsplit=0))
print(b"  a b\tc\n d  ".rsplit(), b"  a b\tc\n d  ".rsplit(None, 2), b"a\x1cb c".rsplit(), b"".rsplit(), b"   ".rsplit())
print(b"a,b,,c".rsplit(b","), b",".rsplit(b","), b"".rsplit(b","), b"abc".rsplit(b"abc"))
print(b"  pad \n".lstrip(), b"  pad \n".rstrip(), b"xxpadyy".lstrip(b"x"), b"xxpadyy".rstrip(b"xy"), b"a".lstrip(None))
print(b"\x0b\x0cv\x1c".rstrip(), b"\x1cv".lstrip(), b"".lstrip(b"a"))
print(b"user@example.com".partition(b"@"), b"no-at".partition(b"@"), b"a.b.c".rpartition(b"."), b"abc".rpartition(b"x"))
print(b"line1\nline2\r\nline3\rline4\x0bstill".splitlines(), b"a\n\nb\n".splitlines(True))
print(b"a\n".splitlines(keepends=1), b"".splitlines(), b"\n".splitlines(), b"x\x1cy\x85z".splitlines())
for b in (b"", b"123", b"12a", b"abc", b"ABC", b"aBc", b"a1", b" \t\n", b"\x1c", b"Hello World", b"Hello world",
          b"HELLO 1", b"hello 1", b"\xe9", b"A1 B2", b"1"):
    print(b, b.isdigit(), b.isalpha(), b.isalnum(), b.isspace(), b.isupper(), b.islower(), b.isascii(), b.istitle())
for b in (b"hello world", b"HELLO wORLD", b"they're bill's friends", b"\xe9t\xe9 ok", b"", b"1st 2ND", b"a_b-c"):
    print(b.capitalize(), b.title(), b.swapcase())
print(b"42".zfill(5), b"-42".zfill(5), b"+42".zfill(2), b"".zfill(3), b"abc".zfill(-1))
print(b"ab".ljust(5), b"ab".rjust(5, b"*"), b"ab".center(5, b"-"), b"abc".center(6, b"*"), b"abc".center(7, b"*"))
print(b"abcd".center(2), b"ab".ljust(-3), b"".center(3, b"."), b"a".center(4))
print(b"a\tb\tc".expandtabs(), b"ab\tc\n\td".expandtabs(4), b"a\tb".expandtabs(0), b"a\tb".expandtabs(tabsize=1))
print(b"12345\t6\r\t7".expandtabs(3), b"no tabs".expandtabs(2), b"\t".expandtabs(-1))
print(b"prefix-body".removeprefix(b"prefix-"), b"body.txt".removesuffix(b".txt"), b"x".removeprefix(b""), b"ab".removesuffix(b"abc"))
print(97 in b"abc", 0 in b"abc", b"bc" in b"abc", b"" in b"", b"cb" in b"abc")

# handler-style: parse a small binary-ish record
record = b"HDR:v2\r\nname = Widget \r\ncount=  7\r\n\r\n"
fields = {}
for line in record.splitlines()[1:]:
    if not line.strip():
        continue
    k, _, v = line.partition(b"=")
    fields[k.strip().decode()] = v.strip()
print(fields, int(fields["count"]), record.split(b"\r\n", 1)[0].rpartition(b":")[2])
print(b"/".join(b"a/b/c".rsplit(b"/", 1)[:1]), b"path/to/file.tar.gz".rpartition(b"/")[2].rsplit(b".", 1))

# errors
show(lambda: b"abc".rfind("a"))
show(lambda: b"abc".rfind(300))
show(lambda: b"abc".rfind(-1))
show(lambda: b"abc".rfind(b"b", "x"))
show(lambda: b"abc".rfind())
show(lambda: b"abc".rfind(b"a", 1, 2, 3))
show(lambda: b"abc".rindex(b"z"))
show(lambda: b"abc".rindex(b"a", 1))
show(lambda: b"abc".rfind(b"a", start=1))
show(lambda: b"abc".rsplit("a"))
show(lambda: b"abc".rsplit(b""))
show(lambda: b"abc".rsplit(b"b", "x"))
show(lambda: b"abc".rsplit(x=1))
show(lambda: b"abc".rsplit(b"a", 1, 2))
show(lambda: b"abc".lstrip("a"))
show(lambda: b"abc".lstrip(1))
show(lambda: b"abc".rstrip(b"a", b"b"))
show(lambda: b"abc".rstrip(chars=b"a"))
show(lambda: b"abc".partition("b"))
show(lambda: b"abc".partition(b""))
show(lambda: b"abc".partition())
show(lambda: b"abc".rpartition(1))
show(lambda: b"abc".splitlines("x"))
show(lambda: b"abc".splitlines(True, 1))
show(lambda: b"abc".splitlines(keep=1))
show(lambda: b"abc".isdigit(1))
show(lambda: b"abc".istitle(x=1))
show(lambda: b"abc".capitalize(1))
show(lambda: b"abc".swapcase(x=1))
show(lambda: b"abc".zfill("a"))
show(lambda: b"abc".zfill())
show(lambda: b"abc".ljust(5, "x"))
show(lambda: b"abc".ljust(5, b"xy"))
show(lambda: b"abc".ljust(5, 1))
show(lambda: b"abc".ljust("a"))
show(lambda: b"abc".center())
show(lambda: b"abc".center(5, b"x", 1))
show(lambda: b"abc".rjust(width=5))
show(lambda: b"abc".expandtabs("a"))
show(lambda: b"abc".expandtabs(4, 5))
show(lambda: b"abc".expandtabs(size=4))
show(lambda: b"abc".removeprefix("a"))
show(lambda: b"abc".removeprefix())
show(lambda: b"abc".removesuffix(1))
show(lambda: 300 in b"abc")
show(lambda: "a" in b"abc")
show(lambda: 1.5 in b"abc")
