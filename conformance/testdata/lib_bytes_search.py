# bytes find/index/count/rfind with start and end, int needles, split on ASCII whitespace.
b = b"hello world, hello"
print(b.find(b"lo"), b.find(b"lo", 4), b.find(b"lo", 4, 10), b.find(108), b.find(b"zz"), b.find(b"", 30))
print(b.index(b"o", 5), b.count(b"l"), b.count(b"l", 5), b.count(b"", 3, 5), b.count(111, 0, 8), b.count(b"", 40))
print(b.rfind(b"lo"), b.rindex(b"o", 0, 10))
try:
    b.index(b"q")
except ValueError as e:
    print(e)
try:
    b.find("x")
except TypeError as e:
    print(e)
print(b"a b\x1cc".split(), b" a\tb\n".split())
