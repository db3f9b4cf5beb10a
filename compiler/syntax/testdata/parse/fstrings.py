# f-strings: fields, conversions, format specs, nesting, debugging.
name, width, value = "x", 10, 3.14159
a = f"hello {name}"
b = f'{value:.2f} and {width:>5} and {name!r}'
c = f"{value:{width}.{2}f}"
d = f"{{literal}} {name}"
e = f"{value=}", f"{value = }", f"{value=:.1f}", f"{value=!s}"
f = F"{name}" "plain" f'{width}'
g = rf"\d{name}\n", fR'{name}'
h = f"""multi
{name}
line"""
i = f"{[x for x in range(3)]}"
j = f"{ {'a': 1}['a'] }"
k = f"{a if name else b}"
l = f"{name!a:>{width}}"
m = f"{3 != 4}"
n = f"{'nested'}", f'{"quotes"}'
o = f""
p = f"{name}{width}"
q = f"{ name }"
r = f'{"a" "b"}'
s = f"{f'{name}'}"
t = f"\{name}"
