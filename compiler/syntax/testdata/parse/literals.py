# Numeric literals in every form.
a = 0
b = 123_456
c = 0x1F, 0X_ff, 0o17, 0O7_7, 0b1010, 0B_1_0
d = 9223372036854775807
e = 9223372036854775808
f = 0xFFFF_FFFF_FFFF_FFFF_FFFF
g = 1.5, 1e9, 1E-9, .5, 5., 1_000.5, 1_0e1_0, 0.0, 00.5, 0e0
h = 3j, 1.5J, 1e3j
i = None, True, False, ...
j = 1if a else 2
k = -1, +2, ~3, --4
