print(0x_ff, 0o17, 0b1010_1010, 1_000_000, 0XAB, 0O7, 0B1, 00, 0_0)
print(1.5e3, 1_0.5, .5, 5., 1e-3, 1E+2, 3.14_15, 0e0, 1_0e1_0)
print("tab\there", 'q\'s', "nl\\n", "\x41\101\u0042\U00000043\N{BULLET}\N{degree sign}", "\a\b\f\v\0".encode())
print(r"raw\n\t", R"x\y", rb"\x00", br"\d+", b"\x41\n", B"abc", Rb"q")
print("""triple
  "quoted" text""", '''single
triple''', """a\
b""")
print("implicit" " concat" ' here', b"by" b"tes", f"{1}" "x" f"{2}")
print(f'{"nested"}', f"{'a' + 'b'}", f"""{
    1 + 2
}""", f"{3!a}", rf"{1}\n", fr"\t{2}")
print(f"{'%'}{10:%}" if False else "skip", f"{3.14159:.{3}}", f"{'x':{'>'}{5}}")
x = 5
print(f"{x=}", f"{x = }", f"{x*2=}", f"{x!r:>4}")
print(1 if x > 3 else 0, not x, x and 0, x or 0, 0 or "", None or [] or "last")
print(1 < x <= 5 != 6, x is not None, type(x) is int, -x ** 2, (-x) ** 2, ~x, x << 3, x >> 1, x & 3, x | 8, x ^ 1)
a = b = c = [1]
a += [2]
print(a, b, c, a is c)
n = 10
n -= 1; n *= 2; n //= 3; n **= 2; n %= 7; n <<= 2; n |= 1; n ^= 3; n &= 0xff; n >>= 1
print(n)
f = 1.5
f /= 2
print(f)
s = "ab"
s *= 3
print(s)
lst = [1, 2, 3, 4, 5]
lst[1] += 10
lst[-1] *= 2
d = {"k": 1}
d["k"] += 1
class O: pass
o = O()
o.v = 1
o.v += 5
print(lst, d, o.v)
del lst[0], d["k"]
print(lst, d)
i = 0
while i < 10:
    i += 1
    if i == 3:
        continue
    if i == 20:
        break
else:
    print("while-else ran", i)
for j in range(5):
    if j == 2:
        break
else:
    print("never")
for j in []:
    pass
else:
    print("for-else on empty")
if x == 1:
    pass
elif x == 5:
    print("elif")
else:
    pass
(p, q), r = (1, 2), 3
[u, v] = "uv"
print(p, q, r, u, v)
for k, (m, *ns) in enumerate([(1, 2, 3), (4,)]):
    print(k, m, ns)
t = 1,
e = ()
print(t, e, (1), [*range(3), *"ab"], sorted({*"aa", "b"}), {**{"a": 1}, "b": 2})
print(print.__name__ if hasattr(print, "__name__") else "print", len.__name__)
print(sum([1, 2], start=10), max(1, 2, key=lambda v: -v), sorted("cba", key=None))
assert True, "never"
big = 9_223_372_036_854_775_807
print(big, -big - 1, big // 2, hex(big), 0x7fff_ffff_ffff_ffff == big)
w = "😀é"
print(len(w), w[0], w[1], w.encode("utf-8"), list(w.encode())[:3])
print("a" "b" if True else "c")
print(True and not False, not (1 == 2), (not 1) == False)
print(*[1, 2, 3], sep=", ", end="!\n")
print(3 // 2 * 2 + 3 % 2, 2 ** 3 ** 2, (2 ** 3) ** 2, -3 // 2, -3 % 2, 1 - -1, +x)
