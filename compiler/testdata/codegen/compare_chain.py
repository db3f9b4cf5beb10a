r = a < b <= c
s = a is not None and b not in c
