# __index__: instances used as sequence indices and slice bounds, hex/bin.
class I:
    def __init__(self, n):
        self.n = n
    def __index__(self):
        return self.n

xs = [10, 20, 30, 40, 50]
print(xs[I(1)], xs[I(-1)], (1, 2, 3)[I(2)], "hello"[I(1)], b"abc"[I(0)], range(10)[I(3)])
print(xs[I(1):I(3)], xs[::I(2)], "abcdef"[I(1):I(5):I(2)], range(10)[I(2):I(8):I(3)])
xs[I(0)] = 99
del xs[I(1)]
xs[I(0):I(1)] = [7, 8]
print(xs)
d = {I(1): "obj"}
k = list(d)[0]
print(d[k])
print(hex(I(255)), bin(I(5)), [0, 1, 2][True])
class NoIndex:
    pass
try:
    xs[NoIndex()]
except TypeError as e:
    print(e)
class Bad:
    def __index__(self):
        return "x"
try:
    xs[Bad()]
except TypeError as e:
    print(e)
try:
    xs[I(100)]
except IndexError as e:
    print(e)
