# f-strings, literals of every form, % formatting, str.format.

name = "sensor"
value = 21.456
count = 7
print(f"{name}: {value:.2f} ({count:>4}) [{count:<3}] {count:03d}")
print(f"{name!r} {name!s} {value!r}")
print(f"{{literal braces}} {count * 2} {'nested'}")
width = 8
print(f"[{name:>{width}}] [{name:^{width}}] [{value:{width}.1f}]")
print(f"{count=} {value = }")
print(f"{1000000:,} {0.5:.0%} {255:x} {255:#o} {5:b}")
print(f"multi" f"part {count}" " plain")

# int literal forms
print(0x1F, 0o17, 0b1010, 1_000_000, 0xFF_FF, 0)
# float literal forms
print(1.5, 1e3, 2.5e-3, .5, 5., 1_000.25)
# string escapes
print("tab\tnewline\\n quote\" apostrophe\' bell-free")
print('\x41\x42 \u00e9 \101 \U0001F600'.encode("utf-8"))
print(r"raw \n stays", len(r"\n"))
print("""triple
quoted""", '''single
triple''')
print("implicit" " concatenation" ' works')
print(b"bytes\x00\xff", rb"raw\x", len(b"\x00\x01"))

# % formatting
print("%s has %d items costing %.2f" % ("cart", 3, 9.5))
print("%5s|%-5s|%05d|%x|%r" % ("ab", "cd", 42, 255, "q"))
print("%(a)s-%(b)s" % {"a": 1, "b": 2})
print("100%%")

# str.format
print("{} + {} = {}".format(1, 2, 3))
print("{1} {0} {1}".format("a", "b"))
print("{name} is {age}".format(name="Ada", age=36))
print("{:>6.2f}|{:<4}|{:^7}".format(3.14159, "x", "mid"))

# report formatting
rows = [("temp", 21.5, "C"), ("humidity", 40.25, "%"), ("pressure", 1013.0, "hPa")]
for label, v, unit in rows:
    print(f"{label:<10}{v:>10.2f} {unit}")
print("-" * 24)
total = sum(v for _, v, _ in rows)
print(f"{'total':<10}{total:>10.2f}")

# string methods commonly used in handlers
s = "  Hello, World  "
print(s.strip(), s.lower().strip(), s.upper().strip(), s.strip().split(", "))
print("a,b,,c".split(","), "x".join(["1", "2", "3"]), "abc".replace("b", "B"))
print("hello".startswith("he"), "hello".endswith("lo"), "hello".find("l"), "hello".count("l"))
print("42".isdigit(), "abc".isalpha(), "Title Case".istitle(), "  ".isspace())
print("x=%d" % 5, str(3.0), str(10), str(True), str(None))
print(repr("it's"), repr('say "hi"'), repr("\n"))
