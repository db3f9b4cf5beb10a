# Formatting: format(), f-strings with specs, % formatting, str.format.


def attempt(f, *args):
    """Call f, or describe the exception it raises."""
    try:
        return f(*args)
    except Exception as e:
        return type(e).__name__ + ": " + str(e)


def cell(v, spec):
    try:
        return format(v, spec)
    except (ValueError, TypeError) as e:
        return type(e).__name__


values = [0, 7, -42, 1234567, 3.14159, -0.5, 1e-7, 2.5e16, 100.0, True, "text", "héllo"]
specs = ["", ">10", "<10", "^10", "*^11", "+", " ", "08", ",", "_", ".3", ".2f", "10.3e", ".4g", "%", "x", "#b", "#o", "s"]
for v in values:
    cells = []
    for spec in specs:
        cells.append(cell(v, spec))
    print(repr(v), "|".join(cells))

# f-strings with expressions, conversions and nested specs
name, n, price = "widget", 3, 19.989
width, prec = 12, 1
print(f"{name!r:>{width}} x{n:03d} = {n * price:,.2f}")
print(f"{name:{'^'}{width}}|{price:{width}.{prec}f}|")
print(f"{'nested':{'*'}^{width}}")
print(f"{n=} {price=:.1f} {name!s} {name!a}")
print(f"{'é'!a} {[1, 'x']!r} {3.0!s}")
print(f"{{literal}} {n}{{}}")
print(f"{1 + 2 * 3} {'yes' if n > 2 else 'no'} {[i * i for i in range(4)]}")
d = {"key": "v", "n": 5}
print(f"{d['key']} {d['n']:>4} {len(d)}")
print(f"{-0.0:z.1f} {-0.001:z.2f} {0.001:z.2f}")
print(f"{1e300 * 1e10} {-1e300 * 1e10} {float('nan')}")
print(f"{12:b} {255:X} {255:#X} {8:o} {-255:#x} {65:c}")
print(f"{1234567.891:_.2f} {1234567:_d} {0xdeadbeef:_x} {10**6:,}")
print(f"{3.5:e} {3.5:E} {1e-10:g} {123456789.0:G} {0.00001234:.2e}")
print(f"{0.5:.0f} {1.5:.0f} {2.5:.0f} {-0.5:.0f} {2.675:.2f}")
print(f"{42:=+8} {-42:=8} {42:0=8} {-3.5:010.2f}")
print(f"{'left':<8}|{'right':>8}|{'mid':^8}|")
print(f"{True:>6} {False!r} {None!s:>6}")

# % formatting
print("%s and %s" % ("this", "that"))
print("%d items at %.2f = %8.3f" % (3, 1.5, 4.5))
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%x %X %#x %o %#o" % (255, 255, 255, 8, 8))
print("%e %E %.3e %g %G %.2g" % (12345.678, 12345.678, 0.000123, 0.0001, 1e20, 123))
print("%c%c %r %s %a" % (72, "i", "quoted", [1, 2], "é"))
print("%(name)s is %(age)d years" % {"name": "Ann", "age": 30})
print("%-10s|%10s|" % ("left", "right"))
print("%.3s|%5.1s|" % ("abcdef", "xyz"))
print("100%% sure, %d%%" % 50)
print("%s" % (1,), "%s" % [1, 2], "%s" % {"a": 1})
print("%*d|%-*d|%.*f" % (5, 1, 5, 2, 2, 3.14159))
print("%d %i %d" % (3.99, -2.5, True))
print("%f %F" % (float("inf"), float("-inf")))
print("%10.4f|%-10.2e|" % (3.14159265, 31415.9265))
for bad in [("%d", "x"), ("%s %s", (1,)), ("%s", (1, 2)), ("%q", 1), ("%", 1), ("%x", 1.5)]:
    print(attempt(lambda: bad[0] % bad[1]))

# str.format
print("{} {} {}".format(1, "two", 3.0))
print("{0} {1} {0}".format("a", "b"))
print("{name} is {age}".format(name="Bob", age=25))
print("{0[0]} {0[1]} {1[k]}".format([10, 20], {"k": "v"}))
print("{:>8} {:<8}| {:^8}|".format("r", "l", "c"))
print("{:08.3f} {:,} {:+d} {:x}".format(3.14159, 1234567, 5, 255))
print("{!r} {!s} {!a}".format("q", "s", "ü"))
print("{:{}{}}".format(3.14159, ".", 3))
print("{0:{1}}|".format("pad", 10))
print("{{}} {{{}}}".format("x"))
print("{:%}".format(0.25), "{:.1%}".format(0.123))
print("{:e}".format(0.000123), "{:g}".format(1234567.0), "{:.3g}".format(0.00012345))
print("{:c}{:c}".format(104, 105))
print("{:n} {:n}".format(1234, 1.5))


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __format__(self, spec):
        if spec == "polar":
            return "polar!"
        return "(" + format(self.x, spec) + ", " + format(self.y, spec) + ")"

    def __str__(self):
        return "P(" + str(self.x) + ", " + str(self.y) + ")"


p = Point(1.5, 2)
print("{0.x} {0.y} {0}".format(p))
print(f"{p:.2f} {p:polar} {p!s}")
print(format(p, ".1f"), format(3, ""), format("s"), format(2.5))
for tmpl, args in [("{", ()), ("}", ()), ("{0} {}", ("a", "b")), ("{} {0}", ("a", "b")), ("{2}", ("a",)),
                   ("{x}", ()), ("{!z}", ("a",)), ("{0.}", ("a",)), ("{:d}", ("s",)), ("{:s}", (1.5,))]:
    print(attempt(tmpl.format, *args))

# numbers through str() and repr()
for x in [0.1, 0.2 + 0.1, 1 / 3, 2 / 3, 1e16, 1e15, 123456789012345678.0, 1e-5, 0.0001, -0.0, 5e-324, 1.7976931348623157e308,
          100.0, 1.5e300 * 1.5e300, 2.0 ** 0.5, 10 / 4, 7 // 2, 7.0 // 2, -7 // 2, -7 % 3, 7 % -3, -7.5 % 2]:
    print(repr(x), str(x))
print(round(2.5), round(3.5), round(-2.5), round(0.125, 2), round(0.375, 2), round(2.675, 2), round(1234.5678, -2))
print(round(15, -1), round(25, -1), round(-35, -1), round(7), round(1.23456, 3), round(-0.4))
