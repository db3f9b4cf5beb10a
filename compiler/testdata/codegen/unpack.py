a, b = b, a
a, *b, c = t
(x, y), z = w
