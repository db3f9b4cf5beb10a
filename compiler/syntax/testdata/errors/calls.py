### 1:12: SyntaxError: non-default argument follows default argument
def f(a=1, b): pass
---
### 1:10: SyntaxError: duplicate argument 'a' in function definition
def f(a, a): pass
---
### 1:8: SyntaxError: keyword argument repeated: a
f(a=1, a=2)
---
### 1:9: SyntaxError: positional argument follows keyword argument
f(a=1, b)
---
### 1:3: SyntaxError: cannot assign to True
f(True=1)
---
### 1:3: SyntaxError: expression cannot contain assignment, perhaps you meant "=="?
f(a.b=1)
---
### 1:3: SyntaxError: Generator expression must be parenthesized
f(x for x in y, 1)
---
### 1:6: SyntaxError: Generator expression must be parenthesized
f(a, b for b in c)
---
### 1:7: SyntaxError: named arguments must follow bare *
def f(*): pass
---
### 1:12: SyntaxError: arguments cannot follow var-keyword argument
def f(**k, a): pass
---
### 1:8: SyntaxError: iterable argument unpacking follows keyword argument unpacking
f(**k, *a)
---
### 1:9: SyntaxError: positional argument follows keyword argument unpacking
f(**a, b)
---
### 1:11: SyntaxError: * argument may appear only once
def f(*a, *b): pass
---
### 1:10: SyntaxError: named arguments must follow bare *
def f(a, *, **k): pass
---
### 1:13: SyntaxError: non-default argument follows default argument
lambda x=1, y: 1
---
### 1:7: SyntaxError: iterable unpacking cannot be used in comprehension
print(*a for a in b)
---
### 1:7: SyntaxError: invalid syntax
def f(/): pass
---
### 1:17: SyntaxError: can't use starred expression here
def f(): return *a
