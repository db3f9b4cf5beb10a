### 1:1: SyntaxError: 'return' outside function
return 1
---
### 1:1: SyntaxError: 'break' outside loop
break
---
### 1:1: SyntaxError: 'continue' not properly in loop
continue
---
### 1:1: SyntaxError: 'yield' outside function
yield 1
---
### 1:5: SyntaxError: 'yield' outside function
x = yield
---
### 1:1: SyntaxError: nonlocal declaration not allowed at module level
nonlocal x
---
### 2:5: SyntaxError: no binding for nonlocal 'x' found
def f():
    nonlocal x
---
### 3:5: SyntaxError: name 'x' is used prior to global declaration
def f():
    print(x)
    global x
---
### 3:5: SyntaxError: name 'x' is assigned to before global declaration
def f():
    x = 1
    global x
---
### 2:5: SyntaxError: name 'x' is parameter and global
def f(x):
    global x
---
### 2:5: SyntaxError: name 'x' is parameter and nonlocal
def f(x):
    nonlocal x
---
### 5:9: SyntaxError: name 'x' is used prior to nonlocal declaration
def f():
    x = 1
    def g():
        print(x)
        nonlocal x
---
### 2:5: SyntaxError: name 'x' is nonlocal and global
def f():
    global x
    nonlocal x
---
### 4:5: SyntaxError: 'continue' not properly in loop
for x in y:
    break
else:
    continue
---
### 2:5: SyntaxError: 'return' outside function
class C:
    return 1
---
### 2:5: SyntaxError: 'yield' outside function
class C:
    yield 1
---
### 3:9: SyntaxError: 'break' outside loop
while x:
    def f():
        break
---
### 2:14: SyntaxError: 'yield' inside list comprehension
def f():
    return [(yield x) for x in y]
---
### 9:13: SyntaxError: no binding for nonlocal 'y' found
def f():
    x = 1
    class C:
        def g(self):
            nonlocal x
            x = 2
        y = 2
        def h(self):
            nonlocal y
---
### 3:5: SyntaxError: annotated name 'x' can't be global
def f():
    x: int = 1
    global x
---
### 1:23: SyntaxError: 'yield' inside list comprehension
x = [1 for x in y if (yield)]
---
### 5:5: SyntaxError: no binding for nonlocal 'q' found
def outer():
    def inner():
        nonlocal z
    z = 1
    nonlocal q
---
### 1:1: SyntaxError: 'await' outside function
await x
---
### 2:5: SyntaxError: 'await' outside async function
def f():
    await x
---
### 1:1: SyntaxError: 'async for' outside async function
async for x in y: pass
---
### 2:5: SyntaxError: 'async with' outside async function
def f():
    async with x: pass
---
### 1:1: SyntaxError: asynchronous comprehension outside of an asynchronous function
[await x for x in y]
---
### 2:12: SyntaxError: asynchronous comprehension outside of an asynchronous function
def f():
    return [x async for x in y]
---
### 2:9: SyntaxError: 'yield' outside function
class C:
    x: (yield) = 1
---
### 1:11: SyntaxError: 'await' outside function
def f(x: (await y)): pass
