# Control flow: if/elif/else, while/for with else, break, continue, pass.

def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"

for v in [-5, 0, 3, 42]:
    print(v, classify(v))

# while with else (no break)
i = 0
total = 0
while i < 5:
    total += i
    i += 1
else:
    print("while finished", total)

# while with break skips else
i = 0
while True:
    i += 1
    if i > 3:
        break
else:
    print("never printed")
print("broke at", i)

# for/else: search
def find(xs, target):
    for idx, x in enumerate(xs):
        if x == target:
            print("found", target, "at", idx)
            break
    else:
        print(target, "not found")

find([4, 8, 15, 16], 15)
find([4, 8, 15, 16], 23)

# continue
odds = []
for k in range(10):
    if k % 2 == 0:
        continue
    odds.append(k)
print(odds)

# nested loops with break only breaking inner
pairs = []
for a in range(3):
    for b in range(3):
        if b > a:
            break
        pairs.append((a, b))
print(pairs)

# pass and empty bodies
for _ in range(2):
    pass
if True:
    pass
print("pass ok")

# conditional expressions and truthiness
for val in [0, 1, "", "x", [], [0], None, 0.0, {}]:
    print(repr(val), "truthy" if val else "falsy")

# chained comparisons
x = 5
print(1 < x < 10, 1 < x > 10, 0 <= x <= 5 < 6, 3 > x < 9)
calls = []
def t(v):
    calls.append(v)
    return v
print(t(1) < t(2) < t(0) < t(3))
print(calls)

# and / or return operands
print(0 or "default", "a" and "b", None and 1, [] or [] or 3)
print(not 0, not "x")

# while with continue and nested else
n = 0
count = 0
while n < 10:
    n += 1
    if n % 3:
        continue
    count += 1
print("multiples of 3:", count)

# break inside try/finally inside loop
for q in range(5):
    try:
        if q == 2:
            break
    finally:
        print("finally", q)
print("after loop q =", q)

# continue inside try/finally
for q in range(3):
    try:
        if q == 1:
            continue
        print("body", q)
    finally:
        print("cleanup", q)
