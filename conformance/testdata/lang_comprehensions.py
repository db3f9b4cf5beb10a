# Comprehensions and generator expressions.

nums = list(range(10))
print([n * n for n in nums])
print([n for n in nums if n % 3 == 0])
print([(a, b) for a in range(3) for b in range(a)])
print([c.upper() for c in "abc" if c != "b"])
print([[i * j for j in range(3)] for i in range(3)])
print({n: n * n for n in range(5)})
print({k: v for k, v in [("a", 1), ("b", 2)] if v > 1})
print(sorted({n % 4 for n in nums}))
print(sum(x * x for x in nums))
print(max(len(w) for w in ["hi", "there", "you"]))
print(list(x for x in "hey"))
print(any(n > 8 for n in nums), all(n < 5 for n in nums))
print(tuple(i for i in range(3)))

# comprehension over dict items with unpacking
prices = {"apple": 3, "pear": 5, "kiwi": 2}
print([name for name, p in prices.items() if p >= 3])
print({p: name for name, p in prices.items()})

# nested with conditions on both levels
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([x for row in matrix if sum(row) > 6 for x in row if x % 2])
print([row[i] for i, row in enumerate(matrix)])
print(list(zip(*matrix)))

# closures inside comprehensions see the enclosing function's variables
def scaled(xs, factor):
    return [x * factor for x in xs]

print(scaled([1, 2, 3], 10))

def offsets(xs):
    base = 100
    return {x: base + x for x in xs}

print(offsets([1, 2]))

# generator expression consumed lazily
def noisy(n):
    print("produce", n)
    return n

g = (noisy(i) for i in range(3))
print("created")
print(next(g))
print(list(g))

# first iterable evaluated eagerly in the enclosing scope
def items():
    print("items called")
    return [1, 2]

gen = (i for i in items())
print("gen made")
print(list(gen))

# set comprehension with sorting for determinism
words = ["apple", "avocado", "banana", "blueberry", "cherry"]
print(sorted({w[0] for w in words}))

# dict comprehension building counts
text = "the quick the lazy the end"
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
print({w: c for w, c in counts.items() if c > 1})

# comprehension with a conditional expression
print(["even" if n % 2 == 0 else "odd" for n in range(4)])

# sum of a generator with a condition, min/max with key
print(sum(n for n in range(100) if n % 7 == 0))
print(min(words, key=lambda w: len(w)), max(words, key=len))

# generator passed as the only argument with other builtins
print(sorted((n % 5 for n in range(12)), reverse=True))
print(dict((str(i), i) for i in range(3)))
print(",".join(str(i) for i in range(5)))
