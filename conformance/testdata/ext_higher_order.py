print(sorted(["10", "9", "100"], key=int), list(map(int, "123")), "".join(filter(str.isdigit, "a1b2c3")))
print(list(map(str.upper, ["a", "b"])), list(map(len, ["ab", "c"])), sorted([3, -1, 2], key=abs))
acc = []
list(map(acc.append, range(3)))
print(acc, list(map(pow, [2, 3], [3, 2])), list(zip(*[(1, "a"), (2, "b")])))
print(*(x * x for x in range(4)))
print(dict.get({"a": 1}, "a"), str.join("-", ["x", "y"]), list.__name__ if hasattr(list, "__name__") else "list")
f = "{:.2f}".format
print(f(3.14159), list(map("{:>3}".format, [1, 22])))
import math
print(list(map(math.sqrt, [4, 9])), sum(map(math.floor, [1.5, 2.5])), max(map(abs, [-3, 2])))
keyf = lambda s: (len(s), s)
print(sorted(["bb", "a", "ccc", "ab"], key=keyf), min("zebra", "apple", key=len))
print(sorted({"x": 3, "y": 1}.items(), key=lambda kv: kv[1]), list(reversed(sorted("cab"))))
